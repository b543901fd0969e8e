import type { HolidayCalendar } from '../calendar/index.ts';
import { officerEligibility } from '../registry/officer-eligibility.ts';
import type { CaseFileDoc, CaseFileDocKind } from './case-file.ts';
import {
  fineWithinDiscretionTier,
  isHearingEntitled,
  limitationPeriod,
  type CaseOfficer,
  type HearingThresholds,
  type PartyType,
  type PenaltyContent,
  type PenaltyFacts,
  type PenaltyRuleParams,
} from './penalty-guards.ts';

/**
 * 智能预审: every machine-checkable item of a legal review (domain-rules LR6/LR7, CR4/CR6), run before a case goes to a
 * human reviewer and shown next to the review checklist. Each item passes, fails (the reviewer would have to return
 * the case) or warns (allowed, but a person should look: a justified discretion deviation, a check the data could
 * not settle). The input is plain data the server assembles from the case, the registry and the rule profile; the
 * holiday calendar comes separately because it is the one non-data dependency.
 */

export const PreReviewStep = {
  SUBMIT_REVIEW: 'submit_review',
  SERVE_NOTICE: 'serve_notice',
  DECIDE: 'decide',
  CLOSE: 'close',
} as const;
export type PreReviewStep = (typeof PreReviewStep)[keyof typeof PreReviewStep];
/** Steps in procedural order: a requirement from one step applies to every later step too. */
export const PRE_REVIEW_STEPS = Object.values(PreReviewStep) as PreReviewStep[];
const stepIndex = (s: PreReviewStep) => PRE_REVIEW_STEPS.indexOf(s);

export interface LegalProvision {
  law: string;
  article: string;
}
/** One version of a provision in the enforcement item's catalogue entry (registry LegalBasisInput). */
export interface ItemLegalBasis extends LegalProvision {
  effectiveFrom: string;
  /** Exclusive (the day the next version takes effect); null = in force. */
  effectiveTo: string | null;
}

/** An enforcement act and who did it, e.g. an inquiry, an on-site inspection, taking evidence, serving a document. */
export interface OfficerAct {
  kind: string;
  on: string;
  officerIds: readonly string[];
  /** Investigation acts need two certified officers (行政处罚法 Art.42, 55); service, for example, does not. */
  needsTwoOfficers: boolean;
}

export interface PreReviewDates {
  discoveredOn: string | null;
  filedOn: string | null;
  investigationEndedOn: string | null;
  reviewSubmittedOn: string | null;
  reviewPassedOn: string | null;
  noticeServedOn: string | null;
  hearingRequestedOn: string | null;
  hearingHeldOn: string | null;
  decidedOn: string | null;
  decisionServedOn: string | null;
  paidOn: string | null;
  closedOn: string | null;
}

export type PreReviewRuleParams = PenaltyRuleParams & HearingThresholds;

export interface PreReviewInput {
  /** The step the case is about to take. */
  step: PreReviewStep;
  /** Today (China time). */
  asOf: string;
  partyType: PartyType;
  party: { name: string | null; identifier: string | null; address: string | null };
  sector: string;
  placePath: string;
  /** 违法事实 as written in the draft. */
  findings: string | null;
  /** The enforcement item with its catalogued legal basis (all versions). */
  item: { code: string; legalBasis: readonly ItemLegalBasis[] } | null;
  /** The provisions the draft decision cites (violated provision and penalty provision). */
  citedBasis: readonly LegalProvision[];
  violation: { committedOn: string | null; endedOn: string | null; isContinuing: boolean };
  involvesLifeHealthOrFinancialSafety: boolean;
  hasHarmfulConsequences: boolean;
  dates: PreReviewDates;
  proposed: PenaltyContent | null;
  notified: PenaltyContent | null;
  /** The notice served (or drafted) states the right to request a hearing (听证告知书 or the same wording). */
  noticeStatesHearingRight: boolean;
  discretion: PenaltyFacts['discretion'];
  /** Assigned case officers (承办人员) with their certificates. */
  officers: readonly CaseOfficer[];
  acts: readonly OfficerAct[];
  reviewerId: string | null;
  documents: readonly CaseFileDoc[];
  isCollectiveDiscussionRequired: boolean;
  params: PreReviewRuleParams;
}

