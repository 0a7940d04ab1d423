CREATE TABLE "edu_attendance" (
	"registration_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"checked_in_at" timestamp with time zone NOT NULL,
	"checked_in_by" uuid,
	CONSTRAINT "edu_attendance_registration_id_session_id_pk" PRIMARY KEY("registration_id","session_id")
);
--> statement-breakpoint
CREATE TABLE "edu_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"venue" text,
	"cme_level" text DEFAULT 'provincial' NOT NULL,
	"cme_category" text DEFAULT 'I' NOT NULL,
	"cme_project_no" text,
	"registration_closes" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "edu_events_kind_ck" CHECK ("edu_events"."kind" in ('forum','teaching_class')),
	CONSTRAINT "edu_events_level_ck" CHECK ("edu_events"."cme_level" in ('national','provincial')),
	CONSTRAINT "edu_events_category_ck" CHECK ("edu_events"."cme_category" in ('I','II')),
	CONSTRAINT "edu_events_dates_ck" CHECK ("edu_events"."end_date" >= "edu_events"."start_date")
);
--> statement-breakpoint
CREATE TABLE "edu_log_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trainee_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"entry_date" date NOT NULL,
	"description" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "edu_log_entries_kind_ck" CHECK ("edu_log_entries"."kind" in ('ward_round','mdt_presentation','clinic','teaching','other'))
);
--> statement-breakpoint
CREATE TABLE "edu_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trainee_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"planned_on" date,
	"completed_on" date,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "edu_milestones_kind_ck" CHECK ("edu_milestones"."kind" in ('proposal','midterm','defence'))
);
--> statement-breakpoint
CREATE TABLE "edu_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"name" text NOT NULL,
	"hospital" text NOT NULL,
	"title" text NOT NULL,
	"phone" text NOT NULL,
	"code" text NOT NULL,
	"registered_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "edu_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"title" text NOT NULL,
	"speakers" text,
	"demo_booking_id" uuid,
	"credits" double precision DEFAULT 0 NOT NULL,
	"checkin_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "edu_sessions_times_ck" CHECK ("edu_sessions"."ends_at" > "edu_sessions"."starts_at"),
	CONSTRAINT "edu_sessions_credits_ck" CHECK ("edu_sessions"."credits" >= 0 and "edu_sessions"."credits" <= 20)
);
--> statement-breakpoint
CREATE TABLE "edu_sign_offs" (
	"trainee_id" uuid NOT NULL,
	"entry_key" text NOT NULL,
	"signed_by" uuid NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "edu_sign_offs_trainee_id_entry_key_pk" PRIMARY KEY("trainee_id","entry_key")
);
--> statement-breakpoint
CREATE TABLE "edu_supervisors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"university_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "edu_trainees" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"university_id" uuid NOT NULL,
	"supervisor_id" uuid NOT NULL,
	"degree" text NOT NULL,
	"enrolment_year" integer NOT NULL,
	"year_of_study" integer NOT NULL,
	"thesis_title" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "edu_trainees_degree_ck" CHECK ("edu_trainees"."degree" in ('academic','professional')),
	CONSTRAINT "edu_trainees_year_ck" CHECK ("edu_trainees"."year_of_study" between 1 and 8)
);
--> statement-breakpoint
CREATE TABLE "edu_universities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "edu_universities_name_unique" UNIQUE("name")
);
--> statement-breakpoint
ALTER TABLE "edu_attendance" ADD CONSTRAINT "edu_attendance_registration_id_edu_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."edu_registrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edu_attendance" ADD CONSTRAINT "edu_attendance_session_id_edu_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."edu_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edu_log_entries" ADD CONSTRAINT "edu_log_entries_trainee_id_edu_trainees_id_fk" FOREIGN KEY ("trainee_id") REFERENCES "public"."edu_trainees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edu_milestones" ADD CONSTRAINT "edu_milestones_trainee_id_edu_trainees_id_fk" FOREIGN KEY ("trainee_id") REFERENCES "public"."edu_trainees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edu_registrations" ADD CONSTRAINT "edu_registrations_event_id_edu_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."edu_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edu_sessions" ADD CONSTRAINT "edu_sessions_event_id_edu_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."edu_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edu_sessions" ADD CONSTRAINT "edu_sessions_demo_booking_id_theatre_bookings_id_fk" FOREIGN KEY ("demo_booking_id") REFERENCES "public"."theatre_bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edu_sign_offs" ADD CONSTRAINT "edu_sign_offs_trainee_id_edu_trainees_id_fk" FOREIGN KEY ("trainee_id") REFERENCES "public"."edu_trainees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edu_sign_offs" ADD CONSTRAINT "edu_sign_offs_signed_by_users_id_fk" FOREIGN KEY ("signed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edu_supervisors" ADD CONSTRAINT "edu_supervisors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edu_supervisors" ADD CONSTRAINT "edu_supervisors_university_id_edu_universities_id_fk" FOREIGN KEY ("university_id") REFERENCES "public"."edu_universities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edu_trainees" ADD CONSTRAINT "edu_trainees_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edu_trainees" ADD CONSTRAINT "edu_trainees_university_id_edu_universities_id_fk" FOREIGN KEY ("university_id") REFERENCES "public"."edu_universities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edu_trainees" ADD CONSTRAINT "edu_trainees_supervisor_id_edu_supervisors_id_fk" FOREIGN KEY ("supervisor_id") REFERENCES "public"."edu_supervisors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "edu_events_start_idx" ON "edu_events" USING btree ("start_date");--> statement-breakpoint
CREATE INDEX "edu_log_entries_trainee_idx" ON "edu_log_entries" USING btree ("trainee_id","entry_date");--> statement-breakpoint
CREATE UNIQUE INDEX "edu_milestones_uq" ON "edu_milestones" USING btree ("trainee_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "edu_registrations_code_uq" ON "edu_registrations" USING btree ("event_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "edu_registrations_phone_uq" ON "edu_registrations" USING btree ("event_id","phone");--> statement-breakpoint
CREATE INDEX "edu_sessions_event_idx" ON "edu_sessions" USING btree ("event_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "edu_sessions_token_uq" ON "edu_sessions" USING btree ("checkin_token");--> statement-breakpoint
CREATE UNIQUE INDEX "edu_supervisors_user_uq" ON "edu_supervisors" USING btree ("user_id","university_id");--> statement-breakpoint
CREATE UNIQUE INDEX "edu_trainees_user_uq" ON "edu_trainees" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "edu_trainees_supervisor_idx" ON "edu_trainees" USING btree ("supervisor_id");