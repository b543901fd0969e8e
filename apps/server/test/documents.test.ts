/**
 * Documents module, rendering: every kind renders to a PDF whose text says what the official form says, with the
 * CJK fonts embedded; the decision refuses to render without its statutory content (行政处罚法 Art.59); DOCX output
 * is a valid Office file; amounts are written in Chinese uppercase. Pure rendering: no database.
 * Text is read back with poppler's pdftotext/pdffonts (poppler-utils, installed by .ci/run).
 */
import { AppError } from '@zhifa/domain';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  amountInChineseUppercase,
  chineseNumeral,
  DOCUMENT_KIND_CODES,
  DOCUMENT_KINDS,
  renderDocx,
  renderPdf,
  resolveDocumentKinds,
  SAMPLE_DOCUMENTS,
  type DocumentData,
  type DocumentKind,
  type PenaltyDecisionData,
} from '../src/modules/documents/index.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-docs-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function pdfText(pdf: Buffer, name: string): string {
  const file = path.join(tmp, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}
/** pdftotext -layout pads and breaks lines; compare against the text with all whitespace removed. */
const squeeze = (s: string) => s.replace(/\s+/g, '');

/** Strings each kind's PDF must contain (beyond its title and number): its statutory wording and key data. */
const EXPECTED: Record<DocumentKind, string[]> = {
  filing_approval: ['案件来源', '受案时间', '案情简介', '机关负责人意见', '秦皇岛某某食品有限公司', '2026年1月9日'],
  onsite_inspection_record: ['检查时间', '2026年1月8日9时30分至10时20分', '执法证号：13030001001', '申请回避', '检查情况'],
  inquiry_record: ['询问人', '被询问人', '1303**********0026', '问：', '答：', '与我所说的一致'],
  investigation_end_report: ['一、当事人基本情况', '五、处理意见', '《中华人民共和国食品安全法》第三十四条第（十）项'],
  legal_review_opinion: ['第五十八条', '审核事项', '符合', '审核结论', '刘静'],
  penalty_notice: ['你单位享有陈述、申辩的权利', '五个工作日内', '罚款人民币贰仟元整（¥2,000.00）', '第四十四条'],
  hearing_notice: ['有权要求举行听证', '五日内', '罚款人民币伍万贰仟元整（¥52,000.00）', '第六十四条'],
  hearing_record: ['听证主持人', '听证方式', '公开', '委托代理人', '调查人员'],
  penalty_decision: [
    '统一社会信用代码：91130302MA0A1B2C38',
    '法定代表人（负责人、经营者）：王某某',
    '上述事实，有下列证据证明',
    '违反了《中华人民共和国食品安全法》第三十四条第（十）项的规定',
    '“从轻”情形',
    '依据《中华人民共和国食品安全法》第一百二十四条第一款第（五）项的规定',
    '没收违法所得人民币贰佰伍拾贰元整（¥252.00）',
    '罚款人民币贰仟元整（¥2,000.00）',
    '十五日内',
    '中国工商银行秦皇岛海港支行',
    '每日按罚款数额的百分之三加处罚款',
    '六十日内向秦皇岛市海港区人民政府申请行政复议',
    '六个月内直接向秦皇岛市海港区人民法院提起行政诉讼',
    '2026年2月10日',
  ],
  no_penalty_decision: ['不予行政处罚', '第三十三条第一款', '1303**********0026', '六十日内', '六个月内'],
  service_receipt: ['送达文书名称及文号', '《行政处罚决定书》（海市监罚〔2026〕12号）', '直接送达', '受送达人签名或者盖章', '送达人'],
  closing_approval: ['执行情况', '结案理由', '海市监罚〔2026〕12号', '行政处罚决定已执行完毕'],
  licence_supplement_notice: ['一次性告知', '第三十二条第一款第（四）项', '食品安全管理制度文本', '主要设备设施布局图', 'XK2026030100012'],
  licence_acceptance_notice: ['决定自2026年3月10日起受理', '二十个工作日内', '2026年4月8日', '第四十二条'],
  licence_non_acceptance_notice: ['决定不予受理', '不属于本机关职权范围', '秦皇岛市药品监督管理部门', '六十日内', '提起行政诉讼'],
  licence_extension_notice: ['第四十二条第一款', '本机关负责人于2026年4月3日批准', '延长十个工作日', '2026年4月22日'],
  licence_grant_decision: ['申请人：秦皇岛某某食品有限公司', '决定准予', '第三十八条第一款', '预包装食品销售', '十个工作日内', '六十日内向秦皇岛市海港区人民政府申请行政复议'],
  licence_refusal_decision: ['决定不予行政许可', '第三十八条第二款', '理由：经现场核查', '六十日内', '秦皇岛市海港区人民法院提起行政诉讼'],
  inspection_notice: ['2026年5月12日', '第一百一十条', '张明（执法证号：13030001001）', '申请回避', '陈述、申辩的权利'],
  inspection_result_notice: ['冷藏柜温度记录不完整', '责令你单位于2026年5月27日前改正', '第二十八条第一款'],
  coercion_decision: ['实施扣押', '“某某牌”纯牛奶', '48', '期限为三十日', '2026年2月6日', '第二十四条', '陈述权、申辩权', '六十日内', '六个月内'],
  coercion_inventory: ['海市监强制〔2026〕5号', '48', '外包装完好', '一式二份', '执法人员签名'],
  coercion_extension_decision: ['延长三十日', '至2026年3月8日止', '第二十五条第一款', '检验结果尚未出具'],
  coercion_release_decision: ['解除查封', '与违法行为无关', '第二十八条第一款第（二）项', '冷藏库（编号2号）'],
  payment_schedule_approval: ['第六十六条第二款', '同意你单位分期缴纳罚款', '2026年3月15日', '1,000.00', '第二期'],
  payment_reminder: ['海市监罚〔2026〕12号', '逾期12日', '加处罚款720.00元', '应缴合计2,720.00元', '第三十五条', '第五十四条', '十日内（工作日）', '陈述和申辩'],
  enforcement_application: ['秦皇岛市海港区人民法院：', '被申请人：秦皇岛某某食品有限公司', '加处罚款2,000.00元', '已达罚款数额', '2026年3月11日', '第五十五条', '附：', '行政机关负责人（签名）：陈某'],
  onsite_penalty_decision: ['2026年6月2日10:15', '秦皇岛市海港区建设大街120号门前', '第五十一条', '罚款人民币贰佰元整', '当事人陈述、申辩：当事人承认上述事实', '六十日内', '执法人员（签名、执法证号）'],
};

