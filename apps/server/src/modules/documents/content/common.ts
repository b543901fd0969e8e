import { maskIdNumber } from '@zhifa/domain';
import { amountPhrase, chineseDate, chineseNumeral } from '../chinese-text.ts';
import type { DiscretionReasoning, EvidenceItem, LegalProvision, OfficerRef, Party, PenaltyItem, Remedies, PaymentInstructions } from '../types.ts';
import { field, para, type Block } from './model.ts';

export interface BuildOptions {
  /** Print natural persons' ID numbers in full (only on the copy served on that person); masked by default. */
  showFullIdNumbers?: boolean;
}

export const idNumberOf = (id: string | undefined, o: BuildOptions) => (id ? (o.showFullIdNumbers ? id : maskIdNumber(id)) : '');

/** “你单位” for an organisation, “你” for a person: how notices address the party. */
export const youOf = (p: Party) => (p.type === 'organisation' ? '你单位' : '你');

/** The party block at the head of decisions and reports (SAMR template order). */
export function partyFields(p: Party, o: BuildOptions, label = '当事人'): Block[] {
  if (p.type === 'organisation') {
    return [
      field(label, p.name),
      ...(p.licence ? [field('主体资格证照名称', p.licence)] : []),
      field('统一社会信用代码', p.uscc),
      ...(p.address ? [field('住所（住址）', p.address)] : []),
      ...(p.legalRepresentative ? [field('法定代表人（负责人、经营者）', p.legalRepresentative)] : []),
      ...(p.phone ? [field('联系电话', p.phone)] : []),
    ];
  }
  return [
    field(label, [p.name, p.gender].filter(Boolean).join('，')),
    ...(p.idNumber ? [field('身份证件号码', idNumberOf(p.idNumber, o))] : []),
    ...(p.workplace ? [field('工作单位', p.workplace)] : []),
    ...(p.address ? [field('住址', p.address)] : []),
    ...(p.phone ? [field('联系电话', p.phone)] : []),
  ];
}

/** The party in one multi-line table cell (approval forms). */
export function partyText(p: Party, o: BuildOptions): string {
  if (p.type === 'organisation') {
    return [
      `名称：${p.name}`,
      `统一社会信用代码：${p.uscc}`,
      p.legalRepresentative ? `法定代表人（负责人）：${p.legalRepresentative}` : null,
      p.address ? `住所：${p.address}` : null,
      p.phone ? `联系电话：${p.phone}` : null,
    ].filter(Boolean).join('\n');
  }
  return [
    `姓名：${p.name}${p.gender ? `\u3000性别：${p.gender}` : ''}`,
    p.idNumber ? `身份证件号码：${idNumberOf(p.idNumber, o)}` : null,
    p.address ? `住址：${p.address}` : null,
    p.phone ? `联系电话：${p.phone}` : null,
  ].filter(Boolean).join('\n');
}

const bracketLaw = (law: string) => (law.startsWith('《') ? law : `《${law}》`);

/** 《食品安全法》第三十四条第（十）项、《…》第…条: consecutive articles of one law share its name. */
export function provisionsText(list: LegalProvision[] | undefined): string {
  if (!list?.length) return '';
  const parts: string[] = [];
  let lastLaw: string | null = null;
  for (const p of list) {
    const article = p.article?.trim() ?? '';
    // Without an article the law field is a whole free-text citation: print it as given.
    const law = article ? bracketLaw(p.law.trim()) : p.law.trim();
    parts.push(law === lastLaw && article ? article : `${law}${article}`);
    lastLaw = law;
  }
  return parts.join('、');
}

export const officersText = (list: OfficerRef[]) =>
  list.map((o) => (o.certificateNo ? `${o.name}（执法证号：${o.certificateNo}）` : o.name)).join('、');
export const namesText = (list: OfficerRef[]) => list.map((o) => o.name).join('、');

const PENALTY_LABELS: Record<PenaltyItem['type'], string> = {
  warning: '警告',
  circulate_criticism: '通报批评',
  fine: '罚款',
  confiscate_gains: '没收违法所得',
  confiscate_property: '没收非法财物',
  suspend_licence: '暂扣许可证件',
  lower_qualification: '降低资质等级',
  revoke_licence: '吊销许可证件',
  restrict_business: '限制开展生产经营活动',
  suspend_business: '责令停产停业',
  close: '责令关闭',
  restrict_practice: '限制从业',
  other: '其他行政处罚',
};

