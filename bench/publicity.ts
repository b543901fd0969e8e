/**
 * `npm run bench` — publicity portal (issue #4):
 *  1. Search p95 over generated published decisions (BENCH_DECISIONS, default 1,000,000 — goal < 50 ms on PostgreSQL):
 *     the real GET /api/v1/public/decisions endpoint (app.inject) with two-character and longer queries, with and
 *     without filters, newest first, 20 per page.
 *  2. Portal first-load JavaScript, gzipped (goal < 300 KB): the entry script of apps/web/dist/index.html, its static
 *     imports, the portal chunk and the home page chunk (the build must exist: `npm run build -w apps/web`).
 * Rows are generated with the domain's bigram tokenizer and inserted with INSERT … SELECT unnest(…) in batches.
 * Runs on PGlite by default (file-backed; slow to fill at a million rows); set BENCH_DATABASE_URL for PostgreSQL.
 * Results are printed and written to bench/results/publicity.json.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { searchDocument } from '@zhifa/domain';
import { sql } from 'drizzle-orm';
import { buildApp } from '../apps/server/src/app.ts';
import { openDatabase, type Database } from '../apps/server/src/db/client.ts';

const N = Number(process.env.BENCH_DECISIONS ?? 1_000_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 200);
const BATCH = 5000;
/** A PostgreSQL array literal passed as one text parameter (drizzle would expand a JS array into a tuple). */
const arr = (xs: readonly (string | number)[]): string => `{${xs.map((x) => (typeof x === 'number' ? String(x) : `"${x.replace(/[\\"]/g, '\\$&')}"`)).join(',')}}`;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

async function open(): Promise<{ database: Database; dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-bench-pub-'));
  const url = process.env.BENCH_DATABASE_URL;
  // BENCH_REUSE_DB=<name>: run the queries again on a database an earlier run filled (the fill takes minutes).
  if (url && process.env.BENCH_REUSE_DB) {
    const u = new URL(url);
    u.pathname = `/${process.env.BENCH_REUSE_DB}`;
    return { database: await openDatabase({ url: u.toString() }), dataDir };
  }
  if (url) {
    const pg = (await import('pg')).default;
    const name = `zf_bench_pub_${Date.now()}`;
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
    await c.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    return { database: await openDatabase({ url: u.toString() }), dataDir };
  }
  return { database: await openDatabase({ dataDir }), dataDir };
}

const GOODS = ['食品', '药品', '化妆品', '农产品', '建材', '燃气具', '电动车', '儿童玩具', '酒类', '保健食品', '乳制品', '肉制品'];
const ACTS = ['销售超过保质期的', '生产标签不符合规定的', '经营无合格证明的', '虚假宣传', '未按规定公示价格的', '露天焚烧', '施工扬尘污染', '超标排放', '无证经营', '使用不合格计量器具'];
const RESULTS = ['警告，罚款人民币{n}元', '罚款人民币{n}元，没收违法所得', '没收违法所得，罚款人民币{n}元', '责令停产停业，罚款人民币{n}元'];
const AGENCIES = Array.from({ length: 40 }, (_, i) => ({ id: randomUUID(), name: `第${i + 1}执法局`, path: `/130000/1303${String(i % 8).padStart(2, '0')}/` }));

