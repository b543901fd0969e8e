-- Evidence events (recording spans, withdrawals) are part of the full-process record (REC6): never edited or deleted.
CREATE TRIGGER evidence_events_append_only BEFORE UPDATE OR DELETE ON evidence_events FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER evidence_events_no_truncate BEFORE TRUNCATE ON evidence_events FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
