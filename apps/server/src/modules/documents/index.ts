/**
 * documents: enforcement documents (执法文书) rendered from typed data — PDF (pdfkit) and DOCX (docx), the agency's
 * visible seal and PDF digital signature, and case-file assembly. Pure rendering: no database, no lookups; the cases
 * module freezes what a document says (`DocumentData`) and calls these functions.
 *
 *   const r = await renderPdfDetailed(data);                  // throws RULE_VIOLATION if Art.59 content is missing
 *   const seal = createSealService({ keyDir: agencyKeyDir(config.dataDir), password });
 *   const sealed = DOCUMENT_KINDS[data.kind].sealed ? await seal.sealPdf(r.pdf, agency, { widget: r.sealPlacement ?? undefined }) : r.pdf;
 *   const file = await assembleCaseFile({ title, caseNo, agency, volumes: [{ name: '正卷', parts: [{ title, pdf: sealed, date }] }] });
 *
 * Fonts default to Debian's fonts-noto-cjk (Noto Serif CJK SC); pass `fonts` to use others.
 */
export {
  DOCUMENT_KINDS,
  DOCUMENT_KIND_CODES,
  isDocumentKind,
  resolveDocumentKinds,
  type DocumentKind,
  type DocumentKindOverride,
  type DocumentKindRegistry,
  type DocumentKindSpec,
  type DocumentLayout,
} from './registry.ts';
export type * from './types.ts';
export { amountInChineseUppercase, amountPhrase, chineseDate, chineseNumeral, formatYuan } from './chinese-text.ts';
export { assertRenderable, findMissingContent } from './validate.ts';
export { buildContent, type ContentOptions } from './content/build.ts';
export type { DocumentContent } from './content/model.ts';
export { defaultFonts, fontBytes, resolveFonts, type DocumentFonts, type FontFace } from './fonts.ts';
export { renderPdf, renderPdfDetailed, type PdfRenderOptions, type RenderedPdf, type SealPlacement } from './pdf/render-pdf.ts';
export { renderDocx, type DocxRenderOptions } from './docx/render-docx.ts';
export type { VisibleSealOptions } from './seal/visible-seal.ts';
export {
  agencyKeyDir,
  createSealService,
  hasPdfSignature,
  SEAL_REASON,
  type AgencyCertificate,
  type SealAgency,
  type SealPdfOptions,
  type SealService,
} from './seal/seal-service.ts';
export {
  assembleCaseFile,
  assembleCaseFileDetailed,
  type AssembleOptions,
  type AssembledCaseFile,
  type AssembledVolume,
  type CaseFileInput,
  type CaseFilePart,
  type CaseFileVolume,
} from './case-file.ts';
export { SAMPLE_DOCUMENTS } from './samples.ts';
// Plain reports (案卷评查 report and the like): a pdfkit document with the house CJK fonts.
export { openPdf, PDF_FONTS, PAGE } from './pdf/render-pdf.ts';
