import type { Refusal } from '../errors/error-codes.ts';
import type { HashFn } from '../ledger/merkle.ts';
import { DrawStream, LazyShuffle } from '../draw/draw.ts';

/**
 * People around enforcement supervision (domain-rules §10.1 S2, S4; §13 PQ7): enforcement supervisors (监督员) with
 * supervision certificates, an expert panel (专家库), enterprise contact points (企业联系点), questionnaires and
 * third-party evaluation (第三方评估). Pure rules; the server stores and enforces them.
 */

// ---- supervisors and certificates (S4, PQ7) ------------------------------------------------------------------------
export const SUPERVISOR_KINDS = ['full_time', 'part_time', 'special'] as const;
export type SupervisorKind = (typeof SUPERVISOR_KINDS)[number];
export const SUPERVISOR_KIND_LABELS: Record<SupervisorKind, { zh: string; en: string }> = {
  full_time: { zh: '专职监督员', en: 'Full-time supervisor' },
  part_time: { zh: '兼职监督员', en: 'Part-time supervisor' },
  special: { zh: '特邀监督员', en: 'Invited (special) supervisor' },
};

export interface SupervisorCertificate {
  number: string;
  issuedOn: string;
  expiresOn: string;
  /** A withdrawn or suspended certificate no longer entitles its holder to act. */
  isRevoked: boolean;
}

/** A supervision certificate is valid on a day when issued on or before it, not expired and not revoked. */
export function isSupervisorCertificateValid(c: SupervisorCertificate | null | undefined, on: string): boolean {
  return !!c && !c.isRevoked && c.issuedOn <= on && on <= c.expiresOn;
}

/** At least two certified supervisors on every field supervision (S4). */
export const MIN_FIELD_SUPERVISORS = 2;
export const FIELD_SUPERVISION_CITATION = '山东省行政执法监督条例 Art.22; 四川省行政执法监督条例 Art.29; 吉林省行政执法监督条例 Art.23; 贵州省行政执法监督办法 Art.26';

/**
 * Field supervision is done by at least two supervisors, each showing a valid supervision certificate (S4). Answers
 * the refusal naming the supervisors whose certificate was not valid on the day.
 */
export function fieldSupervisionRefusal(on: string, participants: { id: string; certificate: SupervisorCertificate | null }[]): Refusal | null {
  const distinct = new Map(participants.map((p) => [p.id, p]));
  const uncertified = [...distinct.values()].filter((p) => !isSupervisorCertificateValid(p.certificate, on)).map((p) => p.id);
  const certified = distinct.size - uncertified.length;
  if (certified >= MIN_FIELD_SUPERVISORS) return null;
  return {
    code: 'RULE_VIOLATION',
    message: `Field supervision needs at least ${MIN_FIELD_SUPERVISORS} supervisors holding a valid supervision certificate; ${certified} on ${on}.`,
    messageZh: `现场监督须由${MIN_FIELD_SUPERVISORS}名以上持有效执法监督证件的监督人员进行，当日有效持证人数为${certified}名。`,
    citation: FIELD_SUPERVISION_CITATION,
    details: { guard: 'fieldSupervisionPair', certified, required: MIN_FIELD_SUPERVISORS, uncertified },
  };
}

// ---- expert panel (S2 "experts may join") -------------------------------------------------------------------------
export interface DrawableExpert {
  id: string;
  fields: string[];
  /** Agencies or enterprises the expert declared a conflict with (回避, 广东案卷评查办法 Art.10). */
  conflicts: string[];
  isAvailable: boolean;
}

/**
 * Draw `count` experts of a field for a task, excluding the unavailable and those with a conflict with any party of
 * the task. Reuses the spot-check draw's HMAC stream and lazy Fisher–Yates (zhifa-draw/v1), so the same seed, pool
 * and task give the same experts and anyone can recompute it. The pool is sorted by id first: input order is irrelevant.
 */
