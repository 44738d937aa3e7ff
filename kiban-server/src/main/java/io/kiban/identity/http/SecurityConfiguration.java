package io.kiban.identity.http;

import io.kiban.identity.CredentialCache;
import io.kiban.identity.IdentityService;
import io.kiban.identity.KibanPrincipal;
import io.kiban.identity.RateLimiter;
import io.kiban.identity.RoleMapping;
import io.kiban.identity.TokenService;
import io.kiban.platform.config.KibanProperties;
import io.kiban.platform.error.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may reach what over HTTP: everything needs an authenticated principal except the health
 * check, the sign-in page and static files. What a principal may do is decided in the services
 * ({@link io.kiban.identity.AccessControl}), not here.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

  static final String[] PUBLIC =
      new String[] {
        "/health", "/signin", "/static/**", "/webjars/**", "/favicon.ico", "/error",
      };

  @Bean
  SecurityFilterChain kibanSecurity(
      HttpSecurity http,
      KibanProperties properties,
      TokenService tokens,
      IdentityService identity,
      CredentialCache cache,
      RateLimiter limiter,
      RoleMapping roleMapping,
      ObjectProvider<ClientRegistrationRepository> oidcClients)
      throws Exception {
    boolean devNoAuth = checkDevNoAuth(properties);
    HttpSessionRequestCache requestCache = new HttpSessionRequestCache();
    requestCache.setRequestMatcher(request -> !AuthErrors.isApi(request));

    CsrfTokenRequestAttributeHandler csrfHandler = new CsrfTokenRequestAttributeHandler();
    csrfHandler.setCsrfRequestAttributeName(null);
    // Forged cross-site requests ride on the browser's session cookie; requests that carry their
    // own credentials (Authorization header) or no session at all have nothing to forge, except
    // the sign-in form itself (login CSRF).
    RequestMatcher csrfRequired =
        request ->
            !isSafe(request.getMethod())
                && request.getHeader("Authorization") == null
                && !devNoAuth
                && (request.getRequestedSessionId() != null
                    || "/signin".equals(AuthErrors.path(request)));

    http.authorizeHttpRequests(
            a -> a.requestMatchers(PUBLIC).permitAll().anyRequest().authenticated())
        .csrf(
            c -> c.requireCsrfProtectionMatcher(csrfRequired).csrfTokenRequestHandler(csrfHandler))
        .headers(h -> h.disable())
        .requestCache(r -> r.requestCache(requestCache))
        .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
        .formLogin(
            f ->
                f.loginPage("/signin")
                    .loginProcessingUrl("/signin")
                    .usernameParameter("username")
                    .passwordParameter("password")
                    .failureHandler(new SignInFailureHandler())
                    .permitAll())
        .logout(
            l ->
                l.logoutUrl("/signout")
                    .logoutSuccessUrl("/signin?signedOut")
                    .deleteCookies("KIBAN_SESSION"))
        .authenticationProvider(new PasswordProvider(identity))
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(
                        (request, response, ex) -> {
                          if (AuthErrors.isApi(request)) {
                            response.setHeader("WWW-Authenticate", "Bearer realm=\"kiban\"");
                            AuthErrors.write(
                                request,
                                response,
                                ErrorCode.UNAUTHENTICATED,
                                "Authentication required: send Authorization: Bearer <API token>"
                                    + " or HTTP Basic credentials, or sign in.");
                          } else {
                            new LoginUrlAuthenticationEntryPoint("/signin")
                                .commence(request, response, ex);
                          }
                        })
                    .accessDeniedHandler(
                        (request, response, ex) -> {
                          if (AuthErrors.isApi(request)) {
                            AuthErrors.write(
                                request,
                                response,
                                ErrorCode.PERMISSION_DENIED,
                                "The request has no valid CSRF token; reload the page and try"
                                    + " again.");
                          } else {
                            response.sendRedirect(
                                request.getContextPath() + "/signin?error=expired");
                          }
                        }))
        .addFilterBefore(
            new SignInThrottleFilter(limiter, properties),
            UsernamePasswordAuthenticationFilter.class)
        .addFilterBefore(
            new CredentialFilter(tokens, identity, cache, limiter, properties), LogoutFilter.class)
        .addFilterAfter(new PrincipalRefreshFilter(identity), SecurityContextHolderFilter.class);

    if (devNoAuth) {
      http.addFilterAfter(new DevNoAuthFilter(identity), PrincipalRefreshFilter.class);
    }
    ClientRegistrationRepository clients = oidcClients.getIfAvailable();
    if (clients != null) {
      http.oauth2Login(
          o ->
              o.loginPage("/signin")
                  .clientRegistrationRepository(clients)
                  .authorizationEndpoint(
                      a -> a.authorizationRequestResolver(OidcConfiguration.pkceResolver(clients)))
                  .userInfoEndpoint(
                      u ->
                          u.oidcUserService(
                              new KibanOidcUserService(identity, roleMapping, properties)))
                  .failureHandler(
                      (request, response, ex) -> {
                        log.warn("Single sign-on failed: {}", ex.getMessage());
                        response.sendRedirect(request.getContextPath() + "/signin?error=sso");
                      }));
    }
    return http.build();
  }

  /**
   * Requests the firewall refuses (path traversal such as {@code ..}, encoded slashes, control
   * characters) get a 400 in the API's error shape instead of a bare error page.
   */
  @Bean
  org.springframework.security.web.firewall.RequestRejectedHandler requestRejectedHandler() {
    return (request, response, ex) -> {
      log.debug("Rejected request {}: {}", request.getRequestURI(), ex.getMessage());
      AuthErrors.write(request, response, ErrorCode.INVALID_PARAMETER_VALUE, "Invalid path");
    };
  }

  /**
   * The development flag that turns authentication off is refused unless Kiban listens on loopback
   * only, and logged loudly when used.
   */
  static boolean checkDevNoAuth(KibanProperties properties) {
    if (!properties.security().insecureDevNoAuth()) {
      return false;
    }
    if (!properties.loopbackOnly()) {
      throw new IllegalStateException(
          "kiban.security.insecure-dev-no-auth is only accepted while Kiban listens on a"
              + " loopback address; it would let anyone who reaches "
              + properties.host()
              + " read and change everything.");
    }
    log.warn(
        "!!! AUTHENTICATION IS OFF (kiban.security.insecure-dev-no-auth): every request acts as"
            + " the administrator. For development on this machine only. !!!");
    return true;
  }

  /** The session cookie is Secure on HTTPS; behind a TLS proxy Tomcat cannot tell, so say so. */
  @Bean
  ServletContextInitializer secureSessionCookie(KibanProperties properties) {
    return servletContext -> {
      if (properties.security().behindProxy() || properties.security().secureCookies()) {
        servletContext.getSessionCookieConfig().setSecure(true);
      }
    };
  }

  private static boolean isSafe(String method) {
    return method.equals("GET")
        || method.equals("HEAD")
        || method.equals("OPTIONS")
        || method.equals("TRACE");
  }

  /** Sign-in form: Kiban's accounts with lockout; the answer never says whether a user exists. */
  static final class PasswordProvider implements AuthenticationProvider {

    private final IdentityService identity;

    PasswordProvider(IdentityService identity) {
      this.identity = identity;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
      String username = authentication.getName();
      Object credentials = authentication.getCredentials();
      IdentityService.SignIn result =
          identity.signIn(username, credentials == null ? null : credentials.toString());
      return switch (result) {
        case IdentityService.SignIn.Success s -> new KibanAuthentication(s.principal(), "session");
        case IdentityService.SignIn.Locked l ->
            throw new LockedException("Account locked until " + l.until());
        case IdentityService.SignIn.Failure f -> throw new BadCredentialsException("bad");
      };
    }

    @Override
    public boolean supports(Class<?> authentication) {
      return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
  }

  /** Development only: an unauthenticated request acts as the first administrator. */
  static final class DevNoAuthFilter extends org.springframework.web.filter.OncePerRequestFilter {

    private final IdentityService identity;

    DevNoAuthFilter(IdentityService identity) {
      this.identity = identity;
    }

    @Override
    protected void doFilterInternal(
        HttpServletRequest request,
        jakarta.servlet.http.HttpServletResponse response,
        jakarta.servlet.FilterChain chain)
        throws jakarta.servlet.ServletException, java.io.IOException {
      var context = org.springframework.security.core.context.SecurityContextHolder.getContext();
      if (context.getAuthentication() == null
          || !(context.getAuthentication() instanceof KibanAuthentication)) {
        Optional<KibanPrincipal> admin = identity.principal("admin");
        if (admin.isPresent()) {
          var fresh =
              org.springframework.security.core.context.SecurityContextHolder.createEmptyContext();
          fresh.setAuthentication(new KibanAuthentication(admin.get(), "dev"));
          org.springframework.security.core.context.SecurityContextHolder.setContext(fresh);
        }
      }
      chain.doFilter(request, response);
    }
  }
}
