/**
 * Case-file assembly (立卷归档, domain-rules EX8: 一案一卷, SAMR Art.78 order of 正卷 and 副卷). Each volume becomes:
 * cover (卷皮), table of contents (卷内目录: order, 文号, title, date, page range), the documents in order, and the
 * volume memo (卷内备考表). Document pages are numbered from 1 in each volume in the top right corner, as archives
 * number the pages of a file; cover, contents and memo are not numbered.
 *
 * Merging copies pages, not files: the signatures inside the parts cannot survive (their byte ranges cover the
 * original files), so their signature fields are dropped rather than left behind as broken fields. Seal the
 * assembled file itself (SealService.sealPdf) to make it tamper-evident as a whole.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFPage } from 'pdf-lib';
import { chineseDate } from './chinese-text.ts';
import { resolveFonts, type DocumentFonts } from './fonts.ts';
import { creationDateOf, openPdf, PAGE, PDF_FONTS } from './pdf/render-pdf.ts';
import { MM } from './seal/visible-seal.ts';

export interface CaseFilePart {
  title: string;
  pdf: Buffer;
  date?: string;
  /** 文号 of the document, if it has one. */
  number?: string;
  remark?: string;
}
export interface CaseFileVolume {
  name: '正卷' | '副卷';
  parts: CaseFilePart[];
}
export interface CaseFileInput {
  title: string;
  caseNo: string;
  agency: { id?: string; name: string };
  volumes: CaseFileVolume[];
  party?: string;
  /** Printed on the cover; the latest given is also the file's CreationDate (today when none is given). */
  dates?: { filedOn?: string; closedOn?: string; archivedOn?: string };
  /** 保管期限, e.g. 永久 / 30年 / 10年. */
  retention?: string;
  preparedBy?: string;
}
export interface AssembleOptions {
  fonts?: Partial<DocumentFonts>;
}

export interface AssembledVolume {
  name: string;
  /** 1-based page of the whole file where this volume's cover is. */
  coverPage: number;
  tocPages: number;
  /** Number of document pages (numbered 1…n within the volume). */
  documentPages: number;
  entries: { title: string; firstPage: number; lastPage: number }[];
}
export interface AssembledCaseFile {
  pdf: Buffer;
  pageCount: number;
  volumes: AssembledVolume[];
}

export async function assembleCaseFile(input: CaseFileInput, opts: AssembleOptions = {}): Promise<Buffer> {
  return (await assembleCaseFileDetailed(input, opts)).pdf;
}

interface LoadedPart {
  part: CaseFilePart;
  doc: PDFDocument;
  pages: number;
}

/** Remove signature widgets (and the page's reference to them) from a part before its pages are copied. */
function dropSignatureFields(doc: PDFDocument) {
  for (const page of doc.getPages()) {
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    if (!annots) continue;
    const keep = PDFArray.withContext(doc.context);
    for (let i = 0; i < annots.size(); i++) {
      const a = annots.lookupMaybe(i, PDFDict);
      // The field type sits on the widget when field and widget are merged, else on its parent field.
      const ft = a?.get(PDFName.of('FT')) ?? a?.lookupMaybe(PDFName.of('Parent'), PDFDict)?.get(PDFName.of('FT'));
      const isSig = ft === PDFName.of('Sig');
      if (!isSig) keep.push(annots.get(i));
    }
    if (keep.size() === 0) page.node.delete(PDFName.of('Annots'));
    else page.node.set(PDFName.of('Annots'), keep);
  }
}

function validate(input: CaseFileInput) {
  if (!input?.title || !input.caseNo || !input.agency?.name) throw new Error('assembleCaseFile: title, caseNo and agency.name are required');
  if (!input.volumes?.length) throw new Error('assembleCaseFile: at least one volume is required');
  input.volumes.forEach((v, i) => {
    if (v.name !== '正卷' && v.name !== '副卷') throw new Error(`assembleCaseFile: volume ${i + 1} must be 正卷 or 副卷`);
    if (!v.parts?.length) throw new Error(`assembleCaseFile: volume ${v.name} has no documents`);
    v.parts.forEach((p, j) => {
      if (!p.title || !Buffer.isBuffer(p.pdf)) throw new Error(`assembleCaseFile: ${v.name} part ${j + 1} needs a title and a PDF buffer`);
    });
  });
}

const range = (a: number, b: number) => (a === b ? String(a) : `${a}-${b}`);

