import type { Refusal } from '../errors/error-codes.ts';
import type { CoercionFacts } from './coercion.ts';
import type { InspectionFacts } from './inspection.ts';
import type { LicensingFacts } from './licensing.ts';
import { courtEnforcementReady, reminderAfterDefault, type ExecutionGuardFacts } from './penalty-execution.ts';
import type { GuardContext } from './penalty-guards.ts';

/**
 * Documents of the procedures other than the ordinary penalty steps (domain-rules §4–§6, §16–§18): which record they
 * belong to and when the law lets them exist. A decision or notice says that something was decided or done; it is
 * refused until the record shows it (no 准予行政许可决定书 before the licence is granted, no 催告书 before the payment is
 * overdue). One document of a kind per record: its number is allocated once.
 */
export const PROCEDURE_DOCUMENT_SUBJECTS = ['licence_application', 'inspection', 'coercive_measure', 'penalty_case', 'simplified_case'] as const;
export type ProcedureDocumentSubject = (typeof PROCEDURE_DOCUMENT_SUBJECTS)[number];

export const PROCEDURE_DOCUMENT_KINDS = {
  // 行政许可 (domain-rules §16)
  licence_supplement_notice: { subject: 'licence_application', citation: '行政许可法 Art.32 para 1(4)' },
  licence_acceptance_notice: { subject: 'licence_application', citation: '行政许可法 Art.32 para 1(5), para 2' },
  licence_non_acceptance_notice: { subject: 'licence_application', citation: '行政许可法 Art.32 para 1(1)(2), para 2' },
  licence_extension_notice: { subject: 'licence_application', citation: '行政许可法 Art.42 para 1' },
  licence_grant_decision: { subject: 'licence_application', citation: '行政许可法 Art.38 para 1, Art.39' },
  licence_refusal_decision: { subject: 'licence_application', citation: '行政许可法 Art.38 para 2' },
  // 行政检查 (domain-rules §8)
  inspection_notice: { subject: 'inspection', citation: '国办发〔2024〕54号' },
  onsite_inspection_record: { subject: 'inspection', citation: '行政处罚法 Art.55' },
  inspection_result_notice: { subject: 'inspection', citation: '国办发〔2015〕58号 §二(四)' },
  // 行政强制措施 (domain-rules §6)
  coercion_decision: { subject: 'coercive_measure', citation: '行政强制法 Art.24 para 2, Art.31' },
  coercion_inventory: { subject: 'coercive_measure', citation: '行政强制法 Art.24 para 1' },
  coercion_extension_decision: { subject: 'coercive_measure', citation: '行政强制法 Art.25 para 1, 2' },
  coercion_release_decision: { subject: 'coercive_measure', citation: '行政强制法 Art.28, Art.33' },
  // 执行 (domain-rules §5.8)
  payment_schedule_approval: { subject: 'penalty_case', citation: '行政处罚法 Art.66 para 2' },
  payment_reminder: { subject: 'penalty_case', citation: '行政强制法 Art.35, Art.54' },
  enforcement_application: { subject: 'penalty_case', citation: '行政强制法 Art.53–55' },
  // 简易程序 (domain-rules §5.10)
  onsite_penalty_decision: { subject: 'simplified_case', citation: '行政处罚法 Art.52' },
} as const satisfies Record<string, { subject: ProcedureDocumentSubject; citation: string }>;
export type ProcedureDocumentKind = keyof typeof PROCEDURE_DOCUMENT_KINDS;
export const PROCEDURE_DOCUMENT_KIND_CODES = Object.keys(PROCEDURE_DOCUMENT_KINDS) as ProcedureDocumentKind[];

export function isProcedureDocumentKind(s: string): s is ProcedureDocumentKind {
  return Object.hasOwn(PROCEDURE_DOCUMENT_KINDS, s);
}

