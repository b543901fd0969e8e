import type { HolidayCalendar } from '../calendar/index.ts';
import { computeDeadline, addPeriod } from '../calendar/index.ts';
import { AppError, type Refusal } from '../errors/index.ts';
import type { PenaltyType } from '../registry/enums.ts';
import { officerEligibility, type OfficerFacts } from '../registry/officer-eligibility.ts';
import { RULE_KEYS, type RuleValues } from '../rules/index.ts';
import { PENALTY_DEADLINE_RULES, type CaseDeadlineFacts } from './deadlines.ts';

/**
 * Named pure guards of the penalty procedure: `(facts, ctx) → Refusal | null`. Each carries its legal basis in a
 * comment and in `Refusal.citation`, and its messages say what would unblock the action. Guards never throw for a
 * missing holiday year: they refuse with CALENDAR_MISSING instead, so the action list still renders (G5).
 */

export type PartyType = 'individual' | 'organisation';

/** What is (to be) imposed: penalty types and the fine, if any, in yuan. */
export interface PenaltyContent {
  types: readonly PenaltyType[];
  fineAmount: number | null;
}

export interface CaseOfficer extends OfficerFacts {
  id: string;
}

export interface ReviewerFacts {
  id: string;
  /** Passed the national unified legal professional qualification exam (法律职业资格). */
  hasLegalQualification: boolean;
  /** Penalty legal reviews this person completed before; 0 = first time (行政处罚法 Art.58 para 2). */
  priorReviewCount: number;
}

/** The item's discretion tier selected for this case (裁量基准阶次, shape of registry DiscretionTierInput). */
export interface DiscretionTierFacts {
  level: string;
  penaltyTypes: readonly PenaltyType[];
  fineMin: number | null;
  fineMax: number | null;
}

/** The item catalogue's major-decision criteria (registry ItemInput.majorCriteria). */
export interface MajorCriteriaFacts {
  penaltyTypes: readonly PenaltyType[];
  fineAtLeast?: number | null;
}

export type CrimeTransferOutcome = 'transfer' | 'no_transfer' | 'police_declined';

/** Everything the penalty guards read. The procedure adds status and suspendedFrom (penalty-procedure.ts). */
export interface PenaltyFacts extends CaseDeadlineFacts {
  partyType: PartyType;
  /** Sector code of the enforcement item, and the region path of the place of the act. */
  sector: string;
  placePath: string;
  /** Assigned case officers (承办人员); these are the case's investigators. */
  officers: readonly CaseOfficer[];
  violation: { committedOn: string; endedOn: string | null; isContinuing: boolean };
  involvesLifeHealthOrFinancialSafety: boolean;
  hasHarmfulConsequences: boolean;
  reviewer: ReviewerFacts | null;
  /** Day the latest (legal/case) review passed; cleared when a review returns the case. */
  reviewPassedOn: string | null;
  isFlaggedMajor: boolean;
  majorCriteria: MajorCriteriaFacts | null;
  /** The penalty currently proposed (to be decided). */
  proposed: PenaltyContent | null;
  /** The penalty stated in the last notice served (告知书). */
  notified: PenaltyContent | null;
  statementWaiverSignedOn: string | null;
  hearingRequestedOn: string | null;
  hearingHeldOn: string | null;
  isCollectiveDiscussionRequired: boolean;
  collectiveDiscussionOn: string | null;
  isSuspectedCrime: boolean;
  crimeTransferDecision: { decidedOn: string; outcome: CrimeTransferOutcome } | null;
  discretion: { itemHasTiers: boolean; tier: DiscretionTierFacts | null; justification: string | null };
  decisionKind: 'penalty' | 'no_penalty' | null;
  paymentCompletedOn: string | null;
}

/** Rule parameters the guards need, named exactly as in RULE_KEYS; values come from the applicable rule profile. */
export type PenaltyRuleParams = Pick<
  RuleValues,
  'simplified.maxFineIndividual' | 'simplified.maxFineOrganisation' | 'limitation.years' | 'limitation.yearsLifeHealthFinance' | 'penalty.caseDecisionDays'
>;
export const DEFAULT_PENALTY_RULE_PARAMS: PenaltyRuleParams = {
  'simplified.maxFineIndividual': RULE_KEYS['simplified.maxFineIndividual'].default,
  'simplified.maxFineOrganisation': RULE_KEYS['simplified.maxFineOrganisation'].default,
  'limitation.years': RULE_KEYS['limitation.years'].default,
  'limitation.yearsLifeHealthFinance': RULE_KEYS['limitation.yearsLifeHealthFinance'].default,
  'penalty.caseDecisionDays': RULE_KEYS['penalty.caseDecisionDays'].default,
};

