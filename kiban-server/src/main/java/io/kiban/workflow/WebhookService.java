package io.kiban.workflow;

import io.kiban.audit.AuditLog;
import io.kiban.identity.AccessControl;
import io.kiban.identity.Permission;
import io.kiban.platform.error.KibanException;
import io.kiban.platform.json.JsonText;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Webhook subscriptions for administrators: which event types go to which HTTP endpoint, in Kiban's
 * JSON, as a Slack message or as a Jira issue; the signing secret is shown once; the delivery log.
 */
@Service
public class WebhookService {

  public static final Set<String> FORMATS = Set.of("json", "slack", "jira");

  /** A subscription as shown (never the secret or the Authorization header). */
  public record Webhook(
      long id,
      String name,
      String url,
      String eventTypes,
      String format,
      String jiraProject,
      String jiraIssueType,
      boolean active) {}

  /** A new subscription and its signing secret, shown once. */
  public record Created(Webhook webhook, String secret) {}

  public record Delivery(
      long id,
      String eventType,
      String subject,
      String status,
      int attempts,
      Integer lastStatus,
      String lastError,
      long createdAt,
      Long deliveredAt) {}

  private final JdbcClient jdbc;
  private final AccessControl access;
  private final AuditLog audit;
  private final Clock clock;

  public WebhookService(JdbcClient jdbc, AccessControl access, AuditLog audit, Clock clock) {
    this.jdbc = jdbc;
    this.access = access;
    this.audit = audit;
    this.clock = clock;
  }

  @Transactional
  public Created create(
      String name,
      String url,
      String eventTypes,
      String format,
      String authHeader,
      String jiraProject,
      String jiraIssueType) {
    access.requireGlobal(Permission.ADMIN);
    String n = name == null ? "" : name.strip();
    if (n.isEmpty() || n.length() > 128) {
      throw KibanException.invalid("A webhook needs a name of 1 to 128 characters.");
    }
    URI target;
    try {
      target = URI.create(url == null ? "" : url.strip());
    } catch (IllegalArgumentException e) {
      throw KibanException.invalid("'url' is not a valid URL.");
    }
    if (target.getScheme() == null
        || !(target.getScheme().equals("https") || target.getScheme().equals("http"))
        || target.getHost() == null) {
      throw KibanException.invalid("'url' must be an http or https URL.");
    }
    String types = eventTypes == null || eventTypes.isBlank() ? "*" : eventTypes.strip();
    if (types.length() > 1000 || !types.matches("[a-z0-9_.*,\\s-]+")) {
      throw KibanException.invalid(
          "'event_types' is a comma-separated list such as registry.*, gate.refused, suspension.*.");
    }
    String f = format == null || format.isBlank() ? "json" : format.strip();
    if (!FORMATS.contains(f)) {
      throw KibanException.invalid("'format' is one of " + FORMATS + ".");
    }
    if (f.equals("jira") && (jiraProject == null || jiraProject.isBlank())) {
      throw KibanException.invalid("A Jira webhook needs 'jira_project' (the project key).");
    }
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    String secret = "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    jdbc.sql(
            "INSERT INTO webhook (name, url, event_types, format, secret, auth_header, jira_project,"
                + " jira_issue_type, active, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
                + " TRUE, ?, ?)")
        .params(
            n,
            target.toString(),
            types,
            f,
            secret,
            authHeader == null || authHeader.isBlank() ? null : authHeader.strip(),
            jiraProject,
            jiraIssueType,
            clock.millis(),
            access.current().username())
        .update();
    long id =
        jdbc.sql("SELECT MAX(webhook_id) FROM webhook WHERE name = ?")
            .param(n)
            .query(Long.class)
            .single();
    audit.record(
        "webhook.created",
        "webhook",
        String.valueOf(id),
        JsonText.object("url", target.toString(), "event_types", types, "format", f));
    return new Created(get(id), secret);
  }

  @Transactional
  public Webhook setActive(long id, boolean active) {
    access.requireGlobal(Permission.ADMIN);
    get(id);
    jdbc.sql("UPDATE webhook SET active = ? WHERE webhook_id = ?").params(active, id).update();
    audit.record(
        active ? "webhook.activated" : "webhook.deactivated", "webhook", String.valueOf(id), "{}");
    return get(id);
  }

  @Transactional(readOnly = true)
  public List<Webhook> list() {
    access.requireGlobal(Permission.ADMIN);
    return jdbc.sql(
            "SELECT webhook_id, name, url, event_types, format, jira_project, jira_issue_type, active FROM webhook ORDER BY webhook_id")
        .query(
            (rs, i) ->
                new Webhook(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getString(7),
                    rs.getBoolean(8)))
        .list();
  }

  @Transactional(readOnly = true)
  public Webhook get(long id) {
    return list().stream()
        .filter(w -> w.id() == id)
        .findFirst()
        .orElseThrow(() -> KibanException.notFound("Webhook " + id + " does not exist."));
  }

  @Transactional(readOnly = true)
  public List<Delivery> deliveries(long id) {
    get(id);
    return jdbc.sql(
            "SELECT delivery_id, event_type, subject, status, attempts, last_status, last_error,"
                + " created_at, delivered_at FROM webhook_delivery WHERE webhook_id = ?"
                + " ORDER BY delivery_id DESC LIMIT 500")
        .param(id)
        .query(
            (rs, i) -> {
              int s = rs.getInt(6);
              Integer status = rs.wasNull() ? null : s;
              long d = rs.getLong(9);
              Long delivered = rs.wasNull() ? null : d;
              return new Delivery(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getInt(5),
                  status,
                  rs.getString(7),
                  rs.getLong(8),
                  delivered);
            })
        .list();
  }
}