export type PreReviewStatus = 'pass' | 'fail' | 'warn';

export const PRE_REVIEW_CHECKS = {
  required_fields: { zh: '必填要素齐全', en: 'Required fields present', citation: '行政处罚法 Art.44, Art.59; 市场监督管理行政处罚程序规定 Art.48' },
  required_documents: { zh: '送审及本环节文书齐全', en: 'Documents required for the step present', citation: '内蒙古办法 Art.29; 市场监督管理行政处罚程序规定 Art.49' },
  dates_in_order: { zh: '各环节日期先后有序', en: 'Dates in procedural order', citation: '行政处罚法 Art.54–62; 广东省行政执法案卷评查办法 Art.17' },
  legal_basis: { zh: '引用依据与执法事项依据一致', en: 'Cited basis matches the item', citation: '行政处罚法 Art.38, Art.37' },
  discretion_tier: { zh: '处罚在所选裁量阶次内', en: 'Penalty within the discretion tier', citation: '国办发〔2022〕27号 §五(十二); 行政处罚法 Art.34' },
  officers_certified: { zh: '执法人员行为时持有效证件', en: 'Officers certified when they acted', citation: '行政处罚法 Art.42, Art.55; 交通运输行政执法证件管理规定 Art.22' },
  limitation_period: { zh: '未超过追责时效', en: 'Within the limitation period', citation: '行政处罚法 Art.36' },
  reviewer_independent: { zh: '审核人员非本案办案人员', en: 'Reviewer is not an investigator', citation: '市场监督管理行政处罚程序规定 Art.49 para 3; 行政处罚法 Art.58' },
  hearing_right: { zh: '达到听证标准的已告知听证权利', en: 'Hearing right notified where due', citation: '行政处罚法 Art.63, Art.64' },
} as const satisfies Record<string, { zh: string; en: string; citation: string }>;
export type PreReviewCheckKey = keyof typeof PRE_REVIEW_CHECKS;

export interface PreReviewItem {
  key: PreReviewCheckKey;
  zh: string;
  en: string;
  status: PreReviewStatus;
  detail: string;
  detailZh: string;
  citation: string;
  data?: Record<string, unknown>;
}

export interface PreReviewResult {
  /** The worst item status. */
  status: PreReviewStatus;
  items: PreReviewItem[];
}

function item(key: PreReviewCheckKey, status: PreReviewStatus, detail: string, detailZh: string, data?: Record<string, unknown>, citation?: string): PreReviewItem {
  const c = PRE_REVIEW_CHECKS[key];
  return { key, zh: c.zh, en: c.en, status, detail, detailZh, citation: citation ?? c.citation, ...(data ? { data } : {}) };
}

// ---- required fields --------------------------------------------------------------------------------------------------

interface FieldRule {
  field: string;
  zh: string;
  from: PreReviewStep;
  isPresent: (i: PreReviewInput) => boolean;
}
const filled = (v: string | null) => v !== null && v.trim().length > 0;

