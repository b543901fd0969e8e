CREATE TABLE "supervision_document_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"document_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_id" uuid NOT NULL,
	"actor_role" text NOT NULL,
	"payload" jsonb NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"issuer_region_code" text NOT NULL,
	"issuer_name" text NOT NULL,
	"sequence_year" integer NOT NULL,
	"seq" integer NOT NULL,
	"profile" text NOT NULL,
	"type_code" text NOT NULL,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"warning_id" uuid,
	"case_id" uuid,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"decision_type" text,
	"grounds" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text NOT NULL,
	"issued_on" date NOT NULL,
	"response_due_on" date NOT NULL,
	"objection_due_on" date,
	"answer" jsonb,
	"objection" jsonb,
	"escalated_at" timestamp with time zone,
	"issued_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_measures" (
	"id" uuid PRIMARY KEY NOT NULL,
	"document_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"sanction" text,
	"officer_id" uuid,
	"certificate_id" uuid,
	"suspended_until" date,
	"referred_to" text,
	"reason" text NOT NULL,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"decided_by" uuid NOT NULL,
	"decided_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_number_sequences" (
	"issuer_region_code" text NOT NULL,
	"type_code" text NOT NULL,
	"year" integer NOT NULL,
	"last_value" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_warning_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"warning_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_id" uuid,
	"actor_role" text NOT NULL,
	"payload" jsonb NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_warnings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"rule_key" text NOT NULL,
	"severity" text NOT NULL,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"subject_label" text NOT NULL,
	"due_on" date,
	"details" jsonb NOT NULL,
	"status" text NOT NULL,
	"rectification" jsonb,
	"raised_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_document_events_seq_uq" ON "supervision_document_events" USING btree ("document_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_documents_number_uq" ON "supervision_documents" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_documents_seq_uq" ON "supervision_documents" USING btree ("issuer_region_code","type_code","sequence_year","seq");--> statement-breakpoint
CREATE INDEX "supervision_documents_agency_idx" ON "supervision_documents" USING btree ("agency_id","status");--> statement-breakpoint
CREATE INDEX "supervision_documents_region_path_idx" ON "supervision_documents" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "supervision_documents_warning_idx" ON "supervision_documents" USING btree ("warning_id");--> statement-breakpoint
CREATE INDEX "supervision_measures_document_idx" ON "supervision_measures" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "supervision_measures_officer_idx" ON "supervision_measures" USING btree ("officer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_number_sequences_pk" ON "supervision_number_sequences" USING btree ("issuer_region_code","type_code","year");--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_warning_events_seq_uq" ON "supervision_warning_events" USING btree ("warning_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_warnings_open_uq" ON "supervision_warnings" USING btree ("rule_key","subject_id") WHERE "supervision_warnings"."status" in ('open', 'acknowledged', 'rectification_reported');--> statement-breakpoint
CREATE INDEX "supervision_warnings_agency_idx" ON "supervision_warnings" USING btree ("agency_id","status");--> statement-breakpoint
CREATE INDEX "supervision_warnings_region_path_idx" ON "supervision_warnings" USING btree ("region_path" text_pattern_ops);