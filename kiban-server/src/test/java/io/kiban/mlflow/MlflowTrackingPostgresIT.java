package io.kiban.mlflow;

import io.kiban.support.RequiresPostgres;
import io.kiban.support.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The MLflow tracking suite on PostgreSQL. */
@RequiresPostgres
class MlflowTrackingPostgresIT extends AbstractMlflowTrackingIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.postgres(registry);
  }
}
