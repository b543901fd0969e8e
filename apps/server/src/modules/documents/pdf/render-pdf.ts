/**
 * PDF rendering with pdfkit, after GB/T 9704-2012 (党政机关公文格式) as enforcement documents apply it (domain-rules
 * DOC1): A4, 版心 156 × 225 mm (top 37 mm, left 28 mm), body in a CJK serif at 三号 (16 pt) on a 22-line grid, agency
 * name and title centred in bold 二号 (22 pt), 文号 under them, page numbers “— n —” in 四号 at the foot (odd pages
 * right, even pages left). Forms and records use 四号 (14 pt) so their tables and questions fit.
 *
 * Output is deterministic for the same data and fonts: CreationDate (and with it the file ID) comes from the
 * document date, and pdfkit derives font subset tags from the font's order of use.
 */
import PDFDocument from 'pdfkit';
import { BLANK_DATE } from '../chinese-text.ts';
import { buildContent, type ContentOptions } from '../content/build.ts';
import type { Block, DocumentContent, Run, TableCell, TableRow } from '../content/model.ts';
import { fontBytes, resolveFonts, type DocumentFonts } from '../fonts.ts';
import { drawVisibleSeal, MM, type VisibleSealOptions } from '../seal/visible-seal.ts';
import type { DocumentData } from '../types.ts';

export interface PdfRenderOptions extends ContentOptions {
  fonts?: Partial<DocumentFonts>;
  /** The visible seal on sealed kinds (default on); `false` leaves the room for a physical stamp instead. */
  seal?: false | VisibleSealOptions;
}

/** Where the seal was drawn, in PDF user space (origin bottom-left): the signature widget goes on top of it. */
export interface SealPlacement {
  pageIndex: number;
  rect: [number, number, number, number];
}

export interface RenderedPdf {
  pdf: Buffer;
  pageCount: number;
  sealPlacement: SealPlacement | null;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: A4.width - 28 * MM - 156 * MM };
const BODY_WIDTH = 156 * MM;
/** GB/T 9704 §5.2.2: 22 lines on the 225 mm body. */
const LETTER_PITCH = (A4.height - MARGIN.top - MARGIN.bottom) / 22;
/** Forms and records are not 公文: narrower top and bottom margins let a form fit on one page. */
const FORM_MARGIN = { top: 25 * MM, bottom: 25 * MM };

interface Geometry {
  top: number;
  bottom: number;
}
const F_REGULAR = 'zf-regular';
const F_BOLD = 'zf-bold';
const INK = '#000000';

interface Metrics {
  size: number;
  pitch: number;
}

/** Render a document as PDF. Throws RULE_VIOLATION when mandatory content is missing (see validate.ts). */
export async function renderPdf(data: DocumentData, opts: PdfRenderOptions = {}): Promise<Buffer> {
  return (await renderPdfDetailed(data, opts)).pdf;
}

export async function renderPdfDetailed(data: DocumentData, opts: PdfRenderOptions = {}): Promise<RenderedPdf> {
  const content = buildContent(data, opts);
  const fonts = resolveFonts(opts.fonts);
  return renderContent(content, fonts, opts.seal === false ? false : (opts.seal ?? {}));
}

/** Beijing midnight of the document date: a fixed CreationDate makes re-rendering reproducible. */
export function creationDateOf(date: string): Date {
  const d = new Date(`${date.slice(0, 10)}T00:00:00+08:00`);
  if (Number.isNaN(d.getTime())) throw new RangeError(`Not a document date: ${date}`);
  return d;
}

