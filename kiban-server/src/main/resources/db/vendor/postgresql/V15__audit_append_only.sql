-- On PostgreSQL the database itself refuses to change or remove audit events; only appending is
-- possible. (Filling the chain columns of events written before version 14 is the one update
-- allowed: it sets them from NULL exactly once.)
CREATE OR REPLACE FUNCTION kiban_audit_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.hash IS NULL AND NEW.hash IS NOT NULL
     AND NEW.event_id = OLD.event_id AND NEW.occurred_at = OLD.occurred_at
     AND NEW.actor = OLD.actor AND NEW.action = OLD.action
     AND NEW.entity_type = OLD.entity_type AND NEW.entity_id = OLD.entity_id
     AND NEW.detail = OLD.detail THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit events are append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_event_append_only
  BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION kiban_audit_append_only();
