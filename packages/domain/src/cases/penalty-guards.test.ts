import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCalendar } from '../calendar/index.ts';
import {
  closingTriggerReached,
  collectiveDiscussionBeforeDecision,
  crimeTransferBlocksDecision,
  discretionTierApplied,
  fineWithinDiscretionTier,
  firstTimeReviewerQualified,
  hearingRequestInTime,
  intendedPenaltyStated,
  isHearingEntitled,
  isMajorCase,
  legalReviewBeforeMajorDecision,
  limitationPeriod,
  noHeavierThanNotified,
  noticeBeforeDecision,
  reviewerNotInvestigator,
  simplifiedWithinCaps,
  twoCertifiedOfficers,
  type SimplifiedEligibilityFacts,
} from './penalty-guards.ts';
import { addDays, cal, makeCase, makeCertificate, makeCtx, makeOfficer } from './test/fixtures.ts';

const ctx = makeCtx();

describe('twoCertifiedOfficers (行政处罚法 Art.42, 55)', () => {
  it('passes with two eligible officers', () => {
    expect(twoCertifiedOfficers(makeCase(), ctx)).toBeNull();
  });
  it.each([
    ['only one officer', [makeOfficer('o1')]],
    ['the same officer twice', [makeOfficer('o1'), makeOfficer('o1')]],
    ['an auxiliary as the second', [makeOfficer('o1'), makeOfficer('a1', { personnelType: 'auxiliary' })]],
    ['a certificate expired on the act date', [makeOfficer('o1'), makeOfficer('o2', { certificates: [makeCertificate({ expiresOn: '2026-06-14' })] })]],
    ['a certificate of another sector', [makeOfficer('o1'), makeOfficer('o2', { certificates: [makeCertificate({ categories: ['transport'] })] })]],
    ['a certificate of another area', [makeOfficer('o1'), makeOfficer('o2', { certificates: [makeCertificate({ areaPath: '/110000/' })] })]],
  ])('refuses %s', (_, officers) => {
    const r = twoCertifiedOfficers(makeCase({ officers }), ctx);
    expect(r?.citation).toBe('行政处罚法 Art.42, Art.55');
    expect(r?.details?.eligibleCount).toBeLessThan(2);
  });
  it('reports why each ineligible officer does not count', () => {
    const r = twoCertifiedOfficers(makeCase({ officers: [makeOfficer('o1'), makeOfficer('a1', { personnelType: 'auxiliary' })] }), ctx);
    expect(r?.details?.ineligible).toEqual([{ officerId: 'a1', reason: 'auxiliary' }]);
  });
});

describe('limitationPeriod (行政处罚法 Art.36)', () => {
  const v = (committedOn: string, endedOn: string | null = null, isContinuing = false) => ({ committedOn, endedOn, isContinuing });
  it('passes within 2 years, on the last day, and for a continuing act not yet ended', () => {
    expect(limitationPeriod(makeCase(), ctx)).toBeNull();
    // 2024-06-14 + 2 years = 2026-06-14, a Sunday, rolled to Monday 2026-06-15 (民法典 Art.203).
    expect(limitationPeriod(makeCase({ violation: v('2024-06-14'), discoveredOn: '2026-06-15' }), ctx)).toBeNull();
    expect(limitationPeriod(makeCase({ violation: v('2020-01-01', null, true), discoveredOn: '2026-06-01' }), ctx)).toBeNull();
  });
  it('refuses discovery after 2 years', () => {
    const r = limitationPeriod(makeCase({ violation: v('2024-03-01'), discoveredOn: '2026-03-03' }), ctx);
    expect(r).toMatchObject({ code: 'RULE_VIOLATION', citation: '行政处罚法 Art.36', details: { years: 2, lastDay: '2026-03-02' } });
  });
  it('counts a continuing act from its end', () => {
    expect(limitationPeriod(makeCase({ violation: v('2023-01-01', '2024-06-01', true), discoveredOn: '2026-05-29' }), ctx)).toBeNull();
    expect(limitationPeriod(makeCase({ violation: v('2023-01-01', '2024-06-01', true), discoveredOn: '2026-06-02' }), ctx)).not.toBeNull();
  });
  it('uses 5 years only with life/health or financial safety AND harmful consequences', () => {
    const old = { violation: v('2024-01-10'), discoveredOn: '2026-06-01' };
    expect(limitationPeriod(makeCase({ ...old, involvesLifeHealthOrFinancialSafety: true, hasHarmfulConsequences: true }), ctx)).toBeNull();
    expect(limitationPeriod(makeCase({ ...old, involvesLifeHealthOrFinancialSafety: true }), ctx)).not.toBeNull();
    expect(limitationPeriod(makeCase({ ...old, hasHarmfulConsequences: true }), ctx)).not.toBeNull();
  });
  it('takes the years from the rule profile', () => {
    const facts = makeCase({ violation: v('2024-01-10'), discoveredOn: '2026-06-01' });
    expect(limitationPeriod(facts, makeCtx({ params: { ...ctx.params, 'limitation.years': 3 } }))).toBeNull();
  });
  it('refuses without a discovery date, and with CALENDAR_MISSING when the end year has no calendar', () => {
    expect(limitationPeriod(makeCase({ discoveredOn: null }), ctx)?.code).toBe('RULE_VIOLATION');
    const r = limitationPeriod(makeCase({ violation: v('2019-03-01'), discoveredOn: '2025-01-01' }), ctx);
    expect(r).toMatchObject({ code: 'CALENDAR_MISSING', details: { year: 2021 } });
  });
});

