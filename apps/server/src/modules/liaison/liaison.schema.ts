import { bigserial, boolean, date, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * People around enforcement supervision (issue #6 item 6; domain-rules §10.1 S2, S4). Projections below; every write
 * is also a row of liaison_events (append-only, ledger leaf 'liaison_event'). Rows that are records by nature (field
 * supervision, survey responses, third-party evaluations, visits) are insert-only and append-only by trigger too.
 * Every scoped row carries the owning justice bureau (agency_id) and its region path.
 */
export const liaisonEvents = pgTable(
  'liaison_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    entityType: text('entity_type').notNull(),
    entityId: uuid('entity_id').notNull(),
    action: text('action').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    actorId: uuid('actor_id'),
    actorRole: text('actor_role'),
    agencyId: uuid('agency_id'),
    regionPath: text('region_path').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('liaison_events_entity_idx').on(t.entityType, t.entityId, t.id)],
);

/** 监督员: enforcement supervisors of a justice bureau (S4). */
export const liaisonSupervisors = pgTable('liaison_supervisors', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  employer: text('employer'),
  phone: text('phone'),
  agencyId: uuid('agency_id').notNull(),
  regionPath: text('region_path').notNull(),
  status: text('status').$type<'active' | 'withdrawn'>().notNull().default('active'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** 执法监督证: supervision certificates (S4, PQ7 credential type SUPERVISOR). Revocation is an event + the flag. */
export const liaisonSupervisorCertificates = pgTable(
  'liaison_supervisor_certificates',
  {
    id: uuid('id').primaryKey(),
    supervisorId: uuid('supervisor_id').notNull(),
    number: text('number').notNull(),
    issuedOn: date('issued_on').notNull(),
    expiresOn: date('expires_on').notNull(),
    isRevoked: boolean('is_revoked').notNull().default(false),
    agencyId: uuid('agency_id').notNull(),
    regionPath: text('region_path').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('liaison_supervisor_certificates_number_uq').on(t.number), index('liaison_supervisor_certificates_sup_idx').on(t.supervisorId)],
);

/** A field supervision (现场监督) by ≥2 certified supervisors (S4); the record of what they did and found. */
export const liaisonFieldSupervisions = pgTable('liaison_field_supervisions', {
  id: uuid('id').primaryKey(),
  supervisedOn: date('supervised_on').notNull(),
  targetAgencyId: uuid('target_agency_id').notNull(),
  subject: text('subject').notNull(),
  findings: text('findings').notNull(),
  supervisorIds: jsonb('supervisor_ids').$type<string[]>().notNull(),
  certificateNumbers: jsonb('certificate_numbers').$type<string[]>().notNull(),
  agencyId: uuid('agency_id').notNull(),
  regionPath: text('region_path').notNull(),
  createdBy: uuid('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** 专家库: the expert panel. */
export const liaisonExperts = pgTable('liaison_experts', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  title: text('title'),
  employer: text('employer'),
  fields: jsonb('fields').$type<string[]>().notNull(),
  /** Ids (agencies) or names (enterprises) the expert declared a conflict with. */
  conflicts: jsonb('conflicts').$type<string[]>().notNull(),
  isAvailable: boolean('is_available').notNull().default(true),
  agencyId: uuid('agency_id').notNull(),
  regionPath: text('region_path').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** An expert draw for a task: the seed is kept so anyone can recompute the selection (zhifa-draw stream). */
export const liaisonExpertDraws = pgTable('liaison_expert_draws', {
  id: uuid('id').primaryKey(),
  purpose: text('purpose').notNull(),
  field: text('field').notNull(),
  parties: jsonb('parties').$type<string[]>().notNull(),
  count: integer('count').notNull(),
  seedHex: text('seed_hex').notNull(),
  poolSize: integer('pool_size').notNull(),
  selected: jsonb('selected').$type<string[]>().notNull(),
  agencyId: uuid('agency_id').notNull(),
  regionPath: text('region_path').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** 企业联系点: designated enterprises visited 1–2 times a year (seed 001). */
export const liaisonContactPoints = pgTable('liaison_contact_points', {
  id: uuid('id').primaryKey(),
  enterpriseName: text('enterprise_name').notNull(),
  uscc: text('uscc'),
  address: text('address'),
  contactPerson: text('contact_person'),
  designatedOn: date('designated_on').notNull(),
  agencyId: uuid('agency_id').notNull(),
  regionPath: text('region_path').notNull(),
  status: text('status').$type<'active' | 'withdrawn'>().notNull().default('active'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const liaisonContactPlans = pgTable(
  'liaison_contact_plans',
  {
    id: uuid('id').primaryKey(),
    contactPointId: uuid('contact_point_id').notNull(),
    year: integer('year').notNull(),
    plannedVisits: integer('planned_visits').notNull(),
    agencyId: uuid('agency_id').notNull(),
    regionPath: text('region_path').notNull(),
  },
  (t) => [uniqueIndex('liaison_contact_plans_uq').on(t.contactPointId, t.year)],
);

export const liaisonContactVisits = pgTable(
  'liaison_contact_visits',
  {
    id: uuid('id').primaryKey(),
    contactPointId: uuid('contact_point_id').notNull(),
    visitedOn: date('visited_on').notNull(),
    visitors: text('visitors').notNull(),
    notes: text('notes').notNull(),
    /** Questionnaire answers taken during the visit (question key → answer). */
    answers: jsonb('answers').$type<Record<string, number | string>>(),
    surveyId: uuid('survey_id'),
    agencyId: uuid('agency_id').notNull(),
    regionPath: text('region_path').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('liaison_contact_visits_point_idx').on(t.contactPointId, t.visitedOn)],
);

/** 问卷调查: a configurable question set about one agency's enforcement, answered on the portal with one-time tokens. */
export const liaisonSurveys = pgTable('liaison_surveys', {
  id: uuid('id').primaryKey(),
  title: text('title').notNull(),
  questions: jsonb('questions').$type<{ key: string; type: 'rating' | 'choice' | 'text'; text: string; options?: string[]; required?: boolean }[]>().notNull(),
  /** The agency the survey asks about (results aggregate per agency). */
  targetAgencyId: uuid('target_agency_id').notNull(),
  status: text('status').$type<'open' | 'closed'>().notNull().default('open'),
  agencyId: uuid('agency_id').notNull(),
  regionPath: text('region_path').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One-time answer links: the sha256 of the token; used_at set when answered (the answer itself is append-only). */
export const liaisonSurveyTokens = pgTable(
  'liaison_survey_tokens',
  {
    id: uuid('id').primaryKey(),
    surveyId: uuid('survey_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('liaison_survey_tokens_hash_uq').on(t.tokenHash)],
);

export const liaisonSurveyResponses = pgTable(
  'liaison_survey_responses',
  {
    id: uuid('id').primaryKey(),
    surveyId: uuid('survey_id').notNull(),
    tokenId: uuid('token_id').notNull(),
    answers: jsonb('answers').$type<Record<string, number | string>>().notNull(),
    targetAgencyId: uuid('target_agency_id').notNull(),
    regionPath: text('region_path').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('liaison_survey_responses_token_uq').on(t.tokenId), index('liaison_survey_responses_survey_idx').on(t.surveyId)],
);

/** 第三方评估: an evaluator's score of an agency for a year, with the report file in the blob store. */
export const liaisonEvaluations = pgTable(
  'liaison_evaluations',
  {
    id: uuid('id').primaryKey(),
    evaluator: text('evaluator').notNull(),
    targetAgencyId: uuid('target_agency_id').notNull(),
    year: integer('year').notNull(),
    score: numeric('score', { precision: 5, scale: 2 }).notNull(),
    grade: text('grade').notNull(),
    summary: text('summary'),
    reportSha256: text('report_sha256'),
    reportFileName: text('report_file_name'),
    agencyId: uuid('agency_id').notNull(),
    regionPath: text('region_path').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('liaison_evaluations_target_idx').on(t.targetAgencyId, t.year)],
);