/** What each step needs on record (the documents print these; 行政处罚法 Art.44 notice, Art.59 decision; SAMR Art.48). */
export const PRE_REVIEW_REQUIRED_FIELDS: readonly FieldRule[] = [
  { field: 'party.name', zh: '当事人姓名或名称', from: 'submit_review', isPresent: (i) => filled(i.party.name) },
  { field: 'party.identifier', zh: '当事人身份证件号码或统一社会信用代码', from: 'submit_review', isPresent: (i) => filled(i.party.identifier) },
  { field: 'item', zh: '执法事项', from: 'submit_review', isPresent: (i) => i.item !== null },
  { field: 'findings', zh: '违法事实', from: 'submit_review', isPresent: (i) => filled(i.findings) },
  { field: 'violation.committedOn', zh: '违法行为发生日期', from: 'submit_review', isPresent: (i) => i.violation.committedOn !== null },
  { field: 'dates.discoveredOn', zh: '发现日期', from: 'submit_review', isPresent: (i) => i.dates.discoveredOn !== null },
  { field: 'dates.filedOn', zh: '立案日期', from: 'submit_review', isPresent: (i) => i.dates.filedOn !== null },
  { field: 'dates.investigationEndedOn', zh: '调查终结日期', from: 'submit_review', isPresent: (i) => i.dates.investigationEndedOn !== null },
  { field: 'proposed', zh: '拟处理意见（处罚种类和数额）', from: 'submit_review', isPresent: (i) => i.proposed !== null },
  { field: 'dates.reviewPassedOn', zh: '审核通过日期', from: 'serve_notice', isPresent: (i) => i.dates.reviewPassedOn !== null },
  { field: 'party.address', zh: '当事人地址', from: 'decide', isPresent: (i) => filled(i.party.address) },
  { field: 'dates.noticeServedOn', zh: '告知书送达日期', from: 'decide', isPresent: (i) => i.dates.noticeServedOn !== null || i.proposed?.types.length === 0 },
  { field: 'dates.decidedOn', zh: '决定日期', from: 'close', isPresent: (i) => i.dates.decidedOn !== null },
  { field: 'dates.decisionServedOn', zh: '决定书送达日期', from: 'close', isPresent: (i) => i.dates.decisionServedOn !== null },
];

function checkRequiredFields(i: PreReviewInput): PreReviewItem {
  const missing = PRE_REVIEW_REQUIRED_FIELDS.filter((r) => stepIndex(i.step) >= stepIndex(r.from) && !r.isPresent(i));
  if (missing.length === 0) return item('required_fields', 'pass', 'All fields this step needs are filled in.', '本环节所需要素均已填写。');
  return item(
    'required_fields',
    'fail',
    `Fill in: ${missing.map((m) => m.field).join(', ')}.`,
    `请填写：${missing.map((m) => m.zh).join('、')}。`,
    { missing: missing.map((m) => m.field) },
  );
}

// ---- required documents -----------------------------------------------------------------------------------------------

interface DocumentRule {
  key: string;
  zh: string;
  /** Any of these kinds… */
  kinds: readonly CaseFileDocKind[];
  /** …or a proof of service of one of these kinds. */
  receiptFor?: readonly CaseFileDocKind[];
  from: PreReviewStep;
  when?: (i: PreReviewInput) => boolean;
  citation: string;
}

/** Documents per step: LR7's submission materials first, then what each later step rests on. */
export const PRE_REVIEW_REQUIRED_DOCUMENTS: readonly DocumentRule[] = [
  { key: 'filing_approval', zh: '立案审批表', kinds: ['filing_approval'], from: 'submit_review', citation: '市场监督管理行政处罚程序规定 Art.19' },
  { key: 'evidence', zh: '证据材料', kinds: ['inquiry_record', 'onsite_inspection_record', 'evidence'], from: 'submit_review', citation: '内蒙古办法 Art.29(4)' },
  { key: 'investigation_end_report', zh: '调查终结报告', kinds: ['investigation_end_report'], from: 'submit_review', citation: '内蒙古办法 Art.29(1); 市场监督管理行政处罚程序规定 Art.48–49' },
  { key: 'draft_decision', zh: '执法决定代拟稿', kinds: ['draft_decision'], from: 'submit_review', citation: '内蒙古办法 Art.29(2)' },
  { key: 'hearing_record', zh: '听证笔录', kinds: ['hearing_record'], from: 'submit_review', when: (i) => i.dates.hearingHeldOn !== null, citation: '内蒙古办法 Art.29(5); 行政处罚法 Art.65' },
  { key: 'legal_review_opinion', zh: '审核意见', kinds: ['legal_review_opinion'], from: 'serve_notice', citation: '市场监督管理行政处罚程序规定 Art.54, Art.56' },
  {
    key: 'notice',
    zh: '行政处罚告知书',
    kinds: ['penalty_notice', 'hearing_notice'],
    from: 'decide',
    when: (i) => (i.proposed?.types.length ?? 0) > 0,
    citation: '行政处罚法 Art.44, Art.62',
  },
  {
    key: 'notice_service',
    zh: '告知书送达回证',
    kinds: [],
    receiptFor: ['penalty_notice', 'hearing_notice'],
    from: 'decide',
    when: (i) => (i.proposed?.types.length ?? 0) > 0,
    citation: '行政处罚法 Art.44; 市场监督管理行政处罚程序规定 Art.82',
  },
  {
    key: 'collective_discussion_record',
    zh: '集体讨论记录',
    kinds: ['collective_discussion_record'],
    from: 'decide',
    when: (i) => i.isCollectiveDiscussionRequired,
    citation: '行政处罚法 Art.57 para 2',
  },
  { key: 'decision', zh: '处罚（不予处罚）决定书', kinds: ['penalty_decision', 'no_penalty_decision'], from: 'close', citation: '行政处罚法 Art.59' },
  { key: 'decision_service', zh: '决定书送达回证', kinds: [], receiptFor: ['penalty_decision', 'no_penalty_decision'], from: 'close', citation: '行政处罚法 Art.61' },
  { key: 'payment_proof', zh: '罚没款缴纳凭证', kinds: ['payment_proof'], from: 'close', when: (i) => i.dates.paidOn !== null, citation: '行政处罚法 Art.67' },
];

