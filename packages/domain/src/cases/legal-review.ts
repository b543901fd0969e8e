import { z } from 'zod';
import { computeDeadline, type Deadline, type DeadlineRule, type HolidayCalendar, type PeriodPause } from '../calendar/index.ts';
import { AppError, type Refusal } from '../errors/index.ts';
import { PENALTY_TYPES, allowedActions, nextStatus, type PenaltyType } from '../registry/enums.ts';
import { RULE_KEYS, type RuleValues } from '../rules/index.ts';
import type { PenaltyContent } from './penalty-guards.ts';

/**
 * Legal review (法制审核 / 案件审核) as a configurable multi-level chain (domain-rules §4, LR1–LR11).
 *
 * An agency configures an ordered chain of review levels as data (e.g. Qinhuangdao's 四级审核: the handling unit's
 * legal officer → the unit head → the legal division → the responsible leader). A case submitted for review walks
 * the levels that apply to it; each level gives one of the SAMR Art.54 outcomes after filling in the LR6 / SAMR
 * Art.53 checklist. A problems-found opinion returns the case to the handlers, who fix it and resubmit (a new round
 * from the first level) or disagree: consult the reviewer, then escalate to the agency head, whose recorded decision
 * settles it (LR9). The review time limit is a rule-profile value on the holiday calendar, paused while the reviewer
 * waits for supplementary materials (LR8).
 *
 * One review = one `ReviewState`. A later review of the same case (e.g. after a hearing, SAMR Art.50 para 2) starts
 * from `initialReviewState()` again; the case procedure's `submit_review` opens it, and `passed` / `returned` map to
 * its `pass_review` / `return_for_supplement`.
 */

// ---- who signs ------------------------------------------------------------------------------------------------------

/**
 * Positions that may sign a review level. Positions, not login roles: a unit head logs in as an officer but holds the
 * `unit_head` position; the server derives a person's positions from the personnel registry.
 */
export const ReviewSignerPosition = {
  UNIT_LEGAL_OFFICER: 'unit_legal_officer',
  UNIT_HEAD: 'unit_head',
  LEGAL_REVIEWER: 'legal_reviewer',
  LEGAL_DIVISION_HEAD: 'legal_division_head',
  DEPUTY_HEAD: 'deputy_head',
  AGENCY_HEAD: 'agency_head',
} as const;
export type ReviewSignerPosition = (typeof ReviewSignerPosition)[keyof typeof ReviewSignerPosition];
export const REVIEW_SIGNER_POSITIONS = Object.values(ReviewSignerPosition) as ReviewSignerPosition[];
export const REVIEW_SIGNER_POSITION_LABELS: Record<ReviewSignerPosition, { zh: string; en: string }> = {
  unit_legal_officer: { zh: '承办机构法制员', en: 'Handling unit legal officer' },
  unit_head: { zh: '承办机构负责人', en: 'Handling unit head' },
  legal_reviewer: { zh: '法制审核人员', en: 'Legal reviewer' },
  legal_division_head: { zh: '法制机构负责人', en: 'Legal division head' },
  deputy_head: { zh: '分管负责人', en: 'Deputy head in charge' },
  agency_head: { zh: '主要负责人', en: 'Agency head' },
};
/** "行政执法部门负责人" (LR9, SAMR Art.55): the agency's leaders, principal or deputy. */
const HEAD_POSITIONS: readonly ReviewSignerPosition[] = ['deputy_head', 'agency_head'];

// ---- the chain as data ----------------------------------------------------------------------------------------------

/**
 * When a level applies. Absent = always. Present = the level applies if ANY listed criterion holds ("major cases or
 * fines of at least X"), so a condition must list at least one.
 */
export interface ReviewLevelCondition {
  isMajor?: boolean | undefined;
  fineAtLeast?: number | undefined;
  penaltyTypes?: readonly PenaltyType[] | undefined;
  hearingHeld?: boolean | undefined;
}

export interface ReviewLevel {
  key: string;
  zh: string;
  en: string;
  /** Positions of which the signer must hold at least one. */
  signers: readonly ReviewSignerPosition[];
  /**
   * This level is the legal review proper (法制审核, 行政处罚法 Art.58 / SAMR Art.51): a first-time signer needs the
   * legal-profession qualification (LR4).
   */
  isLegalReview: boolean;
  when?: ReviewLevelCondition | null | undefined;
}

export interface ReviewChain {
  code: string;
  zh: string;
  en: string;
  levels: readonly ReviewLevel[];
  /** Who records the final decision when the handling unit and a reviewer cannot agree (LR9: the agency head). */
  finalDeciders: readonly ReviewSignerPosition[];
  /** Who may extend the review time limit (SAMR Art.55: 负责人; 内蒙古办法 Art.31: 主管法制工作的负责人). */
  extensionApprovers: readonly ReviewSignerPosition[];
  citation?: string | undefined;
}

const position = z.enum(REVIEW_SIGNER_POSITIONS as [ReviewSignerPosition, ...ReviewSignerPosition[]]);
const label = (max: number) => z.string().trim().min(1).max(max);

export const ReviewLevelSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'level key: 2–40 lower-case letters, digits, _'),
  zh: label(60),
  en: label(120),
  signers: z.array(position).min(1).max(REVIEW_SIGNER_POSITIONS.length),
  isLegalReview: z.boolean(),
  when: z
    .object({
      isMajor: z.boolean().optional(),
      fineAtLeast: z.number().nonnegative().max(1e12).optional(),
      penaltyTypes: z.array(z.enum(PENALTY_TYPES as [PenaltyType, ...PenaltyType[]])).min(1).optional(),
      hearingHeld: z.boolean().optional(),
    })
    .refine((c) => c.isMajor === true || c.fineAtLeast !== undefined || c.penaltyTypes !== undefined || c.hearingHeld === true, {
      message: 'a condition must name at least one criterion (omit it for a level that always applies)',
      params: { messageZh: '适用条件至少须有一项；总是适用的审核层级请不设条件。' },
    })
    .nullish(),
});