export interface GuardContext {
  actor: { id: string };
  /** Today in China time, YYYY-MM-DD. */
  now: string;
  calendar: HolidayCalendar;
  params: PenaltyRuleParams;
}

export type Guard<F> = (facts: F, ctx: GuardContext) => Refusal | null;

function refuse(citation: string, message: string, messageZh: string, details?: Record<string, unknown>): Refusal {
  return { code: 'RULE_VIOLATION', message, messageZh, citation, ...(details ? { details } : {}) };
}

/** Run date maths; a missing calendar year becomes a CALENDAR_MISSING refusal rather than an exception. */
function withCalendar(citation: string, fn: () => Refusal | null): Refusal | null {
  try {
    return fn();
  } catch (e) {
    if (e instanceof AppError && e.code === 'CALENDAR_MISSING') {
      return { code: 'CALENDAR_MISSING', message: e.message, messageZh: e.messageZh, citation, ...(e.details ? { details: e.details } : {}) };
    }
    throw e;
  }
}

const fineOf = (p: PenaltyContent): number => p.fineAmount ?? 0;

/** The same month and day `years` later; 29 February falls back to the 28th (民法典 Art.202). Lower bound only. */
function anniversary(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years;
  const md = date.slice(5);
  const isLeap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return `${String(y).padStart(4, '0')}-${md === '02-29' && !isLeap ? '02-28' : md}`;
}

// ---- filing and investigation ---------------------------------------------------------------------------------------

/**
 * 行政处罚法 Art.42, Art.55; SAMR 程序规定 Art.19, 22: at least two officers with enforcement qualification, valid on
 * the act date for the item's sector and the place (registry `officerEligibility`); auxiliary staff never count.
 */
export const twoCertifiedOfficers: Guard<Pick<PenaltyFacts, 'officers' | 'sector' | 'placePath'>> = (f, ctx) => {
  const act = { sector: f.sector, placePath: f.placePath, date: ctx.now };
  const eligible = new Set<string>();
  const ineligible: { officerId: string; reason: unknown }[] = [];
  for (const o of f.officers) {
    const r = officerEligibility(o, act);
    if (r) ineligible.push({ officerId: o.id, reason: r.details?.reason ?? r.message });
    else eligible.add(o.id);
  }
  if (eligible.size >= 2) return null;
  return refuse(
    '行政处罚法 Art.42, Art.55',
    `At least two officers with valid enforcement certificates covering this sector and place are required; ${eligible.size} assigned. Assign another certified officer.`,
    `须有两名以上持有效执法证件且执法类别、区域涵盖本案的执法人员，目前仅${eligible.size}名。请增派持证执法人员。`,
    { eligibleCount: eligible.size, ineligible },
  );
};

/**
 * 行政处罚法 Art.36: no penalty for a violation not discovered within 2 years (5 years where citizens' life and health
 * safety or financial safety is involved and there were harmful consequences), counted from the act, or from its end
 * for a continuing or continuous act. Years come from the rule profile (limitation.years / limitation.yearsLifeHealthFinance).
 * The end date is `addPeriod(…, 'year', 'CALENDAR')`, so a last day on a rest day rolls forward (民法典 Art.203).
 */
export const limitationPeriod: Guard<
  Pick<PenaltyFacts, 'violation' | 'discoveredOn' | 'involvesLifeHealthOrFinancialSafety' | 'hasHarmfulConsequences'>
