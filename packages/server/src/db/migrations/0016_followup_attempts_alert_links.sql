CREATE TABLE "follow_up_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"attempt_date" date NOT NULL,
	"method" text NOT NULL,
	"notes" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pro_responses" ADD COLUMN "admission_id" uuid;--> statement-breakpoint
ALTER TABLE "pro_responses" ADD COLUMN "complication_id" uuid;--> statement-breakpoint
ALTER TABLE "follow_up_attempts" ADD CONSTRAINT "follow_up_attempts_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_attempts" ADD CONSTRAINT "follow_up_attempts_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "follow_up_attempts_patient_idx" ON "follow_up_attempts" USING btree ("patient_id","attempt_date");--> statement-breakpoint
ALTER TABLE "pro_responses" ADD CONSTRAINT "pro_responses_admission_id_admissions_id_fk" FOREIGN KEY ("admission_id") REFERENCES "public"."admissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pro_responses" ADD CONSTRAINT "pro_responses_complication_id_complications_id_fk" FOREIGN KEY ("complication_id") REFERENCES "public"."complications"("id") ON DELETE no action ON UPDATE no action;