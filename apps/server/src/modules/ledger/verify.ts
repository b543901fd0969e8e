import { hash } from 'node:crypto';
import { asc, inArray } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { changeEvents } from '../audit/index.ts';
import type { BlobStore } from '../blobs/index.ts';
import { evidence } from '../evidence/index.ts';
import { LOGGED_SOURCES } from './sources.ts';
import { canonicalJson, leafText } from './canonical.ts';
import { FastTree } from './fast-tree.ts';
import type { HashAlg } from './ledger.service.ts';
import { literal, openRawSource, type RawRow, type RawSource } from './raw-source.ts';
import { recordCodecOf } from './record-codec.ts';
import { checkpointBody, verifySignature } from './signing.ts';

export interface Finding {
  /** What kind of damage. */
  code:
    | 'record_altered'
    | 'record_deleted'
    | 'record_unlogged'
    | 'entry_missing'
    | 'leaf_altered'
    | 'tree_gap'
    | 'log_truncated'
    | 'checkpoint_root_mismatch'
    | 'checkpoint_signature_invalid'
    | 'checkpoint_body_mismatch'
    | 'checkpoint_untrusted_key'
    | 'node_altered'
    | 'node_missing'
    | 'node_extra'
    | 'blob_missing'
    | 'blob_swapped';
  /** Which row, leaf, stored subtree or checkpoint (e.g. "change_events#123", "leaf 17", "node 3/2", "checkpoint 4096"). */
  where: string;
  detail: string;
}

/** The logged tables and how to read a record back exactly as it was logged (sources.ts). */
const SOURCES = LOGGED_SOURCES;
type Kind = keyof typeof SOURCES;
type SourceTable = (typeof SOURCES)[Kind]['table'];

/** Rows per query. Big enough that per-query cost vanishes, small enough that memory stays flat at any log size. */
const BATCH = 50_000;
const HASH_BYTES = 32;
const isHashAlg = (x: unknown): x is HashAlg => x === 'sha256' || x === 'sm3';
/** A bigint's text as the database printed it, safe to write back into a query. */
const bigintText = (t: string | null | undefined): string => {
  if (!t || !/^-?\d{1,19}$/.test(t)) throw new Error(`verifier: unexpected key ${JSON.stringify(t)}`);
  return t;
};

interface Checkpoint {
  treeSize: number;
  rootHash: string;
  hashAlg: string;
  keyId: string;
  publicKey: string;
  signature: string;
  body: string;
}

/** A finding with the position it is reported at, so the streamed checks come out in the order of a plain scan. */
interface Placed {
  at: number | string;
  sub: number;
  f: Finding;
}
const byPlace = (a: Placed, b: Placed) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.sub - b.sub);

export interface VerifyOptions {
  trustedKeys?: string[];
  blobs?: BlobStore;
  /** Rows per query (default 50,000); tests make it tiny so every check crosses batch boundaries. */
  batchSize?: number;
}

/**
 * Recompute the whole log from the database and compare (issue #8 "verifier"): every logged record against its leaf,
 * every leaf against the tree, every stored subtree against the leaves, every checkpoint's root against the leaves and
 * its signature against its key. Each finding names the damaged row, leaf, subtree or checkpoint. Pure reads: it never
 * repairs anything.
 *
 * Streams: the tree (in leaf order) and the entries (in id order) are read side by side in batches and matched as they
 * meet; each logged table is read in id order as far as the entries read so far refer to it. Memory stays flat however
 * long the log is; no join runs in the database (on PGlite a join costs more than the rows it matches).
 */
export async function verifyLedger(db: Db, opts: VerifyOptions = {}) {
  const raw = await openRawSource(db);
  try {
    return await runChecks(db, raw, opts);
  } finally {
    await raw.close();
  }
}

