import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedActions } from '../registry/enums.ts';
import {
  availablePenaltyActions,
  checkPenaltyAction,
  nextPenaltyStatus,
  PENALTY_ACTION_GUARDS,
  PENALTY_ACTIONS,
  PENALTY_STATUS_INFO,
  PENALTY_STATUSES,
  PENALTY_TRANSITIONS,
  type PenaltyAction,
  type PenaltyStatus,
} from './penalty-procedure.ts';
import { makeCase, makeCtx, makeOfficer } from './test/fixtures.ts';

const ctx = makeCtx();

// The legal flow written out independently of the implementation (domain-rules §5, §18); anything absent is refused.
const EXPECTED: Record<PenaltyStatus, Partial<Record<PenaltyAction, PenaltyStatus>>> = {
  lead: { file: 'filed', decline_filing: 'not_filed', transfer: 'transferred' },
  not_filed: { archive: 'archived' },
  filed: { start_investigation: 'investigating', transfer: 'transferred' },
  investigating: { end_investigation: 'investigation_ended', suspend: 'suspended', terminate: 'terminated', transfer: 'transferred' },
  suspended: { resume: 'investigating', terminate: 'terminated' },
  investigation_ended: { submit_review: 'under_review', start_investigation: 'investigating', suspend: 'suspended', transfer: 'transferred' },
  under_review: {
    pass_review: 'reviewed',
    return_for_supplement: 'review_returned',
    request_review_materials: 'under_review',
    supply_review_materials: 'under_review',
    extend_review: 'under_review',
    suspend: 'suspended',
    transfer: 'transferred',
  },
  review_returned: {
    submit_review: 'under_review',
    start_investigation: 'investigating',
    dispute_review: 'review_returned',
    uphold_review_opinion: 'review_returned',
    overrule_review_opinion: 'under_review',
    suspend: 'suspended',
    transfer: 'transferred',
  },
  reviewed: { serve_notice: 'notice_served', require_collective_discussion: 'collective_discussion', decide: 'decided', suspend: 'suspended', transfer: 'transferred' },
  collective_discussion: { record_collective_decision: 'discussed' },
  discussed: { serve_notice: 'notice_served', decide: 'decided', transfer: 'transferred' },
  notice_served: {
    request_hearing: 'hearing_requested',
    submit_review: 'under_review',
    require_collective_discussion: 'collective_discussion',
    decide: 'decided',
    suspend: 'suspended',
    transfer: 'transferred',
  },
  hearing_requested: { record_hearing: 'hearing_held', suspend: 'suspended', transfer: 'transferred' },
  hearing_held: { submit_review: 'under_review', require_collective_discussion: 'collective_discussion', transfer: 'transferred' },
  decided: { serve_decision: 'executing' },
  executing: {
    record_payment: 'executed',
    record_part_payment: 'executing',
    approve_deferral: 'executing',
    serve_reminder: 'executing',
    apply_court_enforcement: 'court_enforcement',
    record_challenge: 'executing',
    end_challenge: 'executing',
    close: 'closed',
  },
  court_enforcement: { record_payment: 'executed', record_part_payment: 'court_enforcement' },
  executed: { close: 'closed' },
  closed: { archive: 'archived' },
  archived: {},
  terminated: { close: 'closed' },
  transferred: { close: 'closed' },
};

describe('penalty transitions: every status × action against the explicit table', () => {
  for (const status of PENALTY_STATUSES) {
    for (const action of PENALTY_ACTIONS) {
      const to = EXPECTED[status][action];
      it(`${status} × ${action} → ${to ?? 'refused'}`, () => {
        // suspendedFrom = investigating so that resume reports the table's own target.
        expect(nextPenaltyStatus({ status, suspendedFrom: 'investigating' }, action)).toBe(to);
      });
    }
  }
  it('every status is documented with a citation, and every non-terminal status can move', () => {
    for (const s of PENALTY_STATUSES) expect(PENALTY_STATUS_INFO[s].citation).not.toBe('');
    expect(PENALTY_STATUSES.filter((s) => allowedActions(PENALTY_TRANSITIONS, s).length === 0)).toEqual(['archived']);
  });
});

describe('suspension remembers where to resume', () => {
  it('resume goes back to suspendedFrom', () => {
    expect(nextPenaltyStatus({ status: 'suspended', suspendedFrom: 'notice_served' }, 'resume')).toBe('notice_served');
    expect(checkPenaltyAction(makeCase({ status: 'suspended', suspendedFrom: 'hearing_requested' }), 'resume', ctx)).toEqual({ ok: true, to: 'hearing_requested' });
  });
  it('resume is refused when the prior status is missing or not suspendable', () => {
    for (const suspendedFrom of [null, 'decided'] as const) {
      const r = availablePenaltyActions(makeCase({ status: 'suspended', suspendedFrom }), ctx);
      expect(r.allowed).toEqual(['terminate']);
      expect(r.refused[0]?.refusals[0]?.details?.guard).toBe('resumeTargetRecorded');
    }
  });
});

