import { computeDeadline, type Deadline, type DeadlineRule, type HolidayCalendar } from '../calendar/index.ts';
import type { Refusal } from '../errors/index.ts';
import { procedureEngine, type ProcedureCheck } from './procedure-engine.ts';
import type { SubjectKind } from '../registry/enums.ts';
import { officerEligibility } from '../registry/officer-eligibility.ts';
import { avRecordAttached, type AvFacts } from '../record/av-requirement.ts';
import { RULE_KEYS, type RuleValues } from '../rules/index.ts';
import { PENALTY_DEADLINE_RULES } from './deadlines.ts';
import type { CaseOfficer, GuardContext } from './penalty-guards.ts';

/**
 * Administrative inspection (行政检查) as data: domain-rules §8 (I1, I6–I10). An inspection is planned against an item
 * of the inspection list with its legal basis, approved by the head and, where required, notified (国办发〔2024〕54号
 * "必审批、必通知" [S]), carried out on site by at least two certified officers who show their certificates and make a
 * signed record, and ends with a result: no problem, or problems leading to a rectification order and/or a penalty
 * case (`linkedCaseRequired`).
 *
 * Facts convention as in licensing.ts: history dates are the state before the action (whose date is `ctx.now`); the
 * content an action carries (approval, officers present, the record, the result, the order) is applied first.
 */
export const InspectionStatus = {
  PLANNED: 'planned',
  APPROVED: 'approved',
  NOTIFIED: 'notified',
  ON_SITE: 'on_site',
  RESULT_RECORDED: 'result_recorded',
  RECTIFICATION_ORDERED: 'rectification_ordered',
  CLOSED: 'closed',
  CANCELLED: 'cancelled',
} as const;
export type InspectionStatus = (typeof InspectionStatus)[keyof typeof InspectionStatus];
export const INSPECTION_STATUSES = Object.values(InspectionStatus) as InspectionStatus[];

export const INSPECTION_STATUS_INFO: Record<InspectionStatus, { zh: string; en: string; citation: string }> = {
  planned: { zh: '拟检查（待审批）', en: 'Planned', citation: '国办发〔2015〕58号 §二(一); 国办发〔2024〕54号' },
  approved: { zh: '已审批', en: 'Approved by the head', citation: '国办发〔2024〕54号' },
  notified: { zh: '已通知被检查对象', en: 'Target notified', citation: '国办发〔2024〕54号' },
  on_site: { zh: '现场检查', en: 'On site', citation: '行政处罚法 Art.42, Art.55; 企业公示信息抽查暂行办法 Art.9' },
  result_recorded: { zh: '已记录检查结果', en: 'Result recorded', citation: '国办发〔2015〕58号 §二(四)' },
  rectification_ordered: { zh: '已责令改正，待复查', en: 'Rectification ordered', citation: '行政处罚法 Art.28 para 1' },
  closed: { zh: '已办结', en: 'Closed', citation: '国办发〔2015〕58号 §二(四)' },
  cancelled: { zh: '已取消', en: 'Cancelled', citation: '国办发〔2024〕54号' },
};

export const InspectionAction = {
  APPROVE: 'approve',
  CANCEL: 'cancel',
  SEND_NOTICE: 'send_notice',
  START_ON_SITE: 'start_on_site',
  RECORD_RESULT: 'record_result',
  ORDER_RECTIFICATION: 'order_rectification',
  RECORD_RECTIFICATION_CHECK: 'record_rectification_check',
  CLOSE: 'close',
} as const;
export type InspectionAction = (typeof InspectionAction)[keyof typeof InspectionAction];
export const INSPECTION_ACTIONS = Object.values(InspectionAction) as InspectionAction[];

/**
 * The transition table. The notice step is skippable in the table (not every inspection is announced); the guard
 * `inspectionNoticeSent` makes it compulsory where the plan says so. The rectification re-check returns to
 * `result_recorded` with the updated result, which then closes (or orders again).
 */
