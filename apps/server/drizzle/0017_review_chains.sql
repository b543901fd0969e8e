CREATE TABLE "officer_review_positions" (
	"officer_id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"positions" text[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_chains" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"version" integer NOT NULL,
	"chain" jsonb NOT NULL,
	"effective_from" date NOT NULL,
	"reason" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "officer_review_positions_agency_idx" ON "officer_review_positions" USING btree ("agency_id");--> statement-breakpoint
CREATE UNIQUE INDEX "review_chains_agency_version_uq" ON "review_chains" USING btree ("agency_id","version");--> statement-breakpoint
CREATE INDEX "review_chains_region_path_idx" ON "review_chains" USING btree ("region_path" text_pattern_ops);