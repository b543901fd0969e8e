import type { HashFn } from '../ledger/merkle.ts';
import { fromHex, toHex } from '../ledger/hex.ts';

/**
 * 双随机、一公开: the publicly verifiable random draw of inspection targets and inspectors (domain-rules §8 I2, I3, I5, I7,
 * I8, I10). Commit–reveal: the agency publishes SHA-256(seed) before drawing, draws from the seed and the hashes of the
 * published input files, then reveals the seed so anyone can recompute the selection with `DRAW_ALGORITHM_DESCRIPTION`.
 *
 * Everything here is integer arithmetic over byte strings so that a re-implementation in any language gives the same
 * answer: no floating point, no locale-dependent sorting (ids compare by UTF-16 code unit, which equals byte order for
 * the ASCII ids used), no platform RNG. The hash is injected (the domain package has no Node APIs).
 */

export const DRAW_ALGORITHM = 'zhifa-draw/v1';

export const RISK_LEVELS = ['high', 'medium', 'low'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const RISK_LEVEL_LABELS: Record<RiskLevel, string> = { high: '高风险', medium: '中风险', low: '低风险' };

/** 企业信用风险分类 A (lowest risk) … D (highest); SAMR's four-class scheme (domain-rules §8 I3, I7 "2025 revision"). */
export const CREDIT_CLASSES = ['A', 'B', 'C', 'D'] as const;
export type CreditClass = (typeof CREDIT_CLASSES)[number];
export const CREDIT_CLASS_LABELS: Record<CreditClass, string> = {
  A: 'A类（信用风险低）',
  B: 'B类（信用风险一般）',
  C: 'C类（信用风险较高）',
  D: 'D类（信用风险高）',
};

export const RECUSAL_REASONS = ['declared', 'recent'] as const;
export type RecusalReason = (typeof RECUSAL_REASONS)[number];
export const RECUSAL_REASON_LABELS: Record<RecusalReason, string> = { declared: '申报的利害关系', recent: '近期检查过该对象' };

export interface DrawTarget {
  /** Unified social credit code (GB 32100), the directory's key. */
  id: string;
  /** 6-digit GB/T 2260 county code of the target's place of business. */
  region: string;
  /** Industry code (GB/T 4754 section letter or finer). */
  industry: string;
  risk: RiskLevel;
  credit: CreditClass;
  /** Date of the last inspection of this target by any agency, or null. */
  lastInspectedOn: string | null;
  /** Inspections of this target so far in the draw's calendar year (国办发〔2024〕54号 yearly cap, §8 I10). */
  inspectionsThisYear: number;
}

export interface DrawInspector {
  /** Officer id; only certified enforcement officers are listed (auxiliary staff never, §8 I10). */
  id: string;
  agencyId: string;
}

export interface DrawRecusal {
  inspectorId: string;
  targetId: string;
  reason: RecusalReason;
}

export interface StratumMatch {
  industries?: string[];
  regionPrefixes?: string[];
  risks?: RiskLevel[];
  credits?: CreditClass[];
}

/** A stratum takes either a fixed `count` or a `ratioBp` (basis points, 1/10000) of its eligible targets. */
export interface DrawStratum {
  key: string;
  match: StratumMatch;
  count?: number;
  ratioBp?: number;
}

export interface DrawParams {
  algorithm: typeof DRAW_ALGORITHM;
  /** The draw's date (Beijing); the exclusion window and the yearly cap count back from it. */
  drawDate: string;
  /** Strata in priority order: a target belongs to the first it matches; unmatched targets are not drawn. */
  strata: DrawStratum[];
  /**
   * Percent multipliers applied to ratio strata per risk level and credit class (§8 I3: more for poor credit or high
   * risk, fewer for good credit). 100 = unchanged.
   */
  riskPct: Record<RiskLevel, number>;
  creditPct: Record<CreditClass, number>;
  /** Targets inspected fewer than this many days before the draw date are skipped. 0 = no window. */
  exclusionDays: number;
  /** Targets already inspected this many times this year are skipped (国办发〔2024〕54号). 0 = no cap. */
  yearlyCap: number;
  team: {
    /** ≥ 2 (企业公示信息抽查暂行办法 Art.9; 行政处罚法 Art.42). */
    size: number;
    /** same-department: the whole team from one agency; joint: at least one from each agency (§8 I5). */
    mode: 'same-department' | 'joint';
    /** Participating agencies, sorted, unique. */
    agencies: string[];
    /** Most teams one inspector joins in this draw. 0 = unlimited. */
    maxTasksPerInspector: number;
  };
}

export interface DrawInputHashes {
  targets: string;
  inspectors: string;
  recusals: string;
  params: string;
}

export interface DrawSelection {
  targetId: string;
  stratum: string;
  risk: RiskLevel;
  credit: CreditClass;
  /** The agency the team was drawn from (same-department), or null for a joint team. */
  agencyId: string | null;
  /** Inspector ids in draw order; empty when no eligible team could be formed (`unstaffed`). */
  team: string[];
  unstaffed: boolean;
  /** This visit brings the target to the yearly cap (国办发〔2024〕54号 "warn"). */
  reachesCap: boolean;
}

export interface DrawCell {
  stratum: string;
  risk: RiskLevel | null;
  credit: CreditClass | null;
  eligible: number;
  drawn: number;
}

export interface DrawResult {
  algorithm: typeof DRAW_ALGORITHM;
  /** HMAC key the streams derive from (hex); published with the seed. */
  key: string;
  cells: DrawCell[];
  selections: DrawSelection[];
  skipped: { recent: number; cap: number; unmatched: number };
  /** Every candidate passed over because of recusal, in the order met (§8 I8: the conflict check is logged). */
  recusalsApplied: DrawRecusal[];
}

// ---------------------------------------------------------------------------------------------------------------
// Canonical input files. The hashes are over exactly these bytes (UTF-8); the published files are these texts.

const TAB = '\t';

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const FIELD_RE = /^[^\t\n]+$/;
function field(v: string, name: string): string {
  if (!FIELD_RE.test(v)) throw new RangeError(`draw input: ${name} '${v}' is empty or holds a tab/newline`);
  return v;
}

/** One line per target, sorted by id: id, region, industry, risk, credit, last inspection date or '-', count this year. */
export function encodeTargets(targets: readonly DrawTarget[]): string {
  const sorted = [...targets].sort((a, b) => compareIds(a.id, b.id));
  const parts: string[] = new Array(sorted.length);
  for (let i = 0; i < sorted.length; i++) {
    const t = sorted[i]!;
    if (i > 0 && sorted[i - 1]!.id === t.id) throw new RangeError(`draw input: duplicate target ${t.id}`);
    parts[i] =
      field(t.id, 'id') + TAB + field(t.region, 'region') + TAB + field(t.industry, 'industry') + TAB + t.risk + TAB +
      t.credit + TAB + (t.lastInspectedOn ?? '-') + TAB + String(t.inspectionsThisYear) + '\n';
  }
  return parts.join('');
}

export function encodeInspectors(inspectors: readonly DrawInspector[]): string {
  const sorted = [...inspectors].sort((a, b) => compareIds(a.id, b.id));
  return sorted.map((x) => field(x.id, 'inspector id') + TAB + field(x.agencyId, 'agency id') + '\n').join('');
}

export function encodeRecusals(recusals: readonly DrawRecusal[]): string {
  const sorted = [...recusals].sort((a, b) => compareIds(a.inspectorId, b.inspectorId) || compareIds(a.targetId, b.targetId) || compareIds(a.reason, b.reason));
  return sorted.map((r) => field(r.inspectorId, 'inspector id') + TAB + field(r.targetId, 'target id') + TAB + r.reason + '\n').join('');
}

/** JSON with object keys sorted at every level and no whitespace. */
export function drawCanonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') {
    if (typeof v === 'number' && !Number.isSafeInteger(v)) throw new RangeError('drawCanonicalJson: only safe integers');
    return JSON.stringify(v);
  }
  if (Array.isArray(v)) return '[' + v.map(drawCanonicalJson).join(',') + ']';
  const o = v as Record<string, unknown>;
  return '{' + Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => JSON.stringify(k) + ':' + drawCanonicalJson(o[k])).join(',') + '}';
}

