import { GRADE_LABELS, type Grade } from '@zhifa/domain';
import ExcelJS from 'exceljs';
import type { Actor } from '../../lib/actor.ts';
import { chinaDate, type Clock } from '../../lib/clock.ts';
import { chineseDate, openPdf, PAGE, PDF_FONTS, resolveFonts } from '../documents/index.ts';
import type { EvaluationService } from './evaluation.service.ts';

/**
 * 评查报告 (CR3(4)): subject, reviewers, number of files, case numbers and names, grades, main problems, rectification
 * suggestions — per campaign or for one agency — as PDF with the embedded CJK font; and every score as Excel.
 */
export function createEvaluationDocuments(deps: { evaluation: EvaluationService; clock: Clock }) {
  const { evaluation, clock } = deps;

  async function reportPdf(actor: Actor, campaignId: string, agencyId?: string) {
    const r = await evaluation.report(actor, campaignId);
    const agencies = agencyId ? r.agencies.filter((a) => a.agencyId === agencyId) : r.agencies;
    const files = agencyId ? r.files.filter((f) => f.agencyId === agencyId) : r.files;
    const date = chinaDate(clock.now());
    const { doc, finish } = openPdf(resolveFonts(), { title: `${r.campaign.name}评查报告`, author: 'Zhifa 执法', date });
    const left = PAGE.margin.left;
    const width = PAGE.bodyWidth;
    const bottom = PAGE.height - PAGE.margin.bottom;
    const ensure = (h: number) => {
      if (doc.y + h > bottom) doc.addPage();
    };
    doc.font(PDF_FONTS.bold).fontSize(20).text(`${r.campaign.name}`, left, PAGE.margin.top, { width, align: 'center' });
    doc.font(PDF_FONTS.bold).fontSize(18).text(agencyId && agencies[0] ? `行政执法案卷评查报告（${agencies[0].agencyName}）` : '行政执法案卷评查报告', { width, align: 'center' });
    doc.moveDown();
    doc.font(PDF_FONTS.regular).fontSize(12);
    const bands = r.bands;
    doc.text(`评查年度：${r.campaign.year}年\u3000\u3000评分细则：${r.rubricVersion}\u3000\u3000报告日期：${chineseDate(date)}`, { width });
    doc.text(`评定等次：${bands.excellent}分以上为优秀，${bands.good}分至${bands.excellent}分以下为良好，${bands.pass}分至${bands.good}分以下为合格，${bands.pass}分以下为不合格；一票否决项直接评为不合格（广东省行政执法案卷评查办法第十六条、第十七条）。`, { width });
    doc.text(`评查案卷：${files.length}件\u3000被评查单位：${agencies.length}个${r.objectionDueOn ? `\u3000异议期限：${chineseDate(r.objectionDueOn)}前` : ''}`, { width });
    doc.moveDown();

    doc.font(PDF_FONTS.bold).fontSize(14).text('一、各单位评查结果及排名', { width });
    doc.font(PDF_FONTS.regular).fontSize(11);
    const cols = [14, 70, 24, 24, 24, 80].map((x) => (x / 236) * width);
    const row = (cells: string[], bold = false) => {
      ensure(22);
      const y = doc.y;
      let x = left;
      let h = 0;
      doc.font(bold ? PDF_FONTS.bold : PDF_FONTS.regular).fontSize(10);
      cells.forEach((c, i) => {
        const w = cols[i]!;
        h = Math.max(h, doc.heightOfString(c, { width: w - 6 }));
      });
      cells.forEach((c, i) => {
        const w = cols[i]!;
        doc.rect(x, y, w, h + 8).stroke();
        doc.text(c, x + 3, y + 4, { width: w - 6 });
        x += w;
      });
      doc.x = left;
      doc.y = y + h + 8;
    };
    row(['名次', '单位', '案卷数', '平均分', '不合格', '主要问题'], true);
    for (const a of agencies) row([String(a.rank), a.agencyName, String(a.files), a.averageScore === null ? '—' : a.averageScore.toFixed(1), String(a.failCount), a.mainProblems.map((p) => `${p.problem}（${p.count}）`).join('；') || '—']);
    doc.moveDown();

    ensure(60);
    doc.font(PDF_FONTS.bold).fontSize(14).text('二、案卷评分', left, doc.y, { width });
    const fileCols = [14, 60, 70, 50, 22, 20].map((x) => (x / 236) * width);
    const saved = cols.splice(0, cols.length, ...fileCols);
    row(['序号', '案号', '案件名称', '单位', '得分', '等次'], true);
    for (const f of files) row([String(f.position), f.caseNo ?? '—', f.title, f.agencyName, f.score === null ? '—' : f.score.toFixed(1), f.grade ? GRADE_LABELS[f.grade as Grade].zh : '—']);
    cols.splice(0, cols.length, ...saved);
    doc.moveDown();

    ensure(80);
    doc.font(PDF_FONTS.bold).fontSize(14).text('三、整改建议', left, doc.y, { width });
    doc.font(PDF_FONTS.regular).fontSize(12).text('对评为不合格的案卷，被评查单位应当逐件整改，并自收到整改通知之日起30日内报送整改情况（广东省行政执法监督条例第三十二条）。对评查结果有异议的，可以自收到本报告之日起10个工作日内书面申请复查（广东省行政执法案卷评查办法第十三条）。', left, doc.y, { width });
    if (!agencyId && r.flaggedOfficers.length) {
      doc.moveDown();
      doc.font(PDF_FONTS.bold).fontSize(14).text('四、多件案卷不合格的执法人员（人事处理建议）', { width });
      doc.font(PDF_FONTS.regular).fontSize(12).text(r.flaggedOfficers.map((o) => `${o.name || o.officerId}：不合格案卷${o.failed}件`).join('；'), { width });
    }
    const data = await finish();
    return { data, filename: `${r.campaign.name}-评查报告${agencyId && agencies[0] ? `-${agencies[0].agencyName}` : ''}.pdf` };
  }

  async function scoresXlsx(actor: Actor, campaignId: string) {
    const r = await evaluation.report(actor, campaignId);
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Zhifa';
    const ws = wb.addWorksheet('案卷得分', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = [
      { header: '序号', key: 'position', width: 6 },
      { header: '案号', key: 'caseNo', width: 26 },
      { header: '案件名称', key: 'title', width: 30 },
      { header: '单位', key: 'agency', width: 28 },
      { header: '得分', key: 'score', width: 8 },
      { header: '等次', key: 'grade', width: 8 },
      { header: '状态', key: 'status', width: 10 },
    ];
    ws.getRow(1).font = { bold: true };
    for (const f of r.files) ws.addRow({ position: f.position, caseNo: f.caseNo ?? '', title: f.title, agency: f.agencyName, score: f.score, grade: f.grade ? GRADE_LABELS[f.grade as Grade].zh : '', status: f.status });
    const ra = wb.addWorksheet('单位排名', { views: [{ state: 'frozen', ySplit: 1 }] });
    ra.columns = [
      { header: '名次', key: 'rank', width: 6 },
      { header: '单位', key: 'agency', width: 30 },
      { header: '案卷数', key: 'files', width: 8 },
      { header: '平均分', key: 'avg', width: 8 },
      { header: '不合格', key: 'fail', width: 8 },
      { header: '主要问题', key: 'problems', width: 60 },
    ];
    ra.getRow(1).font = { bold: true };
    for (const a of r.agencies) ra.addRow({ rank: a.rank, agency: a.agencyName, files: a.files, avg: a.averageScore, fail: a.failCount, problems: a.mainProblems.map((p) => `${p.problem}（${p.count}）`).join('；') });
    if (r.campaign && actor.role === 'supervisor') {
      const sh = wb.addWorksheet('评分表', { views: [{ state: 'frozen', ySplit: 1 }] });
      sh.columns = [
        { header: '案卷序号', key: 'position', width: 8 },
        { header: '评查人员', key: 'reviewer', width: 24 },
        { header: '类别', key: 'kind', width: 8 },
        { header: '得分', key: 'points', width: 8 },
        { header: '一票否决', key: 'veto', width: 8 },
        { header: '等次', key: 'grade', width: 8 },
        { header: '评查意见', key: 'comment', width: 40 },
        { header: '签名时间', key: 'at', width: 22 },
        { header: '评分表SHA-256', key: 'hash', width: 66 },
      ];
      sh.getRow(1).font = { bold: true };
      for (const f of r.files) {
        const s = await evaluation.sheets(actor, f.id).catch(() => null);
        for (const x of s?.sheets ?? []) sh.addRow({ position: f.position, reviewer: x.reviewerName, kind: x.kind === 'recheck' ? '复核' : '评分', points: x.points, veto: x.isVetoed ? '是' : '否', grade: GRADE_LABELS[x.grade as Grade]?.zh ?? x.grade, comment: x.comment, at: x.submittedAt, hash: x.sheetHash });
      }
    }
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    return { data, filename: `${r.campaign.name}-评查得分.xlsx` };
  }

  return { reportPdf, scoresXlsx };
}
export type EvaluationDocuments = ReturnType<typeof createEvaluationDocuments>;
