package io.kiban.governance;

import io.kiban.support.RequiresPostgres;
import io.kiban.support.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The Statement of Applicability suite on PostgreSQL. */
@RequiresPostgres
class SoaPostgresIT extends AbstractSoaIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.postgres(registry);
  }
}
