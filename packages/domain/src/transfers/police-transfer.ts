import { addPeriod, type DayType, type HolidayCalendar } from '../calendar/index.ts';
import type { Refusal } from '../errors/index.ts';

/**
 * 两法衔接: transfer of a suspected crime to the public security organ (行政执法机关移送涉嫌犯罪案件的规定, 国务院令第310号,
 * 2020 rev.; domain-rules §9.2). The police and the procuratorate are outside organisations: their steps are recorded by
 * the agency's officers from the letters received (uploaded as evidence), never taken by them in the system.
 */
export const POLICE_TRANSFER_STATUSES = [
  'reported', // transfer report to the head (Art.5)
  'not_approved', // the head decided not to transfer (reasons on file, Art.5)
  'approved', // the head approved: send within 24 h (Art.5)
  'sent', // letter and materials delivered (Art.6)
  'received', // the police signed the receipt (回执, Art.7)
  'filed', // the police filed the case (立案, Art.8)
  'not_filed', // the police declined to file, with reasons (Art.8)
  'reconsideration_requested', // the agency asked the police to reconsider (复议, Art.9)
  'reconsideration_upheld', // the police kept the non-filing (Art.9)
  'procuratorate_supervision', // the agency asked the procuratorate for 立案监督 (Art.9, Art.14)
  'handed_over', // items and materials handed over after filing (Art.12)
  'returned', // the case is back for administrative handling (Art.10, Art.13): the penalty case resumes
] as const;
export type PoliceTransferStatus = (typeof POLICE_TRANSFER_STATUSES)[number];

export const POLICE_TRANSFER_ACTIONS = [
  'approve',
  'decline',
  'send',
  'record_receipt',
  'record_filed',
  'record_not_filed',
  'request_reconsideration',
  'record_reconsideration_result',
  'request_supervision',
  'record_supervision_result',
  'record_handover',
  'resume_administrative',
  'record_reverse_transfer',
  'copy_procuratorate',
] as const;
export type PoliceTransferAction = (typeof POLICE_TRANSFER_ACTIONS)[number];

/**
 * The table. `record_reconsideration_result` and `record_supervision_result` lead to `filed` or to the non-filing
 * branch (see `nextPoliceTransferStatus`); the table lists the non-filing target. `copy_procuratorate` (抄送, 310号令
 * Art.8 para 2 / 最高检 2001 规定) records a copy and keeps the status.
 */
export const POLICE_TRANSFER_TRANSITIONS = {
  reported: { approve: 'approved', decline: 'not_approved' },
  not_approved: {},
  approved: { send: 'sent' },
  sent: { record_receipt: 'received', copy_procuratorate: 'sent' },
  received: { record_filed: 'filed', record_not_filed: 'not_filed', copy_procuratorate: 'received' },
  not_filed: { request_reconsideration: 'reconsideration_requested', request_supervision: 'procuratorate_supervision', resume_administrative: 'returned', copy_procuratorate: 'not_filed' },
  reconsideration_requested: { record_reconsideration_result: 'reconsideration_upheld' },
  reconsideration_upheld: { request_supervision: 'procuratorate_supervision', resume_administrative: 'returned' },
  procuratorate_supervision: { record_supervision_result: 'returned' },
  filed: { record_handover: 'handed_over', record_reverse_transfer: 'returned', copy_procuratorate: 'filed' },
  handed_over: { record_reverse_transfer: 'returned' },
  returned: {},
} as const satisfies Record<PoliceTransferStatus, Partial<Record<PoliceTransferAction, PoliceTransferStatus>>>;

export const POLICE_TRANSFER_STATUS_LABELS: Record<PoliceTransferStatus, { zh: string; en: string }> = {
  reported: { zh: '待负责人决定', en: 'Awaiting the head’s decision' },
  not_approved: { zh: '决定不移送', en: 'Not approved' },
  approved: { zh: '已批准移送（待送达）', en: 'Approved, to be sent' },
  sent: { zh: '已移送（待回执）', en: 'Sent' },
  received: { zh: '公安已接收（待立案答复）', en: 'Received by the police' },
  filed: { zh: '公安已立案', en: 'Filed by the police' },
  not_filed: { zh: '公安不予立案', en: 'Not filed by the police' },
  reconsideration_requested: { zh: '已提请复议', en: 'Reconsideration requested' },
  reconsideration_upheld: { zh: '复议维持不予立案', en: 'Non-filing upheld' },
  procuratorate_supervision: { zh: '已提请检察院立案监督', en: 'Procuratorate supervision requested' },
  handed_over: { zh: '已移交涉案物品', en: 'Items handed over' },
  returned: { zh: '退回行政处理', en: 'Back to administrative handling' },
};
export const POLICE_TRANSFER_ACTION_LABELS: Record<PoliceTransferAction, { zh: string; en: string }> = {
  approve: { zh: '批准移送', en: 'Approve transfer' },
  decline: { zh: '决定不移送', en: 'Decide not to transfer' },
  send: { zh: '移送公安机关', en: 'Send to the police' },
  record_receipt: { zh: '登记公安回执', en: 'Record the police receipt' },
  record_filed: { zh: '登记立案通知', en: 'Record filing' },
  record_not_filed: { zh: '登记不予立案通知', en: 'Record non-filing' },
  request_reconsideration: { zh: '提请复议', en: 'Request reconsideration' },
  record_reconsideration_result: { zh: '登记复议决定', en: 'Record the reconsideration result' },
  request_supervision: { zh: '提请检察院立案监督', en: 'Ask the procuratorate to supervise' },
  record_supervision_result: { zh: '登记立案监督结果', en: 'Record the supervision result' },
  record_handover: { zh: '登记移交涉案物品', en: 'Record the handover' },
  resume_administrative: { zh: '恢复行政处理', en: 'Resume administrative handling' },
  record_reverse_transfer: { zh: '登记公安退回（反向移送）', en: 'Record a reverse transfer' },
  copy_procuratorate: { zh: '登记抄送检察院', en: 'Record the copy to the procuratorate' },
};

