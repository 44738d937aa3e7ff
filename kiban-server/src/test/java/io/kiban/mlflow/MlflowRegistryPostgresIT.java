package io.kiban.mlflow;

import io.kiban.support.RequiresPostgres;
import io.kiban.support.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The MLflow registry suite on PostgreSQL. */
@RequiresPostgres
class MlflowRegistryPostgresIT extends AbstractMlflowRegistryIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.postgres(registry);
  }
}