export function encodeParams(p: DrawParams): string {
  return drawCanonicalJson(p);
}

function lines(text: string): string[][] {
  if (text === '') return [];
  if (!text.endsWith('\n')) throw new RangeError('draw input: the file must end with a newline');
  return text.slice(0, -1).split('\n').map((l) => l.split(TAB));
}

function isRisk(v: string): v is RiskLevel {
  return (RISK_LEVELS as readonly string[]).includes(v);
}
function isCredit(v: string): v is CreditClass {
  return (CREDIT_CLASSES as readonly string[]).includes(v);
}

export function parseTargets(text: string): DrawTarget[] {
  return lines(text).map((f, i) => {
    const [id, region, industry, risk, credit, last, count] = f;
    if (f.length !== 7 || !isRisk(risk!) || !isCredit(credit!) || !/^\d+$/.test(count!)) throw new RangeError(`targets line ${i + 1} is malformed`);
    return { id: id!, region: region!, industry: industry!, risk, credit, lastInspectedOn: last === '-' ? null : last!, inspectionsThisYear: Number(count) };
  });
}

export function parseInspectors(text: string): DrawInspector[] {
  return lines(text).map((f, i) => {
    if (f.length !== 2) throw new RangeError(`inspectors line ${i + 1} is malformed`);
    return { id: f[0]!, agencyId: f[1]! };
  });
}

