import {
  AV_STAGE_LABELS,
  AV_STAGES,
  CERTIFICATE_STATUS_LABELS,
  ITEM_CATEGORIES,
  ITEM_CATEGORY_LABELS,
  PENALTY_TYPE_LABELS,
  PENALTY_TYPES,
  PERSONNEL_TYPE_LABELS,
  REGION_LEVEL_LABELS,
  ROLE_LABELS,
  ROLES,
  SECTORS,
  SUBJECT_FORM_LABELS,
  SUBJECT_KIND_LABELS,
  type CertificateStatus,
  type Role,
} from '@zhifa/domain';
import { useMemo } from 'react';
import { isMessageKey } from '../i18n/keys.ts';
import { useLabel, useT, type Bilingual, type Translate } from '../i18n/index.tsx';

export interface Option {
  value: string;
  label: string;
}

function pick<K extends string>(table: Record<K, Bilingual>, key: string | null | undefined): Bilingual | undefined {
  if (key === null || key === undefined) return undefined;
  return (table as Record<string, Bilingual | undefined>)[key];
}

const SECTOR_TABLE: Record<string, Bilingual> = Object.fromEntries(SECTORS.map((s) => [s.code, { zh: s.zh, en: s.en }]));

/** `prefix.value` from the dictionary when it exists, else the raw value (never a blank cell). */
export function enumText(t: Translate, prefix: string, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const key = `${prefix}.${value}`;
  return isMessageKey(key) ? t(key) : value;
}

/** Labels of the domain vocabularies (from @zhifa/domain) and of the UI-only enums (from the dictionary). */
export function useLabels() {
  const L = useLabel();
  const t = useT();
  return useMemo(() => {
    const of =
      <K extends string>(table: Record<K, Bilingual>) =>
      (v: string | null | undefined) =>
        L(pick(table, v), v ?? '—');
    const options = <K extends string>(table: Record<K, Bilingual>, keys: readonly K[]): Option[] => keys.map((k) => ({ value: k, label: L(table[k]) }));
    return {
      role: of(ROLE_LABELS),
      category: of(ITEM_CATEGORY_LABELS),
      subjectKind: of(SUBJECT_KIND_LABELS),
      subjectForm: of(SUBJECT_FORM_LABELS),
      personnelType: of(PERSONNEL_TYPE_LABELS),
      certStatus: of(CERTIFICATE_STATUS_LABELS),
      penaltyType: of(PENALTY_TYPE_LABELS),
      avStage: of(AV_STAGE_LABELS),
      sector: of(SECTOR_TABLE),
      regionLevel: (v: number | null | undefined) => L(v ? (REGION_LEVEL_LABELS as Record<number, Bilingual>)[v] : undefined, v ? String(v) : '—'),
      enumText: (prefix: string, v: string | null | undefined) => enumText(t, prefix, v),
      options: {
        role: options(ROLE_LABELS, ROLES as Role[]),
        category: options(ITEM_CATEGORY_LABELS, ITEM_CATEGORIES),
        subjectKind: options(SUBJECT_KIND_LABELS, Object.keys(SUBJECT_KIND_LABELS) as (keyof typeof SUBJECT_KIND_LABELS)[]),
        subjectForm: options(SUBJECT_FORM_LABELS, Object.keys(SUBJECT_FORM_LABELS) as (keyof typeof SUBJECT_FORM_LABELS)[]),
        personnelType: options(PERSONNEL_TYPE_LABELS, Object.keys(PERSONNEL_TYPE_LABELS) as (keyof typeof PERSONNEL_TYPE_LABELS)[]),
        certStatus: options(CERTIFICATE_STATUS_LABELS, Object.keys(CERTIFICATE_STATUS_LABELS) as CertificateStatus[]),
        penaltyType: options(PENALTY_TYPE_LABELS, PENALTY_TYPES),
        avStage: options(AV_STAGE_LABELS, AV_STAGES),
        sector: SECTORS.map((s) => ({ value: s.code as string, label: L(s) })),
        regionLevel: ([1, 2, 3, 4] as const).map((l) => ({ value: String(l), label: L(REGION_LEVEL_LABELS[l]) })),
        fromDictionary: (prefix: string, values: readonly string[]): Option[] => values.map((v) => ({ value: v, label: enumText(t, prefix, v) })),
      },
    };
  }, [L, t]);
}
export type Labels = ReturnType<typeof useLabels>;