function checkRequiredDocuments(i: PreReviewInput): PreReviewItem {
  const kindOf = new Map(i.documents.map((d) => [d.id, d.kind]));
  const has = (r: DocumentRule) =>
    r.receiptFor
      ? i.documents.some((d) => d.kind === 'service_receipt' && d.servesDocumentId && r.receiptFor!.includes(kindOf.get(d.servesDocumentId) ?? 'other'))
      : i.documents.some((d) => r.kinds.includes(d.kind));
  const missing = PRE_REVIEW_REQUIRED_DOCUMENTS.filter((r) => stepIndex(i.step) >= stepIndex(r.from) && (r.when?.(i) ?? true) && !has(r));
  if (missing.length === 0) return item('required_documents', 'pass', 'All documents this step needs are in the file.', '本环节所需文书均已齐备。');
  return item(
    'required_documents',
    'fail',
    `Missing: ${missing.map((m) => m.key).join(', ')}.`,
    `缺少：${missing.map((m) => m.zh).join('、')}。`,
    { missing: missing.map((m) => m.key) },
    [...new Set(missing.map((m) => m.citation))].join('; '),
  );
}

// ---- dates ------------------------------------------------------------------------------------------------------------

/** Pairs that must be in this order when both are recorded (a reversed procedure order is a case-file veto, CR6). */
const DATE_ORDER: readonly [string, string][] = [
  ['violation.committedOn', 'violation.endedOn'],
  ['violation.committedOn', 'dates.discoveredOn'],
  ['dates.discoveredOn', 'dates.filedOn'],
  ['dates.filedOn', 'dates.investigationEndedOn'],
  ['dates.investigationEndedOn', 'dates.reviewSubmittedOn'],
  ['dates.reviewSubmittedOn', 'dates.reviewPassedOn'],
  ['dates.filedOn', 'dates.noticeServedOn'],
  ['dates.noticeServedOn', 'dates.hearingRequestedOn'],
  ['dates.hearingRequestedOn', 'dates.hearingHeldOn'],
  ['dates.investigationEndedOn', 'dates.decidedOn'],
  ['dates.reviewPassedOn', 'dates.decidedOn'],
  ['dates.noticeServedOn', 'dates.decidedOn'],
  ['dates.hearingHeldOn', 'dates.decidedOn'],
  ['dates.decidedOn', 'dates.decisionServedOn'],
  ['dates.decisionServedOn', 'dates.paidOn'],
  ['dates.decidedOn', 'dates.closedOn'],
  ['dates.paidOn', 'dates.closedOn'],
];

