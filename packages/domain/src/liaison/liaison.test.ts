import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { shippedCalendar } from '../calendar/cn-holidays.ts';
import { complaintAcceptDueOn, complaintAnswerDueOn, COMPLAINT_KINDS, COMPLAINT_SLA_RULES } from '../publicity/complaint-sla.ts';
import { contactPointVisitStatus, drawExperts, fieldSupervisionRefusal, surveyAnswerIssues, type SupervisorCertificate } from './liaison.ts';

const cal = shippedCalendar();
const national = { enforcementAnswerDays: 60, enforcementAnswerWorkingDays: false };
const chongqing = { enforcementAnswerDays: 15, enforcementAnswerWorkingDays: true };

describe('complaint SLA per kind over the holiday calendar (§10.4)', () => {
  it('every kind has an accept and an answer rule with a citation', () => {
    for (const k of COMPLAINT_KINDS) for (const st of ['accept', 'answer']) expect(COMPLAINT_SLA_RULES.find((r) => r.kind === k && r.stage === st)?.citation).toBeTruthy();
  });
  it.each([
    // CP1: 7 WD across Labour Day (05-01..05-05 off, Saturday 05-09 worked): 04-30, 05-06, 07, 08, 09, 11, 12
    ['complaint', '2026-04-29', '2026-05-12'],
    // CP2: a report is verified within 15 WD
    ['report', '2026-06-01', '2026-06-23'],
  ] as const)('%s received %s → accept/reject by %s', (kind, received, due) => {
    expect(complaintAcceptDueOn(kind, received, cal)).toBe(due);
  });
  it('CP2: a named reporter is told within 5 WD of the filing decision, across 中秋 and 国庆', () => {
    // 09-28, 29, 30, 10-08, 10-09
    expect(complaintAnswerDueOn({ kind: 'report', receivedOn: '2026-09-10', acceptedOn: '2026-09-24', isNamed: true }, cal, national).dueOn).toBe('2026-10-09');
    expect(complaintAnswerDueOn({ kind: 'report', receivedOn: '2026-09-10', acceptedOn: '2026-09-24', isNamed: false }, cal, national).dueOn).toBeNull();
  });
  it('CP1: mediation ends 45 WD after acceptance', () => {
    const r = complaintAnswerDueOn({ kind: 'complaint', receivedOn: '2026-06-01', acceptedOn: '2026-06-02', isNamed: true }, cal, national);
    expect(r).toMatchObject({ days: 45, dayType: 'WORKING' });
    // June: 3..30 minus weekends and 06-19 = 19 WD; July: 23 WD → 42; August 3, 4, 5 → 45
    expect(r.dueOn).toBe('2026-08-05');
  });
  it('CP3: complaints about enforcement follow the locality profile (60 calendar days, or 15 WD)', () => {
    // 60 days from 09-15 is Saturday 11-14 → the next working day
    expect(complaintAnswerDueOn({ kind: 'enforcement', receivedOn: '2026-09-15', acceptedOn: '2026-09-16', isNamed: true }, cal, national).dueOn).toBe('2026-11-16');
    // 09-23, 24, 28, 29, 30, 10-08, 09, 10 (调休 Saturday), 12, 13, 14, 15, 16, 19, 20
    expect(complaintAnswerDueOn({ kind: 'enforcement', receivedOn: '2026-09-22', acceptedOn: '2026-09-22', isNamed: true }, cal, chongqing).dueOn).toBe('2026-10-20');
  });
});

const cert = (over: Partial<SupervisorCertificate> = {}): SupervisorCertificate => ({ number: 'JD-1', issuedOn: '2026-01-01', expiresOn: '2028-12-31', isRevoked: false, ...over });

