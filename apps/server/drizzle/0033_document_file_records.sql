CREATE TABLE "case_document_file_records" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"document_id" uuid NOT NULL,
	"document_number" text,
	"kind" text NOT NULL,
	"format" text NOT NULL,
	"blob_id" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "case_document_file_records_uq" ON "case_document_file_records" USING btree ("document_id","format");--> statement-breakpoint
CREATE INDEX "case_document_file_records_number_idx" ON "case_document_file_records" USING btree ("document_number");