const PAGE_FOOTERS: Partial<Record<DocumentKind, string>> = {
  onsite_inspection_record: '当事人（现场负责人）签名：\u3000\u3000\u3000\u3000\u3000\u3000\u3000检查人员签名：',
  inquiry_record: '被询问人签名：\u3000\u3000\u3000\u3000\u3000\u3000\u3000询问人签名：',
  hearing_record: '当事人（代理人）签名：\u3000\u3000\u3000\u3000\u3000\u3000\u3000记录员签名：',
};

describe('document registry', () => {
  it('describes every kind with titles, business characters and seal/service flags', () => {
    expect(Object.keys(DOCUMENT_KINDS).sort()).toEqual([...DOCUMENT_KIND_CODES].sort());
    for (const code of DOCUMENT_KIND_CODES) {
      const k = DOCUMENT_KINDS[code];
      expect(k.code).toBe(code);
      expect(k.titleZh).toMatch(/^[\u4e00-\u9fa5、（）]+$/);
      expect(k.titleEn.length).toBeGreaterThan(3);
      // Whatever is sealed is numbered; issued to the party, it must be served (the application for enforcement
      // goes to the court instead, 行政强制法 Art.55).
      if (k.sealed) expect(k.business !== null && (k.served || code === 'enforcement_application')).toBe(true);
    }
    expect(DOCUMENT_KINDS.penalty_decision).toMatchObject({ business: '罚', sealed: true, served: true });
    expect(DOCUMENT_KINDS.hearing_notice).toMatchObject({ titleZh: '听证告知书', business: '听告', sealed: true });
    expect(DOCUMENT_KINDS.inquiry_record).toMatchObject({ sealed: false, served: false, business: null });
  });

  it('applies local overrides and refuses unknown kinds', () => {
    const local = resolveDocumentKinds({ penalty_notice: { business: '告' } });
    expect(local.penalty_notice.business).toBe('告');
    expect(local.penalty_decision.business).toBe('罚');
    expect(DOCUMENT_KINDS.penalty_notice.business).toBe('罚告');
    expect(() => resolveDocumentKinds({ penalty_decisoin: { business: 'x' } })).toThrow(/Unknown document kind 'penalty_decisoin'/);
  });
});