function dateOf(i: PreReviewInput, path: string): string | null {
  const [group, key] = path.split('.') as [string, string];
  if (group === 'violation') return (i.violation as unknown as Record<string, string | null>)[key] ?? null;
  return (i.dates as unknown as Record<string, string | null>)[key] ?? null;
}

function checkDatesInOrder(i: PreReviewInput): PreReviewItem {
  const reversed = DATE_ORDER.filter(([a, b]) => {
    const x = dateOf(i, a);
    const y = dateOf(i, b);
    return x !== null && y !== null && x > y;
  }).map(([a, b]) => ({ before: a, after: b }));
  const paths = [...new Set(DATE_ORDER.flat())];
  const future = paths.filter((p) => (dateOf(i, p) ?? '') > i.asOf);
  if (reversed.length === 0 && future.length === 0) return item('dates_in_order', 'pass', 'The recorded dates follow the procedure.', '各环节日期顺序正确。');
  return item(
    'dates_in_order',
    'fail',
    [...reversed.map((r) => `${r.after} is before ${r.before}`), ...future.map((p) => `${p} is in the future`)].join('; ') + '.',
    `日期顺序有误：${[...reversed.map((r) => `${r.after}早于${r.before}`), ...future.map((p) => `${p}晚于今天`)].join('；')}。`,
    { reversed, future },
  );
}

// ---- legal basis ------------------------------------------------------------------------------------------------------

/** Compare provisions ignoring spaces, 《》 and full-width digits, so "《食品安全法》第一百二十二条" style variants still match. */
const norm = (s: string) =>
  s
    .replace(/[《》\s]/g, '')
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .toLowerCase();
const sameProvision = (a: LegalProvision, b: LegalProvision) => norm(a.law) === norm(b.law) && norm(a.article) === norm(b.article);

function checkLegalBasis(i: PreReviewInput): PreReviewItem {
  if (!i.item) return item('legal_basis', 'fail', 'Select the enforcement item; its legal basis is what the draft must cite.', '请选择执法事项，以核对引用的法律依据。');
  if (i.citedBasis.length === 0) {
    return item('legal_basis', 'fail', 'The draft cites no legal basis; a penalty without one is void (Art.38).', '拟作出的决定未引用法律依据；没有依据的行政处罚无效。', undefined, '行政处罚法 Art.38');
  }
  const unmatched = i.citedBasis.filter((c) => !i.item!.legalBasis.some((b) => sameProvision(b, c)));
  if (unmatched.length) {
    return item(
      'legal_basis',
      'fail',
      `Cited provisions not in the item's legal basis: ${unmatched.map((c) => `${c.law} ${c.article}`).join('; ')}.`,
      `所引依据不属于该执法事项的法定依据：${unmatched.map((c) => `${c.law}${c.article}`).join('；')}。`,
      { unmatched },
      '行政处罚法 Art.38',
    );
  }
  // 从旧兼从轻 (Art.37): the version in force when the act was committed (or ended) applies unless a later one is lighter.
  const actOn = i.violation.endedOn ?? i.violation.committedOn;
  if (actOn) {
    const notInForce = i.citedBasis.filter(
      (c) => !i.item!.legalBasis.some((b) => sameProvision(b, c) && b.effectiveFrom <= actOn && (b.effectiveTo === null || actOn < b.effectiveTo)),
    );
    if (notInForce.length) {
      return item(
        'legal_basis',
        'warn',
        `Not in force on ${actOn}: ${notInForce.map((c) => `${c.law} ${c.article}`).join('; ')}. Apply the version in force then, unless the current one is lighter.`,
        `以下依据在违法行为发生时（${actOn}）尚未施行或已失效：${notInForce.map((c) => `${c.law}${c.article}`).join('；')}。应适用行为时的规定，新规定处罚较轻的除外。`,
        { notInForce, actOn },
        '行政处罚法 Art.37',
      );
    }
  }
  return item('legal_basis', 'pass', "Every cited provision is in the item's legal basis and was in force at the time of the act.", '引用依据均为该执法事项的法定依据，且在行为时有效。');
}

