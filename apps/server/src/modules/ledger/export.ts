import { hash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { asc, gt, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { changeEvents } from '../audit/index.ts';
import { LOGGED_SOURCES } from './sources.ts';
import { canonicalJson, leafText } from './canonical.ts';
import { FastTree } from './fast-tree.ts';
import { ledgerCheckpoints, ledgerEntries, ledgerTree } from './ledger.schema.ts';
import type { HashAlg } from './ledger.service.ts';
import { checkpointBody, verifySignature } from './signing.ts';
import type { Finding } from './verify.ts';

/**
 * Offline export (issue #8): the whole log as JSON lines — a header, one line per leaf with its record, then the signed
 * checkpoints — so a third party can recompute everything without access to the database. Personal data in the records
 * travels with the export: hand it only to those entitled to the records themselves.
 *
 * Each record is written in its canonical form (canonical.ts: sorted keys, ISO dates), which is ordinary JSON with the
 * same meaning as before and exactly the text the leaf hash was taken over — so a verifier can hash the bytes as they
 * stand and parse nothing, and only a line that does not match needs reading as JSON.
 */
export const EXPORT_FORMAT = 'zhifa-ledger-export/v1';

const TABLES = Object.fromEntries(Object.entries(LOGGED_SOURCES).map(([kind, s]) => [kind, s.table]));
const EXPORT_BATCH = 5000;

export async function* exportLedger(db: Db): AsyncGenerator<string> {
  const checkpoints = await db.select().from(ledgerCheckpoints).orderBy(asc(ledgerCheckpoints.treeSize));
  yield JSON.stringify({ format: EXPORT_FORMAT, hashAlg: checkpoints[0]?.hashAlg ?? 'sha256' });
  // Keyset batches: memory stays flat however long the log.
  let after = -1;
  for (;;) {
    const chunk = await db.select().from(ledgerTree).where(gt(ledgerTree.leafIndex, after)).orderBy(asc(ledgerTree.leafIndex)).limit(EXPORT_BATCH);
    if (!chunk.length) break;
    after = chunk[chunk.length - 1]!.leafIndex;
    const entries = await db.select().from(ledgerEntries).where(inArray(ledgerEntries.id, chunk.map((l) => l.entryId)));
    const entryById = new Map(entries.map((e) => [e.id, e]));
    const records = new Map<string, unknown>();
    for (const [kind, table] of Object.entries(TABLES)) {
      const refs = entries.filter((e) => e.kind === kind).map((e) => e.ref);
      if (!refs.length) continue;
      // Keys are uuids or integers, as the table declares.
      const ids = (table.id.columnType as string) === 'PgUUID' ? refs : refs.map(Number);
      const rows = await db.select().from(table as typeof changeEvents).where(inArray(table.id as typeof changeEvents.id, ids as number[]));
      for (const r of rows) records.set(`${kind}:${r.id}`, r);
    }
    for (const l of chunk) {
      const e = entryById.get(l.entryId);
      const record = e ? records.get(`${e.kind}:${e.ref}`) : undefined;
      // The keys of JSON.stringify({ i, kind, ref, leafHash, record }), with the record as canonical text.
      const head = `{"i":${l.leafIndex},"kind":${JSON.stringify(e?.kind ?? null)},"ref":${JSON.stringify(e?.ref ?? null)},"leafHash":${JSON.stringify(l.leafHash)}`;
      yield `${head},"record":${record === undefined ? 'null' : canonicalJson(record)}}`;
    }
    if (chunk.length < EXPORT_BATCH) break;
  }
  for (const c of checkpoints) {
    yield JSON.stringify({ checkpoint: { treeSize: c.treeSize, rootHash: c.rootHash, hashAlg: c.hashAlg, keyId: c.keyId, publicKey: c.publicKey, signature: c.signature, body: c.body } });
  }
}

interface ExportCheckpoint {
  treeSize: number;
  rootHash: string;
  hashAlg: string;
  keyId: string;
  publicKey: string;
  signature: string;
  body: string;
}

/** A leaf line exactly as exportLedger writes it; anything else is read as JSON (the slow, general path). */
const LEAF_LINE = /^\{"i":(0|[1-9]\d{0,14}),"kind":("[^"\\]+"),"ref":(?:"[^"\\]*"),"leafHash":"([0-9a-f]{64})","record":(?=[{[])/;
const HASH_BYTES = 32;
/** Leaf hashes are kept 2^20 to a chunk (32 MiB): no single huge buffer, nothing copied as the log grows. */
const CHUNK_LEAVES = 1 << 20;

export interface ExportVerifier {
  /** Feed the file's lines in order (without their line breaks). */
  line(text: string): void;
  /** A leaf line already checked elsewhere (its record hashes to its leaf): its index and leaf hash at leaves[offset]. */
  checkedLeaf(index: number, leaves: Buffer, offset: number): void;
  finish(): { ok: boolean; findings: Finding[]; stats: { leaves: number; checkpoints: number; hashAlg: HashAlg } };
}

/**
 * Verify an export line by line, with nothing but its lines (and optionally the keys one trusts). Memory: 32 bytes per
 * leaf and nothing per record. `checkpointSizes`, when the caller knows them before the leaves (a file can be read from
 * its end), lets the roots be taken as the leaves stream past; otherwise the tree is built at the end.
 */
export function createExportVerifier(opts: { trustedKeys?: string[]; checkpointSizes?: number[] } = {}): ExportVerifier {
  const findings: Finding[] = [];
  const trusted = new Set((opts.trustedKeys ?? []).map((k) => k.trim()));
  const chunks: Buffer[] = [];
  const checkpoints: { c: ExportCheckpoint; lineNo: number }[] = [];
  let leaves = 0;
  let hashAlg: HashAlg | null = null;
  let lineNo = 0;
  // The streamed tree and the roots it saw at the announced sizes.
  const wanted = new Set(opts.checkpointSizes ?? []);
  const rootsAt = new Map<number, string>();
  let stream: FastTree | null = null;

  const storeLeaf = (write: (chunk: Buffer, offset: number) => void) => {
    const k = leaves % CHUNK_LEAVES;
    if (k === 0) chunks.push(Buffer.alloc(CHUNK_LEAVES * HASH_BYTES));
    const chunk = chunks[chunks.length - 1]!;
    write(chunk, k * HASH_BYTES);
    leaves++;
    if (stream) {
      stream.append(chunk, k * HASH_BYTES);
      if (wanted.has(leaves)) rootsAt.set(leaves, stream.root().toString('hex'));
    }
  };
  // A damaged hash writes fewer bytes (the rest stay zero): the signed root then fails, as it must.
  const pushLeafHex = (hex: string) => storeLeaf((chunk, offset) => chunk.write(hex, offset, HASH_BYTES, 'hex'));
  const gap = (i: number, where: string) => {
    if (i !== leaves) findings.push({ code: 'tree_gap', where, detail: `expected leaf ${leaves}` });
  };

  return {
    line(text) {
      lineNo++;
      if (hashAlg !== null) {
        // Fast path: the record text is the logged canonical text, so it hashes to the leaf as it stands.
        const m = LEAF_LINE.exec(text);
        if (m && text.charCodeAt(text.length - 1) === 125 /* } */) {
          const leafHex = m[3]!;
          if (hash(hashAlg, leafText(m[2]!.slice(1, -1), text.slice(m[0].length, -1)), 'hex') === leafHex) {
            gap(Number(m[1]), `leaf ${m[1]} (line ${lineNo})`);
            pushLeafHex(leafHex);
            return;
          }
        }
      }
      if (!text.trim()) return;
      const obj = JSON.parse(text) as Record<string, unknown>;
      if (hashAlg === null) {
        if (obj.format !== EXPORT_FORMAT) throw new Error(`not a ${EXPORT_FORMAT} file`);
        hashAlg = obj.hashAlg === 'sm3' ? 'sm3' : 'sha256';
        if (wanted.size) stream = new FastTree(hashAlg);
        if (wanted.has(0)) rootsAt.set(0, new FastTree(hashAlg).root().toString('hex'));
        return;
      }
      if (obj.checkpoint) {
        checkpoints.push({ c: obj.checkpoint as ExportCheckpoint, lineNo });
        return;
      }
      const l = obj as { i: number; kind: string | null; ref: string | null; leafHash: string; record: unknown };
      const where = `leaf ${l.i} (line ${lineNo})`;
      gap(l.i, where);
      if (l.record === null || !l.kind) findings.push({ code: 'record_deleted', where, detail: `${l.kind ?? '?'}#${l.ref ?? '?'} is missing from the export` });
      else if (hash(hashAlg, leafText(l.kind, canonicalJson(l.record)), 'hex') !== l.leafHash) findings.push({ code: 'record_altered', where, detail: `${l.kind}#${l.ref} does not hash to its leaf` });
      pushLeafHex(String(l.leafHash));
    },

    checkedLeaf(index, bytes, offset) {
      lineNo++;
      gap(index, `leaf ${index} (line ${lineNo})`);
      storeLeaf((chunk, at) => bytes.copy(chunk, at, offset, offset + HASH_BYTES));
    },

    finish() {
      const alg = hashAlg ?? 'sha256';
      // Roots not taken while streaming come from one tree advanced through the checkpoints in size order.
      const tree = new FastTree(alg);
      const rootOf = (size: number) => {
        const seen = rootsAt.get(size);
        if (seen !== undefined) return seen;
        if (tree.size > size) throw new Error(`export verifier: root of ${size} leaves asked after ${tree.size}`);
        while (tree.size < size) tree.append(chunks[Math.floor(tree.size / CHUNK_LEAVES)]!, (tree.size % CHUNK_LEAVES) * HASH_BYTES);
        return tree.root().toString('hex');
      };
      const sorted = checkpoints.sort((a, b) => a.c.treeSize - b.c.treeSize);
      // Skip the rebuild entirely when every root was taken in the stream.
      const needTree = sorted.some(({ c }) => c.treeSize <= leaves && !rootsAt.has(c.treeSize));
      for (const { c, lineNo: n } of sorted) {
        const where = `checkpoint ${c.treeSize} (line ${n})`;
        if (!verifySignature(c.publicKey, c.body, c.signature)) findings.push({ code: 'checkpoint_signature_invalid', where, detail: 'the signature does not verify' });
        if (trusted.size && !trusted.has(c.publicKey.trim())) findings.push({ code: 'checkpoint_untrusted_key', where, detail: `signed by key ${c.keyId}, not a trusted key` });
        const body = c.body.split('\n');
        if (checkpointBody({ origin: body[1] ?? '', treeSize: c.treeSize, rootHex: c.rootHash, hashAlg: c.hashAlg, signedAt: body[5] ?? '' }) !== c.body) {
          findings.push({ code: 'checkpoint_body_mismatch', where, detail: 'size, root or algorithm differ from the signed text' });
        }
        if (c.treeSize > leaves) {
          findings.push({ code: 'log_truncated', where, detail: `covers ${c.treeSize} leaves, the export has ${leaves}` });
          continue;
        }
        const root = needTree && !rootsAt.has(c.treeSize) ? rootOf(c.treeSize) : rootsAt.get(c.treeSize)!;
        const signed = body[3] ?? c.rootHash;
        if (root !== signed) findings.push({ code: 'checkpoint_root_mismatch', where, detail: `the first ${c.treeSize} leaves hash to ${root.slice(0, 16)}…, the signed root is ${signed.slice(0, 16)}…` });
      }
      return { ok: findings.length === 0, findings, stats: { leaves, checkpoints: checkpoints.length, hashAlg: alg } };
    },
  };
}

/** Verify an export given as lines (e.g. a file's text split on newlines). */
export function verifyExport(lines: Iterable<string>, opts: { trustedKeys?: string[] } = {}) {
  const v = createExportVerifier(opts);
  for (const l of lines) v.line(l);
  return v.finish();
}

export interface ExportFileOptions {
  trustedKeys?: string[];
  /**
   * Worker threads checking records (0: all on this thread). Default: none on machines with fewer than 4 cores — on the
   * 2-core bench machine the threads cost ~40% more CPU in all and saved no time, as this thread's own Merkle hashing
   * and the workers' record hashing then compete for the same cores — else one per spare core (at most 4), for
   * files over 32 MB.
   */
  workers?: number;
  /** Bytes per piece of work handed to a worker (default 8 MiB). */
  chunkBytes?: number;
}

/**
 * Verify an export file, streamed, never held whole in memory. The checkpoints (the file's last lines) are read first,
 * from the end, so the Merkle tree is built as the leaves go by. With workers, the file is cut at line breaks into
 * pieces that worker threads check in parallel (export-verify-worker.mjs: a leaf line whose record hashes to its leaf
 * comes back as index + leaf hash; everything else as text, decided here), while this thread builds the tree and reads
 * the results in file order — so the findings are exactly those of verifyExport over the same lines.
 */
export async function verifyExportFile(file: string, opts: ExportFileOptions = {}) {
  const size = fs.statSync(file).size;
  const cores = os.availableParallelism();
  const workers = opts.workers ?? (size > 32 << 20 && cores >= 4 ? Math.min(4, cores - 1) : 0);
  const v = createExportVerifier({ trustedKeys: opts.trustedKeys, checkpointSizes: await trailingCheckpointSizes(file, size) });
  if (workers === 0) {
    await forEachLine(file, 0, size, (line) => v.line(line));
    return v.finish();
  }
  // The header (and any blank lines before it) here, to learn the hash algorithm; the rest in pieces.
  let bodyStart = 0;
  let alg: HashAlg | null = null;
  await forEachLine(file, 0, Math.min(size, 1 << 20), (line, end) => {
    if (alg !== null) return false;
    v.line(line);
    bodyStart = end;
    if (line.trim()) alg = (JSON.parse(line) as { hashAlg?: string }).hashAlg === 'sm3' ? 'sm3' : 'sha256';
    return true;
  });
  const pieces = await cutAtLines(file, bodyStart, size, opts.chunkBytes ?? 8 << 20);
  const pool = Array.from({ length: Math.min(workers, pieces.length) }, () => new Worker(new URL('./export-verify-worker.mjs', import.meta.url), { workerData: { file, alg: alg ?? 'sha256' } }));
  try {
    const results = new Map<number, WorkerResult>();
    let wake: (() => void) | null = null;
    let failure: unknown = null;
    const fail = (e: unknown) => {
      failure ??= e;
      wake?.();
    };
    let next = 0;
    const give = (w: Worker) => {
      if (next < pieces.length) {
        const [start, end] = pieces[next]!;
        w.postMessage({ id: next++, start, end });
      }
    };
    for (const w of pool) {
      w.on('message', (r: WorkerResult) => {
        results.set(r.id, r);
        give(w);
        wake?.();
      });
      w.on('error', fail);
      w.on('exit', (code) => fail(new Error(`export verifier worker stopped (exit code ${code})`)));
      // Two pieces in hand per worker, so it never waits for this thread.
      give(w);
      give(w);
    }
    for (let id = 0; id < pieces.length; id++) {
      while (!results.has(id)) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
      const r = results.get(id)!;
      results.delete(id);
      const leaves = Buffer.from(r.leaves.buffer, r.leaves.byteOffset, r.leaves.byteLength);
      let fast = 0;
      let slow = 0;
      for (let j = 0; j < r.status.length; j++) {
        const s = r.status[j];
        if (s === 1) {
          v.checkedLeaf(r.index[fast]!, leaves, fast * HASH_BYTES);
          fast++;
        } else v.line(s === 0 ? '' : r.slow[slow++]!);
      }
    }
    // The empty "line" after a final newline, as splitting the text would give.
    if (size > bodyStart && (await lastByte(file, size)) === 10) v.line('');
  } finally {
    for (const w of pool) w.removeAllListeners('exit');
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return v.finish();
}

interface WorkerResult {
  id: number;
  status: Uint8Array;
  index: Float64Array;
  leaves: Uint8Array;
  slow: string[];
  fast: number;
}

/** Calls `each(line, endOffsetAfterNewline)` for the lines in [start, end) (utf-8); stops early if it returns false. */
async function forEachLine(file: string, start: number, end: number, each: (line: string, next: number) => boolean | void): Promise<void> {
  if (end <= start) {
    each('', end);
    return;
  }
  let rest: Buffer = Buffer.alloc(0);
  let offset = start;
  for await (const block of fs.createReadStream(file, { start, end: end - 1, highWaterMark: 8 << 20 }) as AsyncIterable<Buffer>) {
    const buf = rest.length ? Buffer.concat([rest, block]) : block;
    const base = offset - rest.length;
    offset += block.length;
    let from = 0;
    for (let nl = buf.indexOf(10, from); nl >= 0; nl = buf.indexOf(10, from)) {
      if (each(buf.toString('utf8', from, nl), base + nl + 1) === false) return;
      from = nl + 1;
    }
    rest = buf.subarray(from);
  }
  // The last line without a newline; after a final newline, an empty "line", as split('\n') gives.
  each(rest.toString('utf8'), end);
}

/** Piece boundaries in [start, end), each piece ending just after a newline (or at the end of the file). */
async function cutAtLines(file: string, start: number, end: number, target: number): Promise<[number, number][]> {
  const pieces: [number, number][] = [];
  const handle = await fs.promises.open(file, 'r');
  try {
    const probe = Buffer.alloc(64 << 10);
    let from = start;
    while (from < end) {
      let to = Math.min(end, from + target);
      // Move the cut forward to just after the next newline.
      while (to < end) {
        const { bytesRead } = await handle.read(probe, 0, Math.min(probe.length, end - to), to);
        const nl = probe.subarray(0, bytesRead).indexOf(10);
        if (nl >= 0) {
          to += nl + 1;
          break;
        }
        to += bytesRead;
      }
      pieces.push([from, to]);
      from = to;
    }
  } finally {
    await handle.close();
  }
  return pieces;
}

async function lastByte(file: string, size: number): Promise<number> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const b = Buffer.alloc(1);
    await handle.read(b, 0, 1, size - 1);
    return b[0]!;
  } finally {
    await handle.close();
  }
}

/**
 * Tree sizes of the checkpoint lines at the end of the file (where exportLedger writes them), read backwards. Only a
 * hint — to build the tree while reading — so anything unexpected just ends the search.
 */
async function trailingCheckpointSizes(file: string, size: number): Promise<number[]> {
  const sizes: number[] = [];
  const handle = await fs.promises.open(file, 'r');
  try {
    let end = size;
    let carry = '';
    for (let guard = 0; end > 0 && guard < 4096; guard++) {
      const start = Math.max(0, end - (1 << 20));
      const buf = Buffer.alloc(end - start);
      await handle.read(buf, 0, buf.length, start);
      const lines = (buf.toString('utf8') + carry).split('\n');
      carry = start > 0 ? lines.shift()! : '';
      for (let k = lines.length - 1; k >= 0; k--) {
        const line = lines[k]!;
        if (!line.trim()) continue;
        if (!line.startsWith('{"checkpoint":')) return sizes;
        try {
          const n = (JSON.parse(line) as { checkpoint?: { treeSize?: unknown } }).checkpoint?.treeSize;
          if (typeof n === 'number' && Number.isSafeInteger(n)) sizes.push(n);
        } catch {
          return sizes;
        }
      }
      end = start;
    }
  } finally {
    await handle.close();
  }
  return sizes;
}
