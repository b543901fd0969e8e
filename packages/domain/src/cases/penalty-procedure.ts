import { AppError, type Refusal } from '../errors/index.ts';
import { allowedActions, nextStatus } from '../registry/enums.ts';
import { AV_EXECUTION_PAYMENT_METHODS, avRecordAttached, executionAvRecordMissing, serviceAvRecordMissing, type AvFacts } from '../record/av-requirement.ts';
import {
  reviewAwaitingMaterials,
  reviewDisputeNotOpen,
  reviewDisputeOpen,
  reviewExtendedOnce,
  reviewNotAwaitingMaterials,
  reviewReturnDisputable,
  type ReviewTrackFacts,
} from './review-track.ts';
import {
  closingTriggerReached,
  collectiveDiscussionBeforeDecision,
  crimeTransferBlocksDecision,
  discretionTierApplied,
  fineWithinDiscretionTier,
  firstTimeReviewerQualified,
  hearingRequestInTime,
  intendedPenaltyStated,
  legalReviewBeforeMajorDecision,
  limitationPeriod,
  noHeavierThanNotified,
  noticeBeforeDecision,
  reviewerNotInvestigator,
  twoCertifiedOfficers,
  type DiscretionCheck,
  type Guard,
  type GuardContext,
  type PenaltyFacts,
} from './penalty-guards.ts';
import {
  courtEnforcementReady,
  deferralScheduleValid,
  noOnSiteCashOutsideStatute,
  partPaymentLeavesBalance,
  paymentSettlesBalance,
  reminderAfterDefault,
  challengeNotPending,
  challengePending,
  type ExecutionFacts,
} from './penalty-execution.ts';

/** The ordinary penalty procedure (一般程序) as data: domain-rules §5 and the §18 sketch. */
export const PenaltyStatus = {
  LEAD: 'lead',
  NOT_FILED: 'not_filed',
  FILED: 'filed',
  INVESTIGATING: 'investigating',
  SUSPENDED: 'suspended',
  INVESTIGATION_ENDED: 'investigation_ended',
  UNDER_REVIEW: 'under_review',
  REVIEW_RETURNED: 'review_returned',
  REVIEWED: 'reviewed',
  COLLECTIVE_DISCUSSION: 'collective_discussion',
  DISCUSSED: 'discussed',
  NOTICE_SERVED: 'notice_served',
  HEARING_REQUESTED: 'hearing_requested',
  HEARING_HELD: 'hearing_held',
  DECIDED: 'decided',
  EXECUTING: 'executing',
  COURT_ENFORCEMENT: 'court_enforcement',
  EXECUTED: 'executed',
  CLOSED: 'closed',
  ARCHIVED: 'archived',
  TERMINATED: 'terminated',
  TRANSFERRED: 'transferred',
} as const;
export type PenaltyStatus = (typeof PenaltyStatus)[keyof typeof PenaltyStatus];
export const PENALTY_STATUSES = Object.values(PenaltyStatus) as PenaltyStatus[];