// ---- discretion -------------------------------------------------------------------------------------------------------

function checkDiscretion(i: PreReviewInput): PreReviewItem {
  const c = fineWithinDiscretionTier({ proposed: i.proposed, discretion: i.discretion });
  if (c.level === 'ok') {
    const [en, zh]: readonly [string, string] = ({
      within_tier: ['The penalty lies within the selected discretion tier.', '拟处罚在所选裁量阶次内。'],
      no_fine_or_penalty: ['No penalty is proposed, so no tier applies.', '未拟处罚，不涉及裁量阶次。'],
      no_benchmark: ['The item has no discretion benchmark.', '该事项未设裁量基准。'],
    } as const satisfies Record<typeof c.kind, readonly [string, string]>)[c.kind];
    return item('discretion_tier', 'pass', en, zh, { kind: c.kind });
  }
  if (c.level === 'notice') return item('discretion_tier', 'warn', c.message, c.messageZh, c.details, c.citation);
  return item('discretion_tier', 'fail', c.refusal.message, c.refusal.messageZh, c.refusal.details, c.refusal.citation);
}

// ---- officers ---------------------------------------------------------------------------------------------------------

function checkOfficers(i: PreReviewInput): PreReviewItem {
  const byId = new Map(i.officers.map((o) => [o.id, o]));
  // Filing assigns the case officers: two qualified ones on the filing date (SAMR Art.19), as if they acted then.
  const acts: OfficerAct[] = [...(i.dates.filedOn ? [{ kind: 'filing', on: i.dates.filedOn, officerIds: i.officers.map((o) => o.id), needsTwoOfficers: true }] : []), ...i.acts];
  const problems: { act: string; on: string; officerId?: string; reason: string }[] = [];
  for (const act of acts) {
    let eligible = 0;
    for (const id of new Set(act.officerIds)) {
      const o = byId.get(id);
      const r = o ? officerEligibility(o, { sector: i.sector, placePath: i.placePath, date: act.on }) : null;
      if (!o) problems.push({ act: act.kind, on: act.on, officerId: id, reason: 'not_assigned' });
      else if (r) problems.push({ act: act.kind, on: act.on, officerId: id, reason: String(r.details?.reason ?? 'ineligible') });
      else eligible += 1;
    }
    if (act.needsTwoOfficers && eligible < 2) problems.push({ act: act.kind, on: act.on, reason: 'fewer_than_two' });
  }
  if (problems.length === 0) return item('officers_certified', 'pass', 'Every officer held a valid certificate covering the sector and place on each date they acted.', '执法人员在每次执法时均持有涵盖本领域、本区域的有效证件。');
  return item(
    'officers_certified',
    'fail',
    problems.map((p) => `${p.act} on ${p.on}: ${p.officerId ? `${p.officerId} ` : ''}${p.reason}`).join('; ') + '.',
    `以下执法行为的人员资格存在问题：${problems.map((p) => `${p.on}${p.act}${p.officerId ? `（${p.officerId}）` : ''}：${REASON_ZH[p.reason] ?? p.reason}`).join('；')}。`,
    { problems },
  );
}
const REASON_ZH: Record<string, string> = {
  not_assigned: '非本案承办人员',
  auxiliary: '辅助人员',
  off_duty: '不在岗',
  no_valid_certificate: '无有效执法证件',
  scope_not_covered: '证件执法类别或区域不涵盖',
  fewer_than_two: '持证执法人员少于两名',
};

// ---- limitation -------------------------------------------------------------------------------------------------------

