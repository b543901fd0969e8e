CREATE TABLE "command_attachments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"blob_id" text NOT NULL,
	"size" integer NOT NULL,
	"media_type" text NOT NULL,
	"file_name" text NOT NULL,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "command_citizen_access" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"code_hash" text NOT NULL,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "command_event_links" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"conversion" text NOT NULL,
	"target_id" uuid NOT NULL,
	"target_no" text,
	"agency_id" uuid NOT NULL,
	"region_path" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "command_sources" ADD COLUMN "grid_id" uuid;--> statement-breakpoint
ALTER TABLE "command_sources" ADD COLUMN "last_seen_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "command_sources" ADD COLUMN "token_rotated_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "command_attachments_event_idx" ON "command_attachments" USING btree ("event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "command_event_links_uq" ON "command_event_links" USING btree ("event_id","conversion");--> statement-breakpoint
CREATE INDEX "command_event_links_target_idx" ON "command_event_links" USING btree ("target_id");