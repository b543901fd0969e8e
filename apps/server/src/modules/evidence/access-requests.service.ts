import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Readable } from 'node:stream';
import {
  ACCESS_REQUEST_TRANSITIONS,
  AppError,
  decideAccessRequest,
  formatAccessTrackingNo,
  maskIdNumber,
  requesterIsParty,
  type AccessDecisionInput,
  type AccessRequestInput,
  type AccessRequestStatus,
} from '@zhifa/domain';
import { and, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { isInScope, requirePermission, scopeCondition, type Actor } from '../../lib/actor.ts';
import { chinaDate, type Clock } from '../../lib/clock.ts';
import type { AuditService, LedgerAppender } from '../audit/index.ts';
import type { BlobStore } from '../blobs/index.ts';
import { caseDocuments, cases } from '../cases/index.ts';
import { evidence, evidenceAccess, evidenceAccessRequests } from './evidence.schema.ts';

type RequestRow = typeof evidenceAccessRequests.$inferSelect;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Constant-time comparison of the presented code with the stored hash (no timing oracle on the code). */
function codeMatches(row: RequestRow | undefined, code: string): row is RequestRow {
  const expected = Buffer.from(row?.codeHash ?? '0'.repeat(64), 'hex');
  const given = Buffer.from(sha256(code), 'hex');
  return timingSafeEqual(expected, given) && !!row;
}

const staffOut = (r: RequestRow) => ({
  id: r.id,
  trackingNo: r.trackingNo,
  caseNo: r.caseNo,
  caseId: r.caseId,
  partyType: r.partyType,
  requesterName: r.requesterName,
  identifierMasked: r.identifierMasked,
  phone: r.phone,
  kind: r.kind,
  purpose: r.purpose,
  status: r.status,
  releasedEvidenceIds: r.releasedEvidenceIds,
  withheldGround: r.withheldGround,
  decisionReason: r.decisionReason,
  decidedAt: r.decidedAt?.toISOString() ?? null,
  validUntil: r.validUntil?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
});

/**
 * 当事人查阅、复制执法记录 (domain-rules REC7). A member of the public files a request with the case number and the
 * party's own identifier; when both match a case, the request goes to the agency that holds it, which releases some or
 * all of the case's records (stating a ground for what it withholds) for a limited time. The requester follows and
 * downloads with the tracking number and a one-time code; every download is in the evidence access log, in the ledger.
 */
export function createAccessRequestService(deps: { db: Db; blobs: BlobStore; audit: AuditService; ledger: LedgerAppender; clock: Clock }) {
  const { db, blobs, audit, ledger, clock } = deps;

  async function findCase(caseNo: string) {
    const [byCaseNo] = await db.select().from(cases).where(eq(cases.caseNo, caseNo)).limit(1);
    if (byCaseNo) return byCaseNo;
    // The decision's 文号 is also what a party holds in hand.
    const [doc] = await db.select({ caseId: caseDocuments.caseId }).from(caseDocuments).where(eq(caseDocuments.number, caseNo)).limit(1);
    if (!doc) return null;
    const [c] = await db.select().from(cases).where(eq(cases.id, doc.caseId)).limit(1);
    return c ?? null;
  }

  /** Evidence of a case: recorded against its id (the case page) or its number. */
  async function caseEvidence(c: { id: string; caseNo: string | null }) {
    const refs = [c.id, ...(c.caseNo ? [c.caseNo] : [])];
    return db.select().from(evidence).where(inArray(evidence.caseRef, refs)).orderBy(evidence.capturedAt);
  }

  async function getForStaff(actor: Actor, id: string): Promise<RequestRow> {
    const [r] = await db.select().from(evidenceAccessRequests).where(eq(evidenceAccessRequests.id, id));
    if (!r || !isInScope(actor, { regionPath: r.regionPath, agencyId: r.agencyId })) throw new AppError('NOT_FOUND');
    return r;
  }

  async function getForRequester(trackingNo: string, code: string): Promise<RequestRow> {
    const [r] = await db.select().from(evidenceAccessRequests).where(eq(evidenceAccessRequests.trackingNo, trackingNo));
    // Unknown number and wrong code answer alike.
    if (!codeMatches(r, code)) throw new AppError('NOT_FOUND');
    return r;
  }

  const isAvailable = (r: RequestRow) => (r.status === 'approved' || r.status === 'partly_approved') && !!r.validUntil && r.validUntil.getTime() > clock.now().getTime();

  return {
    /** Public: file a request. Returns the tracking number and the code, shown once. */
    async submit(input: AccessRequestInput, reqMeta: { requestId?: string }) {
      const c = await findCase(input.caseNo);
      const matched = !!c && requesterIsParty(c.party.type === 'individual' ? { type: 'individual', idNumber: c.party.idNumber } : { type: 'organisation', uscc: c.party.uscc }, input);
      const status: AccessRequestStatus = matched ? 'submitted' : 'unmatched';
      const code = randomBytes(6).toString('base64url');
      const id = crypto.randomUUID();
      const now = clock.now();
      const row = await db.transaction(async (tx) => {
        const [r] = await tx
          .insert(evidenceAccessRequests)
          .values({
            id,
            trackingNo: formatAccessTrackingNo(chinaDate(now), randomInt(0, 1_000_000)),
            codeHash: sha256(code),
            caseNo: input.caseNo,
            caseId: matched ? c.id : null,
            partyType: input.partyType,
            requesterName: input.name,
            identifierMasked: input.partyType === 'individual' ? maskIdNumber(input.identifier) : input.identifier,
            identifierHash: sha256(input.identifier),
            phone: input.phone,
            kind: input.kind,
            purpose: input.purpose,
            status,
            // An unmatched request belongs to nobody's agency; it stays at the top of the region tree for the auditors.
            agencyId: matched ? c.agencyId : null,
            regionPath: matched ? c.regionPath : '/',
            createdAt: now,
          })
          .returning();
        // Filed by the public (no account): recorded as a system event, without the requester's personal data.
        await audit.recordChange(tx, {
          actor: null,
          requestId: reqMeta.requestId,
          entityType: 'evidence_access_request',
          entityId: id,
          action: 'submit',
          after: { trackingNo: r!.trackingNo, caseNo: input.caseNo, status, kind: input.kind },
          regionPath: r!.regionPath,
          agencyId: r!.agencyId,
        });
        return r!;
      });
      return { trackingNo: row.trackingNo, code, status: row.status };
    },

    /** Public: the request's state and, when released and still valid, the records the requester may open. */
    async status(trackingNo: string, code: string) {
      const r = await getForRequester(trackingNo, code);
      const available = isAvailable(r);
      const items = available && r.releasedEvidenceIds.length ? await db.select().from(evidence).where(inArray(evidence.id, r.releasedEvidenceIds)).orderBy(evidence.capturedAt) : [];
      return {
        trackingNo: r.trackingNo,
        caseNo: r.caseNo,
        kind: r.kind,
        status: r.status,
        withheldGround: r.withheldGround,
        decisionReason: r.decisionReason,
        decidedAt: r.decidedAt?.toISOString() ?? null,
        validUntil: r.validUntil?.toISOString() ?? null,
        available,
        records: items.map((e) => ({ id: e.id, fileName: e.fileName, mediaType: e.mediaType, kind: e.kind, size: e.size, capturedAt: e.capturedAt.toISOString(), proves: e.proves, sha256: e.blobId.slice(7) })),
      };
    },

    /** Public: one released record; the download is logged (who: the request; why: its purpose) before a byte is sent. */
    async open(trackingNo: string, code: string, evidenceId: string, ip?: string): Promise<{ row: typeof evidence.$inferSelect; stream: Readable }> {
      const r = await getForRequester(trackingNo, code);
      if (!isAvailable(r) || !r.releasedEvidenceIds.includes(evidenceId)) throw new AppError('NOT_FOUND');
      const [e] = await db.select().from(evidence).where(eq(evidence.id, evidenceId));
      if (!e) throw new AppError('NOT_FOUND');
      await db.transaction(async (tx) => {
        const rows = await tx
          .insert(evidenceAccess)
          .values({ evidenceId, userId: r.id, role: 'party', action: 'download', reason: `当事人${r.kind === 'copy' ? '复制' : '查阅'}（${r.trackingNo}）：${r.purpose}`.slice(0, 500), ip: ip ?? null, at: clock.now() })
          .returning();
        await ledger.append(tx, rows.map((a) => ({ kind: 'evidence_access', ref: String(a.id), record: a })));
      });
      return { row: e, stream: await blobs.stream(e.blobId) };
    },

    /** Staff: requests for my agency (or region), newest first. */
    async list(actor: Actor, q: { status?: string | undefined; limit: number }) {
      requirePermission(actor, 'case.read');
      const conds: SQL[] = [scopeCondition(actor, { regionPath: evidenceAccessRequests.regionPath, agencyId: evidenceAccessRequests.agencyId })];
      if (q.status) conds.push(eq(evidenceAccessRequests.status, q.status));
      const rows = await db.select().from(evidenceAccessRequests).where(and(...conds)).orderBy(desc(evidenceAccessRequests.createdAt)).limit(q.limit);
      return rows.map(staffOut);
    },

    /** Staff: one request with the records of its case, to choose what to release. */
    async get(actor: Actor, id: string) {
      requirePermission(actor, 'case.read');
      const r = await getForStaff(actor, id);
      const [c] = r.caseId ? await db.select({ id: cases.id, caseNo: cases.caseNo }).from(cases).where(eq(cases.id, r.caseId)) : [];
      const records = c ? await caseEvidence(c) : [];
      return { ...staffOut(r), records: records.map((e) => ({ id: e.id, fileName: e.fileName, kind: e.kind, capturedAt: e.capturedAt.toISOString(), proves: e.proves, stage: e.stage })) };
    },

    /** Staff: decide once. Withholding any record needs a ground (REC7); the decision is a logged change. */
    async decide(actor: Actor, id: string, input: AccessDecisionInput, reqMeta: { requestId?: string }) {
      requirePermission(actor, 'case.handle');
      return db.transaction(async (tx) => {
        const r = await getForStaff(actor, id);
        const allowed = Object.keys(ACCESS_REQUEST_TRANSITIONS[r.status as AccessRequestStatus] ?? {});
        if (!allowed.length) throw new AppError('INVALID_TRANSITION', { details: { status: r.status, allowedActions: allowed } });
        const [c] = r.caseId ? await tx.select({ id: cases.id, caseNo: cases.caseNo }).from(cases).where(eq(cases.id, r.caseId)) : [];
        if (!c) throw new AppError('NOT_FOUND');
        const ids = (await caseEvidence(c)).map((e) => e.id);
        const out = decideAccessRequest(input, ids);
        if ('refusal' in out) {
          throw new AppError('RULE_VIOLATION', {
            message: out.refusal.message,
            messageZh: out.refusal.messageZh,
            details: { issues: [{ path: [out.refusal.field], message: out.refusal.message, messageZh: out.refusal.messageZh }], citation: '内蒙古自治区行政执法全过程记录办法 Art.24; domain-rules REC7' },
          });
        }
        const now = clock.now();
        const validUntil = out.status === 'refused' ? null : new Date(now.getTime() + input.validDays * 86_400_000);
        // The WHERE on status makes a concurrent second decision a lost race (409), never an overwrite.
        const [updated] = await tx
          .update(evidenceAccessRequests)
          .set({ status: out.status, releasedEvidenceIds: out.released, withheldGround: out.withheld.length ? input.withheldGround : null, decisionReason: input.reason, decidedBy: actor.userId, decidedAt: now, validUntil })
          .where(and(eq(evidenceAccessRequests.id, id), eq(evidenceAccessRequests.status, 'submitted')))
          .returning();
        if (!updated) throw new AppError('VERSION_CONFLICT');
        await audit.recordChange(tx, {
          actor,
          requestId: reqMeta.requestId,
          entityType: 'evidence_access_request',
          entityId: id,
          action: out.status === 'refused' ? 'refuse' : 'approve',
          before: { status: r.status },
          after: { status: out.status, released: out.released.length, withheld: out.withheld.length, withheldGround: updated.withheldGround, validUntil: validUntil?.toISOString() ?? null },
          reason: input.reason,
          regionPath: r.regionPath,
          agencyId: r.agencyId,
        });
        return staffOut(updated);
      });
    },
  };
}
export type AccessRequestService = ReturnType<typeof createAccessRequestService>;
