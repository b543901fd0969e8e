CREATE TABLE "annual_report_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"report_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_id" uuid NOT NULL,
	"actor_role" text NOT NULL,
	"payload" jsonb NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "annual_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"agency_name" text NOT NULL,
	"region_path" text NOT NULL,
	"year" integer NOT NULL,
	"status" text NOT NULL,
	"content" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stats_daily" (
	"grain" text NOT NULL,
	"day" date NOT NULL,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
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
CREATE TABLE "stats_seen" (
	"source" text NOT NULL,
	"ref" uuid NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stats_seen_source_ref_pk" PRIMARY KEY("source","ref")
);
--> statement-breakpoint
CREATE TABLE "stats_status" (
	"opened_month" date NOT NULL,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"kind" text NOT NULL,
	"category" text NOT NULL,
	"procedure" text NOT NULL,
	"status" text NOT NULL,
	"n" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stats_watermarks" (
	"source" text PRIMARY KEY NOT NULL,
	"last_id" bigint DEFAULT 0 NOT NULL,
	"holes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "annual_report_events_seq_uq" ON "annual_report_events" USING btree ("report_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "annual_reports_agency_year_uq" ON "annual_reports" USING btree ("agency_id","year");--> statement-breakpoint
CREATE INDEX "annual_reports_region_idx" ON "annual_reports" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "annual_reports_year_status_idx" ON "annual_reports" USING btree ("year","status");--> statement-breakpoint
CREATE UNIQUE INDEX "stats_daily_key_uq" ON "stats_daily" USING btree ("grain","day","agency_id","region_path","kind","category","procedure");--> statement-breakpoint
CREATE INDEX "stats_daily_region_idx" ON "stats_daily" USING btree ("grain","region_path" text_pattern_ops,"day");--> statement-breakpoint
CREATE INDEX "stats_daily_agency_idx" ON "stats_daily" USING btree ("grain","agency_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "stats_status_key_uq" ON "stats_status" USING btree ("opened_month","agency_id","region_path","kind","category","procedure","status");--> statement-breakpoint
CREATE INDEX "stats_status_region_idx" ON "stats_status" USING btree ("region_path" text_pattern_ops,"opened_month");