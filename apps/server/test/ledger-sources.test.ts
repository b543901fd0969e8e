import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../src/lib/clock.ts';
import { verifyLedger } from '../src/modules/ledger/index.ts';
import { seedDemoCases, seedDemoCity, seedDemoCommand, seedDemoEnforcement, seedDemoLicensing, seedDemoPublicity, seedDemoSpotChecks } from '../src/seed/index.ts';
import { makeTestApp, type TestApp } from './helpers.ts';

// Issue #8: every procedure's events, every publication and its withdrawals are leaves of the tamper-evident log, so
// the verifier names a row edited or deleted behind the application's back — over the whole demo city.
let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
  const today = chinaDate(t.clock.now());
  await seedDemoCity(t.services, t.db, { now: t.clock.now() });
  await seedDemoCases(t.services, t.db, { today });
  await seedDemoLicensing(t.services, t.db, { today });
  await seedDemoEnforcement(t.services, t.db, { today });
  await seedDemoPublicity(t.services, t.db, { today });
  await seedDemoSpotChecks(t.services, t.db, { today, targets: 200 });
  await seedDemoCommand(t.services, t.db);
  while ((await t.services.ledger.sequence()) > 0);
  await t.services.ledger.checkpoint();
}, 240_000);
afterAll(async () => t?.close());

/** A database administrator working around the application (triggers off). */
async function asDba(statement: string) {
  await t.db.transaction(async (tx) => {
    await tx.execute(sql.raw('set local session_replication_role = replica'));
    await tx.execute(sql.raw(statement));
  });
}
const firstId = async (table: string) => ((await t.db.execute(sql.raw(`select id from ${table} order by id limit 1`))) as unknown as { rows: { id: string | number }[] }).rows[0]!.id;

const KINDS = ['case_event', 'case_document', 'licence_application_event', 'licensing_ban', 'inspection_event', 'coercive_measure_event', 'spot_check_event', 'publication', 'complaint_event', 'command_event'] as const;

describe('procedure events and publications in the log', () => {
  it('logs the demo city’s rows of every kind, and the verifier finds nothing wrong', async () => {
    const kinds = ((await t.db.execute(sql.raw('select kind, count(*)::int as n from ledger_entries group by kind'))) as unknown as { rows: { kind: string; n: number }[] }).rows;
    const seen = new Map(kinds.map((k) => [k.kind, k.n]));
    // The demo has no complaint and no ban yet; every other kind is there.
    for (const k of KINDS.filter((x) => x !== 'complaint_event' && x !== 'licensing_ban')) expect(seen.get(k) ?? 0, k).toBeGreaterThan(0);
    const r = await verifyLedger(t.db);
    expect(r.findings).toEqual([]);
  }, 120_000);

  it('names an edited publication, a deleted licence event, an edited spot-check event, case event and case document', async () => {
    const pub = await firstId('publications');
    await asDba(`update publications set facts = facts || '（已核实）' where id = '${pub}'`);
    const lic = await firstId('licence_application_events');
    await asDba(`delete from licence_application_events where id = ${lic}`);
    const sc = await firstId('spot_check_events');
    await asDba(`update spot_check_events set action = 'forged' where id = ${sc}`);
    const ce = await firstId('case_events');
    await asDba(`update case_events set payload = '{}'::jsonb where id = ${ce}`);
    const doc = await firstId('case_documents');
    await asDba(`update case_documents set data = data || '{"forged": true}'::jsonb where id = '${doc}'`);
    const r = await verifyLedger(t.db);
    const where = r.findings.map((f) => `${f.code} ${f.where}`);
    expect(where).toEqual(
      expect.arrayContaining([`record_altered publications#${pub}`, `record_deleted licence_application_events#${lic}`, `record_altered spot_check_events#${sc}`, `record_altered case_events#${ce}`, `record_altered case_documents#${doc}`]),
    );
  }, 120_000);
});
