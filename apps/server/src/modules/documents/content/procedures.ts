/**
 * Letters and forms of licensing, inspection, coercive measures, execution and the simplified procedure. Each statutory
 * sentence names its article; the wording follows the national templates in substance (行政许可文书, 行政强制文书,
 * SAMR 2021 行政处罚文书格式范本).
 */
import { amountPhrase, chineseDate, chineseNumeral, formatYuan } from '../chinese-text.ts';
import type {
  CoercionDecisionData,
  CoercionExtensionDecisionData,
  CoercionInventoryData,
  CoercionReleaseDecisionData,
  EnforcementApplicationData,
  ExecutionAccountView,
  InspectionNoticeData,
  InspectionResultNoticeData,
  LicenceAcceptanceNoticeData,
  LicenceExtensionNoticeData,
  LicenceGrantDecisionData,
  LicenceNonAcceptanceNoticeData,
  LicenceRefusalDecisionData,
  LicenceSupplementNoticeData,
  OnsitePenaltyDecisionData,
  PaymentReminderData,
  PaymentScheduleApprovalData,
  SeizedItem,
  PaymentInstructions,
  Party,
  Remedies,
} from '../types.ts';
import { listParas, monetaryTotal, officersText, partyFields, partyText, penaltyLines, provisionsText, youOf, type BuildOptions } from './common.ts';
import { cell, field, labelCell, para, type Block } from './model.ts';

/** “2,720.00元”: amounts in running text of execution documents. */
const yuan = (n: number) => `${formatYuan(n).replace(/^¥/, '')}元`;

const addressee = (p: Party): Block => para(`${p.name}：`, { indent: false });

/** 行政复议法 (2023) Art.20 (60 days), 行政诉讼法 Art.46 (6 months), for a decision of this letter. */
function remediesSentence(r: Remedies, you: string, what = '本决定'): string {
  return `${you}如不服${what}，可以在收到之日起${chineseNumeral(r.reconsiderationDays ?? 60)}日内向${r.reconsiderationBody}申请行政复议，也可以在${chineseNumeral(r.litigationMonths ?? 6)}个月内依法向${r.court}提起行政诉讼。`;
}

function payWhere(p: PaymentInstructions): string {
  const account = [p.accountName ? `户名：${p.accountName}` : null, p.account ? `账号：${p.account}` : null, p.reference ? `缴款码：${p.reference}` : null].filter(Boolean).join('，');
  return `${p.bank}${account ? `（${account}）` : ''}`;
}

const MEASURE: Record<'seal' | 'seize' | 'freeze', string> = { seal: '查封', seize: '扣押', freeze: '冻结' };

function itemsTable(items: SeizedItem[]): Block {
  return {
    type: 'table',
    widths: [0.08, 0.46, 0.12, 0.1, 0.24],
    fontScale: 0.875,
    rows: [
      { cells: [labelCell('序号'), labelCell('名称、规格'), labelCell('数量'), labelCell('单位'), labelCell('备注')] },
      ...items.map((it, i) => ({ cells: [cell(String(i + 1), { align: 'center' as const }), cell(it.description), cell(String(it.quantity), { align: 'center' as const }), cell(it.unit, { align: 'center' as const }), cell(it.note ?? '')] })),
    ],
  };
}

function licenceHead(d: { applicant: Party; applicationNo: string; item: string; receivedOn: string }): string {
  return `${chineseDate(d.receivedOn)}，本机关收到${youOf(d.applicant)}提出的${d.item}申请（申请编号：${d.applicationNo}）。`;
}

// ---- 行政许可 ---------------------------------------------------------------------------------------------------------

export function licenceSupplementBlocks(d: LicenceSupplementNoticeData, _o: BuildOptions): Block[] {
  const you = youOf(d.applicant);
  return [
    addressee(d.applicant),
    para(`${licenceHead(d)}经审查，${you}提交的申请材料不齐全（不符合法定形式）。根据《中华人民共和国行政许可法》第三十二条第一款第（四）项的规定，现一次性告知${you}需要补正的全部内容如下：`, { keepWithNext: true }),
    ...listParas(d.missingItems.map((m, i) => `${chineseNumeral(i + 1)}、${m}${i === d.missingItems.length - 1 ? '。' : '；'}`)),
    para(`请${you}补正上述全部材料后重新提交。自本机关收到全部补正申请材料之日起，视为受理。`),
  ];
}

