import { computeDeadline, type Deadline, type DeadlineRule, type HolidayCalendar, type PeriodPause } from '../calendar/index.ts';
import { AppError, type Refusal } from '../errors/index.ts';
import { procedureEngine, type ProcedureCheck } from './procedure-engine.ts';
import type { SubjectKind } from '../registry/enums.ts';
import { officerEligibility } from '../registry/officer-eligibility.ts';
import { avRecordMissing, executionAvRecordMissing, type AvFacts } from '../record/av-requirement.ts';
import { RULE_KEYS, type RuleValues } from '../rules/index.ts';
import type { CaseOfficer, GuardContext } from './penalty-guards.ts';

/**
 * Administrative coercive measures (行政强制措施: 查封 sealing, 扣押 seizure, 冻结 freezing; 行政强制法 2011) as data:
 * domain-rules §6 (C2–C8, C10), Appendix A #4, #19–21. Periods of ten days or less are working days, 30 days are
 * calendar days (Art.69, domain-rules G2).
 *
 * Facts convention as in licensing.ts: history (`extensions`, the emergency report) is the state before the action,
 * whose date is `ctx.now`; the content an action carries (`headDecision`, `execution`, `pendingExtension`,
 * `disposition`) is applied first so the guards can read it.
 */
export const CoercionStatus = {
  PROPOSED: 'proposed',
  DECLINED: 'declined',
  APPROVED: 'approved',
  EMERGENCY_EXECUTED: 'emergency_executed',
  DISAPPROVED: 'disapproved',
  IN_FORCE: 'in_force',
  RELEASED: 'released',
  CONFISCATED: 'confiscated',
  DESTROYED: 'destroyed',
} as const;
export type CoercionStatus = (typeof CoercionStatus)[keyof typeof CoercionStatus];
export const COERCION_STATUSES = Object.values(CoercionStatus) as CoercionStatus[];

export const COERCION_STATUS_INFO: Record<CoercionStatus, { zh: string; en: string; citation: string }> = {
  proposed: { zh: '拟采取强制措施（待批准）', en: 'Proposed', citation: '行政强制法 Art.18(1)' },
  declined: { zh: '负责人不予批准', en: 'Declined by the head', citation: '行政强制法 Art.18(1)' },
  approved: { zh: '已批准', en: 'Approved by the head', citation: '行政强制法 Art.18(1)' },
  emergency_executed: { zh: '情况紧急当场实施（待补办批准）', en: 'Executed in an emergency, approval pending', citation: '行政强制法 Art.19' },
  disapproved: { zh: '负责人不予追认（应立即解除）', en: 'Disapproved: release at once', citation: '行政强制法 Art.19' },
  in_force: { zh: '强制措施实施中', en: 'In force', citation: '行政强制法 Art.24, Art.25, Art.31, Art.32' },
  released: { zh: '已解除', en: 'Released', citation: '行政强制法 Art.28, Art.33' },
  confiscated: { zh: '已依法没收', en: 'Confiscated', citation: '行政强制法 Art.27' },
  destroyed: { zh: '已依法销毁', en: 'Destroyed', citation: '行政强制法 Art.27' },
};

export const CoercionAction = {
  APPROVE: 'approve',
  DECLINE: 'decline',
  EXECUTE: 'execute',
  EXECUTE_EMERGENCY: 'execute_emergency',
  DISAPPROVE: 'disapprove',
  EXTEND: 'extend',
  RELEASE: 'release',
  CONFISCATE: 'confiscate',
  DESTROY: 'destroy',
} as const;
export type CoercionAction = (typeof CoercionAction)[keyof typeof CoercionAction];
export const COERCION_ACTIONS = Object.values(CoercionAction) as CoercionAction[];

/**
 * The transition table. `approve` from `emergency_executed` is the approval completed afterwards (补办批准手续, Art.19);
 * a disapproval leaves only `release`. `extend` keeps the status (Art.25 para 2). Release is open whenever the measure
 * is in force: it is mandatory on expiry (Art.28(4)), and confiscation or destruction is no longer possible then.
 */
export const COERCION_TRANSITIONS = {
  proposed: { approve: 'approved', decline: 'declined', execute_emergency: 'emergency_executed' },
  declined: {},
  approved: { execute: 'in_force' },
  emergency_executed: { approve: 'in_force', disapprove: 'disapproved', release: 'released' },
  disapproved: { release: 'released' },
  in_force: { extend: 'in_force', release: 'released', confiscate: 'confiscated', destroy: 'destroyed' },
  released: {},
  confiscated: {},
  destroyed: {},
} as const satisfies Record<CoercionStatus, Partial<Record<CoercionAction, CoercionStatus>>>;

// ---- facts --------------------------------------------------------------------------------------------------------------

export type CoercionMeasureKind = 'seal' | 'seize' | 'freeze';

export interface CoercionItem {
  description: string;
  isRelatedToViolation: boolean;
  /** Necessities of life of the party and the family members they support (Art.23 para 1). */
  isLifeNecessity: boolean;
  /** Already sealed by another authority (Art.23 para 2). */
  isSealedElsewhere: boolean;
}

/** What the written decision states (Art.24 para 2 for sealing/seizure, Art.31 para 2 for freezing). */
export type CoercionDecisionContent = 'party' | 'reasons_and_basis' | 'items' | 'place' | 'account_and_amount' | 'period' | 'remedies' | 'agency_and_date';

