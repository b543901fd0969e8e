CREATE TABLE "change_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_role" text,
	"actor_name" text,
	"request_id" text,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"action" text NOT NULL,
	"region_path" text,
	"agency_id" uuid,
	"before" jsonb,
	"after" jsonb,
	"reason" text,
	"idempotency_key" text
);
--> statement-breakpoint
CREATE TABLE "security_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" text NOT NULL,
	"user_id" uuid,
	"username" text,
	"actor_id" uuid,
	"actor_role" text,
	"region_path" text,
	"ip" text,
	"request_id" text,
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "security_settings" (
	"id" integer PRIMARY KEY NOT NULL,
	"password_policy" jsonb NOT NULL,
	"lockout_threshold" integer DEFAULT 5 NOT NULL,
	"lockout_minutes" integer DEFAULT 15 NOT NULL,
	"idle_timeout_minutes" integer DEFAULT 30 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"agency_id" uuid,
	"region_code" text NOT NULL,
	"region_path" text NOT NULL,
	"officer_id" uuid,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"password_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"must_change_password" boolean DEFAULT true NOT NULL,
	"password_history" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"locale" text DEFAULT 'zh-CN' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username")
);
--> statement-breakpoint
CREATE TABLE "assessments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"officer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"held_on" date NOT NULL,
	"result" text NOT NULL,
	"score" numeric(5, 1),
	"note" text,
	"published" boolean DEFAULT false NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdraw_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calendar_days" (
	"date" date PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calendar_years" (
	"year" integer PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "certificates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"officer_id" uuid NOT NULL,
	"number" text NOT NULL,
	"credential_type" text DEFAULT 'enforcement' NOT NULL,
	"categories" jsonb NOT NULL,
	"area_code" text NOT NULL,
	"issued_by" text NOT NULL,
	"issued_on" date NOT NULL,
	"expires_on" date NOT NULL,
	"last_reviewed_on" date,
	"status" text DEFAULT 'active' NOT NULL,
	"status_reason" text,
	"suspended_until" date,
	"published" boolean DEFAULT false NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdraw_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certificates_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "entrustments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"principal_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"matters" jsonb NOT NULL,
	"powers" text NOT NULL,
	"agreement_no" text NOT NULL,
	"agreement_title" text NOT NULL,
	"signed_on" date NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"status" text DEFAULT 'active' NOT NULL,
	"status_reason" text,
	"published" boolean DEFAULT false NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdraw_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "item_subjects" (
	"item_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	CONSTRAINT "item_subjects_item_id_subject_id_pk" PRIMARY KEY("item_id","subject_id")
);
--> statement-breakpoint
CREATE TABLE "items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"sector" text NOT NULL,
	"legal_basis" jsonb NOT NULL,
	"av_requirements" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"random_inspection" boolean DEFAULT false NOT NULL,
	"major_criteria" jsonb,
	"hearing_thresholds" jsonb,
	"service_guide" jsonb,
	"flowchart" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"discretion_tiers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"exemptions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdraw_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "items_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "officers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"id_number" text NOT NULL,
	"gender" text NOT NULL,
	"birth_date" date NOT NULL,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"post" text NOT NULL,
	"personnel_type" text NOT NULL,
	"phone" text,
	"photo_blob" text,
	"education" text,
	"has_legal_qualification" boolean DEFAULT false NOT NULL,
	"legal_qualification_no" text,
	"is_legal_reviewer" boolean DEFAULT false NOT NULL,
	"on_duty" boolean DEFAULT true NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdraw_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "officers_id_number_unique" UNIQUE("id_number")
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"level" smallint NOT NULL,
	"parent_code" text,
	"path" text NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdraw_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rule_profiles" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"region_code" text,
	"sector" text,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"params" jsonb NOT NULL,
	"note" text,
	"published" boolean DEFAULT false NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdraw_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rule_profiles_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "subjects" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"short_name" text,
	"uscc" text,
	"region_code" text NOT NULL,
	"region_path" text NOT NULL,
	"kind" text NOT NULL,
	"form" text NOT NULL,
	"sector" text NOT NULL,
	"legal_basis" text NOT NULL,
	"supervising_bureau_id" uuid,
	"status" text DEFAULT 'confirmed' NOT NULL,
	"status_reason" text,
	"address" text,
	"phone" text,
	"office_hours" text,
	"complaint_phone" text,
	"absorbed_powers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdraw_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subjects_uscc_unique" UNIQUE("uscc")
);
--> statement-breakpoint
CREATE TABLE "trainings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"officer_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"held_on" date NOT NULL,
	"title" text NOT NULL,
	"hours" numeric(6, 1) NOT NULL,
	"organiser" text,
	"published" boolean DEFAULT false NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdraw_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"queue" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 3 NOT NULL,
	"locked_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "imports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"blob_id" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"total_rows" integer,
	"processed_rows" integer DEFAULT 0 NOT NULL,
	"phase" text,
	"errors" jsonb,
	"summary" jsonb,
	"created_by" uuid NOT NULL,
	"agency_id" uuid,
	"region_path" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ledger_checkpoints" (
	"tree_size" bigint PRIMARY KEY NOT NULL,
	"root_hash" text NOT NULL,
	"hash_alg" text NOT NULL,
	"key_id" text NOT NULL,
	"public_key" text NOT NULL,
	"signature" text NOT NULL,
	"body" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"frontier" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"ref" text NOT NULL,
	"leaf_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_queue" (
	"entry_id" bigint PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_tree" (
	"leaf_index" bigint PRIMARY KEY NOT NULL,
	"entry_id" bigint NOT NULL,
	"leaf_hash" text NOT NULL,
	"sequenced_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_tree_entry_id_unique" UNIQUE("entry_id")
);
--> statement-breakpoint
CREATE TABLE "evidence" (
	"id" uuid PRIMARY KEY NOT NULL,
	"blob_id" text NOT NULL,
	"size" bigint NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"kind" text NOT NULL,
	"case_ref" text NOT NULL,
	"stage" text,
	"maker" text NOT NULL,
	"maker_officer_id" uuid,
	"captured_at" timestamp with time zone NOT NULL,
	"captured_place" text NOT NULL,
	"device" text NOT NULL,
	"device_reviewed" boolean NOT NULL,
	"method" text NOT NULL,
	"proves" text NOT NULL,
	"transcript" text,
	"gap_reason" text,
	"late_upload" boolean NOT NULL,
	"retention_class" text NOT NULL,
	"retain_until" date,
	"agency_id" uuid,
	"region_path" text NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence_access" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"evidence_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"action" text NOT NULL,
	"reason" text NOT NULL,
	"ip" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_id" uuid NOT NULL,
	"actor_role" text NOT NULL,
	"payload" jsonb NOT NULL,
	"idempotency_key" text,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_no" text,
	"procedure" text DEFAULT 'ordinary' NOT NULL,
	"item_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"sector" text NOT NULL,
	"place_path" text NOT NULL,
	"status" text NOT NULL,
	"facts" jsonb NOT NULL,
	"party" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "change_events_entity_idx" ON "change_events" USING btree ("entity_type","entity_id","id");--> statement-breakpoint
CREATE INDEX "change_events_region_idx" ON "change_events" USING btree ("region_path");--> statement-breakpoint
CREATE UNIQUE INDEX "change_events_idem_uq" ON "change_events" USING btree ("entity_type","entity_id","idempotency_key") WHERE "change_events"."idempotency_key" is not null;--> statement-breakpoint
CREATE INDEX "security_events_user_idx" ON "security_events" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "security_events_region_idx" ON "security_events" USING btree ("region_path");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "users_region_path_idx" ON "users" USING btree ("region_path");--> statement-breakpoint
CREATE INDEX "users_agency_idx" ON "users" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "assessments_officer_idx" ON "assessments" USING btree ("officer_id");--> statement-breakpoint
CREATE INDEX "certificates_officer_idx" ON "certificates" USING btree ("officer_id");--> statement-breakpoint
CREATE INDEX "certificates_status_expiry_idx" ON "certificates" USING btree ("status","expires_on");--> statement-breakpoint
CREATE INDEX "certificates_status_issued_idx" ON "certificates" USING btree ("status","issued_on");--> statement-breakpoint
CREATE INDEX "certificates_number_idx" ON "certificates" USING btree ("number" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "entrustments_principal_idx" ON "entrustments" USING btree ("principal_id");--> statement-breakpoint
CREATE INDEX "entrustments_agent_idx" ON "entrustments" USING btree ("agent_id");--> statement-breakpoint
CREATE INDEX "item_subjects_subject_idx" ON "item_subjects" USING btree ("subject_id");--> statement-breakpoint
CREATE INDEX "item_subjects_region_path_idx" ON "item_subjects" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "items_category_idx" ON "items" USING btree ("category");--> statement-breakpoint
CREATE INDEX "items_sector_idx" ON "items" USING btree ("sector");--> statement-breakpoint
CREATE INDEX "officers_agency_idx" ON "officers" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "officers_region_path_idx" ON "officers" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "officers_name_idx" ON "officers" USING btree ("name" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "regions_path_idx" ON "regions" USING btree ("path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "regions_parent_idx" ON "regions" USING btree ("parent_code");--> statement-breakpoint
CREATE INDEX "subjects_region_path_idx" ON "subjects" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "subjects_sector_idx" ON "subjects" USING btree ("sector");--> statement-breakpoint
CREATE INDEX "trainings_officer_year_idx" ON "trainings" USING btree ("officer_id","year");--> statement-breakpoint
CREATE INDEX "trainings_year_idx" ON "trainings" USING btree ("year","officer_id");--> statement-breakpoint
CREATE INDEX "jobs_claim_idx" ON "jobs" USING btree ("status","run_at");--> statement-breakpoint
CREATE INDEX "ledger_entries_ref_idx" ON "ledger_entries" USING btree ("kind","ref");--> statement-breakpoint
CREATE INDEX "ledger_entries_hash_idx" ON "ledger_entries" USING btree ("leaf_hash");--> statement-breakpoint
CREATE INDEX "ledger_tree_hash_idx" ON "ledger_tree" USING btree ("leaf_hash");--> statement-breakpoint
CREATE INDEX "evidence_case_idx" ON "evidence" USING btree ("case_ref");--> statement-breakpoint
CREATE INDEX "evidence_region_idx" ON "evidence" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "evidence_access_evidence_idx" ON "evidence_access" USING btree ("evidence_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_events_case_seq_uq" ON "case_events" USING btree ("case_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "case_events_case_idem_uq" ON "case_events" USING btree ("case_id","idempotency_key") WHERE "case_events"."idempotency_key" is not null;--> statement-breakpoint
CREATE INDEX "cases_agency_idx" ON "cases" USING btree ("agency_id","status");--> statement-breakpoint
CREATE INDEX "cases_region_path_idx" ON "cases" USING btree ("region_path" text_pattern_ops);