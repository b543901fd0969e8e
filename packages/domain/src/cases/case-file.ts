import { fineWithinDiscretionTier, isHearingEntitled, isMajorCase, type HearingThresholds, type PenaltyContent } from './penalty-guards.ts';
import type { PenaltyCaseFacts } from './penalty-procedure.ts';

/**
 * The case file (案卷) of an ordinary-procedure penalty case: which documents it holds, in which volume and order,
 * and what is missing for the path the case took. Archiving is "一案一卷、材料齐全、规范有序" (SAMR 程序规定 Art.78;
 * domain-rules EX8), and case-file review (案卷评查, domain-rules §10.3 CR4/CR6) scores exactly these gaps, so each gap
 * names the review criterion it falls under and whether it is a veto item (一票否决).
 */

export const CaseFileVolume = { MAIN: 'main', SECONDARY: 'secondary' } as const;
export type CaseFileVolume = (typeof CaseFileVolume)[keyof typeof CaseFileVolume];
export const CASE_FILE_VOLUME_LABELS: Record<CaseFileVolume, { zh: string; en: string }> = {
  main: { zh: '正卷', en: 'Main volume' },
  secondary: { zh: '副卷', en: 'Secondary volume' },
};

/**
 * Document kinds a penalty case file holds (DOC2/DOC3 registry; codes shared with the server's case documents).
 * `isServed`: handed to the party, so a 送达回证 (or other proof of service) belongs right after it. `isGenerated`: made
 * when the file is assembled (cover, contents, reference sheet; GB/T 9705-2008 文书档案案卷格式).
 */
