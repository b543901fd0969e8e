import type { PoliceTransferMaterialKey } from '@zhifa/domain';
import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * 案件移送 between agencies (domain-rules §9.1): the projection of its events in `transfer_events`. Both agencies see it
 * (from/to/designated), supervisors by either agency's region. `region_path`/`agency_id` are the sender's.
 */
export const caseTransfers = pgTable(
  'case_transfers',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull(),
    agencyId: uuid('agency_id').notNull(),
    regionPath: text('region_path').notNull(),
    toAgencyId: uuid('to_agency_id').notNull(),
    toRegionPath: text('to_region_path').notNull(),
    /** The lowest region both agencies lie in: its supervisors designate (行政处罚法 Art.25 para 2). */
    commonRegionPath: text('common_region_path').notNull(),
    designatedAgencyId: uuid('designated_agency_id'),
    designatedRegionPath: text('designated_region_path'),
    status: text('status').notNull(),
    reason: text('reason').notNull(),
    materials: jsonb('materials').$type<string[]>().notNull(),
    evidenceIds: jsonb('evidence_ids').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    refusalReason: text('refusal_reason'),
    designationReason: text('designation_reason'),
    /** The case the accepting agency opened (linked back through this row: a received case may not be sent on). */
    receivingCaseId: uuid('receiving_case_id'),
    sentOn: text('sent_on').notNull(),
    acceptanceDueOn: text('acceptance_due_on'),
    designationDueOn: text('designation_due_on'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('case_transfers_case_idx').on(t.caseId),
    uniqueIndex('case_transfers_receiving_case_uq').on(t.receivingCaseId).where(sql`${t.receivingCaseId} is not null`),
    // One open transfer per case: a case cannot be on its way to two agencies at once.
    uniqueIndex('case_transfers_open_uq').on(t.caseId).where(sql`${t.status} <> 'accepted'`),
    index('case_transfers_agency_idx').on(t.agencyId, t.status),
    index('case_transfers_to_idx').on(t.toAgencyId, t.status),
    index('case_transfers_region_path_idx').using('btree', t.regionPath.op('text_pattern_ops')),
    index('case_transfers_to_region_path_idx').using('btree', t.toRegionPath.op('text_pattern_ops')),
  ],
);

export type PoliceTransferDates = {
  reportedOn: string;
  decidedAt?: string;
  sentAt?: string;
  receiptOn?: string;
  filedOn?: string;
  notFiledOn?: string;
  reconsiderationRequestedOn?: string;
  reconsiderationAnsweredOn?: string;
  supervisionRequestedOn?: string;
  supervisionAnsweredOn?: string;
  handoverOn?: string;
  returnedOn?: string;
};
/** A letter or copy recorded from an outside organisation (police, procuratorate), with its uploaded scan (evidence ids). */
export type CounterpartyRecord = { action: string; on: string; organ: string; note: string | null; evidenceIds: string[] };

/** 两法衔接: a suspected crime sent to the police (国务院令第310号; domain-rules §9.2). */
export const policeTransfers = pgTable(
  'police_transfers',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull(),
    agencyId: uuid('agency_id').notNull(),
    regionPath: text('region_path').notNull(),
    status: text('status').notNull(),
    /** The police organ (counterparty), named as on the letter; not a user of the system. */
    policeOrgan: text('police_organ').notNull(),
    procuratorate: text('procuratorate'),
    summary: text('summary').notNull(),
    hasTesting: boolean('has_testing').notNull().default(false),
    materials: jsonb('materials').$type<Partial<Record<PoliceTransferMaterialKey, string[]>>>().notNull().default(sql`'{}'::jsonb`),
    dates: jsonb('dates').$type<PoliceTransferDates>().notNull(),
    records: jsonb('records').$type<CounterpartyRecord[]>().notNull().default(sql`'[]'::jsonb`),
    /** The running timer (domain runningPoliceTimer) and its due date, or instant for the 24-hour send. */
    timerKey: text('timer_key'),
    dueOn: text('due_on'),
    dueAt: timestamp('due_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('police_transfers_case_idx').on(t.caseId),
    uniqueIndex('police_transfers_open_uq').on(t.caseId).where(sql`${t.status} not in ('not_approved', 'returned')`),
    index('police_transfers_agency_idx').on(t.agencyId, t.status),
    index('police_transfers_due_idx').on(t.status, t.dueOn),
    index('police_transfers_region_path_idx').using('btree', t.regionPath.op('text_pattern_ops')),
  ],
);

/** Every step of either kind of transfer, in order. Append-only by trigger (custom migration), a ledger leaf. */
export const transferEvents = pgTable(
  'transfer_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    transferKind: text('transfer_kind').$type<'case_transfer' | 'police_transfer'>().notNull(),
    transferId: uuid('transfer_id').notNull(),
    seq: integer('seq').notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorId: uuid('actor_id').notNull(),
    actorRole: text('actor_role').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('transfer_events_seq_uq').on(t.transferId, t.seq)],
);

/**
 * The files handed over with a transfer (310号令 Art.6 package; the 移送材料 of an agency transfer): each row links an
 * uploaded evidence record (content-addressed blob, hash recorded) to one material of the checklist, or withdraws that
 * link. A companion of the transfer tables (their logged rows keep their shape); append-only by trigger, a ledger leaf.
 * The attachments in force are the `attach` rows without a later `withdraw` of the same (transfer, material, evidence).
 */
export const transferAttachments = pgTable(
  'transfer_attachments',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    transferKind: text('transfer_kind').$type<'case_transfer' | 'police_transfer'>().notNull(),
    transferId: uuid('transfer_id').notNull(),
    /** A 310号令 Art.6 key for a police transfer; the material's name from the list for an agency transfer. */
    material: text('material').notNull(),
    action: text('action').$type<'attach' | 'withdraw'>().notNull(),
    evidenceId: uuid('evidence_id').notNull(),
    /** Copied from the evidence record at the time of the link, so the package states what was handed over. */
    blobId: text('blob_id').notNull(),
    fileName: text('file_name').notNull(),
    reason: text('reason'),
    actorId: uuid('actor_id').notNull(),
    actorRole: text('actor_role').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('transfer_attachments_transfer_idx').on(t.transferId, t.id)],
);
