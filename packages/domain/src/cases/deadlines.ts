import { computeDeadline, type Deadline, type DeadlineRule, type HolidayCalendar, type PeriodPause } from '../calendar/index.ts';
import { AppError } from '../errors/index.ts';
import { RULE_KEYS } from '../rules/index.ts';

/**
 * Penalty-case time limits as data (domain-rules Appendix A). The 2/3/5/7-day periods of 行政处罚法 are WORKING days
 * (Art.85, domain-rules G1); 15 and 90 days in that law are CALENDAR days. All date maths is `computeDeadline`.
 * National defaults only: sector and local overrides come from rule profiles (the case-limit length is a parameter).
 */
export const PENALTY_DEADLINE_RULES = {
  /** Lead found → decide whether to file (立案), SAMR default; +15 WD with head approval. Appendix A #1. */
  filingDecision: { ruleId: 'penalty.filingDecision', citation: '市场监督管理行政处罚程序规定 Art.18', length: 15, unit: 'day', dayType: 'WORKING' },
  /** Filing → decision, calendar days; suspension, hearing, public notice, testing… are not counted (G6). #2. */
  caseDecision: {
    ruleId: 'penalty.caseDecision',
    citation: '行政处罚法 Art.60; 市场监督管理行政处罚程序规定 Art.64',
    length: RULE_KEYS['penalty.caseDecisionDays'].default,
    unit: 'day',
    dayType: 'CALENDAR',
  },
  /** One extension of the case limit with head approval (SAMR, housing, agriculture, medical insurance: AP25). */
  caseDecisionExtension: { ruleId: 'penalty.caseDecisionExtension', citation: '市场监督管理行政处罚程序规定 Art.64 para 1', length: 30, unit: 'day', dayType: 'CALENDAR' },
  /** Notice served → the party states and defends; silence after it is a waiver (AP20). #6. */
  statementWindow: { ruleId: 'penalty.statementWindow', citation: '行政处罚法 Art.44, Art.85; 市场监督管理行政处罚程序规定 Art.57', length: 5, unit: 'day', dayType: 'WORKING' },
  /** Notice served → hearing request (H2). #6. */
  hearingRequest: { ruleId: 'penalty.hearingRequest', citation: '行政处罚法 Art.64(1), Art.85', length: 5, unit: 'day', dayType: 'WORKING' },
  /** Hearing notice sent → earliest hearing date ("七日前通知", H2). #7. */
  hearingNotice: { ruleId: 'penalty.hearingNotice', citation: '行政处罚法 Art.64(2), Art.85', length: 7, unit: 'day', dayType: 'WORKING' },
  /** Decision made, party absent → service (AP26). #8. */
  decisionService: { ruleId: 'penalty.decisionService', citation: '行政处罚法 Art.61, Art.85', length: 7, unit: 'day', dayType: 'WORKING' },
  /** Decision received → fine paid at the bank (EX1). #13. */
  finePayment: { ruleId: 'penalty.finePayment', citation: '行政处罚法 Art.67', length: 15, unit: 'day', dayType: 'CALENDAR' },
  /** Closing trigger (executed, terminated, no penalty, transferred) → 结案审批表 (EX7). #18. */
  caseClosing: { ruleId: 'penalty.caseClosing', citation: '市场监督管理行政处罚程序规定 Art.77', length: 15, unit: 'day', dayType: 'WORKING' },
  /** On-the-spot decision → materials filed with the agency (备案, AP29). */
  simplifiedFiling: { ruleId: 'penalty.simplifiedFiling', citation: '行政处罚法 Art.52; 市场监督管理行政处罚程序规定 Art.67–70', length: 7, unit: 'day', dayType: 'WORKING' },
} as const satisfies Record<string, DeadlineRule>;
export type PenaltyDeadlineKey = keyof typeof PENALTY_DEADLINE_RULES;

/** Kinds of 扣除期间 that stop the case clock (SAMR 程序规定 Art.64 para 2; domain-rules G6). */
export type CasePauseKind = 'suspension' | 'hearing' | 'public_notice' | 'testing' | 'identification' | 'refund_order';
/** A pause, inclusive of both days; `to: null` while it is still running (e.g. the case is suspended now). */
export interface CasePause {
  kind: CasePauseKind;
  from: string;
  to: string | null;
}

/** The dates a case's deadlines hang on; every field is the day the triggering event happened (YYYY-MM-DD). */
export interface CaseDeadlineFacts {
  discoveredOn: string | null;
  filedOn: string | null;
  decisionExtensionApproved: boolean;
  pauses: readonly CasePause[];
  noticeServedOn: string | null;
  hearingNoticeSentOn: string | null;
  decidedOn: string | null;
  decisionServedOn: string | null;
  /** Whether the decision imposes a sum of money to pay (fine or confiscated gains). */
  isPaymentDue: boolean;
  closingTriggerOn: string | null;
}

export interface CaseDeadline extends Deadline {
  key: PenaltyDeadlineKey;
  start: string;
  /** True when a pause is still running: the due date moves one day later for every further day of pause. */
  isProvisional: boolean;
}

