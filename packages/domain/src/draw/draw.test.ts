import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CREDIT_CLASSES,
  RISK_LEVELS,
  cellCount,
  checkDrawParams,
  drawSpotCheck,
  encodeInspectors,
  encodeParams,
  encodeRecusals,
  encodeTargets,
  hmac,
  inputHashes,
  parseInspectors,
  parseRecusals,
  parseTargets,
  seedCommitment,
  verifySeed,
  DrawStream,
  type DrawInspector,
  type DrawParams,
  type DrawRecusal,
  type DrawTarget,
} from './draw.ts';
import { independentDraw } from './test/independent-draw.ts';
import { toHex } from '../ledger/hex.ts';

const sha256 = (d: Uint8Array) => new Uint8Array(createHash('sha256').update(d).digest());

function baseParams(over: Partial<DrawParams> = {}): DrawParams {
  return {
    algorithm: 'zhifa-draw/v1',
    drawDate: '2026-06-15',
    strata: [{ key: 'all', match: {}, ratioBp: 1000 }],
    riskPct: { high: 200, medium: 100, low: 50 },
    creditPct: { A: 50, B: 100, C: 150, D: 200 },
    exclusionDays: 90,
    yearlyCap: 2,
    team: { size: 2, mode: 'same-department', agencies: ['AG1'], maxTasksPerInspector: 0 },
    ...over,
  };
}

interface World {
  targets: DrawTarget[];
  inspectors: DrawInspector[];
  recusals: DrawRecusal[];
  params: DrawParams;
  seedHex: string;
}

function run(w: World) {
  const files = { targets: encodeTargets(w.targets), inspectors: encodeInspectors(w.inspectors), recusals: encodeRecusals(w.recusals), params: encodeParams(w.params) };
  const targets = parseTargets(files.targets);
  const inspectors = parseInspectors(files.inspectors);
  const result = drawSpotCheck({ hash: sha256, seedHex: w.seedHex, hashes: inputHashes(sha256, files), params: w.params, targets, inspectors, recusals: parseRecusals(files.recusals) });
  return { files, result };
}

const dateArb = fc.integer({ min: 0, max: 500 }).map((d) => new Date(Date.UTC(2025, 0, 1) + d * 864e5).toISOString().slice(0, 10));

const worldArb: fc.Arbitrary<World> = fc
  .record({
    nTargets: fc.integer({ min: 0, max: 60 }),
    nInspectors: fc.integer({ min: 0, max: 14 }),
    agencies: fc.integer({ min: 1, max: 3 }),
    joint: fc.boolean(),
    size: fc.integer({ min: 2, max: 4 }),
    maxTasks: fc.integer({ min: 0, max: 4 }),
    seed: fc.uint8Array({ minLength: 32, maxLength: 32 }),
    rows: fc.array(fc.record({ region: fc.constantFrom('130302', '130303', '130322'), industry: fc.constantFrom('C', 'F', 'H'), risk: fc.constantFrom(...RISK_LEVELS), credit: fc.constantFrom(...CREDIT_CLASSES), last: fc.option(dateArb), count: fc.integer({ min: 0, max: 3 }) }), { minLength: 60, maxLength: 60 }),
    insAgency: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 14, maxLength: 14 }),
    recusalPairs: fc.array(fc.tuple(fc.nat(13), fc.nat(59), fc.constantFrom('declared' as const, 'recent' as const)), { maxLength: 80 }),
    useCount: fc.boolean(),
    ratioBp: fc.integer({ min: 0, max: 10000 }),
    count: fc.integer({ min: 0, max: 30 }),
    exclusionDays: fc.integer({ min: 0, max: 200 }),
    yearlyCap: fc.integer({ min: 0, max: 3 }),
  })
  .map((r) => {
    const agencies = ['AG1', 'AG2', 'AG3'].slice(0, r.joint ? Math.max(2, r.agencies) : r.agencies);
    const targets = Array.from({ length: r.nTargets }, (_, i) => {
      const x = r.rows[i]!;
      return { id: `T${String(i).padStart(4, '0')}`, region: x.region, industry: x.industry, risk: x.risk, credit: x.credit, lastInspectedOn: x.last, inspectionsThisYear: x.count };
    });
    const inspectors = Array.from({ length: r.nInspectors }, (_, i) => ({ id: `P${String(i).padStart(3, '0')}`, agencyId: `AG${(r.insAgency[i]! % 3) + 1}` }));
    const seen = new Set<string>();
    const recusals = r.recusalPairs
      .filter(([i, t]) => i < r.nInspectors && t < r.nTargets)
      .map(([i, t, reason]) => ({ inspectorId: inspectors[i]!.id, targetId: targets[t]!.id, reason }))
      .filter((x) => (seen.has(x.inspectorId + x.targetId) ? false : (seen.add(x.inspectorId + x.targetId), true)));
    const params = baseParams({
      strata: [
        r.useCount ? { key: 'industry-C', match: { industries: ['C'] }, count: r.count } : { key: 'industry-C', match: { industries: ['C'] }, ratioBp: r.ratioBp },
        { key: 'rest', match: { regionPrefixes: ['1303'] }, ratioBp: r.ratioBp },
      ],
      exclusionDays: r.exclusionDays,
      yearlyCap: r.yearlyCap,
      team: { size: Math.max(r.size, r.joint ? agencies.length : 2), mode: r.joint ? 'joint' : 'same-department', agencies, maxTasksPerInspector: r.maxTasks },
    });
    return { targets, inspectors, recusals, params, seedHex: toHex(r.seed) };
  });

