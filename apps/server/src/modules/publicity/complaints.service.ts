import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import {
  addPeriod,
  AppError,
  COMPLAINT_ACCEPT_WORKING_DAYS,
  COMPLAINT_STATUS_LABELS,
  COMPLAINT_TRANSITIONS,
  complaintTrackingNo,
  maskName,
  maskPhone,
  type ComplaintAction,
  type ComplaintStatus,
} from '@zhifa/domain';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { isInScope, requirePermission, scopeCondition, type Actor } from '../../lib/actor.ts';
import { chinaDate, type Clock } from '../../lib/clock.ts';
import { newId } from '../../lib/ids.ts';
import type { AuditService } from '../audit/index.ts';
import { registryTables, type RuleService } from '../registry/index.ts';
import type { PublicReadService } from './public.service.ts';
import { complaintEvents, complaints } from './publicity.schema.ts';

const { subjects } = registryTables;
type Meta = { requestId?: string | undefined };
const codeHash = (trackingNo: string, code: string) => createHash('sha256').update(`${trackingNo}:${code}`).digest('hex');

export interface ComplaintInput {
  kind: 'complaint' | 'report';
  agencyId?: string | undefined;
  sector?: string | undefined;
  regionCode?: string | undefined;
  subject: string;
  content: string;
  location?: string | undefined;
  lat?: number | undefined;
  long?: number | undefined;
  contactName?: string | undefined;
  contactPhone?: string | undefined;
  source: 'web' | 'open311';
}

/**
 * Complaints and reports (投诉举报, domain-rules §10.4): filed without a login, routed to the responsible agency, and
 * followed by the complainant with the tracking number plus a code (only its hash is stored). The agency accepts or
 * rejects within 7 working days (市场监督管理投诉举报处理暂行办法 Art.14). The reporter's identity stays inside the
 * agency (CP2): the public status never carries contact details.
 */
