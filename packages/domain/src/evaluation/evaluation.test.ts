import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shippedCalendar } from '../calendar/cn-holidays.ts';
import type { CaseFileGap } from '../cases/case-file.ts';
import {
  DEFAULT_GRADE_BANDS,
  DEFAULT_RUBRIC,
  aggregateScores,
  checkGradeBands,
  checkMarks,
  checkRubric,
  gradeOf,
  scoreSheet,
  suggestDeductions,
} from './rubric.ts';
import { evaluationActions, nextEvaluationStatus, objectionDueOn, objectionRefusal, officersWithFailedFiles, quotaFor, recheckDueOn, reviewerConflict, sampleCaseFiles } from './campaign.ts';
import { DEFAULT_RETURN_VISIT_QUESTIONS, checkVisitAnswers, satisfactionByAgency } from './return-visit.ts';

const sha256 = (d: Uint8Array) => new Uint8Array(createHash('sha256').update(d).digest());
const SEED = 'ab'.repeat(32);

describe('rubric', () => {
  it('the default rubric is a 100-point scale with the five CR6 veto items', () => {
    expect(checkRubric(DEFAULT_RUBRIC)).toEqual([]);
    const vetoes = DEFAULT_RUBRIC.sections.flatMap((s) => s.items).filter((i) => i.veto);
    expect(vetoes.map((v) => v.key).sort()).toEqual(['basis_correct', 'facts_clear', 'procedure_lawful', 'subject_lawful', 'within_powers']);
    expect(DEFAULT_RUBRIC.sections).toHaveLength(10);
  });

  it('a rubric whose points do not add to 100 is refused', () => {
    const bad = { ...DEFAULT_RUBRIC, sections: DEFAULT_RUBRIC.sections.slice(1) };
    expect(checkRubric(bad)[0]!.message).toMatch(/80, not 100/);
  });

  it('deductions sum per item, never below zero for the item', () => {
    const s = scoreSheet(DEFAULT_RUBRIC, {
      deductions: [
        { itemKey: 'service_lawful', deductionKey: 'no_service_record', instances: 3 }, // 6 > max 5 → 5
        { itemKey: 'archive_orderly', deductionKey: 'disorder', instances: 1 },
      ],
      vetoes: [],
    });
    expect(s.points).toBe(94);
    expect(s.items.find((i) => i.key === 'service_lawful')!.score).toBe(0);
    expect(s.isVetoed).toBe(false);
  });

  it('a veto fails the file before points are summed (CR6)', () => {
    const s = scoreSheet(DEFAULT_RUBRIC, { deductions: [], vetoes: [{ itemKey: 'basis_correct', reason: '适用依据错误' }] });
    expect(s.points).toBe(100);
    expect(s.isVetoed).toBe(true);
    expect(gradeOf(s.points, DEFAULT_GRADE_BANDS, s)).toBe('fail');
  });

  it('marks are checked: unknown deduction, too many instances, veto on a non-veto item, veto without reason', () => {
    const p = checkMarks(DEFAULT_RUBRIC, {
      deductions: [
        { itemKey: 'nope', deductionKey: 'x', instances: 1 },
        { itemKey: 'service_lawful', deductionKey: 'no_service_record', instances: 4 },
      ],
      vetoes: [
        { itemKey: 'service_lawful', reason: 'x' },
        { itemKey: 'facts_clear', reason: ' ' },
      ],
    });
    expect(p.map((x) => x.path)).toEqual(['deductions.0', 'deductions.1.instances', 'vetoes.0', 'vetoes.1.reason']);
  });
});

describe('grades at the band edges (CR5, Guangdong)', () => {
  it.each([
    [59.9, 'fail'],
    [60, 'pass'],
    [74.9, 'pass'],
    [75, 'good'],
    [89.9, 'good'],
    [90, 'excellent'],
    [100, 'excellent'],
    [0, 'fail'],
  ] as const)('%s → %s', (score, grade) => {
    expect(gradeOf(score)).toBe(grade);
  });

  it('a basic-element problem bars excellent (CR6 [S])', () => {
    const s = scoreSheet(DEFAULT_RUBRIC, { deductions: [{ itemKey: 'basis_correct', deductionKey: 'article_imprecise', instances: 1 }], vetoes: [] });
    expect(s.points).toBe(97);
    expect(s.barsExcellent).toBe(true);
    expect(gradeOf(s.points, DEFAULT_GRADE_BANDS, s)).toBe('good');
  });

  it('bands are configurable and checked', () => {
    expect(gradeOf(85, { excellent: 85, good: 70, pass: 50 })).toBe('excellent');
    expect(checkGradeBands({ excellent: 70, good: 75, pass: 60 })).not.toBeNull();
    expect(checkGradeBands(DEFAULT_GRADE_BANDS)).toBeNull();
  });
});