export interface CoercionExecution {
  /** ISO date-time with offset; the period counts from its China date. */
  startedAt: string;
  areCertificatesShown: boolean;
  isPartyNotifiedToAttend: boolean;
  /** Reasons, basis, rights and remedies told on the spot, and the party's statements heard (Art.18(5), (6)). */
  areReasonsAndRightsTold: boolean;
  areStatementsHeard: boolean;
  record: { officersSigned: boolean; partyPresent: boolean; partySigned: boolean; partyRefusalNoted: boolean; witnessSigned: boolean } | null;
  decisionContents: readonly CoercionDecisionContent[];
  /** Sealing/seizure: the decision and the inventory (清单, in duplicate) handed over on the spot (Art.24 para 1). */
  isDecisionAndInventoryHandedOver: boolean;
  /** Freezing: the freeze notice delivered to the financial institution (Art.30 para 1). */
  isBankNoticeDelivered: boolean;
}

export interface CoercionExtension {
  approvedOn: string;
  isAgencyHead: boolean;
  reasons: string;
  /** Calendar days, at most 30 (Art.25 para 1, Art.32 para 1). */
  days: number;
  notifiedInWritingOn: string | null;
}

/** Testing, inspection, quarantine or technical appraisal of sealed/seized items (Art.25 para 3). */
export interface CoercionTestingPeriod {
  kind: 'testing' | 'inspection' | 'quarantine' | 'appraisal';
  from: string;
  /** Inclusive; the law wants the period fixed in advance, so an open one is not excluded. */
  to: string | null;
  toldInWritingOn: string | null;
}

/** Art.28 para 1 (sealing/seizure) and Art.33 (freezing): the cases where the measure must be released. */
export type CoercionReleaseReason = 'no_violation' | 'unrelated' | 'no_longer_needed' | 'period_expired' | 'disapproved' | 'other';

export interface CoercionFacts {
  status: CoercionStatus;
  kind: CoercionMeasureKind;
  /** The agency's legal kind: coercive-measure power cannot be entrusted (Art.17 para 1, Art.70). */
  agencyKind: SubjectKind;
  sector: string;
  placePath: string;
  officers: readonly CaseOfficer[];
  items: readonly CoercionItem[];
  /** Freezing: the law authorising this agency to freeze (Art.29 para 1), the sums, and any earlier freeze. */
  freezeAuthorisingLaw: string | null;
  freezeAmount: number | null;
  violationAmount: number | null;
  isAlreadyFrozen: boolean;
  /** The head's decision carried by approve / decline / disapprove. */
  headDecision: { deciderId: string; isAgencyHead: boolean; decidedAt: string; isApproved: boolean; reason: string | null } | null;
  /** Why the case is urgent: acting before approval (Art.19) and at night or on a holiday (Art.43). */
  urgencyReason: string | null;
  /** Set when the measure was taken on the spot before approval; `reportedAt` once the head was told (Art.19). */
  emergency: { reportedAt: string | null } | null;
  execution: CoercionExecution | null;
  extensions: readonly CoercionExtension[];
  pendingExtension: CoercionExtension | null;
  testingPeriods: readonly CoercionTestingPeriod[];
  freezeDecisionDeliveredOn: string | null;
  disposition: { kind: 'release' | 'confiscate' | 'destroy'; decidedOn: string; releaseReason: CoercionReleaseReason | null; penaltyDecisionRef: string | null; legalBasis: string | null } | null;
  /** Audio-video required by the item and recorded for this measure (REC3); loaded by the server on every step. */
  av?: AvFacts | null;
}

export type CoercionRuleParams = Pick<RuleValues, 'coercion.measureDays' | 'coercion.nightStartHour' | 'coercion.nightEndHour' | 'coercion.restDaysCountAsHolidays'>;
export const DEFAULT_COERCION_RULE_PARAMS: CoercionRuleParams = {
  'coercion.measureDays': RULE_KEYS['coercion.measureDays'].default,
  'coercion.nightStartHour': RULE_KEYS['coercion.nightStartHour'].default,
  'coercion.nightEndHour': RULE_KEYS['coercion.nightEndHour'].default,
  'coercion.restDaysCountAsHolidays': RULE_KEYS['coercion.restDaysCountAsHolidays'].default,
};
export type CoercionGuardContext = Omit<GuardContext, 'params'> & { params: CoercionRuleParams };
export type CoercionGuard<F> = (facts: F, ctx: CoercionGuardContext) => Refusal | null;

// ---- time helpers -------------------------------------------------------------------------------------------------------

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** Epoch milliseconds of an ISO date-time with an explicit offset; a bare local time is refused (no server zone). */
function instantOf(s: string, path: string): number {
  const ms = DATETIME.test(s) ? Date.parse(s) : NaN;
  if (Number.isNaN(ms)) {
    const message = `${path} must be an ISO date-time with offset, e.g. 2026-10-01T09:00:00+08:00.`;
    const messageZh = `${path}须为带时区的ISO日期时间，如2026-10-01T09:00:00+08:00。`;
    throw new AppError('VALIDATION_FAILED', { message, messageZh, details: { issues: [{ path: [path], message, messageZh }] } });
  }
  return ms;
}

/** China date (YYYY-MM-DD) and hour of an instant; China has had a fixed UTC+8 offset since 1991. */
function chinaClock(s: string, path: string): { date: string; hour: number } {
  const shifted = new Date(instantOf(s, path) + CHINA_OFFSET_MS);
  return { date: shifted.toISOString().slice(0, 10), hour: shifted.getUTCHours() };
}

/** Whether `hour` (0–23) falls in the night window [start, end), which may wrap midnight; start = end means none. */
export function isCoercionNightHour(hour: number, params: Pick<CoercionRuleParams, 'coercion.nightStartHour' | 'coercion.nightEndHour'>): boolean {
  const start = params['coercion.nightStartHour'];
  const end = params['coercion.nightEndHour'];
  if (start === end) return false;
  return start < end ? hour >= start && hour < end : hour >= start || hour < end;
}

