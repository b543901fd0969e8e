import { computeDeadline, type DayType, type HolidayCalendar } from '../calendar/index.ts';
import type { Refusal } from '../errors/index.ts';
import type { Role } from '../identity/index.ts';
import { allowedActions, nextStatus } from '../registry/enums.ts';

// ---- warnings --------------------------------------------------------------------------------------------------------

/**
 * A warning's life: raised by the scan → acknowledged by the agency → rectification reported (text, optional evidence
 * or document reference) → closed by the supervisor, or reopened (back to acknowledged) when the report does not
 * convince. `auto_resolve` is the scan's: the condition cleared by itself (the case was decided, the task published).
 */
export const WarningStatus = {
  OPEN: 'open',
  ACKNOWLEDGED: 'acknowledged',
  RECTIFICATION_REPORTED: 'rectification_reported',
  CLOSED: 'closed',
  RESOLVED: 'resolved',
} as const;
export type WarningStatus = (typeof WarningStatus)[keyof typeof WarningStatus];
export const WARNING_STATUSES = Object.values(WarningStatus) as WarningStatus[];
export const OPEN_WARNING_STATUSES: readonly WarningStatus[] = ['open', 'acknowledged', 'rectification_reported'];
export const WARNING_STATUS_LABELS: Record<WarningStatus, { zh: string; en: string }> = {
  open: { zh: '待签收', en: 'Raised' },
  acknowledged: { zh: '已签收', en: 'Acknowledged' },
  rectification_reported: { zh: '已报告整改', en: 'Rectification reported' },
  closed: { zh: '已办结', en: 'Closed' },
  resolved: { zh: '已自动消除', en: 'Resolved automatically' },
};

export const WarningAction = { ACKNOWLEDGE: 'acknowledge', REPORT_RECTIFICATION: 'report_rectification', CLOSE: 'close', REOPEN: 'reopen', AUTO_RESOLVE: 'auto_resolve' } as const;
export type WarningAction = (typeof WarningAction)[keyof typeof WarningAction];
export const WARNING_ACTION_LABELS: Record<WarningAction, { zh: string; en: string }> = {
  acknowledge: { zh: '签收', en: 'Acknowledge' },
  report_rectification: { zh: '报告整改', en: 'Report rectification' },
  close: { zh: '办结', en: 'Close' },
  reopen: { zh: '退回重新整改', en: 'Reopen' },
  auto_resolve: { zh: '条件消除', en: 'Condition cleared' },
};

export const WARNING_TRANSITIONS = {
  open: { acknowledge: 'acknowledged', report_rectification: 'rectification_reported', close: 'closed', auto_resolve: 'resolved' },
  acknowledged: { report_rectification: 'rectification_reported', close: 'closed', auto_resolve: 'resolved' },
  rectification_reported: { close: 'closed', reopen: 'acknowledged', auto_resolve: 'resolved' },
  closed: { reopen: 'acknowledged' },
  resolved: {},
} as const satisfies Record<WarningStatus, Partial<Record<WarningAction, WarningStatus>>>;

/** Who takes which step: the agency answers (head), the supervising bureau closes or reopens; the scan resolves. */
export const WARNING_ACTION_ROLES: Record<WarningAction, readonly Role[]> = {
  acknowledge: ['agency_head'],
  report_rectification: ['agency_head'],
  close: ['supervisor'],
  reopen: ['supervisor'],
  auto_resolve: [],
};

export const nextWarningStatus = (s: WarningStatus, a: WarningAction) => nextStatus<WarningStatus, WarningAction>(WARNING_TRANSITIONS, s, a);
/** The actions this role may take now: the buttons the UI shows, and what a 409 lists. */
export function availableWarningActions(s: WarningStatus, role: Role): WarningAction[] {
  return allowedActions<WarningStatus, WarningAction>(WARNING_TRANSITIONS, s).filter((a) => WARNING_ACTION_ROLES[a].includes(role));
}

// ---- supervision documents -----------------------------------------------------------------------------------------

/** A supervision document type (domain-rules §10.2 table): configurable per locality profile. */
export interface SupervisionDocumentType {
  profile: string;
  code: 'notice' | 'decision' | 'opinion' | 'suggestion';
  zh: string;
  en: string;
  /** Time the supervised body has to answer (materials, correction report); counted from service. */
  response: { days: number; dayType: DayType; note?: string };
  /** Objection (异议/复核申请) window from service; null where the source gives none. */
  objection: { days: number; dayType: DayType } | null;
  /** Time the reviewing body has to answer an objection. */
  review: { days: number; dayType: DayType } | null;
  citation: string;
}

