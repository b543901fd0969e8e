CREATE TABLE "evaluation_assignments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"reviewer_user_id" uuid,
	"external_name" text,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluation_campaigns" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"year" integer NOT NULL,
	"organizer_agency_id" uuid,
	"region_path" text NOT NULL,
	"agency_ids" jsonb NOT NULL,
	"settings" jsonb NOT NULL,
	"status" text NOT NULL,
	"seed_hex" text,
	"sampled_at" timestamp with time zone,
	"report_issued_on" date,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluation_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"campaign_id" uuid,
	"file_id" uuid,
	"visit_task_id" uuid,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"actor_id" uuid NOT NULL,
	"actor_role" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluation_files" (
	"id" uuid PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"case_kind" text NOT NULL,
	"case_id" uuid NOT NULL,
	"case_no" text,
	"title" text NOT NULL,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"officer_ids" jsonb NOT NULL,
	"suggestions" jsonb NOT NULL,
	"position" integer NOT NULL,
	"status" text NOT NULL,
	"score" double precision,
	"grade" text,
	"aggregate" jsonb,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluation_objections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"file_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"filed_on" date NOT NULL,
	"filed_by" uuid NOT NULL,
	"recheck_due_on" date NOT NULL,
	"status" text NOT NULL,
	"answer" text,
	"answered_on" date,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluation_rectifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"file_id" uuid,
	"content" text NOT NULL,
	"issued_on" date NOT NULL,
	"due_on" date NOT NULL,
	"status" text NOT NULL,
	"report" text,
	"reported_on" date,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluation_score_sheets" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"assignment_id" uuid,
	"kind" text NOT NULL,
	"reviewer_user_id" uuid NOT NULL,
	"reviewer_name" text NOT NULL,
	"rubric_version" text NOT NULL,
	"marks" jsonb NOT NULL,
	"comment" text NOT NULL,
	"points" double precision NOT NULL,
	"is_vetoed" boolean NOT NULL,
	"bars_excellent" boolean NOT NULL,
	"grade" text NOT NULL,
	"sheet_hash" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "return_visit_batches" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"region_path" text NOT NULL,
	"agency_ids" jsonb NOT NULL,
	"kinds" jsonb NOT NULL,
	"rate_bp" integer NOT NULL,
	"closed_from" date NOT NULL,
	"closed_to" date NOT NULL,
	"questions" jsonb NOT NULL,
	"seed_hex" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "return_visit_pii_access" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"task_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"field" text NOT NULL,
	"reason" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "return_visit_records" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"task_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"method" text NOT NULL,
	"contact_made" boolean NOT NULL,
	"answers" jsonb NOT NULL,
	"satisfaction" integer,
	"findings" text NOT NULL,
	"is_flagged" boolean NOT NULL,
	"visited_on" date NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "return_visit_tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"batch_id" uuid NOT NULL,
	"case_kind" text NOT NULL,
	"case_id" uuid NOT NULL,
	"case_no" text,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"party_name" text NOT NULL,
	"party_phone" text,
	"assignee_user_id" uuid NOT NULL,
	"status" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "evaluation_assignments_file_idx" ON "evaluation_assignments" USING btree ("file_id");--> statement-breakpoint
CREATE INDEX "evaluation_assignments_reviewer_idx" ON "evaluation_assignments" USING btree ("reviewer_user_id","status");--> statement-breakpoint
CREATE INDEX "evaluation_campaigns_region_path_idx" ON "evaluation_campaigns" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "evaluation_events_campaign_idx" ON "evaluation_events" USING btree ("campaign_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "evaluation_files_campaign_case_uq" ON "evaluation_files" USING btree ("campaign_id","case_kind","case_id");--> statement-breakpoint
CREATE INDEX "evaluation_files_agency_idx" ON "evaluation_files" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "evaluation_score_sheets_file_idx" ON "evaluation_score_sheets" USING btree ("file_id","id");--> statement-breakpoint
CREATE INDEX "return_visit_pii_access_task_idx" ON "return_visit_pii_access" USING btree ("task_id","id");--> statement-breakpoint
CREATE INDEX "return_visit_records_task_idx" ON "return_visit_records" USING btree ("task_id");--> statement-breakpoint
CREATE UNIQUE INDEX "return_visit_tasks_batch_case_uq" ON "return_visit_tasks" USING btree ("batch_id","case_kind","case_id");--> statement-breakpoint
CREATE INDEX "return_visit_tasks_assignee_idx" ON "return_visit_tasks" USING btree ("assignee_user_id","status");--> statement-breakpoint
CREATE INDEX "return_visit_tasks_region_path_idx" ON "return_visit_tasks" USING btree ("region_path" text_pattern_ops);