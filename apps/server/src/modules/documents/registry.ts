/**
 * The document-type registry (domain-rules DOC3 "Sys"): for each kind of enforcement document, its titles, the 业务字
 * of its 文号, whether it carries the agency seal and whether it must be served (and so needs a 送达回证).
 *
 * Titles follow the national/SAMR template names (DOC2, DOC3). The 业务字 are this project's defaults and match the
 * cases module's numbering table (`罚` decision, `罚告` penalty notice, `听告` hearing notice, `不罚` no-penalty
 * decision, as in 冀秦市监罚〔2026〕12号). Kinds whose business character is null are not numbered by default
 * (approval forms, records and reports carry the case number instead). Localities differ, so every value can be
 * overridden per deployment or agency with `resolveDocumentKinds`.
 */

export const DOCUMENT_KIND_CODES = [
  'filing_approval',
  'onsite_inspection_record',
  'inquiry_record',
  'investigation_end_report',
  'legal_review_opinion',
  'penalty_notice',
  'hearing_notice',
  'hearing_record',
  'penalty_decision',
  'no_penalty_decision',
  'service_receipt',
  'closing_approval',
] as const;
export type DocumentKind = (typeof DOCUMENT_KIND_CODES)[number];

/** How the body is laid out: official letter (公文式), approval/receipt form (表格式) or record (笔录式). */
export type DocumentLayout = 'letter' | 'form' | 'record';

export interface DocumentKindSpec {
  code: DocumentKind;
  titleZh: string;
  titleEn: string;
  /** 业务字 of the 文号 `{机关代字}{业务字}〔{年}〕{序号}号`; null = not numbered by default. */
  business: string | null;
  /** Carries the agency seal (and is digitally signed): documents issued to the party in the agency's name. */
  sealed: boolean;
  /** Must be served on the party (送达), with a 送达回证 as proof (行政处罚法 Art.61, SAMR Art.81–83). */
  served: boolean;
  layout: DocumentLayout;
  /** Main (正卷) or secondary (副卷) volume of the case file (SAMR Art.78). */
  volume: '正卷' | '副卷';
}

export const DOCUMENT_KINDS = {
  filing_approval: {
    code: 'filing_approval', titleZh: '立案审批表', titleEn: 'Case filing approval form',
    business: null, sealed: false, served: false, layout: 'form', volume: '正卷',
  },
  onsite_inspection_record: {
    code: 'onsite_inspection_record', titleZh: '现场检查笔录', titleEn: 'On-site inspection record',
    business: null, sealed: false, served: false, layout: 'record', volume: '正卷',
  },
  inquiry_record: {
    code: 'inquiry_record', titleZh: '询问笔录', titleEn: 'Inquiry record',
    business: null, sealed: false, served: false, layout: 'record', volume: '正卷',
  },
  investigation_end_report: {
    code: 'investigation_end_report', titleZh: '调查终结报告', titleEn: 'Investigation-end report',
    business: null, sealed: false, served: false, layout: 'letter', volume: '副卷',
  },
  legal_review_opinion: {
    code: 'legal_review_opinion', titleZh: '法制审核意见书', titleEn: 'Legal review opinion',
    business: null, sealed: false, served: false, layout: 'letter', volume: '副卷',
  },
  penalty_notice: {
    code: 'penalty_notice', titleZh: '行政处罚告知书', titleEn: 'Notice of intended administrative penalty',
    business: '罚告', sealed: true, served: true, layout: 'letter', volume: '正卷',
  },
  hearing_notice: {
    code: 'hearing_notice', titleZh: '听证告知书', titleEn: 'Notice of the right to a hearing',
    business: '听告', sealed: true, served: true, layout: 'letter', volume: '正卷',
  },
  hearing_record: {
    code: 'hearing_record', titleZh: '听证笔录', titleEn: 'Hearing record',
    business: null, sealed: false, served: false, layout: 'record', volume: '正卷',
  },
  penalty_decision: {
    code: 'penalty_decision', titleZh: '行政处罚决定书', titleEn: 'Administrative penalty decision',
    business: '罚', sealed: true, served: true, layout: 'letter', volume: '正卷',
  },
  no_penalty_decision: {
    code: 'no_penalty_decision', titleZh: '不予行政处罚决定书', titleEn: 'Decision not to impose an administrative penalty',
    business: '不罚', sealed: true, served: true, layout: 'letter', volume: '正卷',
  },
  service_receipt: {
    code: 'service_receipt', titleZh: '送达回证', titleEn: 'Proof of service',
    business: null, sealed: false, served: false, layout: 'form', volume: '正卷',
  },
  closing_approval: {
    code: 'closing_approval', titleZh: '结案审批表', titleEn: 'Case closing approval form',
    business: null, sealed: false, served: false, layout: 'form', volume: '副卷',
  },
} as const satisfies { [K in DocumentKind]: DocumentKindSpec & { code: K } };

export type DocumentKindRegistry = { readonly [K in DocumentKind]: DocumentKindSpec };

/** The adjustable part of a kind: titles, 业务字, seal and service flags (not its code or layout). */
export type DocumentKindOverride = Partial<Pick<DocumentKindSpec, 'titleZh' | 'titleEn' | 'business' | 'sealed' | 'served' | 'volume'>>;

/**
 * The registry with local overrides applied ("法律、法规、规章另有规定的，从其规定"; sector templates differ, e.g.
 * `{ penalty_notice: { business: '告' } }`). Unknown kinds are refused so that a typo cannot pass silently.
 */
export function resolveDocumentKinds(overrides: Partial<Record<string, DocumentKindOverride>> = {}): DocumentKindRegistry {
  for (const k of Object.keys(overrides)) {
    if (!isDocumentKind(k)) throw new Error(`Unknown document kind '${k}' in overrides (known: ${DOCUMENT_KIND_CODES.join(', ')})`);
  }
  const out = {} as Record<DocumentKind, DocumentKindSpec>;
  for (const code of DOCUMENT_KIND_CODES) out[code] = Object.freeze({ ...DOCUMENT_KINDS[code], ...overrides[code], code });
  return Object.freeze(out);
}

export function isDocumentKind(s: string): s is DocumentKind {
  return (DOCUMENT_KIND_CODES as readonly string[]).includes(s);
}
