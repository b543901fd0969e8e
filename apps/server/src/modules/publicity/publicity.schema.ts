import { bigserial, boolean, customType, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/** PostgreSQL tsvector, written as to_tsvector('simple', <bigram tokens>) by the service (stack.md §2b). */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * Publication tasks (公示任务): one per decided case, created when the scan first sees the decision, with the due date
 * computed from the rule profile (118号 §二(六)). Append-only: the task's state is derived from whether a publication or
 * an exclusion exists for the case.
 */
export const publicationTasks = pgTable(
  'publication_tasks',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull(),
    agencyId: uuid('agency_id').notNull(),
    regionPath: text('region_path').notNull(),
    category: text('category').notNull(),
    decisionNo: text('decision_no'),
    decidedOn: date('decided_on').notNull(),
    dueOn: date('due_on').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('publication_tasks_case_uq').on(t.caseId),
    index('publication_tasks_region_path_idx').using('btree', t.regionPath.op('text_pattern_ops')),
    index('publication_tasks_agency_idx').on(t.agencyId, t.dueOn),
  ],
);

/**
 * Published decisions (事后公开): the redacted public copy, immutable once written. A correction is a new row with
 * the next `seq` for the case (the portal shows the latest); a withdrawal is a row in publication_withdrawals. The
 * portal reads only this module's tables, never the case tables.
 */
export const publications = pgTable(
  'publications',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull(),
    seq: integer('seq').notNull(),
    supersedes: uuid('supersedes'),
    agencyId: uuid('agency_id').notNull(),
    agencyName: text('agency_name').notNull(),
    regionPath: text('region_path').notNull(),
    regionName: text('region_name'),
    category: text('category').notNull(),
    decisionNo: text('decision_no'),
    title: text('title').notNull(),
    partyType: text('party_type').notNull(),
    /** An organisation's name, or a natural person's masked name (张某某). */
    partyName: text('party_name').notNull(),
    /** Unified social credit code for organisations (kept, PR3); null for natural persons. */
    partyCode: text('party_code'),
    itemName: text('item_name').notNull(),
    facts: text('facts').notNull(),
    legalBasis: text('legal_basis').notNull(),
    result: text('result').notNull(),
    penaltyTypes: jsonb('penalty_types').$type<string[]>().notNull(),
    fineAmount: integer('fine_amount'),
    decidedOn: date('decided_on').notNull(),
    dueOn: date('due_on').notNull(),
    publishedOn: date('published_on').notNull(),
    displayUntil: date('display_until').notNull(),
    /** SHA-256 of the canonical JSON of the public content: what the ledger entry commits to. */
    contentHash: text('content_hash').notNull(),
    /** Redaction map (PR3): the kinds and output positions of what was hidden, and the hash of the unredacted text. */
    redaction: jsonb('redaction').$type<{ sourceHash: string; spans: { field: string; kind: string; start: number; end: number }[] }>().notNull(),
    searchTsv: tsvector('search_tsv').notNull(),
    publishedBy: uuid('published_by'),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('publications_case_seq_uq').on(t.caseId, t.seq),
    index('publications_tsv_idx').using('gin', t.searchTsv),
    index('publications_published_idx').on(t.publishedAt, t.id),
    index('publications_region_path_idx').using('btree', t.regionPath.op('text_pattern_ops')),
    index('publications_agency_idx').on(t.agencyId),
    index('publications_decided_idx').on(t.decidedOn),
    // The portal lists newest decisions first (decided_on, then published_at): a backward scan of these reads a page in
    // order, also inside a date range or one agency, instead of skipping every newer row (bench/publicity.ts).
    index('publications_decided_order_idx').on(t.decidedOn, t.publishedAt, t.id),
    index('publications_agency_decided_idx').on(t.agencyId, t.decidedOn, t.publishedAt, t.id),
    index('publications_category_decided_idx').on(t.category, t.decidedOn, t.publishedAt, t.id),
  ],
);