/**
 * A chain configured as data. Beyond the shape: level keys are unique; at least one legal-review level applies to
 * every case (SAMR Art.49, 52: every ordinary-procedure case is reviewed; LR3); the final decision on a disagreement
 * and the extension of the time limit belong to the agency's leaders (LR9; SAMR Art.55).
 */
export const ReviewChainSchema = z
  .object({
    code: z.string().regex(/^[a-z0-9_.-]{2,60}$/),
    zh: label(60),
    en: label(120),
    levels: z.array(ReviewLevelSchema).min(1).max(8),
    finalDeciders: z.array(position).min(1),
    extensionApprovers: z.array(position).min(1),
    citation: z.string().max(500).optional(),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.levels.forEach((l, i) => {
      if (seen.has(l.key)) {
        ctx.addIssue({ code: 'custom', path: ['levels', i, 'key'], message: `duplicate level key ${l.key}`, params: { messageZh: `审核层级代码${l.key}重复。` } });
      }
      seen.add(l.key);
    });
    if (!c.levels.some((l) => l.isLegalReview && !l.when)) {
      ctx.addIssue({
        code: 'custom',
        path: ['levels'],
        message: 'at least one legal-review level must apply to every case (SAMR Art.49, Art.52)',
        params: { messageZh: '至少须有一个对所有案件适用的法制（案件）审核层级。' },
      });
    }
    for (const field of ['finalDeciders', 'extensionApprovers'] as const) {
      c[field].forEach((p, i) => {
        if (!HEAD_POSITIONS.includes(p)) {
          ctx.addIssue({ code: 'custom', path: [field, i], message: `${p} is not an agency leader (负责人)`, params: { messageZh: '须为行政执法部门负责人（主要负责人或分管负责人）。' } });
        }
      });
    }
  });

/** National default: one legal-review level by the legal division (行政处罚法 Art.58; SAMR Art.49–55). */
export const DEFAULT_REVIEW_CHAIN: ReviewChain = {
  code: 'default',
  zh: '法制审核',
  en: 'Legal review',
  levels: [{ key: 'legal_division', zh: '法制机构审核', en: 'Legal division review', signers: ['legal_reviewer', 'legal_division_head'], isLegalReview: true }],
  finalDeciders: ['agency_head'],
  extensionApprovers: ['agency_head', 'deputy_head'],
  citation: '行政处罚法 Art.58; 市场监督管理行政处罚程序规定 Art.49–55',
};

/**
 * Qinhuangdao's 四级审核 [Seed 000, §(六)五]: the unit's legal officer reviews first, the unit head checks, the legal
 * division reviews, and for major decisions the leader in charge gives the final review.
 */
export const QINHUANGDAO_FOUR_LEVEL_CHAIN: ReviewChain = {
  code: 'qinhuangdao-4',
  zh: '四级审核',
  en: 'Four-level review',
  levels: [
    { key: 'unit_legal_officer', zh: '承办机构法制员审核', en: 'Unit legal officer', signers: ['unit_legal_officer'], isLegalReview: false },
    { key: 'unit_head', zh: '承办机构负责人审核', en: 'Unit head', signers: ['unit_head'], isLegalReview: false },
    { key: 'legal_division', zh: '法制机构审核', en: 'Legal division', signers: ['legal_reviewer', 'legal_division_head'], isLegalReview: true },
    { key: 'leader', zh: '分管或主要负责人审核', en: 'Leader in charge', signers: ['deputy_head', 'agency_head'], isLegalReview: false, when: { isMajor: true } },
  ],
  finalDeciders: ['agency_head'],
  extensionApprovers: ['agency_head', 'deputy_head'],
  citation: '秦皇岛市三项制度试点工作总结 (2018) 四级审核; 国办发〔2018〕118号 §四',
};

// ---- the case as the review sees it ---------------------------------------------------------------------------------

export interface ReviewCaseFacts {
  /** The case's investigators (承办人员); none of them may sign a level (SAMR Art.49 para 3). */
  investigatorIds: readonly string[];
  /** 行政处罚法 Art.58 / LR2, as classified by the procedure (`isMajorCase`). */
  isMajor: boolean;
  proposed: PenaltyContent | null;
  hearingHeld: boolean;
  /** Keys of the materials attached to the submission (REVIEW_MATERIALS). */
  materials: readonly string[];
}

export interface ReviewActor {
  id: string;
  positions: readonly ReviewSignerPosition[];
  /** Passed the national unified legal professional qualification exam (法律职业资格). */
  hasLegalQualification: boolean;
  /** Legal reviews this person completed before; 0 = first time (行政处罚法 Art.58 para 2). */
  priorReviewCount: number;
}

export interface ReviewContext {
  actor: ReviewActor;
  /** Today in China time (YYYY-MM-DD). */
  now: string;
  /** Profile values, for the extension length recorded when it is approved. */
  params: LegalReviewRuleParams;
}

/** Whether a level applies to a case (any criterion of its condition). */
export function isLevelApplicable(level: ReviewLevel, f: Pick<ReviewCaseFacts, 'isMajor' | 'proposed' | 'hearingHeld'>): boolean {
  const c = level.when;
  if (!c) return true;
  const fine = f.proposed?.types.includes('fine') ? (f.proposed.fineAmount ?? 0) : 0;
  return (
    (c.isMajor === true && f.isMajor) ||
    (c.fineAtLeast !== undefined && f.proposed !== null && fine >= c.fineAtLeast) ||
    (c.penaltyTypes !== undefined && (f.proposed?.types ?? []).some((t) => c.penaltyTypes!.includes(t))) ||
    (c.hearingHeld === true && f.hearingHeld)
  );
}

