/**
 * What the documents of licensing, inspection, coercive measures, execution and the simplified procedure print
 * (domain-rules §4–§6, §16–§18). Same conventions as types.ts: Beijing dates `YYYY-MM-DD`, amounts in 元, frozen
 * snapshots laid out without lookups.
 */
import type { AgencyInfo, LegalProvision, OfficerRef, Party, PaymentInstructions, PenaltyItem, Remedies } from './types.ts';

interface Base<K extends string> {
  kind: K;
  agency: AgencyInfo;
  date: string;
  number?: string;
  caseNo?: string;
  caseName?: string;
}

/** The licence application as the applicant knows it (申请受理编号, 申请事项). */
interface LicenceFields {
  applicant: Party;
  applicationNo: string;
  /** 申请事项: the licensing item's name. */
  item: string;
  receivedOn: string;
}

/** 补正材料一次性告知书 (行政许可法 Art.32 para 1(4)): every missing item at once. */
export interface LicenceSupplementNoticeData extends Base<'licence_supplement_notice'>, LicenceFields {
  missingItems: string[];
  /** The day the notice was served; the 5 working days of Art.32 para 1(4) run from receipt to it. */
  servedOn: string;
}
/** 受理通知书 (Art.32 para 1(5), para 2): the sealed, dated receipt; and the decision due date (Art.42). */
export interface LicenceAcceptanceNoticeData extends Base<'licence_acceptance_notice'>, LicenceFields {
  acceptedOn: string;
  decisionWorkingDays: number;
  decisionDueOn?: string;
}
/** 不予受理通知书 (Art.32 para 1(1)(2)): the reason, where to apply instead, and the remedies. */
export interface LicenceNonAcceptanceNoticeData extends Base<'licence_non_acceptance_notice'>, LicenceFields {
  decidedOn: string;
  reason: string;
  referralAgency?: string;
  remedies: Remedies;
}
/** 延长行政许可期限通知书 (Art.42 para 1): approved by the head, reasons told to the applicant. */
export interface LicenceExtensionNoticeData extends Base<'licence_extension_notice'>, LicenceFields {
  acceptedOn: string;
  approvedOn: string;
  reasons: string;
  extraWorkingDays: number;
  newDueOn?: string;
}
/** 准予行政许可决定书 (Art.38 para 1, Art.39–40, Art.44): what is granted, the certificate and its term. */
export interface LicenceGrantDecisionData extends Base<'licence_grant_decision'>, LicenceFields {
  number: string;
  decidedOn: string;
  reasons: string;
  basis: LegalProvision[];
  conditions?: string;
  certificate?: { certificateNo: string; validFrom: string; expiresOn: string | null };
  /** Art.44: the certificate is issued within 10 working days of the decision. */
  certificateWorkingDays: number;
  remedies: Remedies;
}
/** 不予行政许可决定书 (Art.38 para 2): reasons and the right to reconsideration or litigation, both mandatory. */
export interface LicenceRefusalDecisionData extends Base<'licence_refusal_decision'>, LicenceFields {
  number: string;
  decidedOn: string;
  reasons: string;
  basis: LegalProvision[];
  remedies: Remedies;
}

/** 行政检查通知书: who inspects what, when, on which basis, and the target's rights and duties. */
export interface InspectionNoticeData extends Base<'inspection_notice'> {
  target: Party;
  item: string;
  basis: string;
  plannedOn?: string;
  purpose?: string;
  inspectors: OfficerRef[];
  contact?: { person?: string; phone?: string };
}
/** 检查结果告知书: outcome, findings and what follows (责令改正 with a date, or a penalty case). */
export interface InspectionResultNoticeData extends Base<'inspection_result_notice'> {
  target: Party;
  item: string;
  inspectedOn: string;
  outcome: 'no_problem' | 'problems_found';
  findings: string[];
  rectification?: { items: string[]; dueOn: string };
  caseOpened: boolean;
  notes?: string;
  remedies: Remedies;
}