/** The kinds a record of this type can issue, in the order of the procedure. */
export function procedureDocumentKindsOf(subject: ProcedureDocumentSubject): ProcedureDocumentKind[] {
  return PROCEDURE_DOCUMENT_KIND_CODES.filter((k) => PROCEDURE_DOCUMENT_KINDS[k].subject === subject);
}

/** What the availability rules read: the record's status and facts, as stored. */
export type ProcedureDocumentFacts =
  | { subject: 'licence_application'; status: string; facts: Pick<LicensingFacts, 'supplementNotices' | 'acceptedOn' | 'notAccepted' | 'extensions' | 'decision'> }
  | { subject: 'inspection'; status: string; facts: Pick<InspectionFacts, 'approval' | 'isNoticeRequired' | 'onSiteOn' | 'result'> }
  | { subject: 'coercive_measure'; status: string; facts: Pick<CoercionFacts, 'kind' | 'headDecision' | 'emergency' | 'execution' | 'extensions' | 'disposition'> & { items: readonly unknown[] } }
  | { subject: 'penalty_case'; status: string; facts: ExecutionGuardFacts }
  | { subject: 'simplified_case'; status: string; facts: { decidedOn: string | null } };

function refuse(citation: string, message: string, messageZh: string, details?: Record<string, unknown>): Refusal {
  return { code: 'RULE_VIOLATION', message, messageZh, citation, ...(details ? { details } : {}) };
}

/**
 * Why `kind` cannot be issued for this record now (null = it can). `ctx` is needed for the execution documents, whose
 * availability is the execution guard of the step they prepare (催告 after default, court application when ready).
 */
