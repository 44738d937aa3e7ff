package io.kiban.identity.http;

import io.kiban.identity.IdentityService;
import io.kiban.identity.KibanPrincipal;
import io.kiban.identity.RoleMapping;
import io.kiban.platform.config.KibanProperties;
import io.kiban.platform.error.KibanException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Turns the provider's user into a Kiban account: username from the configured claim, grants from
 * the groups claim through the role mappings.
 */
final class KibanOidcUserService extends OidcUserService {

  private final IdentityService identity;
  private final RoleMapping mapping;
  private final KibanProperties.Oidc settings;

  KibanOidcUserService(IdentityService identity, RoleMapping mapping, KibanProperties properties) {
    this.identity = identity;
    this.mapping = mapping;
    this.settings = properties.oidc();
  }

  @Override
  public OidcUser loadUser(OidcUserRequest request) {
    OidcUser user = super.loadUser(request);
    String username = claimString(user, settings.usernameClaim());
    if (username == null) {
      username = user.getEmail();
    }
    if (username == null) {
      throw failure("The identity provider sent no '" + settings.usernameClaim() + "' claim.");
    }
    List<String> groups = claimList(user.getClaims().get(settings.groupsClaim()));
    String subject =
        request.getClientRegistration().getProviderDetails().getIssuerUri()
            + "#"
            + user.getSubject();
    KibanPrincipal principal;
    try {
      principal =
          identity.oidcSignIn(
              subject, username, user.getFullName(), user.getEmail(), mapping.targetsFor(groups));
    } catch (KibanException e) {
      throw failure(e.getMessage());
    }
    return new KibanOidcUser(user, principal.userId(), "sub");
  }

  private static String claimString(OidcUser user, String claim) {
    Object value = user.getClaims().get(claim);
    return value == null ? null : value.toString();
  }

  static List<String> claimList(Object value) {
    List<String> groups = new ArrayList<>();
    if (value instanceof Collection<?> c) {
      c.forEach(v -> groups.add(String.valueOf(v)));
    } else if (value instanceof String s) {
      for (String part : s.split("[,\\s]+")) {
        if (!part.isBlank()) {
          groups.add(part);
        }
      }
    }
    return groups;
  }

  private static OAuth2AuthenticationException failure(String message) {
    return new OAuth2AuthenticationException(
        new OAuth2Error("kiban_account", message, null), message);
  }
}
