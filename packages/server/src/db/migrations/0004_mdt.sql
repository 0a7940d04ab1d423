CREATE TABLE "mdt_attachment_blobs" (
	"attachment_id" uuid PRIMARY KEY NOT NULL,
	"content" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mdt_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"uploaded_by_organization_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"removed_at" timestamp with time zone,
	"removed_by" uuid,
	CONSTRAINT "mdt_attachments_type_ck" CHECK ("mdt_attachments"."content_type" in ('application/pdf','image/jpeg','image/png'))
);
--> statement-breakpoint
CREATE TABLE "mdt_case_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "mdt_case_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"case_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"actor_id" uuid,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "mdt_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"submitting_organization_id" uuid NOT NULL,
	"submitted_by" uuid NOT NULL,
	"question" text NOT NULL,
	"summary" text,
	"urgency" text DEFAULT 'routine' NOT NULL,
	"presenting_specialty" text,
	"status" text DEFAULT 'submitted' NOT NULL,
	"agenda_order" integer,
	"status_reason" text,
	"snapshot" jsonb NOT NULL,
	"snapshot_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "mdt_cases_urgency_ck" CHECK ("mdt_cases"."urgency" in ('routine','urgent')),
	CONSTRAINT "mdt_cases_status_ck" CHECK ("mdt_cases"."status" in ('submitted','scheduled','deferred','rejected','decided','completed'))
);
--> statement-breakpoint
CREATE TABLE "mdt_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"series_id" uuid,
	"tumor_group" text NOT NULL,
	"kind" text NOT NULL,
	"title" text,
	"starts_at" timestamp with time zone NOT NULL,
	"duration_minutes" integer DEFAULT 90 NOT NULL,
	"place" text,
	"video_link" text,
	"chair_user_id" uuid,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"status_reason" text,
	"started_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "mdt_meetings_group_ck" CHECK ("mdt_meetings"."tumor_group" in ('gastric','colorectal','peritoneal')),
	CONSTRAINT "mdt_meetings_kind_ck" CHECK ("mdt_meetings"."kind" in ('intra','inter')),
	CONSTRAINT "mdt_meetings_status_ck" CHECK ("mdt_meetings"."status" in ('scheduled','in_progress','closed','cancelled')),
	CONSTRAINT "mdt_meetings_duration_ck" CHECK ("mdt_meetings"."duration_minutes" between 10 and 720)
);
--> statement-breakpoint
CREATE TABLE "mdt_participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"user_id" uuid,
	"name" text NOT NULL,
	"specialty" text NOT NULL,
	"title" text,
	"organization_id" uuid,
	"hospital_name" text,
	"role" text DEFAULT 'member' NOT NULL,
	"invited" boolean DEFAULT true NOT NULL,
	"checked_in_at" timestamp with time zone,
	"checked_in_by" uuid,
	"removed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "mdt_participants_role_ck" CHECK ("mdt_participants"."role" in ('chair','member','guest'))
);
--> statement-breakpoint
CREATE TABLE "mdt_plan_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"recommendation_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"detail" text,
	"approach" text,
	"timing" text,
	"requires_admission" boolean DEFAULT false NOT NULL,
	"due_date" date NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"delivered_via" text,
	"delivered_on" date,
	"evidence" text,
	"evidence_ref" text,
	"not_delivered_reason" text,
	"not_delivered_text" text,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"booking_ref" text,
	"booked_for" date,
	"admission_ref" text,
	"admitted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "mdt_plan_items_kind_ck" CHECK ("mdt_plan_items"."kind" in ('surgery','crs_hipec','chemotherapy','radiotherapy','imaging','biopsy','trial','supportive','follow_up')),
	CONSTRAINT "mdt_plan_items_status_ck" CHECK ("mdt_plan_items"."status" in ('pending','delivered','not_delivered')),
	CONSTRAINT "mdt_plan_items_closed_ck" CHECK (("mdt_plan_items"."status" = 'pending') or ("mdt_plan_items"."status" = 'delivered' and "mdt_plan_items"."delivered_via" is not null and "mdt_plan_items"."delivered_on" is not null) or ("mdt_plan_items"."status" = 'not_delivered' and "mdt_plan_items"."not_delivered_reason" is not null))
);
--> statement-breakpoint
CREATE TABLE "mdt_recommendations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"intent" text NOT NULL,
	"summary" text,
	"guideline" text,
	"guideline_version" text,
	"deviation_reason" text,
	"consensus" boolean NOT NULL,
	"dissent" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"executing_specialty" text,
	"responsible_user_id" uuid,
	"responsible_name" text,
	"patient_summary" text NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	"decided_on" date NOT NULL,
	"decided_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "mdt_recommendations_intent_ck" CHECK ("mdt_recommendations"."intent" in ('curative','palliative'))
);
--> statement-breakpoint
CREATE TABLE "mdt_series" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tumor_group" text NOT NULL,
	"kind" text NOT NULL,
	"frequency" text NOT NULL,
	"occurrences" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mdt_attachment_blobs" ADD CONSTRAINT "mdt_attachment_blobs_attachment_id_mdt_attachments_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "public"."mdt_attachments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mdt_attachments" ADD CONSTRAINT "mdt_attachments_case_id_mdt_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."mdt_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mdt_attachments" ADD CONSTRAINT "mdt_attachments_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mdt_attachments" ADD CONSTRAINT "mdt_attachments_uploaded_by_organization_id_organizations_id_fk" FOREIGN KEY ("uploaded_by_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mdt_case_events" ADD CONSTRAINT "mdt_case_events_case_id_mdt_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."mdt_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mdt_cases" ADD CONSTRAINT "mdt_cases_meeting_id_mdt_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."mdt_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mdt_cases" ADD CONSTRAINT "mdt_cases_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mdt_cases" ADD CONSTRAINT "mdt_cases_submitting_organization_id_organizations_id_fk" FOREIGN KEY ("submitting_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mdt_cases" ADD CONSTRAINT "mdt_cases_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mdt_meetings" ADD CONSTRAINT "mdt_meetings_series_id_mdt_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."mdt_series"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mdt_meetings" ADD CONSTRAINT "mdt_meetings_chair_user_id_users_id_fk" FOREIGN KEY ("chair_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mdt_participants" ADD CONSTRAINT "mdt_participants_meeting_id_mdt_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."mdt_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mdt_participants" ADD CONSTRAINT "mdt_participants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mdt_participants" ADD CONSTRAINT "mdt_participants_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mdt_plan_items" ADD CONSTRAINT "mdt_plan_items_recommendation_id_mdt_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."mdt_recommendations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mdt_plan_items" ADD CONSTRAINT "mdt_plan_items_case_id_mdt_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."mdt_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mdt_plan_items" ADD CONSTRAINT "mdt_plan_items_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mdt_recommendations" ADD CONSTRAINT "mdt_recommendations_case_id_mdt_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."mdt_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mdt_recommendations" ADD CONSTRAINT "mdt_recommendations_responsible_user_id_users_id_fk" FOREIGN KEY ("responsible_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mdt_recommendations" ADD CONSTRAINT "mdt_recommendations_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mdt_attachments_case_idx" ON "mdt_attachments" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "mdt_case_events_case_idx" ON "mdt_case_events" USING btree ("case_id","at");--> statement-breakpoint
