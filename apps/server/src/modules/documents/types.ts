/**
 * What each document prints: one typed record per kind (`DocumentData`, discriminated by `kind`). Dates are Beijing
 * dates `YYYY-MM-DD`; times of records `YYYY-MM-DDTHH:mm`. Amounts are in 元. The data is the frozen snapshot of
 * the case at issue time (cases module); this module only lays it out, it never looks anything up.
 */
import type { ProcedureDocumentData } from './procedure-types.ts';
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