/** Each status with its legal basis, for the UI and GLOSSARY.md. */
export const PENALTY_STATUS_INFO: Record<PenaltyStatus, { zh: string; en: string; citation: string }> = {
  lead: { zh: '案源线索', en: 'Lead', citation: '市场监督管理行政处罚程序规定 Art.18' },
  not_filed: { zh: '不予立案', en: 'Not filed', citation: '市场监督管理行政处罚程序规定 Art.20; 行政处罚法 Art.33' },
  filed: { zh: '已立案', en: 'Filed', citation: '行政处罚法 Art.54; 市场监督管理行政处罚程序规定 Art.19' },
  investigating: { zh: '调查取证', en: 'Investigating', citation: '行政处罚法 Art.54–56' },
  suspended: { zh: '中止调查', en: 'Suspended', citation: '市场监督管理行政处罚程序规定 Art.46, Art.64 para 2' },
  investigation_ended: { zh: '调查终结', en: 'Investigation ended', citation: '市场监督管理行政处罚程序规定 Art.48' },
  under_review: { zh: '审核中（法制审核/案件审核）', en: 'Under legal/case review', citation: '行政处罚法 Art.58; 市场监督管理行政处罚程序规定 Art.49–55' },
  review_returned: { zh: '审核退回补充', en: 'Returned by review', citation: '市场监督管理行政处罚程序规定 Art.54' },
  reviewed: { zh: '审核通过', en: 'Review passed', citation: '行政处罚法 Art.58' },
  collective_discussion: { zh: '待集体讨论', en: 'Collective discussion', citation: '行政处罚法 Art.57 para 2' },
  discussed: { zh: '已集体讨论', en: 'Collectively discussed', citation: '行政处罚法 Art.57 para 2; 市场监督管理行政处罚程序规定 Art.60' },
  notice_served: { zh: '已告知', en: 'Notice served', citation: '行政处罚法 Art.44, Art.45' },
  hearing_requested: { zh: '已申请听证', en: 'Hearing requested', citation: '行政处罚法 Art.63, Art.64' },
  hearing_held: { zh: '已听证', en: 'Hearing held', citation: '行政处罚法 Art.64, Art.65' },
  decided: { zh: '已作出决定', en: 'Decided', citation: '行政处罚法 Art.57, Art.59' },
  executing: { zh: '执行中（决定已送达）', en: 'Executing (decision served)', citation: '行政处罚法 Art.61, Art.66–67' },
  court_enforcement: { zh: '已申请法院强制执行', en: 'Court enforcement applied for', citation: '行政处罚法 Art.72(2); 行政强制法 Art.53–55' },
  executed: { zh: '执行完毕', en: 'Executed', citation: '行政处罚法 Art.67' },
  closed: { zh: '已结案', en: 'Closed', citation: '市场监督管理行政处罚程序规定 Art.77' },
  archived: { zh: '已归档', en: 'Archived', citation: '市场监督管理行政处罚程序规定 Art.78' },
  terminated: { zh: '终止调查', en: 'Terminated', citation: '市场监督管理行政处罚程序规定 Art.47' },
  transferred: { zh: '已移送', en: 'Transferred', citation: '行政处罚法 Art.27, Art.57; 国务院令第310号 Art.3' },
};

export const PenaltyAction = {
  FILE: 'file',
  DECLINE_FILING: 'decline_filing',
  START_INVESTIGATION: 'start_investigation',
  END_INVESTIGATION: 'end_investigation',
  SUBMIT_REVIEW: 'submit_review',
  RETURN_FOR_SUPPLEMENT: 'return_for_supplement',
  PASS_REVIEW: 'pass_review',
  REQUIRE_COLLECTIVE_DISCUSSION: 'require_collective_discussion',
  RECORD_COLLECTIVE_DECISION: 'record_collective_decision',
  SERVE_NOTICE: 'serve_notice',
  REQUEST_HEARING: 'request_hearing',
  RECORD_HEARING: 'record_hearing',
  DECIDE: 'decide',
  SERVE_DECISION: 'serve_decision',
  RECORD_PAYMENT: 'record_payment',
  RECORD_PART_PAYMENT: 'record_part_payment',
  APPROVE_DEFERRAL: 'approve_deferral',
  SERVE_REMINDER: 'serve_reminder',
  APPLY_COURT_ENFORCEMENT: 'apply_court_enforcement',
  RECORD_CHALLENGE: 'record_challenge',
  END_CHALLENGE: 'end_challenge',
  CLOSE: 'close',
  ARCHIVE: 'archive',
  SUSPEND: 'suspend',
  RESUME: 'resume',
  TERMINATE: 'terminate',
  TRANSFER: 'transfer',
  REQUEST_REVIEW_MATERIALS: 'request_review_materials',
  SUPPLY_REVIEW_MATERIALS: 'supply_review_materials',
  EXTEND_REVIEW: 'extend_review',
  DISPUTE_REVIEW: 'dispute_review',
  UPHOLD_REVIEW_OPINION: 'uphold_review_opinion',
  OVERRULE_REVIEW_OPINION: 'overrule_review_opinion',
} as const;
export type PenaltyAction = (typeof PenaltyAction)[keyof typeof PenaltyAction];
export const PENALTY_ACTIONS = Object.values(PenaltyAction) as PenaltyAction[];

