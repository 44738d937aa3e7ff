package io.kiban.governance.risk;

import io.kiban.audit.AuditLog;
import io.kiban.governance.inventory.Codes;
import io.kiban.governance.inventory.InventoryService;
import io.kiban.governance.inventory.UseCase;
import io.kiban.identity.AccessControl;
import io.kiban.identity.Grant;
import io.kiban.identity.KibanPrincipal;
import io.kiban.identity.Permission;
import io.kiban.identity.Role;
import io.kiban.identity.WorkspaceScope;
import io.kiban.platform.db.SqlParams;
import io.kiban.platform.error.ErrorCode;
import io.kiban.platform.error.KibanException;
import io.kiban.platform.json.JsonText;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The risk register. Risks belong to use cases and follow their workspace (READ to see, GOVERN to
 * change). Accepting a residual risk needs the role the policy names for its level. Every change is
 * audited and snapshotted, which gives the trend over time.
 */
@Service
public class RiskService {

  static final Pattern REQUIREMENT =
      Pattern.compile("[A-Za-z0-9_.-]{1,64}:[A-Za-z0-9_. ()-]{1,63}");

  /** Counts per cell of the matrix, likelihood (rows) by impact (columns), from 1. */
  public record HeatMap(
      int size, int[][] inherent, int[][] residual, List<String> levels, String[][] cellLevels) {}

  /** Open risks per residual level on one day. */
  public record TrendPoint(String date, Map<String, Integer> openByLevel) {}

  private final RiskRepository repo;
  private final RiskMatrix matrix;
  private final io.kiban.governance.framework.FrameworkService frameworks;
  private final InventoryService inventory;
  private final AccessControl access;
  private final AuditLog audit;
  private final Clock clock;

  public RiskService(
      RiskRepository repo,
      RiskMatrix matrix,
      io.kiban.governance.framework.FrameworkService frameworks,
      InventoryService inventory,
      AccessControl access,
      AuditLog audit,
      Clock clock) {
    this.repo = repo;
    this.matrix = matrix;
    this.frameworks = frameworks;
    this.inventory = inventory;
    this.access = access;
    this.audit = audit;
    this.clock = clock;
  }

  public RiskMatrix matrix() {
    return matrix;
  }

  // --- reading

  /** Risks the caller may read, optionally of one use case, with a status and residual level. */
  @Transactional(readOnly = true)
  public List<Risk> list(String useCaseKey, String status, String residualLevel) {
    SqlParams q = new SqlParams().append("SELECT " + RiskRepository.COLUMNS);
    q.append(" FROM risk r JOIN use_case u ON u.use_case_key = r.use_case_key WHERE 1 = 1");
    WorkspaceScope scope = access.readable();
    if (!scope.unrestricted()) {
      if (scope.empty()) {
        return List.of();
      }
      q.append(" AND u.workspace IN ").inList(scope.workspaces());
    }
    if (useCaseKey != null && !useCaseKey.isBlank()) {
      inventory.get(useCaseKey.strip());
      q.append(" AND r.use_case_key = ?", useCaseKey.strip());
    }
    if (status != null && !status.isBlank()) {
      q.append(" AND r.status = ?", code("status", status, RiskCodes.STATUSES));
    }
    q.append(" ORDER BY r.risk_id");
    List<Risk> risks = complete(repo.query(q));
    if (residualLevel != null && !residualLevel.isBlank()) {
      return risks.stream().filter(r -> r.residualLevel().equals(residualLevel.strip())).toList();
    }
    return risks;
  }

  @Transactional(readOnly = true)
  public Risk get(long id) {
    RiskRepository.Row row = repo.find(id, false).orElseThrow(() -> missing(id));
    inventory.get(row.useCaseKey());
    return complete(List.of(row)).get(0);
  }

