import type { HolidayCalendar } from '../calendar/index.ts';
import { computeDeadline, type Deadline } from '../calendar/index.ts';
import type { Refusal } from '../errors/index.ts';
import { allowedActions, nextStatus } from '../registry/enums.ts';
import { officerEligibility } from '../registry/officer-eligibility.ts';
import { PENALTY_DEADLINE_RULES } from './deadlines.ts';
import { simplifiedWithinCaps, type CaseOfficer, type Guard, type GuardContext, type SimplifiedEligibilityFacts } from './penalty-guards.ts';

/**
 * The simplified (on-the-spot) procedure (简易程序, 行政处罚法 Art.51–52; SAMR 程序规定 Art.66–70): record the facts and
 * the party's statement → decide on the spot on a pre-numbered form → hand it over → file the materials with the
 * agency within 7 working days → closed. A case that turns out not to qualify converts to the ordinary procedure.
 */
export const SimplifiedStatus = {
  RECORDED: 'recorded',
  DECIDED: 'decided',
  SERVED: 'served',
  FILED: 'filed',
  CLOSED: 'closed',
  CONVERTED: 'converted',
} as const;
export type SimplifiedStatus = (typeof SimplifiedStatus)[keyof typeof SimplifiedStatus];
export const SIMPLIFIED_STATUSES = Object.values(SimplifiedStatus) as SimplifiedStatus[];
export const SIMPLIFIED_STATUS_INFO: Record<SimplifiedStatus, { zh: string; en: string; citation: string }> = {
  recorded: { zh: '现场记录（已告知、听取陈述申辩）', en: 'Recorded on the spot', citation: '行政处罚法 Art.52' },
  decided: { zh: '当场作出决定', en: 'Decided on the spot', citation: '行政处罚法 Art.51, Art.52' },
  served: { zh: '当场交付', en: 'Handed to the party', citation: '行政处罚法 Art.52' },
  filed: { zh: '已报所属机关备案', en: 'Filed with the agency', citation: '行政处罚法 Art.52; 市场监督管理行政处罚程序规定 Art.67–70' },
  closed: { zh: '已结案', en: 'Closed', citation: '市场监督管理行政处罚程序规定 Art.77' },
  converted: { zh: '转为普通程序', en: 'Converted to ordinary procedure', citation: '行政处罚法 Art.51, Art.54' },
};

export const SimplifiedAction = {
  DECIDE_ON_SPOT: 'decide_on_spot',
  SERVE: 'serve',
  FILE_WITH_AGENCY: 'file_with_agency',
  CLOSE: 'close',
  CONVERT_TO_ORDINARY: 'convert_to_ordinary',
} as const;
export type SimplifiedAction = (typeof SimplifiedAction)[keyof typeof SimplifiedAction];
export const SIMPLIFIED_ACTIONS = Object.values(SimplifiedAction) as SimplifiedAction[];

export const SIMPLIFIED_TRANSITIONS = {
  recorded: { decide_on_spot: 'decided', convert_to_ordinary: 'converted' },
  decided: { serve: 'served' },
  served: { file_with_agency: 'filed' },
  filed: { close: 'closed' },
  closed: {},
  converted: {},
} as const satisfies Record<SimplifiedStatus, Partial<Record<SimplifiedAction, SimplifiedStatus>>>;

export interface SimplifiedCaseFacts extends SimplifiedEligibilityFacts {
  status: SimplifiedStatus;
  sector: string;
  placePath: string;
  /** The officer deciding on the spot. */
  officer: CaseOfficer;
  decidedOn: string | null;
  /** Whether the fine was paid (on the spot with a receipt, or at the bank; 行政处罚法 Art.67–69). */
  isPaymentSettled: boolean;
}

/**
 * 行政处罚法 Art.42, Art.52: the deciding officer holds a valid enforcement certificate for the sector and place and
 * shows it; auxiliary staff may not decide (registry `officerEligibility`).
 */
export const certifiedOfficerOnSpot: Guard<Pick<SimplifiedCaseFacts, 'officer' | 'sector' | 'placePath'>> = (f, ctx) => {
  const r = officerEligibility(f.officer, { sector: f.sector, placePath: f.placePath, date: ctx.now });
  return r ? { ...r, citation: '行政处罚法 Art.42, Art.52', details: { ...r.details, officerId: f.officer.id } } : null;
};

/** SAMR 程序规定 Art.77: close once the fine (if any) is settled. */
export const simplifiedPaymentSettled: Guard<Pick<SimplifiedCaseFacts, 'penalty' | 'isPaymentSettled'>> = (f) =>
  !f.penalty.types.includes('fine') || f.isPaymentSettled
    ? null
    : {
        code: 'RULE_VIOLATION',
        message: 'Record the payment of the fine before closing.',
        messageZh: '请先登记罚款缴纳情况再结案。',
        citation: '行政处罚法 Art.67; 市场监督管理行政处罚程序规定 Art.77',
      };

export const SIMPLIFIED_GUARDS = { simplifiedWithinCaps, certifiedOfficerOnSpot, simplifiedPaymentSettled } satisfies Record<
  string,
  Guard<SimplifiedCaseFacts>
>;
export type SimplifiedGuardName = keyof typeof SIMPLIFIED_GUARDS;
export const SIMPLIFIED_ACTION_GUARDS: Partial<Record<SimplifiedAction, readonly SimplifiedGuardName[]>> = {
  decide_on_spot: ['simplifiedWithinCaps', 'certifiedOfficerOnSpot'],
  close: ['simplifiedPaymentSettled'],
};

export function availableSimplifiedActions(
  facts: SimplifiedCaseFacts,
  ctx: GuardContext,
): { allowed: SimplifiedAction[]; refused: { action: SimplifiedAction; refusals: Refusal[] }[] } {
  const allowed: SimplifiedAction[] = [];
  const refused: { action: SimplifiedAction; refusals: Refusal[] }[] = [];
  for (const action of allowedActions<SimplifiedStatus, SimplifiedAction>(SIMPLIFIED_TRANSITIONS, facts.status)) {
    const refusals: Refusal[] = [];
    for (const name of SIMPLIFIED_ACTION_GUARDS[action] ?? []) {
      const r = SIMPLIFIED_GUARDS[name](facts, ctx);
      if (r) refusals.push({ ...r, details: { ...r.details, guard: name } });
    }
    if (refusals.length === 0) allowed.push(action);
    else refused.push({ action, refusals });
  }
  return { allowed, refused };
}

export function nextSimplifiedStatus(status: SimplifiedStatus, action: SimplifiedAction): SimplifiedStatus | undefined {
  return nextStatus<SimplifiedStatus, SimplifiedAction>(SIMPLIFIED_TRANSITIONS, status, action);
}

/** Due date for filing the on-the-spot decision with the agency (7 WD, 行政处罚法 Art.52 / SAMR), once decided. */
export function simplifiedFilingDeadline(facts: Pick<SimplifiedCaseFacts, 'decidedOn'>, cal: HolidayCalendar): Deadline | null {
  return facts.decidedOn ? computeDeadline(PENALTY_DEADLINE_RULES.simplifiedFiling, facts.decidedOn, cal) : null;
}
