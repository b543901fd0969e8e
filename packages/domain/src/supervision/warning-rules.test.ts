import { describe, expect, it } from 'vitest';
import { shippedCalendar } from '../calendar/index.ts';
import type { CaseDeadlineFacts } from '../cases/deadlines.ts';
import {
  findDecidedWithoutReview,
  findDiscretionUnjustified,
  findFewerThanTwoOfficers,
  findMissingAv,
  findOverdueCaseDeadlines,
  findPastDue,
  findPeerOutliers,
  findReviewerShortfall,
  findTrainingShortfall,
  findUnqualifiedOfficers,
  findZeroEnforcement,
  WARNING_RULES,
} from './warning-rules.ts';

const cal = shippedCalendar();
const ref = { caseId: 'c1', agencyId: 'a1', regionPath: '/130000/130300/', label: '冀秦市监立〔2026〕1号' };
const facts = (o: Partial<CaseDeadlineFacts> = {}): CaseDeadlineFacts => ({
  discoveredOn: '2026-01-02',
  filedOn: '2026-01-05',
  decisionExtensionApproved: false,
  pauses: [],
  noticeServedOn: null,
  hearingNoticeSentOn: null,
  decidedOn: null,
  decisionServedOn: null,
  isPaymentDue: false,
  closingTriggerOn: null,
  ...o,
});

describe('catalogue', () => {
  it('has a citation, severity and subject for every rule, including the external finders', () => {
    for (const r of Object.values(WARNING_RULES)) {
      expect(r.citation.length).toBeGreaterThan(3);
      expect(['info', 'warning', 'serious']).toContain(r.severity);
    }
    expect(WARNING_RULES['transfer.police_answer_overdue'].citation).toContain('国务院令第310号');
    expect(WARNING_RULES['transfer.police_answer_overdue'].isExternal).toBe(true);
    expect(WARNING_RULES['complaint.answer_overdue'].isExternal).toBe(true);
    expect(WARNING_RULES['agency.reviewers_below_ratio'].parameters.minRatio).toBe(0.05);
  });
});

describe('overdue case decision (行政处罚法 Art.60, 90 calendar days from filing, pauses added)', () => {
  // Filed 2026-01-05: day 90 is 2026-04-05 (a Sunday, 清明 period), rolled to the next working day by G4.
  it.each([
    ['before the limit', facts(), '2026-04-01', 0],
    ['after the limit', facts(), '2026-05-01', 1],
    ['extension approved (+30)', facts({ decisionExtensionApproved: true }), '2026-05-01', 0],
    ['a 40-day pause moves the limit', facts({ pauses: [{ kind: 'testing', from: '2026-02-01', to: '2026-03-12' }] }), '2026-05-01', 0],
    ['decided in time', facts({ decidedOn: '2026-03-01' }), '2026-05-01', 0],
    ['closed by transfer', facts({ closingTriggerOn: '2026-03-01' }), '2026-05-01', 0],
  ])('%s', (_n, f, asOf, n) => {
    const out = findOverdueCaseDeadlines([{ ...ref, facts: f, isClosed: false }], 'caseDecision', cal, asOf);
    expect(out).toHaveLength(n);
    if (n) expect(out[0]).toMatchObject({ ruleKey: 'case.decision_overdue', subjectId: 'c1', subjectType: 'case' });
  });

  it('uses the profile length', () => {
    expect(findOverdueCaseDeadlines([{ ...ref, facts: facts(), isClosed: false }], 'caseDecision', cal, '2026-03-10', { caseDecisionDays: 60 })).toHaveLength(1);
  });

  it('service: 7 working days after the decision (Art.61, 85)', () => {
    const f = facts({ decidedOn: '2026-03-02' });
    expect(findOverdueCaseDeadlines([{ ...ref, facts: f, isClosed: false }], 'decisionService', cal, '2026-03-11')).toHaveLength(0);
    const late = findOverdueCaseDeadlines([{ ...ref, facts: f, isClosed: false }], 'decisionService', cal, '2026-03-12');
    expect(late[0]).toMatchObject({ ruleKey: 'case.service_overdue', dueOn: '2026-03-11' });
    expect(findOverdueCaseDeadlines([{ ...ref, facts: { ...f, decisionServedOn: '2026-03-05' }, isClosed: false }], 'decisionService', cal, '2026-04-01')).toHaveLength(0);
  });
});

describe('past due (publication, review)', () => {
  it.each([
    ['due tomorrow', '2026-03-10', false, '2026-03-09', 0],
    ['due today', '2026-03-10', false, '2026-03-10', 0],
    ['a day late', '2026-03-10', false, '2026-03-11', 1],
    ['done late', '2026-03-10', true, '2026-03-20', 0],
  ])('%s', (_n, dueOn, isDone, asOf, n) => {
    expect(findPastDue('case.publication_overdue', [{ ...ref, dueOn, isDone }], asOf)).toHaveLength(n);
  });
});

