/**
 * Documents laid out as official letters (公文式): decisions, notices and reports. Wording follows the SAMR 2021
 * templates (市场监督管理行政处罚文书格式范本) in substance; each statutory sentence names its article.
 */
import { chineseDate, chineseNumeral } from '../chinese-text.ts';
import type {
  HearingNoticeData,
  InvestigationEndReportData,
  LegalReviewOpinionData,
  NoPenaltyDecisionData,
  PenaltyDecisionData,
  PenaltyNoticeData,
} from '../types.ts';
import {
  discretionSentence,
  evidenceLines,
  listParas,
  monetaryTotal,
  officersText,
  partyFields,
  paymentParagraph,
  penaltyLines,
  provisionsText,
  remediesParagraphs,
  youOf,
  type BuildOptions,
} from './common.ts';
import { cell, field, labelCell, para, type Block } from './model.ts';

const caseOf = (name: string | undefined) => (name ? name.replace(/案$/, '') : '');

function openingSentence(partyName: string, caseName: string | undefined, filedOn: string | undefined): Block[] {
  if (!filedOn) return [];
  const what = caseOf(caseName);
  return [para(`当事人${partyName}${what ? `${what}一案` : '一案'}，本局于${chineseDate(filedOn)}依法立案调查，现已调查终结。`)];
}

export function penaltyDecisionBlocks(d: PenaltyDecisionData, o: BuildOptions): Block[] {
  const total = monetaryTotal(d.penalty);
  const blocks: Block[] = [
    ...partyFields(d.party, o),
    ...openingSentence(d.party.name, d.caseName, d.filedOn),
    para(`经查，${d.facts.replace(/^经查[明，：:]*/, '')}`),
    para('上述事实，有下列证据证明：', { keepWithNext: true }),
    ...listParas(evidenceLines(d.evidence)),
  ];
  if (d.statements) blocks.push(para(d.statements));
  const what = caseOf(d.caseName);
  blocks.push(
    para(`本局认为，当事人的上述行为违反了${provisionsText(d.violated)}的规定${what ? `，构成${what}的违法行为` : ''}。`),
    para(discretionSentence(d.discretion)),
    para(`依据${provisionsText(d.penaltyBasis)}的规定，本局决定对当事人作出如下行政处罚：`, { keepWithNext: true }),
    ...listParas(penaltyLines(d.penalty)),
  );
  if (total > 0 && d.payment) blocks.push(para(paymentParagraph(d.payment, total)));
  blocks.push(...listParas(remediesParagraphs(d.remedies, { enforceable: true })));
  return blocks;
}

export function noPenaltyDecisionBlocks(d: NoPenaltyDecisionData, o: BuildOptions): Block[] {
  const blocks: Block[] = [
    ...partyFields(d.party, o),
    ...openingSentence(d.party.name, d.caseName, d.filedOn),
    para(`经查，${d.facts.replace(/^经查[明，：:]*/, '')}`),
    para('上述事实，有下列证据证明：', { keepWithNext: true }),
    ...listParas(evidenceLines(d.evidence)),
  ];
  const violated = d.violated?.length ? `当事人的上述行为违反了${provisionsText(d.violated)}的规定，但` : '';
  blocks.push(
    para(`本局认为，${violated}${d.reason.replace(/[。；]$/, '')}。依据${provisionsText(d.basis)}的规定，本局决定对当事人不予行政处罚。`),
  );
  if (d.correction) blocks.push(para(d.correction));
  blocks.push(...listParas(remediesParagraphs(d.remedies, { enforceable: false })));
  return blocks;
}

/**
 * 行政处罚告知书 and 听证告知书: the intended penalty, its facts, reasons and basis, and the party's rights
 * (行政处罚法 Art.44, 45; hearing: Art.63, 64(1) — request within 5 days).
 */
