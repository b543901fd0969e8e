import { describe, expect, it, afterAll, beforeAll } from 'vitest';
import { makeWorld, type World } from './factories.ts';
import { makeTestApp, type TestApp } from './helpers.ts';

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await makeTestApp();
  w = await makeWorld(t);
  await t.services.numbering.configure(t.db, w.cityMarket.id, { agencyCode: '冀秦市监' });
});
afterAll(async () => t?.close());

describe('文号 allocation (domain-rules DOC4: never reused, no gap)', () => {
  it('50 parallel transactions get 50 distinct consecutive numbers', async () => {
    const got = await Promise.all(
      Array.from({ length: 50 }, () => t.db.transaction((tx) => t.services.numbering.allocate(tx, w.cityMarket.id, 'penalty_decision', '罚', 2026))),
    );
    const seqs = got.map((g) => g.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(got.map((g) => g.number)).size).toBe(50);
    expect(got.find((g) => g.seq === 12)!.number).toBe('冀秦市监罚〔2026〕12号');
  });

  it('a rolled-back step gives its number back; another year or agency starts at 1', async () => {
    const failed = t.db.transaction(async (tx) => {
      await t.services.numbering.allocate(tx, w.cityMarket.id, 'penalty_decision', '罚', 2026);
      throw new Error('the step was refused after allocating');
    });
    await expect(failed).rejects.toThrow('refused');
    const next = await t.db.transaction((tx) => t.services.numbering.allocate(tx, w.cityMarket.id, 'penalty_decision', '罚', 2026));
    expect(next.seq).toBe(51);
    expect((await t.db.transaction((tx) => t.services.numbering.allocate(tx, w.cityMarket.id, 'penalty_decision', '罚', 2027))).seq).toBe(1);
    expect((await t.db.transaction((tx) => t.services.numbering.allocate(tx, w.otherMarket.id, 'penalty_decision', '罚', 2026))).seq).toBe(1);
  });

  it('padding and templates are configurable per agency', async () => {
    await t.services.numbering.configure(t.db, w.otherMarket.id, { agencyCode: '冀石市监', padding: 3, templates: { case: '{agencyCode}{business}字〔{year}〕{seq}号' } });
    const n = await t.db.transaction((tx) => t.services.numbering.allocate(tx, w.otherMarket.id, 'case', '立', 2026));
    expect(n.number).toBe('冀石市监立字〔2026〕001号');
  });
});

describe('numbering settings are validated', () => {
  it('refuses a template without 〔{year}〕 or with 第', async () => {
    await expect(t.services.numbering.configure(t.db, w.otherMarket.id, { agencyCode: '冀石市监', templates: { case: '{agencyCode}{business}[{year}]第{seq}号' } })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
