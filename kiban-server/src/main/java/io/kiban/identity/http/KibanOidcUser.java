package io.kiban.identity.http;

import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/** A user signed in through the identity provider, tied to its Kiban account. */
final class KibanOidcUser extends DefaultOidcUser {

  private static final long serialVersionUID = 1L;

  private final long userId;

  KibanOidcUser(OidcUser source, long userId, String usernameClaim) {
    super(
        List.of(new SimpleGrantedAuthority("ROLE_USER")),
        source.getIdToken(),
        source.getUserInfo(),
        usernameClaim);
    this.userId = userId;
  }

  long userId() {
    return userId;
  }
}
