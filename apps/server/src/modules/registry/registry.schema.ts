import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * Registry tables (清单). Conventions shared by every table here:
 * - `version` for optimistic concurrency; every change writes a change_events row in the same transaction.
 * - `published` is the publish flag the public portal reads through the publicity module.
 * - "delete" is a withdrawal (`withdrawnAt` + reason), never a DELETE (principle 2).
 * - `regionPath` ('/130000/130300/130302/') is denormalised onto scoped rows so a supervisor's subtree is a prefix scan
 *   and the tables can later be partitioned by region without redesign (design.md).
 */
const audit = () => ({
  published: boolean('published').notNull().default(false),
  withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  withdrawReason: text('withdraw_reason'),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** GB/T 2260 (and 9-digit statistical township codes). Parent stored as data: some units break the prefix rule. */
export const regions = pgTable(
  'regions',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    level: smallint('level').notNull(),
    parentCode: text('parent_code'),
    path: text('path').notNull(),
    ...audit(),
  },
  (t) => [index('regions_path_idx').using('btree', t.path.op('text_pattern_ops')), index('regions_parent_idx').on(t.parentCode)],
);

export interface AbsorbedPower {
  /** The department whose powers the comprehensive team took over (e.g. 住建, 城管, 市场监管). */
  fromSubjectId?: string | null;
  fromName: string;
  sector: string;
  scope: string;
}

export const subjects = pgTable(
  'subjects',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    uscc: text('uscc').unique(),
    regionCode: text('region_code').notNull(),
    regionPath: text('region_path').notNull(),
    kind: text('kind').notNull(),
    form: text('form').notNull(),
    sector: text('sector').notNull(),
    legalBasis: text('legal_basis').notNull(),
    supervisingBureauId: uuid('supervising_bureau_id'),
    status: text('status').notNull().default('confirmed'),
    statusReason: text('status_reason'),
    address: text('address'),
    phone: text('phone'),
    officeHours: text('office_hours'),
    complaintPhone: text('complaint_phone'),
    absorbedPowers: jsonb('absorbed_powers').$type<AbsorbedPower[]>().notNull().default(sql`'[]'::jsonb`),
    ...audit(),
  },
  (t) => [index('subjects_region_path_idx').using('btree', t.regionPath.op('text_pattern_ops')), index('subjects_sector_idx').on(t.sector)],
);

export interface EntrustedMatter {
  itemId?: string | null;
  description: string;
}

/** 委托 (行政处罚法 Art.20) and 赋权 to townships (Art.24). */
export const entrustments = pgTable(
  'entrustments',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').notNull(),
    principalId: uuid('principal_id').notNull(),
    agentId: uuid('agent_id').notNull(),
    /** Region path of the principal, for scoping. */
    regionPath: text('region_path').notNull(),
    matters: jsonb('matters').$type<EntrustedMatter[]>().notNull(),
    powers: text('powers').notNull(),
    agreementNo: text('agreement_no').notNull(),
    agreementTitle: text('agreement_title').notNull(),
    signedOn: date('signed_on').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on'),
    status: text('status').notNull().default('active'),
    statusReason: text('status_reason'),
    ...audit(),
  },
  (t) => [index('entrustments_principal_idx').on(t.principalId), index('entrustments_agent_idx').on(t.agentId)],
);

export const officers = pgTable(
  'officers',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    /** GB 11643 citizen ID: shown in full only to administrators (masked elsewhere), never published. */
    idNumber: text('id_number').notNull().unique(),
    gender: text('gender').notNull(),
    birthDate: date('birth_date').notNull(),
    agencyId: uuid('agency_id').notNull(),
    regionPath: text('region_path').notNull(),
    post: text('post').notNull(),
    personnelType: text('personnel_type').notNull(),
    phone: text('phone'),
    photoBlob: text('photo_blob'),
    education: text('education'),
    hasLegalQualification: boolean('has_legal_qualification').notNull().default(false),
    legalQualificationNo: text('legal_qualification_no'),
    isLegalReviewer: boolean('is_legal_reviewer').notNull().default(false),
    onDuty: boolean('on_duty').notNull().default(true),
    ...audit(),
  },
  (t) => [
    index('officers_agency_idx').on(t.agencyId),
    index('officers_region_path_idx').using('btree', t.regionPath.op('text_pattern_ops')),
    // Name search is a prefix search (people type the start of a name); text_pattern_ops makes LIKE 'x%' indexable.
    index('officers_name_idx').using('btree', t.name.op('text_pattern_ops')),
  ],
);

export const certificates = pgTable(
  'certificates',
  {
    id: uuid('id').primaryKey(),
    officerId: uuid('officer_id').notNull(),
    number: text('number').notNull().unique(),
    credentialType: text('credential_type').notNull().default('enforcement'),
    /** Sector codes the certificate covers (执法类别). */
    categories: jsonb('categories').$type<string[]>().notNull(),
    /** Region code of the area the certificate covers (执法区域). */
    areaCode: text('area_code').notNull(),
    issuedBy: text('issued_by').notNull(),
    issuedOn: date('issued_on').notNull(),
    expiresOn: date('expires_on').notNull(),
    lastReviewedOn: date('last_reviewed_on'),
    status: text('status').notNull().default('active'),
    statusReason: text('status_reason'),
    suspendedUntil: date('suspended_until'),
    ...audit(),
  },
  (t) => [
    index('certificates_officer_idx').on(t.officerId),
    index('certificates_status_expiry_idx').on(t.status, t.expiresOn),
    index('certificates_status_issued_idx').on(t.status, t.issuedOn),
    index('certificates_number_idx').using('btree', t.number.op('text_pattern_ops')),
  ],
);