/** The level keys a case goes through, in chain order. */
export function applicableLevels(chain: ReviewChain, f: Pick<ReviewCaseFacts, 'isMajor' | 'proposed' | 'hearingHeld'>): string[] {
  return chain.levels.filter((l) => isLevelApplicable(l, f)).map((l) => l.key);
}

/**
 * Materials submitted for review (内蒙古办法 Art.29; SAMR Art.49: the investigation-end report with the case
 * materials). The hearing transcript is required once a hearing was held.
 */
export const REVIEW_MATERIALS = [
  { key: 'investigation_end_report', zh: '调查终结报告', en: 'Investigation-end report', onlyAfterHearing: false },
  { key: 'draft_decision', zh: '执法决定代拟稿', en: 'Draft decision', onlyAfterHearing: false },
  { key: 'legal_basis', zh: '作出执法决定的相关依据', en: 'Legal basis', onlyAfterHearing: false },
  { key: 'evidence', zh: '证据材料', en: 'Evidence', onlyAfterHearing: false },
  { key: 'hearing_record', zh: '听证笔录', en: 'Hearing transcript', onlyAfterHearing: true },
] as const;
export type ReviewMaterialKey = (typeof REVIEW_MATERIALS)[number]['key'];

// ---- checklist and outcomes -----------------------------------------------------------------------------------------

/**
 * The review checklist: 国办发〔2018〕118号 §四(十三) and 内蒙古办法 Art.30 (LR6), merged with SAMR Art.53.
 */
export const REVIEW_CHECKLIST = [
  { key: 'subject_and_officers', zh: '执法主体合法，执法人员具备执法资格', en: 'Lawful enforcement subject; officers qualified', citation: '国办发〔2018〕118号 §四(十三); 内蒙古办法 Art.30(1)' },
  { key: 'jurisdiction', zh: '具有管辖权', en: 'Jurisdiction', citation: '市场监督管理行政处罚程序规定 Art.53(1)' },
  { key: 'party_information', zh: '当事人基本情况清楚', en: "Party's basic information clear", citation: '市场监督管理行政处罚程序规定 Art.53(2)' },
  { key: 'facts_and_evidence', zh: '案件事实清楚，证据合法充分', en: 'Facts clear; evidence lawful and sufficient', citation: '市场监督管理行政处罚程序规定 Art.53(3); 内蒙古办法 Art.30(3)' },
  { key: 'characterization', zh: '定性准确', en: 'Characterization (定性) correct', citation: '市场监督管理行政处罚程序规定 Art.53(4)' },
  { key: 'legal_basis', zh: '适用依据正确', en: 'Legal basis correctly applied', citation: '市场监督管理行政处罚程序规定 Art.53(5); 内蒙古办法 Art.30(4)' },
  { key: 'procedure', zh: '程序合法', en: 'Lawful procedure', citation: '市场监督管理行政处罚程序规定 Art.53(6); 内蒙古办法 Art.30(6)' },
  { key: 'discretion', zh: '处理适当，裁量基准适用适当', en: 'Appropriate handling and use of discretion benchmarks', citation: '市场监督管理行政处罚程序规定 Art.53(7); 内蒙古办法 Art.30(5)' },
  { key: 'within_powers', zh: '未超越法定权限', en: 'Statutory powers not exceeded', citation: '国办发〔2018〕118号 §四(十三); 内蒙古办法 Art.30(2)' },
  { key: 'documents', zh: '执法文书完备、规范', en: 'Documents complete and standard', citation: '国办发〔2018〕118号 §四(十三); 内蒙古办法 Art.30(7)' },
  { key: 'crime_transfer', zh: '是否涉嫌犯罪需要移送司法机关', en: 'Suspected crime to be transferred checked', citation: '内蒙古办法 Art.30(8); 国务院令第310号 Art.3' },
] as const;
export type ReviewChecklistKey = (typeof REVIEW_CHECKLIST)[number]['key'];
export const REVIEW_CHECKLIST_KEYS = REVIEW_CHECKLIST.map((i) => i.key) as ReviewChecklistKey[];

export const ChecklistResult = { PASS: 'pass', FAIL: 'fail', NOT_APPLICABLE: 'not_applicable' } as const;
export type ChecklistResult = (typeof ChecklistResult)[keyof typeof ChecklistResult];

/** SAMR Art.54: the written opinion (the fourth kind, "other opinions", goes in the opinion text). */
export const ReviewOutcome = { AGREE: 'agree', CORRECT: 'correct', INVESTIGATE_FURTHER: 'investigate_further' } as const;
export type ReviewOutcome = (typeof ReviewOutcome)[keyof typeof ReviewOutcome];
export const REVIEW_OUTCOME_INFO: Record<ReviewOutcome, { zh: string; en: string; citation: string }> = {
  agree: { zh: '同意', en: 'Agree', citation: '市场监督管理行政处罚程序规定 Art.54(1)' },
  correct: { zh: '建议纠正', en: 'Propose correction', citation: '市场监督管理行政处罚程序规定 Art.54(2)' },
  investigate_further: { zh: '建议补充调查', en: 'Propose further investigation', citation: '市场监督管理行政处罚程序规定 Art.54(3)' },
};

// ---- commands (the API body schema) ---------------------------------------------------------------------------------

const day = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);
export const ChecklistEntrySchema = z.object({
  key: z.enum(REVIEW_CHECKLIST_KEYS as [ReviewChecklistKey, ...ReviewChecklistKey[]]),
  result: z.enum(['pass', 'fail', 'not_applicable']),
  comment: z.string().trim().max(2000).optional(),
});
export type ChecklistEntry = z.infer<typeof ChecklistEntrySchema>;
const checklist = z.array(ChecklistEntrySchema).max(REVIEW_CHECKLIST.length * 2);

