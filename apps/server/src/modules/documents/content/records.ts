/**
 * Records (笔录式): on-site inspection, inquiry and hearing. Each page carries a signature line for the party
 * (pageFooter), because a record is only evidence once the person has read and signed every page.
 */
import type { HearingRecordData, InquiryRecordData, OnsiteInspectionRecordData } from '../types.ts';
import { idNumberOf, officersText, partyFields, periodText, youOf, type BuildOptions } from './common.ts';
import { field, para, type Block } from './model.ts';

/** 行政处罚法 Art.42, 43, 55: show the certificates, state the right to ask for recusal. */
const defaultRights = (agency: string, you: string) =>
  `我们是${agency}的执法人员，已向${you}出示执法证件。现依法进行调查，${you}应当如实回答询问、协助调查，不得拒绝或者阻挠。` +
  `${you}认为执法人员与本案有直接利害关系或者有其他关系可能影响公正执法的，有权申请回避。${you}是否申请回避？`;

export function inspectionRecordBlocks(d: OnsiteInspectionRecordData, o: BuildOptions): Block[] {
  const you = youOf(d.party);
  return [
    field('检查时间', periodText(d.startAt, d.endAt)),
    field('检查地点', d.place),
    field('检查人员', officersText(d.inspectors)),
    field('记录人', d.recorder),
    ...partyFields(d.party, o),
    ...(d.present ? [field('现场负责人', [d.present.name, d.present.role ? `职务：${d.present.role}` : null, d.present.phone ? `联系电话：${d.present.phone}` : null].filter(Boolean).join('\u3000'))] : []),
    para([{ text: '告知事项：', bold: true }, { text: d.rightsNotice ?? defaultRights(d.agency.name, you) }]),
    para(`回答：${d.recusalAnswer ?? '不申请回避。'}`),
    para([{ text: '检查情况：', bold: true }, { text: d.findings }]),
    ...(d.measures ? [para([{ text: '现场采取的措施：', bold: true }, { text: d.measures }])] : []),
    para('以上笔录已交当事人（现场负责人）核对，确认与检查情况相符。'),
    {
      type: 'signatures',
      items: [
        { label: '当事人（现场负责人）签名', value: '' },
        { label: '检查人员签名', value: '' },
        { label: '记录人签名', value: '' },
      ],
    },
  ];
}

export function inquiryRecordBlocks(d: InquiryRecordData, o: BuildOptions): Block[] {
  const p = d.interviewee;
  const blocks: Block[] = [
    field('询问时间', periodText(d.startAt, d.endAt)),
    field('询问地点', d.place),
    field('询问人', officersText(d.inquirers)),
    field('记录人', d.recorder),
    field('被询问人', [p.name, p.gender ? `性别：${p.gender}` : null].filter(Boolean).join('\u3000')),
  ];
  if (p.idNumber) blocks.push(field('身份证件号码', idNumberOf(p.idNumber, o)));
  if (p.workplace || p.position) blocks.push(field('工作单位及职务', [p.workplace, p.position].filter(Boolean).join('\u3000')));
  if (p.phone) blocks.push(field('联系电话', p.phone));
  if (p.address) blocks.push(field('住址', p.address));
  if (p.relation) blocks.push(field('与本案关系', p.relation));
  blocks.push(para([{ text: '问：', bold: true }, { text: d.rightsNotice ?? `${defaultRights(d.agency.name, '你')}你应当如实陈述，作伪证的将承担相应法律责任。你听清楚了吗？` }], { indent: false }));
  for (const { q, a } of d.qa) {
    blocks.push(para([{ text: '问：', bold: true }, { text: q }], { indent: false }), para([{ text: '答：', bold: true }, { text: a }], { indent: false }));
  }
  blocks.push(para('被询问人核对意见：以上笔录我已看过（已向我宣读过），与我所说的一致。', { indent: false }), {
    type: 'signatures',
    items: [
      { label: '被询问人签名', value: '' },
      { label: '询问人签名', value: '' },
      { label: '记录人签名', value: '' },
    ],
  });
  return blocks;
}

/** 听证笔录 (行政处罚法 Art.64(8): the record is read or shown to the party, who signs it). */
export function hearingRecordBlocks(d: HearingRecordData, o: BuildOptions): Block[] {
  return [
    ...(d.caseName ? [field('案由', d.caseName)] : []),
    field('听证时间', periodText(d.startAt, d.endAt)),
    field('听证地点', d.place),
    field('听证方式', d.isPublic ? '公开' : '不公开'),
    field('听证主持人', officersText([d.host])),
    ...(d.hearingOfficers?.length ? [field('听证员', officersText(d.hearingOfficers))] : []),
    field('记录员', d.recorder),
    ...partyFields(d.party, o),
    ...(d.partyAttendees.length ? [field('当事人出席人员', d.partyAttendees.map((a) => `${a.name}（${a.role}）`).join('、'))] : []),
    field('案件调查人员', officersText(d.investigators)),
    para([{ text: '听证记录：', bold: true }], { indent: false }),
    ...d.entries.map((e) => para([{ text: `${e.speaker}：`, bold: true }, { text: e.text }])),
    para('以上笔录已经当事人及其代理人审核无误。'),
    {
      type: 'signatures',
      items: [
        { label: '当事人（代理人）签名', value: '' },
        { label: '案件调查人员签名', value: '' },
        { label: '听证主持人签名', value: '' },
        { label: '记录员签名', value: '' },
      ],
    },
  ];
}
