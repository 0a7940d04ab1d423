DROP INDEX "patient_search_terms_term_idx";--> statement-breakpoint
CREATE INDEX "patients_search_rank_idx" ON "patients" USING btree ("id","organization_id","updated_at") WHERE "patients"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "patient_search_terms_term_idx" ON "patient_search_terms" USING btree ("term" text_pattern_ops,"kind","patient_id");