package io.kiban.audit;

import io.kiban.support.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The audit chain on H2, where only the hashes reveal a change. */
class AuditChainH2IT extends AbstractAuditChainIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.h2(registry);
  }

  @Override
  void tamper(String sql) {
    jdbc.sql(sql).update();
  }

  @Override
  boolean databaseRefusesChanges() {
    return false;
  }
}
