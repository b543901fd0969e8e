-- A command event's history is evidence of how the report was handled (principle 2): never edited or deleted.
CREATE TRIGGER command_event_log_append_only BEFORE UPDATE OR DELETE ON command_event_log FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER command_event_log_no_truncate BEFORE TRUNCATE ON command_event_log FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
