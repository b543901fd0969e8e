import { computeDeadline, type Deadline, type DeadlineRule, type HolidayCalendar, type PeriodPause } from '../calendar/index.ts';
import { AppError, type Refusal } from '../errors/index.ts';
import { procedureEngine, type ProcedureCheck } from './procedure-engine.ts';
import { RULE_KEYS, type RuleValues } from '../rules/index.ts';
import type { GuardContext } from './penalty-guards.ts';

/**
 * Administrative licensing (行政许可, 行政许可法 2019) as data: domain-rules §7 (L1–L9), Appendix A #25–29.
 * Every period the law sets for the agency is in working days (Art.82, domain-rules G3).
 *
 * Facts convention (as for penalty cases): history fields (`…On` dates, `supplementNotices`, `extensions`) are the
 * state before the action, whose own date is `ctx.now`; the content an action carries (`notAccepted`,
 * `pendingExtension`, the hearing schedule, `decision`) is applied to the facts before the check, the way the server's
 * `applyInputs` does, so a guard can read it.
 */
export const LicensingStatus = {
  RECEIVED: 'received',
  SUPPLEMENT_REQUESTED: 'supplement_requested',
  SUPPLEMENTED: 'supplemented',
  ACCEPTED: 'accepted',
  NOT_ACCEPTED: 'not_accepted',
  UNDER_REVIEW: 'under_review',
  HEARING_RIGHTS_NOTIFIED: 'hearing_rights_notified',
  HEARING_REQUESTED: 'hearing_requested',
  HEARING_SCHEDULED: 'hearing_scheduled',
  HEARING_HELD: 'hearing_held',
  GRANTED: 'granted',
  REFUSED: 'refused',
  CERTIFICATE_ISSUED: 'certificate_issued',
  CLOSED: 'closed',
  WITHDRAWN: 'withdrawn',
} as const;
export type LicensingStatus = (typeof LicensingStatus)[keyof typeof LicensingStatus];
export const LICENSING_STATUSES = Object.values(LicensingStatus) as LicensingStatus[];

export const LICENSING_STATUS_INFO: Record<LicensingStatus, { zh: string; en: string; citation: string }> = {
  received: { zh: '已收到申请', en: 'Application received', citation: '行政许可法 Art.29, Art.32' },
  supplement_requested: { zh: '已一次告知补正', en: 'Supplement requested (one-time notice)', citation: '行政许可法 Art.32 para 1(4)' },
  supplemented: { zh: '已补正，待受理', en: 'Supplemented, awaiting intake decision', citation: '行政许可法 Art.32 para 1(5)' },
  accepted: { zh: '已受理', en: 'Accepted', citation: '行政许可法 Art.32 para 1(5), para 2' },
  not_accepted: { zh: '不予受理', en: 'Not accepted', citation: '行政许可法 Art.32 para 1(1)(2), para 2; Art.78' },
  under_review: { zh: '审查中', en: 'Under review', citation: '行政许可法 Art.34' },
  hearing_rights_notified: { zh: '已告知听证权利', en: 'Hearing rights notified', citation: '行政许可法 Art.47 para 1' },
  hearing_requested: { zh: '已申请听证', en: 'Hearing requested', citation: '行政许可法 Art.47 para 1' },
  hearing_scheduled: { zh: '已通知听证', en: 'Hearing scheduled', citation: '行政许可法 Art.48 para 1(1)' },
  hearing_held: { zh: '已听证', en: 'Hearing held', citation: '行政许可法 Art.48' },
  granted: { zh: '准予行政许可', en: 'Granted', citation: '行政许可法 Art.38 para 1, Art.39' },
  refused: { zh: '不予行政许可', en: 'Refused', citation: '行政许可法 Art.38 para 2' },
  certificate_issued: { zh: '已颁发、送达许可证件', en: 'Certificate issued', citation: '行政许可法 Art.44' },
  closed: { zh: '已办结', en: 'Closed', citation: '行政许可法 Art.40, Art.44' },
  withdrawn: { zh: '申请人已撤回申请', en: 'Withdrawn by the applicant', citation: '行政许可法 Art.29 (申请由申请人提出，决定作出前可书面撤回)' },
};

export const LicensingAction = {
  REQUEST_SUPPLEMENT: 'request_supplement',
  RECEIVE_SUPPLEMENT: 'receive_supplement',
  ACCEPT: 'accept',
  NOT_ACCEPT: 'not_accept',
  START_REVIEW: 'start_review',
  EXTEND_PERIOD: 'extend_period',
  NOTIFY_HEARING_RIGHTS: 'notify_hearing_rights',
  REQUEST_HEARING: 'request_hearing',
  SCHEDULE_HEARING: 'schedule_hearing',
  HOLD_HEARING: 'hold_hearing',
  GRANT: 'grant',
  REFUSE: 'refuse',
  ISSUE_CERTIFICATE: 'issue_certificate',
  CLOSE: 'close',
  WITHDRAW: 'withdraw',
} as const;
export type LicensingAction = (typeof LicensingAction)[keyof typeof LicensingAction];
export const LICENSING_ACTIONS = Object.values(LicensingAction) as LicensingAction[];

/**
 * The transition table. The one-time supplement notice (Art.32 para 1(4)) is structural: after the supplement the
 * application is `supplemented`, where no second notice exists. `extend_period` keeps the status (Art.42: the
 * extension is a record, not a step). `schedule_hearing` from `under_review` is the hearing the agency holds of its own
 * motion or by law (Art.46); from `hearing_requested` it answers a request (Art.47). A decision straight from
 * `hearing_rights_notified` is possible once the request window has closed unused (guard `hearingRightsRespected`).
 * `withdraw` is the applicant's written withdrawal before a decision: the application ends as a record, never deleted.
 */
export const LICENSING_TRANSITIONS = {
  received: { request_supplement: 'supplement_requested', accept: 'accepted', not_accept: 'not_accepted', withdraw: 'withdrawn' },
  supplement_requested: { receive_supplement: 'supplemented', not_accept: 'not_accepted', withdraw: 'withdrawn' },
  supplemented: { accept: 'accepted', not_accept: 'not_accepted', withdraw: 'withdrawn' },
  accepted: { start_review: 'under_review', extend_period: 'accepted', withdraw: 'withdrawn' },
  not_accepted: { close: 'closed' },
  under_review: {
    extend_period: 'under_review',
    notify_hearing_rights: 'hearing_rights_notified',
    schedule_hearing: 'hearing_scheduled',
    grant: 'granted',
    refuse: 'refused',
    withdraw: 'withdrawn',
  },
  hearing_rights_notified: { request_hearing: 'hearing_requested', extend_period: 'hearing_rights_notified', grant: 'granted', refuse: 'refused', withdraw: 'withdrawn' },
  hearing_requested: { schedule_hearing: 'hearing_scheduled', extend_period: 'hearing_requested', withdraw: 'withdrawn' },
  hearing_scheduled: { hold_hearing: 'hearing_held', extend_period: 'hearing_scheduled', withdraw: 'withdrawn' },
  hearing_held: { extend_period: 'hearing_held', grant: 'granted', refuse: 'refused', withdraw: 'withdrawn' },
  granted: { issue_certificate: 'certificate_issued' },
  refused: { close: 'closed' },
  certificate_issued: { close: 'closed' },
  closed: {},
  withdrawn: {},
} as const satisfies Record<LicensingStatus, Partial<Record<LicensingAction, LicensingStatus>>>;

