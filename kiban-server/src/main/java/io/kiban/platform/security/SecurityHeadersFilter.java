package io.kiban.platform.security;

import io.kiban.platform.config.KibanProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses requests whose Host header is not an allowed name (DNS-rebinding protection) and adds
 * security headers to every response: a Content-Security-Policy that allows scripts only from Kiban
 * itself, no framing, no MIME sniffing, and a same-origin referrer policy.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SecurityHeadersFilter extends OncePerRequestFilter {

  static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
          + " img-src 'self' data: blob:; connect-src 'self'; font-src 'self';"
          + " object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

  private final Set<String> allowedHosts = new LinkedHashSet<>();
  private final boolean anyHost;

  public SecurityHeadersFilter(KibanProperties properties) {
    allowedHosts.addAll(Set.of("localhost", "127.0.0.1", "[::1]", "::1"));
    allowedHosts.add(properties.host().toLowerCase(Locale.ROOT));
    boolean any = false;
    for (String host : properties.security().allowedHosts()) {
      String h = host.strip().toLowerCase(Locale.ROOT);
      if (h.equals("*")) {
        any = true;
      } else if (!h.isEmpty()) {
        allowedHosts.add(h);
      }
    }
    this.anyHost = any;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setHeader("Content-Security-Policy", CSP);
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "same-origin");
    response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    String host = request.getHeader("Host");
    if (!anyHost && !allowed(host)) {
      response.setStatus(403);
      response.setContentType("application/json");
      response
          .getWriter()
          .write(
              "{\"error_code\":\"PERMISSION_DENIED\",\"message\":\"Host header '"
                  + sanitize(host)
                  + "' is not allowed; add it to KIBAN_SECURITY_ALLOWED_HOSTS\"}");
      return;
    }
    chain.doFilter(request, response);
  }

  boolean allowed(String hostHeader) {
    if (hostHeader == null || hostHeader.isBlank()) {
      return false;
    }
    String h = hostHeader.strip().toLowerCase(Locale.ROOT);
    if (allowedHosts.contains(h)) {
      return true;
    }
    int colon = h.lastIndexOf(':');
    boolean bracketed = h.startsWith("[");
    if (colon > 0 && (!bracketed || h.lastIndexOf(']') < colon)) {
      String name = h.substring(0, colon);
      return allowedHosts.contains(name);
    }
    return false;
  }

  private static String sanitize(String host) {
    if (host == null) {
      return "";
    }
    String clean = host.replaceAll("[^A-Za-z0-9.:\\[\\]\\-]", "?");
    return clean.length() > 100 ? clean.substring(0, 100) : clean;
  }
}
