package io.kiban.identity;

import io.kiban.support.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The identity suite on the embedded H2 database. */
class IdentityH2IT extends AbstractIdentityIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.h2(registry);
  }
}
