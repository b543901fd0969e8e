import { ChecklistResult, PENALTY_TYPES, REVIEW_CHECKLIST, type PenaltyAction, type PenaltyType, type ReviewChecklistKey } from '@zhifa/domain';
import type { Dayjs } from 'dayjs';
import type { MessageKey } from '../../i18n/index.tsx';

/**
 * What each procedural step asks for, as data: action → the payload fields its form shows and which of them are
 * required. The server validates the same payload (cases.service `checkPayload`, the guards); the form only spares
 * the user a round trip. Every `PenaltyAction` has an entry (the type makes a missing one a compile error).
 */

/** Payload fields of `POST /cases/:id/actions/:action`, as the form names them (the same names, so server issue paths land on them). */
export type PayloadField =
  | 'reason'
  | 'findings'
  | 'evidenceSummary'
  | 'legalBasis'
  | 'proposed'
  | 'discretionTierLevel'
  | 'justification'
  | 'reviewerId'
  | 'checklist'
  | 'opinion'
  | 'serviceMethod'
  | 'servedOn'
  | 'statementWaiverSigned'
  | 'decisionKind'
  | 'penaltyBasis'
  | 'paymentAmount'
  | 'paymentReference'
  | 'paymentMethod'
  | 'paidOn'
  | 'onSiteGround'
  | 'receiptNo'
  | 'schedule'
  | 'challengeKind'
  | 'challengeOn';

export interface ActionFormConfig {
  fields: readonly PayloadField[];
  required: readonly PayloadField[];
  /** An irreversible or case-ending step: the submit button is red. */
  danger?: boolean;
  /** Labels that differ from the field's usual one for this step (e.g. `reason` as 听证情况). */
  labels?: Partial<Record<PayloadField, MessageKey>>;
  /**
   * Guards (by `details.guard`) that this step's own inputs can satisfy: the server checks the facts as they stand,
   * before the form has supplied them (no reviewer is assigned until `submit_review` names one). Such a refusal does
   * not disable the button; the form shows it as what to fill in.
   */
  resolves?: readonly string[];
}

/** The usual label of each payload field; a step may rename one (ACTION_FORMS[action].labels). */
export const FIELD_LABEL_KEYS: Record<PayloadField, MessageKey> = {
  reason: 'caseField.reason',
  findings: 'caseField.findings',
  evidenceSummary: 'caseField.evidenceSummary',
  legalBasis: 'caseField.legalBasis',
  proposed: 'caseField.proposed',
  discretionTierLevel: 'caseField.discretionTier',
  justification: 'caseField.justification',
  reviewerId: 'caseField.reviewer',
  checklist: 'caseField.checklist',
  opinion: 'caseField.opinion',
  serviceMethod: 'caseField.serviceMethod',
  servedOn: 'caseField.servedOn',
  statementWaiverSigned: 'caseField.statementWaiverSigned',
  decisionKind: 'caseField.decisionKind',
  penaltyBasis: 'caseField.penaltyBasis',
  paymentAmount: 'caseField.paymentAmount',
  paymentReference: 'caseField.paymentReference',
  paymentMethod: 'caseField.paymentMethod',
  paidOn: 'caseField.paidOn',
  onSiteGround: 'caseField.onSiteGround',
  receiptNo: 'caseField.receiptNo',
  schedule: 'caseField.schedule',
  challengeKind: 'caseField.challengeKind',
  challengeOn: 'caseField.challengeOn',
};

const reasonRequired: ActionFormConfig = { fields: ['reason'], required: ['reason'], danger: true };
const noteOnly: ActionFormConfig = { fields: ['reason'], required: [] };
const payment: ActionFormConfig = { fields: ['paymentAmount', 'paidOn', 'paymentMethod', 'onSiteGround', 'receiptNo', 'paymentReference'], required: ['paymentAmount', 'paidOn', 'paymentMethod'] };

