/** Time buckets of the supervision dashboards (domain-rules §12): Beijing dates, YYYY-MM-DD. */
export const Granularity = { DAY: 'day', MONTH: 'month', QUARTER: 'quarter', YEAR: 'year' } as const;
export type Granularity = (typeof Granularity)[keyof typeof Granularity];
export const GRANULARITIES = Object.values(Granularity) as Granularity[];

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(day: string): { y: number; m: number; d: number } {
  const m = DAY_RE.exec(day);
  if (!m) throw new RangeError(`not a date: ${day}`);
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
}
const pad = (n: number) => String(n).padStart(2, '0');

/** The key of the bucket a day falls in: 2026-06-01 | 2026-06 | 2026-Q2 | 2026. Keys sort in time order. */
export function bucketOf(day: string, g: Granularity): string {
  const { y, m } = parts(day);
  switch (g) {
    case 'day':
      return day;
    case 'month':
      return `${y}-${pad(m)}`;
    case 'quarter':
      return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
    case 'year':
      return String(y);
  }
}

function lastDayOfMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** First and last day (inclusive) of a bucket key produced by bucketOf. */
export function bucketRange(key: string): { from: string; to: string } {
  let m: RegExpExecArray | null;
  if (DAY_RE.test(key)) return { from: key, to: key };
  if ((m = /^(\d{4})-(\d{2})$/.exec(key))) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    return { from: `${y}-${pad(mo)}-01`, to: `${y}-${pad(mo)}-${pad(lastDayOfMonth(y, mo))}` };
  }
  if ((m = /^(\d{4})-Q([1-4])$/.exec(key))) {
    const y = Number(m[1]);
    const q = Number(m[2]);
    const last = q * 3;
    return { from: `${y}-${pad(last - 2)}-01`, to: `${y}-${pad(last)}-${pad(lastDayOfMonth(y, last))}` };
  }
  if ((m = /^(\d{4})$/.exec(key))) return { from: `${m[1]}-01-01`, to: `${m[1]}-12-31` };
  throw new RangeError(`not a bucket key: ${key}`);
}

/** Every bucket key from `from` to `to` (inclusive), so a series shows empty periods as zero instead of skipping them. */
export function bucketsBetween(from: string, to: string, g: Granularity): string[] {
  if (from > to) return [];
  const out: string[] = [];
  let key = bucketOf(from, g);
  const last = bucketOf(to, g);
  for (let guard = 0; guard < 100_000; guard++) {
    out.push(key);
    if (key === last) break;
    key = bucketOf(nextDay(bucketRange(key).to), g);
  }
  return out;
}

export function nextDay(day: string): string {
  const { y, m, d } = parts(day);
  const t = new Date(Date.UTC(y, m - 1, d + 1));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** Dashboards refuse ranges longer than this: 10 years of days is already 3,650 points on a chart. */
export const MAX_RANGE_DAYS = 3_660;

export function daysBetween(from: string, to: string): number {
  const a = parts(from);
  const b = parts(to);
  return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / 86_400_000);
}