  /** Where the open risks sit on the matrix, before and after treatment. */
  @Transactional(readOnly = true)
  public HeatMap heatMap(String useCaseKey) {
    int n = matrix.size();
    int[][] inherent = new int[n][n];
    int[][] residual = new int[n][n];
    for (Risk r : list(useCaseKey, null, null)) {
      if (r.status().equals("closed")) {
        continue;
      }
      inherent[r.likelihood() - 1][r.impact() - 1]++;
      residual[r.residualLikelihood() - 1][r.residualImpact() - 1]++;
    }
    String[][] cells = new String[n][n];
    for (int l = 0; l < n; l++) {
      for (int i = 0; i < n; i++) {
        cells[l][i] = matrix.level(l + 1, i + 1);
      }
    }
    return new HeatMap(
        n,
        inherent,
        residual,
        matrix.levels().stream().map(RiskMatrix.Level::name).toList(),
        cells);
  }

  /** For each of the last {@code days} days: open (not accepted, not closed) risks by level. */
  @Transactional(readOnly = true)
  public List<TrendPoint> trend(String useCaseKey, int days) {
    if (days < 1 || days > 3660) {
      throw KibanException.invalid("'days' must be between 1 and 3660.");
    }
    List<Risk> risks = list(useCaseKey, null, null);
    List<Object[]> snaps = repo.snapshots(risks.stream().map(Risk::riskId).toList());
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    List<TrendPoint> out = new ArrayList<>();
    Map<Long, Object[]> latest = new LinkedHashMap<>();
    int next = 0;
    for (int d = days - 1; d >= 0; d--) {
      LocalDate day = today.minusDays(d);
      long end = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      while (next < snaps.size() && (Long) snaps.get(next)[1] < end) {
        latest.put((Long) snaps.get(next)[0], snaps.get(next));
        next++;
      }
      Map<String, Integer> counts = new LinkedHashMap<>();
      matrix.levels().forEach(l -> counts.put(l.name(), 0));
      for (Object[] s : latest.values()) {
        String state = (String) s[3];
        if (state.equals("open") || state.equals("treating")) {
          counts.merge((String) s[2], 1, Integer::sum);
        }
      }
      out.add(new TrendPoint(day.toString(), counts));
    }
    return out;
  }

  // --- changing

  @Transactional
  public Risk create(RiskInput in) {
    if (in == null || in.useCaseKey() == null || in.useCaseKey().isBlank()) {
      throw KibanException.invalid("'use_case' (the use case key) is required.");
    }
    UseCase useCase = inventory.get(in.useCaseKey().strip());
    access.require(Permission.GOVERN, useCase.data().workspace());
    long now = clock.millis();
    String status = in.status() == null || in.status().isBlank() ? "open" : in.status();
    RiskRepository.Row row = validate(in, 0, useCase.key(), status, null, null, null, now, now);
    if ("accepted".equals(row.status())) {
      throw KibanException.invalid("A new risk cannot start accepted; record it, then accept it.");
    }
    long id = repo.insert(row);
    List<String> controls = controls(in.controls());
    repo.setControls(id, controls);
    Risk risk = get(id);
    repo.snapshot(id, now, risk.inherentLevel(), risk.residualLevel(), risk.status());
    audit.record(
        "risk.created",
        "risk",
        String.valueOf(id),
        JsonText.object(
            "use_case",
            useCase.key(),
            "title",
            risk.title(),
            "inherent",
            risk.inherentLevel(),
            "residual",
            risk.residualLevel()));
    return risk;
  }

  @Transactional
  public Risk update(long id, RiskInput in) {
    RiskRepository.Row before = repo.find(id, true).orElseThrow(() -> missing(id));
    UseCase useCase = inventory.get(before.useCaseKey());
    access.require(Permission.GOVERN, useCase.data().workspace());
    if (in.useCaseKey() != null
        && !in.useCaseKey().isBlank()
        && !in.useCaseKey().strip().equals(before.useCaseKey())) {
      throw KibanException.invalid(
          "A risk stays with its use case ('" + before.useCaseKey() + "').");
    }
    String status = in.status() == null || in.status().isBlank() ? before.status() : in.status();
    RiskRepository.Row row =
        validate(
            in,
            id,
            before.useCaseKey(),
            status,
            before.acceptedBy(),
            before.acceptedAt(),
            before.rationale(),
            before.createdAt(),
            clock.millis());
    boolean ratingChanged =
        row.residualLikelihood() != before.residualLikelihood()
            || row.residualImpact() != before.residualImpact();
    if ("accepted".equals(row.status()) && !"accepted".equals(before.status())) {
      throw KibanException.invalid(
          "Accept a risk with its own action, which checks who may accept it.");
    }
    if ("accepted".equals(before.status()) && (ratingChanged || !"accepted".equals(row.status()))) {
      row = withAcceptance(row, ratingChanged ? "open" : row.status(), null, null, null);
    }
    repo.update(row);
    repo.setControls(id, controls(in.controls()));
    Risk risk = get(id);
    repo.snapshot(id, row.updatedAt(), risk.inherentLevel(), risk.residualLevel(), risk.status());
    audit.record(
        "risk.updated",
        "risk",
        String.valueOf(id),
        JsonText.object(
            "before_status",
            before.status(),
            "status",
            risk.status(),
            "before_residual",
            matrix.level(before.residualLikelihood(), before.residualImpact()),
            "residual",
            risk.residualLevel()));
    return risk;
  }