export const ACTION_FORMS: Record<PenaltyAction, ActionFormConfig> = {
  file: { fields: ['reason'], required: [], labels: { reason: 'caseField.filingOpinion' } },
  decline_filing: reasonRequired,
  start_investigation: noteOnly,
  end_investigation: {
    fields: ['findings', 'evidenceSummary', 'legalBasis', 'proposed', 'discretionTierLevel', 'justification'],
    required: ['findings', 'evidenceSummary', 'legalBasis', 'proposed'],
  },
  submit_review: { fields: ['reviewerId'], required: ['reviewerId'], resolves: ['reviewerNotInvestigator', 'firstTimeReviewerQualified'] },
  return_for_supplement: { fields: ['checklist', 'opinion'], required: ['checklist', 'opinion'], labels: { opinion: 'caseField.supplementOpinion' } },
  pass_review: { fields: ['checklist', 'opinion'], required: ['checklist', 'opinion'] },
  require_collective_discussion: noteOnly,
  record_collective_decision: { fields: ['reason'], required: [], labels: { reason: 'caseField.collectiveDecision' } },
  serve_notice: { fields: ['serviceMethod', 'servedOn', 'statementWaiverSigned'], required: ['serviceMethod', 'servedOn'] },
  request_hearing: { fields: ['reason'], required: [], labels: { reason: 'caseField.hearingRequest' } },
  record_hearing: { fields: ['reason'], required: [], labels: { reason: 'caseField.hearingRecord' } },
  decide: { fields: ['decisionKind', 'penaltyBasis'], required: ['decisionKind'] },
  serve_decision: { fields: ['serviceMethod', 'servedOn'], required: ['serviceMethod', 'servedOn'] },
  record_payment: payment,
  // 行政处罚法 Art.66–72 and 行政强制法 Art.53–54: part payments, the head's approval of a deferral or instalments (the
  // server refuses it to anyone else), the reminder (催告) and the application to the court.
  record_part_payment: payment,
  approve_deferral: { fields: ['schedule', 'reason'], required: ['schedule', 'reason'], labels: { reason: 'caseField.hardship' } },
  serve_reminder: { fields: ['serviceMethod', 'servedOn', 'reason'], required: ['serviceMethod', 'servedOn'], labels: { reason: 'caseField.reminderNote' } },
  apply_court_enforcement: { fields: ['reason'], required: ['reason'], labels: { reason: 'caseField.courtApplication' } },
  // 行政处罚法 Art.73 para 3: no surcharge while a reconsideration or lawsuit is pending.
  record_challenge: { fields: ['challengeKind', 'challengeOn'], required: ['challengeKind', 'challengeOn'] },
  end_challenge: { fields: ['challengeOn'], required: ['challengeOn'], labels: { challengeOn: 'caseField.challengeEndedOn' } },
  close: { fields: ['reason'], required: [], labels: { reason: 'caseField.closingOpinion' } },
  archive: noteOnly,
  suspend: reasonRequired,
  resume: noteOnly,
  terminate: reasonRequired,
  transfer: reasonRequired,
  // Inside a review round (内蒙古办法 Art.29, 31, 32; SAMR Art.55): each step writes down what it is about.
  request_review_materials: { fields: ['reason'], required: ['reason'], labels: { reason: 'caseField.reviewMaterials' } },
  supply_review_materials: { fields: ['reason'], required: [], labels: { reason: 'caseField.suppliedMaterials' } },
  extend_review: { fields: ['reason'], required: ['reason'], labels: { reason: 'caseField.extensionReason' } },
  dispute_review: { fields: ['reason'], required: ['reason'], labels: { reason: 'caseField.disputeReason' } },
  uphold_review_opinion: { fields: ['reason'], required: ['reason'], labels: { reason: 'caseField.headDecision' } },
  overrule_review_opinion: { fields: ['reason'], required: ['reason'], labels: { reason: 'caseField.headDecision' } },
};

