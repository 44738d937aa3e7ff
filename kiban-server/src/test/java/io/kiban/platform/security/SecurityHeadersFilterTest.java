package io.kiban.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiban.platform.config.KibanProperties;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecurityHeadersFilterTest {

  static KibanProperties properties(String host, List<String> allowed, boolean remote) {
    return io.kiban.support.TestProperties.of(host, allowed, remote);
  }

  @Test
  void loopbackNamesAndConfiguredHostsAreAllowedWithOrWithoutPort() {
    SecurityHeadersFilter filter =
        new SecurityHeadersFilter(properties("127.0.0.1", List.of("kiban.example.co.jp"), false));
    assertThat(filter.allowed("localhost:5000")).isTrue();
    assertThat(filter.allowed("127.0.0.1")).isTrue();
    assertThat(filter.allowed("[::1]:5000")).isTrue();
    assertThat(filter.allowed("KIBAN.example.co.jp:443")).isTrue();
    assertThat(filter.allowed("attacker.example")).isFalse();
    assertThat(filter.allowed("attacker.example:5000")).isFalse();
    assertThat(filter.allowed("")).isFalse();
    assertThat(filter.allowed(null)).isFalse();
  }

  @Test
  void loopbackAddressesAreRecognised() {
    assertThat(properties("localhost", List.of(), false).loopbackOnly()).isTrue();
    assertThat(properties("127.0.0.2", List.of(), false).loopbackOnly()).isTrue();
    assertThat(properties("::1", List.of(), false).loopbackOnly()).isTrue();
    assertThat(properties("10.0.0.5", List.of(), false).loopbackOnly()).isFalse();
    assertThat(properties("0.0.0.0", List.of(), false).loopbackOnly()).isFalse();
  }
}