/** One line per penalty: “1. 罚款人民币贰仟元整（¥2,000.00）；”, the last ending with “。”. */
export function penaltyLines(items: PenaltyItem[]): string[] {
  return items.map((p, i) => {
    const end = i === items.length - 1 ? '。' : '；';
    let body: string;
    if ('amountYuan' in p) body = `${PENALTY_LABELS[p.type]}${amountPhrase(p.amountYuan)}`;
    else if ('detail' in p) body = p.type === 'other' ? p.detail : `${PENALTY_LABELS[p.type]}：${p.detail}`;
    else body = PENALTY_LABELS[p.type];
    return `${chineseNumeral(i + 1)}、${body}${end}`;
  });
}

export const monetaryTotal = (items: PenaltyItem[]) => items.reduce((s, p) => s + ('amountYuan' in p ? p.amountYuan : 0), 0);

export function evidenceLines(items: EvidenceItem[]): string[] {
  return items.map((e, i) => `${i + 1}. ${e.name}${e.proves ? `，证明${e.proves}` : ''}${i === items.length - 1 ? '。' : '；'}`);
}

export function discretionSentence(d: DiscretionReasoning): string {
  const source = d.benchmark ? `根据${d.benchmark}` : '根据本机关行政处罚裁量基准';
  const why = d.justification.replace(/[。；;.]$/, '');
  return `${source}，当事人的违法行为属于“${d.tier}”情形：${why}。`;
}

/**
 * Payment wording (行政处罚法 Art.67: within 15 days, at the designated bank, 罚缴分离; Art.72(1)(一): 3 % of the fine
 * per day late, never more than the fine itself).
 */
export function paymentParagraph(pay: PaymentInstructions, total: number): string {
  const days = chineseNumeral(pay.dueDays ?? 15);
  const rate = pay.surchargeRatePercentPerDay ?? 3;
  const account = [pay.accountName ? `户名：${pay.accountName}` : null, pay.account ? `账号：${pay.account}` : null, pay.reference ? `缴款码：${pay.reference}` : null]
    .filter(Boolean)
    .join('，');
  return (
    `当事人应当自收到本决定书之日起${days}日内，将罚没款${amountPhrase(total)}缴至${pay.bank}${account ? `（${account}）` : ''}。` +
    `到期不缴纳罚款的，本机关将依据《中华人民共和国行政处罚法》第七十二条第一款第（一）项的规定，每日按罚款数额的百分之${chineseNumeral(rate)}加处罚款，加处罚款的数额不超出罚款的数额。`
  );
}

/**
 * Remedies wording: 行政复议法 (2023) Art.20 (60 days), 行政诉讼法 Art.46 (6 months); 行政处罚法 Art.73: a challenge does
 * not suspend execution; 行政强制法 Art.53: otherwise the agency applies to the court for enforcement.
 */
export function remediesParagraphs(r: Remedies, opts: { enforceable: boolean }): string[] {
  const days = chineseNumeral(r.reconsiderationDays ?? 60);
  const months = chineseNumeral(r.litigationMonths ?? 6);
  const out = [
    `当事人如不服本决定，可以在收到本决定书之日起${days}日内向${r.reconsiderationBody}申请行政复议；也可以在收到本决定书之日起${months}个月内直接向${r.court}提起行政诉讼。`,
  ];
  if (opts.enforceable) {
    out.push(
      '申请行政复议或者提起行政诉讼的，行政处罚不停止执行，法律另有规定的除外。当事人逾期不申请行政复议、不提起行政诉讼，又不履行本行政处罚决定的，本机关将依法申请人民法院强制执行。',
    );
  }
  return out;
}

/** 2026年1月3日9时30分至10时20分 (the end's date is repeated only when it differs). */
export function periodText(start: string, end: string): string {
  const s = chineseDate(start);
  const e = chineseDate(end);
  const sameDay = start.slice(0, 10) === end.slice(0, 10);
  return `${s}至${sameDay ? e.replace(/^\d+年\d+月\d+日/, '') : e}`;
}

export const listParas = (lines: string[]) => lines.map((l) => para(l));
