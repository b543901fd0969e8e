/**
 * An independent re-implementation of zhifa-draw/v1, written only from DRAW_ALGORITHM_DESCRIPTION (description.ts):
 * it reads the four published files as text and uses nothing but node:crypto — no code of the draw module. Deliberately
 * different in style (eager array shuffles, BigInt arithmetic, Buffer words) so a shared mistake is unlikely.
 */
import { createHash, createHmac } from 'node:crypto';

export interface IndependentPick {
  targetId: string;
  team: string[];
}

export function independentDraw(seedHex: string, files: { targets: string; inspectors: string; recusals: string; params: string }): IndependentPick[] {
  const sha = (s: string) => createHash('sha256').update(Buffer.from(s, 'utf8')).digest('hex');
  const msg = `zhifa-draw/v1\n${sha(files.targets)}\n${sha(files.inspectors)}\n${sha(files.recusals)}\n${sha(files.params)}\n`;
  const key = createHmac('sha256', Buffer.from(seedHex, 'hex')).update(msg, 'utf8').digest();

  const stream = (label: string) => {
    let n = 0;
    const words: number[] = [];
    const word = () => {
      if (words.length === 0) {
        const b = createHmac('sha256', key).update(`${label}\n${n++}`, 'utf8').digest();
        for (let o = 0; o < 32; o += 4) words.push(b.readUInt32BE(o));
      }
      return words.shift()!;
    };
    return (m: number) => {
      const limit = 2 ** 32 - (2 ** 32 % m);
      for (;;) {
        const w = word();
        if (w < limit) return w % m;
      }
    };
  };
  // Eager partial Fisher–Yates on a copy; yields picks one at a time.
  const shuffler = <T>(list: T[], below: (m: number) => number) => {
    const a = list.slice();
    let i = 0;
    return { has: () => i < a.length, pick: (): T => { const j = i + below(a.length - i); [a[i], a[j]] = [a[j]!, a[i]!]; return a[i++]!; } };
  };

  const rows = (t: string) => (t === '' ? [] : t.slice(0, -1).split('\n').map((l) => l.split('\t')));
  const targets = rows(files.targets).map(([id, region, industry, risk, credit, last, count]) => ({ id: id!, region: region!, industry: industry!, risk: risk!, credit: credit!, last: last!, count: Number(count) }));
  const inspectors = rows(files.inspectors).map(([id, agency]) => ({ id: id!, agency: agency! }));
  const recused = new Set(rows(files.recusals).map(([i, t]) => `${i}|${t}`));
  const p = JSON.parse(files.params);

  const day = (d: string) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / 864e5;
  const inList = (list: string[] | undefined, v: string) => !list || list.length === 0 || list.includes(v);
  const perStratum = new Map<string, typeof targets>();
  for (const s of p.strata) perStratum.set(s.key, []);
  for (const t of targets) {
    const s = p.strata.find((s: { key: string; match: { industries?: string[]; risks?: string[]; credits?: string[]; regionPrefixes?: string[] } }) => inList(s.match.industries, t.industry) && inList(s.match.risks, t.risk) && inList(s.match.credits, t.credit) && (!s.match.regionPrefixes || s.match.regionPrefixes.length === 0 || s.match.regionPrefixes.some((x: string) => t.region.startsWith(x))));
    if (!s) continue;
    if (p.exclusionDays > 0 && t.last !== '-' && day(p.drawDate) - day(t.last) < p.exclusionDays) continue;
    if (p.yearlyCap > 0 && t.count >= p.yearlyCap) continue;
    perStratum.get(s.key)!.push(t);
  }

  const drawn: (typeof targets)[number][] = [];
  for (const s of p.strata) {
    const elig = perStratum.get(s.key)!;
    if (s.count !== undefined) {
      const sh = shuffler(elig, stream(`targets|${s.key}`));
      for (let k = 0; k < Math.min(s.count, elig.length); k++) drawn.push(sh.pick());
    } else {
      for (const risk of ['high', 'medium', 'low']) for (const credit of ['A', 'B', 'C', 'D']) {
        const cell = elig.filter((t) => t.risk === risk && t.credit === credit);
        const num = BigInt(cell.length) * BigInt(s.ratioBp) * BigInt(p.riskPct[risk]) * BigInt(p.creditPct[credit]);
        const want = Math.min(cell.length, Number((num + 99999999n) / 100000000n));
        const sh = shuffler(cell, stream(`targets|${s.key}|${risk}|${credit}`));
        for (let k = 0; k < want; k++) drawn.push(sh.pick());
      }
    }
  }

  const agencies: string[] = p.team.agencies;
  const pool = (a: string) => inspectors.filter((x) => x.agency === a).map((x) => x.id);
  const unionPool = inspectors.filter((x) => agencies.includes(x.agency)).map((x) => x.id);
  const load = new Map<string, number>();
  return drawn.map((t) => {
    const below = stream(`team|${t.id}`);
    const team: string[] = [];
    const fill = (from: string[], k: number) => {
      const sh = shuffler(from, below);
      let got = 0;
      while (got < k && sh.has()) {
        const x = sh.pick();
        if (team.includes(x) || recused.has(`${x}|${t.id}`)) continue;
        if (p.team.maxTasksPerInspector > 0 && (load.get(x) ?? 0) >= p.team.maxTasksPerInspector) continue;
        team.push(x);
        got++;
      }
      return got === k;
    };
    let ok = true;
    if (p.team.mode === 'same-department') {
      const a = agencies.length === 1 ? agencies[0]! : agencies[below(agencies.length)]!;
      ok = fill(pool(a), p.team.size);
    } else {
      for (const a of agencies) if (!fill(pool(a), 1)) ok = false;
      if (ok) ok = fill(unionPool, p.team.size - agencies.length);
    }
    if (ok) for (const x of team) load.set(x, (load.get(x) ?? 0) + 1);
    return { targetId: t.id, team: ok ? team : [] };
  });
}
