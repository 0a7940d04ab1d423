CREATE TABLE "follow_up_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"contact_date" date NOT NULL,
	"method" text NOT NULL,
	"status" text NOT NULL,
	"recurrence_date" date,
	"recurrence_site" text,
	"death_date" date,
	"death_cause" text,
	"notes" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "follow_up_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"due_date" date NOT NULL,
	"months_after_surgery" integer NOT NULL,
	"kind" text NOT NULL,
	"note" jsonb,
	"status" text DEFAULT 'planned' NOT NULL,
	"contact_id" uuid
);
--> statement-breakpoint
CREATE TABLE "follow_up_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"diagnosis_id" uuid NOT NULL,
	"operation_id" uuid NOT NULL,
	"site" text NOT NULL,
	"stage" text NOT NULL,
	"guideline" text NOT NULL,
	"interval_choice" text NOT NULL,
	"start_date" date NOT NULL,
	"adjust_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pro_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pro_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"invitation_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"answers" jsonb NOT NULL,
	"alert_reasons" text[] DEFAULT '{}'::text[] NOT NULL,
	"alert_status" text,
	"alert_action" text,
	"alert_note" text,
	"handled_by" uuid,
	"handled_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "follow_up_contacts" ADD CONSTRAINT "follow_up_contacts_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_contacts" ADD CONSTRAINT "follow_up_contacts_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_items" ADD CONSTRAINT "follow_up_items_plan_id_follow_up_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."follow_up_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_items" ADD CONSTRAINT "follow_up_items_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_plans" ADD CONSTRAINT "follow_up_plans_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_plans" ADD CONSTRAINT "follow_up_plans_diagnosis_id_oncology_diagnoses_id_fk" FOREIGN KEY ("diagnosis_id") REFERENCES "public"."oncology_diagnoses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_plans" ADD CONSTRAINT "follow_up_plans_operation_id_operations_id_fk" FOREIGN KEY ("operation_id") REFERENCES "public"."operations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pro_invitations" ADD CONSTRAINT "pro_invitations_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pro_invitations" ADD CONSTRAINT "pro_invitations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pro_responses" ADD CONSTRAINT "pro_responses_invitation_id_pro_invitations_id_fk" FOREIGN KEY ("invitation_id") REFERENCES "public"."pro_invitations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pro_responses" ADD CONSTRAINT "pro_responses_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pro_responses" ADD CONSTRAINT "pro_responses_handled_by_users_id_fk" FOREIGN KEY ("handled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "follow_up_contacts_patient_idx" ON "follow_up_contacts" USING btree ("patient_id","contact_date");--> statement-breakpoint
CREATE INDEX "follow_up_items_due_idx" ON "follow_up_items" USING btree ("status","due_date");--> statement-breakpoint
CREATE INDEX "follow_up_items_plan_idx" ON "follow_up_items" USING btree ("plan_id","due_date");--> statement-breakpoint
CREATE UNIQUE INDEX "follow_up_plans_operation_uq" ON "follow_up_plans" USING btree ("operation_id");--> statement-breakpoint
CREATE INDEX "follow_up_plans_patient_idx" ON "follow_up_plans" USING btree ("patient_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pro_invitations_token_uq" ON "pro_invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "pro_invitations_patient_idx" ON "pro_invitations" USING btree ("patient_id");--> statement-breakpoint
CREATE INDEX "pro_responses_alert_idx" ON "pro_responses" USING btree ("alert_status","submitted_at");--> statement-breakpoint
CREATE INDEX "pro_responses_patient_idx" ON "pro_responses" USING btree ("patient_id");