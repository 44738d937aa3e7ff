package io.kiban.identity.http;

import io.kiban.platform.error.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Answers refused requests in the shape the caller expects: MLflow's error JSON on the MLflow API,
 * RFC 9457 problem details on Kiban's API.
 */
final class AuthErrors {

  private AuthErrors() {}

  static boolean isApi(HttpServletRequest request) {
    String path = path(request);
    return path.startsWith("/api/") || path.startsWith("/ajax-api/") || path.startsWith("/ui/");
  }

  static String path(HttpServletRequest request) {
    String uri = request.getRequestURI();
    String context = request.getContextPath();
    return context != null && !context.isEmpty() && uri.startsWith(context)
        ? uri.substring(context.length())
        : uri;
  }

  static void write(
      HttpServletRequest request, HttpServletResponse response, ErrorCode code, String message)
      throws IOException {
    response.setStatus(code.httpStatus());
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    String body;
    if (path(request).startsWith("/api/kiban/")) {
      response.setContentType("application/problem+json");
      body =
          "{\"type\":\"urn:kiban:error:"
              + code.name().toLowerCase(Locale.ROOT)
              + "\",\"title\":\""
              + code.name()
              + "\",\"status\":"
              + code.httpStatus()
              + ",\"detail\":"
              + quote(message)
              + ",\"instance\":"
              + quote(path(request))
              + "}";
    } else {
      response.setContentType("application/json");
      body = "{\"error_code\":\"" + code.name() + "\",\"message\":" + quote(message) + "}";
    }
    response.getWriter().write(body);
  }

  static String quote(String s) {
    return io.kiban.platform.json.JsonText.quoted(s);
  }
}
