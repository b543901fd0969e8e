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
  // Licensing, inspection, coercive measures, execution, simplified procedure (types.ts, second part).
  'licence_supplement_notice',
  'licence_acceptance_notice',
  'licence_non_acceptance_notice',
  'licence_extension_notice',
  'licence_grant_decision',
  'licence_refusal_decision',
  'inspection_notice',
  'inspection_result_notice',
  'coercion_decision',
  'coercion_inventory',
  'coercion_extension_decision',
  'coercion_release_decision',
  'payment_schedule_approval',
  'payment_reminder',
  'enforcement_application',
  'onsite_penalty_decision',
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
  // 行政许可法 Art.32 para 2: acceptance, non-acceptance and supplement notices are sealed and dated written receipts.
  licence_supplement_notice: {
    code: 'licence_supplement_notice', titleZh: '补正材料一次性告知书', titleEn: 'One-time notice of materials to supplement',
    business: '许补', sealed: true, served: true, layout: 'letter', volume: '正卷',
  },
  licence_acceptance_notice: {
    code: 'licence_acceptance_notice', titleZh: '行政许可受理通知书', titleEn: 'Notice of acceptance of a licence application',
    business: '许受', sealed: true, served: true, layout: 'letter', volume: '正卷',
  },
  licence_non_acceptance_notice: {
    code: 'licence_non_acceptance_notice', titleZh: '行政许可不予受理通知书', titleEn: 'Notice of non-acceptance of a licence application',
    business: '许不受', sealed: true, served: true, layout: 'letter', volume: '正卷',
  },
  licence_extension_notice: {
    code: 'licence_extension_notice', titleZh: '延长行政许可期限通知书', titleEn: 'Notice of extension of the licensing period',
    business: '许延', sealed: true, served: true, layout: 'letter', volume: '正卷',
  },
  licence_grant_decision: {
    code: 'licence_grant_decision', titleZh: '准予行政许可决定书', titleEn: 'Decision to grant an administrative licence',
    business: '许准', sealed: true, served: true, layout: 'letter', volume: '正卷',
  },
  licence_refusal_decision: {
    code: 'licence_refusal_decision', titleZh: '不予行政许可决定书', titleEn: 'Decision not to grant an administrative licence',
    business: '许不准', sealed: true, served: true, layout: 'letter', volume: '正卷',
  },
  inspection_notice: {
    code: 'inspection_notice', titleZh: '行政检查通知书', titleEn: 'Notice of administrative inspection',
    business: '检通', sealed: true, served: true, layout: 'letter', volume: '正卷',
  },
  inspection_result_notice: {
    code: 'inspection_result_notice', titleZh: '行政检查结果告知书', titleEn: 'Notice of inspection result',
    business: '检告', sealed: true, served: true, layout: 'letter', volume: '正卷',
  },
  coercion_decision: {
    code: 'coercion_decision', titleZh: '实施行政强制措施决定书', titleEn: 'Decision to take a coercive measure',
    business: '强制', sealed: true, served: true, layout: 'letter', volume: '正卷',
  },
  coercion_inventory: {
    code: 'coercion_inventory', titleZh: '场所、设施、财物清单', titleEn: 'Inventory of premises, facilities and property',
    business: null, sealed: false, served: true, layout: 'form', volume: '正卷',
  },
  coercion_extension_decision: {
    code: 'coercion_extension_decision', titleZh: '延长行政强制措施期限决定书', titleEn: 'Decision to extend a coercive measure',
    business: '强延', sealed: true, served: true, layout: 'letter', volume: '正卷',
  },
  coercion_release_decision: {
    code: 'coercion_release_decision', titleZh: '解除行政强制措施决定书', titleEn: 'Decision to release a coercive measure',
    business: '强解', sealed: true, served: true, layout: 'letter', volume: '正卷',
  },
  payment_schedule_approval: {
    code: 'payment_schedule_approval', titleZh: '延期（分期）缴纳罚款决定书', titleEn: 'Decision on deferred or instalment payment of a fine',
    business: '缓罚', sealed: true, served: true, layout: 'letter', volume: '正卷',
  },
  payment_reminder: {
    code: 'payment_reminder', titleZh: '催告书', titleEn: 'Reminder to perform',
    business: '催', sealed: true, served: true, layout: 'letter', volume: '正卷',
  },
  // 行政强制法 Art.55: signed by the head and sealed; addressed to the court, not served on the party.
  enforcement_application: {
    code: 'enforcement_application', titleZh: '强制执行申请书', titleEn: 'Application to the court for enforcement',
    business: '强申', sealed: true, served: false, layout: 'letter', volume: '正卷',
  },
  // 行政处罚法 Art.52: a pre-numbered form handed over on the spot; its number is the case's.
  onsite_penalty_decision: {
    code: 'onsite_penalty_decision', titleZh: '当场行政处罚决定书', titleEn: 'On-the-spot administrative penalty decision',
    business: '当罚', sealed: true, served: true, layout: 'letter', volume: '正卷',
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