export function licenceAcceptanceBlocks(d: LicenceAcceptanceNoticeData, _o: BuildOptions): Block[] {
  const you = youOf(d.applicant);
  const due = d.decisionDueOn ? `，即于${chineseDate(d.decisionDueOn)}前` : '';
  return [
    addressee(d.applicant),
    para(`${licenceHead(d)}经审查，该申请属于本机关职权范围，申请材料齐全、符合法定形式。根据《中华人民共和国行政许可法》第三十二条第一款第（五）项的规定，本机关决定自${chineseDate(d.acceptedOn)}起受理。`),
    para(`根据《中华人民共和国行政许可法》第四十二条的规定，本机关将自受理之日起${chineseNumeral(d.decisionWorkingDays)}个工作日内${due}作出行政许可决定；依法需要听证、检验、检测、鉴定和专家评审的，所需时间不计算在上述期限内，本机关将书面告知${you}。`),
  ];
}

export function licenceNonAcceptanceBlocks(d: LicenceNonAcceptanceNoticeData, _o: BuildOptions): Block[] {
  const you = youOf(d.applicant);
  const blocks: Block[] = [
    addressee(d.applicant),
    para(`${licenceHead(d)}经审查，${d.reason.replace(/[。；]$/, '')}。根据《中华人民共和国行政许可法》第三十二条第一款的规定，本机关决定不予受理。`),
  ];
  if (d.referralAgency) blocks.push(para(`${you}可以向${d.referralAgency}提出申请。`));
  blocks.push(para(remediesSentence(d.remedies, you)));
  return blocks;
}

export function licenceExtensionBlocks(d: LicenceExtensionNoticeData, _o: BuildOptions): Block[] {
  const you = youOf(d.applicant);
  return [
    addressee(d.applicant),
    para(`本机关于${chineseDate(d.acceptedOn)}受理${you}提出的${d.item}申请（申请编号：${d.applicationNo}）。因${d.reasons.replace(/[。；]$/, '')}，本机关不能在法定期限内作出行政许可决定。`),
    para(
      `根据《中华人民共和国行政许可法》第四十二条第一款的规定，经本机关负责人于${chineseDate(d.approvedOn)}批准，审查期限延长${chineseNumeral(d.extraWorkingDays)}个工作日${d.newDueOn ? `，本机关将于${chineseDate(d.newDueOn)}前作出行政许可决定` : ''}。特此告知。`,
    ),
  ];
}

export function licenceGrantBlocks(d: LicenceGrantDecisionData, o: BuildOptions): Block[] {
  const you = youOf(d.applicant);
  const blocks: Block[] = [
    ...partyFields(d.applicant, o, '申请人'),
    para(`${licenceHead(d)}经审查，${d.reasons.replace(/[。；]$/, '')}，符合法定条件、标准。根据${provisionsText(d.basis)}和《中华人民共和国行政许可法》第三十八条第一款的规定，本机关决定准予${you}的${d.item}申请。`),
  ];
  if (d.conditions) blocks.push(para(`许可范围和条件：${d.conditions}`));
  if (d.certificate) {
    blocks.push(
      para(`许可证件编号：${d.certificate.certificateNo}；有效期：自${chineseDate(d.certificate.validFrom)}起${d.certificate.expiresOn ? `至${chineseDate(d.certificate.expiresOn)}止` : '长期有效'}。`),
    );
  } else {
    blocks.push(para(`根据《中华人民共和国行政许可法》第四十四条的规定，本机关将自作出本决定之日起${chineseNumeral(d.certificateWorkingDays)}个工作日内向${you}颁发、送达行政许可证件。`));
  }
  blocks.push(para(remediesSentence(d.remedies, you)));
  return blocks;
}

