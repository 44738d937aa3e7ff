package io.kiban.identity.http;

import io.kiban.identity.IdentityService;
import io.kiban.identity.KibanPrincipal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * For requests signed in by session cookie: reloads the account and its grants, so a deactivated
 * user or a revoked grant takes effect on the next request; a vanished or deactivated account ends
 * the session.
 */
final class PrincipalRefreshFilter extends OncePerRequestFilter {

  private final IdentityService identity;

  PrincipalRefreshFilter(IdentityService identity) {
    this.identity = identity;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    Long userId = null;
    if (auth instanceof KibanAuthentication k && "session".equals(k.via())) {
      userId = k.userId();
    } else if (auth != null && auth.getPrincipal() instanceof KibanOidcUser oidc) {
      userId = oidc.userId();
    }
    if (userId == null) {
      chain.doFilter(request, response);
      return;
    }
    Optional<KibanPrincipal> fresh = identity.principal(userId);
    SecurityContext previous = SecurityContextHolder.getContext();
    if (fresh.isEmpty()) {
      HttpSession session = request.getSession(false);
      if (session != null) {
        session.invalidate();
      }
      SecurityContextHolder.clearContext();
      chain.doFilter(request, response);
      return;
    }
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(new KibanAuthentication(fresh.get(), "session"));
    SecurityContextHolder.setContext(context);
    try {
      chain.doFilter(request, response);
    } finally {
      SecurityContextHolder.setContext(previous);
    }
  }
}