describe('field supervision needs ≥2 certified supervisors (S4)', () => {
  it.each([
    ['two valid', [cert(), cert()], null],
    ['one alone', [cert()], 1],
    ['two, one expired', [cert(), cert({ expiresOn: '2026-05-31' })], 1],
    ['two, one revoked', [cert(), cert({ isRevoked: true })], 1],
    ['two, one not yet issued', [cert(), cert({ issuedOn: '2026-07-01' })], 1],
    ['three, one without certificate', [cert(), cert(), null], null],
  ] as const)('%s', (_n, certs, refusedWith) => {
    const r = fieldSupervisionRefusal('2026-06-15', certs.map((c, i) => ({ id: `s${i}`, certificate: c })));
    if (refusedWith === null) expect(r).toBeNull();
    else {
      expect(r?.code).toBe('RULE_VIOLATION');
      expect(r?.citation).toContain('山东省行政执法监督条例 Art.22');
      expect(r?.details?.certified).toBe(refusedWith);
    }
  });
  it('the same supervisor twice counts once', () => {
    expect(fieldSupervisionRefusal('2026-06-15', [{ id: 'a', certificate: cert() }, { id: 'a', certificate: cert() }])?.details?.certified).toBe(1);
  });
});

describe('enterprise contact points: visits a year', () => {
  const v = (visitedOn: string, isWithdrawn = false) => ({ visitedOn, isWithdrawn });
  it('counts done visits of the year only, ignores withdrawn and future ones', () => {
    expect(contactPointVisitStatus(2026, 2, [v('2025-12-30'), v('2026-03-01'), v('2026-04-01', true), v('2026-08-01')], '2026-06-30')).toMatchObject({ planned: 2, done: 1, isShort: true, isMissedAtYearEnd: false });
  });
  it('a point without a visit by year end is missed; one visit meets a plan of 1', () => {
    expect(contactPointVisitStatus(2026, 1, [], '2027-01-02')).toMatchObject({ done: 0, isMissedAtYearEnd: true });
    expect(contactPointVisitStatus(2026, 1, [v('2026-12-31')], '2027-01-02')).toMatchObject({ done: 1, isShort: false, isMissedAtYearEnd: false });
  });
  it('a plan is held between 1 and 2 visits a year', () => {
    expect(contactPointVisitStatus(2026, 5, [], '2026-01-01').planned).toBe(2);
    expect(contactPointVisitStatus(2026, 0, [], '2026-01-01').planned).toBe(1);
  });
});

describe('expert draw and survey answers', () => {
  const sha256 = (d: Uint8Array) => new Uint8Array(createHash('sha256').update(d).digest());
  const pool = [
    { id: 'e1', fields: ['food'], conflicts: [], isAvailable: true },
    { id: 'e2', fields: ['food'], conflicts: ['agencyA'], isAvailable: true },
    { id: 'e3', fields: ['food'], conflicts: [], isAvailable: false },
    { id: 'e4', fields: ['food', 'drugs'], conflicts: [], isAvailable: true },
    { id: 'e5', fields: ['drugs'], conflicts: [], isAvailable: true },
  ];
  it('draws only available experts of the field without a conflict, reproducibly and independent of input order', () => {
    const seed = new Uint8Array(32).fill(7);
    const a = drawExperts(sha256, seed, pool, { field: 'food', parties: ['agencyA'], count: 5 });
    expect(a.eligible).toBe(2);
    expect([...a.selected].sort()).toEqual(['e1', 'e4']);
    expect(drawExperts(sha256, seed, [...pool].reverse(), { field: 'food', parties: ['agencyA'], count: 1 }).selected).toEqual(drawExperts(sha256, seed, pool, { field: 'food', parties: ['agencyA'], count: 1 }).selected);
  });
  it('checks survey answers against the question set', () => {
    const qs = [
      { key: 'q1', type: 'rating' as const, text: '总体满意度', required: true },
      { key: 'q2', type: 'choice' as const, text: '是否出示证件', options: ['是', '否'] },
    ];
    expect(surveyAnswerIssues(qs, { q1: 5, q2: '是' })).toEqual([]);
    expect(surveyAnswerIssues(qs, { q2: '也许', q9: 1 }).map((i) => i.key)).toEqual(['q1', 'q2', 'q9']);
    expect(surveyAnswerIssues(qs, { q1: 6 }).map((i) => i.key)).toEqual(['q1']);
  });
});