export const INSPECTION_TRANSITIONS = {
  planned: { approve: 'approved', cancel: 'cancelled' },
  approved: { send_notice: 'notified', start_on_site: 'on_site', cancel: 'cancelled' },
  notified: { start_on_site: 'on_site', cancel: 'cancelled' },
  on_site: { record_result: 'result_recorded' },
  result_recorded: { order_rectification: 'rectification_ordered', close: 'closed' },
  rectification_ordered: { record_rectification_check: 'result_recorded' },
  closed: {},
  cancelled: {},
} as const satisfies Record<InspectionStatus, Partial<Record<InspectionAction, InspectionStatus>>>;

// ---- facts --------------------------------------------------------------------------------------------------------------

export type InspectionFollowUp = 'rectification' | 'penalty_case';
export interface InspectionResult {
  outcome: 'no_problem' | 'problems_found';
  findings: readonly string[];
  followUps: readonly InspectionFollowUp[];
  /** A penalty case must be opened (立案 or the filing decision) and linked before the inspection closes. */
  linkedCaseRequired: boolean;
}

/** Build a result; `linkedCaseRequired` follows from the follow-ups so the two cannot disagree. */
export function makeInspectionResult(outcome: InspectionResult['outcome'], findings: readonly string[] = [], followUps: readonly InspectionFollowUp[] = []): InspectionResult {
  return { outcome, findings, followUps, linkedCaseRequired: followUps.includes('penalty_case') };
}

export interface InspectionOnSiteRecord {
  officersSigned: boolean;
  partySigned: boolean;
  /** The party refused to sign or was absent, and the record says so. */
  partyRefusalOrAbsenceNoted: boolean;
  witnessSigned: boolean;
}

export interface InspectionFacts {
  status: InspectionStatus;
  /** The inspection-list item (随机抽查事项清单 / 行政检查事项) and its legal basis (检查依据). */
  itemId: string | null;
  legalBasis: string | null;
  /** Kind of the inspecting body; 'other' = coordination bodies, institutes, intermediaries (国办发〔2024〕54号). */
  inspectingBodyKind: SubjectKind | 'other';
  sector: string;
  placePath: string;
  targetId: string;
  /** Inspections of this enterprise already carried out this year, for the annual cap. */
  inspectionsThisYear: number;
  approval: { approverId: string; isAgencyHead: boolean; approvedOn: string } | null;
  isNoticeRequired: boolean;
  noticeSentOn: string | null;
  /** Officers on site, and whether they showed their certificates (input of `start_on_site`). */
  officers: readonly CaseOfficer[];
  areCertificatesShown: boolean;
  /** Officers who declared a conflict of interest with the target (行政处罚法 Art.43; domain-rules I8). */
  conflictedOfficerIds: readonly string[];
  onSiteOn: string | null;
  onSiteRecord: InspectionOnSiteRecord | null;
  result: InspectionResult | null;
  resultRecordedOn: string | null;
  rectification: { items: readonly string[]; dueOn: string; orderedOn: string | null; checkedOn: string | null; isRectified: boolean | null } | null;
  linkedCaseId: string | null;
  cancelReason: string | null;
  /** Audio-video required by the item and recorded for this inspection (REC3); loaded by the server on every step. */
  av?: AvFacts | null;
}

export type InspectionRuleParams = Pick<RuleValues, 'publication.otherWorkingDays' | 'inspection.annualCapPerEnterprise'>;
export const DEFAULT_INSPECTION_RULE_PARAMS: InspectionRuleParams = {
  'publication.otherWorkingDays': RULE_KEYS['publication.otherWorkingDays'].default,
  'inspection.annualCapPerEnterprise': RULE_KEYS['inspection.annualCapPerEnterprise'].default,
};
export type InspectionGuardContext = Omit<GuardContext, 'params'> & { params: InspectionRuleParams };
export type InspectionGuard<F> = (facts: F, ctx: InspectionGuardContext) => Refusal | null;

function ruleRefusal(citation: string, message: string, messageZh: string, details?: Record<string, unknown>): Refusal {
  return { code: 'RULE_VIOLATION', message, messageZh, citation, ...(details ? { details } : {}) };
}

// ---- guards -------------------------------------------------------------------------------------------------------------

