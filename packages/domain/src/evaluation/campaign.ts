import type { Refusal } from '../errors/error-codes.ts';
import { addPeriod, type HolidayCalendar } from '../calendar/calendar.ts';
import { DrawStream, LazyShuffle, hmac } from '../draw/draw.ts';
import { fromHex } from '../ledger/hex.ts';
import type { HashFn } from '../ledger/merkle.ts';

/**
 * 案卷评查 campaign (domain-rules §10.3 CR3): work plan → sample → independent scoring → panel report → report issued to
 * the reviewed bodies (objection window) → closed. A campaign may be withdrawn only before scoring starts.
 */
export const EVALUATION_STATUSES = ['planned', 'sampling', 'scoring', 'report', 'objection', 'closed', 'withdrawn'] as const;
export type EvaluationStatus = (typeof EVALUATION_STATUSES)[number];
export const EVALUATION_ACTIONS = ['sample', 'start_scoring', 'draft_report', 'issue_report', 'close', 'withdraw'] as const;
export type EvaluationAction = (typeof EVALUATION_ACTIONS)[number];

export const EVALUATION_TRANSITIONS = {
  planned: { sample: 'sampling', withdraw: 'withdrawn' },
  sampling: { start_scoring: 'scoring', withdraw: 'withdrawn' },
  scoring: { draft_report: 'report' },
  report: { issue_report: 'objection' },
  objection: { close: 'closed' },
  closed: {},
  withdrawn: {},
} as const satisfies Record<EvaluationStatus, Partial<Record<EvaluationAction, EvaluationStatus>>>;

export function evaluationActions(s: EvaluationStatus): EvaluationAction[] {
  return Object.keys(EVALUATION_TRANSITIONS[s]) as EvaluationAction[];
}
export function nextEvaluationStatus(s: EvaluationStatus, a: EvaluationAction): EvaluationStatus | null {
  return (EVALUATION_TRANSITIONS[s] as Partial<Record<EvaluationAction, EvaluationStatus>>)[a] ?? null;
}

export const EVALUATION_STATUS_LABELS: Record<EvaluationStatus, string> = {
  planned: '已制定方案',
  sampling: '已抽取案卷',
  scoring: '评分中',
  report: '评查报告审核',
  objection: '已反馈（异议期）',
  closed: '已结束',
  withdrawn: '已撤回',
};

/** Closed files are sampled; a file still being handled is not yet a file (一案一卷, SAMR 程序规定 Art.78). */
export const EVALUATION_PROCEDURE_KINDS = ['penalty', 'licensing', 'inspection', 'coercion'] as const;
export type EvaluationProcedureKind = (typeof EVALUATION_PROCEDURE_KINDS)[number];

// ---- sampling ---------------------------------------------------------------------------------------------------------

export const EVALUATION_SAMPLE_ALGORITHM = 'zhifa-evaluation-sample/v1';

export interface SampleCandidate {
  id: string;
  agencyId: string;
}

/** Either a fixed number of files per agency or a rate in basis points (1/100 %), rounded up, at least `min`. */
export type SampleQuota = { count: number } | { rateBp: number; min?: number | undefined };

export function quotaFor(q: SampleQuota, population: number): number {
  if ('count' in q) return Math.min(population, Math.max(0, Math.floor(q.count)));
  const want = Math.ceil((population * q.rateBp) / 10000);
  return Math.min(population, Math.max(want, q.min ?? 0));
}

export interface SampleResult {
  algorithm: string;
  perAgency: { agencyId: string; population: number; drawn: number }[];
  /** Selected ids, agencies in id order, picks in draw order. */
  selected: SampleCandidate[];
}

/**
 * Random sampling per agency (CR2 "sampling may be random"), reproducible from the recorded seed with the draw's
 * primitives (HMAC-SHA-256 counter streams, exact `below`, partial Fisher–Yates): key = HMAC(seed, algorithm + "\n" +
 * label), each agency's candidates sorted by id and shuffled with stream "agency|" + agencyId. Same seed, label and
 * population → same sample.
 */