> = (f, ctx) => {
  const citation = '行政处罚法 Art.36';
  if (!f.discoveredOn) {
    return refuse(citation, 'Record the date the violation was discovered to check the limitation period.', '请填写违法行为发现日期，以核对追责时效。');
  }
  const { committedOn, endedOn, isContinuing } = f.violation;
  // A continuing act that has not ended yet is always within the period: the clock has not started.
  if (isContinuing && !endedOn) return null;
  const from = endedOn ?? committedOn;
  const isLong = f.involvesLifeHealthOrFinancialSafety && f.hasHarmfulConsequences;
  const years = isLong ? ctx.params['limitation.yearsLifeHealthFinance'] : ctx.params['limitation.years'];
  // Discovery on or before the anniversary is within the period whatever the calendar says (rolling only extends
  // it), so only a later discovery needs the holiday table for the roll-forward (民法典 Art.202–203).
  if (f.discoveredOn <= anniversary(from, years)) return null;
  return withCalendar(citation, () => {
    const lastDay = addPeriod(from, years, 'year', 'CALENDAR', ctx.calendar);
    if (f.discoveredOn! <= lastDay) return null;
    return refuse(
      citation,
      `The violation (counted from ${from}) was discovered on ${f.discoveredOn}, after the ${years}-year limitation ended on ${lastDay}; it can no longer be penalised unless a special law provides a longer period.`,
      `违法行为自${from}起算，于${f.discoveredOn}才被发现，已超过${years}年追责时效（${lastDay}届满），不再给予行政处罚；法律另有规定的除外。`,
      { from, years, lastDay, discoveredOn: f.discoveredOn },
    );
  });
};

// ---- review -----------------------------------------------------------------------------------------------------------

/** SAMR 程序规定 Art.52; 行政处罚法 Art.58: case handlers may not review their own case (domain-rules LR3). */
export const reviewerNotInvestigator: Guard<Pick<PenaltyFacts, 'reviewer' | 'officers'>> = (f) => {
  const citation = '行政处罚法 Art.58; 市场监督管理行政处罚程序规定 Art.52';
  if (!f.reviewer) return refuse(citation, 'Assign a legal reviewer first.', '请先指定法制审核人员。');
  if (f.officers.some((o) => o.id === f.reviewer!.id)) {
    return refuse(
      citation,
      'The reviewer is an investigator of this case; assign a reviewer who did not handle it.',
      '审核人员是本案承办人员，请改派未参与本案调查的审核人员。',
      { reviewerId: f.reviewer.id },
    );
  }
  return null;
};

/**
 * 行政处罚法 Art.58 para 2: a person doing penalty legal review for the first time must hold the legal-profession
 * qualification. Applied to every review (SAMR case review too) as the conservative reading.
 */
export const firstTimeReviewerQualified: Guard<Pick<PenaltyFacts, 'reviewer'>> = (f) => {
  if (!f.reviewer || f.reviewer.priorReviewCount > 0 || f.reviewer.hasLegalQualification) return null;
  return refuse(
    '行政处罚法 Art.58 para 2',
    'A first-time legal reviewer must hold the national legal-profession qualification; assign a qualified or experienced reviewer.',
    '初次从事行政处罚决定法制审核的人员应当取得法律职业资格，请改派具备资格的审核人员。',
    { reviewerId: f.reviewer.id },
  );
};

// ---- decision -------------------------------------------------------------------------------------------------------

/**
 * Major case (行政处罚法 Art.58; domain-rules LR2): the catalogue criteria are met by the proposed penalty, a hearing
 * was held (Art.58(2)), or someone flagged it.
 */
export function isMajorCase(f: Pick<PenaltyFacts, 'isFlaggedMajor' | 'hearingHeldOn' | 'majorCriteria' | 'proposed'>): boolean {
  if (f.isFlaggedMajor || f.hearingHeldOn) return true;
  const c = f.majorCriteria;
  const p = f.proposed;
  if (!c || !p) return false;
  if (p.types.some((t) => c.penaltyTypes.includes(t))) return true;
  return c.fineAtLeast != null && p.fineAmount != null && p.fineAmount >= c.fineAtLeast;
}

/**
 * 行政处罚法 Art.58; 国办发〔2018〕118号 §四: no major decision before legal review passed; for hearing cases the review
 * comes after the hearing (SAMR 程序规定 Art.50).
 */
export const legalReviewBeforeMajorDecision: Guard<
  Pick<PenaltyFacts, 'isFlaggedMajor' | 'hearingHeldOn' | 'majorCriteria' | 'proposed' | 'reviewPassedOn'>
> = (f) => {
  if (!isMajorCase(f)) return null;
  const citation = '行政处罚法 Art.58';
  if (!f.reviewPassedOn) {
    return refuse(citation, 'This is a major case: legal review must pass before the decision. Submit it for legal review.', '本案属重大执法决定，须经法制审核通过后方可作出决定，请提交法制审核。');
  }
  if (f.hearingHeldOn && f.reviewPassedOn < f.hearingHeldOn) {
    return refuse(
      citation,
      'A hearing was held after the last review: submit the case for legal review again.',
      '本案听证后尚未重新进行法制审核，请在听证后提交法制审核。',
      { reviewPassedOn: f.reviewPassedOn, hearingHeldOn: f.hearingHeldOn },
    );
  }
  return null;
};

