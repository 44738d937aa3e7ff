package io.kiban.identity;

import io.kiban.support.RequiresPostgres;
import io.kiban.support.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The identity suite on PostgreSQL. */
@RequiresPostgres
class IdentityPostgresIT extends AbstractIdentityIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.postgres(registry);
  }
}