/** One step in a review; the actor comes from the session, never from the body. */
export const ReviewCommandSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('submit'), on: day }),
  z.object({ action: z.literal('resubmit'), on: day, note: z.string().trim().max(2000).optional() }),
  z.object({ action: z.literal('agree'), on: day, checklist, opinion: text(10_000) }),
  /** The corrected content (e.g. the fine or article that should apply) is part of the opinion (SAMR Art.54(2)). */
  z.object({ action: z.literal('correct'), on: day, checklist, opinion: text(10_000), correction: text(10_000) }),
  z.object({ action: z.literal('investigate_further'), on: day, checklist, opinion: text(10_000) }),
  z.object({ action: z.literal('request_supplement'), on: day, materials: z.array(text(200)).min(1).max(50), note: z.string().trim().max(2000).optional() }),
  z.object({ action: z.literal('supply'), on: day }),
  z.object({ action: z.literal('approve_extension'), on: day, reason: text(2000) }),
  z.object({ action: z.literal('dispute'), on: day, reason: text(10_000) }),
  z.object({ action: z.literal('accept_opinion'), on: day }),
  z.object({ action: z.literal('revise_to_agree'), on: day, checklist, opinion: text(10_000) }),
  z.object({ action: z.literal('escalate'), on: day, consultation: text(10_000) }),
  z.object({ action: z.literal('uphold_opinion'), on: day, decision: text(10_000) }),
  z.object({ action: z.literal('overrule_opinion'), on: day, decision: text(10_000) }),
  z.object({ action: z.literal('withdraw'), on: day, reason: text(2000) }),
]);
export type ReviewCommand = z.infer<typeof ReviewCommandSchema>;

// ---- the state machine ----------------------------------------------------------------------------------------------

export const ReviewStatus = {
  NOT_SUBMITTED: 'not_submitted',
  IN_REVIEW: 'in_review',
  AWAITING_SUPPLEMENT: 'awaiting_supplement',
  RETURNED: 'returned',
  CONSULTING: 'consulting',
  ESCALATED: 'escalated',
  PASSED: 'passed',
  WITHDRAWN: 'withdrawn',
} as const;
export type ReviewStatus = (typeof ReviewStatus)[keyof typeof ReviewStatus];
export const REVIEW_STATUSES = Object.values(ReviewStatus) as ReviewStatus[];
export const REVIEW_STATUS_INFO: Record<ReviewStatus, { zh: string; en: string; citation: string }> = {
  not_submitted: { zh: '未送审', en: 'Not submitted', citation: '市场监督管理行政处罚程序规定 Art.49' },
  in_review: { zh: '审核中', en: 'In review', citation: '行政处罚法 Art.58; 市场监督管理行政处罚程序规定 Art.49–55' },
  awaiting_supplement: { zh: '待补充材料（审核期限中止计算）', en: 'Awaiting supplementary materials', citation: '内蒙古办法 Art.29 para 2, Art.31' },
  returned: { zh: '退回承办机构', en: 'Returned to the handlers', citation: '市场监督管理行政处罚程序规定 Art.54(2)(3); 国办发〔2018〕118号 §四(十四)' },
  consulting: { zh: '承办机构有异议，协商沟通中', en: 'Disagreement: consulting', citation: '内蒙古办法 Art.32' },
  escalated: { zh: '报请负责人决定', en: 'Escalated to the agency head', citation: '内蒙古办法 Art.32' },
  passed: { zh: '审核通过', en: 'Passed', citation: '行政处罚法 Art.58' },
  withdrawn: { zh: '撤回送审', en: 'Withdrawn', citation: '市场监督管理行政处罚程序规定 Art.60(4)(5)' },
};

export type ReviewAction = ReviewCommand['action'];
export const REVIEW_ACTIONS = [
  'submit',
  'resubmit',
  'agree',
  'correct',
  'investigate_further',
  'request_supplement',
  'supply',
  'approve_extension',
  'dispute',
  'accept_opinion',
  'revise_to_agree',
  'escalate',
  'uphold_opinion',
  'overrule_opinion',
  'withdraw',
] as const satisfies readonly ReviewAction[];

/**
 * The transition table. `agree`, `revise_to_agree` and `overrule_opinion` lead to `in_review` at the next applicable
 * level, or to `passed` after the last one (see `nextReviewStatus`). A return (`correct`, `investigate_further`) ends
 * the round; `resubmit` starts a new one from the first level, because a fix may change what earlier levels approved.
 * `request_supplement` keeps the round and pauses its clock (内蒙古办法 Art.29 para 2, Art.31).
 */
export const REVIEW_TRANSITIONS = {
  not_submitted: { submit: 'in_review' },
  in_review: {
    agree: 'in_review',
    correct: 'returned',
    investigate_further: 'returned',
    request_supplement: 'awaiting_supplement',
    approve_extension: 'in_review',
    withdraw: 'withdrawn',
  },
  awaiting_supplement: { supply: 'in_review', approve_extension: 'awaiting_supplement', withdraw: 'withdrawn' },
  returned: { resubmit: 'in_review', dispute: 'consulting', withdraw: 'withdrawn' },
  consulting: { accept_opinion: 'returned', revise_to_agree: 'in_review', escalate: 'escalated', withdraw: 'withdrawn' },
  escalated: { uphold_opinion: 'returned', overrule_opinion: 'in_review', withdraw: 'withdrawn' },
  passed: {},
  withdrawn: {},
} as const satisfies Record<ReviewStatus, Partial<Record<ReviewAction, ReviewStatus>>>;

export interface ReviewOpinionRecord {
  round: number;
  levelKey: string;
  outcome: ReviewOutcome;
  reviewerId: string;
  on: string;
  opinion: string;
  checklist: ChecklistEntry[];
  correction: string | null;
  /** True for an opinion revised to "agree" after consultation (LR9). */
  isRevised: boolean;
}

export interface ReviewSupplement {
  requestedOn: string;
  suppliedOn: string | null;
  materials: string[];
}

