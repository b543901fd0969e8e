import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

export const DEFAULT_PAGE_SIZE = 20;

/**
 * List state (page, page size, filters) kept in the URL, so a filtered list survives reload, back/forward and can
 * be shared; the same filters feed the export.
 */
export function useListParams<K extends string>(filterKeys: readonly K[], defaults: Partial<Record<K, string>> = {}) {
  const [sp, setSp] = useSearchParams();
  const page = Math.max(1, Number(sp.get('page')) || 1);
  const pageSize = Math.min(200, Math.max(1, Number(sp.get('pageSize')) || DEFAULT_PAGE_SIZE));
  const key = sp.toString();
  const filters = useMemo(() => {
    const out = {} as Record<K, string | undefined>;
    for (const k of filterKeys) out[k] = sp.get(k) ?? defaults[k] ?? undefined;
    return out;
  }, [key, filterKeys.join(','), JSON.stringify(defaults)]);

  const setFilters = useCallback(
    (patch: Partial<Record<K, string | number | boolean | null | undefined>>) => {
      setSp(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            if (v === undefined || v === null || v === '') next.delete(k);
            else next.set(k, String(v));
          }
          next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setSp],
  );

  const setPage = useCallback(
    (p: number, ps?: number) => {
      setSp(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (p > 1) next.set('page', String(p));
          else next.delete('page');
          if (ps && ps !== DEFAULT_PAGE_SIZE) next.set('pageSize', String(ps));
          else if (ps) next.delete('pageSize');
          return next;
        },
        { replace: false },
      );
    },
    [setSp],
  );

  const reset = useCallback(() => setSp(new URLSearchParams(), { replace: true }), [setSp]);

  return { page, pageSize, filters, setFilters, setPage, reset, query: { ...filters, page, pageSize } };
}