/** Cover, contents and memo of one volume, rendered with the house fonts; returns the PDF and its page roles. */
async function renderFrontAndMemo(
  input: CaseFileInput,
  v: CaseFileVolume,
  index: number,
  entries: { part: CaseFilePart; first: number; last: number }[],
  documentPages: number,
  fonts: DocumentFonts,
  date: string,
): Promise<{ pdf: Buffer; tocPages: number }> {
  const { doc, finish } = openPdf(fonts, { title: `${input.title}（${v.name}）`, author: input.agency.name, subject: input.caseNo, date });
  const left = PAGE.margin.left;
  const width = PAGE.bodyWidth;
  const bottom = PAGE.height - PAGE.margin.bottom;

  // ---- 卷皮 ----
  doc.font(PDF_FONTS.bold).fontSize(26).text('行政执法案卷', left, PAGE.margin.top, { width, align: 'center', characterSpacing: 10 });
  doc.font(PDF_FONTS.bold).fontSize(18).text(`（${v.name}）`, left, doc.y + 8, { width, align: 'center' });
  const d = input.dates ?? {};
  const rows: [string, string][] = [
    ['机关名称', input.agency.name],
    ['案件名称', input.title],
    ['案\u3000\u3000号', input.caseNo],
    ...(input.party ? ([['当 事 人', input.party]] as [string, string][]) : []),
    ['立案日期', d.filedOn ? chineseDate(d.filedOn) : ''],
    ['结案日期', d.closedOn ? chineseDate(d.closedOn) : ''],
    ['卷\u3000\u3000别', `${v.name}\u3000第${index + 1}卷\u3000共${input.volumes.length}卷`],
    ['本卷页数', `${documentPages}页（文件${v.parts.length}件）`],
    ['保管期限', input.retention ?? ''],
    ['归档日期', d.archivedOn ? chineseDate(d.archivedOn) : ''],
  ];
  let y = doc.y + 40;
  const labelW = 34 * MM;
  doc.font(PDF_FONTS.regular).fontSize(16);
  for (const [label, value] of rows) {
    const h = Math.max(34, doc.heightOfString(value || ' ', { width: width - labelW - 16 }) + 14);
    doc.lineWidth(0.8).rect(left, y, labelW, h).stroke('#000').rect(left + labelW, y, width - labelW, h).stroke('#000');
    doc.font(PDF_FONTS.bold).text(label, left, y + (h - 16 * 1.45) / 2, { width: labelW, align: 'center' });
    doc.font(PDF_FONTS.regular).text(value || ' ', left + labelW + 8, y + 7, { width: width - labelW - 16 });
    y += h;
  }

  // ---- 卷内目录 ----
  const cols = [
    { label: '序号', w: 0.06, align: 'center' as const },
    { label: '文号', w: 0.28, align: 'left' as const },
    { label: '题名', w: 0.29, align: 'left' as const },
    { label: '日期', w: 0.17, align: 'center' as const },
    { label: '页号', w: 0.1, align: 'center' as const },
    { label: '备注', w: 0.1, align: 'left' as const },
  ].map((c) => ({ ...c, w: c.w * width }));
  const size = 11;
  const pad = 4;
  let tocPages = 0;
  const startTocPage = () => {
    doc.addPage();
    tocPages++;
    doc.font(PDF_FONTS.bold).fontSize(22).text('卷内目录', left, PAGE.margin.top - 10 * MM, { width, align: 'center', characterSpacing: 10 });
    doc.font(PDF_FONTS.regular).fontSize(12).text(`案号：${input.caseNo}\u3000\u3000${v.name}`, left, doc.y + 6, { width, align: 'right' });
    y = doc.y + 8;
    drawTocRow(cols.map((c) => c.label), true);
  };
  const drawTocRow = (cells: string[], head = false) => {
    doc.font(head ? PDF_FONTS.bold : PDF_FONTS.regular).fontSize(size);
    const h = Math.max(...cells.map((t, i) => doc.heightOfString(t || ' ', { width: cols[i]!.w - 2 * pad }))) + 2 * pad + 2;
    if (!head && y + h > bottom) startTocPage();
    doc.font(head ? PDF_FONTS.bold : PDF_FONTS.regular).fontSize(size);
    let x = left;
    cells.forEach((t, i) => {
      const c = cols[i]!;
      doc.lineWidth(0.6).rect(x, y, c.w, h).stroke('#000');
      doc.text(t || ' ', x + pad, y + pad + 1, { width: c.w - 2 * pad, align: head ? 'center' : c.align });
      x += c.w;
    });
    y += h;
  };
  startTocPage();
  entries.forEach((e, i) => drawTocRow([String(i + 1), e.part.number ?? '', e.part.title, e.part.date ? e.part.date.slice(0, 10) : '', range(e.first, e.last), e.part.remark ?? '']));

  // ---- 卷内备考表 ----
  doc.addPage();
  doc.font(PDF_FONTS.bold).fontSize(22).text('卷内备考表', left, PAGE.margin.top - 10 * MM, { width, align: 'center', characterSpacing: 10 });
  doc.font(PDF_FONTS.regular).fontSize(16);
  doc.text(`本卷共有文件材料${v.parts.length}件，共${documentPages}页（卷皮、卷内目录和本表不编页号）。`, left, doc.y + 30, { width, indent: 32, lineGap: 10 });
  doc.text('说明：本卷由系统按文书顺序组卷，卷内文件为电子文件的版式化副本；各文件原有的电子签章在组卷时不予保留，以组卷后对全卷加盖的电子签章为准。', { width, indent: 32, lineGap: 10 });
  doc.text(`立卷人：${input.preparedBy ?? ''}`, left, doc.y + 40, { width });
  doc.text(`立卷日期：${d.archivedOn ? chineseDate(d.archivedOn) : ''}`, left, doc.y + 12, { width });
  doc.text('检查人：', left, doc.y + 12, { width });

  return { pdf: await finish(), tocPages };
}