function* rows(seed: number) {
  let x = seed;
  const r = () => ((x = (x * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
  for (let i = 0; i < N; i++) {
    const a = AGENCIES[Math.floor(r() * AGENCIES.length)]!;
    const act = ACTS[Math.floor(r() * ACTS.length)]!;
    const good = GOODS[Math.floor(r() * GOODS.length)]!;
    const fine = 500 + Math.floor(r() * 200) * 100;
    const result = RESULTS[Math.floor(r() * RESULTS.length)]!.replace('{n}', String(fine));
    const facts = `经查，当事人${act}${good}，货值金额${Math.floor(r() * 10000)}元，违法事实清楚。`;
    const day = new Date(Date.UTC(2024, 0, 1) + Math.floor(r() * 1000) * 86_400_000).toISOString().slice(0, 10);
    const title = `${a.name}行政处罚决定书（罚〔${day.slice(0, 4)}〕${i + 1}号）`;
    const party = `某某${good}经营部${i % 997}`;
    // Most published decisions are penalties; licences and inspection results share the index (the kind filter).
    const k = r();
    const category = k < 0.75 ? 'penalty' : k < 0.9 ? 'licence' : 'inspection';
    yield { id: randomUUID(), caseId: randomUUID(), a, category, title, party, facts, result, fine, day, tokens: searchDocument([title, party, act + good, facts, result].join(' ')) };
  }
}

async function fill(database: Database) {
  const db = database.db;
  const t0 = performance.now();
  let batch: ReturnType<typeof rows> extends Generator<infer T> ? T[] : never = [];
  const flush = async () => {
    if (!batch.length) return;
    const col = (k: 'id' | 'caseId' | 'category' | 'title' | 'party' | 'facts' | 'result' | 'fine' | 'day' | 'tokens') => arr(batch.map((b) => b[k]));
    await db.execute(sql`
      insert into publications (id, case_id, seq, agency_id, agency_name, region_path, category, decision_no, title, party_type, party_name, item_name,
        facts, legal_basis, result, penalty_types, fine_amount, decided_on, due_on, published_on, display_until, content_hash, redaction, search_tsv, published_at)
      select u.id::uuid, u.case_id::uuid, 1, u.agency_id::uuid, u.agency_name, u.region_path, u.category, null, u.title, 'organisation', u.party, u.item,
        u.facts, '《中华人民共和国食品安全法》第一百二十四条', u.result, '["fine"]'::jsonb, u.fine, u.day::date, u.day::date + 9, u.day::date + 2, u.day::date + 1095,
        md5(u.id), '{"sourceHash":"","spans":[]}'::jsonb, to_tsvector('simple', u.tokens), u.day::timestamptz
      from unnest(${col('id')}::text[], ${col('caseId')}::text[], ${arr(batch.map((b) => b.a.id))}::text[], ${arr(batch.map((b) => b.a.name))}::text[], ${arr(batch.map((b) => b.a.path))}::text[],
        ${col('title')}::text[], ${col('party')}::text[], ${arr(batch.map((b) => b.facts.slice(3, 12)))}::text[], ${col('facts')}::text[], ${col('result')}::text[], ${col('fine')}::int[], ${col('day')}::text[], ${col('tokens')}::text[], ${col('category')}::text[])
        as u(id, case_id, agency_id, agency_name, region_path, title, party, item, facts, result, fine, day, tokens, category)`);
    batch = [];
  };
  for (const row of rows(20_260_601)) {
    batch.push(row);
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  await db.execute(sql`analyze publications`);
  return performance.now() - t0;
}

function portalJsGzip(): { bytes: number; files: string[] } | null {
  const dist = path.resolve(import.meta.dirname, '../apps/web/dist');
  const index = path.join(dist, 'index.html');
  if (!fs.existsSync(index)) return null;
  const html = fs.readFileSync(index, 'utf8');
  const files = new Set<string>();
  for (const m of html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\/?([^"]+\.js)"/g)) files.add(m[1]!);
  const assets = fs.readdirSync(path.join(dist, 'assets'));
  // The portal route chunk and the home page chunk are what a visitor of / downloads after the entry.
  for (const f of assets) if (/^(PortalApp|PortalHome)-.*\.js$/.test(f)) files.add(`assets/${f}`);
  // Static imports of those chunks (shared vendor chunks) are loaded too.
  const queue = [...files];
  while (queue.length) {
    const f = queue.pop()!;
    const src = fs.readFileSync(path.join(dist, f), 'utf8');
    for (const m of src.matchAll(/(?:^|[;\n])import\s*(?:[\w${},*\s]+from\s*)?["']\.\/([^"']+\.js)["']/g)) {
      const dep = `assets/${m[1]}`;
      if (!files.has(dep)) {
        files.add(dep);
        queue.push(dep);
      }
    }
  }
  let bytes = 0;
  for (const f of files) bytes += zlib.gzipSync(fs.readFileSync(path.join(dist, f)), { level: 9 }).length;
  return { bytes, files: [...files] };
}

async function main() {
  const { database } = await open();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-bench-pub-data-'));
  const { app } = await buildApp({ config: { dataDir, COOKIE_SECURE: false, LOG_LEVEL: 'silent' }, database, logger: false });
  await app.ready();
  console.log(`publicity bench: generating ${N.toLocaleString()} published decisions on ${database.kind}…`);
  const have = ((await database.db.execute(sql`select count(*)::int as n from publications`)) as unknown as { rows: { n: number }[] }).rows[0];
  const fillMs = process.env.BENCH_REUSE_DB && (have?.n ?? 0) >= N ? 0 : await fill(database);
  console.log(`  filled in ${(fillMs / 1000).toFixed(1)} s`);

  if (process.env.BENCH_EXPLAIN) {
    const plan = await database.db.execute(sql.raw(`explain analyze select id from publications where search_tsv @@ to_tsquery('simple', '''罚款''') and not exists (select 1 from publications p2 where p2.case_id = publications.case_id and p2.seq > publications.seq) and not exists (select 1 from publication_withdrawals w where w.publication_id = publications.id) order by published_at desc, id desc limit 20`));
    console.log((plan as unknown as { rows: { 'QUERY PLAN': string }[] }).rows.map((r) => r['QUERY PLAN']).join('\n'));
  }
  const queries = ['罚款', '食品', '扬尘', '违法所得', '保健食品', '超过保质期', '化妆品 罚款', '燃气具', '无证经营', '计量器具'];
  // An agency of the stored rows (a reused database was filled with other random agency ids).
  const agencyId = ((await database.db.execute(sql`select agency_id from publications order by id limit 1`)) as unknown as { rows: { agency_id: string }[] }).rows[0]?.agency_id ?? AGENCIES[3]!.id;
  const filters = ['', '&category=penalty', '&from=2025-01-01&to=2025-06-30', `&agencyId=${agencyId}`, '&category=licence'];
  // warm-up
  for (const q of queries) await app.inject({ method: 'GET', url: `/api/v1/public/decisions?q=${encodeURIComponent(q)}` });
  const ms: number[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const url = `/api/v1/public/decisions?q=${encodeURIComponent(queries[i % queries.length]!)}${filters[i % filters.length]}&pageSize=20`;
    const t = performance.now();
    const res = await app.inject({ method: 'GET', url });
    ms.push(performance.now() - t);
    if (process.env.BENCH_EXPLAIN) console.log(`    ${(performance.now() - t).toFixed(1)} ms ${decodeURIComponent(url)}`);
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
  }
  const search = { decisions: N, queries: QUERIES, p50: pct(ms, 50), p95: pct(ms, 95), p99: pct(ms, 99), database: database.kind, goalP95Ms: 50 };
  console.log(`  search over ${N.toLocaleString()} decisions: p50 ${search.p50.toFixed(1)} ms, p95 ${search.p95.toFixed(1)} ms, p99 ${search.p99.toFixed(1)} ms (goal p95 < 50 ms on PostgreSQL)`);
  const js = portalJsGzip();
  if (js) console.log(`  portal first-load JavaScript: ${(js.bytes / 1024).toFixed(1)} KB gzipped in ${js.files.length} files (goal < 300 KB)`);
  else console.log('  portal first-load JavaScript: apps/web/dist missing — build the web app first');
  fs.mkdirSync(path.resolve(import.meta.dirname, 'results'), { recursive: true });
  fs.writeFileSync(path.resolve(import.meta.dirname, 'results/publicity.json'), JSON.stringify({ search, portalJs: js ? { gzipBytes: js.bytes, files: js.files } : null, fillMs }, null, 2));
  await app.close();
  await database.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