/**
 * The transition table. `transfer` covers both outcomes of 行政处罚法 Art.57(4) / SAMR Art.60: to the police
 * (suspected crime) and to another competent agency; it is open until the decision. `suspend` (中止) is open in
 * every pre-decision working state; `resume` returns to `suspendedFrom` (see `nextPenaltyStatus`): the table lists
 * `investigating`, the usual case (中止案件调查, SAMR Art.46). A hearing always makes the case major (Art.58(2)),
 * so `hearing_held` has no `decide`: the case goes back to review first (SAMR Art.50: review after the hearing).
 * Execution (§5.8) stays in `executing` while part payments, a deferral/instalment plan or the reminder are recorded
 * (each an event of its own); full payment leads to `executed`, the court application to `court_enforcement`, where
 * what the court collects is recorded the same way.
 */
export const PENALTY_TRANSITIONS = {
  lead: { file: 'filed', decline_filing: 'not_filed', transfer: 'transferred' },
  not_filed: { archive: 'archived' },
  filed: { start_investigation: 'investigating', transfer: 'transferred' },
  investigating: { end_investigation: 'investigation_ended', suspend: 'suspended', terminate: 'terminated', transfer: 'transferred' },
  suspended: { resume: 'investigating', terminate: 'terminated' },
  investigation_ended: { submit_review: 'under_review', start_investigation: 'investigating', suspend: 'suspended', transfer: 'transferred' },
  under_review: {
    pass_review: 'reviewed',
    return_for_supplement: 'review_returned',
    request_review_materials: 'under_review',
    supply_review_materials: 'under_review',
    extend_review: 'under_review',
    suspend: 'suspended',
    transfer: 'transferred',
  },
  review_returned: {
    submit_review: 'under_review',
    start_investigation: 'investigating',
    dispute_review: 'review_returned',
    uphold_review_opinion: 'review_returned',
    overrule_review_opinion: 'under_review',
    suspend: 'suspended',
    transfer: 'transferred',
  },
  reviewed: {
    serve_notice: 'notice_served',
    require_collective_discussion: 'collective_discussion',
    decide: 'decided',
    suspend: 'suspended',
    transfer: 'transferred',
  },
  collective_discussion: { record_collective_decision: 'discussed' },
  discussed: { serve_notice: 'notice_served', decide: 'decided', transfer: 'transferred' },
  notice_served: {
    request_hearing: 'hearing_requested',
    submit_review: 'under_review',
    require_collective_discussion: 'collective_discussion',
    decide: 'decided',
    suspend: 'suspended',
    transfer: 'transferred',
  },
  hearing_requested: { record_hearing: 'hearing_held', suspend: 'suspended', transfer: 'transferred' },
  hearing_held: { submit_review: 'under_review', require_collective_discussion: 'collective_discussion', transfer: 'transferred' },
  decided: { serve_decision: 'executing' },
  executing: {
    record_payment: 'executed',
    record_part_payment: 'executing',
    approve_deferral: 'executing',
    serve_reminder: 'executing',
    apply_court_enforcement: 'court_enforcement',
    record_challenge: 'executing',
    end_challenge: 'executing',
    close: 'closed',
  },
  court_enforcement: { record_payment: 'executed', record_part_payment: 'court_enforcement' },
  executed: { close: 'closed' },
  closed: { archive: 'archived' },
  archived: {},
  terminated: { close: 'closed' },
  transferred: { close: 'closed' },
} as const satisfies Record<PenaltyStatus, Partial<Record<PenaltyAction, PenaltyStatus>>>;

/** A penalty case as the procedure sees it: the guard facts plus where it stands. */
export interface PenaltyCaseFacts extends PenaltyFacts {
  status: PenaltyStatus;
  /** The status a suspended case resumes to; set when `suspend` is applied, cleared on `resume`. */
  suspendedFrom: PenaltyStatus | null;
  /** Execution of a decision with money to pay (§5.8); set when the decision is served. Absent on older records. */
  execution?: ExecutionFacts | null;
  /** Audio-video required by the item and recorded for this case (REC3); loaded by the server on every step. */
  av?: AvFacts | null;
  /**
   * The service the current step records (serve_notice / serve_decision / serve_reminder): its 送达方式, from the
   * request. Not stored with the case; absent on other steps.
   */
  pendingService?: { method: string } | null;
  /** Where the review round stands: awaited materials, extension, disagreement (review-track.ts). */
  reviewTrack?: ReviewTrackFacts | null;
}

const SUSPENDABLE = PENALTY_STATUSES.filter((s) => nextStatus<PenaltyStatus, PenaltyAction>(PENALTY_TRANSITIONS, s, 'suspend') !== undefined);

