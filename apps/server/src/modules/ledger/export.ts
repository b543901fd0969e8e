import { CompactTree, fromHex, leafHash, toHex } from '@zhifa/domain';
import { asc, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { changeEvents, securityEvents } from '../audit/index.ts';
import { evidence, evidenceAccess } from '../evidence/index.ts';
import { leafData } from './canonical.ts';
import { ledgerCheckpoints, ledgerEntries, ledgerTree } from './ledger.schema.ts';
import { hashFnOf, type HashAlg } from './ledger.service.ts';
import { checkpointBody, verifySignature } from './signing.ts';
import type { Finding } from './verify.ts';

/**
 * Offline export (issue #8): the whole log as JSON lines — a header, one line per leaf with its record, then the signed
 * checkpoints — so a third party can recompute everything without access to the database. Personal data in the records
 * travels with the export: hand it only to those entitled to the records themselves.
 */
export const EXPORT_FORMAT = 'zhifa-ledger-export/v1';

const TABLES = { change_event: changeEvents, security_event: securityEvents, evidence, evidence_access: evidenceAccess } as const;

export async function* exportLedger(db: Db): AsyncGenerator<string> {
  const checkpoints = await db.select().from(ledgerCheckpoints).orderBy(asc(ledgerCheckpoints.treeSize));
  yield JSON.stringify({ format: EXPORT_FORMAT, hashAlg: checkpoints[0]?.hashAlg ?? 'sha256' });
  const tree = await db.select().from(ledgerTree).orderBy(asc(ledgerTree.leafIndex));
  for (let k = 0; k < tree.length; k += 1000) {
    const chunk = tree.slice(k, k + 1000);
    const entries = await db.select().from(ledgerEntries).where(inArray(ledgerEntries.id, chunk.map((l) => l.entryId)));
    const entryById = new Map(entries.map((e) => [e.id, e]));
    const records = new Map<string, unknown>();
    for (const [kind, table] of Object.entries(TABLES)) {
      const refs = entries.filter((e) => e.kind === kind).map((e) => e.ref);
      if (!refs.length) continue;
      const ids = kind === 'evidence' ? refs : refs.map(Number);
      const rows = await db.select().from(table as typeof changeEvents).where(inArray(table.id as typeof changeEvents.id, ids as number[]));
      for (const r of rows) records.set(`${kind}:${r.id}`, r);
    }
    for (const l of chunk) {
      const e = entryById.get(l.entryId);
      yield JSON.stringify({ i: l.leafIndex, kind: e?.kind ?? null, ref: e?.ref ?? null, leafHash: l.leafHash, record: e ? (records.get(`${e.kind}:${e.ref}`) ?? null) : null });
    }
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

/** Verify an export with nothing but its lines (and optionally the keys one trusts). */
export function verifyExport(lines: Iterable<string>, opts: { trustedKeys?: string[] } = {}) {
  const findings: Finding[] = [];
  const trusted = new Set((opts.trustedKeys ?? []).map((k) => k.trim()));
  const leafHashes: Uint8Array[] = [];
  const checkpoints: { c: ExportCheckpoint; lineNo: number }[] = [];
  let hashAlg: HashAlg | null = null;
  let lineNo = 0;
  for (const raw of lines) {
    lineNo++;
    if (!raw.trim()) continue;
    const obj = JSON.parse(raw) as Record<string, unknown>;
    if (hashAlg === null) {
      if (obj.format !== EXPORT_FORMAT) throw new Error(`not a ${EXPORT_FORMAT} file`);
      hashAlg = obj.hashAlg as HashAlg;
      continue;
    }
    if (obj.checkpoint) {
      checkpoints.push({ c: obj.checkpoint as ExportCheckpoint, lineNo });
      continue;
    }
    const l = obj as { i: number; kind: string | null; ref: string | null; leafHash: string; record: unknown };
    const where = `leaf ${l.i} (line ${lineNo})`;
    if (l.i !== leafHashes.length) findings.push({ code: 'tree_gap', where, detail: `expected leaf ${leafHashes.length}` });
    if (l.record === null || !l.kind) findings.push({ code: 'record_deleted', where, detail: `${l.kind ?? '?'}#${l.ref ?? '?'} is missing from the export` });
    else if (toHex(leafHash(hashFnOf(hashAlg), leafData(l.kind, l.record))) !== l.leafHash) findings.push({ code: 'record_altered', where, detail: `${l.kind}#${l.ref} does not hash to its leaf` });
    leafHashes.push(fromHex(l.leafHash));
  }
  const h = hashFnOf(hashAlg ?? 'sha256');
  // One compact tree advanced through the checkpoints in size order: each signed root is checked against the leaves.
  const tree = new CompactTree(h);
  for (const { c, lineNo: n } of checkpoints.sort((a, b) => a.c.treeSize - b.c.treeSize)) {
    const where = `checkpoint ${c.treeSize} (line ${n})`;
    if (!verifySignature(c.publicKey, c.body, c.signature)) findings.push({ code: 'checkpoint_signature_invalid', where, detail: 'the signature does not verify' });
    if (trusted.size && !trusted.has(c.publicKey.trim())) findings.push({ code: 'checkpoint_untrusted_key', where, detail: `signed by key ${c.keyId}, not a trusted key` });
    const body = c.body.split('\n');
    if (checkpointBody({ origin: body[1] ?? '', treeSize: c.treeSize, rootHex: c.rootHash, hashAlg: c.hashAlg, signedAt: body[5] ?? '' }) !== c.body) {
      findings.push({ code: 'checkpoint_body_mismatch', where, detail: 'size, root or algorithm differ from the signed text' });
    }
    if (c.treeSize > leafHashes.length) {
      findings.push({ code: 'log_truncated', where, detail: `covers ${c.treeSize} leaves, the export has ${leafHashes.length}` });
      continue;
    }
    while (tree.size < c.treeSize) tree.append(leafHashes[tree.size]!);
    const root = toHex(tree.root());
    const signed = body[3] ?? c.rootHash;
    if (root !== signed) findings.push({ code: 'checkpoint_root_mismatch', where, detail: `the first ${c.treeSize} leaves hash to ${root.slice(0, 16)}…, the signed root is ${signed.slice(0, 16)}…` });
  }
  return { ok: findings.length === 0, findings, stats: { leaves: leafHashes.length, checkpoints: checkpoints.length, hashAlg: hashAlg ?? 'sha256' } };
}