describe('review guards (行政处罚法 Art.58)', () => {
  it('reviewerNotInvestigator passes for an outsider and refuses an investigator or no reviewer', () => {
    expect(reviewerNotInvestigator(makeCase(), ctx)).toBeNull();
    expect(reviewerNotInvestigator(makeCase({ reviewer: { id: 'o2', hasLegalQualification: true, priorReviewCount: 9 } }), ctx)?.details).toEqual({ reviewerId: 'o2' });
    expect(reviewerNotInvestigator(makeCase({ reviewer: null }), ctx)?.messageZh).toContain('指定');
  });
  it('firstTimeReviewerQualified refuses only a first-time reviewer without the qualification', () => {
    expect(firstTimeReviewerQualified(makeCase(), ctx)).toBeNull();
    expect(firstTimeReviewerQualified(makeCase({ reviewer: { id: 'r1', hasLegalQualification: false, priorReviewCount: 2 } }), ctx)).toBeNull();
    expect(firstTimeReviewerQualified(makeCase({ reviewer: { id: 'r1', hasLegalQualification: true, priorReviewCount: 0 } }), ctx)).toBeNull();
    const r = firstTimeReviewerQualified(makeCase({ reviewer: { id: 'r1', hasLegalQualification: false, priorReviewCount: 0 } }), ctx);
    expect(r?.citation).toBe('行政处罚法 Art.58 para 2');
  });
});

describe('legalReviewBeforeMajorDecision (行政处罚法 Art.58)', () => {
  it('classifies major cases by criteria, hearing or flag', () => {
    expect(isMajorCase(makeCase())).toBe(false);
    expect(isMajorCase(makeCase({ proposed: { types: ['fine'], fineAmount: 50_000 } }))).toBe(true);
    expect(isMajorCase(makeCase({ proposed: { types: ['revoke_licence'], fineAmount: null } }))).toBe(true);
    expect(isMajorCase(makeCase({ hearingHeldOn: '2026-06-01' }))).toBe(true);
    expect(isMajorCase(makeCase({ isFlaggedMajor: true }))).toBe(true);
    expect(isMajorCase(makeCase({ majorCriteria: null, proposed: { types: ['fine'], fineAmount: 1e6 } }))).toBe(false);
  });
  it('passes a non-major case without review and a major case with review', () => {
    expect(legalReviewBeforeMajorDecision(makeCase({ reviewPassedOn: null }), ctx)).toBeNull();
    expect(legalReviewBeforeMajorDecision(makeCase({ isFlaggedMajor: true }), ctx)).toBeNull();
  });
  it('refuses a major case without passed review, or reviewed only before the hearing', () => {
    expect(legalReviewBeforeMajorDecision(makeCase({ isFlaggedMajor: true, reviewPassedOn: null }), ctx)?.citation).toBe('行政处罚法 Art.58');
    const r = legalReviewBeforeMajorDecision(makeCase({ hearingHeldOn: '2026-06-01', reviewPassedOn: '2026-05-20' }), ctx);
    expect(r?.details).toEqual({ reviewPassedOn: '2026-05-20', hearingHeldOn: '2026-06-01' });
    expect(legalReviewBeforeMajorDecision(makeCase({ hearingHeldOn: '2026-06-01', reviewPassedOn: '2026-06-05' }), ctx)).toBeNull();
  });
});

