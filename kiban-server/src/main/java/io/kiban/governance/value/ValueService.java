package io.kiban.governance.value;

import io.kiban.audit.AuditLog;
import io.kiban.governance.inventory.Codes;
import io.kiban.governance.inventory.InventoryService;
import io.kiban.governance.inventory.UseCase;
import io.kiban.governance.risk.Risk;
import io.kiban.governance.risk.RiskService;
import io.kiban.identity.AccessControl;
import io.kiban.identity.Permission;
import io.kiban.platform.error.KibanException;
import io.kiban.platform.json.JsonText;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * KPIs and money of a use case: KPIs with baseline, target and dated measurements (progress towards
 * the target), costs (development, run, licences) and benefits per period, ROI = (benefits - costs)
 * / costs per period and cumulatively, and the portfolio of value against risk. Reading needs READ
 * in the use case's workspace, recording GOVERN.
 */
@Service
public class ValueService {

  public static final List<String> KINDS =
      List.of("cost_development", "cost_run", "cost_licence", "benefit");
  public static final List<String> DIRECTIONS = List.of("higher_better", "lower_better");
  static final Pattern PERIOD = Pattern.compile("\\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?");
  static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  /** A KPI with its measurements (oldest first) and the progress of the latest one. */
  public record Kpi(
      long kpiId,
      String name,
      String unit,
      String direction,
      double baseline,
      double target,
      List<Measurement> measurements,
      Double latest,
      Double progress) {}

  public record Measurement(String measuredOn, double value, String note) {}

  public record Entry(
      long entryId, String period, String kind, BigDecimal amount, String currency, String note) {}

  /** Costs, benefits and ROI of one period, or of all periods together. */
  public record PeriodValue(String period, BigDecimal costs, BigDecimal benefits, BigDecimal roi) {}

  public record Summary(
      String useCase,
      String currency,
      List<Kpi> kpis,
      List<Entry> entries,
      List<PeriodValue> periods,
      PeriodValue total) {}

  /** One use case on the portfolio: its value and its highest open residual risk. */
  public record PortfolioItem(
      String useCase,
      String nameJa,
      String nameEn,
      String stage,
      BigDecimal benefits,
      BigDecimal costs,
      BigDecimal roi,
      String highestResidualLevel,
      int openRisks) {}

  private final JdbcClient jdbc;
  private final InventoryService inventory;
  private final RiskService risks;
  private final AccessControl access;
  private final AuditLog audit;
  private final Clock clock;

  public ValueService(
      JdbcClient jdbc,
      InventoryService inventory,
      RiskService risks,
      AccessControl access,
      AuditLog audit,
      Clock clock) {
    this.jdbc = jdbc;
    this.inventory = inventory;
    this.risks = risks;
    this.access = access;
    this.audit = audit;
    this.clock = clock;
  }

  // --- recording