export interface SeizedItem {
  description: string;
  quantity: number;
  unit: string;
  note?: string;
}
/** 实施行政强制措施决定书 (行政强制法 Art.24 para 2, Art.31 para 2): every item the article lists. */
export interface CoercionDecisionData extends Base<'coercion_decision'> {
  measure: 'seal' | 'seize' | 'freeze';
  party: Party;
  reasons: string;
  basis: string;
  items: SeizedItem[];
  place?: string;
  account?: string;
  amount?: number;
  startsOn: string;
  periodDays: number;
  endsOn?: string;
  officers: OfficerRef[];
  remedies: Remedies;
}
/** 场所、设施、财物清单 (Art.24 para 1): in duplicate, signed by the party and the officers. */
export interface CoercionInventoryData extends Base<'coercion_inventory'> {
  measure: 'seal' | 'seize';
  decisionNumber?: string;
  party: Party;
  place?: string;
  items: SeizedItem[];
  officers: OfficerRef[];
}
/** 延长行政强制措施期限决定书 (Art.25 para 1–2): approved by the head, up to 30 days, told in writing with reasons. */
export interface CoercionExtensionDecisionData extends Base<'coercion_extension_decision'> {
  measure: 'seal' | 'seize' | 'freeze';
  party: Party;
  decisionNumber?: string;
  startsOn: string;
  approvedOn: string;
  reasons: string;
  extraDays: number;
  newEndsOn?: string;
  remedies: Remedies;
}
/** 解除行政强制措施决定书 (Art.28, Art.33): the reason of Art.28 and the return of the things. */
export interface CoercionReleaseDecisionData extends Base<'coercion_release_decision'> {
  measure: 'seal' | 'seize' | 'freeze';
  party: Party;
  decisionNumber?: string;
  reason: string;
  basis: string;
  releasedOn: string;
  items: SeizedItem[];
}

/** The penalty decision being executed. */
interface ExecutedDecision {
  party: Party;
  decision: { number: string; date: string; servedOn: string };
  principal: number;
}
/** 延期（分期）缴纳罚款决定书 (行政处罚法 Art.66 para 2): the approved schedule. */
export interface PaymentScheduleApprovalData extends Base<'payment_schedule_approval'>, ExecutedDecision {
  scheduleKind: 'deferral' | 'instalments';
  appliedOn: string;
  approvedOn: string;
  entries: { dueOn: string; amount: number }[];
  payment: PaymentInstructions;
}
/** The execution account on a date (行政处罚法 Art.72(1): 3 % a day, capped at the fine). */
export interface ExecutionAccountView {
  asOf: string;
  dueOn: string;
  paid: number;
  overduePrincipal: number;
  lateDays: number;
  surcharge: number;
  surchargeCapped: boolean;
  balance: number;
}
/** 催告书 (行政强制法 Art.35, Art.54): the duty, the deadline, the way, the sums, and the right to state and defend. */
export interface PaymentReminderData extends Base<'payment_reminder'>, ExecutedDecision {
  account: ExecutionAccountView;
  /** Art.54: the party has 10 days (working days, Art.69) after service to perform. */
  performWorkingDays: number;
  payment: PaymentInstructions;
}
/** 强制执行申请书 (行政强制法 Art.53–55): signed by the head and sealed; the materials Art.55 lists are attached. */
export interface EnforcementApplicationData extends Base<'enforcement_application'>, ExecutedDecision {
  court: string;
  account: ExecutionAccountView;
  reminder: { number?: string; servedOn: string };
  remedyWindowEndsOn: string;
  facts: string;
  basis: LegalProvision[];
  attachments: string[];
  head?: string;
}

/** 当场行政处罚决定书 (行政处罚法 Art.52): pre-numbered form, facts, basis, penalty, payment, remedies, officers. */
export interface OnsitePenaltyDecisionData extends Base<'onsite_penalty_decision'> {
  number: string;
  party: Party;
  decidedAt: string;
  place: string;
  facts: string;
  statement?: string;
  violated: LegalProvision[];
  penaltyBasis: LegalProvision[];
  penalty: PenaltyItem[];
  payment?: PaymentInstructions & { paidOnSpot?: { receiptNo?: string; ground: string } };
  remedies: Remedies;
  officers: OfficerRef[];
}

export type ProcedureDocumentData =
  | LicenceSupplementNoticeData
  | LicenceAcceptanceNoticeData
  | LicenceNonAcceptanceNoticeData
  | LicenceExtensionNoticeData
  | LicenceGrantDecisionData
  | LicenceRefusalDecisionData
  | InspectionNoticeData
  | InspectionResultNoticeData
  | CoercionDecisionData
  | CoercionInventoryData
  | CoercionExtensionDecisionData
  | CoercionReleaseDecisionData
  | PaymentScheduleApprovalData
  | PaymentReminderData
  | EnforcementApplicationData
  | OnsitePenaltyDecisionData;