/**
 * 行政处罚法 Art.44, 45, 62, 63–64, 85: no decision before the written notice was served and the 5-working-day
 * statement window has passed (or the party signed a waiver), and none while a requested hearing is not yet held.
 * The window is `PENALTY_DEADLINE_RULES.statementWindow` on the passed-in calendar; its last day still belongs to the
 * party, so the decision may come from the next day.
 */
export const noticeBeforeDecision: Guard<Pick<PenaltyFacts, 'noticeServedOn' | 'statementWaiverSignedOn' | 'hearingRequestedOn' | 'hearingHeldOn'>> = (
  f,
  ctx,
) => {
  const citation = '行政处罚法 Art.44, Art.45, Art.62, Art.64, Art.85';
  if (!f.noticeServedOn) {
    return refuse(citation, 'Serve the written notice of the intended penalty (告知书) before deciding.', '作出处罚决定前，应当送达行政处罚告知书。');
  }
  if (f.hearingRequestedOn && !f.hearingHeldOn) {
    return refuse(citation, 'The party requested a hearing: hold it (or record the waiver by absence) before deciding.', '当事人已申请听证，应当在听证结束后作出决定。', {
      hearingRequestedOn: f.hearingRequestedOn,
    });
  }
  if (f.statementWaiverSignedOn) return null;
  return withCalendar(citation, () => {
    const { due } = computeDeadline(PENALTY_DEADLINE_RULES.statementWindow, f.noticeServedOn!, ctx.calendar);
    if (ctx.now > due) return null;
    return refuse(
      citation,
      `The party may state and defend until ${due}; decide after that date, or record the party's signed waiver.`,
      `当事人陈述、申辩期限至${due}届满，请在此后作出决定，或记录当事人签字的放弃声明。`,
      { statementWindowEnds: due },
    );
  });
};

/** 行政处罚法 Art.45 (SAMR 程序规定 Art.58): the decided penalty may not be heavier than the one notified. */
export const noHeavierThanNotified: Guard<Pick<PenaltyFacts, 'proposed' | 'notified'>> = (f) => {
  if (!f.proposed || !f.notified) return null;
  const notified = f.notified;
  const addedTypes = f.proposed.types.filter((t) => !notified.types.includes(t));
  const isFineHigher = fineOf(f.proposed) > fineOf(notified);
  if (addedTypes.length === 0 && !isFineHigher) return null;
  return refuse(
    '行政处罚法 Art.45',
    'The decision would be heavier than the penalty notified to the party; lower it, or serve a new notice first.',
    '拟作出的处罚重于已告知的处罚，不得因当事人陈述申辩而加重处罚；请调整，或重新履行告知程序。',
    { addedTypes, proposedFine: f.proposed.fineAmount, notifiedFine: notified.fineAmount },
  );
};

/** 行政处罚法 Art.57 para 2; SAMR 程序规定 Art.60 para 2: complex or major cases are decided collectively (LR10). */
export const collectiveDiscussionBeforeDecision: Guard<Pick<PenaltyFacts, 'isCollectiveDiscussionRequired' | 'collectiveDiscussionOn'>> = (f) => {
  if (!f.isCollectiveDiscussionRequired || f.collectiveDiscussionOn) return null;
  return refuse('行政处罚法 Art.57 para 2', 'Record the minutes of the collective discussion by the agency heads before deciding.', '本案须经行政机关负责人集体讨论，请先记录集体讨论决定。');
};

/**
 * 国务院令第310号 Art.3, 11; 行政处罚法 Art.27: a suspected crime must be transferred, and a penalty may not replace
 * the transfer. The decision waits until the head's transfer decision is recorded; it stays blocked if it was to
 * transfer, unless the police declined the case (310号令 Art.10).
 */
export const crimeTransferBlocksDecision: Guard<Pick<PenaltyFacts, 'isSuspectedCrime' | 'crimeTransferDecision'>> = (f) => {
  if (!f.isSuspectedCrime) return null;
  const citation = '国务院令第310号 Art.3; 行政处罚法 Art.27';
  const d = f.crimeTransferDecision;
  if (!d) {
    return refuse(citation, 'The case is flagged as a suspected crime: record the head\'s decision on transfer to the police first.', '本案涉嫌犯罪，须先由负责人作出是否移送公安机关的决定。');
  }
  if (d.outcome === 'transfer') {
    return refuse(citation, 'The case was decided to be transferred to the police; a penalty may not replace the transfer.', '本案已决定移送公安机关，不得以行政处罚代替移送。', {
      decidedOn: d.decidedOn,
    });
  }
  return null;
};

