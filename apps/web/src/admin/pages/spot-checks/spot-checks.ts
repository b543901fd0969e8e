import { useCallback } from 'react';
import { useLocale } from '../../../i18n/index.tsx';

/** The spot-check pages speak Chinese first with English labels, like the rest of the back office. */
export function useZhEn() {
  const { locale } = useLocale();
  return useCallback((zh: string, en: string) => (locale.startsWith('zh') ? zh : en), [locale]);
}

export interface DrawInfo {
  id: string;
  planId: string;
  round: number;
  algorithm: string;
  drawDate: string;
  status: string;
  commitment: string;
  seed: string | null;
  hashes: { targets: string; inspectors: string; recusals: string; params: string };
  counts: { targets: number; inspectors: number; recusals: number };
  committedAt: string;
  drawnAt: string | null;
  revealedAt: string | null;
  voidedAt: string | null;
  voidReason: string | null;
  result: {
    cells: { stratum: string; risk: string | null; credit: string | null; eligible: number; drawn: number }[];
    selections: { targetId: string; stratum: string; risk: string; credit: string; agencyId: string | null; team: string[]; unstaffed: boolean; reachesCap: boolean }[];
    skipped: { recent: number; cap: number; unmatched: number };
    recusalsApplied: { inspectorId: string; targetId: string; reason: string }[];
  } | null;
}

export interface PlanSettings {
  strata: { key: string; match: { industries?: string[]; regionPrefixes?: string[]; risks?: string[]; credits?: string[] }; count?: number; ratioBp?: number }[];
  riskPct: Record<'high' | 'medium' | 'low', number>;
  creditPct: Record<'A' | 'B' | 'C' | 'D', number>;
  exclusionDays: number;
  yearlyCap: number;
  teamSize: number;
  teamMode: 'same-department' | 'joint';
  maxTasksPerInspector: number;
  regionCodes: string[];
}

export interface Plan {
  id: string;
  name: string;
  kind: 'annual' | 'ad_hoc';
  year: number;
  agencyId: string;
  agencyName: string;
  agencies: { id: string; name: string }[];
  itemIds: string[];
  settings: PlanSettings;
  status: string;
  availableActions: string[];
  currentDraw: DrawInfo | null;
  withdrawReason: string | null;
  version: number;
  createdAt: string;
}

export interface Task {
  id: string;
  planId: string;
  drawId: string;
  status: string;
  outcome: string | null;
  note: string | null;
  caseId: string | null;
  inspectedOn: string | null;
  publishDueOn: string | null;
  version: number;
  targetName: string | null;
  uscc: string | null;
  industry: string | null;
  planName: string | null;
  officers: { id: string; name: string }[] | null;
}

export const STATUS_COLORS: Record<string, string> = { draft: 'default', committed: 'gold', drawn: 'blue', revealed: 'green', withdrawn: 'red', voided: 'red' };