export function licenceRefusalBlocks(d: LicenceRefusalDecisionData, o: BuildOptions): Block[] {
  const you = youOf(d.applicant);
  return [
    ...partyFields(d.applicant, o, '申请人'),
    para(`${licenceHead(d)}经审查，${d.reasons.replace(/[。；]$/, '')}。`),
    para(`根据${provisionsText(d.basis)}和《中华人民共和国行政许可法》第三十八条第二款的规定，本机关决定不予行政许可。`),
    para(`理由：${d.reasons.replace(/[。；]$/, '')}。`),
    para(remediesSentence(d.remedies, you)),
  ];
}

// ---- 行政检查 ---------------------------------------------------------------------------------------------------------

export function inspectionNoticeBlocks(d: InspectionNoticeData, _o: BuildOptions): Block[] {
  const you = youOf(d.target);
  const blocks: Block[] = [
    addressee(d.target),
    para(`根据${d.basis.replace(/[。；]$/, '')}的规定，本机关决定${d.plannedOn ? `于${chineseDate(d.plannedOn)}` : ''}对${you}开展${d.item}行政检查${d.purpose ? `，检查内容：${d.purpose.replace(/[。；]$/, '')}` : ''}。`),
    para(`检查人员：${officersText(d.inspectors)}。检查人员不少于两人，并将主动出示行政执法证件；${you}认为检查人员与本次检查有直接利害关系的，有权申请回避（《中华人民共和国行政处罚法》第四十二条、第四十三条、第五十五条）。`),
    para(`请${you}如实提供有关资料和情况，配合检查，不得拒绝、阻挠；检查过程中${you}享有陈述、申辩的权利。`),
  ];
  const c = d.contact;
  if (c?.person || c?.phone) blocks.push(para([c.person ? `联系人：${c.person}` : null, c.phone ? `联系电话：${c.phone}` : null].filter(Boolean).join('\u3000\u3000')));
  return blocks;
}

export function inspectionResultBlocks(d: InspectionResultNoticeData, _o: BuildOptions): Block[] {
  const you = youOf(d.target);
  const blocks: Block[] = [addressee(d.target)];
  if (d.outcome === 'no_problem') {
    blocks.push(para(`本机关于${chineseDate(d.inspectedOn)}对${you}开展了${d.item}行政检查，检查结果：未发现违法违规问题。`));
  } else {
    blocks.push(para(`本机关于${chineseDate(d.inspectedOn)}对${you}开展了${d.item}行政检查，发现以下问题：`, { keepWithNext: true }), ...listParas(d.findings.map((f, i) => `${chineseNumeral(i + 1)}、${f.replace(/[。；]$/, '')}${i === d.findings.length - 1 ? '。' : '；'}`)));
    if (d.rectification) {
      blocks.push(
        para(`根据《中华人民共和国行政处罚法》第二十八条第一款的规定，责令${you}于${chineseDate(d.rectification.dueOn)}前改正以下事项：${d.rectification.items.join('；').replace(/[。；]$/, '')}。逾期不改正的，本机关将依法处理。`),
      );
    }
    if (d.caseOpened) blocks.push(para(`对检查发现的涉嫌违法行为，本机关已依法立案调查（《中华人民共和国行政处罚法》第五十四条）。`));
  }
  if (d.notes) blocks.push(para(d.notes));
  if (d.rectification) blocks.push(para(remediesSentence(d.remedies, you, '责令改正')));
  return blocks;
}

// ---- 行政强制措施 ------------------------------------------------------------------------------------------------------