describe('availablePenaltyActions', () => {
  it('a clean reviewed case may be decided, noticed, discussed, suspended or transferred', () => {
    expect(availablePenaltyActions(makeCase(), ctx)).toEqual({
      allowed: ['serve_notice', 'require_collective_discussion', 'decide', 'suspend', 'transfer'],
      refused: [],
      notices: [],
    });
  });
  it('lists every reason a decision is refused, tagged with the guard name', () => {
    const facts = makeCase({ noticeServedOn: '2026-06-12', isSuspectedCrime: true, proposed: { types: ['fine'], fineAmount: 8000 } });
    const r = availablePenaltyActions(facts, ctx);
    expect(r.allowed).not.toContain('decide');
    const decide = r.refused.find((x) => x.action === 'decide');
    expect(decide?.refusals.map((x) => x.details?.guard)).toEqual(['crimeTransferBlocksDecision', 'noticeBeforeDecision', 'noHeavierThanNotified']);
    expect(decide?.refusals.every((x) => x.citation && x.messageZh && x.message)).toBe(true);
  });
  it('filing at lead needs two certified officers and the limitation period', () => {
    const r = availablePenaltyActions(makeCase({ status: 'lead', officers: [makeOfficer('o1')] }), ctx);
    expect(r.allowed).toEqual(['decline_filing', 'transfer']);
    expect(r.refused).toHaveLength(1);
    expect(r.refused[0]?.refusals[0]?.details?.guard).toBe('twoCertifiedOfficers');
  });
  it('a justified discretion deviation is a notice, not a refusal', () => {
    const facts = makeCase({ proposed: { types: ['fine'], fineAmount: 500 }, notified: { types: ['fine'], fineAmount: 500 }, discretion: { itemHasTiers: true, tier: { level: 'general', penaltyTypes: ['fine'], fineMin: 1000, fineMax: 10_000 }, justification: '主动消除危害后果' } });
    const r = availablePenaltyActions(facts, ctx);
    expect(r.allowed).toContain('decide');
    expect(r.notices).toMatchObject([{ level: 'notice', isFlaggedForSupervisor: true }]);
  });
  it('checkPenaltyAction answers INVALID_TRANSITION off the table', () => {
    const r = checkPenaltyAction(makeCase({ status: 'archived' }), 'decide', ctx);
    expect(r).toMatchObject({ ok: false, refusals: [{ code: 'INVALID_TRANSITION', details: { allowedActions: [] } }] });
  });
  it('every guarded action exists in the table somewhere', () => {
    for (const a of Object.keys(PENALTY_ACTION_GUARDS)) expect(PENALTY_STATUSES.some((s) => EXPECTED[s][a as PenaltyAction])).toBe(true);
  });
});

describe('properties', () => {
  const date = fc.integer({ min: 0, max: 1000 }).map((n) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
  const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
  const content = fc.record({ types: fc.subarray(['warning', 'fine', 'confiscate_gains', 'revoke_licence'] as const), fineAmount: maybe(fc.integer({ min: 0, max: 100_000 })) });
  const facts = fc.record({
    status: fc.constantFrom(...PENALTY_STATUSES),
    suspendedFrom: maybe(fc.constantFrom(...PENALTY_STATUSES)),
    officerCount: fc.integer({ min: 0, max: 3 }),
    discoveredOn: maybe(date),
    noticeServedOn: maybe(date),
    statementWaiverSignedOn: maybe(date),
    hearingRequestedOn: maybe(date),
    hearingHeldOn: maybe(date),
    reviewPassedOn: maybe(date),
    isFlaggedMajor: fc.boolean(),
    isSuspectedCrime: fc.boolean(),
    isCollectiveDiscussionRequired: fc.boolean(),
    proposed: maybe(content),
    notified: maybe(content),
    paymentCompletedOn: maybe(date),
    now: date,
  });
  it('availablePenaltyActions never offers a move the table does not allow, and accounts for every table move', () => {
    fc.assert(
      fc.property(facts, ({ officerCount, now, ...f }) => {
        const c = makeCase({ ...f, officers: Array.from({ length: officerCount }, (_, i) => makeOfficer(`o${i}`)) });
        const r = availablePenaltyActions(c, makeCtx({ now }));
        const table = allowedActions(PENALTY_TRANSITIONS, c.status);
        for (const a of r.allowed) expect(table).toContain(a);
        expect([...r.allowed, ...r.refused.map((x) => x.action)].sort()).toEqual([...table].sort());
        for (const x of r.refused) expect(x.refusals.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});

describe('a guard that cannot decide refuses instead of failing the whole list', () => {
  it('a hearing request window running into a year without calendar data is refused with CALENDAR_MISSING', () => {
    const facts = makeCase({ status: 'notice_served', noticeServedOn: '2026-12-29' });
    const got = availablePenaltyActions(facts, makeCtx({ now: '2026-12-30' }));
    const r = got.refused.find((x) => x.action === 'request_hearing');
    expect(r?.refusals[0]).toMatchObject({ code: 'CALENDAR_MISSING', details: { year: 2027, guard: 'hearingRequestInTime' } });
    expect(got.allowed).toContain('transfer');
  });
});