export const SUPERVISION_PROFILES: Record<string, { zh: string; en: string }> = {
  samr: { zh: '国家（市场监管执法监督暂行规定）', en: 'National (SAMR)' },
  shandong: { zh: '山东省', en: 'Shandong' },
  shanghai: { zh: '上海市', en: 'Shanghai' },
  guangdong: { zh: '广东省', en: 'Guangdong' },
};

const WD = 'WORKING' as const;
const CD = 'CALENDAR' as const;
/**
 * The national SAMR default and three localities. SAMR Art.19–21: the decision's 10 WD report runs "after correcting";
 * without a separate correction date we count it from service and the supervisor may set a longer period.
 */
export const SUPERVISION_DOCUMENT_TYPES: readonly SupervisionDocumentType[] = [
  { profile: 'samr', code: 'notice', zh: '执法监督通知书', en: 'Supervision notice', response: { days: 10, dayType: WD }, objection: null, review: null, citation: '市场监督管理执法监督暂行规定 Art.18' },
  { profile: 'samr', code: 'decision', zh: '执法监督决定书', en: 'Supervision decision', response: { days: 10, dayType: WD, note: '纠正后10个工作日内报告' }, objection: { days: 5, dayType: WD }, review: { days: 10, dayType: WD }, citation: '市场监督管理执法监督暂行规定 Art.19–21' },
  { profile: 'samr', code: 'opinion', zh: '执法监督意见书', en: 'Supervision opinion', response: { days: 10, dayType: WD, note: '在规定期限内报告' }, objection: { days: 5, dayType: WD }, review: { days: 10, dayType: WD }, citation: '市场监督管理执法监督暂行规定 Art.20' },
  { profile: 'shandong', code: 'opinion', zh: '行政执法监督意见书', en: 'Supervision opinion', response: { days: 30, dayType: CD }, objection: null, review: null, citation: '山东省行政执法监督条例 Art.28' },
  { profile: 'shandong', code: 'decision', zh: '行政执法监督决定书', en: 'Supervision decision', response: { days: 30, dayType: CD }, objection: null, review: null, citation: '山东省行政执法监督条例 Art.29' },
  { profile: 'shanghai', code: 'notice', zh: '行政执法监督通知', en: 'Supervision notice', response: { days: 10, dayType: WD }, objection: null, review: null, citation: '上海市行政执法监督办法 Art.20' },
  { profile: 'shanghai', code: 'suggestion', zh: '行政执法监督建议书', en: 'Supervision suggestion', response: { days: 30, dayType: CD }, objection: null, review: null, citation: '上海市行政执法监督办法 Art.25' },
  { profile: 'shanghai', code: 'decision', zh: '行政执法监督决定书', en: 'Supervision decision', response: { days: 30, dayType: CD }, objection: null, review: null, citation: '上海市行政执法监督办法 Art.26–27' },
  { profile: 'guangdong', code: 'suggestion', zh: '行政执法督察建议书', en: 'Supervision suggestion', response: { days: 30, dayType: CD }, objection: { days: 15, dayType: CD }, review: { days: 15, dayType: CD }, citation: '广东省行政执法监督条例 Art.32–34' },
  { profile: 'guangdong', code: 'decision', zh: '行政执法督察决定书', en: 'Supervision decision', response: { days: 30, dayType: CD }, objection: null, review: null, citation: '广东省行政执法监督条例 Art.33' },
];
export function supervisionDocumentType(profile: string, code: string): SupervisionDocumentType | undefined {
  return SUPERVISION_DOCUMENT_TYPES.find((t) => t.profile === profile && t.code === code);
}