  /**
   * Accepts the residual risk. The policy names the role for each level; an administrator may too.
   * The rationale is kept with who and when.
   */
  @Transactional
  public Risk accept(long id, String rationale) {
    RiskRepository.Row row = repo.find(id, true).orElseThrow(() -> missing(id));
    UseCase useCase = inventory.get(row.useCaseKey());
    String level = matrix.level(row.residualLikelihood(), row.residualImpact());
    Role needed = matrix.acceptedBy(level);
    KibanPrincipal me = access.current();
    boolean allowed =
        me.grants().stream()
            .anyMatch(
                g ->
                    g.covers(useCase.data().workspace())
                        && (g.role() == needed
                            || (g.role() == Role.ADMIN && g.workspace().equals(Grant.GLOBAL))));
    if (!allowed) {
      throw new KibanException(
          ErrorCode.PERMISSION_DENIED,
          "Accepting a residual risk of level '"
              + level
              + "' needs the "
              + needed.wireName()
              + " role in workspace '"
              + useCase.data().workspace()
              + "'.");
    }
    if (rationale == null || rationale.isBlank() || rationale.length() > 4000) {
      throw KibanException.invalid(
          "A rationale of 1 to 4000 characters is required to accept a risk.");
    }
    if ("closed".equals(row.status())) {
      throw KibanException.invalid("Risk " + id + " is closed.");
    }
    long now = clock.millis();
    RiskRepository.Row accepted =
        withAcceptance(row, "accepted", me.username(), now, rationale.strip());
    repo.update(
        new RiskRepository.Row(
            accepted.riskId(),
            accepted.useCaseKey(),
            accepted.modelName(),
            accepted.title(),
            accepted.description(),
            accepted.principle(),
            accepted.characteristic(),
            accepted.phase(),
            accepted.likelihood(),
            accepted.impact(),
            accepted.treatment(),
            accepted.plan(),
            accepted.residualLikelihood(),
            accepted.residualImpact(),
            accepted.owner(),
            accepted.reviewDate(),
            accepted.status(),
            accepted.acceptedBy(),
            accepted.acceptedAt(),
            accepted.rationale(),
            accepted.createdAt(),
            now,
            accepted.createdBy()));
    repo.snapshot(id, now, matrix.level(row.likelihood(), row.impact()), level, "accepted");
    audit.record(
        "risk.accepted",
        "risk",
        String.valueOf(id),
        JsonText.object("level", level, "role", needed.wireName(), "rationale", rationale.strip()));
    return get(id);
  }

  private static RiskRepository.Row withAcceptance(
      RiskRepository.Row r, String status, String by, Long at, String rationale) {
    return new RiskRepository.Row(
        r.riskId(),
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
        status,
        by,
        at,
        rationale,
        r.createdAt(),
        r.updatedAt(),
        r.createdBy());
  }

