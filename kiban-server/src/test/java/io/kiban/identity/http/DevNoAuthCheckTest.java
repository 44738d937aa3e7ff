package io.kiban.identity.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kiban.platform.config.KibanProperties;
import java.util.List;
import org.junit.jupiter.api.Test;

class DevNoAuthCheckTest {

  static KibanProperties properties(String host, boolean devNoAuth) {
    return io.kiban.support.TestProperties.of(host, List.of(), devNoAuth);
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
