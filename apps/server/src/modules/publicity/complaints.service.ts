import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import {
  AppError,
  COMPLAINT_CHANNEL_LABELS,
  COMPLAINT_CHANNELS,
  COMPLAINT_KIND_LABELS,
  COMPLAINT_KINDS,
  COMPLAINT_RATEABLE_STATUSES,
  COMPLAINT_STATUS_LABELS,
  COMPLAINT_TRANSITIONS,
  complaintAcceptDueOn,
  complaintAnswerDueOn,
  complaintSlaRule,
  complaintTrackingNo,
  EXTERNAL_RECORD_NO_RE,
  hasPermission,
  maskName,
  maskPhone,
  type ComplaintAction,
  type ComplaintChannel,
  type ComplaintKind,
  type ComplaintStatus,
} from '@zhifa/domain';
import { and, asc, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { isInScope, requirePermission, scopeCondition, type Actor } from '../../lib/actor.ts';
import { chinaDate, type Clock } from '../../lib/clock.ts';
import { newId } from '../../lib/ids.ts';
import type { AuditService } from '../audit/index.ts';
import type { CaseService, OpenCaseInput } from '../cases/index.ts';
import { users } from '../identity/index.ts';
import { loadWorkbook, readSheet } from '../imports/index.ts';
import { registryTables, type RuleService } from '../registry/index.ts';
import { complaintAssignments, complaintIdentityReveals, complaintIntakeSources } from './complaints.schema.ts';
import type { PublicReadService } from './public.service.ts';
import { complaintEvents, complaints } from './publicity.schema.ts';

const { subjects } = registryTables;
type Meta = { requestId?: string | undefined };
type Row = typeof complaints.$inferSelect;
const codeHash = (trackingNo: string, code: string) => createHash('sha256').update(`${trackingNo}:${code}`).digest('hex');
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface ComplaintInput {
  kind: ComplaintKind;
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
  source: 'web' | 'open311' | 'import' | 'webhook';
  channel?: ComplaintChannel | undefined;
  externalNo?: string | undefined;
  /** For imported/posted records: the day the hotline or petition office received it (deadlines run from it). */
  receivedOn?: string | undefined;
}

/** An external (12345 / 信访) record as imported or posted by webhook. */
export interface ExternalRecord {
  channel: ComplaintChannel;
  externalNo: string;
  kind: ComplaintKind;
  agency: string;
  subject: string;
  content: string;
  location?: string | undefined;
  contactName?: string | undefined;
  contactPhone?: string | undefined;
  receivedOn?: string | undefined;
}

export interface ComplaintImportError {
  row: number;
  column: string;
  messageZh: string;
  message: string;
}

/** Columns of the hotline/petition import sheet (12345 work orders, 信访 records). */
export const COMPLAINT_IMPORT_SHEET = {
  name: '投诉举报记录',
  columns: [
    { key: 'channel', header: '来源渠道', en: 'channel', required: true, options: Object.fromEntries(COMPLAINT_CHANNELS.map((c) => [c, COMPLAINT_CHANNEL_LABELS[c].zh])) },
    { key: 'externalNo', header: '工单编号', en: 'externalNo', required: true },
    { key: 'kind', header: '类别', en: 'kind', required: true, options: Object.fromEntries(COMPLAINT_KINDS.map((k) => [k, COMPLAINT_KIND_LABELS[k].zh])) },
    { key: 'agency', header: '承办机关', en: 'agency', required: true, note: '机关全称或统一社会信用代码' },
    { key: 'subject', header: '诉求标题', en: 'subject', required: true },
    { key: 'content', header: '诉求内容', en: 'content', required: true },
    { key: 'location', header: '发生地点', en: 'location' },
    { key: 'contactName', header: '联系人', en: 'contactName' },
    { key: 'contactPhone', header: '联系电话', en: 'contactPhone' },
    { key: 'receivedOn', header: '收到日期', en: 'receivedOn', note: 'YYYY-MM-DD' },
  ],
};

/** Actions the complainant sees in the public history; internal steps (routing, reveals) stay inside. */
const PUBLIC_ACTIONS = new Set(['submit', 'accept', 'reject', 'start', 'close', 'rate', 'open_case']);

/**
 * Complaints and reports (投诉举报, domain-rules §10.4): filed on the portal, imported from the 12345 hotline and 信访
 * records, or posted by a hotline system; routed to the responsible agency and re-routed with reasons; accepted or
 * rejected within the kind's period (CP1: 7 WD; CP2: a report is a lead, 15 WD), answered within the kind's period
 * (CP1 45 WD mediation; CP2 the named reporter told within 5 WD of the filing decision; CP3 per locality profile),
 * rated by the complainant with the tracking number plus code (only its hash is stored). The reporter's identity
 * stays masked except for the assigned handler, and each reveal is logged (CP2).
 */
export function createComplaintService(deps: { db: Db; audit: AuditService; clock: Clock; rules: RuleService; publicRead: PublicReadService; cases?: CaseService }) {
  const { db, audit, clock, rules, publicRead } = deps;

  async function history(id: string, onlyPublic: boolean) {
    const rows = await db.select().from(complaintEvents).where(eq(complaintEvents.complaintId, id)).orderBy(asc(complaintEvents.seq));
    return rows
      .filter((e) => !onlyPublic || PUBLIC_ACTIONS.has(e.action))
      .map((e) => ({ action: e.action, toStatus: e.toStatus, note: e.note, occurredAt: e.occurredAt.toISOString(), ...(onlyPublic ? {} : { actorId: e.actorId }) }));
  }

  async function appendEvent(tx: Db, c: Row, action: string, to: string, actorId: string | null, note: string | null) {
    const [last] = await tx.select({ seq: sql<number>`max(${complaintEvents.seq})::int` }).from(complaintEvents).where(eq(complaintEvents.complaintId, c.id));
    await audit.appendRecords(tx, 'complaint_event', await tx.insert(complaintEvents).values({ complaintId: c.id, seq: (last?.seq ?? 0) + 1, action, fromStatus: c.status, toStatus: to, actorId, note, occurredAt: clock.now() }).returning());
  }

  /** Load in scope, or 404 (principle 4: out of scope reads as absent). */
  async function loadScoped(tx: Db, actor: Actor, id: string): Promise<Row> {
    const [c] = await tx.select().from(complaints).where(eq(complaints.id, id));
    if (!c || !isInScope(actor, c)) throw new AppError('NOT_FOUND');
    return c;
  }

  /** Optimistic update of the projection; a stale version answers 409. */
  async function update(tx: Db, c: Row, version: number, patch: Partial<typeof complaints.$inferInsert>) {
    const updated = await tx
      .update(complaints)
      .set({ ...patch, version: c.version + 1, updatedAt: clock.now() })
      .where(and(eq(complaints.id, c.id), eq(complaints.version, version)))
      .returning();
    if (!updated.length) throw new AppError('VERSION_CONFLICT');
    return updated[0]!;
  }

  async function agencyNames(ids: string[]) {
    const uniq = [...new Set(ids)];
    if (!uniq.length) return new Map<string, string>();
    const rows = await db.select({ id: subjects.id, name: subjects.name }).from(subjects).where(inArray(subjects.id, uniq));
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async function insertComplaint(tx: Db, input: ComplaintInput, agency: { id: string; name: string; regionPath: string }, today: string, actor: Actor | null, meta: Meta) {
    const receivedOn = input.receivedOn ?? today;
    const acceptDueOn = complaintAcceptDueOn(input.kind, receivedOn, await rules.calendar());
    const trackingNo = complaintTrackingNo(today, randomBytes(6));
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const id = newId();
    const channel = input.channel ?? 'portal';
    await tx.insert(complaints).values({
      id,
      trackingNo,
      codeHash: codeHash(trackingNo, code),
      kind: input.kind,
      source: input.source,
      channel,
      externalNo: input.externalNo ?? null,
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
      receivedOn,
      acceptDueOn,
    });
    await audit.appendRecords(tx, 'complaint_event', await tx.insert(complaintEvents).values({ complaintId: id, seq: 1, action: 'submit', fromStatus: null, toStatus: 'received', actorId: actor?.userId ?? null, note: null, occurredAt: clock.now() }).returning());
    await audit.appendRecords(
      tx,
      'complaint_assignment',
      await tx.insert(complaintAssignments).values({ complaintId: id, fromAgencyId: null, toAgencyId: agency.id, handlerId: null, reason: `按${COMPLAINT_CHANNEL_LABELS[channel].zh}来件分送承办机关`, actorId: actor?.userId ?? null, actorRole: actor?.role ?? null, regionPath: agency.regionPath, occurredAt: clock.now() }).returning(),
    );
    // The log gets ids and routing only: the complainant's words and contact stay in the complaint row (PR5).
    await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'complaint', entityId: id, action: 'submit', after: { trackingNo, kind: input.kind, agencyId: agency.id, source: input.source, channel, externalNo: input.externalNo ?? null }, regionPath: agency.regionPath, agencyId: agency.id });
    return { id, trackingNo, code, agencyName: agency.name, acceptDueOn, status: 'received' as ComplaintStatus };
  }

  /** An agency named by USCC or full name among live subjects; supervisors may route only inside their region. */
  async function agencyByRef(ref: string) {
    const t = ref.trim();
    const rows = await db
      .select({ id: subjects.id, name: subjects.name, regionPath: subjects.regionPath })
      .from(subjects)
      .where(and(or(eq(subjects.uscc, t), eq(subjects.name, t)), isNull(subjects.withdrawnAt)))
      .orderBy(asc(subjects.name));
    return rows.length === 1 ? rows[0]! : null;
  }

  /** Validate one external record; errors name the column (import) or field (webhook). */
  async function checkRecord(r: Partial<Record<keyof ExternalRecord, string>>, today: string, mayRouteTo: (a: { id: string; regionPath: string }) => boolean) {
    const errs: { column: keyof ExternalRecord; messageZh: string; message: string }[] = [];
    const channel = r.channel as ComplaintChannel;
    if (!COMPLAINT_CHANNELS.includes(channel) || channel === 'portal') errs.push({ column: 'channel', messageZh: '来源渠道须为12345热线、信访、电话或来信', message: 'channel must be hotline_12345, petition, phone or letter' });
    if (!r.externalNo || !EXTERNAL_RECORD_NO_RE.test(r.externalNo)) errs.push({ column: 'externalNo', messageZh: '工单编号须为3至64位字母、数字或 - _ /', message: 'externalNo: 3–64 letters, digits, - _ /' });
    if (!COMPLAINT_KINDS.includes(r.kind as ComplaintKind)) errs.push({ column: 'kind', messageZh: '类别须为消费投诉、违法行为举报或执法行为投诉', message: 'unknown kind' });
    if (!r.subject || r.subject.length < 2 || r.subject.length > 200) errs.push({ column: 'subject', messageZh: '诉求标题须为2至200字', message: 'subject: 2–200 characters' });
    if (!r.content || r.content.length < 5 || r.content.length > 5000) errs.push({ column: 'content', messageZh: '诉求内容须为5至5000字', message: 'content: 5–5000 characters' });
    if (r.contactPhone && !/^[0-9+\-\s]{5,20}$/.test(r.contactPhone)) errs.push({ column: 'contactPhone', messageZh: '联系电话格式不正确', message: 'bad phone' });
    if (r.receivedOn && (!/^\d{4}-\d{2}-\d{2}$/.test(r.receivedOn) || r.receivedOn > today)) errs.push({ column: 'receivedOn', messageZh: '收到日期须为不晚于今天的 YYYY-MM-DD', message: 'receivedOn: a date not after today' });
    const agency = r.agency ? await agencyByRef(r.agency) : null;
    if (!agency) errs.push({ column: 'agency', messageZh: '承办机关不存在或名称不唯一', message: 'unknown or ambiguous agency' });
    else if (!mayRouteTo(agency)) errs.push({ column: 'agency', messageZh: '承办机关不在您的管辖范围内', message: 'agency outside your scope' });
    return { errs, agency };
  }

  function toInput(r: Partial<Record<keyof ExternalRecord, string>>, source: ComplaintInput['source']): ComplaintInput {
    return {
      kind: r.kind as ComplaintKind,
      channel: r.channel as ComplaintChannel,
      externalNo: r.externalNo!,
      subject: r.subject!,
      content: r.content!,
      location: r.location || undefined,
      contactName: r.contactName || undefined,
      contactPhone: r.contactPhone || undefined,
      receivedOn: r.receivedOn || undefined,
      source,
    };
  }

  async function existingExternal(pairs: { channel: string; externalNo: string }[]) {
    if (!pairs.length) return new Set<string>();
    const rows = await db
      .select({ channel: complaints.channel, externalNo: complaints.externalNo })
      .from(complaints)
      .where(inArray(complaints.externalNo, [...new Set(pairs.map((p) => p.externalNo))]));
    return new Set(rows.map((r) => `${r.channel}|${r.externalNo}`));
  }

  function dueOf(c: Row): string | null {
    if (c.status === 'received') return c.acceptDueOn;
    if (c.status === 'accepted' || c.status === 'in_progress') return c.answerDueOn;
    return null;
  }

  function listItem(c: Row, today: string, names: Map<string, string>) {
    const dueOn = dueOf(c);
    return {
      id: c.id,
      trackingNo: c.trackingNo,
      kind: c.kind,
      channel: c.channel,
      externalNo: c.externalNo,
      source: c.source,
      agencyId: c.agencyId,
      agencyName: names.get(c.agencyId) ?? '',
      subject: c.subject,
      content: c.content,
      location: c.location,
      // Masked in every list (CP2); the assigned handler reveals it on the detail, and the reveal is logged.
      contactName: c.contactName ? maskName(c.contactName) : null,
      contactPhone: c.contactPhone ? maskPhone(c.contactPhone) : null,
      status: c.status,
      receivedOn: c.receivedOn,
      acceptDueOn: c.acceptDueOn,
      acceptedOn: c.acceptedOn,
      answerDueOn: c.answerDueOn,
      answeredOn: c.answeredOn,
      dueOn,
      isOverdue: !!dueOn && dueOn < today,
      handlerId: c.handlerId,
      satisfaction: c.satisfaction,
      caseId: c.caseId,
      publicReply: c.publicReply,
      version: c.version,
      allowedActions: Object.keys(COMPLAINT_TRANSITIONS[c.status as ComplaintStatus] ?? {}),
    };
  }

  return {
    importSheet: COMPLAINT_IMPORT_SHEET,

    async submit(input: ComplaintInput, meta: Meta) {
      const agency = input.agencyId ? await publicRead.publicSubject(input.agencyId) : input.sector ? await publicRead.responsibleAgency(input.sector, input.regionCode) : null;
      if (!agency) {
        throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['body', input.agencyId ? 'agencyId' : 'sector'], message: 'no responsible agency found', messageZh: '未找到负责的执法机关' }] } });
      }
      const today = chinaDate(clock.now());
      return db.transaction((tx) => insertComplaint(tx, input, agency, today, null, meta));
    },

    /**
     * Import 12345 work orders or 信访 records from the Excel template: the whole file is checked first and nothing is
     * written if any row is wrong (row/column errors); a record whose (channel, number) is already here is skipped, so
     * importing the same export twice creates nothing new.
     */
    async importRecords(actor: Actor, data: Buffer, meta: Meta) {
      requirePermission(actor, 'complaint.assign');
      let rows: { row: number; values: Record<string, string> }[];
      try {
        const wb = await loadWorkbook(data);
        const ws = wb.worksheets[0];
        if (!ws) throw new Error('no sheet');
        const read = readSheet(ws, COMPLAINT_IMPORT_SHEET);
        if (read.missingColumns.length) {
          throw new AppError('IMPORT_UNREADABLE', { details: { reason: 'missing columns', missingColumns: read.missingColumns.map((c) => c.header) } });
        }
        rows = read.rows;
      } catch (e) {
        if (e instanceof AppError) throw e;
        throw new AppError('IMPORT_UNREADABLE', { details: { reason: 'not an .xlsx file of the template' } });
      }
      const today = chinaDate(clock.now());
      const header = (k: string) => COMPLAINT_IMPORT_SHEET.columns.find((c) => c.key === k)?.header ?? k;
      const fromLabel = (k: 'channel' | 'kind', v: string) => {
        const opts = COMPLAINT_IMPORT_SHEET.columns.find((c) => c.key === k)!.options!;
        return v in opts ? v : (Object.entries(opts).find(([, l]) => l === v)?.[0] ?? v);
      };
      const errors: ComplaintImportError[] = [];
      const ok: { row: number; input: ComplaintInput; agency: { id: string; name: string; regionPath: string } }[] = [];
      const seen = new Map<string, number>();
      for (const { row, values } of rows) {
        const r = { ...values, channel: fromLabel('channel', values.channel ?? ''), kind: fromLabel('kind', values.kind ?? '') } as Partial<Record<keyof ExternalRecord, string>>;
        const { errs, agency } = await checkRecord(r, today, (a) => isInScope(actor, { regionPath: a.regionPath, agencyId: a.id }));
        const key = `${r.channel}|${r.externalNo}`;
        if (r.externalNo && seen.has(key)) errs.push({ column: 'externalNo', messageZh: `与第${seen.get(key)}行工单编号重复`, message: `same record number as row ${seen.get(key)}` });
        seen.set(key, row);
        for (const e of errs) errors.push({ row, column: header(e.column), messageZh: e.messageZh, message: e.message });
        if (!errs.length && agency) ok.push({ row, input: toInput(r, 'import'), agency });
      }
      if (!rows.length) errors.push({ row: 2, column: '', messageZh: '文件没有数据行', message: 'no data rows' });
      if (errors.length) throw new AppError('IMPORT_INVALID', { details: { errors: errors.slice(0, 500), errorCount: errors.length } });
      const existing = await existingExternal(ok.map((o) => ({ channel: o.input.channel!, externalNo: o.input.externalNo! })));
      const fresh = ok.filter((o) => !existing.has(`${o.input.channel}|${o.input.externalNo}`));
      const created = await db.transaction(async (tx) => {
        // The code goes back to the hotline, which relays it to the citizen with its reply (to follow and rate on the portal).
        const out: { row: number; trackingNo: string; code: string; externalNo: string }[] = [];
        for (const o of fresh) {
          const c = await insertComplaint(tx, o.input, o.agency, today, actor, meta);
          out.push({ row: o.row, trackingNo: c.trackingNo, code: c.code, externalNo: o.input.externalNo! });
        }
        return out;
      });
      return { imported: created.length, duplicates: ok.length - fresh.length, created };
    },

    /** Register a hotline or petition system for the webhook; its token is shown once (only the sha256 is kept). */
    async createIntakeSource(actor: Actor, input: { name: string; channel: ComplaintChannel }, meta: Meta) {
      requirePermission(actor, 'complaint.assign');
      const id = newId();
      const token = randomBytes(24).toString('base64url');
      await db.transaction(async (tx) => {
        await tx.insert(complaintIntakeSources).values({ id, name: input.name, channel: input.channel, regionPath: actor.regionPath, agencyId: actor.agencyId, tokenHash: sha256(token), createdBy: actor.userId });
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'complaint_intake_source', entityId: id, action: 'create', after: { name: input.name, channel: input.channel }, regionPath: actor.regionPath, agencyId: actor.agencyId });
      });
      return { id, name: input.name, channel: input.channel, token };
    },

    async listIntakeSources(actor: Actor) {
      requirePermission(actor, 'complaint.assign');
      const rows = await db.select().from(complaintIntakeSources).where(sql`${complaintIntakeSources.regionPath} like ${`${actor.regionPath}%`}`).orderBy(asc(complaintIntakeSources.createdAt));
      return rows.map((r) => ({ id: r.id, name: r.name, channel: r.channel, status: r.status, createdAt: r.createdAt.toISOString() }));
    },

    /**
     * Webhook of a hotline system: the source id and its bearer token (compared in constant time). Re-posting the
     * same record number answers the complaint already made (idempotent), so a retrying hotline creates no twins.
     */
    async intakeFromHotline(sourceId: string, token: string, record: Partial<Record<keyof ExternalRecord, string>>, meta: Meta) {
      const [s] = await db.select().from(complaintIntakeSources).where(eq(complaintIntakeSources.id, sourceId));
      const given = Buffer.from(sha256(token), 'hex');
      if (!s || s.status !== 'active' || !timingSafeEqual(given, Buffer.from(s.tokenHash, 'hex'))) throw new AppError('UNAUTHENTICATED');
      const r = { ...record, channel: s.channel };
      const today = chinaDate(clock.now());
      const { errs, agency } = await checkRecord(r, today, (a) => a.regionPath.startsWith(s.regionPath));
      if (errs.length || !agency) throw new AppError('VALIDATION_FAILED', { details: { issues: errs.map((e) => ({ path: ['body', e.column], message: e.message, messageZh: e.messageZh })) } });
      const [dup] = await db.select().from(complaints).where(and(eq(complaints.channel, s.channel), eq(complaints.externalNo, r.externalNo!)));
      if (dup) return { created: false, trackingNo: dup.trackingNo, status: dup.status, acceptDueOn: dup.acceptDueOn };
      const out = await db.transaction((tx) => insertComplaint(tx, toInput(r, 'webhook'), agency, today, null, meta));
      // The hotline relays the code to the citizen with its own reply, so they can follow and rate on the portal.
      return { created: true, trackingNo: out.trackingNo, code: out.code, status: out.status, acceptDueOn: out.acceptDueOn };
    },

    /** Status for the complainant: a wrong code answers exactly like an unknown number (404), so nothing leaks. */
    async status(trackingNo: string, code: string | null) {
      const c = await byCode(trackingNo, code);
      const [agency] = await db.select({ name: subjects.name }).from(subjects).where(eq(subjects.id, c.agencyId));
      return {
        trackingNo: c.trackingNo,
        kind: c.kind,
        channel: c.channel,
        status: c.status,
        statusName: COMPLAINT_STATUS_LABELS[c.status as ComplaintStatus]?.zh ?? c.status,
        agencyName: agency?.name ?? '',
        subject: c.subject,
        receivedOn: c.receivedOn,
        acceptDueOn: c.acceptDueOn,
        answerDueOn: c.answerDueOn,
        publicReply: c.publicReply,
        satisfaction: c.satisfaction,
        canRate: (COMPLAINT_RATEABLE_STATUSES as readonly string[]).includes(c.status) && c.satisfaction == null,
        updatedAt: c.updatedAt.toISOString(),
        history: (await history(c.id, true)).map(({ action, toStatus, note, occurredAt }) => ({ action, toStatus, note, occurredAt })),
      };
    },

    /** The complainant's satisfaction (1–5), once, after the answer; needs the same number + code as the status. */
    async rate(trackingNo: string, code: string, input: { score: number; comment?: string | undefined }, meta: Meta) {
      const c0 = await byCode(trackingNo, code);
      return db.transaction(async (tx) => {
        const [c] = await tx.select().from(complaints).where(eq(complaints.id, c0.id)).for('update');
        if (!c) throw new AppError('NOT_FOUND');
        if (!(COMPLAINT_RATEABLE_STATUSES as readonly string[]).includes(c.status) || c.satisfaction != null) {
          throw new AppError('INVALID_TRANSITION', { details: { status: c.status, allowedActions: [], reason: c.satisfaction != null ? 'already rated' : 'not answered yet' } });
        }
        await update(tx, c, c.version, { satisfaction: input.score });
        await appendEvent(tx, c, 'rate', c.status, null, `满意度 ${input.score}/5${input.comment?.trim() ? `：${input.comment.trim()}` : ''}`);
        await audit.recordChange(tx, { actor: null, requestId: meta.requestId, entityType: 'complaint', entityId: c.id, action: 'rate', after: { satisfaction: input.score }, regionPath: c.regionPath, agencyId: c.agencyId });
        return { trackingNo, satisfaction: input.score };
      });
    },

    /** Open311 GET: only the public state of a request (no description, no contact) — the code is not required. */
    async open311Status(trackingNo: string) {
      const [c] = await db.select().from(complaints).where(eq(complaints.trackingNo, trackingNo));
      if (!c) throw new AppError('NOT_FOUND');
      const [agency] = await db.select({ name: subjects.name }).from(subjects).where(eq(subjects.id, c.agencyId));
      return { c, agencyName: agency?.name ?? '' };
    },

    /** The queue: nearest deadline first (overdue on top), then the newest. */
    async list(actor: Actor, q: { status?: string | undefined; channel?: string | undefined; kind?: string | undefined; overdue?: boolean | undefined; page: number; pageSize: number }) {
      requirePermission(actor, 'complaint.read');
      const today = chinaDate(clock.now());
      const due = sql`case when ${complaints.status} = 'received' then ${complaints.acceptDueOn} when ${complaints.status} in ('accepted','in_progress') then ${complaints.answerDueOn} end`;
      const where = and(
        scopeCondition(actor, complaints),
        q.status ? eq(complaints.status, q.status) : undefined,
        q.channel ? eq(complaints.channel, q.channel) : undefined,
        q.kind ? eq(complaints.kind, q.kind) : undefined,
        q.overdue ? sql`${due} < ${today}` : undefined,
      );
      const [rows, [n]] = await Promise.all([
        db.select().from(complaints).where(where).orderBy(sql`${due} asc nulls last`, desc(complaints.createdAt), asc(complaints.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
        db.select({ n: sql<number>`count(*)::int` }).from(complaints).where(where),
      ]);
      const names = await agencyNames(rows.map((r) => r.agencyId));
      return { items: rows.map((c) => listItem(c, today, names)), total: n?.n ?? 0, page: q.page, pageSize: q.pageSize };
    },

    /** Detail with the internal timeline and the routing history (the supervisor sees every re-routing and its reason). */
    async get(actor: Actor, id: string) {
      requirePermission(actor, 'complaint.read');
      const c = await loadScoped(db, actor, id);
      const today = chinaDate(clock.now());
      const assignments = await db.select().from(complaintAssignments).where(eq(complaintAssignments.complaintId, id)).orderBy(asc(complaintAssignments.id));
      const [reveals] = await db.select({ n: sql<number>`count(*)::int` }).from(complaintIdentityReveals).where(eq(complaintIdentityReveals.complaintId, id));
      const names = await agencyNames([c.agencyId, ...assignments.flatMap((a) => [a.toAgencyId, ...(a.fromAgencyId ? [a.fromAgencyId] : [])])]);
      const people = await db
        .select({ id: users.id, displayName: users.displayName, role: users.role })
        .from(users)
        .where(and(eq(users.agencyId, c.agencyId), eq(users.status, 'active')))
        .orderBy(asc(users.displayName));
      const handlers = people.filter((u) => u.role && hasPermission(u.role as Actor['role'], 'complaint.handle'));
      const kind = c.kind as ComplaintKind;
      return {
        ...listItem(c, today, names),
        slaRules: { accept: complaintSlaRule(kind, 'accept'), answer: complaintSlaRule(kind, 'answer') },
        canReveal: !!c.contactName || !!c.contactPhone ? actor.userId === c.handlerId && actor.agencyId === c.agencyId : false,
        revealCount: reveals?.n ?? 0,
        handlerName: people.find((u) => u.id === c.handlerId)?.displayName ?? null,
        handlers: isInScope(actor, c) && actor.agencyId === c.agencyId ? handlers.map((u) => ({ id: u.id, displayName: u.displayName })) : [],
        timeline: await history(c.id, false),
        assignments: assignments.map((a) => ({
          fromAgencyName: a.fromAgencyId ? (names.get(a.fromAgencyId) ?? '') : null,
          toAgencyName: names.get(a.toAgencyId) ?? '',
          toAgencyId: a.toAgencyId,
          handlerId: a.handlerId,
          reason: a.reason,
          actorId: a.actorId,
          occurredAt: a.occurredAt.toISOString(),
        })),
      };
    },

    /**
     * The reporter's identity, unmasked, for the assigned handler of the handling agency only (CP2); every reveal is an
     * append-only, logged row with its reason. Anyone else is refused (403) — the supervisor included.
     */
    async revealIdentity(actor: Actor, id: string, reason: string, meta: Meta) {
      requirePermission(actor, 'complaint.handle');
      return db.transaction(async (tx) => {
        const c = await loadScoped(tx, actor, id);
        if (c.handlerId !== actor.userId || c.agencyId !== actor.agencyId) {
          throw new AppError('FORBIDDEN', { message: 'Only the assigned handler may see the reporter’s identity.', messageZh: '举报人身份信息仅限承办人查看。', details: { citation: '市场监督管理投诉举报处理暂行办法 Art.33', permission: 'complaint.reveal' } });
        }
        await audit.appendRecords(tx, 'complaint_identity_reveal', await tx.insert(complaintIdentityReveals).values({ complaintId: c.id, actorId: actor.userId, reason, agencyId: c.agencyId, regionPath: c.regionPath }).returning());
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'complaint', entityId: c.id, action: 'reveal_identity', reason, regionPath: c.regionPath, agencyId: c.agencyId });
        return { contactName: c.contactName, contactPhone: c.contactPhone };
      });
    },

    /**
     * Assign a handler in the handling agency (its head), or re-route to another agency with a reason (the head of the
     * current agency, or a supervisor in whose region both agencies lie). A re-routed complaint keeps its dates: the
     * periods run from receipt, so moving it never buys time.
     */
    async assign(actor: Actor, id: string, input: { toAgencyId?: string | undefined; handlerId?: string | undefined; reason: string; version: number }, meta: Meta) {
      requirePermission(actor, 'complaint.assign');
      return db.transaction(async (tx) => {
        const c = await loadScoped(tx, actor, id);
        if (c.status === 'closed' || c.status === 'rejected') throw new AppError('INVALID_TRANSITION', { details: { status: c.status, allowedActions: [] } });
        const toAgencyId = input.toAgencyId ?? c.agencyId;
        const isReroute = toAgencyId !== c.agencyId;
        let regionPath = c.regionPath;
        if (isReroute) {
          const [to] = await tx.select({ id: subjects.id, regionPath: subjects.regionPath, withdrawnAt: subjects.withdrawnAt }).from(subjects).where(eq(subjects.id, toAgencyId));
          if (!to || to.withdrawnAt) throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['body', 'toAgencyId'], message: 'unknown agency', messageZh: '承办机关不存在' }] } });
          // A supervisor routes only within their region; an agency head may pass a misrouted complaint to anyone.
          if (actor.agencyId !== c.agencyId && !to.regionPath.startsWith(actor.regionPath)) throw new AppError('NOT_FOUND');
          regionPath = to.regionPath;
        }
        let handlerId: string | null = isReroute ? null : c.handlerId;
        if (input.handlerId) {
          if (isReroute || actor.agencyId !== c.agencyId) throw new AppError('FORBIDDEN', { details: { reason: 'only the handling agency assigns its handler' } });
          const [u] = await tx.select().from(users).where(eq(users.id, input.handlerId));
          if (!u || u.agencyId !== c.agencyId || u.status !== 'active' || !u.role || !hasPermission(u.role as Actor['role'], 'complaint.handle')) {
            throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['body', 'handlerId'], message: 'the handler must be an active officer of the handling agency', messageZh: '承办人须为本机关在岗执法人员' }] } });
          }
          handlerId = u.id;
        }
        if (!isReroute && !input.handlerId) throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['body'], message: 'give a handler or another agency', messageZh: '请指定承办人或转交机关' }] } });
        await update(tx, c, input.version, { agencyId: toAgencyId, regionPath, handlerId });
        await audit.appendRecords(
          tx,
          'complaint_assignment',
          await tx.insert(complaintAssignments).values({ complaintId: c.id, fromAgencyId: c.agencyId, toAgencyId, handlerId, reason: input.reason, actorId: actor.userId, actorRole: actor.role, regionPath, occurredAt: clock.now() }).returning(),
        );
        await appendEvent(tx, c, isReroute ? 'reroute' : 'assign', c.status, actor.userId, null);
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'complaint', entityId: c.id, action: isReroute ? 'reroute' : 'assign', before: { agencyId: c.agencyId, handlerId: c.handlerId }, after: { agencyId: toAgencyId, handlerId }, reason: input.reason, regionPath, agencyId: toAgencyId });
        return { id: c.id, agencyId: toAgencyId, handlerId, version: c.version + 1 };
      });
    },

    /**
     * Accept, reject, start, close (= answer) — by the handling agency; the transition table refuses anything else
     * (409). Accepting starts the answer period of the kind (§10.4); a rejection or answer must tell the complainant.
     */
    async act(actor: Actor, id: string, action: ComplaintAction, input: { note?: string | undefined; version: number }, meta: Meta) {
      requirePermission(actor, 'complaint.handle');
      return db.transaction(async (tx) => {
        const c = await loadScoped(tx, actor, id);
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
        const today = chinaDate(clock.now());
        const patch: Partial<typeof complaints.$inferInsert> = { status: to, publicReply: input.note?.trim() || c.publicReply };
        if (action === 'accept') {
          const [cal, resolved] = await Promise.all([rules.calendar(), rules.resolve({ regionPath: c.regionPath, date: today })]);
          const profile = { enforcementAnswerDays: resolved.values['complaint.enforcementAnswerDays'] as number, enforcementAnswerWorkingDays: resolved.values['complaint.enforcementAnswerWorkingDays'] as boolean };
          const due = complaintAnswerDueOn({ kind: c.kind as ComplaintKind, receivedOn: c.receivedOn, acceptedOn: today, isNamed: !!(c.contactName || c.contactPhone) }, cal, profile);
          patch.acceptedOn = today;
          patch.answerDueOn = due.dueOn;
        }
        if (action === 'reject' || action === 'close') patch.answeredOn = today;
        const u = await update(tx, c, input.version, patch);
        await appendEvent(tx, c, action, to, actor.userId, input.note?.trim() || null);
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'complaint', entityId: id, action, before: { status: c.status }, after: { status: to, answerDueOn: u.answerDueOn }, reason: input.note ?? null, regionPath: c.regionPath, agencyId: c.agencyId });
        return { id, status: to, version: c.version + 1, answerDueOn: u.answerDueOn };
      });
    },

    /**
     * A reported violation opens a case lead (案源登记) through the cases module, linked both ways: the case's origin
     * names the complaint, the complaint keeps the case id. The report must be accepted first (CP2: handled as a lead).
     */
    async openCase(actor: Actor, id: string, input: OpenCaseInput & { version: number }, meta: Meta) {
      requirePermission(actor, 'complaint.handle');
      if (!deps.cases) throw new AppError('INTERNAL');
      const c = await loadScoped(db, actor, id);
      if (c.caseId) throw new AppError('DUPLICATE', { details: { caseId: c.caseId } });
      if (c.status !== 'accepted' && c.status !== 'in_progress') throw new AppError('INVALID_TRANSITION', { details: { status: c.status, allowedActions: Object.keys(COMPLAINT_TRANSITIONS[c.status as ComplaintStatus] ?? {}) } });
      if (c.agencyId !== actor.agencyId) throw new AppError('NOT_FOUND');
      const { version, ...open } = input;
      const opened = await deps.cases.open(actor, { ...open, origin: { kind: 'complaint', id: c.id } }, meta);
      return db.transaction(async (tx) => {
        const [fresh] = await tx.select().from(complaints).where(eq(complaints.id, id));
        const u = await update(tx, fresh!, version, { caseId: opened.id, ...(fresh!.status === 'accepted' ? { status: 'in_progress' } : {}) });
        await appendEvent(tx, fresh!, 'open_case', u.status, actor.userId, '已登记为案件线索，依法核查处理。');
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'complaint', entityId: c.id, action: 'open_case', after: { caseId: opened.id }, regionPath: c.regionPath, agencyId: c.agencyId });
        return { id: c.id, caseId: opened.id, status: u.status, version: u.version };
      });
    },
  };

  async function byCode(trackingNo: string, code: string | null): Promise<Row> {
    const [c] = await db.select().from(complaints).where(eq(complaints.trackingNo, trackingNo));
    const expected = c ? Buffer.from(c.codeHash, 'hex') : Buffer.alloc(32);
    const given = Buffer.from(codeHash(trackingNo, code ?? ''), 'hex');
    const ok = !!c && code != null && timingSafeEqual(expected, given);
    if (!c || !ok) throw new AppError('NOT_FOUND');
    return c;
  }
}
export type ComplaintService = ReturnType<typeof createComplaintService>;

