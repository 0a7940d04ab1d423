CREATE TABLE "mfa_recovery_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "break_glass_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_notification_reads" (
	"user_id" uuid NOT NULL,
	"key" text NOT NULL,
	"read_at" timestamp with time zone NOT NULL,
	CONSTRAINT "consultation_notification_reads_user_id_key_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
CREATE TABLE "exchange_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_organization_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"direction" text NOT NULL,
	"doctors" text NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"purpose" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "exchange_visits_direction_ck" CHECK ("exchange_visits"."direction" in ('in','out')),
	CONSTRAINT "exchange_visits_dates_ck" CHECK ("exchange_visits"."to_date" >= "exchange_visits"."from_date")
);
--> statement-breakpoint
CREATE TABLE "outreach_activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_organization_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"date" date NOT NULL,
	"organization_ids" uuid[] NOT NULL,
	"surgeon_ids" uuid[] NOT NULL,
	"activity" text,
	"video_link" text,
	"participants" text,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "outreach_activities_kind_ck" CHECK ("outreach_activities"."kind" in ('visit','tele_session')),
	CONSTRAINT "outreach_activities_activity_ck" CHECK ("outreach_activities"."activity" is null or "outreach_activities"."activity" in ('demonstration_operation','lecture','ward_round','teaching_class')),
	CONSTRAINT "outreach_activities_visit_ck" CHECK ("outreach_activities"."kind" <> 'visit' or "outreach_activities"."activity" is not null)
);
--> statement-breakpoint
CREATE TABLE "partner_agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_organization_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"scope" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "partner_agreements_kind_ck" CHECK ("partner_agreements"."kind" in ('counterpart_support','medical_alliance','specialist_alliance','telemedicine','other')),
	CONSTRAINT "partner_agreements_dates_ck" CHECK ("partner_agreements"."end_date" is null or "partner_agreements"."end_date" >= "partner_agreements"."start_date")
);
--> statement-breakpoint
CREATE TABLE "fhir_client_assertion_jtis" (
	"client_id" uuid NOT NULL,
	"jti" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "fhir_client_assertion_jtis_client_id_jti_pk" PRIMARY KEY("client_id","jti")
);
--> statement-breakpoint
CREATE TABLE "fhir_exports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"scopes" text[],
	"level" text NOT NULL,
	"group_id" uuid,
	"types" text[] NOT NULL,
	"since" timestamp with time zone,
	"request_url" text NOT NULL,
	"request_meta" jsonb NOT NULL,
	"state" text DEFAULT 'queued' NOT NULL,
	"patients_done" integer DEFAULT 0 NOT NULL,
	"patients_total" integer,
	"transaction_time" timestamp with time zone,
	"output" jsonb,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "fhir_clients" ALTER COLUMN "secret_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "stage" text DEFAULT 'full' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "mfa_secret" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "mfa_enabled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "mfa_last_step" bigint;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "mfa_pending_secret" text;--> statement-breakpoint
ALTER TABLE "consultation_referrals" ADD COLUMN "discharged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "consultation_referrals" ADD COLUMN "discharge_disposition" text;--> statement-breakpoint
ALTER TABLE "consultation_referrals" ADD COLUMN "discharge_institution" text;--> statement-breakpoint
ALTER TABLE "consultation_referrals" ADD COLUMN "discharge_diagnosis" text;--> statement-breakpoint
ALTER TABLE "consultation_referrals" ADD COLUMN "discharge_procedure" text;--> statement-breakpoint
ALTER TABLE "consultation_referrals" ADD COLUMN "discharge_note" text;--> statement-breakpoint
ALTER TABLE "fhir_clients" ADD COLUMN "public_jwk" jsonb;--> statement-breakpoint
ALTER TABLE "fhir_clients" ADD COLUMN "key_alg" text;--> statement-breakpoint
ALTER TABLE "mfa_recovery_codes" ADD CONSTRAINT "mfa_recovery_codes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "break_glass_grants" ADD CONSTRAINT "break_glass_grants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "break_glass_grants" ADD CONSTRAINT "break_glass_grants_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_notification_reads" ADD CONSTRAINT "consultation_notification_reads_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_visits" ADD CONSTRAINT "exchange_visits_owner_organization_id_organizations_id_fk" FOREIGN KEY ("owner_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_visits" ADD CONSTRAINT "exchange_visits_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_activities" ADD CONSTRAINT "outreach_activities_owner_organization_id_organizations_id_fk" FOREIGN KEY ("owner_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_agreements" ADD CONSTRAINT "partner_agreements_owner_organization_id_organizations_id_fk" FOREIGN KEY ("owner_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_agreements" ADD CONSTRAINT "partner_agreements_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fhir_client_assertion_jtis" ADD CONSTRAINT "fhir_client_assertion_jtis_client_id_fhir_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."fhir_clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fhir_exports" ADD CONSTRAINT "fhir_exports_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "mfa_recovery_codes_uq" ON "mfa_recovery_codes" USING btree ("user_id","code_hash");--> statement-breakpoint
CREATE INDEX "break_glass_user_idx" ON "break_glass_grants" USING btree ("user_id","expires_at");--> statement-breakpoint
CREATE INDEX "break_glass_created_idx" ON "break_glass_grants" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "exchange_visits_org_idx" ON "exchange_visits" USING btree ("organization_id","from_date");--> statement-breakpoint
CREATE INDEX "outreach_activities_owner_idx" ON "outreach_activities" USING btree ("owner_organization_id","date");--> statement-breakpoint
CREATE INDEX "partner_agreements_org_idx" ON "partner_agreements" USING btree ("organization_id","start_date");--> statement-breakpoint
CREATE INDEX "fhir_client_assertion_jtis_expires_idx" ON "fhir_client_assertion_jtis" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "fhir_exports_actor_idx" ON "fhir_exports" USING btree ("actor_id","created_at");--> statement-breakpoint
CREATE INDEX "fhir_exports_expires_idx" ON "fhir_exports" USING btree ("state","expires_at");--> statement-breakpoint
ALTER TABLE "fhir_clients" ADD CONSTRAINT "fhir_clients_auth_ck" CHECK (("fhir_clients"."secret_hash" is not null and "fhir_clients"."public_jwk" is null and "fhir_clients"."key_alg" is null) or ("fhir_clients"."secret_hash" is null and "fhir_clients"."public_jwk" is not null and "fhir_clients"."key_alg" in ('RS384','ES384')));