export function coercionDecisionBlocks(d: CoercionDecisionData, o: BuildOptions): Block[] {
  const you = youOf(d.party);
  const what = MEASURE[d.measure];
  const blocks: Block[] = [
    ...partyFields(d.party, o),
    para(`因${d.reasons.replace(/[。；]$/, '')}，根据${d.basis.replace(/[。；]$/, '')}和《中华人民共和国行政强制法》第${d.measure === 'freeze' ? '三十一条' : '二十四条'}的规定，本机关决定对${you}的下列${d.measure === 'freeze' ? '存款、汇款' : '场所、设施或者财物'}实施${what}：`, { keepWithNext: true }),
  ];
  if (d.measure === 'freeze') {
    blocks.push(para(`冻结账户：${d.account ?? ''}；冻结数额：${d.amount != null ? amountPhrase(d.amount) : ''}。`));
  } else {
    blocks.push(itemsTable(d.items), para(`${what}财物的具体情况详见《场所、设施、财物清单》。${d.place ? `${what}地点：${d.place}。` : ''}`));
  }
  blocks.push(
    para(`${what}期限为${chineseNumeral(d.periodDays)}日，自${chineseDate(d.startsOn)}起${d.endsOn ? `至${chineseDate(d.endsOn)}止` : ''}；情况复杂的，经本机关负责人批准，可以延长，但延长期限不超过三十日（《中华人民共和国行政强制法》第${d.measure === 'freeze' ? '三十二条' : '二十五条'}）。需要检测、检验、检疫或者技术鉴定的，所需时间不计入${what}期限。`),
    para(`执法人员：${officersText(d.officers)}。`),
    para(`${you}享有陈述权、申辩权。${remediesSentence(d.remedies, you)}`),
  );
  return blocks;
}

export function coercionInventoryBlocks(d: CoercionInventoryData, o: BuildOptions): Block[] {
  return [
    {
      type: 'table',
      widths: [0.22, 0.78],
      fontScale: 0.875,
      rows: [
        { cells: [labelCell('当事人'), cell(partyText(d.party, o))] },
        { cells: [labelCell('强制措施'), cell(`${MEASURE[d.measure]}${d.decisionNumber ? `（${d.decisionNumber}）` : ''}`)] },
        ...(d.place ? [{ cells: [labelCell('地点'), cell(d.place)] }] : []),
      ],
    },
    { type: 'spacer', lines: 1 },
    itemsTable(d.items),
    para(`本清单一式二份，一份交当事人，一份附卷（《中华人民共和国行政强制法》第二十四条第一款）。当事人核对无误后签名。`, { small: true }),
    {
      type: 'signatures',
      items: [
        { label: '当事人（见证人）签名', value: '' },
        { label: '执法人员签名', value: d.officers.map((x) => x.name).join('、') },
        { label: '日期', value: chineseDate(d.date) },
      ],
    },
  ];
}

export function coercionExtensionBlocks(d: CoercionExtensionDecisionData, _o: BuildOptions): Block[] {
  const you = youOf(d.party);
  const what = MEASURE[d.measure];
  return [
    addressee(d.party),
    para(`本机关于${chineseDate(d.startsOn)}依法对${you}的有关${d.measure === 'freeze' ? '存款、汇款' : '场所、设施或者财物'}实施${what}${d.decisionNumber ? `（${d.decisionNumber}）` : ''}。因${d.reasons.replace(/[。；]$/, '')}，情况复杂，`),
    para(
      `根据《中华人民共和国行政强制法》第${d.measure === 'freeze' ? '三十二条' : '二十五条'}第一款的规定，经本机关负责人于${chineseDate(d.approvedOn)}批准，决定将${what}期限延长${chineseNumeral(d.extraDays)}日${d.newEndsOn ? `，至${chineseDate(d.newEndsOn)}止` : ''}。`,
    ),
    para(remediesSentence(d.remedies, you)),
  ];
}

export function coercionReleaseBlocks(d: CoercionReleaseDecisionData, _o: BuildOptions): Block[] {
  const you = youOf(d.party);
  const what = MEASURE[d.measure];
  const blocks: Block[] = [
    addressee(d.party),
    para(`本机关${d.decisionNumber ? `以${d.decisionNumber}决定书` : ''}对${you}的有关${d.measure === 'freeze' ? '存款、汇款' : '场所、设施或者财物'}实施了${what}。因${d.reason.replace(/[。；]$/, '')}，根据${d.basis.replace(/[。；]$/, '')}的规定，本机关决定自${chineseDate(d.releasedOn)}起解除${what}。`),
  ];
  if (d.items.length) blocks.push(para(d.measure === 'seize' ? '解除扣押的财物如下，请当事人核对后签收（已将鲜活物品或者其他不易保管的财物拍卖或者变卖的，退还所得款项）：' : `解除${what}的场所、设施或者财物如下：`, { keepWithNext: true }), itemsTable(d.items));
  blocks.push({ type: 'signatures', items: [{ label: '当事人签收', value: '' }, { label: '日期', value: '' }] });
  return blocks;
}

