/**
 * What each document prints: one typed record per kind (`DocumentData`, discriminated by `kind`). Dates are Beijing
 * dates `YYYY-MM-DD`; times of records `YYYY-MM-DDTHH:mm`. Amounts are in 元. The data is the frozen snapshot of
 * the case at issue time (cases module); this module only lays it out, it never looks anything up.
 */
import type { DocumentKind } from './registry.ts';

/** The issuing agency (执法主体). `regionName` is the location of its electronic signature. */
export interface AgencyInfo {
  id?: string;
  name: string;
  regionName?: string;
  address?: string;
  postcode?: string;
  phone?: string;
}

interface PartyContact {
  address?: string;
  phone?: string;
}
/**
 * 当事人. A natural person's ID number is printed masked unless the render asks for it in full (个人信息保护法 Art.28,
 * domain-rules §15): the copy served on the person may show it, copies for the file or publication must not.
 */
export type Party =
  | ({ type: 'individual'; name: string; idNumber?: string; gender?: '男' | '女'; birthDate?: string; workplace?: string } & PartyContact)
  | ({ type: 'organisation'; name: string; uscc: string; legalRepresentative?: string; licence?: string } & PartyContact);

/** An enforcement officer as documents name them: with the certificate shown to the party (行政处罚法 Art.42, 55). */
export interface OfficerRef {
  name: string;
  certificateNo?: string;
}

/**
 * A provision cited in a document: 《中华人民共和国食品安全法》 + 第三十四条第（十）项. `article` may be empty when `law`
 * already holds the whole citation as free text.
 */
export interface LegalProvision {
  law: string;
  article?: string;
}

/** An item of evidence and what it proves (证据名称 + 证明对象). */
export interface EvidenceItem {
  name: string;
  proves?: string;
}

/** A signed opinion box of an approval form (承办人意见, 机关负责人意见…); blank boxes print empty signature lines. */
export interface ApprovalEntry {
  role: string;
  opinion?: string;
  signer?: string;
  date?: string;
}

/** 行政处罚的种类 (行政处罚法 Art.9). */
export type PenaltyItem =
  | { type: 'warning' | 'circulate_criticism' | 'close' }
  | { type: 'fine' | 'confiscate_gains'; amountYuan: number }
  | {
      type: 'confiscate_property' | 'suspend_licence' | 'lower_qualification' | 'revoke_licence' | 'restrict_business' | 'suspend_business' | 'restrict_practice' | 'other';
      detail: string;
    };
export type PenaltyType = PenaltyItem['type'];

/** How the discretion benchmark was applied (国办发〔2022〕27号 §五(十二)): tier (从轻/一般/从重/减轻…) and why. */
export interface DiscretionReasoning {
  tier: string;
  /** The benchmark applied, printed as given (e.g. 《秦皇岛市市场监督管理行政处罚裁量基准》第十二项). */
  benchmark?: string;
  justification: string;
}

/**
 * Where and by when to pay (行政处罚法 Art.67: within 15 days, at the designated bank; the agency never collects).
 * `surchargeRatePercentPerDay` is the Art.72 late-payment surcharge (3 % a day, capped at the fine).
 */
export interface PaymentInstructions {
  bank: string;
  accountName?: string;
  account?: string;
  /** E.g. 非税收入缴款码 or a payment-order reference. */
  reference?: string;
  dueDays?: number;
  surchargeRatePercentPerDay?: number;
}

/**
 * The remedies the party must be told (行政处罚法 Art.59(5)): reconsideration within 60 days (行政复议法 2023 Art.20)
 * and litigation within 6 months (行政诉讼法 Art.46). Longer periods set by law may be given.
 */
export interface Remedies {
  reconsiderationBody: string;
  reconsiderationDays?: number;
  court: string;
  litigationMonths?: number;
}

/** Fields every document shares. */
interface DocumentBase<K extends DocumentKind> {
  kind: K;
  agency: AgencyInfo;
  /** 文书日期 (成文日期); also the PDF's CreationDate, so re-rendering the same data gives the same file. */
  date: string;
  number?: string;
  caseNo?: string;
  /** 案由, e.g. 经营超过保质期的食品案. */
  caseName?: string;
}

export interface FilingApprovalData extends DocumentBase<'filing_approval'> {
  source: string;
  sourceDate: string;
  party: Party;
  summary: string;
  suspectedViolation?: string;
  legalBasis?: LegalProvision[];
  handlers: OfficerRef[];
  approvals: ApprovalEntry[];
  remarks?: string;
}

export interface OnsiteInspectionRecordData extends DocumentBase<'onsite_inspection_record'> {
  startAt: string;
  endAt: string;
  place: string;
  party: Party;
  inspectors: OfficerRef[];
  recorder: string;
  /** 现场负责人 / 见证人 present during the inspection. */
  present?: { name: string; role?: string; phone?: string };
  /** The identity/rights statement read at the start (表明身份、告知权利); a standard text is printed if absent. */
  rightsNotice?: string;
  recusalAnswer?: string;
  findings: string;
  measures?: string;
}

