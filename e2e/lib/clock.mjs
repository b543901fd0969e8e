// The server's clock, as journeys must see it. The run starts the server at a fixed moment (E2E_CLOCK_START in
// harness.mjs) and some journeys move it forward (POST /api/v1/test/clock, listed at the top of e2e/run.mjs), so a
// journey never takes a date from its own clock (Date.now()) or from the browser's: it asks the server.

/** The server's moment and its Beijing date (GET /api/v1/meta/today, public): `{ now: ms, today: 'YYYY-MM-DD' }`. */
export async function serverClock(baseURL) {
  const res = await fetch(`${baseURL}/api/v1/meta/today`);
  if (!res.ok) throw new Error(`GET /meta/today: HTTP ${res.status} ${await res.text()}`);
  const body = await res.json();
  return { now: Date.parse(body.now), today: body.today };
}
