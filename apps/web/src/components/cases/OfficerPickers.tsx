import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useMemo } from 'react';
import { api } from '../../api/client.ts';
import type { Officer, Page } from '../../api/types.ts';
import { useT } from '../../i18n/index.tsx';
import { useLabels } from '../../lib/labels.ts';

/** The agency's serving officers (or its legal reviewers): one page of 200 is every officer a county agency has. */
export function useAgencyOfficers(agencyId: string | null | undefined, legalReviewers: boolean) {
  return useQuery({
    queryKey: ['officers', 'list', { agencyId, isLegalReviewer: legalReviewers || undefined, pageSize: 200, picker: true }],
    queryFn: ({ signal }) => api.get<Page<Officer>>('/officers', { agencyId: agencyId ?? undefined, isLegalReviewer: legalReviewers ? true : undefined, pageSize: 200 }, signal),
    enabled: !!agencyId,
    staleTime: 60_000,
  });
}

/**
 * 承办人员: two or more of the agency's officers (行政处罚法 Art.42). Officers without a valid certificate and
 * auxiliary staff are labelled, not hidden: the server's guard explains a refusal with its citation.
 */
export function AgencyOfficerSelect({ agencyId, value, onChange, id, testId = 'officer-picker' }: { agencyId: string | null | undefined; value?: string[]; onChange?: (v: string[]) => void; id?: string; testId?: string }) {
  const t = useT();
  const labels = useLabels();
  const list = useAgencyOfficers(agencyId, false);
  const options = useMemo(
    () =>
      (list.data?.items ?? [])
        .filter((o) => o.onDuty)
        .map((o) => {
          const cert = o.certificateSummary;
          const notes = [
            o.personnelType === 'auxiliary' ? labels.personnelType(o.personnelType) : null,
            !cert ? t('officer.noCertificate') : cert.status !== 'active' ? labels.certStatus(cert.status) : null,
          ].filter(Boolean);
          return { value: o.id, label: `${o.name}${cert ? `（${cert.number}）` : ''}${notes.length ? ` · ${notes.join('、')}` : ''}` };
        }),
    [list.data, labels, t],
  );
  return (
    <Select<string[]>
      id={id}
      mode="multiple"
      value={value ?? []}
      onChange={(v) => onChange?.(v)}
      options={options}
      loading={list.isFetching}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('case.pickOfficers')}
      data-testid={testId}
      style={{ width: '100%' }}
    />
  );
}

/**
 * The agency's legal reviewers (法制审核人员), for submitting a case to review. The case's own investigators are shown
 * but cannot be chosen: a reviewer may not review a case they investigated (行政处罚法 Art.58).
 */
export function ReviewerSelect({
  agencyId,
  investigatorIds = [],
  value,
  onChange,
  id,
  testId = 'reviewer-picker',
}: {
  agencyId: string;
  investigatorIds?: readonly string[];
  value?: string;
  onChange?: (v: string | undefined) => void;
  id?: string;
  testId?: string;
}) {
  const t = useT();
  const list = useAgencyOfficers(agencyId, true);
  const options = useMemo(
    () =>
      (list.data?.items ?? [])
        .filter((o) => o.onDuty)
        .map((o) => {
          const investigator = investigatorIds.includes(o.id);
          return {
            value: o.id,
            disabled: investigator,
            qualified: o.hasLegalQualification,
            label: `${o.name}${o.hasLegalQualification ? ` · ${t('officer.legalQualification')}` : ''}${investigator ? ` · ${t('case.isInvestigator')}` : ''}`,
          };
        })
        .sort((a, b) => Number(a.disabled) - Number(b.disabled) || Number(b.qualified) - Number(a.qualified))
        .map(({ qualified: _q, ...o }) => o),
    [list.data, t, investigatorIds],
  );
  return (
    <Select<string>
      id={id}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      value={value}
      onChange={(v) => onChange?.(v)}
      options={options}
      loading={list.isFetching}
      placeholder={t('case.pickReviewer')}
      data-testid={testId}
      style={{ width: '100%' }}
      notFoundContent={list.isFetching ? t('common.loading') : t('case.noReviewers')}
    />
  );
}