describe('noticeBeforeDecision (行政处罚法 Art.44, 45, 62, 64, 85)', () => {
  it('passes after the window', () => {
    expect(noticeBeforeDecision(makeCase(), ctx)).toBeNull();
  });
  it('refuses without a notice', () => {
    expect(noticeBeforeDecision(makeCase({ noticeServedOn: null }), ctx)?.messageZh).toContain('告知书');
  });
  it('refuses inside the window: National Day 2026 with the make-up Saturday 10-10 as the 5th working day', () => {
    const facts = makeCase({ noticeServedOn: '2026-09-28' });
    expect(noticeBeforeDecision(facts, makeCtx({ now: '2026-10-10' }))?.details).toEqual({ statementWindowEnds: '2026-10-10' });
    expect(noticeBeforeDecision(facts, makeCtx({ now: '2026-10-11' }))).toBeNull();
  });
  it('a signed waiver lets the decision come early, but never before a requested hearing is held', () => {
    const waived = makeCase({ noticeServedOn: '2026-06-12', statementWaiverSignedOn: '2026-06-12' });
    expect(noticeBeforeDecision(waived, ctx)).toBeNull();
    expect(noticeBeforeDecision({ ...waived, hearingRequestedOn: '2026-06-12' }, ctx)?.details).toEqual({ hearingRequestedOn: '2026-06-12' });
    expect(noticeBeforeDecision({ ...waived, hearingRequestedOn: '2026-06-12', hearingHeldOn: '2026-06-14' }, ctx)).toBeNull();
  });
  it('refuses with CALENDAR_MISSING rather than guessing', () => {
    const thin = createCalendar([], [2026]);
    expect(noticeBeforeDecision(makeCase({ noticeServedOn: '2026-12-30' }), makeCtx({ now: '2027-01-20', calendar: thin }))?.code).toBe('CALENDAR_MISSING');
  });

  // Reference: the 5th working day after the notice, counted one day at a time on the same calendar.
  const fifthWorkingDay = (served: string): string => {
    let d = served;
    for (let k = 0; k < 5; ) {
      d = addDays(d, 1);
      if (cal.isWorkingDay(d)) k += 1;
    }
    return d;
  };
  // Every notice day 2024-01-01 … 2026-12-15 (window stays inside the shipped years), every 'now' up to 30 days on.
  const day = fc.integer({ min: 0, max: 1079 }).map((n) => addDays('2024-01-01', n));
  it('property: never allows a decision on or before the 5th working day (holidays and 调休 included), always after it', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -3, max: 30 }), (served, offset) => {
        const now = addDays(served, offset);
        if (now > '2026-12-31') return;
        const allowed = noticeBeforeDecision(makeCase({ noticeServedOn: served }), makeCtx({ now })) === null;
        expect(allowed).toBe(now > fifthWorkingDay(served));
      }),
      { numRuns: 2000 },
    );
  });
  it('make-up days count: notice 2024-01-29 ends on Sunday 2024-02-04 (春节调休上班); 2024-02-06 skips the holiday to 02-19', () => {
    expect(fifthWorkingDay('2024-01-29')).toBe('2024-02-04');
    expect(noticeBeforeDecision(makeCase({ noticeServedOn: '2024-01-29' }), makeCtx({ now: '2024-02-04' }))).not.toBeNull();
    expect(noticeBeforeDecision(makeCase({ noticeServedOn: '2024-01-29' }), makeCtx({ now: '2024-02-05' }))).toBeNull();
    expect(fifthWorkingDay('2024-02-06')).toBe('2024-02-19');
    expect(noticeBeforeDecision(makeCase({ noticeServedOn: '2024-02-06' }), makeCtx({ now: '2024-02-19' }))).not.toBeNull();
  });
});

describe('noHeavierThanNotified (行政处罚法 Art.45)', () => {
  it('passes an equal or lighter penalty', () => {
    expect(noHeavierThanNotified(makeCase(), ctx)).toBeNull();
    expect(noHeavierThanNotified(makeCase({ proposed: { types: ['fine'], fineAmount: 3000 } }), ctx)).toBeNull();
    expect(noHeavierThanNotified(makeCase({ notified: { types: ['fine', 'confiscate_gains'], fineAmount: 5000 } }), ctx)).toBeNull();
  });
  it('refuses a higher fine or an added penalty type', () => {
    expect(noHeavierThanNotified(makeCase({ proposed: { types: ['fine'], fineAmount: 5001 } }), ctx)?.citation).toBe('行政处罚法 Art.45');
    const r = noHeavierThanNotified(makeCase({ proposed: { types: ['fine', 'suspend_licence'], fineAmount: 5000 } }), ctx);
    expect(r?.details?.addedTypes).toEqual(['suspend_licence']);
    expect(noHeavierThanNotified(makeCase({ notified: { types: ['warning'], fineAmount: null } }), ctx)).not.toBeNull();
  });
});