// ---- warning finders (wired into the supervision module's scan by the coordinator) -----------------------------------

/** One warning candidate; the supervision module defines the same shape. */
export interface Finding {
  ruleKey: string;
  agencyId: string;
  regionPath: string;
  subjectType: 'complaint';
  subjectId: string;
  subjectLabel: string;
  dueOn: string | null;
  details: Record<string, unknown>;
}
export interface ComplaintWarningFinder {
  ruleKey: string;
  citation: string;
  find(db: Db, asOf: string): Promise<Finding[]>;
}

async function overdue(db: Db, ruleKey: string, statuses: string[], dueCol: typeof complaints.acceptDueOn | typeof complaints.answerDueOn, asOf: string, citation: string): Promise<Finding[]> {
  const cond: SQL = and(inArray(complaints.status, statuses), sql`${dueCol} < ${asOf}`)!;
  const rows = await db
    .select({ id: complaints.id, agencyId: complaints.agencyId, regionPath: complaints.regionPath, trackingNo: complaints.trackingNo, kind: complaints.kind, channel: complaints.channel, dueOn: dueCol, status: complaints.status })
    .from(complaints)
    .where(cond)
    .orderBy(asc(dueCol), asc(complaints.id));
  return rows.map((r) => ({
    ruleKey,
    agencyId: r.agencyId,
    regionPath: r.regionPath,
    subjectType: 'complaint' as const,
    subjectId: r.id,
    subjectLabel: `${r.trackingNo}（${COMPLAINT_KIND_LABELS[r.kind as ComplaintKind]?.zh ?? r.kind}）`,
    dueOn: r.dueOn,
    details: { status: r.status, channel: r.channel, kind: r.kind, citation },
  }));
}

/** Set-based: one query per rule over all complaints, in any scope; the scan filters and routes the findings. */
export const complaintWarningFinders: ComplaintWarningFinder[] = [
  {
    ruleKey: 'complaint.acceptance_overdue',
    citation: '市场监督管理投诉举报处理暂行办法 Art.14, Art.31',
    find: (db, asOf) => overdue(db, 'complaint.acceptance_overdue', ['received'], complaints.acceptDueOn, asOf, '市场监督管理投诉举报处理暂行办法 Art.14, Art.31'),
  },
  {
    ruleKey: 'complaint.answer_overdue',
    citation: '市场监督管理投诉举报处理暂行办法 Art.21, Art.31; 辽宁省行政执法监督规定 Art.19',
    find: (db, asOf) => overdue(db, 'complaint.answer_overdue', ['accepted', 'in_progress'], complaints.answerDueOn, asOf, '市场监督管理投诉举报处理暂行办法 Art.21, Art.31; 辽宁省行政执法监督规定 Art.19'),
  },
];
