package io.kiban.tracking;

import io.kiban.platform.db.Dialect;
import io.kiban.platform.db.SqlParams;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** SQL for metric series (latest value per run and key) and their points. */
@Repository
class MetricRepository {

  /** A series' stored summary. */
  record SeriesRow(
      long seriesId,
      String key,
      double lastValue,
      long lastTs,
      long lastStep,
      long minStep,
      long maxStep,
      long pointCount) {}

  private final JdbcClient jdbc;
  private final JdbcTemplate template;
  private final Dialect dialect;

  MetricRepository(JdbcClient jdbc, JdbcTemplate template, Dialect dialect) {
    this.jdbc = jdbc;
    this.template = template;
    this.dialect = dialect;
  }

  Map<String, SeriesRow> series(String runId, List<String> keys) {
    Map<String, SeriesRow> out = new HashMap<>();
    List<Object> args = new ArrayList<>();
    args.add(runId);
    args.addAll(keys);
    jdbc.sql(
            "SELECT series_id, metric_key, last_value, last_ts, last_step, min_step, max_step,"
                + " point_count FROM metric_series WHERE run_uuid = ? AND metric_key IN "
                + SqlParams.placeholders(keys.size()))
        .params(args)
        .query(
            (ResultSet rs) -> {
              SeriesRow row = mapSeries(rs);
              out.put(row.key(), row);
            });
    return out;
  }

  SeriesRow seriesOrNull(String runId, String key) {
    return series(runId, List.of(key)).get(key);
  }

  long insertSeries(String runId, String key, Metric first) {
    GeneratedKeyHolder generated = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO metric_series (run_uuid, metric_key, last_value, last_ts, last_step,"
                + " min_step, max_step, point_count) VALUES (?, ?, ?, ?, ?, ?, ?, 0)")
        .params(
            runId, key, first.value(), first.timestamp(), first.step(), first.step(), first.step())
        .update(generated, "series_id");
    return generated.getKeyAs(Number.class).longValue();
  }

  void updateSeries(List<SeriesRow> rows) {
    template.batchUpdate(
        "UPDATE metric_series SET last_value = ?, last_ts = ?, last_step = ?, min_step = ?,"
            + " max_step = ?, point_count = ? WHERE series_id = ?",
        rows,
        rows.size(),
        (ps, r) -> {
          ps.setDouble(1, r.lastValue());
          ps.setLong(2, r.lastTs());
          ps.setLong(3, r.lastStep());
          ps.setLong(4, r.minStep());
          ps.setLong(5, r.maxStep());
          ps.setLong(6, r.pointCount());
          ps.setLong(7, r.seriesId());
        });
  }

  /** A block to insert. */
  record BlockRow(long seriesId, long minStep, long maxStep, int pointCount, byte[] points) {}

  /** Inserts blocks in one round trip (a multi-row insert on PostgreSQL, a batch on H2). */
  void insertBlocks(List<BlockRow> blocks) {
    template.batchUpdate(
        "INSERT INTO metric_block (series_id, min_step, max_step, point_count, points)"
            + " VALUES (?, ?, ?, ?, ?)",
        blocks,
        blocks.size(),
        (ps, b) -> {
          ps.setLong(1, b.seriesId());
          ps.setLong(2, b.minStep());
          ps.setLong(3, b.maxStep());
          ps.setInt(4, b.pointCount());
          ps.setBytes(5, b.points());
        });
  }

  /**
   * Feeds the series' blocks that hold steps at or after {@code fromStep}, in order of their first
   * step, to the merger, until it stops. Rows are fetched in chunks, never all at once.
   */
  void mergeBlocks(long seriesId, long fromStep, long toStep, PointMerger merger) {
    template.query(
        con -> {
          var ps =
              con.prepareStatement(
                  "SELECT min_step, points FROM metric_block WHERE series_id = ?"
                      + " AND max_step >= ? AND min_step <= ? ORDER BY series_id, min_step");
          ps.setFetchSize(500);
          ps.setLong(1, seriesId);
          ps.setLong(2, fromStep);
          ps.setLong(3, toStep);
          return ps;
        },
        (ResultSet rs) -> {
          while (!merger.stopped() && rs.next()) {
            merger.add(rs.getLong(1), rs.getBytes(2));
          }
          if (!merger.stopped()) {
            merger.finish();
          }
          return null;
        });
  }

  /**
   * For each target step, the block with the smallest last step at or after it (null if none): one
   * index seek per target, so the cost follows the number of targets, not the series length.
   */
  List<byte[]> blocksReaching(long seriesId, List<Long> targets) {
    if (dialect == Dialect.H2) {
      // H2 does not seek the index inside a correlated sub-query; in-process seeks are cheap.
      List<byte[]> blocks = new ArrayList<>(targets.size());
      for (Long target : targets) {
        blocks.add(
            jdbc.sql(
                    "SELECT points FROM metric_block WHERE series_id = ? AND max_step >= ?"
                        + " ORDER BY series_id, max_step LIMIT 1")
                .params(seriesId, target)
                .query((rs, i) -> rs.getBytes(1))
                .optional()
                .orElse(null));
      }
      return blocks;
    }
    StringBuilder sql =
        new StringBuilder(
            "SELECT t.x, (SELECT b.points FROM metric_block b WHERE b.series_id = ?"
                + " AND b.max_step >= t.x ORDER BY b.series_id, b.max_step LIMIT 1) FROM (VALUES ");
    List<Object> args = new ArrayList<>();
    args.add(seriesId);
    for (int i = 0; i < targets.size(); i++) {
      sql.append(i == 0 ? "(CAST(? AS BIGINT))" : ", (CAST(? AS BIGINT))");
      args.add(targets.get(i));
    }
    sql.append(") AS t(x)");
    List<byte[]> blocks = new ArrayList<>();
    jdbc.sql(sql.toString())
        .params(args)
        .query(
            (ResultSet rs) -> {
              blocks.add(rs.getBytes(2));
            });
    return blocks;
  }

  /** The block with the largest first step at or before {@code step}, or null. */
  byte[] lastBlockStartingAtOrBefore(long seriesId, long step) {
    return jdbc.sql(
            "SELECT points FROM metric_block WHERE series_id = ? AND min_step <= ?"
                + " ORDER BY series_id DESC, min_step DESC LIMIT 1")
        .params(seriesId, step)
        .query((rs, i) -> rs.getBytes(1))
        .optional()
        .orElse(null);
  }

  private static SeriesRow mapSeries(ResultSet rs) throws SQLException {
    return new SeriesRow(
        rs.getLong(1),
        rs.getString(2),
        rs.getDouble(3),
        rs.getLong(4),
        rs.getLong(5),
        rs.getLong(6),
        rs.getLong(7),
        rs.getLong(8));
  }
}
