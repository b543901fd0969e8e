import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useDebounced } from '../../lib/useDebounced.ts';

/** Any enforcement agency by name (the public subject list): a transfer goes outside the caller's own scope. */
export function AgencyPicker({ value, onChange, id, testId }: { value?: string; onChange?: (v: string | undefined) => void; id?: string; testId: string }) {
  const [q, setQ] = useState('');
  const dq = useDebounced(q.trim());
  const list = useQuery({ queryKey: ['transfers', 'recipients', dq], queryFn: ({ signal }) => api.get<{ id: string; name: string }[]>('/transfers/recipients', { q: dq || undefined }, signal), staleTime: 60_000 });
  return (
    <Select<string>
      id={id}
      allowClear
      value={value}
      onChange={(v) => onChange?.(v)}
      options={(list.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
      loading={list.isFetching}
      showSearch={{ filterOption: false, onSearch: setQ }}
      data-testid={testId}
    />
  );
}
