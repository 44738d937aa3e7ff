package io.kiban.identity.http;

import io.kiban.identity.CredentialCache;
import io.kiban.identity.IdentityService;
import io.kiban.identity.KibanPrincipal;
import io.kiban.identity.RateLimiter;
import io.kiban.identity.TokenService;
import io.kiban.platform.config.KibanProperties;
import io.kiban.platform.error.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates API clients as MLflow's clients send credentials: {@code Authorization: Bearer
 * <token>} (MLFLOW_TRACKING_TOKEN) or HTTP Basic with a username and a password or token
 * (MLFLOW_TRACKING_USERNAME / MLFLOW_TRACKING_PASSWORD). Such requests never use or create a
 * session. Wrong credentials are refused at once, never treated as anonymous.
 */
final class CredentialFilter extends OncePerRequestFilter {

  private final TokenService tokens;
  private final IdentityService identity;
  private final CredentialCache cache;
  private final RateLimiter limiter;
  private final KibanProperties properties;

  CredentialFilter(
      TokenService tokens,
      IdentityService identity,
      CredentialCache cache,
      RateLimiter limiter,
      KibanProperties properties) {
    this.tokens = tokens;
    this.identity = identity;
    this.cache = cache;
    this.limiter = limiter;
    this.properties = properties;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    if (header == null || header.isBlank()) {
      chain.doFilter(request, response);
      return;
    }
    String scheme = header.strip();
    Optional<KibanPrincipal> principal;
    String via;
    if (scheme.regionMatches(true, 0, "Bearer ", 0, 7)) {
      principal = tokens.authenticate(scheme.substring(7).strip());
      via = "token";
    } else if (scheme.regionMatches(true, 0, "Basic ", 0, 6)) {
      String[] pair = decodeBasic(scheme.substring(6).strip());
      if (pair == null) {
        refuse(request, response, "The Basic credentials are not valid base64 of user:password.");
        return;
      }
      String client = "basic:" + request.getRemoteAddr();
      if (pair[1].startsWith(TokenService.PREFIX)) {
        principal =
            tokens
                .authenticate(pair[1])
                .filter(p -> p.username().equals(pair[0].strip().toLowerCase(Locale.ROOT)));
        via = "token";
      } else {
        Optional<Long> remembered = cache.lookup(pair[0], pair[1]);
        if (remembered.isPresent()) {
          principal = identity.principal(remembered.get());
        } else {
          if (!limiter.tryAcquire(client, properties.security().signInPerMinute() * 6)) {
            throw429(request, response, limiter.retryAfterSeconds(client));
            return;
          }
          IdentityService.SignIn result = identity.signIn(pair[0], pair[1]);
          principal =
              result instanceof IdentityService.SignIn.Success s
                  ? Optional.of(s.principal())
                  : Optional.empty();
          principal.ifPresent(p -> cache.remember(pair[0], pair[1], p.userId()));
          if (result instanceof IdentityService.SignIn.Locked) {
            refuse(
                request,
                response,
                "The account is locked after repeated failed sign-ins; try again later.");
            return;
          }
        }
        via = "basic";
      }
    } else {
      refuse(request, response, "Unsupported Authorization scheme; use Bearer or Basic.");
      return;
    }
    if (principal.isEmpty()) {
      refuse(request, response, "Invalid, expired or revoked credentials.");
      return;
    }
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(new KibanAuthentication(principal.get(), via));
    SecurityContextHolder.setContext(context);
    try {
      chain.doFilter(request, response);
    } finally {
      SecurityContextHolder.clearContext();
    }
  }

  private static String[] decodeBasic(String encoded) {
    try {
      String text = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
      int colon = text.indexOf(':');
      return colon <= 0 ? null : new String[] {text.substring(0, colon), text.substring(colon + 1)};
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static void refuse(
      HttpServletRequest request, HttpServletResponse response, String message) throws IOException {
    response.setHeader("WWW-Authenticate", "Bearer realm=\"kiban\"");
    AuthErrors.write(request, response, ErrorCode.UNAUTHENTICATED, message);
  }

  private static void throw429(
      HttpServletRequest request, HttpServletResponse response, long retryAfter)
      throws IOException {
    response.setHeader("Retry-After", String.valueOf(retryAfter));
    AuthErrors.write(
        request,
        response,
        ErrorCode.REQUEST_LIMIT_EXCEEDED,
        "Too many password attempts from this address; try again in " + retryAfter + " seconds.");
  }
}