async function runChecks(db: Db, raw: RawSource, opts: VerifyOptions) {
  const batch = opts.batchSize ?? BATCH;
  const checkpoints: Checkpoint[] = (await raw.rows('select tree_size, root_hash, hash_alg, key_id, public_key, signature, body from ledger_checkpoints order by tree_size')).map((r) => ({
    treeSize: Number(r[0]),
    rootHash: r[1] ?? '',
    hashAlg: r[2] ?? '',
    keyId: r[3] ?? '',
    publicKey: r[4] ?? '',
    signature: r[5] ?? '',
    body: r[6] ?? '',
  }));
  const hashAlg: HashAlg = isHashAlg(checkpoints[0]?.hashAlg) ? checkpoints[0].hashAlg : 'sha256';
  const queued = new Set((await raw.rows('select entry_id from ledger_queue')).map((r) => Number(r[0])));
  const [coveredRow] = await raw.rows('select max(node_index) from ledger_nodes where level = 1');
  const nodesCovered = coveredRow?.[0] == null ? 0 : 2 * (Number(coveredRow[0]) + 1);

  const records = (Object.keys(SOURCES) as Kind[]).map((kind) => recordCheck(db, raw, kind, hashAlg, batch));
  const recordByKind = new Map(records.map((r) => [r.kind, r]));
  const tree = treeCheck(raw, hashAlg, checkpoints, nodesCovered, opts.trustedKeys ?? []);

  // Tree rows and entries meet here: each waits for the other in a map that, in a healthy log, stays small (the
  // sequencer takes entries in id order, so leaf order and entry order nearly agree).
  const treeByEntry = new Map<number, { leaf: number; hash: string }>();
  const entryById = new Map<number, string>();
  const treeFindings: Placed[] = [];
  const match = (entryId: number, leafIndex: number, leafHash: string, entryHash: string) => {
    if (entryHash !== leafHash) treeFindings.push({ at: leafIndex, sub: 2, f: { code: 'leaf_altered', where: `leaf ${leafIndex}`, detail: `leaf hash differs from entry #${entryId}` } });
  };

  let entries = 0;
  const leafBatches = keysetBatches(raw, batch, (after) => `select leaf_index, entry_id, leaf_hash from ledger_tree ${after === null ? '' : `where leaf_index > ${after}`} order by leaf_index limit ${batch}`);
  const entryBatches = keysetBatches(raw, batch, (after) => `select id, kind, ref, leaf_hash from ledger_entries ${after === null ? '' : `where id > ${after}`} order by id limit ${batch}`);
  let treeDone = false;
  let entriesDone = false;
  while (!treeDone || !entriesDone) {
    if (!treeDone) {
      const next = await leafBatches.next();
      treeDone = !!next.done;
      if (next.value) {
        await tree.addLeaves(next.value, (position, leafIndex, entryId, leafHash) => {
          if (leafIndex !== position) treeFindings.push({ at: position, sub: 0, f: { code: 'tree_gap', where: `leaf ${position}`, detail: `expected leaf index ${position}, found ${leafIndex}` } });
          const entryHash = entryById.get(entryId);
          if (entryHash === undefined) treeByEntry.set(entryId, { leaf: leafIndex, hash: leafHash });
          else {
            entryById.delete(entryId);
            match(entryId, leafIndex, leafHash, entryHash);
          }
        });
      }
    }
    if (!entriesDone) {
      const next = await entryBatches.next();
      entriesDone = !!next.done;
      const rows = next.value ?? [];
      entries += rows.length;
      for (const [idText, kind, ref, entryHash] of rows) {
        const id = Number(idText);
        const leaf = treeByEntry.get(id);
        if (leaf) {
          treeByEntry.delete(id);
          match(id, leaf.leaf, leaf.hash, entryHash ?? '');
        } else entryById.set(id, entryHash ?? '');
        recordByKind.get(kind as Kind)?.add(id, ref ?? '', entryHash ?? '');
      }
      for (const r of records) await r.flush();
    }
  }
  for (const [entryId, leaf] of treeByEntry) treeFindings.push({ at: leaf.leaf, sub: 1, f: { code: 'entry_missing', where: `leaf ${leaf.leaf}`, detail: `log entry #${entryId} is gone` } });
  const strayEntries: Placed[] = [];
  for (const entryId of entryById.keys()) {
    if (!queued.has(entryId)) strayEntries.push({ at: entryId, sub: 0, f: { code: 'entry_missing', where: `entry #${entryId}`, detail: 'neither in the tree nor waiting to be sequenced' } });
  }

  const findings: Finding[] = [];
  // 1. Every logged record still hashes to its entry; every record has an entry.
  for (const r of records) findings.push(...(await r.finish()));
  const recordStats = { checked: records.reduce((n, r) => n + r.stats.checked, 0), rechecked: records.reduce((n, r) => n + r.stats.rechecked, 0) };
  // 1b. Every evidence file still hashes to its content address (a swapped or deleted file is named).
  if (opts.blobs) {
    for (const row of await db.select({ id: evidence.id, blobId: evidence.blobId }).from(evidence)) {
      const actual = await opts.blobs.rehash(row.blobId);
      if (actual === null) findings.push({ code: 'blob_missing', where: `evidence#${row.id}`, detail: `file ${row.blobId.slice(0, 19)}… is missing from the blob store` });
      else if (actual !== row.blobId) findings.push({ code: 'blob_swapped', where: `evidence#${row.id}`, detail: `file ${row.blobId.slice(0, 19)}… now hashes to ${actual.slice(0, 19)}…` });
    }    // Rendered documents: every logged file still hashes to its content address.
    for (const [id, blobId] of await raw.rows('select id, blob_id from case_document_file_records order by id')) {
      const actual = await opts.blobs.rehash(blobId ?? '');
      if (actual === null) findings.push({ code: 'blob_missing', where: `case_document_file_records#${id}`, detail: `document file ${(blobId ?? '').slice(0, 19)}… is missing from the blob store` });
      else if (actual !== blobId) findings.push({ code: 'blob_swapped', where: `case_document_file_records#${id}`, detail: `document file ${(blobId ?? '').slice(0, 19)}… now hashes to ${actual.slice(0, 19)}…` });
    }
  }
  // 1c. The file a document is served as (case_document_files) is the one logged for it.
  const served = await raw.rows(
    'select r.id, r.document_id, r.format, r.blob_id, f.sha256 from case_document_file_records r left join case_document_files f on f.document_id = r.document_id and f.format = r.format order by r.id',
  );
  for (const [id, documentId, format, blobId, servedId] of served) {
    if (servedId === blobId) continue;
    findings.push({
      code: servedId === null ? 'record_deleted' : 'record_altered',
      where: `case_document_files#${documentId}/${format}`,
      detail: servedId === null ? `the file row logged by case_document_file_records#${id} is gone` : `serves ${(servedId ?? '').slice(0, 19)}…, but case_document_file_records#${id} logged ${(blobId ?? '').slice(0, 19)}…`,
    });
  }
  // 2. The tree is contiguous and each leaf is the hash of its entry; every entry is in the tree or queued.
  findings.push(...treeFindings.sort(byPlace).map((p) => p.f), ...strayEntries.sort(byPlace).map((p) => p.f));
  // 3. Stored subtrees and checkpoints.
  const treeResult = await tree.finish();
  findings.push(...treeResult.findings);

  return {
    ok: findings.length === 0,
    findings,
    stats: { entries, leaves: treeResult.leaves, queued: queued.size, checkpoints: checkpoints.length, hashAlg, nodes: treeResult.nodes, records: recordStats },
  };
}