// ---- facts --------------------------------------------------------------------------------------------------------------

export interface LicensingSupplementNotice {
  servedOn: string;
  missingItems: readonly string[];
}

/** Art.78: false or concealed application (1-year ban); Art.79: licence obtained by fraud or bribery (3 years). */
export type LicensingBanKind = 'false_application' | 'improper_means';
export interface LicensingBanRecord {
  itemId: string;
  kind: LicensingBanKind;
  /** The not-accept / refusal (Art.78) or revocation (Art.79) decision the ban runs from. */
  decidedOn: string;
  /** The licence directly concerns public safety, personal health, or life and property: only then the ban applies. */
  isSafetyRelated: boolean;
}

/** Quantity-limited licences (Art.57); `tender_or_auction` is the "law provides otherwise" case (Art.53). */
export interface LicensingQuotaFacts {
  method: 'first_come' | 'tender_or_auction';
  /** Licences of the quota not yet granted. */
  remaining: number;
  /** Other applications accepted before this one, meeting the conditions and still undecided. */
  earlierPending: readonly { applicationId: string; acceptedOn: string }[];
}

/** Time not counted in the decision period (Art.45): it must be told to the applicant in writing to count. */
export type LicensingExclusionKind = 'hearing' | 'tender' | 'auction' | 'testing' | 'inspection' | 'quarantine' | 'appraisal' | 'expert_review';
export interface LicensingExclusion {
  kind: LicensingExclusionKind;
  from: string;
  /** Inclusive; null while it is still running. */
  to: string | null;
  toldInWritingOn: string | null;
}

export interface LicensingExtension {
  approvedOn: string;
  /** Art.42 para 1: the agency head; para 2 (joint or centralised handling): the head of the same-level government. */
  approvedBy: 'agency_head' | 'government_head' | null;
  reasons: string;
  reasonsToldOn: string | null;
}

export type LicensingNotAcceptedReason = 'no_licence_required' | 'not_competent' | 'false_materials' | 'incomplete' | 'other';

export interface LicensingFacts {
  status: LicensingStatus;
  itemId: string;
  receivedOn: string;
  /** The materials the service guide requires, and those received so far (same labels). */
  requiredMaterials: readonly string[];
  submittedMaterials: readonly string[];
  supplementNotices: readonly LicensingSupplementNotice[];
  /** Art.32 para 2: acceptance and non-acceptance are answered by a sealed, dated written receipt. */
  hasSealedDatedReceipt: boolean;
  acceptedOn: string | null;
  notAccepted: { decidedOn: string; reason: LicensingNotAcceptedReason; explanation: string; referralAgency: string | null } | null;
  banRecords: readonly LicensingBanRecord[];
  quota: LicensingQuotaFacts | null;
  /** Joint, unified or centralised handling (Art.26, Art.42 para 2): 45 + 15 working days. */
  isJointHandling: boolean;
  /** Staff reviewing the application (审查人员). */
  reviewerIds: readonly string[];
  /** Art.34 para 3: substantive content must be verified on site or otherwise. */
  needsSubstantiveVerification: boolean;
  verifierIds: readonly string[];
  /** Extensions on record, and the one being requested (input of `extend_period`). */
  extensions: readonly LicensingExtension[];
  pendingExtension: LicensingExtension | null;
  exclusions: readonly LicensingExclusion[];
  /** Art.46: a hearing required by law, or one the agency considers in the public interest. */
  isHearingRequired: boolean;
  /** Art.47: the licence directly concerns major interests between the applicant and others. */
  involvesOthersMajorInterests: boolean;
  hearingRightsNotifiedOn: string | null;
  hearingRequestedOn: string | null;
  hearingNoticeSentOn: string | null;
  hearingDate: string | null;
  hearingPresiderId: string | null;
  hearingHeldOn: string | null;
  hasHearingTranscript: boolean;
  decision: { kind: 'grant' | 'refuse'; decidedOn: string; reasons: string; remediesStated: boolean } | null;
  certificateIssuedOn: string | null;
}

// ---- rule parameters and context ----------------------------------------------------------------------------------------

export type LicensingRuleParams = Pick<RuleValues, 'licensing.decisionWorkingDays' | 'licensing.renewalLeadDays' | 'publication.licencePenaltyWorkingDays'>;
export const DEFAULT_LICENSING_RULE_PARAMS: LicensingRuleParams = {
  'licensing.decisionWorkingDays': RULE_KEYS['licensing.decisionWorkingDays'].default,
  'licensing.renewalLeadDays': RULE_KEYS['licensing.renewalLeadDays'].default,
  'publication.licencePenaltyWorkingDays': RULE_KEYS['publication.licencePenaltyWorkingDays'].default,
};

/** The penalty guard context with this procedure's rule parameters (the server passes the resolved profile values). */
export type LicensingGuardContext = Omit<GuardContext, 'params'> & { params: LicensingRuleParams };
export type LicensingGuard<F> = (facts: F, ctx: LicensingGuardContext) => Refusal | null;

// ---- deadlines ----------------------------------------------------------------------------------------------------------

/** Licensing time limits (domain-rules Appendix A #25–28); the decision length is a rule parameter. */
export const LICENSING_DEADLINE_RULES = {
  /** Receipt → one-time supplement notice; none in time = accepted from receipt (L1). #25. */
  intake: { ruleId: 'licensing.intake', citation: '行政许可法 Art.32 para 1(4), Art.82', length: 5, unit: 'day', dayType: 'WORKING' },
  /** Acceptance → decision (L2). #26. Excluded periods told in writing are pauses (Art.45). */
  decision: {
    ruleId: 'licensing.decision',
    citation: '行政许可法 Art.42 para 1, Art.45, Art.82',
    length: RULE_KEYS['licensing.decisionWorkingDays'].default,
    unit: 'day',
    dayType: 'WORKING',
  },
  decisionExtension: { ruleId: 'licensing.decisionExtension', citation: '行政许可法 Art.42 para 1', length: 10, unit: 'day', dayType: 'WORKING' },
  jointDecision: { ruleId: 'licensing.jointDecision', citation: '行政许可法 Art.42 para 2, Art.45, Art.82', length: 45, unit: 'day', dayType: 'WORKING' },
  jointDecisionExtension: { ruleId: 'licensing.jointDecisionExtension', citation: '行政许可法 Art.42 para 2', length: 15, unit: 'day', dayType: 'WORKING' },
  /**
   * Hearing rights notified → request (L5). Art.82 speaks of the agency's periods; counting the applicant's 5 days in
   * working days too (Appendix A #28) is the reading that never shortens the applicant's time.
   */
  hearingRequest: { ruleId: 'licensing.hearingRequest', citation: '行政许可法 Art.47 para 1, Art.82', length: 5, unit: 'day', dayType: 'WORKING' },
  /** Request → hearing held ("二十日内组织听证"). */
  hearingOrganise: { ruleId: 'licensing.hearingOrganise', citation: '行政许可法 Art.47 para 1, Art.82', length: 20, unit: 'day', dayType: 'WORKING' },
  /** Hearing notice sent → earliest hearing date ("举行听证的七日前"). */
  hearingNotice: { ruleId: 'licensing.hearingNotice', citation: '行政许可法 Art.48 para 1(1), Art.82', length: 7, unit: 'day', dayType: 'WORKING' },
  /** Grant → certificate issued or served (L3). #27. */
  certificate: { ruleId: 'licensing.certificate', citation: '行政许可法 Art.44, Art.82', length: 10, unit: 'day', dayType: 'WORKING' },
  /** Grant → public disclosure (Art.40; 国办发〔2018〕118号: 7 WD, rule parameter). Appendix A #9. */
  publication: {
    ruleId: 'licensing.publication',
    citation: '行政许可法 Art.40; 国办发〔2018〕118号 §二(六)',
    length: RULE_KEYS['publication.licencePenaltyWorkingDays'].default,
    unit: 'day',
    dayType: 'WORKING',
  },
} as const satisfies Record<string, DeadlineRule>;
export type LicensingDeadlineKey = keyof typeof LICENSING_DEADLINE_RULES;