/** Steps only the principal head takes (310号令 Art.5: 正职负责人或者主持工作的负责人). */
export const HEAD_ONLY_POLICE_ACTIONS: readonly PoliceTransferAction[] = ['approve', 'decline'];

/** The 移送材料 of 310号令 Art.6 as data; `required` items block sending when missing. */
export const POLICE_TRANSFER_MATERIALS = [
  { key: 'transfer_letter', zh: '涉嫌犯罪案件移送书', en: 'Case transfer letter', required: true },
  { key: 'investigation_report', zh: '涉嫌犯罪案件情况的调查报告', en: 'Investigation report', required: true },
  { key: 'items_list', zh: '涉案物品清单', en: 'List of items involved', required: true },
  { key: 'inspection_conclusions', zh: '有关检验报告或者鉴定结论', en: 'Testing reports or appraisal conclusions', required: false },
  { key: 'other_materials', zh: '其他有关涉嫌犯罪的材料', en: 'Other materials', required: false },
] as const;
export type PoliceTransferMaterialKey = (typeof POLICE_TRANSFER_MATERIALS)[number]['key'];
export const POLICE_TRANSFER_MATERIAL_KEYS = POLICE_TRANSFER_MATERIALS.map((m) => m.key) as PoliceTransferMaterialKey[];

const CITE_310 = '行政执法机关移送涉嫌犯罪案件的规定（国务院令第310号）';

/**
 * 310号令 Art.6: the transfer letter, the investigation report and the items list always; testing or appraisal
 * conclusions when the case had items tested (domain-rules T6). Each material is an evidence record or document id.
 */
export function missingPoliceMaterials(materials: Partial<Record<PoliceTransferMaterialKey, readonly string[]>>, opts: { hasTesting: boolean }): PoliceTransferMaterialKey[] {
  return POLICE_TRANSFER_MATERIALS.filter((m) => (m.required || (m.key === 'inspection_conclusions' && opts.hasTesting)) && !(materials[m.key]?.length ?? 0)).map((m) => m.key);
}

export function nextPoliceTransferStatus(status: PoliceTransferStatus, action: PoliceTransferAction, outcome?: { filed: boolean }): PoliceTransferStatus | null {
  const to = (POLICE_TRANSFER_TRANSITIONS[status] as Partial<Record<PoliceTransferAction, PoliceTransferStatus>>)[action] ?? null;
  if (!to) return null;
  if ((action === 'record_reconsideration_result' || action === 'record_supervision_result') && outcome?.filed) return 'filed';
  return to;
}

export interface PoliceTransferFacts {
  status: PoliceTransferStatus;
  materials: Partial<Record<PoliceTransferMaterialKey, readonly string[]>>;
  hasTesting: boolean;
}

/** Table check, head-only steps, and the Art.6 checklist before `send`. */
export function checkPoliceTransferAction(t: PoliceTransferFacts, action: PoliceTransferAction, actor: { isHead: boolean; canHandle: boolean }): Refusal | null {
  if (!nextPoliceTransferStatus(t.status, action)) {
    return {
      code: 'INVALID_TRANSITION',
      message: `'${action}' is not allowed while the police transfer is ${t.status}.`,
      messageZh: `移送公安${POLICE_TRANSFER_STATUS_LABELS[t.status].zh}状态下不能执行该操作。`,
      details: { status: t.status, action, allowedActions: Object.keys(POLICE_TRANSFER_TRANSITIONS[t.status]) },
    };
  }
  if (!actor.canHandle) return { code: 'FORBIDDEN', message: 'Transfers are handled by agency staff.', messageZh: '无权办理案件移送。', details: { action } };
  if (HEAD_ONLY_POLICE_ACTIONS.includes(action) && !actor.isHead) {
    return { code: 'FORBIDDEN', message: 'The agency head decides whether to transfer.', messageZh: '是否移送由行政执法机关正职负责人或者主持工作的负责人决定。', citation: `${CITE_310} Art.5`, details: { action, reason: 'head_only' } };
  }
  if (action === 'send') {
    const missing = missingPoliceMaterials(t.materials, { hasTesting: t.hasTesting });
    if (missing.length) {
      return {
        code: 'RULE_VIOLATION',
        message: `The transfer package is incomplete: ${missing.join(', ')}.`,
        messageZh: `移送材料不全：${missing.map((k) => POLICE_TRANSFER_MATERIALS.find((m) => m.key === k)!.zh).join('、')}。`,
        citation: `${CITE_310} Art.6`,
        details: { guard: 'materialsComplete', missing },
      };
    }
  }
  return null;
}

