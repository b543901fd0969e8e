/**
 * Spot-check plan lifecycle (domain-rules §8 I2, I4): a draw is committed (seed hash and input hashes published),
 * drawn, then revealed. A redraw voids the current draw — only with a recorded reason (§8 I2 "redraws only with a
 * recorded reason") — and returns the plan to draft for a new commitment.
 */
export const SPOT_CHECK_PLAN_STATUSES = ['draft', 'committed', 'drawn', 'revealed', 'withdrawn'] as const;
export type SpotCheckPlanStatus = (typeof SPOT_CHECK_PLAN_STATUSES)[number];
export const SPOT_CHECK_PLAN_ACTIONS = ['commit', 'draw', 'reveal', 'redraw', 'withdraw'] as const;
export type SpotCheckPlanAction = (typeof SPOT_CHECK_PLAN_ACTIONS)[number];

export const SPOT_CHECK_PLAN_TRANSITIONS = {
  draft: { commit: 'committed', withdraw: 'withdrawn' },
  committed: { draw: 'drawn', redraw: 'draft', withdraw: 'withdrawn' },
  drawn: { reveal: 'revealed', redraw: 'draft' },
  revealed: { redraw: 'draft' },
  withdrawn: {},
} as const satisfies Record<SpotCheckPlanStatus, Partial<Record<SpotCheckPlanAction, SpotCheckPlanStatus>>>;

export function spotCheckPlanActions(status: SpotCheckPlanStatus): SpotCheckPlanAction[] {
  return Object.keys(SPOT_CHECK_PLAN_TRANSITIONS[status]) as SpotCheckPlanAction[];
}

export function nextPlanStatus(status: SpotCheckPlanStatus, action: SpotCheckPlanAction): SpotCheckPlanStatus | null {
  return (SPOT_CHECK_PLAN_TRANSITIONS[status] as Partial<Record<SpotCheckPlanAction, SpotCheckPlanStatus>>)[action] ?? null;
}

export const SPOT_CHECK_PLAN_STATUS_LABELS: Record<SpotCheckPlanStatus, string> = {
  draft: '草稿',
  committed: '已公布承诺值',
  drawn: '已抽取',
  revealed: '已公开种子',
  withdrawn: '已撤回',
};

export const SPOT_CHECK_OUTCOMES = ['no_problem', 'rectification', 'case_opened'] as const;
export type SpotCheckOutcome = (typeof SPOT_CHECK_OUTCOMES)[number];
export const SPOT_CHECK_OUTCOME_LABELS: Record<SpotCheckOutcome, string> = {
  no_problem: '未发现问题',
  rectification: '发现问题，责令整改',
  case_opened: '发现问题，已立案查处',
};

/** Results are published within 20 working days after the inspection ends (§8 I6; 企业公示信息抽查暂行办法 Art.11). */
export const SPOT_CHECK_PUBLISH_WORKING_DAYS = 20;
/** Look-back for "the inspector's own recent inspection of the target" (§8 I8; local rules, [U]): one year by default. */
export const SPOT_CHECK_RECUSAL_DAYS = 365;