export const CASE_FILE_DOCUMENT_KINDS = {
  cover: { zh: '卷皮（案卷封面）', en: 'Cover', isServed: false, isGenerated: true },
  table_of_contents: { zh: '卷内文件目录', en: 'Table of contents', isServed: false, isGenerated: true },
  case_source: { zh: '案件来源登记表及案源材料', en: 'Case source record', isServed: false, isGenerated: false },
  filing_approval: { zh: '立案审批表', en: 'Filing approval form', isServed: false, isGenerated: false },
  inquiry_record: { zh: '询问笔录', en: 'Inquiry record', isServed: false, isGenerated: false },
  onsite_inspection_record: { zh: '现场检查（勘验）笔录', en: 'On-site inspection record', isServed: false, isGenerated: false },
  evidence: { zh: '其他证据材料（书证、物证、视听资料、电子数据、鉴定意见等）', en: 'Other evidence', isServed: false, isGenerated: false },
  coercive_measure_decision: { zh: '实施行政强制措施决定书及清单', en: 'Coercive measure decision and inventory', isServed: true, isGenerated: false },
  investigation_end_report: { zh: '案件调查终结报告', en: 'Investigation-end report', isServed: false, isGenerated: false },
  draft_decision: { zh: '执法决定代拟稿', en: 'Draft decision', isServed: false, isGenerated: false },
  legal_review_opinion: { zh: '法制审核（案件审核）意见书', en: 'Legal / case review opinion', isServed: false, isGenerated: false },
  case_matter_approval: { zh: '行政处罚案件有关事项审批表（延期等）', en: 'Approval form for case matters (extension etc.)', isServed: false, isGenerated: false },
  discretion_deviation_approval: { zh: '偏离裁量基准审批材料', en: 'Approval of a discretion-benchmark deviation', isServed: false, isGenerated: false },
  penalty_notice: { zh: '行政处罚告知书', en: 'Notice of intended penalty', isServed: true, isGenerated: false },
  hearing_notice: { zh: '行政处罚听证告知书', en: 'Notice of the right to a hearing', isServed: true, isGenerated: false },
  statement_record: { zh: '陈述申辩笔录（材料）', en: 'Statement and defence record', isServed: false, isGenerated: false },
  waiver_statement: { zh: '放弃陈述申辩（听证）声明', en: 'Waiver of statement / hearing', isServed: false, isGenerated: false },
  hearing_request: { zh: '听证申请书（记录）', en: 'Hearing request', isServed: false, isGenerated: false },
  hearing_notification: { zh: '听证通知书', en: 'Hearing notification (time and place)', isServed: true, isGenerated: false },
  hearing_record: { zh: '听证笔录', en: 'Hearing transcript', isServed: false, isGenerated: false },
  hearing_report: { zh: '听证报告', en: 'Hearing report', isServed: false, isGenerated: false },
  collective_discussion_record: { zh: '集体讨论记录', en: 'Collective discussion minutes', isServed: false, isGenerated: false },
  decision_approval: { zh: '行政处罚决定审批表', en: 'Decision approval form', isServed: false, isGenerated: false },
  penalty_decision: { zh: '行政处罚决定书', en: 'Penalty decision', isServed: true, isGenerated: false },
  no_penalty_decision: { zh: '不予行政处罚决定书', en: 'No-penalty decision', isServed: true, isGenerated: false },
  service_receipt: { zh: '送达回证（送达凭证）', en: 'Proof of service', isServed: false, isGenerated: false },
  deferral_approval: { zh: '延期（分期）缴纳罚款审批表', en: 'Deferred / instalment payment approval', isServed: false, isGenerated: false },
  payment_proof: { zh: '罚没款缴纳凭证', en: 'Proof of payment', isServed: false, isGenerated: false },
  property_disposal: { zh: '财物处理单据', en: 'Property disposal records', isServed: false, isGenerated: false },
  enforcement_reminder: { zh: '催告书', en: 'Reminder before court enforcement', isServed: true, isGenerated: false },
  court_enforcement_application: { zh: '强制执行申请书', en: 'Application for court enforcement', isServed: false, isGenerated: false },
  crime_transfer_letter: { zh: '涉嫌犯罪案件移送书', en: 'Criminal case transfer letter', isServed: false, isGenerated: false },
  case_transfer_letter: { zh: '案件移送函', en: 'Case transfer letter', isServed: false, isGenerated: false },
  closing_approval: { zh: '结案审批表', en: 'Case-closing approval form', isServed: false, isGenerated: false },
  other: { zh: '其他有关材料', en: 'Other materials', isServed: false, isGenerated: false },
  internal_other: { zh: '其他内部材料', en: 'Other internal materials', isServed: false, isGenerated: false },
  reference_sheet: { zh: '卷内备考表', en: 'Reference sheet', isServed: false, isGenerated: true },
} as const satisfies Record<string, { zh: string; en: string; isServed: boolean; isGenerated: boolean }>;
export type CaseFileDocKind = keyof typeof CASE_FILE_DOCUMENT_KINDS;
export const CASE_FILE_DOC_KINDS = Object.keys(CASE_FILE_DOCUMENT_KINDS) as CaseFileDocKind[];

/** One document of the case, as the server lists it. */
export interface CaseFileDoc {
  id: string;
  kind: CaseFileDocKind;
  /** Date of the document (issued, recorded or received), YYYY-MM-DD. */
  date: string;
  title?: string | undefined;
  /** For a service receipt: the document it proves service of. */
  servesDocumentId?: string | null | undefined;
  /** For cover, contents and reference sheet: which volume they frame (default main). */
  volume?: CaseFileVolume | undefined;
}

export interface CaseFileSlot {
  key: string;
  zh: string;
  en: string;
  kinds: readonly CaseFileDocKind[];
}

export interface CaseFileOrder {
  code: string;
  zh: string;
  en: string;
  citation: string;
  main: readonly CaseFileSlot[];
  secondary: readonly CaseFileSlot[];
}

const FRONT: CaseFileSlot[] = [
  { key: 'cover', zh: '卷皮', en: 'Cover', kinds: ['cover'] },
  { key: 'contents', zh: '卷内目录', en: 'Contents', kinds: ['table_of_contents'] },
];
const BACK: CaseFileSlot = { key: 'reference', zh: '备考表', en: 'Reference sheet', kinds: ['reference_sheet'] };

