package io.kiban.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiban.support.Browserless;
import io.kiban.support.TestDatabases;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.Map;
import oidcprovider.LocalOidcProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Single sign-on against a real OpenID Connect provider (Spring Authorization Server) running in
 * the test: authorization code flow with PKCE, groups mapped to Kiban roles.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class OidcSignInIT {

  static int kibanPort;
  static int providerPort;
  static ConfigurableApplicationContext provider;

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) throws IOException {
    TestDatabases.h2(registry);
    kibanPort = freePort();
    providerPort = freePort();
    provider = LocalOidcProvider.start(providerPort, "http://127.0.0.1:" + kibanPort);
    registry.add("server.port", () -> kibanPort);
    registry.add("kiban.port", () -> kibanPort);
    registry.add("kiban.oidc.enabled", () -> "true");
    registry.add("kiban.oidc.issuer-uri", () -> "http://127.0.0.1:" + providerPort);
    registry.add("kiban.oidc.client-id", () -> LocalOidcProvider.CLIENT_ID);
    registry.add("kiban.oidc.client-secret", () -> LocalOidcProvider.CLIENT_SECRET);
    registry.add(
        "kiban.oidc.role-mappings", () -> "ai-governance=governance_officer,staff=viewer@default");
    registry.add("kiban.oidc.button-label", () -> "Sign in with Example SSO");
  }

  @AfterAll
  static void stopProvider() {
    if (provider != null) {
      provider.close();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Autowired JdbcClient jdbc;

  String kiban(String path) {
    return "http://127.0.0.1:" + kibanPort + path;
  }

  /** Walks the authorization code flow as a browser would; returns the browser, signed in. */
  Browserless signInThroughProvider(String user) {
    Browserless browser = new Browserless(kibanPort);
    HttpResponse<String> start = browser.getAbsolute(kiban("/oauth2/authorization/oidc"));
    assertThat(start.statusCode()).isEqualTo(302);
    String authorize = start.headers().firstValue("Location").orElseThrow();
    assertThat(authorize)
        .startsWith("http://127.0.0.1:" + providerPort + "/oauth2/authorize")
        .contains("code_challenge=", "code_challenge_method=S256", "scope=openid");
    HttpResponse<String> toLogin = browser.getAbsolute(authorize);
    assertThat(toLogin.statusCode()).isEqualTo(302);
    String loginUrl = toLogin.headers().firstValue("Location").orElseThrow();
    HttpResponse<String> loginPage = browser.getAbsolute(loginUrl);
    String csrf = Browserless.csrfOf(loginPage.body());
    HttpResponse<String> loggedIn =
        browser.postAbsolute(
            loginUrl,
            Map.of("username", user, "password", LocalOidcProvider.PASSWORD, "_csrf", csrf));
    assertThat(loggedIn.statusCode()).isEqualTo(302);
    HttpResponse<String> back =
        browser.getAbsolute(loggedIn.headers().firstValue("Location").orElseThrow());
    assertThat(back.statusCode()).isEqualTo(302);
    String callback = back.headers().firstValue("Location").orElseThrow();
    assertThat(callback).startsWith(kiban("/login/oauth2/code/oidc")).contains("code=");
    HttpResponse<String> done = browser.getAbsolute(callback);
    assertThat(done.statusCode()).as(done.body()).isEqualTo(302);
    assertThat(done.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
    return browser;
  }

  @Test
  void signInPageOffersSingleSignOn() {
    String page = new Browserless(kibanPort).get("/signin").body();
    assertThat(page).contains("/oauth2/authorization/oidc", "Sign in with Example SSO");
  }

  @Test
  void providerUsersSignInWithPkceAndGetRolesFromTheirGroups() {
    Browserless browser = signInThroughProvider("hanako");
    HttpResponse<String> me = browser.getJson(kiban("/api/kiban/v1/me"));
    assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
    JsonNode json = JsonMapper.builder().build().readTree(me.body());
    assertThat(json.path("username").asString()).isEqualTo("hanako");
    assertThat(json.path("source").asString()).isEqualTo("oidc");
    assertThat(json.path("email").asString()).isEqualTo("hanako@example.co.jp");
    assertThat(json.path("grants").toString())
        .contains("governance_officer", "\"*\"", "viewer", "default");
    assertThat(browser.getAbsolute(kiban("/experiments")).statusCode()).isEqualTo(200);
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM audit_event WHERE action = 'grant.synced' AND entity_id = 'hanako'")
                .query(Long.class)
                .single())
        .isEqualTo(1);

    Browserless again = signInThroughProvider("hanako");
    assertThat(again.getJson(kiban("/api/kiban/v1/me")).statusCode()).isEqualTo(200);
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM kiban_user WHERE username = 'hanako'")
                .query(Long.class)
                .single())
        .as("the account is created once and reused")
        .isEqualTo(1);
  }

  @Test
  void groupsWithoutMappingGiveOnlyTheMappedRoles() {
    Browserless browser = signInThroughProvider("taro");
    JsonNode me =
        JsonMapper.builder().build().readTree(browser.getJson(kiban("/api/kiban/v1/me")).body());
    assertThat(me.path("grants")).hasSize(1);
    assertThat(me.path("grants").get(0).path("role").asString()).isEqualTo("viewer");
    assertThat(browser.getJson(kiban("/api/kiban/v1/users")).statusCode()).isEqualTo(403);
  }
}
