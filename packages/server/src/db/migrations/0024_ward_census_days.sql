CREATE TABLE "ward_census_days" (
	"scope_key" text NOT NULL,
	"day" date NOT NULL,
	"occupied" integer NOT NULL,
	"admissions" integer NOT NULL,
	"discharges" integer NOT NULL,
	"same_day" integer NOT NULL,
	CONSTRAINT "ward_census_days_scope_key_day_pk" PRIMARY KEY("scope_key","day")
);
--> statement-breakpoint
CREATE TABLE "ward_census_spans" (
	"scope_key" text NOT NULL,
	"day" date NOT NULL,
	"stay_days" integer NOT NULL,
	"post_op_days" integer,
	"n" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ward_census_state" (
	"id" integer PRIMARY KEY NOT NULL,
	"epoch" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "ward_census_days_day_idx" ON "ward_census_days" USING btree ("day");--> statement-breakpoint
CREATE INDEX "ward_census_spans_scope_idx" ON "ward_census_spans" USING btree ("scope_key","day");--> statement-breakpoint
CREATE INDEX "ward_census_spans_day_idx" ON "ward_census_spans" USING btree ("day");--> statement-breakpoint
INSERT INTO "ward_census_state" ("id", "epoch") VALUES (1, 0);--> statement-breakpoint
-- The kept daily census (features/ward/census-days.ts, ADR 0021) forgets the days a write can change: every write to
-- stays, admissions, operations or beds, by whatever writer, at its commit (deferred constraint triggers: the
-- state row is locked only in the commit's last step, after every other lock the transaction takes, so it cannot
-- close a cycle of lock waits). A day is affected from its instant's UTC date − 2 on (its local date is at most one
-- day earlier in any zone, and a stay from a midnight is in the census of the day before).
CREATE OR REPLACE FUNCTION ward_census_forget(since date) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  done text := current_setting('gisurg.census_forgotten_since', true);
BEGIN
  -- Once per transaction and date: a bulk write (an import, a move) forgets once, not once per row.
  IF since IS NULL OR (done IS NOT NULL AND done <> '' AND done::date <= since) THEN
    RETURN;
  END IF;
  -- The state row first: a reader storing figures holds it FOR SHARE, so this waits for the reader's commit and the
  -- deletes below then see (and delete) what it stored; a reader that starts after reads the new epoch and stores nothing.
  UPDATE ward_census_state SET epoch = epoch + 1 WHERE id = 1;
  DELETE FROM ward_census_days WHERE day >= since;
  DELETE FROM ward_census_spans WHERE day >= since;
  PERFORM set_config('gisurg.census_forgotten_since', since::text, true);
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ward_census_day(at timestamptz) RETURNS date LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN at IS NULL OR at = 'infinity'::timestamptz THEN NULL ELSE (at AT TIME ZONE 'UTC')::date - 2 END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION bed_stays_census() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM ward_census_forget(ward_census_day(NEW.from_at));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM ward_census_forget(ward_census_day(OLD.from_at));
  ELSIF OLD.from_at IS DISTINCT FROM NEW.from_at OR OLD.bed_id IS DISTINCT FROM NEW.bed_id
        OR OLD.admission_id IS DISTINCT FROM NEW.admission_id THEN
    PERFORM ward_census_forget(ward_census_day(least(OLD.from_at, NEW.from_at)));
  ELSIF OLD.to_at IS DISTINCT FROM NEW.to_at THEN
    PERFORM ward_census_forget(ward_census_day(least(coalesce(OLD.to_at, 'infinity'), coalesce(NEW.to_at, 'infinity'))));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION admissions_census() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM ward_census_forget(ward_census_day(NEW.admitted_at));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM ward_census_forget(ward_census_day(OLD.admitted_at));
  ELSIF (OLD.status = 'cancelled') IS DISTINCT FROM (NEW.status = 'cancelled') OR OLD.admitted_at IS DISTINCT FROM NEW.admitted_at
        OR OLD.patient_id IS DISTINCT FROM NEW.patient_id THEN
    PERFORM ward_census_forget(ward_census_day(least(OLD.admitted_at, NEW.admitted_at)));
  ELSIF OLD.discharged_at IS DISTINCT FROM NEW.discharged_at THEN
    PERFORM ward_census_forget(ward_census_day(least(coalesce(OLD.discharged_at, 'infinity'), coalesce(NEW.discharged_at, 'infinity'))));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION operations_census() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM ward_census_forget(NEW.operation_date - 1);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM ward_census_forget(OLD.operation_date - 1);
  ELSIF OLD.operation_date IS DISTINCT FROM NEW.operation_date OR OLD.patient_id IS DISTINCT FROM NEW.patient_id
        OR (OLD.deleted_at IS NULL) IS DISTINCT FROM (NEW.deleted_at IS NULL) THEN
    PERFORM ward_census_forget(least(OLD.operation_date, NEW.operation_date) - 1);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION beds_census() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR OLD.ward_id IS DISTINCT FROM NEW.ward_id THEN
    PERFORM ward_census_forget('-infinity'::date);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ward_census_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM ward_census_forget('-infinity'::date);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER bed_stays_census AFTER INSERT OR UPDATE OR DELETE ON bed_stays
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bed_stays_census();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER admissions_census AFTER INSERT OR UPDATE OR DELETE ON admissions
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION admissions_census();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER operations_census AFTER INSERT OR UPDATE OR DELETE ON operations
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION operations_census();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER beds_census AFTER UPDATE OR DELETE ON beds
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION beds_census();--> statement-breakpoint
CREATE TRIGGER bed_stays_census_truncate AFTER TRUNCATE ON bed_stays FOR EACH STATEMENT EXECUTE FUNCTION ward_census_truncated();--> statement-breakpoint
CREATE TRIGGER admissions_census_truncate AFTER TRUNCATE ON admissions FOR EACH STATEMENT EXECUTE FUNCTION ward_census_truncated();--> statement-breakpoint
CREATE TRIGGER operations_census_truncate AFTER TRUNCATE ON operations FOR EACH STATEMENT EXECUTE FUNCTION ward_census_truncated();--> statement-breakpoint
CREATE TRIGGER beds_census_truncate AFTER TRUNCATE ON beds FOR EACH STATEMENT EXECUTE FUNCTION ward_census_truncated();
