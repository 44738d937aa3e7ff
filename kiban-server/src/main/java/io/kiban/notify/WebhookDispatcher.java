package io.kiban.notify;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Sends due webhook deliveries: signed with HMAC-SHA256, retried with exponential backoff, every
 * attempt recorded. One server at a time runs it (a lease row in the database), so a cluster sends
 * each delivery once.
 */
@Component
public class WebhookDispatcher {

  private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
  public static final int MAX_ATTEMPTS = 8;

  private final JdbcClient jdbc;
  private final Clock clock;
  private final long backoffMillis;
  private final String node = UUID.randomUUID().toString();
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  public WebhookDispatcher(
      JdbcClient jdbc,
      Clock clock,
      @Value("${kiban.webhooks.backoff-millis:1000}") long backoffMillis) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.backoffMillis = backoffMillis;
  }

  @Scheduled(fixedDelayString = "${kiban.webhooks.poll-millis:1000}")
  public void dispatch() {
    long now = clock.millis();
    int leased =
        jdbc.sql(
                "UPDATE job_lease SET owner = ?, leased_until = ? WHERE name = 'webhooks' AND (leased_until < ? OR owner = ?)")
            .params(node, now + 30_000, now, node)
            .update();
    if (leased == 0) {
      return;
    }
    List<Map<String, Object>> due =
        jdbc.sql(
                "SELECT d.delivery_id, d.payload, d.attempts, d.event_type, w.url, w.format, w.secret,"
                    + " w.auth_header, w.jira_project, w.jira_issue_type FROM webhook_delivery d"
                    + " JOIN webhook w ON w.webhook_id = d.webhook_id WHERE d.status = 'pending'"
                    + " AND d.next_attempt_at <= ? ORDER BY d.delivery_id LIMIT 50")
            .param(now)
            .query(
                (rs, i) -> {
                  Map<String, Object> m = new java.util.HashMap<>();
                  m.put("id", rs.getLong(1));
                  m.put("payload", rs.getString(2));
                  m.put("attempts", rs.getInt(3));
                  m.put("event", rs.getString(4));
                  m.put("url", rs.getString(5));
                  m.put("format", rs.getString(6));
                  m.put("secret", rs.getString(7));
                  m.put("auth", rs.getString(8));
                  m.put("project", rs.getString(9));
                  m.put("issueType", rs.getString(10));
                  return m;
                })
            .list();
    for (Map<String, Object> d : due) {
      send(d);
    }
  }

  private void send(Map<String, Object> d) {
    long id = (Long) d.get("id");
    int attempts = (Integer) d.get("attempts") + 1;
    Integer status = null;
    String error = null;
    try {
      String body =
          body(
              (String) d.get("format"),
              (String) d.get("payload"),
              (String) d.get("project"),
              (String) d.get("issueType"));
      String timestamp = String.valueOf(clock.millis());
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create((String) d.get("url")))
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/json")
              .header("User-Agent", "Kiban-Webhooks")
              .header("X-Kiban-Event", (String) d.get("event"))
              .header("X-Kiban-Delivery", String.valueOf(id))
              .header("X-Kiban-Timestamp", timestamp)
              .header(
                  "X-Kiban-Signature",
                  "sha256=" + sign((String) d.get("secret"), timestamp + "." + body))
              .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
      if (d.get("auth") != null) {
        request.header("Authorization", (String) d.get("auth"));
      }
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      status = response.statusCode();
      if (status >= 200 && status < 300) {
        jdbc.sql(
                "UPDATE webhook_delivery SET status = 'delivered', attempts = ?, last_status = ?, last_error = NULL, delivered_at = ? WHERE delivery_id = ?")
            .params(attempts, status, clock.millis(), id)
            .update();
        return;
      }
      error = "HTTP " + status + ": " + abbreviate(response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error = "interrupted";
    } catch (Exception e) {
      error = e.getClass().getSimpleName() + ": " + abbreviate(String.valueOf(e.getMessage()));
    }
    boolean giveUp = attempts >= MAX_ATTEMPTS;
    long next = clock.millis() + backoffMillis * (1L << Math.min(attempts - 1, 16));
    jdbc.sql(
            "UPDATE webhook_delivery SET status = ?, attempts = ?, last_status = ?, last_error = ?, next_attempt_at = ? WHERE delivery_id = ?")
        .params(giveUp ? "failed" : "pending", attempts, status, error, next, id)
        .update();
    if (giveUp) {
      log.warn("Webhook delivery {} failed after {} attempts: {}", id, attempts, error);
    }
  }

  /** The body for the receiver: Kiban's JSON, a Slack message, or a Jira issue. */
  static String body(String format, String payload, String project, String issueType) {
    JsonNode p = Notifier.JSON.readTree(payload);
    String summary = p.path("summary").asString();
    return switch (format) {
      case "slack" ->
          Notifier.JSON.writeValueAsString(
              Map.of(
                  "text",
                  "[Kiban] "
                      + summary
                      + " ("
                      + p.path("event").asString()
                      + ", "
                      + p.path("subject").asString()
                      + ")"));
      case "jira" ->
          Notifier.JSON.writeValueAsString(
              Map.of(
                  "fields",
                  Map.of(
                      "project",
                      Map.of("key", project == null ? "" : project),
                      "summary",
                      summary.length() > 250 ? summary.substring(0, 250) : summary,
                      "description",
                      "Kiban event "
                          + p.path("event").asString()
                          + " on "
                          + p.path("subject").asString()
                          + "\n\n"
                          + p.path("data").toString(),
                      "issuetype",
                      Map.of("name", issueType == null ? "Task" : issueType))));
      default -> payload;
    };
  }

  public static String sign(String secret, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String abbreviate(String s) {
    return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }
}
