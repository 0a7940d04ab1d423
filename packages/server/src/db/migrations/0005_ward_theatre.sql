CREATE TABLE "admissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"admitted_at" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"source_institution" text,
	"diagnosis" text,
	"attending_surgeon_id" uuid,
	"expected_los_days" integer,
	"isolation" text,
	"fall_risk" text,
	"planned_procedure" text,
	"discharged_at" timestamp with time zone,
	"disposition" text,
	"disposition_institution" text,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "admissions_status_ck" CHECK ("admissions"."status" in ('active','discharged','cancelled')),
	CONSTRAINT "admissions_source_ck" CHECK ("admissions"."source" in ('emergency','outpatient','transfer_in','other')),
	CONSTRAINT "admissions_disposition_ck" CHECK ("admissions"."disposition" is null or "admissions"."disposition" in ('order','transfer_hospital','transfer_community','against_advice','death','other')),
	CONSTRAINT "admissions_fall_risk_ck" CHECK ("admissions"."fall_risk" is null or "admissions"."fall_risk" in ('low','medium','high')),
	CONSTRAINT "admissions_discharge_after_ck" CHECK ("admissions"."discharged_at" is null or "admissions"."discharged_at" >= "admissions"."admitted_at"),
	CONSTRAINT "admissions_los_ck" CHECK ("admissions"."expected_los_days" is null or "admissions"."expected_los_days" between 0 and 365)
);
--> statement-breakpoint
CREATE TABLE "bed_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"bed_id" uuid NOT NULL,
	"type" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"admission_id" uuid,
	"patient_id" uuid,
	"from_state" text NOT NULL,
	"to_state" text NOT NULL,
	"reason" text,
	"actor_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bed_events_type_ck" CHECK ("bed_events"."type" in ('assign','unassign','swap','reserve','release','clean','dirty','block','unblock'))
);
--> statement-breakpoint
CREATE TABLE "bed_reservations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"bed_id" uuid,
	"ward_kind" text NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"booking_id" uuid,
	"status" text DEFAULT 'active' NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "bed_reservations_order_ck" CHECK ("bed_reservations"."to_date" >= "bed_reservations"."from_date"),
	CONSTRAINT "bed_reservations_kind_ck" CHECK ("bed_reservations"."ward_kind" in ('general','icu','hdu')),
	CONSTRAINT "bed_reservations_status_ck" CHECK ("bed_reservations"."status" in ('active','used','released'))
);
--> statement-breakpoint
CREATE TABLE "bed_states" (
	"bed_id" uuid PRIMARY KEY NOT NULL,
	"state" text DEFAULT 'vacant_clean' NOT NULL,
	"admission_id" uuid,
	"reserved_patient_id" uuid,
	"reserved_until" timestamp with time zone,
	"block_reason" text,
	"note" text,
	"since" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "bed_states_state_ck" CHECK ("bed_states"."state" in ('vacant_clean','vacant_dirty','occupied','reserved','blocked')),
	CONSTRAINT "bed_states_occupied_ck" CHECK (("bed_states"."state" = 'occupied') = ("bed_states"."admission_id" is not null)),
	CONSTRAINT "bed_states_block_reason_ck" CHECK ("bed_states"."block_reason" is null or "bed_states"."block_reason" in ('maintenance','isolation','other'))
);
--> statement-breakpoint
CREATE TABLE "bed_stays" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"admission_id" uuid NOT NULL,
	"bed_id" uuid NOT NULL,
	"from_at" timestamp with time zone NOT NULL,
	"to_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bed_stays_order_ck" CHECK ("bed_stays"."to_at" is null or "bed_stays"."to_at" >= "bed_stays"."from_at")
);
--> statement-breakpoint
CREATE TABLE "operating_rooms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"department_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"sessions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"disabled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "theatre_booking_equipment" (
	"booking_id" uuid NOT NULL,
	"equipment_id" uuid NOT NULL,
	CONSTRAINT "theatre_booking_equipment_booking_id_equipment_id_pk" PRIMARY KEY("booking_id","equipment_id")
);
--> statement-breakpoint
CREATE TABLE "theatre_booking_staff" (
	"booking_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "theatre_booking_staff_booking_id_user_id_pk" PRIMARY KEY("booking_id","user_id"),
	CONSTRAINT "theatre_booking_staff_role_ck" CHECK ("theatre_booking_staff"."role" in ('surgeon','assistant','anesthetist','scrub_nurse','circulating_nurse'))
);
--> statement-breakpoint
CREATE TABLE "theatre_bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"room_id" uuid NOT NULL,
	"start_at" timestamp with time zone NOT NULL,
	"end_at" timestamp with time zone NOT NULL,
	"duration_min" integer NOT NULL,
	"procedures" jsonb NOT NULL,
	"diagnosis" text,
	"anesthesia" text DEFAULT 'general' NOT NULL,
	"crs_hipec" boolean DEFAULT false NOT NULL,
	"icu_days" integer DEFAULT 0 NOT NULL,
	"expected_stay_days" integer,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"status_reason" text,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"operation_id" uuid,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "theatre_bookings_order_ck" CHECK ("theatre_bookings"."end_at" > "theatre_bookings"."start_at"),
	CONSTRAINT "theatre_bookings_duration_ck" CHECK ("theatre_bookings"."duration_min" between 10 and 2880),
	CONSTRAINT "theatre_bookings_icu_days_ck" CHECK ("theatre_bookings"."icu_days" between 0 and 30),
	CONSTRAINT "theatre_bookings_status_ck" CHECK ("theatre_bookings"."status" in ('scheduled','in_theatre','completed','postponed','cancelled')),
	CONSTRAINT "theatre_bookings_anesthesia_ck" CHECK ("theatre_bookings"."anesthesia" in ('general','general_epidural','spinal','regional','local','sedation'))
);
--> statement-breakpoint
CREATE TABLE "theatre_equipment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"kind" text NOT NULL,
	"disabled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "theatre_equipment_kind_ck" CHECK ("theatre_equipment"."kind" in ('hipec_machine','laparoscopic_tower','robot','ultrasound','other'))
);
--> statement-breakpoint
ALTER TABLE "admissions" ADD CONSTRAINT "admissions_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admissions" ADD CONSTRAINT "admissions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admissions" ADD CONSTRAINT "admissions_attending_surgeon_id_users_id_fk" FOREIGN KEY ("attending_surgeon_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bed_events" ADD CONSTRAINT "bed_events_bed_id_beds_id_fk" FOREIGN KEY ("bed_id") REFERENCES "public"."beds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bed_events" ADD CONSTRAINT "bed_events_admission_id_admissions_id_fk" FOREIGN KEY ("admission_id") REFERENCES "public"."admissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bed_events" ADD CONSTRAINT "bed_events_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bed_reservations" ADD CONSTRAINT "bed_reservations_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bed_reservations" ADD CONSTRAINT "bed_reservations_bed_id_beds_id_fk" FOREIGN KEY ("bed_id") REFERENCES "public"."beds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bed_states" ADD CONSTRAINT "bed_states_bed_id_beds_id_fk" FOREIGN KEY ("bed_id") REFERENCES "public"."beds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bed_states" ADD CONSTRAINT "bed_states_admission_id_admissions_id_fk" FOREIGN KEY ("admission_id") REFERENCES "public"."admissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bed_states" ADD CONSTRAINT "bed_states_reserved_patient_id_patients_id_fk" FOREIGN KEY ("reserved_patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bed_stays" ADD CONSTRAINT "bed_stays_admission_id_admissions_id_fk" FOREIGN KEY ("admission_id") REFERENCES "public"."admissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bed_stays" ADD CONSTRAINT "bed_stays_bed_id_beds_id_fk" FOREIGN KEY ("bed_id") REFERENCES "public"."beds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operating_rooms" ADD CONSTRAINT "operating_rooms_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "theatre_booking_equipment" ADD CONSTRAINT "theatre_booking_equipment_booking_id_theatre_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."theatre_bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "theatre_booking_equipment" ADD CONSTRAINT "theatre_booking_equipment_equipment_id_theatre_equipment_id_fk" FOREIGN KEY ("equipment_id") REFERENCES "public"."theatre_equipment"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "theatre_booking_staff" ADD CONSTRAINT "theatre_booking_staff_booking_id_theatre_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."theatre_bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "theatre_booking_staff" ADD CONSTRAINT "theatre_booking_staff_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "theatre_bookings" ADD CONSTRAINT "theatre_bookings_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "theatre_bookings" ADD CONSTRAINT "theatre_bookings_room_id_operating_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."operating_rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "theatre_bookings" ADD CONSTRAINT "theatre_bookings_operation_id_operations_id_fk" FOREIGN KEY ("operation_id") REFERENCES "public"."operations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "admissions_patient_idx" ON "admissions" USING btree ("patient_id","admitted_at");--> statement-breakpoint
CREATE INDEX "admissions_status_idx" ON "admissions" USING btree ("status","admitted_at");--> statement-breakpoint
CREATE INDEX "admissions_discharged_idx" ON "admissions" USING btree ("discharged_at");--> statement-breakpoint
CREATE UNIQUE INDEX "admissions_one_active_uq" ON "admissions" USING btree ("patient_id") WHERE "admissions"."status" = 'active';--> statement-breakpoint
CREATE INDEX "bed_events_bed_idx" ON "bed_events" USING btree ("bed_id","at");--> statement-breakpoint
CREATE INDEX "bed_events_at_idx" ON "bed_events" USING btree ("at");--> statement-breakpoint
CREATE INDEX "bed_events_admission_idx" ON "bed_events" USING btree ("admission_id");--> statement-breakpoint
CREATE INDEX "bed_reservations_bed_idx" ON "bed_reservations" USING btree ("bed_id","from_date");--> statement-breakpoint
CREATE INDEX "bed_reservations_dates_idx" ON "bed_reservations" USING btree ("from_date","to_date");--> statement-breakpoint
CREATE INDEX "bed_reservations_booking_idx" ON "bed_reservations" USING btree ("booking_id");--> statement-breakpoint
CREATE UNIQUE INDEX "bed_states_admission_uq" ON "bed_states" USING btree ("admission_id") WHERE "bed_states"."admission_id" is not null;--> statement-breakpoint
CREATE INDEX "bed_stays_admission_idx" ON "bed_stays" USING btree ("admission_id","from_at");--> statement-breakpoint
CREATE INDEX "bed_stays_bed_idx" ON "bed_stays" USING btree ("bed_id","from_at");--> statement-breakpoint
CREATE INDEX "bed_stays_period_idx" ON "bed_stays" USING btree ("from_at","to_at");--> statement-breakpoint
CREATE UNIQUE INDEX "bed_stays_one_open_per_bed_uq" ON "bed_stays" USING btree ("bed_id") WHERE "bed_stays"."to_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "bed_stays_one_open_per_admission_uq" ON "bed_stays" USING btree ("admission_id") WHERE "bed_stays"."to_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "operating_rooms_code_uq" ON "operating_rooms" USING btree ("department_id","code");--> statement-breakpoint
CREATE INDEX "theatre_booking_equipment_eq_idx" ON "theatre_booking_equipment" USING btree ("equipment_id");--> statement-breakpoint
CREATE INDEX "theatre_booking_staff_user_idx" ON "theatre_booking_staff" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "theatre_bookings_room_idx" ON "theatre_bookings" USING btree ("room_id","start_at");--> statement-breakpoint
CREATE INDEX "theatre_bookings_period_idx" ON "theatre_bookings" USING btree ("start_at","end_at");--> statement-breakpoint
CREATE INDEX "theatre_bookings_patient_idx" ON "theatre_bookings" USING btree ("patient_id","start_at");--> statement-breakpoint
CREATE UNIQUE INDEX "theatre_equipment_code_uq" ON "theatre_equipment" USING btree ("code");--> statement-breakpoint
-- Every existing bed starts vacant and clean (beds created later get their row with the bed).
INSERT INTO "bed_states" ("bed_id") SELECT "id" FROM "beds" ON CONFLICT DO NOTHING;