CREATE INDEX "mdt_cases_meeting_idx" ON "mdt_cases" USING btree ("meeting_id","agenda_order");--> statement-breakpoint
CREATE INDEX "mdt_cases_patient_idx" ON "mdt_cases" USING btree ("patient_id");--> statement-breakpoint
CREATE INDEX "mdt_cases_status_idx" ON "mdt_cases" USING btree ("status","updated_at");--> statement-breakpoint
CREATE INDEX "mdt_cases_org_idx" ON "mdt_cases" USING btree ("submitting_organization_id");--> statement-breakpoint
CREATE INDEX "mdt_meetings_starts_idx" ON "mdt_meetings" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "mdt_meetings_status_idx" ON "mdt_meetings" USING btree ("status","starts_at");--> statement-breakpoint
CREATE INDEX "mdt_participants_meeting_idx" ON "mdt_participants" USING btree ("meeting_id");--> statement-breakpoint
CREATE UNIQUE INDEX "mdt_participants_user_uq" ON "mdt_participants" USING btree ("meeting_id","user_id") WHERE "mdt_participants"."user_id" is not null and "mdt_participants"."removed_at" is null;--> statement-breakpoint
CREATE INDEX "mdt_plan_items_patient_idx" ON "mdt_plan_items" USING btree ("patient_id","status");--> statement-breakpoint
CREATE INDEX "mdt_plan_items_status_idx" ON "mdt_plan_items" USING btree ("status","due_date");--> statement-breakpoint
CREATE INDEX "mdt_plan_items_case_idx" ON "mdt_plan_items" USING btree ("case_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "mdt_recommendations_case_uq" ON "mdt_recommendations" USING btree ("case_id");