/**
 * Batches of a keyset-paginated query (`after` is the last key of the previous batch, first column of each row). The
 * next batch is asked for as soon as this one arrives, so PostgreSQL produces it while this one is checked.
 */
async function* keysetBatches(raw: RawSource, batch: number, query: (after: string | null) => string): AsyncGenerator<RawRow[], void> {
  const ask = (after: string | null) => {
    const p = raw.rows(query(after));
    p.catch(() => undefined); // still thrown where awaited; never an unhandled rejection if the caller gave up first
    return p;
  };
  let pending = ask(null);
  for (;;) {
    const rows = await pending;
    const done = rows.length < batch;
    if (!done) pending = ask(bigintText(rows[rows.length - 1]![0]));
    if (rows.length) yield rows;
    if (done) return;
  }
}

/**
 * The Merkle side: leaves in order through a FastTree; every subtree it completes compared with ledger_nodes (read a
 * level range at a time, as one hex string each); every checkpoint's root compared when the tree reaches its size.
 */
function treeCheck(raw: RawSource, alg: HashAlg, checkpoints: Checkpoint[], nodesCovered: number, trustedKeys: string[]) {
  const trusted = new Set(trustedKeys.map((k) => k.trim()));
  const tree = new FastTree(alg);
  // Checkpoint findings in the order a plain scan gives them: signature, key, body, then size/root.
  const perCheckpoint: Finding[][] = checkpoints.map((cp) => {
    const out: Finding[] = [];
    const where = `checkpoint ${cp.treeSize}`;
    if (!verifySignature(cp.publicKey, cp.body, cp.signature)) out.push({ code: 'checkpoint_signature_invalid', where, detail: 'the signature does not verify' });
    if (trusted.size && !trusted.has(cp.publicKey.trim())) out.push({ code: 'checkpoint_untrusted_key', where, detail: `signed by key ${cp.keyId}, which is not a trusted key` });
    const lines = cp.body.split('\n');
    const expected = checkpointBody({ origin: lines[1] ?? '', treeSize: cp.treeSize, rootHex: cp.rootHash, hashAlg: cp.hashAlg, signedAt: lines[5] ?? '' });
    if (expected !== cp.body) out.push({ code: 'checkpoint_body_mismatch', where, detail: 'the stored size, root or algorithm differ from the signed text' });
    return out;
  });
  /** Per checkpoint: undefined until the tree reaches its size, then whether its signed root matched. */
  const rootOk: (boolean | undefined)[] = checkpoints.map(() => undefined);
  let nextCp = 0;
  const reachCheckpoints = () => {
    while (nextCp < checkpoints.length && checkpoints[nextCp]!.treeSize <= tree.size) {
      const cp = checkpoints[nextCp]!;
      if (cp.treeSize === tree.size) {
        const root = tree.root().toString('hex');
        const signedRoot = cp.body.split('\n')[3] ?? cp.rootHash;
        rootOk[nextCp] = root === signedRoot;
        if (root !== signedRoot) {
          perCheckpoint[nextCp]!.push({ code: 'checkpoint_root_mismatch', where: `checkpoint ${cp.treeSize}`, detail: `the first ${cp.treeSize} leaves hash to ${root.slice(0, 16)}…, the signed root is ${signedRoot.slice(0, 16)}… (leaves were altered, removed or reordered)` });
        }
      }
      nextCp++;
    }
  };
  reachCheckpoints();

  /** Stored subtrees that differ from the leaves: reported at the end, once it is known whether the leaves were sound. */
  const nodeIssues: { level: number; index: number; f: Finding }[] = [];
  let nodesChecked = 0;
  const nodeFinding = (code: 'node_altered' | 'node_missing', level: number, index: number) => {
    const lo = index * 2 ** level;
    const span = `leaves ${lo}–${lo + 2 ** level - 1}`;
    nodeIssues.push({ level, index, f: { code, where: `node ${level}/${index}`, detail: code === 'node_missing' ? `the stored subtree over ${span} is missing` : `the stored subtree over ${span} differs from the leaves` } });
  };

  /** Compare the subtrees completed by leaves [from, to) with ledger_nodes (only as far as it has been written). */
  async function compareNodes(from: number, to: number, computed: Map<number, { lo: number; slab: Buffer }>) {
    const parts: string[] = [];
    const ranges: { level: number; lo: number; hi: number }[] = [];
    for (const [level, c] of computed) {
      const hi = Math.min(Math.floor(to / 2 ** level), Math.floor(nodesCovered / 2 ** level));
      if (hi <= c.lo) continue;
      ranges.push({ level, lo: c.lo, hi });
      parts.push(`select ${level}, count(*), min(node_index), string_agg(hash, '' order by node_index) from ledger_nodes where level = ${level} and node_index >= ${c.lo} and node_index < ${hi}`);
    }
    if (!parts.length) return;
    const rows = await raw.rows(parts.join(' union all '));
    const byLevel = new Map(rows.map((r) => [Number(r[0]), r]));
    for (const { level, lo, hi } of ranges) {
      const slab = computed.get(level)!.slab;
      const count = hi - lo;
      nodesChecked += count;
      const r = byLevel.get(level);
      const stored = r && Number(r[1]) === count && Number(r[2]) === lo && r[3]?.length === 2 * HASH_BYTES * count ? Buffer.from(r[3], 'hex') : null;
      if (stored && stored.length === count * HASH_BYTES) {
        if (stored.equals(slab.subarray(0, count * HASH_BYTES))) continue;
        for (let k = 0; k < count; k++) {
          if (stored.compare(slab, k * HASH_BYTES, (k + 1) * HASH_BYTES, k * HASH_BYTES, (k + 1) * HASH_BYTES) !== 0) nodeFinding('node_altered', level, lo + k);
        }
        continue;
      }
      // Rows missing or unreadable: look at them one by one.
      const got = new Map((await raw.rows(`select node_index, hash from ledger_nodes where level = ${level} and node_index >= ${lo} and node_index < ${hi}`)).map((x) => [Number(x[0]), x[1] ?? '']));
      for (let k = 0; k < count; k++) {
        const hex = got.get(lo + k);
        if (hex === undefined) nodeFinding('node_missing', level, lo + k);
        else if (hex !== slab.toString('hex', k * HASH_BYTES, (k + 1) * HASH_BYTES)) nodeFinding('node_altered', level, lo + k);
      }
    }
  }

  return {
    /** Leaves in order; `each` sees every row with its position for the checks that do not need hashing. */
    async addLeaves(rows: RawRow[], each: (position: number, leafIndex: number, entryId: number, leafHash: string) => void) {
      if (!rows.length) return;
      const from = tree.size;
      const to = from + rows.length;
      const leaves = Buffer.alloc(rows.length * HASH_BYTES);
      // Subtrees this batch completes, per level: indexes [from / 2^level, to / 2^level), filled as the tree grows.
      const computed = new Map<number, { lo: number; slab: Buffer }>();
      for (let level = 1; 2 ** level <= to; level++) {
        const lo = Math.floor(from / 2 ** level);
        const hi = Math.floor(to / 2 ** level);
        if (hi > lo) computed.set(level, { lo, slab: Buffer.alloc((hi - lo) * HASH_BYTES) });
      }
      const onNode = (level: number, index: number, node: Buffer) => {
        const c = computed.get(level)!;
        node.copy(c.slab, (index - c.lo) * HASH_BYTES);
      };
      for (let k = 0; k < rows.length; k++) {
        const row = rows[k]!;
        const leafHash = row[2] ?? '';
        // A damaged (non-hex) hash writes fewer bytes; the leaf then mismatches its entry and the signed root.
        leaves.write(leafHash, k * HASH_BYTES, HASH_BYTES, 'hex');
        each(from + k, Number(row[0]), Number(row[1]), leafHash);
        tree.append(leaves, k * HASH_BYTES, onNode);
        if (nextCp < checkpoints.length && checkpoints[nextCp]!.treeSize <= tree.size) reachCheckpoints();
      }
      await compareNodes(from, to, computed);
    },

    async finish() {
      const leaves = tree.size;
      const findings: Finding[] = [];
      // Subtrees stored beyond the tree: leaves were removed after their subtrees were written, or a row was forged.
      const beyond: string[] = [];
      for (let level = 1; level <= 53; level++) beyond.push(`select ${level}, node_index from ledger_nodes where level = ${level} and node_index >= ${Math.floor(leaves / 2 ** level)}`);
      const extra = await raw.rows(`${beyond.join(' union all ')} order by 1, 2`);
      // A subtree that disagrees with leaves which fail a signed root is not reported: the leaves are the damage, and
      // the checkpoint finding names it. Anywhere else the stored row itself is wrong.
      const covering = (end: number) => checkpoints.findIndex((cp) => cp.treeSize >= end);
      for (const issue of nodeIssues) {
        const c = covering((issue.index + 1) * 2 ** issue.level);
        if (c >= 0 && rootOk[c] === false) continue;
        findings.push(issue.f);
      }
      for (const r of extra) {
        findings.push({ code: 'node_extra', where: `node ${r[0]}/${r[1]}`, detail: `a stored subtree beyond the ${leaves} leaves of the tree (leaves were removed, or the row was forged)` });
      }
      checkpoints.forEach((cp, i) => {
        if (cp.treeSize > leaves) perCheckpoint[i]!.push({ code: 'log_truncated', where: `checkpoint ${cp.treeSize}`, detail: `the checkpoint covers ${cp.treeSize} leaves but the log has ${leaves}` });
        findings.push(...perCheckpoint[i]!);
      });
      const expectedNodes = leaves - popCount(leaves);
      return { leaves, findings, nodes: { checked: nodesChecked, pending: Math.max(0, expectedNodes - nodesChecked) } };
    },
  };
}

