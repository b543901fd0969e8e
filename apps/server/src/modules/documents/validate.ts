import { AppError } from '@zhifa/domain';
import { isIsoDate } from './chinese-text.ts';
import { isDocumentKind, DOCUMENT_KINDS } from './registry.ts';
import type { DocumentData, LegalProvision, Party, PenaltyItem, Remedies } from './types.ts';

/**
 * Template validation before anything is drawn (domain-rules AP24 "Sys": all fields present). The data usually comes
 * from a JSON snapshot, so the checks are made at run time even where the types already require a field.
 *
 * A penalty decision lacking any item of 行政处罚法 Art.59 is refused outright: a decision without the remedies text
 * leaves the reconsideration period open for up to a year (行政复议法 2023 Art.20 para 2), one without the payment
 * manner and deadline cannot be enforced (Art.59(4), Art.72).
 */

interface Problem {
  path: string;
  zh: string;
}

const isText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
const isDateLike = (v: unknown) => typeof v === 'string' && isIsoDate(v.slice(0, 10));

class Checker {
  readonly problems: Problem[] = [];
  text(v: unknown, path: string, zh: string) {
    if (!isText(v)) this.problems.push({ path, zh });
  }
  date(v: unknown, path: string, zh: string) {
    if (!isDateLike(v)) this.problems.push({ path, zh });
  }
  list(v: unknown, path: string, zh: string): v is unknown[] {
    const ok = Array.isArray(v) && v.length > 0;
    if (!ok) this.problems.push({ path, zh });
    return ok;
  }
  party(p: Party | undefined, path: string, opts: { address?: boolean } = {}) {
    if (!p || typeof p !== 'object') {
      this.problems.push({ path, zh: '当事人' });
      return;
    }
    this.text(p.name, `${path}.name`, '当事人姓名或者名称');
    if (p.type === 'organisation') this.text(p.uscc, `${path}.uscc`, '统一社会信用代码');
    else if (p.type !== 'individual') this.problems.push({ path: `${path}.type`, zh: '当事人类型' });
    if (opts.address) this.text(p.address, `${path}.address`, '当事人地址');
  }
  provisions(v: LegalProvision[] | undefined, path: string, zh: string) {
    if (!this.list(v, path, zh)) return;
    v!.forEach((p, i) => {
      this.text(p?.law, `${path}[${i}].law`, `${zh}（法律名称）`);
    });
  }
  penalty(v: PenaltyItem[] | undefined, path: string) {
    if (!this.list(v, path, '行政处罚的种类和内容')) return;
    v!.forEach((p, i) => {
      if ('amountYuan' in p) {
        if (typeof p.amountYuan !== 'number' || !Number.isFinite(p.amountYuan) || p.amountYuan <= 0) {
          this.problems.push({ path: `${path}[${i}].amountYuan`, zh: '罚没款金额' });
        }
      } else if ('detail' in p) this.text(p.detail, `${path}[${i}].detail`, '处罚内容');
    });
  }
  remedies(r: Remedies | undefined, path: string) {
    if (!r || typeof r !== 'object') {
      this.problems.push({ path, zh: '申请行政复议、提起行政诉讼的途径和期限' });
      return;
    }
    this.text(r.reconsiderationBody, `${path}.reconsiderationBody`, '行政复议机关');
    this.text(r.court, `${path}.court`, '行政诉讼的人民法院');
    for (const [k, zh] of [['reconsiderationDays', '复议期限'], ['litigationMonths', '诉讼期限']] as const) {
      const n = r[k];
      if (n !== undefined && (!Number.isInteger(n) || n <= 0)) this.problems.push({ path: `${path}.${k}`, zh });
    }
  }
}

const CITATIONS: Partial<Record<string, string>> = {
  penalty_decision: '《中华人民共和国行政处罚法》第五十九条',
  no_penalty_decision: '《中华人民共和国行政处罚法》第五十九条、《中华人民共和国行政复议法》第二十条',
  penalty_notice: '《中华人民共和国行政处罚法》第四十四条',
  hearing_notice: '《中华人民共和国行政处罚法》第四十四条、第六十四条',
  licence_supplement_notice: '《中华人民共和国行政许可法》第三十二条',
  licence_acceptance_notice: '《中华人民共和国行政许可法》第三十二条',
  licence_non_acceptance_notice: '《中华人民共和国行政许可法》第三十二条',
  licence_extension_notice: '《中华人民共和国行政许可法》第四十二条',
  licence_grant_decision: '《中华人民共和国行政许可法》第三十八条、第三十九条',
  licence_refusal_decision: '《中华人民共和国行政许可法》第三十八条第二款',
  coercion_decision: '《中华人民共和国行政强制法》第二十四条、第三十一条',
  coercion_inventory: '《中华人民共和国行政强制法》第二十四条第一款',
  coercion_extension_decision: '《中华人民共和国行政强制法》第二十五条',
  coercion_release_decision: '《中华人民共和国行政强制法》第二十八条',
  payment_reminder: '《中华人民共和国行政强制法》第三十五条',
  enforcement_application: '《中华人民共和国行政强制法》第五十五条',
  onsite_penalty_decision: '《中华人民共和国行政处罚法》第五十二条',
};

