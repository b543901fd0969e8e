import { PENALTY_TYPE_LABELS, type PenaltyContent, type PenaltyType } from '@zhifa/domain';
import type { DocumentData, LegalProvision, Party, PenaltyItem, Remedies, ServiceMethod as DocServiceMethod } from '../documents/index.ts';
import type { CaseContent, CaseParty, StoredCaseFacts } from './cases.schema.ts';

/** Everything a document prints, frozen when it is issued (the rendered file is made from this alone). */
export interface DocumentSnapshot {
  kind: string;
  number: string | null;
  date: string;
  agency: { id: string; name: string; regionName: string; address: string | null; phone: string | null; reconsiderationBody: string; court: string; payment: { bank: string | null; accountName: string | null; account: string | null } };
  caseNo: string | null;
  item: { code: string; name: string; legalBasis: { law: string; article: string; text?: string | undefined }[] };
  party: CaseParty;
  officers: { name: string; certificateNo: string | null }[];
  reviewer: { name: string; certificateNo: string | null } | null;
  facts: Pick<
    StoredCaseFacts,
    'violation' | 'discoveredOn' | 'filedOn' | 'proposed' | 'notified' | 'discretion' | 'decisionKind' | 'noticeServedOn' | 'hearingRequestedOn' | 'hearingHeldOn' | 'decidedOn' | 'decisionServedOn' | 'paymentCompletedOn' | 'statementWaiverSignedOn' | 'collectiveDiscussionOn' | 'reviewPassedOn'
  >;
  content: CaseContent;
  /** For a service receipt: the document served and how. For a notice: whether the hearing right is stated. */
  extra: Record<string, unknown>;
}

/**
 * From a document's frozen snapshot (what the case said when the document was issued) to the renderer's typed data.
 * Pure: the same snapshot always gives the same document.
 */
