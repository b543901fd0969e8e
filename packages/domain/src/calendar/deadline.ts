import { addPeriod, type DayType, type HolidayCalendar, type PeriodPause, type PeriodUnit } from './calendar.ts';
import { chinaDayOf, parseDateTime, parseDay } from './day-math.ts';

/** A statutory time limit: how long, in which unit and day type, and the provision that sets it. */
export interface DeadlineRule {
  ruleId: string;
  /** e.g. '行政处罚法 Art.60'. Shown next to every due date so the user can check the basis. */
  citation: string;
  length: number;
  unit: PeriodUnit;
  dayType: DayType;
}

export interface Deadline {
  due: string;
  rule: DeadlineRule;
  /** Calendar days of pause (扣除期间) after the start date up to and including the due date. */
  pausedDays: number;
}

/** Apply a deadline rule to a start date (or date-time for hour rules), with optional pauses (domain-rules G6). */
export function computeDeadline(rule: DeadlineRule, start: string, cal: HolidayCalendar, pauses: PeriodPause[] = []): Deadline {
  const due = addPeriod(start, rule.length, rule.unit, rule.dayType, cal, { pauses });
  const toDay = (s: string, path: string) => (rule.unit === 'hour' ? chinaDayOf(parseDateTime(s, path)) : parseDay(s, path));
  const from = toDay(start, 'start');
  const to = toDay(due, 'due');
  const paused = new Set<number>();
  for (const p of pauses) {
    // addPeriod has already validated the pause dates.
    const a = Math.max(parseDay(p.from, 'from'), from + 1);
    const b = Math.min(parseDay(p.to, 'to'), to);
    for (let d = a; d <= b; d++) paused.add(d);
  }
  return { due, rule, pausedDays: paused.size };
}
