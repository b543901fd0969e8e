import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, date, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Evidence (证据) of the full-process record (执法全过程记录): the file lives in the content-addressed blob store; this
 * row holds what the law asks to be stated with it — who made it, when, where, with what device and method, and what it
 * proves (行政处罚法 Art.41, 46; seed 003: audio-video must state how, when and by whom it was made, and audio needs a
 * text record). Append-only: a mistaken upload is withdrawn by a recorded event, never deleted (retention, §3).
 */
export const evidence = pgTable(
  'evidence',
  {
    id: uuid('id').primaryKey(),
    blobId: text('blob_id').notNull(),
    // bigint: evidence files of several GB exceed int4.
    size: bigint('size', { mode: 'number' }).notNull(),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    kind: text('kind').notNull(),
    caseRef: text('case_ref').notNull(),
    stage: text('stage'),
    maker: text('maker').notNull(),
    makerOfficerId: uuid('maker_officer_id'),
    capturedAt: timestamp('captured_at', { withTimezone: true }).notNull(),
    capturedPlace: text('captured_place').notNull(),
    device: text('device').notNull(),
    /** 行政处罚法 Art.41: electronic monitoring equipment must be legally reviewed; evidence from other devices is flagged. */
    deviceReviewed: boolean('device_reviewed').notNull(),
    method: text('method').notNull(),
    proves: text('proves').notNull(),
    transcript: text('transcript'),
    gapReason: text('gap_reason'),
    /** Uploaded more than 24 h after capture (domain-rules REC5) — flagged for supervisors. */
    lateUpload: boolean('late_upload').notNull(),
    retentionClass: text('retention_class').notNull(),
    retainUntil: date('retain_until'),
    agencyId: uuid('agency_id'),
    regionPath: text('region_path').notNull(),
    uploadedBy: uuid('uploaded_by').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('evidence_case_idx').on(t.caseRef), index('evidence_region_idx').using('btree', t.regionPath.op('text_pattern_ops'))],
);

/** Every view and download of evidence: who, when, why (issue #8). Append-only. */
export const evidenceAccess = pgTable(
  'evidence_access',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    evidenceId: uuid('evidence_id').notNull(),
    userId: uuid('user_id').notNull(),
    role: text('role').notNull(),
    action: text('action').notNull(),
    reason: text('reason').notNull(),
    ip: text('ip'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('evidence_access_evidence_idx').on(t.evidenceId, t.id)],
);

/**
 * 当事人查阅申请 (domain-rules REC7): a party asks to consult or copy the records of its case. The identifier the
 * requester gave is kept only as a SHA-256 (it proved who they are; it is not needed again) and masked for display.
 * The decision is written once (submitted → approved / partly approved / refused), with the change event logged.
 */
export const evidenceAccessRequests = pgTable(
  'evidence_access_requests',
  {
    id: uuid('id').primaryKey(),
    trackingNo: text('tracking_no').notNull(),
    /** SHA-256 of the one-time code given to the requester; the code itself is never stored. */
    codeHash: text('code_hash').notNull(),
    caseNo: text('case_no').notNull(),
    caseId: uuid('case_id'),
    partyType: text('party_type').notNull(),
    requesterName: text('requester_name').notNull(),
    identifierMasked: text('identifier_masked').notNull(),
    identifierHash: text('identifier_hash').notNull(),
    phone: text('phone'),
    kind: text('kind').notNull(),
    purpose: text('purpose').notNull(),
    status: text('status').notNull(),
    releasedEvidenceIds: jsonb('released_evidence_ids').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    withheldGround: text('withheld_ground'),
    decisionReason: text('decision_reason'),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    validUntil: timestamp('valid_until', { withTimezone: true }),
    agencyId: uuid('agency_id'),
    regionPath: text('region_path').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('evidence_access_requests_tracking_uq').on(t.trackingNo),
    index('evidence_access_requests_agency_idx').on(t.agencyId, t.status),
    index('evidence_access_requests_region_idx').using('btree', t.regionPath.op('text_pattern_ops')),
  ],
);

/**
 * What happens to an evidence item after upload, and what its row cannot hold without changing a logged record:
 * `recording` (start and end of an audio/video recording, REC4), `withdrawal` (a mistaken upload is withdrawn with a
 * reason — the file is kept for its retention period, REC6). Append-only by trigger, each row in the ledger.
 */
export const evidenceEvents = pgTable(
  'evidence_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    evidenceId: uuid('evidence_id').notNull(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    actorId: uuid('actor_id').notNull(),
    actorRole: text('actor_role').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('evidence_events_evidence_idx').on(t.evidenceId, t.id)],
);