/**
 * SAMR 程序规定 Art.78 (domain-rules EX8): the main volume opens with the filing form and the decision with its proof
 * of service, then the other documents served, the evidence, the hearing transcript, property records and the rest;
 * the secondary volume holds the internal record: case source, investigation-end report, review opinion, hearing
 * report, closing form, other internal approvals. Cover and contents lead and the reference sheet ends each volume
 * (GB/T 9705-2008).
 */
export const SAMR_CASE_FILE_ORDER: CaseFileOrder = {
  code: 'samr',
  zh: '市场监管正副卷顺序',
  en: 'SAMR main / secondary volume order',
  citation: '市场监督管理行政处罚程序规定 Art.78',
  main: [
    ...FRONT,
    { key: 'filing', zh: '立案审批表', en: 'Filing approval', kinds: ['filing_approval'] },
    { key: 'decision', zh: '行政处罚决定书及送达回证', en: 'Decision and proof of service', kinds: ['penalty_decision', 'no_penalty_decision'] },
    {
      key: 'served',
      zh: '对当事人制发的其他法律文书及送达回证',
      en: 'Other documents served on the party, with proof of service',
      kinds: ['coercive_measure_decision', 'penalty_notice', 'hearing_notice', 'hearing_notification', 'enforcement_reminder', 'service_receipt'],
    },
    { key: 'evidence', zh: '证据材料', en: 'Evidence', kinds: ['inquiry_record', 'onsite_inspection_record', 'evidence'] },
    { key: 'hearing', zh: '听证笔录', en: 'Hearing transcript', kinds: ['hearing_record'] },
    { key: 'property', zh: '财物处理单据', en: 'Property and payment records', kinds: ['payment_proof', 'property_disposal'] },
    {
      key: 'other',
      zh: '其他有关材料',
      en: 'Other materials',
      kinds: ['statement_record', 'waiver_statement', 'hearing_request', 'court_enforcement_application', 'crime_transfer_letter', 'case_transfer_letter', 'other'],
    },
    BACK,
  ],
  secondary: [
    ...FRONT,
    { key: 'source', zh: '案源材料', en: 'Case source', kinds: ['case_source'] },
    { key: 'report', zh: '调查终结报告', en: 'Investigation-end report', kinds: ['investigation_end_report'] },
    { key: 'review', zh: '审核意见', en: 'Review opinion', kinds: ['legal_review_opinion'] },
    { key: 'hearing_report', zh: '听证报告', en: 'Hearing report', kinds: ['hearing_report'] },
    { key: 'closing', zh: '结案审批表', en: 'Closing approval', kinds: ['closing_approval'] },
    {
      key: 'other',
      zh: '其他有关材料',
      en: 'Other internal materials',
      kinds: ['draft_decision', 'case_matter_approval', 'discretion_deviation_approval', 'collective_discussion_record', 'decision_approval', 'deferral_approval', 'internal_other'],
    },
    BACK,
  ],
};

/**
 * The common one-volume practice (many provincial case-file standards; domain-rules §10.3, DOC3 [S]): the documents in
 * the order the procedure produced them, internal approval forms kept apart in the secondary volume.
 */
