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
CREATE INDEX "transfer_attachments_transfer_idx" ON "transfer_attachments" USING btree ("transfer_id","id");