/** 国办发〔2015〕58号 §二(一): no inspection without a basis in law, regulation or rules; it runs against a listed item. */
export const inspectionHasLegalBasis: InspectionGuard<Pick<InspectionFacts, 'itemId' | 'legalBasis'>> = (f) =>
  f.itemId && f.legalBasis?.trim()
    ? null
    : ruleRefusal(
        '国办发〔2015〕58号 §二(一)',
        'Link the inspection to an item of the inspection list and state its legal basis; inspections without a legal basis are not allowed.',
        '请关联检查事项清单中的事项并填写检查依据；法律法规规章没有规定的，不得擅自开展检查。',
        { itemId: f.itemId },
      );

/** 国办发〔2024〕54号: only enforcement agencies and authorised or entrusted organisations inspect. */
export const inspectingBodyQualified: InspectionGuard<Pick<InspectionFacts, 'inspectingBodyKind'>> = (f) =>
  f.inspectingBodyKind !== 'other'
    ? null
    : ruleRefusal(
        '国办发〔2024〕54号',
        'Only an enforcement agency, or an organisation authorised by law or entrusted, may carry out inspections.',
        '行政检查只能由行政执法机关、法律法规授权组织或受委托组织实施，议事协调机构、检验检测机构、中介机构等不得实施。',
      );

/** 国办发〔2024〕54号 ("必审批"): the inspection is approved by the agency head before it starts. */
export const inspectionApprovedByHead: InspectionGuard<Pick<InspectionFacts, 'approval'>> = (f) =>
  f.approval?.isAgencyHead
    ? null
    : ruleRefusal('国办发〔2024〕54号', 'The inspection must be approved by the agency head (行政检查审批表).', '行政检查应当报经行政机关负责人批准（行政检查审批表）。', {
        approverId: f.approval?.approverId ?? null,
      });

/** 国办发〔2024〕54号 ("必通知"): where the plan requires it, the target is notified before the visit. */
export const inspectionNoticeSent: InspectionGuard<Pick<InspectionFacts, 'isNoticeRequired' | 'noticeSentOn'>> = (f) =>
  !f.isNoticeRequired || f.noticeSentOn
    ? null
    : ruleRefusal('国办发〔2024〕54号', 'Notify the target of the inspection before going on site.', '本次检查须事先通知被检查对象，请先发送检查通知。');

/**
 * 行政处罚法 Art.42, Art.55; 企业公示信息抽查暂行办法 Art.9: at least two officers with valid enforcement certificates
 * covering the sector and place; auxiliary and uncertified staff never count (国办发〔2024〕54号).
 */
export const twoCertifiedInspectors: InspectionGuard<Pick<InspectionFacts, 'officers' | 'sector' | 'placePath'>> = (f, ctx) => {
  const eligible = new Set<string>();
  const ineligible: { officerId: string; reason: unknown }[] = [];
  for (const o of f.officers) {
    const r = officerEligibility(o, { sector: f.sector, placePath: f.placePath, date: ctx.now });
    if (r) ineligible.push({ officerId: o.id, reason: r.details?.reason ?? r.message });
    else eligible.add(o.id);
  }
  if (eligible.size >= 2) return null;
  return ruleRefusal(
    '行政处罚法 Art.42, Art.55; 企业公示信息抽查暂行办法 Art.9',
    `At least two officers with valid enforcement certificates covering this sector and place must inspect; ${eligible.size} present.`,
    `现场检查须有两名以上持有效执法证件且执法类别、区域涵盖本次检查的执法人员，目前仅${eligible.size}名。`,
    { eligibleCount: eligible.size, ineligible },
  );
};

/** 行政处罚法 Art.55 para 1; 国办发〔2018〕118号 §二(五): officers show their certificates (the party may refuse otherwise). */
export const inspectionCertificatesShown: InspectionGuard<Pick<InspectionFacts, 'areCertificatesShown'>> = (f) =>
  f.areCertificatesShown
    ? null
    : ruleRefusal('行政处罚法 Art.55 para 1; 国办发〔2018〕118号 §二(五)', 'Show the enforcement certificates to the party and record it.', '执法人员应当主动向当事人出示执法证件，并记录在案。');

