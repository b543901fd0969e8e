import type { AggregateScore, GradeBands, ReturnVisitQuestion, SampleQuota, ScoreMarks, SuggestedDeduction } from '@zhifa/domain';
import { sql } from 'drizzle-orm';
import { bigserial, boolean, date, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export interface CampaignSettings {
  /** Kinds of closed files sampled (this slice samples penalty case files). */
  procedureKinds: string[];
  quota: SampleQuota;
  rubricVersion: string;
  bands: GradeBands;
  /** Reviewers disagreeing by more than this many points → the file is flagged for panel discussion (CR3(3)). */
  spreadMargin: number;
  reviewersPerFile: number;
  reviewerUserIds: string[];
  /** External participants (deputies, experts, CR2) by name; they score on paper, the supervisor enters their sheet. */
  externalReviewers: string[];
  /** CR7: officers with at least this many failed files are listed for the personnel follow-up. */
  failFlagThreshold: number;
  /** Closed between these dates (inclusive); CR1: the previous or current year. */
  closedFrom: string;
  closedTo: string;
}

/** 案卷评查 campaign (domain-rules §10.3 CR1, CR3): one work plan of a supervision body over the agencies of its region. */
export const evaluationCampaigns = pgTable(
  'evaluation_campaigns',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    year: integer('year').notNull(),
    /** The organising supervision body (justice bureau) or null for a region-level supervisor without one. */
    organizerAgencyId: uuid('organizer_agency_id'),
    regionPath: text('region_path').notNull(),
    /** Reviewed agencies (sorted); empty = every agency of the region subtree. */
    agencyIds: jsonb('agency_ids').$type<string[]>().notNull(),
    settings: jsonb('settings').$type<CampaignSettings>().notNull(),
    /** planned | sampling | scoring | report | objection | closed | withdrawn */
    status: text('status').notNull(),
    /** Recorded with the sample so anyone can recompute it (zhifa-evaluation-sample/v1). */
    seedHex: text('seed_hex'),
    sampledAt: timestamp('sampled_at', { withTimezone: true }),
    /** Report issued to (received by) the reviewed agencies: the objection window runs from this date (CR3(7)). */
    reportIssuedOn: date('report_issued_on', { mode: 'string' }),
    createdBy: uuid('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('evaluation_campaigns_region_path_idx').using('btree', t.regionPath.op('text_pattern_ops'))],
);

/** A sampled case file in a campaign, with its aggregated result once every reviewer has signed. */
export const evaluationFiles = pgTable(
  'evaluation_files',
  {
    id: uuid('id').primaryKey(),
    campaignId: uuid('campaign_id').notNull(),
    caseKind: text('case_kind').notNull(),
    caseId: uuid('case_id').notNull(),
    caseNo: text('case_no'),
    title: text('title').notNull(),
    agencyId: uuid('agency_id').notNull(),
    regionPath: text('region_path').notNull(),
    officerIds: jsonb('officer_ids').$type<string[]>().notNull(),
    /** Machine pre-scoring from the case-file completeness check, offered to each reviewer to confirm or reject. */
    suggestions: jsonb('suggestions').$type<SuggestedDeduction[]>().notNull(),
    position: integer('position').notNull(),
    /** sampled | scored | rechecked */
    status: text('status').notNull(),
    score: doublePrecision('score'),
    grade: text('grade'),
    aggregate: jsonb('aggregate').$type<AggregateScore | null>(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('evaluation_files_campaign_case_uq').on(t.campaignId, t.caseKind, t.caseId), index('evaluation_files_agency_idx').on(t.agencyId)],
);

/** A reviewer's assignment to a file (CR2: each reviewer scores independently). */
export const evaluationAssignments = pgTable(
  'evaluation_assignments',
  {
    id: uuid('id').primaryKey(),
    campaignId: uuid('campaign_id').notNull(),
    fileId: uuid('file_id').notNull(),
    reviewerUserId: uuid('reviewer_user_id'),
    externalName: text('external_name'),
    /** assigned | submitted */
    status: text('status').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('evaluation_assignments_file_idx').on(t.fileId), index('evaluation_assignments_reviewer_idx').on(t.reviewerUserId, t.status)],
);

/**
 * Signed score sheets (CR2: score, deduction reasons, signature). Append-only and a ledger leaf: a re-check after an
 * objection is a new sheet of kind 'recheck', never an edit. `sheetHash` is SHA-256 of the canonical sheet JSON.
 */
export const evaluationScoreSheets = pgTable(
  'evaluation_score_sheets',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    campaignId: uuid('campaign_id').notNull(),
    fileId: uuid('file_id').notNull(),
    assignmentId: uuid('assignment_id'),
    /** score | recheck */
    kind: text('kind').notNull(),
    reviewerUserId: uuid('reviewer_user_id').notNull(),
    reviewerName: text('reviewer_name').notNull(),
    rubricVersion: text('rubric_version').notNull(),
    marks: jsonb('marks').$type<ScoreMarks>().notNull(),
    comment: text('comment').notNull(),
    points: doublePrecision('points').notNull(),
    isVetoed: boolean('is_vetoed').notNull(),
    barsExcellent: boolean('bars_excellent').notNull(),
    grade: text('grade').notNull(),
    sheetHash: text('sheet_hash').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('evaluation_score_sheets_file_idx').on(t.fileId, t.id)],
);

/** 异议 (CR3(7)): the reviewed agency's written re-check request and the authority's answer. */
export const evaluationObjections = pgTable('evaluation_objections', {
  id: uuid('id').primaryKey(),
  campaignId: uuid('campaign_id').notNull(),
  agencyId: uuid('agency_id').notNull(),
  regionPath: text('region_path').notNull(),
  fileId: uuid('file_id').notNull(),
  reason: text('reason').notNull(),
  filedOn: date('filed_on', { mode: 'string' }).notNull(),
  filedBy: uuid('filed_by').notNull(),
  recheckDueOn: date('recheck_due_on', { mode: 'string' }).notNull(),
  /** filed | upheld | rejected */
  status: text('status').notNull(),
  answer: text('answer'),
  answeredOn: date('answered_on', { mode: 'string' }),
  version: integer('version').notNull().default(1),
});

/** 整改通知 (CR7): a rectification notice with a deadline, and the agency's report. */
export const evaluationRectifications = pgTable('evaluation_rectifications', {
  id: uuid('id').primaryKey(),
  campaignId: uuid('campaign_id').notNull(),
  agencyId: uuid('agency_id').notNull(),
  regionPath: text('region_path').notNull(),
  fileId: uuid('file_id'),
  content: text('content').notNull(),
  issuedOn: date('issued_on', { mode: 'string' }).notNull(),
  dueOn: date('due_on', { mode: 'string' }).notNull(),
  /** issued | reported */
  status: text('status').notNull(),
  report: text('report'),
  reportedOn: date('reported_on', { mode: 'string' }),
  version: integer('version').notNull().default(1),
});

/** Every accepted action of campaigns and return visits. Append-only by trigger; ledger leaf. */
export const evaluationEvents = pgTable(
  'evaluation_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    campaignId: uuid('campaign_id'),
    fileId: uuid('file_id'),
    visitTaskId: uuid('visit_task_id'),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    actorId: uuid('actor_id').notNull(),
    actorRole: text('actor_role').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('evaluation_events_campaign_idx').on(t.campaignId, t.id)],
);

// ---- 回访 -----------------------------------------------------------------------------------------------------------

/** One sampling of closed cases for return visits (domain-rules §10.1 S3): rate, kinds, question set, seed. */
export const returnVisitBatches = pgTable('return_visit_batches', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  regionPath: text('region_path').notNull(),
  agencyIds: jsonb('agency_ids').$type<string[]>().notNull(),
  kinds: jsonb('kinds').$type<string[]>().notNull(),
  rateBp: integer('rate_bp').notNull(),
  closedFrom: date('closed_from', { mode: 'string' }).notNull(),
  closedTo: date('closed_to', { mode: 'string' }).notNull(),
  questions: jsonb('questions').$type<ReturnVisitQuestion[]>().notNull(),
  seedHex: text('seed_hex').notNull(),
  createdBy: uuid('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const returnVisitTasks = pgTable(
  'return_visit_tasks',
  {
    id: uuid('id').primaryKey(),
    batchId: uuid('batch_id').notNull(),
    caseKind: text('case_kind').notNull(),
    caseId: uuid('case_id').notNull(),
    caseNo: text('case_no'),
    agencyId: uuid('agency_id').notNull(),
    regionPath: text('region_path').notNull(),
    partyName: text('party_name').notNull(),
    /** Personal data: masked in lists; shown in full only to the assigned visitor, each reveal logged. */
    partyPhone: text('party_phone'),
    assigneeUserId: uuid('assignee_user_id').notNull(),
    /** assigned | done */
    status: text('status').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('return_visit_tasks_batch_case_uq').on(t.batchId, t.caseKind, t.caseId), index('return_visit_tasks_assignee_idx').on(t.assigneeUserId, t.status), index('return_visit_tasks_region_path_idx').using('btree', t.regionPath.op('text_pattern_ops'))],
);

/** The visit record. Append-only; ledger leaf. */
export const returnVisitRecords = pgTable(
  'return_visit_records',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    taskId: uuid('task_id').notNull(),
    agencyId: uuid('agency_id').notNull(),
    regionPath: text('region_path').notNull(),
    method: text('method').notNull(),
    contactMade: boolean('contact_made').notNull(),
    answers: jsonb('answers').$type<Record<string, boolean | string>>().notNull(),
    satisfaction: integer('satisfaction'),
    findings: text('findings').notNull(),
    /** The finding goes to supervision follow-up. */
    isFlagged: boolean('is_flagged').notNull(),
    visitedOn: date('visited_on', { mode: 'string' }).notNull(),
    recordedBy: uuid('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('return_visit_records_task_idx').on(t.taskId)],
);

/** Each reveal of a party's phone number (personal data, PIPL Art.51): who, when, why. Append-only; ledger leaf. */
export const returnVisitPiiAccess = pgTable(
  'return_visit_pii_access',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    taskId: uuid('task_id').notNull(),
    userId: uuid('user_id').notNull(),
    role: text('role').notNull(),
    field: text('field').notNull(),
    reason: text('reason').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('return_visit_pii_access_task_idx').on(t.taskId, t.id)],
);