export function sampleCaseFiles(p: { hash: HashFn; seedHex: string; label: string; candidates: readonly SampleCandidate[]; quota: SampleQuota }): SampleResult {
  const seed = fromHex(p.seedHex);
  if (seed.length !== 32) throw new RangeError('the sample seed must be 32 bytes');
  const key = hmac(p.hash, seed, new TextEncoder().encode(`${EVALUATION_SAMPLE_ALGORITHM}\n${p.label}`));
  const byAgency = new Map<string, string[]>();
  for (const c of p.candidates) {
    const xs = byAgency.get(c.agencyId) ?? [];
    xs.push(c.id);
    byAgency.set(c.agencyId, xs);
  }
  const perAgency: SampleResult['perAgency'] = [];
  const selected: SampleCandidate[] = [];
  for (const agencyId of [...byAgency.keys()].sort(cmp)) {
    const ids = [...new Set(byAgency.get(agencyId))].sort(cmp);
    const n = quotaFor(p.quota, ids.length);
    const sh = new LazyShuffle(ids.length, new DrawStream(p.hash, key, `agency|${agencyId}`));
    for (let i = 0; i < n; i++) selected.push({ id: ids[sh.next()]!, agencyId });
    perAgency.push({ agencyId, population: ids.length, drawn: n });
  }
  return { algorithm: EVALUATION_SAMPLE_ALGORITHM, perAgency, selected };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---- conflict of interest ---------------------------------------------------------------------------------------------

export interface EvaluationReviewerFacts {
  userId: string;
  officerId: string | null;
  agencyId: string | null;
}
export interface ReviewedFileFacts {
  agencyId: string;
  /** Officers who handled the case, its legal reviewer and the review-chain signers. */
  handlerOfficerIds: readonly string[];
  handlerUserIds?: readonly string[] | undefined;
}

/** CR2 (广东 Art.9): a reviewer who handled or reviewed the case, or belongs to the reviewed agency, withdraws. */
export function reviewerConflict(r: EvaluationReviewerFacts, f: ReviewedFileFacts): Refusal | null {
  const citation = '广东省行政执法案卷评查办法 Art.9';
  if (r.agencyId && r.agencyId === f.agencyId) {
    return { code: 'RULE_VIOLATION', message: 'A reviewer of the reviewed agency must withdraw.', messageZh: '评查人员属于被评查单位，应当回避。', citation, details: { reason: 'same_agency' } };
  }
  if ((r.officerId && f.handlerOfficerIds.includes(r.officerId)) || f.handlerUserIds?.includes(r.userId)) {
    return { code: 'RULE_VIOLATION', message: 'A reviewer who handled or reviewed the case must withdraw.', messageZh: '评查人员承办或审核过该案件，应当回避。', citation, details: { reason: 'handled' } };
  }
  return null;
}

/** CR2: each file is scored independently by at least two reviewers. */
export const MIN_REVIEWERS_PER_FILE = 2;

// ---- objection window -------------------------------------------------------------------------------------------------

/** CR3(7): written re-check request within 10 WD of receiving the report; the authority re-checks within 10 WD. */
export const EVALUATION_OBJECTION_WORKING_DAYS = 10;
export const EVALUATION_RECHECK_WORKING_DAYS = 10;
const CR3 = '广东省行政执法案卷评查办法 Art.13 (domain-rules §10.3 CR3(7))';

export function objectionDueOn(receivedOn: string, cal: HolidayCalendar): string {
  return addPeriod(receivedOn, EVALUATION_OBJECTION_WORKING_DAYS, 'day', 'WORKING', cal);
}
export function recheckDueOn(objectedOn: string, cal: HolidayCalendar): string {
  return addPeriod(objectedOn, EVALUATION_RECHECK_WORKING_DAYS, 'day', 'WORKING', cal);
}

export function objectionRefusal(receivedOn: string, today: string, cal: HolidayCalendar): Refusal | null {
  const due = objectionDueOn(receivedOn, cal);
  if (today <= due) return null;
  return {
    code: 'RULE_VIOLATION',
    message: `The objection window closed on ${due} (10 working days after the report was received on ${receivedOn}).`,
    messageZh: `异议期已于${due}届满（收到评查报告之日起10个工作日内）。`,
    citation: CR3,
    details: { receivedOn, dueOn: due },
  };
}

// ---- CR7: officers with several failed files --------------------------------------------------------------------------

export function officersWithFailedFiles(files: readonly { officerIds: readonly string[]; isFailed: boolean }[], threshold: number): { officerId: string; failed: number }[] {
  const n = new Map<string, number>();
  for (const f of files) if (f.isFailed) for (const o of new Set(f.officerIds)) n.set(o, (n.get(o) ?? 0) + 1);
  return [...n.entries()]
    .filter(([, c]) => c >= threshold)
    .map(([officerId, failed]) => ({ officerId, failed }))
    .sort((a, b) => b.failed - a.failed || cmp(a.officerId, b.officerId));
}