/** SAMR 程序规定 Art.46: a suspended case resumes where it stopped, so that status must be on record. */
export const resumeTargetRecorded: Guard<Pick<PenaltyCaseFacts, 'suspendedFrom'>> = (f) =>
  f.suspendedFrom && SUSPENDABLE.includes(f.suspendedFrom)
    ? null
    : {
        code: 'RULE_VIOLATION',
        message: 'The status before suspension is not on record; it cannot be resumed automatically.',
        messageZh: '未记录中止前的案件状态，无法恢复。',
        citation: '市场监督管理行政处罚程序规定 Art.46',
        details: { suspendedFrom: f.suspendedFrom },
      };

/** Guards per action, by name (the name goes into `details.guard` so the UI and logs can tell them apart). */
export const PENALTY_GUARDS = {
  twoCertifiedOfficers,
  limitationPeriod,
  reviewerNotInvestigator,
  firstTimeReviewerQualified,
  intendedPenaltyStated,
  hearingRequestInTime,
  crimeTransferBlocksDecision,
  noticeBeforeDecision,
  noHeavierThanNotified,
  legalReviewBeforeMajorDecision,
  collectiveDiscussionBeforeDecision,
  discretionTierApplied,
  closingTriggerReached,
  resumeTargetRecorded,
  paymentSettlesBalance,
  partPaymentLeavesBalance,
  noOnSiteCashOutsideStatute,
  deferralScheduleValid,
  reminderAfterDefault,
  courtEnforcementReady,
  challengeNotPending,
  challengePending,
  /** REC3: 调查取证 and 听证 recorded on audio-video where the item requires it. */
  investigationAvRecorded: avRecordAttached('investigation'),
  hearingAvRecorded: avRecordAttached('hearing'),
  /** REC3: 留置送达 and 公告送达 recorded on audio-video where the item requires the service stage (118号 §三(八)). */
  serviceAvRecorded: (f) => serviceAvRecordMissing(f.pendingService?.method, f.av),
  /** REC3: 当场收缴 is on-site execution, recorded on audio-video where the item requires the execution stage. */
  onSiteCollectionAvRecorded: (f) =>
    executionAvRecordMissing((AV_EXECUTION_PAYMENT_METHODS as readonly string[]).includes(f.execution?.pendingPayment?.method ?? ''), f.av),
  reviewNotAwaitingMaterials,
  reviewAwaitingMaterials,
  reviewExtendedOnce,
  reviewReturnDisputable,
  reviewDisputeOpen,
  reviewDisputeNotOpen,
} satisfies Record<string, Guard<PenaltyCaseFacts>>;
export type PenaltyGuardName = keyof typeof PENALTY_GUARDS;

export const PENALTY_ACTION_GUARDS: Partial<Record<PenaltyAction, readonly PenaltyGuardName[]>> = {
  file: ['limitationPeriod', 'twoCertifiedOfficers'],
  start_investigation: ['twoCertifiedOfficers'],
  end_investigation: ['twoCertifiedOfficers', 'investigationAvRecorded'],
  submit_review: ['reviewerNotInvestigator', 'firstTimeReviewerQualified', 'reviewDisputeNotOpen'],
  pass_review: ['reviewerNotInvestigator', 'firstTimeReviewerQualified', 'reviewNotAwaitingMaterials'],
  return_for_supplement: ['reviewNotAwaitingMaterials'],
  request_review_materials: ['reviewNotAwaitingMaterials'],
  supply_review_materials: ['reviewAwaitingMaterials'],
  extend_review: ['reviewExtendedOnce'],
  dispute_review: ['reviewReturnDisputable'],
  uphold_review_opinion: ['reviewDisputeOpen'],
  overrule_review_opinion: ['reviewDisputeOpen'],
  serve_notice: ['intendedPenaltyStated', 'serviceAvRecorded'],
  request_hearing: ['hearingRequestInTime'],
  record_hearing: ['hearingAvRecorded'],
  decide: [
    'crimeTransferBlocksDecision',
    'noticeBeforeDecision',
    'noHeavierThanNotified',
    'legalReviewBeforeMajorDecision',
    'collectiveDiscussionBeforeDecision',
    'discretionTierApplied',
  ],
  record_payment: ['noOnSiteCashOutsideStatute', 'paymentSettlesBalance', 'onSiteCollectionAvRecorded'],
  record_part_payment: ['noOnSiteCashOutsideStatute', 'partPaymentLeavesBalance', 'onSiteCollectionAvRecorded'],
  approve_deferral: ['deferralScheduleValid'],
  serve_decision: ['serviceAvRecorded'],
  serve_reminder: ['reminderAfterDefault', 'serviceAvRecorded'],
  apply_court_enforcement: ['courtEnforcementReady'],
  record_challenge: ['challengeNotPending'],
  end_challenge: ['challengePending'],
  close: ['closingTriggerReached'],
  resume: ['resumeTargetRecorded'],
};