export function procedureDocumentRefusal(kind: ProcedureDocumentKind, r: ProcedureDocumentFacts, ctx: GuardContext): Refusal | null {
  const spec = PROCEDURE_DOCUMENT_KINDS[kind];
  if (spec.subject !== r.subject) {
    return refuse(spec.citation, `A ${kind} belongs to a ${spec.subject}, not to a ${r.subject}.`, '该文书不属于此类案件。', { kind, subject: r.subject });
  }
  const c = spec.citation;
  switch (kind) {
    case 'licence_supplement_notice': {
      const f = (r as Extract<ProcedureDocumentFacts, { subject: 'licence_application' }>).facts;
      return f.supplementNotices.length > 0 ? null : refuse(c, 'No supplement has been requested: record the one-time notice of the missing materials first.', '尚未作出补正告知：请先登记一次性告知需要补正的全部内容。');
    }
    case 'licence_acceptance_notice': {
      const f = (r as Extract<ProcedureDocumentFacts, { subject: 'licence_application' }>).facts;
      return f.acceptedOn ? null : refuse(c, 'The application has not been accepted.', '该申请尚未受理，不能出具受理通知书。');
    }
    case 'licence_non_acceptance_notice': {
      const f = (r as Extract<ProcedureDocumentFacts, { subject: 'licence_application' }>).facts;
      return f.notAccepted ? null : refuse(c, 'No decision not to accept the application is recorded.', '尚未作出不予受理决定，不能出具不予受理通知书。');
    }
    case 'licence_extension_notice': {
      const f = (r as Extract<ProcedureDocumentFacts, { subject: 'licence_application' }>).facts;
      return f.extensions.length > 0 ? null : refuse(c, 'No extension of the decision period was approved.', '审查期限未经本机关负责人批准延长，不能出具延期通知。');
    }
    case 'licence_grant_decision': {
      const f = (r as Extract<ProcedureDocumentFacts, { subject: 'licence_application' }>).facts;
      return f.decision?.kind === 'grant' ? null : refuse(c, 'The licence has not been granted: the decision to grant must be recorded first.', '尚未作出准予行政许可的决定，不能出具准予行政许可决定书。');
    }
    case 'licence_refusal_decision': {
      const f = (r as Extract<ProcedureDocumentFacts, { subject: 'licence_application' }>).facts;
      return f.decision?.kind === 'refuse' ? null : refuse(c, 'No refusal is recorded: the decision not to grant, with its reasons, must be recorded first.', '尚未作出不予行政许可的决定，不能出具不予行政许可决定书。');
    }
    case 'inspection_notice': {
      const f = (r as Extract<ProcedureDocumentFacts, { subject: 'inspection' }>).facts;
      return f.approval ? null : refuse(c, 'The inspection has not been approved by the head of the agency.', '检查尚未经本机关负责人批准，不能出具检查通知书。');
    }
    case 'onsite_inspection_record': {
      const f = (r as Extract<ProcedureDocumentFacts, { subject: 'inspection' }>).facts;
      return f.onSiteOn ? null : refuse(c, 'The on-site inspection has not started.', '尚未开始现场检查，不能制作现场检查笔录。');
    }
    case 'inspection_result_notice': {
      const f = (r as Extract<ProcedureDocumentFacts, { subject: 'inspection' }>).facts;
      return f.result ? null : refuse(c, 'No inspection result is recorded.', '尚未记录检查结果，不能出具检查结果告知书。');
    }
    case 'coercion_decision': {
      const f = (r as Extract<ProcedureDocumentFacts, { subject: 'coercive_measure' }>).facts;
      // Art.18(1): approved by the head beforehand, or (Art.19) taken on the spot in an emergency and reported.
      return f.headDecision?.isApproved || f.emergency ? null : refuse('行政强制法 Art.18(1), Art.19', 'The measure has not been approved by the head of the agency.', '行政强制措施尚未经行政机关负责人批准，不能制作决定书。');
    }
    case 'coercion_inventory': {
      const f = (r as Extract<ProcedureDocumentFacts, { subject: 'coercive_measure' }>).facts;
      if (f.kind === 'freeze') return refuse(c, 'A freeze has no inventory of things; the freeze notice goes to the bank (Art.30).', '冻结存款、汇款不制作财物清单（行政强制法第三十条）。');
      if (!(f.headDecision?.isApproved || f.emergency)) return refuse('行政强制法 Art.18(1), Art.19', 'The measure has not been approved by the head of the agency.', '行政强制措施尚未经行政机关负责人批准，不能制作清单。');
      return f.items.length > 0 ? null : refuse(c, 'The inventory is empty.', '查封、扣押的场所、设施或者财物清单为空。');
    }
    case 'coercion_extension_decision': {
      const f = (r as Extract<ProcedureDocumentFacts, { subject: 'coercive_measure' }>).facts;
      return f.extensions.length > 0 ? null : refuse(c, 'No extension of the period was approved.', '期限未经行政机关负责人批准延长，不能出具延长期限决定书。');
    }
    case 'coercion_release_decision': {
      const f = (r as Extract<ProcedureDocumentFacts, { subject: 'coercive_measure' }>).facts;
      return f.disposition?.kind === 'release' ? null : refuse(c, 'The release of the measure has not been decided.', '尚未作出解除决定，不能出具解除行政强制措施决定书。');
    }
    case 'payment_schedule_approval': {
      const f = (r as Extract<ProcedureDocumentFacts, { subject: 'penalty_case' }>).facts;
      return f.execution?.schedules.length ? null : refuse(c, 'No deferral or instalment plan was approved.', '尚未批准延期或者分期缴纳罚款，不能出具该决定书。');
    }
    case 'payment_reminder': {
      const f = (r as Extract<ProcedureDocumentFacts, { subject: 'penalty_case' }>).facts;
      if (f.execution?.reminderServedOn) return null;
      return reminderAfterDefault(f, ctx);
    }
    case 'enforcement_application': {
      const f = (r as Extract<ProcedureDocumentFacts, { subject: 'penalty_case' }>).facts;
      if (f.execution?.courtApplicationOn) return null;
      return courtEnforcementReady(f, ctx);
    }
    case 'onsite_penalty_decision': {
      const f = (r as Extract<ProcedureDocumentFacts, { subject: 'simplified_case' }>).facts;
      return f.decidedOn ? null : refuse(c, 'No decision has been made on the spot.', '尚未当场作出行政处罚决定。');
    }
  }
}
