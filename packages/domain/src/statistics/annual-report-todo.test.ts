import { describe, expect, it } from 'vitest';
import { annualReportTodo } from './annual-report.ts';

describe('annual report to-do (118号 §二(六): publish by 31 January)', () => {
  it('appears on 1 January for the year just ended, due 31 January', () => {
    expect(annualReportTodo('2027-01-01', false)).toMatchObject({ year: 2026, dueOn: '2027-01-31', overdue: false, daysLeft: 30 });
  });
  it('is due, not overdue, on 31 January itself; overdue from 1 February with the days counted', () => {
    expect(annualReportTodo('2027-01-31', false)).toMatchObject({ overdue: false, daysLeft: 0 });
    expect(annualReportTodo('2027-02-01', false)).toMatchObject({ year: 2026, overdue: true, daysLeft: -1 });
    expect(annualReportTodo('2027-12-31', false)).toMatchObject({ year: 2026, overdue: true });
  });
  it('disappears once published', () => {
    expect(annualReportTodo('2027-01-15', true)).toBeNull();
  });
  it('cites the rule', () => {
    expect(annualReportTodo('2027-01-15', false)!.citation).toContain('118号');
  });
});