export type DiscretionCheck =
  | { level: 'ok'; kind: 'within_tier' | 'no_fine_or_penalty' | 'no_benchmark' }
  | { level: 'notice'; kind: 'deviation_justified'; isFlaggedForSupervisor: true; message: string; messageZh: string; citation: string; details: Record<string, unknown> }
  | { level: 'refusal'; kind: 'deviation_unjustified' | 'no_tier_selected'; refusal: Refusal };

/**
 * 国办发〔2022〕27号 §五(十二); 行政处罚法 Art.34: the proposed penalty should lie within the selected discretion tier.
 * Outside it (or with no tier) a written justification lets the case proceed but is flagged for supervisors (a
 * notice, not a refusal); without one the decision is refused.
 */
export function fineWithinDiscretionTier(f: Pick<PenaltyFacts, 'proposed' | 'discretion'>): DiscretionCheck {
  const citation = '国办发〔2022〕27号 §五(十二); 行政处罚法 Art.34';
  const p = f.proposed;
  if (!p || p.types.length === 0) return { level: 'ok', kind: 'no_fine_or_penalty' };
  if (!f.discretion.itemHasTiers) return { level: 'ok', kind: 'no_benchmark' };
  const tier = f.discretion.tier;
  const outside: string[] = [];
  if (!tier) outside.push('no_tier');
  else {
    if (p.types.some((t) => !tier.penaltyTypes.includes(t))) outside.push('penalty_type');
    if (p.fineAmount != null && ((tier.fineMin != null && p.fineAmount < tier.fineMin) || (tier.fineMax != null && p.fineAmount > tier.fineMax))) {
      outside.push('fine_amount');
    }
  }
  if (outside.length === 0) return { level: 'ok', kind: 'within_tier' };
  const details = { outside, tier: tier?.level ?? null, fineMin: tier?.fineMin ?? null, fineMax: tier?.fineMax ?? null, fineAmount: p.fineAmount };
  if (f.discretion.justification?.trim()) {
    return {
      level: 'notice',
      kind: 'deviation_justified',
      isFlaggedForSupervisor: true,
      message: 'The proposed penalty departs from the discretion benchmark tier; the justification will be shown to supervisors.',
      messageZh: '拟作出的处罚偏离裁量基准阶次，已说明理由，将提示监督人员关注。',
      citation,
      details,
    };
  }
  return {
    level: 'refusal',
    kind: tier ? 'deviation_unjustified' : 'no_tier_selected',
    refusal: refuse(
      citation,
      tier
        ? 'The proposed penalty is outside the selected discretion tier: adjust it or write the reasons for the deviation.'
        : 'Select the discretion benchmark tier applied, or write the reasons for not applying one.',
      tier ? '拟作出的处罚超出所选裁量阶次，请调整或说明偏离理由。' : '请选择适用的裁量基准阶次，或说明不适用的理由。',
      details,
    ),
  };
}

/** The blocking side of `fineWithinDiscretionTier`, for the decide guard list. */
export const discretionTierApplied: Guard<Pick<PenaltyFacts, 'proposed' | 'discretion'>> = (f) => {
  const c = fineWithinDiscretionTier(f);
  return c.level === 'refusal' ? c.refusal : null;
};

// ---- other steps ------------------------------------------------------------------------------------------------------

/** 行政处罚法 Art.44: the notice states the intended penalty, so one must be proposed before serving it. */
export const intendedPenaltyStated: Guard<Pick<PenaltyFacts, 'proposed'>> = (f) =>
  f.proposed
    ? null
    : refuse('行政处罚法 Art.44', 'Record the intended penalty (type and amount) before serving the notice.', '送达告知书前，请填写拟作出的行政处罚种类和数额。');

