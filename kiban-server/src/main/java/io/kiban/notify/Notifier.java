package io.kiban.notify;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Announces an event to the webhooks subscribed to its type. It only writes deliveries into the
 * outbox, in the caller's transaction: the change and its announcement commit together, and sending
 * happens later ({@link WebhookDispatcher}), so a slow or failing receiver never blocks or rolls
 * back the change.
 */
@Component
public class Notifier {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final JdbcClient jdbc;
  private final Clock clock;

  public Notifier(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * @param eventType e.g. registry.alias.set, gate.refused, suspension.created
   * @param subject what it is about, e.g. model_version:credit/3
   * @param summary one line for people (Slack, Jira)
   * @param data the facts, sent as JSON
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void publish(String eventType, String subject, String summary, Map<String, Object> data) {
    List<Object[]> hooks =
        jdbc.sql("SELECT webhook_id, event_types FROM webhook WHERE active = TRUE")
            .query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2)})
            .list();
    long now = clock.millis();
    for (Object[] h : hooks) {
      if (!subscribed((String) h[1], eventType)) {
        continue;
      }
      String payload =
          JSON.writeValueAsString(
              Map.of(
                  "event", eventType,
                  "subject", subject,
                  "summary", summary,
                  "occurred_at", now,
                  "data", data));
      jdbc.sql(
              "INSERT INTO webhook_delivery (webhook_id, event_type, subject, payload, status,"
                  + " attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)")
          .params(
              h[0],
              eventType,
              subject.length() > 300 ? subject.substring(0, 300) : subject,
              payload.length() > 20000 ? payload.substring(0, 20000) : payload,
              now,
              now)
          .update();
    }
  }

  /** Whether a subscription list ("*", exact types, or prefixes ending in "*") covers the type. */
  static boolean subscribed(String types, String eventType) {
    for (String t : types.split(",")) {
      String s = t.strip();
      if (s.equals("*")
          || s.equals(eventType)
          || (s.endsWith("*") && eventType.startsWith(s.substring(0, s.length() - 1)))) {
        return true;
      }
    }
    return false;
  }
}