describe('amounts and numerals in Chinese', () => {
  it.each([
    [0, '零元整'],
    [0.05, '伍分'],
    [0.5, '伍角'],
    [0.29, '贰角玖分'],
    [1, '壹元整'],
    [10, '壹拾元整'],
    [15, '壹拾伍元整'],
    [105, '壹佰零伍元整'],
    [252, '贰佰伍拾贰元整'],
    [325.04, '叁佰贰拾伍元零肆分'],
    [1000.1, '壹仟元壹角'],
    [1010, '壹仟零壹拾元整'],
    [1234.5, '壹仟贰佰叁拾肆元伍角'],
    [1680.32, '壹仟陆佰捌拾元叁角贰分'],
    [2000, '贰仟元整'],
    [10500, '壹万零伍佰元整'],
    [52000, '伍万贰仟元整'],
    [100010, '壹拾万零壹拾元整'],
    [107000.53, '壹拾万柒仟元伍角叁分'],
    [1000000, '壹佰万元整'],
    [100000000, '壹亿元整'],
    [100010000, '壹亿零壹万元整'],
    [101000000, '壹亿零壹佰万元整'],
    [123456789.12, '壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元壹角贰分'],
  ])('%d → %s', (yuan, words) => {
    expect(amountInChineseUppercase(yuan)).toBe(words);
  });

  it('refuses amounts it cannot write', () => {
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, 1e13]) expect(() => amountInChineseUppercase(bad)).toThrow(RangeError);
  });

  it.each([
    [5, '五'],
    [10, '十'],
    [15, '十五'],
    [60, '六十'],
    [105, '一百零五'],
    [1010, '一千零一十'],
  ])('numeral %d → %s', (n, words) => {
    expect(chineseNumeral(n)).toBe(words);
  });
});