export const CHRONOLOGICAL_CASE_FILE_ORDER: CaseFileOrder = {
  code: 'chronological',
  zh: '按办案流程顺序',
  en: 'Procedural order',
  citation: '行政处罚法 Art.54–67 (procedure order); 国办发〔2018〕118号 §三 (全过程记录)',
  main: [
    ...FRONT,
    { key: 'source', zh: '案源材料', en: 'Case source', kinds: ['case_source'] },
    { key: 'filing', zh: '立案审批表', en: 'Filing approval', kinds: ['filing_approval'] },
    { key: 'evidence', zh: '证据材料', en: 'Evidence', kinds: ['inquiry_record', 'onsite_inspection_record', 'evidence', 'coercive_measure_decision'] },
    { key: 'report', zh: '调查终结报告', en: 'Investigation-end report', kinds: ['investigation_end_report'] },
    { key: 'review', zh: '法制审核意见书', en: 'Review opinion', kinds: ['legal_review_opinion'] },
    { key: 'notice', zh: '告知书', en: 'Notices', kinds: ['penalty_notice', 'hearing_notice'] },
    {
      key: 'statement_hearing',
      zh: '陈述申辩、听证材料',
      en: 'Statement, defence and hearing',
      kinds: ['statement_record', 'waiver_statement', 'hearing_request', 'hearing_notification', 'hearing_record', 'hearing_report'],
    },
    { key: 'discussion', zh: '集体讨论记录', en: 'Collective discussion', kinds: ['collective_discussion_record'] },
    { key: 'decision', zh: '决定书', en: 'Decision', kinds: ['penalty_decision', 'no_penalty_decision', 'crime_transfer_letter', 'case_transfer_letter'] },
    { key: 'service', zh: '送达回证', en: 'Proof of service', kinds: ['service_receipt'] },
    {
      key: 'execution',
      zh: '执行材料',
      en: 'Execution',
      kinds: ['payment_proof', 'property_disposal', 'enforcement_reminder', 'court_enforcement_application'],
    },
    { key: 'closing', zh: '结案审批表', en: 'Closing approval', kinds: ['closing_approval'] },
    { key: 'other', zh: '其他有关材料', en: 'Other materials', kinds: ['other'] },
    BACK,
  ],
  secondary: [
    ...FRONT,
    {
      key: 'approvals',
      zh: '内部审批材料',
      en: 'Internal approvals',
      kinds: ['draft_decision', 'case_matter_approval', 'discretion_deviation_approval', 'decision_approval', 'deferral_approval', 'internal_other'],
    },
    BACK,
  ],
};

export interface PlacedCaseFileDoc {
  doc: CaseFileDoc;
  volume: CaseFileVolume;
  /** 卷内序号, 1-based within the volume. */
  position: number;
  slotKey: string;
}

export interface OrderedCaseFile {
  order: string;
  main: PlacedCaseFileDoc[];
  secondary: PlacedCaseFileDoc[];
}

const FRAMING: readonly CaseFileDocKind[] = ['cover', 'table_of_contents', 'reference_sheet'];

/**
 * Sort a case's documents into volumes (一案一卷, 规范有序). Documents go to their slot in the order's sequence, by
 * date within a slot (ties keep the input order); a proof of service follows the document it serves ("决定书及送达
 * 回证"), and one whose document is not in the file goes to the slot that lists `service_receipt`.
 */
export function orderCaseFile(docs: readonly CaseFileDoc[], order: CaseFileOrder = SAMR_CASE_FILE_ORDER): OrderedCaseFile {
  const byId = new Map(docs.map((d) => [d.id, d]));
  const isAttachedReceipt = (d: CaseFileDoc) => d.kind === 'service_receipt' && !!d.servesDocumentId && byId.has(d.servesDocumentId) && d.servesDocumentId !== d.id;
  const receiptsOf = new Map<string, CaseFileDoc[]>();
  for (const d of docs) {
    if (isAttachedReceipt(d)) receiptsOf.set(d.servesDocumentId!, [...(receiptsOf.get(d.servesDocumentId!) ?? []), d]);
  }
  const index = new Map(docs.map((d, i) => [d.id, i]));
  const byDate = (a: CaseFileDoc, b: CaseFileDoc) => a.date.localeCompare(b.date) || index.get(a.id)! - index.get(b.id)!;

  const place = (volume: CaseFileVolume, slots: readonly CaseFileSlot[]): PlacedCaseFileDoc[] => {
    const out: PlacedCaseFileDoc[] = [];
    const push = (doc: CaseFileDoc, slotKey: string) => {
      out.push({ doc, volume, position: out.length + 1, slotKey });
      for (const r of [...(receiptsOf.get(doc.id) ?? [])].sort(byDate)) out.push({ doc: r, volume, position: out.length + 1, slotKey });
    };
    for (const slot of slots) {
      const inSlot = docs.filter((d) => {
        if (!slot.kinds.includes(d.kind) || isAttachedReceipt(d)) return false;
        return FRAMING.includes(d.kind) ? (d.volume ?? 'main') === volume : true;
      });
      for (const d of inSlot.sort(byDate)) push(d, slot.key);
    }
    return out;
  };
  return { order: order.code, main: place('main', order.main), secondary: place('secondary', order.secondary) };
}