export interface ReviewDispute {
  round: number;
  levelKey: string;
  raisedOn: string;
  reason: string;
  consultation: string | null;
  escalatedOn: string | null;
  /** The agency head's recorded decision (LR9), once made. */
  decision: { on: string; deciderId: string; upheld: boolean; text: string } | null;
  /** How consultation ended without the head: the handlers accepted, or the reviewer revised to agree. */
  settledBy: 'handlers_accepted' | 'reviewer_revised' | 'head_decision' | null;
}

/** A recorded step: the command plus who took it (and, for submissions, the levels fixed for the round). */
export type ReviewEvent = ReviewCommand & { actorId: string; levels?: string[]; extensionDays?: number };

export interface ReviewState {
  status: ReviewStatus;
  /** 0 before the first submission; +1 on every submit/resubmit. */
  round: number;
  /** Level keys of the current round, fixed when it was submitted. */
  levels: string[];
  /** The level reviewing now (in_review, awaiting_supplement) or whose opinion is in dispute (returned … escalated). */
  levelIndex: number | null;
  roundStartedOn: string | null;
  supplements: ReviewSupplement[];
  extension: { approvedOn: string; approverId: string; days: number; reason: string } | null;
  opinions: ReviewOpinionRecord[];
  disputes: ReviewDispute[];
  passedOn: string | null;
  /** The review passed only because the head overruled an opinion in this round (LR9); the decision should say so. */
  isPassedByHeadDecision: boolean;
  lastEventOn: string | null;
}

export function initialReviewState(): ReviewState {
  return {
    status: 'not_submitted',
    round: 0,
    levels: [],
    levelIndex: null,
    roundStartedOn: null,
    supplements: [],
    extension: null,
    opinions: [],
    disputes: [],
    passedOn: null,
    isPassedByHeadDecision: false,
    lastEventOn: null,
  };
}

/** The level now reviewing (or whose opinion is disputed), resolved against the chain. */
export function currentReviewLevel(chain: ReviewChain, state: ReviewState): ReviewLevel | null {
  if (state.levelIndex === null) return null;
  const key = state.levels[state.levelIndex];
  return chain.levels.find((l) => l.key === key) ?? null;
}

/** Where an action leads; `passed` when an approval leaves no level in the round. Undefined if off-table. */
export function nextReviewStatus(state: Pick<ReviewState, 'status' | 'levels' | 'levelIndex'>, action: ReviewAction): ReviewStatus | undefined {
  const to = nextStatus<ReviewStatus, ReviewAction>(REVIEW_TRANSITIONS, state.status, action);
  if (to && (action === 'agree' || action === 'revise_to_agree' || action === 'overrule_opinion')) {
    return (state.levelIndex ?? 0) + 1 >= state.levels.length ? 'passed' : 'in_review';
  }
  return to;
}

// ---- guards ---------------------------------------------------------------------------------------------------------

function refuse(citation: string, message: string, messageZh: string, details?: Record<string, unknown>): Refusal {
  return { code: 'RULE_VIOLATION', message, messageZh, citation, ...(details ? { details } : {}) };
}

interface GuardInput {
  chain: ReviewChain;
  state: ReviewState;
  facts: ReviewCaseFacts;
  ctx: ReviewContext;
}
type ReviewGuard = (g: GuardInput) => Refusal | null;

/** 内蒙古办法 Art.29; SAMR Art.49: the submission carries the report, draft decision, basis and evidence (LR7). */
export const reviewMaterialsComplete: ReviewGuard = ({ facts }) => {
  const missing = REVIEW_MATERIALS.filter((m) => (!m.onlyAfterHearing || facts.hearingHeld) && !facts.materials.includes(m.key));
  if (missing.length === 0) return null;
  return refuse(
    '内蒙古办法 Art.29; 市场监督管理行政处罚程序规定 Art.49',
    `Attach the materials for review: ${missing.map((m) => m.en).join(', ')}.`,
    `送审材料不全，请补充：${missing.map((m) => m.zh).join('、')}。`,
    { missing: missing.map((m) => m.key) },
  );
};

/** The signer holds a position this level accepts (the chain configured by the agency; LR11 sign-off per role). */
export const signerHoldsLevelPosition: ReviewGuard = ({ chain, state, ctx }) => {
  const level = currentReviewLevel(chain, state);
  if (level && level.signers.some((p) => ctx.actor.positions.includes(p))) return null;
  return refuse(
    '国办发〔2018〕118号 §四(十四)',
    `This level (${level?.en ?? 'unknown'}) is signed by: ${(level?.signers ?? []).map((p) => REVIEW_SIGNER_POSITION_LABELS[p].en).join(' / ')}.`,
    `本审核层级（${level?.zh ?? '未知'}）应由${(level?.signers ?? []).map((p) => REVIEW_SIGNER_POSITION_LABELS[p].zh).join('或')}签署。`,
    { levelKey: level?.key ?? null, signers: level?.signers ?? [] },
  );
};

/** SAMR Art.49 para 3; 行政处罚法 Art.58: investigators of the case may not review it (LR3). */
export const signerNotInvestigator: ReviewGuard = ({ facts, ctx }) =>
  facts.investigatorIds.includes(ctx.actor.id)
    ? refuse(
        '市场监督管理行政处罚程序规定 Art.49 para 3',
        'You investigated this case and may not review it; a reviewer who did not handle it must sign.',
        '办案人员不得作为审核人员，请由未参与本案调查的人员审核。',
        { actorId: ctx.actor.id },
      )
    : null;

