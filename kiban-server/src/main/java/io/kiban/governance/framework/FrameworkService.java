package io.kiban.governance.framework;

import io.kiban.audit.AuditLog;
import io.kiban.identity.AccessControl;
import io.kiban.identity.Permission;
import io.kiban.platform.error.KibanException;
import io.kiban.platform.error.LineErrors;
import io.kiban.platform.error.LineErrors.LineError;
import io.kiban.platform.json.JsonText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The framework library: shipped catalogs (ISO/IEC 42001, EU AI Act, NIST AI RMF, Japan's AI
 * guidelines and AI Act) and the organisation's own frameworks, versioned, with typed crosswalks.
 * Everyone signed in may read it; importing needs GOVERN in all workspaces.
 */
@Service
public class FrameworkService {

  public static final List<String> SHIPPED =
      List.of("iso42001", "eu-ai-act", "nist-ai-rmf", "jp-ai-guidelines", "jp-ai-act");
  public static final List<String> MAPPING_TYPES =
      List.of("equal", "subset", "superset", "intersect");

  static final JsonMapper JSON = JsonMapper.builder().build();

  /** A framework version without its tree. */
  public record Framework(
      String key, String version, String nameJa, String nameEn, String origin, int requirements) {}

  /** A requirement as stored. */
  public record Requirement(
      String framework,
      String id,
      String parentId,
      String kind,
      String titleJa,
      String titleEn,
      String descriptionJa,
      String descriptionEn,
      Map<String, String> attributes) {}

  /** A typed link between two requirements ({@code framework:id}). */
  public record Mapping(String from, String to, String type, String note) {}

  private final JdbcClient jdbc;
  private final AccessControl access;
  private final AuditLog audit;
  private final Clock clock;

  public FrameworkService(JdbcClient jdbc, AccessControl access, AuditLog audit, Clock clock) {
    this.jdbc = jdbc;
    this.access = access;
    this.audit = audit;
    this.clock = clock;
  }

  /** Stores the shipped catalogs and crosswalks that are not there yet (at start-up). */
  @Transactional
  public void loadShipped() {
    access.asSystem(
        () -> {
          for (String name : SHIPPED) {
            FrameworkDefinition def = FrameworkDefinition.fromJson(resource(name + ".json"));
            if (find(def.key(), def.version()).isEmpty()) {
              store(def, "shipped");
            }
          }
          JsonNode mappings = JSON.readTree(resource("crosswalks.json")).path("mappings");
          for (JsonNode m : mappings) {
            String[] from = split(m.path("from").asString());
            String[] to = split(m.path("to").asString());
            if (jdbc.sql(
                        "SELECT COUNT(*) FROM crosswalk WHERE from_key = ? AND from_req = ? AND to_key = ? AND to_req = ?")
                    .params(from[0], from[1], to[0], to[1])
                    .query(Long.class)
                    .single()
                == 0) {
              jdbc.sql(
                      "INSERT INTO crosswalk (from_key, from_req, to_key, to_req, mapping_type) VALUES (?, ?, ?, ?, ?)")
                  .params(from[0], from[1], to[0], to[1], m.path("type").asString())
                  .update();
            }
          }
        });
  }

