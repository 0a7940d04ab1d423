CREATE TABLE "quality_deaths" (
	"patient_id" uuid NOT NULL,
	"source" text NOT NULL,
	"death_date" date NOT NULL,
	"admission_id" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quality_deaths_patient_id_source_pk" PRIMARY KEY("patient_id","source")
);
--> statement-breakpoint
ALTER TABLE "quality_deaths" ADD CONSTRAINT "quality_deaths_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "quality_deaths_date_idx" ON "quality_deaths" USING btree ("death_date");