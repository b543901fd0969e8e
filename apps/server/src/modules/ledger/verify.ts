import { CompactTree, fromHex, leafHash, toHex } from '@zhifa/domain';
import { asc } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { changeEvents, securityEvents } from '../audit/index.ts';
import type { BlobStore } from '../blobs/index.ts';
import { evidence, evidenceAccess } from '../evidence/index.ts';
import { leafData } from './canonical.ts';
import { ledgerCheckpoints, ledgerEntries, ledgerQueue, ledgerTree } from './ledger.schema.ts';
import { hashFnOf, type HashAlg } from './ledger.service.ts';
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
    | 'blob_missing'
    | 'blob_swapped';
  /** Which row, leaf or checkpoint (e.g. "change_events#123", "leaf 17", "checkpoint 4096"). */
  where: string;
  detail: string;
}

/** The logged tables and how to read a record back exactly as it was logged. */
const SOURCES = {
  change_event: { table: changeEvents, name: 'change_events' },
  security_event: { table: securityEvents, name: 'security_events' },
  evidence: { table: evidence, name: 'evidence' },
  evidence_access: { table: evidenceAccess, name: 'evidence_access' },
} as const;
type Kind = keyof typeof SOURCES;

/**
 * Recompute the whole log from the database and compare (issue #8 "verifier"): every logged record against its leaf,
 * every leaf against the tree, every checkpoint's root against the leaves and its signature against its key. Each
 * finding names the damaged row, leaf or checkpoint. Pure reads: it never repairs anything.
 */
export async function verifyLedger(db: Db, opts: { trustedKeys?: string[]; blobs?: BlobStore } = {}) {
  const findings: Finding[] = [];
  const [entries, tree, checkpoints, queue] = await Promise.all([
    db.select().from(ledgerEntries).orderBy(asc(ledgerEntries.id)),
    db.select().from(ledgerTree).orderBy(asc(ledgerTree.leafIndex)),
    db.select().from(ledgerCheckpoints).orderBy(asc(ledgerCheckpoints.treeSize)),
    db.select().from(ledgerQueue),
  ]);
  const hashAlg = (checkpoints[0]?.hashAlg ?? 'sha256') as HashAlg;
  const h = hashFnOf(hashAlg);
  const leafOf = (kind: string, record: unknown) => toHex(leafHash(h, leafData(kind, record)));

  // 1. Every logged record still hashes to its entry; every record has an entry.
  const entryByRef = new Map<string, (typeof entries)[number]>();
  for (const e of entries) entryByRef.set(`${e.kind}:${e.ref}`, e);
  for (const [kind, src] of Object.entries(SOURCES) as [Kind, (typeof SOURCES)[Kind]][]) {
    const rows: { id: number | string }[] = await db.select().from(src.table as typeof changeEvents).orderBy(asc(src.table.id));
    const seen = new Set<string>();
    for (const row of rows) {
      const ref = String(row.id);
      seen.add(ref);
      const e = entryByRef.get(`${kind}:${ref}`);
      if (!e) {
        findings.push({ code: 'record_unlogged', where: `${src.name}#${ref}`, detail: 'the row has no log entry (written around the application, or its entry was removed)' });
        continue;
      }
      if (leafOf(kind, row) !== e.leafHash) findings.push({ code: 'record_altered', where: `${src.name}#${ref}`, detail: `the row no longer matches its log entry #${e.id}` });
    }
    for (const e of entries) {
      if (e.kind === kind && !seen.has(e.ref)) findings.push({ code: 'record_deleted', where: `${src.name}#${e.ref}`, detail: `log entry #${e.id} refers to a row that no longer exists` });
    }
  }

  // 1b. Every evidence file still hashes to its content address (a swapped or deleted file is named).
  if (opts.blobs) {
    for (const row of await db.select({ id: evidence.id, blobId: evidence.blobId }).from(evidence)) {
      const actual = await opts.blobs.rehash(row.blobId);
      if (actual === null) findings.push({ code: 'blob_missing', where: `evidence#${row.id}`, detail: `file ${row.blobId.slice(0, 19)}… is missing from the blob store` });
      else if (actual !== row.blobId) findings.push({ code: 'blob_swapped', where: `evidence#${row.id}`, detail: `file ${row.blobId.slice(0, 19)}… now hashes to ${actual.slice(0, 19)}…` });
    }
  }

  // 2. The tree is contiguous and each leaf is the hash of its entry.
  const entryById = new Map(entries.map((e) => [e.id, e]));
  const queued = new Set(queue.map((q) => q.entryId));
  const inTree = new Set<number>();
  tree.forEach((leaf, i) => {
    if (leaf.leafIndex !== i) findings.push({ code: 'tree_gap', where: `leaf ${i}`, detail: `expected leaf index ${i}, found ${leaf.leafIndex}` });
    inTree.add(leaf.entryId);
    const e = entryById.get(leaf.entryId);
    if (!e) findings.push({ code: 'entry_missing', where: `leaf ${leaf.leafIndex}`, detail: `log entry #${leaf.entryId} is gone` });
    else if (e.leafHash !== leaf.leafHash) findings.push({ code: 'leaf_altered', where: `leaf ${leaf.leafIndex}`, detail: `leaf hash differs from entry #${e.id}` });
  });
  for (const e of entries) {
    if (!inTree.has(e.id) && !queued.has(e.id)) findings.push({ code: 'entry_missing', where: `entry #${e.id}`, detail: 'neither in the tree nor waiting to be sequenced' });
  }

  // 3. Each checkpoint: signature over its body, body matches its fields, root matches the leaves (which also proves
  //    consistency between successive checkpoints: both are recomputed from the same leaves).
  const trusted = new Set(opts.trustedKeys ?? []);
  const compact = new CompactTree(h);
  let next = 0;
  for (const cp of checkpoints) {
    const where = `checkpoint ${cp.treeSize}`;
    if (!verifySignature(cp.publicKey, cp.body, cp.signature)) findings.push({ code: 'checkpoint_signature_invalid', where, detail: 'the signature does not verify' });
    if (trusted.size && !trusted.has(cp.publicKey.trim())) findings.push({ code: 'checkpoint_untrusted_key', where, detail: `signed by key ${cp.keyId}, which is not a trusted key` });
    const lines = cp.body.split('\n');
    const expected = checkpointBody({ origin: lines[1] ?? '', treeSize: cp.treeSize, rootHex: cp.rootHash, hashAlg: cp.hashAlg, signedAt: lines[5] ?? '' });
    if (expected !== cp.body) findings.push({ code: 'checkpoint_body_mismatch', where, detail: 'the stored size, root or algorithm differ from the signed text' });
    if (cp.treeSize > tree.length) {
      findings.push({ code: 'log_truncated', where, detail: `the checkpoint covers ${cp.treeSize} leaves but the log has ${tree.length}` });
      continue;
    }
    while (next < cp.treeSize) compact.append(fromHex(tree[next++]!.leafHash));
    const root = toHex(compact.root());
    const signedRoot = lines[3] ?? cp.rootHash;
    if (root !== signedRoot) {
      findings.push({ code: 'checkpoint_root_mismatch', where, detail: `the first ${cp.treeSize} leaves hash to ${root.slice(0, 16)}…, the signed root is ${signedRoot.slice(0, 16)}… (leaves were altered, removed or reordered)` });
    }
  }

  return {
    ok: findings.length === 0,
    findings,
    stats: { entries: entries.length, leaves: tree.length, queued: queue.length, checkpoints: checkpoints.length, hashAlg },
  };
}
