CREATE TABLE "procedure_document_files" (
	"document_id" uuid NOT NULL,
	"format" text NOT NULL,
	"sha256" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"render_ms" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procedure_documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"kind" text NOT NULL,
	"number" text,
	"sequence_key" text,
	"year" integer,
	"seq" integer,
	"data" jsonb NOT NULL,
	"issued_by" uuid NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "procedure_document_files_uq" ON "procedure_document_files" USING btree ("document_id","format");--> statement-breakpoint
CREATE UNIQUE INDEX "procedure_documents_subject_kind_uq" ON "procedure_documents" USING btree ("subject_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "procedure_documents_number_uq" ON "procedure_documents" USING btree ("number") WHERE "procedure_documents"."number" is not null;--> statement-breakpoint
CREATE INDEX "procedure_documents_region_path_idx" ON "procedure_documents" USING btree ("region_path" text_pattern_ops);