/** 行政处罚法 Art.64(1), Art.85: a hearing is requested within 5 working days of the notice. */
export const hearingRequestInTime: Guard<Pick<PenaltyFacts, 'noticeServedOn'>> = (f, ctx) => {
  const citation = '行政处罚法 Art.64(1), Art.85';
  if (!f.noticeServedOn) return refuse(citation, 'No notice has been served yet.', '尚未送达告知书。');
  return withCalendar(citation, () => {
    const { due } = computeDeadline(PENALTY_DEADLINE_RULES.hearingRequest, f.noticeServedOn!, ctx.calendar);
    if (ctx.now <= due) return null;
    return refuse(citation, `The hearing request period ended on ${due}; a later request is deemed waived.`, `听证申请期限已于${due}届满，逾期视为放弃。`, { due });
  });
};

/**
 * SAMR 程序规定 Art.77: a case closes after execution is completed (or nothing is to be paid: no-penalty decision,
 * warning, licence measures). Court enforcement and instalments are not modelled yet.
 */
export const closingTriggerReached: Guard<Pick<PenaltyFacts, 'decisionKind' | 'isPaymentDue' | 'paymentCompletedOn'>> = (f) => {
  if (f.decisionKind === 'no_penalty' || !f.isPaymentDue || f.paymentCompletedOn) return null;
  return refuse('市场监督管理行政处罚程序规定 Art.77', 'The fine has not been paid yet: record the payment (or enforcement) before closing.', '罚没款尚未缴纳，请先登记缴款（或强制执行）情况再结案。');
};

// ---- simplified procedure ---------------------------------------------------------------------------------------------

export interface SimplifiedEligibilityFacts {
  partyType: PartyType;
  penalty: PenaltyContent;
  isFactConclusive: boolean;
  hasLegalBasis: boolean;
}

/**
 * 行政处罚法 Art.51; SAMR 程序规定 Art.66: on the spot only with conclusive facts and a legal basis, and only a warning
 * or a fine up to the caps (citizen 200 / organisation 3,000 yuan by default; simplified.maxFine* in the profile).
 */
export const simplifiedWithinCaps: Guard<SimplifiedEligibilityFacts> = (f, ctx) => {
  const citation = '行政处罚法 Art.51';
  const cap = f.partyType === 'individual' ? ctx.params['simplified.maxFineIndividual'] : ctx.params['simplified.maxFineOrganisation'];
  const other = f.penalty.types.filter((t) => t !== 'warning' && t !== 'fine');
  const fine = fineOf(f.penalty);
  const problems: string[] = [];
  if (!f.isFactConclusive) problems.push('facts_not_conclusive');
  if (!f.hasLegalBasis) problems.push('no_legal_basis');
  if (f.penalty.types.length === 0) problems.push('no_penalty');
  if (other.length > 0) problems.push('penalty_type');
  if (fine > cap) problems.push('fine_over_cap');
  if (f.penalty.types.includes('fine') !== fine > 0) problems.push('fine_inconsistent');
  if (problems.length === 0) return null;
  return refuse(
    citation,
    `The simplified procedure allows only a warning or a fine up to ${cap} yuan with conclusive facts and a legal basis; use the ordinary procedure.`,
    `简易程序仅适用于违法事实确凿并有法定依据、处以警告或${cap}元以下罚款的情形，请改用普通程序。`,
    { problems, cap, fine, otherTypes: other },
  );
};

/** Penalty kinds that always carry the right to a hearing (行政处罚法 Art.63 para 1 (2)–(5)). */
const HEARING_TYPES: readonly PenaltyType[] = ['reduce_qualification', 'revoke_licence', 'order_suspend_business', 'order_close', 'restrict_activity', 'restrict_employment'];

export interface HearingThresholds {
  'hearing.largeFineIndividual': number;
  'hearing.largeFineOrganisation': number;
}

/**
 * 行政处罚法 Art.63: whether the intended penalty entitles the party to a hearing, so the 听证告知书 must go with the
 * notice. Confiscation counts whatever its value: the amount is not in the proposal, and offering a hearing that
 * was not required costs little while omitting a required one makes the penalty unlawful (domain-rules H3).
 */
export function isHearingEntitled(f: { proposed: PenaltyContent | null; partyType: PartyType }, t: HearingThresholds): boolean {
  const p = f.proposed;
  if (!p) return false;
  if (p.types.some((x) => HEARING_TYPES.includes(x) || x === 'confiscate_gains' || x === 'confiscate_property')) return true;
  const limit = f.partyType === 'individual' ? t['hearing.largeFineIndividual'] : t['hearing.largeFineOrganisation'];
  return p.types.includes('fine') && (p.fineAmount ?? 0) >= limit;
}
