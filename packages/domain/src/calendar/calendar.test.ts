import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/index.ts';
import { addPeriod, createCalendar, provisionalCalendar, type DayType, type PeriodPause, type PeriodUnit } from './calendar.ts';
import { shippedCalendar } from './cn-holidays.ts';

const cal = shippedCalendar();

/** Run `fn` and return the AppError it throws (fails the test if it does not throw one). */
function appErrorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('createCalendar', () => {
  const small = createCalendar(
    [
      { date: '2030-10-01', kind: 'holiday', name: '国庆节' },
      { date: '2030-09-29', kind: 'workday', name: '国庆节调休上班' },
    ],
    [2030],
  );

  it.each([
    ['2030-09-30', true], // Monday
    ['2030-10-01', false], // listed holiday on a Tuesday
    ['2030-09-29', true], // listed make-up working Sunday
    ['2030-10-05', false], // ordinary Saturday
    ['2030-10-06', false], // ordinary Sunday
    ['2030-10-07', true],
  ])('%s working = %s', (date, working) => {
    expect(small.isWorkingDay(date)).toBe(working);
  });

  it('returns the entry of a listed date only', () => {
    expect(small.entry('2030-10-01')).toEqual({ date: '2030-10-01', kind: 'holiday', name: '国庆节' });
    expect(small.entry('2030-10-02')).toBeUndefined();
    expect([...small.years]).toEqual([2030]);
  });

  it.each(['2029-12-31', '2031-01-01'])('throws CALENDAR_MISSING for %s (a year without data)', (date) => {
    const e = appErrorOf(() => small.isWorkingDay(date));
    expect(e.code).toBe('CALENDAR_MISSING');
    expect(e.details).toMatchObject({ year: Number(date.slice(0, 4)) });
    expect(appErrorOf(() => small.entry(date)).code).toBe('CALENDAR_MISSING');
  });

  it('refuses malformed or duplicate dates', () => {
    expect(appErrorOf(() => small.isWorkingDay('2030-02-30')).code).toBe('VALIDATION_FAILED');
    expect(appErrorOf(() => small.isWorkingDay('2030-1-1')).code).toBe('VALIDATION_FAILED');
    expect(appErrorOf(() => createCalendar([{ date: '2030-13-01', kind: 'holiday', name: 'x' }], [2030])).code).toBe('VALIDATION_FAILED');
    const dup = { date: '2030-10-01', kind: 'holiday' as const, name: 'x' };
    expect(appErrorOf(() => createCalendar([dup, dup], [2030])).code).toBe('VALIDATION_FAILED');
  });
});

describe('addPeriod: days', () => {
  // Expected values worked out by hand from the 2024–2026 notices: start day not counted (民法典 Art.201),
  // CALENDAR periods ending on a rest day roll to the next working day (Art.203).
  it.each([
    // WORKING
    ['2026-09-30', 1, 'WORKING', '2026-10-08'], // 10-01..07 National Day
    ['2026-09-28', 5, 'WORKING', '2026-10-10'], // 09-29, 09-30, 10-08, 10-09, 10-10 (make-up Saturday)
    ['2026-09-18', 1, 'WORKING', '2026-09-20'], // Fri → make-up Sunday 09-20 (Sat 09-19 rests)
    ['2026-10-07', 1, 'WORKING', '2026-10-08'], // starting on a holiday
    ['2026-10-09', 1, 'WORKING', '2026-10-10'],
    ['2026-10-10', 1, 'WORKING', '2026-10-12'],
    ['2026-02-13', 1, 'WORKING', '2026-02-14'], // make-up Saturday before Spring Festival
    ['2026-02-14', 1, 'WORKING', '2026-02-24'], // 02-15..23 Spring Festival
    ['2025-12-31', 1, 'WORKING', '2026-01-04'], // across the year: 01-01..03 off, Sunday 01-04 works
    ['2024-09-27', 1, 'WORKING', '2024-09-29'], // 2024 make-up Sunday
    ['2024-09-30', 1, 'WORKING', '2024-10-08'],
    ['2026-03-02', 20, 'WORKING', '2026-03-30'], // a month without holidays: 4 full weeks
    ['2026-06-15', 0, 'WORKING', '2026-06-15'], // n = 0 on a working day
    ['2026-10-03', 0, 'WORKING', '2026-10-08'], // n = 0 rolled to a working day
    ['2026-06-13', 0, 'WORKING', '2026-06-15'], // n = 0 on a Saturday
    // CALENDAR
    ['2026-09-24', 15, 'CALENDAR', '2026-10-09'], // lands on a Friday: no roll
    ['2026-09-16', 15, 'CALENDAR', '2026-10-08'], // lands on 10-01: rolls over the whole holiday
    ['2026-06-10', 3, 'CALENDAR', '2026-06-15'], // lands on Saturday 06-13: rolls to Monday
    ['2026-09-10', 10, 'CALENDAR', '2026-09-20'], // lands on Sunday 09-20, a make-up working day: no roll
    ['2026-06-13', 0, 'CALENDAR', '2026-06-13'], // n = 0: start, unrolled
    ['2026-01-01', 90, 'CALENDAR', '2026-04-01'],
  ] as const)('%s + %i %s days = %s', (start, n, dayType, due) => {
    expect(addPeriod(start, n, 'day', dayType, cal)).toBe(due);
  });
});