export function createComplaintService(deps: { db: Db; audit: AuditService; clock: Clock; rules: RuleService; publicRead: PublicReadService }) {
  const { db, audit, clock, rules, publicRead } = deps;

  async function history(id: string) {
    const rows = await db.select().from(complaintEvents).where(eq(complaintEvents.complaintId, id)).orderBy(asc(complaintEvents.seq));
    return rows.map((e) => ({ action: e.action, toStatus: e.toStatus, note: e.note, occurredAt: e.occurredAt.toISOString() }));
  }

  return {
    async submit(input: ComplaintInput, meta: Meta) {
      const agency = input.agencyId ? await publicRead.publicSubject(input.agencyId) : input.sector ? await publicRead.responsibleAgency(input.sector, input.regionCode) : null;
      if (!agency) {
        throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['body', input.agencyId ? 'agencyId' : 'sector'], message: 'no responsible agency found', messageZh: '未找到负责的执法机关' }] } });
      }
      const today = chinaDate(clock.now());
      const acceptDueOn = addPeriod(today, COMPLAINT_ACCEPT_WORKING_DAYS, 'day', 'WORKING', await rules.calendar());
      const trackingNo = complaintTrackingNo(today, randomBytes(6));
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const id = newId();
      await db.transaction(async (tx) => {
        await tx.insert(complaints).values({
          id,
          trackingNo,
          codeHash: codeHash(trackingNo, code),
          kind: input.kind,
          source: input.source,
          agencyId: agency.id,
          regionPath: agency.regionPath,
          serviceCode: input.sector ?? null,
          subject: input.subject,
          content: input.content,
          location: input.location ?? null,
          lat: input.lat != null ? String(input.lat) : null,
          long: input.long != null ? String(input.long) : null,
          contactName: input.contactName ?? null,
          contactPhone: input.contactPhone ?? null,
          status: 'received',
          receivedOn: today,
          acceptDueOn,
        });
        await audit.appendRecords(tx, 'complaint_event', await tx.insert(complaintEvents).values({ complaintId: id, seq: 1, action: 'submit', fromStatus: null, toStatus: 'received', actorId: null, note: null }).returning());
        // The log gets ids and routing only: the complainant's words and contact stay in the complaint row (PR5).
        await audit.recordChange(tx, { actor: null, requestId: meta.requestId, entityType: 'complaint', entityId: id, action: 'submit', after: { trackingNo, kind: input.kind, agencyId: agency.id, source: input.source }, regionPath: agency.regionPath, agencyId: agency.id });
      });
      return { id, trackingNo, code, agencyName: agency.name, acceptDueOn, status: 'received' as ComplaintStatus };
    },

    /** Status for the complainant: a wrong code answers exactly like an unknown number (404), so nothing leaks. */
    async status(trackingNo: string, code: string | null) {
      const [c] = await db.select().from(complaints).where(eq(complaints.trackingNo, trackingNo));
      const expected = c ? Buffer.from(c.codeHash, 'hex') : Buffer.alloc(32);
      const given = Buffer.from(codeHash(trackingNo, code ?? ''), 'hex');
      const ok = !!c && code != null && timingSafeEqual(expected, given);
      if (!c || !ok) throw new AppError('NOT_FOUND');
      const [agency] = await db.select({ name: subjects.name }).from(subjects).where(eq(subjects.id, c.agencyId));
      return {
        trackingNo: c.trackingNo,
        kind: c.kind,
        status: c.status,
        statusName: COMPLAINT_STATUS_LABELS[c.status as ComplaintStatus]?.zh ?? c.status,
        agencyName: agency?.name ?? '',
        subject: c.subject,
        receivedOn: c.receivedOn,
        acceptDueOn: c.acceptDueOn,
        publicReply: c.publicReply,
        updatedAt: c.updatedAt.toISOString(),
        history: await history(c.id),
      };
    },

    /** Open311 GET: only the public state of a request (no description, no contact) — the code is not required. */
    async open311Status(trackingNo: string) {
      const [c] = await db.select().from(complaints).where(eq(complaints.trackingNo, trackingNo));
      if (!c) throw new AppError('NOT_FOUND');
      const [agency] = await db.select({ name: subjects.name }).from(subjects).where(eq(subjects.id, c.agencyId));
      return { c, agencyName: agency?.name ?? '' };
    },

    async list(actor: Actor, q: { status?: string | undefined; page: number; pageSize: number }) {
      requirePermission(actor, 'case.read');
      const where = and(scopeCondition(actor, complaints), q.status ? eq(complaints.status, q.status) : undefined);
      const [rows, [n]] = await Promise.all([
        db.select().from(complaints).where(where).orderBy(desc(complaints.createdAt)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
        db.select({ n: sql<number>`count(*)::int` }).from(complaints).where(where),
      ]);
      const today = chinaDate(clock.now());
      return {
        items: rows.map((c) => ({
          id: c.id,
          trackingNo: c.trackingNo,
          kind: c.kind,
          source: c.source,
          subject: c.subject,
          content: c.content,
          location: c.location,
          // Officers handling it see who filed it, masked; the full contact is for the reply only (CP2).
          contactName: c.contactName ? maskName(c.contactName) : null,
          contactPhone: c.contactPhone ? maskPhone(c.contactPhone) : null,
          status: c.status,
          receivedOn: c.receivedOn,
          acceptDueOn: c.acceptDueOn,
          isOverdue: c.status === 'received' && c.acceptDueOn < today,
          publicReply: c.publicReply,
          version: c.version,
          allowedActions: Object.keys(COMPLAINT_TRANSITIONS[c.status as ComplaintStatus] ?? {}),
        })),
        total: n?.n ?? 0,
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    /** Accept, reject, start, close — by the agency handling it; the transition table refuses anything else (409). */
    async act(actor: Actor, id: string, action: ComplaintAction, input: { note?: string | undefined; version: number }, meta: Meta) {
      requirePermission(actor, 'case.handle');
      return db.transaction(async (tx) => {
        const [c] = await tx.select().from(complaints).where(eq(complaints.id, id));
        if (!c || !isInScope(actor, c)) throw new AppError('NOT_FOUND');
        const table = COMPLAINT_TRANSITIONS[c.status as ComplaintStatus] as Partial<Record<ComplaintAction, ComplaintStatus>>;
        const to = table[action];
        if (!to) throw new AppError('INVALID_TRANSITION', { details: { status: c.status, allowedActions: Object.keys(table) } });
        if ((action === 'reject' || action === 'close') && !input.note?.trim()) {
          throw new AppError('RULE_VIOLATION', {
            message: 'A rejection or closing must tell the complainant the reason or result.',
            messageZh: '不予受理或办结应当告知投诉人理由或结果。',
            details: { citation: '市场监督管理投诉举报处理暂行办法 Art.14, Art.33' },
          });
        }
        const updated = await tx
          .update(complaints)
          .set({ status: to, publicReply: input.note?.trim() || c.publicReply, version: c.version + 1, updatedAt: clock.now() })
          .where(and(eq(complaints.id, id), eq(complaints.version, input.version)))
          .returning();
        if (!updated.length) throw new AppError('VERSION_CONFLICT');
        const [last] = await tx.select({ seq: sql<number>`max(${complaintEvents.seq})::int` }).from(complaintEvents).where(eq(complaintEvents.complaintId, id));
        await audit.appendRecords(tx, 'complaint_event', await tx.insert(complaintEvents).values({ complaintId: id, seq: (last?.seq ?? 0) + 1, action, fromStatus: c.status, toStatus: to, actorId: actor.userId, note: input.note?.trim() || null }).returning());
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'complaint', entityId: id, action, before: { status: c.status }, after: { status: to }, reason: input.note ?? null, regionPath: c.regionPath, agencyId: c.agencyId });
        return { id, status: to, version: c.version + 1 };
      });
    },
  };
}
export type ComplaintService = ReturnType<typeof createComplaintService>;