// ---- completeness -----------------------------------------------------------------------------------------------------

/** Case-file review criteria (广东省行政执法案卷评查办法 Art.14; SAMR 执法监督暂行规定 Art.11; domain-rules CR4). */
export type CaseFileCriterion =
  | 'facts_evidence'
  | 'legal_basis'
  | 'procedure'
  | 'qualification'
  | 'three_systems'
  | 'discretion'
  | 'service'
  | 'execution'
  | 'archiving';

/** The path a case took, as far as the file is concerned. */
export interface CaseFilePathFacts {
  isInvestigationEnded: boolean;
  isMajor: boolean;
  /** A notice of the intended penalty was (or had to be) served. */
  isNoticeServed: boolean;
  /** The intended penalty carries the right to a hearing (行政处罚法 Art.63). */
  isHearingEntitled: boolean;
  isHearingRequested: boolean;
  isHearingHeld: boolean;
  /** The party stated or defended (orally or in writing). */
  hasStatement: boolean;
  isCollectiveDiscussionRequired: boolean;
  /** The penalty departs from the selected discretion tier with a justification (D-4). */
  hasDiscretionDeviation: boolean;
  isExtensionApproved: boolean;
  decisionKind: 'penalty' | 'no_penalty' | null;
  isDecisionServed: boolean;
  isPaid: boolean;
  isDeferralApproved: boolean;
  isCourtEnforcementApplied: boolean;
  transfer: 'criminal' | 'administrative' | null;
  isClosed: boolean;
}

export interface CaseFileRequirement {
  key: string;
  zh: string;
  en: string;
  /** Satisfied by any document of these kinds… */
  kinds: readonly CaseFileDocKind[];
  /** …or, for a proof of service, by a receipt that serves a document of these kinds. */
  receiptFor?: readonly CaseFileDocKind[];
  appliesWhen: (f: CaseFilePathFacts) => boolean;
  citation: string;
  criterion: CaseFileCriterion;
  /** Missing it fails the file outright in case-file review (CR6: unclear facts, statutory procedure violated). */
  isVeto: boolean;
}

const decided = (f: CaseFilePathFacts) => f.decisionKind !== null;

