import type { UseQueryResult } from '@tanstack/react-query';
import { Table, type TableProps } from 'antd';
import type { HTMLAttributes } from 'react';
import type { Page } from '../api/types.ts';
import { useT } from '../i18n/index.tsx';

/**
 * A registry list table fed by one page of a list query and paged through the URL (`useListParams`): the previous
 * page stays while the next loads, and every row carries `data-testid={rowTestId}` for the journeys to count.
 */
export function RegistryTable<T extends { id: string }>({
  list,
  lp,
  rowTestId,
  ...rest
}: {
  list: UseQueryResult<Page<T>>;
  lp: { page: number; pageSize: number; setPage: (page: number, pageSize?: number) => void };
  rowTestId: string;
} & Omit<TableProps<T>, 'rowKey' | 'loading' | 'dataSource' | 'onRow' | 'pagination'>) {
  const t = useT();
  return (
    <Table<T>
      {...rest}
      rowKey="id"
      loading={list.isFetching}
      dataSource={list.data?.items ?? []}
      onRow={() => ({ 'data-testid': rowTestId }) as HTMLAttributes<HTMLElement>}
      pagination={{ current: lp.page, pageSize: lp.pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (n) => t('common.total', { n }), onChange: lp.setPage }}
    />
  );
}
