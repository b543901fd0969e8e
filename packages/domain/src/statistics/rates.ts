/**
 * Ratios on the dashboards. A rate over nothing is `null` ("no data"), never 0 % or 100 %: a county with no major case
 * has not reviewed 0 % of them (and must not look like it failed 行政处罚法 Art.58), nor 100 %.
 */
export function rate(numerator: number, denominator: number): number | null {
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator <= 0) return null;
  return numerator / denominator;
}

/** Average per item (e.g. fine per fined case, yuan), null over nothing. Rounded to the fen. */
export function average(total: number, count: number): number | null {
  const r = rate(total, count);
  return r === null ? null : Math.round(r * 100) / 100;
}

/** Percentage text for tables and exports: 87.5%, or 一 / — when there is no denominator. */
export function formatRate(r: number | null, digits = 1): string {
  return r === null ? '—' : `${(r * 100).toFixed(digits)}%`;
}