// ---- deadlines ----------------------------------------------------------------------------------------------------------

export const COERCION_DEADLINE_RULES = {
  /** Emergency measure → report to the head and complete the approval. Appendix A #4. */
  emergencyReport: { ruleId: 'coercion.emergencyReport', citation: '行政强制法 Art.19', length: 24, unit: 'hour', dayType: 'CALENDAR' },
  /** Sealing/seizure/freezing period, calendar days (rule parameter); +≤30 on approval; testing excluded. #19, #21. */
  measurePeriod: {
    ruleId: 'coercion.measurePeriod',
    citation: '行政强制法 Art.25, Art.32',
    length: RULE_KEYS['coercion.measureDays'].default,
    unit: 'day',
    dayType: 'CALENDAR',
  },
  /** Freeze → decision delivered to the party, 3 working days (Art.69). #20. */
  freezeDecisionDelivery: { ruleId: 'coercion.freezeDecisionDelivery', citation: '行政强制法 Art.31, Art.69', length: 3, unit: 'day', dayType: 'WORKING' },
} as const satisfies Record<string, DeadlineRule>;
export type CoercionDeadlineKey = keyof typeof COERCION_DEADLINE_RULES;

export const COERCION_DEADLINE_LABELS: Record<CoercionDeadlineKey, { zh: string; en: string }> = {
  emergencyReport: { zh: '紧急实施后报告负责人期限', en: 'Report the emergency measure to the head' },
  measurePeriod: { zh: '查封、扣押、冻结期限', en: 'Measure period' },
  freezeDecisionDelivery: { zh: '冻结决定书交付期限', en: 'Deliver the freeze decision' },
};

export interface CoercionDeadline extends Deadline {
  key: CoercionDeadlineKey;
  /** A date, or a date-time for the hour-based emergency report. */
  start: string;
  isProvisional: boolean;
}

/** The first extension, if it counts: head approval, reasons, written notice to the party, 1–30 days (Art.25, 32). */
function countedExtension(extensions: readonly CoercionExtension[]): CoercionExtension | null {
  const e = extensions[0];
  return e && e.isAgencyHead && e.reasons.trim() !== '' && e.notifiedInWritingOn && Number.isInteger(e.days) && e.days >= 1 && e.days <= 30 ? e : null;
}

/** Testing periods that are excluded: sealing/seizure only, fixed in advance and told in writing (Art.25 para 3). */
function excludedTesting(f: Pick<CoercionFacts, 'kind' | 'testingPeriods'>): PeriodPause[] {
  if (f.kind === 'freeze') return [];
  return f.testingPeriods.filter((t) => t.toldInWritingOn && t.to).map((t) => ({ from: t.from, to: t.to! < t.from ? t.from : t.to! }));
}

/** The measure period from the China date of execution: 30 days (+ a counted extension), testing excluded. */
export function coercionMeasureDeadline(
  facts: Pick<CoercionFacts, 'kind' | 'execution' | 'extensions' | 'testingPeriods'>,
  cal: HolidayCalendar,
  params: Pick<CoercionRuleParams, 'coercion.measureDays'> = DEFAULT_COERCION_RULE_PARAMS,
): CoercionDeadline | null {
  if (!facts.execution) return null;
  const start = chinaClock(facts.execution.startedAt, 'execution.startedAt').date;
  const length = params['coercion.measureDays'] + (countedExtension(facts.extensions)?.days ?? 0);
  const rule = { ...COERCION_DEADLINE_RULES.measurePeriod, length };
  return { key: 'measurePeriod', start, isProvisional: false, ...computeDeadline(rule, start, cal, excludedTesting(facts)) };
}

/** Every coercion deadline whose trigger has happened. */
export function coercionDeadlines(facts: CoercionFacts, cal: HolidayCalendar, params: Pick<CoercionRuleParams, 'coercion.measureDays'> = DEFAULT_COERCION_RULE_PARAMS): CoercionDeadline[] {
  const R = COERCION_DEADLINE_RULES;
  const out: CoercionDeadline[] = [];
  if (!facts.execution) return out;
  if (facts.emergency) {
    const start = facts.execution.startedAt;
    out.push({ key: 'emergencyReport', start, isProvisional: false, ...computeDeadline(R.emergencyReport, start, cal) });
  }
  out.push(coercionMeasureDeadline(facts, cal, params)!);
  if (facts.kind === 'freeze') {
    const start = chinaClock(facts.execution.startedAt, 'execution.startedAt').date;
    out.push({ key: 'freezeDecisionDelivery', start, isProvisional: false, ...computeDeadline(R.freezeDecisionDelivery, start, cal) });
  }
  return out;
}

const ENDED: readonly CoercionStatus[] = ['declined', 'released', 'confiscated', 'destroyed'];

export type CoercionExpiryStateKind = 'not_in_force' | 'running' | 'paused' | 'must_release' | 'ended';
export interface CoercionExpiryState {
  state: CoercionExpiryStateKind;
  deadline: CoercionDeadline | null;
  /** Freezing: the bank lifts the freeze itself from the end of the period (Art.32 para 2). */
  isReleasedByBankOnExpiry: boolean;
}

/**
 * Where the measure period stands on `today` (Art.25, 27, 28(4), 32): after its last day nothing but release is lawful
 * ('must_release'); inside an excluded testing period the clock stands still ('paused').
 */
