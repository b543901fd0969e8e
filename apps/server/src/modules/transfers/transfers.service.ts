import {
  addPeriod,
  AGENCY_TRANSFER_STATUS_LABELS,
  agencyTransferInputRefusal,
  AppError,
  availableAgencyTransferActions,
  availablePoliceTransferActions,
  checkAgencyTransferAction,
  checkPoliceTransferAction,
  commonRegionPath,
  hasPermission,
  nextAgencyTransferStatus,
  nextPenaltyStatus,
  nextPoliceTransferStatus,
  ownerOf,
  POLICE_TIMER_INFO,
  POLICE_TRANSFER_MATERIALS,
  POLICE_TRANSFER_STATUS_LABELS,
  policeTimerDue,
  recordedDateRefusal,
  retransferRefusal,
  ROLE_SCOPE,
  RULE_KEYS,
  runningPoliceTimer,
  type AgencyTransferAction,
  type AgencyTransferFacts,
  type AgencyTransferStatus,
  type CrimeTransferOutcome,
  type HolidayCalendar,
  type PenaltyStatus,
  type PoliceTimerKey,
  type PoliceTransferAction,
  type PoliceTransferMaterialKey,
  type PoliceTransferParams,
  type PoliceTransferStatus,
  type Refusal,
  type TransferActor,
} from '@zhifa/domain';
import { and, asc, desc, eq, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { escapeLike, isInScope, requirePermission, scopeCondition, type Actor } from '../../lib/actor.ts';
import { chinaDate, type Clock } from '../../lib/clock.ts';
import type { AuditService } from '../audit/index.ts';
import { cases, lockCase, markCaseTransferred, openReceivedCase, parties, recordCrimeTransferDecision } from '../cases/index.ts';
import { evidence, evidenceEvents } from '../evidence/index.ts';
import { users } from '../identity/index.ts';
import { registryTables, type RuleService } from '../registry/index.ts';
import type { Readable } from 'node:stream';
import { caseTransfers, policeTransfers, transferAttachments, transferEvents, type CounterpartyRecord, type PoliceTransferDates } from './transfers.schema.ts';

const { subjects, items } = registryTables;
type AgencyRow = typeof caseTransfers.$inferSelect;
type PoliceRow = typeof policeTransfers.$inferSelect;
type Meta = { requestId?: string | undefined };

/** A warning finding (the shape the supervision module defines too; the coordinator wires the finders). */
export interface Finding {
  ruleKey: string;
  agencyId: string;
  regionPath: string;
  subjectType: 'case_transfer' | 'police_transfer' | 'case';
  subjectId: string;
  subjectLabel: string;
  dueOn: string | null;
  details: Record<string, unknown>;
}
export interface WarningFinder {
  ruleKey: string;
  find(db: Db, asOf: Date): Promise<Finding[]>;
}

export interface AgencyTransferInput {
  caseId: string;
  toAgencyId: string;
  reason: string;
  materials: string[];
  evidenceIds?: string[] | undefined;
  /** Uploaded files (evidence records of the case), each for one material of `materials`. */
  attachments?: { material: string; evidenceId: string }[] | undefined;
}
export interface PoliceTransferInput {
  caseId: string;
  policeOrgan: string;
  summary: string;
  hasTesting?: boolean | undefined;
  reportedOn?: string | undefined;
}
export interface PoliceActionInput {
  version: number;
  /** The date on the letter recorded (receipt, answer, reconsideration decision); today when not given. */
  on?: string | undefined;
  note?: string | undefined;
  reason?: string | undefined;
  /** The answer: did the police (after reconsideration / supervision) file the case. */
  filed?: boolean | undefined;
  procuratorate?: string | undefined;
  /** Scans of the letters received, uploaded as evidence. */
  evidenceIds?: string[] | undefined;
}

function fail(r: Refusal): never {
  throw AppError.fromRefusal(r);
}
const issue = (path: string, message: string, messageZh: string) => new AppError('VALIDATION_FAILED', { details: { issues: [{ path: path.split('.'), message, messageZh }] } });

/** The 310号令 statuses in which the police (or the procuratorate) must answer, for the overdue finder. */
const AWAITING_POLICE: readonly PoliceTransferStatus[] = ['sent', 'received', 'reconsideration_requested'];
const CLOSED_CASE_STATUSES = ['not_filed', 'terminated', 'transferred', 'closed', 'archived'];

/** An attachment in force: the file of one material handed over with a transfer. */
export interface TransferAttachment {
  material: string;
  evidenceId: string;
  sha256: string;
  fileName: string;
  attachedAt: string;
}
/** Opens a handed-over file for a party to the transfer (the evidence module logs the download). */
export type OpenHandedOver = (actor: Actor, evidenceId: string, reason: string, ip?: string) => Promise<{ row: { fileName: string; mediaType: string; size: number; blobId: string }; stream: Readable }>;

export function createTransferService({ db, audit, clock, rules, openHandedOver }: { db: Db; audit: AuditService; clock: Clock; rules: RuleService; openHandedOver: OpenHandedOver }) {
  const today = () => chinaDate(clock.now());

  async function params(regionPath: string, sector: string) {
    const v = (await rules.resolve({ regionPath, sector, date: today() })).values as unknown as Record<string, number | boolean>;
    const police: PoliceTransferParams = {
      decisionDays: v['transfer.crimeDecisionDays'] as number,
      sendHours: v['transfer.crimeSendHours'] as number,
      answerDays: v['transfer.policeAnswerDays'] as number,
      reconsiderationRequestDays: v['transfer.reconsiderationRequestDays'] as number,
      reconsiderationAnswerDays: v['transfer.reconsiderationAnswerDays'] as number,
      supervisionSuggestionDays: v['transfer.supervisionSuggestionDays'] as number,
      handoverDays: v['transfer.handoverDays'] as number,
      dayType: v['transfer.crimeDayTypeWorking'] ? 'WORKING' : 'CALENDAR',
    };
    return { police, acceptanceDays: v['transfer.acceptanceWorkingDays'] as number, designationDays: v['transfer.designationWorkingDays'] as number, duplicateWindowDays: v['transfer.duplicateWindowDays'] as number };
  }

  async function appendEvent(tx: Db, kind: 'case_transfer' | 'police_transfer', row: { id: string; version: number; regionPath: string; agencyId: string }, e: { action: string; from: string | null; to: string; payload: Record<string, unknown> }, actor: Actor, meta: Meta) {
    await audit.appendRecords(tx, 'transfer_event', await tx.insert(transferEvents).values({ transferKind: kind, transferId: row.id, seq: row.version, action: e.action, fromStatus: e.from, toStatus: e.to, actorId: actor.userId, actorRole: actor.role, payload: e.payload, occurredAt: clock.now() }).returning());
    await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: kind, entityId: row.id, action: e.action, before: e.from ? { status: e.from } : null, after: { status: e.to, ...e.payload }, regionPath: row.regionPath, agencyId: row.agencyId });
  }

  // ---- scope -------------------------------------------------------------------------------------------------------

  /** Both agencies (and a designated one) see an agency transfer; supervisors when either side lies in their region. */
  function agencyScope(actor: Actor): SQL {
    if (ROLE_SCOPE[actor.role] === 'agency') {
      if (!actor.agencyId) return sql`false`;
      return or(eq(caseTransfers.agencyId, actor.agencyId), eq(caseTransfers.toAgencyId, actor.agencyId), eq(caseTransfers.designatedAgencyId, actor.agencyId))!;
    }
    const p = `${escapeLike(actor.regionPath)}%`;
    return or(like(caseTransfers.regionPath, p), like(caseTransfers.toRegionPath, p), like(caseTransfers.designatedRegionPath, p))!;
  }
  function inAgencyScope(actor: Actor, r: AgencyRow): boolean {
    if (ROLE_SCOPE[actor.role] === 'agency') return !!actor.agencyId && [r.agencyId, r.toAgencyId, r.designatedAgencyId].includes(actor.agencyId);
    return [r.regionPath, r.toRegionPath, r.designatedRegionPath].some((p) => !!p && p.startsWith(actor.regionPath));
  }
  async function getAgencyScoped(actor: Actor, id: string, tx: Db = db, lock = false): Promise<AgencyRow> {
    requirePermission(actor, 'transfer.read');
    const q = tx.select().from(caseTransfers).where(eq(caseTransfers.id, id));
    const [r] = lock ? await q.for('update') : await q;
    if (!r || !inAgencyScope(actor, r)) throw new AppError('NOT_FOUND');
    return r;
  }
  async function getPoliceScoped(actor: Actor, id: string, tx: Db = db, lock = false): Promise<PoliceRow> {
    requirePermission(actor, 'transfer.read');
    const q = tx.select().from(policeTransfers).where(eq(policeTransfers.id, id));
    const [r] = lock ? await q.for('update') : await q;
    if (!r || !isInScope(actor, r)) throw new AppError('NOT_FOUND');
    return r;
  }

  const transferActor = (actor: Actor): TransferActor => ({ agencyId: actor.agencyId, regionPath: actor.regionPath, canHandle: hasPermission(actor.role, 'transfer.handle'), canDesignate: hasPermission(actor.role, 'transfer.designate') });
  const factsOf = (r: AgencyRow): AgencyTransferFacts => ({ status: r.status as AgencyTransferStatus, fromAgencyId: r.agencyId, toAgencyId: r.toAgencyId, designatedAgencyId: r.designatedAgencyId, commonRegionPath: r.commonRegionPath });

  async function names(ids: string[]): Promise<Map<string, string>> {
    const uniq = [...new Set(ids.filter(Boolean))];
    if (!uniq.length) return new Map();
    const rows = await db.select({ id: subjects.id, name: subjects.name }).from(subjects).where(inArray(subjects.id, uniq));
    return new Map(rows.map((r) => [r.id, r.name]));
  }
  async function caseNos(ids: string[]): Promise<Map<string, { caseNo: string | null; status: string; partyName: string }>> {
    const uniq = [...new Set(ids.filter(Boolean))];
    if (!uniq.length) return new Map();
    const rows = await db.select({ id: cases.id, caseNo: cases.caseNo, status: cases.status, partyName: sql<string>`${cases.party}->>'name'` }).from(cases).where(inArray(cases.id, uniq));
    return new Map(rows.map((r) => [r.id, { caseNo: r.caseNo, status: r.status, partyName: r.partyName }]));
  }
  async function eventsOf(id: string) {
    const rows = await db.select({ e: transferEvents, actorName: users.displayName }).from(transferEvents).leftJoin(users, eq(users.id, transferEvents.actorId)).where(eq(transferEvents.transferId, id)).orderBy(asc(transferEvents.seq));
    return rows.map(({ e, actorName }) => ({ seq: e.seq, action: e.action, fromStatus: e.fromStatus, toStatus: e.toStatus, actorName: actorName ?? null, actorRole: e.actorRole, payload: e.payload, occurredAt: e.occurredAt.toISOString() }));
  }

  function dueState(dueOn: string | null) {
    if (!dueOn) return null;
    const t = today();
    return { dueOn, isOverdue: dueOn < t, daysLeft: Math.round((Date.parse(dueOn) - Date.parse(t)) / 86_400_000) };
  }

  async function agencyOut(actor: Actor, rows: AgencyRow[], withEvents = false) {
    const n = await names(rows.flatMap((r) => [r.agencyId, r.toAgencyId, r.designatedAgencyId ?? '']));
    const cs = await caseNos(rows.flatMap((r) => [r.caseId, r.receivingCaseId ?? '']));
    const files = await attachmentsOf(rows.map((r) => r.id));
    const out = [];
    for (const r of rows) {
      const f = factsOf(r);
      const timer = r.status === 'pending' || r.status === 'designated' ? { key: 'acceptance', ...dueState(r.acceptanceDueOn) } : r.status === 'awaiting_designation' ? { key: 'designation', ...dueState(r.designationDueOn) } : null;
      const owner = ownerOf(f);
      out.push({
        id: r.id,
        kind: 'case_transfer' as const,
        status: r.status,
        statusZh: AGENCY_TRANSFER_STATUS_LABELS[f.status].zh,
        caseId: r.caseId,
        caseNo: cs.get(r.caseId)?.caseNo ?? null,
        partyName: cs.get(r.caseId)?.partyName ?? '',
        fromAgencyId: r.agencyId,
        fromAgencyName: n.get(r.agencyId) ?? '',
        toAgencyId: r.toAgencyId,
        toAgencyName: n.get(r.toAgencyId) ?? '',
        designatedAgencyId: r.designatedAgencyId,
        designatedAgencyName: r.designatedAgencyId ? (n.get(r.designatedAgencyId) ?? '') : null,
        ownerAgencyId: owner,
        ownerAgencyName: n.get(owner) ?? '',
        commonRegionPath: r.commonRegionPath,
        reason: r.reason,
        materials: r.materials,
        evidenceIds: r.evidenceIds,
        attachments: files.get(r.id) ?? [],
        refusalReason: r.refusalReason,
        designationReason: r.designationReason,
        receivingCaseId: r.receivingCaseId,
        receivingCaseNo: r.receivingCaseId ? (cs.get(r.receivingCaseId)?.caseNo ?? null) : null,
        sentOn: r.sentOn,
        timer,
        direction: actor.agencyId === r.agencyId ? 'outgoing' : actor.agencyId && (actor.agencyId === r.toAgencyId || actor.agencyId === r.designatedAgencyId) ? 'incoming' : 'supervised',
        availableActions: availableAgencyTransferActions(f, transferActor(actor)),
        version: r.version,
        createdAt: r.createdAt.toISOString(),
        ...(withEvents ? { events: await eventsOf(r.id) } : {}),
      });
    }
    return out;
  }

  function policeActor(actor: Actor, r: PoliceRow) {
    return { isHead: actor.role === 'agency_head', canHandle: hasPermission(actor.role, 'transfer.handle') && actor.agencyId === r.agencyId };
  }

  async function policeOut(actor: Actor, rows: PoliceRow[], withEvents = false) {
    const n = await names(rows.map((r) => r.agencyId));
    const cs = await caseNos(rows.map((r) => r.caseId));
    const files = await attachmentsOf(rows.map((r) => r.id));
    const out = [];
    for (const r of rows) {
      const status = r.status as PoliceTransferStatus;
      const attachments = files.get(r.id) ?? [];
      const key = r.timerKey as PoliceTimerKey | null;
      const timer = key
        ? { key, labelZh: POLICE_TIMER_INFO[key].zh, citation: POLICE_TIMER_INFO[key].citation, dueOn: r.dueOn, dueAt: r.dueAt?.toISOString() ?? null, isOverdue: r.dueAt ? r.dueAt.getTime() < clock.now().getTime() : !!r.dueOn && r.dueOn < today() }
        : null;
      const facts = { status, materials: attachedByKey(attachments), hasTesting: r.hasTesting };
      out.push({
        id: r.id,
        kind: 'police_transfer' as const,
        status,
        statusZh: POLICE_TRANSFER_STATUS_LABELS[status].zh,
        caseId: r.caseId,
        caseNo: cs.get(r.caseId)?.caseNo ?? null,
        partyName: cs.get(r.caseId)?.partyName ?? '',
        agencyId: r.agencyId,
        agencyName: n.get(r.agencyId) ?? '',
        policeOrgan: r.policeOrgan,
        procuratorate: r.procuratorate,
        summary: r.summary,
        hasTesting: r.hasTesting,
        materials: r.materials,
        checklist: POLICE_TRANSFER_MATERIALS.map((m) => ({ key: m.key, zh: m.zh, en: m.en, required: m.required || (m.key === 'inspection_conclusions' && r.hasTesting), refs: r.materials[m.key] ?? [], files: attachments.filter((a) => a.material === m.key) })),
        attachments,
        sendRefusal: status === 'approved' ? checkPoliceTransferAction(facts, 'send', { isHead: true, canHandle: true }) : null,
        dates: r.dates,
        records: r.records,
        timer,
        availableActions: availablePoliceTransferActions(facts, policeActor(actor, r)),
        version: r.version,
        createdAt: r.createdAt.toISOString(),
        ...(withEvents ? { events: await eventsOf(r.id) } : {}),
      });
    }
    return out;
  }

  /** The timer a police transfer runs in its new status, computed with the calendar (domain-rules G4, T13). */
  function policeTimer(status: PoliceTransferStatus, d: PoliceTransferDates, p: PoliceTransferParams, cal: HolidayCalendar): { timerKey: string | null; dueOn: string | null; dueAt: Date | null } {
    const key = runningPoliceTimer(status);
    if (!key) return { timerKey: null, dueOn: null, dueAt: null };
    const start: Record<PoliceTimerKey, string | undefined> = {
      decision: d.reportedOn,
      send: d.decidedAt,
      answer: d.receiptOn ?? d.sentAt,
      reconsideration_request: d.notFiledOn,
      reconsideration_answer: d.reconsiderationRequestedOn,
      supervision_suggestion: d.reconsiderationAnsweredOn,
      handover: d.filedOn,
    };
    const s = start[key];
    if (!s) return { timerKey: key, dueOn: null, dueAt: null };
    if (key === 'send') {
      const dueAt = new Date(policeTimerDue('send', new Date(s).toISOString().replace('Z', '+00:00'), p, cal));
      return { timerKey: key, dueOn: chinaDate(dueAt), dueAt };
    }
    return { timerKey: key, dueOn: policeTimerDue(key, s.length > 10 ? chinaDate(new Date(s)) : s, p, cal), dueAt: null };
  }

  /** Uploaded letters and materials are the agency's own evidence records (an unknown or foreign id is a 400). */
  async function checkEvidence(tx: Db, agencyId: string, ids: readonly string[] | undefined, path: string) {
    if (!ids?.length) return;
    const found = await tx.select({ id: evidence.id }).from(evidence).where(and(inArray(evidence.id, [...ids]), eq(evidence.agencyId, agencyId)));
    if (found.length !== new Set(ids).size) throw issue(path, 'unknown evidence record of this agency', '证据记录不存在或不属于本机关');
  }

  /** The attachments in force per transfer, in the order they were attached. */
  async function attachmentsOf(ids: string[], tx: Db = db): Promise<Map<string, TransferAttachment[]>> {
    const out = new Map<string, TransferAttachment[]>();
    if (!ids.length) return out;
    const rows = await tx.select().from(transferAttachments).where(inArray(transferAttachments.transferId, [...new Set(ids)])).orderBy(asc(transferAttachments.id));
    for (const r of rows) {
      const list = out.get(r.transferId) ?? [];
      if (r.action === 'attach') list.push({ material: r.material, evidenceId: r.evidenceId, sha256: r.blobId.replace(/^sha256:/, ''), fileName: r.fileName, attachedAt: r.occurredAt.toISOString() });
      else {
        const i = list.findIndex((a) => a.material === r.material && a.evidenceId === r.evidenceId);
        if (i >= 0) list.splice(i, 1);
      }
      out.set(r.transferId, list);
    }
    return out;
  }
  /** 310号令 Art.6 counts a material as handed over only when its file is attached: key → evidence ids. */
  const attachedByKey = (list: readonly TransferAttachment[]): Partial<Record<PoliceTransferMaterialKey, string[]>> => {
    const m: Partial<Record<PoliceTransferMaterialKey, string[]>> = {};
    for (const a of list) (m[a.material as PoliceTransferMaterialKey] ??= []).push(a.evidenceId);
    return m;
  };

  /**
   * A file may join a transfer's package when it is an evidence record of the sending agency, of the case transferred,
   * and not withdrawn (REC6); anything else is a 400 with nothing changed.
   */
  async function attachableEvidence(tx: Db, agencyId: string, caseId: string, evidenceId: string, path: string) {
    const [e] = await tx.select({ id: evidence.id, blobId: evidence.blobId, fileName: evidence.fileName }).from(evidence).where(and(eq(evidence.id, evidenceId), eq(evidence.agencyId, agencyId), eq(evidence.caseRef, caseId)));
    if (!e) throw issue(path, 'unknown evidence record of this case and agency', '证据记录不存在或不属于本机关本案');
    const [withdrawn] = await tx.select({ id: evidenceEvents.id }).from(evidenceEvents).where(and(eq(evidenceEvents.evidenceId, evidenceId), eq(evidenceEvents.kind, 'withdrawal'))).limit(1);
    if (withdrawn) throw issue(path, 'this evidence record was withdrawn', '该证据记录已撤回，不能作为移送材料');
    return e;
  }

  async function insertAttachments(tx: Db, kind: 'case_transfer' | 'police_transfer', transferId: string, rows: { material: string; action: 'attach' | 'withdraw'; evidenceId: string; blobId: string; fileName: string; reason?: string | null }[], actor: Actor) {
    if (!rows.length) return;
    await audit.appendRecords(
      tx,
      'transfer_attachment',
      await tx
        .insert(transferAttachments)
        .values(rows.map((r) => ({ transferKind: kind, transferId, material: r.material, action: r.action, evidenceId: r.evidenceId, blobId: r.blobId, fileName: r.fileName, reason: r.reason ?? null, actorId: actor.userId, actorRole: actor.role, occurredAt: clock.now() })))
        .returning(),
    );
  }

  async function requireOwnCase(tx: Db, actor: Actor, caseId: string) {
    const c = await lockCase(tx, caseId);
    if (!c || !isInScope(actor, c) || c.agencyId !== actor.agencyId) throw new AppError('NOT_FOUND');
    return c;
  }

  return {
    // ---- between agencies ---------------------------------------------------------------------------------------------

    /**
     * 移送: the case's `transfer` step and the transfer record in one transaction (SAMR Art.14; 行政处罚法 Art.25). A case
     * received by transfer or designation is refused (SAMR Art.17).
     */
    async createAgencyTransfer(actor: Actor, input: AgencyTransferInput, meta: Meta) {
      requirePermission(actor, 'transfer.handle');
      if (!actor.agencyId) throw new AppError('FORBIDDEN', { details: { reason: 'no agency' } });
      const fromAgencyId = actor.agencyId;
      const row = await db.transaction(async (tx) => {
        const c = await requireOwnCase(tx, actor, input.caseId);
        const [received] = await tx.select({ id: caseTransfers.id }).from(caseTransfers).where(eq(caseTransfers.receivingCaseId, c.id));
        const r1 = retransferRefusal({ receivedByTransferId: received?.id ?? null });
        if (r1) fail(r1);
        await checkEvidence(tx, fromAgencyId, input.evidenceIds, 'evidenceIds');
        const r2 = agencyTransferInputRefusal({ fromAgencyId, toAgencyId: input.toAgencyId, reason: input.reason, materials: input.materials });
        if (r2) fail(r2);
        const [from] = await tx.select().from(subjects).where(eq(subjects.id, fromAgencyId));
        const [to] = await tx.select().from(subjects).where(eq(subjects.id, input.toAgencyId));
        if (!from || !to) throw issue('toAgencyId', 'unknown agency', '接收机关不存在');
        const [openPolice] = await tx.select({ id: policeTransfers.id }).from(policeTransfers).where(and(eq(policeTransfers.caseId, c.id), sql`${policeTransfers.status} not in ('not_approved', 'returned')`));
        if (openPolice) fail({ code: 'RULE_VIOLATION', message: 'The case is with the police (两法衔接); it cannot be transferred to an agency meanwhile.', messageZh: '本案正在移送公安机关程序中，不能同时移送其他行政机关。', citation: '国务院令第310号 Art.11', details: { guard: 'policeTransferOpen', policeTransferId: openPolice.id } });
        const id = crypto.randomUUID();
        const day = today();
        const p = await params(to.regionPath, c.sector);
        const acceptanceDueOn = addPeriod(day, p.acceptanceDays, 'day', 'WORKING', await rules.calendar());
        await markCaseTransferred(tx, audit, actor, c, { day, reason: input.reason, transferId: id }, { ...meta, at: clock.now() });
        const now = clock.now();
        const [r] = await tx
          .insert(caseTransfers)
          .values({ id, caseId: c.id, agencyId: fromAgencyId, regionPath: from.regionPath, toAgencyId: to.id, toRegionPath: to.regionPath, commonRegionPath: commonRegionPath(from.regionPath, to.regionPath), status: 'pending', reason: input.reason.trim(), materials: input.materials.map((m) => m.trim()).filter(Boolean), evidenceIds: input.evidenceIds ?? [], sentOn: day, acceptanceDueOn, createdAt: now, updatedAt: now })
          .returning();
        const files = [];
        for (const [i, a] of (input.attachments ?? []).entries()) {
          if (!r!.materials.includes(a.material.trim())) throw issue(`attachments.${i}.material`, 'attach a file to a material of the list', '附件须对应移送材料清单中的一项');
          const e = await attachableEvidence(tx, fromAgencyId, c.id, a.evidenceId, `attachments.${i}.evidenceId`);
          files.push({ material: a.material.trim(), action: 'attach' as const, evidenceId: e.id, blobId: e.blobId, fileName: e.fileName });
        }
        await insertAttachments(tx, 'case_transfer', id, files, actor);
        await appendEvent(tx, 'case_transfer', r!, { action: 'create', from: null, to: 'pending', payload: { caseId: c.id, toAgencyId: to.id, reason: input.reason, materials: r!.materials, attachments: files.map((f) => ({ material: f.material, evidenceId: f.evidenceId, blobId: f.blobId })), acceptanceDueOn } }, actor, meta);
        return r!;
      });
      return (await agencyOut(actor, [row], true))[0]!;
    },

    async listAgency(actor: Actor, q: { direction?: 'outgoing' | 'incoming' | undefined; status?: string | undefined }) {
      requirePermission(actor, 'transfer.read');
      const conds: SQL[] = [agencyScope(actor)];
      if (q.direction === 'outgoing' && actor.agencyId) conds.push(eq(caseTransfers.agencyId, actor.agencyId));
      if (q.direction === 'incoming' && actor.agencyId) conds.push(or(eq(caseTransfers.toAgencyId, actor.agencyId), eq(caseTransfers.designatedAgencyId, actor.agencyId))!);
      if (q.status) conds.push(eq(caseTransfers.status, q.status));
      const rows = await db.select().from(caseTransfers).where(and(...conds)).orderBy(desc(caseTransfers.createdAt), desc(caseTransfers.id)).limit(500);
      return agencyOut(actor, rows);
    },

    async getAgency(actor: Actor, id: string) {
      return (await agencyOut(actor, [await getAgencyScoped(actor, id)], true))[0]!;
    },

    /**
     * accept (open the receiver's case, ownership moves once), refuse (with reasons; both agencies now deny jurisdiction,
     * so the dispute goes to the common superior, SAMR Art.17), designate (the common superior's binding choice, Art.16).
     */
    async actAgency(actor: Actor, id: string, action: AgencyTransferAction, body: { version: number; reason?: string | undefined; itemId?: string | undefined; officerIds?: string[] | undefined; agencyId?: string | undefined }, meta: Meta) {
      requirePermission(actor, 'transfer.read');
      const row = await db.transaction(async (tx) => {
        const before = await getAgencyScoped(actor, id, tx, true);
        const refusal = checkAgencyTransferAction(factsOf(before), action, transferActor(actor));
        if (refusal) fail(refusal);
        if (before.version !== body.version) throw new AppError('VERSION_CONFLICT', { details: { expectedVersion: body.version } });
        const to = nextAgencyTransferStatus(before.status as AgencyTransferStatus, action)!;
        const day = today();
        const p = await params(before.commonRegionPath, 'comprehensive');
        const cal = await rules.calendar();
        let set: Partial<typeof caseTransfers.$inferInsert>;
        let payload: Record<string, unknown>;
        if (action === 'accept') {
          if (!body.itemId || !body.officerIds?.length) throw issue('itemId', 'choose the item and the case officers of your agency', '须选择本机关执法事项和承办人员');
          const [c] = await tx.select().from(cases).where(eq(cases.id, before.caseId));
          const opened = await openReceivedCase(tx, audit, actor, c!, { agencyId: actor.agencyId!, itemId: body.itemId, officerIds: body.officerIds, transferId: before.id, day }, { ...meta, at: clock.now() });
          set = { receivingCaseId: opened.id, acceptanceDueOn: null };
          payload = { receivingCaseId: opened.id, agencyId: actor.agencyId };
        } else if (action === 'refuse') {
          if (!body.reason?.trim()) throw issue('reason', 'state why the case is not within your jurisdiction', '须写明不属于本机关管辖的理由');
          const designationDueOn = addPeriod(day, p.designationDays, 'day', 'WORKING', cal);
          set = { refusalReason: body.reason.trim(), acceptanceDueOn: null, designationDueOn };
          payload = { reason: body.reason.trim(), designationDueOn, commonRegionPath: before.commonRegionPath };
        } else {
          if (!body.agencyId) throw issue('agencyId', 'choose the agency that will handle the case', '须指定管辖机关');
          if (!body.reason?.trim()) throw issue('reason', 'state the grounds of the designation', '须写明指定管辖的理由');
          const [d] = await tx.select().from(subjects).where(eq(subjects.id, body.agencyId));
          if (!d) throw issue('agencyId', 'unknown agency', '机关不存在');
          if (!d.regionPath.startsWith(before.commonRegionPath)) {
            fail({ code: 'RULE_VIOLATION', message: 'The designated agency must lie within the common superior’s region.', messageZh: '被指定的机关须在共同上一级机关辖区内。', citation: '行政处罚法 Art.25 para 2', details: { guard: 'designatedWithinRegion', commonRegionPath: before.commonRegionPath } });
          }
          const acceptanceDueOn = addPeriod(day, p.acceptanceDays, 'day', 'WORKING', cal);
          set = { designatedAgencyId: d.id, designatedRegionPath: d.regionPath, designationReason: body.reason.trim(), designationDueOn: null, acceptanceDueOn };
          payload = { agencyId: d.id, reason: body.reason.trim(), acceptanceDueOn };
        }
        const [r] = await tx.update(caseTransfers).set({ ...set, status: to, version: sql`${caseTransfers.version} + 1`, updatedAt: clock.now() }).where(and(eq(caseTransfers.id, id), eq(caseTransfers.version, before.version))).returning();
        if (!r) throw new AppError('VERSION_CONFLICT', { details: { expectedVersion: body.version } });
        await appendEvent(tx, 'case_transfer', r, { action, from: before.status, to, payload }, actor, meta);
        return r;
      });
      return (await agencyOut(actor, [row], true))[0]!;
    },

    // ---- to the police (两法衔接) -------------------------------------------------------------------------------------

    /** The transfer report to the head (310号令 Art.5): starts the 3-day decision timer. */
    async createPoliceTransfer(actor: Actor, input: PoliceTransferInput, meta: Meta) {
      requirePermission(actor, 'transfer.handle');
      if (!actor.agencyId) throw new AppError('FORBIDDEN', { details: { reason: 'no agency' } });
      const row = await db.transaction(async (tx) => {
        const c = await requireOwnCase(tx, actor, input.caseId);
        if (!nextPenaltyStatus({ status: c.status as PenaltyStatus, suspendedFrom: c.facts.suspendedFrom }, 'transfer')) {
          throw new AppError('INVALID_TRANSITION', { message: 'A case can be sent to the police only before its decision.', messageZh: '作出处罚决定前方可移送公安机关。', details: { status: c.status, action: 'police_transfer' } });
        }
        const reportedOn = input.reportedOn ?? today();
        const bad = recordedDateRefusal(reportedOn, c.facts.discoveredOn, today());
        if (bad) fail(bad);
        const p = await params(c.regionPath, c.sector);
        const dates: PoliceTransferDates = { reportedOn };
        const timer = policeTimer('reported', dates, p.police, await rules.calendar());
        const now = clock.now();
        const [r] = await tx
          .insert(policeTransfers)
          .values({ id: crypto.randomUUID(), caseId: c.id, agencyId: c.agencyId, regionPath: c.regionPath, status: 'reported', policeOrgan: input.policeOrgan.trim(), summary: input.summary.trim(), hasTesting: input.hasTesting ?? false, dates, ...timer, createdAt: now, updatedAt: now })
          .returning();
        await appendEvent(tx, 'police_transfer', r!, { action: 'report', from: null, to: 'reported', payload: { caseId: c.id, policeOrgan: r!.policeOrgan, reportedOn, decisionDueOn: timer.dueOn } }, actor, meta);
        return r!;
      });
      return (await policeOut(actor, [row], true))[0]!;
    },

    async listPolice(actor: Actor, q: { status?: string | undefined }) {
      requirePermission(actor, 'transfer.read');
      const conds: SQL[] = [scopeCondition(actor, { regionPath: policeTransfers.regionPath, agencyId: policeTransfers.agencyId })];
      if (q.status) conds.push(eq(policeTransfers.status, q.status));
      const rows = await db.select().from(policeTransfers).where(and(...conds)).orderBy(desc(policeTransfers.createdAt), desc(policeTransfers.id)).limit(500);
      return policeOut(actor, rows);
    },

    async getPolice(actor: Actor, id: string) {
      return (await policeOut(actor, [await getPoliceScoped(actor, id)], true))[0]!;
    },

    /** The 310号令 Art.6 package: each material as document/evidence references; recorded while not yet sent. */
    async setPoliceMaterials(actor: Actor, id: string, body: { version: number; materials: Partial<Record<PoliceTransferMaterialKey, string[]>> }, meta: Meta) {
      const row = await db.transaction(async (tx) => {
        const before = await getPoliceScoped(actor, id, tx, true);
        if (!policeActor(actor, before).canHandle) throw new AppError('FORBIDDEN', { details: { permission: 'transfer.handle' } });
        if (!['reported', 'approved'].includes(before.status)) throw new AppError('INVALID_TRANSITION', { details: { status: before.status, action: 'set_materials', allowedActions: [] } });
        const [r] = await tx.update(policeTransfers).set({ materials: body.materials, version: sql`${policeTransfers.version} + 1`, updatedAt: clock.now() }).where(and(eq(policeTransfers.id, id), eq(policeTransfers.version, body.version))).returning();
        if (!r) throw new AppError('VERSION_CONFLICT', { details: { expectedVersion: body.version } });
        await appendEvent(tx, 'police_transfer', r, { action: 'set_materials', from: before.status, to: before.status, payload: { materials: body.materials } }, actor, meta);
        return r;
      });
      return (await policeOut(actor, [row], true))[0]!;
    },

    /**
     * Attach an uploaded file to one material of the 310号令 Art.6 package, or withdraw a mistaken one (recorded, never
     * deleted). Only the sending agency's staff, and only before the package is sent.
     */
    async changePoliceAttachment(actor: Actor, id: string, body: { version: number; action: 'attach' | 'withdraw'; material: PoliceTransferMaterialKey; evidenceId: string; reason?: string | undefined }, meta: Meta) {
      const row = await db.transaction(async (tx) => {
        const before = await getPoliceScoped(actor, id, tx, true);
        if (!policeActor(actor, before).canHandle) throw new AppError('FORBIDDEN', { details: { permission: 'transfer.handle' } });
        if (!['reported', 'approved'].includes(before.status)) throw new AppError('INVALID_TRANSITION', { details: { status: before.status, action: `${body.action}_material`, allowedActions: [] } });
        if (before.version !== body.version) throw new AppError('VERSION_CONFLICT', { details: { expectedVersion: body.version } });
        const current = (await attachmentsOf([id], tx)).get(id) ?? [];
        const linked = current.find((a) => a.material === body.material && a.evidenceId === body.evidenceId);
        let file: { evidenceId: string; blobId: string; fileName: string };
        if (body.action === 'attach') {
          if (linked) throw issue('evidenceId', 'this file is already attached to this material', '该文件已附于此项材料');
          const e = await attachableEvidence(tx, before.agencyId, before.caseId, body.evidenceId, 'evidenceId');
          file = { evidenceId: e.id, blobId: e.blobId, fileName: e.fileName };
        } else {
          if (!linked) throw new AppError('NOT_FOUND');
          if (!body.reason?.trim()) throw issue('reason', 'state why the file is withdrawn', '须写明撤回理由');
          file = { evidenceId: linked.evidenceId, blobId: `sha256:${linked.sha256}`, fileName: linked.fileName };
        }
        const [r] = await tx.update(policeTransfers).set({ version: sql`${policeTransfers.version} + 1`, updatedAt: clock.now() }).where(and(eq(policeTransfers.id, id), eq(policeTransfers.version, before.version))).returning();
        if (!r) throw new AppError('VERSION_CONFLICT', { details: { expectedVersion: body.version } });
        await insertAttachments(tx, 'police_transfer', id, [{ material: body.material, action: body.action, ...file, reason: body.reason?.trim() || null }], actor);
        await appendEvent(tx, 'police_transfer', r, { action: `${body.action}_material`, from: before.status, to: before.status, payload: { material: body.material, evidenceId: file.evidenceId, blobId: file.blobId, ...(body.reason ? { reason: body.reason.trim() } : {}) } }, actor, meta);
        return r;
      });
      return (await policeOut(actor, [row], true))[0]!;
    },

    /**
     * A file of a transfer's package, for either side: the receiving agency (or designated one) and supervisors in scope
     * read what was handed over. A file not attached to this transfer is a 404, as is a transfer out of scope.
     */
    async openAttachment(actor: Actor, kind: 'agency' | 'police', id: string, evidenceId: string, reason: string, ip?: string) {
      const t = kind === 'agency' ? await getAgencyScoped(actor, id) : await getPoliceScoped(actor, id);
      const files = (await attachmentsOf([t.id])).get(t.id) ?? [];
      const legacy = kind === 'agency' ? (t as AgencyRow).evidenceIds : [];
      if (!files.some((f) => f.evidenceId === evidenceId) && !legacy.includes(evidenceId)) throw new AppError('NOT_FOUND');
      return openHandedOver(actor, evidenceId, reason, ip);
    },

    /**
     * One step of the police flow. The head's decision and the final outcome are written into the penalty case in the
     * same transaction (`crimeTransferDecision`, which the decide guard reads): approved → blocked; not approved or
     * returned by the police → the penalty case goes on (310号令 Art.5, 10, 13).
     */
    async actPolice(actor: Actor, id: string, action: PoliceTransferAction, body: PoliceActionInput, meta: Meta) {
      const row = await db.transaction(async (tx) => {
        const before = await getPoliceScoped(actor, id, tx, true);
        const status = before.status as PoliceTransferStatus;
        const attached = attachedByKey((await attachmentsOf([before.id], tx)).get(before.id) ?? []);
        const refusal = checkPoliceTransferAction({ status, materials: attached, hasTesting: before.hasTesting }, action, policeActor(actor, before));
        if (refusal) fail(refusal);
        if (before.version !== body.version) throw new AppError('VERSION_CONFLICT', { details: { expectedVersion: body.version } });
        await checkEvidence(tx, before.agencyId, body.evidenceIds, 'evidenceIds');
        const now = clock.now();
        const day = today();
        const on = body.on ?? day;
        const d: PoliceTransferDates = { ...before.dates };
        const lastDay = [d.reportedOn, d.decidedAt, d.sentAt, d.receiptOn, d.filedOn, d.notFiledOn, d.reconsiderationRequestedOn, d.reconsiderationAnsweredOn, d.supervisionRequestedOn, d.supervisionAnsweredOn, d.handoverOn]
          .filter((x): x is string => !!x)
          .map((x) => (x.length > 10 ? chinaDate(new Date(x)) : x))
          .sort()
          .at(-1)!;
        const bad = recordedDateRefusal(on, lastDay, day);
        if (bad) fail(bad);
        const records: CounterpartyRecord[] = [...before.records];
        const record = (organ: string) => records.push({ action, on, organ, note: body.note?.trim() || null, evidenceIds: body.evidenceIds ?? [] });
        let procuratorate = before.procuratorate;
        let outcome: CrimeTransferOutcome | null = null;
        switch (action) {
          case 'approve':
            d.decidedAt = now.toISOString();
            outcome = 'transfer';
            break;
          case 'decline':
            if (!body.reason?.trim()) throw issue('reason', 'the reasons for not transferring go on file', '不批准移送的，应当将不予批准的理由记录在案');
            d.decidedAt = now.toISOString();
            outcome = 'no_transfer';
            break;
          case 'send':
            d.sentAt = now.toISOString();
            break;
          case 'record_receipt':
            d.receiptOn = on;
            record(before.policeOrgan);
            break;
          case 'record_filed':
            d.filedOn = on;
            record(before.policeOrgan);
            break;
          case 'record_not_filed':
            if (!body.note?.trim()) throw issue('note', 'record the reasons the police gave', '须登记公安机关不予立案的理由');
            d.notFiledOn = on;
            record(before.policeOrgan);
            break;
          case 'request_reconsideration': {
            // 310号令 Art.9: within 3 days of the non-filing notice; later the agency can still turn to the procuratorate.
            if (before.dueOn && on > before.dueOn) {
              fail({ code: 'RULE_VIOLATION', message: `Reconsideration must be requested by ${before.dueOn}; ask the procuratorate to supervise instead.`, messageZh: `应当在${before.dueOn}前提请复议；已逾期的，可以建议人民检察院依法进行立案监督。`, citation: '国务院令第310号 Art.9', details: { guard: 'reconsiderationInTime', dueOn: before.dueOn } });
            }
            d.reconsiderationRequestedOn = on;
            record(before.policeOrgan);
            break;
          }
          case 'record_reconsideration_result':
            if (body.filed === undefined) throw issue('filed', 'did the police file the case after reconsideration?', '须登记复议后是否立案');
            d.reconsiderationAnsweredOn = on;
            if (body.filed) d.filedOn = on;
            record(before.policeOrgan);
            break;
          case 'request_supervision':
            if (!body.procuratorate?.trim()) throw issue('procuratorate', 'name the procuratorate', '须填写人民检察院名称');
            procuratorate = body.procuratorate.trim();
            d.supervisionRequestedOn = on;
            record(procuratorate);
            break;
          case 'record_supervision_result':
            if (body.filed === undefined) throw issue('filed', 'did the police file the case under supervision?', '须登记立案监督后公安机关是否立案');
            d.supervisionAnsweredOn = on;
            if (body.filed) d.filedOn = on;
            record(procuratorate ?? '');
            break;
          case 'record_handover':
            d.handoverOn = on;
            record(before.policeOrgan);
            break;
          case 'resume_administrative':
          case 'record_reverse_transfer':
            if (action === 'record_reverse_transfer') record(before.policeOrgan);
            break;
          case 'copy_procuratorate':
            if (!body.procuratorate?.trim()) throw issue('procuratorate', 'name the procuratorate', '须填写人民检察院名称');
            procuratorate = body.procuratorate.trim();
            record(procuratorate);
            break;
        }
        const to = nextPoliceTransferStatus(status, action, body.filed !== undefined ? { filed: body.filed } : undefined)!;
        if (to === 'returned') {
          d.returnedOn = on;
          outcome = 'police_declined';
        }
        const c = await lockCase(tx, before.caseId);
        const p = await params(before.regionPath, c?.sector ?? 'comprehensive');
        const timer = policeTimer(to, d, p.police, await rules.calendar());
        const [r] = await tx
          .update(policeTransfers)
          .set({ status: to, dates: d, records, procuratorate, ...timer, version: sql`${policeTransfers.version} + 1`, updatedAt: now })
          .where(and(eq(policeTransfers.id, id), eq(policeTransfers.version, before.version)))
          .returning();
        if (!r) throw new AppError('VERSION_CONFLICT', { details: { expectedVersion: body.version } });
        if (outcome && c) await recordCrimeTransferDecision(tx, audit, actor, c, { day, outcome, policeTransferId: id }, { ...meta, at: now });
        await appendEvent(tx, 'police_transfer', r, { action, from: status, to, payload: { on, ...(body.note ? { note: body.note } : {}), ...(body.reason ? { reason: body.reason } : {}), ...(body.filed !== undefined ? { filed: body.filed } : {}), ...(procuratorate ? { procuratorate } : {}), evidenceIds: body.evidenceIds ?? [], dueOn: timer.dueOn, ...(outcome ? { caseOutcome: outcome } : {}) } }, actor, meta);
        return r;
      });
      return (await policeOut(actor, [row], true))[0]!;
    },

    /**
     * Agencies a case can go to (or be designated to): any enforcement subject by name, beyond the caller's own data
     * scope — the list of subjects is public (执法主体公示) and a transfer crosses agencies by nature.
     */
    async recipients(actor: Actor, q: { q?: string | undefined }) {
      requirePermission(actor, 'transfer.read');
      const conds: SQL[] = [sql`${subjects.status} <> 'revoked'`, sql`${subjects.form} <> 'justice_bureau'`];
      if (q.q?.trim()) conds.push(sql`${subjects.name} ilike ${`%${escapeLike(q.q.trim())}%`}`);
      return db.select({ id: subjects.id, name: subjects.name, regionPath: subjects.regionPath, sector: subjects.sector }).from(subjects).where(and(...conds)).orderBy(asc(subjects.regionPath), asc(subjects.name)).limit(50);
    },

    // ---- links, duplicates --------------------------------------------------------------------------------------------

    /** The transfers of one case (either side), for the case page. */
    async byCase(actor: Actor, caseId: string) {
      requirePermission(actor, 'transfer.read');
      const [ag, po] = await Promise.all([
        db.select().from(caseTransfers).where(and(agencyScope(actor), or(eq(caseTransfers.caseId, caseId), eq(caseTransfers.receivingCaseId, caseId)))).orderBy(asc(caseTransfers.createdAt)),
        db.select().from(policeTransfers).where(and(scopeCondition(actor, { regionPath: policeTransfers.regionPath, agencyId: policeTransfers.agencyId }), eq(policeTransfers.caseId, caseId))).orderBy(asc(policeTransfers.createdAt)),
      ]);
      return { agency: await agencyOut(actor, ag), police: await policeOut(actor, po) };
    },

    /** Possible duplicates across agencies in the supervisor's region (domain-rules AP1; 行政处罚法 Art.25, 29). */
    async duplicates(actor: Actor) {
      requirePermission(actor, 'transfer.designate');
      const p = await params(actor.regionPath, 'comprehensive');
      const rows = await duplicatePairs(db, p.duplicateWindowDays, actor.regionPath);
      const n = await names(rows.flatMap((r) => [r.aAgencyId, r.bAgencyId]));
      return rows.map((r) => ({ ...r, aAgencyName: n.get(r.aAgencyId) ?? '', bAgencyName: n.get(r.bAgencyId) ?? '' }));
    },

    /**
     * The hint the case-opening form asks for: cases of the same party and kind of act in other agencies. Only the
     * agency, the case number, the status and the date are shown — enough to settle jurisdiction (Art.25), nothing more.
     */
    async duplicateHint(actor: Actor, q: { partyType: 'individual' | 'organisation'; identifier: string; itemId: string; violationOn: string }) {
      requirePermission(actor, 'transfer.read');
      const [party] = await db.select({ id: parties.id }).from(parties).where(and(eq(parties.type, q.partyType), eq(parties.identifier, q.identifier.trim().toUpperCase())));
      if (!party) return [];
      const [item] = await db.select({ sector: items.sector }).from(items).where(eq(items.id, q.itemId));
      const p = await params(actor.regionPath, item?.sector ?? 'comprehensive');
      const rows = await db
        .select({ caseId: cases.id, caseNo: cases.caseNo, status: cases.status, agencyId: cases.agencyId, agencyName: subjects.name, violationOn: sql<string>`${cases.facts}->'violation'->>'committedOn'` })
        .from(cases)
        .innerJoin(subjects, eq(subjects.id, cases.agencyId))
        .where(
          and(
            eq(cases.partyId, party.id),
            eq(cases.procedure, 'ordinary'),
            actor.agencyId ? sql`${cases.agencyId} <> ${actor.agencyId}` : sql`true`,
            sql`${cases.status} not in ('not_filed', 'terminated', 'transferred', 'closed', 'archived')`,
            or(eq(cases.itemId, q.itemId), item ? eq(cases.sector, item.sector) : sql`false`),
            sql`abs((${cases.facts}->'violation'->>'committedOn')::date - ${q.violationOn}::date) <= ${p.duplicateWindowDays}`,
          ),
        )
        .orderBy(asc(cases.createdAt))
        .limit(20);
      return rows;
    },
  };
}
export type TransferService = ReturnType<typeof createTransferService>;

