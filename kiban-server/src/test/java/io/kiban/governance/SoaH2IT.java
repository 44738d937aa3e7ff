package io.kiban.governance;

import io.kiban.support.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The Statement of Applicability suite on the embedded H2 database. */
class SoaH2IT extends AbstractSoaIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.h2(registry);
  }
}
