package io.kiban.identity.http;

import io.kiban.platform.config.KibanProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * Single sign-on with an OpenID Connect provider (Keycloak, Entra ID, Okta, ...): authorization
 * code flow with PKCE, provider settings discovered from the issuer.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "kiban.oidc", name = "enabled", havingValue = "true")
class OidcConfiguration {

  static final String REGISTRATION_ID = "oidc";

  @Bean
  ClientRegistrationRepository oidcClientRegistrations(KibanProperties properties) {
    KibanProperties.Oidc oidc = properties.oidc();
    if (oidc.issuerUri().isBlank() || oidc.clientId().isBlank()) {
      throw new IllegalStateException(
          "kiban.oidc.enabled is true but kiban.oidc.issuer-uri or kiban.oidc.client-id is empty.");
    }
    ClientRegistration.Builder builder;
    try {
      builder = ClientRegistrations.fromIssuerLocation(oidc.issuerUri());
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "Cannot read the OpenID Connect discovery document of "
              + oidc.issuerUri()
              + ": "
              + e.getMessage(),
          e);
    }
    boolean publicClient = oidc.clientSecret().isBlank();
    ClientRegistration registration =
        builder
            .registrationId(REGISTRATION_ID)
            .clientId(oidc.clientId())
            .clientSecret(publicClient ? null : oidc.clientSecret())
            .clientAuthenticationMethod(
                publicClient
                    ? ClientAuthenticationMethod.NONE
                    : ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
            .scope(oidc.scopes().stream().map(String::strip).filter(s -> !s.isEmpty()).toList())
            .userNameAttributeName("sub")
            .clientName(oidc.buttonLabel().isBlank() ? "SSO" : oidc.buttonLabel())
            .build();
    return new InMemoryClientRegistrationRepository(registration);
  }

  /** PKCE (S256) for every client, confidential ones included. */
  static OAuth2AuthorizationRequestResolver pkceResolver(ClientRegistrationRepository clients) {
    DefaultOAuth2AuthorizationRequestResolver resolver =
        new DefaultOAuth2AuthorizationRequestResolver(clients, "/oauth2/authorization");
    resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
    return resolver;
  }
}