/** Legal review (法制审核, 行政处罚法 Art.58) is the assigned legal reviewer's; every other step is the handlers'. */
export const REVIEW_STEP_ACTIONS: readonly PenaltyAction[] = ['pass_review', 'return_for_supplement', 'request_review_materials'];
export const isReviewAction = (a: string): boolean => (REVIEW_STEP_ACTIONS as readonly string[]).includes(a);

/** Whether every refusal of a step is one its form can answer (see `ActionFormConfig.resolves`). */
export function isResolvableInForm(action: PenaltyAction, refusals: readonly { details?: Record<string, unknown> }[]): boolean {
  const resolves = ACTION_FORMS[action].resolves ?? [];
  return refusals.length > 0 && refusals.every((r) => typeof r.details?.guard === 'string' && resolves.includes(r.details.guard));
}

/**
 * 法制审核 checklist: the domain's REVIEW_CHECKLIST (国办发〔2018〕118号 §四(十三); SAMR 程序规定 Art.53), the same table the
 * server checks every review against (`checklistRefusal`: every item once, a failed or n/a item explained, no pass
 * with a failing item, a return naming one).
 */
export const REVIEW_CHECKLIST_KEYS: readonly ReviewChecklistKey[] = REVIEW_CHECKLIST.map((i) => i.key);
export const CHECKLIST_RESULTS = Object.values(ChecklistResult) as ChecklistResult[];

/** 送达方式 (行政处罚法 Art.61; 民事诉讼法 Art.87–95); the server's SERVICE_METHODS. */
export const SERVICE_METHODS = ['direct', 'left_at_address', 'post', 'electronic', 'public_notice'] as const;
export type ServiceMethod = (typeof SERVICE_METHODS)[number];

/** 执行 (the domain's PAYMENT_METHODS and ON_SITE_COLLECTION_GROUNDS). */
export { PAYMENT_METHODS, ON_SITE_COLLECTION_GROUNDS } from '@zhifa/domain';
/** Only the agency head may approve a deferral or instalments (行政处罚法 Art.66 para 2); the server refuses others. */
export const HEAD_STEP_ACTIONS: readonly PenaltyAction[] = ['approve_deferral', 'extend_review', 'uphold_review_opinion', 'overrule_review_opinion'];

/** Form values: the payload's shape, with dates as dayjs and the evidence list as form rows. */
export interface ActionFormValues {
  reason?: string;
  findings?: string;
  evidenceSummary?: (string | undefined)[];
  legalBasis?: string;
  proposed?: { types?: string[]; fineAmount?: number | null };
  discretionTierLevel?: string | null;
  justification?: string;
  reviewerId?: string;
  checklist?: { key: string; result?: ChecklistResult; comment?: string }[];
  opinion?: string;
  serviceMethod?: ServiceMethod;
  servedOn?: Dayjs | null;
  statementWaiverSigned?: boolean;
  decisionKind?: 'penalty' | 'no_penalty';
  penaltyBasis?: string;
  paymentAmount?: number | null;
  paymentReference?: string;
  paymentMethod?: string;
  paidOn?: Dayjs | null;
  onSiteGround?: string;
  receiptNo?: string;
  schedule?: { kind?: 'deferral' | 'instalments'; appliedOn?: Dayjs | null; entries?: { dueOn?: Dayjs | null; amount?: number | null }[] };
  challengeKind?: 'reconsideration' | 'litigation';
  challengeOn?: Dayjs | null;
}

const text = (v: string | undefined | null): string | undefined => (v && v.trim() ? v.trim() : undefined);

/**
 * The payload a form sends: only the fields of its step, blank text left out (the server reads a missing field as
 * "unchanged"), dates as YYYY-MM-DD. A proposal is `{ types, fineAmount }` in that key order, the order the server
 * compares in, so re-sending an unchanged proposal does not reset a passed review.
 */
/**
 * The form of a step for this case: a review level other than the legal review (e.g. the unit head's in a 四级审核
 * chain) signs with its opinion; the 11-item checklist is the legal-review level's (SAMR Art.53).
 */