export function noticeBlocks(d: PenaltyNoticeData | HearingNoticeData, _o: BuildOptions): Block[] {
  const you = youOf(d.party);
  const what = caseOf(d.caseName);
  const blocks: Block[] = [
    para(`${d.party.name}：`, { indent: false }),
    para(`经查，${d.facts.replace(/^经查[明，：:]*/, '')}`),
  ];
  if (d.evidence?.length) blocks.push(para(`以上事实，有${d.evidence.map((e) => e.name).join('、')}等证据证明。`));
  blocks.push(para(`${you}的上述行为违反了${provisionsText(d.violated)}的规定${what ? `，构成${what}的违法行为` : ''}。`));
  if (d.discretion) blocks.push(para(discretionSentence(d.discretion).replace('当事人', you)));
  blocks.push(
    para(`依据${provisionsText(d.penaltyBasis)}的规定，本局拟对${you}作出如下行政处罚：`, { keepWithNext: true }),
    ...listParas(penaltyLines(d.intendedPenalty)),
  );
  const replyDays = chineseNumeral(d.replyWorkingDays ?? 5);
  blocks.push(
    para(
      `根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，${you}享有陈述、申辩的权利。${you}可以在收到本告知书之日起${replyDays}个工作日内向本局提出陈述、申辩意见；逾期未提出的，视为放弃陈述、申辩的权利。本局不因${you}陈述、申辩而给予更重的处罚。`,
    ),
  );
  if (d.kind === 'hearing_notice') {
    const hearingDays = chineseNumeral(d.hearingRequestDays ?? 5);
    blocks.push(
      para(
        `根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，${you}有权要求举行听证。如要求听证，应当在收到本告知书之日起${hearingDays}日内向本局提出；逾期未提出的，视为放弃听证权利。`,
      ),
    );
  }
  const c = d.contact;
  if (c && (c.person || c.phone || c.address)) {
    const parts = [c.person ? `联系人：${c.person}` : null, c.phone ? `联系电话：${c.phone}` : null].filter(Boolean).join('\u3000\u3000');
    if (parts) blocks.push(para(parts));
    if (c.address) blocks.push(para(`联系地址：${c.address}`));
  }
  return blocks;
}

export function investigationEndReportBlocks(d: InvestigationEndReportData, o: BuildOptions): Block[] {
  const blocks: Block[] = [
    ...(d.caseName ? [field('案由', d.caseName)] : []),
    { type: 'heading', text: '一、当事人基本情况' },
    ...partyFields(d.party, o),
    { type: 'heading', text: '二、案件来源及调查经过' },
    para(`本案来源于${d.source}，于${chineseDate(d.filedOn)}立案。${d.process}`),
    { type: 'heading', text: '三、调查认定的违法事实及证据' },
    para(d.facts),
    para('上述事实，有下列证据证明：', { keepWithNext: true }),
    ...listParas(evidenceLines(d.evidence)),
    { type: 'heading', text: '四、违法行为性质及法律依据' },
    para(`当事人的上述行为违反了${provisionsText(d.violated)}的规定。${d.penaltyBasis?.length ? `依据${provisionsText(d.penaltyBasis)}的规定予以处罚。` : ''}`),
  ];
  if (d.discretion) blocks.push(para(discretionSentence(d.discretion)));
  blocks.push({ type: 'heading', text: '五、处理意见' }, para(d.proposal));
  blocks.push({
    type: 'signatures',
    items: [
      { label: '承办人', value: officersText(d.handlers) },
      { label: '日期', value: chineseDate(d.date) },
    ],
  });
  return blocks;
}

const REVIEW_RESULT: Record<'pass' | 'fail' | 'not_applicable', string> = { pass: '符合', fail: '不符合', not_applicable: '不适用' };
const REVIEW_OUTCOME: Record<LegalReviewOpinionData['outcome'], string> = {
  agree: '同意。主体合法，事实清楚，证据确凿，适用依据正确，程序合法，处理适当。',
  correct: '建议修改后重新送审。',
  investigate_further: '建议补充调查后重新送审。',
};

/** 法制审核意见书 (行政处罚法 Art.58; domain-rules §4): what was checked, the conclusion and the reviewers. */
export function legalReviewBlocks(d: LegalReviewOpinionData, _o: BuildOptions): Block[] {
  const what = caseOf(d.caseName);
  const blocks: Block[] = [
    field('当事人', d.party.name),
    ...(what ? [field('案由', what)] : []),
    field('送审机构', d.submittedBy),
    field('送审日期', chineseDate(d.submittedOn)),
    para(
      `根据《中华人民共和国行政处罚法》第五十八条的规定，本机构对${d.submittedBy}送审的${d.party.name}${what ? `${what}` : ''}一案进行了法制审核，审核情况如下：`,
    ),
  ];
  if (d.checklist.length) {
    blocks.push({
      type: 'table',
      widths: [0.46, 0.16, 0.38],
      fontScale: 0.875,
      rows: [
        { cells: [labelCell('审核事项'), labelCell('审核结果'), labelCell('说明')] },
        ...d.checklist.map((c) => ({ cells: [cell(c.item), cell(REVIEW_RESULT[c.result], { align: 'center' as const }), cell(c.comment ?? '')] })),
      ],
    });
  }
  blocks.push(
    para([{ text: '审核结论：', bold: true }, { text: REVIEW_OUTCOME[d.outcome] }]),
    para([{ text: '审核意见：', bold: true }, { text: d.opinion }]),
    {
      type: 'signatures',
      items: [
        { label: '法制审核人员', value: d.reviewers.map((r) => (r.certificateNo ? `${r.name}（证号：${r.certificateNo}）` : r.name)).join('、') },
        { label: '法制审核机构负责人', value: '' },
        { label: '日期', value: chineseDate(d.date) },
      ],
    },
  );
  return blocks;
}

