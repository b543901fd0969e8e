-- Inspection and coercive-measure events (issue #3): the procedural history is never rewritten; a correction is a new
-- event (principle 2). zhifa_refuse_change() comes from 0001_append_only.sql.
CREATE TRIGGER inspection_events_append_only BEFORE UPDATE OR DELETE ON inspection_events FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER inspection_events_no_truncate BEFORE TRUNCATE ON inspection_events FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER coercive_measure_events_append_only BEFORE UPDATE OR DELETE ON coercive_measure_events FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER coercive_measure_events_no_truncate BEFORE TRUNCATE ON coercive_measure_events FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
