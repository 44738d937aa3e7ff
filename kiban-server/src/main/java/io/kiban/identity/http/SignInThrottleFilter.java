package io.kiban.identity.http;

import io.kiban.identity.RateLimiter;
import io.kiban.platform.config.KibanProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/** Limits sign-in attempts per client address, before any password is checked. */
final class SignInThrottleFilter extends OncePerRequestFilter {

  private final RateLimiter limiter;
  private final int perMinute;

  SignInThrottleFilter(RateLimiter limiter, KibanProperties properties) {
    this.limiter = limiter;
    this.perMinute = properties.security().signInPerMinute();
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !("POST".equals(request.getMethod()) && "/signin".equals(AuthErrors.path(request)));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String key = "signin:" + request.getRemoteAddr();
    if (!limiter.tryAcquire(key, perMinute)) {
      response.setHeader("Retry-After", String.valueOf(limiter.retryAfterSeconds(key)));
      response.sendRedirect(request.getContextPath() + "/signin?error=throttled");
      return;
    }
    chain.doFilter(request, response);
  }
}
