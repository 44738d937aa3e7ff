package io.kiban.audit;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit chain as a whole: chaining events written before hashes existed, verifying every link,
 * and exporting the events with their hashes for auditors.
 */
@Component
public class AuditChain {

  /** One stored event with its chain fields. */
  public record ChainedEvent(
      long eventId,
      long seq,
      long occurredAt,
      String actor,
      String action,
      String entityType,
      String entityId,
      String detail,
      String requestId,
      String prevHash,
      String hash) {}

  /** The verdict: how many events were checked and the first broken one, if any. */
  public record Verification(
      long events, boolean intact, Long firstBrokenSeq, Long firstBrokenEventId, String reason) {}

  static final String COLUMNS =
      "event_id, seq, occurred_at, actor, action, entity_type, entity_id, detail, request_id,"
          + " prev_hash, hash";

  private final JdbcClient jdbc;

  public AuditChain(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Chains the events that have no hash yet (written before version 14), oldest first. */
  @Transactional
  public int chainUnhashed() {
    Object[] head =
        jdbc.sql("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE")
            .query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2)})
            .single();
    long seq = (Long) head[0];
    String prev = (String) head[1];
    List<ChainedEvent> pending =
        jdbc.sql("SELECT " + COLUMNS + " FROM audit_event WHERE hash IS NULL ORDER BY event_id")
            .query(AuditChain::map)
            .list();
    for (ChainedEvent e : pending) {
      seq++;
      String hash =
          AuditLog.hash(
              seq,
              prev,
              e.occurredAt(),
              e.actor(),
              e.action(),
              e.entityType(),
              e.entityId(),
              e.detail(),
              e.requestId());
      jdbc.sql("UPDATE audit_event SET seq = ?, prev_hash = ?, hash = ? WHERE event_id = ?")
          .params(seq, prev, hash, e.eventId())
          .update();
      prev = hash;
    }
    if (!pending.isEmpty()) {
      jdbc.sql("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1").params(seq, prev).update();
    }
    return pending.size();
  }

  /** Recomputes every hash in order and checks each link; names the first broken event. */
  @Transactional(readOnly = true)
  public Verification verify() {
    long[] count = {0};
    String[] prev = {AuditLog.GENESIS};
    long[] expectedSeq = {1};
    Verification[] broken = {null};
    jdbc.sql("SELECT " + COLUMNS + " FROM audit_event ORDER BY seq")
        .query(
            rs -> {
              if (broken[0] != null) {
                return;
              }
              ChainedEvent e = map(rs, 0);
              count[0]++;
              String reason = null;
              if (e.seq() != expectedSeq[0]) {
                reason =
                    "sequence gap: expected "
                        + expectedSeq[0]
                        + " (an event was removed or inserted)";
              } else if (!prev[0].equals(e.prevHash())) {
                reason = "previous hash does not match the event before";
              } else if (!AuditLog.hash(
                      e.seq(),
                      e.prevHash(),
                      e.occurredAt(),
                      e.actor(),
                      e.action(),
                      e.entityType(),
                      e.entityId(),
                      e.detail(),
                      e.requestId())
                  .equals(e.hash())) {
                reason = "content does not match its hash (the event was altered)";
              }
              if (reason != null) {
                broken[0] = new Verification(count[0], false, e.seq(), e.eventId(), reason);
                return;
              }
              prev[0] = e.hash();
              expectedSeq[0]++;
            });
    if (broken[0] != null) {
      return broken[0];
    }
    String head = jdbc.sql("SELECT hash FROM audit_head WHERE id = 1").query(String.class).single();
    if (!head.equals(prev[0])) {
      return new Verification(
          count[0],
          false,
          expectedSeq[0],
          null,
          "the newest events are missing (the chain head does not match)");
    }
    return new Verification(count[0], true, null, null, null);
  }

  /** Streams every event in chain order. */
  @Transactional(readOnly = true)
  public void forEach(Consumer<ChainedEvent> sink) {
    jdbc.sql("SELECT " + COLUMNS + " FROM audit_event ORDER BY seq")
        .query(
            rs -> {
              sink.accept(map(rs, 0));
            });
  }

  /** Events of one object, oldest first. */
  @Transactional(readOnly = true)
  public List<ChainedEvent> eventsOf(String entityType, String entityId) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM audit_event WHERE entity_type = ? AND entity_id = ? ORDER BY seq")
        .params(entityType, entityId)
        .query(AuditChain::map)
        .list();
  }

  /** Writes audit-events.jsonl and audit-events.csv into the directory; returns the count. */
  public long export(Path directory) throws IOException {
    Files.createDirectories(directory);
    long[] n = {0};
    try (Writer jsonl =
            Files.newBufferedWriter(
                directory.resolve("audit-events.jsonl"), StandardCharsets.UTF_8);
        Writer csv =
            Files.newBufferedWriter(
                directory.resolve("audit-events.csv"), StandardCharsets.UTF_8)) {
      csv.write(
          "seq,event_id,occurred_at,actor,action,entity_type,entity_id,detail,request_id,prev_hash,hash\n");
      List<IOException> failures = new ArrayList<>();
      forEach(
          e -> {
            try {
              jsonl.write(json(e));
              jsonl.write('\n');
              csv.write(
                  String.join(
                      ",",
                      List.of(
                          String.valueOf(e.seq()),
                          String.valueOf(e.eventId()),
                          String.valueOf(e.occurredAt()),
                          cell(e.actor()),
                          cell(e.action()),
                          cell(e.entityType()),
                          cell(e.entityId()),
                          cell(e.detail()),
                          cell(e.requestId() == null ? "" : e.requestId()),
                          e.prevHash(),
                          e.hash())));
              csv.write('\n');
              n[0]++;
            } catch (IOException ex) {
              failures.add(ex);
            }
          });
      if (!failures.isEmpty()) {
        throw failures.get(0);
      }
    }
    return n[0];
  }

  static String json(ChainedEvent e) {
    StringBuilder sb = new StringBuilder("{");
    sb.append("\"seq\":")
        .append(e.seq())
        .append(",\"event_id\":")
        .append(e.eventId())
        .append(",\"occurred_at\":")
        .append(e.occurredAt());
    for (String[] kv :
        new String[][] {
          {"actor", e.actor()},
          {"action", e.action()},
          {"entity_type", e.entityType()},
          {"entity_id", e.entityId()},
          {"detail", e.detail()},
          {"request_id", e.requestId()},
          {"prev_hash", e.prevHash()},
          {"hash", e.hash()}
        }) {
      sb.append(",\"").append(kv[0]).append("\":");
      if (kv[1] == null) {
        sb.append("null");
      } else {
        StringBuilder q = new StringBuilder();
        io.kiban.platform.json.JsonText.quote(q, kv[1]);
        sb.append(q);
      }
    }
    return sb.append('}').toString();
  }

  static String cell(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }

  private static ChainedEvent map(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
    return new ChainedEvent(
        rs.getLong(1),
        rs.getLong(2),
        rs.getLong(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        rs.getString(9),
        rs.getString(10),
        rs.getString(11));
  }
}