/**
 * Page numbers for every document page, drawn with the house font (so the file embeds all its fonts) on an overlay
 * page of the same size, which is then placed over the document page. Pages with a /Rotate are numbered in their
 * unrotated corner.
 */
async function renderNumberOverlay(sizes: { width: number; height: number }[], numbers: number[], fonts: DocumentFonts, date: string) {
  const { doc, finish } = openPdf(fonts, { title: '页号', author: 'Zhifa', date, autoFirstPage: false });
  sizes.forEach((s, i) => {
    doc.addPage({ size: [s.width, s.height], margins: { top: 0, bottom: 0, left: 0, right: 0 } });
    const label = String(numbers[i]);
    doc.font(PDF_FONTS.regular).fontSize(14);
    const w = doc.widthOfString(label);
    doc.text(label, s.width - 15 * MM - w, 10 * MM, { lineBreak: false });
  });
  return finish();
}

export async function assembleCaseFileDetailed(input: CaseFileInput, opts: AssembleOptions = {}): Promise<AssembledCaseFile> {
  validate(input);
  const fonts = resolveFonts(opts.fonts);
  const d = input.dates ?? {};
  const date = d.archivedOn ?? d.closedOn ?? d.filedOn ?? new Date().toISOString().slice(0, 10);
  const out = await PDFDocument.create({ updateMetadata: false });
  const created = creationDateOf(date);
  out.setTitle(`${input.title}（${input.caseNo}）`, { showInWindowTitleBar: true });
  out.setAuthor(input.agency.name);
  out.setSubject(input.caseNo);
  out.setCreator('Zhifa 执法');
  out.setProducer('Zhifa 执法 (pdf-lib)');
  out.setCreationDate(created);
  out.setModificationDate(created);
  out.setLanguage('zh-CN');

  const numbered: { page: PDFPage; n: number }[] = [];
  const volumes: AssembledVolume[] = [];
  for (const [vi, v] of input.volumes.entries()) {
    const loaded: LoadedPart[] = [];
    for (const part of v.parts) {
      let doc: PDFDocument;
      try {
        doc = await PDFDocument.load(part.pdf);
      } catch (e) {
        throw new Error(`assembleCaseFile: '${part.title}' is not a readable PDF (${(e as Error).message})`, { cause: e });
      }
      dropSignatureFields(doc);
      loaded.push({ part, doc, pages: doc.getPageCount() });
    }
    let next = 1;
    const entries = loaded.map((l) => {
      const e = { part: l.part, first: next, last: next + l.pages - 1 };
      next += l.pages;
      return e;
    });
    const documentPages = next - 1;
    const front = await renderFrontAndMemo(input, v, vi, entries, documentPages, fonts, date);
    const frontDoc = await PDFDocument.load(front.pdf);
    const frontCount = frontDoc.getPageCount();
    const coverPage = out.getPageCount() + 1;
    // cover + contents, then documents, then the memo (the last page of the front matter).
    const frontPages = await out.copyPages(frontDoc, Array.from({ length: frontCount }, (_, i) => i));
    frontPages.slice(0, frontCount - 1).forEach((p) => out.addPage(p));
    let n = 1;
    for (const l of loaded) {
      const copied = await out.copyPages(l.doc, l.doc.getPageIndices());
      for (const p of copied) {
        out.addPage(p);
        numbered.push({ page: p, n: n++ });
      }
    }
    out.addPage(frontPages[frontCount - 1]!);
    volumes.push({
      name: v.name,
      coverPage,
      tocPages: front.tocPages,
      documentPages,
      entries: entries.map((e) => ({ title: e.part.title, firstPage: e.first, lastPage: e.last })),
    });
  }

  if (numbered.length) {
    const boxes = numbered.map(({ page }) => page.getMediaBox());
    const overlay = await renderNumberOverlay(boxes, numbered.map((x) => x.n), fonts, date);
    const embedded = await out.embedPdf(overlay, numbered.map((_, i) => i));
    numbered.forEach(({ page }, i) => page.drawPage(embedded[i]!, { x: boxes[i]!.x, y: boxes[i]!.y }));
  }
  out.setKeywords([input.caseNo, input.agency.name]);
  const pdf = Buffer.from(await out.save());
  return { pdf, pageCount: out.getPageCount(), volumes };
}