export const LICENSING_DEADLINE_LABELS: Record<LicensingDeadlineKey, { zh: string; en: string }> = {
  intake: { zh: '一次告知补正期限', en: 'One-time supplement notice' },
  decision: { zh: '许可决定期限', en: 'Licence decision' },
  decisionExtension: { zh: '许可决定延长期限', en: 'Decision extension' },
  jointDecision: { zh: '联合办理决定期限', en: 'Joint handling decision' },
  jointDecisionExtension: { zh: '联合办理延长期限', en: 'Joint handling extension' },
  hearingRequest: { zh: '听证申请期限', en: 'Hearing request window' },
  hearingOrganise: { zh: '组织听证期限', en: 'Hold the hearing' },
  hearingNotice: { zh: '听证通知期限（最早举行日）', en: 'Hearing notice (earliest hearing date)' },
  certificate: { zh: '颁发、送达许可证件期限', en: 'Issue the certificate' },
  publication: { zh: '许可决定公开期限', en: 'Publish the decision' },
};

/** Same shape as the penalty `CaseDeadline`: the rule (with its day type), the due date, and paused days. */
export interface LicensingDeadline extends Deadline {
  key: LicensingDeadlineKey;
  start: string;
  /** True while an excluded period is still running: the due date moves on with it. */
  isProvisional: boolean;
}

function deadlineOf(key: LicensingDeadlineKey, rule: DeadlineRule, start: string, cal: HolidayCalendar, pauses: PeriodPause[] = [], isProvisional = false): LicensingDeadline {
  return { key, start, isProvisional, ...computeDeadline(rule, start, cal, pauses) };
}

/** The first extension, if it counts: approved by the right head, with reasons told to the applicant (Art.42). */
function countedExtension(f: Pick<LicensingFacts, 'extensions' | 'isJointHandling'>): LicensingExtension | null {
  const e = f.extensions[0];
  if (!e) return null;
  const approver = f.isJointHandling ? 'government_head' : 'agency_head';
  return e.approvedBy === approver && e.reasons.trim() !== '' && e.reasonsToldOn ? e : null;
}

/** Excluded periods told in writing, as pauses; a running one is closed at `asOf` (Art.45). */
function toldPauses(exclusions: readonly LicensingExclusion[], asOf: string): { pauses: PeriodPause[]; isOpen: boolean } {
  const told = exclusions.filter((e) => e.toldInWritingOn);
  return {
    pauses: told.map((e) => {
      const to = e.to ?? asOf;
      return { from: e.from, to: to < e.from ? e.from : to };
    }),
    isOpen: told.some((e) => e.to === null),
  };
}

/** The decision period: 20 WD by default (45 for joint handling), +10 (+15) with a counted extension, pauses excluded. */
export function licensingDecisionDeadline(
  facts: Pick<LicensingFacts, 'extensions' | 'isJointHandling' | 'exclusions'>,
  acceptedFrom: string,
  cal: HolidayCalendar,
  opts: { asOf: string; params?: LicensingRuleParams },
): LicensingDeadline {
  const R = LICENSING_DEADLINE_RULES;
  const params = opts.params ?? DEFAULT_LICENSING_RULE_PARAMS;
  const base = facts.isJointHandling ? R.jointDecision : { ...R.decision, length: params['licensing.decisionWorkingDays'] };
  const extra = countedExtension(facts) ? (facts.isJointHandling ? R.jointDecisionExtension.length : R.decisionExtension.length) : 0;
  const { pauses, isOpen } = toldPauses(facts.exclusions, opts.asOf);
  return deadlineOf(facts.isJointHandling ? 'jointDecision' : 'decision', { ...base, length: base.length + extra }, acceptedFrom, cal, pauses, isOpen);
}

export type LicensingIntakeStateKind = 'pending' | 'supplement_requested' | 'accepted' | 'not_accepted' | 'deemed_accepted';
export type LicensingIntakeFlag = 'second_supplement_notice' | 'notice_after_deadline' | 'not_accepted_after_deemed_acceptance';
export interface LicensingIntakeState {
  state: LicensingIntakeStateKind;
  /** The last day for the one-time supplement notice. */
  deadline: LicensingDeadline;
  /** The day the decision period counts from: the acceptance, or the receipt when deemed accepted. Null before. */
  acceptedFrom: string | null;
  /** Irregularities for supervisors; none of them changes the state. */
  flags: LicensingIntakeFlag[];
}

/**
 * Where the intake stands on `today` (行政许可法 Art.32 para 1(4)): an application that got neither the one-time
 * supplement notice nor an intake decision within 5 working days of receipt is accepted from the day of receipt, so the
 * decision period runs from then. Events dated after `today` are not yet known.
 */
export function licensingIntakeState(
  facts: Pick<LicensingFacts, 'receivedOn' | 'supplementNotices' | 'acceptedOn' | 'notAccepted'>,
  today: string,
  cal: HolidayCalendar,
): LicensingIntakeState {
  const deadline = deadlineOf('intake', LICENSING_DEADLINE_RULES.intake, facts.receivedOn, cal);
  const due = deadline.due;
  const seen = (d: string | null | undefined): d is string => !!d && d <= today;
  const notices = facts.supplementNotices.filter((n) => seen(n.servedOn)).sort((a, b) => (a.servedOn < b.servedOn ? -1 : 1));
  const flags: LicensingIntakeFlag[] = [];
  if (notices.length > 1) flags.push('second_supplement_notice');
  const first = notices[0];
  if (first && first.servedOn > due) flags.push('notice_after_deadline');
  const acceptedOn = seen(facts.acceptedOn) ? facts.acceptedOn : null;
  const notAcceptedOn = seen(facts.notAccepted?.decidedOn) ? facts.notAccepted!.decidedOn : null;

  const answeredInTime = (first && first.servedOn <= due) || (acceptedOn && acceptedOn <= due) || (notAcceptedOn && notAcceptedOn <= due);
  if (answeredInTime) {
    if (acceptedOn) return { state: 'accepted', deadline, acceptedFrom: acceptedOn, flags };
    if (notAcceptedOn) return { state: 'not_accepted', deadline, acceptedFrom: null, flags };
    return { state: 'supplement_requested', deadline, acceptedFrom: null, flags };
  }
  if (today > due) {
    if (notAcceptedOn) flags.push('not_accepted_after_deemed_acceptance');
    return { state: 'deemed_accepted', deadline, acceptedFrom: facts.receivedOn, flags };
  }
  return { state: 'pending', deadline, acceptedFrom: null, flags };
}

