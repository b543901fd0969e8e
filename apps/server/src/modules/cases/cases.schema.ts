import type { CaseReviewProgress, PenaltyCaseFacts } from '@zhifa/domain';
import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * The facts stored with a case: the domain's PenaltyCaseFacts minus what is derived at check time. `status` is its
 * own column; officers and the reviewer are stored as ids and their qualifications loaded fresh from the registry on
 * every check, because a certificate may be suspended or expire while the case runs (行政处罚法 Art.42).
 */
export type StoredCaseFacts = Omit<PenaltyCaseFacts, 'status' | 'officers' | 'reviewer'> & { officerIds: string[]; reviewerId: string | null };

interface PartyContact {
  address?: string | null | undefined;
  phone?: string | null | undefined;
}
export type CaseParty =
  | ({ type: 'individual'; name: string; idNumber: string } & PartyContact)
  | ({ type: 'organisation'; name: string; uscc: string; legalRepresentative?: string | null | undefined } & PartyContact);

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
    partyId: uuid('party_id'),
    content: jsonb('content').$type<CaseContent>().notNull().default(sql`'{}'::jsonb`),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('cases_agency_idx').on(t.agencyId, t.status),
    index('cases_region_path_idx').using('btree', t.regionPath.op('text_pattern_ops')),
    index('cases_party_idx').on(t.partyId),
    uniqueIndex('cases_case_no_uq').on(t.caseNo).where(sql`${t.caseNo} is not null`),
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

/**
 * The narrative a case accumulates step by step (事实认定, 证据, 法律依据, 审核意见, 送达, 缴款): what the documents print.
 * Kept apart from `facts` (what the guards read) so that a guard never depends on free text.
 */
export type CaseContent = {
  findings?: string;
  evidenceSummary?: string[];
  legalBasis?: string;
  penaltyBasis?: string;
  review?: { outcome: 'agree' | 'correct' | 'investigate_further'; opinion: string; checklist: { key: string; result: 'pass' | 'fail' | 'not_applicable'; comment?: string | undefined }[]; reviewerId: string | null; on: string };
  services?: { documentId: string; kind: string; method: string; servedOn: string }[];
  /** Each payment as recorded; `isFinal` marks the one that settled the account (行政处罚法 Art.67). */
  payments?: { amount: number; reference: string | null; paidOn: string; method?: string; receiptNo?: string; isFinal?: boolean }[];
  reasons?: { action: string; reason: string; on: string }[];
  /** The inspection whose result opened this case (行政处罚法 Art.54). */
  origin?: { kind: 'inspection' | 'complaint'; id: string };
  /** The review chain round in progress or last run: levels, sign-offs, a return (domain review-chain-progress). */
  reviewProgress?: CaseReviewProgress;
};

