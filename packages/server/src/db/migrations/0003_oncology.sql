CREATE TABLE "complications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"operation_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"occurred_on" date NOT NULL,
	"day_after_operation" integer NOT NULL,
	"type" text NOT NULL,
	"type_other" text,
	"isrec_grade" text,
	"grade" text NOT NULL,
	"disability" boolean DEFAULT false NOT NULL,
	"treatment" text,
	"notes" text,
	"deleted_at" timestamp with time zone,
	"deleted_by" uuid,
	"delete_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "oncology_diagnoses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"site" text NOT NULL,
	"icd10" text NOT NULL,
	"icd10_secondary" text,
	"icdo3_morphology" text,
	"diagnosis_date" date NOT NULL,
	"basis" text,
	"pm_origin" text,
	"psogi_category" text,
	"appendiceal_lesion" text,
	"who_category" text,
	"staging_site" text,
	"clinical_t" text,
	"clinical_n" text,
	"clinical_m" text,
	"clinical_grade" text,
	"clinical_stage" text,
	"staging_edition" integer,
	"notes" text,
	"deleted_at" timestamp with time zone,
	"deleted_by" uuid,
	"delete_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "operation_procedures" (
	"operation_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"code" text NOT NULL,
	"icd9cm3" text NOT NULL,
	CONSTRAINT "operation_procedures_operation_id_position_pk" PRIMARY KEY("operation_id","position")
);
--> statement-breakpoint
CREATE TABLE "operations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"diagnosis_id" uuid,
	"operation_date" date NOT NULL,
	"urgency" text NOT NULL,
	"intent" text NOT NULL,
	"approach" text NOT NULL,
	"converted_from" text,
	"conversion_reason" text,
	"incision_length_cm" double precision,
	"converted" boolean DEFAULT false NOT NULL,
	"lymphadenectomy" text,
	"surgeon_id" uuid,
	"assistant_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"anesthetist_id" uuid,
	"anesthetist_name" text,
	"anesthesia_method" text,
	"operation_level" integer,
	"incision_class" text,
	"healing_grade" text,
	"start_time" timestamp with time zone,
	"end_time" timestamp with time zone,
	"duration_min" integer,
	"blood_loss_ml" integer,
	"transfusion" boolean,
	"rbc_units" double precision,
	"plasma_ml" integer,
	"anastomosis" text,
	"anastomosis_technique" text,
	"stoma" text,
	"stoma_intent" text,
	"discharge_date" date,
	"postoperative_los_days" integer,
	"notes" text,
	"cci_30" double precision DEFAULT 0 NOT NULL,
	"cci_90" double precision DEFAULT 0 NOT NULL,
	"highest_clavien_dindo_30" text,
	"complication_count" integer DEFAULT 0 NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by" uuid,
	"delete_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "operations_level_ck" CHECK ("operations"."operation_level" is null or "operations"."operation_level" between 1 and 4),
	CONSTRAINT "operations_times_ck" CHECK ("operations"."start_time" is null or "operations"."end_time" is null or "operations"."end_time" > "operations"."start_time")
);
--> statement-breakpoint
CREATE TABLE "pathology_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"operation_id" uuid NOT NULL,
	"report_date" date,
	"pathology_no" text,
	"neoadjuvant" boolean DEFAULT false NOT NULL,
	"classification" text,
	"staging_site" text,
	"t" text,
	"nodes_examined" integer,
	"nodes_positive" integer,
	"tumor_deposits" integer,
	"n" text,
	"n_derived" boolean,
	"m" text,
	"grade" text,
	"pathological_stage" text,
	"staging_edition" integer,
	"lymph_nodes_adequate" boolean,
	"lymph_node_threshold" integer,
	"margin" text,
	"lvi" boolean,
	"pni" boolean,
	"tumor_size_mm" double precision,
	"histology" text,
	"mmr" text,
	"msi" text,
	"her2_ihc" text,
	"her2_ish" text,
	"her2_status" text,
	"kras" text,
	"nras" text,
	"braf" text,
	"deleted_at" timestamp with time zone,
	"deleted_by" uuid,
	"delete_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "pathology_reports_nodes_ck" CHECK ("pathology_reports"."nodes_positive" is null or "pathology_reports"."nodes_examined" is null or "pathology_reports"."nodes_positive" <= "pathology_reports"."nodes_examined")
);
--> statement-breakpoint
CREATE TABLE "performance_status" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"assessed_on" date NOT NULL,
	"setting" text,
	"ecog" integer,
	"kps" integer,
	"ecog_from_kps" integer,
	"ecog_kps_mapping" text,
	"deleted_at" timestamp with time zone,
	"deleted_by" uuid,
	"delete_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "performance_status_any_ck" CHECK ("performance_status"."ecog" is not null or "performance_status"."kps" is not null)
);
--> statement-breakpoint
CREATE TABLE "peritoneal_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"operation_id" uuid NOT NULL,
	"pci_regions" integer[] NOT NULL,
	"pci_timing" text NOT NULL,
	"pci_total" integer NOT NULL,
	"pci_indication" text NOT NULL,
	"pci_eligible" boolean,
	"pci_flags" jsonb NOT NULL,
	"pci_policy" jsonb NOT NULL,
	"residual_mm" double precision,
	"cc" text,
	"cc_boundary" text,
	"height_cm" double precision,
	"weight_kg" double precision,
	"bsa_m2" double precision,
	"bsa_formula" text,
	"hipec" jsonb,
	"deleted_at" timestamp with time zone,
	"deleted_by" uuid,
	"delete_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "peritoneal_assessments_pci_ck" CHECK (array_length("peritoneal_assessments"."pci_regions", 1) = 13 and "peritoneal_assessments"."pci_total" between 0 and 39)
);
--> statement-breakpoint
CREATE TABLE "tumor_markers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"marker" text NOT NULL,
	"value" double precision NOT NULL,
	"unit" text NOT NULL,
	"upper_limit" double precision,
	"sampled_on" date NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by" uuid,
	"delete_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "tumor_markers_value_ck" CHECK ("tumor_markers"."value" >= 0)
);
--> statement-breakpoint
ALTER TABLE "complications" ADD CONSTRAINT "complications_operation_id_operations_id_fk" FOREIGN KEY ("operation_id") REFERENCES "public"."operations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complications" ADD CONSTRAINT "complications_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oncology_diagnoses" ADD CONSTRAINT "oncology_diagnoses_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operation_procedures" ADD CONSTRAINT "operation_procedures_operation_id_operations_id_fk" FOREIGN KEY ("operation_id") REFERENCES "public"."operations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operations" ADD CONSTRAINT "operations_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operations" ADD CONSTRAINT "operations_diagnosis_id_oncology_diagnoses_id_fk" FOREIGN KEY ("diagnosis_id") REFERENCES "public"."oncology_diagnoses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operations" ADD CONSTRAINT "operations_surgeon_id_users_id_fk" FOREIGN KEY ("surgeon_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operations" ADD CONSTRAINT "operations_anesthetist_id_users_id_fk" FOREIGN KEY ("anesthetist_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathology_reports" ADD CONSTRAINT "pathology_reports_operation_id_operations_id_fk" FOREIGN KEY ("operation_id") REFERENCES "public"."operations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "performance_status" ADD CONSTRAINT "performance_status_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peritoneal_assessments" ADD CONSTRAINT "peritoneal_assessments_operation_id_operations_id_fk" FOREIGN KEY ("operation_id") REFERENCES "public"."operations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tumor_markers" ADD CONSTRAINT "tumor_markers_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "complications_operation_idx" ON "complications" USING btree ("operation_id");--> statement-breakpoint
CREATE INDEX "complications_patient_idx" ON "complications" USING btree ("patient_id");--> statement-breakpoint
CREATE INDEX "oncology_diagnoses_patient_idx" ON "oncology_diagnoses" USING btree ("patient_id","diagnosis_date");--> statement-breakpoint
CREATE INDEX "operation_procedures_code_idx" ON "operation_procedures" USING btree ("code");--> statement-breakpoint
CREATE INDEX "operations_patient_idx" ON "operations" USING btree ("patient_id","operation_date");--> statement-breakpoint
CREATE INDEX "operations_date_idx" ON "operations" USING btree ("operation_date");--> statement-breakpoint
CREATE INDEX "operations_surgeon_idx" ON "operations" USING btree ("surgeon_id","operation_date");--> statement-breakpoint
CREATE UNIQUE INDEX "pathology_reports_operation_uq" ON "pathology_reports" USING btree ("operation_id") WHERE "pathology_reports"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "performance_status_patient_idx" ON "performance_status" USING btree ("patient_id","assessed_on");--> statement-breakpoint
CREATE UNIQUE INDEX "peritoneal_assessments_operation_uq" ON "peritoneal_assessments" USING btree ("operation_id") WHERE "peritoneal_assessments"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "tumor_markers_patient_idx" ON "tumor_markers" USING btree ("patient_id","sampled_on");