// ---- 执行 -------------------------------------------------------------------------------------------------------------

function decisionRef(d: { decision: { number: string; date: string; servedOn: string }; principal: number }, you: string): string {
  return `本机关于${chineseDate(d.decision.date)}作出${d.decision.number}《行政处罚决定书》，对${you}处以罚款${amountPhrase(d.principal)}，该决定书已于${chineseDate(d.decision.servedOn)}送达。`;
}

/** 加处罚款 worked out for the reader: days late × 3 % × the overdue fine, capped at the fine (行政处罚法 Art.72(1)). */
function accountParas(a: ExecutionAccountView, principal: number): string[] {
  return [
    `截至${chineseDate(a.asOf)}：罚款${yuan(principal)}，缴款期限${chineseDate(a.dueOn)}届满，已缴纳${yuan(a.paid)}，逾期未缴罚款${yuan(a.overduePrincipal)}。`,
    `加处罚款：依据《中华人民共和国行政处罚法》第七十二条第一款第（一）项，自缴款期限届满次日起每日按罚款数额的百分之三加处罚款，共计逾期${a.lateDays}日，加处罚款${yuan(a.surcharge)}${a.surchargeCapped ? '（已达罚款数额，不再增加）' : '（加处罚款的数额不超出罚款的数额）'}。`,
    `以上应缴合计${yuan(a.balance)}。`,
  ];
}

export function paymentScheduleBlocks(d: PaymentScheduleApprovalData, _o: BuildOptions): Block[] {
  const you = youOf(d.party);
  const blocks: Block[] = [
    addressee(d.party),
    para(`${decisionRef(d, you)}${you}于${chineseDate(d.appliedOn)}提出${d.scheduleKind === 'deferral' ? '延期' : '分期'}缴纳罚款的申请。`),
    para(`根据《中华人民共和国行政处罚法》第六十六条第二款的规定，经本机关负责人于${chineseDate(d.approvedOn)}批准，同意${you}${d.scheduleKind === 'deferral' ? '延期' : '分期'}缴纳罚款，缴纳期限如下：`, { keepWithNext: true }),
    {
      type: 'table',
      widths: [0.2, 0.4, 0.4],
      fontScale: 0.875,
      rows: [
        { cells: [labelCell('期次'), labelCell('缴纳期限'), labelCell('金额（元）')] },
        ...d.entries.map((e, i) => ({ cells: [cell(`第${chineseNumeral(i + 1)}期`, { align: 'center' as const }), cell(chineseDate(e.dueOn), { align: 'center' as const }), cell(formatYuan(e.amount).replace(/^¥/, ''), { align: 'right' as const })] })),
      ],
    },
    para(`请${you}按期将罚款缴至${payWhere(d.payment)}。逾期不缴纳的，本机关将依法每日按罚款数额的百分之三加处罚款，并依法申请人民法院强制执行。`),
  ];
  return blocks;
}

export function paymentReminderBlocks(d: PaymentReminderData, _o: BuildOptions): Block[] {
  const you = youOf(d.party);
  return [
    addressee(d.party),
    para(`${decisionRef(d, you)}${you}在法定期限内未履行缴纳罚款的义务。`),
    ...listParas(accountParas(d.account, d.principal)),
    para(
      `根据《中华人民共和国行政强制法》第三十五条、第五十四条的规定，现催告${you}自收到本催告书之日起${chineseNumeral(d.performWorkingDays)}日内（工作日），将上述款项缴至${payWhere(d.payment)}。`,
    ),
    para(`${you}有权进行陈述和申辩，可以在收到本催告书之日起三日内向本机关提出（《中华人民共和国行政强制法》第三十五条第（四）项、第三十六条）。逾期仍不履行的，本机关将依法申请人民法院强制执行。`),
  ];
}

