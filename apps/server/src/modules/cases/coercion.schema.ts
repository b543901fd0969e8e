import type { CoercionFacts, CoercionItem } from '@zhifa/domain';
import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { CaseParty } from './cases.schema.ts';

/** One line of the 清单 (行政强制法 Art.24 para 1): the domain's item plus how much of it and where it is kept. */
export type InventoryItem = CoercionItem & { quantity: number; unit: string; note?: string | null | undefined };

/**
 * The facts stored with a coercive measure: the domain's CoercionFacts minus its status (a column), the officers (ids,
 * loaded fresh) and the agency's legal kind (read from the subject register on every check, Art.17 para 1, Art.70).
 */
export type StoredCoercionFacts = Omit<CoercionFacts, 'status' | 'officers' | 'agencyKind' | 'items'> & { officerIds: string[]; items: InventoryItem[] };

export type CoercionContent = {
  reasons?: string;
  legalBasis?: string;
  place?: string | null;
  account?: string | null;
  notes?: { action: string; text: string; on: string }[];
};

/** 行政强制措施 (查封 / 扣押 / 冻结, domain-rules §6): the projection of the measure events below. */
export const coerciveMeasures = pgTable(
  'coercive_measures',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').notNull(),
    itemId: uuid('item_id').notNull(),
    agencyId: uuid('agency_id').notNull(),
    regionPath: text('region_path').notNull(),
    sector: text('sector').notNull(),
    placePath: text('place_path').notNull(),
    status: text('status').notNull(),
    facts: jsonb('facts').$type<StoredCoercionFacts>().notNull(),
    party: jsonb('party').$type<CaseParty>().notNull(),
    content: jsonb('content').$type<CoercionContent>().notNull().default(sql`'{}'::jsonb`),
    /** The penalty case the measure serves (its decision may confiscate, Art.27), and the inspection it came from. */
    caseId: uuid('case_id'),
    inspectionId: uuid('inspection_id'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('coercive_measures_agency_idx').on(t.agencyId, t.status),
    index('coercive_measures_region_path_idx').using('btree', t.regionPath.op('text_pattern_ops')),
    index('coercive_measures_case_idx').on(t.caseId),
  ],
);

/** Every accepted step of a measure, in order. Append-only by trigger (custom migration). */
export const coerciveMeasureEvents = pgTable(
  'coercive_measure_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    measureId: uuid('measure_id').notNull(),
    seq: integer('seq').notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorId: uuid('actor_id').notNull(),
    actorRole: text('actor_role').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('coercive_measure_events_seq_uq').on(t.measureId, t.seq)],
);