/** 行政处罚法 Art.58 para 2; SAMR Art.51: first-time legal reviewers hold the legal-profession qualification (LR4). */
export const legalReviewerQualified: ReviewGuard = ({ chain, state, ctx }) => {
  const level = currentReviewLevel(chain, state);
  if (!level?.isLegalReview || ctx.actor.hasLegalQualification || ctx.actor.priorReviewCount > 0) return null;
  return refuse(
    '行政处罚法 Art.58 para 2; 市场监督管理行政处罚程序规定 Art.51',
    'A first-time legal reviewer must hold the national legal-profession qualification.',
    '初次从事行政处罚决定法制审核的人员，应当取得法律职业资格。',
    { actorId: ctx.actor.id, levelKey: level.key },
  );
};

/**
 * A multi-level review is only worth its levels if they are signed by different people: one person may sign one
 * level per round (LR11: each role signs for its own responsibility). The same person may revise their own level.
 */
export const oneLevelPerSigner: ReviewGuard = ({ state, ctx }) => {
  const here = state.levelIndex === null ? null : state.levels[state.levelIndex];
  const other = state.opinions.find((o) => o.round === state.round && o.reviewerId === ctx.actor.id && o.levelKey !== here);
  if (!other) return null;
  return refuse(
    '国办发〔2018〕118号 §四(十四)',
    `You already signed the level "${other.levelKey}" in this round; another person must sign this level.`,
    '您已在本轮签署其他审核层级，本层级须由他人审核。',
    { signedLevel: other.levelKey },
  );
};

/** LR9 (内蒙古办法 Art.32; 118号 §四(十四)): the agency head records the final decision on a disagreement. */
export const deciderIsHead: ReviewGuard = ({ chain, ctx }) =>
  chain.finalDeciders.some((p) => ctx.actor.positions.includes(p))
    ? null
    : refuse('内蒙古办法 Art.32', 'Only the agency head decides a disagreement about a review opinion.', '对审核意见的分歧由行政执法部门负责人决定。', {
        finalDeciders: chain.finalDeciders,
      });

/** SAMR Art.55 (负责人批准) / 内蒙古办法 Art.31: extensions need a leader's approval, and one per round. */
export const extensionByHeadOnce: ReviewGuard = ({ chain, state, ctx }) => {
  const citation = '市场监督管理行政处罚程序规定 Art.55; 内蒙古办法 Art.31';
  if (!chain.extensionApprovers.some((p) => ctx.actor.positions.includes(p))) {
    return refuse(citation, 'Extending the review time limit needs the approval of the agency head.', '延长审核期限须经行政执法部门负责人批准。');
  }
  if (state.extension) {
    return refuse(citation, 'The review time limit of this round was already extended.', '本轮审核期限已经延长过。', { approvedOn: state.extension.approvedOn });
  }
  return null;
};

const SIGNING_GUARDS = { signerHoldsLevelPosition, signerNotInvestigator, legalReviewerQualified, oneLevelPerSigner } as const;
export const REVIEW_GUARDS = { reviewMaterialsComplete, ...SIGNING_GUARDS, deciderIsHead, extensionByHeadOnce } satisfies Record<string, ReviewGuard>;
export type ReviewGuardName = keyof typeof REVIEW_GUARDS;
const SIGNING = Object.keys(SIGNING_GUARDS) as ReviewGuardName[];

export const REVIEW_ACTION_GUARDS: Partial<Record<ReviewAction, readonly ReviewGuardName[]>> = {
  submit: ['reviewMaterialsComplete'],
  resubmit: ['reviewMaterialsComplete'],
  agree: SIGNING,
  correct: SIGNING,
  investigate_further: SIGNING,
  request_supplement: SIGNING,
  revise_to_agree: SIGNING,
  approve_extension: ['extensionByHeadOnce'],
  uphold_opinion: ['deciderIsHead'],
  overrule_opinion: ['deciderIsHead'],
};

/** Rules on what a command says (checked with the command, not for the action list). */
function commandRefusals(cmd: ReviewCommand, state: ReviewState, ctx: ReviewContext): Refusal[] {
  const out: Refusal[] = [];
  if (cmd.on > ctx.now) {
    out.push({ code: 'VALIDATION_FAILED', message: `The date ${cmd.on} is in the future.`, messageZh: '日期不得晚于今天。', details: { on: cmd.on, now: ctx.now } });
  }
  if (state.lastEventOn && cmd.on < state.lastEventOn) {
    out.push({
      code: 'VALIDATION_FAILED',
      message: `The date ${cmd.on} is before the previous step (${state.lastEventOn}).`,
      messageZh: '日期不得早于上一审核环节。',
      details: { on: cmd.on, lastEventOn: state.lastEventOn },
    });
  }
  if (cmd.action === 'agree' || cmd.action === 'revise_to_agree' || cmd.action === 'correct' || cmd.action === 'investigate_further') {
    const r = checklistRefusal(cmd.checklist, cmd.action === 'revise_to_agree' ? 'agree' : cmd.action);
    if (r) out.push(r);
  }
  return out;
}

/**
 * The checklist rules. SAMR Art.53 lists what every review covers, so every item gets a result (once); a failed or
 * not-applicable item says why. SAMR Art.54: "agree" only for a case that is right on every count — a pass is
 * impossible while any item fails — and a correction or further investigation names the failing items.
 */