describe('case content rules', () => {
  it.each([
    [{ decidedOn: '2026-03-01', isMajor: true, reviewPassedOn: null }, 1],
    [{ decidedOn: '2026-03-01', isMajor: true, reviewPassedOn: '2026-02-20' }, 0],
    [{ decidedOn: '2026-03-01', isMajor: false, reviewPassedOn: null }, 0],
    [{ decidedOn: null, isMajor: true, reviewPassedOn: null }, 0],
  ])('decided without review %#', (f, n) => expect(findDecidedWithoutReview([{ ...ref, ...f }])).toHaveLength(n));

  it.each([
    [['investigation', 'hearing'], ['investigation'], [], ['investigation']],
    [['investigation', 'hearing'], ['investigation', 'hearing'], ['hearing'], ['investigation']],
    [['investigation'], ['investigation'], ['investigation'], []],
    [[], ['investigation'], [], []],
  ])('AV missing: required %j reached %j recorded %j', (requiredStages, reachedStages, recordedStages, missing) => {
    const out = findMissingAv([{ ...ref, requiredStages, reachedStages, recordedStages }]);
    expect(out.map((f) => f.details.missingStages)).toEqual(missing.length ? [missing] : []);
  });

  const tier = { level: 'ordinary', penaltyTypes: ['fine'], fineMin: 1000, fineMax: 5000 };
  it.each([
    ['within the tier', 3000, null, 0],
    ['above the tier, no reason', 9000, null, 1],
    ['above the tier, blank reason', 9000, '  ', 1],
    ['above the tier, justified', 9000, '情节特别严重，经集体讨论', 0],
  ])('discretion: %s', (_n, fineAmount, justification, n) => {
    const out = findDiscretionUnjustified([{ ...ref, proposed: { types: ['fine'], fineAmount } as never, discretion: { itemHasTiers: true, tier: tier as never, justification } }]);
    expect(out).toHaveLength(n);
  });

  const o = (id: string, personnelType: string, hasValidCertificate: boolean) => ({ officerId: id, name: id, personnelType, hasValidCertificate });
  it.each([
    [[o('a', 'civil_servant', true), o('b', 'enforcement_staff', true)], []],
    [[o('a', 'civil_servant', true), o('b', 'auxiliary', true)], [['b', 'auxiliary']]],
    [[o('a', 'civil_servant', false), o('b', 'civil_servant', true)], [['a', 'no_valid_certificate']]],
  ])('unqualified officers %#', (officers, bad) => {
    const out = findUnqualifiedOfficers([{ ...ref, actedOn: '2026-01-05', officers }]);
    expect(out.flatMap((f) => (f.details.officers as { officerId: string; reason: string }[]).map((x) => [x.officerId, x.reason]))).toEqual(bad);
  });

  it.each([[0, 1], [1, 1], [2, 0], [3, 0]])('%i officers → %i findings', (officerCount, n) => expect(findFewerThanTwoOfficers([{ ...ref, officerCount }])).toHaveLength(n));
});

describe('agency rules', () => {
  const ag = (id: string, sector = 'market') => ({ agencyId: id, regionPath: '/130000/130300/', name: id, sector });

  it('zero enforcement needs neither cases nor inspections', () => {
    const out = findZeroEnforcement([{ ...ag('a'), caseCount: 0, inspectionCount: 0 }, { ...ag('b'), caseCount: 0, inspectionCount: 2 }, { ...ag('c'), caseCount: 1, inspectionCount: 0 }], { from: '2025-01-01', to: '2025-12-31' });
    expect(out.map((f) => f.subjectId)).toEqual(['a']);
  });

  const peers = (n: number, extra: number) => [...Array.from({ length: n }, (_, i) => ({ ...ag(`p${i}`), value: 1000 + (i % 2) * 100 })), { ...ag('x'), value: extra }];
  it.each([
    ['5 peers, far above', 5, 5000, 2, 5, ['x']],
    ['5 peers, within the limit', 5, 1100, 2, 5, []],
    ['4 peers: too few to compare', 4, 5000, 2, 5, []],
    ['4 peers with minPeers 4', 4, 5000, 2, 4, ['x']],
    ['far below', 6, 10, 2, 5, ['x']],
    ['a loose limit', 5, 5000, 100, 5, []],
  ])('outliers: %s', (_n, n, extra, zLimit, minPeers, expected) => {
    const out = findPeerOutliers('agency.outlier_average_fine', peers(n, extra), { zLimit, minPeers });
    expect(out.map((f) => f.subjectId)).toEqual(expected);
  });

  it('compares within a sector only, and ignores agencies without a value', () => {
    const rows = [...peers(5, 5000), { ...ag('t1', 'transport'), value: 99999 }, { ...ag('n'), value: null }];
    expect(findPeerOutliers('agency.outlier_average_fine', rows, { zLimit: 2, minPeers: 5 }).map((f) => f.subjectId)).toEqual(['x']);
  });

  it('no spread among peers: nothing to compare against', () => {
    const rows = [...Array.from({ length: 5 }, (_, i) => ({ ...ag(`p${i}`), value: 100 })), { ...ag('x'), value: 200 }];
    expect(findPeerOutliers('agency.outlier_inspections_per_officer', rows, { zLimit: 2, minPeers: 5 })).toEqual([]);
  });

  it.each([
    [20, 1, 0.05, 0],
    [21, 1, 0.05, 1],
    [40, 1, 0.05, 1],
    [10, 0, 0.05, 1],
    [0, 0, 0.05, 0],
    [40, 4, 0.1, 0],
  ])('%i officers, %i reviewers, ratio %d → %i', (officerCount, reviewerCount, minRatio, n) => {
    expect(findReviewerShortfall([{ ...ag('a'), officerCount, reviewerCount }], { minRatio })).toHaveLength(n);
  });

  it.each([
    [false, 59.5, 1],
    [false, 60, 0],
    [true, 29, 1],
    [true, 30, 0],
  ])('training: reviewer %s with %d hours → %i', (isLegalReviewer, hours, n) => {
    const out = findTrainingShortfall([{ officerId: 'o', name: '张三', agencyId: 'a', regionPath: '/', isLegalReviewer, hours }], { annualHours: 60, legalReviewerAnnualHours: 30, year: 2025 });
    expect(out).toHaveLength(n);
    if (n) expect(out[0]).toMatchObject({ subjectType: 'officer', dueOn: '2025-12-31' });
  });
});
