import { SUPERVISION_DECISION_TYPES } from '@zhifa/domain';
import PDFDocument from 'pdfkit';
import { chineseDate, fontBytes, resolveFonts } from '../documents/index.ts';

export interface SupervisionPdfData {
  number: string;
  issuerName: string;
  typeZh: string;
  citation: string | null;
  agencyName: string | null;
  title: string;
  body: string;
  decisionType: string | null;
  grounds: string[];
  issuedOn: string;
  responseDueOn: string;
  objectionDueOn: string | null;
}

/**
 * A supervision document (通知书/决定书/意见书…) on A4 with the project's embedded CJK fonts (documents/fonts.ts):
 * title, number, addressee, body, the decision and its grounds (S6), the answer deadline and the objection window
 * with their legal basis, issuer and date. The text is what the document row froze at issue.
 */
export async function renderSupervisionPdf(d: SupervisionPdfData): Promise<Buffer> {
  const fonts = resolveFonts();
  const doc = new PDFDocument({ size: 'A4', margins: { top: 72, bottom: 72, left: 79, right: 74 }, info: { Title: `${d.typeZh} ${d.number}`, Author: d.issuerName } });
  doc.registerFont('R', fontBytes(fonts.regular), fonts.regular.postscriptName);
  doc.registerFont('B', fontBytes(fonts.bold), fonts.bold.postscriptName);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const width = doc.page.width - 79 - 74;

  doc.font('B').fontSize(22).text(d.issuerName, { align: 'center', width });
  doc.moveDown(0.3).font('B').fontSize(22).text(d.typeZh, { align: 'center', width });
  doc.moveDown(0.5).font('R').fontSize(14).text(d.number, { align: 'right', width });
  doc.moveDown(1).font('R').fontSize(15).text(`${d.agencyName ?? ''}：`, { width });
  doc.moveDown(0.5).font('B').fontSize(15).text(d.title, { width, indent: 30 });
  for (const p of d.body.split(/\n+/).filter(Boolean)) doc.moveDown(0.3).font('R').fontSize(15).text(p, { width, indent: 30, lineGap: 6 });
  if (d.decisionType) {
    const spec = (SUPERVISION_DECISION_TYPES as Record<string, { zh: string; grounds: Record<string, string> }>)[d.decisionType];
    doc.moveDown(0.5).font('R').fontSize(15).text(`决定：${spec?.zh ?? d.decisionType}。理由：${d.grounds.map((g) => spec?.grounds[g] ?? g).join('；')}。`, { width, indent: 30, lineGap: 6 });
  }
  doc.moveDown(0.5).font('R').fontSize(15).text(`请于${chineseDate(d.responseDueOn)}前将办理情况书面答复本机关。`, { width, indent: 30, lineGap: 6 });
  if (d.objectionDueOn) doc.moveDown(0.3).text(`如有异议，可于${chineseDate(d.objectionDueOn)}前提出复核申请。`, { width, indent: 30, lineGap: 6 });
  if (d.citation) doc.moveDown(0.3).fontSize(12).text(`依据：${d.citation}`, { width, indent: 30 });
  doc.moveDown(2).fontSize(15).text(d.issuerName, { align: 'right', width });
  doc.text(chineseDate(d.issuedOn), { align: 'right', width });
  doc.end();
  return done;
}
