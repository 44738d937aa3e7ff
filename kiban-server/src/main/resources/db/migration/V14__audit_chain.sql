-- Tamper-evident audit trail: every event carries its position in the chain, the request it came
-- from, the hash of the previous event and its own SHA-256 (computed by Kiban; events written
-- before this version are chained at start-up). One head row serialises appends.
ALTER TABLE audit_event ADD COLUMN seq BIGINT;
ALTER TABLE audit_event ADD COLUMN request_id VARCHAR(64);
ALTER TABLE audit_event ADD COLUMN prev_hash VARCHAR(64);
ALTER TABLE audit_event ADD COLUMN hash VARCHAR(64);
CREATE UNIQUE INDEX audit_event_seq_idx ON audit_event (seq);

CREATE TABLE audit_head (
    id        INTEGER     NOT NULL PRIMARY KEY,
    seq       BIGINT      NOT NULL,
    hash      VARCHAR(64) NOT NULL
);

INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
