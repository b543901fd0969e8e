import { useQueries, useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import type { CSSProperties } from 'react';
import { useMemo, useState } from 'react';
import { api } from '../api/client.ts';
import type { Page, Region, Subject } from '../api/types.ts';
import { useT } from '../i18n/index.tsx';
import { useDebounced } from '../lib/useDebounced.ts';
import { useLabels } from '../lib/labels.ts';

interface BaseProps {
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  disabled?: boolean;
  id?: string;
  testId?: string;
}

/** Region picker searching /regions by name or code prefix; value is the region code. */
export function RegionSelect({ value, onChange, level, testId = 'region-select', ...rest }: BaseProps & { value?: string | null; onChange?: (v: string | undefined) => void; level?: number }) {
  const t = useT();
  const labels = useLabels();
  const [q, setQ] = useState('');
  const dq = useDebounced(q.trim());
  const list = useQuery({
    queryKey: ['regions', 'options', dq, level ?? null],
    queryFn: ({ signal }) => api.get<Page<Region>>('/regions', { q: dq || undefined, level, pageSize: 50 }, signal),
    staleTime: 60_000,
  });
  const has = !!value && !!list.data?.items.some((r) => r.code === value);
  const current = useQuery({
    queryKey: ['regions', 'one', value],
    queryFn: ({ signal }) => api.get<Region>(`/regions/${value}`, undefined, signal),
    enabled: !!value && !has && !list.isPending,
    staleTime: 300_000,
  });
  const options = useMemo(() => {
    const rows = [...(list.data?.items ?? [])];
    if (current.data && !rows.some((r) => r.code === current.data.code)) rows.unshift(current.data);
    return rows.map((r) => ({ value: r.code, label: `${r.name}（${r.code}）`, title: labels.regionLevel(r.level) }));
  }, [list.data, current.data, labels]);
  return (
    <Select
      {...rest}
      data-testid={testId}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v)}
      options={options}
      loading={list.isFetching}
      placeholder={rest.placeholder ?? t('common.searchRegion')}
      allowClear={rest.allowClear ?? true}
      showSearch={{ filterOption: false, onSearch: setQ }}
      notFoundContent={list.isFetching ? t('common.loading') : t('common.noMatch')}
      popupMatchSelectWidth={false}
    />
  );
}

type SubjectSelectProps = BaseProps & {
  /** Known id → name pairs (e.g. an item's subjectNames) so labels show before a search. */
  known?: Record<string, string>;
} & ({ multiple: true; value?: string[]; onChange?: (v: string[]) => void } | { multiple?: false; value?: string | null; onChange?: (v: string | undefined) => void });

/** Enforcement-subject picker searching /subjects by name; value is the subject id (or ids). */
export function SubjectSelect(props: SubjectSelectProps) {
  const t = useT();
  const { known, testId = 'subject-select', multiple, placeholder, allowClear, style, disabled, id } = props;
  const [q, setQ] = useState('');
  const dq = useDebounced(q.trim());
  const list = useQuery({
    queryKey: ['subjects', 'options', dq],
    queryFn: ({ signal }) => api.get<Page<Subject>>('/subjects', { q: dq || undefined, pageSize: 50 }, signal),
    staleTime: 60_000,
  });
  const values: string[] = multiple ? (props.value ?? []) : props.value ? [props.value] : [];
  const missing = values.filter((v) => !known?.[v] && !list.data?.items.some((s) => s.id === v));
  const extra = useQueries({
    queries: missing.slice(0, 20).map((sid) => ({
      queryKey: ['subjects', 'detail', sid],
      queryFn: ({ signal }: { signal: AbortSignal }) => api.get<Subject>(`/subjects/${sid}`, undefined, signal),
      staleTime: 300_000,
      enabled: !list.isPending,
    })),
  });
  const options = useMemo(() => {
    const map = new Map<string, string>();
    for (const [k, v] of Object.entries(known ?? {})) map.set(k, v);
    for (const e of extra) if (e.data) map.set(e.data.id, e.data.name);
    for (const s of list.data?.items ?? []) map.set(s.id, s.name);
    return [...map.entries()].map(([value, label]) => ({ value, label }));
  }, [known, extra, list.data]);
  const common = {
    id,
    style,
    disabled,
    'data-testid': testId,
    options,
    loading: list.isFetching,
    placeholder: placeholder ?? t('common.searchSubject'),
    allowClear: allowClear ?? true,
    showSearch: { filterOption: false, onSearch: setQ },
    notFoundContent: list.isFetching ? t('common.loading') : t('common.noMatch'),
    popupMatchSelectWidth: false,
  } as const;
  if (props.multiple) {
    const onChange = props.onChange;
    return <Select<string[]> {...common} mode="multiple" value={props.value ?? []} onChange={(v) => onChange?.(v)} />;
  }
  const onChange = props.onChange;
  return <Select<string> {...common} value={props.value ?? undefined} onChange={(v) => onChange?.(v)} />;
}

/** Enforcement-item picker searching /items by code or name; value is the item id. */
export function ItemSelect({ value, onChange, testId = 'item-select', ...rest }: BaseProps & { value?: string | null; onChange?: (v: string | undefined) => void }) {
  const t = useT();
  const [q, setQ] = useState('');
  const dq = useDebounced(q.trim());
  const list = useQuery({
    queryKey: ['items', 'options', dq],
    queryFn: ({ signal }) => api.get<Page<{ id: string; code: string; name: string }>>('/items', { q: dq || undefined, pageSize: 50 }, signal),
    staleTime: 60_000,
  });
  const has = !!value && !!list.data?.items.some((r) => r.id === value);
  const current = useQuery({
    queryKey: ['items', 'detail', value],
    queryFn: ({ signal }) => api.get<{ id: string; code: string; name: string }>(`/items/${value}`, undefined, signal),
    enabled: !!value && !has && !list.isPending,
    staleTime: 300_000,
  });
  const options = useMemo(() => {
    const rows = [...(list.data?.items ?? [])];
    if (current.data && !rows.some((r) => r.id === current.data.id)) rows.unshift(current.data);
    return rows.map((r) => ({ value: r.id, label: `${r.code} ${r.name}` }));
  }, [list.data, current.data]);
  return (
    <Select
      {...rest}
      data-testid={testId}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v)}
      options={options}
      loading={list.isFetching}
      placeholder={rest.placeholder ?? t('common.searchItem')}
      allowClear={rest.allowClear ?? true}
      showSearch={{ filterOption: false, onSearch: setQ }}
      notFoundContent={list.isFetching ? t('common.loading') : t('common.noMatch')}
      popupMatchSelectWidth={false}
    />
  );
}