/**
 * Every licensing deadline whose trigger has happened by `asOf`: intake, decision (from the effective acceptance),
 * hearing request/organisation/notice, certificate and publication after a grant.
 */
export function licensingDeadlines(facts: LicensingFacts, cal: HolidayCalendar, opts: { asOf: string; params?: LicensingRuleParams }): LicensingDeadline[] {
  const R = LICENSING_DEADLINE_RULES;
  const params = opts.params ?? DEFAULT_LICENSING_RULE_PARAMS;
  const intake = licensingIntakeState(facts, opts.asOf, cal);
  const out: LicensingDeadline[] = [intake.deadline];
  if (intake.acceptedFrom) out.push(licensingDecisionDeadline(facts, intake.acceptedFrom, cal, { asOf: opts.asOf, params }));
  if (facts.hearingRightsNotifiedOn) out.push(deadlineOf('hearingRequest', R.hearingRequest, facts.hearingRightsNotifiedOn, cal));
  if (facts.hearingRequestedOn) out.push(deadlineOf('hearingOrganise', R.hearingOrganise, facts.hearingRequestedOn, cal));
  if (facts.hearingNoticeSentOn) out.push(deadlineOf('hearingNotice', R.hearingNotice, facts.hearingNoticeSentOn, cal));
  if (facts.decision?.kind === 'grant') {
    out.push(deadlineOf('certificate', R.certificate, facts.decision.decidedOn, cal));
    out.push(deadlineOf('publication', { ...R.publication, length: params['publication.licencePenaltyWorkingDays'] }, facts.decision.decidedOn, cal));
  }
  return out;
}

// ---- renewal (Art.50) ---------------------------------------------------------------------------------------------------

export interface LicenceRenewalFacts {
  /** Last day of validity (有效期至). */
  expiresOn: string;
  renewalAppliedOn: string | null;
  renewalDecision: { decidedOn: string; isGranted: boolean } | null;
}
export type LicenceRenewalStateKind =
  | 'open'
  | 'application_overdue'
  | 'pending'
  | 'late_application'
  | 'granted'
  | 'refused'
  | 'deemed_granted'
  | 'expired';
export interface LicenceRenewalState {
  state: LicenceRenewalStateKind;
  /** Last day to apply: `licensing.renewalLeadDays` (30) days before expiry. */
  applyBy: string;
  /** The agency decides by the last day of validity, or the renewal is deemed granted. */
  decideBy: string;
  citation: string;
  /** A decision dated after expiry on a timely application: the renewal was already deemed granted. */
  isLateDecisionIgnored: boolean;
}

/**
 * 行政许可法 Art.50: the holder applies `renewalLeadDays` (30) days before expiry; the agency decides before expiry,
 * otherwise the renewal is deemed granted. `applyBy` counts back from the last day of validity without rolling (a
 * backward period that rolled forward would shorten the agency's time), so it may be one day earlier than the latest
 * reading. The deemed grant protects an application made in time (para 1); a late one undecided at expiry lapses
 * (Art.70(1) cancellation).
 */
export function renewalState(facts: LicenceRenewalFacts, today: string, params: Pick<LicensingRuleParams, 'licensing.renewalLeadDays'> = DEFAULT_LICENSING_RULE_PARAMS): LicenceRenewalState {
  const applyBy = shiftDays(facts.expiresOn, -params['licensing.renewalLeadDays']);
  const base = { applyBy, decideBy: facts.expiresOn, citation: '行政许可法 Art.50', isLateDecisionIgnored: false };
  const appliedOn = facts.renewalAppliedOn && facts.renewalAppliedOn <= today ? facts.renewalAppliedOn : null;
  const decision = facts.renewalDecision && facts.renewalDecision.decidedOn <= today ? facts.renewalDecision : null;
  const decided = (d: { isGranted: boolean }): LicenceRenewalStateKind => (d.isGranted ? 'granted' : 'refused');
  if (!appliedOn) {
    if (today > facts.expiresOn) return { ...base, state: 'expired' };
    return { ...base, state: today > applyBy ? 'application_overdue' : 'open' };
  }
  if (appliedOn <= applyBy) {
    if (decision && decision.decidedOn <= facts.expiresOn) return { ...base, state: decided(decision) };
    if (today > facts.expiresOn) return { ...base, state: 'deemed_granted', isLateDecisionIgnored: decision !== null };
    return { ...base, state: 'pending' };
  }
  if (decision) return { ...base, state: decided(decision) };
  return { ...base, state: today > facts.expiresOn ? 'expired' : 'late_application' };
}

/** Calendar-day shift on UTC day numbers (never through the local zone). */
function shiftDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Art.32 para 1(4), (5): the materials still missing, which the one-time notice must list in full. */
export function missingLicensingMaterials(facts: Pick<LicensingFacts, 'requiredMaterials' | 'submittedMaterials'>): string[] {
  return facts.requiredMaterials.filter((m) => !facts.submittedMaterials.includes(m));
}

// ---- guards -------------------------------------------------------------------------------------------------------------

function ruleRefusal(citation: string, message: string, messageZh: string, details?: Record<string, unknown>): Refusal {
  return { code: 'RULE_VIOLATION', message, messageZh, citation, ...(details ? { details } : {}) };
}

/** A missing holiday year becomes a CALENDAR_MISSING refusal rather than an exception (domain-rules G5). */
function withCalendar(citation: string, fn: () => Refusal | null): Refusal | null {
  try {
    return fn();
  } catch (e) {
    if (e instanceof AppError && e.code === 'CALENDAR_MISSING') {
      return { code: 'CALENDAR_MISSING', message: e.message, messageZh: e.messageZh, citation, ...(e.details ? { details: e.details } : {}) };
    }
    throw e;
  }
}

/** Art.32 para 1(4), Art.82: the notice comes on the spot or within 5 working days; later, the application is accepted. */
export const supplementNoticeInTime: LicensingGuard<Pick<LicensingFacts, 'receivedOn'>> = (f, ctx) => {
  const citation = '行政许可法 Art.32 para 1(4), Art.82';
  return withCalendar(citation, () => {
    const { due } = computeDeadline(LICENSING_DEADLINE_RULES.intake, f.receivedOn, ctx.calendar);
    if (ctx.now <= due) return null;
    return ruleRefusal(
      citation,
      `The 5-working-day period for the supplement notice ended on ${due}: the application counts as accepted from receipt (${f.receivedOn}). Accept it and review it.`,
      `一次告知补正期限已于${due}届满，逾期不告知的，自收到申请材料之日（${f.receivedOn}）起即为受理，请予受理并审查。`,
      { due, receivedOn: f.receivedOn },
    );
  });
};

