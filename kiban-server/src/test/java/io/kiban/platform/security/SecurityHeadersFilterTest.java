package io.kiban.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiban.platform.config.KibanProperties;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecurityHeadersFilterTest {

  static KibanProperties properties(String host, List<String> allowed, boolean remote) {
    return new KibanProperties(
        host,
        5000,
        Path.of("kiban-data"),
        new KibanProperties.Database("", "", "", 4),
        new KibanProperties.Artifacts(""),
        new KibanProperties.Security(allowed, List.of(), false, false, remote, 16_777_216, 10, 10),
        new KibanProperties.Identity("", 12, 5, 60, 90, 730, 30),
        new KibanProperties.Oidc(
            false, "", "", "", List.of("openid"), "preferred_username", "groups", List.of(), ""),
        new KibanProperties.Registry(List.of("production")));
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