export function availablePoliceTransferActions(t: PoliceTransferFacts, actor: { isHead: boolean; canHandle: boolean }): PoliceTransferAction[] {
  return (Object.keys(POLICE_TRANSFER_TRANSITIONS[t.status]) as PoliceTransferAction[]).filter((a) => {
    const r = checkPoliceTransferAction(t, a, actor);
    // `send` stays visible while materials are missing: the page shows the checklist and the refusal.
    return r === null || (a === 'send' && r.code === 'RULE_VIOLATION');
  });
}

/** The 310号令 periods, as rule values (RULE_KEYS transfer.*). "3日" has no stated day type (T13, [U]). */
export interface PoliceTransferParams {
  decisionDays: number;
  sendHours: number;
  answerDays: number;
  reconsiderationRequestDays: number;
  reconsiderationAnswerDays: number;
  supervisionSuggestionDays: number;
  handoverDays: number;
  dayType: DayType;
}

export type PoliceTimerKey = 'decision' | 'send' | 'answer' | 'reconsideration_request' | 'reconsideration_answer' | 'supervision_suggestion' | 'handover';
export const POLICE_TIMER_INFO: Record<PoliceTimerKey, { zh: string; en: string; citation: string }> = {
  decision: { zh: '负责人3日内作出是否移送决定', en: 'Head decides within 3 days', citation: `${CITE_310} Art.5` },
  send: { zh: '批准后24小时内移送公安机关', en: 'Send within 24 h of approval', citation: `${CITE_310} Art.5` },
  answer: { zh: '公安机关3日内审查并书面答复', en: 'Police answer within 3 days', citation: `${CITE_310} Art.8` },
  reconsideration_request: { zh: '收到不予立案通知3日内提请复议', en: 'Request reconsideration within 3 days', citation: `${CITE_310} Art.9` },
  reconsideration_answer: { zh: '公安机关3日内作出复议决定', en: 'Police decide the reconsideration within 3 days', citation: `${CITE_310} Art.9` },
  supervision_suggestion: { zh: '复议维持后3日内建议检察院立案监督', en: 'Suggest procuratorate supervision within 3 days', citation: `${CITE_310} Art.9` },
  handover: { zh: '接到立案通知3日内移交涉案物品', en: 'Hand over items within 3 days of filing', citation: `${CITE_310} Art.12` },
};

/** Due date (YYYY-MM-DD) of a day period, or due instant (ISO) of the 24-hour send, from a start. */
export function policeTimerDue(key: PoliceTimerKey, start: string, p: PoliceTransferParams, cal: HolidayCalendar): string {
  const days: Record<Exclude<PoliceTimerKey, 'send'>, number> = {
    decision: p.decisionDays,
    answer: p.answerDays,
    reconsideration_request: p.reconsiderationRequestDays,
    reconsideration_answer: p.reconsiderationAnswerDays,
    supervision_suggestion: p.supervisionSuggestionDays,
    handover: p.handoverDays,
  };
  // 24 hours run in clock time from the decision (domain-rules T13).
  if (key === 'send') return addPeriod(start, p.sendHours, 'hour', 'CALENDAR', cal);
  return addPeriod(start.slice(0, 10), days[key], 'day', p.dayType, cal);
}

/** Which timer runs in a status, and the day it starts from (the recorded dates of the transfer). */
export function runningPoliceTimer(status: PoliceTransferStatus): PoliceTimerKey | null {
  switch (status) {
    case 'reported':
      return 'decision';
    case 'approved':
      return 'send';
    case 'sent':
    case 'received':
      return 'answer';
    case 'not_filed':
      return 'reconsideration_request';
    case 'reconsideration_requested':
      return 'reconsideration_answer';
    case 'reconsideration_upheld':
      return 'supervision_suggestion';
    case 'filed':
      return 'handover';
    default:
      return null;
  }
}

/** A recorded date (a letter's date) must not be in the future or before the step it answers. */
export function recordedDateRefusal(date: string, floor: string | null, today: string): Refusal | null {
  if (date > today) return { code: 'VALIDATION_FAILED', message: 'The date cannot be in the future.', messageZh: '日期不能晚于今天。', details: { issues: [{ path: ['on'], message: 'future date', messageZh: '日期不能晚于今天' }] } };
  if (floor && date < floor) return { code: 'VALIDATION_FAILED', message: `The date cannot precede ${floor}.`, messageZh: `日期不能早于${floor}。`, details: { issues: [{ path: ['on'], message: `before ${floor}`, messageZh: `不能早于${floor}` }] } };
  return null;
}
