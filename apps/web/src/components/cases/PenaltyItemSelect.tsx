import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../../api/client.ts';
import type { Item, Page } from '../../api/types.ts';
import { useT } from '../../i18n/index.tsx';
import { useDebounced } from '../../lib/useDebounced.ts';

/** An enforcement item of the 处罚 category (a penalty case is opened under one), searched by code or name. */
export function PenaltyItemSelect({ value, onChange, id, testId = 'case-item' }: { value?: string; onChange?: (v: string | undefined) => void; id?: string; testId?: string }) {
  const t = useT();
  const [q, setQ] = useState('');
  const dq = useDebounced(q.trim());
  const list = useQuery({
    queryKey: ['items', 'options', dq, 'penalty'],
    queryFn: ({ signal }) => api.get<Page<Item>>('/items', { q: dq || undefined, category: 'penalty', pageSize: 50 }, signal),
    staleTime: 60_000,
  });
  const options = useMemo(() => (list.data?.items ?? []).filter((i) => !i.withdrawnAt).map((i) => ({ value: i.id, label: `${i.code} ${i.name}` })), [list.data]);
  return (
    <Select<string>
      id={id}
      allowClear
      value={value}
      onChange={(v) => onChange?.(v)}
      options={options}
      loading={list.isFetching}
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder={t('common.searchItem')}
      notFoundContent={list.isFetching ? t('common.loading') : t('common.noMatch')}
      popupMatchSelectWidth={false}
      data-testid={testId}
      style={{ width: '100%' }}
    />
  );
}
