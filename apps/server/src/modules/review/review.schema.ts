import type { ReviewChain } from '@zhifa/domain';
import { date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * An agency's legal-review chain (法制审核 / 案件审核 levels, domain-rules §4), as data. Every change is a new version
 * row (append-only by trigger): the chain a case was reviewed under stays readable. The one in force on a day is the
 * highest version whose `effective_from` is on or before that day; none = the national default (one level).
 */
export const reviewChains = pgTable(
  'review_chains',
  {
    id: uuid('id').primaryKey(),
    agencyId: uuid('agency_id').notNull(),
    regionPath: text('region_path').notNull(),
    version: integer('version').notNull(),
    chain: jsonb('chain').$type<ReviewChain>().notNull(),
    effectiveFrom: date('effective_from').notNull(),
    reason: text('reason'),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('review_chains_agency_version_uq').on(t.agencyId, t.version), index('review_chains_region_path_idx').using('btree', t.regionPath.op('text_pattern_ops'))],
);

/**
 * The review positions a person holds (承办机构法制员, 承办机构负责人, 法制机构负责人, 分管/主要负责人…): positions, not login
 * roles, set by the agency head. An officer flagged `is_legal_reviewer` in the registry holds `legal_reviewer` without
 * a row here.
 */
export const officerReviewPositions = pgTable(
  'officer_review_positions',
  {
    officerId: uuid('officer_id').primaryKey(),
    agencyId: uuid('agency_id').notNull(),
    regionPath: text('region_path').notNull(),
    positions: text('positions').array().notNull(),
    version: integer('version').notNull().default(1),
    updatedBy: uuid('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('officer_review_positions_agency_idx').on(t.agencyId)],
);