/** Art.32 para 1(4): one notice only ("一次告知"); a second one would be a new hurdle for the applicant. */
export const oneTimeSupplementNotice: LicensingGuard<Pick<LicensingFacts, 'supplementNotices'>> = (f) =>
  f.supplementNotices.length === 0
    ? null
    : ruleRefusal(
        '行政许可法 Art.32 para 1(4)',
        'The applicant was already told once what to supplement; a second notice is not allowed. Accept the application, or do not accept it with reasons.',
        '已一次告知申请人需要补正的全部内容，不得再次要求补正；请受理，或说明理由不予受理。',
        { noticesServed: f.supplementNotices.map((n) => n.servedOn) },
      );

/** Art.32 para 1(4): a notice makes sense only for missing materials; it lists all of them (`missingLicensingMaterials`). */
export const supplementHasMissingItems: LicensingGuard<Pick<LicensingFacts, 'requiredMaterials' | 'submittedMaterials'>> = (f) =>
  missingLicensingMaterials(f).length > 0
    ? null
    : ruleRefusal(
        '行政许可法 Art.32 para 1(4), (5)',
        'All required materials are present: nothing to supplement. Accept the application (errors that can be corrected are corrected on the spot).',
        '申请材料齐全，无需补正，请予受理（可当场更正的错误应当场更正）。',
      );

/** Art.32 para 1(5): accept complete materials; incomplete ones need the notice first, unless already deemed accepted. */
export const materialsCompleteOrDeemedAccepted: LicensingGuard<
  Pick<LicensingFacts, 'requiredMaterials' | 'submittedMaterials' | 'receivedOn' | 'supplementNotices' | 'acceptedOn' | 'notAccepted'>
> = (f, ctx) => {
  const missing = missingLicensingMaterials(f);
  if (missing.length === 0) return null;
  const citation = '行政许可法 Art.32 para 1(4), (5)';
  return withCalendar(citation, () => {
    if (licensingIntakeState(f, ctx.now, ctx.calendar).state === 'deemed_accepted') return null;
    return ruleRefusal(
      citation,
      `Materials are missing (${missing.join(', ')}): tell the applicant once what to supplement, or do not accept the application.`,
      `申请材料不齐全（缺少：${missing.join('、')}），请一次告知申请人需要补正的全部内容，或不予受理。`,
      { missing },
    );
  });
};

/** Art.32 para 2: acceptance or non-acceptance is answered by a written receipt bearing the agency's seal and date. */
export const intakeReceiptSealed: LicensingGuard<Pick<LicensingFacts, 'hasSealedDatedReceipt'>> = (f) =>
  f.hasSealedDatedReceipt
    ? null
    : ruleRefusal('行政许可法 Art.32 para 2', 'Issue the written receipt with the agency seal and date.', '请出具加盖本行政机关专用印章和注明日期的书面凭证。');

/** Art.32 para 1(1), (2), Art.78: non-acceptance states why; one for lack of competence names the competent agency. */
export const notAcceptedWithReasons: LicensingGuard<Pick<LicensingFacts, 'notAccepted'>> = (f) => {
  const citation = '行政许可法 Art.32 para 1(1), (2)';
  const n = f.notAccepted;
  if (!n || !n.explanation.trim()) {
    return ruleRefusal(citation, 'State the reasons for not accepting the application.', '请说明不予受理的理由。');
  }
  if (n.reason === 'not_competent' && !n.referralAgency?.trim()) {
    return ruleRefusal(citation, 'The matter is outside this agency\'s competence: tell the applicant which agency to apply to.', '不属于本机关职权范围的，应当告知申请人向有关行政机关申请。', {
      reason: n.reason,
    });
  }
  return null;
};

/** Art.32 para 1(4): once the intake period passed without notice, the application is accepted and cannot be turned away. */
export const notDeemedAccepted: LicensingGuard<Pick<LicensingFacts, 'receivedOn' | 'supplementNotices' | 'acceptedOn' | 'notAccepted'>> = (f, ctx) => {
  const citation = '行政许可法 Art.32 para 1(4)';
  return withCalendar(citation, () => {
    // Judge the intake as it stood before this non-acceptance (the input is already applied to the facts).
    const s = licensingIntakeState({ ...f, notAccepted: null }, ctx.now, ctx.calendar);
    if (s.state !== 'deemed_accepted') return null;
    return ruleRefusal(
      citation,
      `No supplement notice was served by ${s.deadline.due}: the application is accepted from receipt and must be decided on its merits (refuse it with reasons if it fails the conditions).`,
      `未在${s.deadline.due}前一次告知补正，自收到申请材料之日起即为受理，应当依法审查并作出决定（不符合条件的，说明理由不予许可）。`,
      { due: s.deadline.due },
    );
  });
};

/** The same month and day `years` later; 29 February falls back to the 28th (民法典 Art.202). */
function anniversary(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years;
  const md = date.slice(5);
  const isLeap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return `${String(y).padStart(4, '0')}-${md === '02-29' && !isLeap ? '02-28' : md}`;
}

const BAN_YEARS: Record<LicensingBanKind, number> = { false_application: 1, improper_means: 3 };

/**
 * 行政许可法 Art.78, 79: for a licence directly concerning public safety, health, or life and property, an applicant who
 * applied with false or concealed material may not apply for it again within 1 year; one who obtained it by fraud or
 * bribery, within 3 years. "以内" includes the last day (民法典 Art.1259); a ban is not a time to act, so its end does
 * not roll to a working day. The register records are facts supplied by the caller.
 */
export const applicantNotBanned: LicensingGuard<Pick<LicensingFacts, 'itemId' | 'receivedOn' | 'banRecords'>> = (f) => {
  const hits = f.banRecords
    .filter((b) => b.itemId === f.itemId && b.isSafetyRelated && b.decidedOn <= f.receivedOn)
    .map((b) => ({ kind: b.kind, decidedOn: b.decidedOn, years: BAN_YEARS[b.kind], until: anniversary(b.decidedOn, BAN_YEARS[b.kind]) }))
    .filter((b) => f.receivedOn <= b.until);
  if (hits.length === 0) return null;
  const until = hits.map((h) => h.until).sort().at(-1)!;
  return ruleRefusal(
    hits.some((h) => h.kind === 'improper_means') ? '行政许可法 Art.79' : '行政许可法 Art.78',
    `The applicant is barred from applying for this licence until ${until} (false application: 1 year; licence obtained by fraud or bribery: 3 years).`,
    `申请人在${until}前不得再次申请该行政许可（隐瞒情况或提供虚假材料的一年内、以欺骗贿赂等手段取得的三年内）。`,
    { bans: hits, until },
  );
};