describe('collectiveDiscussionBeforeDecision (行政处罚法 Art.57 para 2)', () => {
  it('passes when not required or recorded; refuses when required and missing', () => {
    expect(collectiveDiscussionBeforeDecision(makeCase(), ctx)).toBeNull();
    expect(collectiveDiscussionBeforeDecision(makeCase({ isCollectiveDiscussionRequired: true, collectiveDiscussionOn: '2026-06-10' }), ctx)).toBeNull();
    expect(collectiveDiscussionBeforeDecision(makeCase({ isCollectiveDiscussionRequired: true }), ctx)?.citation).toBe('行政处罚法 Art.57 para 2');
  });
});

describe('crimeTransferBlocksDecision (国务院令第310号 Art.3; 行政处罚法 Art.27)', () => {
  it('passes with no suspicion, a recorded no-transfer decision, or a police refusal', () => {
    expect(crimeTransferBlocksDecision(makeCase(), ctx)).toBeNull();
    expect(crimeTransferBlocksDecision(makeCase({ isSuspectedCrime: true, crimeTransferDecision: { decidedOn: '2026-06-01', outcome: 'no_transfer' } }), ctx)).toBeNull();
    expect(crimeTransferBlocksDecision(makeCase({ isSuspectedCrime: true, crimeTransferDecision: { decidedOn: '2026-06-01', outcome: 'police_declined' } }), ctx)).toBeNull();
  });
  it('refuses while undecided, and when the decision was to transfer', () => {
    expect(crimeTransferBlocksDecision(makeCase({ isSuspectedCrime: true }), ctx)?.citation).toBe('国务院令第310号 Art.3; 行政处罚法 Art.27');
    expect(crimeTransferBlocksDecision(makeCase({ isSuspectedCrime: true, crimeTransferDecision: { decidedOn: '2026-06-01', outcome: 'transfer' } }), ctx)?.messageZh).toContain('不得以行政处罚代替移送');
  });
});

describe('fineWithinDiscretionTier (国办发〔2022〕27号 §五(十二))', () => {
  const tier = { level: 'general', penaltyTypes: ['fine', 'warning'] as const, fineMin: 1000, fineMax: 10_000 };
  it('is ok within the tier, without a proposal, or for an item without benchmark', () => {
    expect(fineWithinDiscretionTier(makeCase())).toEqual({ level: 'ok', kind: 'within_tier' });
    expect(fineWithinDiscretionTier(makeCase({ proposed: null })).level).toBe('ok');
    expect(fineWithinDiscretionTier(makeCase({ discretion: { itemHasTiers: false, tier: null, justification: null } }))).toEqual({ level: 'ok', kind: 'no_benchmark' });
    expect(discretionTierApplied(makeCase(), ctx)).toBeNull();
  });
  it('refuses outside the tier or without a tier when no justification is given', () => {
    const over = makeCase({ proposed: { types: ['fine'], fineAmount: 20_000 } });
    expect(fineWithinDiscretionTier(over)).toMatchObject({ level: 'refusal', kind: 'deviation_unjustified' });
    expect(discretionTierApplied(over, ctx)?.details?.outside).toEqual(['fine_amount']);
    const typed = makeCase({ proposed: { types: ['fine', 'suspend_licence'], fineAmount: 5000 } });
    expect(discretionTierApplied(typed, ctx)?.details?.outside).toEqual(['penalty_type']);
    expect(fineWithinDiscretionTier(makeCase({ discretion: { itemHasTiers: true, tier: null, justification: null } })).kind).toBe('no_tier_selected');
  });
  it('a justified deviation is a non-blocking notice flagged for supervisors', () => {
    const facts = makeCase({ proposed: { types: ['fine'], fineAmount: 500 }, discretion: { itemHasTiers: true, tier: { ...tier, penaltyTypes: [...tier.penaltyTypes] }, justification: '当事人主动消除危害后果' } });
    expect(fineWithinDiscretionTier(facts)).toMatchObject({ level: 'notice', isFlaggedForSupervisor: true, details: { outside: ['fine_amount'] } });
    expect(discretionTierApplied(facts, ctx)).toBeNull();
  });
});

