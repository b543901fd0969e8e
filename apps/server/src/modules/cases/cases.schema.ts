import type { PenaltyCaseFacts } from '@zhifa/domain';
import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * The facts stored with a case: the domain's PenaltyCaseFacts minus what is derived at check time. `status` is its
 * own column; officers and the reviewer are stored as ids and their qualifications loaded fresh from the registry on
 * every check, because a certificate may be suspended or expire while the case runs (行政处罚法 Art.42).
 */
export type StoredCaseFacts = Omit<PenaltyCaseFacts, 'status' | 'officers' | 'reviewer'> & { officerIds: string[]; reviewerId: string | null };

export type CaseParty =
  | { type: 'individual'; name: string; idNumber: string }
  | { type: 'organisation'; name: string; uscc: string };

/** Penalty cases (一般程序 in this slice): the projection of the case events below. */
export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey(),
    /** 案件编号: assigned on filing by a numbering rule that is not built yet. */
    caseNo: text('case_no'),
    procedure: text('procedure').notNull().default('ordinary'),
    itemId: uuid('item_id').notNull(),
    agencyId: uuid('agency_id').notNull(),
    regionPath: text('region_path').notNull(),
    sector: text('sector').notNull(),
    placePath: text('place_path').notNull(),
    status: text('status').notNull(),
    facts: jsonb('facts').$type<StoredCaseFacts>().notNull(),
    party: jsonb('party').$type<CaseParty>().notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('cases_agency_idx').on(t.agencyId, t.status),
    index('cases_region_path_idx').using('btree', t.regionPath.op('text_pattern_ops')),
  ],
);

/** Every accepted action on a case, in order. Append-only by trigger (0001_append_only.sql). */
export const caseEvents = pgTable(
  'case_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id').notNull(),
    seq: integer('seq').notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorId: uuid('actor_id').notNull(),
    actorRole: text('actor_role').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    idempotencyKey: text('idempotency_key'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('case_events_case_seq_uq').on(t.caseId, t.seq),
    uniqueIndex('case_events_case_idem_uq').on(t.caseId, t.idempotencyKey).where(sql`${t.idempotencyKey} is not null`),
  ],
);