/** What each path requires. Kept as data so supervisors can read it next to the review rubric (CR4). */
export const CASE_FILE_REQUIREMENTS: readonly CaseFileRequirement[] = [
  { key: 'case_source', zh: '案源材料', en: 'Case source', kinds: ['case_source'], appliesWhen: () => true, citation: '市场监督管理行政处罚程序规定 Art.18, Art.78', criterion: 'archiving', isVeto: false },
  { key: 'filing_approval', zh: '立案审批表', en: 'Filing approval form', kinds: ['filing_approval'], appliesWhen: () => true, citation: '行政处罚法 Art.54 para 2; 市场监督管理行政处罚程序规定 Art.19', criterion: 'procedure', isVeto: false },
  {
    key: 'evidence',
    zh: '证据材料',
    en: 'Evidence',
    kinds: ['inquiry_record', 'onsite_inspection_record', 'evidence'],
    appliesWhen: (f) => f.isInvestigationEnded || decided(f),
    citation: '行政处罚法 Art.40, Art.46',
    criterion: 'facts_evidence',
    isVeto: true,
  },
  { key: 'investigation_end_report', zh: '调查终结报告', en: 'Investigation-end report', kinds: ['investigation_end_report'], appliesWhen: (f) => f.isInvestigationEnded, citation: '市场监督管理行政处罚程序规定 Art.48', criterion: 'procedure', isVeto: false },
  {
    key: 'legal_review_opinion',
    zh: '法制审核意见书',
    en: 'Legal review opinion',
    kinds: ['legal_review_opinion'],
    appliesWhen: (f) => decided(f) && f.isMajor,
    citation: '行政处罚法 Art.58; 国办发〔2018〕118号 §四',
    criterion: 'three_systems',
    isVeto: true,
  },
  {
    key: 'case_review_opinion',
    zh: '案件审核意见',
    en: 'Case review opinion',
    kinds: ['legal_review_opinion'],
    appliesWhen: (f) => decided(f) && !f.isMajor,
    citation: '市场监督管理行政处罚程序规定 Art.49, Art.52',
    criterion: 'procedure',
    isVeto: false,
  },
  {
    key: 'penalty_notice',
    zh: '行政处罚告知书',
    en: 'Notice of intended penalty',
    kinds: ['penalty_notice', 'hearing_notice'],
    appliesWhen: (f) => f.isNoticeServed || f.decisionKind === 'penalty',
    citation: '行政处罚法 Art.44, Art.62',
    criterion: 'procedure',
    isVeto: true,
  },
  {
    key: 'penalty_notice_service',
    zh: '告知书送达回证',
    en: 'Proof of service of the notice',
    kinds: [],
    receiptFor: ['penalty_notice', 'hearing_notice'],
    appliesWhen: (f) => f.isNoticeServed || f.decisionKind === 'penalty',
    citation: '行政处罚法 Art.44, Art.62; 市场监督管理行政处罚程序规定 Art.82',
    criterion: 'service',
    isVeto: false,
  },
  {
    key: 'hearing_notice',
    zh: '听证告知书',
    en: 'Notice of the right to a hearing',
    kinds: ['hearing_notice'],
    appliesWhen: (f) => f.isHearingEntitled && (f.isNoticeServed || f.decisionKind === 'penalty'),
    citation: '行政处罚法 Art.63, Art.64(1)',
    criterion: 'procedure',
    isVeto: true,
  },
  { key: 'statement_record', zh: '陈述申辩笔录', en: 'Statement and defence record', kinds: ['statement_record'], appliesWhen: (f) => f.hasStatement, citation: '行政处罚法 Art.45; 市场监督管理行政处罚程序规定 Art.58, Art.62(3)', criterion: 'procedure', isVeto: false },
  {
    key: 'hearing_notification',
    zh: '听证通知书',
    en: 'Hearing notification',
    kinds: ['hearing_notification'],
    appliesWhen: (f) => f.isHearingHeld,
    citation: '行政处罚法 Art.64(2)',
    criterion: 'procedure',
    isVeto: false,
  },
  { key: 'hearing_record', zh: '听证笔录', en: 'Hearing transcript', kinds: ['hearing_record'], appliesWhen: (f) => f.isHearingHeld, citation: '行政处罚法 Art.64(8), Art.65', criterion: 'procedure', isVeto: true },
  { key: 'hearing_report', zh: '听证报告', en: 'Hearing report', kinds: ['hearing_report'], appliesWhen: (f) => f.isHearingHeld, citation: '市场监督管理行政处罚程序规定 Art.60, Art.78', criterion: 'archiving', isVeto: false },
  {
    key: 'hearing_request',
    zh: '听证申请',
    en: 'Hearing request',
    kinds: ['hearing_request'],
    appliesWhen: (f) => f.isHearingRequested,
    citation: '行政处罚法 Art.64(1)',
    criterion: 'procedure',
    isVeto: false,
  },
  {
    key: 'collective_discussion_record',
    zh: '集体讨论记录',
    en: 'Collective discussion minutes',
    kinds: ['collective_discussion_record'],
    appliesWhen: (f) => f.isCollectiveDiscussionRequired && decided(f),
    citation: '行政处罚法 Art.57 para 2; 市场监督管理行政处罚程序规定 Art.60 para 2',
    criterion: 'procedure',
    isVeto: true,
  },
  {
    key: 'discretion_deviation',
    zh: '偏离裁量基准的审批或集体讨论材料',
    en: 'Approval or minutes for the discretion deviation',
    kinds: ['discretion_deviation_approval', 'collective_discussion_record'],
    appliesWhen: (f) => f.hasDiscretionDeviation && decided(f),
    citation: '国办发〔2022〕27号 §五(十二)',
    criterion: 'discretion',
    isVeto: false,
  },
  { key: 'extension_approval', zh: '延长办案期限审批表', en: 'Extension approval', kinds: ['case_matter_approval'], appliesWhen: (f) => f.isExtensionApproved, citation: '行政处罚法 Art.60; 市场监督管理行政处罚程序规定 Art.64', criterion: 'procedure', isVeto: false },
  { key: 'penalty_decision', zh: '行政处罚决定书', en: 'Penalty decision', kinds: ['penalty_decision'], appliesWhen: (f) => f.decisionKind === 'penalty', citation: '行政处罚法 Art.59', criterion: 'procedure', isVeto: true },
  {
    key: 'penalty_decision_service',
    zh: '处罚决定书送达回证',
    en: 'Proof of service of the decision',
    kinds: [],
    receiptFor: ['penalty_decision'],
    appliesWhen: (f) => f.decisionKind === 'penalty' && f.isDecisionServed,
    citation: '行政处罚法 Art.61; 市场监督管理行政处罚程序规定 Art.81–82',
    criterion: 'service',
    isVeto: false,
  },
  { key: 'no_penalty_decision', zh: '不予行政处罚决定书', en: 'No-penalty decision', kinds: ['no_penalty_decision'], appliesWhen: (f) => f.decisionKind === 'no_penalty', citation: '行政处罚法 Art.57(2)(3); 市场监督管理行政处罚程序规定 Art.60', criterion: 'procedure', isVeto: true },
  {
    key: 'no_penalty_decision_service',
    zh: '不予处罚决定书送达回证',
    en: 'Proof of service of the no-penalty decision',
    kinds: [],
    receiptFor: ['no_penalty_decision'],
    appliesWhen: (f) => f.decisionKind === 'no_penalty' && f.isDecisionServed,
    citation: '行政处罚法 Art.61; 市场监督管理行政处罚程序规定 Art.82',
    criterion: 'service',
    isVeto: false,
  },
  { key: 'deferral_approval', zh: '延期（分期）缴纳罚款审批表', en: 'Deferral approval', kinds: ['deferral_approval'], appliesWhen: (f) => f.isDeferralApproved, citation: '行政处罚法 Art.66 para 2; 市场监督管理行政处罚程序规定 Art.74', criterion: 'execution', isVeto: false },
  { key: 'payment_proof', zh: '罚没款缴纳凭证', en: 'Proof of payment', kinds: ['payment_proof'], appliesWhen: (f) => f.isPaid, citation: '行政处罚法 Art.67; 市场监督管理行政处罚程序规定 Art.72', criterion: 'execution', isVeto: false },
  {
    key: 'enforcement_reminder',
    zh: '催告书及送达回证',
    en: 'Reminder before court enforcement',
    kinds: ['enforcement_reminder'],
    appliesWhen: (f) => f.isCourtEnforcementApplied,
    citation: '行政强制法 Art.54; 市场监督管理行政处罚程序规定 Art.76',
    criterion: 'execution',
    isVeto: false,
  },
  {
    key: 'court_enforcement_application',
    zh: '强制执行申请书',
    en: 'Application for court enforcement',
    kinds: ['court_enforcement_application'],
    appliesWhen: (f) => f.isCourtEnforcementApplied,
    citation: '行政强制法 Art.53, Art.55',
    criterion: 'execution',
    isVeto: false,
  },
  {
    key: 'crime_transfer_letter',
    zh: '涉嫌犯罪案件移送书',
    en: 'Criminal case transfer letter',
    kinds: ['crime_transfer_letter'],
    appliesWhen: (f) => f.transfer === 'criminal',
    citation: '国务院令第310号 Art.6, Art.8; 行政处罚法 Art.27',
    criterion: 'procedure',
    isVeto: true,
  },
  { key: 'case_transfer_letter', zh: '案件移送函', en: 'Case transfer letter', kinds: ['case_transfer_letter'], appliesWhen: (f) => f.transfer === 'administrative', citation: '市场监督管理行政处罚程序规定 Art.60(4)', criterion: 'procedure', isVeto: false },
  { key: 'closing_approval', zh: '结案审批表', en: 'Case-closing approval form', kinds: ['closing_approval'], appliesWhen: (f) => f.isClosed, citation: '市场监督管理行政处罚程序规定 Art.77', criterion: 'archiving', isVeto: false },
];