export function parseRecusals(text: string): DrawRecusal[] {
  return lines(text).map((f, i) => {
    const reason = f[2]!;
    if (f.length !== 3 || !(RECUSAL_REASONS as readonly string[]).includes(reason)) throw new RangeError(`recusals line ${i + 1} is malformed`);
    return { inspectorId: f[0]!, targetId: f[1]!, reason: reason as RecusalReason };
  });
}

const utf8 = new TextEncoder();

export function hashText(hash: HashFn, text: string): string {
  return toHex(hash(utf8.encode(text)));
}

export function inputHashes(hash: HashFn, files: { targets: string; inspectors: string; recusals: string; params: string }): DrawInputHashes {
  return { targets: hashText(hash, files.targets), inspectors: hashText(hash, files.inspectors), recusals: hashText(hash, files.recusals), params: hashText(hash, files.params) };
}

/** The commitment published before the draw: SHA-256 of the 32 seed bytes, hex. */
export function seedCommitment(hash: HashFn, seedHex: string): string {
  const seed = fromHex(seedHex);
  if (seed.length !== 32) throw new RangeError('the draw seed must be 32 bytes');
  return toHex(hash(seed));
}

export function verifySeed(hash: HashFn, seedHex: string, commitment: string): boolean {
  try {
    return seedCommitment(hash, seedHex) === commitment.toLowerCase();
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// HMAC-SHA-256 (RFC 2104) over the injected hash, and the counter-mode streams.

const BLOCK = 64;

export function hmac(hash: HashFn, key: Uint8Array, msg: Uint8Array): Uint8Array {
  let k = key.length > BLOCK ? hash(key) : key;
  const inner = new Uint8Array(BLOCK + msg.length);
  const outer = new Uint8Array(BLOCK + 32);
  for (let i = 0; i < BLOCK; i++) {
    const b = i < k.length ? k[i]! : 0;
    inner[i] = b ^ 0x36;
    outer[i] = b ^ 0x5c;
  }
  inner.set(msg, BLOCK);
  const ih = hash(inner);
  if (ih.length !== 32) throw new RangeError('hmac: the hash must give 32 bytes');
  outer.set(ih, BLOCK);
  k = hash(outer);
  return k;
}

/** key = HMAC(seed, "zhifa-draw/v1\n" + the four input hashes, each followed by "\n"). */
export function deriveDrawKey(hash: HashFn, seedHex: string, h: DrawInputHashes): Uint8Array {
  const msg = `${DRAW_ALGORITHM}\n${h.targets}\n${h.inspectors}\n${h.recusals}\n${h.params}\n`;
  return hmac(hash, fromHex(seedHex), utf8.encode(msg));
}

/**
 * Block n of stream L is HMAC(key, L + "\n" + n) with n in decimal from 0; each block gives eight big-endian 32-bit words
 * used in order. `below(m)` rejects words ≥ 2^32 − (2^32 mod m) and answers word mod m, so every index is exactly uniform.
 */
export class DrawStream {
  private block: Uint8Array = new Uint8Array(0);
  private pos = 32;
  private n = 0;
  private readonly mac: HmacFn;
  constructor(hash: HashFn, private readonly key: Uint8Array, private readonly label: string, mac?: HmacFn) {
    this.mac = mac ?? ((k, m) => hmac(hash, k, m));
  }

  nextWord(): number {
    if (this.pos >= 32) {
      this.block = this.mac(this.key, utf8.encode(`${this.label}\n${this.n++}`));
      this.pos = 0;
    }
    const b = this.block;
    const p = this.pos;
    this.pos += 4;
    return ((b[p]! << 24) >>> 0) + (b[p + 1]! << 16) + (b[p + 2]! << 8) + b[p + 3]!;
  }

  below(m: number): number {
    if (!Number.isSafeInteger(m) || m < 1 || m > 0x100000000) throw new RangeError(`below(${m})`);
    const limit = 0x100000000 - (0x100000000 % m);
    for (;;) {
      const w = this.nextWord();
      if (w < limit) return w % m;
    }
  }
}

/**
 * Partial Fisher–Yates over positions 0..n−1 of a sorted list: step i picks j = i + below(n − i), swaps a[i] and a[j]
 * and yields a[i]. Sparse, so a step costs O(1) whatever n (a 1,000,000-entry directory is never copied).
 */
export class LazyShuffle {
  private i = 0;
  /** `swapped` may be a caller's reusable (cleared) map: a draw shuffles once per drawn target, so this saves garbage. */
  constructor(private readonly n: number, private readonly stream: DrawStream, private readonly swapped: Map<number, number> = new Map()) {
    swapped.clear();
  }

  get remaining(): number {
    return this.n - this.i;
  }

  next(): number {
    if (this.i >= this.n) throw new RangeError('LazyShuffle exhausted');
    const i = this.i++;
    const j = i + this.stream.below(this.n - i);
    const vi = this.swapped.get(i) ?? i;
    const vj = this.swapped.get(j) ?? j;
    this.swapped.set(j, vi);
    this.swapped.delete(i);
    return vj;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Parameter checks (the API answers these with 422 + citation before anything is stored).

export interface DrawParamProblem {
  path: string;
  message: string;
  messageZh: string;
  citation?: string;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function checkDrawParams(p: DrawParams): DrawParamProblem[] {
  const out: DrawParamProblem[] = [];
  const bad = (path: string, message: string, messageZh: string, citation?: string) => out.push({ path, message, messageZh, citation });
  if (p.algorithm !== DRAW_ALGORITHM) bad('algorithm', `unknown algorithm ${String(p.algorithm)}`, '未知抽取算法');
  if (!DATE_RE.test(p.drawDate)) bad('drawDate', 'drawDate must be YYYY-MM-DD', '抽取日期格式应为YYYY-MM-DD');
  if (p.strata.length === 0) bad('strata', 'at least one stratum', '至少设置一个抽取分层');
  const keys = new Set<string>();
  p.strata.forEach((s, i) => {
    if (!s.key || s.key.includes('\n') || s.key.includes('|')) bad(`strata.${i}.key`, 'stratum key must be non-empty without | or newline', '分层标识不能为空或含特殊字符');
    if (keys.has(s.key)) bad(`strata.${i}.key`, 'duplicate stratum key', '分层标识重复');
    keys.add(s.key);
    const hasCount = s.count !== undefined;
    const hasRatio = s.ratioBp !== undefined;
    if (hasCount === hasRatio) bad(`strata.${i}`, 'give either count or ratioBp', '每个分层须且只能设置数量或比例之一');
    if (hasCount && !(Number.isSafeInteger(s.count) && s.count! >= 0)) bad(`strata.${i}.count`, 'count must be a whole number ≥ 0', '抽取数量应为非负整数');
    if (hasRatio && !(Number.isSafeInteger(s.ratioBp) && s.ratioBp! >= 0 && s.ratioBp! <= 10000)) bad(`strata.${i}.ratioBp`, 'ratioBp must be 0..10000', '抽取比例应在0–100%之间');
  });
  for (const r of RISK_LEVELS) if (!(Number.isSafeInteger(p.riskPct[r]) && p.riskPct[r] >= 0 && p.riskPct[r] <= 500)) bad(`riskPct.${r}`, 'multiplier must be 0..500 %', '风险调整系数应在0–500%之间', '国发〔2019〕18号 §(九)');
  for (const c of CREDIT_CLASSES) if (!(Number.isSafeInteger(p.creditPct[c]) && p.creditPct[c] >= 0 && p.creditPct[c] <= 500)) bad(`creditPct.${c}`, 'multiplier must be 0..500 %', '信用调整系数应在0–500%之间', '国发〔2019〕18号 §(九)');
  if (!(Number.isSafeInteger(p.exclusionDays) && p.exclusionDays >= 0)) bad('exclusionDays', 'exclusionDays must be ≥ 0', '排除期应为非负整数');
  if (!(Number.isSafeInteger(p.yearlyCap) && p.yearlyCap >= 0)) bad('yearlyCap', 'yearlyCap must be ≥ 0', '年度检查上限应为非负整数');
  const t = p.team;
  if (!(Number.isSafeInteger(t.size) && t.size >= 2 && t.size <= 20)) bad('team.size', 'a team needs at least 2 inspectors', '检查组至少应有2名执法人员', '企业公示信息抽查暂行办法 Art.9; 行政处罚法 Art.42');
  if (t.agencies.length === 0) bad('team.agencies', 'at least one agency', '至少一个实施部门');
  const sortedAg = [...new Set(t.agencies)].sort(compareIds);
  if (sortedAg.length !== t.agencies.length || sortedAg.some((a, i) => a !== t.agencies[i])) bad('team.agencies', 'agencies must be sorted and unique', '实施部门须排序且不重复');
  if (t.mode === 'joint' && t.agencies.length < 2) bad('team.mode', 'a joint team needs at least two agencies', '联合检查至少需要两个部门', '国办发〔2015〕58号 §三(三)');
  if (t.mode === 'joint' && t.size < t.agencies.length) bad('team.size', 'a joint team needs at least one inspector per agency', '联合检查组每个部门至少一人', '国办发〔2015〕58号 §三(三)');
  if (!(Number.isSafeInteger(t.maxTasksPerInspector) && t.maxTasksPerInspector >= 0)) bad('team.maxTasksPerInspector', 'must be ≥ 0', '每人任务上限应为非负整数');
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The draw.

function dayNumber(date: string): number {
  return Math.floor(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000);
}

/** ceil(size × ratioBp × riskPct × creditPct / 10^8), at most size; exact in doubles (all factors bounded, < 2^53). */
export function cellCount(size: number, ratioBp: number, riskPct: number, creditPct: number): number {
  const n = size * ratioBp * riskPct * creditPct;
  return Math.min(size, Math.floor((n + 99_999_999) / 100_000_000));
}

/** HMAC-SHA-256(key, msg); the server injects the platform's (one native call instead of two hashes). */
export type HmacFn = (key: Uint8Array, msg: Uint8Array) => Uint8Array;

export interface DrawInput {
  hash: HashFn;
  /** Optional faster HMAC; must equal `hmac(hash, …)` (tested). */
  hmac?: HmacFn;
  seedHex: string;
  hashes: DrawInputHashes;
  params: DrawParams;
  /** Sorted by id (ascending, unique), exactly as in the targets file. */
  targets: readonly DrawTarget[];
  /** Sorted by id, exactly as in the inspectors file. */
  inspectors: readonly DrawInspector[];
  recusals: readonly DrawRecusal[];
}

export function drawSpotCheck(input: DrawInput): DrawResult {
  const { hash, params: p, targets, inspectors } = input;
  const problems = checkDrawParams(p);
  if (problems.length > 0) throw new RangeError(`draw parameters: ${problems.map((x) => `${x.path}: ${x.message}`).join('; ')}`);
  for (let i = 1; i < inspectors.length; i++) if (!(inspectors[i - 1]!.id < inspectors[i]!.id)) throw new RangeError('inspectors must be sorted by id and unique');

  const key = deriveDrawKey(hash, input.seedHex, input.hashes);
  const today = dayNumber(p.drawDate);

  // 1. Eligibility and strata: a target in the exclusion window or at the yearly cap is skipped (§8 I10). One pass
  //    into typed arrays (group = stratum × 12 + risk × 4 + credit), then a counting sort keeps file order per group.
  const skipped = { recent: 0, cap: 0, unmatched: 0 };
  const S = p.strata.length;
  const compiled = p.strata.map((s) => ({
    industries: s.match.industries && s.match.industries.length > 0 ? new Set(s.match.industries) : null,
    prefixes: s.match.regionPrefixes && s.match.regionPrefixes.length > 0 ? s.match.regionPrefixes : null,
    risks: s.match.risks && s.match.risks.length > 0 ? new Set<string>(s.match.risks) : null,
    credits: s.match.credits && s.match.credits.length > 0 ? new Set<string>(s.match.credits) : null,
  }));
  const riskIdx: Record<string, number> = { high: 0, medium: 1, low: 2 };
  const creditIdx: Record<string, number> = { A: 0, B: 1, C: 2, D: 3 };
  const dayCache = new Map<string, number>();
  const groupOf = new Int32Array(targets.length);
  const groupSize = new Int32Array(S * 12);
  for (let i = 0; i < targets.length; i++) {
    const t = targets[i]!;
    // The file order is the draw's order: refuse anything not strictly sorted (checked here, in the one pass).
    if (i > 0 && !(targets[i - 1]!.id < t.id)) throw new RangeError('targets must be sorted by id and unique');
    let s = -1;
    for (let k = 0; k < S; k++) {
      const m = compiled[k]!;
      if (m.industries && !m.industries.has(t.industry)) continue;
      if (m.prefixes) {
        let hit = false;
        for (const x of m.prefixes) if (t.region.startsWith(x)) { hit = true; break; }
        if (!hit) continue;
      }
      if (m.risks && !m.risks.has(t.risk)) continue;
      if (m.credits && !m.credits.has(t.credit)) continue;
      s = k;
      break;
    }
    groupOf[i] = -1;
    if (s < 0) { skipped.unmatched++; continue; }
    if (p.exclusionDays > 0 && t.lastInspectedOn !== null) {
      let d = dayCache.get(t.lastInspectedOn);
      if (d === undefined) dayCache.set(t.lastInspectedOn, (d = dayNumber(t.lastInspectedOn)));
      if (today - d < p.exclusionDays) { skipped.recent++; continue; }
    }
    if (p.yearlyCap > 0 && t.inspectionsThisYear >= p.yearlyCap) { skipped.cap++; continue; }
    const g = s * 12 + riskIdx[t.risk]! * 4 + creditIdx[t.credit]!;
    groupOf[i] = g;
    groupSize[g]!++;
  }
  const groupStart = new Int32Array(S * 12 + 1);
  for (let g = 0; g < S * 12; g++) groupStart[g + 1] = groupStart[g]! + groupSize[g]!;
  const ordered = new Int32Array(groupStart[S * 12]!);
  const cursor = groupStart.slice(0, S * 12);
  for (let i = 0; i < targets.length; i++) {
    const g = groupOf[i]!;
    if (g >= 0) ordered[cursor[g]!++] = i;
  }

  // 2. Targets: per stratum (count) or per stratum × risk × credit cell (ratio with multipliers), a partial Fisher–Yates.
  //    A count stratum draws over its whole eligible list in file order, i.e. the 12 groups merged back by index.
  const cells: DrawCell[] = [];
  const picked: { idx: number; stratum: string }[] = [];
  p.strata.forEach((s, k) => {
    const groups: { risk: RiskLevel | null; credit: CreditClass | null; list: Int32Array; count: number }[] = [];
    if (s.count !== undefined) {
      const list = ordered.slice(groupStart[k * 12]!, groupStart[k * 12 + 12]!).sort();
      groups.push({ risk: null, credit: null, list, count: Math.min(s.count, list.length) });
    } else {
      RISK_LEVELS.forEach((r, ri) => CREDIT_CLASSES.forEach((c, ci) => {
        const g = k * 12 + ri * 4 + ci;
        const list = ordered.subarray(groupStart[g]!, groupStart[g + 1]!);
        groups.push({ risk: r, credit: c, list, count: cellCount(list.length, s.ratioBp!, p.riskPct[r], p.creditPct[c]) });
      }));
    }
    for (const g of groups) {
      const label = g.risk === null ? `targets|${s.key}` : `targets|${s.key}|${g.risk}|${g.credit}`;
      const shuffle = new LazyShuffle(g.list.length, new DrawStream(hash, key, label, input.hmac));
      for (let n = 0; n < g.count; n++) picked.push({ idx: g.list[shuffle.next()]!, stratum: s.key });
      cells.push({ stratum: s.key, risk: g.risk, credit: g.credit, eligible: g.list.length, drawn: g.count });
    }
  });

  // 3. Teams: per drawn target, in draw order, from its own stream; recused or fully loaded inspectors are passed over.
  // Recusals indexed by target, then inspector position: one lookup per drawn target, none per candidate string.
  const inspectorIndex = new Map<string, number>();
  inspectors.forEach((x, i) => inspectorIndex.set(x.id, i));
  const recusedByTarget = new Map<string, Map<number, RecusalReason>>();
  for (const r of input.recusals) {
    const ins = inspectorIndex.get(r.inspectorId);
    if (ins === undefined) continue;
    let m = recusedByTarget.get(r.targetId);
    if (!m) recusedByTarget.set(r.targetId, (m = new Map()));
    if (!m.has(ins)) m.set(ins, r.reason);
  }
  const pools = new Map<string, number[]>();
  for (const a of p.team.agencies) pools.set(a, []);
  const union: number[] = [];
  inspectors.forEach((x, i) => {
    const pool = pools.get(x.agencyId);
    if (pool) { pool.push(i); union.push(i); }
  });
  const load = new Uint32Array(inspectors.length);
  const recusalsApplied: DrawRecusal[] = [];
  const selections: DrawSelection[] = [];
  const scratch = new Map<number, number>();

  for (const { idx, stratum } of picked) {
    const t = targets[idx]!;
    const stream = new DrawStream(hash, key, `team|${t.id}`, input.hmac);
    const team: number[] = [];
    const recused = recusedByTarget.get(t.id);
    // Draws from `pool` until `want` more members are accepted or the pool runs out.
    const fill = (pool: number[], want: number): boolean => {
      const sh = new LazyShuffle(pool.length, stream, scratch);
      let got = 0;
      while (got < want && sh.remaining > 0) {
        const ins = pool[sh.next()]!;
        if (team.includes(ins)) continue;
        const reason = recused?.get(ins);
        if (reason) { recusalsApplied.push({ inspectorId: inspectors[ins]!.id, targetId: t.id, reason }); continue; }
        if (p.team.maxTasksPerInspector > 0 && load[ins]! >= p.team.maxTasksPerInspector) continue;
        team.push(ins);
        got++;
      }
      return got === want;
    };
    let agencyId: string | null = null;
    let ok: boolean;
    if (p.team.mode === 'same-department') {
      const ag = p.team.agencies;
      agencyId = ag.length === 1 ? ag[0]! : ag[stream.below(ag.length)]!;
      ok = fill(pools.get(agencyId)!, p.team.size);
    } else {
      ok = true;
      for (const a of p.team.agencies) ok = fill(pools.get(a)!, 1) && ok;
      if (ok) ok = fill(union, p.team.size - p.team.agencies.length);
    }
    if (ok) for (const ins of team) load[ins]!++;
    selections.push({
      targetId: t.id,
      stratum,
      risk: t.risk,
      credit: t.credit,
      agencyId,
      team: ok ? team.map((i) => inspectors[i]!.id) : [],
      unstaffed: !ok,
      reachesCap: p.yearlyCap > 0 && t.inspectionsThisYear + 1 >= p.yearlyCap,
    });
  }

  return { algorithm: DRAW_ALGORITHM, key: toHex(key), cells, selections, skipped, recusalsApplied };
}
