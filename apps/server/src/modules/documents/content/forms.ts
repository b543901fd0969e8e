/**
 * Forms (表格式): approval forms with one signed opinion box per approver, and the proof of service (送达回证).
 */
import { chineseDate } from '../chinese-text.ts';
import type { ApprovalEntry, ClosingApprovalData, FilingApprovalData, ServiceMethod, ServiceReceiptData } from '../types.ts';
import { namesText, partyText, provisionsText, type BuildOptions } from './common.ts';
import { cell, labelCell, para, type Block, type TableRow } from './model.ts';

const FOUR_COLS = [0.22, 0.28, 0.22, 0.28];
const wide = (label: string, value: string, minLines?: number): TableRow => ({
  cells: [labelCell(label), cell(value, { span: 3 })],
  ...(minLines ? { minLines } : {}),
});

/** One signed box per approver; unsigned boxes keep their room for a hand-written opinion. */
function approvalRows(entries: ApprovalEntry[]): TableRow[] {
  return entries.map((a) => ({
    cells: [labelCell(a.role), { runs: [{ text: a.opinion ?? '' }], span: 3, sign: { ...(a.signer ? { signer: a.signer } : {}), ...(a.date ? { date: chineseDate(a.date) } : {}) } }],
    minLines: 3,
  }));
}

/** The standard approval chain when the data names none (SAMR Art.20: filing approved by the agency head). */
const DEFAULT_FILING_CHAIN: ApprovalEntry[] = [{ role: '承办人意见' }, { role: '承办机构意见' }, { role: '机关负责人意见' }];

export function filingApprovalBlocks(d: FilingApprovalData, o: BuildOptions): Block[] {
  const suspected = [d.suspectedViolation, d.legalBasis?.length ? `涉嫌违反${provisionsText(d.legalBasis)}的规定。` : null].filter(Boolean).join('\n');
  return [
    {
      type: 'table',
      widths: FOUR_COLS,
      fontScale: 0.75,
      rows: [
        { cells: [labelCell('案件来源'), cell(d.source), labelCell('受案时间'), cell(chineseDate(d.sourceDate))] },
        ...(d.caseName ? [wide('案由', d.caseName)] : []),
        wide('当事人', partyText(d.party, o)),
        wide('案情简介', d.summary, 4),
        ...(suspected ? [wide('涉嫌违法行为及依据', suspected)] : []),
        wide('承办人', d.handlers.map((h) => (h.certificateNo ? `${h.name}（${h.certificateNo}）` : h.name)).join('、')),
        ...approvalRows(d.approvals.length ? d.approvals : DEFAULT_FILING_CHAIN),
        wide('备注', d.remarks ?? ''),
      ],
    },
  ];
}

const DEFAULT_CLOSING_CHAIN: ApprovalEntry[] = [{ role: '承办人意见' }, { role: '承办机构意见' }, { role: '机关负责人意见' }];

/** 结案审批表 (SAMR Art.77: within 15 working days after execution or another closing ground). */
export function closingApprovalBlocks(d: ClosingApprovalData, o: BuildOptions): Block[] {
  return [
    {
      type: 'table',
      widths: FOUR_COLS,
      fontScale: 0.75,
      rows: [
        ...(d.caseName ? [wide('案由', d.caseName)] : []),
        { cells: [labelCell('立案日期'), cell(chineseDate(d.filedOn)), labelCell('填表日期'), cell(chineseDate(d.date))] },
        wide('当事人', partyText(d.party, o)),
        ...(d.decision ? [wide('处理决定', `${d.decision.number}（${chineseDate(d.decision.date)}）\n${d.decision.content}`)] : []),
        wide('执行情况', d.execution, 2),
        wide('结案理由', d.closingReason, 2),
        wide('承办人', namesText(d.handlers)),
        ...approvalRows(d.approvals.length ? d.approvals : DEFAULT_CLOSING_CHAIN),
      ],
    },
  ];
}

const METHOD_LABELS: Record<ServiceMethod, string> = {
  direct: '直接送达',
  left: '留置送达',
  post: '邮寄送达',
  electronic: '电子送达',
  entrusted: '委托送达',
  public_notice: '公告送达',
};

/** 送达回证 (行政处罚法 Art.61; SAMR Art.82): what was served, on whom, how and when, with the recipient's signature. */
export function serviceReceiptBlocks(d: ServiceReceiptData, _o: BuildOptions): Block[] {
  const TWO = [0.3, 0.7];
  const row = (label: string, value: string, minLines?: number): TableRow => ({ cells: [labelCell(label), cell(value)], ...(minLines ? { minLines } : {}) });
  return [
    {
      type: 'table',
      widths: TWO,
      fontScale: 0.75,
      rows: [
        row('送达文书名称及文号', d.served.map((s) => `《${s.title.replace(/^《|》$/g, '')}》${s.number ? `（${s.number}）` : ''}`).join('\n'), 2),
        row('受送达人', d.recipient),
        row('送达地点', d.address),
        row('送达方式', METHOD_LABELS[d.method] ?? d.method),
        row('送达时间', d.servedAt ? chineseDate(d.servedAt) : '\u3000\u3000年\u3000\u3000月\u3000\u3000日\u3000\u3000时\u3000\u3000分'),
        { cells: [labelCell('受送达人签名或者盖章'), { runs: [{ text: '' }], sign: {} }], minLines: 3 },
        row('代收人及代收理由', d.proxy ? `${d.proxy.name}（${d.proxy.reason}）` : ''),
        row('见证人', d.witness ?? ''),
        { cells: [labelCell('送达人'), { runs: [{ text: namesText(d.servers) }], sign: {} }], minLines: 3 },
        row('备注', d.remarks ?? '', 2),
      ],
    },
    para(
      '说明：受送达人拒绝签收的，送达人可以邀请有关基层组织或者所在单位的代表到场，说明情况，在送达回证上记明拒收事由和日期，由送达人、见证人签名或者盖章，把文书留在受送达人的住所；也可以把文书留在受送达人的住所，并采用拍照、录像等方式记录送达过程，即视为送达（参照《中华人民共和国民事诉讼法》关于留置送达的规定）。',
      { small: true },
    ),
  ];
}
