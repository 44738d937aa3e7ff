package io.kiban.audit;

import io.kiban.support.RequiresPostgres;
import io.kiban.support.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The audit chain on PostgreSQL, where a trigger refuses changes; the tampering test switches it
 * off as a database superuser could.
 */
@RequiresPostgres
class AuditChainPostgresIT extends AbstractAuditChainIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.postgres(registry);
  }

  @Override
  void tamper(String sql) {
    jdbc.sql("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only").update();
    try {
      jdbc.sql(sql).update();
    } finally {
      jdbc.sql("ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only").update();
    }
  }

  @Override
  boolean databaseRefusesChanges() {
    return true;
  }
}
