import type { InspectionFacts } from '@zhifa/domain';
import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { CaseParty } from './cases.schema.ts';

/**
 * The facts stored with an inspection: the domain's InspectionFacts minus its status (a column) and the officers, kept
 * as ids and loaded fresh from the registry on every check (a certificate may lapse meanwhile, 行政处罚法 Art.42).
 */
export type StoredInspectionFacts = Omit<InspectionFacts, 'status' | 'officers'> & { officerIds: string[] };

/** The narrative an inspection accumulates (what the 现场检查笔录 and the result notice print). */
export type InspectionContent = {
  purpose?: string;
  plannedOn?: string;
  noticeMethod?: string;
  onSite?: { startedAt: string; place: string | null; notes: string | null };
  resultNotes?: string;
  rectificationChecks?: { on: string; isRectified: boolean; notes: string | null }[];
  reasons?: { action: string; reason: string; on: string }[];
};

/** 行政检查 (domain-rules §8): the projection of the inspection events below. */
export const inspections = pgTable(
  'inspections',
  {
    id: uuid('id').primaryKey(),
    itemId: uuid('item_id').notNull(),
    agencyId: uuid('agency_id').notNull(),
    regionPath: text('region_path').notNull(),
    sector: text('sector').notNull(),
    placePath: text('place_path').notNull(),
    placeRegionCode: text('place_region_code').notNull(),
    status: text('status').notNull(),
    facts: jsonb('facts').$type<StoredInspectionFacts>().notNull(),
    /** 被检查对象: the same shape as a case party, so a penalty case can be opened against it as it stands. */
    target: jsonb('target').$type<CaseParty>().notNull(),
    content: jsonb('content').$type<InspectionContent>().notNull().default(sql`'{}'::jsonb`),
    /** The penalty case the result led to (行政处罚法 Art.54); the case's content carries the link back. */
    linkedCaseId: uuid('linked_case_id'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('inspections_agency_idx').on(t.agencyId, t.status),
    index('inspections_region_path_idx').using('btree', t.regionPath.op('text_pattern_ops')),
    index('inspections_linked_case_idx').on(t.linkedCaseId),
  ],
);

/** Every accepted step of an inspection, in order. Append-only by trigger (custom migration). */
export const inspectionEvents = pgTable(
  'inspection_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    inspectionId: uuid('inspection_id').notNull(),
    seq: integer('seq').notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorId: uuid('actor_id').notNull(),
    actorRole: text('actor_role').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('inspection_events_seq_uq').on(t.inspectionId, t.seq)],
);
