import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  courtEnforcementWindow,
  executionAccount,
  onSiteCollectionRefusal,
  paymentDueOn,
  scheduleRefusal,
  type ExecutionFacts,
  type ExecutionPayment,
} from './penalty-execution.ts';
import { availablePenaltyActions, checkPenaltyAction } from './penalty-procedure.ts';
import { addDays, cal, makeCase, makeCtx } from './test/fixtures.ts';

const exec = (over: Partial<ExecutionFacts> = {}): ExecutionFacts => ({ principal: 1000, payments: [], schedules: [], surchargePauses: [], reminderServedOn: null, courtApplicationOn: null, ...over });
const pay = (amount: number, paidOn: string, over: Partial<ExecutionPayment> = {}): ExecutionPayment => ({ amount, paidOn, method: 'bank', reference: 'B-1', ...over });
// Served on Monday 2026-03-02: the 15 calendar days end on Tuesday 2026-03-17 (行政处罚法 Art.67).
const SERVED = '2026-03-02';
const acc = (e: ExecutionFacts, asOf: string) => executionAccount(e, SERVED, asOf, cal);

describe('payment due date (行政处罚法 Art.67: 15 days from service)', () => {
  it('counts calendar days from the day after service', () => expect(paymentDueOn(SERVED, cal)).toBe('2026-03-17'));
  it('a period ending in the National Day holiday ends on the first working day after it', () => expect(paymentDueOn('2026-09-16', cal)).toBe('2026-10-08'));
});

describe('late-payment surcharge (行政处罚法 Art.72(1): 3% a day, never more than the fine)', () => {
  it('nothing accrues up to and including the due date', () => expect(acc(exec(), '2026-03-17')).toMatchObject({ surcharge: 0, lateDays: 0, overduePrincipal: 0, balance: 1000 }));
  it('3% of the fine for each day late', () => {
    expect(acc(exec(), '2026-03-18')).toMatchObject({ surcharge: 30, lateDays: 1, overduePrincipal: 1000, balance: 1030 });
    expect(acc(exec(), '2026-03-27')).toMatchObject({ surcharge: 300, lateDays: 10 });
  });
  it('is capped at the fine: 33 days is 990, the 34th reaches the cap and it stays there', () => {
    expect(acc(exec(), addDays('2026-03-17', 33)).surcharge).toBe(990);
    expect(acc(exec(), addDays('2026-03-17', 34))).toMatchObject({ surcharge: 1000, surchargeCapped: true, balance: 2000 });
    expect(acc(exec(), '2026-12-31')).toMatchObject({ surcharge: 1000, balance: 2000 });
  });
  it('a part payment stops accrual on what was paid (the day of payment still counts)', () => {
    const a = acc(exec({ payments: [pay(600, '2026-03-20')] }), '2026-03-25');
    // 18th–20th on 1,000 (3 × 30) + 21st–25th on 400 (5 × 12)
    expect(a).toMatchObject({ surcharge: 150, paid: 600, overduePrincipal: 400, balance: 550, isSettled: false });
  });
  it('paying the fine in time settles it', () => expect(acc(exec({ payments: [pay(1000, '2026-03-17')] }), '2026-06-01')).toMatchObject({ surcharge: 0, balance: 0, isSettled: true }));
  it('a fine with fen is counted in fen, rounded down for the party', () => expect(acc(exec({ principal: 33.33 }), '2026-03-18').surcharge).toBe(0.99));
  it('days while reconsideration or litigation is pending do not count (Art.73 para 3)', () => {
    const e = exec({ surchargePauses: [{ reason: 'litigation', from: '2026-03-20', to: '2026-03-29' }] });
    expect(acc(e, '2026-03-31')).toMatchObject({ lateDays: 4, surcharge: 120 });
    expect(acc(exec({ surchargePauses: [{ reason: 'reconsideration', from: '2026-03-20', to: null }] }), '2026-05-01')).toMatchObject({ lateDays: 2, surcharge: 60 });
  });
  it('a deferral moves the due date (Art.66 para 2)', () => {
    const e = exec({ schedules: [{ kind: 'deferral', appliedOn: '2026-03-09', approvedOn: '2026-03-10', entries: [{ dueOn: '2026-05-15', amount: 1000 }] }] });
    expect(acc(e, '2026-05-15')).toMatchObject({ surcharge: 0, finalDueOn: '2026-05-15' });
    expect(acc(e, '2026-05-16')).toMatchObject({ surcharge: 30, overduePrincipal: 1000 });
  });
  it('instalments: only the instalment overdue bears the surcharge', () => {
    const e = exec({ schedules: [{ kind: 'instalments', appliedOn: '2026-03-10', approvedOn: '2026-03-10', entries: [{ dueOn: '2026-04-15', amount: 500 }, { dueOn: '2026-05-15', amount: 500 }] }] });
    expect(acc(e, '2026-04-20')).toMatchObject({ surcharge: 75, overduePrincipal: 500, lateDays: 5 });
    expect(acc({ ...e, payments: [pay(500, '2026-04-15')] }, '2026-05-15')).toMatchObject({ surcharge: 0, overduePrincipal: 0, balance: 500 });
  });
  it('days before a late approval stay late under the schedule that governed them', () => {
    const e = exec({ schedules: [{ kind: 'deferral', appliedOn: '2026-03-19', approvedOn: '2026-03-20', entries: [{ dueOn: '2026-05-15', amount: 1000 }] }] });
    expect(acc(e, '2026-04-30')).toMatchObject({ lateDays: 3, surcharge: 90 });
  });
});