  @Transactional
  public Kpi addKpi(
      String useCaseKey,
      String name,
      String unit,
      String direction,
      Double baseline,
      Double target) {
    UseCase uc = forChange(useCaseKey);
    String n = text("name", name, 256, true);
    String dir =
        direction == null || direction.isBlank()
            ? "higher_better"
            : direction.strip().toLowerCase(Locale.ROOT);
    if (!DIRECTIONS.contains(dir)) {
      throw KibanException.invalid("'direction' must be one of " + DIRECTIONS + ".");
    }
    if (baseline == null
        || target == null
        || !Double.isFinite(baseline)
        || !Double.isFinite(target)) {
      throw KibanException.invalid("'baseline' and 'target' are required numbers.");
    }
    if (baseline.equals(target)) {
      throw KibanException.invalid("'target' must differ from 'baseline'.");
    }
    if (dir.equals("higher_better") != (target > baseline)) {
      throw KibanException.invalid(
          "A "
              + dir.replace('_', ' ')
              + " KPI needs a target "
              + (dir.equals("higher_better") ? "above" : "below")
              + " its baseline.");
    }
    try {
      jdbc.sql(
              "INSERT INTO kpi (use_case_key, name, unit, direction, baseline, target, created_at,"
                  + " created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
          .params(
              uc.key(),
              n,
              text("unit", unit, 32, false),
              dir,
              baseline,
              target,
              clock.millis(),
              access.current().username())
          .update();
    } catch (DuplicateKeyException e) {
      throw KibanException.alreadyExists("KPI '" + n + "' already exists for " + uc.key() + ".");
    }
    audit.record(
        "kpi.created",
        "use_case",
        uc.key(),
        JsonText.object(
            "kpi", n, "baseline", String.valueOf(baseline), "target", String.valueOf(target)));
    return kpis(uc.key()).stream().filter(k -> k.name().equals(n)).findFirst().orElseThrow();
  }

  @Transactional
  public Kpi measure(String useCaseKey, long kpiId, String measuredOn, Double value, String note) {
    UseCase uc = forChange(useCaseKey);
    Kpi kpi =
        kpis(uc.key()).stream()
            .filter(k -> k.kpiId() == kpiId)
            .findFirst()
            .orElseThrow(
                () ->
                    KibanException.notFound("KPI " + kpiId + " is not a KPI of " + uc.key() + "."));
    String day = date("measured_on", measuredOn);
    if (value == null || !Double.isFinite(value)) {
      throw KibanException.invalid("'value' is a required number.");
    }
    int updated =
        jdbc.sql(
                "UPDATE kpi_measurement SET amount = ?, note = ?, recorded_at = ?, recorded_by = ? WHERE kpi_id = ? AND measured_on = ?")
            .params(
                value,
                text("note", note, 1000, false),
                clock.millis(),
                access.current().username(),
                kpiId,
                day)
            .update();
    if (updated == 0) {
      jdbc.sql(
              "INSERT INTO kpi_measurement (kpi_id, measured_on, amount, note, recorded_at,"
                  + " recorded_by) VALUES (?, ?, ?, ?, ?, ?)")
          .params(
              kpiId,
              day,
              value,
              text("note", note, 1000, false),
              clock.millis(),
              access.current().username())
          .update();
    }
    audit.record(
        "kpi.measured",
        "use_case",
        uc.key(),
        JsonText.object("kpi", kpi.name(), "on", day, "value", String.valueOf(value)));
    return kpis(uc.key()).stream().filter(k -> k.kpiId() == kpiId).findFirst().orElseThrow();
  }

  @Transactional
  public Entry addEntry(
      String useCaseKey,
      String period,
      String kind,
      BigDecimal amount,
      String currency,
      String note) {
    UseCase uc = forChange(useCaseKey);
    if (period == null || !PERIOD.matcher(period.strip()).matches()) {
      throw KibanException.invalid(
          "'period' must be a year (2026), a month (2026-04) or a quarter (2026-Q2).");
    }
    String k = kind == null ? "" : kind.strip().toLowerCase(Locale.ROOT);
    if (!KINDS.contains(k)) {
      throw KibanException.invalid("'kind' must be one of " + KINDS + ".");
    }
    if (amount == null
        || amount.signum() < 0
        || amount.scale() > 2
        || amount.compareTo(new BigDecimal("1e15")) >= 0) {
      throw KibanException.invalid(
          "'amount' must be a non-negative amount with at most 2 decimals.");
    }
    String cur =
        currency == null || currency.isBlank() ? "JPY" : currency.strip().toUpperCase(Locale.ROOT);
    if (!CURRENCY.matcher(cur).matches()) {
      throw KibanException.invalid("'currency' must be an ISO 4217 code such as JPY.");
    }
    List<String> used =
        jdbc.sql("SELECT DISTINCT currency FROM value_entry WHERE use_case_key = ?")
            .param(uc.key())
            .query(String.class)
            .list();
    if (!used.isEmpty() && !used.contains(cur)) {
      throw KibanException.invalid(
          "Use case "
              + uc.key()
              + " records amounts in "
              + used.get(0)
              + "; ROI needs one currency.");
    }
    jdbc.sql(
            "INSERT INTO value_entry (use_case_key, period, kind, amount, currency, note,"
                + " recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            uc.key(),
            period.strip(),
            k,
            amount,
            cur,
            text("note", note, 1000, false),
            clock.millis(),
            access.current().username())
        .update();
    audit.record(
        "value.recorded",
        "use_case",
        uc.key(),
        JsonText.object(
            "period",
            period.strip(),
            "kind",
            k,
            "amount",
            amount.toPlainString(),
            "currency",
            cur));
    List<Entry> all = entries(uc.key());
    return all.get(all.size() - 1);
  }

  // --- reading

  @Transactional(readOnly = true)
  public Summary summary(String useCaseKey) {
    UseCase uc = inventory.get(useCaseKey);
    List<Entry> entries = entries(uc.key());
    Map<String, BigDecimal[]> byPeriod = new TreeMap<>();
    BigDecimal costs = BigDecimal.ZERO;
    BigDecimal benefits = BigDecimal.ZERO;
    for (Entry e : entries) {
      BigDecimal[] pair =
          byPeriod.computeIfAbsent(
              e.period(), p -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
      if (e.kind().equals("benefit")) {
        pair[1] = pair[1].add(e.amount());
        benefits = benefits.add(e.amount());
      } else {
        pair[0] = pair[0].add(e.amount());
        costs = costs.add(e.amount());
      }
    }
    List<PeriodValue> periods = new ArrayList<>();
    byPeriod.forEach((p, v) -> periods.add(new PeriodValue(p, v[0], v[1], roi(v[1], v[0]))));
    return new Summary(
        uc.key(),
        entries.isEmpty() ? null : entries.get(0).currency(),
        kpis(uc.key()),
        entries,
        periods,
        new PeriodValue("total", costs, benefits, roi(benefits, costs)));
  }

  /** Every readable use case with its value and its highest open residual risk level. */
  @Transactional(readOnly = true)
  public List<PortfolioItem> portfolio() {
    List<Risk> openRisks =
        risks.list(null, null, null).stream()
            .filter(r -> r.status().equals("open") || r.status().equals("treating"))
            .toList();
    List<PortfolioItem> out = new ArrayList<>();
    for (UseCase uc : inventory.list(null, null, null)) {
      Summary s = summary(uc.key());
      List<Risk> mine = openRisks.stream().filter(r -> r.useCaseKey().equals(uc.key())).toList();
      String highest = null;
      for (Risk r : mine) {
        if (highest == null
            || risks.matrix().rank(r.residualLevel()) > risks.matrix().rank(highest)) {
          highest = r.residualLevel();
        }
      }
      out.add(
          new PortfolioItem(
              uc.key(),
              uc.data().nameJa(),
              uc.data().nameEn(),
              uc.data().lifecycleStage(),
              s.total().benefits(),
              s.total().costs(),
              s.total().roi(),
              highest,
              mine.size()));
    }
    return out;
  }

  static BigDecimal roi(BigDecimal benefits, BigDecimal costs) {
    if (costs.signum() == 0) {
      return null;
    }
    return benefits.subtract(costs).divide(costs, 4, RoundingMode.HALF_EVEN);
  }

  private List<Kpi> kpis(String key) {
    List<Object[]> rows =
        jdbc.sql(
                "SELECT kpi_id, name, unit, direction, baseline, target FROM kpi WHERE use_case_key = ? ORDER BY kpi_id")
            .param(key)
            .query(
                (rs, i) ->
                    new Object[] {
                      rs.getLong(1),
                      rs.getString(2),
                      rs.getString(3),
                      rs.getString(4),
                      rs.getDouble(5),
                      rs.getDouble(6)
                    })
            .list();
    List<Kpi> out = new ArrayList<>();
    for (Object[] r : rows) {
      long id = (Long) r[0];
      List<Measurement> ms =
          jdbc.sql(
                  "SELECT measured_on, amount, note FROM kpi_measurement WHERE kpi_id = ? ORDER BY measured_on")
              .param(id)
              .query((rs, i) -> new Measurement(rs.getString(1), rs.getDouble(2), rs.getString(3)))
              .list();
      double baseline = (Double) r[4];
      double target = (Double) r[5];
      Double latest = ms.isEmpty() ? null : ms.get(ms.size() - 1).value();
      Double progress = latest == null ? null : (latest - baseline) / (target - baseline);
      out.add(
          new Kpi(
              id,
              (String) r[1],
              (String) r[2],
              (String) r[3],
              baseline,
              target,
              ms,
              latest,
              progress));
    }
    return out;
  }

  private List<Entry> entries(String key) {
    return jdbc.sql(
            "SELECT entry_id, period, kind, amount, currency, note FROM value_entry WHERE use_case_key = ? ORDER BY period, entry_id")
        .param(key)
        .query(
            (rs, i) ->
                new Entry(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getBigDecimal(4),
                    rs.getString(5),
                    rs.getString(6)))
        .list();
  }

  private UseCase forChange(String key) {
    UseCase uc = inventory.get(key);
    access.require(Permission.GOVERN, uc.data().workspace());
    return uc;
  }

  private static String date(String field, String value) {
    try {
      return LocalDate.parse(value == null ? "" : value.strip()).toString();
    } catch (DateTimeParseException e) {
      throw KibanException.invalid("'" + field + "' must be a date like 2026-11-22.");
    }
  }

  private static String text(String field, String value, int max, boolean required) {
    return required ? Codes.required(field, value, max) : Codes.text(field, value, max);
  }
}