export interface InquiryRecordData extends DocumentBase<'inquiry_record'> {
  startAt: string;
  endAt: string;
  place: string;
  interviewee: { name: string; gender?: '男' | '女'; idNumber?: string; workplace?: string; position?: string; phone?: string; address?: string; relation?: string };
  inquirers: OfficerRef[];
  recorder: string;
  rightsNotice?: string;
  qa: { q: string; a: string }[];
}

export interface InvestigationEndReportData extends DocumentBase<'investigation_end_report'> {
  party: Party;
  source: string;
  filedOn: string;
  process: string;
  facts: string;
  evidence: EvidenceItem[];
  violated: LegalProvision[];
  penaltyBasis?: LegalProvision[];
  discretion?: DiscretionReasoning;
  /** 处理意见: the proposed outcome (给予行政处罚 …; 不予行政处罚; 移送…). */
  proposal: string;
  handlers: OfficerRef[];
}

export type LegalReviewOutcome = 'agree' | 'correct' | 'investigate_further';
export interface LegalReviewOpinionData extends DocumentBase<'legal_review_opinion'> {
  party: Party;
  submittedBy: string;
  submittedOn: string;
  /** 审核事项: result per item (主体合法、事实清楚…). */
  checklist: { item: string; result: 'pass' | 'fail' | 'not_applicable'; comment?: string }[];
  outcome: LegalReviewOutcome;
  opinion: string;
  reviewers: OfficerRef[];
}

/** 行政处罚告知书 / 听证告知书 (行政处罚法 Art.44, 63–64). */
interface NoticeFields {
  party: Party;
  facts: string;
  evidence?: EvidenceItem[];
  violated: LegalProvision[];
  penaltyBasis: LegalProvision[];
  discretion?: DiscretionReasoning;
  intendedPenalty: PenaltyItem[];
  /** Days to state and defend (SAMR Art.57: 5 working days). */
  replyWorkingDays?: number;
  contact?: { person?: string; phone?: string; address?: string };
}
export interface PenaltyNoticeData extends DocumentBase<'penalty_notice'>, NoticeFields {}
export interface HearingNoticeData extends DocumentBase<'hearing_notice'>, NoticeFields {
  /** Days to ask for a hearing (行政处罚法 Art.64(1): 5 days after notice). */
  hearingRequestDays?: number;
}

export interface HearingRecordData extends DocumentBase<'hearing_record'> {
  startAt: string;
  endAt: string;
  place: string;
  isPublic: boolean;
  host: OfficerRef;
  hearingOfficers?: OfficerRef[];
  recorder: string;
  party: Party;
  partyAttendees: { name: string; role: string }[];
  investigators: OfficerRef[];
  entries: { speaker: string; text: string }[];
}

/** 行政处罚决定书: every item of 行政处罚法 Art.59 plus SAMR Art.62 and 国办发〔2022〕27号. */
export interface PenaltyDecisionData extends DocumentBase<'penalty_decision'> {
  number: string;
  party: Party;
  filedOn?: string;
  facts: string;
  evidence: EvidenceItem[];
  /** 陈述申辩 / 听证 and whether they were adopted (SAMR Art.62(3)). */
  statements?: string;
  violated: LegalProvision[];
  penaltyBasis: LegalProvision[];
  discretion: DiscretionReasoning;
  penalty: PenaltyItem[];
  payment?: PaymentInstructions;
  remedies: Remedies;
}

export interface NoPenaltyDecisionData extends DocumentBase<'no_penalty_decision'> {
  number: string;
  party: Party;
  filedOn?: string;
  facts: string;
  evidence: EvidenceItem[];
  violated?: LegalProvision[];
  /** Why no penalty (首违不罚 / 轻微不罚 / 证据不足…) and its basis, e.g. 行政处罚法 Art.33. */
  reason: string;
  basis: LegalProvision[];
  /** 责令改正 and other measures that still apply (Art.28). */
  correction?: string;
  remedies: Remedies;
}

export type ServiceMethod = 'direct' | 'left' | 'post' | 'electronic' | 'entrusted' | 'public_notice';
export interface ServiceReceiptData extends DocumentBase<'service_receipt'> {
  served: { title: string; number?: string }[];
  recipient: string;
  address: string;
  method: ServiceMethod;
  servedAt?: string;
  servers: OfficerRef[];
  proxy?: { name: string; reason: string };
  witness?: string;
  remarks?: string;
}

export interface ClosingApprovalData extends DocumentBase<'closing_approval'> {
  party: Party;
  filedOn: string;
  decision?: { number: string; date: string; content: string };
  execution: string;
  closingReason: string;
  handlers: OfficerRef[];
  approvals: ApprovalEntry[];
}