export function drawExperts(hash: HashFn, seed: Uint8Array, pool: DrawableExpert[], task: { field: string; parties: string[]; count: number }): { selected: string[]; eligible: number } {
  const eligible = pool
    .filter((e) => e.isAvailable && e.fields.includes(task.field) && !e.conflicts.some((c) => task.parties.includes(c)))
    .map((e) => e.id)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const n = Math.min(task.count, eligible.length);
  const shuffle = new LazyShuffle(eligible.length, new DrawStream(hash, seed, `experts/${task.field}`));
  const selected: string[] = [];
  for (let i = 0; i < n; i++) selected.push(eligible[shuffle.next()]!);
  return { selected, eligible: eligible.length };
}

// ---- enterprise contact points (企业联系点; seed 001: 1–2 visits a year) ----------------------------------------------
export const CONTACT_POINT_MIN_VISITS = 1;
export const CONTACT_POINT_MAX_VISITS = 2;

/**
 * Visits that count for a contact point in a year: done (not withdrawn) visits dated in that year. Planned visits
 * default to the minimum; a point is short when its done visits are below its plan.
 */
export function contactPointVisitStatus(year: number, plannedVisits: number, visits: { visitedOn: string; isWithdrawn: boolean }[], asOf: string) {
  const y = String(year);
  const done = visits.filter((v) => !v.isWithdrawn && v.visitedOn.slice(0, 4) === y && v.visitedOn <= asOf).length;
  return contactPointShortfall(year, plannedVisits, done, asOf);
}

/** The same verdict from a count (the server counts visits in SQL, set-based). */
export function contactPointShortfall(year: number, plannedVisits: number, done: number, asOf: string) {
  const planned = Math.min(Math.max(plannedVisits, CONTACT_POINT_MIN_VISITS), CONTACT_POINT_MAX_VISITS);
  const yearEnded = asOf > `${year}-12-31`;
  return { year, planned, done, isShort: done < planned, isMissedAtYearEnd: yearEnded && done < CONTACT_POINT_MIN_VISITS };
}

// ---- questionnaires (S2: 问卷调查) ---------------------------------------------------------------------------------
export const SURVEY_QUESTION_TYPES = ['rating', 'choice', 'text'] as const;
export type SurveyQuestionType = (typeof SURVEY_QUESTION_TYPES)[number];
export interface SurveyQuestion {
  key: string;
  type: SurveyQuestionType;
  text: string;
  options?: string[];
  required?: boolean;
}
export type SurveyAnswers = Record<string, number | string>;

/** Check answers against the question set: every required question answered, ratings 1–5, choices from the options. */
export function surveyAnswerIssues(questions: SurveyQuestion[], answers: SurveyAnswers): { key: string; messageZh: string }[] {
  const issues: { key: string; messageZh: string }[] = [];
  for (const q of questions) {
    const a = answers[q.key];
    if (a === undefined || a === '') {
      if (q.required) issues.push({ key: q.key, messageZh: '必答题未作答' });
      continue;
    }
    if (q.type === 'rating' && !(typeof a === 'number' && Number.isInteger(a) && a >= 1 && a <= 5)) issues.push({ key: q.key, messageZh: '评分须为1至5的整数' });
    if (q.type === 'choice' && !(typeof a === 'string' && (q.options ?? []).includes(a))) issues.push({ key: q.key, messageZh: '选项不在可选范围内' });
    if (q.type === 'text' && !(typeof a === 'string' && a.length <= 2000)) issues.push({ key: q.key, messageZh: '文字回答不超过2000字' });
  }
  for (const k of Object.keys(answers)) if (!questions.some((q) => q.key === k)) issues.push({ key: k, messageZh: '问卷中没有该题' });
  return issues;
}

// ---- third-party evaluation (S2: 第三方评估) -----------------------------------------------------------------------
/** An evaluator's overall score per agency and year, on a 100-point scale (grade bands as §10.3 CR5). */
export function evaluationGrade(score: number): 'excellent' | 'good' | 'pass' | 'fail' {
  if (score >= 90) return 'excellent';
  if (score >= 75) return 'good';
  if (score >= 60) return 'pass';
  return 'fail';
}
