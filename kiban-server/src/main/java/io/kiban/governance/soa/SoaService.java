package io.kiban.governance.soa;

import io.kiban.audit.AuditLog;
import io.kiban.governance.framework.FrameworkService;
import io.kiban.governance.inventory.Codes;
import io.kiban.governance.inventory.InventoryService;
import io.kiban.governance.inventory.UseCase;
import io.kiban.identity.AccessControl;
import io.kiban.identity.Permission;
import io.kiban.platform.error.KibanException;
import io.kiban.platform.json.JsonText;
import io.kiban.registry.RegistryService;
import io.kiban.storage.ArtifactPath;
import io.kiban.storage.ArtifactStore;
import io.kiban.tracking.RunService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The Statement of Applicability per scope ("org" for the organisation, or a use case key): for
 * each requirement of a framework, whether it applies (exclusions need a justification), its
 * implementation status, owner, reviewer, due date, notes and evidence; the gap analysis; the reuse
 * of evidence across frameworks through the crosswalk. Reading needs READ (in the use case's
 * workspace), changing GOVERN (in all workspaces for the organisation's scope).
 */
@Service
public class SoaService {

  public static final String ORG = "org";
  public static final List<String> STATUSES =
      List.of("not_started", "in_progress", "implemented", "verified", "not_applicable");
  public static final List<String> EVIDENCE_KINDS =
      List.of(
          "run",
          "model_version",
          "model_card",
          "classification",
          "registry_history",
          "document",
          "link");
  static final Set<String> DONE = Set.of("implemented", "verified");
  static final long MAX_DOCUMENT = 32L * 1024 * 1024;

  /** One requirement's line of the statement. */
  public record Line(
      String framework,
      String requirement,
      String titleJa,
      String titleEn,
      Boolean applicable,
      String justification,
      String status,
      String owner,
      String reviewer,
      String dueDate,
      String notes,
      boolean overdue,
      List<Evidence> evidence,
      List<String> coveredVia) {}

  public record Evidence(
      long id,
      String kind,
      String reference,
      String title,
      String sha256,
      Long sizeBytes,
      long addedAt,
      String addedBy) {}

  /** What a client sends to set a line. */
  public record Input(
      Boolean applicable,
      String justification,
      String status,
      String owner,
      String reviewer,
      String dueDate,
      String notes) {}

  /** Counts and percentages of the applicable requirements, and the overdue ones. */
  public record Gap(
      String framework,
      String scope,
      int requirements,
      int notAssessed,
      int excluded,
      int applicable,
      Map<String, Integer> byStatus,
      double implementedPercent,
      int coveredThroughCrosswalk,
      List<String> overdue) {}

  private final JdbcClient jdbc;
  private final FrameworkService frameworks;
  private final InventoryService inventory;
  private final RunService runs;
  private final RegistryService registry;
  private final ArtifactStore store;
  private final io.kiban.governance.assessment.AssessmentService assessments;
  private final AccessControl access;
  private final AuditLog audit;
  private final Clock clock;

  public SoaService(
      JdbcClient jdbc,
      FrameworkService frameworks,
      InventoryService inventory,
      RunService runs,
      RegistryService registry,
      ArtifactStore store,
      io.kiban.governance.assessment.AssessmentService assessments,
      AccessControl access,
      AuditLog audit,
      Clock clock) {
    this.assessments = assessments;
    this.jdbc = jdbc;
    this.frameworks = frameworks;
    this.inventory = inventory;
    this.runs = runs;
    this.registry = registry;
    this.store = store;
    this.access = access;
    this.audit = audit;
    this.clock = clock;
  }

  // --- reading

  /** The statement for the framework's leaf requirements in the scope. */
  @Transactional(readOnly = true)
  public List<Line> statement(String framework, String scope) {
    String s = readable(scope);
    List<FrameworkService.Requirement> all = frameworks.requirements(framework, null);
    Set<String> parents = new java.util.HashSet<>();
    all.forEach(
        r -> {
          if (r.parentId() != null) {
            parents.add(r.parentId());
          }
        });
    Map<String, Map<String, Object>> entries = new HashMap<>();
    jdbc.sql(
            "SELECT entry_id, req_id, applicable, justification, status, owner, reviewer,"
                + " due_date, notes FROM soa_entry WHERE scope = ? AND fkey = ?")
        .params(s, framework)
        .query(
            rs -> {
              Map<String, Object> e = new HashMap<>();
              e.put("id", rs.getLong(1));
              e.put("applicable", rs.getBoolean(3));
              e.put("justification", rs.getString(4));
              e.put("status", rs.getString(5));
              e.put("owner", rs.getString(6));
              e.put("reviewer", rs.getString(7));
              e.put("due", rs.getString(8));
              e.put("notes", rs.getString(9));
              entries.put(rs.getString(2), e);
            });
    String today = LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString();
    List<Line> out = new ArrayList<>();
    for (FrameworkService.Requirement r : all) {
      if (parents.contains(r.id())) {
        continue;
      }
      Map<String, Object> e = entries.get(r.id());
      List<Evidence> evidence = e == null ? List.of() : evidence((Long) e.get("id"));
      String status = e == null ? null : (String) e.get("status");
      String due = e == null ? null : (String) e.get("due");
      boolean overdue =
          due != null
              && due.compareTo(today) < 0
              && status != null
              && !DONE.contains(status)
              && !"not_applicable".equals(status);
      out.add(
          new Line(
              framework,
              r.id(),
              r.titleJa(),
              r.titleEn(),
              e == null ? null : (Boolean) e.get("applicable"),
              e == null ? null : (String) e.get("justification"),
              status,
              e == null ? null : (String) e.get("owner"),
              e == null ? null : (String) e.get("reviewer"),
              due,
              e == null ? null : (String) e.get("notes"),
              overdue,
              evidence,
              coveredVia(
                  s,
                  framework,
                  r.id(),
                  e == null || !DONE.contains(status) || evidence.isEmpty())));
    }
    return out;
  }

  /** Mapped requirements in the same scope that are implemented with evidence. */
  private List<String> coveredVia(String scope, String framework, String reqId, boolean needed) {
    if (!needed) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String ref : frameworks.satisfiedVia(framework, reqId)) {
      int colon = ref.indexOf(':');
      Long done =
          jdbc.sql(
                  "SELECT COUNT(*) FROM soa_entry e WHERE e.scope = ? AND e.fkey = ? AND e.req_id = ?"
                      + " AND e.status IN ('implemented', 'verified') AND EXISTS (SELECT 1 FROM"
                      + " soa_evidence v WHERE v.entry_id = e.entry_id)")
              .params(scope, ref.substring(0, colon), ref.substring(colon + 1))
              .query(Long.class)
              .single();
      if (done > 0) {
        out.add(ref);
      }
    }
    return out;
  }

  @Transactional(readOnly = true)
  public Gap gap(String framework, String scope) {
    List<Line> lines = statement(framework, scope);
    Map<String, Integer> byStatus = new LinkedHashMap<>();
    STATUSES.forEach(st -> byStatus.put(st, 0));
    int notAssessed = 0;
    int excluded = 0;
    int applicable = 0;
    int done = 0;
    int covered = 0;
    List<String> overdue = new ArrayList<>();
    for (Line l : lines) {
      if (l.applicable() == null) {
        notAssessed++;
        continue;
      }
      if (!l.applicable()) {
        excluded++;
        continue;
      }
      applicable++;
      byStatus.merge(l.status(), 1, Integer::sum);
      if (DONE.contains(l.status())) {
        done++;
      } else if (!l.coveredVia().isEmpty()) {
        covered++;
      }
      if (l.overdue()) {
        overdue.add(l.requirement());
      }
    }
    double percent = applicable == 0 ? 0 : Math.round(1000.0 * done / applicable) / 10.0;
    return new Gap(
        framework,
        scope == null || scope.isBlank() ? ORG : scope.strip(),
        lines.size(),
        notAssessed,
        excluded,
        applicable,
        byStatus,
        percent,
        covered,
        overdue);
  }

  // --- changing

  @Transactional
  public Line set(String scope, String framework, String reqId, Input in) {
    String s = writable(scope);
    frameworks.requirement(framework, reqId);
    if (in == null || in.applicable() == null) {
      throw KibanException.invalid("'applicable' (true or false) is required.");
    }
    String justification = Codes.text("justification", in.justification(), 4000);
    if (!in.applicable() && justification == null) {
      throw KibanException.invalid("Excluding a requirement needs a justification.");
    }
    String status =
        in.applicable()
            ? Codes.one(
                "status",
                in.status() == null || in.status().isBlank() ? "not_started" : in.status(),
                STATUSES)
            : "not_applicable";
    if (in.applicable() && status.equals("not_applicable")) {
      throw KibanException.invalid(
          "An applicable requirement cannot have the status not_applicable.");
    }
    String due = Codes.text("due_date", in.dueDate(), 10);
    if (due != null) {
      try {
        LocalDate.parse(due);
      } catch (DateTimeParseException e) {
        throw KibanException.invalid("'due_date' must be a date like 2027-03-31.");
      }
    }
    Object[] values = {
      in.applicable(),
      justification,
      status,
      Codes.text("owner", in.owner(), 256),
      Codes.text("reviewer", in.reviewer(), 256),
      due,
      Codes.text("notes", in.notes(), 4000),
      clock.millis(),
      access.current().username()
    };
    int updated =
        jdbc.sql(
                "UPDATE soa_entry SET applicable = ?, justification = ?, status = ?, owner = ?,"
                    + " reviewer = ?, due_date = ?, notes = ?, updated_at = ?, updated_by = ?"
                    + " WHERE scope = ? AND fkey = ? AND req_id = ?")
            .params(
                values[0], values[1], values[2], values[3], values[4], values[5], values[6],
                values[7], values[8], s, framework, reqId)
            .update();
    if (updated == 0) {
      jdbc.sql(
              "INSERT INTO soa_entry (applicable, justification, status, owner, reviewer, due_date,"
                  + " notes, updated_at, updated_by, scope, fkey, req_id) VALUES (?, ?, ?, ?, ?, ?,"
                  + " ?, ?, ?, ?, ?, ?)")
          .params(
              values[0], values[1], values[2], values[3], values[4], values[5], values[6],
              values[7], values[8], s, framework, reqId)
          .update();
    }
    audit.record(
        "soa.set",
        "soa",
        s + "/" + framework + ":" + reqId,
        JsonText.object(
            "applicable",
            String.valueOf(in.applicable()),
            "status",
            status,
            "justification",
            justification));
    return line(s, framework, reqId);
  }

  /** Links evidence that is not a file: a run, a model version, a model card, a URL, ... */
  @Transactional
  public Line addEvidence(
      String scope, String framework, String reqId, String kind, String reference, String title) {
    String s = writable(scope);
    long entry = entry(s, framework, reqId);
    String k = Codes.one("kind", kind, EVIDENCE_KINDS);
    if (k.equals("document")) {
      throw KibanException.invalid("Upload documents as files.");
    }
    String ref = Codes.required("reference", reference, 1000);
    switch (k) {
      case "run" -> runs.getInfo(ref);
      case "model_version", "model_card" -> {
        int slash = ref.lastIndexOf('/');
        if (slash <= 0) {
          throw KibanException.invalid("A model version reference is name/version.");
        }
        registry.getVersion(ref.substring(0, slash), ref.substring(slash + 1));
      }
      case "registry_history" -> registry.history(ref, null);
      case "assessment" -> {
        long id;
        try {
          id = Long.parseLong(ref);
        } catch (NumberFormatException e) {
          throw KibanException.invalid("An assessment reference is its number.");
        }
        assessments.get(id);
      }
      case "link" -> {
        if (!ref.startsWith("https://") && !ref.startsWith("http://")) {
          throw KibanException.invalid("A link must start with https:// or http://.");
        }
      }
      default -> {}
    }
    insertEvidence(
        entry, k, ref, Codes.text("title", title, 256) == null ? ref : title.strip(), null, null);
    audit.record(
        "soa.evidence_added",
        "soa",
        s + "/" + framework + ":" + reqId,
        JsonText.object("kind", k, "reference", ref));
    return line(s, framework, reqId);
  }

  /** Stores an uploaded document in the artifact store with its SHA-256 and links it. */
  @Transactional
  public Line addDocument(
      String scope, String framework, String reqId, String fileName, InputStream content) {
    String s = writable(scope);
    long entry = entry(s, framework, reqId);
    String name =
        Codes.required(
            "file name", fileName == null ? null : fileName.replaceAll("[\\\\/]", "_"), 200);
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    String path =
        ArtifactPath.join("governance/evidence/" + UUID.randomUUID(), ArtifactPath.normalize(name));
    long size;
    try (DigestInputStream in = new DigestInputStream(content, sha)) {
      size = store.put(path, in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (size > MAX_DOCUMENT) {
      store.delete(path);
      throw KibanException.invalid("Evidence documents are limited to 32 MB.");
    }
    String hash = HexFormat.of().formatHex(sha.digest());
    insertEvidence(entry, "document", path, name, hash, size);
    audit.record(
        "soa.evidence_added",
        "soa",
        s + "/" + framework + ":" + reqId,
        JsonText.object("kind", "document", "sha256", hash, "name", name));
    return line(s, framework, reqId);
  }

  /** Opens an evidence document for download, after checking the caller may read the scope. */
  @Transactional(readOnly = true)
  public Optional<ArtifactStore.Content> document(long evidenceId) {
    Map<String, String> row =
        jdbc.sql(
                "SELECT e.scope, v.reference, v.kind FROM soa_evidence v JOIN soa_entry e ON"
                    + " e.entry_id = v.entry_id WHERE v.evidence_id = ?")
            .param(evidenceId)
            .query(
                rs -> {
                  if (!rs.next()) {
                    return null;
                  }
                  return Map.of(
                      "scope", rs.getString(1), "ref", rs.getString(2), "kind", rs.getString(3));
                });
    if (row == null || !row.get("kind").equals("document")) {
      throw KibanException.notFound("Evidence document " + evidenceId + " does not exist.");
    }
    readable(row.get("scope"));
    return store.open(row.get("ref"));
  }

  // --- helpers

  private Line line(String scope, String framework, String reqId) {
    return statement(framework, scope).stream()
        .filter(l -> l.requirement().equals(reqId))
        .findFirst()
        .orElseThrow(
            () ->
                KibanException.invalid(
                    "'" + reqId + "' has sub-requirements; set its leaves instead."));
  }

  private long entry(String scope, String framework, String reqId) {
    frameworks.requirement(framework, reqId);
    return jdbc.sql("SELECT entry_id FROM soa_entry WHERE scope = ? AND fkey = ? AND req_id = ?")
        .params(scope, framework, reqId)
        .query(Long.class)
        .optional()
        .orElseThrow(
            () ->
                KibanException.invalid(
                    "Set the applicability of "
                        + framework
                        + ":"
                        + reqId
                        + " before adding evidence."));
  }

  private void insertEvidence(
      long entry, String kind, String ref, String title, String sha, Long size) {
    jdbc.sql(
            "INSERT INTO soa_evidence (entry_id, kind, reference, title, sha256, size_bytes,"
                + " added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(entry, kind, ref, title, sha, size, clock.millis(), access.current().username())
        .update();
  }

  private List<Evidence> evidence(long entry) {
    return jdbc.sql(
            "SELECT evidence_id, kind, reference, title, sha256, size_bytes, added_at, added_by"
                + " FROM soa_evidence WHERE entry_id = ? ORDER BY evidence_id")
        .param(entry)
        .query(
            (rs, i) -> {
              long size = rs.getLong(6);
              return new Evidence(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.wasNull() ? null : size,
                  rs.getLong(7),
                  rs.getString(8));
            })
        .list();
  }

  private String readable(String scope) {
    String s = scope == null || scope.isBlank() ? ORG : scope.strip();
    if (s.equals(ORG)) {
      access.current();
    } else {
      inventory.get(s);
    }
    return s;
  }

  private String writable(String scope) {
    String s = scope == null || scope.isBlank() ? ORG : scope.strip();
    if (s.equals(ORG)) {
      access.requireGlobal(Permission.GOVERN);
    } else {
      UseCase uc = inventory.get(s);
      access.require(Permission.GOVERN, uc.data().workspace());
    }
    return s;
  }
}