describe('PDF rendering', () => {
  const pdfs = new Map<DocumentKind, Buffer>();
  beforeAll(async () => {
    for (const kind of DOCUMENT_KIND_CODES) pdfs.set(kind, await renderPdf(SAMPLE_DOCUMENTS[kind]));
  });

  it.each(DOCUMENT_KIND_CODES.map((k) => [k]))('%s: title, agency, number and its wording', (kind) => {
    const data: DocumentData = SAMPLE_DOCUMENTS[kind];
    const raw = squeeze(pdfText(pdfs.get(kind)!, kind));
    // Page breaks put the page number (and a record's signature line) inside sentences: read without them.
    const footer = PAGE_FOOTERS[kind];
    const text = raw.replace(/—\d+—/g, '').replaceAll(footer ? squeeze(footer) : '\u0000', '');
    expect(text).toContain(data.agency.name);
    expect(text).toContain(DOCUMENT_KINDS[kind].titleZh);
    if (data.number) expect(text).toContain(data.number);
    else if (data.caseNo) expect(text).toContain(data.caseNo);
    for (const s of EXPECTED[kind]) expect(text, `${kind} should say ${s}`).toContain(squeeze(s));
    // Page numbers “— n —” on every page.
    expect(raw).toContain('—1—');
  });

  it('embeds subset CJK fonts (no font left to the reader)', () => {
    const file = path.join(tmp, 'fonts.pdf');
    fs.writeFileSync(file, pdfs.get('penalty_decision')!);
    const out = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    const rows = out.split('\n').slice(2).filter(Boolean);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) {
      expect(row).toMatch(/\+NotoSerifCJKsc-(Regular|Bold)|\+NotoSansCJKsc-Bold/);
      expect(row).toMatch(/CID Type 0C\s+Identity-H\s+yes\s+yes\s+yes/);
    }
  });

  it('is deterministic: the same data gives the same bytes, dated by the document', async () => {
    const again = await renderPdf(SAMPLE_DOCUMENTS.penalty_decision);
    expect(again.equals(pdfs.get('penalty_decision')!)).toBe(true);
    const info = execFileSync('pdfinfo', [path.join(tmp, 'fonts.pdf')], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+[1-9]/);
    expect(info).toMatch(/CreationDate:.*2026/);
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
  });

  it('masks ID numbers unless the served copy asks for them in full', async () => {
    const masked = squeeze(pdfText(pdfs.get('no_penalty_decision')!, 'np-masked'));
    expect(masked).not.toContain('130302198503120026');
    const full = squeeze(pdfText(await renderPdf(SAMPLE_DOCUMENTS.no_penalty_decision, { showFullIdNumbers: true }), 'np-full'));
    expect(full).toContain('130302198503120026');
  });

  it('breaks long content over pages and keeps page numbers in order', async () => {
    const long: PenaltyDecisionData = {
      ...SAMPLE_DOCUMENTS.penalty_decision,
      facts: SAMPLE_DOCUMENTS.penalty_decision.facts.repeat(8),
      evidence: Array.from({ length: 30 }, (_, i) => ({ name: `证据材料第${i + 1}项`, proves: '相关事实' })),
    };
    const text = pdfText(await renderPdf(long), 'long');
    const pages = text.split('\f').filter((p) => p.trim());
    expect(pages.length).toBeGreaterThanOrEqual(5);
    pages.forEach((p, i) => expect(squeeze(p)).toContain(`—${i + 1}—`));
    expect(squeeze(pages.at(-1)!)).toContain('2026年2月10日');
  });

  it('splits a table cell longer than a page, repeating its label', async () => {
    const sentence = '当事人经营场所货架上摆放待售的纯牛奶已超过保质期。';
    const summary = `${sentence.repeat(60)}案情简介到此结束。`;
    const text = pdfText(await renderPdf({ ...SAMPLE_DOCUMENTS.filing_approval, summary }), 'long-form');
    const pages = text.split('\f').filter((p) => p.trim());
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(squeeze(pages[1]!)).toContain('案情简介（续）');
    const all = squeeze(text).replace(/—\d+—/g, '');
    expect(all).toContain('案情简介到此结束');
    expect(all).toContain('机关负责人意见');
  });
});

