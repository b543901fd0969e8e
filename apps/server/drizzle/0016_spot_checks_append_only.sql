-- 双随机 (issue #5), principle 2: the spot-check event log and declared conflicts only ever grow.
CREATE TRIGGER spot_check_events_append_only BEFORE UPDATE OR DELETE ON spot_check_events FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER spot_check_events_no_truncate BEFORE TRUNCATE ON spot_check_events FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER spot_check_conflicts_append_only BEFORE UPDATE OR DELETE ON spot_check_conflicts FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER spot_check_conflicts_no_truncate BEFORE TRUNCATE ON spot_check_conflicts FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
