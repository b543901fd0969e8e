import type { LicensingBanKind, LicensingFacts } from '@zhifa/domain';
import { sql } from 'drizzle-orm';
import { bigserial, boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { CaseParty } from './cases.schema.ts';

/**
 * The facts stored with a licence application: the domain's LicensingFacts minus the status (its own column) and the
 * ban records, which are read fresh from the register on every check (a ban recorded by another agency counts at once,
 * 行政许可法 Art.78–79).
 */
export type StoredLicensingFacts = Omit<LicensingFacts, 'status' | 'banRecords'>;

/** What the application accumulates besides the guard facts: the licence issued, its renewal, withdrawal, reasons. */
export type LicensingContent = {
  licence?: { certificateNo: string; validFrom: string; expiresOn: string | null; issuedOn: string };
  renewal?: { appliedOn: string; decision: { decidedOn: string; isGranted: boolean; reasons: string } | null };
  withdrawal?: { on: string; reason: string };
  reasons?: { action: string; reason: string; on: string }[];
  grantConditions?: string;
};

/** 行政许可申请: an aggregate of its own inside the cases module, projected from the events below. */
export const licenceApplications = pgTable(
  'licence_applications',
  {
    id: uuid('id').primaryKey(),
    /** 申请受理编号 the applicant is given with the verification code; looked up by the public portal. */
    applicationNo: text('application_no').notNull(),
    /** sha256(applicationNo:code): the code itself is shown once, on registration, and never stored. */
    verificationCodeHash: text('verification_code_hash').notNull(),
    itemId: uuid('item_id').notNull(),
    agencyId: uuid('agency_id').notNull(),
    regionPath: text('region_path').notNull(),
    sector: text('sector').notNull(),
    status: text('status').notNull(),
    facts: jsonb('facts').$type<StoredLicensingFacts>().notNull(),
    applicant: jsonb('applicant').$type<CaseParty>().notNull(),
    partyId: uuid('party_id').notNull(),
    content: jsonb('content').$type<LicensingContent>().notNull().default(sql`'{}'::jsonb`),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('licence_applications_no_uq').on(t.applicationNo),
    index('licence_applications_agency_idx').on(t.agencyId, t.status),
    index('licence_applications_region_path_idx').using('btree', t.regionPath.op('text_pattern_ops')),
    index('licence_applications_party_idx').on(t.partyId),
  ],
);

/** Every accepted step or record on an application, in order. Append-only by trigger (custom migration). */
export const licenceApplicationEvents = pgTable(
  'licence_application_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    applicationId: uuid('application_id').notNull(),
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
    uniqueIndex('licence_application_events_seq_uq').on(t.applicationId, t.seq),
    uniqueIndex('licence_application_events_idem_uq').on(t.applicationId, t.idempotencyKey).where(sql`${t.idempotencyKey} is not null`),
  ],
);

/**
 * 申请人禁止申请登记 (行政许可法 Art.78: false or concealed application, 1 year; Art.79: licence obtained by fraud or
 * bribery, 3 years; only for items concerning public safety, health, life and property). Append-only: the register is
 * evidence; the ban ends by its own date.
 */
export const licensingBans = pgTable(
  'licensing_bans',
  {
    id: uuid('id').primaryKey(),
    partyId: uuid('party_id').notNull(),
    itemId: uuid('item_id').notNull(),
    kind: text('kind').$type<LicensingBanKind>().notNull(),
    decidedOn: date('decided_on', { mode: 'string' }).notNull(),
    isSafetyRelated: boolean('is_safety_related').notNull(),
    reason: text('reason').notNull(),
    applicationId: uuid('application_id'),
    agencyId: uuid('agency_id').notNull(),
    regionPath: text('region_path').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('licensing_bans_party_idx').on(t.partyId, t.itemId)],
);