describe('properties of the surcharge', () => {
  const day = fc.integer({ min: 0, max: 280 }).map((n) => addDays('2026-03-02', n));
  const fine = fc.integer({ min: 1, max: 10_000_000 }).map((fen) => fen / 100);
  const payments = fc.array(fc.tuple(fc.integer({ min: 1, max: 500_000 }), day), { maxLength: 4 }).map((ps) => ps.map(([fen, d]) => pay(fen / 100, d)));
  it('never negative, never above the fine; equals min(fine, 3% × fine × days) when nothing is paid', () => {
    fc.assert(
      fc.property(fine, day, (p, asOf) => {
        const a = acc(exec({ principal: p }), asOf);
        expect(a.surcharge).toBeGreaterThanOrEqual(0);
        expect(a.surcharge).toBeLessThanOrEqual(p);
        const days = Math.max(0, (Date.parse(asOf) - Date.parse('2026-03-17')) / 86_400_000);
        expect(a.surcharge).toBe(Math.min(Math.round(p * 100), Math.floor((Math.round(p * 100) * 3 * days) / 100)) / 100);
      }),
      { numRuns: 300 },
    );
  });
  it('does not decrease as time passes, and a payment never makes it larger', () => {
    fc.assert(
      fc.property(fine, payments, day, day, (p, ps, d1, d2) => {
        const [a, b] = d1 <= d2 ? [d1, d2] : [d2, d1];
        const e = exec({ principal: p, payments: ps });
        expect(acc(e, a).surcharge).toBeLessThanOrEqual(acc(e, b).surcharge);
        expect(acc(e, b).surcharge).toBeLessThanOrEqual(acc(exec({ principal: p }), b).surcharge);
        expect(acc(e, b).surcharge).toBeLessThanOrEqual(p);
      }),
      { numRuns: 300 },
    );
  });
  it('paying the balance on a day settles the account on that day', () => {
    fc.assert(
      fc.property(fine, payments, day, (p, ps, asOf) => {
        const before = ps.filter((x) => x.paidOn <= asOf);
        const a = acc(exec({ principal: p, payments: before }), asOf);
        fc.pre(a.balance > 0);
        expect(acc(exec({ principal: p, payments: [...before, pay(a.balance, asOf)] }), asOf).isSettled).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
  it('an instalment plan that splits the outstanding principal over later dates is accepted; one fen off is refused', () => {
    fc.assert(
      fc.property(fine, fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 2, maxLength: 6 }), fc.integer({ min: 1, max: 30 }), (p, weights, gap) => {
        const fen = Math.round(p * 100);
        fc.pre(fen >= weights.length);
        const total = weights.reduce((n, w) => n + w, 0);
        const parts = weights.map((w) => Math.max(1, Math.floor((fen * w) / total)));
        parts[parts.length - 1]! += fen - parts.reduce((n, x) => n + x, 0);
        fc.pre(parts.every((x) => x > 0));
        const entries = parts.map((x, i) => ({ dueOn: addDays('2026-04-01', (i + 1) * gap), amount: x / 100 }));
        const s = { kind: 'instalments' as const, appliedOn: '2026-03-30', approvedOn: '2026-04-01', entries };
        expect(scheduleRefusal(s, p)).toBeNull();
        const off = { ...s, entries: entries.map((e, i) => (i === 0 ? { ...e, amount: Math.round(e.amount * 100 + 1) / 100 } : e)) };
        expect(scheduleRefusal(off, p)?.details?.problems).toContain('sum_not_outstanding');
      }),
      { numRuns: 200 },
    );
  });
});

describe('schedules (行政处罚法 Art.66 para 2)', () => {
  const s = (kind: 'deferral' | 'instalments', entries: { dueOn: string; amount: number }[]) => ({ kind, appliedOn: '2026-03-09', approvedOn: '2026-03-10', entries });
  it.each([
    ['a deferral has one date', s('deferral', [{ dueOn: '2026-04-01', amount: 500 }, { dueOn: '2026-05-01', amount: 500 }]), 'deferral_has_one_date'],
    ['instalments have at least two', s('instalments', [{ dueOn: '2026-04-01', amount: 1000 }]), 'instalments_need_two'],
    ['dates follow the approval', s('deferral', [{ dueOn: '2026-03-10', amount: 1000 }]), 'dates_not_increasing'],
    ['dates increase', s('instalments', [{ dueOn: '2026-05-01', amount: 500 }, { dueOn: '2026-04-01', amount: 500 }]), 'dates_not_increasing'],
    ['amounts are positive', s('instalments', [{ dueOn: '2026-04-01', amount: 1100 }, { dueOn: '2026-05-01', amount: -100 }]), 'amount_invalid'],
    ['amounts are in fen', s('instalments', [{ dueOn: '2026-04-01', amount: 500.005 }, { dueOn: '2026-05-01', amount: 499.995 }]), 'amount_invalid'],
    ['amounts add up to what is outstanding', s('deferral', [{ dueOn: '2026-04-01', amount: 900 }]), 'sum_not_outstanding'],
  ])('%s', (_, schedule, problem) => {
    const r = scheduleRefusal(schedule, 1000);
    expect(r).toMatchObject({ code: 'RULE_VIOLATION', citation: '行政处罚法 Art.66 para 2' });
    expect(r?.details?.problems).toContain(problem);
  });
  it('a valid deferral passes', () => expect(scheduleRefusal(s('deferral', [{ dueOn: '2026-06-01', amount: 1000 }]), 1000)).toBeNull());
});

describe('罚缴分离: no on-site cash outside the statute (行政处罚法 Art.67–70)', () => {
  const cash = (over: Partial<ExecutionPayment>) => pay(80, '2026-03-05', { method: 'on_site_cash', reference: null, receiptNo: 'CZ-0001', ...over });
  it.each([
    ['bank payment', pay(5000, '2026-03-05'), 'ordinary', 5000, null],
    ['simplified, fine ≤ 100 with receipt', cash({ onSiteGround: 'small_fine' }), 'simplified', 80, null],
    ['simplified, hard to collect later', cash({ onSiteGround: 'hard_to_collect_later', amount: 200 }), 'simplified', 200, null],
    ['ordinary, remote area on request', cash({ onSiteGround: 'remote_area', amount: 5000 }), 'ordinary', 5000, null],
    ['no ground', cash({ onSiteGround: null }), 'simplified', 80, 'no_ground'],
    ['ordinary procedure, small fine', cash({ onSiteGround: 'small_fine' }), 'ordinary', 80, 'ground_only_for_simplified'],
    ['small-fine ground above 100', cash({ onSiteGround: 'small_fine', amount: 150 }), 'simplified', 150, 'fine_over_100'],
    ['no finance receipt', cash({ onSiteGround: 'remote_area', receiptNo: '' }), 'ordinary', 80, 'no_receipt'],
  ] as const)('%s', (_, p, procedure, fineAmount, problem) => {
    const r = onSiteCollectionRefusal(p, { procedure, fineAmount });
    if (problem === null) expect(r).toBeNull();
    else expect(r).toMatchObject({ citation: '行政处罚法 Art.67–70', details: { problems: expect.arrayContaining([problem]) } });
  });
});

describe('court enforcement window (行政强制法 Art.53–54)', () => {
  it('opens after the later of 60 days and 6 months from service and closes 3 months later; the reminder waits 10 working days', () => {
    const w = courtEnforcementWindow(exec({ reminderServedOn: '2026-02-02' }), '2026-01-05', cal);
    // 6 months end on Sunday 2026-07-05 → Monday; 3 months later is in the National Day holiday → 2026-10-08
    expect(w).toEqual({ remedyWindowEndsOn: '2026-07-06', opensAfter: '2026-07-06', closesOn: '2026-10-08', reminderWaitEndsOn: '2026-02-14' });
  });
  it('a deferral ending later pushes the window', () => {
    const e = exec({ schedules: [{ kind: 'deferral', appliedOn: '2026-01-10', approvedOn: '2026-01-12', entries: [{ dueOn: '2026-08-03', amount: 1000 }] }] });
    expect(courtEnforcementWindow(e, '2026-01-05', cal)).toMatchObject({ opensAfter: '2026-08-03', closesOn: '2026-11-03' });
  });
});

describe('execution steps in the penalty table', () => {
  const executing = (e: Partial<ExecutionFacts> = {}, served = SERVED) => makeCase({ status: 'executing', decidedOn: '2026-02-27', decisionServedOn: served, execution: exec(e) });
  const guardsOf = (r: ReturnType<typeof availablePenaltyActions>, action: string) => r.refused.find((x) => x.action === action)?.refusals.map((x) => x.details?.guard);

  it('before the due date: payment and deferral are open; reminder and court are refused with their citations', () => {
    const r = availablePenaltyActions(executing(), makeCtx({ now: '2026-03-10' }));
    expect(r.allowed).toEqual(expect.arrayContaining(['record_payment', 'record_part_payment', 'approve_deferral']));
    expect(guardsOf(r, 'serve_reminder')).toEqual(['reminderAfterDefault']);
    expect(guardsOf(r, 'apply_court_enforcement')).toEqual(['courtEnforcementReady']);
    expect(guardsOf(r, 'close')).toEqual(['closingTriggerReached']);
  });
  it('a payment below fine + surcharge is not the payment in full; a payment that settles is not a part payment', () => {
    const late = (p: ExecutionPayment) => ({ ...executing(), execution: exec({ pendingPayment: p }) });
    const ctx = makeCtx({ now: '2026-03-20' });
    // 3 days late: 1,000 + 90
    const short = checkPenaltyAction(late(pay(1000, '2026-03-20')), 'record_payment', ctx);
    expect(short).toMatchObject({ ok: false, refusals: [{ citation: '行政处罚法 Art.67, Art.72', details: { guard: 'paymentSettlesBalance', balanceAfter: 90 } }] });
    expect(checkPenaltyAction(late(pay(1090, '2026-03-20')), 'record_payment', ctx)).toEqual({ ok: true, to: 'executed' });
    expect(checkPenaltyAction(late(pay(1000, '2026-03-20')), 'record_part_payment', ctx)).toEqual({ ok: true, to: 'executing' });
    expect(checkPenaltyAction(late(pay(1090, '2026-03-20')), 'record_part_payment', ctx)).toMatchObject({ ok: false, refusals: [{ details: { guard: 'partPaymentLeavesBalance' } }] });
  });
  it('on-site cash in the ordinary procedure without a statutory ground is refused', () => {
    const f = { ...executing(), execution: exec({ pendingPayment: pay(1000, '2026-03-10', { method: 'on_site_cash', onSiteGround: 'small_fine', receiptNo: 'R1' }) }) };
    expect(checkPenaltyAction(f, 'record_payment', makeCtx({ now: '2026-03-10' }))).toMatchObject({ ok: false, refusals: [{ details: { guard: 'noOnSiteCashOutsideStatute' } }] });
  });
  it('an invalid schedule is refused; a deferral cannot be approved once the fine is paid', () => {
    const bad = { ...executing(), execution: exec({ pendingSchedule: { kind: 'deferral', appliedOn: '2026-03-09', approvedOn: '2026-03-10', entries: [{ dueOn: '2026-04-01', amount: 900 }] } }) };
    expect(checkPenaltyAction(bad, 'approve_deferral', makeCtx({ now: '2026-03-10' }))).toMatchObject({ ok: false, refusals: [{ details: { guard: 'deferralScheduleValid' } }] });
    const paid = executing({ payments: [pay(1000, '2026-03-05')] });
    expect(guardsOf(availablePenaltyActions(paid, makeCtx({ now: '2026-03-10' })), 'approve_deferral')).toEqual(['deferralScheduleValid']);
  });
  it('after default: the reminder is open; the court only after 10 working days and the remedy windows, within 3 months', () => {
    const served = '2026-01-05';
    const afterDue = availablePenaltyActions(executing({}, served), makeCtx({ now: '2026-01-25' }));
    expect(afterDue.allowed).toContain('serve_reminder');
    const reminded = executing({ reminderServedOn: '2026-02-02' }, served);
    const court = (now: string) => checkPenaltyAction(reminded, 'apply_court_enforcement', makeCtx({ now }));
    expect(court('2026-02-14')).toMatchObject({ ok: false, refusals: [{ citation: '行政强制法 Art.54, Art.69' }] });
    expect(court('2026-03-01')).toMatchObject({ ok: false, refusals: [{ citation: '行政强制法 Art.53', details: { opensAfter: '2026-07-06' } }] });
    expect(court('2026-07-07')).toEqual({ ok: true, to: 'court_enforcement' });
    expect(court('2026-10-08')).toEqual({ ok: true, to: 'court_enforcement' });
    expect(court('2026-10-09')).toMatchObject({ ok: false, refusals: [{ citation: '行政强制法 Art.53', details: { closesOn: '2026-10-08' } }] });
    expect(checkPenaltyAction(executing({ reminderServedOn: null }, served), 'apply_court_enforcement', makeCtx({ now: '2026-07-07' }))).toMatchObject({ ok: false, refusals: [{ citation: '行政强制法 Art.54' }] });
  });
  it('one challenge at a time: recording needs none pending, ending needs one (Art.73 para 3)', () => {
    const none = availablePenaltyActions(executing(), makeCtx({ now: '2026-03-10' }));
    expect(none.allowed).toContain('record_challenge');
    expect(guardsOf(none, 'end_challenge')).toEqual(['challengePending']);
    const pending = availablePenaltyActions(executing({ surchargePauses: [{ reason: 'reconsideration', from: '2026-03-05', to: null }] }), makeCtx({ now: '2026-03-10' }));
    expect(pending.allowed).toContain('end_challenge');
    expect(guardsOf(pending, 'record_challenge')).toEqual(['challengeNotPending']);
  });
  it('a case served before execution was recorded refuses the execution steps instead of failing', () => {
    const r = availablePenaltyActions(makeCase({ status: 'executing', decisionServedOn: SERVED }), makeCtx({ now: '2026-04-10' }));
    expect(r.allowed).toContain('record_payment');
    expect(guardsOf(r, 'serve_reminder')).toEqual(['reminderAfterDefault']);
  });
});