export function documentDataOf(s: DocumentSnapshot): DocumentData {
  const agency = { id: s.agency.id, name: s.agency.name, regionName: s.agency.regionName, ...(s.agency.address ? { address: s.agency.address } : {}), ...(s.agency.phone ? { phone: s.agency.phone } : {}) };
  const base = { agency, date: s.date, ...(s.number ? { number: s.number } : {}), ...(s.caseNo ? { caseNo: s.caseNo } : {}), caseName: `${s.item.name}案` };
  const party = partyOf(s);
  const handlers = s.officers.map((o) => ({ name: o.name, ...(o.certificateNo ? { certificateNo: o.certificateNo } : {}) }));
  const itemBasis: LegalProvision[] = s.item.legalBasis.map((b) => ({ law: b.law.startsWith('《') ? b.law : `《${b.law}》`, article: b.article }));
  const violated: LegalProvision[] = s.content.legalBasis ? [{ law: s.content.legalBasis, article: '' }] : itemBasis;
  const penaltyBasis: LegalProvision[] = s.content.penaltyBasis ? [{ law: s.content.penaltyBasis, article: '' }] : itemBasis;
  const facts = s.content.findings ?? `当事人${s.party.name}涉嫌${s.item.name}。`;
  const evidence = (s.content.evidenceSummary ?? []).map((name) => ({ name }));
  const content = s.kind === 'penalty_decision' || s.kind === 'no_penalty_decision' ? s.facts.proposed : s.facts.notified ?? s.facts.proposed;
  const tier = s.facts.discretion.tier;
  const discretion = {
    tier: tier ? tier.level : '未设裁量基准',
    ...(tier ? { benchmark: `${s.item.name}裁量基准（${tier.level}）${tier.fineMin != null || tier.fineMax != null ? `：罚款${tier.fineMin ?? 0}元至${tier.fineMax ?? '—'}元` : ''}` } : {}),
    justification: s.facts.discretion.justification ?? (tier ? `当事人的违法情节符合该裁量档次的适用情形，依法在该档次内裁量。` : '该事项未制定裁量基准，依法定罚款幅度裁量。'),
  };
  const remedies: Remedies = { reconsiderationBody: s.agency.reconsiderationBody, reconsiderationDays: 60, court: s.agency.court, litigationMonths: 6 };
  const started = s.facts.filedOn ?? s.facts.discoveredOn ?? s.date;

  switch (s.kind) {
    case 'filing_approval':
      return {
        kind: 'filing_approval',
        ...base,
        source: '执法检查发现',
        sourceDate: s.facts.discoveredOn ?? s.date,
        party,
        summary: facts,
        suspectedViolation: s.item.name,
        legalBasis: itemBasis,
        handlers,
        approvals: [
          { role: '承办人意见', opinion: '建议立案调查。', signer: handlers.map((h) => h.name).join('、'), date: s.date },
          { role: '承办机构负责人意见', date: s.date },
          { role: '机关负责人意见', opinion: '同意立案。', date: s.date },
        ],
      };
    case 'investigation_end_report':
      return {
        kind: 'investigation_end_report',
        ...base,
        party,
        source: '执法检查发现',
        filedOn: started,
        process: `${started}立案后，执法人员${handlers.map((h) => h.name).join('、')}依法开展调查取证。`,
        facts,
        evidence,
        violated,
        penaltyBasis,
        discretion,
        proposal: proposalText(s.facts.proposed),
        handlers,
      };
    case 'legal_review_opinion': {
      const r = s.content.review;
      return {
        kind: 'legal_review_opinion',
        ...base,
        party,
        submittedBy: handlers.map((h) => h.name).join('、'),
        submittedOn: s.date,
        checklist: (r?.checklist ?? []).map((c) => ({ item: CHECKLIST_LABELS[c.key] ?? c.key, result: c.result, ...(c.comment ? { comment: c.comment } : {}) })),
        outcome: r?.outcome ?? 'agree',
        opinion: r?.opinion || '同意。',
        reviewers: s.reviewer ? [{ name: s.reviewer.name, ...(s.reviewer.certificateNo ? { certificateNo: s.reviewer.certificateNo } : {}) }] : [],
      };
    }
    case 'penalty_notice':
    case 'hearing_notice':
      return {
        kind: s.kind,
        ...base,
        party,
        facts,
        evidence,
        violated,
        penaltyBasis,
        discretion,
        intendedPenalty: penaltyItems(content),
        replyWorkingDays: 5,
        contact: { person: handlers.map((h) => h.name).join('、'), ...(s.agency.phone ? { phone: s.agency.phone } : {}), ...(s.agency.address ? { address: s.agency.address } : {}) },
        ...(s.kind === 'hearing_notice' ? { hearingRequestDays: 5 } : {}),
      } as DocumentData;
    case 'hearing_record':
      return {
        kind: 'hearing_record',
        ...base,
        startAt: `${s.facts.hearingHeldOn ?? s.date}T09:00`,
        endAt: `${s.facts.hearingHeldOn ?? s.date}T11:00`,
        place: s.agency.address ?? s.agency.name,
        isPublic: true,
        host: { name: s.reviewer?.name ?? '听证主持人' },
        recorder: '记录员',
        party,
        partyAttendees: [{ name: s.party.name, role: '当事人' }],
        investigators: handlers,
        entries: [{ speaker: '主持人', text: '听证会按法定程序进行，详见听证笔录附页。' }],
      };
    case 'penalty_decision':
      if (!s.number) throw new Error('a penalty decision needs its number');
      return {
        kind: 'penalty_decision',
        ...base,
        number: s.number,
        party,
        filedOn: started,
        facts,
        evidence,
        statements: s.facts.statementWaiverSignedOn ? '当事人书面放弃陈述、申辩权利。' : s.facts.hearingHeldOn ? '当事人依法申请听证，本机关依法组织了听证。' : '当事人在法定期限内未提出陈述、申辩意见。',
        violated,
        penaltyBasis,
        discretion,
        penalty: penaltyItems(content),
        payment: {
          bank: s.agency.payment.bank ?? '缴款通知书载明的代收银行',
          ...(s.agency.payment.accountName ? { accountName: s.agency.payment.accountName } : {}),
          ...(s.agency.payment.account ? { account: s.agency.payment.account } : {}),
          dueDays: 15,
          surchargeRatePercentPerDay: 3,
        },
        remedies,
      };
    case 'no_penalty_decision':
      if (!s.number) throw new Error('a no-penalty decision needs its number');
      return {
        kind: 'no_penalty_decision',
        ...base,
        number: s.number,
        party,
        filedOn: started,
        facts,
        evidence,
        violated,
        reason: s.content.reasons?.at(-1)?.reason ?? '违法行为轻微并及时改正，没有造成危害后果。',
        basis: [{ law: '《中华人民共和国行政处罚法》', article: '第三十三条第一款' }],
        remedies,
      };
    case 'service_receipt': {
      const served = (s.extra['served'] as { title: string; number: string | null }[] | undefined) ?? [];
      return {
        kind: 'service_receipt',
        ...base,
        served: served.map((d) => ({ title: d.title, ...(d.number ? { number: d.number } : {}) })),
        recipient: s.party.name,
        // Served where it was handed over: the party's address, else the agency's office (direct service there).
        address: s.party.address ?? s.agency.address ?? s.agency.name,
        method: SERVICE_METHOD_MAP[String(s.extra['method'] ?? 'direct')] ?? 'direct',
        servedAt: `${String(s.extra['servedOn'] ?? s.date)}T10:00`,
        servers: handlers,
      };
    }
    case 'closing_approval': {
      const paid = s.content.payments?.at(-1);
      return {
        kind: 'closing_approval',
        ...base,
        party,
        filedOn: started,
        ...(s.facts.decidedOn ? { decision: { number: String(s.extra['decisionNumber'] ?? ''), date: s.facts.decidedOn, content: proposalText(s.facts.proposed) } } : {}),
        execution: paid ? `当事人已于${paid.paidOn}缴纳罚没款${paid.amount}元${paid.reference ? `（缴款凭证${paid.reference}）` : ''}。` : s.facts.decisionKind === 'no_penalty' ? '不予行政处罚，无需执行。' : '已执行完毕。',
        closingReason: paid ? '行政处罚决定执行完毕。' : '案件依法办理终结。',
        handlers,
        approvals: [
          { role: '承办人意见', opinion: '建议结案。', signer: handlers.map((h) => h.name).join('、'), date: s.date },
          { role: '机关负责人意见', opinion: '同意结案。', date: s.date },
        ],
      };
    }
    default:
      throw new Error(`no document layout for ${s.kind}`);
  }
}

