package io.kiban.audit;

import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes audit events. It joins the caller's transaction and refuses to run without one, so an
 * event is stored exactly when the change it describes is.
 */
@Component
public class AuditLog {

  static final int MAX_DETAIL = 8000;

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
    jdbc.sql(
            "INSERT INTO audit_event (occurred_at, actor, action, entity_type, entity_id, detail)"
                + " VALUES (?, ?, ?, ?, ?, ?)")
        .params(clock.millis(), actors.currentActor(), action, entityType, entityId, text)
        .update();
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
