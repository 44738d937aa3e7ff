package io.kiban.governance.risk;

import io.kiban.platform.db.InQueries;
import io.kiban.platform.db.SqlParams;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** SQL for risks, their linked requirements and their snapshots. */
@Repository
class RiskRepository {

  static final String COLUMNS =
      "r.risk_id, r.use_case_key, r.model_name, r.title, r.description, r.principle,"
          + " r.characteristic, r.lifecycle_phase, r.likelihood, r.impact, r.treatment,"
          + " r.treatment_plan, r.residual_likelihood, r.residual_impact, r.owner, r.review_date,"
          + " r.status, r.accepted_by, r.accepted_at, r.acceptance_rationale, r.created_at,"
          + " r.updated_at, r.created_by";

  /** A row before levels and controls are added. */
  record Row(
      long riskId,
      String useCaseKey,
      String modelName,
      String title,
      String description,
      String principle,
      String characteristic,
      String phase,
      int likelihood,
      int impact,
      String treatment,
      String plan,
      int residualLikelihood,
      int residualImpact,
      String owner,
      String reviewDate,
      String status,
      String acceptedBy,
      Long acceptedAt,
      String rationale,
      long createdAt,
      long updatedAt,
      String createdBy) {}

  private final JdbcClient jdbc;

  RiskRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Row> find(long id, boolean lock) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM risk r WHERE r.risk_id = ?" + (lock ? " FOR UPDATE" : ""))
        .param(id)
        .query(RiskRepository::map)
        .optional();
  }

  List<Row> query(SqlParams q) {
    return jdbc.sql(q.sql()).params(q.params()).query(RiskRepository::map).list();
  }

  long insert(Row r) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO risk (use_case_key, model_name, title, description, principle,"
                + " characteristic, lifecycle_phase, likelihood, impact, treatment,"
                + " treatment_plan, residual_likelihood, residual_impact, owner, review_date,"
                + " status, created_at, updated_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            r.useCaseKey(),
            r.modelName(),
            r.title(),
            r.description(),
            r.principle(),
            r.characteristic(),
            r.phase(),
            r.likelihood(),
            r.impact(),
            r.treatment(),
            r.plan(),
            r.residualLikelihood(),
            r.residualImpact(),
            r.owner(),
            r.reviewDate(),
            r.status(),
            r.createdAt(),
            r.updatedAt(),
            r.createdBy())
        .update(key, "risk_id");
    return key.getKeyAs(Number.class).longValue();
  }

  void update(Row r) {
    jdbc.sql(
            "UPDATE risk SET model_name = ?, title = ?, description = ?, principle = ?,"
                + " characteristic = ?, lifecycle_phase = ?, likelihood = ?, impact = ?,"
                + " treatment = ?, treatment_plan = ?, residual_likelihood = ?,"
                + " residual_impact = ?, owner = ?, review_date = ?, status = ?, accepted_by = ?,"
                + " accepted_at = ?, acceptance_rationale = ?, updated_at = ? WHERE risk_id = ?")
        .params(
            r.modelName(),
            r.title(),
            r.description(),
            r.principle(),
            r.characteristic(),
            r.phase(),
            r.likelihood(),
            r.impact(),
            r.treatment(),
            r.plan(),
            r.residualLikelihood(),
            r.residualImpact(),
            r.owner(),
            r.reviewDate(),
            r.status(),
            r.acceptedBy(),
            r.acceptedAt(),
            r.rationale(),
            r.updatedAt(),
            r.riskId())
        .update();
  }

  void setControls(long riskId, List<String> controls) {
    jdbc.sql("DELETE FROM risk_control WHERE risk_id = ?").param(riskId).update();
    for (String c : controls) {
      jdbc.sql("INSERT INTO risk_control (risk_id, requirement) VALUES (?, ?)")
          .params(riskId, c)
          .update();
    }
  }

  Map<Long, List<String>> controls(List<Long> ids) {
    Map<Long, List<String>> out = new HashMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    InQueries.forEachIn(
        jdbc,
        "SELECT risk_id, requirement FROM risk_control WHERE risk_id IN ",
        " ORDER BY risk_id, requirement",
        ids,
        rs -> out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2)));
    return out;
  }

  void snapshot(long riskId, long at, String inherent, String residual, String status) {
    jdbc.sql(
            "INSERT INTO risk_snapshot (risk_id, taken_at, inherent_level, residual_level, status)"
                + " VALUES (?, ?, ?, ?, ?)")
        .params(riskId, at, inherent, residual, status)
        .update();
  }

  /** Snapshot rows: risk id, time, residual level, status; oldest first. */
  List<Object[]> snapshots(List<Long> riskIds) {
    List<Object[]> out = new ArrayList<>();
    if (riskIds.isEmpty()) {
      return out;
    }
    InQueries.forEachIn(
        jdbc,
        "SELECT risk_id, taken_at, residual_level, status FROM risk_snapshot WHERE risk_id IN ",
        " ORDER BY taken_at, risk_id",
        riskIds,
        rs ->
            out.add(new Object[] {rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)}));
    out.sort(java.util.Comparator.comparingLong(o -> (Long) o[1]));
    return out;
  }

  private static Row map(ResultSet rs, int i) throws SQLException {
    long accepted = rs.getLong(19);
    Long acceptedAt = rs.wasNull() ? null : accepted;
    return new Row(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        rs.getInt(9),
        rs.getInt(10),
        rs.getString(11),
        rs.getString(12),
        rs.getInt(13),
        rs.getInt(14),
        rs.getString(15),
        rs.getString(16),
        rs.getString(17),
        rs.getString(18),
        acceptedAt,
        rs.getString(20),
        rs.getLong(21),
        rs.getLong(22),
        rs.getString(23));
  }
}
