import { describe, expect, it } from 'vitest';
import { COMMAND_STATUSES, DEFAULT_COMMAND_SLA } from './events.ts';
import { conversionRefusal, CONVERTIBLE_STATUSES, type ConversionContext } from './conversion.ts';
import { percentile, responseFigures } from './stats.ts';

const ok: ConversionContext = { conversion: 'inspection', status: 'arrived', role: 'officer', isAssignee: true, item: { category: 'inspection', isOfAgency: true }, isAlreadyConverted: false };

describe('conversionRefusal', () => {
  it('allows only while the event is handled on site, for every status', () => {
    for (const status of COMMAND_STATUSES) {
      const r = conversionRefusal({ ...ok, status });
      if (CONVERTIBLE_STATUSES.includes(status)) expect(r).toBeNull();
      else expect(r?.code).toBe('INVALID_TRANSITION');
    }
  });
  it('refuses roles that cannot open cases, and officers other than the assignee', () => {
    for (const role of ['dispatcher', 'supervisor', 'legal_reviewer', 'system_admin'] as const) expect(conversionRefusal({ ...ok, role })).toMatchObject({ code: 'FORBIDDEN', citation: '行政处罚法 Art.42' });
    expect(conversionRefusal({ ...ok, isAssignee: false })?.code).toBe('FORBIDDEN');
    expect(conversionRefusal({ ...ok, role: 'agency_head', isAssignee: false })).toBeNull();
  });
  it('refuses an item outside the agency or of the wrong category, with the citation; and a second conversion', () => {
    expect(conversionRefusal({ ...ok, item: null })?.code).toBe('RULE_VIOLATION');
    expect(conversionRefusal({ ...ok, item: { category: 'inspection', isOfAgency: false } })?.citation).toContain('行政处罚法 Art.17');
    expect(conversionRefusal({ ...ok, item: { category: 'penalty', isOfAgency: true } })?.details).toMatchObject({ needCategory: 'inspection' });
    expect(conversionRefusal({ ...ok, conversion: 'penalty_lead', item: { category: 'penalty', isOfAgency: true } })).toBeNull();
    expect(conversionRefusal({ ...ok, conversion: 'penalty_lead', item: { category: 'inspection', isOfAgency: true } })?.citation).toBe('行政处罚法 Art.17, Art.18');
    expect(conversionRefusal({ ...ok, isAlreadyConverted: true })?.code).toBe('DUPLICATE');
  });
});

describe('response figures', () => {
  it('nearest-rank percentiles', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([5], 90)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([1, 3], 90)).toBe(3);
  });
  it('median, p90 and SLA hit rate per stage; a stage still open past its due time counts as a miss', () => {
    const t0 = Date.parse('2026-06-01T01:00:00Z');
    const at = (m: number | null) => (m === null ? null : new Date(t0 + m * 60_000).toISOString());
    const ev = (d: number, a: number | null, h: number | null, f: number | null) => ({ times: { reportedAt: at(0)!, dispatchedAt: at(d), arrivedAt: at(a), handledAt: at(h), feedbackAt: at(f) }, status: (f !== null ? 'feedback_given' : a !== null ? 'arrived' : 'dispatched') as 'feedback_given', sla: DEFAULT_COMMAND_SLA });
    const now = new Date(t0 + 60 * 60_000);
    const f = responseFigures([ev(1, 4, 6, 7), ev(3, 9, 10, 11), ev(1, null, null, null)], now);
    expect(f.events).toBe(3);
    expect(f.stages.dispatch).toEqual({ done: 3, medianMinutes: 1, p90Minutes: 3, slaHitRate: 0.667, late: 1 });
    // The third event was dispatched and never arrived: late, counted as a miss, not as a time.
    expect(f.stages.arrive).toEqual({ done: 2, medianMinutes: 3, p90Minutes: 6, slaHitRate: 0.333, late: 2 });
    expect(f.stages.total).toMatchObject({ done: 2, medianMinutes: 7, p90Minutes: 11, late: 2 });
    expect(responseFigures([], now).stages.total).toEqual({ done: 0, medianMinutes: null, p90Minutes: null, slaHitRate: null, late: 0 });
  });
});
