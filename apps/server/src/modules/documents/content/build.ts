import { chineseDate } from '../chinese-text.ts';
import { DOCUMENT_KINDS, type DocumentKindRegistry } from '../registry.ts';
import type { DocumentData } from '../types.ts';
import { assertRenderable } from '../validate.ts';
import type { BuildOptions } from './common.ts';
import { closingApprovalBlocks, filingApprovalBlocks, serviceReceiptBlocks } from './forms.ts';
import {
  investigationEndReportBlocks,
  legalReviewBlocks,
  noPenaltyDecisionBlocks,
  noticeBlocks,
  penaltyDecisionBlocks,
} from './letters.ts';
import type { Block, DocumentContent } from './model.ts';
import {
  coercionDecisionBlocks,
  coercionExtensionBlocks,
  coercionInventoryBlocks,
  coercionReleaseBlocks,
  enforcementApplicationBlocks,
  inspectionNoticeBlocks,
  inspectionResultBlocks,
  licenceAcceptanceBlocks,
  licenceExtensionBlocks,
  licenceGrantBlocks,
  licenceNonAcceptanceBlocks,
  licenceRefusalBlocks,
  licenceSupplementBlocks,
  onsitePenaltyDecisionBlocks,
  paymentReminderBlocks,
  paymentScheduleBlocks,
} from './procedures.ts';
import { hearingRecordBlocks, inquiryRecordBlocks, inspectionRecordBlocks } from './records.ts';

export interface ContentOptions extends BuildOptions {
  /** The registry with local overrides (titles, seal flags); the national defaults otherwise. */
  kinds?: DocumentKindRegistry;
}

function blocksOf(data: DocumentData, o: BuildOptions): Block[] {
  switch (data.kind) {
    case 'filing_approval':
      return filingApprovalBlocks(data, o);
    case 'onsite_inspection_record':
      return inspectionRecordBlocks(data, o);
    case 'inquiry_record':
      return inquiryRecordBlocks(data, o);
    case 'investigation_end_report':
      return investigationEndReportBlocks(data, o);
    case 'legal_review_opinion':
      return legalReviewBlocks(data, o);
    case 'penalty_notice':
    case 'hearing_notice':
      return noticeBlocks(data, o);
    case 'hearing_record':
      return hearingRecordBlocks(data, o);
    case 'penalty_decision':
      return penaltyDecisionBlocks(data, o);
    case 'no_penalty_decision':
      return noPenaltyDecisionBlocks(data, o);
    case 'service_receipt':
      return serviceReceiptBlocks(data, o);
    case 'closing_approval':
      return closingApprovalBlocks(data, o);
    case 'licence_supplement_notice':
      return licenceSupplementBlocks(data, o);
    case 'licence_acceptance_notice':
      return licenceAcceptanceBlocks(data, o);
    case 'licence_non_acceptance_notice':
      return licenceNonAcceptanceBlocks(data, o);
    case 'licence_extension_notice':
      return licenceExtensionBlocks(data, o);
    case 'licence_grant_decision':
      return licenceGrantBlocks(data, o);
    case 'licence_refusal_decision':
      return licenceRefusalBlocks(data, o);
    case 'inspection_notice':
      return inspectionNoticeBlocks(data, o);
    case 'inspection_result_notice':
      return inspectionResultBlocks(data, o);
    case 'coercion_decision':
      return coercionDecisionBlocks(data, o);
    case 'coercion_inventory':
      return coercionInventoryBlocks(data, o);
    case 'coercion_extension_decision':
      return coercionExtensionBlocks(data, o);
    case 'coercion_release_decision':
      return coercionReleaseBlocks(data, o);
    case 'payment_schedule_approval':
      return paymentScheduleBlocks(data, o);
    case 'payment_reminder':
      return paymentReminderBlocks(data, o);
    case 'enforcement_application':
      return enforcementApplicationBlocks(data, o);
    case 'onsite_penalty_decision':
      return onsitePenaltyDecisionBlocks(data, o);
  }
}

const PAGE_FOOTERS: Partial<Record<DocumentData['kind'], string>> = {
  onsite_inspection_record: '当事人（现场负责人）签名：\u3000\u3000\u3000\u3000\u3000\u3000\u3000检查人员签名：',
  inquiry_record: '被询问人签名：\u3000\u3000\u3000\u3000\u3000\u3000\u3000询问人签名：',
  hearing_record: '当事人（代理人）签名：\u3000\u3000\u3000\u3000\u3000\u3000\u3000记录员签名：',
};

/** Validate `data` (throws on missing mandatory content) and lay it out as renderer-neutral blocks. */
export function buildContent(data: DocumentData, opts: ContentOptions = {}): DocumentContent {
  assertRenderable(data);
  const spec = (opts.kinds ?? DOCUMENT_KINDS)[data.kind];
  const blocks = blocksOf(data, opts);
  // Sealed letters end with the agency's name and date under its seal (行政处罚法 Art.59(6)–(7)); unsealed letters
  // (reports, opinions) carry their signers' lines instead, added by their builders.
  if (spec.layout === 'letter' && spec.sealed) blocks.push({ type: 'closing', signer: data.agency.name, date: chineseDate(data.date), sealed: true });
  // Unnumbered documents (forms, records, internal reports) are identified by the case number under the title.
  const caseLine = data.caseNo && !data.number ? `案号：${data.caseNo}` : undefined;
  const footer = PAGE_FOOTERS[data.kind];
  return {
    kind: data.kind,
    layout: spec.layout,
    agencyName: data.agency.name,
    title: spec.titleZh,
    ...(data.number ? { number: data.number } : {}),
    ...(caseLine ? { caseLine } : {}),
    blocks,
    ...(footer ? { pageFooter: footer } : {}),
    sealed: spec.sealed,
    date: data.date,
    subject: [spec.titleZh, data.number, data.caseNo].filter(Boolean).join(' '),
  };
}
