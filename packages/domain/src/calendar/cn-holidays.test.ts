import { describe, expect, it } from 'vitest';
import { addPeriod } from './calendar.ts';
import { SHIPPED_CALENDAR_ENTRIES, SHIPPED_CALENDAR_YEARS, shippedCalendar } from './cn-holidays.ts';

const cal = shippedCalendar();
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

describe('shipped calendar data (State Council notices 2024–2026)', () => {
  it('covers 2024, 2025 and 2026 only', () => {
    expect(SHIPPED_CALENDAR_YEARS).toEqual([2024, 2025, 2026]);
    expect([...cal.years].sort()).toEqual([2024, 2025, 2026]);
  });

  it('has well-formed, unique, sorted entries within the shipped years', () => {
    const dates = SHIPPED_CALENDAR_ENTRIES.map((e) => e.date);
    expect(new Set(dates).size).toBe(dates.length);
    expect([...dates].sort()).toEqual(dates);
    for (const e of SHIPPED_CALENDAR_ENTRIES) {
      expect(e.date).toMatch(/^202[456]-\d{2}-\d{2}$/);
      expect(e.name).toMatch(/^(元旦|春节|清明节|劳动节|端午节|中秋节|国庆节)(调休上班)?$/);
      expect(e.name.endsWith('调休上班')).toBe(e.kind === 'workday');
    }
  });

  it('lists make-up working days only on weekends', () => {
    for (const e of SHIPPED_CALENDAR_ENTRIES.filter((x) => x.kind === 'workday')) expect([0, 6]).toContain(weekday(e.date));
  });

  // Every make-up working day (调休上班) announced for the three years.
  it('has exactly the announced make-up working days', () => {
    expect(SHIPPED_CALENDAR_ENTRIES.filter((e) => e.kind === 'workday').map((e) => e.date)).toEqual([
      '2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12',
      '2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11',
      '2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10',
    ]);
  });

  it.each([
    ['2026-09-20', '国庆节调休上班'], // Sunday
    ['2026-10-10', '国庆节调休上班'], // Saturday
    ['2026-02-14', '春节调休上班'],
    ['2026-02-28', '春节调休上班'],
    ['2025-01-26', '春节调休上班'],
    ['2025-02-08', '春节调休上班'],
    ['2025-09-28', '国庆节调休上班'],
    ['2025-10-11', '国庆节调休上班'],
    ['2024-09-29', '国庆节调休上班'],
    ['2024-10-12', '国庆节调休上班'],
    ['2024-02-04', '春节调休上班'],
    ['2024-02-18', '春节调休上班'],
  ])('%s is a make-up working day (%s)', (date, name) => {
    expect(cal.isWorkingDay(date)).toBe(true);
    expect(cal.entry(date)).toEqual({ date, kind: 'workday', name });
  });

  it.each([
    ...['01', '02', '03', '04', '05', '06', '07'].map((d) => [`2026-10-${d}`, '国庆节']),
    ...['15', '16', '17', '18', '19', '20', '21', '22', '23'].map((d) => [`2026-02-${d}`, '春节']),
    ['2026-01-01', '元旦'],
    ['2026-04-06', '清明节'],
    ['2026-05-05', '劳动节'],
    ['2026-06-19', '端午节'],
    ['2026-09-25', '中秋节'],
    ...['01', '02', '03', '04', '05', '07', '08'].map((d) => [`2025-10-${d}`, '国庆节']),
    ['2025-10-06', '中秋节'], // 2025: National Day and Mid-Autumn combined, 10-01..08
    ...['28', '29', '30', '31'].map((d) => [`2025-01-${d}`, '春节']),
    ['2025-02-04', '春节'], // 2025 Spring Festival has the extra statutory day (8 days off)
    ['2025-05-05', '劳动节'],
    ['2024-10-07', '国庆节'],
    ['2024-02-17', '春节'],
    ['2024-09-16', '中秋节'],
  ])('%s is a holiday (%s)', (date, name) => {
    expect(cal.isWorkingDay(date)).toBe(false);
    expect(cal.entry(date)).toEqual({ date, kind: 'holiday', name });
  });

  it.each(['2026-10-08', '2026-02-24', '2025-10-09', '2024-10-08', '2026-09-21'])('%s is an ordinary working day', (date) => {
    expect(cal.isWorkingDay(date)).toBe(true);
    expect(cal.entry(date)).toBeUndefined();
  });

  it.each([
    [2024, 11],
    [2025, 13],
    [2026, 13],
  ])('%i: weekday days off minus make-up days = %i statutory holiday days', (year, statutory) => {
    // 全国年节及纪念日放假办法: 11 days for all citizens, 13 from 2025 (the 2024 amendment added New Year's Eve of the
    // Spring Festival and 1 May 2). Each statutory day yields exactly one net weekday off after 调休, so this balance
    // catches a missing or extra entry.
    const inYear = SHIPPED_CALENDAR_ENTRIES.filter((e) => e.date.startsWith(`${year}-`));
    const weekdayOff = inYear.filter((e) => e.kind === 'holiday' && ![0, 6].includes(weekday(e.date))).length;
    const makeUp = inYear.filter((e) => e.kind === 'workday').length;
    expect(weekdayOff - makeUp).toBe(statutory);
  });
});

describe('deadlines over the 2026 National Day holiday', () => {
  it('2026-09-30 + 1 WD = 2026-10-08', () => {
    expect(addPeriod('2026-09-30', 1, 'day', 'WORKING', cal)).toBe('2026-10-08');
  });

  it('2026-09-28 + 5 WD = 2026-10-10', () => {
    // Start day not counted (民法典 Art.201; SAMR 程序规定 Art.80): 09-29, 09-30, 10-08, 10-09 and the make-up
    // Saturday 10-10 are the five working days. chinese-days findWorkday(5, '2026-09-28') gives the same answer.
    expect(addPeriod('2026-09-28', 5, 'day', 'WORKING', cal)).toBe('2026-10-10');
  });
});
