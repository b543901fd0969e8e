/**
 * DOCX rendering with `docx`, from the same content as the PDF: an editable draft with the GB/T 9704 page (A4,
 * 37/35/28/26 mm margins), 三号 body on a 28.95 pt grid and “— n —” page numbers (odd right, even left).
 *
 * East Asian text is set in 'Noto Serif CJK SC' by default: naming the SC face is what makes LibreOffice pick
 * Simplified Chinese glyphs (stack.md §5; a missing font falls back to Noto Sans CJK JP). Deployments whose users open
 * the files in Word on Windows can pass eastAsiaFont '仿宋' (FangSong, shipped with Windows) instead. The DOCX carries
 * no seal and no signature: the PDF is the issued document.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeightRule,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { BLANK_DATE } from '../chinese-text.ts';
import { buildContent, type ContentOptions } from '../content/build.ts';
import type { Align, Block, DocumentContent, Run } from '../content/model.ts';
import type { DocumentData } from '../types.ts';

export interface DocxRenderOptions extends ContentOptions {
  /** East Asian font name; 'Noto Serif CJK SC' by default (see above). */
  eastAsiaFont?: string;
  /** Latin and digits; GB/T 9704 practice is Times New Roman. */
  latinFont?: string;
}

const TWIP_PER_MM = 1440 / 25.4;
const mm = (v: number) => Math.round(v * TWIP_PER_MM);
const A4 = { width: 11906, height: 16838 };
const MARGIN = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) };
const BODY_TWIPS = A4.width - MARGIN.left - MARGIN.right;
/** 22 lines on the 225 mm body (GB/T 9704 §5.2.2), in twips, exact spacing. */
const LETTER_LINE = Math.round((225 * TWIP_PER_MM) / 22);

const ALIGN: Record<Align, (typeof AlignmentType)[keyof typeof AlignmentType]> = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
};

export async function renderDocx(data: DocumentData, opts: DocxRenderOptions = {}): Promise<Buffer> {
  const content = buildContent(data, opts);
  return Packer.toBuffer(documentOf(content, opts));
}

function documentOf(c: DocumentContent, opts: DocxRenderOptions): Document {
  const font = { ascii: opts.latinFont ?? 'Times New Roman', hAnsi: opts.latinFont ?? 'Times New Roman', eastAsia: opts.eastAsiaFont ?? 'Noto Serif CJK SC', hint: 'eastAsia' };
  const letter = c.layout === 'letter';
  const size = letter ? 32 : 28; // half-points: 三号 16 pt, 四号 14 pt
  const line = letter ? LETTER_LINE : Math.round(14 * 1.75 * 20);
  const run = (r: Run, extra: { size?: number; bold?: boolean } = {}) =>
    new TextRun({ text: r.text, font, size: extra.size ?? size, bold: extra.bold ?? !!r.bold, ...(r.underline ? { underline: {} } : {}) });
  const spacing = { line, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
  const body = (runs: Run[], o: { indent?: boolean; align?: Align; keepNext?: boolean; small?: boolean } = {}) =>
    new Paragraph({
      children: runs.map((r) => run(r, o.small ? { size: 24 } : {})),
      spacing,
      alignment: ALIGN[o.align ?? 'left'],
      ...(o.indent === false ? {} : { indent: { firstLine: size * 20 } }),
      ...(o.keepNext ? { keepNext: true } : {}),
    });

  const children: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [run({ text: c.agencyName }, { size: 44, bold: true })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [run({ text: c.title }, { size: 44, bold: true })] }),
  ];
  if (c.number) children.push(new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { after: 240 }, children: [run({ text: c.number }, { size: 32 })] }));
  if (c.caseLine) children.push(new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { after: 120 }, children: [run({ text: c.caseLine }, { size: 28 })] }));

  for (const b of c.blocks) children.push(...blockOf(b, { body, run, size, spacing }));

  const pageNo = (align: (typeof AlignmentType)[keyof typeof AlignmentType]) =>
    new Footer({
      children: [
        ...(c.pageFooter ? [new Paragraph({ children: [run({ text: c.pageFooter }, { size: 24 })] })] : []),
        new Paragraph({
          alignment: align,
          indent: align === AlignmentType.RIGHT ? { right: 280 } : { left: 280 },
          children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font, size: 28 })],
        }),
      ],
    });

  return new Document({
    creator: c.agencyName,
    title: c.number ? `${c.title}（${c.number}）` : c.title,
    subject: c.subject,
    description: c.subject,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font, size }, paragraph: { spacing } } } },
    sections: [
      {
        properties: { page: { size: A4, margin: { ...MARGIN, footer: mm(20), header: mm(15) } } },
        footers: { default: pageNo(AlignmentType.RIGHT), even: pageNo(AlignmentType.LEFT) },
        children,
      },
    ],
  });
}

