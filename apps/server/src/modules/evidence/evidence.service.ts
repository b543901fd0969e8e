import { AppError, assessEvidence, AV_RECORD_KINDS, recordingGapRefusal, type AvStage, type EvidenceMetaInput } from '@zhifa/domain';
import { and, desc, eq, inArray, isNotNull, notExists, sql, type SQL } from 'drizzle-orm';
import type { Readable } from 'node:stream';
import type { Db } from '../../db/client.ts';
import { isInScope, requirePermission, scopeCondition, type Actor } from '../../lib/actor.ts';
import type { Clock } from '../../lib/clock.ts';
import type { AuditService, LedgerAppender } from '../audit/index.ts';
import type { BlobStore } from '../blobs/index.ts';
import { evidence, evidenceAccess, evidenceEvents } from './evidence.schema.ts';

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
/** The one rule parameter evidence needs, resolved for the recording agency's place and date (rule profiles). */
export type GapToleranceOf = (actor: Actor, date: Date) => Promise<number>;

export function createEvidenceService(deps: { db: Db; blobs: BlobStore; audit: AuditService; ledger: LedgerAppender; clock: Clock; gapToleranceMinutes: GapToleranceOf }) {
  const { db, blobs, audit, ledger, clock } = deps;

  /** Append an evidence event and its ledger entry in the caller's transaction. */
  async function appendEvent(tx: Db, actor: Actor, evidenceId: string, kind: 'recording' | 'withdrawal', payload: Record<string, unknown>) {
    const rows = await tx.insert(evidenceEvents).values({ evidenceId, kind, payload, actorId: actor.userId, actorRole: actor.role, at: clock.now() }).returning();
    await ledger.append(tx, rows.map((r) => ({ kind: 'evidence_event', ref: String(r.id), record: r })));
  }

  /** Earlier audio/video recordings of the same case and step, with their spans (REC4). */
  async function spansOf(tx: Db, caseRef: string, stage: string | null) {
    if (!stage) return [];
    const rows = await tx
      .select({ startedAt: evidence.capturedAt, payload: evidenceEvents.payload })
      .from(evidence)
      .innerJoin(evidenceEvents, and(eq(evidenceEvents.evidenceId, evidence.id), eq(evidenceEvents.kind, 'recording')))
      .where(and(eq(evidence.caseRef, caseRef), eq(evidence.stage, stage), inArray(evidence.kind, ['audio', 'video'])));
    return rows.map((r) => ({ startedAt: r.startedAt, endedAt: new Date(String(r.payload.endedAt)) }));
  }

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
      const tolerance = await deps.gapToleranceMinutes(actor, new Date(meta.capturedAt));
      const row = await db.transaction(async (tx) => {
        const gap = recordingGapRefusal(meta, a.kind, await spansOf(tx, meta.caseRef, meta.stage), tolerance);
        if (gap) {
          throw new AppError('RULE_VIOLATION', { message: gap.message, messageZh: gap.messageZh, details: { issues: [{ path: [gap.field], message: gap.message, messageZh: gap.messageZh }], citation: gap.citation } });
        }
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
        if ((a.kind === 'audio' || a.kind === 'video') && meta.recordingEndedAt) {
          await appendEvent(tx, actor, id, 'recording', { startedAt: meta.capturedAt, endedAt: meta.recordingEndedAt });
        }
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

    /**
     * A file handed over to another agency (a transfer's materials): the caller has checked that the actor is a party
     * to the hand-over, which is what grants access outside the evidence's own scope. Logged like any download.
     */
    async openHandedOver(actor: Actor, id: string, reason: string, ip?: string): Promise<{ row: EvidenceRow; stream: Readable }> {
      requirePermission(actor, 'transfer.read');
      const [r] = await db.select().from(evidence).where(eq(evidence.id, id));
      if (!r) throw new AppError('NOT_FOUND');
      await logAccess(actor, id, 'download', reason, ip);
      return { row: r, stream: await blobs.stream(r.blobId) };
    },

    /**
     * Withdraw a mistaken upload (REC6: originals are never deleted). The item stays, marked withdrawn with the reason,
     * and its file is kept until its retention ends; withdrawing twice is refused.
     */
    async withdraw(actor: Actor, id: string, reason: string, reqMeta: { requestId?: string }) {
      assertCanRecord(actor);
      const r = await getScoped(actor, id);
      await db.transaction(async (tx) => {
        const [done] = await tx.select({ id: evidenceEvents.id }).from(evidenceEvents).where(and(eq(evidenceEvents.evidenceId, id), eq(evidenceEvents.kind, 'withdrawal'))).limit(1);
        if (done) throw new AppError('INVALID_TRANSITION', { details: { status: 'withdrawn', allowedActions: [] } });
        await appendEvent(tx, actor, id, 'withdrawal', { reason });
        await audit.recordChange(tx, { actor, requestId: reqMeta.requestId, entityType: 'evidence', entityId: id, action: 'withdraw', reason, regionPath: r.regionPath, agencyId: r.agencyId });
      });
      return this.eventsOf(actor, id);
    },

    /** Recording span and withdrawal of each listed item (for the list and the case page). */
    async stateOf(ids: string[]) {
      if (!ids.length) return new Map<string, { recordingEndedAt: string | null; withdrawn: { reason: string; at: string } | null }>();
      const rows = await db.select().from(evidenceEvents).where(inArray(evidenceEvents.evidenceId, ids)).orderBy(evidenceEvents.id);
      const out = new Map<string, { recordingEndedAt: string | null; withdrawn: { reason: string; at: string } | null }>();
      for (const id of ids) out.set(id, { recordingEndedAt: null, withdrawn: null });
      for (const e of rows) {
        const st = out.get(e.evidenceId)!;
        if (e.kind === 'recording') st.recordingEndedAt = String(e.payload.endedAt);
        if (e.kind === 'withdrawal') st.withdrawn = { reason: String(e.payload.reason), at: e.at.toISOString() };
      }
      return out;
    },

    /**
     * Stages of a case (or inspection, measure) with an audio or video recording on file that was not withdrawn — what
     * the REC3 guards of the case procedures read, in the step's transaction.
     */
    async recordedAvStages(tx: Db, caseRef: string): Promise<AvStage[]> {
      const rows = await tx
        .selectDistinct({ stage: evidence.stage })
        .from(evidence)
        .where(
          and(
            eq(evidence.caseRef, caseRef),
            inArray(evidence.kind, [...AV_RECORD_KINDS]),
            isNotNull(evidence.stage),
            notExists(tx.select({ one: sql`1` }).from(evidenceEvents).where(and(eq(evidenceEvents.evidenceId, evidence.id), eq(evidenceEvents.kind, 'withdrawal')))),
          ),
        )
        .orderBy(evidence.stage);
      return rows.map((r) => r.stage as AvStage);
    },

    async eventsOf(actor: Actor, id: string) {
      requirePermission(actor, 'case.read');
      await getScoped(actor, id);
      const rows = await db.select().from(evidenceEvents).where(eq(evidenceEvents.evidenceId, id)).orderBy(evidenceEvents.id);
      return rows.map((e) => ({ id: e.id, kind: e.kind, payload: e.payload, actorId: e.actorId, actorRole: e.actorRole, at: e.at.toISOString() }));
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
