CREATE TABLE "fhir_client_assertion_jtis" (
	"client_id" uuid NOT NULL,
	"jti" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "fhir_client_assertion_jtis_client_id_jti_pk" PRIMARY KEY("client_id","jti")
);
--> statement-breakpoint
ALTER TABLE "fhir_clients" ALTER COLUMN "secret_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "fhir_clients" ADD COLUMN "public_jwk" jsonb;--> statement-breakpoint
ALTER TABLE "fhir_clients" ADD COLUMN "key_alg" text;--> statement-breakpoint
ALTER TABLE "fhir_client_assertion_jtis" ADD CONSTRAINT "fhir_client_assertion_jtis_client_id_fhir_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."fhir_clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fhir_client_assertion_jtis_expires_idx" ON "fhir_client_assertion_jtis" USING btree ("expires_at");--> statement-breakpoint
ALTER TABLE "fhir_clients" ADD CONSTRAINT "fhir_clients_auth_ck" CHECK (("fhir_clients"."secret_hash" is not null and "fhir_clients"."public_jwk" is null and "fhir_clients"."key_alg" is null) or ("fhir_clients"."secret_hash" is null and "fhir_clients"."public_jwk" is not null and "fhir_clients"."key_alg" in ('RS384','ES384')));