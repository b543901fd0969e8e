import { sql } from 'drizzle-orm';
import { bigserial, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export type WarningRectification = { text: string; evidenceIds: string[]; documentRef: string | null; reportedOn: string };

/**
 * Early warnings (监督预警): the projection of supervision_warning_events. At most one open warning per rule and
 * subject (partial unique index), so a scan can upsert idempotently; a cleared or closed warning stays as history and a
 * new one is raised if the condition comes back.
 */
export const supervisionWarnings = pgTable(
  'supervision_warnings',
  {
    id: uuid('id').primaryKey(),
    ruleKey: text('rule_key').notNull(),
    severity: text('severity').notNull(),
    agencyId: uuid('agency_id').notNull(),
    regionPath: text('region_path').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    subjectLabel: text('subject_label').notNull(),
    dueOn: date('due_on'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
    status: text('status').notNull(),
    rectification: jsonb('rectification').$type<WarningRectification>(),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('supervision_warnings_open_uq').on(t.ruleKey, t.subjectId).where(sql`${t.status} in ('open', 'acknowledged', 'rectification_reported')`),
    index('supervision_warnings_agency_idx').on(t.agencyId, t.status),
    index('supervision_warnings_region_path_idx').using('btree', t.regionPath.op('text_pattern_ops')),
  ],
);

/** Every step on a warning (raised, acknowledged, …, auto-resolved). Append-only by trigger; a ledger leaf. */
export const supervisionWarningEvents = pgTable(
  'supervision_warning_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    warningId: uuid('warning_id').notNull(),
    seq: integer('seq').notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    /** Null for the scan. */
    actorId: uuid('actor_id'),
    actorRole: text('actor_role').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('supervision_warning_events_seq_uq').on(t.warningId, t.seq)],
);

export type SupervisionAnswer = { text: string; evidenceIds: string[]; documentRef: string | null; answeredOn: string };
export type SupervisionObjection = { reason: string; objectedOn: string; reviewDueOn: string | null; outcome?: 'upheld' | 'revoked'; opinion?: string; decidedOn?: string };

/**
 * Supervision documents (监督文书: 通知书/决定书/意见书/建议书) issued by a justice-bureau supervisor to an agency:
 * projection of supervision_document_events. The type is a row of the domain's SUPERVISION_DOCUMENT_TYPES (profile +
 * code); the due dates are computed with the holiday calendar when it is issued (served the same day in the system).
 */
export const supervisionDocuments = pgTable(
  'supervision_documents',
  {
    id: uuid('id').primaryKey(),
    number: text('number').notNull(),
    issuerRegionCode: text('issuer_region_code').notNull(),
    issuerName: text('issuer_name').notNull(),
    sequenceYear: integer('sequence_year').notNull(),
    seq: integer('seq').notNull(),
    profile: text('profile').notNull(),
    typeCode: text('type_code').notNull(),
    agencyId: uuid('agency_id').notNull(),
    regionPath: text('region_path').notNull(),
    warningId: uuid('warning_id'),
    caseId: uuid('case_id'),
    title: text('title').notNull(),
    body: text('body').notNull(),
    decisionType: text('decision_type'),
    grounds: jsonb('grounds').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    status: text('status').notNull(),
    issuedOn: date('issued_on').notNull(),
    responseDueOn: date('response_due_on').notNull(),
    objectionDueOn: date('objection_due_on'),
    answer: jsonb('answer').$type<SupervisionAnswer>(),
    objection: jsonb('objection').$type<SupervisionObjection>(),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    issuedBy: uuid('issued_by').notNull(),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('supervision_documents_number_uq').on(t.number),
    uniqueIndex('supervision_documents_seq_uq').on(t.issuerRegionCode, t.typeCode, t.sequenceYear, t.seq),
    index('supervision_documents_agency_idx').on(t.agencyId, t.status),
    index('supervision_documents_region_path_idx').using('btree', t.regionPath.op('text_pattern_ops')),
    index('supervision_documents_warning_idx').on(t.warningId),
  ],
);

/** Every step on a supervision document. Append-only by trigger; a ledger leaf. */
export const supervisionDocumentEvents = pgTable(
  'supervision_document_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    documentId: uuid('document_id').notNull(),
    seq: integer('seq').notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorId: uuid('actor_id').notNull(),
    actorRole: text('actor_role').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('supervision_document_events_seq_uq').on(t.documentId, t.seq)],
);

/**
 * Per issuer (region code of the justice bureau) × document type × year, the last number handed out; allocated by a
 * row-locking upsert inside the issuing transaction, so a rolled-back issue leaves no gap (the numbering-service pattern).
 */
export const supervisionNumberSequences = pgTable(
  'supervision_number_sequences',
  {
    issuerRegionCode: text('issuer_region_code').notNull(),
    typeCode: text('type_code').notNull(),
    year: integer('year').notNull(),
    lastValue: integer('last_value').notNull(),
  },
  (t) => [uniqueIndex('supervision_number_sequences_pk').on(t.issuerRegionCode, t.typeCode, t.year)],
);

/**
 * Sanctions on officers (S7) and liability referrals (责任追究移送) decided on a supervision document. Append-only by
 * trigger; a ledger leaf. A certificate suspension is carried out in the registry in the same transaction.
 */
export const supervisionMeasures = pgTable(
  'supervision_measures',
  {
    id: uuid('id').primaryKey(),
    documentId: uuid('document_id').notNull(),
    kind: text('kind').$type<'sanction' | 'liability_referral'>().notNull(),
    sanction: text('sanction'),
    officerId: uuid('officer_id'),
    certificateId: uuid('certificate_id'),
    suspendedUntil: date('suspended_until'),
    referredTo: text('referred_to'),
    reason: text('reason').notNull(),
    agencyId: uuid('agency_id').notNull(),
    regionPath: text('region_path').notNull(),
    decidedBy: uuid('decided_by').notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('supervision_measures_document_idx').on(t.documentId), index('supervision_measures_officer_idx').on(t.officerId)],
);
