-- A transfer's history is the record of who held the case when (principle 2): never edited or deleted.
CREATE TRIGGER transfer_events_append_only BEFORE UPDATE OR DELETE ON transfer_events FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER transfer_events_no_truncate BEFORE TRUNCATE ON transfer_events FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
