/**
 * 行政执法统计年报: every enforcement agency publishes the previous year's overall enforcement data by 31 January and
 * reports it to the same-level government and the superior department (国办发〔2018〕118号 §二(六); 内蒙古办法 Art.14;
 * domain-rules P17, ST1). 118号 does not enumerate the items [U]; ST1's suggested minimum is used, and each item says
 * where its figure comes from — or that the platform has no source for it yet, so the report never prints a 0 that is
 * really "unknown".
 */
import { daysBetween } from './periods.ts';

export const ANNUAL_REPORT_CITATION = '国办发〔2018〕118号 §二(六); domain-rules P17, ST1';

export const AnnualReportStatus = { DRAFT: 'draft', APPROVED: 'approved', PUBLISHED: 'published', WITHDRAWN: 'withdrawn' } as const;
export type AnnualReportStatus = (typeof AnnualReportStatus)[keyof typeof AnnualReportStatus];
export const ANNUAL_REPORT_STATUS_LABELS: Record<AnnualReportStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  approved: { zh: '负责人已审核', en: 'Approved by the head' },
  published: { zh: '已公开', en: 'Published' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};
export const AnnualReportAction = { GENERATE: 'generate', APPROVE: 'approve', PUBLISH: 'publish', WITHDRAW: 'withdraw' } as const;
export type AnnualReportAction = (typeof AnnualReportAction)[keyof typeof AnnualReportAction];

/** Draft → the head reviews → published; a published report may be withdrawn (and a corrected draft generated). */
export const ANNUAL_REPORT_TRANSITIONS = {
  draft: { generate: 'draft', approve: 'approved' },
  approved: { generate: 'draft', publish: 'published' },
  published: { withdraw: 'withdrawn' },
  withdrawn: { generate: 'draft' },
} as const satisfies Record<AnnualReportStatus, Partial<Record<AnnualReportAction, AnnualReportStatus>>>;

export function nextAnnualReportStatus(from: AnnualReportStatus, action: AnnualReportAction): AnnualReportStatus | null {
  return (ANNUAL_REPORT_TRANSITIONS[from] as Partial<Record<AnnualReportAction, AnnualReportStatus>>)[action] ?? null;
}
export function annualReportActions(from: AnnualReportStatus): AnnualReportAction[] {
  return Object.keys(ANNUAL_REPORT_TRANSITIONS[from]) as AnnualReportAction[];
}

export interface AnnualReportItemDef {
  key: string;
  zh: string;
  en: string;
  unit: '件' | '元' | '%' | '次';
  /** null: the platform records nothing this figure could come from yet; the report says so. */
  source: string | null;
}

export const ANNUAL_REPORT_ITEMS: readonly AnnualReportItemDef[] = [
  { key: 'licenceDecided', zh: '行政许可办结', en: 'Licence applications decided', unit: '件', source: 'licence_application_events' },
  { key: 'licenceGranted', zh: '其中：准予许可', en: '…of which granted', unit: '件', source: 'licence_application_events' },
  { key: 'licenceOnTimeRate', zh: '许可按期办结率', en: 'Licences decided within the time limit', unit: '%', source: 'licence_application_events' },
  { key: 'penaltyOpened', zh: '行政处罚立案（含简易程序）', en: 'Penalty cases opened (incl. on the spot)', unit: '件', source: 'case_events' },
  { key: 'penaltyDecided', zh: '作出行政处罚决定', en: 'Penalty decisions', unit: '件', source: 'case_events' },
  { key: 'simplifiedDecided', zh: '其中：简易程序', en: '…of which simplified procedure', unit: '件', source: 'case_events' },
  { key: 'fineCount', zh: '罚款决定', en: 'Decisions with a fine', unit: '件', source: 'case_events' },
  { key: 'fineTotal', zh: '罚款金额', en: 'Fines imposed', unit: '元', source: 'case_events' },
  { key: 'majorDecided', zh: '重大执法决定', en: 'Major decisions', unit: '件', source: 'case_events' },
  { key: 'majorReviewed', zh: '其中：经法制审核', en: '…of which legally reviewed', unit: '件', source: 'case_events' },
  { key: 'coercionApplied', zh: '行政强制措施', en: 'Coercive measures', unit: '件', source: 'coercive_measure_events' },
  { key: 'inspectionDone', zh: '行政检查', en: 'Inspections completed', unit: '件', source: 'inspection_events' },
  { key: 'inspectionProblem', zh: '其中：发现问题', en: '…of which with problems found', unit: '件', source: 'inspection_events' },
  { key: 'publicationOnTimeRate', zh: '执法决定按期公示率', en: 'Decisions published on time', unit: '%', source: 'publication_tasks' },
  { key: 'hearingsHeld', zh: '举行听证', en: 'Hearings held', unit: '次', source: null },
  { key: 'transferredToPolice', zh: '移送公安机关涉嫌犯罪案件', en: 'Suspected crimes transferred to the police', unit: '件', source: null },
  { key: 'reconsiderationChanged', zh: '行政复议被撤销、变更或确认违法', en: 'Reconsiderations: revoked, changed or confirmed illegal', unit: '件', source: null },
  { key: 'litigationLost', zh: '行政诉讼败诉', en: 'Lawsuits lost', unit: '件', source: null },
  { key: 'levyAndOther', zh: '行政征收及其他执法行为', en: 'Levies and other actions', unit: '件', source: null },
];

/** The report on `year` is due on 31 January of the next year (118号 §二(六)). */
export function annualReportDueOn(year: number): string {
  return `${year + 1}-01-31`;
}

/** The year whose report is being prepared on `today`: the previous calendar year. */
export function reportingYearOn(today: string): number {
  return Number(today.slice(0, 4)) - 1;
}

/**
 * The agency head's to-do "publish last year's annual report": from 1 January (the year just ended is reportable)
 * until the report is published; overdue once 31 January has passed (118号 §二(六)). Null when published. The due
 * date is the computed 31 January — a fixed calendar day, not a period, so holidays do not move it [U: no rule found
 * that extends it past a holiday; 政府信息公开条例 Art.49–50 dates are fixed the same way].
 */
export interface AnnualReportTodo {
  year: number;
  dueOn: string;
  overdue: boolean;
  /** Negative once overdue: the days since the due date. */
  daysLeft: number;
  citation: string;
}
export function annualReportTodo(today: string, isPublished: boolean): AnnualReportTodo | null {
  if (isPublished) return null;
  const year = reportingYearOn(today);
  const dueOn = annualReportDueOn(year);
  return { year, dueOn, overdue: annualReportDeadlineState(year, today, false) === 'overdue', daysLeft: daysBetween(today, dueOn), citation: ANNUAL_REPORT_CITATION };
}

export type AnnualReportDeadlineState = 'published' | 'due' | 'overdue';
export function annualReportDeadlineState(year: number, today: string, isPublished: boolean): AnnualReportDeadlineState {
  if (isPublished) return 'published';
  return today > annualReportDueOn(year) ? 'overdue' : 'due';
}