  private RiskRepository.Row validate(
      RiskInput in,
      long id,
      String useCaseKey,
      String status,
      String acceptedBy,
      Long acceptedAt,
      String rationale,
      long createdAt,
      long updatedAt) {
    String title = text("title", in.title(), 256, true);
    int likelihood = rating("likelihood", in.likelihood());
    int impact = rating("impact", in.impact());
    int residualLikelihood =
        in.residualLikelihood() == null
            ? likelihood
            : rating("residual_likelihood", in.residualLikelihood());
    int residualImpact =
        in.residualImpact() == null ? impact : rating("residual_impact", in.residualImpact());
    if (residualLikelihood * residualImpact > likelihood * impact) {
      throw KibanException.invalid(
          "The residual rating ("
              + residualLikelihood
              + "x"
              + residualImpact
              + ") cannot be worse than the inherent one ("
              + likelihood
              + "x"
              + impact
              + ").");
    }
    String review = text("review_date", in.reviewDate(), 10, false);
    if (review != null) {
      try {
        LocalDate.parse(review);
      } catch (DateTimeParseException e) {
        throw KibanException.invalid("'review_date' must be a date like 2027-03-31.");
      }
    }
    return new RiskRepository.Row(
        id,
        useCaseKey,
        text("model", in.modelName(), 256, false),
        title,
        text("description", in.description(), 4000, false),
        code("principle", in.principle(), RiskCodes.PRINCIPLES),
        code("characteristic", in.characteristic(), RiskCodes.CHARACTERISTICS),
        code("lifecycle_phase", in.lifecyclePhase(), RiskCodes.PHASES),
        likelihood,
        impact,
        code("treatment", in.treatment(), RiskCodes.TREATMENTS),
        text("treatment_plan", in.treatmentPlan(), 4000, false),
        residualLikelihood,
        residualImpact,
        text("owner", in.owner(), 256, false),
        review,
        code("status", status, RiskCodes.STATUSES),
        acceptedBy,
        acceptedAt,
        rationale,
        createdAt,
        updatedAt,
        access.current().username());
  }

  private int rating(String field, Integer value) {
    if (value == null || value < 1 || value > matrix.size()) {
      throw KibanException.invalid(
          "'" + field + "' must be a whole number from 1 to " + matrix.size() + ".");
    }
    return value;
  }

  private List<String> controls(List<String> in) {
    Set<String> out = new LinkedHashSet<>();
    for (String c : in == null ? List.<String>of() : in) {
      if (c == null || c.isBlank()) {
        continue;
      }
      String ref = c.strip();
      if (!REQUIREMENT.matcher(ref).matches()) {
        throw KibanException.invalid(
            "Control '" + c + "' is not a requirement reference like iso42001:A.6.2.4.");
      }
      int colon = ref.indexOf(':');
      try {
        frameworks.requirement(ref.substring(0, colon), ref.substring(colon + 1));
      } catch (KibanException e) {
        throw KibanException.invalid("Control '" + ref + "' is not in the framework library.");
      }
      out.add(ref);
    }
    return new ArrayList<>(out);
  }

  private static String code(String field, String value, List<String> allowed) {
    return Codes.one(field, value, allowed);
  }

  private static String text(String field, String value, int max, boolean required) {
    return required ? Codes.required(field, value, max) : Codes.text(field, value, max);
  }

  private List<Risk> complete(List<RiskRepository.Row> rows) {
    Map<Long, List<String>> controls =
        repo.controls(rows.stream().map(RiskRepository.Row::riskId).toList());
    return rows.stream()
        .map(
            r ->
                new Risk(
                    r.riskId(),
                    r.useCaseKey(),
                    r.modelName(),
                    r.title(),
                    r.description(),
                    r.principle(),
                    r.characteristic(),
                    r.phase(),
                    r.likelihood(),
                    r.impact(),
                    matrix.level(r.likelihood(), r.impact()),
                    r.treatment(),
                    r.plan(),
                    r.residualLikelihood(),
                    r.residualImpact(),
                    matrix.level(r.residualLikelihood(), r.residualImpact()),
                    r.owner(),
                    r.reviewDate(),
                    r.status(),
                    r.acceptedBy(),
                    r.acceptedAt(),
                    r.rationale(),
                    controls.getOrDefault(r.riskId(), List.of()),
                    r.createdAt(),
                    r.updatedAt(),
                    r.createdBy()))
        .toList();
  }

  private static KibanException missing(long id) {
    return KibanException.notFound("Risk " + id + " does not exist.");
  }
}