export interface CaseFileGap {
  key: string;
  zh: string;
  en: string;
  kinds: readonly CaseFileDocKind[];
  citation: string;
  criterion: CaseFileCriterion;
  isVeto: boolean;
}

/** What the file lacks for the path the case took, in CASE_FILE_REQUIREMENTS order (empty = complete). */
export function caseFileCompleteness(facts: CaseFilePathFacts, docs: readonly CaseFileDoc[]): CaseFileGap[] {
  const kindOf = new Map(docs.map((d) => [d.id, d.kind]));
  const has = (r: CaseFileRequirement) => {
    if (r.receiptFor) {
      return docs.some((d) => d.kind === 'service_receipt' && d.servesDocumentId && r.receiptFor!.includes(kindOf.get(d.servesDocumentId) ?? 'other'));
    }
    return docs.some((d) => r.kinds.includes(d.kind));
  };
  return CASE_FILE_REQUIREMENTS.filter((r) => r.appliesWhen(facts) && !has(r)).map((r) => ({
    key: r.key,
    zh: r.zh,
    en: r.en,
    kinds: r.receiptFor ? ['service_receipt'] : r.kinds,
    citation: r.citation,
    criterion: r.criterion,
    isVeto: r.isVeto,
  }));
}

const NOT_YET_INVESTIGATED: readonly PenaltyCaseFacts['status'][] = ['lead', 'not_filed', 'filed', 'investigating', 'terminated'];