/**
 * Art.57: when applications for a quantity-limited licence all qualify, licences go in the order of acceptance, unless
 * a law provides otherwise (tender or auction, Art.53). The remaining quota serves earlier qualified applications first.
 */
export const firstComeQuotaOrder: LicensingGuard<Pick<LicensingFacts, 'quota'>> = (f) => {
  const q = f.quota;
  if (!q || q.method !== 'first_come' || q.remaining > q.earlierPending.length) return null;
  return ruleRefusal(
    '行政许可法 Art.57',
    `Only ${q.remaining} licence(s) of the quota remain and ${q.earlierPending.length} qualified application(s) were accepted earlier: decide those first, in order of acceptance.`,
    `本许可有数量限制，剩余名额${q.remaining}个，另有${q.earlierPending.length}件符合条件的申请受理在先，应当按受理先后顺序作出决定。`,
    { remaining: q.remaining, earlierPending: q.earlierPending },
  );
};

/** Art.34 para 3: substantive verification is done by at least two staff members. */
export const substantiveVerificationByTwo: LicensingGuard<Pick<LicensingFacts, 'needsSubstantiveVerification' | 'verifierIds'>> = (f) => {
  const n = new Set(f.verifierIds).size;
  if (!f.needsSubstantiveVerification || n >= 2) return null;
  return ruleRefusal(
    '行政许可法 Art.34 para 3',
    `The substantive content must be verified by at least two staff members; ${n} recorded.`,
    `需要对申请材料的实质内容进行核实的，应当指派两名以上工作人员进行核查，目前记录${n}名。`,
    { verifierCount: n },
  );
};

/**
 * Art.42: a decision not possible within the period may be extended once, by 10 working days with the agency head's
 * approval (joint handling: 15, by the government head), the reasons told to the applicant; it must be approved while
 * the period still runs.
 */
export const licensingExtensionApproved: LicensingGuard<
  Pick<LicensingFacts, 'extensions' | 'pendingExtension' | 'isJointHandling' | 'exclusions' | 'receivedOn' | 'supplementNotices' | 'acceptedOn' | 'notAccepted'>
> = (f, ctx) => {
  const citation = f.isJointHandling ? '行政许可法 Art.42 para 2' : '行政许可法 Art.42 para 1';
  if (f.extensions.length > 0) {
    return ruleRefusal(citation, 'The decision period was already extended once; it cannot be extended again.', '许可决定期限已延长过一次，不得再次延长。', {
      extendedOn: f.extensions[0]!.approvedOn,
    });
  }
  const e = f.pendingExtension;
  const approver = f.isJointHandling ? 'government_head' : 'agency_head';
  const problems: string[] = [];
  if (!e || e.approvedBy !== approver) problems.push('approval');
  if (!e?.reasons.trim()) problems.push('reasons');
  if (!e?.reasonsToldOn) problems.push('reasons_not_told');
  if (problems.length > 0) {
    return ruleRefusal(
      citation,
      `An extension needs the approval of the ${f.isJointHandling ? 'government head' : 'agency head'}, written reasons, and the reasons told to the applicant.`,
      `延长期限须经${f.isJointHandling ? '本级人民政府负责人' : '本行政机关负责人'}批准，说明理由并告知申请人。`,
      { problems },
    );
  }
  return withCalendar(citation, () => {
    const intake = licensingIntakeState(f, ctx.now, ctx.calendar);
    if (!intake.acceptedFrom) return null;
    const { due } = licensingDecisionDeadline({ ...f, extensions: [] }, intake.acceptedFrom, ctx.calendar, { asOf: ctx.now, params: ctx.params });
    if (e!.approvedOn <= due) return null;
    return ruleRefusal(citation, `The decision period ended on ${due}; an extension must be approved before it ends.`, `许可决定期限已于${due}届满，延长须在期限届满前批准。`, {
      due,
      approvedOn: e!.approvedOn,
    });
  });
};

/** Art.47 para 1: the applicant and interested parties request a hearing within 5 days of being told of the right. */
export const licensingHearingRequestInTime: LicensingGuard<Pick<LicensingFacts, 'hearingRightsNotifiedOn'>> = (f, ctx) => {
  const citation = '行政许可法 Art.47 para 1';
  if (!f.hearingRightsNotifiedOn) return ruleRefusal(citation, 'The right to a hearing has not been notified yet.', '尚未告知听证权利。');
  return withCalendar(citation, () => {
    const { due } = computeDeadline(LICENSING_DEADLINE_RULES.hearingRequest, f.hearingRightsNotifiedOn!, ctx.calendar);
    if (ctx.now <= due) return null;
    return ruleRefusal(citation, `The hearing request period ended on ${due}; a later request is not admissible.`, `听证申请期限已于${due}届满。`, { due });
  });
};

/**
 * Art.47 para 1: a requested hearing is organised within 20 days of the request. Once that day has passed no date can
 * comply, so the guard stops blocking (the lateness is a notice) rather than leaving the applicant without a hearing.
 */
export const licensingHearingWithinPeriod: LicensingGuard<Pick<LicensingFacts, 'hearingRequestedOn' | 'hearingDate'>> = (f, ctx) => {
  const citation = '行政许可法 Art.47 para 1';
  if (!f.hearingDate) return ruleRefusal(citation, 'Set the hearing date.', '请确定举行听证的日期。');
  if (!f.hearingRequestedOn) return null;
  return withCalendar(citation, () => {
    const { due } = computeDeadline(LICENSING_DEADLINE_RULES.hearingOrganise, f.hearingRequestedOn!, ctx.calendar);
    if (f.hearingDate! <= due || ctx.now > due) return null;
    return ruleRefusal(citation, `The hearing must be held by ${due} (20 working days after the request); choose an earlier date.`, `应当在${due}前组织听证（申请之日起二十日内），请提前听证日期。`, {
      due,
      hearingDate: f.hearingDate,
    });
  });
};

/** Art.48 para 1(1): the time and place are notified 7 days before the hearing (publicly announced where needed). */
export const licensingHearingNoticeInTime: LicensingGuard<Pick<LicensingFacts, 'hearingNoticeSentOn' | 'hearingDate'>> = (f, ctx) => {
  const citation = '行政许可法 Art.48 para 1(1)';
  if (!f.hearingNoticeSentOn || !f.hearingDate) {
    return ruleRefusal(citation, 'Record the hearing date and the day its notice was sent.', '请记录听证日期及通知发出日期。');
  }
  return withCalendar(citation, () => {
    const { due } = computeDeadline(LICENSING_DEADLINE_RULES.hearingNotice, f.hearingNoticeSentOn!, ctx.calendar);
    if (f.hearingDate! >= due) return null;
    return ruleRefusal(
      citation,
      `The notice sent on ${f.hearingNoticeSentOn} allows a hearing from ${due} at the earliest (7 days' notice).`,
      `听证通知于${f.hearingNoticeSentOn}发出，应当在举行听证七日前通知，最早可于${due}举行。`,
      { earliest: due, hearingDate: f.hearingDate },
    );
  });
};

