-- The patient's scope and recency on each of its search terms (issue 18 "Scale"): the search ranks and counts its
-- matches from the term index alone (features/patients/find-patients.ts). Kept by triggers, so that every writer of
-- terms or patients (use cases, seeds, imports, tests, bulk copies) keeps them equal without knowing of them.
ALTER TABLE "patient_search_terms" ADD COLUMN "organization_id" uuid;--> statement-breakpoint
ALTER TABLE "patient_search_terms" ADD COLUMN "source_organization_id" uuid;--> statement-breakpoint
ALTER TABLE "patient_search_terms" ADD COLUMN "patient_updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "patient_search_terms" ADD COLUMN "patient_deleted" boolean DEFAULT false NOT NULL;--> statement-breakpoint
UPDATE "patient_search_terms" t
SET "organization_id" = p."organization_id", "source_organization_id" = p."source_organization_id",
    "patient_updated_at" = p."updated_at", "patient_deleted" = p."deleted_at" IS NOT NULL
FROM "patients" p WHERE p."id" = t."patient_id";--> statement-breakpoint
-- A new term takes its patient's values unless the writer gave them (gisurg generate does, in bulk).
CREATE OR REPLACE FUNCTION patient_search_terms_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.patient_updated_at IS NULL THEN
    SELECT p.organization_id, p.source_organization_id, p.updated_at, p.deleted_at IS NOT NULL
      INTO NEW.organization_id, NEW.source_organization_id, NEW.patient_updated_at, NEW.patient_deleted
      FROM patients p WHERE p.id = NEW.patient_id;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER patient_search_terms_fill BEFORE INSERT ON patient_search_terms FOR EACH ROW EXECUTE FUNCTION patient_search_terms_fill();
--> statement-breakpoint
-- A change of the patient's organization, referring hospital, deletion or update time reaches its terms at once.
CREATE OR REPLACE FUNCTION patients_sync_search_terms() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE patient_search_terms
  SET organization_id = NEW.organization_id, source_organization_id = NEW.source_organization_id,
      patient_updated_at = NEW.updated_at, patient_deleted = NEW.deleted_at IS NOT NULL
  WHERE patient_id = NEW.id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER patients_sync_search_terms AFTER UPDATE ON patients FOR EACH ROW
  WHEN (OLD.organization_id IS DISTINCT FROM NEW.organization_id
        OR OLD.source_organization_id IS DISTINCT FROM NEW.source_organization_id
        OR OLD.updated_at IS DISTINCT FROM NEW.updated_at
        OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at)
  EXECUTE FUNCTION patients_sync_search_terms();
--> statement-breakpoint
DROP INDEX "patient_search_terms_term_idx";--> statement-breakpoint
CREATE INDEX "patient_search_terms_term_idx" ON "patient_search_terms" USING btree ("term" text_pattern_ops,"kind","patient_id","organization_id","patient_updated_at","patient_deleted");