/** S6 (山东条例 Art.29–34): what a supervision decision orders, each with the grounds it may rest on. */
export const SUPERVISION_DECISION_TYPES = {
  order_perform: { zh: '责令履行', en: 'Order to perform', grounds: { failure_to_act: '不履行或者拖延履行法定职责' } },
  order_correct: { zh: '责令改正', en: 'Order to correct', grounds: { missing_reasons: '未说明理由且当事人无异议', wording_error: '文字表述错误', calculation_error: '计算错误', missing_date: '未载明决定日期' } },
  revoke: { zh: '撤销', en: 'Revoke', grounds: { facts_unclear: '主要事实不清、证据不足', wrong_basis: '适用依据错误', procedure_violation: '违反法定程序', ultra_vires: '超越或者滥用职权', obviously_improper: '明显不当' } },
  confirm_illegal: { zh: '确认违法', en: 'Confirm illegal', grounds: { cannot_revoke: '不具有可撤销内容', public_interest: '撤销会给公共利益造成重大损害' } },
  confirm_void: { zh: '确认无效', en: 'Confirm void', grounds: { no_basis: '没有法定依据', no_valid_seal: '无有效印章', unenforceable: '内容客观上不可能实施' } },
} as const;
export type SupervisionDecisionType = keyof typeof SUPERVISION_DECISION_TYPES;

/** S7 (山东条例 Art.38; 四川 Art.45; 吉林 Art.32; 上海 Art.26): consequences for officers. */
export const OFFICER_SANCTIONS = {
  criticism: { zh: '批评教育', en: 'Criticism' },
  admonition: { zh: '告诫', en: 'Warning (告诫)' },
  off_post_training: { zh: '离岗培训', en: 'Off-post training' },
  transfer_out: { zh: '调离执法岗位', en: 'Transfer out of enforcement posts' },
  certificate_suspension: { zh: '暂扣执法证件', en: 'Certificate suspension' },
  certificate_revocation: { zh: '吊销执法证件', en: 'Certificate revocation' },
  disciplinary: { zh: '处分', en: 'Disciplinary sanction' },
} as const;
export type OfficerSanction = keyof typeof OFFICER_SANCTIONS;

/**
 * issued → answered → accepted (the answer is accepted; a document about a warning closes it) or returned (back to
 * issued, answer again). issued → objected (within the window) → upheld (issued again, new response period) or
 * revoked (the document falls).
 */
export const SupervisionDocumentStatus = { ISSUED: 'issued', ANSWERED: 'answered', ACCEPTED: 'accepted', OBJECTED: 'objected', REVOKED: 'revoked' } as const;
export type SupervisionDocumentStatus = (typeof SupervisionDocumentStatus)[keyof typeof SupervisionDocumentStatus];
export const SUPERVISION_DOCUMENT_STATUS_LABELS: Record<SupervisionDocumentStatus, { zh: string; en: string }> = {
  issued: { zh: '待答复', en: 'Awaiting answer' },
  answered: { zh: '已答复', en: 'Answered' },
  accepted: { zh: '已采纳办结', en: 'Accepted' },
  objected: { zh: '异议复核中', en: 'Objection under review' },
  revoked: { zh: '复核撤销', en: 'Revoked on review' },
};
export const SupervisionDocumentAction = { ANSWER: 'answer', ACCEPT: 'accept', RETURN: 'return', OBJECT: 'object', UPHOLD: 'uphold', REVOKE: 'revoke' } as const;
export type SupervisionDocumentAction = (typeof SupervisionDocumentAction)[keyof typeof SupervisionDocumentAction];
export const SUPERVISION_DOCUMENT_TRANSITIONS = {
  issued: { answer: 'answered', object: 'objected' },
  answered: { accept: 'accepted', return: 'issued' },
  accepted: {},
  objected: { uphold: 'issued', revoke: 'revoked' },
  revoked: {},
} as const satisfies Record<SupervisionDocumentStatus, Partial<Record<SupervisionDocumentAction, SupervisionDocumentStatus>>>;
export const SUPERVISION_DOCUMENT_ACTION_ROLES: Record<SupervisionDocumentAction, readonly Role[]> = {
  answer: ['agency_head'],
  object: ['agency_head'],
  accept: ['supervisor'],
  return: ['supervisor'],
  uphold: ['supervisor'],
  revoke: ['supervisor'],
};
export const nextSupervisionDocumentStatus = (s: SupervisionDocumentStatus, a: SupervisionDocumentAction) =>
  nextStatus<SupervisionDocumentStatus, SupervisionDocumentAction>(SUPERVISION_DOCUMENT_TRANSITIONS, s, a);
