// The server's clock, as journeys must see it. The run starts the server at a fixed moment (E2E_CLOCK_START in
// harness.mjs) and some journeys move it forward (POST /api/v1/test/clock, listed at the top of e2e/run.mjs), so a
// journey never takes a date from its own clock (Date.now()) or from the browser's: it asks the server.

/** A date in China (UTC+8, no DST) as YYYY-MM-DD: legal dates are Beijing dates. */
export const chinaDate = (ms) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);

/** The server's moment and Beijing date (GET /api/v1/meta/today, public): `{ now: ms, today: 'YYYY-MM-DD' }`. */
export async function serverClock(baseURL) {
  const res = await fetch(`${baseURL}/api/v1/meta/today`);
  if (!res.ok) throw new Error(`GET /meta/today: HTTP ${res.status} ${await res.text()}`);
  const body = await res.json();
  return { now: Date.parse(body.now), today: body.today };
}

/**
 * Moves the server's clock forward (demo/test servers only) and returns its new `{ now, today }`. Sessions idle out
 * across a jump of more than the idle timeout: log in again after it.
 */
export async function advanceServerClock(baseURL, { days = 0, hours = 0 } = {}) {
  const res = await fetch(`${baseURL}/api/v1/test/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceDays: days, advanceHours: hours }),
  });
  if (!res.ok) throw new Error(`POST /test/clock: HTTP ${res.status} ${await res.text()}`);
  const body = await res.json();
  const now = Date.parse(body.now);
  return { now, today: chinaDate(now) };
}
