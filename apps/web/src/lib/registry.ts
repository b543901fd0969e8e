import { useQuery } from '@tanstack/react-query';
import { api, type QueryParams } from '../api/client.ts';
import type { Page } from '../api/types.ts';

/**
 * The four registries. Each name is at once the REST collection (`/api/v1/<kind>`), the admin route
 * (`/admin/<kind>`) and the first segment of every query key of that registry, so that invalidating `[kind]`
 * after a write refreshes its lists, details and pickers together.
 */
export type RegistryKind = 'subjects' | 'officers' | 'items' | 'entrustments';

/** One record, as the detail and edit pages read it (`[kind, 'detail', id]` is shared with the pickers' lookups). */
export function useRegistryRecord<T>(kind: RegistryKind, id: string | undefined, enabled = true) {
  return useQuery({ queryKey: [kind, 'detail', id], queryFn: ({ signal }) => api.get<T>(`/${kind}/${id}`, undefined, signal), enabled });
}

/** One page of a registry list; the previous page stays on screen while the next loads, so the table does not blink. */
export function useRegistryList<T>(kind: RegistryKind, query: QueryParams) {
  return useQuery({
    queryKey: [kind, 'list', query],
    queryFn: ({ signal }) => api.get<Page<T>>(`/${kind}`, query, signal),
    placeholderData: (prev) => prev,
  });
}