/** 行政处罚法 Art.43 (domain-rules I8): an officer with a conflict of interest with the target withdraws. */
export const noConflictedInspector: InspectionGuard<Pick<InspectionFacts, 'officers' | 'conflictedOfficerIds'>> = (f) => {
  const conflicted = f.officers.filter((o) => f.conflictedOfficerIds.includes(o.id)).map((o) => o.id);
  return conflicted.length === 0
    ? null
    : ruleRefusal('行政处罚法 Art.43', 'An officer with a declared conflict of interest must withdraw; replace them.', '与被检查对象有利害关系的执法人员应当回避，请更换人员。', {
        conflicted,
      });
};

/**
 * 行政处罚法 Art.55 para 2; 企业公示信息抽查暂行办法 Art.9: the on-site record is signed by the officers and by the party;
 * if the party refuses or is absent, the record notes it and a witness signs.
 */
export const onSiteRecordSigned: InspectionGuard<Pick<InspectionFacts, 'onSiteRecord'>> = (f) => {
  const r = f.onSiteRecord;
  const problems: string[] = [];
  if (!r) problems.push('no_record');
  else {
    if (!r.officersSigned) problems.push('officers_signature');
    if (!r.partySigned && !(r.partyRefusalOrAbsenceNoted && r.witnessSigned)) problems.push('party_or_witness_signature');
  }
  if (problems.length === 0) return null;
  return ruleRefusal(
    '行政处罚法 Art.55 para 2; 企业公示信息抽查暂行办法 Art.9',
    'The on-site inspection record needs the officers\' signatures and the party\'s; if the party refuses or is absent, note it and have a witness sign.',
    '现场检查笔录应当由执法人员和当事人签名；当事人拒绝签名或不在场的，应当注明情况并由见证人签名。',
    { problems },
  );
};

/** 国办发〔2015〕58号 §二(四): the result states the findings and what follows from them, consistently. */
export const inspectionResultConsistent: InspectionGuard<Pick<InspectionFacts, 'result'>> = (f) => {
  const r = f.result;
  const problems: string[] = [];
  if (!r) problems.push('no_result');
  else {
    if (r.outcome === 'problems_found' && (r.findings.length === 0 || r.followUps.length === 0)) problems.push('problems_need_findings_and_follow_up');
    if (r.outcome === 'no_problem' && r.followUps.length > 0) problems.push('no_problem_with_follow_up');
    if (r.linkedCaseRequired !== r.followUps.includes('penalty_case')) problems.push('linked_case_flag');
  }
  if (problems.length === 0) return null;
  return ruleRefusal(
    '国办发〔2015〕58号 §二(四)',
    'Record the result: either no problem, or the problems found with the follow-up (rectification order and/or a penalty case).',
    '请记录检查结果：未发现问题，或发现的问题及处理措施（责令改正和/或立案查处）。',
    { problems },
  );
};

/** 行政处罚法 Art.28 para 1: an order to correct names what to correct and by when (a date still ahead). */
export const rectificationOrderComplete: InspectionGuard<Pick<InspectionFacts, 'rectification'>> = (f, ctx) => {
  const r = f.rectification;
  const problems: string[] = [];
  if (!r || r.items.length === 0) problems.push('items');
  if (!r || r.dueOn <= ctx.now) problems.push('due_date');
  if (problems.length === 0) return null;
  return ruleRefusal('行政处罚法 Art.28 para 1', 'The rectification order lists what to correct and a future deadline.', '责令（限期）改正通知书应当载明改正事项和改正期限。', {
    problems,
  });
};

/**
 * 行政处罚法 Art.54; 市场监督管理行政处罚程序规定 Art.18–19: problems that call for a penalty are taken into a case; the
 * inspection closes only with that case linked, and with a rectification order followed up by its re-check.
 */
