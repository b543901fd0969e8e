import dayjs from 'dayjs';

export const DATE = 'YYYY-MM-DD';
export const DATETIME = 'YYYY-MM-DD HH:mm:ss';

export function fmtDate(v: string | null | undefined): string {
  if (!v) return '—';
  const d = dayjs(v);
  return d.isValid() ? d.format(DATE) : v;
}

export function fmtDateTime(v: string | Date | null | undefined): string {
  if (!v) return '—';
  const d = dayjs(v);
  return d.isValid() ? d.format(DATETIME) : String(v);
}

/** Yuan amounts with thousands separators. */
export function fmtMoney(v: number | null | undefined, locale: string): string {
  if (v === null || v === undefined) return '—';
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(v);
}

export const dash = (v: string | number | null | undefined): string => (v === null || v === undefined || v === '' ? '—' : String(v));

/** Optional text fields: trimmed, and blank sent as null (which clears the field) rather than ''. */
export const blankToNull = (v: string | null | undefined): string | null => (v && v.trim() ? v.trim() : null);
