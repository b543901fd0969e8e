import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  annualReportDeadlineState,
  annualReportDueOn,
  bucketOf,
  bucketRange,
  bucketsBetween,
  childPathUnder,
  deriveMetrics,
  emptyCounters,
  groupByChild,
  isAllowedDimension,
  nextAnnualReportStatus,
  pathDepth,
  publicationTimeliness,
  rate,
  average,
  reportingYearOn,
} from '../index.ts';

describe('period bucketing', () => {
  it.each([
    ['2026-06-01', 'day', '2026-06-01'],
    ['2026-06-01', 'month', '2026-06'],
    ['2026-06-30', 'quarter', '2026-Q2'],
    ['2026-07-01', 'quarter', '2026-Q3'],
    ['2026-12-31', 'year', '2026'],
  ] as const)('%s by %s is %s', (day, g, key) => expect(bucketOf(day, g)).toBe(key));

  it('ranges of keys, with leap February and quarter ends', () => {
    expect(bucketRange('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(bucketRange('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(bucketRange('2026-Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(bucketRange('2026')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(() => bucketRange('2026-13-1')).toThrow();
  });

  it('buckets between two days are contiguous, cover both ends and contain each day once', () => {
    expect(bucketsBetween('2025-11-15', '2026-02-03', 'month')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(bucketsBetween('2026-03-31', '2026-04-01', 'quarter')).toEqual(['2026-Q1', '2026-Q2']);
    expect(bucketsBetween('2026-02-27', '2026-03-01', 'day')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
    const day = fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, fc.constantFrom('day', 'month', 'quarter', 'year' as const), (a, b, g) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        if (g === 'day' && to > from && Number(to.slice(0, 4)) - Number(from.slice(0, 4)) > 1) return;
        const keys = bucketsBetween(from, to, g);
        expect(keys[0]).toBe(bucketOf(from, g));
        expect(keys.at(-1)).toBe(bucketOf(to, g));
        for (let i = 1; i < keys.length; i++) expect(bucketRange(keys[i]!).from > bucketRange(keys[i - 1]!).to).toBe(true);
        for (const k of keys) expect(bucketOf(bucketRange(k).from, g)).toBe(k);
      }),
      { numRuns: 200 },
    );
  });
});

describe('rates with zero denominators', () => {
  it('a rate over nothing is null, not 0 or 1', () => {
    expect(rate(0, 0)).toBeNull();
    expect(rate(3, 0)).toBeNull();
    expect(rate(1, 4)).toBe(0.25);
    expect(average(0, 0)).toBeNull();
    expect(average(1000, 3)).toBe(333.33);
  });

  it('derived metrics of an empty rollup are all null, overdue 0', () => {
    expect(deriveMetrics(emptyCounters())).toEqual({
      fineAverage: null,
      reviewCoverage: null,
      avCoverage: null,
      licenceOnTimeRate: null,
      inspectionProblemRate: null,
      publicationOnTimeRate: null,
      publicationOverdue: 0,
    });
  });

  it('publication: overdue is what fell due and was neither published nor excluded', () => {
    const c = { ...emptyCounters(), pubDue: 10, pubOnTime: 6, pubLate: 2, pubExcluded: 1, majorDecided: 4, majorReviewed: 3 };
    const m = deriveMetrics(c);
    expect(m.publicationOverdue).toBe(1);
    expect(m.publicationOnTimeRate).toBe(0.75);
    expect(m.reviewCoverage).toBe(0.75);
    expect(publicationTimeliness('2026-06-30', '2026-06-30', false)).toBe('on_time');
    expect(publicationTimeliness('2026-06-30', '2026-07-01', false)).toBe('late');
    expect(publicationTimeliness('2026-06-30', null, false)).toBe('pending');
    expect(publicationTimeliness('2026-06-30', null, true)).toBe('excluded');
  });
});

describe('region drill-down', () => {
  it('child path, depth', () => {
    expect(pathDepth('/')).toBe(0);
    expect(pathDepth('/130000/130300/130322/130322101/')).toBe(4);
    expect(childPathUnder('/130000/130300/130322/130322101/', '/130000/130300/')).toBe('/130000/130300/130322/');
    expect(childPathUnder('/130000/130300/', '/130000/130300/')).toBeNull();
    expect(childPathUnder('/130000/130400/', '/130000/130300/')).toBeNull();
  });

  it('children plus own always sum to the parent total (nothing lost in a drill-down)', () => {
    const code = fc.constantFrom('1', '2', '3');
    const path = fc.array(code, { minLength: 0, maxLength: 3 }).map((cs) => `/130000/130300/${cs.map((c, i) => `${c}${i}`).join('/')}${cs.length ? '/' : ''}`);
    fc.assert(
      fc.property(fc.array(fc.record({ regionPath: path, n: fc.nat(100) }), { maxLength: 40 }), (rows) => {
        const add = (acc: { regionPath: string; n: number } | undefined, r: { regionPath: string; n: number }) => ({ regionPath: r.regionPath, n: (acc?.n ?? 0) + r.n });
        const { children, own } = groupByChild(rows, '/130000/130300/', add);
        const total = rows.reduce((s, r) => s + r.n, 0);
        expect([...children.values()].reduce((s, r) => s + r.n, 0) + (own?.n ?? 0)).toBe(total);
        for (const k of children.keys()) expect(pathDepth(k)).toBe(3);
      }),
    );
  });
});

describe('no officer-level grouping (行政处罚法 Art.74)', () => {
  it('officer is not a dimension', () => {
    expect(isAllowedDimension('officer')).toBe(false);
    expect(isAllowedDimension('officerId')).toBe(false);
    expect(isAllowedDimension('agency')).toBe(true);
  });
});

describe('annual report (118号 §二(六), P17)', () => {
  it('due on 31 January of the next year; overdue from 1 February', () => {
    expect(annualReportDueOn(2025)).toBe('2026-01-31');
    expect(reportingYearOn('2026-01-10')).toBe(2025);
    expect(annualReportDeadlineState(2025, '2026-01-31', false)).toBe('due');
    expect(annualReportDeadlineState(2025, '2026-02-01', false)).toBe('overdue');
    expect(annualReportDeadlineState(2025, '2026-02-01', true)).toBe('published');
  });
  it('draft → approved → published; no publication without the head', () => {
    expect(nextAnnualReportStatus('draft', 'publish')).toBeNull();
    expect(nextAnnualReportStatus('draft', 'approve')).toBe('approved');
    expect(nextAnnualReportStatus('approved', 'publish')).toBe('published');
    expect(nextAnnualReportStatus('published', 'generate')).toBeNull();
  });
});
