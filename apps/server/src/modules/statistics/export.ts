import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { resolveFonts } from '../documents/index.ts';

/** A statistics document: titled tables and notes, rendered to Excel (exceljs) and to PDF (pdfkit + embedded Noto CJK). */
export interface StatsTable {
  heading: string;
  columns: { label: string; width?: number }[];
  rows: (string | number | null)[][];
}
export interface StatsDocument {
  title: string;
  subtitle: string;
  tables: StatsTable[];
  notes: string[];
}

export async function renderStatsXlsx(d: StatsDocument): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Zhifa 执法';
  for (const [i, t] of d.tables.entries()) {
    const ws = wb.addWorksheet(sheetName(t.heading, i));
    ws.addRow([d.title]).font = { bold: true, size: 14 };
    ws.addRow([d.subtitle]);
    ws.addRow([]);
    const head = ws.addRow(t.columns.map((c) => c.label));
    head.font = { bold: true };
    head.eachCell((c) => (c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } }));
    for (const r of t.rows) ws.addRow(r.map((v) => (v === null ? '—' : v)));
    t.columns.forEach((c, j) => (ws.getColumn(j + 1).width = c.width ?? 16));
    if (i === 0 && d.notes.length) {
      ws.addRow([]);
      for (const n of d.notes) ws.addRow([n]);
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function sheetName(s: string, i: number): string {
  const clean = s.replace(/[\\/?*[\]:]/g, ' ').slice(0, 28);
  return clean || `Sheet${i + 1}`;
}

export async function renderStatsPdf(d: StatsDocument): Promise<Buffer> {
  const fonts = resolveFonts();
  const doc = new PDFDocument({ size: 'A4', margins: { top: 56, bottom: 56, left: 50, right: 50 }, info: { Title: d.title, Creator: 'Zhifa 执法' } });
  doc.registerFont('r', fonts.regular.path, fonts.regular.postscriptName);
  doc.registerFont('b', fonts.bold.path, fonts.bold.postscriptName);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  const width = doc.page.width - 100;
  doc.font('b').fontSize(18).text(d.title, { align: 'center' });
  doc.moveDown(0.3);
  doc.font('r').fontSize(10).fillColor('#444').text(d.subtitle, { align: 'center' }).fillColor('#000');
  doc.moveDown(1);
  for (const t of d.tables) {
    if (doc.y > doc.page.height - 140) doc.addPage();
    doc.font('b').fontSize(12).text(t.heading);
    doc.moveDown(0.3);
    const total = t.columns.reduce((s, c) => s + (c.width ?? 16), 0);
    const widths = t.columns.map((c) => ((c.width ?? 16) / total) * width);
    const drawRow = (cells: (string | number | null)[], bold: boolean) => {
      doc.font(bold ? 'b' : 'r').fontSize(9);
      const texts = cells.map((v) => (v === null ? '—' : typeof v === 'number' ? v.toLocaleString('zh-CN') : v));
      const h = Math.max(...texts.map((s, j) => doc.heightOfString(s, { width: widths[j]! - 8 }))) + 8;
      if (doc.y + h > doc.page.height - 56) doc.addPage();
      const y = doc.y;
      let x = 50;
      texts.forEach((s, j) => {
        doc.rect(x, y, widths[j]!, h).strokeColor('#999').lineWidth(0.5).stroke();
        doc.text(s, x + 4, y + 4, { width: widths[j]! - 8, align: j === 0 ? 'left' : typeof cells[j] === 'number' ? 'right' : 'left' });
        x += widths[j]!;
      });
      doc.x = 50;
      doc.y = y + h;
    };
    drawRow(t.columns.map((c) => c.label), true);
    for (const r of t.rows) drawRow(r, false);
    doc.moveDown(1);
  }
  if (d.notes.length) {
    doc.font('r').fontSize(9).fillColor('#333');
    for (const n of d.notes) doc.text(n, 50, undefined, { width });
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