describe('aggregation of independent reviewers (CR2)', () => {
  const sheet = (points: number, isVetoed = false) => ({ points, isVetoed, barsExcellent: false });
  it('mean with a spread flag beyond the margin', () => {
    const a = aggregateScores([sheet(80), sheet(91)], { margin: 10 });
    expect(a.mean).toBe(85.5);
    expect(a.spread).toBe(11);
    expect(a.isSpreadFlagged).toBe(true);
    expect(a.grade).toBe('good');
    expect(aggregateScores([sheet(80), sheet(90)], { margin: 10 }).isSpreadFlagged).toBe(false);
  });
  it('a majority veto fails the file; a minority veto is flagged as disputed', () => {
    expect(aggregateScores([sheet(95, true), sheet(95, true), sheet(95)], { margin: 10 }).grade).toBe('fail');
    const a = aggregateScores([sheet(95, true), sheet(95)], { margin: 10 });
    expect(a.isVetoed).toBe(false);
    expect(a.isVetoDisputed).toBe(true);
    expect(a.grade).toBe('excellent');
  });
  it('refuses an empty set', () => {
    expect(() => aggregateScores([], { margin: 5 })).toThrow();
  });
});

describe('machine pre-scoring from the case-file completeness check', () => {
  const gap = (key: string, criterion: CaseFileGap['criterion'], isVeto: boolean): CaseFileGap => ({ key, zh: key, en: key, kinds: [], citation: `cite-${key}`, criterion, isVeto });
  it('maps gaps to rubric deductions and suggests the veto of a veto gap', () => {
    const s = suggestDeductions(DEFAULT_RUBRIC, [gap('filing_approval', 'procedure', false), gap('decision_receipt', 'service', false), gap('penalty_notice_receipt', 'service', false), gap('legal_review', 'three_systems', true)]);
    expect(s).toEqual([
      { itemKey: 'procedure_lawful', deductionKey: 'no_filing_form', instances: 1, suggestsVeto: false, gapKeys: ['filing_approval'], citations: ['cite-filing_approval'] },
      { itemKey: 'service_lawful', deductionKey: 'no_service_record', instances: 2, suggestsVeto: false, gapKeys: ['decision_receipt', 'penalty_notice_receipt'], citations: ['cite-decision_receipt', 'cite-penalty_notice_receipt'] },
      // three_systems has no veto item in the rubric: the deduction is suggested, the veto is not.
      { itemKey: 'three_systems_done', deductionKey: 'no_legal_review', instances: 1, suggestsVeto: false, gapKeys: ['legal_review'], citations: ['cite-legal_review'] },
    ]);
    expect(suggestDeductions(DEFAULT_RUBRIC, [gap('inquiry', 'facts_evidence', true)])[0]!.suggestsVeto).toBe(true);
  });
});

describe('campaign workflow', () => {
  it('only the listed transitions exist', () => {
    expect(evaluationActions('planned')).toEqual(['sample', 'withdraw']);
    expect(nextEvaluationStatus('scoring', 'withdraw')).toBeNull();
    expect(nextEvaluationStatus('report', 'issue_report')).toBe('objection');
    expect(evaluationActions('closed')).toEqual([]);
  });
});