export function coercionExpiryState(
  facts: Pick<CoercionFacts, 'status' | 'kind' | 'execution' | 'extensions' | 'testingPeriods'>,
  today: string,
  cal: HolidayCalendar,
  params: Pick<CoercionRuleParams, 'coercion.measureDays'> = DEFAULT_COERCION_RULE_PARAMS,
): CoercionExpiryState {
  const isReleasedByBankOnExpiry = facts.kind === 'freeze';
  if (ENDED.includes(facts.status)) return { state: 'ended', deadline: coercionMeasureDeadline(facts, cal, params), isReleasedByBankOnExpiry };
  const deadline = coercionMeasureDeadline(facts, cal, params);
  if (!deadline) return { state: 'not_in_force', deadline, isReleasedByBankOnExpiry };
  if (today > deadline.due) return { state: 'must_release', deadline, isReleasedByBankOnExpiry };
  const paused = excludedTesting(facts).some((p) => today >= p.from && today <= p.to);
  return { state: paused ? 'paused' : 'running', deadline, isReleasedByBankOnExpiry };
}

export type EmergencyApprovalStateKind = 'not_emergency' | 'report_due' | 'report_overdue' | 'awaiting_decision' | 'approved' | 'disapproved_must_release' | 'released';
export interface EmergencyApprovalState {
  state: EmergencyApprovalStateKind;
  /** Execution + 24 hours, China time. */
  reportDueAt: string | null;
  isReportLate: boolean;
}

/**
 * 行政强制法 Art.19: a measure taken on the spot in an emergency is reported to the head within 24 hours and the
 * approval completed; if the head disapproves, the measure is released at once. `now` is an ISO date-time.
 */
export function emergencyApprovalState(
  facts: Pick<CoercionFacts, 'status' | 'emergency' | 'execution' | 'headDecision'>,
  now: string,
  cal: HolidayCalendar,
): EmergencyApprovalState {
  if (!facts.emergency || !facts.execution) return { state: 'not_emergency', reportDueAt: null, isReportLate: false };
  const reportDueAt = computeDeadline(COERCION_DEADLINE_RULES.emergencyReport, facts.execution.startedAt, cal).due;
  const dueMs = instantOf(reportDueAt, 'reportDueAt');
  const reportedAt = facts.emergency.reportedAt;
  const isReportLate = reportedAt ? instantOf(reportedAt, 'emergency.reportedAt') > dueMs : instantOf(now, 'now') > dueMs;
  const base = { reportDueAt, isReportLate };
  if (facts.status === 'released') return { ...base, state: 'released' };
  if (facts.status === 'disapproved' || (facts.headDecision && !facts.headDecision.isApproved)) return { ...base, state: 'disapproved_must_release' };
  if (facts.status === 'in_force' || facts.headDecision?.isApproved) return { ...base, state: 'approved' };
  if (reportedAt) return { ...base, state: 'awaiting_decision' };
  return { ...base, state: isReportLate ? 'report_overdue' : 'report_due' };
}

// ---- guards -------------------------------------------------------------------------------------------------------------

function ruleRefusal(citation: string, message: string, messageZh: string, details?: Record<string, unknown>): Refusal {
  return { code: 'RULE_VIOLATION', message, messageZh, citation, ...(details ? { details } : {}) };
}

/** A missing holiday year becomes a CALENDAR_MISSING refusal, a malformed time a VALIDATION_FAILED one. */
function withCalendar(citation: string, fn: () => Refusal | null): Refusal | null {
  try {
    return fn();
  } catch (e) {
    if (e instanceof AppError && (e.code === 'CALENDAR_MISSING' || e.code === 'VALIDATION_FAILED')) {
      return { code: e.code, message: e.message, messageZh: e.messageZh, citation, ...(e.details ? { details: e.details } : {}) };
    }
    throw e;
  }
}

/** Art.18(1): prior report to and approval by the agency head. */
export const coercionApprovedByHead: CoercionGuard<Pick<CoercionFacts, 'headDecision'>> = (f) =>
  f.headDecision?.isAgencyHead && f.headDecision.isApproved
    ? null
    : ruleRefusal('行政强制法 Art.18(1)', 'The measure must be approved by the agency head.', '实施行政强制措施应当向行政机关负责人报告并经批准。', {
        deciderId: f.headDecision?.deciderId ?? null,
      });

/** Art.18(1), Art.19: a refusal or disapproval is the head's, with reasons on record. */
export const coercionRejectedByHead: CoercionGuard<Pick<CoercionFacts, 'headDecision'>> = (f) =>
  f.headDecision?.isAgencyHead && !f.headDecision.isApproved && f.headDecision.reason?.trim()
    ? null
    : ruleRefusal('行政强制法 Art.18(1), Art.19', 'Record the agency head\'s decision not to approve, with its reasons.', '请记录行政机关负责人不予批准的决定及理由。');

/** Art.17 para 1, Art.70: the power to take coercive measures cannot be entrusted; entrusted organisations never act. */
export const notDelegatedSubject: CoercionGuard<Pick<CoercionFacts, 'agencyKind'>> = (f) =>
  f.agencyKind !== 'entrusted'
    ? null
    : ruleRefusal(
        '行政强制法 Art.17 para 1, Art.70',
        'Coercive measures cannot be delegated: an entrusted organisation may not take them; the statutory agency must act itself.',
        '行政强制措施权不得委托，受委托组织不得实施行政强制措施，应由法定行政机关实施。',
        { agencyKind: f.agencyKind },
      );

