package io.kiban.platform.db;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Update-else-insert in the SQL both databases share (H2 has no ON CONFLICT DO UPDATE). Callers
 * hold the lock of the owning row, so the two statements cannot race with another writer.
 */
public final class Upserts {

  private Upserts() {}

  /** Runs {@code update}; when it touched no row, runs {@code insert}. */
  public static void updateElseInsert(
      JdbcClient jdbc,
      String update,
      List<Object> updateArgs,
      String insert,
      List<Object> insertArgs) {
    if (jdbc.sql(update).params(updateArgs).update() == 0) {
      jdbc.sql(insert).params(insertArgs).update();
    }
  }
}
