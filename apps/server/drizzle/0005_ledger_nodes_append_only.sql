-- The tamper-evident log's stored subtrees (issue #8): a complete subtree never changes once written, so its row is
-- append-only like the leaves it summarises (zhifa_refuse_change is defined in 0001_append_only). The verifier still
-- recomputes every row from the leaves, so an edit made with the triggers off is named, not trusted.
CREATE TRIGGER ledger_nodes_append_only BEFORE UPDATE OR DELETE ON ledger_nodes FOR EACH ROW EXECUTE FUNCTION zhifa_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ledger_nodes_no_truncate BEFORE TRUNCATE ON ledger_nodes FOR EACH STATEMENT EXECUTE FUNCTION zhifa_refuse_change();