export const trainings = pgTable(
  'trainings',
  {
    id: uuid('id').primaryKey(),
    officerId: uuid('officer_id').notNull(),
    year: integer('year').notNull(),
    heldOn: date('held_on').notNull(),
    title: text('title').notNull(),
    hours: numeric('hours', { precision: 6, scale: 1, mode: 'number' }).notNull(),
    organiser: text('organiser'),
    ...audit(),
  },
  (t) => [index('trainings_officer_year_idx').on(t.officerId, t.year), index('trainings_year_idx').on(t.year, t.officerId)],
);

/** Exams (考试) and reviews (年审/两年审验) of officers. */
export const assessments = pgTable(
  'assessments',
  {
    id: uuid('id').primaryKey(),
    officerId: uuid('officer_id').notNull(),
    kind: text('kind').notNull(),
    heldOn: date('held_on').notNull(),
    result: text('result').notNull(),
    score: numeric('score', { precision: 5, scale: 1, mode: 'number' }),
    note: text('note'),
    ...audit(),
  },
  (t) => [index('assessments_officer_idx').on(t.officerId)],
);

export interface LegalBasis {
  law: string;
  article: string;
  version: string;
  effectiveFrom: string;
  effectiveTo?: string | null;
  text?: string;
}
export interface MajorCriteria {
  penaltyTypes: string[];
  fineAtLeast?: number | null;
  confiscationAtLeast?: number | null;
  other: string[];
}
export interface HearingThresholds {
  fineIndividualAtLeast?: number | null;
  fineOrganisationAtLeast?: number | null;
  confiscationAtLeast?: number | null;
  penaltyTypes: string[];
}
export interface ServiceGuide {
  conditions: string;
  materials: string[];
  timeLimitDays?: number | null;
  timeLimitDayType?: 'WORKING' | 'CALENDAR' | null;
  fees: string;
  office?: string;
}
export interface FlowStep {
  step: string;
  description?: string;
}
export interface DiscretionTier {
  level: string;
  circumstance: string;
  penaltyTypes: string[];
  fineMin?: number | null;
  fineMax?: number | null;
  description?: string;
}
export interface Exemption {
  kind: 'first_violation' | 'minor';
  circumstance: string;
  conditions: string;
}

export const items = pgTable(
  'items',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    category: text('category').notNull(),
    sector: text('sector').notNull(),
    legalBasis: jsonb('legal_basis').$type<LegalBasis[]>().notNull(),
    /** stage → required | optional (音像记录事项清单). */
    avRequirements: jsonb('av_requirements').$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    randomInspection: boolean('random_inspection').notNull().default(false),
    majorCriteria: jsonb('major_criteria').$type<MajorCriteria | null>(),
    hearingThresholds: jsonb('hearing_thresholds').$type<HearingThresholds | null>(),
    serviceGuide: jsonb('service_guide').$type<ServiceGuide | null>(),
    flowchart: jsonb('flowchart').$type<FlowStep[]>().notNull().default(sql`'[]'::jsonb`),
    discretionTiers: jsonb('discretion_tiers').$type<DiscretionTier[]>().notNull().default(sql`'[]'::jsonb`),
    exemptions: jsonb('exemptions').$type<Exemption[]>().notNull().default(sql`'[]'::jsonb`),
    status: text('status').notNull().default('active'),
    ...audit(),
  },
  (t) => [index('items_category_idx').on(t.category), index('items_sector_idx').on(t.sector)],
);

/** Responsible subjects of an item (one item may belong to several agencies, e.g. after consolidation). */
export const itemSubjects = pgTable(
  'item_subjects',
  {
    itemId: uuid('item_id').notNull(),
    subjectId: uuid('subject_id').notNull(),
    regionPath: text('region_path').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.itemId, t.subjectId] }),
    index('item_subjects_subject_idx').on(t.subjectId),
    index('item_subjects_region_path_idx').using('btree', t.regionPath.op('text_pattern_ops')),
  ],
);

export const ruleProfiles = pgTable('rule_profiles', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  regionCode: text('region_code'),
  sector: text('sector'),
  effectiveFrom: date('effective_from').notNull(),
  effectiveTo: date('effective_to'),
  params: jsonb('params').$type<Record<string, unknown>>().notNull(),
  note: text('note'),
  ...audit(),
});

/** Years for which the holiday table is complete; a deadline in any other year fails loudly (domain-rules G5). */
export const calendarYears = pgTable('calendar_years', {
  year: integer('year').primaryKey(),
  source: text('source').notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const calendarDays = pgTable('calendar_days', {
  date: date('date').primaryKey(),
  kind: text('kind').notNull(),
  name: text('name').notNull(),
});