  private static String resource(String name) {
    try (InputStream in = FrameworkService.class.getResourceAsStream("/frameworks/" + name)) {
      if (in == null) {
        throw new IllegalStateException("Missing catalog resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // --- reading

  @Transactional(readOnly = true)
  public List<Framework> list() {
    access.current();
    return jdbc.sql(
            "SELECT f.fkey, f.version, f.name_ja, f.name_en, f.origin, (SELECT COUNT(*) FROM"
                + " requirement r WHERE r.framework_id = f.framework_id) FROM framework f"
                + " ORDER BY f.fkey, f.framework_id")
        .query(
            (rs, i) ->
                new Framework(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getInt(6)))
        .list();
  }

  /** The requirements of a framework in document order; the newest version unless one is named. */
  @Transactional(readOnly = true)
  public List<Requirement> requirements(String key, String version) {
    access.current();
    long id = frameworkId(key, version);
    return jdbc.sql(
            "SELECT req_id, parent_id, kind, title_ja, title_en, description_ja, description_en,"
                + " attributes FROM requirement WHERE framework_id = ? ORDER BY ordinal")
        .param(id)
        .query(
            (rs, i) ->
                new Requirement(
                    key,
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getString(7),
                    attributes(rs.getString(8))))
        .list();
  }

  @Transactional(readOnly = true)
  public Framework get(String key, String version) {
    access.current();
    long id = frameworkId(key, version);
    return list().stream()
        .filter(f -> f.key().equals(key) && frameworkId(key, f.version()) == id)
        .findFirst()
        .orElseThrow();
  }

  @Transactional(readOnly = true)
  public Requirement requirement(String key, String reqId) {
    return requirements(key, null).stream()
        .filter(r -> r.id().equals(reqId))
        .findFirst()
        .orElseThrow(
            () ->
                KibanException.notFound(
                    "Requirement '" + reqId + "' is not in framework '" + key + "'."));
  }

  /** Mappings that touch the requirement, in both directions. */
  @Transactional(readOnly = true)
  public List<Mapping> mappingsOf(String key, String reqId) {
    requirement(key, reqId);
    return jdbc.sql(
            "SELECT from_key, from_req, to_key, to_req, mapping_type, note FROM crosswalk"
                + " WHERE (from_key = ? AND from_req = ?) OR (to_key = ? AND to_req = ?)"
                + " ORDER BY from_key, from_req, to_key, to_req")
        .params(key, reqId, key, reqId)
        .query(
            (rs, i) ->
                new Mapping(
                    rs.getString(1) + ":" + rs.getString(2),
                    rs.getString(3) + ":" + rs.getString(4),
                    rs.getString(5),
                    rs.getString(6)))
        .list();
  }

  /** Mappings between two frameworks (either direction). */
  @Transactional(readOnly = true)
  public List<Mapping> crosswalk(String from, String to) {
    access.current();
    return jdbc.sql(
            "SELECT from_key, from_req, to_key, to_req, mapping_type, note FROM crosswalk"
                + " WHERE (from_key = ? AND to_key = ?) OR (from_key = ? AND to_key = ?)"
                + " ORDER BY from_key, from_req, to_req")
        .params(from, to, to, from)
        .query(
            (rs, i) ->
                new Mapping(
                    rs.getString(1) + ":" + rs.getString(2),
                    rs.getString(3) + ":" + rs.getString(4),
                    rs.getString(5),
                    rs.getString(6)))
        .list();
  }

  /**
   * The requirements of other frameworks that evidence for {@code key:reqId} also satisfies,
   * through mappings of type equal, or where the other requirement is a subset of this one.
   */
  @Transactional(readOnly = true)
  public List<String> satisfiedVia(String key, String reqId) {
    List<String> out = new ArrayList<>();
    for (Mapping m : mappingsOf(key, reqId)) {
      boolean forward = m.from().equals(key + ":" + reqId);
      String other = forward ? m.to() : m.from();
      boolean covers =
          m.type().equals("equal")
              || (forward && m.type().equals("superset"))
              || (!forward && m.type().equals("subset"));
      if (covers && !out.contains(other)) {
        out.add(other);
      }
    }
    return out;
  }

  // --- importing

  /** Imports a framework version; an identical key and version is refused. */
  @Transactional
  public Framework importFramework(FrameworkDefinition def) {
    access.requireGlobal(Permission.GOVERN);
    if (SHIPPED.contains(def.key())) {
      throw KibanException.invalid(
          "'" + def.key() + "' is a shipped framework; import your own under another key.");
    }
    if (find(def.key(), def.version()).isPresent()) {
      throw KibanException.alreadyExists(
          "Framework '"
              + def.key()
              + "' version '"
              + def.version()
              + "' already exists; import a new version.");
    }
    store(def, "custom");
    audit.record(
        "framework.imported",
        "framework",
        def.key() + "@" + def.version(),
        JsonText.object("requirements", String.valueOf(def.requirements().size())));
    return get(def.key(), def.version());
  }

  /**
   * Imports crosswalk mappings {@code {"mappings":[{"from","to","type","note"}]}}, all or nothing.
   */
  @Transactional
  public int importMappings(String json) {
    access.requireGlobal(Permission.GOVERN);
    JsonNode root;
    try {
      root = JSON.readTree(json == null ? "" : json);
    } catch (tools.jackson.core.JacksonException e) {
      int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
      throw new LineErrors(
          "The crosswalk file",
          List.of(new LineError(line, null, "Not valid JSON: " + e.getOriginalMessage())));
    }
    List<LineError> errors = new ArrayList<>();
    JsonNode list = root == null ? null : root.path("mappings");
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw new LineErrors(
          "The crosswalk file",
          List.of(new LineError(0, "mappings", "'mappings' must be a non-empty list.")));
    }
    List<Mapping> valid = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode m = list.get(i);
      String at = "mappings[" + i + "]";
      String from = m.path("from").asString("");
      String to = m.path("to").asString("");
      String type = m.path("type").asString("");
      if (!MAPPING_TYPES.contains(type)) {
        errors.add(
            new LineError(
                0,
                at + ".type",
                "Unknown mapping type '" + type + "'; use one of " + MAPPING_TYPES + "."));
      }
      for (String[] end : new String[][] {{"from", from}, {"to", to}}) {
        String[] parts = end[1].contains(":") ? split(end[1]) : null;
        if (parts == null || !exists(parts[0], parts[1])) {
          errors.add(
              new LineError(
                  0,
                  at + "." + end[0],
                  "Unknown requirement '" + end[1] + "' (write framework:id)."));
        }
      }
      valid.add(
          new Mapping(
              from, to, type, m.path("note").isMissingNode() ? null : m.path("note").asString()));
    }
    if (!errors.isEmpty()) {
      throw new LineErrors("The crosswalk file", errors);
    }
    int added = 0;
    for (Mapping m : valid) {
      String[] f = split(m.from());
      String[] t = split(m.to());
      jdbc.sql(
              "DELETE FROM crosswalk WHERE from_key = ? AND from_req = ? AND to_key = ? AND to_req = ?")
          .params(f[0], f[1], t[0], t[1])
          .update();
      jdbc.sql(
              "INSERT INTO crosswalk (from_key, from_req, to_key, to_req, mapping_type, note) VALUES (?, ?, ?, ?, ?, ?)")
          .params(f[0], f[1], t[0], t[1], m.type(), m.note())
          .update();
      added++;
    }
    audit.record(
        "crosswalk.imported",
        "crosswalk",
        "mappings",
        JsonText.object("count", String.valueOf(added)));
    return added;
  }

  // --- helpers

  private void store(FrameworkDefinition def, String origin) {
    jdbc.sql(
            "INSERT INTO framework (fkey, version, name_ja, name_en, origin, created_at,"
                + " created_by) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(
            def.key(),
            def.version(),
            def.nameJa(),
            def.nameEn(),
            origin,
            clock.millis(),
            access.current().username())
        .update();
    long id = find(def.key(), def.version()).orElseThrow();
    int ordinal = 0;
    for (FrameworkDefinition.Requirement r : def.requirements()) {
      jdbc.sql(
              "INSERT INTO requirement (framework_id, req_id, parent_id, kind, ordinal, title_ja,"
                  + " title_en, description_ja, description_en, attributes) VALUES (?, ?, ?, ?, ?,"
                  + " ?, ?, ?, ?, ?)")
          .params(
              id,
              r.id(),
              r.parentId(),
              r.kind(),
              ordinal++,
              r.titleJa(),
              r.titleEn(),
              r.descriptionJa(),
              r.descriptionEn(),
              r.attributes().isEmpty() ? null : JSON.writeValueAsString(r.attributes()))
          .update();
    }
  }

  private Optional<Long> find(String key, String version) {
    return jdbc.sql("SELECT framework_id FROM framework WHERE fkey = ? AND version = ?")
        .params(key, version)
        .query(Long.class)
        .optional();
  }

  private long frameworkId(String key, String version) {
    Optional<Long> id =
        version == null || version.isBlank()
            ? jdbc.sql("SELECT MAX(framework_id) FROM framework WHERE fkey = ?")
                .param(key)
                .query(Long.class)
                .optional()
                .filter(v -> v != null)
            : find(key, version);
    return id.orElseThrow(
        () ->
            KibanException.notFound(
                "Framework '"
                    + key
                    + "'"
                    + (version == null || version.isBlank() ? "" : " version '" + version + "'")
                    + " does not exist."));
  }

  private boolean exists(String key, String reqId) {
    return jdbc.sql(
                "SELECT COUNT(*) FROM requirement r JOIN framework f ON f.framework_id = r.framework_id"
                    + " WHERE f.fkey = ? AND r.req_id = ?")
            .params(key, reqId)
            .query(Long.class)
            .single()
        > 0;
  }

  private static String[] split(String ref) {
    int colon = ref.indexOf(':');
    return colon < 0
        ? new String[] {ref, ""}
        : new String[] {ref.substring(0, colon), ref.substring(colon + 1)};
  }

  private static Map<String, String> attributes(String json) {
    return json == null
        ? Map.of()
        : new LinkedHashMap<>(JSON.readValue(json, new TypeReference<Map<String, String>>() {}));
  }
}
