/**
 * After-enforcement publicity (事后公开, domain-rules §2.3 and §15): which decisions are published, by when, what is
 * excluded and why, and how a published decision is withdrawn. Pure; the server stores and enforces.
 */
import { addPeriod, type HolidayCalendar } from '../calendar/calendar.ts';
import type { Refusal } from '../errors/index.ts';

/** What kind of decision a publication is; the deadline depends on it (P8). */
export const DecisionCategory = {
  PENALTY: 'penalty',
  LICENCE: 'licence',
  INSPECTION: 'inspection',
  COERCION: 'coercion',
  OTHER: 'other',
} as const;
export type DecisionCategory = (typeof DecisionCategory)[keyof typeof DecisionCategory];
export const DECISION_CATEGORIES = Object.values(DecisionCategory) as DecisionCategory[];
export const DECISION_CATEGORY_LABELS: Record<DecisionCategory, { zh: string; en: string }> = {
  penalty: { zh: '行政处罚', en: 'Administrative penalty' },
  licence: { zh: '行政许可', en: 'Administrative licence' },
  inspection: { zh: '行政检查', en: 'Inspection' },
  coercion: { zh: '行政强制', en: 'Administrative coercion' },
  other: { zh: '其他', en: 'Other' },
};

export interface PublicationDeadlineParams {
  'publication.licencePenaltyWorkingDays': number;
  'publication.otherWorkingDays': number;
}

/**
 * Publication due date: decision date + 7 working days for licensing and penalty decisions, + 20 for every other
 * enforcement decision (国办发〔2018〕118号 §二(六); 内蒙古办法 Art.12), values from the rule profile.
 */
export function publicationDueOn(decidedOn: string, category: DecisionCategory, params: PublicationDeadlineParams, cal: HolidayCalendar): string {
  const n = category === 'penalty' || category === 'licence' ? params['publication.licencePenaltyWorkingDays'] : params['publication.otherWorkingDays'];
  return addPeriod(decidedOn, n, 'day', 'WORKING', cal);
}

/** Withdrawal due date: 3 working days after the decision was changed or revoked (行政处罚法 Art.48 para 2; SAMR 程序规定 Art.63). */
export function withdrawalDueOn(changedOn: string, params: { 'publication.withdrawWorkingDays': number }, cal: HolidayCalendar): string {
  return addPeriod(changedOn, params['publication.withdrawWorkingDays'], 'day', 'WORKING', cal);
}

/** Why a decision is not published (domain-rules PR1, PR2, P12). Each code carries its citation. */
export const ExclusionReason = {
  MINOR: 'minor',
  CRIME_TRANSFER: 'crime_transfer',
  WARNING_ONLY: 'warning_only',
  STATE_SECRET: 'state_secret',
  TRADE_SECRET_OR_PRIVACY: 'trade_secret_or_privacy',
  SECURITY_OR_STABILITY: 'security_or_stability',
  RELATED_INVESTIGATION: 'related_investigation',
  OTHER_LAW: 'other_law',
} as const;
export type ExclusionReason = (typeof ExclusionReason)[keyof typeof ExclusionReason];
export const EXCLUSION_REASONS = Object.values(ExclusionReason) as ExclusionReason[];
export const EXCLUSION_REASON_INFO: Record<ExclusionReason, { zh: string; en: string; citation: string }> = {
  minor: { zh: '当事人为未成年人', en: 'The party is a minor', citation: '内蒙古办法 Art.11(1); 个人信息保护法 Art.28' },
  crime_transfer: { zh: '涉嫌犯罪已移送公安机关', en: 'Suspected crime, transferred to the police', citation: '内蒙古办法 Art.11(5)' },
  warning_only: { zh: '仅给予警告', en: 'Warning only', citation: '市场监督管理行政处罚信息公示规定 Art.2' },
  state_secret: { zh: '涉及国家秘密', en: 'State secret', citation: '政府信息公开条例 Art.14' },
  trade_secret_or_privacy: { zh: '涉及商业秘密或个人隐私', en: 'Trade secret or personal privacy', citation: '政府信息公开条例 Art.15; 内蒙古办法 Art.11(2)' },
  security_or_stability: { zh: '可能危及国家安全、公共安全、经济安全和社会稳定', en: 'Could endanger security or stability', citation: '政府信息公开条例 Art.14; 内蒙古办法 Art.11(3)' },
  related_investigation: { zh: '可能影响相关案件查处', en: 'Could affect the investigation of related cases', citation: '内蒙古办法 Art.11(4)' },
  other_law: { zh: '法律、法规规定不予公开的其他情形', en: 'Other cases under law', citation: '内蒙古办法 Art.11(6)' },
};

