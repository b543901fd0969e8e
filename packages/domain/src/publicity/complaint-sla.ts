import { addPeriod, type DayType, type HolidayCalendar } from '../calendar/calendar.ts';

/**
 * Complaint channels, kinds and SLA timers (投诉举报, domain-rules §10.4 CP1–CP4). The timers are data: each row names
 * the stage it times, where the count starts, its length and day type, and its citation. Enforcement complaints take
 * their answer period from the locality's rule profile (CP3: Liaoning 60 days, Chongqing 15 WD).
 */
export const COMPLAINT_CHANNELS = ['portal', 'hotline_12345', 'petition', 'phone', 'letter'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];
export const COMPLAINT_CHANNEL_LABELS: Record<ComplaintChannel, { zh: string; en: string }> = {
  portal: { zh: '门户网站', en: 'Portal' },
  hotline_12345: { zh: '12345热线', en: '12345 hotline' },
  petition: { zh: '信访', en: 'Petition (信访)' },
  phone: { zh: '电话', en: 'Phone' },
  letter: { zh: '来信', en: 'Letter' },
};

/** complaint = consumer complaint (CP1); report = report of a violation (CP2); enforcement = complaint about enforcement (CP3). */
export const COMPLAINT_KINDS = ['complaint', 'report', 'enforcement'] as const;
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number];
export const COMPLAINT_KIND_LABELS: Record<ComplaintKind, { zh: string; en: string }> = {
  complaint: { zh: '消费投诉', en: 'Consumer complaint' },
  report: { zh: '违法行为举报', en: 'Report of a violation' },
  enforcement: { zh: '执法行为投诉', en: 'Complaint about enforcement' },
};

export type ComplaintSlaStage = 'accept' | 'answer';
/** Where a period starts: the day of receipt, or the day the agency accepted (or, for a report, decided on filing). */
export type ComplaintSlaStart = 'received' | 'accepted';

export interface ComplaintSlaRule {
  kind: ComplaintKind;
  stage: ComplaintSlaStage;
  start: ComplaintSlaStart;
  days: number;
  dayType: DayType;
  citation: string;
  /** The period applies only when the complainant left a name (CP2: a named reporter is told). */
  onlyNamed?: boolean;
  /** The length and day type come from the locality's rule profile (complaint.enforcementAnswer*). */
  fromProfile?: boolean;
}

export const COMPLAINT_SLA_RULES: readonly ComplaintSlaRule[] = [
  { kind: 'complaint', stage: 'accept', start: 'received', days: 7, dayType: 'WORKING', citation: '市场监督管理投诉举报处理暂行办法 Art.14' },
  { kind: 'complaint', stage: 'answer', start: 'accepted', days: 45, dayType: 'WORKING', citation: '市场监督管理投诉举报处理暂行办法 Art.21' },
  // A report is a case lead: verified and decided on filing within 15 WD (AP3), the named reporter told within 5 WD of that decision.
  { kind: 'report', stage: 'accept', start: 'received', days: 15, dayType: 'WORKING', citation: '市场监督管理投诉举报处理暂行办法 Art.31; 市场监督管理行政处罚程序规定 Art.18' },
  { kind: 'report', stage: 'answer', start: 'accepted', days: 5, dayType: 'WORKING', citation: '市场监督管理投诉举报处理暂行办法 Art.31', onlyNamed: true },
  { kind: 'enforcement', stage: 'accept', start: 'received', days: 7, dayType: 'WORKING', citation: '市场监督管理投诉举报处理暂行办法 Art.14 (by analogy; 天津 3 WD via profile)' },
  { kind: 'enforcement', stage: 'answer', start: 'received', days: 60, dayType: 'CALENDAR', citation: '辽宁省行政执法监督规定 Art.19; 重庆市行政执法责任制条例 Art.13', fromProfile: true },
];

export interface ComplaintProfileParams {
  /** complaint.enforcementAnswerDays */
  enforcementAnswerDays: number;
  /** complaint.enforcementAnswerWorkingDays */
  enforcementAnswerWorkingDays: boolean;
}

export function complaintSlaRule(kind: ComplaintKind, stage: ComplaintSlaStage): ComplaintSlaRule {
  const r = COMPLAINT_SLA_RULES.find((x) => x.kind === kind && x.stage === stage);
  if (!r) throw new RangeError(`no SLA rule for ${kind}/${stage}`);
  return r;
}

/** Due date of the accept/reject decision, counted from the day of receipt. */
export function complaintAcceptDueOn(kind: ComplaintKind, receivedOn: string, cal: HolidayCalendar): string {
  const r = complaintSlaRule(kind, 'accept');
  return addPeriod(receivedOn, r.days, 'day', r.dayType, cal);
}

/**
 * Due date of the answer once accepted; null when no answer period runs (an anonymous report: nobody to tell, CP2).
 * Starts from receipt or acceptance as the rule says.
 */
export function complaintAnswerDueOn(
  input: { kind: ComplaintKind; receivedOn: string; acceptedOn: string; isNamed: boolean },
  cal: HolidayCalendar,
  profile: ComplaintProfileParams,
): { dueOn: string | null; rule: ComplaintSlaRule; days: number; dayType: DayType } {
  const r = complaintSlaRule(input.kind, 'answer');
  const days = r.fromProfile ? profile.enforcementAnswerDays : r.days;
  const dayType: DayType = r.fromProfile ? (profile.enforcementAnswerWorkingDays ? 'WORKING' : 'CALENDAR') : r.dayType;
  if (r.onlyNamed && !input.isNamed) return { dueOn: null, rule: r, days, dayType };
  const start = r.start === 'received' ? input.receivedOn : input.acceptedOn;
  return { dueOn: addPeriod(start, days, 'day', dayType, cal), rule: r, days, dayType };
}

/** Satisfaction on a 1–5 scale, given once by the complainant after the answer. */
export const SATISFACTION_LABELS: Record<1 | 2 | 3 | 4 | 5, string> = { 1: '很不满意', 2: '不满意', 3: '基本满意', 4: '满意', 5: '非常满意' };
export const COMPLAINT_RATEABLE_STATUSES = ['closed', 'rejected'] as const;

/** Hotline/petition record numbers: what dedupes an import (one external record → one complaint). */
export const EXTERNAL_RECORD_NO_RE = /^[A-Za-z0-9][A-Za-z0-9\-_/]{2,63}$/;