interface Helpers {
  body: (runs: Run[], o?: { indent?: boolean; align?: Align; keepNext?: boolean; small?: boolean }) => Paragraph;
  run: (r: Run, extra?: { size?: number; bold?: boolean }) => TextRun;
  size: number;
  spacing: { line: number; lineRule: (typeof LineRuleType)[keyof typeof LineRuleType]; before: number; after: number };
}

const BORDER = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER };

function blockOf(b: Block, h: Helpers): (Paragraph | Table)[] {
  switch (b.type) {
    case 'paragraph':
      return [
        h.body(b.runs, { ...(b.indent === false ? { indent: false } : {}), ...(b.align ? { align: b.align } : {}), ...(b.keepWithNext ? { keepNext: true } : {}), ...(b.small ? { small: true } : {}) }),
      ];
    case 'heading':
      return [h.body([{ text: b.text, bold: true }], { keepNext: true })];
    case 'spacer':
      return Array.from({ length: b.lines }, () => h.body([{ text: '' }], { indent: false }));
    case 'closing':
      // Right-aligned with the date four characters in from the margin (GB/T 9704 §7.3.5); room for the seal above.
      return [
        h.body([{ text: '' }], { indent: false }),
        h.body([{ text: '' }], { indent: false }),
        new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: h.size * 20 * 3 }, spacing: h.spacing, children: [h.run({ text: b.signer })] }),
        new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: h.size * 20 * 4 }, spacing: h.spacing, children: [h.run({ text: b.date })] }),
      ];
    case 'signatures':
      return [
        h.body([{ text: '' }], { indent: false }),
        ...b.items.map((it) => h.body([{ text: `${it.label}：` }, ...(it.value ? [{ text: it.value }] : [{ text: '\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000', underline: true }, { text: BLANK_DATE }])], { indent: false })),
      ];
    case 'table': {
      const total = b.widths.reduce((a, w) => a + w, 0);
      const columnWidths = b.widths.map((w) => Math.round((w / total) * BODY_TWIPS));
      const cellSize = Math.round(32 * (b.fontScale ?? 0.875));
      const cellPara = (runs: Run[], align: Align, bold: boolean) =>
        runs
          .flatMap((r) => r.text.split('\n').map((t) => ({ ...r, text: t })))
          .map((r) => new Paragraph({ alignment: ALIGN[align], children: [h.run(r, { size: cellSize, bold: bold || !!r.bold })] }));
      return [
        new Table({
          width: { size: BODY_TWIPS, type: WidthType.DXA },
          columnWidths,
          rows: b.rows.map((row) => {
            let col = 0;
            return new TableRow({
              ...(row.minLines ? { height: { value: Math.round(row.minLines * cellSize * 10 * 1.6), rule: HeightRule.ATLEAST } } : {}),
              children: row.cells.map((cell) => {
                const span = cell.span ?? 1;
                const width = columnWidths.slice(col, col + span).reduce((a, w) => a + w, 0);
                col += span;
                const content = cellPara(cell.runs, cell.align ?? (cell.label ? 'center' : 'left'), !!cell.label);
                if (cell.sign) {
                  content.push(
                    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 240 }, children: [h.run({ text: `签名：${cell.sign.signer ?? '\u3000\u3000\u3000\u3000\u3000'}\u3000${cell.sign.date ?? BLANK_DATE}` }, { size: cellSize })] }),
                  );
                }
                return new TableCell({
                  children: content,
                  columnSpan: span,
                  width: { size: width, type: WidthType.DXA },
                  borders: BORDERS,
                  margins: { top: 80, bottom: 80, left: 100, right: 100 },
                  verticalAlign: cell.label ? VerticalAlign.CENTER : VerticalAlign.TOP,
                  ...(cell.label ? { shading: { type: ShadingType.CLEAR, fill: 'F2F2F2', color: 'auto' } } : {}),
                });
              }),
            });
          }),
        }),
        h.body([{ text: '' }], { indent: false }),
      ];
    }
  }
}