/** Art.17 para 3, Art.18(2): at least two qualified enforcement officers; no one else may carry the measure out. */
export const coercionTwoCertifiedOfficers: CoercionGuard<Pick<CoercionFacts, 'officers' | 'sector' | 'placePath'>> = (f, ctx) => {
  const eligible = new Set<string>();
  const ineligible: { officerId: string; reason: unknown }[] = [];
  for (const o of f.officers) {
    const r = officerEligibility(o, { sector: f.sector, placePath: f.placePath, date: ctx.now });
    if (r) ineligible.push({ officerId: o.id, reason: r.details?.reason ?? r.message });
    else eligible.add(o.id);
  }
  if (eligible.size >= 2) return null;
  return ruleRefusal(
    '行政强制法 Art.17 para 3, Art.18(2)',
    `At least two qualified enforcement officers must carry out the measure; ${eligible.size} present. Other staff may not.`,
    `行政强制措施应当由两名以上具备资格的行政执法人员实施，目前仅${eligible.size}名，其他人员不得实施。`,
    { eligibleCount: eligible.size, ineligible },
  );
};

const DECISION_CONTENTS: Record<CoercionMeasureKind, readonly CoercionDecisionContent[]> = {
  seal: ['party', 'reasons_and_basis', 'items', 'place', 'period', 'remedies', 'agency_and_date'],
  seize: ['party', 'reasons_and_basis', 'items', 'place', 'period', 'remedies', 'agency_and_date'],
  freeze: ['party', 'reasons_and_basis', 'account_and_amount', 'period', 'remedies', 'agency_and_date'],
};

/**
 * Art.18(3)–(10) (sealing, seizure) and Art.30 para 1 (freezing: steps (1)–(3) and (7) and the notice to the bank):
 * certificates shown; the party notified to attend, told the reasons, basis, rights and remedies, and heard; an
 * on-site record signed by the officers and the party — a refusal noted, or, the party absent, a witness signing.
 */
export const coercionOnSiteProcedure: CoercionGuard<Pick<CoercionFacts, 'kind' | 'execution'>> = (f) => {
  const x = f.execution;
  const problems: string[] = [];
  if (!x) problems.push('no_execution_record');
  else {
    if (!x.areCertificatesShown) problems.push('certificates_shown');
    if (!x.record) problems.push('on_site_record');
    else if (!x.record.officersSigned) problems.push('officers_signature');
    if (f.kind === 'freeze') {
      if (!x.isBankNoticeDelivered) problems.push('bank_freeze_notice');
    } else {
      if (!x.isPartyNotifiedToAttend) problems.push('party_notified');
      if (!x.areReasonsAndRightsTold) problems.push('reasons_and_rights_told');
      if (!x.areStatementsHeard) problems.push('statements_heard');
      const r = x.record;
      if (r && !(r.partyPresent ? r.partySigned || r.partyRefusalNoted : r.witnessSigned)) problems.push('party_or_witness_signature');
    }
  }
  if (problems.length === 0) return null;
  return f.kind === 'freeze'
    ? ruleRefusal(
        '行政强制法 Art.30 para 1, Art.18(3), (7)',
        'Freezing: show the certificates, make the on-site record signed by the officers, and deliver the freeze notice to the financial institution.',
        '冻结存款、汇款应当出示执法身份证件、制作现场笔录，并向金融机构交付冻结通知书。',
        { problems },
      )
    : ruleRefusal(
        '行政强制法 Art.18(3)–(10)',
        'Follow the on-site steps: show certificates, notify the party to attend, tell the reasons, basis, rights and remedies, hear the party, and have the record signed by the officers and the party (refusal noted) or, if absent, a witness.',
        '请履行现场程序：出示执法身份证件，通知当事人到场，当场告知理由、依据及权利、救济途径，听取陈述申辩，现场笔录由当事人和执法人员签名（拒绝的注明），当事人不到场的由见证人签名。',
        { problems },
      );
};

/**
 * Art.24 (sealing/seizure): a written decision with the statutory contents and an inventory in duplicate, handed over
 * on the spot. Art.31 (freezing): the decision states its contents; it is delivered within 3 days (a deadline).
 */
export const coercionDecisionAndInventory: CoercionGuard<Pick<CoercionFacts, 'kind' | 'execution'>> = (f) => {
  const x = f.execution;
  const missing = DECISION_CONTENTS[f.kind].filter((c) => !x?.decisionContents.includes(c));
  const isHandedOver = f.kind === 'freeze' || !!x?.isDecisionAndInventoryHandedOver;
  if (missing.length === 0 && isHandedOver) return null;
  const citation = f.kind === 'freeze' ? '行政强制法 Art.31' : '行政强制法 Art.24';
  return ruleRefusal(
    citation,
    f.kind === 'freeze'
      ? 'The freeze decision must state the party, reasons and basis, account and amount, period, remedies, agency and date.'
      : 'Hand over on the spot the decision (party, reasons and basis, items, place, period, remedies, agency and date) and the inventory in duplicate.',
    f.kind === 'freeze'
      ? '冻结决定书应当载明当事人、冻结的理由和依据、冻结的账号和数额、冻结期限、救济途径、行政机关名称及日期。'
      : '应当当场交付查封、扣押决定书和清单（一式二份），决定书应载明当事人、理由和依据、财物及场所、期限、救济途径、行政机关名称及日期。',
    { missing, isHandedOver },
  );
};

/**
 * Art.23: only places, facilities and property involved in the violation; never necessities of life of the party and
 * dependants; never what another authority has already sealed.
 */
export const coercionItemsPermitted: CoercionGuard<Pick<CoercionFacts, 'kind' | 'items'>> = (f) => {
  if (f.kind === 'freeze') return null;
  const problems: { item: string; problem: string }[] = [];
  if (f.items.length === 0) problems.push({ item: '', problem: 'no_items' });
  for (const i of f.items) {
    if (!i.isRelatedToViolation) problems.push({ item: i.description, problem: 'unrelated' });
    if (i.isLifeNecessity) problems.push({ item: i.description, problem: 'life_necessity' });
    if (i.isSealedElsewhere) problems.push({ item: i.description, problem: 'sealed_elsewhere' });
  }
  if (problems.length === 0) return null;
  return ruleRefusal(
    '行政强制法 Art.23',
    'Only property involved in the violation may be sealed or seized; not necessities of life, and not property already sealed by another authority.',
    '查封、扣押限于涉案的场所、设施或者财物，不得查封、扣押与违法行为无关的财物及公民个人和所扶养家属的生活必需品，不得重复查封。',
    { problems },
  );
};

