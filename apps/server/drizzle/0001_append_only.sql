-- Principle 2: history cannot be rewritten. The event and security logs refuse UPDATE and DELETE for every role,
-- including the application's own; a correction is a new event. (TRUNCATE is refused too.)
CREATE OR REPLACE FUNCTION zhifa_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER change_events_append_only BEFORE UPDATE OR DELETE ON change_events FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER change_events_no_truncate BEFORE TRUNCATE ON change_events FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER security_events_append_only BEFORE UPDATE OR DELETE ON security_events FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER security_events_no_truncate BEFORE TRUNCATE ON security_events FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
-- The tamper-evident log (issue #8): entries, the tree and signed checkpoints only ever grow. (ledger_queue is a work
-- queue, not history, and is left writable.)
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ledger_tree_append_only BEFORE UPDATE OR DELETE ON ledger_tree FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ledger_tree_no_truncate BEFORE TRUNCATE ON ledger_tree FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ledger_checkpoints_append_only BEFORE UPDATE OR DELETE ON ledger_checkpoints FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ledger_checkpoints_no_truncate BEFORE TRUNCATE ON ledger_checkpoints FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
-- Evidence records and their access log (issue #8): no deletion before the retention period ends — and no deletion
-- through the application at all; a mistaken upload is withdrawn by a recorded event.
CREATE TRIGGER evidence_append_only BEFORE UPDATE OR DELETE ON evidence FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER evidence_access_append_only BEFORE UPDATE OR DELETE ON evidence_access FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();

--> statement-breakpoint
-- Case events (issue #3): the procedural history of a case is never rewritten; a correction is a new event.
CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON case_events FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