/** 当事人: one row per natural person (ID number) or organisation (统一社会信用代码), so its history spans cases. */
export const parties = pgTable(
  'parties',
  {
    id: uuid('id').primaryKey(),
    type: text('type').notNull(),
    name: text('name').notNull(),
    /** GB 11643 ID number or GB 32100 credit code; validated on input. */
    identifier: text('identifier').notNull(),
    address: text('address'),
    legalRepresentative: text('legal_representative'),
    phone: text('phone'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('parties_type_identifier_uq').on(t.type, t.identifier), index('parties_name_idx').on(t.name)],
);

/**
 * Per agency × sequence key × year, the last number handed out. Allocation is an upsert that row-locks the counter
 * inside the transaction that uses the number: a rolled-back step takes its number back with it (no gap), and two
 * steps can never read the same value (no duplicate). 文号 rules: domain-rules DOC4.
 */
export const documentNumberSequences = pgTable(
  'document_number_sequences',
  {
    agencyId: uuid('agency_id').notNull(),
    sequenceKey: text('sequence_key').notNull(),
    year: integer('year').notNull(),
    lastValue: integer('last_value').notNull(),
  },
  (t) => [uniqueIndex('document_number_sequences_pk').on(t.agencyId, t.sequenceKey, t.year)],
);

/**
 * An agency's document settings: its 机关代字 (e.g. 冀秦市监) and optional per-kind number templates, and what its
 * decisions must print — the reconsideration body and court (行政处罚法 Art.59(5)) and where fines are paid (罚缴分离,
 * Art.67). Configured by administrators; unset values fall back to the agency's region government and generic text.
 */
export const numberingSettings = pgTable('numbering_settings', {
  agencyId: uuid('agency_id').primaryKey(),
  agencyCode: text('agency_code').notNull(),
  reconsiderationBody: text('reconsideration_body'),
  court: text('court'),
  paymentBank: text('payment_bank'),
  paymentAccountName: text('payment_account_name'),
  paymentAccount: text('payment_account'),
  /** kind → template overriding the default `{agencyCode}{business}〔{year}〕{seq}号`. */
  templates: jsonb('templates').$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
  padding: integer('padding').notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Documents issued in a case. The data snapshot is what the document says, frozen when it is issued; the PDF/DOCX are
 * rendered from it (case_document_files). Append-only: a corrected document is a new row that supersedes the old.
 */
export const caseDocuments = pgTable(
  'case_documents',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull(),
    kind: text('kind').notNull(),
    number: text('number'),
    sequenceKey: text('sequence_key'),
    year: integer('year'),
    seq: integer('seq'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    issuedBy: uuid('issued_by').notNull(),
    eventSeq: integer('event_seq'),
    supersedes: uuid('supersedes'),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('case_documents_case_idx').on(t.caseId),
    uniqueIndex('case_documents_number_uq').on(t.number).where(sql`${t.number} is not null`),
  ],
);

/** The rendered files of a document (blob store, content-addressed): rendered once, then always served the same. */
export const caseDocumentFiles = pgTable(
  'case_document_files',
  {
    documentId: uuid('document_id').notNull(),
    format: text('format').notNull(),
    sha256: text('sha256').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    renderMs: integer('render_ms').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('case_document_files_uq').on(t.documentId, t.format)],
);

/**
 * 电子送达 through the party page (行政处罚法 Art.61 para 2): a link (random token) and a code given to a party who
 * consented in writing. Only hashes are stored. The first opening with the right code is the service date; wrong codes
 * are counted and lock the link after a few, so it cannot be guessed. The opening itself is a case event.
 */
export const caseEServices = pgTable(
  'case_e_services',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull(),
    agencyId: uuid('agency_id').notNull(),
    regionPath: text('region_path').notNull(),
    tokenHash: text('token_hash').notNull(),
    codeHash: text('code_hash').notNull(),
    documentIds: jsonb('document_ids').$type<string[]>().notNull(),
    issuedBy: uuid('issued_by').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedAt: timestamp('locked_at', { withTimezone: true }),
    openedAt: timestamp('opened_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('case_e_services_token_uq').on(t.tokenHash), index('case_e_services_case_idx').on(t.caseId)],
);

/**
 * The content hash of every rendered document file, as a leaf of the tamper-evident log (issue #8; 118号 §三(九)
 * "防删改"): written in the same transaction as the case_document_files row, the first time the file exists, so the
 * verifier can check that the stored blob still hashes to it and anyone can prove the file by its document number.
 * A companion table, append-only: case_document_files rows from before it stay as they were.
 */
export const caseDocumentFileRecords = pgTable(
  'case_document_file_records',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    documentId: uuid('document_id').notNull(),
    /** 文号 at the time of rendering (null for kinds without a number), so a lookup by number needs no join. */
    documentNumber: text('document_number'),
    kind: text('kind').notNull(),
    format: text('format').notNull(),
    /** Content address of the file in the blob store (`sha256:` + hex SHA-256 of the bytes). */
    blobId: text('blob_id').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('case_document_file_records_uq').on(t.documentId, t.format), index('case_document_file_records_number_idx').on(t.documentNumber)],
);