export const inspectionFollowUpsDone: InspectionGuard<Pick<InspectionFacts, 'result' | 'linkedCaseId' | 'rectification'>> = (f) => {
  const problems: string[] = [];
  if (f.result?.linkedCaseRequired && !f.linkedCaseId) problems.push('linked_case');
  if (f.result?.followUps.includes('rectification') && !f.rectification?.checkedOn) problems.push('rectification_check');
  if (problems.length === 0) return null;
  return ruleRefusal(
    '行政处罚法 Art.28, Art.54; 市场监督管理行政处罚程序规定 Art.18',
    'Before closing: open and link the penalty case the result calls for, and re-check the ordered rectification.',
    '办结前，请对需立案查处的问题立案并关联案件，对责令改正的事项进行复查。',
    { problems },
  );
};

/** A cancelled inspection keeps its reason on record (全程留痕, 国办发〔2015〕58号 §二(二)). */
export const inspectionCancelReasonStated: InspectionGuard<Pick<InspectionFacts, 'cancelReason'>> = (f) =>
  f.cancelReason?.trim() ? null : ruleRefusal('国办发〔2015〕58号 §二(二)', 'State why the inspection is cancelled.', '请说明取消检查的理由。');

export const INSPECTION_GUARDS = {
  inspectionHasLegalBasis,
  inspectingBodyQualified,
  inspectionApprovedByHead,
  inspectionNoticeSent,
  twoCertifiedInspectors,
  inspectionCertificatesShown,
  noConflictedInspector,
  onSiteRecordSigned,
  inspectionResultConsistent,
  rectificationOrderComplete,
  inspectionFollowUpsDone,
  inspectionCancelReasonStated,
  /** REC3: the on-site check (现场检查) recorded on audio-video where the item requires it. */
  onSiteAvRecorded: avRecordAttached('inspection'),
} satisfies Record<string, InspectionGuard<InspectionFacts>>;
export type InspectionGuardName = keyof typeof INSPECTION_GUARDS;

export const INSPECTION_ACTION_GUARDS: Partial<Record<InspectionAction, readonly InspectionGuardName[]>> = {
  approve: ['inspectionHasLegalBasis', 'inspectingBodyQualified', 'inspectionApprovedByHead'],
  cancel: ['inspectionCancelReasonStated'],
  start_on_site: ['inspectionNoticeSent', 'twoCertifiedInspectors', 'inspectionCertificatesShown', 'noConflictedInspector'],
  record_result: ['onSiteRecordSigned', 'inspectionResultConsistent', 'onSiteAvRecorded'],
  order_rectification: ['rectificationOrderComplete'],
  record_rectification_check: ['inspectionResultConsistent'],
  close: ['inspectionResultConsistent', 'inspectionFollowUpsDone'],
};

// ---- deadlines ----------------------------------------------------------------------------------------------------------

/** Inspection time limits (domain-rules I6, Appendix A #1 and #10). */
export const INSPECTION_DEADLINE_RULES = {
  /**
   * Result recorded → published. The 20-WD figure for random-inspection results is [U] nationally (domain-rules I6,
   * §19 item 1); the length is the profile's `publication.otherWorkingDays` (国办发〔2018〕118号, 20 WD).
   */
  resultPublication: {
    ruleId: 'inspection.resultPublication',
    citation: '国办发〔2015〕58号 §二(四); 国办发〔2018〕118号 §二(六)',
    length: RULE_KEYS['publication.otherWorkingDays'].default,
    unit: 'day',
    dayType: 'WORKING',
  },
  /** Problems calling for a penalty → decide whether to file the case (SAMR default, the penalty rule itself). */
  caseFiling: PENALTY_DEADLINE_RULES.filingDecision,
} as const satisfies Record<string, DeadlineRule>;
export type InspectionDeadlineKey = keyof typeof INSPECTION_DEADLINE_RULES;

export const INSPECTION_DEADLINE_LABELS: Record<InspectionDeadlineKey, { zh: string; en: string }> = {
  resultPublication: { zh: '检查结果公示期限', en: 'Publish the result' },
  caseFiling: { zh: '立案审查期限', en: 'Decide whether to file the case' },
};

export interface InspectionDeadline extends Deadline {
  key: InspectionDeadlineKey;
  start: string;
  isProvisional: boolean;
}