describe('addPeriod: months and years (民法典 Art.202)', () => {
  it.each([
    ['2026-01-31', 1, 'month', '2026-02-28'], // no 02-31 → 02-28, a Saturday but a make-up working day: no roll
    ['2026-03-31', 2, 'month', '2026-06-01'], // 05-31 is a Sunday → roll to Monday 06-01
    ['2024-01-31', 1, 'month', '2024-02-29'], // leap year: last day of February, a Thursday
    ['2025-01-31', 1, 'month', '2025-02-28'], // Friday
    ['2025-03-31', 1, 'month', '2025-04-30'], // no 04-31
    ['2026-07-03', 3, 'month', '2026-10-08'], // 10-03 is a holiday
    ['2024-11-15', 3, 'month', '2025-02-17'], // corresponding day 02-15 is a Saturday
    ['2025-06-10', 6, 'month', '2025-12-10'],
    ['2024-02-29', 1, 'year', '2025-02-28'], // no 02-29 in 2025; Friday
    ['2024-06-14', 2, 'year', '2026-06-15'], // 2026-06-14 is a Sunday
  ] as const)('%s + %i %s = %s', (start, n, unit, due) => {
    expect(addPeriod(start, n, unit, 'CALENDAR', cal)).toBe(due);
  });

  it('day type does not change month arithmetic', () => {
    expect(addPeriod('2026-07-03', 3, 'month', 'WORKING', cal)).toBe('2026-10-08');
  });
});

describe('addPeriod: hours (Asia/Shanghai, +08:00)', () => {
  it.each([
    ['2026-10-01T09:00:00+08:00', 24, '2026-10-02T09:00:00+08:00'], // holidays do not stop an hour period
    ['2026-10-01T01:00:00Z', 24, '2026-10-02T09:00:00+08:00'], // UTC input is rendered in China time
    ['2026-12-31T20:30+08:00', 6, '2027-01-01T02:30:00+08:00'], // no calendar needed, so 2027 is fine
    ['2026-03-01T23:59:59.5+08:00', 1, '2026-03-02T00:59:59.500+08:00'],
    ['2026-06-15T10:00:00-04:00', 0, '2026-06-15T22:00:00+08:00'],
  ])('%s + %i h = %s', (start, n, due) => {
    expect(addPeriod(start, n, 'hour', 'CALENDAR', cal)).toBe(due);
  });

  it('skips whole paused days', () => {
    expect(addPeriod('2026-06-15T20:00:00+08:00', 24, 'hour', 'CALENDAR', cal, { pauses: [{ from: '2026-06-16', to: '2026-06-16' }] })).toBe(
      '2026-06-17T20:00:00+08:00',
    );
  });

  it.each(['2026-10-01T09:00:00', '2026-10-01', '2026-10-01T24:00:00+08:00', '2026-02-30T09:00:00+08:00'])('refuses %s', (start) => {
    expect(appErrorOf(() => addPeriod(start, 1, 'hour', 'CALENDAR', cal)).code).toBe('VALIDATION_FAILED');
  });

  it('refuses WORKING hours', () => {
    expect(appErrorOf(() => addPeriod('2026-10-01T09:00:00+08:00', 24, 'hour', 'WORKING', cal)).code).toBe('VALIDATION_FAILED');
  });
});

