package io.kiban.platform.db;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Queries over a set of ids ({@code ... WHERE id IN (?, ?, ...)}), sent in chunks of at most 1,000
 * ids so no statement grows without bound.
 */
public final class InQueries {

  static final int CHUNK = 1000;

  private InQueries() {}

  /**
   * Runs {@code prefix + "(?, ...)" + suffix} for the ids, chunk by chunk, handing every row to the
   * handler. {@code prefix} ends with "IN ".
   */
  public static void forEachIn(
      JdbcClient jdbc, String prefix, String suffix, List<?> ids, RowCallbackHandler handler) {
    for (int from = 0; from < ids.size(); from += CHUNK) {
      List<?> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
      jdbc.sql(prefix + SqlParams.placeholders(chunk.size()) + suffix)
          .params(List.copyOf(chunk))
          .query((ResultSet rs) -> handler.processRow(rs));
    }
  }

  /** The rows for the ids, grouped by the key each row maps to, in row order. */
  public static <K, V> Map<K, List<V>> groupedIn(
      JdbcClient jdbc,
      String prefix,
      String suffix,
      List<?> ids,
      RowMapper<K> key,
      RowMapper<V> value) {
    Map<K, List<V>> out = new HashMap<>();
    forEachIn(
        jdbc,
        prefix,
        suffix,
        ids,
        rs ->
            out.computeIfAbsent(key.mapRow(rs, 0), k -> new ArrayList<>())
                .add(value.mapRow(rs, 0)));
    return out;
  }
}
