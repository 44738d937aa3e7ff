package io.kiban.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiban.support.Browserless;
import io.kiban.support.RawHttp;
import io.kiban.support.TestAuth;
import io.kiban.support.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Rate limits on sign-in and token creation, with small budgets so a test can exhaust them. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "kiban.security.sign-in-per-minute=3",
      "kiban.security.token-requests-per-minute=2"
    })
class SignInLimitsIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.h2(registry);
  }

  @LocalServerPort int port;

  @Test
  void signInAttemptsPerAddressAreLimitedBeforeAnyPasswordIsChecked() {
    Browserless browser = new Browserless(port);
    for (int i = 0; i < 3; i++) {
      assertThat(browser.signIn("nobody", "guess-" + i)).contains("error=bad");
    }
    assertThat(browser.signIn(TestAuth.ADMIN, TestAuth.ADMIN_PASSWORD))
        .as("even the right password is not checked once the budget is spent")
        .contains("error=throttled");
    assertThat(browser.get("/signin?error=throttled").body()).contains("Too many sign-in attempts");
  }

  @Test
  void tokenCreationIsLimitedPerUser() {
    RawHttp admin = new RawHttp(port);
    for (int i = 0; i < 2; i++) {
      assertThat(admin.post("/api/kiban/v1/me/tokens", "{\"name\":\"t" + i + "\"}").status())
          .isEqualTo(201);
    }
    RawHttp.Response limited = admin.post("/api/kiban/v1/me/tokens", "{\"name\":\"t3\"}");
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.json().path("detail").asString()).contains("Too many tokens");
  }
}
