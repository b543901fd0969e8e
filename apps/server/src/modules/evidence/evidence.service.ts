import { AppError, assessEvidence, type EvidenceMetaInput } from '@zhifa/domain';
import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { Readable } from 'node:stream';
import type { Db } from '../../db/client.ts';
import { isInScope, requirePermission, scopeCondition, type Actor } from '../../lib/actor.ts';
import type { Clock } from '../../lib/clock.ts';
import type { AuditService, LedgerAppender } from '../audit/index.ts';
import type { BlobStore } from '../blobs/index.ts';
import { evidence, evidenceAccess } from './evidence.schema.ts';

type EvidenceRow = typeof evidence.$inferSelect;

export const evidenceOut = (r: EvidenceRow) => ({
  id: r.id,
  blobId: r.blobId,
  sha256: r.blobId.slice(7),
  size: r.size,
  fileName: r.fileName,
  mediaType: r.mediaType,
  kind: r.kind,
  caseRef: r.caseRef,
  stage: r.stage,
  maker: r.maker,
  makerOfficerId: r.makerOfficerId,
  capturedAt: r.capturedAt.toISOString(),
  capturedPlace: r.capturedPlace,
  device: r.device,
  deviceReviewed: r.deviceReviewed,
  method: r.method,
  proves: r.proves,
  transcript: r.transcript,
  gapReason: r.gapReason,
  lateUpload: r.lateUpload,
  retentionClass: r.retentionClass,
  retainUntil: r.retainUntil,
  uploadedBy: r.uploadedBy,
  uploadedAt: r.uploadedAt.toISOString(),
});

/**
 * Evidence intake and access. Writing needs an enforcement role inside an agency (officers record evidence); every
 * read of metadata or content is logged with its reason before anything is returned.
 */
export function createEvidenceService(deps: { db: Db; blobs: BlobStore; audit: AuditService; ledger: LedgerAppender; clock: Clock }) {
  const { db, blobs, audit, ledger, clock } = deps;

  function assertCanRecord(actor: Actor) {
    // Evidence is part of a case file: gathered by the agency's case handlers; administrators and supervisors do not
    // add to case files (permissions from the domain role table).
    requirePermission(actor, 'case.handle');
    if (!actor.agencyId) throw new AppError('FORBIDDEN', { details: { reason: 'only agency staff record evidence' } });
  }

  /** Validate metadata before any byte is stored (tus creation, multipart field). */
  function check(actor: Actor, meta: EvidenceMetaInput, mediaType: string) {
    assertCanRecord(actor);
    const a = assessEvidence(meta, mediaType, clock.now());
    if (a.refusals.length) {
      throw new AppError('RULE_VIOLATION', {
        message: a.refusals.map((r) => r.message).join(' '),
        messageZh: a.refusals.map((r) => r.messageZh).join(''),
        details: { issues: a.refusals.map((r) => ({ path: [r.field], message: r.message, messageZh: r.messageZh })), citation: a.refusals[0]!.citation },
      });
    }
    return a;
  }

  async function getScoped(actor: Actor, id: string): Promise<EvidenceRow> {
    const [r] = await db.select().from(evidence).where(eq(evidence.id, id));
    if (!r || !isInScope(actor, { regionPath: r.regionPath, agencyId: r.agencyId })) throw new AppError('NOT_FOUND');
    return r;
  }

  async function logAccess(actor: Actor, evidenceId: string, action: 'view' | 'download', reason: string, ip?: string) {
    await db.transaction(async (tx) => {
      const rows = await tx.insert(evidenceAccess).values({ evidenceId, userId: actor.userId, role: actor.role, action, reason, ip: ip ?? null, at: clock.now() }).returning();
      await ledger.append(tx, rows.map((r) => ({ kind: 'evidence_access', ref: String(r.id), record: r })));
    });
  }

  return {
    check,

    /** Record evidence for a blob already in the store (multipart stream or finished tus upload). */
    async record(actor: Actor, meta: EvidenceMetaInput, file: { blobId: string; size: number; fileName: string; mediaType: string }, reqMeta: { requestId?: string }) {
      const a = check(actor, meta, file.mediaType);
      const id = crypto.randomUUID();
      const row = await db.transaction(async (tx) => {
        const [r] = await tx
          .insert(evidence)
          .values({
            id,
            blobId: file.blobId,
            size: file.size,
            fileName: file.fileName.slice(0, 255),
            mediaType: file.mediaType,
            kind: a.kind,
            caseRef: meta.caseRef,
            stage: meta.stage,
            maker: meta.maker,
            makerOfficerId: meta.makerOfficerId,
            capturedAt: new Date(meta.capturedAt),
            capturedPlace: meta.capturedPlace,
            device: meta.device,
            deviceReviewed: meta.deviceReviewed,
            method: meta.method,
            proves: meta.proves,
            transcript: meta.transcript,
            gapReason: meta.gapReason,
            lateUpload: a.lateUpload,
            retentionClass: meta.retentionClass,
            retainUntil: a.retainUntil,
            agencyId: actor.agencyId,
            regionPath: actor.regionPath,
            uploadedBy: actor.userId,
            uploadedAt: clock.now(),
          })
          .returning();
        await ledger.append(tx, [{ kind: 'evidence', ref: id, record: r }]);
        await audit.recordChange(tx, { actor, requestId: reqMeta.requestId, entityType: 'evidence', entityId: id, action: 'upload', after: { blobId: file.blobId, caseRef: meta.caseRef, lateUpload: a.lateUpload, deviceReviewed: meta.deviceReviewed }, regionPath: actor.regionPath, agencyId: actor.agencyId });
        return r!;
      });
      return { ...evidenceOut(row), flags: { lateUpload: a.lateUpload, deviceNotReviewed: a.deviceNotReviewed } };
    },

    async list(actor: Actor, q: { caseRef?: string | undefined; limit: number }) {
      requirePermission(actor, 'case.read');
      const conds: SQL[] = [scopeCondition(actor, { regionPath: evidence.regionPath, agencyId: evidence.agencyId })];
      if (q.caseRef) conds.push(eq(evidence.caseRef, q.caseRef));
      const rows = await db.select().from(evidence).where(and(...conds)).orderBy(desc(evidence.uploadedAt)).limit(q.limit);
      return rows.map(evidenceOut);
    },

    /** Metadata of one item; the view is logged. */
    async get(actor: Actor, id: string, reason: string, ip?: string) {
      requirePermission(actor, 'case.read');
      const r = await getScoped(actor, id);
      await logAccess(actor, id, 'view', reason, ip);
      return evidenceOut(r);
    },

    /** The file itself; a download needs a stated reason and is logged before a byte is sent. */
    async open(actor: Actor, id: string, reason: string, ip?: string): Promise<{ row: EvidenceRow; stream: Readable }> {
      requirePermission(actor, 'case.read');
      const r = await getScoped(actor, id);
      await logAccess(actor, id, 'download', reason, ip);
      return { row: r, stream: await blobs.stream(r.blobId) };
    },

    async accessLog(actor: Actor, id: string) {
      requirePermission(actor, 'case.read');
      await getScoped(actor, id);
      const rows = await db.select().from(evidenceAccess).where(eq(evidenceAccess.evidenceId, id)).orderBy(desc(evidenceAccess.id)).limit(500);
      return rows.map((a) => ({ id: a.id, userId: a.userId, role: a.role, action: a.action, reason: a.reason, ip: a.ip, at: a.at.toISOString() }));
    },
  };
}
export type EvidenceService = ReturnType<typeof createEvidenceService>;