export type DocumentData =
  | FilingApprovalData
  | OnsiteInspectionRecordData
  | InquiryRecordData
  | InvestigationEndReportData
  | LegalReviewOpinionData
  | PenaltyNoticeData
  | HearingNoticeData
  | HearingRecordData
  | PenaltyDecisionData
  | NoPenaltyDecisionData
  | ServiceReceiptData
  | ClosingApprovalData
  | ProcedureDocumentData;

export type DocumentDataOf<K extends DocumentKind> = Extract<DocumentData, { kind: K }>;

// ---- licensing, inspection, coercive measures, execution, simplified procedure ------------------------------------------
/**
 * What the documents of licensing, inspection, coercive measures, execution and the simplified procedure print
 * (domain-rules §4–§6, §16–§18). Same conventions as above: Beijing dates `YYYY-MM-DD`, amounts in 元, frozen
 * snapshots laid out without lookups.
 */

interface ProcedureBase<K extends string> {
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
export interface LicenceSupplementNoticeData extends ProcedureBase<'licence_supplement_notice'>, LicenceFields {
  missingItems: string[];
  /** The day the notice was served; the 5 working days of Art.32 para 1(4) run from receipt to it. */
  servedOn: string;
}
/** 受理通知书 (Art.32 para 1(5), para 2): the sealed, dated receipt; and the decision due date (Art.42). */
export interface LicenceAcceptanceNoticeData extends ProcedureBase<'licence_acceptance_notice'>, LicenceFields {
  acceptedOn: string;
  decisionWorkingDays: number;
  decisionDueOn?: string;
}
/** 不予受理通知书 (Art.32 para 1(1)(2)): the reason, where to apply instead, and the remedies. */
export interface LicenceNonAcceptanceNoticeData extends ProcedureBase<'licence_non_acceptance_notice'>, LicenceFields {
  decidedOn: string;
  reason: string;
  referralAgency?: string;
  remedies: Remedies;
}
/** 延长行政许可期限通知书 (Art.42 para 1): approved by the head, reasons told to the applicant. */
export interface LicenceExtensionNoticeData extends ProcedureBase<'licence_extension_notice'>, LicenceFields {
  acceptedOn: string;
  approvedOn: string;
  reasons: string;
  extraWorkingDays: number;
  newDueOn?: string;
}
/** 准予行政许可决定书 (Art.38 para 1, Art.39–40, Art.44): what is granted, the certificate and its term. */
export interface LicenceGrantDecisionData extends ProcedureBase<'licence_grant_decision'>, LicenceFields {
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
export interface LicenceRefusalDecisionData extends ProcedureBase<'licence_refusal_decision'>, LicenceFields {
  number: string;
  decidedOn: string;
  reasons: string;
  basis: LegalProvision[];
  remedies: Remedies;
}

/** 行政检查通知书: who inspects what, when, on which basis, and the target's rights and duties. */
export interface InspectionNoticeData extends ProcedureBase<'inspection_notice'> {
  target: Party;
  item: string;
  basis: string;
  plannedOn?: string;
  purpose?: string;
  inspectors: OfficerRef[];
  contact?: { person?: string; phone?: string };
}
/** 检查结果告知书: outcome, findings and what follows (责令改正 with a date, or a penalty case). */
export interface InspectionResultNoticeData extends ProcedureBase<'inspection_result_notice'> {
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
export interface CoercionDecisionData extends ProcedureBase<'coercion_decision'> {
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
export interface CoercionInventoryData extends ProcedureBase<'coercion_inventory'> {
  measure: 'seal' | 'seize';
  decisionNumber?: string;
  party: Party;
  place?: string;
  items: SeizedItem[];
  officers: OfficerRef[];
}
/** 延长行政强制措施期限决定书 (Art.25 para 1–2): approved by the head, up to 30 days, told in writing with reasons. */
export interface CoercionExtensionDecisionData extends ProcedureBase<'coercion_extension_decision'> {
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
export interface CoercionReleaseDecisionData extends ProcedureBase<'coercion_release_decision'> {
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
export interface PaymentScheduleApprovalData extends ProcedureBase<'payment_schedule_approval'>, ExecutedDecision {
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
export interface PaymentReminderData extends ProcedureBase<'payment_reminder'>, ExecutedDecision {
  account: ExecutionAccountView;
  /** Art.54: the party has 10 days (working days, Art.69) after service to perform. */
  performWorkingDays: number;
  payment: PaymentInstructions;
}
/** 强制执行申请书 (行政强制法 Art.53–55): signed by the head and sealed; the materials Art.55 lists are attached. */
export interface EnforcementApplicationData extends ProcedureBase<'enforcement_application'>, ExecutedDecision {
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
export interface OnsitePenaltyDecisionData extends ProcedureBase<'onsite_penalty_decision'> {
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
