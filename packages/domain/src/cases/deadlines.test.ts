import { describe, expect, it } from 'vitest';
import { caseDeadlineStates, caseDeadlines, PENALTY_DEADLINE_RULES, type CaseDeadlineFacts } from './deadlines.ts';
import { cal } from './test/fixtures.ts';

const facts = (over: Partial<CaseDeadlineFacts> = {}): CaseDeadlineFacts => ({
  discoveredOn: '2026-02-20',
  filedOn: null,
  decisionExtensionApproved: false,
  pauses: [],
  noticeServedOn: null,
  hearingNoticeSentOn: null,
  decidedOn: null,
  decisionServedOn: null,
  isPaymentDue: false,
  closingTriggerOn: null,
  ...over,
});
const dueOf = (f: CaseDeadlineFacts, opts = {}) => Object.fromEntries(caseDeadlines(f, cal, opts).map((d) => [d.key, d.due]));

describe('PENALTY_DEADLINE_RULES', () => {
  it('tags the short periods of 行政处罚法 as working days and 15/90 days as calendar days (Art.85)', () => {
    const R = PENALTY_DEADLINE_RULES;
    expect([R.statementWindow, R.hearingRequest, R.hearingNotice, R.decisionService, R.caseClosing, R.filingDecision, R.simplifiedFiling].every((r) => r.dayType === 'WORKING')).toBe(true);
    expect([R.caseDecision, R.caseDecisionExtension, R.finePayment].every((r) => r.dayType === 'CALENDAR')).toBe(true);
    expect(Object.values(R).every((r) => r.citation.length > 0)).toBe(true);
  });
});

describe('caseDeadlines', () => {
  it('a lead: filing decision 15 WD after discovery (2026-02-20 → past 春节 and the 02-28 make-up Saturday)', () => {
    // Working days after 02-20 (Fri, 春节 2026-02-15…23): 24, 25, 26, 27, 28 (调休), 03-02 … → the 15th is 03-13.
    expect(caseDeadlines(facts(), cal)).toMatchObject([{ key: 'filingDecision', start: '2026-02-20', due: '2026-03-13', pausedDays: 0, isProvisional: false }]);
  });
  it('a filed case: 90 calendar days, +30 with extension, suspension and hearing pauses excluded (G6)', () => {
    expect(dueOf(facts({ filedOn: '2026-03-02' }))).toEqual({ caseDecision: '2026-06-01' });
    expect(dueOf(facts({ filedOn: '2026-03-02', decisionExtensionApproved: true }))).toEqual({ caseDecision: '2026-06-30' });
    const paused = facts({
      filedOn: '2026-03-02',
      pauses: [
        { kind: 'suspension', from: '2026-04-01', to: '2026-04-10' },
        { kind: 'hearing', from: '2026-05-11', to: '2026-05-12' },
      ],
    });
    expect(caseDeadlines(paused, cal)).toMatchObject([{ key: 'caseDecision', due: '2026-06-12', pausedDays: 12 }]);
    expect(dueOf(facts({ filedOn: '2026-03-02' }), { caseDecisionDays: 60 })).toEqual({ caseDecision: '2026-05-06' });
  });
  it('a running suspension makes the case deadline provisional and needs asOf', () => {
    const running = facts({ filedOn: '2026-03-02', pauses: [{ kind: 'suspension', from: '2026-04-01', to: null }] });
    expect(() => caseDeadlines(running, cal)).toThrow(/asOf/);
    // Unpaused the 90th day is Sunday 05-31 (rolled to 06-01); five paused days push it to Friday 06-05.
    expect(caseDeadlines(running, cal, { asOf: '2026-04-05' })).toMatchObject([{ key: 'caseDecision', due: '2026-06-05', pausedDays: 5, isProvisional: true }]);
  });
  it('notice, hearing, service, payment and closing windows around National Day 2026', () => {
    const f = facts({
      filedOn: '2026-07-01',
      noticeServedOn: '2026-09-28',
      hearingNoticeSentOn: '2026-09-28',
      decidedOn: '2026-09-30',
      decisionServedOn: '2026-09-21',
      isPaymentDue: true,
      closingTriggerOn: '2026-09-30',
    });
    expect(dueOf(f)).toEqual({
      caseDecision: '2026-09-29',
      statementWindow: '2026-10-10', // 09-29, 09-30, 10-08, 10-09, 10-10 (make-up Saturday)
      hearingRequest: '2026-10-10',
      hearingNotice: '2026-10-13', // 09-29, 09-30, 10-08, 10-09, 10-10, 10-12, 10-13
      decisionService: '2026-10-15', // from 09-30: 10-08, 09, 10, 12, 13, 14, 15
      finePayment: '2026-10-08', // 15 d ends 10-06 inside the holiday → first working day after it
      caseClosing: '2026-10-27', // 15 WD from 09-30, the holiday week skipped
    });
  });
  it('no payment deadline when nothing is payable', () => {
    expect(dueOf(facts({ filedOn: '2026-03-02', decisionServedOn: '2026-04-01' }))).not.toHaveProperty('finePayment');
  });
});

describe('caseDeadlineStates', () => {
  const base = { discoveredOn: '2026-03-02', filedOn: '2026-03-03', decisionExtensionApproved: false, pauses: [], noticeServedOn: '2026-04-01', hearingNoticeSentOn: null, decidedOn: null, decisionServedOn: null, isPaymentDue: false, closingTriggerOn: null, isClosed: false };
  it('an agency limit past its due date without the answering step is overdue; a party window just ends', () => {
    const ds = caseDeadlines(base, cal);
    const late = Object.fromEntries(caseDeadlineStates(base, ds, '2026-09-01').map((d) => [d.key, d.state]));
    expect(late).toEqual({ caseDecision: 'overdue', statementWindow: 'ended', hearingRequest: 'ended' });
    const early = Object.fromEntries(caseDeadlineStates(base, ds, '2026-04-02').map((d) => [d.key, d.state]));
    expect(early).toEqual({ caseDecision: 'running', statementWindow: 'running', hearingRequest: 'running' });
  });
  it('the decision meets the case limit', () => {
    const f = { ...base, decidedOn: '2026-08-30' };
    expect(caseDeadlineStates(f, caseDeadlines(f, cal), '2026-09-01').find((d) => d.key === 'caseDecision')?.state).toBe('met');
  });
  it('a running suspension shows the case limit as paused', () => {
    const f = { ...base, pauses: [{ kind: 'suspension' as const, from: '2026-04-10', to: null }] };
    expect(caseDeadlineStates(f, caseDeadlines(f, cal, { asOf: '2026-09-01' }), '2026-09-01').find((d) => d.key === 'caseDecision')?.state).toBe('paused');
  });
});