describe('zhifa-draw/v1 primitives', () => {
  it('HMAC over the injected hash equals RFC 4231 test case 2', () => {
    const mac = hmac(sha256, new TextEncoder().encode('Jefe'), new TextEncoder().encode('what do ya want for nothing?'));
    expect(toHex(mac)).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('HMAC with a key longer than the block hashes the key first (RFC 4231 test case 6)', () => {
    const key = new Uint8Array(131).fill(0xaa);
    const mac = hmac(sha256, key, new TextEncoder().encode('Test Using Larger Than Block-Size Key - Hash Key First'));
    expect(toHex(mac)).toBe('60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54');
  });

  it('commitment is SHA-256 of the seed bytes and only the true seed opens it', () => {
    const seed = '00'.repeat(31) + '01';
    const c = seedCommitment(sha256, seed);
    expect(c).toBe(createHash('sha256').update(Buffer.from(seed, 'hex')).digest('hex'));
    expect(verifySeed(sha256, seed, c)).toBe(true);
    expect(verifySeed(sha256, '00'.repeat(32), c)).toBe(false);
    expect(verifySeed(sha256, 'zz', c)).toBe(false);
    expect(() => seedCommitment(sha256, 'ab')).toThrow(/32 bytes/);
  });

  it('below(m) stays in range and is roughly uniform', () => {
    const s = new DrawStream(sha256, new Uint8Array(32), 'test');
    const counts = new Array(7).fill(0);
    for (let i = 0; i < 7000; i++) counts[s.below(7)]++;
    for (const c of counts) expect(c).toBeGreaterThan(850);
    expect(s.below(1)).toBe(0);
  });

  it('cell counts round up and never exceed the cell', () => {
    expect(cellCount(100, 300, 100, 100)).toBe(3); // 3 % of 100 (企业公示信息抽查暂行办法 Art.4)
    expect(cellCount(101, 300, 100, 100)).toBe(4);
    expect(cellCount(10, 10000, 500, 500)).toBe(10);
    expect(cellCount(0, 5000, 100, 100)).toBe(0);
    expect(cellCount(40, 300, 200, 200)).toBe(5); // 40 × 12 % = 4.8 → 5
  });

  it('refuses teams of fewer than two and joint plans with one agency, citing the rule', () => {
    const p = checkDrawParams(baseParams({ team: { size: 1, mode: 'joint', agencies: ['AG1'], maxTasksPerInspector: 0 } }));
    expect(p.map((x) => x.path)).toEqual(expect.arrayContaining(['team.size', 'team.mode']));
    expect(p.find((x) => x.path === 'team.size')!.citation).toMatch(/Art\.9/);
    expect(checkDrawParams(baseParams())).toEqual([]);
    expect(checkDrawParams(baseParams({ strata: [{ key: 'a', match: {}, count: 1, ratioBp: 1 }] }))[0]!.path).toBe('strata.0');
  });

  it('input files round-trip and refuse duplicates', () => {
    const t: DrawTarget = { id: 'B', region: '130302', industry: 'C', risk: 'low', credit: 'A', lastInspectedOn: null, inspectionsThisYear: 0 };
    const text = encodeTargets([t, { ...t, id: 'A', lastInspectedOn: '2026-01-02', inspectionsThisYear: 2 }]);
    expect(text).toBe('A\t130302\tC\tlow\tA\t2026-01-02\t2\nB\t130302\tC\tlow\tA\t-\t0\n');
    expect(parseTargets(text).map((x) => x.id)).toEqual(['A', 'B']);
    expect(() => encodeTargets([t, t])).toThrow(/duplicate/);
    expect(() => encodeTargets([{ ...t, industry: 'C\tx' }])).toThrow(/tab/);
  });
});

describe('zhifa-draw/v1 properties', () => {
  it('never violates recusal, team, department, exclusion, cap or load constraints', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const { result } = run(w);
        const byId = new Map(w.targets.map((t) => [t.id, t]));
        const agencyOf = new Map(w.inspectors.map((x) => [x.id, x.agencyId]));
        const recused = new Set(w.recusals.map((r) => r.inspectorId + '|' + r.targetId));
        const today = Date.parse(w.params.drawDate);
        const load = new Map<string, number>();
        const ids = result.selections.map((s) => s.targetId);
        expect(new Set(ids).size).toBe(ids.length);
        for (const s of result.selections) {
          const t = byId.get(s.targetId)!;
          if (w.params.exclusionDays > 0 && t.lastInspectedOn) expect((today - Date.parse(t.lastInspectedOn)) / 864e5).toBeGreaterThanOrEqual(w.params.exclusionDays);
          if (w.params.yearlyCap > 0) expect(t.inspectionsThisYear).toBeLessThan(w.params.yearlyCap);
          if (s.unstaffed) { expect(s.team).toEqual([]); continue; }
          expect(s.team.length).toBe(w.params.team.size);
          expect(new Set(s.team).size).toBe(s.team.length);
          for (const m of s.team) {
            expect(recused.has(m + '|' + s.targetId)).toBe(false);
            expect(w.params.team.agencies).toContain(agencyOf.get(m));
            load.set(m, (load.get(m) ?? 0) + 1);
          }
          if (w.params.team.mode === 'same-department') for (const m of s.team) expect(agencyOf.get(m)).toBe(s.agencyId);
          else for (const a of w.params.team.agencies) expect(s.team.some((m) => agencyOf.get(m) === a)).toBe(true);
        }
        if (w.params.team.maxTasksPerInspector > 0) for (const n of load.values()) expect(n).toBeLessThanOrEqual(w.params.team.maxTasksPerInspector);
        for (const c of result.cells) expect(c.drawn).toBeLessThanOrEqual(c.eligible);
        expect(result.selections.length).toBe(result.cells.reduce((a, c) => a + c.drawn, 0));
      }),
      { numRuns: 300 },
    );
  });

  it('a team is unstaffed only when no eligible team exists without load limits (recusal leaves too few)', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        w.params.team.maxTasksPerInspector = 0;
        const { result } = run(w);
        const recused = new Set(w.recusals.map((r) => r.inspectorId + '|' + r.targetId));
        for (const s of result.selections.filter((x) => x.unstaffed)) {
          const free = (a: string) => w.inspectors.filter((x) => x.agencyId === a && !recused.has(x.id + '|' + s.targetId)).length;
          if (w.params.team.mode === 'same-department') expect(free(s.agencyId!)).toBeLessThan(w.params.team.size);
          else {
            const all = w.params.team.agencies.reduce((n, a) => n + free(a), 0);
            expect(w.params.team.agencies.some((a) => free(a) === 0) || all < w.params.team.size).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('is deterministic, and independent of the order the directories were supplied in', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const a = run(w).result;
        const b = run({ ...w, targets: [...w.targets].reverse(), inspectors: [...w.inspectors].reverse(), recusals: [...w.recusals].reverse() }).result;
        expect(b).toEqual(a);
      }),
      { numRuns: 100 },
    );
  });

  it('the independent re-implementation from the published description reproduces every draw', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const { files, result } = run(w);
        expect(independentDraw(w.seedHex, files)).toEqual(result.selections.map((s) => ({ targetId: s.targetId, team: s.team })));
      }),
      { numRuns: 200 },
    );
  });

  it('a different seed or a changed directory gives a different key', () => {
    const w = fc.sample(worldArb, { numRuns: 1, seed: 42 })[0]!;
    const a = run(w).result;
    expect(run({ ...w, seedHex: 'ff'.repeat(32) }).result.key).not.toBe(a.key);
    const t = { id: 'Z9999', region: '130302', industry: 'C', risk: 'low' as const, credit: 'A' as const, lastInspectedOn: null, inspectionsThisYear: 0 };
    expect(run({ ...w, targets: [...w.targets, t] }).result.key).not.toBe(a.key);
  });

  it('refuses unsorted directories rather than drawing from a different order', () => {
    const w = fc.sample(worldArb.filter((x) => x.targets.length > 2), { numRuns: 1, seed: 7 })[0]!;
    const { files } = run(w);
    const targets = parseTargets(files.targets).reverse();
    expect(() => drawSpotCheck({ hash: sha256, seedHex: w.seedHex, hashes: inputHashes(sha256, files), params: w.params, targets, inspectors: [], recusals: [] })).toThrow(/sorted/);
  });
});

describe('zhifa-draw/v1 injected HMAC', () => {
  it('a platform HMAC gives the same draw as the HMAC over the injected hash', async () => {
    const { createHmac } = await import('node:crypto');
    const mac = (k: Uint8Array, m: Uint8Array) => new Uint8Array(createHmac('sha256', k).update(m).digest());
    fc.assert(
      fc.property(worldArb, (w) => {
        const { files, result } = run(w);
        const again = drawSpotCheck({ hash: sha256, hmac: mac, seedHex: w.seedHex, hashes: inputHashes(sha256, files), params: w.params, targets: parseTargets(files.targets), inspectors: parseInspectors(files.inspectors), recusals: parseRecusals(files.recusals) });
        expect(again).toEqual(result);
      }),
      { numRuns: 50 },
    );
  });
});
