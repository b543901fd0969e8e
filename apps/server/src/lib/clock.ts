/** Injectable time source so tests can move time (idle timeout, lockout, deadlines) without sleeping. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

export class FakeClock implements Clock {
  constructor(private t: Date = new Date('2026-06-01T09:00:00+08:00')) {}
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t = new Date(this.t.getTime() + ms);
  }
  set(d: Date): void {
    this.t = new Date(d);
  }
}

/** Today's date in China (UTC+8, no DST) as YYYY-MM-DD — legal dates are Beijing-time dates. */
export function chinaDate(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * Real time plus an adjustable offset, for demos and end-to-end tests that must let a statutory window pass
 * (CLOCK_ADJUSTABLE=true). Time keeps running; `advance` only jumps ahead. Never enabled in production.
 */
export class OffsetClock implements Clock {
  private offsetMs = 0;
  /** `startAt`: where this clock begins (then it runs at real speed); the real time when not given. */
  constructor(startAt?: Date) {
    if (startAt) this.offsetMs = startAt.getTime() - Date.now();
  }
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(ms: number): void {
    if (ms < 0) throw new RangeError('the clock only moves forward');
    this.offsetMs += ms;
  }
  get offset(): number {
    return this.offsetMs;
  }
}
