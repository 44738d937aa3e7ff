package io.kiban.platform.health;

import io.kiban.platform.config.KibanProperties;
import io.kiban.platform.db.Dialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Warns at start-up about settings that are fine on a laptop but not in production. */
@Component
@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(
    name = "kiban.commands",
    havingValue = "false",
    matchIfMissing = true)
class ReadinessChecks implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(ReadinessChecks.class);

  private final KibanProperties properties;
  private final Dialect dialect;

  ReadinessChecks(KibanProperties properties, Dialect dialect) {
    this.properties = properties;
    this.dialect = dialect;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (dialect == Dialect.H2) {
      log.warn(
          "embedded database: for one machine; use PostgreSQL for production"
              + " (--database-url jdbc:postgresql://HOST:5432/DB). Data is in {}",
          properties.dataDir().toAbsolutePath().normalize());
    }
    log.info("Artifacts are stored on local disk under {}", properties.artifactRoot());
    log.info(
        "Kiban is listening on http://{}:{} (MLFLOW_TRACKING_URI=http://{}:{})",
        properties.host(),
        properties.port(),
        properties.host(),
        properties.port());
  }
}