export function actionFormFor(action: PenaltyAction, pc?: { reviewChain?: { levels: { isLegalReview: boolean }[]; currentIndex: number | null } | null }): ActionFormConfig {
  const level = pc?.reviewChain && pc.reviewChain.currentIndex !== null ? pc.reviewChain.levels[pc.reviewChain.currentIndex] : undefined;
  if (isReviewAction(action) && level && !level.isLegalReview) {
    return { fields: ['opinion'], required: ['opinion'], labels: action === 'return_for_supplement' ? { opinion: 'caseField.supplementOpinion' } : {} };
  }
  return ACTION_FORMS[action];
}

export function toActionPayload(action: PenaltyAction, v: ActionFormValues, config: ActionFormConfig = ACTION_FORMS[action]): Record<string, unknown> {
  const fields = new Set<PayloadField>(config.fields);
  const out: Record<string, unknown> = {};
  const put = (k: PayloadField, value: unknown) => {
    if (fields.has(k) && value !== undefined) out[k] = value;
  };
  put('reason', text(v.reason));
  put('findings', text(v.findings));
  if (fields.has('evidenceSummary') && v.evidenceSummary) {
    const rows = v.evidenceSummary.map((e) => text(e)).filter((e): e is string => !!e);
    if (rows.length) out.evidenceSummary = rows;
  }
  put('legalBasis', text(v.legalBasis));
  if (fields.has('proposed') && v.proposed) {
    const types = (v.proposed.types ?? []).filter((t): t is PenaltyType => (PENALTY_TYPES as string[]).includes(t));
    // Kept in the table's order, so the same choice always compares equal.
    types.sort((a, b) => PENALTY_TYPES.indexOf(a) - PENALTY_TYPES.indexOf(b));
    const fine = types.includes('fine') && typeof v.proposed.fineAmount === 'number' ? v.proposed.fineAmount : null;
    out.proposed = { types, fineAmount: fine };
  }
  if (fields.has('discretionTierLevel') && v.discretionTierLevel) out.discretionTierLevel = v.discretionTierLevel;
  put('justification', text(v.justification));
  put('reviewerId', v.reviewerId || undefined);
  if (fields.has('checklist') && v.checklist) {
    const rows = v.checklist.filter((r) => r.result).map((r) => ({ key: r.key, result: r.result, ...(text(r.comment) ? { comment: text(r.comment) } : {}) }));
    if (rows.length) out.checklist = rows;
  }
  put('opinion', text(v.opinion));
  put('serviceMethod', v.serviceMethod);
  put('servedOn', v.servedOn ? v.servedOn.format('YYYY-MM-DD') : undefined);
  if (fields.has('statementWaiverSigned')) out.statementWaiverSigned = !!v.statementWaiverSigned;
  put('decisionKind', v.decisionKind);
  if (v.decisionKind !== 'no_penalty') put('penaltyBasis', text(v.penaltyBasis));
  put('paymentAmount', typeof v.paymentAmount === 'number' ? v.paymentAmount : undefined);
  put('paymentReference', text(v.paymentReference));
  put('paymentMethod', v.paymentMethod);
  put('paidOn', v.paidOn ? v.paidOn.format('YYYY-MM-DD') : undefined);
  if (v.paymentMethod === 'on_site_cash') {
    put('onSiteGround', v.onSiteGround);
    put('receiptNo', text(v.receiptNo));
  }
  put('challengeKind', v.challengeKind);
  put('challengeOn', v.challengeOn ? v.challengeOn.format('YYYY-MM-DD') : undefined);
  if (fields.has('schedule') && v.schedule) {
    out.schedule = {
      kind: v.schedule.kind ?? 'deferral',
      appliedOn: v.schedule.appliedOn ? v.schedule.appliedOn.format('YYYY-MM-DD') : undefined,
      entries: (v.schedule.entries ?? []).filter((e) => e.dueOn && typeof e.amount === 'number').map((e) => ({ dueOn: e.dueOn!.format('YYYY-MM-DD'), amount: e.amount })),
    };
  }
  return out;
}
