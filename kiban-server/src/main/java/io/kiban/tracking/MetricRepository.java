package io.kiban.tracking;

import io.kiban.platform.db.Dialect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
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

  /** Receives streamed points. */
  interface PointSink {
    void accept(long step, long timestamp, double value);
  }

  private final JdbcClient jdbc;
  private final JdbcTemplate template;
  private final DataSource dataSource;
  private final Dialect dialect;

  MetricRepository(JdbcClient jdbc, JdbcTemplate template, DataSource dataSource, Dialect dialect) {
    this.jdbc = jdbc;
    this.template = template;
    this.dataSource = dataSource;
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
    jdbc.sql(
            "INSERT INTO metric_series (run_uuid, metric_key, last_value, last_ts, last_step,"
                + " min_step, max_step, point_count) VALUES (?, ?, ?, ?, ?, ?, ?, 0)")
        .params(
            runId, key, first.value(), first.timestamp(), first.step(), first.step(), first.step())
        .update();
    return jdbc.sql("SELECT series_id FROM metric_series WHERE run_uuid = ? AND metric_key = ?")
        .params(runId, key)
        .query(Long.class)
        .single();
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

  /** Inserts points in one round trip: COPY on PostgreSQL, one batched insert on H2. */
  void insertPoints(long[] seriesIds, List<Metric> points) {
    if (dialect == Dialect.POSTGRESQL) {
      copyPoints(seriesIds, points);
      return;
    }
    template.batchUpdate(
        "INSERT INTO metric_point (series_id, step, ts, val) VALUES (?, ?, ?, ?)",
        new org.springframework.jdbc.core.BatchPreparedStatementSetter() {
          @Override
          public void setValues(java.sql.PreparedStatement ps, int i) throws SQLException {
            Metric m = points.get(i);
            ps.setLong(1, seriesIds[i]);
            ps.setLong(2, m.step());
            ps.setLong(3, m.timestamp());
            ps.setDouble(4, m.value());
          }

          @Override
          public int getBatchSize() {
            return points.size();
          }
        });
  }

  private void copyPoints(long[] seriesIds, List<Metric> points) {
    StringBuilder text = new StringBuilder(points.size() * 48);
    for (int i = 0; i < points.size(); i++) {
      Metric m = points.get(i);
      text.append(seriesIds[i])
          .append('\t')
          .append(m.step())
          .append('\t')
          .append(m.timestamp())
          .append('\t')
          .append(m.value())
          .append('\n');
    }
    Connection connection = DataSourceUtils.getConnection(dataSource);
    try {
      connection
          .unwrap(PGConnection.class)
          .getCopyAPI()
          .copyIn(
              "COPY metric_point (series_id, step, ts, val) FROM STDIN",
              new java.io.StringReader(text.toString()));
    } catch (SQLException e) {
      throw new org.springframework.dao.DataAccessResourceFailureException(
          "COPY into metric_point failed", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      DataSourceUtils.releaseConnection(connection, dataSource);
    }
  }

  /**
   * Streams up to {@code limit} points in (step, timestamp, value) order, starting after the
   * position (step, ts) minus the {@code skip} points already sent at exactly that position.
   */
  void streamPoints(
      long seriesId, Long fromStep, Long fromTs, long skip, long limit, PointSink sink) {
    StringBuilder sql =
        new StringBuilder("SELECT step, ts, val FROM metric_point WHERE series_id = ?");
    List<Object> args = new ArrayList<>();
    args.add(seriesId);
    if (fromStep != null) {
      sql.append(" AND (step > ? OR (step = ? AND ts >= ?))");
      args.add(fromStep);
      args.add(fromStep);
      args.add(fromTs);
    }
    sql.append(" ORDER BY step, ts, val LIMIT ? OFFSET ?");
    args.add(limit);
    args.add(skip);
    template.query(
        con -> {
          var ps = con.prepareStatement(sql.toString());
          ps.setFetchSize(10_000);
          for (int i = 0; i < args.size(); i++) {
            ps.setObject(i + 1, args.get(i));
          }
          return ps;
        },
        (ResultSet rs) -> {
          sink.accept(rs.getLong(1), rs.getLong(2), rs.getDouble(3));
        });
  }

  /**
   * For each target step, the smallest logged step at or above it (and at most {@code maxStep}):
   * one index seek per target, so the cost follows the number of targets, not the series length.
   */
  List<Long> stepsAtOrAfter(long seriesId, List<Long> targets, long maxStep) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT (SELECT p.step FROM metric_point p WHERE p.series_id = ? AND p.step >= t.x"
                + " AND p.step <= ? ORDER BY p.step LIMIT 1) FROM (VALUES ");
    List<Object> args = new ArrayList<>();
    args.add(seriesId);
    args.add(maxStep);
    for (int i = 0; i < targets.size(); i++) {
      sql.append(i == 0 ? "(CAST(? AS BIGINT))" : ", (CAST(? AS BIGINT))");
      args.add(targets.get(i));
    }
    sql.append(") AS t(x)");
    List<Long> steps = new ArrayList<>();
    jdbc.sql(sql.toString())
        .params(args)
        .query(
            (ResultSet rs) -> {
              long step = rs.getLong(1);
              if (!rs.wasNull()) {
                steps.add(step);
              }
            });
    return steps;
  }

  Long lastStepAtOrBefore(long seriesId, long maxStep, long minStep) {
    return jdbc.sql(
            "SELECT step FROM metric_point WHERE series_id = ? AND step <= ? AND step >= ?"
                + " ORDER BY step DESC LIMIT 1")
        .params(seriesId, maxStep, minStep)
        .query(Long.class)
        .optional()
        .orElse(null);
  }

  void pointsAtSteps(long seriesId, List<Long> steps, PointSink sink) {
    List<Object> args = new ArrayList<>();
    args.add(seriesId);
    args.addAll(steps);
    jdbc.sql(
            "SELECT step, ts, val FROM metric_point WHERE series_id = ? AND step IN "
                + SqlParams.placeholders(steps.size())
                + " ORDER BY step, ts, val")
        .params(args)
        .query((ResultSet rs) -> sink.accept(rs.getLong(1), rs.getLong(2), rs.getDouble(3)));
  }

  void pointsInRange(long seriesId, long fromStep, long toStep, PointSink sink) {
    jdbc.sql(
            "SELECT step, ts, val FROM metric_point WHERE series_id = ? AND step >= ? AND step <= ?"
                + " ORDER BY step, ts, val")
        .params(seriesId, fromStep, toStep)
        .query((ResultSet rs) -> sink.accept(rs.getLong(1), rs.getLong(2), rs.getDouble(3)));
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
