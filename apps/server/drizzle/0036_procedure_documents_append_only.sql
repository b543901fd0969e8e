-- Documents of the other procedures and their rendered files are part of the record (principle 2): never edited.
CREATE TRIGGER procedure_documents_append_only BEFORE UPDATE OR DELETE ON procedure_documents FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER procedure_documents_no_truncate BEFORE TRUNCATE ON procedure_documents FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER procedure_document_files_append_only BEFORE UPDATE OR DELETE ON procedure_document_files FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER procedure_document_files_no_truncate BEFORE TRUNCATE ON procedure_document_files FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