/** What is missing from `data` for its kind (empty when it can be rendered). */
export function findMissingContent(data: DocumentData): Problem[] {
  const c = new Checker();
  c.text(data.agency?.name, 'agency.name', '行政机关名称');
  c.date(data.date, 'date', '文书日期');
  switch (data.kind) {
    case 'penalty_decision': {
      // 行政处罚法 Art.59: (1) party and address, (2) facts and evidence, (3) penalty and basis, (4) manner and time
      // of performance, (5) remedies, (6) agency and date; the seal is added when sealing. SAMR Art.62 and 27号 add
      // the statements and the discretion reasoning.
      c.text(data.number, 'number', '文号');
      c.party(data.party, 'party', { address: true });
      c.text(data.facts, 'facts', '违法事实');
      c.list(data.evidence, 'evidence', '证据');
      c.provisions(data.violated, 'violated', '违反的法律规定');
      c.provisions(data.penaltyBasis, 'penaltyBasis', '处罚依据');
      if (!data.discretion || !isText(data.discretion.tier) || !isText(data.discretion.justification)) {
        c.problems.push({ path: 'discretion', zh: '裁量基准适用说明' });
      }
      c.penalty(data.penalty, 'penalty');
      if (data.penalty?.some((p) => p.type === 'fine' || p.type === 'confiscate_gains')) {
        if (!data.payment || !isText(data.payment.bank)) c.problems.push({ path: 'payment.bank', zh: '罚没款的履行方式（缴款银行）' });
      }
      c.remedies(data.remedies, 'remedies');
      break;
    }
    case 'no_penalty_decision':
      c.text(data.number, 'number', '文号');
      c.party(data.party, 'party', { address: true });
      c.text(data.facts, 'facts', '案件事实');
      c.list(data.evidence, 'evidence', '证据');
      c.text(data.reason, 'reason', '不予行政处罚的理由');
      c.provisions(data.basis, 'basis', '不予行政处罚的依据');
      c.remedies(data.remedies, 'remedies');
      break;
    case 'penalty_notice':
    case 'hearing_notice':
      c.text(data.number, 'number', '文号');
      c.party(data.party, 'party');
      c.text(data.facts, 'facts', '违法事实');
      c.provisions(data.violated, 'violated', '违反的法律规定');
      c.provisions(data.penaltyBasis, 'penaltyBasis', '处罚依据');
      c.penalty(data.intendedPenalty, 'intendedPenalty');
      break;
    case 'filing_approval':
      c.text(data.source, 'source', '案件来源');
      c.date(data.sourceDate, 'sourceDate', '受案时间');
      c.party(data.party, 'party');
      c.text(data.summary, 'summary', '案情简介');
      c.list(data.handlers, 'handlers', '承办人');
      break;
    case 'onsite_inspection_record':
      c.date(data.startAt, 'startAt', '检查开始时间');
      c.date(data.endAt, 'endAt', '检查结束时间');
      c.text(data.place, 'place', '检查地点');
      c.party(data.party, 'party');
      c.list(data.inspectors, 'inspectors', '检查人员');
      c.text(data.recorder, 'recorder', '记录人');
      c.text(data.findings, 'findings', '检查情况');
      break;
    case 'inquiry_record':
      c.date(data.startAt, 'startAt', '询问开始时间');
      c.date(data.endAt, 'endAt', '询问结束时间');
      c.text(data.place, 'place', '询问地点');
      c.text(data.interviewee?.name, 'interviewee.name', '被询问人');
      c.list(data.inquirers, 'inquirers', '询问人');
      c.text(data.recorder, 'recorder', '记录人');
      c.list(data.qa, 'qa', '询问内容');
      break;
    case 'investigation_end_report':
      c.party(data.party, 'party');
      c.date(data.filedOn, 'filedOn', '立案日期');
      c.text(data.facts, 'facts', '违法事实');
      c.list(data.evidence, 'evidence', '证据');
      c.provisions(data.violated, 'violated', '违反的法律规定');
      c.text(data.proposal, 'proposal', '处理意见');
      c.list(data.handlers, 'handlers', '承办人');
      break;
    case 'legal_review_opinion':
      c.party(data.party, 'party');
      c.text(data.submittedBy, 'submittedBy', '送审机构');
      c.date(data.submittedOn, 'submittedOn', '送审日期');
      if (!['agree', 'correct', 'investigate_further'].includes(data.outcome)) c.problems.push({ path: 'outcome', zh: '审核结论' });
      c.text(data.opinion, 'opinion', '审核意见');
      c.list(data.reviewers, 'reviewers', '法制审核人员');
      break;
    case 'hearing_record':
      c.date(data.startAt, 'startAt', '听证开始时间');
      c.text(data.place, 'place', '听证地点');
      c.text(data.host?.name, 'host.name', '听证主持人');
      c.text(data.recorder, 'recorder', '记录员');
      c.party(data.party, 'party');
      c.list(data.entries, 'entries', '听证记录内容');
      break;
    case 'service_receipt':
      c.list(data.served, 'served', '送达文书');
      c.text(data.recipient, 'recipient', '受送达人');
      c.text(data.address, 'address', '送达地点');
      c.text(data.method, 'method', '送达方式');
      c.list(data.servers, 'servers', '送达人');
      break;
    case 'closing_approval':
      c.party(data.party, 'party');
      c.date(data.filedOn, 'filedOn', '立案日期');
      c.text(data.execution, 'execution', '执行情况');
      c.text(data.closingReason, 'closingReason', '结案理由');
      break;
    // 行政许可法 Art.32 para 2: every intake answer is a written receipt naming the application; decisions add reasons
    // and (Art.38 para 2) the remedies.
    case 'licence_supplement_notice':
      c.text(data.number, 'number', '文号');
      c.party(data.applicant, 'applicant');
      c.text(data.applicationNo, 'applicationNo', '申请编号');
      c.list(data.missingItems, 'missingItems', '需要补正的全部内容');
      break;
    case 'licence_acceptance_notice':
      c.text(data.number, 'number', '文号');
      c.party(data.applicant, 'applicant');
      c.text(data.applicationNo, 'applicationNo', '申请编号');
      c.date(data.acceptedOn, 'acceptedOn', '受理日期');
      break;
    case 'licence_non_acceptance_notice':
      c.text(data.number, 'number', '文号');
      c.party(data.applicant, 'applicant');
      c.text(data.reason, 'reason', '不予受理的理由');
      c.remedies(data.remedies, 'remedies');
      break;
    case 'licence_extension_notice':
      c.text(data.number, 'number', '文号');
      c.party(data.applicant, 'applicant');
      c.date(data.approvedOn, 'approvedOn', '负责人批准日期');
      c.text(data.reasons, 'reasons', '延长期限的理由');
      break;
    case 'licence_grant_decision':
    case 'licence_refusal_decision':
      c.text(data.number, 'number', '文号');
      c.party(data.applicant, 'applicant');
      c.text(data.item, 'item', '许可事项');
      c.date(data.decidedOn, 'decidedOn', '决定日期');
      c.text(data.reasons, 'reasons', data.kind === 'licence_refusal_decision' ? '不予行政许可的理由' : '准予行政许可的理由');
      c.provisions(data.basis, 'basis', '法律依据');
      c.remedies(data.remedies, 'remedies');
      break;
    case 'inspection_notice':
      c.text(data.number, 'number', '文号');
      c.party(data.target, 'target');
      c.text(data.basis, 'basis', '检查依据');
      if (c.list(data.inspectors, 'inspectors', '检查人员') && data.inspectors.length < 2) c.problems.push({ path: 'inspectors', zh: '检查人员不少于两人' });
      break;
    case 'inspection_result_notice':
      c.text(data.number, 'number', '文号');
      c.party(data.target, 'target');
      c.date(data.inspectedOn, 'inspectedOn', '检查日期');
      if (data.outcome === 'problems_found') c.list(data.findings, 'findings', '发现的问题');
      if (data.rectification) c.remedies(data.remedies, 'remedies');
      break;
    // 行政强制法 Art.24 para 2: party, reasons and basis, the things, place, period, remedies, agency and date.
    case 'coercion_decision':
      c.text(data.number, 'number', '文号');
      c.party(data.party, 'party');
      c.text(data.reasons, 'reasons', '实施行政强制措施的理由');
      c.text(data.basis, 'basis', '实施行政强制措施的依据');
      if (data.measure === 'freeze') {
        c.text(data.account, 'account', '冻结账号');
        if (typeof data.amount !== 'number' || !(data.amount > 0)) c.problems.push({ path: 'amount', zh: '冻结数额' });
      } else c.list(data.items, 'items', '查封、扣押场所、设施或者财物的名称、数量');
      c.date(data.startsOn, 'startsOn', '期限起算日');
      if (!Number.isInteger(data.periodDays) || data.periodDays <= 0 || data.periodDays > 30) c.problems.push({ path: 'periodDays', zh: '期限（不超过三十日）' });
      c.list(data.officers, 'officers', '执法人员');
      c.remedies(data.remedies, 'remedies');
      break;
    case 'coercion_inventory':
      c.party(data.party, 'party');
      c.list(data.items, 'items', '清单');
      c.list(data.officers, 'officers', '执法人员');
      break;
    case 'coercion_extension_decision':
      c.text(data.number, 'number', '文号');
      c.party(data.party, 'party');
      c.text(data.reasons, 'reasons', '延长期限的理由');
      if (!Number.isInteger(data.extraDays) || data.extraDays <= 0 || data.extraDays > 30) c.problems.push({ path: 'extraDays', zh: '延长期限（不超过三十日）' });
      c.remedies(data.remedies, 'remedies');
      break;
    case 'coercion_release_decision':
      c.text(data.number, 'number', '文号');
      c.party(data.party, 'party');
      c.text(data.reason, 'reason', '解除的理由');
      c.date(data.releasedOn, 'releasedOn', '解除日期');
      break;
    case 'payment_schedule_approval':
      c.text(data.number, 'number', '文号');
      c.party(data.party, 'party');
      c.list(data.entries, 'entries', '缴纳期限和金额');
      c.text(data.payment?.bank, 'payment.bank', '缴款银行');
      break;
    // Art.35: the duty, the time limit, the manner, the sums, and the right to state and defend.
    case 'payment_reminder':
      c.text(data.number, 'number', '文号');
      c.party(data.party, 'party');
      c.text(data.decision?.number, 'decision.number', '行政处罚决定书文号');
      c.text(data.payment?.bank, 'payment.bank', '履行方式（缴款银行）');
      if (!data.account || !(data.account.balance > 0)) c.problems.push({ path: 'account.balance', zh: '应缴金额' });
      break;
    case 'enforcement_application':
      c.text(data.number, 'number', '文号');
      c.text(data.court, 'court', '人民法院');
      c.party(data.party, 'party');
      c.text(data.decision?.number, 'decision.number', '行政处罚决定书文号');
      c.date(data.reminder?.servedOn, 'reminder.servedOn', '催告书送达日期');
      c.list(data.attachments, 'attachments', '申请材料');
      break;
    // 行政处罚法 Art.52: party, facts, basis, penalty, time, place, remedies, agency; officers sign.
    case 'onsite_penalty_decision':
      c.text(data.number, 'number', '文号');
      c.party(data.party, 'party');
      c.date(data.decidedAt, 'decidedAt', '时间');
      c.text(data.place, 'place', '地点');
      c.text(data.facts, 'facts', '违法行为');
      c.provisions(data.penaltyBasis, 'penaltyBasis', '处罚依据');
      c.penalty(data.penalty, 'penalty');
      c.remedies(data.remedies, 'remedies');
      c.list(data.officers, 'officers', '执法人员');
      break;
    default:
      break;
  }
  return c.problems;
}

/** Throws a 422 RULE_VIOLATION naming every missing item (with the legal citation for decisions and notices). */
export function assertRenderable(data: DocumentData): void {
  const kind = (data as { kind?: unknown })?.kind;
  if (typeof kind !== 'string' || !isDocumentKind(kind)) {
    throw new AppError('VALIDATION_FAILED', { message: `Unknown document kind: ${String(kind)}`, details: { kind } });
  }
  const problems = findMissingContent(data);
  if (problems.length === 0) return;
  const title = DOCUMENT_KINDS[kind].titleZh;
  const citation = CITATIONS[kind];
  throw new AppError('RULE_VIOLATION', {
    message: `Cannot render ${kind} (${title}): mandatory content missing or invalid: ${problems.map((p) => p.path).join(', ')}${citation ? ` — required by ${citation}` : ''}`,
    messageZh: `${title}缺少必备内容：${problems.map((p) => p.zh).join('、')}${citation ? `（${citation}）` : ''}`,
    details: { kind, missing: problems.map((p) => p.path), ...(citation ? { citation } : {}) },
  });
}