/** A pdfkit document with the house fonts registered, collected into a Buffer by `finish()`. */
export function openPdf(
  fonts: DocumentFonts,
  info: { title: string; author: string; subject?: string; date: string; autoFirstPage?: boolean; margins?: Geometry },
) {
  const created = creationDateOf(info.date);
  const doc = new PDFDocument({
    size: 'A4',
    autoFirstPage: info.autoFirstPage ?? true,
    margins: { top: info.margins?.top ?? MARGIN.top, bottom: info.margins?.bottom ?? MARGIN.bottom, left: MARGIN.left, right: MARGIN.right },
    bufferPages: true,
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: info.title,
      Author: info.author,
      ...(info.subject ? { Subject: info.subject } : {}),
      Creator: 'Zhifa 执法',
      CreationDate: created,
      ModDate: created,
    },
  });
  doc.registerFont(F_REGULAR, fontBytes(fonts.regular), fonts.regular.postscriptName);
  doc.registerFont(F_BOLD, fontBytes(fonts.bold), fonts.bold.postscriptName);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return {
    doc,
    finish: () => {
      doc.end();
      return ended;
    },
  };
}

export const PDF_FONTS = { regular: F_REGULAR, bold: F_BOLD } as const;
export const PAGE = { ...A4, margin: MARGIN, bodyWidth: BODY_WIDTH };

class Writer {
  sealPlacement: SealPlacement | null = null;
  constructor(
    readonly doc: PDFKit.PDFDocument,
    readonly m: Metrics,
    readonly seal: false | VisibleSealOptions,
    readonly geo: Geometry,
  ) {}

  get bottom() {
    return A4.height - this.geo.bottom;
  }
  get bodyHeight() {
    return A4.height - this.geo.top - this.geo.bottom;
  }
  get remaining() {
    return this.bottom - this.doc.y;
  }
  /** The gap that puts lines `pitch` apart. Selects the regular font: call it before choosing the font to draw with. */
  lineGap(size: number, pitch: number) {
    return Math.max(0, pitch - this.doc.font(F_REGULAR).fontSize(size).currentLineHeight(true));
  }
  newPage() {
    this.doc.addPage();
    this.doc.x = MARGIN.left;
    this.doc.y = this.geo.top;
  }

  header(c: DocumentContent) {
    const { doc } = this;
    doc.fillColor(INK);
    doc.font(F_BOLD).fontSize(22);
    doc.text(c.agencyName, MARGIN.left, this.geo.top - (c.layout === 'letter' ? 4 * MM : 0), { width: BODY_WIDTH, align: 'center', lineGap: 6 });
    // Short titles are spread out (送 达 回 证), as printed forms do.
    const titleChars = [...c.title].length;
    const spacing = titleChars <= 4 ? 22 : titleChars <= 6 ? 8 : 2;
    doc.text(c.title, MARGIN.left, doc.y + 2, { width: BODY_WIDTH, align: 'center', characterSpacing: spacing });
    doc.moveDown(0.3);
    if (c.number) {
      doc.font(F_REGULAR).fontSize(16).text(c.number, MARGIN.left, doc.y + 4, { width: BODY_WIDTH, align: 'right' });
    }
    if (c.caseLine) {
      doc.font(F_REGULAR).fontSize(14).text(c.caseLine, MARGIN.left, doc.y + 4, { width: BODY_WIDTH, align: 'right' });
    }
    doc.y += c.layout === 'letter' ? this.m.pitch * 0.6 : this.m.pitch * 0.3;
  }

  paragraph(b: Extract<Block, { type: 'paragraph' }>, next: Block | undefined) {
    const { doc } = this;
    const m = b.small ? { size: 12, pitch: 18 } : this.m;
    const indent = b.indent === false ? 0 : m.size * 2;
    const gap = this.lineGap(m.size, m.pitch);
    const plain = b.runs.map((r) => r.text).join('');
    const opts = { width: BODY_WIDTH, indent, lineGap: gap, align: b.align ?? 'left' } as const;
    const height = doc.font(F_REGULAR).fontSize(m.size).heightOfString(plain || ' ', opts);
    // Keep a lead-in line ("…证据证明：") with the first line of what it introduces.
    const needed = b.keepWithNext && next ? height + m.pitch : m.pitch;
    if (this.remaining < Math.min(needed, this.bodyHeight)) this.newPage();
    this.runs(b.runs, MARGIN.left, doc.y, opts, m.size);
  }