/**
 * Art.29: freezing only by an agency a law empowers (not entrusted), in an amount matching the sum involved in the
 * violation, and never over a freeze by another state organ.
 */
export const freezeLawfulAndProportionate: CoercionGuard<Pick<CoercionFacts, 'kind' | 'agencyKind' | 'freezeAuthorisingLaw' | 'freezeAmount' | 'violationAmount' | 'isAlreadyFrozen'>> = (
  f,
) => {
  if (f.kind !== 'freeze') return null;
  const problems: string[] = [];
  if (!f.freezeAuthorisingLaw?.trim() || f.agencyKind === 'entrusted') problems.push('not_authorised');
  if (f.freezeAmount == null || f.violationAmount == null || f.freezeAmount > f.violationAmount) problems.push('amount');
  if (f.isAlreadyFrozen) problems.push('already_frozen');
  if (problems.length === 0) return null;
  return ruleRefusal(
    '行政强制法 Art.29',
    'Freezing needs an agency empowered by a law (cite it; no entrustment), an amount not above the sum involved in the violation, and no existing freeze by another organ.',
    '冻结存款、汇款应当由法律规定的行政机关实施（须注明法律依据，不得委托），数额应当与违法行为涉及的金额相当，已被其他国家机关依法冻结的不得重复冻结。',
    { problems },
  );
};

/** Art.19; Art.30 para 1 (freezing follows Art.18 only): acting before approval needs a recorded emergency, never a freeze. */
export const emergencyJustified: CoercionGuard<Pick<CoercionFacts, 'kind' | 'urgencyReason'>> = (f) => {
  if (f.kind === 'freeze') {
    return ruleRefusal('行政强制法 Art.19, Art.30 para 1', 'A freeze cannot be taken before approval; obtain the head\'s approval first.', '冻结存款、汇款不适用当场实施后补办批准，应当先经负责人批准。');
  }
  return f.urgencyReason?.trim()
    ? null
    : ruleRefusal('行政强制法 Art.19', 'Acting before approval requires an emergency: record why the measure could not wait.', '当场实施行政强制措施须情况紧急，请记录紧急情况。');
};

/** Art.19: an emergency measure is reported to the head (within 24 hours) before the approval is completed. */
export const emergencyReported: CoercionGuard<Pick<CoercionFacts, 'status' | 'emergency'>> = (f) =>
  f.status !== 'emergency_executed' || f.emergency?.reportedAt
    ? null
    : ruleRefusal('行政强制法 Art.19', 'Record the report to the agency head first (due within 24 hours of the measure).', '请先记录向行政机关负责人报告的情况（应在实施后二十四小时内报告）。');

/**
 * Art.19: the report to the head, and with it the approval completed afterwards (补办批准), comes within 24 hours of an
 * emergency measure; a later report cannot legitimise it: the measure is released instead.
 */
export const emergencyReportedInTime: CoercionGuard<Pick<CoercionFacts, 'status' | 'emergency' | 'execution'>> = (f, ctx) => {
  const reportedAt = f.emergency?.reportedAt;
  if (f.status !== 'emergency_executed' || !reportedAt || !f.execution) return null;
  const citation = '行政强制法 Art.19';
  return withCalendar(citation, () => {
    const dueAt = computeDeadline(COERCION_DEADLINE_RULES.emergencyReport, f.execution!.startedAt, ctx.calendar).due;
    if (instantOf(reportedAt, 'emergency.reportedAt') <= instantOf(dueAt, 'reportDueAt')) return null;
    return ruleRefusal(
      citation,
      `The emergency measure was reported after the 24 hours (due ${dueAt}): the approval can no longer be completed; release the measure.`,
      `紧急实施的强制措施未在二十四小时内（${dueAt}前）向负责人报告并补办批准手续，不得再补办批准，应当解除。`,
      { reportDueAt: dueAt, reportedAt },
    );
  });
};

/**
 * Art.43 (domain-rules C10): no execution at night or on a statutory holiday unless the case is urgent and the reason is
 * recorded. The night window and whether weekends count are rule parameters ([U]); holidays come from the calendar
 * (调休 make-up days are working days). Art.43 governs 强制执行; applying it to measures is the conservative reading.
 */
export const noNightOrHolidayExecution: CoercionGuard<Pick<CoercionFacts, 'execution' | 'urgencyReason'>> = (f, ctx) => {
  const citation = '行政强制法 Art.43';
  if (!f.execution) return ruleRefusal(citation, 'Record when the measure is carried out.', '请记录实施时间。');
  if (f.urgencyReason?.trim()) return null;
  return withCalendar(citation, () => {
    const { date, hour } = chinaClock(f.execution!.startedAt, 'execution.startedAt');
    const isNight = isCoercionNightHour(hour, ctx.params);
    const isHoliday = ctx.calendar.entry(date)?.kind === 'holiday' || (ctx.params['coercion.restDaysCountAsHolidays'] && !ctx.calendar.isWorkingDay(date));
    if (!isNight && !isHoliday) return null;
    return ruleRefusal(
      citation,
      `Not at night (${ctx.params['coercion.nightStartHour']}:00–${ctx.params['coercion.nightEndHour']}:00) or on a statutory holiday, unless urgent: reschedule, or record the urgency.`,
      `不得在夜间（${ctx.params['coercion.nightStartHour']}时至次日${ctx.params['coercion.nightEndHour']}时）或者法定节假日实施，情况紧急的除外；请改期，或记录紧急情况。`,
      { startedAt: f.execution!.startedAt, isNight, isHoliday },
    );
  });
};

