package io.kiban.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import org.slf4j.MDC;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes audit events. It joins the caller's transaction and refuses to run without one, so an
 * event is stored exactly when the change it describes is. Each event is chained to the previous
 * one by SHA-256 (see {@link #hash}); the head row is locked while appending, so the chain has no
 * forks.
 */
@Component
public class AuditLog {

  static final int MAX_DETAIL = 8000;
  public static final String GENESIS = "0".repeat(64);
  public static final String REQUEST_ID = "requestId";

  private final JdbcClient jdbc;
  private final Clock clock;
  private final ActorProvider actors;

  public AuditLog(JdbcClient jdbc, Clock clock, ActorProvider actors) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.actors = actors;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public void record(String action, String entityType, String entityId, String detail) {
    String text = detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail;
    String requestId = MDC.get(REQUEST_ID);
    long now = clock.millis();
    String actor = actors.currentActor();
    Object[] head =
        jdbc.sql("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE")
            .query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2)})
            .single();
    long seq = (Long) head[0] + 1;
    String prev = (String) head[1];
    String hash = hash(seq, prev, now, actor, action, entityType, entityId, text, requestId);
    jdbc.sql(
            "INSERT INTO audit_event (occurred_at, actor, action, entity_type, entity_id, detail,"
                + " seq, request_id, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(now, actor, action, entityType, entityId, text, seq, requestId, prev, hash)
        .update();
    jdbc.sql("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1").params(seq, hash).update();
  }

  /**
   * The hash of an event: SHA-256 (hex) of its fields joined by line feeds, in this order: seq,
   * previous hash, time (epoch ms), actor, action, object type, object id, detail, request id
   * (empty when none). Documented in docs/audit-chain.md so auditors can check it without Kiban.
   */
  public static String hash(
      long seq,
      String prev,
      long occurredAt,
      String actor,
      String action,
      String entityType,
      String entityId,
      String detail,
      String requestId) {
    String canonical =
        seq
            + "\n"
            + prev
            + "\n"
            + occurredAt
            + "\n"
            + actor
            + "\n"
            + action
            + "\n"
            + entityType
            + "\n"
            + entityId
            + "\n"
            + detail
            + "\n"
            + (requestId == null ? "" : requestId);
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public java.util.List<AuditEvent> eventsFor(String entityType, String entityId) {
    return jdbc.sql(
            "SELECT event_id, occurred_at, actor, action, entity_type, entity_id, detail"
                + " FROM audit_event WHERE entity_type = ? AND entity_id = ? ORDER BY event_id")
        .params(entityType, entityId)
        .query(
            (rs, i) ->
                new AuditEvent(
                    rs.getLong(1),
                    rs.getLong(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getString(7)))
        .list();
  }
}
