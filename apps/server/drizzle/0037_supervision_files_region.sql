CREATE TABLE "transfer_attachments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"transfer_kind" text NOT NULL,
	"transfer_id" uuid NOT NULL,
	"material" text NOT NULL,
	"action" text NOT NULL,
	"evidence_id" uuid NOT NULL,
	"blob_id" text NOT NULL,
	"file_name" text NOT NULL,
	"reason" text,
	"actor_id" uuid NOT NULL,
	"actor_role" text NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stats_region" (
	"grain" text NOT NULL,
	"day" date NOT NULL,
	"region_path" text NOT NULL,
	"parent_path" text GENERATED ALWAYS AS (regexp_replace(region_path, '[^/]+/$', '')) STORED,
	"kind" text NOT NULL,
	"category" text NOT NULL,
	"procedure" text NOT NULL,
	"opened" integer DEFAULT 0 NOT NULL,
	"decided" integer DEFAULT 0 NOT NULL,
	"closed" integer DEFAULT 0 NOT NULL,
	"fine_count" integer DEFAULT 0 NOT NULL,
	"fine_total" bigint DEFAULT 0 NOT NULL,
	"major_decided" integer DEFAULT 0 NOT NULL,
	"major_reviewed" integer DEFAULT 0 NOT NULL,
	"av_required" integer DEFAULT 0 NOT NULL,
	"av_covered" integer DEFAULT 0 NOT NULL,
	"licence_decided" integer DEFAULT 0 NOT NULL,
	"licence_granted" integer DEFAULT 0 NOT NULL,
	"licence_on_time" integer DEFAULT 0 NOT NULL,
	"inspection_done" integer DEFAULT 0 NOT NULL,
	"inspection_problem" integer DEFAULT 0 NOT NULL,
	"coercion_applied" integer DEFAULT 0 NOT NULL,
	"pub_due" integer DEFAULT 0 NOT NULL,
	"pub_on_time" integer DEFAULT 0 NOT NULL,
	"pub_late" integer DEFAULT 0 NOT NULL,
	"pub_excluded" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "transfer_attachments_transfer_idx" ON "transfer_attachments" USING btree ("transfer_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "stats_region_key_uq" ON "stats_region" USING btree ("grain","region_path","day","kind","category","procedure");--> statement-breakpoint
CREATE INDEX "stats_region_parent_idx" ON "stats_region" USING btree ("grain","parent_path","day");