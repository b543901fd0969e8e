import { average, rate } from './rates.ts';

/** What the rollup counts by (the 执法行为 kind of the aggregate the event belongs to). */
export const StatsKind = { PENALTY: 'penalty', LICENCE: 'licence', INSPECTION: 'inspection', COERCION: 'coercion' } as const;
export type StatsKind = (typeof StatsKind)[keyof typeof StatsKind];
export const STATS_KINDS = Object.values(StatsKind) as StatsKind[];
export const STATS_KIND_LABELS: Record<StatsKind, { zh: string; en: string }> = {
  penalty: { zh: '行政处罚', en: 'Penalty' },
  licence: { zh: '行政许可', en: 'Licensing' },
  inspection: { zh: '行政检查', en: 'Inspection' },
  coercion: { zh: '行政强制', en: 'Coercion' },
};

/**
 * The additive counters of one rollup row (day × agency × region × kind × category × procedure). Everything the
 * dashboards show is a sum of these or a ratio of two sums, so any region, agency, category or period is a range scan.
 */
export const STATS_COUNTERS = [
  'opened',
  'decided',
  'closed',
  'fineCount',
  'fineTotal',
  'majorDecided',
  'majorReviewed',
  'avRequired',
  'avCovered',
  'licenceDecided',
  'licenceGranted',
  'licenceOnTime',
  'inspectionDone',
  'inspectionProblem',
  'coercionApplied',
  'pubDue',
  'pubOnTime',
  'pubLate',
  'pubExcluded',
] as const;
export type StatsCounter = (typeof STATS_COUNTERS)[number];
export type StatsCounters = Record<StatsCounter, number>;

export function emptyCounters(): StatsCounters {
  return Object.fromEntries(STATS_COUNTERS.map((k) => [k, 0])) as StatsCounters;
}
export function addCounters(a: StatsCounters, b: Partial<StatsCounters>): StatsCounters {
  const out = { ...a };
  for (const k of STATS_COUNTERS) out[k] += b[k] ?? 0;
  return out;
}

/**
 * Dimensions the API may group by. There is deliberately no `officer`: fines must not be tied to staff performance,
 * no fine quotas, no ranking by fine amount (行政处罚法 Art.74; 国办发〔2022〕27号 §三(六); domain-rules EX6, ST5) —
 * statistics report totals at agency level at most. The rollup has no officer column, so it cannot be added by a
 * query parameter either.
 */
export const STATS_DIMENSIONS = ['region', 'agency', 'kind', 'category', 'procedure', 'period'] as const;
export type StatsDimension = (typeof STATS_DIMENSIONS)[number];
export const FORBIDDEN_DIMENSIONS: Record<string, string> = {
  officer: '行政处罚法 Art.74; 国办发〔2022〕27号 §三(六)',
  officerId: '行政处罚法 Art.74; 国办发〔2022〕27号 §三(六)',
  user: '行政处罚法 Art.74; 国办发〔2022〕27号 §三(六)',
};
export function isAllowedDimension(d: string): d is StatsDimension {
  return (STATS_DIMENSIONS as readonly string[]).includes(d);
}

/** The ratios derived from summed counters; null where the denominator is zero (see rates.ts). */
export interface DerivedMetrics {
  fineAverage: number | null;
  reviewCoverage: number | null;
  avCoverage: number | null;
  licenceOnTimeRate: number | null;
  inspectionProblemRate: number | null;
  /** Of the publications whose due date has passed: on time / late / still missing. */
  publicationOnTimeRate: number | null;
  publicationOverdue: number;
}

/**
 * `pubDue` counts tasks by due day; a task due by `today` that is neither published nor excluded is overdue now
 * (118号 §二(六): 7/20 working days). Callers pass counters summed over due days up to yesterday for `pastDue`.
 */
export function deriveMetrics(c: StatsCounters, pastDue?: Pick<StatsCounters, 'pubDue' | 'pubOnTime' | 'pubLate' | 'pubExcluded'>): DerivedMetrics {
  const p = pastDue ?? c;
  const settled = p.pubOnTime + p.pubLate + p.pubExcluded;
  return {
    fineAverage: average(c.fineTotal, c.fineCount),
    reviewCoverage: rate(c.majorReviewed, c.majorDecided),
    avCoverage: rate(c.avCovered, c.avRequired),
    licenceOnTimeRate: rate(c.licenceOnTime, c.licenceDecided),
    inspectionProblemRate: rate(c.inspectionProblem, c.inspectionDone),
    publicationOnTimeRate: rate(c.pubOnTime, c.pubOnTime + c.pubLate),
    publicationOverdue: Math.max(0, p.pubDue - settled),
  };
}

/** A publication is on time when published on or before its due day (118号 §二(六)). */
export function publicationTimeliness(dueOn: string, publishedOn: string | null, excluded: boolean): 'on_time' | 'late' | 'excluded' | 'pending' {
  if (excluded) return 'excluded';
  if (!publishedOn) return 'pending';
  return publishedOn <= dueOn ? 'on_time' : 'late';
}