/**
 * The file path of a case from the procedure's facts. What the facts do not record — whether the party stated or
 * defended, deferral, court enforcement, a transfer to another agency after which the case was closed — comes in
 * `extra`. A head's decision to transfer to the police (310号令) makes the transfer criminal; a case in status
 * `transferred` without it went to another agency.
 */
export function caseFilePathOf(
  f: PenaltyCaseFacts,
  thresholds: HearingThresholds,
  extra: { hasStatement?: boolean; isDeferralApproved?: boolean; isCourtEnforcementApplied?: boolean; transfer?: CaseFilePathFacts['transfer'] } = {},
): CaseFilePathFacts {
  const isInvestigationEnded =
    !NOT_YET_INVESTIGATED.includes(f.status) && !(f.status === 'suspended' && f.suspendedFrom === 'investigating') && !(f.status === 'transferred' && !f.reviewPassedOn);
  return {
    isInvestigationEnded,
    isMajor: isMajorCase(f),
    isNoticeServed: f.noticeServedOn !== null,
    isHearingEntitled: [f.notified, f.proposed].some((p: PenaltyContent | null) => isHearingEntitled({ proposed: p, partyType: f.partyType }, thresholds)),
    isHearingRequested: f.hearingRequestedOn !== null,
    isHearingHeld: f.hearingHeldOn !== null,
    hasStatement: extra.hasStatement ?? false,
    isCollectiveDiscussionRequired: f.isCollectiveDiscussionRequired,
    hasDiscretionDeviation: fineWithinDiscretionTier(f).level === 'notice',
    isExtensionApproved: f.decisionExtensionApproved,
    decisionKind: f.decidedOn ? f.decisionKind : null,
    isDecisionServed: f.decisionServedOn !== null,
    isPaid: f.paymentCompletedOn !== null,
    isDeferralApproved: extra.isDeferralApproved ?? false,
    isCourtEnforcementApplied: extra.isCourtEnforcementApplied ?? false,
    transfer: f.crimeTransferDecision?.outcome === 'transfer' ? 'criminal' : f.status === 'transferred' ? 'administrative' : (extra.transfer ?? null),
    isClosed: f.status === 'closed' || f.status === 'archived',
  };
}
