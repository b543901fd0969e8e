CREATE TABLE "case_e_services" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"token_hash" text NOT NULL,
	"code_hash" text NOT NULL,
	"document_ids" jsonb NOT NULL,
	"issued_by" uuid NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"locked_at" timestamp with time zone,
	"opened_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "case_e_services_token_uq" ON "case_e_services" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "case_e_services_case_idx" ON "case_e_services" USING btree ("case_id");