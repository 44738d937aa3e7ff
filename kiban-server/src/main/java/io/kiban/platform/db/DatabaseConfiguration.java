package io.kiban.platform.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.kiban.platform.config.KibanProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The connection pool. With no database URL configured, Kiban opens an H2 file database in its data
 * directory, in PostgreSQL mode so that one SQL dialect subset serves both.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

  @Bean
  DataSource dataSource(KibanProperties properties) {
    String url = jdbcUrl(properties);
    HikariConfig config = new HikariConfig();
    config.setPoolName("kiban");
    config.setJdbcUrl(url);
    if (!properties.database().user().isBlank()) {
      config.setUsername(properties.database().user());
    } else if (Dialect.fromJdbcUrl(url) == Dialect.H2) {
      config.setUsername("kiban");
    }
    if (!properties.database().password().isBlank()) {
      config.setPassword(properties.database().password());
    }
    config.setMaximumPoolSize(properties.database().maxPoolSize());
    config.setInitializationFailTimeout(10_000);
    if (Dialect.fromJdbcUrl(url) == Dialect.POSTGRESQL) {
      // Batched statements are rewritten into multi-row inserts by the driver.
      config.addDataSourceProperty("reWriteBatchedInserts", "true");
    }
    return new HikariDataSource(config);
  }

  @Bean
  Dialect dialect(KibanProperties properties) {
    return Dialect.fromJdbcUrl(jdbcUrl(properties));
  }

  static String jdbcUrl(KibanProperties properties) {
    String configured = properties.database().url().trim();
    if (!configured.isEmpty()) {
      Dialect.fromJdbcUrl(configured);
      return configured;
    }
    Path dir = properties.dataDir().toAbsolutePath().normalize().resolve("db");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the database directory " + dir, e);
    }
    return "jdbc:h2:file:"
        + dir.resolve("kiban")
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
        + ";CACHE_SIZE=131072;DB_CLOSE_ON_EXIT=FALSE";
  }
}
