package io.kiban.governance.inventory;

import io.kiban.platform.db.InQueries;
import io.kiban.platform.db.SqlParams;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for use cases, their multi-valued attributes and links, vendors and findings. */
@Repository
class InventoryRepository {

  static final String USE_CASE_COLUMNS =
      "u.use_case_key, u.workspace, u.name_ja, u.name_en, u.purpose_ja, u.purpose_en,"
          + " u.business_owner, u.accountable_executive, u.department, u.lifecycle_stage,"
          + " u.ai_type, u.sourcing, u.vendor_id, u.decision_autonomy, u.human_oversight,"
          + " u.storage_location, u.processing_location, u.created_at, u.updated_at, u.created_by";

  static final String VENDOR_COLUMNS =
      "vendor_id, service, provider, hosting_country, data_location, trains_on_customer_data,"
          + " certifications, review_status, reviewed_on, notes, created_at, updated_at";

  private final JdbcClient jdbc;

  InventoryRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  // --- use cases

  private record Row(UseCaseData base, long createdAt, long updatedAt, String createdBy) {}

  Optional<UseCase> find(String key, boolean lock) {
    return jdbc.sql(
            "SELECT "
                + USE_CASE_COLUMNS
                + " FROM use_case u WHERE u.use_case_key = ?"
                + (lock ? " FOR UPDATE" : ""))
        .param(key)
        .query(InventoryRepository::mapRow)
        .optional()
        .map(r -> withValues(List.of(r)).get(0));
  }

  List<UseCase> query(SqlParams q) {
    return withValues(
        jdbc.sql(q.sql()).params(q.params()).query(InventoryRepository::mapRow).list());
  }

  void insert(UseCaseData d, long now, String by) {
    jdbc.sql(
            "INSERT INTO use_case (use_case_key, workspace, name_ja, name_en, purpose_ja,"
                + " purpose_en, business_owner, accountable_executive, department,"
                + " lifecycle_stage, ai_type, sourcing, vendor_id, decision_autonomy,"
                + " human_oversight, storage_location, processing_location, created_at,"
                + " updated_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?, ?)")
        .params(
            d.key(),
            d.workspace(),
            d.nameJa(),
            d.nameEn(),
            d.purposeJa(),
            d.purposeEn(),
            d.businessOwner(),
            d.accountableExecutive(),
            d.department(),
            d.lifecycleStage(),
            d.aiType(),
            d.sourcing(),
            d.vendorId(),
            d.decisionAutonomy(),
            d.humanOversight(),
            d.storageLocation(),
            d.processingLocation(),
            now,
            now,
            by)
        .update();
    writeValues(d);
  }

  void update(UseCaseData d, long now) {
    jdbc.sql(
            "UPDATE use_case SET workspace = ?, name_ja = ?, name_en = ?, purpose_ja = ?,"
                + " purpose_en = ?, business_owner = ?, accountable_executive = ?,"
                + " department = ?, lifecycle_stage = ?, ai_type = ?, sourcing = ?,"
                + " vendor_id = ?, decision_autonomy = ?, human_oversight = ?,"
                + " storage_location = ?, processing_location = ?, updated_at = ?"
                + " WHERE use_case_key = ?")
        .params(
            d.workspace(),
            d.nameJa(),
            d.nameEn(),
            d.purposeJa(),
            d.purposeEn(),
            d.businessOwner(),
            d.accountableExecutive(),
            d.department(),
            d.lifecycleStage(),
            d.aiType(),
            d.sourcing(),
            d.vendorId(),
            d.decisionAutonomy(),
            d.humanOversight(),
            d.storageLocation(),
            d.processingLocation(),
            now,
            d.key())
        .update();
    jdbc.sql("DELETE FROM use_case_value WHERE use_case_key = ?").param(d.key()).update();
    writeValues(d);
  }

  private void writeValues(UseCaseData d) {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    fields.put("eu_role", d.euRoles());
    fields.put("geography", d.geographies());
    fields.put("affected_group", d.affectedGroups());
    fields.put("data_category", d.dataCategories());
    fields.put("overseas_country", d.overseasCountries());
    List<Object[]> rows = new ArrayList<>();
    fields.forEach(
        (field, values) -> values.forEach(v -> rows.add(new Object[] {d.key(), field, v})));
    for (Object[] row : rows) {
      jdbc.sql("INSERT INTO use_case_value (use_case_key, field, item) VALUES (?, ?, ?)")
          .params(row[0], row[1], row[2])
          .update();
    }
  }

