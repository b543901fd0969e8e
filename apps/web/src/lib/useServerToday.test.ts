import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { afterServerToday } from './useServerToday.ts';

describe('afterServerToday (date pickers follow the server clock, not the browser)', () => {
  it('disables the days after the server’s today, not today itself', () => {
    const disabled = afterServerToday(dayjs('2026-09-01'));
    expect(disabled(dayjs('2026-09-01T23:59'))).toBe(false);
    expect(disabled(dayjs('2026-08-31'))).toBe(false);
    expect(disabled(dayjs('2026-09-02'))).toBe(true);
  });

  it('allows a day the browser thinks is in the future when the server is ahead of it', () => {
    const browserToday = dayjs().startOf('day');
    const serverAhead = browserToday.add(40, 'day');
    expect(afterServerToday(serverAhead)(browserToday.add(30, 'day'))).toBe(false);
  });

  it('disables nothing until the server’s date is known (the server refuses a future date anyway)', () => {
    expect(afterServerToday(null)(dayjs().add(1000, 'day'))).toBe(false);
  });
});