/** Pairs of open cases of the same party and kind of act in different agencies, within `windowDays`; set-based. */
async function duplicatePairs(db: Db, windowDays: number, regionPath: string) {
  const prefix = `${escapeLike(regionPath)}%`;
  const closed = sql.raw(CLOSED_CASE_STATUSES.map((s) => `'${s}'`).join(','));
  const res = await db.execute(sql`
    select a.id as "aCaseId", a.case_no as "aCaseNo", a.agency_id as "aAgencyId", a.region_path as "aRegionPath", a.facts->'violation'->>'committedOn' as "aViolationOn",
           b.id as "bCaseId", b.case_no as "bCaseNo", b.agency_id as "bAgencyId", b.region_path as "bRegionPath", b.facts->'violation'->>'committedOn' as "bViolationOn",
           a.party->>'name' as "partyName", a.item_id = b.item_id as "sameItem"
    from cases a
    join cases b on b.party_id = a.party_id and b.agency_id <> a.agency_id and a.id < b.id
    where a.procedure = 'ordinary' and b.procedure = 'ordinary' and a.party_id is not null
      and a.status not in (${closed}) and b.status not in (${closed})
      and (a.item_id = b.item_id or a.sector = b.sector)
      and abs((a.facts->'violation'->>'committedOn')::date - (b.facts->'violation'->>'committedOn')::date) <= ${windowDays}
      and (a.region_path like ${prefix} or b.region_path like ${prefix})
    order by a.created_at, a.id, b.id
    limit 1000`);
  return (res as unknown as { rows: DuplicatePair[] }).rows ?? (res as unknown as DuplicatePair[]);
}
interface DuplicatePair {
  aCaseId: string;
  aCaseNo: string | null;
  aAgencyId: string;
  aRegionPath: string;
  aViolationOn: string;
  bCaseId: string;
  bCaseNo: string | null;
  bAgencyId: string;
  bRegionPath: string;
  bViolationOn: string;
  partyName: string;
  sameItem: boolean;
}

