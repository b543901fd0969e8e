import { useQuery } from '@tanstack/react-query';
import { Input, Table } from 'antd';
import type { HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import type { Page, Party } from '../../../api/types.ts';
import { useCaseLabels } from '../../../components/cases/useCaseLabels.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useT } from '../../../i18n/index.tsx';
import { fmtDateTime } from '../../../lib/format.ts';
import { useListParams } from '../../../lib/useListParams.ts';

const FILTERS = ['q'] as const;

/** 当事人: persons and organisations that appear in cases in my scope, searched by name or identifier. */
export default function PartiesPage() {
  const t = useT();
  const labels = useCaseLabels();
  const lp = useListParams(FILTERS);
  const list = useQuery({
    queryKey: ['parties', 'list', lp.query],
    queryFn: ({ signal }) => api.get<Page<Party>>('/parties', lp.query, signal),
    placeholderData: (prev) => prev,
  });
  return (
    <div data-testid="parties-page">
      <PageHeader title={t('nav.parties')} sub={t('party.hint')} />
      <div className="zf-filters">
        <Input.Search allowClear placeholder={t('party.searchPlaceholder')} defaultValue={lp.filters.q} onSearch={(v) => lp.setFilters({ q: v.trim() })} style={{ maxWidth: 320 }} data-testid="filter-q" />
      </div>
      {list.isError ? <ErrorAlert error={list.error} /> : null}
      <Table<Party>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        onRow={() => ({ 'data-testid': 'party-row' }) as HTMLAttributes<HTMLElement>}
        scroll={{ x: 760 }}
        pagination={{ current: lp.page, pageSize: lp.pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (n) => t('common.total', { n }), onChange: lp.setPage }}
        columns={[
          {
            title: t('case.partyName'),
            dataIndex: 'name',
            fixed: 'left',
            width: 200,
            render: (v: string, r) => (
              <Link to={`/admin/parties/${r.id}`} data-testid="party-link">
                {v}
              </Link>
            ),
          },
          { title: t('case.partyType'), dataIndex: 'type', width: 110, render: (v: string) => labels.partyType(v) },
          { title: t('party.identifier'), dataIndex: 'identifier', width: 200 },
          { title: t('party.caseCount'), dataIndex: 'caseCount', width: 100, render: (v: number | undefined) => v ?? '—' },
          { title: t('common.updatedAt'), dataIndex: 'updatedAt', width: 170, render: (v: string) => fmtDateTime(v) },
        ]}
      />
    </div>
  );
}
