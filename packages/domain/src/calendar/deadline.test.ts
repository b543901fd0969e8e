import { describe, expect, it } from 'vitest';
import type { PeriodPause } from './calendar.ts';
import { shippedCalendar } from './cn-holidays.ts';
import { computeDeadline, type DeadlineRule } from './deadline.ts';

const cal = shippedCalendar();

const CASE_LIMIT: DeadlineRule = { ruleId: 'penalty.caseDecision', citation: '行政处罚法 Art.60', length: 90, unit: 'day', dayType: 'CALENDAR' };
const LEGAL_REVIEW: DeadlineRule = { ruleId: 'legalReview.timeLimit', citation: 'SAMR 程序规定 Art.55', length: 10, unit: 'day', dayType: 'WORKING' };
const EMERGENCY_REPORT: DeadlineRule = { ruleId: 'coercion.emergencyReport', citation: '行政强制法 Art.19', length: 24, unit: 'hour', dayType: 'CALENDAR' };
const COURT_APPLICATION: DeadlineRule = { ruleId: 'execution.courtApplication', citation: '行政强制法 Art.53', length: 3, unit: 'month', dayType: 'CALENDAR' };

describe('computeDeadline', () => {
  it.each([
    [CASE_LIMIT, '2026-03-02', [], '2026-06-01', 0],
    // A 10-day hearing pause (听证) inside the 90 days (SAMR 程序规定 Art.64 para 2).
    [CASE_LIMIT, '2026-03-02', [{ from: '2026-04-01', to: '2026-04-10' }], '2026-06-10', 10],
    // Pause days before the start are not counted.
    [CASE_LIMIT, '2026-03-02', [{ from: '2026-02-25', to: '2026-03-04' }], '2026-06-02', 2],
    // Start on the Mid-Autumn holiday: 09-28, 29, 30, 10-08, 09, 10 (make-up Saturday), 12, 13, 14, 15.
    [LEGAL_REVIEW, '2026-09-25', [], '2026-10-15', 0],
    [EMERGENCY_REPORT, '2026-10-01T21:15:00+08:00', [], '2026-10-02T21:15:00+08:00', 0],
    [COURT_APPLICATION, '2026-07-03', [], '2026-10-08', 0],
  ] as [DeadlineRule, string, PeriodPause[], string, number][])('%o from %s', (rule, start, pauses, due, pausedDays) => {
    expect(computeDeadline(rule, start, cal, pauses)).toEqual({ due, rule, pausedDays });
  });
});
