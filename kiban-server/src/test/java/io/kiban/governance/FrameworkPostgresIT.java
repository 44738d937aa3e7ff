package io.kiban.governance;

import io.kiban.support.RequiresPostgres;
import io.kiban.support.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The framework library suite on PostgreSQL. */
@RequiresPostgres
class FrameworkPostgresIT extends AbstractFrameworkIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.postgres(registry);
  }
}
