import { AppError } from '../errors/index.ts';
import {
  addMonthsToDay,
  chinaDayOf,
  DAY_MS,
  CHINA_OFFSET_MS,
  formatChinaDateTime,
  formatDay,
  invalid,
  parseDateTime,
  parseDay,
  weekdayOfDay,
  yearOfDay,
} from './day-math.ts';

/** Working days exclude statutory holidays (行政处罚法 Art.85, 行政强制法 Art.69, 行政许可法 Art.82); calendar days do not. */
export type DayType = 'WORKING' | 'CALENDAR';
export type PeriodUnit = 'day' | 'month' | 'year' | 'hour';

export interface CalendarEntry {
  date: string;
  /** 'holiday' = statutory day off; 'workday' = make-up working day on a weekend (调休上班). */
  kind: 'holiday' | 'workday';
  name: string;
}

export interface HolidayCalendar {
  /** Years whose State Council holiday notice has been entered; any other year is unknown, never guessed. */
  years: ReadonlySet<number>;
  isWorkingDay(date: string): boolean;
  entry(date: string): CalendarEntry | undefined;
}

/** An inclusive range of days that does not count toward a period (扣除期间, SAMR 程序规定 Art.64 para 2). */
export interface PeriodPause {
  from: string;
  to: string;
}

function calendarMissing(year: number): AppError {
  return new AppError('CALENDAR_MISSING', { details: { year } });
}

/**
 * A calendar from the holiday table. Weekdays work unless listed as holidays; weekends rest unless listed as
 * make-up working days. A date in a year without data throws CALENDAR_MISSING (domain-rules G5: the annual notice
 * cannot be derived, so guessing would silently move deadlines).
 */
export function createCalendar(entries: CalendarEntry[], years: number[]): HolidayCalendar {
  const byDay = new Map<number, CalendarEntry>();
  for (const [i, e] of entries.entries()) {
    const day = parseDay(e.date, `entries[${i}].date`);
    if (byDay.has(day)) throw invalid(`entries[${i}].date`, `Duplicate calendar date ${e.date}.`, `日历日期${e.date}重复。`);
    byDay.set(day, { date: e.date, kind: e.kind, name: e.name });
  }
  const yearSet: ReadonlySet<number> = new Set(years);
  const known = (date: string): number => {
    const day = parseDay(date, 'date');
    const year = yearOfDay(day);
    if (!yearSet.has(year)) throw calendarMissing(year);
    return day;
  };
  return {
    years: yearSet,
    isWorkingDay(date) {
      const day = known(date);
      const e = byDay.get(day);
      if (e) return e.kind === 'workday';
      const wd = weekdayOfDay(day);
      return wd !== 0 && wd !== 6;
    },
    entry(date) {
      return byDay.get(known(date));
    },
  };
}

// Sanity caps so a typo (n = 20000 years) fails fast instead of looping; far beyond any statutory period.
const MAX_N: Record<PeriodUnit, number> = { day: 36_600, month: 1_200, year: 100, hour: 876_000 };

interface Counting {
  isWorking(day: number): boolean;
  isPaused(day: number): boolean;
}

function counting(cal: HolidayCalendar, pauses: PeriodPause[]): Counting {
  const ranges = pauses.map((p, i) => {
    const from = parseDay(p.from, `pauses[${i}].from`);
    const to = parseDay(p.to, `pauses[${i}].to`);
    if (to < from) throw invalid(`pauses[${i}].to`, 'A pause must not end before it starts.', '扣除期间的结束日不得早于开始日。');
    return [from, to] as const;
  });
  return {
    // Checked against `years` here too, so a caller-supplied calendar cannot silently answer for an unknown year.
    isWorking(day) {
      const year = yearOfDay(day);
      if (!cal.years.has(year)) throw calendarMissing(year);
      return cal.isWorkingDay(formatDay(day));
    },
    isPaused: (day) => ranges.some(([from, to]) => day >= from && day <= to),
  };
}

/** The n-th day after `start` that satisfies `counts` (the start day itself is never counted: 民法典 Art.201). */
function nthCountedDay(start: number, n: number, counts: (day: number) => boolean): number {
  let day = start;
  for (let k = 0; k < n; ) {
    day += 1;
    if (counts(day)) k += 1;
  }
  return day;
}

/**
 * If a period's last day is a holiday or rest day, it ends on the first working day after it (民法典 Art.203;
 * SAMR 程序规定 Art.84). A paused day cannot be the last day either: the period is not running on it.
 */