/**
 * Art.25 para 1–2, Art.32 para 1: one extension of at most 30 days, for a complex case, approved by the agency head
 * before the period ends, with the decision notified to the party in writing with reasons.
 */
export const coercionExtensionApproved: CoercionGuard<Pick<CoercionFacts, 'kind' | 'execution' | 'extensions' | 'pendingExtension' | 'testingPeriods'>> = (f, ctx) => {
  const citation = f.kind === 'freeze' ? '行政强制法 Art.32 para 1' : '行政强制法 Art.25 para 1, 2';
  if (f.extensions.length > 0) {
    return ruleRefusal(citation, 'The period was already extended once; it cannot be extended again.', '期限已延长过一次，不得再次延长。', { extendedOn: f.extensions[0]!.approvedOn });
  }
  const e = f.pendingExtension;
  const problems: string[] = [];
  if (!e?.isAgencyHead) problems.push('approval');
  if (!e?.reasons.trim()) problems.push('reasons');
  if (!e?.notifiedInWritingOn) problems.push('written_notice');
  if (!e || !Number.isInteger(e.days) || e.days < 1 || e.days > 30) problems.push('days');
  if (problems.length > 0) {
    return ruleRefusal(
      citation,
      'An extension (at most 30 days) needs the agency head\'s approval and a written notice to the party stating the reasons.',
      '延长期限（不超过三十日）须经行政机关负责人批准，并书面告知当事人，说明理由。',
      { problems },
    );
  }
  return withCalendar(citation, () => {
    const d = coercionMeasureDeadline({ ...f, extensions: [] }, ctx.calendar, ctx.params);
    if (!d || e!.approvedOn <= d.due) return null;
    return ruleRefusal(citation, `The period ended on ${d.due}: it can no longer be extended; release the measure.`, `期限已于${d.due}届满，不得再延长，应当解除。`, {
      due: d.due,
      approvedOn: e!.approvedOn,
    });
  });
};

/** Art.27, Art.28(4): confiscation or destruction is decided within the period; after it only release is lawful. */
export const withinMeasurePeriod: CoercionGuard<Pick<CoercionFacts, 'status' | 'kind' | 'execution' | 'extensions' | 'testingPeriods'>> = (f, ctx) => {
  const citation = '行政强制法 Art.27, Art.28 para 1(4)';
  return withCalendar(citation, () => {
    const s = coercionExpiryState(f, ctx.now, ctx.calendar, ctx.params);
    if (s.state !== 'must_release') return null;
    return ruleRefusal(citation, `The period ended on ${s.deadline!.due}: the measure must be released.`, `期限已于${s.deadline!.due}届满，应当解除。`, { due: s.deadline!.due });
  });
};

/** Art.27: confiscation rests on a penalty decision (没收 is a penalty, 行政处罚法 Art.9); destruction on a law's command. */
export const dispositionHasBasis: CoercionGuard<Pick<CoercionFacts, 'kind' | 'disposition'>> = (f) => {
  const d = f.disposition;
  if (d?.kind === 'confiscate' && d.penaltyDecisionRef?.trim()) return null;
  if (d?.kind === 'destroy' && f.kind !== 'freeze' && d.legalBasis?.trim()) return null;
  return ruleRefusal(
    '行政强制法 Art.27',
    f.kind === 'freeze' && d?.kind === 'destroy'
      ? 'Frozen deposits cannot be destroyed.'
      : 'Confiscation needs the penalty decision that orders it; destruction needs the law or administrative regulation that requires it.',
    f.kind === 'freeze' && d?.kind === 'destroy' ? '冻结的存款、汇款不适用销毁。' : '没收应当依据行政处罚决定；销毁应当有法律、行政法规的规定。',
    { disposition: d?.kind ?? null },
  );
};

/** Art.28, Art.33: a release states which statutory ground applies. */
export const releaseReasonStated: CoercionGuard<Pick<CoercionFacts, 'disposition'>> = (f) =>
  f.disposition?.kind === 'release' && f.disposition.releaseReason
    ? null
    : ruleRefusal('行政强制法 Art.28, Art.33', 'Record the release decision and its ground (no violation, unrelated, no longer needed, period expired…).', '请记录解除决定及其法定情形（没有违法行为、与违法行为无关、不再需要、期限已经届满等）。');

export const COERCION_GUARDS = {
  coercionApprovedByHead,
  coercionRejectedByHead,
  notDelegatedSubject,
  coercionTwoCertifiedOfficers,
  coercionOnSiteProcedure,
  coercionDecisionAndInventory,
  coercionItemsPermitted,
  freezeLawfulAndProportionate,
  emergencyJustified,
  emergencyReported,
  emergencyReportedInTime,
  noNightOrHolidayExecution,
  coercionExtensionApproved,
  withinMeasurePeriod,
  dispositionHasBasis,
  releaseReasonStated,
  /**
   * REC3: sealing or seizing property (查封扣押财产) is recorded on audio-video in full; a freeze acts on a bank account,
   * not on site, so it carries no on-site recording.
   */
  seizureAvRecorded: (f) => (f.kind === 'freeze' ? null : avRecordMissing('seizure', f.av)),
  /**
   * REC3: destroying sealed or seized property (销毁) is an on-site act that directly affects major property rights
   * (118号 §三(八), mandatory list), recorded on audio-video where the item requires the execution stage. Frozen
   * deposits are never destroyed on site.
   */
  destructionAvRecorded: (f) => executionAvRecordMissing(f.kind !== 'freeze', f.av),
} satisfies Record<string, CoercionGuard<CoercionFacts>>;
export type CoercionGuardName = keyof typeof COERCION_GUARDS;

