import { useQueries, useQuery, type UseQueryResult } from '@tanstack/react-query';
import { Select } from 'antd';
import type { CSSProperties } from 'react';
import { useMemo, useState } from 'react';
import { api, type QueryParams } from '../api/client.ts';
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

type SearchKind = 'regions' | 'subjects' | 'items';

/**
 * The server-side search behind every picker: what is typed is debounced and sent as `q` (first 50 matches, cached a
 * minute under `[kind, 'options', q, ...keyExtra]`), and the Select props that go with it (no local filtering, a
 * loading state, a "no match" text).
 */
function useRemoteSearch<R>(kind: SearchKind, placeholder: string, params: QueryParams = {}, keyExtra: unknown[] = []) {
  const t = useT();
  const [q, setQ] = useState('');
  const dq = useDebounced(q.trim());
  const list = useQuery({
    queryKey: [kind, 'options', dq, ...keyExtra],
    queryFn: ({ signal }) => api.get<Page<R>>(`/${kind}`, { q: dq || undefined, ...params, pageSize: 50 }, signal),
    staleTime: 60_000,
  });
  const selectProps = {
    loading: list.isFetching,
    placeholder,
    showSearch: { filterOption: false, onSearch: setQ },
    notFoundContent: list.isFetching ? t('common.loading') : t('common.noMatch'),
    popupMatchSelectWidth: false,
  } as const;
  return { list, selectProps };
}

type SingleProps = BaseProps & { value?: string | null; onChange?: (v: string | undefined) => void };

/**
 * A single-value picker over a search. A value not among the matches (a saved value, before any search) is fetched
 * on its own, once the search has answered, so its label shows instead of a bare id.
 */
function LookupSelect<R>({
  search,
  one,
  keyOf,
  toOption,
  value,
  onChange,
  testId,
  ...rest
}: SingleProps & {
  search: { list: UseQueryResult<Page<R>>; selectProps: ReturnType<typeof useRemoteSearch<R>>['selectProps'] };
  /** Query key and path of the one-record lookup. */
  one: { key: unknown[]; path: string };
  keyOf: (r: R) => string;
  toOption: (r: R) => { value: string; label: string; title?: string };
}) {
  const { list, selectProps } = search;
  const has = !!value && !!list.data?.items.some((r) => keyOf(r) === value);
  const current = useQuery({
    queryKey: one.key,
    queryFn: ({ signal }) => api.get<R>(one.path, undefined, signal),
    enabled: !!value && !has && !list.isPending,
    staleTime: 300_000,
  });
  const options = useMemo(() => {
    const rows = [...(list.data?.items ?? [])];
    const own = current.data;
    if (own && !rows.some((r) => keyOf(r) === keyOf(own))) rows.unshift(own);
    return rows.map(toOption);
  }, [list.data, current.data, keyOf, toOption]);
  return (
    <Select
      {...rest}
      {...selectProps}
      data-testid={testId}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v)}
      options={options}
      placeholder={rest.placeholder ?? selectProps.placeholder}
      allowClear={rest.allowClear ?? true}
    />
  );
}

const regionCode = (r: Region) => r.code;

/** Region picker searching /regions by name or code prefix; value is the region code. */
export function RegionSelect({ level, testId = 'region-select', ...rest }: SingleProps & { level?: number }) {
  const t = useT();
  const labels = useLabels();
  const search = useRemoteSearch<Region>('regions', t('common.searchRegion'), { level }, [level ?? null]);
  const toOption = useMemo(() => (r: Region) => ({ value: r.code, label: `${r.name}（${r.code}）`, title: labels.regionLevel(r.level) }), [labels]);
  return <LookupSelect {...rest} testId={testId} search={search} one={{ key: ['regions', 'one', rest.value], path: `/regions/${rest.value}` }} keyOf={regionCode} toOption={toOption} />;
}

type SubjectSelectProps = BaseProps & {
  /** Known id → name pairs (e.g. an item's subjectNames) so labels show before a search. */
  known?: Record<string, string>;
} & ({ multiple: true; value?: string[]; onChange?: (v: string[]) => void } | { multiple?: false; value?: string | null; onChange?: (v: string | undefined) => void });

/** Enforcement-subject picker searching /subjects by name; value is the subject id (or ids). */
export function SubjectSelect(props: SubjectSelectProps) {
  const t = useT();
  const { known, testId = 'subject-select', multiple, placeholder, allowClear, style, disabled, id } = props;
  const { list, selectProps } = useRemoteSearch<Subject>('subjects', t('common.searchSubject'));
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
    ...selectProps,
    id,
    style,
    disabled,
    'data-testid': testId,
    options,
    placeholder: placeholder ?? selectProps.placeholder,
    allowClear: allowClear ?? true,
  } as const;
  if (props.multiple) {
    const onChange = props.onChange;
    return <Select<string[]> {...common} mode="multiple" value={props.value ?? []} onChange={(v) => onChange?.(v)} />;
  }
  const onChange = props.onChange;
  return <Select<string> {...common} value={props.value ?? undefined} onChange={(v) => onChange?.(v)} />;
}

type ItemRef = { id: string; code: string; name: string };
const itemId = (r: ItemRef) => r.id;
const itemOption = (r: ItemRef) => ({ value: r.id, label: `${r.code} ${r.name}` });

/** Enforcement-item picker searching /items by code or name; value is the item id. */
export function ItemSelect({ testId = 'item-select', ...rest }: SingleProps) {
  const t = useT();
  const search = useRemoteSearch<ItemRef>('items', t('common.searchItem'));
  return <LookupSelect {...rest} testId={testId} search={search} one={{ key: ['items', 'detail', rest.value], path: `/items/${rest.value}` }} keyOf={itemId} toOption={itemOption} />;
}
