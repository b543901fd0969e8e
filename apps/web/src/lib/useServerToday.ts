import { useQuery } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
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

/**
 * A DatePicker `disabledDate` for days after the server's today (a date something already happened on). Until the
 * server's date is known nothing is disabled: the browser's clock may be behind the server's, and the server refuses a
 * future date anyway.
 */
export function afterServerToday(today: Dayjs | null): (d: Dayjs) => boolean {
  return (d) => !!today && d.isAfter(today, 'day');
}

/**
 * The server's today, also put into the form's date field `name` once it is known unless the user already chose a
 * date there (the form's initial value cannot wait for the server's answer).
 */
export function useServerTodayField(form: FormInstance, name: string): Dayjs | null {
  const today = useServerToday();
  useEffect(() => {
    if (today && !form.isFieldTouched(name)) form.setFieldValue(name, today);
  }, [today?.valueOf(), form, name]);
  return today;
}
