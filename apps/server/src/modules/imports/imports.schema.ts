import { integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** One Excel import: the uploaded file (a blob), its progress and its row/column errors. */
export const imports = pgTable('imports', {
  id: uuid('id').primaryKey(),
  kind: text('kind').notNull(),
  fileName: text('file_name').notNull(),
  blobId: text('blob_id').notNull(),
  status: text('status').notNull().default('queued'),
  totalRows: integer('total_rows'),
  processedRows: integer('processed_rows').notNull().default(0),
  phase: text('phase'),
  errors: jsonb('errors').$type<{ row: number; column: string; message: string; messageZh: string }[]>(),
  summary: jsonb('summary'),
  createdBy: uuid('created_by').notNull(),
  agencyId: uuid('agency_id'),
  regionPath: text('region_path').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});
