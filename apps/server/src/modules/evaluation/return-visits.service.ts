import { createHash, randomBytes } from 'node:crypto';
import {
  AppError,
  DEFAULT_RETURN_VISIT_QUESTIONS,
  RETURN_VISIT_CASE_KINDS,
  checkVisitAnswers,
  maskName,
  maskPhone,
  sampleCaseFiles,
  satisfactionByAgency,
  type ReturnVisitCaseKind,
  type ReturnVisitMethod,
  type ReturnVisitQuestion,
} from '@zhifa/domain';
import { and, asc, eq, inArray, like, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { escapeLike, isInScope, requirePermission, scopeCondition, type Actor } from '../../lib/actor.ts';
import { chinaDate, type Clock } from '../../lib/clock.ts';
import { newId } from '../../lib/ids.ts';
import type { AuditService } from '../audit/index.ts';
import { cases, inspections, licenceApplications } from '../cases/index.ts';
import { users } from '../identity/index.ts';
import { registryTables } from '../registry/index.ts';
import { evaluationEvents, returnVisitBatches, returnVisitPiiAccess, returnVisitRecords, returnVisitTasks } from './evaluation.schema.ts';

const { subjects } = registryTables;
const sha256 = (d: Uint8Array) => new Uint8Array(createHash('sha256').update(d).digest());
type TaskRow = typeof returnVisitTasks.$inferSelect;

export interface BatchInput {
  name: string;
  agencyIds: string[];
  kinds: ReturnVisitCaseKind[];
  /** Sampling rate in basis points (1/100 %): domain-rules §10.1 S3 leaves it to configuration [U]. */
  rateBp: number;
  closedFrom: string;
  closedTo: string;
  assigneeUserIds: string[];
  questions?: ReturnVisitQuestion[] | undefined;
}

export interface VisitInput {
  method: ReturnVisitMethod;
  contactMade: boolean;
  answers: Record<string, boolean | string>;
  satisfaction: number | null;
  findings: string;
  isFlagged: boolean;
  visitedOn: string;
}

/**
 * 回访 (domain-rules §10.1 S3; SAMR 执法监督暂行规定 Art.13(5)): closed cases sampled at a configurable rate per agency,
 * visit tasks for supervisors, the visit record, and satisfaction per agency. Parties' phone numbers are personal data
 * (个人信息保护法 Art.28, 51): masked everywhere except to the assigned visitor, and every reveal is logged.
 */
export function createReturnVisitService(deps: { db: Db; audit: AuditService; clock: Clock }) {
  const { db, audit, clock } = deps;
  const today = () => chinaDate(clock.now());

  async function event(tx: Db, actor: Actor, e: { taskId?: string | null; action: string; from?: string | null; to?: string | null; payload?: Record<string, unknown> }, scope: { regionPath: string; agencyId: string | null; entityId: string }, requestId?: string) {
    await audit.appendRecords(tx, 'evaluation_event', await tx.insert(evaluationEvents).values({ visitTaskId: e.taskId ?? null, action: e.action, fromStatus: e.from ?? null, toStatus: e.to ?? null, actorId: actor.userId, actorRole: actor.role, payload: e.payload ?? {}, occurredAt: clock.now() }).returning());
    await audit.recordChange(tx, { actor, requestId, entityType: 'return_visit', entityId: scope.entityId, action: e.action, after: { status: e.to, ...(e.payload ?? {}) }, regionPath: scope.regionPath, agencyId: scope.agencyId });
  }

  /** Closed files of each kind in the period, with the party's name and phone as the file holds them. */
  async function candidates(actor: Actor, input: BatchInput) {
    const out: { key: string; kind: ReturnVisitCaseKind; id: string; caseNo: string | null; agencyId: string; regionPath: string; party: { name?: string; phone?: string | null } }[] = [];
    const inRegion = (col: AnyColumn) => like(col, `${escapeLike(actor.regionPath)}%`);
    const date = (col: SQL) => sql`${col} between ${input.closedFrom} and ${input.closedTo}`;
    if (input.kinds.includes('penalty')) {
      const conds = [inRegion(cases.regionPath), inArray(cases.status, ['closed', 'archived']), date(sql`coalesce(${cases.facts}->>'closingTriggerOn', to_char(${cases.updatedAt} at time zone 'Asia/Shanghai', 'YYYY-MM-DD'))`)];
      if (input.agencyIds.length) conds.push(inArray(cases.agencyId, input.agencyIds));
      for (const r of await db.select({ id: cases.id, caseNo: cases.caseNo, agencyId: cases.agencyId, regionPath: cases.regionPath, party: cases.party }).from(cases).where(and(...conds)).orderBy(asc(cases.id))) out.push({ key: `penalty:${r.id}`, kind: 'penalty', ...r, party: r.party });
    }
    if (input.kinds.includes('licensing')) {
      const conds = [inRegion(licenceApplications.regionPath), inArray(licenceApplications.status, ['granted', 'refused', 'certificate_issued', 'closed']), date(sql`to_char(${licenceApplications.updatedAt} at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`)];
      if (input.agencyIds.length) conds.push(inArray(licenceApplications.agencyId, input.agencyIds));
      for (const r of await db.select({ id: licenceApplications.id, agencyId: licenceApplications.agencyId, regionPath: licenceApplications.regionPath, party: licenceApplications.applicant }).from(licenceApplications).where(and(...conds)).orderBy(asc(licenceApplications.id))) out.push({ key: `licensing:${r.id}`, kind: 'licensing', caseNo: null, ...r, party: r.party });
    }
    if (input.kinds.includes('inspection')) {
      const conds = [inRegion(inspections.regionPath), eq(inspections.status, 'closed'), date(sql`to_char(${inspections.updatedAt} at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`)];
      if (input.agencyIds.length) conds.push(inArray(inspections.agencyId, input.agencyIds));
      for (const r of await db.select({ id: inspections.id, agencyId: inspections.agencyId, regionPath: inspections.regionPath, party: inspections.target }).from(inspections).where(and(...conds)).orderBy(asc(inspections.id))) out.push({ key: `inspection:${r.id}`, kind: 'inspection', caseNo: null, ...r, party: r.party });
    }
    return out;
  }

  async function createBatch(actor: Actor, input: BatchInput, meta: { requestId?: string } = {}) {
    requirePermission(actor, 'evaluation.manage');
    const questions = input.questions ?? [...DEFAULT_RETURN_VISIT_QUESTIONS];
    const issues: { path: (string | number)[]; message: string; messageZh?: string }[] = [];
    if (input.kinds.length === 0 || input.kinds.some((k) => !RETURN_VISIT_CASE_KINDS.includes(k))) issues.push({ path: ['kinds'], message: 'choose penalty, licensing and/or inspection' });
    if (!Number.isInteger(input.rateBp) || input.rateBp < 1 || input.rateBp > 10000) issues.push({ path: ['rateBp'], message: 'rate 1–10000 basis points' });
    if (input.closedFrom > input.closedTo) issues.push({ path: ['closedTo'], message: 'closedTo before closedFrom' });
    if (new Set(questions.map((q) => q.key)).size !== questions.length) issues.push({ path: ['questions'], message: 'duplicate question keys' });
    const assignees = input.assigneeUserIds.length ? await db.select({ id: users.id, role: users.role, status: users.status, regionPath: users.regionPath }).from(users).where(inArray(users.id, input.assigneeUserIds)).orderBy(asc(users.id)) : [];
    if (assignees.length === 0 || assignees.length !== new Set(input.assigneeUserIds).size || assignees.some((u) => u.role !== 'supervisor' || u.status !== 'active')) issues.push({ path: ['assigneeUserIds'], message: 'visitors must be active supervisors', messageZh: '回访人员须为在岗的执法监督人员' });
    if (input.agencyIds.length) {
      const rows = await db.select({ id: subjects.id, regionPath: subjects.regionPath }).from(subjects).where(inArray(subjects.id, input.agencyIds));
      if (input.agencyIds.some((id) => !rows.some((r) => r.id === id && isInScope(actor, { regionPath: r.regionPath })))) issues.push({ path: ['agencyIds'], message: 'agency unknown or outside your region', messageZh: '单位不存在或不在本辖区' });
    }
    if (issues.length) throw new AppError('VALIDATION_FAILED', { details: { issues } });
    const pop = await candidates(actor, input);
    const seedHex = randomBytes(32).toString('hex');
    const id = newId();
    const sample = sampleCaseFiles({ hash: sha256, seedHex, label: `return-visit|${id}`, candidates: pop.map((p) => ({ id: p.key, agencyId: p.agencyId })), quota: { rateBp: input.rateBp, min: 1 } });
    const byKey = new Map(pop.map((p) => [p.key, p]));
    const tasks = sample.selected.map((s, i) => {
      const p = byKey.get(s.id)!;
      return { id: newId(), batchId: id, caseKind: p.kind, caseId: p.id, caseNo: p.caseNo, agencyId: p.agencyId, regionPath: p.regionPath, partyName: String(p.party.name ?? ''), partyPhone: p.party.phone ?? null, assigneeUserId: assignees[i % assignees.length]!.id, status: 'assigned', createdAt: clock.now() };
    });
    await db.transaction(async (tx) => {
      await tx.insert(returnVisitBatches).values({ id, name: input.name, regionPath: actor.regionPath, agencyIds: [...input.agencyIds].sort(), kinds: input.kinds, rateBp: input.rateBp, closedFrom: input.closedFrom, closedTo: input.closedTo, questions, seedHex, createdBy: actor.userId, createdAt: clock.now() });
      if (tasks.length) await tx.insert(returnVisitTasks).values(tasks);
      await event(tx, actor, { action: 'sample_return_visits', payload: { batchId: id, rateBp: input.rateBp, seedHex, algorithm: sample.algorithm, perAgency: sample.perAgency, taskIds: tasks.map((t) => t.id) } }, { regionPath: actor.regionPath, agencyId: actor.agencyId, entityId: id }, meta.requestId);
    });
    return { id, seedHex, perAgency: sample.perAgency, tasks: tasks.length };
  }

  async function batches(actor: Actor) {
    requirePermission(actor, 'evaluation.manage');
    return db.select().from(returnVisitBatches).where(like(returnVisitBatches.regionPath, `${escapeLike(actor.regionPath)}%`)).orderBy(sql`${returnVisitBatches.createdAt} desc`, asc(returnVisitBatches.id));
  }

  function taskOut(t: TaskRow, names: Map<string, string>, visitors: Map<string, string>) {
    // Lists never carry the number or the full name of a natural person (个人信息保护法 Art.28; domain-rules §19 item 9).
    return { id: t.id, batchId: t.batchId, caseKind: t.caseKind, caseId: t.caseId, caseNo: t.caseNo, agencyId: t.agencyId, agencyName: names.get(t.agencyId) ?? '', partyName: maskName(t.partyName), partyPhoneMasked: t.partyPhone ? maskPhone(t.partyPhone) : null, assigneeUserId: t.assigneeUserId, assigneeName: visitors.get(t.assigneeUserId) ?? '', status: t.status };
  }

  async function names(rows: TaskRow[]) {
    const a = [...new Set(rows.map((r) => r.agencyId))];
    const u = [...new Set(rows.map((r) => r.assigneeUserId))];
    const [an, un] = await Promise.all([a.length ? db.select({ id: subjects.id, name: subjects.name }).from(subjects).where(inArray(subjects.id, a)) : [], u.length ? db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, u)) : []]);
    return { agencies: new Map(an.map((x) => [x.id, x.name])), visitors: new Map(un.map((x) => [x.id, x.name])) };
  }

  async function listTasks(actor: Actor, q: { mine?: boolean | undefined; batchId?: string | undefined }) {
    requirePermission(actor, 'evaluation.score');
    const conds = [like(returnVisitTasks.regionPath, `${escapeLike(actor.regionPath)}%`)];
    if (q.mine || !(actor.role === 'supervisor')) conds.push(eq(returnVisitTasks.assigneeUserId, actor.userId));
    if (q.batchId) conds.push(eq(returnVisitTasks.batchId, q.batchId));
    const rows = await db.select().from(returnVisitTasks).where(and(...conds)).orderBy(asc(returnVisitTasks.status), asc(returnVisitTasks.createdAt), asc(returnVisitTasks.id));
    const n = await names(rows);
    return rows.map((r) => taskOut(r, n.agencies, n.visitors));
  }

  async function taskFor(actor: Actor, id: string): Promise<TaskRow> {
    requirePermission(actor, 'evaluation.score');
    const [t] = await db.select().from(returnVisitTasks).where(eq(returnVisitTasks.id, id));
    if (!t || !(t.assigneeUserId === actor.userId || isInScope(actor, { regionPath: t.regionPath }))) throw new AppError('NOT_FOUND');
    return t;
  }

  async function getTask(actor: Actor, id: string) {
    const t = await taskFor(actor, id);
    const [batch] = await db.select().from(returnVisitBatches).where(eq(returnVisitBatches.id, t.batchId));
    const records = await db.select().from(returnVisitRecords).where(eq(returnVisitRecords.taskId, id)).orderBy(asc(returnVisitRecords.id));
    const n = await names([t]);
    return { ...taskOut(t, n.agencies, n.visitors), isAssignedToMe: t.assigneeUserId === actor.userId, hasPhone: !!t.partyPhone, questions: batch?.questions ?? [], records: records.map((r) => ({ ...r, recordedAt: r.recordedAt.toISOString() })) };
  }

  /** Only the assigned visitor sees the full number, and each reveal is logged (like evidence access, REC4). */
  async function revealPhone(actor: Actor, id: string, input: { reason: string }, meta: { requestId?: string } = {}) {
    const t = await taskFor(actor, id);
    if (t.assigneeUserId !== actor.userId) throw new AppError('FORBIDDEN', { message: 'Only the assigned visitor may see the full phone number.', messageZh: '仅承担回访任务的人员可查看完整电话号码。', details: { permission: 'evaluation.score' } });
    if (!t.partyPhone) throw new AppError('NOT_FOUND');
    await db.transaction(async (tx) => {
      await audit.appendRecords(tx, 'return_visit_pii_access', await tx.insert(returnVisitPiiAccess).values({ taskId: t.id, userId: actor.userId, role: actor.role, field: 'party_phone', reason: input.reason, at: clock.now() }).returning());
      await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'return_visit_task', entityId: t.id, action: 'reveal_phone', after: { field: 'party_phone', reason: input.reason }, regionPath: t.regionPath, agencyId: t.agencyId });
    });
    return { phone: t.partyPhone };
  }

  async function phoneAccessLog(actor: Actor, id: string) {
    const t = await taskFor(actor, id);
    return db.select().from(returnVisitPiiAccess).where(eq(returnVisitPiiAccess.taskId, t.id)).orderBy(asc(returnVisitPiiAccess.id));
  }

  async function record(actor: Actor, id: string, input: VisitInput, meta: { requestId?: string } = {}) {
    const t = await taskFor(actor, id);
    if (t.assigneeUserId !== actor.userId) throw new AppError('FORBIDDEN', { message: 'Only the assigned visitor records the visit.', messageZh: '仅承担回访任务的人员可登记回访记录。', details: { permission: 'evaluation.score' } });
    if (t.status !== 'assigned') throw new AppError('INVALID_TRANSITION', { details: { status: t.status, action: 'record', allowedActions: [] } });
    const [batch] = await db.select().from(returnVisitBatches).where(eq(returnVisitBatches.id, t.batchId));
    const problems = checkVisitAnswers(batch?.questions ?? [], input.answers);
    if (input.contactMade && (input.satisfaction === null || !Number.isInteger(input.satisfaction) || input.satisfaction < 1 || input.satisfaction > 5)) problems.push({ path: 'satisfaction', message: 'satisfaction 1–5 when contact was made', messageZh: '联系上当事人时须填写满意度（1—5）' });
    if (input.visitedOn > today()) problems.push({ path: 'visitedOn', message: 'visit date in the future', messageZh: '回访日期不能晚于今天' });
    if (problems.length) throw new AppError('VALIDATION_FAILED', { details: { issues: problems.map((p) => ({ path: p.path.split('.'), message: p.message, messageZh: p.messageZh })) } });
    return db.transaction(async (tx) => {
      const upd = await tx.update(returnVisitTasks).set({ status: 'done', version: t.version + 1 }).where(and(eq(returnVisitTasks.id, t.id), eq(returnVisitTasks.version, t.version))).returning();
      if (upd.length === 0) throw new AppError('VERSION_CONFLICT', { details: { currentVersion: t.version } });
      const rows = await tx.insert(returnVisitRecords).values({ taskId: t.id, agencyId: t.agencyId, regionPath: t.regionPath, method: input.method, contactMade: input.contactMade, answers: input.answers, satisfaction: input.contactMade ? input.satisfaction : null, findings: input.findings, isFlagged: input.isFlagged, visitedOn: input.visitedOn, recordedBy: actor.userId, recordedAt: clock.now() }).returning();
      await audit.appendRecords(tx, 'return_visit_record', rows);
      await event(tx, actor, { taskId: t.id, action: 'record_visit', from: 'assigned', to: 'done', payload: { recordId: rows[0]!.id, isFlagged: input.isFlagged, satisfaction: input.satisfaction } }, { regionPath: t.regionPath, agencyId: t.agencyId, entityId: t.id }, meta.requestId);
      return { ...rows[0]!, recordedAt: rows[0]!.recordedAt.toISOString() };
    });
  }

  /** Satisfaction per agency in scope; agency heads see their own agency (scopeCondition). */
  async function stats(actor: Actor) {
    if (actor.role !== 'agency_head') requirePermission(actor, 'evaluation.score');
    else requirePermission(actor, 'evaluation.respond');
    const rows = await db.select({ agencyId: returnVisitRecords.agencyId, contactMade: returnVisitRecords.contactMade, satisfaction: returnVisitRecords.satisfaction, isFlagged: returnVisitRecords.isFlagged }).from(returnVisitRecords).where(scopeCondition(actor, { regionPath: returnVisitRecords.regionPath, agencyId: returnVisitRecords.agencyId })).orderBy(asc(returnVisitRecords.id));
    const s = satisfactionByAgency(rows);
    const an = s.length ? await db.select({ id: subjects.id, name: subjects.name }).from(subjects).where(inArray(subjects.id, s.map((x) => x.agencyId))) : [];
    const m = new Map(an.map((x) => [x.id, x.name]));
    return s.map((r) => ({ ...r, agencyName: m.get(r.agencyId) ?? '' }));
  }

  /** Findings flagged for supervision follow-up (S3: results feed supervision). */
  async function flaggedFindings(actor: Actor) {
    requirePermission(actor, 'evaluation.manage');
    const rows = await db.select({ r: returnVisitRecords, t: returnVisitTasks }).from(returnVisitRecords).innerJoin(returnVisitTasks, eq(returnVisitTasks.id, returnVisitRecords.taskId)).where(and(eq(returnVisitRecords.isFlagged, true), like(returnVisitRecords.regionPath, `${escapeLike(actor.regionPath)}%`))).orderBy(asc(returnVisitRecords.id));
    const n = await names(rows.map((x) => x.t));
    return rows.map(({ r, t }) => ({ recordId: r.id, task: taskOut(t, n.agencies, n.visitors), findings: r.findings, satisfaction: r.satisfaction, visitedOn: r.visitedOn }));
  }

  return { createBatch, batches, listTasks, getTask, revealPhone, phoneAccessLog, record, stats, flaggedFindings };
}
export type ReturnVisitService = ReturnType<typeof createReturnVisitService>;
