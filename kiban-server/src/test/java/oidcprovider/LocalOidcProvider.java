package oidcprovider;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * A real OpenID Connect provider for tests: Spring Authorization Server on its own port, with one
 * confidential client that must use PKCE and users whose ID tokens carry a "groups" claim. It lives
 * outside io.kiban so Kiban's component scan never sees it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class LocalOidcProvider {

  public static final String CLIENT_ID = "kiban";
  public static final String CLIENT_SECRET = "kiban-client-secret";

  /** Users of the provider: username -> password and groups. */
  public static final Map<String, List<String>> GROUPS =
      Map.of("hanako", List.of("ai-governance", "staff"), "taro", List.of("staff"));

  public static final String PASSWORD = "Provider-Passw0rd-1";

  /** Starts the provider on a free port; Kiban's redirect URI is on {@code kibanBase}. */
  public static ConfigurableApplicationContext start(int port, String kibanBase) {
    return new SpringApplicationBuilder(LocalOidcProvider.class)
        .properties(
            "spring.config.name=oidc-provider",
            "server.port=" + port,
            "server.address=127.0.0.1",
            "server.servlet.session.cookie.name=PROVIDER_SESSION",
            "spring.flyway.enabled=false",
            "spring.datasource.url=jdbc:h2:mem:oidc-" + UUID.randomUUID(),
            "spring.main.banner-mode=off",
            "kiban.test.redirect=" + kibanBase + "/login/oauth2/code/oidc",
            "kiban.test.issuer=http://127.0.0.1:" + port)
        .run();
  }

  @Bean
  @Order(1)
  SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
    OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
    http.securityMatcher(server.getEndpointsMatcher())
        .with(server, s -> s.oidc(Customizer.withDefaults()))
        .authorizeHttpRequests(a -> a.anyRequest().authenticated())
        .exceptionHandling(
            e ->
                e.defaultAuthenticationEntryPointFor(
                    new LoginUrlAuthenticationEntryPoint("/login"),
                    new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain login(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(a -> a.anyRequest().authenticated())
        .formLogin(Customizer.withDefaults());
    return http.build();
  }

  @Bean
  UserDetailsService users() {
    return new InMemoryUserDetailsManager(
        GROUPS.keySet().stream()
            .map(u -> User.withUsername(u).password("{noop}" + PASSWORD).roles("USER").build())
            .toList()
            .toArray(new org.springframework.security.core.userdetails.UserDetails[0]));
  }

  @Bean
  RegisteredClientRepository clients(Environment env) {
    RegisteredClient kiban =
        RegisteredClient.withId(UUID.randomUUID().toString())
            .clientId(CLIENT_ID)
            .clientSecret("{noop}" + CLIENT_SECRET)
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .redirectUri(env.getRequiredProperty("kiban.test.redirect"))
            .scope(OidcScopes.OPENID)
            .scope(OidcScopes.PROFILE)
            .scope(OidcScopes.EMAIL)
            .clientSettings(
                ClientSettings.builder()
                    .requireProofKey(true)
                    .requireAuthorizationConsent(false)
                    .build())
            .build();
    return new InMemoryRegisteredClientRepository(kiban);
  }

  @Bean
  OAuth2TokenCustomizer<JwtEncodingContext> groupsClaim() {
    return context -> {
      if ("id_token".equals(context.getTokenType().getValue())) {
        String user = context.getPrincipal().getName();
        context.getClaims().claim("preferred_username", user);
        context.getClaims().claim("email", user + "@example.co.jp");
        context.getClaims().claim("name", user.substring(0, 1).toUpperCase() + user.substring(1));
        context.getClaims().claim("groups", GROUPS.getOrDefault(user, List.of()));
      }
    };
  }

  @Bean
  JWKSource<SecurityContext> keys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    RSAKey key =
        new RSAKey.Builder((RSAPublicKey) pair.getPublic())
            .privateKey((RSAPrivateKey) pair.getPrivate())
            .keyID(UUID.randomUUID().toString())
            .build();
    return new ImmutableJWKSet<>(new JWKSet(key));
  }

  @Bean
  org.springframework.security.oauth2.jwt.JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys) {
    return org.springframework.security.config.annotation.web.configuration
        .OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
  }

  @Bean
  AuthorizationServerSettings settings(Environment env) {
    return AuthorizationServerSettings.builder()
        .issuer(env.getRequiredProperty("kiban.test.issuer"))
        .build();
  }
}
