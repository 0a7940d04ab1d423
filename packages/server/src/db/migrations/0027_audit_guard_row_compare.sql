-- The append-only guard of 0001 (trust.md S12), the same rules, checked more cheaply (issue 18): the sealer's UPDATE
-- of each new audit row compared two jsonb documents built from the whole row (to_jsonb(NEW) and to_jsonb(OLD)),
-- ~12 µs per row on PostgreSQL 15 — a quarter of sealing 40,000 rows. Now the new row with the old chain columns is
-- compared with the old row as a record: every other column, including any added later, must stay as it was.
CREATE OR REPLACE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  kept audit_log;
BEGIN
  IF TG_OP = 'DELETE' OR TG_OP = 'TRUNCATE' THEN
    RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = '42501';
  END IF;
  IF OLD.chain_seq IS NOT NULL THEN
    RAISE EXCEPTION 'sealed audit rows cannot change' USING ERRCODE = '42501';
  END IF;
  kept := NEW;
  kept.chain_seq := OLD.chain_seq;
  kept.prev_hash := OLD.prev_hash;
  kept.hash := OLD.hash;
  IF kept IS DISTINCT FROM OLD THEN
    RAISE EXCEPTION 'only the audit chain columns may be set' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END;
$$;
