import { AppError } from '../errors/index.ts';

/**
 * Date arithmetic on day numbers (days since 1970-01-01, UTC). Dates never pass through the local time zone, so a
 * server in another zone computes the same deadlines. Internal to the calendar folder (not re-exported).
 */

export const DAY_MS = 86_400_000;
/** China Standard Time is a fixed UTC+8 with no daylight saving (since 1991), so a constant offset is exact. */
export const CHINA_OFFSET_MS = 8 * 3_600_000;

export function invalid(path: string, message: string, messageZh: string): AppError {
  return new AppError('VALIDATION_FAILED', { message, messageZh, details: { issues: [{ path: [path], message, messageZh }] } });
}

/** 'YYYY-MM-DD' → day number, or null if the string is not a real calendar date. */
export function tryParseDay(s: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  // Date.UTC maps years 0–99 to 1900–1999, and rolls 02-30 over to March; the round trip catches both.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return t / DAY_MS;
}

export function parseDay(s: string, path: string): number {
  const n = tryParseDay(s);
  if (n === null) throw invalid(path, `${path} must be a date YYYY-MM-DD, got '${s}'.`, `${path}须为YYYY-MM-DD格式的有效日期。`);
  return n;
}

export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function yearOfDay(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/**
 * Civil-code month arithmetic (民法典 Art.202): the period ends on the day of the end month that corresponds to the
 * start day; if the end month has no such day (31 → 30 or February), on that month's last day.
 */
export function addMonthsToDay(day: number, months: number): number {
  const d = new Date(day * DAY_MS);
  const y = d.getUTCFullYear();
  const index = d.getUTCMonth() + months;
  const ty = y + Math.floor(index / 12);
  const tm = ((index % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return Date.UTC(ty, tm, Math.min(d.getUTCDate(), lastDay)) / DAY_MS;
}

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})$/;

/** ISO 8601 date-time with an explicit offset ('Z' or ±HH:MM) → epoch milliseconds. A bare local time is refused. */
export function parseDateTime(s: string, path: string): number {
  const m = DATETIME.exec(s);
  const fail = () =>
    invalid(path, `${path} must be an ISO date-time with offset, e.g. 2026-10-01T09:00:00+08:00.`, `${path}须为带时区的ISO日期时间，如2026-10-01T09:00:00+08:00。`);
  if (!m) throw fail();
  const day = tryParseDay(`${m[1]}-${m[2]}-${m[3]}`);
  const hh = Number(m[4]);
  const mi = Number(m[5]);
  const ss = Number(m[6] ?? '0');
  const ms = Number((m[7] ?? '0').padEnd(3, '0'));
  if (day === null || hh > 23 || mi > 59 || ss > 59) throw fail();
  let offsetMs = 0;
  const off = m[8]!;
  if (off !== 'Z') {
    const oh = Number(off.slice(1, 3));
    const om = Number(off.slice(4, 6));
    if (oh > 14 || om > 59) throw fail();
    offsetMs = (off[0] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  return day * DAY_MS + ((hh * 60 + mi) * 60 + ss) * 1000 + ms - offsetMs;
}

/** Epoch milliseconds → 'YYYY-MM-DDTHH:mm:ss+08:00' (Asia/Shanghai); milliseconds are kept only when non-zero. */
export function formatChinaDateTime(ms: number): string {
  const iso = new Date(ms + CHINA_OFFSET_MS).toISOString(); // 'YYYY-MM-DDTHH:mm:ss.sssZ' shifted to China time
  const frac = iso.slice(19, 23);
  return `${iso.slice(0, 19)}${frac === '.000' ? '' : frac}+08:00`;
}

/** The China-time day number of an instant. */
export function chinaDayOf(ms: number): number {
  return Math.floor((ms + CHINA_OFFSET_MS) / DAY_MS);
}
