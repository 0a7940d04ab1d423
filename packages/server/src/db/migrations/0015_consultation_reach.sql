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
ALTER TABLE "consultation_referrals" ADD COLUMN "discharged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "consultation_referrals" ADD COLUMN "discharge_disposition" text;--> statement-breakpoint
ALTER TABLE "consultation_referrals" ADD COLUMN "discharge_institution" text;--> statement-breakpoint
ALTER TABLE "consultation_referrals" ADD COLUMN "discharge_diagnosis" text;--> statement-breakpoint
ALTER TABLE "consultation_referrals" ADD COLUMN "discharge_procedure" text;--> statement-breakpoint
ALTER TABLE "consultation_referrals" ADD COLUMN "discharge_note" text;--> statement-breakpoint
ALTER TABLE "consultation_notification_reads" ADD CONSTRAINT "consultation_notification_reads_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_visits" ADD CONSTRAINT "exchange_visits_owner_organization_id_organizations_id_fk" FOREIGN KEY ("owner_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_visits" ADD CONSTRAINT "exchange_visits_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_activities" ADD CONSTRAINT "outreach_activities_owner_organization_id_organizations_id_fk" FOREIGN KEY ("owner_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_agreements" ADD CONSTRAINT "partner_agreements_owner_organization_id_organizations_id_fk" FOREIGN KEY ("owner_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_agreements" ADD CONSTRAINT "partner_agreements_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "exchange_visits_org_idx" ON "exchange_visits" USING btree ("organization_id","from_date");--> statement-breakpoint
CREATE INDEX "outreach_activities_owner_idx" ON "outreach_activities" USING btree ("owner_organization_id","date");--> statement-breakpoint
CREATE INDEX "partner_agreements_org_idx" ON "partner_agreements" USING btree ("organization_id","start_date");