export function checklistRefusal(entries: readonly ChecklistEntry[], outcome: ReviewOutcome): Refusal | null {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.key, (counts.get(e.key) ?? 0) + 1);
  const missing = REVIEW_CHECKLIST_KEYS.filter((k) => !counts.has(k));
  const duplicated = [...counts].filter(([, n]) => n > 1).map(([k]) => k);
  if (missing.length || duplicated.length) {
    return refuse(
      '市场监督管理行政处罚程序规定 Art.53; 国办发〔2018〕118号 §四(十三)',
      `Give exactly one result for every checklist item (missing: ${missing.join(', ') || 'none'}; repeated: ${duplicated.join(', ') || 'none'}).`,
      '审核要点须逐项给出一个结论。',
      { missing, duplicated },
    );
  }
  const uncommented = entries.filter((e) => e.result !== 'pass' && !e.comment?.trim()).map((e) => e.key);
  if (uncommented.length) {
    return refuse('市场监督管理行政处罚程序规定 Art.54', 'Explain every failed or not-applicable item in its comment.', '不通过或不适用的审核要点须填写说明。', { uncommented });
  }
  const failed = entries.filter((e) => e.result === 'fail').map((e) => e.key);
  if (outcome === 'agree' && failed.length) {
    return refuse(
      '市场监督管理行政处罚程序规定 Art.54(1)',
      'The review cannot agree while a checklist item fails: propose a correction or further investigation instead.',
      '审核要点存在不通过项，不得出具同意意见，请建议纠正或补充调查。',
      { failed },
    );
  }
  if (outcome !== 'agree' && failed.length === 0) {
    return refuse(
      `市场监督管理行政处罚程序规定 Art.54(${outcome === 'correct' ? 2 : 3})`,
      'Mark the checklist items the correction or further investigation is about.',
      '建议纠正或补充调查的，须在审核要点中标明存在问题的事项。',
    );
  }
  return null;
}

function guardRefusals(action: ReviewAction, g: GuardInput): Refusal[] {
  const out: Refusal[] = [];
  for (const name of REVIEW_ACTION_GUARDS[action] ?? []) {
    const r = REVIEW_GUARDS[name](g);
    if (r) out.push({ ...r, details: { ...r.details, guard: name } });
  }
  return out;
}

function offTable(state: ReviewState, action: ReviewAction): Refusal {
  return {
    code: 'INVALID_TRANSITION',
    message: `'${action}' is not allowed in review status '${state.status}'.`,
    messageZh: `当前审核状态（${REVIEW_STATUS_INFO[state.status].zh}）下不允许该操作。`,
    details: { allowedActions: allowedActions(REVIEW_TRANSITIONS, state.status) },
  };
}

/** The one function behind the API check and the UI buttons: table moves minus the refusing guards. */
export function availableReviewActions(
  chain: ReviewChain,
  state: ReviewState,
  facts: ReviewCaseFacts,
  ctx: ReviewContext,
): { allowed: ReviewAction[]; refused: { action: ReviewAction; refusals: Refusal[] }[] } {
  const allowed: ReviewAction[] = [];
  const refused: { action: ReviewAction; refusals: Refusal[] }[] = [];
  for (const action of allowedActions<ReviewStatus, ReviewAction>(REVIEW_TRANSITIONS, state.status)) {
    const refusals = guardRefusals(action, { chain, state, facts, ctx });
    if (refusals.length) refused.push({ action, refusals });
    else allowed.push(action);
  }
  return { allowed, refused };
}

/**
 * Server-side check of one command: the event to record and the status it leads to, or every refusal. A submission
 * fixes the round's levels from the case facts now, so a later change of the facts does not reshape a running round.
 */
export function checkReviewCommand(
  chain: ReviewChain,
  state: ReviewState,
  cmd: ReviewCommand,
  facts: ReviewCaseFacts,
  ctx: ReviewContext,
): { ok: true; event: ReviewEvent; to: ReviewStatus } | { ok: false; refusals: Refusal[] } {
  if (!nextStatus<ReviewStatus, ReviewAction>(REVIEW_TRANSITIONS, state.status, cmd.action)) return { ok: false, refusals: [offTable(state, cmd.action)] };
  const refusals = [...guardRefusals(cmd.action, { chain, state, facts, ctx }), ...commandRefusals(cmd, state, ctx)];
  if (refusals.length) return { ok: false, refusals };
  const event: ReviewEvent = { ...cmd, actorId: ctx.actor.id };
  if (cmd.action === 'submit' || cmd.action === 'resubmit') event.levels = applicableLevels(chain, facts);
  if (cmd.action === 'approve_extension') event.extensionDays = ctx.params['legalReview.extensionDays'];
  const next = reduceReview(chain, state, event);
  return { ok: true, event, to: next.status };
}

/**
 * Apply a recorded event (no guards: they ran when it was recorded). An event the table forbids means corrupt
 * history and throws INVALID_TRANSITION.
 */
