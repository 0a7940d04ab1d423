CREATE TABLE "consultation_attachment_blobs" (
	"attachment_id" uuid PRIMARY KEY NOT NULL,
	"content" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultation_attachments_type_ck" CHECK ("consultation_attachments"."content_type" in ('application/pdf','image/jpeg','image/png'))
);
--> statement-breakpoint
CREATE TABLE "consultation_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"consultation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"body" text,
	"author_id" uuid,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "consultation_messages_kind_ck" CHECK ("consultation_messages"."kind" in ('info_request','reply','answer','assign'))
);
--> statement-breakpoint
CREATE TABLE "consultation_referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"expected_admission_date" date NOT NULL,
	"bed_reservation_id" uuid,
	"bed_id" uuid,
	"status" text DEFAULT 'reserved' NOT NULL,
	"admission_id" uuid,
	"admitted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "consultation_referrals_status_ck" CHECK ("consultation_referrals"."status" in ('reserved','admitted','cancelled'))
);
--> statement-breakpoint
CREATE TABLE "consultations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"requested_by" uuid NOT NULL,
	"question" text NOT NULL,
	"history" text,
	"stage" text,
	"specialty" text,
	"urgency" text NOT NULL,
	"consent_obtained_on" date NOT NULL,
	"consent_method" text NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"expert_id" uuid,
	"assigned_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"answered_by" uuid,
	"advice" text,
	"recommendation" text,
	"closed_at" timestamp with time zone,
	"survey_referral_avoided" boolean,
	"survey_will_follow_advice" boolean,
	"survey_educational" boolean,
	"mdt_case_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "consultations_urgency_ck" CHECK ("consultations"."urgency" in ('routine','urgent')),
	CONSTRAINT "consultations_consent_ck" CHECK ("consultations"."consent_method" in ('written','verbal','electronic')),
	CONSTRAINT "consultations_status_ck" CHECK ("consultations"."status" in ('submitted','assigned','info_requested','answered','closed')),
	CONSTRAINT "consultations_recommendation_ck" CHECK ("consultations"."recommendation" is null or "consultations"."recommendation" in ('manage_locally','mdt','transfer')),
	CONSTRAINT "consultations_answered_ck" CHECK ("consultations"."status" not in ('answered','closed') or ("consultations"."answered_at" is not null and "consultations"."recommendation" is not null)),
	CONSTRAINT "consultations_survey_ck" CHECK ("consultations"."status" <> 'closed' or ("consultations"."survey_referral_avoided" is not null and "consultations"."survey_will_follow_advice" is not null and "consultations"."survey_educational" is not null))
);
--> statement-breakpoint
ALTER TABLE "consultation_attachment_blobs" ADD CONSTRAINT "consultation_attachment_blobs_attachment_id_consultation_attachments_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "public"."consultation_attachments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_attachments" ADD CONSTRAINT "consultation_attachments_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_attachments" ADD CONSTRAINT "consultation_attachments_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_messages" ADD CONSTRAINT "consultation_messages_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_messages" ADD CONSTRAINT "consultation_messages_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_referrals" ADD CONSTRAINT "consultation_referrals_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_referrals" ADD CONSTRAINT "consultation_referrals_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_expert_id_users_id_fk" FOREIGN KEY ("expert_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consultation_attachments_idx" ON "consultation_attachments" USING btree ("consultation_id");--> statement-breakpoint
CREATE INDEX "consultation_messages_idx" ON "consultation_messages" USING btree ("consultation_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_referrals_one_uq" ON "consultation_referrals" USING btree ("consultation_id");--> statement-breakpoint
CREATE INDEX "consultation_referrals_patient_idx" ON "consultation_referrals" USING btree ("patient_id","status");--> statement-breakpoint
CREATE INDEX "consultations_org_idx" ON "consultations" USING btree ("organization_id","submitted_at");--> statement-breakpoint
CREATE INDEX "consultations_status_idx" ON "consultations" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "consultations_patient_idx" ON "consultations" USING btree ("patient_id");--> statement-breakpoint
CREATE INDEX "consultations_requested_by_idx" ON "consultations" USING btree ("requested_by","status");