function checkLimitation(i: PreReviewInput, cal: HolidayCalendar): PreReviewItem {
  if (!i.violation.committedOn) return item('limitation_period', 'fail', 'Record the date of the violation to check the limitation period.', '请填写违法行为发生日期，以核对追责时效。');
  const r = limitationPeriod(
    {
      violation: { committedOn: i.violation.committedOn, endedOn: i.violation.endedOn, isContinuing: i.violation.isContinuing },
      discoveredOn: i.dates.discoveredOn,
      involvesLifeHealthOrFinancialSafety: i.involvesLifeHealthOrFinancialSafety,
      hasHarmfulConsequences: i.hasHarmfulConsequences,
    },
    { actor: { id: 'pre-review' }, now: i.asOf, calendar: cal, params: i.params },
  );
  if (!r) return item('limitation_period', 'pass', 'Discovered within the limitation period.', '违法行为在追责时效内被发现。');
  // Without the holiday table the last day cannot be fixed (G5): flag it for a person rather than pass or fail.
  return item('limitation_period', r.code === 'CALENDAR_MISSING' ? 'warn' : 'fail', r.message, r.messageZh, r.details, r.citation);
}

// ---- reviewer ---------------------------------------------------------------------------------------------------------

function checkReviewer(i: PreReviewInput): PreReviewItem {
  if (!i.reviewerId) {
    return i.step === 'submit_review'
      ? item('reviewer_independent', 'warn', 'No reviewer assigned yet; assign one who did not investigate the case.', '尚未指定审核人员，请指定未参与本案调查的人员。')
      : item('reviewer_independent', 'fail', 'No reviewer is recorded for this case.', '本案未记录审核人员。');
  }
  const investigators = new Set([...i.officers.map((o) => o.id), ...i.acts.flatMap((a) => a.officerIds)]);
  if (investigators.has(i.reviewerId)) {
    return item('reviewer_independent', 'fail', 'The reviewer took part in investigating this case.', '审核人员参与了本案调查，办案人员不得作为审核人员。', { reviewerId: i.reviewerId });
  }
  return item('reviewer_independent', 'pass', 'The reviewer did not take part in the investigation.', '审核人员未参与本案调查。');
}

// ---- hearing right ----------------------------------------------------------------------------------------------------

function checkHearingRight(i: PreReviewInput): PreReviewItem {
  const entitled = [i.proposed, i.notified].some((p) => isHearingEntitled({ proposed: p, partyType: i.partyType }, i.params));
  if (!entitled) return item('hearing_right', 'pass', 'The penalty does not reach the hearing threshold.', '拟处罚未达到听证标准。', { entitled: false });
  const noticeDue = stepIndex(i.step) >= stepIndex('serve_notice');
  if (noticeDue && !i.noticeStatesHearingRight) {
    return item(
      'hearing_right',
      'fail',
      'The penalty reaches the hearing threshold: the notice must state the right to request a hearing (听证告知书).',
      '拟处罚达到听证标准，告知书应当告知当事人有要求听证的权利（听证告知书）。',
      { entitled: true },
    );
  }
  if (i.step === 'decide' && i.dates.hearingRequestedOn && !i.dates.hearingHeldOn) {
    return item('hearing_right', 'fail', 'The party requested a hearing that has not been held.', '当事人已申请听证，尚未举行听证。', { entitled: true }, '行政处罚法 Art.64');
  }
  return item(
    'hearing_right',
    'pass',
    noticeDue ? 'The hearing right is stated in the notice.' : 'The penalty reaches the hearing threshold: the notice to be served must state the hearing right.',
    noticeDue ? '已告知听证权利。' : '拟处罚达到听证标准，送达的告知书应当告知听证权利。',
    { entitled: true },
  );
}

const RANK: Record<PreReviewStatus, number> = { pass: 0, warn: 1, fail: 2 };

/** Run every check; the order of `items` is the order of PRE_REVIEW_CHECKS. */
export function preReview(input: PreReviewInput, calendar: HolidayCalendar): PreReviewResult {
  const items = [
    checkRequiredFields(input),
    checkRequiredDocuments(input),
    checkDatesInOrder(input),
    checkLegalBasis(input),
    checkDiscretion(input),
    checkOfficers(input),
    checkLimitation(input, calendar),
    checkReviewer(input),
    checkHearingRight(input),
  ];
  const status = items.reduce<PreReviewStatus>((w, x) => (RANK[x.status] > RANK[w] ? x.status : w), 'pass');
  return { status, items };
}