/** Art.48 para 1(1): the hearing takes place on the notified date or later (postponed), never before it. */
export const hearingNotBeforeNotifiedDate: LicensingGuard<Pick<LicensingFacts, 'hearingDate'>> = (f, ctx) => {
  const citation = '行政许可法 Art.48 para 1(1)';
  if (!f.hearingDate) return ruleRefusal(citation, 'No hearing date was notified.', '尚未通知听证日期。');
  if (ctx.now >= f.hearingDate) return null;
  return ruleRefusal(citation, `The hearing was notified for ${f.hearingDate}; it cannot be held earlier.`, `听证已通知于${f.hearingDate}举行，不得提前举行。`, {
    hearingDate: f.hearingDate,
  });
};

/** Art.48 para 1(3): the presider is someone other than the staff who reviewed the application. */
export const hearingPresiderNotReviewer: LicensingGuard<Pick<LicensingFacts, 'hearingPresiderId' | 'reviewerIds' | 'verifierIds'>> = (f) => {
  const citation = '行政许可法 Art.48 para 1(3)';
  if (!f.hearingPresiderId) return ruleRefusal(citation, 'Designate the hearing presider.', '请指定听证主持人。');
  if (!f.reviewerIds.includes(f.hearingPresiderId) && !f.verifierIds.includes(f.hearingPresiderId)) return null;
  return ruleRefusal(citation, 'The presider reviewed this application; designate someone who did not.', '听证主持人不得由审查该行政许可申请的工作人员担任，请另行指定。', {
    presiderId: f.hearingPresiderId,
  });
};

/**
 * Art.46–47: a hearing required by law or in the public interest is held before deciding; where the licence concerns
 * major interests between the applicant and others, the right to a hearing is notified and its window left to run out.
 */
export const hearingRightsRespected: LicensingGuard<
  Pick<LicensingFacts, 'isHearingRequired' | 'involvesOthersMajorInterests' | 'hearingRightsNotifiedOn' | 'hearingRequestedOn' | 'hearingHeldOn'>
> = (f, ctx) => {
  if (f.isHearingRequired && !f.hearingHeldOn) {
    return ruleRefusal('行政许可法 Art.46', 'A hearing is required for this licence: announce and hold it before deciding.', '本许可依法应当听证，请向社会公告并举行听证后再作出决定。');
  }
  if (!f.involvesOthersMajorInterests || f.hearingHeldOn || f.hearingRequestedOn) return null;
  const citation = '行政许可法 Art.47 para 1';
  if (!f.hearingRightsNotifiedOn) {
    return ruleRefusal(
      citation,
      'The licence concerns major interests of others: tell the applicant and the interested parties of their right to a hearing first.',
      '本许可直接涉及申请人与他人之间重大利益关系，作出决定前应当告知申请人、利害关系人享有要求听证的权利。',
    );
  }
  return withCalendar(citation, () => {
    const { due } = computeDeadline(LICENSING_DEADLINE_RULES.hearingRequest, f.hearingRightsNotifiedOn!, ctx.calendar);
    if (ctx.now > due) return null;
    return ruleRefusal(citation, `The parties may request a hearing until ${due}; decide after that date.`, `申请人、利害关系人可在${due}前要求听证，请在此后作出决定。`, {
      due,
    });
  });
};

/** Art.48 para 2: after a hearing the decision rests on the hearing transcript. */
export const decisionOnHearingTranscript: LicensingGuard<Pick<LicensingFacts, 'hearingRequestedOn' | 'hearingHeldOn' | 'hasHearingTranscript'>> = (f) => {
  const citation = '行政许可法 Art.48 para 2';
  if (f.hearingRequestedOn && !f.hearingHeldOn) {
    return ruleRefusal(citation, 'A hearing was requested: hold it before deciding.', '当事人已要求听证，应当在听证后作出决定。');
  }
  if (f.hearingHeldOn && !f.hasHearingTranscript) {
    return ruleRefusal(citation, 'Record the hearing transcript: the decision must be based on it.', '请制作听证笔录，行政机关应当根据听证笔录作出决定。');
  }
  return null;
};

/** Art.38 para 2: a refusal is written, gives reasons, and tells the applicant of review and litigation rights. */
export const refusalStatesReasonsAndRemedies: LicensingGuard<Pick<LicensingFacts, 'decision'>> = (f) => {
  const d = f.decision;
  const problems: string[] = [];
  if (!d?.reasons.trim()) problems.push('reasons');
  if (!d?.remediesStated) problems.push('remedies');
  if (problems.length === 0) return null;
  return ruleRefusal(
    '行政许可法 Art.38 para 2',
    'A written refusal must give its reasons and tell the applicant of the right to administrative review or litigation.',
    '不予行政许可的书面决定应当说明理由，并告知申请人享有依法申请行政复议或者提起行政诉讼的权利。',
    { problems },
  );
};

export const LICENSING_GUARDS = {
  supplementNoticeInTime,
  oneTimeSupplementNotice,
  supplementHasMissingItems,
  materialsCompleteOrDeemedAccepted,
  intakeReceiptSealed,
  notAcceptedWithReasons,
  notDeemedAccepted,
  applicantNotBanned,
  firstComeQuotaOrder,
  substantiveVerificationByTwo,
  licensingExtensionApproved,
  licensingHearingRequestInTime,
  licensingHearingWithinPeriod,
  licensingHearingNoticeInTime,
  hearingNotBeforeNotifiedDate,
  hearingPresiderNotReviewer,
  hearingRightsRespected,
  decisionOnHearingTranscript,
  refusalStatesReasonsAndRemedies,
} satisfies Record<string, LicensingGuard<LicensingFacts>>;
export type LicensingGuardName = keyof typeof LICENSING_GUARDS;

export const LICENSING_ACTION_GUARDS: Partial<Record<LicensingAction, readonly LicensingGuardName[]>> = {
  request_supplement: ['supplementNoticeInTime', 'oneTimeSupplementNotice', 'supplementHasMissingItems'],
  accept: ['applicantNotBanned', 'materialsCompleteOrDeemedAccepted', 'intakeReceiptSealed'],
  not_accept: ['notAcceptedWithReasons', 'notDeemedAccepted', 'intakeReceiptSealed'],
  extend_period: ['licensingExtensionApproved'],
  request_hearing: ['licensingHearingRequestInTime'],
  schedule_hearing: ['licensingHearingWithinPeriod', 'licensingHearingNoticeInTime', 'hearingPresiderNotReviewer'],
  hold_hearing: ['hearingNotBeforeNotifiedDate', 'hearingPresiderNotReviewer'],
  grant: ['applicantNotBanned', 'substantiveVerificationByTwo', 'hearingRightsRespected', 'decisionOnHearingTranscript', 'firstComeQuotaOrder'],
  refuse: ['substantiveVerificationByTwo', 'hearingRightsRespected', 'decisionOnHearingTranscript', 'refusalStatesReasonsAndRemedies'],
};

/**
 * Guards that read the content the action itself carries (the sealed receipt, the reasons, the extension's approval,
 * the hearing date and presider, verifiers added with the decision): on the stored facts they refuse, but the step's
 * form answers them. To-do lists and buttons offer such a step; the server still checks it with its input.
 */
