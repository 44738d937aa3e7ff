package io.kiban.mlflow;

import io.kiban.support.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The MLflow tracking suite on the embedded H2 database. */
class MlflowTrackingH2IT extends AbstractMlflowTrackingIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.h2(registry);
  }
}
