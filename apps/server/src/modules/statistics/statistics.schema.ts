import { sql } from 'drizzle-orm';
import { bigint, bigserial, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const counter = (name: string) => integer(name).notNull().default(0);

/** The counters stats_daily and stats_region share (fresh builders per table: Drizzle binds a column to its table). */
const rollupCounters = () => ({
    opened: counter('opened'),
    decided: counter('decided'),
    closed: counter('closed'),
    fineCount: counter('fine_count'),
    fineTotal: bigint('fine_total', { mode: 'number' }).notNull().default(0),
    majorDecided: counter('major_decided'),
    majorReviewed: counter('major_reviewed'),
    avRequired: counter('av_required'),
    avCovered: counter('av_covered'),
    licenceDecided: counter('licence_decided'),
    licenceGranted: counter('licence_granted'),
    licenceOnTime: counter('licence_on_time'),
    inspectionDone: counter('inspection_done'),
    inspectionProblem: counter('inspection_problem'),
    coercionApplied: counter('coercion_applied'),
    pubDue: counter('pub_due'),
    pubOnTime: counter('pub_on_time'),
    pubLate: counter('pub_late'),
    pubExcluded: counter('pub_excluded'),
});

/**
 * The statistics rollup: additive counters per day (grain 'd'), month ('m', day = the 1st) and year ('y', day = 1 Jan) × agency ×
 * region path × kind × item category × procedure. Derived data, rebuilt at will from the append-only event tables
 * (`statistics.rebuild`), so it is not a ledger leaf. There is no officer column on purpose (行政处罚法 Art.74;
 * 国办发〔2022〕27号 §三(六)): fines cannot be grouped by person from here. Dashboards sum whole years from the 'y'
 * rows, whole months from the 'm' rows and only the ragged edges of a range from the 'd' rows.
 */
export const statsDaily = pgTable(
  'stats_daily',
  {
    grain: text('grain').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    agencyId: uuid('agency_id').notNull(),
    regionPath: text('region_path').notNull(),
    kind: text('kind').notNull(),
    category: text('category').notNull(),
    procedure: text('procedure').notNull(),
    ...rollupCounters(),
  },
  (t) => [
    uniqueIndex('stats_daily_key_uq').on(t.grain, t.day, t.agencyId, t.regionPath, t.kind, t.category, t.procedure),
    // region subtree + date range: the supervisor's query (prefix scan on text_pattern_ops, then the day range)
    index('stats_daily_region_idx').using('btree', t.grain, t.regionPath.op('text_pattern_ops'), t.day),
    index('stats_daily_agency_idx').on(t.grain, t.agencyId, t.day),
  ],
);

/**
 * The same counters summed per region node (every ancestor of the agency's region, '/' included): a supervisor's
 * region over a date range reads one row per (day or month or year) × kind × category × procedure instead of every
 * agency's row below it — the dashboard goal of issue #6 (p95 < 300 ms over 10,000,000 cases). Written by the fold in
 * the same transaction as stats_daily, so the two always agree (derived data, not a logged table).
 */
export const statsRegion = pgTable(
  'stats_region',
  {
    grain: text('grain').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    regionPath: text('region_path').notNull(),
    /** The node one level up ('/130000/130300/' for '/130000/130300/130322/'; '/' for itself): drill-down reads children by it. */
    parentPath: text('parent_path').generatedAlwaysAs(sql`regexp_replace(region_path, '[^/]+/$', '')`),
    kind: text('kind').notNull(),
    category: text('category').notNull(),
    procedure: text('procedure').notNull(),
    ...rollupCounters(),
  },
  (t) => [
    uniqueIndex('stats_region_key_uq').on(t.grain, t.regionPath, t.day, t.kind, t.category, t.procedure),
    index('stats_region_parent_idx').on(t.grain, t.parentPath, t.day),
  ],
);

/**
 * Current status of every aggregate, counted by the month it was opened: each event moves one from its from-status
 * to its to-status. "Of the cases opened in the period, how many now stand where" without touching the case tables.
 */
export const statsStatus = pgTable(
  'stats_status',
  {
    openedMonth: date('opened_month', { mode: 'string' }).notNull(),
    agencyId: uuid('agency_id').notNull(),
    regionPath: text('region_path').notNull(),
    kind: text('kind').notNull(),
    category: text('category').notNull(),
    procedure: text('procedure').notNull(),
    status: text('status').notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [
    uniqueIndex('stats_status_key_uq').on(t.openedMonth, t.agencyId, t.regionPath, t.kind, t.category, t.procedure, t.status),
    index('stats_status_region_idx').using('btree', t.regionPath.op('text_pattern_ops'), t.openedMonth),
  ],
);

/**
 * How far each event source has been folded into the rollup, in the same transaction as the counters (so a crash
 * never double-counts). `holes` are ids below the mark not seen yet: a sequence value taken by a transaction still in
 * flight (it may commit later) or rolled back (expires after a while).
 */
export const statsWatermarks = pgTable('stats_watermarks', {
  source: text('source').primaryKey(),
  lastId: bigint('last_id', { mode: 'number' }).notNull().default(0),
  holes: jsonb('holes').$type<{ id: number; seenAt: string }[]>().notNull().default(sql`'[]'::jsonb`),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Rows of uuid-keyed append-only sources (publication tasks, publications, exclusions) already folded in. */
export const statsSeen = pgTable(
  'stats_seen',
  {
    source: text('source').notNull(),
    ref: uuid('ref').notNull(),
    seenAt: timestamp('seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.source, t.ref] })],
);

/** 行政执法统计年报 (118号 §二(六), P17): one per agency and year; the projection of annual_report_events. */
export const annualReports = pgTable(
  'annual_reports',
  {
    id: uuid('id').primaryKey(),
    agencyId: uuid('agency_id').notNull(),
    agencyName: text('agency_name').notNull(),
    regionPath: text('region_path').notNull(),
    year: integer('year').notNull(),
    status: text('status').notNull(),
    /** The figures as generated: items with value or `null` + "no data source yet", and when they were taken. */
    content: jsonb('content').$type<AnnualReportContent>().notNull(),
    version: integer('version').notNull().default(1),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('annual_reports_agency_year_uq').on(t.agencyId, t.year),
    index('annual_reports_region_idx').using('btree', t.regionPath.op('text_pattern_ops')),
    index('annual_reports_year_status_idx').on(t.year, t.status),
  ],
);

export interface AnnualReportContent {
  year: number;
  agencyName: string;
  regionName: string | null;
  generatedAt: string;
  /** The day the rollup was read up to (the end of the year). */
  periodFrom: string;
  periodTo: string;
  items: { key: string; zh: string; en: string; unit: string; value: number | null; source: string | null }[];
  byCategory: { category: string; opened: number; decided: number }[];
  note: string | null;
}

/** Every step of an annual report (generate / approve / publish / withdraw). Append-only by trigger, ledger leaf. */
export const annualReportEvents = pgTable(
  'annual_report_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    reportId: uuid('report_id').notNull(),
    seq: integer('seq').notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorId: uuid('actor_id').notNull(),
    actorRole: text('actor_role').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('annual_report_events_seq_uq').on(t.reportId, t.seq)],
);
