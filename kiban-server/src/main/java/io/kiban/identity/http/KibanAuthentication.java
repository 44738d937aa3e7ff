package io.kiban.identity.http;

import io.kiban.identity.KibanPrincipal;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Spring Security's view of a Kiban principal. Only the user id matters across requests: the grants
 * are reloaded for every request.
 *
 * @param via how the request authenticated: "session", "token", "basic", "dev"
 */
final class KibanAuthentication extends AbstractAuthenticationToken {

  private static final long serialVersionUID = 1L;

  private final long userId;
  private final String username;
  private final String via;
  private final transient KibanPrincipal principal;

  KibanAuthentication(KibanPrincipal principal, String via) {
    super(
        principal.grants().stream()
            .map(g -> new SimpleGrantedAuthority("ROLE_" + g.role().name()))
            .toList());
    this.userId = principal.userId();
    this.username = principal.username();
    this.via = via;
    this.principal = principal;
    setAuthenticated(true);
  }

  long userId() {
    return userId;
  }

  String via() {
    return via;
  }

  /** The principal loaded for the current request; null after deserialisation from a session. */
  KibanPrincipal kibanPrincipal() {
    return principal;
  }

  @Override
  public Object getCredentials() {
    return "";
  }

  @Override
  public Object getPrincipal() {
    return username;
  }

  @Override
  public String getName() {
    return username;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof KibanAuthentication a && a.userId == userId && a.via.equals(via);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(userId) * 31 + via.hashCode();
  }

  static List<String> roles(KibanPrincipal p) {
    return p.grants().stream().map(g -> g.role().wireName() + "@" + g.workspace()).toList();
  }
}
