package io.kiban.identity.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kiban.platform.config.KibanProperties;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DevNoAuthCheckTest {

  static KibanProperties properties(String host, boolean devNoAuth) {
    return new KibanProperties(
        host,
        5000,
        Path.of("kiban-data"),
        new KibanProperties.Database("", "", "", 4),
        new KibanProperties.Artifacts(""),
        new KibanProperties.Security(List.of(), List.of(), false, false, devNoAuth, 1024, 10, 10),
        new KibanProperties.Identity("", 12, 5, 60, 90, 730, 30),
        new KibanProperties.Oidc(
            false, "", "", "", List.of("openid"), "preferred_username", "groups", List.of(), ""),
        new KibanProperties.Registry(List.of("production")));
  }

  @Test
  void authenticationCanOnlyBeSwitchedOffOnLoopback() {
    assertThat(SecurityConfiguration.checkDevNoAuth(properties("0.0.0.0", false))).isFalse();
    assertThat(SecurityConfiguration.checkDevNoAuth(properties("127.0.0.1", true))).isTrue();
    assertThatThrownBy(() -> SecurityConfiguration.checkDevNoAuth(properties("0.0.0.0", true)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("loopback");
    assertThatThrownBy(() -> SecurityConfiguration.checkDevNoAuth(properties("10.1.2.3", true)))
        .isInstanceOf(IllegalStateException.class);
  }
}