export interface ExclusionFacts {
  partyType: 'individual' | 'organisation';
  /** Birth date of a natural-person party (from the ID number), YYYY-MM-DD. */
  partyBirthDate: string | null;
  /** Day the violation was committed; the age is taken on that day (PR2: "party age < 18 at the violation date"). */
  violationOn: string;
  isSuspectedCrime: boolean;
  crimeTransferred: boolean;
  penaltyTypes: readonly string[];
}

/** Age in whole years on a day, both YYYY-MM-DD. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * The exclusions that follow from the case data alone, checked automatically before anything is published
 * (domain-rules PR2 Sys): a minor party, a case transferred as a suspected crime, and — the default policy of P12 — a
 * warning-only decision. Officers add the others (secrets, security, related investigations) with a reason.
 */
export function automaticExclusions(f: ExclusionFacts): ExclusionReason[] {
  const out: ExclusionReason[] = [];
  if (f.partyType === 'individual' && f.partyBirthDate && ageOn(f.partyBirthDate, f.violationOn) < 18) out.push('minor');
  if (f.isSuspectedCrime || f.crimeTransferred) out.push('crime_transfer');
  if (f.penaltyTypes.length > 0 && f.penaltyTypes.every((t) => t === 'warning')) out.push('warning_only');
  return out;
}

/** Why a published decision is withdrawn (行政处罚法 Art.48 para 2: 变更、撤销、确认违法、确认无效), or corrected. */
export const WithdrawalReason = {
  CHANGED: 'changed',
  REVOKED: 'revoked',
  CONFIRMED_ILLEGAL: 'confirmed_illegal',
  CONFIRMED_VOID: 'confirmed_void',
  PUBLISHED_IN_ERROR: 'published_in_error',
  DISPLAY_PERIOD_ENDED: 'display_period_ended',
} as const;
export type WithdrawalReason = (typeof WithdrawalReason)[keyof typeof WithdrawalReason];
export const WITHDRAWAL_REASONS = Object.values(WithdrawalReason) as WithdrawalReason[];
export const WITHDRAWAL_REASON_LABELS: Record<WithdrawalReason, { zh: string; en: string }> = {
  changed: { zh: '决定被变更', en: 'Decision changed' },
  revoked: { zh: '决定被撤销', en: 'Decision revoked' },
  confirmed_illegal: { zh: '决定被确认违法', en: 'Decision confirmed illegal' },
  confirmed_void: { zh: '决定被确认无效', en: 'Decision confirmed void' },
  published_in_error: { zh: '误公开', en: 'Published in error' },
  display_period_ended: { zh: '公示期届满', en: 'Display period ended' },
};

/**
 * A withdrawal must state its reason publicly (行政处罚法 Art.48 para 2, "并公开说明理由"); a few words are not a reason.
 */
export function checkWithdrawal(input: { publicReason: string; alreadyWithdrawn: boolean }): Refusal | null {
  if (input.alreadyWithdrawn) {
    return { code: 'INVALID_TRANSITION', message: 'This publication is already withdrawn.', messageZh: '该公示已撤下。', citation: '行政处罚法 Art.48' };
  }
  if ([...input.publicReason.trim()].length < 6) {
    return {
      code: 'RULE_VIOLATION',
      message: 'A withdrawal needs a public reason of at least 6 characters.',
      messageZh: '撤下公示应当公开说明理由（不少于6个字）。',
      citation: '行政处罚法 Art.48',
    };
  }
  return null;
}

/**
 * Display period (P14, SAMR 公示规定 Art.13): 3 months for 通报批评 or a lower-amount fine, otherwise 3 years.
 * `lowFineThreshold` is the province's "较低数额" (null = no short period for fines).
 */
