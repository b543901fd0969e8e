import type { CreditClass, DrawCell, DrawInputHashes, DrawRecusal, DrawSelection, DrawStratum, RiskLevel } from '@zhifa/domain';
import { sql } from 'drizzle-orm';
import { bigserial, boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * 检查对象名录库 (domain-rules §8 I2): enterprises, sole traders and other entities that may be drawn. Region-scoped: the
 * directory is shared by every department of the region so that joint plans draw from one list (§8 I5).
 */
export const spotCheckTargets = pgTable(
  'spot_check_targets',
  {
    id: uuid('id').primaryKey(),
    uscc: text('uscc').notNull(),
    name: text('name').notNull(),
    /** enterprise | sole_trader | other */
    kind: text('kind').notNull(),
    regionCode: text('region_code').notNull(),
    regionPath: text('region_path').notNull(),
    industry: text('industry').notNull(),
    risk: text('risk').$type<RiskLevel>().notNull(),
    credit: text('credit').$type<CreditClass>().notNull(),
    /** 经营异常名录 / many complaints: shown on the plan wizard so the stratum ratio can be raised (§8 I3). */
    abnormal: boolean('abnormal').notNull().default(false),
    address: text('address'),
    /** Set when the entity is closed or struck off; a withdrawn target is never drawn again. */
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawReason: text('withdraw_reason'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('spot_check_targets_uscc_uq').on(t.uscc),
    index('spot_check_targets_region_path_idx').using('btree', t.regionPath.op('text_pattern_ops')),
  ],
);

/** Declared conflicts of interest between an inspector and a target (§8 I8; 行政处罚法 Art.43). Insert-only. */
export const spotCheckConflicts = pgTable(
  'spot_check_conflicts',
  {
    id: uuid('id').primaryKey(),
    officerId: uuid('officer_id').notNull(),
    targetId: uuid('target_id').notNull(),
    reason: text('reason').notNull(),
    agencyId: uuid('agency_id').notNull(),
    regionPath: text('region_path').notNull(),
    declaredBy: uuid('declared_by').notNull(),
    declaredAt: timestamp('declared_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('spot_check_conflicts_pair_uq').on(t.officerId, t.targetId)],
);

export interface PlanSettings {
  strata: DrawStratum[];
  riskPct: Record<RiskLevel, number>;
  creditPct: Record<CreditClass, number>;
  exclusionDays: number;
  yearlyCap: number;
  teamSize: number;
  teamMode: 'same-department' | 'joint';
  maxTasksPerInspector: number;
  /** Region codes the plan covers (targets under them); empty = the lead agency's whole region. */
  regionCodes: string[];
}

/** 抽查计划 (§8 I4): annual or ad hoc; one lead agency, possibly joint with others (§8 I5). */
export const spotCheckPlans = pgTable(
  'spot_check_plans',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    /** annual | ad_hoc */
    kind: text('kind').notNull(),
    year: integer('year').notNull(),
    agencyId: uuid('agency_id').notNull(),
    regionPath: text('region_path').notNull(),
    /** Participating agencies (sorted); the lead agency first in meaning, but stored sorted for the draw. */
    agencyIds: jsonb('agency_ids').$type<string[]>().notNull(),
    /** Items from the random-inspection list (随机抽查事项清单, §8 I1), merged for a joint plan so a target is visited once. */
    itemIds: jsonb('item_ids').$type<string[]>().notNull(),
    settings: jsonb('settings').$type<PlanSettings>().notNull(),
    /** draft | committed | drawn | revealed | withdrawn */
    status: text('status').notNull(),
    currentDrawId: uuid('current_draw_id'),
    withdrawReason: text('withdraw_reason'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('spot_check_plans_agency_idx').on(t.agencyId, t.year), index('spot_check_plans_region_path_idx').using('btree', t.regionPath.op('text_pattern_ops'))],
);

/**
 * One draw of a plan (a redraw is a new row; the voided one keeps its published commitment, and its seed is revealed
 * too so that nobody can discard unwelcome draws unseen). The input files live in the blob store by SHA-256.
 */
export const spotCheckDraws = pgTable(
  'spot_check_draws',
  {
    id: uuid('id').primaryKey(),
    planId: uuid('plan_id').notNull(),
    round: integer('round').notNull(),
    agencyId: uuid('agency_id').notNull(),
    regionPath: text('region_path').notNull(),
    algorithm: text('algorithm').notNull(),
    drawDate: date('draw_date').notNull(),
    commitment: text('commitment').notNull(),
    /** Secret until reveal. Never returned by any endpoint before `revealedAt`. */
    seedHex: text('seed_hex').notNull(),
    hashes: jsonb('hashes').$type<DrawInputHashes>().notNull(),
    /** Blob ids (SHA-256 of the bytes, equal to the hashes) of targets.tsv, inspectors.tsv, recusals.tsv, params.json. */
    files: jsonb('files').$type<Record<'targets' | 'inspectors' | 'recusals' | 'params', string>>().notNull(),
    counts: jsonb('counts').$type<{ targets: number; inspectors: number; recusals: number }>().notNull(),
    /** committed | drawn | revealed | voided */
    status: text('status').notNull(),
    result: jsonb('result').$type<{ cells: DrawCell[]; selections: DrawSelection[]; skipped: { recent: number; cap: number; unmatched: number }; recusalsApplied: DrawRecusal[]; key: string } | null>(),
    committedAt: timestamp('committed_at', { withTimezone: true }).notNull(),
    drawnAt: timestamp('drawn_at', { withTimezone: true }),
    revealedAt: timestamp('revealed_at', { withTimezone: true }),
    voidedAt: timestamp('voided_at', { withTimezone: true }),
    voidReason: text('void_reason'),
  },
  (t) => [uniqueIndex('spot_check_draws_plan_round_uq').on(t.planId, t.round), index('spot_check_draws_region_path_idx').using('btree', t.regionPath.op('text_pattern_ops'))],
);

/** Inspection tasks for the drawn teams (§8 I6, I7): result, linked penalty case, publication due date. */
export const spotCheckTasks = pgTable(
  'spot_check_tasks',
  {
    id: uuid('id').primaryKey(),
    drawId: uuid('draw_id').notNull(),
    planId: uuid('plan_id').notNull(),
    targetId: uuid('target_id').notNull(),
    agencyId: uuid('agency_id').notNull(),
    regionPath: text('region_path').notNull(),
    officerIds: jsonb('officer_ids').$type<string[]>().notNull(),
    /** assigned | done | cancelled */
    status: text('status').notNull(),
    /** no_problem | rectification | case_opened */
    outcome: text('outcome'),
    note: text('note'),
    caseId: uuid('case_id'),
    inspectedOn: date('inspected_on'),
    /** Result publication due: inspection end + 20 working days (§8 I6; 企业公示信息抽查暂行办法 Art.11). */
    publishDueOn: date('publish_due_on'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('spot_check_tasks_draw_idx').on(t.drawId),
    index('spot_check_tasks_target_idx').on(t.targetId, t.inspectedOn),
    index('spot_check_tasks_agency_idx').on(t.agencyId, t.status),
  ],
);

/** Every accepted action on a plan, its draws and tasks. Append-only by trigger (custom migration). */
export const spotCheckEvents = pgTable(
  'spot_check_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    planId: uuid('plan_id').notNull(),
    drawId: uuid('draw_id'),
    taskId: uuid('task_id'),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    actorId: uuid('actor_id').notNull(),
    actorRole: text('actor_role').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('spot_check_events_plan_idx').on(t.planId, t.id)],
);