  runs(runs: Run[], x: number, y: number, opts: PDFKit.Mixins.TextOptions & { width: number }, size = this.m.size) {
    const { doc } = this;
    const list = runs.length ? runs : [{ text: '' }];
    list.forEach((r, i) => {
      doc.font(r.bold ? F_BOLD : F_REGULAR).fontSize(size);
      const last = i === list.length - 1;
      const o = { ...opts, continued: !last, underline: !!r.underline };
      if (i === 0) doc.text(r.text || (last ? ' ' : ''), x, y, o);
      else doc.text(r.text || (last ? ' ' : ''), o);
    });
  }

  heading(text: string) {
    const { doc, m } = this;
    if (this.remaining < m.pitch * 2) this.newPage();
    const lineGap = this.lineGap(m.size, m.pitch);
    doc.font(F_BOLD).fontSize(m.size).text(text, MARGIN.left, doc.y, { width: BODY_WIDTH, indent: m.size * 2, lineGap });
  }

  /**
   * The end of a sealed letter (GB/T 9704 §7.3.5.1): the date 4 characters from the right margin, the agency name
   * centred over it, the seal centred on both with the lines a little below its centre and its top within a line of
   * the text above. With no room left the signature moves to a new page marked （此页无正文）.
   */
  closing(b: Extract<Block, { type: 'closing' }>, agencyName: string) {
    const { doc, m } = this;
    const R = ((this.seal ? (this.seal.diameterMm ?? 42) : 42) * MM) / 2;
    const needed = R + 2.3 * m.pitch;
    if (this.remaining < needed) {
      this.newPage();
      doc.font(F_REGULAR).fontSize(m.size).text('（此页无正文）', MARGIN.left, doc.y, { width: BODY_WIDTH, indent: m.size * 2 });
    }
    doc.font(F_REGULAR).fontSize(m.size);
    const dateWidth = doc.widthOfString(b.date);
    const dateRight = MARGIN.left + BODY_WIDTH - 4 * m.size;
    const centerX = dateRight - dateWidth / 2;
    const nameWidth = doc.widthOfString(b.signer);
    const nameX = Math.min(centerX - nameWidth / 2, MARGIN.left + BODY_WIDTH - nameWidth);
    const sealCy = doc.y + 0.4 * m.pitch + R;
    const lineH = doc.currentLineHeight();
    const nameY = sealCy - 0.2 * m.pitch - lineH / 2;
    doc.fillColor(INK);
    doc.text(b.signer, nameX, nameY, { lineBreak: false });
    doc.text(b.date, dateRight - dateWidth, nameY + m.pitch, { lineBreak: false });
    if (b.sealed && this.seal) {
      drawVisibleSeal(doc, { cx: centerX, cy: sealCy }, agencyName, F_BOLD, this.seal);
      const pageIndex = doc.bufferedPageRange().start + doc.bufferedPageRange().count - 1;
      this.sealPlacement = { pageIndex, rect: [centerX - R, A4.height - (sealCy + R), centerX + R, A4.height - (sealCy - R)] };
    }
    doc.fillColor(INK);
    doc.x = MARGIN.left;
    doc.y = Math.max(nameY + 2 * m.pitch, sealCy + R);
  }

  signatures(b: Extract<Block, { type: 'signatures' }>) {
    const { doc, m } = this;
    const gap = this.lineGap(m.size, m.pitch);
    const lines = b.items.length;
    if (this.remaining < (lines + 1) * m.pitch) this.newPage();
    else doc.y += m.pitch * 0.5;
    for (const it of b.items) {
      const blank = !it.value;
      doc.font(F_REGULAR).fontSize(m.size);
      const text = `${it.label}：${blank ? '' : it.value}`;
      if (blank) {
        const y = doc.y;
        doc.text(text, MARGIN.left, y, { lineBreak: false });
        const x0 = MARGIN.left + doc.widthOfString(text) + 2;
        const x1 = MARGIN.left + BODY_WIDTH - doc.widthOfString(BLANK_DATE) - m.size;
        doc.moveTo(x0, y + m.size * 1.25).lineTo(x1, y + m.size * 1.25).lineWidth(0.6).stroke(INK);
        doc.text(BLANK_DATE, MARGIN.left + BODY_WIDTH - doc.widthOfString(BLANK_DATE), y, { lineBreak: false });
        doc.x = MARGIN.left;
        doc.y = y + m.pitch;
      } else {
        doc.text(text, MARGIN.left, doc.y, { width: BODY_WIDTH, lineGap: gap });
      }
    }
  }