export function enforcementApplicationBlocks(d: EnforcementApplicationData, o: BuildOptions): Block[] {
  const you = '被申请人';
  return [
    para(`${d.court}：`, { indent: false }),
    field('申请人', `${d.agency.name}${d.agency.address ? `（住所：${d.agency.address}）` : ''}`),
    // Art.55: the application is signed by the head of the agency and sealed.
    field('行政机关负责人（签名）', d.head ?? ''),
    ...partyFields(d.party, o, '被申请人'),
    para(`申请事项：请求依法强制执行${d.decision.number}《行政处罚决定书》确定的罚款${yuan(d.principal)}及加处罚款${yuan(d.account.surcharge)}，合计${yuan(d.account.balance)}。`),
    para(`事实和理由：${d.facts.replace(/[。；]$/, '')}。${decisionRef(d, you)}${accountParas(d.account, d.principal).join('')}`),
    para(
      `本机关于${chineseDate(d.reminder.servedOn)}向被申请人送达${d.reminder.number ? `${d.reminder.number}` : ''}《催告书》，催告期满被申请人仍未履行。被申请人在法定期限内未申请行政复议或者提起行政诉讼（复议、诉讼期限至${chineseDate(d.remedyWindowEndsOn)}届满）。`,
    ),
    para(`根据${provisionsText(d.basis)}和《中华人民共和国行政强制法》第五十三条、第五十四条、第五十五条的规定，特申请贵院依法强制执行。`),
    para('附：', { indent: false, keepWithNext: true }),
    ...listParas(d.attachments.map((a, i) => `${i + 1}. ${a}`)),
  ];
}

// ---- 简易程序 ---------------------------------------------------------------------------------------------------------

export function onsitePenaltyDecisionBlocks(d: OnsitePenaltyDecisionData, o: BuildOptions): Block[] {
  const total = monetaryTotal(d.penalty);
  const time = d.decidedAt.replace('T', ' ').slice(0, 16);
  const blocks: Block[] = [
    ...partyFields(d.party, o),
    field('时间', `${chineseDate(time.slice(0, 10))} ${time.slice(11)}`),
    field('地点', d.place),
    para(`经查，${d.facts.replace(/^经查[明，：:]*/, '').replace(/[。；，]?$/, '。')}`),
    para(`当事人的上述行为违反了${provisionsText(d.violated)}的规定。执法人员已当场告知当事人拟作出行政处罚的内容及事实、理由、依据，并告知当事人依法享有陈述、申辩的权利（《中华人民共和国行政处罚法》第四十四条、第五十二条）。`),
    para(`当事人陈述、申辩：${d.statement?.trim() ? d.statement : '无'}。`),
    para(`依据${provisionsText(d.penaltyBasis)}和《中华人民共和国行政处罚法》第五十一条的规定，当场作出如下行政处罚：`, { keepWithNext: true }),
    ...listParas(penaltyLines(d.penalty)),
  ];
  if (total > 0 && d.payment) {
    blocks.push(
      para(
        d.payment.paidOnSpot
          ? `罚款已当场收缴（${d.payment.paidOnSpot.ground}），执法人员出具省级财政部门统一制发的专用票据${d.payment.paidOnSpot.receiptNo ? `（票据号${d.payment.paidOnSpot.receiptNo}）` : ''}（《中华人民共和国行政处罚法》第六十八条至第七十条）。`
          : `当事人应当自收到本决定书之日起${chineseNumeral(d.payment.dueDays ?? 15)}日内，将罚款缴至${payWhere(d.payment)}。到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款，加处罚款的数额不超出罚款的数额（《中华人民共和国行政处罚法》第六十七条、第七十二条）。`,
      ),
    );
  }
  blocks.push(
    para(remediesSentence(d.remedies, '当事人')),
    { type: 'signatures', items: [{ label: '执法人员（签名、执法证号）', value: officersText(d.officers) }, { label: '当事人签收', value: '' }] },
  );
  return blocks;
}