describe('the decision refuses to render without its statutory content (行政处罚法 Art.59)', () => {
  const decision = SAMPLE_DOCUMENTS.penalty_decision;
  const refusal = async (d: unknown) => {
    try {
      await renderPdf(d as DocumentData);
    } catch (e) {
      return e;
    }
    throw new Error('rendered although content was missing');
  };

  it('without remedies', async () => {
    const { remedies: _r, ...noRemedies } = decision;
    const e = await refusal(noRemedies);
    expect(e).toBeInstanceOf(AppError);
    const err = e as AppError;
    expect(err.code).toBe('RULE_VIOLATION');
    expect(err.message).toMatch(/remedies/);
    expect(err.message).toMatch(/第五十九条/);
    expect(err.messageZh).toContain('申请行政复议、提起行政诉讼的途径和期限');
    expect(err.details).toMatchObject({ kind: 'penalty_decision', missing: ['remedies'], citation: '《中华人民共和国行政处罚法》第五十九条' });
  });

  it('with a remedies text missing its court, or a fine without where to pay it, or no discretion reasoning', async () => {
    const noCourt = (await refusal({ ...decision, remedies: { reconsiderationBody: '秦皇岛市海港区人民政府', court: ' ' } })) as AppError;
    expect(noCourt.details?.['missing']).toEqual(['remedies.court']);
    const { payment: _p, ...noPayment } = decision;
    expect(((await refusal(noPayment)) as AppError).details?.['missing']).toEqual(['payment.bank']);
    const { discretion: _d, ...noDiscretion } = decision;
    expect(((await refusal(noDiscretion)) as AppError).details?.['missing']).toEqual(['discretion']);
    const noAddress = { ...decision, party: { ...decision.party, address: '' } };
    expect(((await refusal(noAddress)) as AppError).details?.['missing']).toEqual(['party.address']);
    const zeroFine = { ...decision, penalty: [{ type: 'fine', amountYuan: 0 }] };
    expect(((await refusal(zeroFine)) as AppError).details?.['missing']).toEqual(['penalty[0].amountYuan']);
  });

  it('the no-penalty decision needs its remedies too; an unknown kind is refused', async () => {
    const { remedies: _r, ...np } = SAMPLE_DOCUMENTS.no_penalty_decision;
    expect(((await refusal(np)) as AppError).details?.['missing']).toEqual(['remedies']);
    expect(((await refusal({ ...decision, kind: 'penalty_decison' })) as AppError).code).toBe('VALIDATION_FAILED');
  });

  it('says clearly when a configured font is missing', async () => {
    await expect(renderPdf(decision, { fonts: { regular: { path: '/nonexistent/font.ttc', postscriptName: 'X' } } })).rejects.toThrow(
      /Document font 'regular' not found at \/nonexistent\/font\.ttc/,
    );
  });
});

/** Minimal ZIP reader (central directory → local header → inflate): enough to check a DOCX without extra packages. */
function unzip(buf: Buffer): Map<string, Buffer> {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip: no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory entry');
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(dataStart, dataStart + compressed);
    out.set(name, method === 8 ? zlib.inflateRawSync(data) : Buffer.from(data));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

describe('DOCX rendering', () => {
  it.each([['penalty_decision'], ['filing_approval'], ['inquiry_record']] as const)('%s is a valid Office file with the Chinese title', async (kind) => {
    const docx = await renderDocx(SAMPLE_DOCUMENTS[kind]);
    expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
    const files = unzip(docx);
    expect([...files.keys()]).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml']));
    const xml = files.get('word/document.xml')!.toString('utf8');
    expect(xml).toContain(`>${DOCUMENT_KINDS[kind].titleZh}<`);
    expect(xml).toContain('w:eastAsia="Noto Serif CJK SC"');
    expect(xml).toContain(SAMPLE_DOCUMENTS[kind].agency.name);
    if (kind === 'penalty_decision') {
      expect(xml).toContain('罚款人民币贰仟元整（¥2,000.00）');
      expect(xml).toContain('海市监罚〔2026〕12号');
    }
  });

  it('uses the configured East Asian font and refuses incomplete decisions like the PDF', async () => {
    const xml = unzip(await renderDocx(SAMPLE_DOCUMENTS.penalty_notice, { eastAsiaFont: '仿宋' })).get('word/document.xml')!.toString('utf8');
    expect(xml).toContain('w:eastAsia="仿宋"');
    const { remedies: _r, ...noRemedies } = SAMPLE_DOCUMENTS.penalty_decision;
    await expect(renderDocx(noRemedies as DocumentData)).rejects.toThrow(/remedies/);
  });
});
