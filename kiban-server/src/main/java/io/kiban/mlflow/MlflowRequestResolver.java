package io.kiban.mlflow;

import io.kiban.platform.error.KibanException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Builds an {@link MlflowRequest} from the query string (GET) or the JSON body (others). */
final class MlflowRequestResolver implements HandlerMethodArgumentResolver {

  /** Largest JSON body accepted by any RPC; log-batch has its own, smaller limit. */
  static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

  private static final JsonMapper READER =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == MlflowRequest.class;
  }

  @Override
  public Object resolveArgument(
      MethodParameter parameter,
      ModelAndViewContainer mavContainer,
      NativeWebRequest webRequest,
      WebDataBinderFactory binderFactory)
      throws IOException {
    HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
    if ("GET".equals(request.getMethod())) {
      Map<String, List<String>> query = new LinkedHashMap<>();
      request.getParameterMap().forEach((k, v) -> query.put(k, Arrays.asList(v)));
      return MlflowRequest.ofQuery(query);
    }
    byte[] body = readBody(request);
    if (body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
      return MlflowRequest.ofJson(READER.createObjectNode(), 0);
    }
    return MlflowRequest.ofJson(parse(body), body.length);
  }

  static JsonNode parse(byte[] body) {
    try {
      JsonNode root = READER.readTree(body);
      if (root.isString()) {
        // Old clients send the JSON document encoded once more as a JSON string.
        root = READER.readTree(root.stringValue());
      }
      if (!root.isObject()) {
        throw KibanException.invalid("Malformed request body: expected a JSON object");
      }
      return root;
    } catch (JacksonException e) {
      throw KibanException.invalid("Malformed JSON in request body: " + e.getOriginalMessage());
    }
  }

  private static byte[] readBody(HttpServletRequest request) throws IOException {
    long declared = request.getContentLengthLong();
    if (declared > MAX_BODY_BYTES) {
      throw tooLarge(declared);
    }
    try (InputStream in = request.getInputStream()) {
      byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
      if (bytes.length > MAX_BODY_BYTES) {
        throw tooLarge(bytes.length);
      }
      return bytes;
    }
  }

  private static KibanException tooLarge(long size) {
    return KibanException.invalid(
        "Request body of " + size + " bytes exceeds the limit of " + MAX_BODY_BYTES + " bytes");
  }
}
