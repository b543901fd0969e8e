import { PENALTY_DEADLINE_LABELS, PENALTY_STATUS_INFO, PENALTY_TYPE_LABELS, REVIEW_CHECKLIST, REVIEW_OUTCOME_INFO, ROLE_LABELS } from '@zhifa/domain';
import { useMemo } from 'react';
import type { CaseDeadline, PenaltyContentOut } from '../../api/types.ts';
import { useLabel, useLocale, useT, type Bilingual } from '../../i18n/index.tsx';
import { enumText } from '../../lib/labels.ts';
import { fmtMoney } from '../../lib/format.ts';

const CHECKLIST: Record<string, { zh: string; en: string; citation: string }> = Object.fromEntries(REVIEW_CHECKLIST.map((i) => [i.key, i]));

const lookup = <T>(table: Record<string, T>, key: string | null | undefined): T | undefined => (key ? (table as Record<string, T | undefined>)[key] : undefined);

/**
 * Labels of the case vocabulary. Statuses, deadlines, penalty types and roles come from the domain tables the server
 * uses (PENALTY_STATUS_INFO, PENALTY_DEADLINE_LABELS, …); the step names and the UI-only enums from the dictionary.
 */
export function useCaseLabels() {
  const L = useLabel();
  const t = useT();
  const { locale } = useLocale();
  return useMemo(() => {
    const status = (s: string | null | undefined) => L(lookup<Bilingual>(PENALTY_STATUS_INFO, s), s ?? '—');
    const penaltyTypes = (types: readonly string[]) => types.map((x) => L(lookup<Bilingual>(PENALTY_TYPE_LABELS, x), x)).join(locale === 'zh-CN' ? '、' : ', ');
    return {
      /** The label–value separator of the locale (全角冒号 in Chinese). */
      colon: locale === 'zh-CN' ? '：' : ': ',
      status,
      statusCitation: (s: string | null | undefined) => lookup(PENALTY_STATUS_INFO, s)?.citation ?? '',
      action: (a: string) => enumText(t, 'caseAction', a),
      role: (r: string | null | undefined) => L(lookup<Bilingual>(ROLE_LABELS, r), r ?? '—'),
      deadline: (d: Pick<CaseDeadline, 'key'> & Partial<Pick<CaseDeadline, 'labelZh' | 'labelEn'>>) =>
        (locale === 'zh-CN' ? d.labelZh : d.labelEn) || L(lookup<Bilingual>(PENALTY_DEADLINE_LABELS, d.key), d.key),
      deadlineByKey: (key: string | null | undefined) => (key ? L(lookup<Bilingual>(PENALTY_DEADLINE_LABELS, key), key) : '—'),
      serviceMethod: (m: string | null | undefined) => enumText(t, 'serviceMethod', m),
      checklistItem: (k: string) => L(lookup<Bilingual>(CHECKLIST, k), k),
      checklistCitation: (k: string) => lookup(CHECKLIST, k)?.citation ?? '',
      reviewOutcome: (o: string | null | undefined) => L(lookup<Bilingual>(REVIEW_OUTCOME_INFO, o), o ?? '—'),
      checklistResult: (r: string) => enumText(t, 'checklistResult', r),
      partyType: (p: string | null | undefined) => enumText(t, 'partyType', p),
      decisionKind: (k: string | null | undefined) => enumText(t, 'decisionKind', k),
      dayType: (k: string | null | undefined) => enumText(t, 'dayType', k),
      deadlineState: (k: string) => enumText(t, 'deadlineState', k),
      penaltyTypes,
      /** 警告、罚款 5,000 元 — what a proposal or decision imposes. */
      penalty: (p: PenaltyContentOut | null | undefined) => {
        if (!p) return '—';
        if (p.types.length === 0) return t('case.noPenalty');
        return p.types
          .map((x) => {
            const name = L(lookup<Bilingual>(PENALTY_TYPE_LABELS, x), x);
            return x === 'fine' && p.fineAmount !== null ? `${name} ${fmtMoney(p.fineAmount, locale)} ${t('common.yuan')}` : name;
          })
          .join(locale === 'zh-CN' ? '、' : ', ');
      },
    };
  }, [L, t, locale]);
}
export type CaseLabels = ReturnType<typeof useCaseLabels>;
