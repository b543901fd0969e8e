-- What a citizen sent and how an event became a case are history (principle 2): never edited or deleted.
CREATE TRIGGER command_attachments_append_only BEFORE UPDATE OR DELETE ON command_attachments FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER command_attachments_no_truncate BEFORE TRUNCATE ON command_attachments FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER command_event_links_append_only BEFORE UPDATE OR DELETE ON command_event_links FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER command_event_links_no_truncate BEFORE TRUNCATE ON command_event_links FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
