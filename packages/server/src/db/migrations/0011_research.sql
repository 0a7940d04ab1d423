CREATE TABLE "research_cohort_members" (
	"project_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	CONSTRAINT "research_cohort_members_project_id_patient_id_pk" PRIMARY KEY("project_id","patient_id")
);
--> statement-breakpoint
CREATE TABLE "research_outputs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"year" integer NOT NULL,
	"doi" text,
	"reference" text,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "research_participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"consent_obtained_on" date NOT NULL,
	"withdrawn_on" date,
	"date_offset_days" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "research_participants_withdraw_ck" CHECK ("research_participants"."withdrawn_on" is null or "research_participants"."withdrawn_on" >= "research_participants"."consent_obtained_on")
);
--> statement-breakpoint
CREATE TABLE "research_projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"title" text NOT NULL,
	"funder" text NOT NULL,
	"grant_no" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"pi_user_id" uuid,
	"pi_name" text,
	"budget_yuan" double precision,
	"ethics_committee" text,
	"ethics_number" text,
	"ethics_approved_on" date,
	"ethics_expires_on" date,
	"members" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"k_threshold" integer DEFAULT 5 NOT NULL,
	"cohort_criteria" jsonb,
	"cohort_frozen_on" date,
	"export_secret" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "research_projects_dates_ck" CHECK ("research_projects"."end_date" >= "research_projects"."start_date"),
	CONSTRAINT "research_projects_k_ck" CHECK ("research_projects"."k_threshold" between 2 and 100)
);
--> statement-breakpoint
ALTER TABLE "research_cohort_members" ADD CONSTRAINT "research_cohort_members_project_id_research_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."research_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "research_cohort_members" ADD CONSTRAINT "research_cohort_members_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "research_outputs" ADD CONSTRAINT "research_outputs_project_id_research_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."research_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "research_participants" ADD CONSTRAINT "research_participants_project_id_research_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."research_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "research_participants" ADD CONSTRAINT "research_participants_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "research_projects" ADD CONSTRAINT "research_projects_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "research_projects" ADD CONSTRAINT "research_projects_pi_user_id_users_id_fk" FOREIGN KEY ("pi_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "research_outputs_project_idx" ON "research_outputs" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "research_participants_uq" ON "research_participants" USING btree ("project_id","patient_id");--> statement-breakpoint
CREATE INDEX "research_participants_patient_idx" ON "research_participants" USING btree ("patient_id");--> statement-breakpoint
CREATE INDEX "research_projects_org_idx" ON "research_projects" USING btree ("organization_id");