function partyOf(s: DocumentSnapshot): Party {
  const p = s.party;
  const contact = { ...(p.address ? { address: p.address } : {}), ...(p.phone ? { phone: p.phone } : {}) };
  return p.type === 'individual'
    ? { type: 'individual', name: p.name, idNumber: p.idNumber, ...contact }
    : { type: 'organisation', name: p.name, uscc: p.uscc, ...(p.legalRepresentative ? { legalRepresentative: p.legalRepresentative } : {}), ...contact };
}

const SERVICE_METHOD_MAP: Record<string, DocServiceMethod> = { direct: 'direct', left_at_address: 'left', post: 'post', electronic: 'electronic', public_notice: 'public_notice' };

export const CHECKLIST_LABELS: Record<string, string> = {
  subject: '执法主体是否合法',
  officers: '执法人员是否具备执法资格',
  jurisdiction: '是否具有管辖权',
  party: '当事人基本情况是否清楚',
  facts_evidence: '事实是否清楚、证据是否确凿充分',
  characterization: '定性是否准确',
  legal_basis: '适用法律依据是否正确',
  procedure: '程序是否合法',
  discretion: '行政裁量是否适当',
  documents: '执法文书是否完备规范',
  crime_transfer: '是否涉嫌犯罪需要移送司法机关',
};

function penaltyItems(c: PenaltyContent | null): PenaltyItem[] {
  if (!c) return [];
  return c.types.map((t): PenaltyItem => {
    switch (t) {
      case 'warning':
        return { type: 'warning' };
      case 'criticism':
        return { type: 'circulate_criticism' };
      case 'fine':
        return { type: 'fine', amountYuan: c.fineAmount ?? 0 };
      case 'order_close':
        return { type: 'close' };
      default:
        return { type: OTHER_TYPES[t] ?? 'other', detail: PENALTY_TYPE_LABELS[t].zh };
    }
  });
}
const OTHER_TYPES: Partial<Record<PenaltyType, Extract<PenaltyItem, { detail: string }>['type']>> = {
  confiscate_property: 'confiscate_property',
  suspend_licence: 'suspend_licence',
  reduce_qualification: 'lower_qualification',
  revoke_licence: 'revoke_licence',
  restrict_activity: 'restrict_business',
  order_suspend_business: 'suspend_business',
  restrict_employment: 'restrict_practice',
};

function proposalText(c: PenaltyContent | null): string {
  if (!c || c.types.length === 0) return '建议不予行政处罚。';
  const parts = c.types.map((t) => (t === 'fine' ? `罚款人民币${c.fineAmount ?? 0}元` : PENALTY_TYPE_LABELS[t].zh));
  return `建议给予${parts.join('、')}的行政处罚。`;
}