export function availableSupervisionDocumentActions(s: SupervisionDocumentStatus, role: Role): SupervisionDocumentAction[] {
  return allowedActions<SupervisionDocumentStatus, SupervisionDocumentAction>(SUPERVISION_DOCUMENT_TRANSITIONS, s).filter((a) => SUPERVISION_DOCUMENT_ACTION_ROLES[a].includes(role));
}

/** Due dates of a document served on `servedOn`, computed with the holiday calendar (G4, G5). */
export function supervisionDocumentDeadlines(t: SupervisionDocumentType, servedOn: string, cal: HolidayCalendar): { responseDueOn: string; objectionDueOn: string | null } {
  const responseDueOn = computeDeadline({ ruleId: `supervision.${t.profile}.${t.code}.response`, citation: t.citation, length: t.response.days, unit: 'day', dayType: t.response.dayType }, servedOn, cal).due;
  const objectionDueOn = t.objection
    ? computeDeadline({ ruleId: `supervision.${t.profile}.${t.code}.objection`, citation: t.citation, length: t.objection.days, unit: 'day', dayType: t.objection.dayType }, servedOn, cal).due
    : null;
  return { responseDueOn, objectionDueOn };
}

/** The review deadline of an objection lodged on `objectedOn`. */
export function supervisionReviewDueOn(t: SupervisionDocumentType, objectedOn: string, cal: HolidayCalendar): string | null {
  if (!t.review) return null;
  return computeDeadline({ ruleId: `supervision.${t.profile}.${t.code}.review`, citation: t.citation, length: t.review.days, unit: 'day', dayType: t.review.dayType }, objectedOn, cal).due;
}

/** An objection only within the type's window (SAMR Art.21: 5 WD); a type without one admits none. */
export function supervisionObjectionRefusal(t: SupervisionDocumentType, objectionDueOn: string | null, today: string): Refusal | null {
  if (!t.objection || !objectionDueOn) {
    return { code: 'RULE_VIOLATION', message: `A ${t.en.toLowerCase()} (${t.profile}) admits no objection procedure.`, messageZh: `${t.zh}未规定异议（复核）程序。`, citation: t.citation, details: { reason: 'no_objection_procedure' } };
  }
  if (today > objectionDueOn) {
    return { code: 'RULE_VIOLATION', message: `The objection window ended on ${objectionDueOn}.`, messageZh: `异议期限已于${objectionDueOn}届满。`, citation: t.citation, details: { reason: 'objection_window_closed', objectionDueOn } };
  }
  return null;
}

/**
 * Review independence (回避): an objection to a supervision document is decided by someone other than the supervisor
 * who issued it. The sources give the review to the superior body (SAMR 执法监督暂行规定 Art.21; 广东 Art.32–34), so
 * the issuer reviewing their own document is excluded a fortiori; no national text states the person-level rule [U],
 * hence the rule value `supervision.objectionReviewByOther` (default on).
 */
export function objectionReviewerRefusal(d: { issuedBy: string }, reviewerId: string, opts: { reviewByOther: boolean }): Refusal | null {
  if (!opts.reviewByOther || d.issuedBy !== reviewerId) return null;
  return {
    code: 'RULE_VIOLATION',
    message: 'An objection is reviewed by a supervisor other than the one who issued the document.',
    messageZh: '异议复核应当由签发该监督文书以外的监督人员办理，签发人应当回避。',
    citation: '市场监督管理执法监督暂行规定 Art.21; 广东省行政执法监督条例 Art.32–34 (recusal [U], rule supervision.objectionReviewByOther)',
    details: { guard: 'objectionReviewIndependent', reason: 'issuer_recused' },
  };
}

/** A decision order must name its grounds from its own list (S6). */
export function decisionGroundsRefusal(type: string | null | undefined, grounds: readonly string[] | null | undefined): Refusal | null {
  if (!type) return null;
  const spec = (SUPERVISION_DECISION_TYPES as Record<string, { grounds: Record<string, string> }>)[type];
  const bad = !spec || !grounds?.length || grounds.some((g) => !Object.hasOwn(spec.grounds, g));
  if (!bad) return null;
  return {
    code: 'RULE_VIOLATION',
    message: 'A supervision decision must state its grounds from the grounds of its decision type.',
    messageZh: '执法监督决定须载明与决定类型相符的理由。',
    citation: '山东省行政执法监督条例 Art.29–34',
    details: { decisionType: type, allowedGrounds: spec ? Object.keys(spec.grounds) : [] },
  };
}
