import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../api/client.ts';

/**
 * The server's date in China (GET /meta/today). Legal dates are Beijing dates decided by the server's clock, so date
 * fields default to it rather than to the browser's clock, which may be wrong or in another time zone.
 */
export function useServerToday(): Dayjs | null {
  const q = useQuery({ queryKey: ['meta', 'today'], queryFn: ({ signal }) => api.get<{ today: string }>('/meta/today', undefined, signal), staleTime: 60_000 });
  return q.data ? dayjs(q.data.today) : null;
}

/**
 * The server's current moment (GET /meta/today `now`), for time fields that default to "now" (a capture time): the
 * server's clock decides what is in the future, not the browser's.
 */
export function useServerNow(): Dayjs | null {
  const q = useQuery({ queryKey: ['meta', 'now'], queryFn: ({ signal }) => api.get<{ today: string; now: string }>('/meta/today', undefined, signal), staleTime: 0 });
  return q.data ? dayjs(q.data.now) : null;
}