const EXECUTION_GUARDS: readonly CoercionGuardName[] = [
  'notDelegatedSubject',
  'coercionTwoCertifiedOfficers',
  'coercionOnSiteProcedure',
  'coercionDecisionAndInventory',
  'coercionItemsPermitted',
  'freezeLawfulAndProportionate',
  'noNightOrHolidayExecution',
  'seizureAvRecorded',
];

export const COERCION_ACTION_GUARDS: Partial<Record<CoercionAction, readonly CoercionGuardName[]>> = {
  approve: ['coercionApprovedByHead', 'emergencyReported', 'emergencyReportedInTime'],
  decline: ['coercionRejectedByHead'],
  disapprove: ['coercionRejectedByHead', 'emergencyReported'],
  execute: EXECUTION_GUARDS,
  execute_emergency: ['emergencyJustified', ...EXECUTION_GUARDS],
  extend: ['coercionExtensionApproved'],
  release: ['releaseReasonStated'],
  confiscate: ['withinMeasurePeriod', 'dispositionHasBasis'],
  destroy: ['withinMeasurePeriod', 'dispositionHasBasis', 'destructionAvRecorded'],
};

// ---- procedure ----------------------------------------------------------------------------------------------------------

const coercionEngine = procedureEngine<CoercionStatus, CoercionAction, CoercionGuardName, CoercionFacts, CoercionGuardContext, CoercionNotice>({
  transitions: COERCION_TRANSITIONS,
  statusInfo: COERCION_STATUS_INFO,
  actionGuards: COERCION_ACTION_GUARDS,
  guards: COERCION_GUARDS,
  notices: (facts, ctx) => coercionNotices(facts, ctx),
});

export function nextCoercionStatus(status: CoercionStatus, action: CoercionAction): CoercionStatus | undefined {
  return coercionEngine.next(status, action);
}

export function coercionActionRefusals(facts: CoercionFacts, action: CoercionAction, ctx: CoercionGuardContext): Refusal[] {
  return coercionEngine.refusals(facts, action, ctx);
}


export type CoercionNoticeKind = 'must_release' | 'emergency_report_overdue' | 'freeze_decision_overdue' | 'calendar_missing';
export interface CoercionNotice {
  kind: CoercionNoticeKind;
  message: string;
  messageZh: string;
  citation: string;
  details?: Record<string, unknown>;
}

export interface AvailableCoercionActions {
  allowed: CoercionAction[];
  refused: { action: CoercionAction; refusals: Refusal[] }[];
  notices: CoercionNotice[];
}

function coercionNotices(f: CoercionFacts, ctx: CoercionGuardContext): CoercionNotice[] {
  const out: CoercionNotice[] = [];
  if (ENDED.includes(f.status) || !f.execution) return out;
  try {
    const expiry = coercionExpiryState(f, ctx.now, ctx.calendar, ctx.params);
    if (expiry.state === 'must_release' || f.status === 'disapproved') {
      out.push({
        kind: 'must_release',
        message: f.status === 'disapproved' ? 'The head disapproved the emergency measure: release it at once.' : `The period ended on ${expiry.deadline!.due}: release the measure and return the property.`,
        messageZh: f.status === 'disapproved' ? '负责人认为不应当采取该措施，应当立即解除。' : `期限已于${expiry.deadline!.due}届满，应当解除并立即退还财物。`,
        citation: f.status === 'disapproved' ? '行政强制法 Art.19' : '行政强制法 Art.28 para 1(4), Art.32 para 2',
        details: { due: expiry.deadline?.due ?? null, isReleasedByBankOnExpiry: expiry.isReleasedByBankOnExpiry },
      });
    }
    // A date is compared with the due instant at the end of that day, China time.
    const emergency = emergencyApprovalState(f, `${ctx.now}T23:59:59+08:00`, ctx.calendar);
    if (emergency.state === 'report_overdue') {
      out.push({
        kind: 'emergency_report_overdue',
        message: `The emergency measure was to be reported to the head by ${emergency.reportDueAt}.`,
        messageZh: `紧急实施的强制措施应于${emergency.reportDueAt}前向负责人报告。`,
        citation: '行政强制法 Art.19',
        details: { reportDueAt: emergency.reportDueAt },
      });
    }
    if (f.kind === 'freeze' && !f.freezeDecisionDeliveredOn) {
      const d = coercionDeadlines(f, ctx.calendar, ctx.params).find((x) => x.key === 'freezeDecisionDelivery');
      if (d && ctx.now > d.due) {
        out.push({ kind: 'freeze_decision_overdue', message: `The freeze decision was to be delivered by ${d.due}.`, messageZh: `冻结决定书应于${d.due}前交付当事人。`, citation: '行政强制法 Art.31', details: { due: d.due } });
      }
    }
  } catch (e) {
    if (!(e instanceof AppError && e.code === 'CALENDAR_MISSING')) throw e;
    out.push({ kind: 'calendar_missing', message: e.message, messageZh: e.messageZh, citation: '行政强制法 Art.69', ...(e.details ? { details: e.details } : {}) });
  }
  return out;
}

export function availableCoercionActions(facts: CoercionFacts, ctx: CoercionGuardContext): AvailableCoercionActions {
  return coercionEngine.available(facts, ctx);
}

export function checkCoercionAction(facts: CoercionFacts, action: CoercionAction, ctx: CoercionGuardContext): ProcedureCheck<CoercionStatus> {
  return coercionEngine.check(facts, action, ctx);
}