describe('addPeriod: pauses (扣除期间, SAMR 程序规定 Art.64)', () => {
  it.each([
    // 90 calendar days from 2026-03-02 is 2026-05-31 (Sunday) → 06-01; a 10-day pause pushes it to 06-10.
    ['2026-03-02', 90, 'CALENDAR', [], '2026-06-01'],
    ['2026-03-02', 90, 'CALENDAR', [{ from: '2026-04-01', to: '2026-04-10' }], '2026-06-10'],
    // Overlapping pauses count each day once.
    ['2026-03-02', 90, 'CALENDAR', [{ from: '2026-04-01', to: '2026-04-10' }, { from: '2026-04-05', to: '2026-04-12' }], '2026-06-12'],
    // A pause before the start or after the due date changes nothing.
    ['2026-03-02', 90, 'CALENDAR', [{ from: '2026-01-01', to: '2026-03-02' }, { from: '2026-07-01', to: '2026-07-31' }], '2026-06-01'],
    // WORKING: paused working days are not counted (06-16..17 paused; 06-19..21 Dragon Boat): 18, 22, 23.
    ['2026-06-15', 3, 'WORKING', [{ from: '2026-06-16', to: '2026-06-17' }], '2026-06-23'],
    // The roll-forward skips a pause that starts on the rolled-to day.
    ['2026-06-10', 3, 'CALENDAR', [{ from: '2026-06-15', to: '2026-06-15' }], '2026-06-16'],
  ] as [string, number, DayType, PeriodPause[], string][])('%s + %i %s with %j = %s', (start, n, dayType, pauses, due) => {
    expect(addPeriod(start, n, 'day', dayType, cal, { pauses })).toBe(due);
  });

  it('extends month periods by the paused days', () => {
    expect(addPeriod('2025-06-10', 6, 'month', 'CALENDAR', cal, { pauses: [{ from: '2025-07-01', to: '2025-07-02' }] })).toBe('2025-12-12');
  });

  it('refuses a pause that ends before it starts', () => {
    expect(appErrorOf(() => addPeriod('2026-03-02', 5, 'day', 'WORKING', cal, { pauses: [{ from: '2026-03-05', to: '2026-03-04' }] })).code).toBe(
      'VALIDATION_FAILED',
    );
  });
});

describe('addPeriod: input and missing data', () => {
  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 40_000])('refuses n = %s', (n) => {
    expect(appErrorOf(() => addPeriod('2026-03-02', n, 'day', 'CALENDAR', cal)).code).toBe('VALIDATION_FAILED');
  });

  it.each(['2026-3-2', '2026-02-29', '20260302', ''])('refuses start %j', (start) => {
    expect(appErrorOf(() => addPeriod(start, 1, 'day', 'CALENDAR', cal)).code).toBe('VALIDATION_FAILED');
  });

  it.each([
    ['2026-12-30', 3, 'day', 'WORKING'],
    ['2026-12-30', 3, 'day', 'CALENDAR'],
    ['2026-12-15', 1, 'month', 'CALENDAR'],
    ['2026-06-01', 1, 'year', 'CALENDAR'],
  ] as [string, number, PeriodUnit, DayType][])('%s + %i %s %s throws CALENDAR_MISSING for 2027', (start, n, unit, dayType) => {
    const e = appErrorOf(() => addPeriod(start, n, unit, dayType, cal));
    expect(e.code).toBe('CALENDAR_MISSING');
    expect(e.details).toMatchObject({ year: 2027 });
  });

  it('needs no data for a start year whose days are never classified', () => {
    // 2023-12-31 + 1 WD: only 2024-01-01 (holiday) and 01-02 are looked at.
    expect(addPeriod('2023-12-31', 1, 'day', 'WORKING', cal)).toBe('2024-01-02');
  });

  it('checks the years itself, even with a calendar that would answer for any date', () => {
    const lax = { years: new Set([2026]), isWorkingDay: () => true, entry: () => undefined };
    expect(appErrorOf(() => addPeriod('2026-12-31', 1, 'day', 'WORKING', lax)).code).toBe('CALENDAR_MISSING');
  });
});

// ---- properties ---------------------------------------------------------------------------------------------------

