CREATE TABLE "case_document_files" (
	"document_id" uuid NOT NULL,
	"format" text NOT NULL,
	"sha256" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"render_ms" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"number" text,
	"sequence_key" text,
	"year" integer,
	"seq" integer,
	"data" jsonb NOT NULL,
	"issued_by" uuid NOT NULL,
	"event_seq" integer,
	"supersedes" uuid,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "document_number_sequences" (
	"agency_id" uuid NOT NULL,
	"sequence_key" text NOT NULL,
	"year" integer NOT NULL,
	"last_value" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "numbering_settings" (
	"agency_id" uuid PRIMARY KEY NOT NULL,
	"agency_code" text NOT NULL,
	"reconsideration_body" text,
	"court" text,
	"payment_bank" text,
	"payment_account_name" text,
	"payment_account" text,
	"templates" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"padding" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "parties" (
	"id" uuid PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"name" text NOT NULL,
	"identifier" text NOT NULL,
	"address" text,
	"legal_representative" text,
	"phone" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "party_id" uuid;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "content" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "case_document_files_uq" ON "case_document_files" USING btree ("document_id","format");--> statement-breakpoint
CREATE INDEX "case_documents_case_idx" ON "case_documents" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_documents_number_uq" ON "case_documents" USING btree ("number") WHERE "case_documents"."number" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "document_number_sequences_pk" ON "document_number_sequences" USING btree ("agency_id","sequence_key","year");--> statement-breakpoint
CREATE UNIQUE INDEX "parties_type_identifier_uq" ON "parties" USING btree ("type","identifier");--> statement-breakpoint
CREATE INDEX "parties_name_idx" ON "parties" USING btree ("name");--> statement-breakpoint
CREATE INDEX "cases_party_idx" ON "cases" USING btree ("party_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_case_no_uq" ON "cases" USING btree ("case_no") WHERE "cases"."case_no" is not null;