/** Where an action leads from this case; `resume` goes back to `suspendedFrom`. Undefined if the table forbids it. */
export function nextPenaltyStatus(facts: Pick<PenaltyCaseFacts, 'status' | 'suspendedFrom'>, action: PenaltyAction): PenaltyStatus | undefined {
  const to = nextStatus<PenaltyStatus, PenaltyAction>(PENALTY_TRANSITIONS, facts.status, action);
  if (to && action === 'resume') return facts.suspendedFrom ?? undefined;
  return to;
}

/** All refusals of an action's guards (empty = allowed), each tagged with the guard's name. */
export function penaltyActionRefusals(facts: PenaltyCaseFacts, action: PenaltyAction, ctx: GuardContext): Refusal[] {
  const out: Refusal[] = [];
  for (const name of PENALTY_ACTION_GUARDS[action] ?? []) {
    let r: Refusal | null;
    try {
      r = PENALTY_GUARDS[name](facts, ctx);
    } catch (e) {
      // A guard that cannot decide (e.g. CALENDAR_MISSING: the year's holiday notice is not entered) refuses with
      // that reason, so one case's list of actions still renders and the API answers with the same error.
      if (!(e instanceof AppError)) throw e;
      r = { code: e.code, message: e.message, messageZh: e.messageZh, details: e.details };
    }
    if (r) out.push({ ...r, details: { ...r.details, guard: name } });
  }
  return out;
}

export interface AvailablePenaltyActions {
  allowed: PenaltyAction[];
  /** Actions the table allows from this status but a guard refuses, with every reason. */
  refused: { action: PenaltyAction; refusals: Refusal[] }[];
  /** Non-blocking findings for supervisors (a justified deviation from the discretion tier). */
  notices: DiscretionCheck[];
}

/** The one function behind the API check and the UI buttons: table moves minus guard refusals (style.md). */
export function availablePenaltyActions(facts: PenaltyCaseFacts, ctx: GuardContext): AvailablePenaltyActions {
  const result: AvailablePenaltyActions = { allowed: [], refused: [], notices: [] };
  const fromTable = allowedActions<PenaltyStatus, PenaltyAction>(PENALTY_TRANSITIONS, facts.status);
  for (const action of fromTable) {
    const refusals = penaltyActionRefusals(facts, action, ctx);
    if (refusals.length === 0) result.allowed.push(action);
    else result.refused.push({ action, refusals });
  }
  if (fromTable.includes('decide')) {
    const d = fineWithinDiscretionTier(facts);
    if (d.level === 'notice') result.notices.push(d);
  }
  return result;
}

/** Server-side check of one requested action: the next status, or the refusals (INVALID_TRANSITION if off-table). */
export function checkPenaltyAction(
  facts: PenaltyCaseFacts,
  action: PenaltyAction,
  ctx: GuardContext,
): { ok: true; to: PenaltyStatus } | { ok: false; refusals: Refusal[] } {
  const to = nextPenaltyStatus(facts, action);
  const refusals = nextStatus<PenaltyStatus, PenaltyAction>(PENALTY_TRANSITIONS, facts.status, action)
    ? penaltyActionRefusals(facts, action, ctx)
    : [
        {
          code: 'INVALID_TRANSITION' as const,
          message: `'${action}' is not allowed in status '${facts.status}'.`,
          messageZh: `当前状态（${PENALTY_STATUS_INFO[facts.status].zh}）下不允许该操作。`,
          details: { allowedActions: allowedActions(PENALTY_TRANSITIONS, facts.status) },
        },
      ];
  return refusals.length === 0 && to ? { ok: true, to } : { ok: false, refusals };
}