function rollToWorkingDay(day: number, c: Counting): number {
  let d = day;
  while (c.isPaused(d) || !c.isWorking(d)) d += 1;
  return d;
}

/**
 * The one deadline function (domain-rules G1–G6). Returns the last day of a period of `n` `unit`s from `start`.
 *
 * - day, WORKING: the n-th working day after start (start not counted; 民法典 Art.201, SAMR Art.80). Matches
 *   chinese-days `findWorkday(n, start)`, e.g. 2026-09-28 + 5 WD = 2026-10-10 (a make-up Saturday).
 * - day, CALENDAR: the n-th day after start; a last day that is not a working day rolls to the next working day.
 * - month/year: the corresponding day of the end month, or its last day if none (民法典 Art.202), then the same
 *   roll-forward. Day type does not change month arithmetic (statutes count months in calendar time).
 * - hour: elapsed time from the start instant (民法典 Art.201 para 2: counted from the stated time), in China time
 *   (+08:00); no holiday roll, so no calendar data is needed. 'hour' with WORKING has no legal meaning and is refused.
 * - pauses: days inside a pause are not counted at all and extend the period by their length (G6).
 * - n = 0 returns start (rolled to a working day for WORKING).
 *
 * Throws CALENDAR_MISSING when a day that must be classified falls in a year without calendar data, and
 * VALIDATION_FAILED for malformed input.
 */
export function addPeriod(
  start: string,
  n: number,
  unit: PeriodUnit,
  dayType: DayType,
  cal: HolidayCalendar,
  opts: { pauses?: PeriodPause[] } = {},
): string {
  if (!Number.isSafeInteger(n) || n < 0 || n > MAX_N[unit]) {
    throw invalid('n', `n must be an integer from 0 to ${MAX_N[unit]}.`, `期间长度须为0至${MAX_N[unit]}的整数。`);
  }
  const c = counting(cal, opts.pauses ?? []);

  if (unit === 'hour') {
    if (dayType === 'WORKING') {
      throw invalid('dayType', 'Hour periods run in elapsed time; WORKING does not apply.', '按小时计算的期间连续计算，不适用工作日。');
    }
    let t = parseDateTime(start, 'start');
    let remaining = n * 3_600_000;
    while (remaining > 0) {
      const day = chinaDayOf(t);
      const nextMidnight = (day + 1) * DAY_MS - CHINA_OFFSET_MS;
      if (c.isPaused(day)) {
        t = nextMidnight;
        continue;
      }
      const step = Math.min(remaining, nextMidnight - t);
      t += step;
      remaining -= step;
    }
    return formatChinaDateTime(t);
  }

  const s = parseDay(start, 'start');
  if (n === 0) return formatDay(dayType === 'WORKING' ? rollToWorkingDay(s, c) : s);

  if (unit === 'day') {
    if (dayType === 'WORKING') return formatDay(nthCountedDay(s, n, (d) => !c.isPaused(d) && c.isWorking(d)));
    return formatDay(rollToWorkingDay(nthCountedDay(s, n, (d) => !c.isPaused(d)), c));
  }

  // Months and years: the civil-code end date fixes how many calendar days the period runs; pauses then push it on.
  const rawEnd = addMonthsToDay(s, unit === 'year' ? n * 12 : n);
  const last = nthCountedDay(s, rawEnd - s, (d) => !c.isPaused(d));
  return formatDay(rollToWorkingDay(last, c));
}

/**
 * For display only: the same calendar, but a year without data is read as weekdays-work/weekends-rest with no
 * holidays. A deadline computed with it is an estimate and must be shown as provisional (`cal.years` tells which
 * years are real); guards never use it, they refuse with CALENDAR_MISSING instead (domain-rules G5).
 */
export function provisionalCalendar(cal: HolidayCalendar): HolidayCalendar {
  // Every year answers here (the period maths checks `years`); which years were real stays in the original `cal.years`.
  const years = new Set<number>(cal.years);
  for (let y = 1949; y <= 2200; y++) years.add(y);
  return {
    years,
    isWorkingDay(date) {
      const day = parseDay(date, 'date');
      if (cal.years.has(yearOfDay(day))) return cal.isWorkingDay(date);
      const wd = weekdayOfDay(day);
      return wd !== 0 && wd !== 6;
    },
    entry(date) {
      const day = parseDay(date, 'date');
      return cal.years.has(yearOfDay(day)) ? cal.entry(date) : undefined;
    },
  };
}
