-- The files handed over with a transfer are part of its record (principle 2): a link is withdrawn by a new row, never edited or deleted.
CREATE TRIGGER transfer_attachments_append_only BEFORE UPDATE OR DELETE ON transfer_attachments FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER transfer_attachments_no_truncate BEFORE TRUNCATE ON transfer_attachments FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