/** The deadlines that follow a recorded result. */
export function inspectionDeadlines(
  facts: Pick<InspectionFacts, 'result' | 'resultRecordedOn'>,
  cal: HolidayCalendar,
  params: Pick<InspectionRuleParams, 'publication.otherWorkingDays'> = DEFAULT_INSPECTION_RULE_PARAMS,
): InspectionDeadline[] {
  if (!facts.resultRecordedOn) return [];
  const R = INSPECTION_DEADLINE_RULES;
  const start = facts.resultRecordedOn;
  const out: InspectionDeadline[] = [
    { key: 'resultPublication', start, isProvisional: false, ...computeDeadline({ ...R.resultPublication, length: params['publication.otherWorkingDays'] }, start, cal) },
  ];
  if (facts.result?.linkedCaseRequired) out.push({ key: 'caseFiling', start, isProvisional: false, ...computeDeadline(R.caseFiling, start, cal) });
  return out;
}

// ---- procedure ----------------------------------------------------------------------------------------------------------

const inspectionEngine = procedureEngine<InspectionStatus, InspectionAction, InspectionGuardName, InspectionFacts, InspectionGuardContext, InspectionNotice>({
  transitions: INSPECTION_TRANSITIONS,
  statusInfo: INSPECTION_STATUS_INFO,
  actionGuards: INSPECTION_ACTION_GUARDS,
  guards: INSPECTION_GUARDS,
  notices: (facts, ctx) => inspectionNotices(facts, ctx),
});

export function nextInspectionStatus(status: InspectionStatus, action: InspectionAction): InspectionStatus | undefined {
  return inspectionEngine.next(status, action);
}

export function inspectionActionRefusals(facts: InspectionFacts, action: InspectionAction, ctx: InspectionGuardContext): Refusal[] {
  return inspectionEngine.refusals(facts, action, ctx);
}


export type InspectionNoticeKind = 'annual_cap_reached' | 'rectification_overdue';
export interface InspectionNotice {
  kind: InspectionNoticeKind;
  message: string;
  messageZh: string;
  citation: string;
  details?: Record<string, unknown>;
}

export interface AvailableInspectionActions {
  allowed: InspectionAction[];
  refused: { action: InspectionAction; refusals: Refusal[] }[];
  notices: InspectionNotice[];
}

function inspectionNotices(f: InspectionFacts, ctx: InspectionGuardContext): InspectionNotice[] {
  const out: InspectionNotice[] = [];
  const cap = ctx.params['inspection.annualCapPerEnterprise'];
  // A warning, not a block: 国办发〔2024〕54号 lets complaint- and referral-driven inspections exceed the cap [S].
  if (cap > 0 && f.inspectionsThisYear >= cap && (f.status === 'planned' || f.status === 'approved' || f.status === 'notified')) {
    out.push({
      kind: 'annual_cap_reached',
      message: `This enterprise was already inspected ${f.inspectionsThisYear} time(s) this year (cap ${cap}); consider a joint inspection or desk review.`,
      messageZh: `该企业本年度已被检查${f.inspectionsThisYear}次（上限${cap}次），请考虑联合检查或非现场方式。`,
      citation: '国办发〔2024〕54号',
      details: { inspectionsThisYear: f.inspectionsThisYear, cap },
    });
  }
  if (f.status === 'rectification_ordered' && f.rectification && ctx.now > f.rectification.dueOn) {
    out.push({
      kind: 'rectification_overdue',
      message: `The rectification period ended on ${f.rectification.dueOn}: re-check it.`,
      messageZh: `改正期限已于${f.rectification.dueOn}届满，请及时复查。`,
      citation: '行政处罚法 Art.28 para 1',
      details: { dueOn: f.rectification.dueOn },
    });
  }
  return out;
}

export function availableInspectionActions(facts: InspectionFacts, ctx: InspectionGuardContext): AvailableInspectionActions {
  return inspectionEngine.available(facts, ctx);
}

export function checkInspectionAction(facts: InspectionFacts, action: InspectionAction, ctx: InspectionGuardContext): ProcedureCheck<InspectionStatus> {
  return inspectionEngine.check(facts, action, ctx);
}