export const LICENSING_INPUT_GUARDS: Partial<Record<LicensingAction, readonly LicensingGuardName[]>> = {
  accept: ['intakeReceiptSealed'],
  not_accept: ['intakeReceiptSealed', 'notAcceptedWithReasons'],
  extend_period: ['licensingExtensionApproved'],
  schedule_hearing: ['licensingHearingWithinPeriod', 'licensingHearingNoticeInTime', 'hearingPresiderNotReviewer'],
  grant: ['substantiveVerificationByTwo'],
  refuse: ['substantiveVerificationByTwo', 'refusalStatesReasonsAndRemedies'],
};

/** True when every refusal of the step is one its own input can answer (see LICENSING_INPUT_GUARDS). */
export function isLicensingRefusalAnsweredByInput(action: string, refusals: readonly Pick<Refusal, 'details'>[]): boolean {
  const names: readonly string[] = LICENSING_INPUT_GUARDS[action as LicensingAction] ?? [];
  return (
    refusals.length > 0 &&
    refusals.every((r) => {
      const guard = r.details?.['guard'];
      if (typeof guard !== 'string' || !names.includes(guard)) return false;
      // Art.42: a missing approval comes with the form; an extension already used cannot be answered.
      return guard !== 'licensingExtensionApproved' || Array.isArray(r.details?.['problems']);
    })
  );
}

// ---- procedure ----------------------------------------------------------------------------------------------------------

const licensingEngine = procedureEngine<LicensingStatus, LicensingAction, LicensingGuardName, LicensingFacts, LicensingGuardContext, LicensingNotice>({
  transitions: LICENSING_TRANSITIONS,
  statusInfo: LICENSING_STATUS_INFO,
  actionGuards: LICENSING_ACTION_GUARDS,
  guards: LICENSING_GUARDS,
  notices: (facts, ctx) => licensingNotices(facts, ctx),
});

export function nextLicensingStatus(status: LicensingStatus, action: LicensingAction): LicensingStatus | undefined {
  return licensingEngine.next(status, action);
}

export function licensingActionRefusals(facts: LicensingFacts, action: LicensingAction, ctx: LicensingGuardContext): Refusal[] {
  return licensingEngine.refusals(facts, action, ctx);
}


/** Non-blocking findings for the handler and supervisors. */
export type LicensingNoticeKind =
  | 'deemed_accepted'
  | 'second_supplement_notice'
  | 'decision_overdue'
  | 'certificate_overdue'
  | 'exclusion_not_told'
  | 'hearing_late'
  | 'calendar_missing';
export interface LicensingNotice {
  kind: LicensingNoticeKind;
  message: string;
  messageZh: string;
  citation: string;
  details?: Record<string, unknown>;
}

export interface AvailableLicensingActions {
  allowed: LicensingAction[];
  refused: { action: LicensingAction; refusals: Refusal[] }[];
  notices: LicensingNotice[];
}

const REVIEW_STATUSES: readonly LicensingStatus[] = ['received', 'supplemented', 'accepted', 'under_review', 'hearing_rights_notified', 'hearing_requested', 'hearing_scheduled', 'hearing_held'];

function licensingNotices(f: LicensingFacts, ctx: LicensingGuardContext): LicensingNotice[] {
  const out: LicensingNotice[] = [];
  const untold = f.exclusions.filter((e) => !e.toldInWritingOn);
  if (untold.length > 0 && REVIEW_STATUSES.includes(f.status)) {
    out.push({
      kind: 'exclusion_not_told',
      message: 'Excluded periods not told to the applicant in writing still count toward the decision period.',
      messageZh: '未书面告知申请人的听证、检测、专家评审等所需时间，仍计入许可决定期限。',
      citation: '行政许可法 Art.45',
      details: { exclusions: untold.map((e) => ({ kind: e.kind, from: e.from })) },
    });
  }
  try {
    const intake = licensingIntakeState(f, ctx.now, ctx.calendar);
    if (intake.flags.includes('second_supplement_notice')) {
      out.push({
        kind: 'second_supplement_notice',
        message: 'More than one supplement notice is on record; the law allows one.',
        messageZh: '记录显示多次要求补正，违反一次告知的规定。',
        citation: '行政许可法 Art.32 para 1(4)',
      });
    }
    if (intake.state === 'deemed_accepted' && (f.status === 'received' || f.status === 'supplement_requested')) {
      out.push({
        kind: 'deemed_accepted',
        message: `No supplement notice by ${intake.deadline.due}: the application is accepted from receipt (${f.receivedOn}).`,
        messageZh: `逾期未告知补正，自收到申请材料之日（${f.receivedOn}）起即为受理。`,
        citation: '行政许可法 Art.32 para 1(4)',
        details: { due: intake.deadline.due, acceptedFrom: intake.acceptedFrom },
      });
    }
    if (intake.acceptedFrom && REVIEW_STATUSES.includes(f.status)) {
      const d = licensingDecisionDeadline(f, intake.acceptedFrom, ctx.calendar, { asOf: ctx.now, params: ctx.params });
      if (!d.isProvisional && ctx.now > d.due) {
        out.push({ kind: 'decision_overdue', message: `The decision was due on ${d.due}.`, messageZh: `许可决定期限已于${d.due}届满。`, citation: d.rule.citation, details: { due: d.due } });
      }
    }
    if (f.hearingRequestedOn && !f.hearingHeldOn) {
      const { due } = computeDeadline(LICENSING_DEADLINE_RULES.hearingOrganise, f.hearingRequestedOn, ctx.calendar);
      if (ctx.now > due) {
        out.push({ kind: 'hearing_late', message: `The hearing should have been held by ${due}.`, messageZh: `应当于${due}前组织听证。`, citation: '行政许可法 Art.47 para 1', details: { due } });
      }
    }
    if (f.status === 'granted' && f.decision) {
      const { due } = computeDeadline(LICENSING_DEADLINE_RULES.certificate, f.decision.decidedOn, ctx.calendar);
      if (ctx.now > due) {
        out.push({ kind: 'certificate_overdue', message: `The certificate was due by ${due}.`, messageZh: `许可证件应于${due}前颁发、送达。`, citation: '行政许可法 Art.44', details: { due } });
      }
    }
  } catch (e) {
    if (!(e instanceof AppError && e.code === 'CALENDAR_MISSING')) throw e;
    out.push({ kind: 'calendar_missing', message: e.message, messageZh: e.messageZh, citation: '行政许可法 Art.82', ...(e.details ? { details: e.details } : {}) });
  }
  return out;
}

/** The one function behind the API check and the UI buttons: table moves minus guard refusals, plus notices. */
export function availableLicensingActions(facts: LicensingFacts, ctx: LicensingGuardContext): AvailableLicensingActions {
  return licensingEngine.available(facts, ctx);
}

/** Server-side check of one requested action: the next status, or the refusals (INVALID_TRANSITION if off-table). */
export function checkLicensingAction(facts: LicensingFacts, action: LicensingAction, ctx: LicensingGuardContext): ProcedureCheck<LicensingStatus> {
  return licensingEngine.check(facts, action, ctx);
}