export interface CaseDeadlineOptions {
  /** Today; closes running pauses for the computation. Required when a pause is open. */
  asOf?: string;
  /** The profile value of RULE_KEYS['penalty.caseDecisionDays'] (default 90). */
  caseDecisionDays?: number;
}

/**
 * Every deadline whose triggering event has happened, with pauses applied to the case limit only (the statement,
 * hearing, service and payment windows are the party's or a fixed procedural time and do not pause).
 */
export function caseDeadlines(facts: CaseDeadlineFacts, cal: HolidayCalendar, opts: CaseDeadlineOptions = {}): CaseDeadline[] {
  const R = PENALTY_DEADLINE_RULES;
  const out: CaseDeadline[] = [];
  const add = (key: PenaltyDeadlineKey, rule: DeadlineRule, start: string | null, pauses: PeriodPause[] = [], isProvisional = false) => {
    if (start) out.push({ key, start, isProvisional, ...computeDeadline(rule, start, cal, pauses) });
  };

  if (!facts.filedOn) add('filingDecision', R.filingDecision, facts.discoveredOn);
  if (facts.filedOn) {
    const open = facts.pauses.some((p) => p.to === null);
    if (open && !opts.asOf) {
      throw new AppError('VALIDATION_FAILED', {
        message: 'asOf is required while a pause is running.',
        messageZh: '存在尚未结束的扣除期间时须提供计算日期。',
        details: { issues: [{ path: ['asOf'], message: 'required while a pause is running' }] },
      });
    }
    const pauses: PeriodPause[] = facts.pauses.map((p) => {
      const to = p.to ?? opts.asOf!;
      return { from: p.from, to: to < p.from ? p.from : to };
    });
    const days = (opts.caseDecisionDays ?? R.caseDecision.length) + (facts.decisionExtensionApproved ? R.caseDecisionExtension.length : 0);
    add('caseDecision', { ...R.caseDecision, length: days }, facts.filedOn, pauses, open);
  }
  add('statementWindow', R.statementWindow, facts.noticeServedOn);
  add('hearingRequest', R.hearingRequest, facts.noticeServedOn);
  add('hearingNotice', R.hearingNotice, facts.hearingNoticeSentOn);
  add('decisionService', R.decisionService, facts.decidedOn);
  if (facts.isPaymentDue) add('finePayment', R.finePayment, facts.decisionServedOn);
  add('caseClosing', R.caseClosing, facts.closingTriggerOn);
  return out;
}

/** Labels for the to-do list and the case page. */
export const PENALTY_DEADLINE_LABELS: Record<PenaltyDeadlineKey, { zh: string; en: string }> = {
  filingDecision: { zh: '立案审查期限', en: 'Decide whether to file' },
  caseDecision: { zh: '办案期限（作出处理决定）', en: 'Case decision limit' },
  caseDecisionExtension: { zh: '办案期限延长', en: 'Case limit extension' },
  statementWindow: { zh: '陈述申辩期限', en: 'Statement and defence window' },
  hearingRequest: { zh: '听证申请期限', en: 'Hearing request window' },
  hearingNotice: { zh: '听证通知期限', en: 'Hearing notice period' },
  decisionService: { zh: '决定书送达期限', en: 'Serve the decision' },
  finePayment: { zh: '罚款缴纳期限', en: 'Fine payment' },
  caseClosing: { zh: '结案期限', en: 'Close the case' },
  simplifiedFiling: { zh: '简易程序备案期限', en: 'File the on-the-spot decision' },
};

/** A deadline as the to-do list shows it: whose turn it is and whether it is met, running or overdue. */
export type CaseDeadlineState = 'running' | 'met' | 'overdue' | 'paused' | 'ended';

/**
 * Where each deadline stands today. Party windows (statement, hearing request) simply end; the agency's own limits
 * are met by the step that answers them, or become overdue.
 */
export function caseDeadlineStates(
  facts: CaseDeadlineFacts & { decidedOn: string | null; hearingHeldOn?: string | null; paymentCompletedOn?: string | null; isClosed: boolean },
  deadlines: readonly CaseDeadline[],
  today: string,
): (CaseDeadline & { state: CaseDeadlineState })[] {
  const metBy: Record<PenaltyDeadlineKey, boolean> = {
    filingDecision: facts.filedOn !== null,
    caseDecision: facts.decidedOn !== null || facts.closingTriggerOn !== null,
    caseDecisionExtension: facts.decidedOn !== null,
    statementWindow: false,
    hearingRequest: false,
    hearingNotice: !!facts.hearingHeldOn,
    decisionService: facts.decisionServedOn !== null,
    finePayment: !!facts.paymentCompletedOn,
    caseClosing: facts.isClosed,
    simplifiedFiling: false,
  };
  return deadlines.map((d) => {
    const partyWindow = d.key === 'statementWindow' || d.key === 'hearingRequest';
    let state: CaseDeadlineState;
    if (metBy[d.key]) state = 'met';
    else if (partyWindow) state = today > d.due ? 'ended' : 'running';
    else if (d.isProvisional) state = 'paused';
    else state = today > d.due ? 'overdue' : 'running';
    return { ...d, state };
  });
}