export function displayUntil(decidedOn: string, penalty: { types: readonly string[]; fineAmount: number | null }, lowFineThreshold: number | null): string {
  const onlyLight = penalty.types.length > 0 && penalty.types.every((t) => t === 'criticism' || t === 'warning' || t === 'fine');
  const lowFine = !penalty.types.includes('fine') || (lowFineThreshold != null && (penalty.fineAmount ?? 0) <= lowFineThreshold);
  const months = onlyLight && lowFine && penalty.types.some((t) => t === 'criticism' || t === 'fine') ? 3 : 36;
  const [y, m, d] = decidedOn.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).getUTCDate();
  return `${t.getUTCFullYear()}-${String(t.getUTCMonth() + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Complaint tracking numbers (受理编号): TS + date + 6 random base-32 characters; no personal data in it. */
const TRACK_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export function complaintTrackingNo(day: string, random: Uint8Array): string {
  if (random.length < 6) throw new RangeError('complaintTrackingNo needs 6 random bytes');
  const tail = [...random.slice(0, 6)].map((b) => TRACK_ALPHABET[b % 32]).join('');
  return `TS${day.replace(/-/g, '')}${tail}`;
}
export const COMPLAINT_TRACKING_RE = /^TS\d{8}[2-9A-HJ-NP-Z]{6}$/;

export const ComplaintStatus = { RECEIVED: 'received', ACCEPTED: 'accepted', REJECTED: 'rejected', IN_PROGRESS: 'in_progress', CLOSED: 'closed' } as const;
export type ComplaintStatus = (typeof ComplaintStatus)[keyof typeof ComplaintStatus];
export const COMPLAINT_STATUSES = Object.values(ComplaintStatus) as ComplaintStatus[];
export const COMPLAINT_STATUS_LABELS: Record<ComplaintStatus, { zh: string; en: string }> = {
  received: { zh: '已收到', en: 'Received' },
  accepted: { zh: '已受理', en: 'Accepted' },
  rejected: { zh: '不予受理', en: 'Rejected' },
  in_progress: { zh: '办理中', en: 'In progress' },
  closed: { zh: '已办结', en: 'Closed' },
};
/** Complaint handling as a table: status → action → next status (市场监督管理投诉举报处理暂行办法 Art.14-15). */
export const COMPLAINT_TRANSITIONS = {
  received: { accept: 'accepted', reject: 'rejected' },
  accepted: { start: 'in_progress', close: 'closed' },
  in_progress: { close: 'closed' },
  rejected: {},
  closed: {},
} as const satisfies Record<ComplaintStatus, Partial<Record<string, ComplaintStatus>>>;
export type ComplaintAction = 'accept' | 'reject' | 'start' | 'close';
/** Accept or reject within 7 working days of receipt (市场监督管理投诉举报处理暂行办法 Art.14). */
export const COMPLAINT_ACCEPT_WORKING_DAYS = 7;

/**
 * The public result line of a licensing decision (118号 §二(六): the conclusion; 行政许可法 Art.38: a refusal states its
 * reasons). The certificate number goes in the title, not here: the redaction would take its long digit run for a bank
 * account. The application number is never published (it opens the applicant's progress page with the code, P7).
 */
export function licenceResultText(decision: { kind: 'grant' | 'refuse'; reasons: string }): string {
  if (decision.kind === 'grant') return '准予行政许可';
  return `不予行政许可${decision.reasons.trim() ? `。理由：${decision.reasons.trim()}` : ''}`;
}

const FOLLOW_UP_TEXT: Record<string, string> = { rectification: '责令改正', penalty_case: '立案查处' };

/** The public result line of an inspection (内蒙古办法 Art.10: conclusion): no problem, or the problems and the follow-ups. */
export function inspectionResultText(result: { outcome: 'no_problem' | 'problems_found'; findings: readonly string[]; followUps: readonly string[] }): string {
  if (result.outcome === 'no_problem') return '未发现问题';
  const follow = result.followUps.map((f) => FOLLOW_UP_TEXT[f] ?? f).join('、');
  return `发现问题${result.findings.length ? `：${result.findings.join('；')}` : ''}${follow ? `。处理：${follow}` : ''}`;
}

/** The heading of a published decision by its kind (P9 template). */
export function publicationTitle(category: DecisionCategory, agencyName: string, decisionNo: string | null, licenceKind?: 'grant' | 'refuse'): string {
  const kind = category === 'licence' ? (licenceKind === 'refuse' ? '不予行政许可决定书' : '准予行政许可决定书') : category === 'inspection' ? '行政检查结果' : category === 'penalty' ? '行政处罚决定书' : '行政执法决定';
  return `${agencyName}${kind}${decisionNo ? `（${decisionNo}）` : ''}`;
}
