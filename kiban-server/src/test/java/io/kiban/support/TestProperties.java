package io.kiban.support;

import io.kiban.platform.config.KibanProperties;
import java.nio.file.Path;
import java.util.List;

/** Kiban's configuration with defaults, for unit tests that construct components directly. */
public final class TestProperties {

  private TestProperties() {}

  public static KibanProperties of(String host, List<String> allowedHosts, boolean devNoAuth) {
    return new KibanProperties(
        host,
        5000,
        Path.of("kiban-data"),
        new KibanProperties.Database("", "", "", 4),
        new KibanProperties.Artifacts(""),
        new KibanProperties.Security(
            allowedHosts, List.of(), false, false, devNoAuth, 33_554_432, 10, 10),
        new KibanProperties.Identity("", 12, 5, 60, 90, 730, 30),
        new KibanProperties.Oidc(
            false, "", "", "", List.of("openid"), "preferred_username", "groups", List.of(), ""),
        new KibanProperties.Registry(List.of("production")),
        new KibanProperties.Governance(
            List.of(), 5, List.of("low:25"), List.of("low:model_owner")));
  }
}