/** Withdrawals (撤下) with their public reason (行政处罚法 Art.48 para 2). One per publication; append-only. */
export const publicationWithdrawals = pgTable(
  'publication_withdrawals',
  {
    id: uuid('id').primaryKey(),
    publicationId: uuid('publication_id').notNull(),
    caseId: uuid('case_id').notNull(),
    agencyId: uuid('agency_id').notNull(),
    regionPath: text('region_path').notNull(),
    reasonCode: text('reason_code').notNull(),
    publicReason: text('public_reason').notNull(),
    /** Day the decision was changed or revoked; the withdrawal is due 3 working days later. */
    changedOn: date('changed_on').notNull(),
    dueOn: date('due_on').notNull(),
    withdrawnBy: uuid('withdrawn_by').notNull(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('publication_withdrawals_pub_uq').on(t.publicationId), index('publication_withdrawals_region_path_idx').using('btree', t.regionPath.op('text_pattern_ops'))],
);

/** Exclusions (不予公开) with a recorded reason (domain-rules PR2, P12); automatic ones have no actor. Append-only. */
export const publicationExclusions = pgTable(
  'publication_exclusions',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull(),
    agencyId: uuid('agency_id').notNull(),
    regionPath: text('region_path').notNull(),
    reasonCode: text('reason_code').notNull(),
    reason: text('reason').notNull(),
    isAutomatic: boolean('is_automatic').notNull(),
    excludedBy: uuid('excluded_by'),
    excludedAt: timestamp('excluded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('publication_exclusions_case_uq').on(t.caseId), index('publication_exclusions_region_path_idx').using('btree', t.regionPath.op('text_pattern_ops'))],
);

/** Passages an officer marks as trade secrets before publication (政府信息公开条例 Art.15). Append-only. */
export const publicationSecretMarks = pgTable(
  'publication_secret_marks',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id').notNull(),
    passage: text('passage').notNull(),
    markedBy: uuid('marked_by').notNull(),
    markedAt: timestamp('marked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('publication_secret_marks_case_idx').on(t.caseId)],
);

/** Correction requests on a published decision (118号 §二; SAMR 公示规定 Art.12). Append-only; answered by a correction. */
export const correctionRequests = pgTable(
  'publication_correction_requests',
  {
    id: uuid('id').primaryKey(),
    publicationId: uuid('publication_id').notNull(),
    agencyId: uuid('agency_id').notNull(),
    regionPath: text('region_path').notNull(),
    text: text('text').notNull(),
    /** Kept for the agency's reply only; never shown publicly. */
    contact: text('contact'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('publication_correction_requests_pub_idx').on(t.publicationId), index('publication_correction_requests_region_path_idx').using('btree', t.regionPath.op('text_pattern_ops'))],
);

/**
 * Complaints and reports (投诉举报): the projection; its history is complaint_events. The complainant follows it with
 * the tracking number and a code whose hash alone is stored. Contact details are never shown on the portal.
 */
export const complaints = pgTable(
  'complaints',
  {
    id: uuid('id').primaryKey(),
    trackingNo: text('tracking_no').notNull(),
    codeHash: text('code_hash').notNull(),
    kind: text('kind').notNull(),
    source: text('source').notNull(),
    agencyId: uuid('agency_id').notNull(),
    regionPath: text('region_path').notNull(),
    serviceCode: text('service_code'),
    subject: text('subject').notNull(),
    content: text('content').notNull(),
    location: text('location'),
    lat: text('lat'),
    long: text('long'),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    status: text('status').notNull(),
    publicReply: text('public_reply'),
    receivedOn: date('received_on').notNull(),
    acceptDueOn: date('accept_due_on').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    // ---- handling (issue #6 item 5): channel, external record, handler, answer timer, satisfaction, case link
    /** portal / hotline_12345 / petition / phone / letter (COMPLAINT_CHANNELS). */
    channel: text('channel').notNull().default('portal'),
    /** The 12345 work-order or 信访 record number: one external record gives one complaint. */
    externalNo: text('external_no'),
    handlerId: uuid('handler_id'),
    acceptedOn: date('accepted_on'),
    answerDueOn: date('answer_due_on'),
    answeredOn: date('answered_on'),
    satisfaction: integer('satisfaction'),
    caseId: uuid('case_id'),
  },
  (t) => [
    uniqueIndex('complaints_external_uq').on(t.channel, t.externalNo),
    index('complaints_due_idx').on(t.status, t.answerDueOn),
    uniqueIndex('complaints_tracking_uq').on(t.trackingNo),
    index('complaints_agency_idx').on(t.agencyId, t.status),
    index('complaints_region_path_idx').using('btree', t.regionPath.op('text_pattern_ops')),
  ],
);

export const complaintEvents = pgTable(
  'complaint_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    complaintId: uuid('complaint_id').notNull(),
    seq: integer('seq').notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorId: uuid('actor_id'),
    /** The reply shown to the complainant (no personal data of third parties). */
    note: text('note'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('complaint_events_seq_uq').on(t.complaintId, t.seq)],
);

/**
 * Passages a reviewer marks as trade secret or personal privacy before release, each with its reason (政府信息公开条例
 * Art.15; domain-rules §15 PR3). Companion of publication_secret_marks (which has no kind or reason and stays as it is);
 * keyed by the task's source id (`case_id`: a case, a licence application or an inspection). Append-only, ledger leaf.
 */
export const publicationRedactionMarks = pgTable(
  'publication_redaction_marks',
  {
    id: uuid('id').primaryKey(),
    taskId: uuid('task_id').notNull(),
    caseId: uuid('case_id').notNull(),
    agencyId: uuid('agency_id').notNull(),
    regionPath: text('region_path').notNull(),
    /** trade_secret | privacy */
    kind: text('kind').notNull(),
    passage: text('passage').notNull(),
    reason: text('reason').notNull(),
    markedBy: uuid('marked_by').notNull(),
    markedAt: timestamp('marked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('publication_redaction_marks_case_idx').on(t.caseId), index('publication_redaction_marks_region_path_idx').using('btree', t.regionPath.op('text_pattern_ops'))],
);

/**
 * The human review of the redacted copy before release (domain-rules §15 PR3 Sys: "redaction is reviewed by a human
 * before publication"). `previewHash` is the content hash of the copy the reviewer saw: the release publishes exactly
 * that copy or is refused. Append-only, ledger leaf; the publication row it released is written in the same transaction.
 */
export const publicationReviews = pgTable(
  'publication_reviews',
  {
    id: uuid('id').primaryKey(),
    taskId: uuid('task_id').notNull(),
    caseId: uuid('case_id').notNull(),
    agencyId: uuid('agency_id').notNull(),
    regionPath: text('region_path').notNull(),
    decision: text('decision').notNull(),
    previewHash: text('preview_hash').notNull(),
    publicationId: uuid('publication_id'),
    note: text('note'),
    reviewedBy: uuid('reviewed_by').notNull(),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('publication_reviews_task_approved_uq').on(t.taskId).where(sql`${t.decision} = 'approved'`), index('publication_reviews_region_path_idx').using('btree', t.regionPath.op('text_pattern_ops'))],
);
