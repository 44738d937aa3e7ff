package io.kiban.platform.security;

import io.kiban.platform.config.KibanProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps request bodies (kiban.security.max-json-body) everywhere except the artifact upload proxy,
 * which streams files of any size to the store. A declared length over the cap is refused before
 * reading; a chunked body is cut off when it passes the cap.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class RequestSizeFilter extends OncePerRequestFilter {

  private final long max;

  public RequestSizeFilter(KibanProperties properties) {
    this.max = properties.security().maxJsonBody();
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String uri = request.getRequestURI();
    return max <= 0 || uri.contains("/mlflow-artifacts/artifacts/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long declared = request.getContentLengthLong();
    if (declared > max) {
      refuse(request, response);
      return;
    }
    chain.doFilter(declared >= 0 ? request : new Capped(request, max), response);
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
    response.setStatus(413);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    String message = "The request body is larger than the limit of " + max + " bytes.";
    if (request.getRequestURI().startsWith("/api/kiban/")) {
      response.setContentType("application/problem+json");
      response
          .getWriter()
          .write(
              "{\"type\":\"urn:kiban:error:request_too_large\",\"title\":\"REQUEST_TOO_LARGE\","
                  + "\"status\":413,\"detail\":\""
                  + message
                  + "\"}");
    } else {
      response.setContentType("application/json");
      response
          .getWriter()
          .write("{\"error_code\":\"REQUEST_TOO_LARGE\",\"message\":\"" + message + "\"}");
    }
  }

  /** A body without a declared length, cut off at the cap. */
  static final class Capped extends HttpServletRequestWrapper {

    private final long max;
    private ServletInputStream stream;

    Capped(HttpServletRequest request, long max) {
      super(request);
      this.max = max;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        ServletInputStream in = super.getInputStream();
        stream =
            new ServletInputStream() {
              private long read;

              @Override
              public int read() throws IOException {
                int b = in.read();
                if (b >= 0) {
                  count(1);
                }
                return b;
              }

              @Override
              public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = in.read(buffer, offset, length);
                if (n > 0) {
                  count(n);
                }
                return n;
              }

              private void count(int n) throws IOException {
                read += n;
                if (read > max) {
                  throw new BodyTooLargeException(max);
                }
              }

              @Override
              public boolean isFinished() {
                return in.isFinished();
              }

              @Override
              public boolean isReady() {
                return in.isReady();
              }

              @Override
              public void setReadListener(ReadListener listener) {
                in.setReadListener(listener);
              }
            };
      }
      return stream;
    }
  }

  /** Thrown while reading a chunked body past the cap; answered with 413. */
  public static final class BodyTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    BodyTooLargeException(long max) {
      super("The request body is larger than the limit of " + max + " bytes.");
    }
  }
}