  private List<UseCase> withValues(List<Row> rows) {
    if (rows.isEmpty()) {
      return List.of();
    }
    Map<String, Map<String, List<String>>> values = new java.util.HashMap<>();
    InQueries.forEachIn(
        jdbc,
        "SELECT use_case_key, field, item FROM use_case_value WHERE use_case_key IN ",
        " ORDER BY use_case_key, field, item",
        rows.stream().map(r -> r.base().key()).toList(),
        rs -> {
          values
              .computeIfAbsent(rs.getString(1), k -> new java.util.HashMap<>())
              .computeIfAbsent(rs.getString(2), k -> new ArrayList<>())
              .add(rs.getString(3));
        });
    List<UseCase> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      Map<String, List<String>> v = values.getOrDefault(r.base().key(), Map.of());
      UseCaseData b = r.base();
      out.add(
          new UseCase(
              new UseCaseData(
                  b.key(),
                  b.workspace(),
                  b.nameJa(),
                  b.nameEn(),
                  b.purposeJa(),
                  b.purposeEn(),
                  b.businessOwner(),
                  b.accountableExecutive(),
                  b.department(),
                  b.lifecycleStage(),
                  b.aiType(),
                  b.sourcing(),
                  b.vendorId(),
                  v.getOrDefault("eu_role", List.of()),
                  v.getOrDefault("geography", List.of()),
                  v.getOrDefault("affected_group", List.of()),
                  b.decisionAutonomy(),
                  b.humanOversight(),
                  v.getOrDefault("data_category", List.of()),
                  b.storageLocation(),
                  b.processingLocation(),
                  v.getOrDefault("overseas_country", List.of())),
              r.createdAt(),
              r.updatedAt(),
              r.createdBy()));
    }
    return out;
  }

  private static Row mapRow(ResultSet rs, int i) throws SQLException {
    long vendor = rs.getLong(13);
    Long vendorId = rs.wasNull() ? null : vendor;
    return new Row(
        new UseCaseData(
            rs.getString(1),
            rs.getString(2),
            rs.getString(3),
            rs.getString(4),
            rs.getString(5),
            rs.getString(6),
            rs.getString(7),
            rs.getString(8),
            rs.getString(9),
            rs.getString(10),
            rs.getString(11),
            rs.getString(12),
            vendorId,
            List.of(),
            List.of(),
            List.of(),
            rs.getString(14),
            rs.getString(15),
            List.of(),
            rs.getString(16),
            rs.getString(17),
            List.of()),
        rs.getLong(18),
        rs.getLong(19),
        rs.getString(20));
  }

  // --- links

  List<String> linkedModels(String key) {
    return jdbc.sql(
            "SELECT model_name FROM use_case_model WHERE use_case_key = ? ORDER BY model_name")
        .param(key)
        .query(String.class)
        .list();
  }

  List<String> useCasesLinkedTo(String model) {
    return jdbc.sql(
            "SELECT use_case_key FROM use_case_model WHERE model_name = ? ORDER BY use_case_key")
        .param(model)
        .query(String.class)
        .list();
  }

  boolean linkModel(String key, String model, long now, String by) {
    if (jdbc.sql("SELECT COUNT(*) FROM use_case_model WHERE use_case_key = ? AND model_name = ?")
            .params(key, model)
            .query(Long.class)
            .single()
        > 0) {
      return false;
    }
    jdbc.sql(
            "INSERT INTO use_case_model (use_case_key, model_name, linked_at, linked_by)"
                + " VALUES (?, ?, ?, ?)")
        .params(key, model, now, by)
        .update();
    return true;
  }

  int unlinkModel(String key, String model) {
    return jdbc.sql("DELETE FROM use_case_model WHERE use_case_key = ? AND model_name = ?")
        .params(key, model)
        .update();
  }

  List<Long> linkedDatasets(String key) {
    return jdbc.sql(
            "SELECT dataset_id FROM use_case_dataset WHERE use_case_key = ? ORDER BY dataset_id")
        .param(key)
        .query(Long.class)
        .list();
  }

  boolean linkDataset(String key, long datasetId, long now, String by) {
    if (jdbc.sql("SELECT COUNT(*) FROM use_case_dataset WHERE use_case_key = ? AND dataset_id = ?")
            .params(key, datasetId)
            .query(Long.class)
            .single()
        > 0) {
      return false;
    }
    jdbc.sql(
            "INSERT INTO use_case_dataset (use_case_key, dataset_id, linked_at, linked_by)"
                + " VALUES (?, ?, ?, ?)")
        .params(key, datasetId, now, by)
        .update();
    return true;
  }

  int unlinkDataset(String key, long datasetId) {
    return jdbc.sql("DELETE FROM use_case_dataset WHERE use_case_key = ? AND dataset_id = ?")
        .params(key, datasetId)
        .update();
  }

  // --- vendors

  List<Vendor> vendors() {
    return jdbc.sql("SELECT " + VENDOR_COLUMNS + " FROM vendor ORDER BY provider, service")
        .query(InventoryRepository::mapVendor)
        .list();
  }

  Optional<Vendor> vendor(long id) {
    return jdbc.sql("SELECT " + VENDOR_COLUMNS + " FROM vendor WHERE vendor_id = ?")
        .param(id)
        .query(InventoryRepository::mapVendor)
        .optional();
  }

  Optional<Vendor> vendorByName(String service, String provider) {
    return jdbc.sql("SELECT " + VENDOR_COLUMNS + " FROM vendor WHERE service = ? AND provider = ?")
        .params(service, provider)
        .query(InventoryRepository::mapVendor)
        .optional();
  }

  void insertVendor(Vendor v, long now) {
    jdbc.sql(
            "INSERT INTO vendor (service, provider, hosting_country, data_location,"
                + " trains_on_customer_data, certifications, review_status, reviewed_on, notes,"
                + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            v.service(),
            v.provider(),
            v.hostingCountry(),
            v.dataLocation(),
            v.trainsOnCustomerData(),
            v.certifications(),
            v.reviewStatus(),
            v.reviewedOn(),
            v.notes(),
            now,
            now)
        .update();
  }

  void updateVendor(Vendor v, long now) {
    jdbc.sql(
            "UPDATE vendor SET service = ?, provider = ?, hosting_country = ?, data_location = ?,"
                + " trains_on_customer_data = ?, certifications = ?, review_status = ?,"
                + " reviewed_on = ?, notes = ?, updated_at = ? WHERE vendor_id = ?")
        .params(
            v.service(),
            v.provider(),
            v.hostingCountry(),
            v.dataLocation(),
            v.trainsOnCustomerData(),
            v.certifications(),
            v.reviewStatus(),
            v.reviewedOn(),
            v.notes(),
            now,
            v.vendorId())
        .update();
  }

  List<String> useCasesOfVendor(long vendorId) {
    return jdbc.sql("SELECT use_case_key FROM use_case WHERE vendor_id = ? ORDER BY use_case_key")
        .param(vendorId)
        .query(String.class)
        .list();
  }

  private static Vendor mapVendor(ResultSet rs, int i) throws SQLException {
    return new Vendor(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        rs.getString(9),
        rs.getString(10),
        rs.getLong(11),
        rs.getLong(12));
  }

  // --- findings

  List<ResidencyFinding> openFindings(String key) {
    return jdbc.sql(
            "SELECT finding_id, use_case_key, rule_id, detail, opened_at, resolved_at"
                + " FROM residency_finding WHERE use_case_key = ? AND resolved_at IS NULL"
                + " ORDER BY finding_id")
        .param(key)
        .query(InventoryRepository::mapFinding)
        .list();
  }

  List<ResidencyFinding> findings(SqlParams q) {
    return jdbc.sql(q.sql()).params(q.params()).query(InventoryRepository::mapFinding).list();
  }

  void openFinding(String key, String rule, String detail, long now) {
    jdbc.sql(
            "INSERT INTO residency_finding (use_case_key, rule_id, detail, opened_at)"
                + " VALUES (?, ?, ?, ?)")
        .params(key, rule, detail, now)
        .update();
  }

  void resolveFinding(long id, long now) {
    jdbc.sql("UPDATE residency_finding SET resolved_at = ? WHERE finding_id = ?")
        .params(now, id)
        .update();
  }

  private static ResidencyFinding mapFinding(ResultSet rs, int i) throws SQLException {
    long resolved = rs.getLong(6);
    return new ResidencyFinding(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getLong(5),
        rs.wasNull() ? null : resolved);
  }
}