const DAY = 86_400_000;
/** Start dates in 2024-01-01 … 2026-06-30, so periods up to 60 working days stay inside the shipped years. */
const startDate = fc.integer({ min: Date.UTC(2024, 0, 1) / DAY, max: Date.UTC(2026, 5, 30) / DAY }).map((d) => new Date(d * DAY).toISOString().slice(0, 10));
const dayType = fc.constantFrom<DayType>('WORKING', 'CALENDAR');
const shift = (date: string, days: number) => new Date(Date.parse(date) + days * DAY).toISOString().slice(0, 10);
const pause = fc.tuple(fc.integer({ min: -10, max: 60 }), fc.integer({ min: 0, max: 15 }));

describe('addPeriod properties', () => {
  it('a WORKING result is a working day strictly after start for n ≥ 1', () => {
    fc.assert(
      fc.property(startDate, fc.integer({ min: 1, max: 60 }), (start, n) => {
        const due = addPeriod(start, n, 'day', 'WORKING', cal);
        expect(due > start).toBe(true);
        expect(cal.isWorkingDay(due)).toBe(true);
      }),
    );
  });

  it('every result for n ≥ 1 is a working day after start, for both day types', () => {
    fc.assert(
      fc.property(startDate, fc.integer({ min: 1, max: 60 }), dayType, (start, n, dt) => {
        const due = addPeriod(start, n, 'day', dt, cal);
        expect(due > start && cal.isWorkingDay(due)).toBe(true);
      }),
    );
  });

  it('is monotonic in n', () => {
    fc.assert(
      fc.property(startDate, fc.integer({ min: 0, max: 59 }), dayType, fc.constantFrom<PeriodUnit>('day', 'month'), (start, n, dt, unit) => {
        const m = unit === 'month' ? Math.min(n, 5) : n;
        expect(addPeriod(start, m, unit, dt, cal) <= addPeriod(start, m + 1, unit, dt, cal)).toBe(true);
      }),
    );
  });

  it('adding pauses never makes the due date earlier', () => {
    fc.assert(
      fc.property(startDate, fc.integer({ min: 0, max: 40 }), dayType, fc.array(pause, { maxLength: 3 }), pause, (start, n, dt, base, extra) => {
        const toPause = ([offset, len]: [number, number]) => ({ from: shift(start, offset), to: shift(start, offset + len) });
        const without = addPeriod(start, n, 'day', dt, cal, { pauses: base.map(toPause) });
        const withMore = addPeriod(start, n, 'day', dt, cal, { pauses: [...base, extra].map(toPause) });
        expect(withMore >= without).toBe(true);
      }),
    );
  });

  it('a due date in 2027 throws CALENDAR_MISSING', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 31 }), fc.integer({ min: 0, max: 20 }), dayType, (day, n, dt) => {
        const start = `2026-12-${String(day).padStart(2, '0')}`;
        // Far enough that the result must reach 2027: December 2026 has 31 days and at most 23 working days.
        const e = appErrorOf(() => addPeriod(start, n + 32, 'day', dt, cal));
        expect(e.code).toBe('CALENDAR_MISSING');
        expect(e.details).toMatchObject({ year: 2027 });
      }),
    );
  });

  it('a date in 2027 throws CALENDAR_MISSING when queried directly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 364 }), (offset) => {
        const date = shift('2027-01-01', offset);
        expect(appErrorOf(() => cal.isWorkingDay(date)).code).toBe('CALENDAR_MISSING');
        expect(appErrorOf(() => addPeriod(date, 0, 'day', 'WORKING', cal)).code).toBe('CALENDAR_MISSING');
      }),
    );
  });
});

describe('provisionalCalendar (display estimates for a year without data)', () => {
  it('reads unknown years as plain weekdays and leaves known years alone', () => {
    const real = createCalendar([{ date: '2026-10-01', kind: 'holiday', name: '国庆节' }], [2026]);
    const p = provisionalCalendar(real);
    expect(p.isWorkingDay('2026-10-01')).toBe(false);
    expect(p.isWorkingDay('2027-01-04')).toBe(true);
    expect(p.isWorkingDay('2027-01-02')).toBe(false);
    expect(() => real.isWorkingDay('2027-01-04')).toThrow();
    expect(real.years.has(2027)).toBe(false);
    expect(addPeriod('2026-12-28', 5, 'day', 'WORKING', p)).toBe('2027-01-04');
  });
});
