import { useCallback } from 'react';
import { useLocale } from '../../../i18n/index.tsx';

/** Chinese first with English labels, like the rest of the back office. */
export function useZhEn() {
  const { locale } = useLocale();
  return useCallback((zh: string, en: string) => (locale.startsWith('zh') ? zh : en), [locale]);
}

export type Counters = Record<
  | 'opened' | 'decided' | 'closed' | 'fineCount' | 'fineTotal' | 'majorDecided' | 'majorReviewed' | 'avRequired' | 'avCovered'
  | 'licenceDecided' | 'licenceGranted' | 'licenceOnTime' | 'inspectionDone' | 'inspectionProblem' | 'coercionApplied'
  | 'pubDue' | 'pubOnTime' | 'pubLate' | 'pubExcluded',
  number
>;
export interface Metrics {
  fineAverage: number | null;
  reviewCoverage: number | null;
  avCoverage: number | null;
  licenceOnTimeRate: number | null;
  inspectionProblemRate: number | null;
  publicationOnTimeRate: number | null;
  publicationOverdue: number;
}
export interface Filter {
  from?: string;
  to?: string;
  regionPath?: string;
  agencyId?: string;
  kind?: string;
  category?: string;
  procedure?: string;
}
export interface Overview {
  filter: Filter;
  counters: Counters;
  metrics: Metrics;
  statuses: { kind: string; status: string; count: number }[];
  procedures: { procedure: string; opened: number; decided: number }[];
  panels: string[];
}
export interface RegionRow {
  regionPath: string;
  name: string;
  counters: Counters;
  metrics: Metrics;
}
export interface RegionsOut {
  regionName: string | null;
  own: { counters: Counters; metrics: Metrics } | null;
  children: RegionRow[];
}
export interface AgencyRow {
  agencyId: string;
  name: string;
  regionPath: string;
  counters: Counters;
  metrics: Metrics;
}
export interface SeriesOut {
  granularity: string;
  points: { bucket: string; counters: Counters; metrics: Metrics }[];
}
export interface CategoryRow {
  kind: string;
  category: string;
  procedure: string;
  counters: Counters;
  metrics: Metrics;
}
export interface Panel {
  key: string;
  label: { zh: string; en: string };
  value: number | null;
  unit: string;
}

export const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
export const yuan = (v: number | null) => (v === null ? '—' : v.toLocaleString('zh-CN', { maximumFractionDigits: 2 }));

export const KIND_LABELS: Record<string, [string, string]> = {
  penalty: ['行政处罚', 'Penalty'],
  licence: ['行政许可', 'Licensing'],
  inspection: ['行政检查', 'Inspection'],
  coercion: ['行政强制', 'Coercion'],
};
export const CATEGORY_LABELS: Record<string, [string, string]> = {
  licensing: ['行政许可', 'Licensing'],
  penalty: ['行政处罚', 'Penalty'],
  coercion: ['行政强制', 'Coercion'],
  levy: ['行政征收', 'Levy'],
  fee: ['行政收费', 'Fee'],
  inspection: ['行政检查', 'Inspection'],
  confirmation: ['行政确认', 'Confirmation'],
  benefit: ['行政给付', 'Benefit'],
  adjudication: ['行政裁决', 'Adjudication'],
  reward: ['行政奖励', 'Reward'],
  other: ['其他行政权力', 'Other'],
};

/** Drop empty values so the query string carries only what is set. */
export function clean(f: Filter): Record<string, string> {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== '')) as Record<string, string>;
}