function popCount(n: number): number {
  let bits = 0;
  for (let x = n; x > 0; x = Math.floor(x / 2)) bits += x % 2;
  return bits;
}

/**
 * One logged table against its entries. Integer keys (every table but evidence): the table is read in id order, as far
 * as the entries read so far refer to it, and rows wait in a map until their entry comes — a handful in a healthy
 * log. Other keys: the entries wait in a map and the table is read once at the end.
 */
function recordCheck(db: Db, raw: RawSource, kind: Kind, alg: HashAlg, batch: number) {
  const { table, name } = SOURCES[kind];
  const codec = recordCodecOf(table as PgTable, 's');
  const keyType = table.id.columnType as string;
  const integerKeys = ['PgBigSerial53', 'PgBigInt53', 'PgSerial', 'PgInteger'].includes(keyType);
  const out: Placed[] = [];
  const deleted: Placed[] = [];
  /** Rows whose fast encoding does not hash to their entry: decided through Drizzle at the end. */
  const suspects: { id: string; entryId: number; entryHash: string }[] = [];

  const leafOfRecord = (record: unknown) => hash(alg, leafText(kind, canonicalJson(record)), 'hex');
  const altered = (id: string, entryId: number) => out.push({ at: orderOf(id), sub: 0, f: { code: 'record_altered', where: `${name}#${id}`, detail: `the row no longer matches its log entry #${entryId}` } });
  const unlogged = (id: string) =>
    out.push({ at: orderOf(id), sub: 0, f: { code: 'record_unlogged', where: `${name}#${id}`, detail: 'the row has no log entry (written around the application, or its entry was removed)' } });
  const gone = (ref: string, entryId: number) =>
    deleted.push({ at: entryId, sub: 0, f: { code: 'record_deleted', where: `${name}#${ref}`, detail: `log entry #${entryId} refers to a row that no longer exists` } });
  const orderOf = (id: string): number | string => (integerKeys ? Number(id) : id);

  /** Rows with key in (after, upto] (upto null: to the end), in key order, as [id text, leaf hash or null]. */
  async function* readRows(after: string | null, upto: string | null): AsyncGenerator<[string, string | null][]> {
    const cast = keyType === 'PgUUID' ? '::uuid' : '';
    for (;;) {
      const where = [after === null ? null : `s.id > ${literal(after)}${cast}`, upto === null ? null : `s.id <= ${literal(upto)}${cast}`].filter(Boolean).join(' and ');
      if (codec) {
        const rows = await raw.rows(`select s.id, ${codec.select} from ${name} s ${where ? `where ${where}` : ''} order by s.id limit ${batch}`);
        stats.checked += rows.length;
        yield rows.map((r): [string, string | null] => {
          const json = codec.encode(r, 1);
          return [r[0]!, json === null ? null : hash(alg, leafText(kind, json), 'hex')];
        });
        if (rows.length < batch) return;
        after = rows[rows.length - 1]![0]!;
      } else {
        // No bulk encoding for this table: the exact path for every row.
        const rows = await raw.rows(`select s.id from ${name} s ${where ? `where ${where}` : ''} order by s.id limit ${batch}`);
        const ids = rows.map((r) => r[0]!);
        stats.checked += ids.length;
        const full = ids.length ? await selectByIds(ids) : [];
        const leafById = new Map(full.map((row) => [String(row.id), leafOfRecord(row)]));
        yield ids.map((id): [string, string | null] => [id, leafById.get(id) ?? null]);
        if (rows.length < batch) return;
        after = ids[ids.length - 1]!;
      }
    }
  }

  async function selectByIds(ids: string[]) {
    const t = table as SourceTable;
    const keys = integerKeys ? ids.map(Number) : ids;
    return (await db.select().from(t as typeof changeEvents).where(inArray((t as typeof changeEvents).id, keys as number[])).orderBy(asc(t.id))) as { id: number | string }[];
  }

  // ---- integer keys ------------------------------------------------------------------------------------------------
  let readUpTo: number | null = null; // every row with id ≤ readUpTo has been read
  let readUpToText: string | null = null;
  const waitingRows = new Map<number, string | null>(); // id → leaf hash (null: needs the exact path)
  let pendingEntries: { entryId: number; ref: string; hash: string }[] = [];
  /** Refs not among the waiting rows although already read past: a second entry for one row, or a deleted row. */
  const unclear: { entryId: number; ref: string }[] = [];
  // ---- other keys --------------------------------------------------------------------------------------------------
  const entryByRef = new Map<string, { entryId: number; hash: string }>();

  /** Rows read, and rows the bulk encoding could not vouch for (read again through Drizzle): 0 in a healthy log. */
  const stats = { checked: 0, rechecked: 0 };

  return {
    kind,
    stats,
    add(entryId: number, ref: string, entryHash: string) {
      if (integerKeys) pendingEntries.push({ entryId, ref, hash: entryHash });
      else entryByRef.set(ref, { entryId, hash: entryHash }); // the latest entry for a row is the one it must match
    },

    /** Read the table as far as this batch of entries refers to it, and match. */
    async flush() {
      if (!integerKeys || !pendingEntries.length) return;
      const ids = pendingEntries.map((e) => (/^-?\d{1,16}$/.test(e.ref) && String(Number(e.ref)) === e.ref ? Number(e.ref) : null));
      let maxRef: number | null = null;
      for (const id of ids) if (id !== null && (maxRef === null || id > maxRef)) maxRef = id;
      if (maxRef !== null && (readUpTo === null || maxRef > readUpTo)) {
        for await (const rows of readRows(readUpToText, String(maxRef))) for (const [id, leaf] of rows) waitingRows.set(Number(id), leaf);
        readUpTo = maxRef;
        readUpToText = String(maxRef);
      }
      pendingEntries.forEach((e, k) => {
        const id = ids[k];
        if (id === null || id === undefined) return gone(e.ref, e.entryId);
        if (!waitingRows.has(id)) return void unclear.push(e);
        const leaf = waitingRows.get(id);
        waitingRows.delete(id);
        if (leaf !== e.hash) suspects.push({ id: String(id), entryId: e.entryId, entryHash: e.hash });
      });
      pendingEntries = [];
    },

    async finish(): Promise<Finding[]> {
      if (integerKeys) {
        for await (const rows of readRows(readUpToText, null)) for (const [id] of rows) waitingRows.set(Number(id), null);
        for (const id of waitingRows.keys()) unlogged(String(id));
        if (unclear.length) {
          const existing = new Set<string>();
          for (let k = 0; k < unclear.length; k += 1000) {
            const ids = unclear.slice(k, k + 1000).map((e) => literal(Number(e.ref)));
            for (const r of await raw.rows(`select s.id from ${name} s where s.id in (${ids.join(', ')})`)) existing.add(r[0]!);
          }
          for (const e of unclear) if (!existing.has(e.ref)) gone(e.ref, e.entryId);
        }
      } else {
        for await (const rows of readRows(null, null)) {
          for (const [id, leaf] of rows) {
            const e = entryByRef.get(id);
            if (!e) unlogged(id);
            else {
              entryByRef.delete(id);
              if (leaf !== e.hash) suspects.push({ id, entryId: e.entryId, entryHash: e.hash });
            }
          }
        }
        for (const [ref, e] of entryByRef) gone(ref, e.entryId);
      }
      // The exact path, through Drizzle as the append path read the row, decides every suspect.
      stats.rechecked = suspects.length;
      for (let k = 0; k < suspects.length; k += 1000) {
        const chunk = suspects.slice(k, k + 1000);
        const rows = await selectByIds(chunk.map((s) => s.id));
        const leafById = new Map(rows.map((row) => [String(row.id), leafOfRecord(row)]));
        for (const s of chunk) {
          const leaf = leafById.get(s.id);
          if (leaf === undefined) gone(s.id, s.entryId);
          else if (leaf !== s.entryHash) altered(s.id, s.entryId);
        }
      }
      return [...out.sort(byPlace), ...deleted.sort(byPlace)].map((p) => p.f);
    },
  };
}