describe('sampling', () => {
  const pop = (n: number, agencies = 3) => Array.from({ length: n }, (_, i) => ({ id: `c${String(i).padStart(4, '0')}`, agencyId: `A${i % agencies}` }));

  it('per-agency quotas: a count or a rate rounded up, never more than the population', () => {
    expect(quotaFor({ count: 5 }, 3)).toBe(3);
    expect(quotaFor({ rateBp: 1000 }, 21)).toBe(3);
    expect(quotaFor({ rateBp: 1000, min: 5 }, 21)).toBe(5);
    const r = sampleCaseFiles({ hash: sha256, seedHex: SEED, label: 'c1', candidates: pop(30), quota: { count: 4 } });
    expect(r.perAgency).toEqual([
      { agencyId: 'A0', population: 10, drawn: 4 },
      { agencyId: 'A1', population: 10, drawn: 4 },
      { agencyId: 'A2', population: 10, drawn: 4 },
    ]);
    for (const a of ['A0', 'A1', 'A2']) expect(r.selected.filter((s) => s.agencyId === a)).toHaveLength(4);
  });

  it('is determined by the seed and label (a different seed gives another sample)', () => {
    const a = sampleCaseFiles({ hash: sha256, seedHex: SEED, label: 'c1', candidates: pop(60), quota: { count: 5 } });
    const b = sampleCaseFiles({ hash: sha256, seedHex: SEED, label: 'c1', candidates: [...pop(60)].reverse(), quota: { count: 5 } });
    const c = sampleCaseFiles({ hash: sha256, seedHex: 'cd'.repeat(32), label: 'c1', candidates: pop(60), quota: { count: 5 } });
    expect(b.selected).toEqual(a.selected);
    expect(c.selected).not.toEqual(a.selected);
  });

  it('refuses a short seed', () => {
    expect(() => sampleCaseFiles({ hash: sha256, seedHex: 'ab', label: 'x', candidates: [], quota: { count: 1 } })).toThrow(/32 bytes/);
  });

  it('properties: no duplicates, within the population, quota per agency, reproducible', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ id: fc.stringMatching(/^[a-z0-9]{1,6}$/), agencyId: fc.constantFrom('A', 'B', 'C') }), { maxLength: 80 }),
        fc.oneof(fc.record({ count: fc.integer({ min: 0, max: 20 }) }), fc.record({ rateBp: fc.integer({ min: 0, max: 10000 }) })),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (cands, quota, seed) => {
          const seedHex = Buffer.from(seed).toString('hex');
          // A case belongs to one agency: keep the first agency of each id.
          const seen = new Map<string, string>();
          for (const c of cands) if (!seen.has(c.id)) seen.set(c.id, c.agencyId);
          const candidates = [...seen].map(([id, agencyId]) => ({ id, agencyId }));
          const r = sampleCaseFiles({ hash: sha256, seedHex, label: 'p', candidates, quota });
          const ids = r.selected.map((s) => s.id);
          expect(new Set(ids).size).toBe(ids.length);
          for (const s of r.selected) expect(seen.get(s.id)).toBe(s.agencyId);
          for (const a of r.perAgency) {
            const n = candidates.filter((c) => c.agencyId === a.agencyId).length;
            expect(a.population).toBe(n);
            expect(a.drawn).toBe(quotaFor(quota, n));
            expect(r.selected.filter((s) => s.agencyId === a.agencyId)).toHaveLength(a.drawn);
          }
          expect(sampleCaseFiles({ hash: sha256, seedHex, label: 'p', candidates: [...candidates].reverse(), quota })).toEqual(r);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('conflict of interest (CR2)', () => {
  const file = { agencyId: 'AG', handlerOfficerIds: ['O1', 'O2'] };
  it('a reviewer of the reviewed agency withdraws', () => {
    expect(reviewerConflict({ userId: 'U', officerId: null, agencyId: 'AG' }, file)?.details?.['reason']).toBe('same_agency');
  });
  it('a reviewer who handled the case withdraws', () => {
    const r = reviewerConflict({ userId: 'U', officerId: 'O2', agencyId: 'JB' }, file);
    expect(r?.details?.['reason']).toBe('handled');
    expect(r?.citation).toMatch(/Art\.9/);
    expect(reviewerConflict({ userId: 'U', officerId: null, agencyId: 'JB' }, { ...file, handlerUserIds: ['U'] })).not.toBeNull();
  });
  it('an outside reviewer has no conflict', () => {
    expect(reviewerConflict({ userId: 'U', officerId: 'O9', agencyId: 'JB' }, file)).toBeNull();
  });
});

describe('objection window (CR3(7)) with the holiday calendar', () => {
  const cal = shippedCalendar();
  it('10 working days skip the National Day week and count the make-up Saturday', () => {
    // Received Mon 2026-09-28: 29, 30 Sep; 8, 9, 10 (调休 Saturday), 12–16 Oct → 16 Oct.
    expect(objectionDueOn('2026-09-28', cal)).toBe('2026-10-16');
    expect(objectionRefusal('2026-09-28', '2026-10-16', cal)).toBeNull();
    const r = objectionRefusal('2026-09-28', '2026-10-17', cal);
    expect(r?.code).toBe('RULE_VIOLATION');
    expect(r?.citation).toMatch(/CR3/);
    expect(recheckDueOn('2026-10-16', cal)).toBe('2026-10-30');
  });
});

describe('CR7: officers with several failed files', () => {
  it('counts each failed file once per officer and applies the threshold', () => {
    const flags = officersWithFailedFiles(
      [
        { officerIds: ['O1', 'O2'], isFailed: true },
        { officerIds: ['O1', 'O1'], isFailed: true },
        { officerIds: ['O2', 'O3'], isFailed: false },
        { officerIds: ['O3'], isFailed: true },
      ],
      2,
    );
    expect(flags).toEqual([{ officerId: 'O1', failed: 2 }]);
  });
});

describe('return visits', () => {
  it('answers are checked against the question set', () => {
    expect(checkVisitAnswers(DEFAULT_RETURN_VISIT_QUESTIONS, { showed_certificate: true, suggestions: '无' })).toEqual([]);
    expect(checkVisitAnswers(DEFAULT_RETURN_VISIT_QUESTIONS, { showed_certificate: 'yes', x: true }).map((p) => p.path)).toEqual(['answers.showed_certificate', 'answers.x']);
  });
  it('satisfaction per agency ignores visits without contact', () => {
    const s = satisfactionByAgency([
      { agencyId: 'B', contactMade: true, satisfaction: 5, isFlagged: false },
      { agencyId: 'B', contactMade: true, satisfaction: 2, isFlagged: true },
      { agencyId: 'B', contactMade: false, satisfaction: null, isFlagged: false },
      { agencyId: 'A', contactMade: true, satisfaction: 4, isFlagged: false },
    ]);
    expect(s.map((r) => [r.agencyId, r.visits, r.contacted, r.rated, r.mean, r.satisfiedPct, r.flagged])).toEqual([
      ['A', 1, 1, 1, 4, 100, 0],
      ['B', 3, 2, 2, 3.5, 50, 1],
    ]);
  });
});
