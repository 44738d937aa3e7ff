package io.kiban.mlflow;

import io.kiban.support.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The MLflow registry suite on the embedded H2 database. */
class MlflowRegistryH2IT extends AbstractMlflowRegistryIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.h2(registry);
  }
}
