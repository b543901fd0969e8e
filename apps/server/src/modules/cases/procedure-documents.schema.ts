import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * Documents of licence applications, inspections, coercive measures, execution and on-the-spot decisions
 * (domain-rules §4–§6, §16–§18; kinds in the domain's PROCEDURE_DOCUMENT_KINDS). `data` is the document's frozen
 * content (`DocumentData` of the documents module), so the file rendered from it never changes with the record.
 * Append-only by trigger and a ledger leaf: one document per kind and record, its number allocated once.
 */
export const procedureDocuments = pgTable(
  'procedure_documents',
  {
    id: uuid('id').primaryKey(),
    subjectType: text('subject_type').notNull(),
    subjectId: uuid('subject_id').notNull(),
    agencyId: uuid('agency_id').notNull(),
    regionPath: text('region_path').notNull(),
    kind: text('kind').notNull(),
    number: text('number'),
    sequenceKey: text('sequence_key'),
    year: integer('year'),
    seq: integer('seq'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    issuedBy: uuid('issued_by').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('procedure_documents_subject_kind_uq').on(t.subjectId, t.kind),
    uniqueIndex('procedure_documents_number_uq').on(t.number).where(sql`${t.number} is not null`),
    index('procedure_documents_region_path_idx').using('btree', t.regionPath.op('text_pattern_ops')),
  ],
);

/** Rendered files (blob store, content-addressed): rendered and sealed once, then always served as the same bytes. */
export const procedureDocumentFiles = pgTable(
  'procedure_document_files',
  {
    documentId: uuid('document_id').notNull(),
    format: text('format').notNull(),
    sha256: text('sha256').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    renderMs: integer('render_ms').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('procedure_document_files_uq').on(t.documentId, t.format)],
);
