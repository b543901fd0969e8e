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