  table(b: Extract<Block, { type: 'table' }>) {
    const { doc } = this;
    const size = 16 * (b.fontScale ?? 0.875);
    const pitch = size * 1.6;
    const gap = this.lineGap(size, pitch);
    const padX = 5;
    const padY = 5;
    const total = b.widths.reduce((a, w) => a + w, 0);
    const colW = b.widths.map((w) => (w / total) * BODY_WIDTH);
    const cellWidth = (start: number, span: number) => colW.slice(start, start + span).reduce((a, w) => a + w, 0);
    const textOpts = (w: number, c: TableCell) => ({ width: w - 2 * padX, lineGap: gap, align: c.align ?? 'left' }) as const;
    const plain = (c: TableCell) => c.runs.map((r) => r.text).join('');
    doc.font(F_REGULAR).fontSize(size);
    const signLine = (c: TableCell) => `签名：${c.sign?.signer ?? '\u3000\u3000\u3000\u3000\u3000'}\u3000${c.sign?.date ?? BLANK_DATE}`;

    const heightOf = (row: TableRow) => {
      let col = 0;
      let h = (row.minLines ?? 1) * pitch;
      for (const c of row.cells) {
        const w = cellWidth(col, c.span ?? 1);
        col += c.span ?? 1;
        let ch = doc.heightOfString(plain(c) || ' ', textOpts(w, c));
        if (c.sign) ch += pitch * 1.3;
        h = Math.max(h, ch);
      }
      return h + 2 * padY;
    };

    const drawRow = (row: TableRow, h: number) => {
      const y = doc.y;
      let col = 0;
      let x = MARGIN.left;
      for (const c of row.cells) {
        const w = cellWidth(col, c.span ?? 1);
        col += c.span ?? 1;
        doc.lineWidth(0.8).rect(x, y, w, h).stroke(INK);
        doc.fillColor(INK).font(F_REGULAR).fontSize(size);
        const o = textOpts(w, c);
        const th = doc.heightOfString(plain(c) || ' ', o);
        // Labels are centred in their box; contents start at its top.
        const ty = c.label ? y + (h - th) / 2 : y + padY;
        this.runs(c.runs.map((r) => (c.label ? { ...r, bold: true } : r)), x + padX, ty, o, size);
        if (c.sign) {
          const line = signLine(c);
          doc.font(F_REGULAR).fontSize(size);
          const lw = doc.widthOfString(line);
          doc.text(line, x + w - padX - lw - size, y + h - padY - pitch, { lineBreak: false });
        }
        x += w;
      }
      doc.x = MARGIN.left;
      doc.y = y + h;
    };

    /**
     * Split a row whose content is taller than `room`: each cell keeps what fits and the rest continues in a row on
     * the next page; labels repeat with （续）, and a signature line stays with the last part of its cell.
     */
    const splitRow = (row: TableRow, room: number): [TableRow, TableRow] => {
      let col = 0;
      const first: TableCell[] = [];
      const rest: TableCell[] = [];
      for (const c of row.cells) {
        const w = cellWidth(col, c.span ?? 1);
        col += c.span ?? 1;
        const full = plain(c);
        const o = textOpts(w, c);
        const { sign: _sign, ...unsigned } = c;
        if (c.label) {
          first.push(c);
          rest.push({ ...c, runs: [{ text: `${full.replace(/（续）$/, '')}（续）` }] });
          continue;
        }
        if (doc.heightOfString(full || ' ', o) <= room - 2 * padY) {
          first.push(unsigned);
          rest.push({ ...c, runs: [{ text: '' }] });
          continue;
        }
        const chars = [...full];
        let lo = 0;
        let hi = chars.length;
        while (lo < hi) {
          const mid = Math.ceil((lo + hi) / 2);
          if (doc.heightOfString(chars.slice(0, mid).join('') || ' ', o) <= room - 2 * padY) lo = mid;
          else hi = mid - 1;
        }
        // Always move at least one character on, so a split can never repeat itself.
        const cut = Math.max(1, lo);
        first.push({ ...unsigned, runs: [{ text: chars.slice(0, cut).join('') }] });
        rest.push({ ...c, runs: [{ text: chars.slice(cut).join('') }] });
      }
      return [{ cells: first }, { cells: rest }];
    };

    const queue = [...b.rows];
    while (queue.length) {
      const row = queue.shift()!;
      doc.font(F_REGULAR).fontSize(size);
      const h = heightOf(row);
      if (h <= this.remaining) {
        drawRow(row, h);
        continue;
      }
      if (h <= this.bodyHeight && this.remaining < this.bodyHeight / 3) {
        this.newPage();
        drawRow(row, h);
        continue;
      }
      if (this.remaining < 3 * pitch) this.newPage();
      const [first, rest] = splitRow(row, this.remaining);
      drawRow(first, this.remaining);
      this.newPage();
      queue.unshift(rest);
    }
    doc.y += pitch * 0.4;
  }

