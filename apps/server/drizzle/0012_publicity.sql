CREATE TABLE "complaint_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"complaint_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_id" uuid,
	"note" text,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaints" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tracking_no" text NOT NULL,
	"code_hash" text NOT NULL,
	"kind" text NOT NULL,
	"source" text NOT NULL,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"service_code" text,
	"subject" text NOT NULL,
	"content" text NOT NULL,
	"location" text,
	"lat" text,
	"long" text,
	"contact_name" text,
	"contact_phone" text,
	"status" text NOT NULL,
	"public_reply" text,
	"received_on" date NOT NULL,
	"accept_due_on" date NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "publication_correction_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"publication_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"text" text NOT NULL,
	"contact" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "publication_exclusions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"reason_code" text NOT NULL,
	"reason" text NOT NULL,
	"is_automatic" boolean NOT NULL,
	"excluded_by" uuid,
	"excluded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "publication_secret_marks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"passage" text NOT NULL,
	"marked_by" uuid NOT NULL,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "publication_tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"category" text NOT NULL,
	"decision_no" text,
	"decided_on" date NOT NULL,
	"due_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "publication_withdrawals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"publication_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"reason_code" text NOT NULL,
	"public_reason" text NOT NULL,
	"changed_on" date NOT NULL,
	"due_on" date NOT NULL,
	"withdrawn_by" uuid NOT NULL,
	"withdrawn_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "publications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"supersedes" uuid,
	"agency_id" uuid NOT NULL,
	"agency_name" text NOT NULL,
	"region_path" text NOT NULL,
	"region_name" text,
	"category" text NOT NULL,
	"decision_no" text,
	"title" text NOT NULL,
	"party_type" text NOT NULL,
	"party_name" text NOT NULL,
	"party_code" text,
	"item_name" text NOT NULL,
	"facts" text NOT NULL,
	"legal_basis" text NOT NULL,
	"result" text NOT NULL,
	"penalty_types" jsonb NOT NULL,
	"fine_amount" integer,
	"decided_on" date NOT NULL,
	"due_on" date NOT NULL,
	"published_on" date NOT NULL,
	"display_until" date NOT NULL,
	"content_hash" text NOT NULL,
	"redaction" jsonb NOT NULL,
	"search_tsv" "tsvector" NOT NULL,
	"published_by" uuid,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "complaint_events_seq_uq" ON "complaint_events" USING btree ("complaint_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "complaints_tracking_uq" ON "complaints" USING btree ("tracking_no");--> statement-breakpoint
CREATE INDEX "complaints_agency_idx" ON "complaints" USING btree ("agency_id","status");--> statement-breakpoint
CREATE INDEX "complaints_region_path_idx" ON "complaints" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "publication_correction_requests_pub_idx" ON "publication_correction_requests" USING btree ("publication_id");--> statement-breakpoint
CREATE INDEX "publication_correction_requests_region_path_idx" ON "publication_correction_requests" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "publication_exclusions_case_uq" ON "publication_exclusions" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "publication_exclusions_region_path_idx" ON "publication_exclusions" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "publication_secret_marks_case_idx" ON "publication_secret_marks" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "publication_tasks_case_uq" ON "publication_tasks" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "publication_tasks_region_path_idx" ON "publication_tasks" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "publication_tasks_agency_idx" ON "publication_tasks" USING btree ("agency_id","due_on");--> statement-breakpoint
CREATE UNIQUE INDEX "publication_withdrawals_pub_uq" ON "publication_withdrawals" USING btree ("publication_id");--> statement-breakpoint
CREATE INDEX "publication_withdrawals_region_path_idx" ON "publication_withdrawals" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "publications_case_seq_uq" ON "publications" USING btree ("case_id","seq");--> statement-breakpoint
CREATE INDEX "publications_tsv_idx" ON "publications" USING gin ("search_tsv");--> statement-breakpoint
CREATE INDEX "publications_published_idx" ON "publications" USING btree ("published_at","id");--> statement-breakpoint
CREATE INDEX "publications_region_path_idx" ON "publications" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "publications_agency_idx" ON "publications" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "publications_decided_idx" ON "publications" USING btree ("decided_on");