export function reduceReview(chain: ReviewChain, state: ReviewState, e: ReviewEvent): ReviewState {
  const to = nextReviewStatus(state, e.action);
  if (!to) throw AppError.fromRefusal(offTable(state, e.action));
  const s: ReviewState = { ...state, status: to, lastEventOn: e.on };
  const levelKey = state.levelIndex === null ? '' : (state.levels[state.levelIndex] ?? '');
  const advance = () => {
    if (to === 'passed') {
      s.levelIndex = null;
      s.passedOn = e.on;
    } else s.levelIndex = (state.levelIndex ?? 0) + 1;
  };
  const lastDispute = (): ReviewDispute => {
    const d = state.disputes.at(-1);
    if (!d) throw new AppError('INTERNAL', { details: { problem: 'review dispute missing' } });
    return d;
  };
  const replaceLastDispute = (d: ReviewDispute) => {
    s.disputes = [...state.disputes.slice(0, -1), d];
  };
  switch (e.action) {
    case 'submit':
    case 'resubmit': {
      // The levels are part of the event: re-deriving them from today's facts could reshape a past round.
      const levels = e.levels;
      if (!levels?.length) throw new AppError('INTERNAL', { details: { problem: 'review submission event without levels' } });
      Object.assign(s, { round: state.round + 1, levels, levelIndex: 0, roundStartedOn: e.on, supplements: [], extension: null, isPassedByHeadDecision: false });
      break;
    }
    case 'agree':
    case 'correct':
    case 'investigate_further':
      s.opinions = [
        ...state.opinions,
        {
          round: state.round,
          levelKey,
          outcome: e.action,
          reviewerId: e.actorId,
          on: e.on,
          opinion: e.opinion,
          checklist: e.checklist,
          correction: e.action === 'correct' ? e.correction : null,
          isRevised: false,
        },
      ];
      if (e.action === 'agree') advance();
      break;
    case 'request_supplement':
      s.supplements = [...state.supplements, { requestedOn: e.on, suppliedOn: null, materials: e.materials }];
      break;
    case 'supply':
      s.supplements = state.supplements.map((x, i) => (i === state.supplements.length - 1 ? { ...x, suppliedOn: e.on } : x));
      break;
    case 'approve_extension':
      // Like the levels, the length granted is recorded with the approval, so a later profile change does not move it.
      if (e.extensionDays === undefined) throw new AppError('INTERNAL', { details: { problem: 'review extension event without its length' } });
      s.extension = { approvedOn: e.on, approverId: e.actorId, days: e.extensionDays, reason: e.reason };
      break;
    case 'dispute':
      s.disputes = [
        ...state.disputes,
        { round: state.round, levelKey, raisedOn: e.on, reason: e.reason, consultation: null, escalatedOn: null, decision: null, settledBy: null },
      ];
      break;
    case 'accept_opinion':
      replaceLastDispute({ ...lastDispute(), settledBy: 'handlers_accepted' });
      break;
    case 'revise_to_agree':
      replaceLastDispute({ ...lastDispute(), settledBy: 'reviewer_revised' });
      s.opinions = [
        ...state.opinions,
        { round: state.round, levelKey, outcome: 'agree', reviewerId: e.actorId, on: e.on, opinion: e.opinion, checklist: e.checklist, correction: null, isRevised: true },
      ];
      advance();
      break;
    case 'escalate':
      replaceLastDispute({ ...lastDispute(), consultation: e.consultation, escalatedOn: e.on });
      break;
    case 'uphold_opinion':
    case 'overrule_opinion': {
      const upheld = e.action === 'uphold_opinion';
      replaceLastDispute({ ...lastDispute(), decision: { on: e.on, deciderId: e.actorId, upheld, text: e.decision }, settledBy: 'head_decision' });
      // The head's decision replaces the disputed level's opinion; the remaining levels still review, so a dispute
      // at a lower level can never skip the legal division (LR1).
      if (!upheld) {
        s.isPassedByHeadDecision = true;
        advance();
      }
      break;
    }
    case 'withdraw':
      s.levelIndex = null;
      break;
  }
  if (s.status !== 'passed') s.passedOn = null;
  return s;
}

/** Rebuild a review from its recorded events (the status is derived from accepted actions, as in the procedure). */
export function replayReview(chain: ReviewChain, events: readonly ReviewEvent[]): ReviewState {
  return events.reduce((s, e) => reduceReview(chain, s, e), initialReviewState());
}

// ---- the review time limit ------------------------------------------------------------------------------------------

export type LegalReviewRuleParams = Pick<RuleValues, 'legalReview.timeLimitWorkingDays' | 'legalReview.extensionDays' | 'legalReview.timeLimitInWorkingDays'>;
export const DEFAULT_LEGAL_REVIEW_PARAMS: LegalReviewRuleParams = {
  'legalReview.timeLimitWorkingDays': RULE_KEYS['legalReview.timeLimitWorkingDays'].default,
  'legalReview.extensionDays': RULE_KEYS['legalReview.extensionDays'].default,
  'legalReview.timeLimitInWorkingDays': RULE_KEYS['legalReview.timeLimitInWorkingDays'].default,
};

export interface ReviewDeadline extends Deadline {
  start: string;
  isExtended: boolean;
  /** A supplement request is still open: the due date moves one day later for every further day of waiting. */
  isProvisional: boolean;
}

function nextDay(date: string): string {
  const t = Date.parse(`${date}T00:00:00Z`);
  return new Date(t + 86_400_000).toISOString().slice(0, 10);
}

/**
 * The due date of the current round (LR8): `legalReview.timeLimitWorkingDays` (+ the approved extension) from the day
 * the materials were received, the start day not counted, in working or calendar days per the profile; time spent
 * waiting for supplementary materials does not count (内蒙古办法 Art.31). A wait runs from the day after the request
 * to the day the materials arrive, which, like the day of receipt, is not counted. Null when no round is with the
 * reviewers (not submitted, returned, in dispute, passed or withdrawn).
 */
export function reviewDeadline(
  state: ReviewState,
  params: LegalReviewRuleParams,
  cal: HolidayCalendar,
  opts: { asOf?: string } = {},
): ReviewDeadline | null {
  if ((state.status !== 'in_review' && state.status !== 'awaiting_supplement') || !state.roundStartedOn) return null;
  const open = state.supplements.some((x) => x.suppliedOn === null);
  if (open && !opts.asOf) {
    throw new AppError('VALIDATION_FAILED', {
      message: 'asOf is required while supplementary materials are awaited.',
      messageZh: '等待补充材料期间计算审核期限须提供计算日期。',
      details: { issues: [{ path: ['asOf'], message: 'required while a supplement is pending' }] },
    });
  }
  const pauses: PeriodPause[] = [];
  for (const x of state.supplements) {
    const from = nextDay(x.requestedOn);
    const to = x.suppliedOn ?? opts.asOf!;
    if (to >= from) pauses.push({ from, to });
  }
  const days = params['legalReview.timeLimitWorkingDays'] + (state.extension ? state.extension.days : 0);
  const rule: DeadlineRule = {
    ruleId: 'legalReview.timeLimit',
    citation: '市场监督管理行政处罚程序规定 Art.55; 内蒙古办法 Art.31; 农业行政处罚程序规定 Art.53; 医疗保障行政处罚程序暂行规定 Art.40',
    length: days,
    unit: 'day',
    dayType: params['legalReview.timeLimitInWorkingDays'] ? 'WORKING' : 'CALENDAR',
  };
  return { start: state.roundStartedOn, isExtended: state.extension !== null, isProvisional: open, ...computeDeadline(rule, state.roundStartedOn, cal, pauses) };
}