  spacer(lines: number) {
    this.doc.y += lines * this.m.pitch;
  }
}

function layoutMetrics(c: DocumentContent): Metrics {
  return c.layout === 'letter' ? { size: 16, pitch: LETTER_PITCH } : { size: 14, pitch: 14 * 1.75 };
}

/** Page numbers and per-page signature lines, written once all pages exist. */
function decoratePages(doc: PDFKit.PDFDocument, c: DocumentContent, geo: Geometry) {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing below the bottom margin would make pdfkit open a new page; lift the margin while decorating.
    const saved = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const n = i + 1;
    if (c.pageFooter) {
      doc.font(F_REGULAR).fontSize(12).fillColor(INK).text(c.pageFooter, MARGIN.left, A4.height - geo.bottom + 3 * MM, { width: BODY_WIDTH, lineBreak: false });
    }
    // GB/T 9704 §7.5: 4号 Arabic numerals between em dashes, 7 mm under the body; odd pages right, even pages left,
    // each one character in from the edge of the body.
    const label = `— ${n} —`;
    doc.font(F_REGULAR).fontSize(14);
    const w = doc.widthOfString(label);
    const x = n % 2 === 1 ? MARGIN.left + BODY_WIDTH - 14 - w : MARGIN.left + 14;
    doc.text(label, x, A4.height - geo.bottom + 7 * MM + (c.pageFooter ? 4 * MM : 0), { lineBreak: false });
    doc.page.margins.bottom = saved;
  }
}

export async function renderContent(c: DocumentContent, fonts: DocumentFonts, seal: false | VisibleSealOptions): Promise<RenderedPdf> {
  const geo = c.layout === 'letter' ? { top: MARGIN.top, bottom: MARGIN.bottom } : FORM_MARGIN;
  const { doc, finish } = openPdf(fonts, { title: c.number ? `${c.title}（${c.number}）` : c.title, author: c.agencyName, subject: c.subject, date: c.date, margins: geo });
  const w = new Writer(doc, layoutMetrics(c), seal, geo);
  w.header(c);
  c.blocks.forEach((b, i) => {
    const next = c.blocks[i + 1];
    switch (b.type) {
      case 'paragraph':
        return w.paragraph(b, next);
      case 'heading':
        return w.heading(b.text);
      case 'table':
        return w.table(b);
      case 'closing':
        return w.closing(b, c.agencyName);
      case 'signatures':
        return w.signatures(b);
      case 'spacer':
        return w.spacer(b.lines);
    }
  });
  decoratePages(doc, c, geo);
  const pageCount = doc.bufferedPageRange().count;
  const pdf = await finish();
  return { pdf, pageCount, sealPlacement: w.sealPlacement };
}
