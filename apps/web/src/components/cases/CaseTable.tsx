import { useQuery } from '@tanstack/react-query';
import { Table, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/client.ts';
import type { Page, PenaltyCase } from '../../api/types.ts';
import { useT } from '../../i18n/index.tsx';
import { fmtDateTime } from '../../lib/format.ts';
import { CaseStatusTag } from './CaseStatusTag.tsx';

/** One page of `/cases` for a query; the previous page stays while the next loads. */
export function useCaseList(query: Record<string, string | number | boolean | undefined>) {
  return useQuery({
    queryKey: ['cases', 'list', query],
    queryFn: ({ signal }) => api.get<Page<PenaltyCase>>('/cases', query, signal),
    placeholderData: (prev) => prev,
  });
}

/** The case table shared by the case list and the reviewer's workspace. */
export function CaseTable({ list, lp, rowTestId = 'case-row', extraColumns = [] }: { list: ReturnType<typeof useCaseList>; lp: { page: number; pageSize: number; setPage: (p: number, ps?: number) => void }; rowTestId?: string; extraColumns?: TableColumnsType<PenaltyCase> }) {
  const t = useT();
  return (
    <Table<PenaltyCase>
      rowKey="id"
      size="middle"
      loading={list.isFetching}
      dataSource={list.data?.items ?? []}
      onRow={(r) => ({ 'data-testid': rowTestId, 'data-case-id': r.id }) as HTMLAttributes<HTMLElement>}
      scroll={{ x: 960 }}
      pagination={{ current: lp.page, pageSize: lp.pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (n) => t('common.total', { n }), onChange: lp.setPage }}
      columns={[
        {
          title: t('case.caseNo'),
          key: 'no',
          fixed: 'left',
          width: 190,
          render: (_, r) => (
            <Link to={`/admin/cases/${r.id}`} data-testid="case-link">
              {r.caseNo ?? <Typography.Text type="secondary">{t('case.noNumber')}</Typography.Text>}
            </Link>
          ),
        },
        { title: t('case.party'), key: 'party', width: 180, ellipsis: true, render: (_, r) => r.party.name },
        { title: t('case.item'), key: 'item', width: 220, ellipsis: true, render: (_, r) => r.itemName || r.itemCode || '—' },
        { title: t('common.status'), key: 'status', width: 150, render: (_, r) => <CaseStatusTag status={r.status} /> },
        { title: t('case.officers'), key: 'officers', width: 160, ellipsis: true, render: (_, r) => (r.officers?.length ? r.officers.map((o) => o.name).join('、') : '—') },
        ...extraColumns,
        { title: t('common.updatedAt'), dataIndex: 'updatedAt', width: 170, render: (v: string) => fmtDateTime(v) },
      ]}
      locale={{ emptyText: t('case.empty') }}
    />
  );
}