describe('other step guards', () => {
  it('intendedPenaltyStated (Art.44)', () => {
    expect(intendedPenaltyStated(makeCase(), ctx)).toBeNull();
    expect(intendedPenaltyStated(makeCase({ proposed: null }), ctx)?.citation).toBe('行政处罚法 Art.44');
  });
  it('hearingRequestInTime (Art.64(1)): notice 2026-06-08 → last day 2026-06-15 (Dragon Boat 06-19 not involved)', () => {
    expect(hearingRequestInTime(makeCase({ noticeServedOn: '2026-06-08' }), ctx)).toBeNull();
    expect(hearingRequestInTime(makeCase({ noticeServedOn: '2026-06-05' }), ctx)?.details).toEqual({ due: '2026-06-12' });
    expect(hearingRequestInTime(makeCase({ noticeServedOn: null }), ctx)).not.toBeNull();
  });
  it('closingTriggerReached (SAMR Art.77)', () => {
    expect(closingTriggerReached(makeCase({ paymentCompletedOn: '2026-07-01' }), ctx)).toBeNull();
    expect(closingTriggerReached(makeCase({ decisionKind: 'no_penalty' }), ctx)).toBeNull();
    expect(closingTriggerReached(makeCase({ isPaymentDue: false }), ctx)).toBeNull();
    expect(closingTriggerReached(makeCase(), ctx)?.citation).toBe('市场监督管理行政处罚程序规定 Art.77');
  });
});

describe('simplifiedWithinCaps (行政处罚法 Art.51)', () => {
  const s = (over: Partial<SimplifiedEligibilityFacts> = {}): SimplifiedEligibilityFacts => ({
    partyType: 'individual',
    penalty: { types: ['fine'], fineAmount: 200 },
    isFactConclusive: true,
    hasLegalBasis: true,
    ...over,
  });
  it.each([
    ['a 200-yuan fine on a citizen', s()],
    ['a 3,000-yuan fine on an organisation', s({ partyType: 'organisation', penalty: { types: ['fine'], fineAmount: 3000 } })],
    ['a warning', s({ penalty: { types: ['warning'], fineAmount: null } })],
  ])('passes %s', (_, f) => expect(simplifiedWithinCaps(f, ctx)).toBeNull());
  it.each([
    ['201 yuan on a citizen', s({ penalty: { types: ['fine'], fineAmount: 201 } }), 'fine_over_cap'],
    ['3,001 yuan on an organisation', s({ partyType: 'organisation', penalty: { types: ['fine'], fineAmount: 3001 } }), 'fine_over_cap'],
    ['confiscation', s({ penalty: { types: ['fine', 'confiscate_gains'], fineAmount: 100 } }), 'penalty_type'],
    ['facts not conclusive', s({ isFactConclusive: false }), 'facts_not_conclusive'],
    ['no legal basis', s({ hasLegalBasis: false }), 'no_legal_basis'],
    ['no penalty at all', s({ penalty: { types: [], fineAmount: null } }), 'no_penalty'],
    ['an amount without the fine type', s({ penalty: { types: ['warning'], fineAmount: 100 } }), 'fine_inconsistent'],
  ])('refuses %s', (_, f, problem) => {
    const r = simplifiedWithinCaps(f, ctx);
    expect(r?.citation).toBe('行政处罚法 Art.51');
    expect(r?.details?.problems).toContain(problem);
  });
  it('takes the caps from the rule profile', () => {
    expect(simplifiedWithinCaps(s({ penalty: { types: ['fine'], fineAmount: 500 } }), makeCtx({ params: { ...ctx.params, 'simplified.maxFineIndividual': 500 } }))).toBeNull();
  });
});

describe('isHearingEntitled (行政处罚法 Art.63)', () => {
  const t = { 'hearing.largeFineIndividual': 10000, 'hearing.largeFineOrganisation': 100000 };
  it.each([
    ['individual', ['fine'], 9999, false],
    ['individual', ['fine'], 10000, true],
    ['organisation', ['fine'], 99999, false],
    ['organisation', ['fine'], 100000, true],
    ['organisation', ['warning'], null, false],
    ['organisation', ['revoke_licence'], null, true],
    ['individual', ['order_suspend_business'], null, true],
    ['individual', ['confiscate_gains', 'fine'], 100, true],
  ] as const)('%s %j %s → %s', (partyType, types, fineAmount, expected) => {
    expect(isHearingEntitled({ partyType, proposed: { types, fineAmount } }, t)).toBe(expected);
  });
  it('no proposal, no hearing right yet', () => expect(isHearingEntitled({ partyType: 'individual', proposed: null }, t)).toBe(false));
});