/**
 * Warning finders over live data, set-based (one query each). A due day is overdue once it has passed in China time.
 * The duplicate window is the national default here (a finder runs across regions); per-region profiles apply in the
 * supervisor's list.
 */
export const transferWarningFinders: WarningFinder[] = [
  {
    ruleKey: 'transfer.police_answer_overdue',
    async find(db, asOf) {
      const day = chinaDate(asOf);
      const rows = await db
        .select({ r: policeTransfers, caseNo: cases.caseNo })
        .from(policeTransfers)
        .leftJoin(cases, eq(cases.id, policeTransfers.caseId))
        .where(and(inArray(policeTransfers.status, [...AWAITING_POLICE]), sql`${policeTransfers.dueOn} < ${day}`))
        .orderBy(asc(policeTransfers.dueOn), asc(policeTransfers.id));
      return rows.map(({ r, caseNo }) => ({ ruleKey: 'transfer.police_answer_overdue', agencyId: r.agencyId, regionPath: r.regionPath, subjectType: 'police_transfer' as const, subjectId: r.id, subjectLabel: `${caseNo ?? r.caseId} → ${r.policeOrgan}`, dueOn: r.dueOn, details: { status: r.status, timerKey: r.timerKey, caseId: r.caseId, citation: '国务院令第310号 Art.8, Art.9, Art.17' } }));
    },
  },
  {
    ruleKey: 'transfer.send_overdue',
    async find(db, asOf) {
      const rows = await db
        .select({ r: policeTransfers, caseNo: cases.caseNo })
        .from(policeTransfers)
        .leftJoin(cases, eq(cases.id, policeTransfers.caseId))
        .where(and(eq(policeTransfers.status, 'approved'), sql`${policeTransfers.dueAt} < ${asOf.toISOString()}::timestamptz`))
        .orderBy(asc(policeTransfers.dueAt), asc(policeTransfers.id));
      return rows.map(({ r, caseNo }) => ({ ruleKey: 'transfer.send_overdue', agencyId: r.agencyId, regionPath: r.regionPath, subjectType: 'police_transfer' as const, subjectId: r.id, subjectLabel: `${caseNo ?? r.caseId} → ${r.policeOrgan}`, dueOn: r.dueOn, details: { dueAt: r.dueAt?.toISOString() ?? null, caseId: r.caseId, citation: '国务院令第310号 Art.5' } }));
    },
  },
  {
    ruleKey: 'transfer.acceptance_overdue',
    async find(db, asOf) {
      const day = chinaDate(asOf);
      const rows = await db
        .select()
        .from(caseTransfers)
        .where(and(inArray(caseTransfers.status, ['pending', 'designated']), sql`${caseTransfers.acceptanceDueOn} < ${day}`))
        .orderBy(asc(caseTransfers.acceptanceDueOn), asc(caseTransfers.id));
      // The warning goes to the agency that must act: the receiver, or the designated agency.
      return rows.map((r) => ({ ruleKey: 'transfer.acceptance_overdue', agencyId: r.designatedAgencyId ?? r.toAgencyId, regionPath: r.designatedRegionPath ?? r.toRegionPath, subjectType: 'case_transfer' as const, subjectId: r.id, subjectLabel: `案件移送 ${r.sentOn}`, dueOn: r.acceptanceDueOn, details: { status: r.status, caseId: r.caseId, fromAgencyId: r.agencyId, citation: '市场监督管理行政处罚程序规定 Art.14, Art.16' } }));
    },
  },
  {
    ruleKey: 'transfer.designation_overdue',
    async find(db, asOf) {
      const day = chinaDate(asOf);
      const rows = await db
        .select()
        .from(caseTransfers)
        .where(and(eq(caseTransfers.status, 'awaiting_designation'), sql`${caseTransfers.designationDueOn} < ${day}`))
        .orderBy(asc(caseTransfers.designationDueOn), asc(caseTransfers.id));
      // Designation is the common superior's duty: the finding sits at the common region for its supervisors.
      return rows.map((r) => ({ ruleKey: 'transfer.designation_overdue', agencyId: r.agencyId, regionPath: r.commonRegionPath, subjectType: 'case_transfer' as const, subjectId: r.id, subjectLabel: `指定管辖 ${r.sentOn}`, dueOn: r.designationDueOn, details: { caseId: r.caseId, toAgencyId: r.toAgencyId, citation: '市场监督管理行政处罚程序规定 Art.16' } }));
    },
  },
  {
    ruleKey: 'case.duplicate_across_agencies',
    async find(db) {
      const pairs = await duplicatePairs(db, RULE_KEYS['transfer.duplicateWindowDays'].default, '/');
      // One finding per case of the pair, so each agency sees its own case.
      return pairs.flatMap((p) =>
        [
          [p.aCaseId, p.aCaseNo, p.aAgencyId, p.aRegionPath, p.aViolationOn, p.bCaseId, p.bAgencyId],
          [p.bCaseId, p.bCaseNo, p.bAgencyId, p.bRegionPath, p.bViolationOn, p.aCaseId, p.aAgencyId],
        ].map(([id, no, agencyId, regionPath, on, otherId, otherAgencyId]) => ({ ruleKey: 'case.duplicate_across_agencies', agencyId: agencyId!, regionPath: regionPath!, subjectType: 'case' as const, subjectId: id!, subjectLabel: `${no ?? id} ${p.partyName}`, dueOn: null, details: { violationOn: on, otherCaseId: otherId, otherAgencyId, sameItem: p.sameItem, citation: '行政处罚法 Art.25, Art.29' } })),
      );
    },
  },
];
