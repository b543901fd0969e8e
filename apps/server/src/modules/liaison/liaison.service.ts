import { createHash, randomBytes } from 'node:crypto';
import {
  AppError,
  contactPointShortfall,
  drawExperts,
  evaluationGrade,
  fieldSupervisionRefusal,
  isSupervisorCertificateValid,
  maskPhone,
  surveyAnswerIssues,
  type SupervisorKind,
  type SurveyAnswers,
  type SurveyQuestion,
} from '@zhifa/domain';
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { requirePermission, scopeCondition, isInScope, type Actor } from '../../lib/actor.ts';
import { chinaDate, type Clock } from '../../lib/clock.ts';
import { newId } from '../../lib/ids.ts';
import type { AuditService } from '../audit/index.ts';
import type { BlobStore } from '../blobs/index.ts';
import { registryTables } from '../registry/index.ts';
import {
  liaisonContactPlans,
  liaisonContactPoints,
  liaisonContactVisits,
  liaisonEvaluations,
  liaisonEvents,
  liaisonExpertDraws,
  liaisonExperts,
  liaisonFieldSupervisions,
  liaisonSupervisorCertificates,
  liaisonSupervisors,
  liaisonSurveyResponses,
  liaisonSurveys,
  liaisonSurveyTokens,
} from './liaison.schema.ts';

const { subjects } = registryTables;
type Meta = { requestId?: string | undefined };
const sha256Hex = (s: string) => createHash('sha256').update(s).digest('hex');
const sha256 = (d: Uint8Array) => new Uint8Array(createHash('sha256').update(d).digest());

/**
 * Supervisors (监督员) and their certificates, field supervision by ≥2 certified supervisors (S4), the expert panel and
 * expert draws, enterprise contact points with yearly visit plans, questionnaires answered on the portal with one-time
 * tokens, and third-party evaluation results. Owned by a justice bureau (the supervisor's agency) and scoped by its
 * region; every write appends a liaison event (ledger leaf) in the same transaction.
 */
export function createLiaisonService(deps: { db: Db; audit: AuditService; clock: Clock; blobs: BlobStore }) {
  const { db, audit, clock, blobs } = deps;

  function owner(actor: Actor): { agencyId: string; regionPath: string } {
    requirePermission(actor, 'liaison.manage');
    if (!actor.agencyId) throw new AppError('FORBIDDEN', { details: { permission: 'liaison.manage', reason: 'a supervisor of a justice bureau' } });
    return { agencyId: actor.agencyId, regionPath: actor.regionPath };
  }

  async function event(tx: Db, actor: Actor | null, o: { agencyId: string | null; regionPath: string }, entityType: string, entityId: string, action: string, payload: Record<string, unknown>) {
    await audit.appendRecords(
      tx,
      'liaison_event',
      await tx.insert(liaisonEvents).values({ entityType, entityId, action, payload, actorId: actor?.userId ?? null, actorRole: actor?.role ?? null, agencyId: o.agencyId, regionPath: o.regionPath, occurredAt: clock.now() }).returning(),
    );
  }

  async function agencyInScope(actor: Actor, id: string) {
    const [a] = await db.select({ id: subjects.id, name: subjects.name, regionPath: subjects.regionPath }).from(subjects).where(and(eq(subjects.id, id), isNull(subjects.withdrawnAt)));
    if (!a || !a.regionPath.startsWith(actor.regionPath)) throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['body', 'targetAgencyId'], message: 'unknown agency or outside your region', messageZh: '被监督机关不存在或不在辖区内' }] } });
    return a;
  }

  async function names(ids: string[]) {
    const u = [...new Set(ids)];
    if (!u.length) return new Map<string, string>();
    return new Map((await db.select({ id: subjects.id, name: subjects.name }).from(subjects).where(inArray(subjects.id, u))).map((r) => [r.id, r.name]));
  }

  /** The survey for the portal: only with an unused token (anything else reads as absent). */
  async function publicSurvey(surveyId: string, token: string) {
    const [s] = await db.select().from(liaisonSurveys).where(eq(liaisonSurveys.id, surveyId));
    const [t] = await db.select().from(liaisonSurveyTokens).where(eq(liaisonSurveyTokens.tokenHash, sha256Hex(token)));
    if (!s || !t || t.surveyId !== s.id || t.usedAt || s.status !== 'open') throw new AppError('NOT_FOUND');
    const [a] = await db.select({ name: subjects.name }).from(subjects).where(eq(subjects.id, s.targetAgencyId));
    return { id: s.id, title: s.title, agencyName: a?.name ?? '', questions: s.questions };
  }

  function read(actor: Actor) {
    requirePermission(actor, 'liaison.read');
  }

  return {
    // ---- supervisors ------------------------------------------------------------------------------------------------
    async createSupervisor(actor: Actor, input: { name: string; kind: SupervisorKind; employer?: string | undefined; phone?: string | undefined }, meta: Meta) {
      const o = owner(actor);
      const id = newId();
      await db.transaction(async (tx) => {
        await tx.insert(liaisonSupervisors).values({ id, name: input.name, kind: input.kind, employer: input.employer ?? null, phone: input.phone ?? null, ...o });
        await event(tx, actor, o, 'supervisor', id, 'create', { name: input.name, kind: input.kind, employer: input.employer ?? null });
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'liaison_supervisor', entityId: id, action: 'create', after: { kind: input.kind }, ...o });
      });
      return { id };
    },

    async addCertificate(actor: Actor, supervisorId: string, input: { number: string; issuedOn: string; expiresOn: string }, meta: Meta) {
      const o = owner(actor);
      if (input.expiresOn < input.issuedOn) throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['body', 'expiresOn'], message: 'expires before it is issued', messageZh: '有效期截止日早于发证日' }] } });
      const id = newId();
      await db.transaction(async (tx) => {
        const [s] = await tx.select().from(liaisonSupervisors).where(eq(liaisonSupervisors.id, supervisorId));
        if (!s || !isInScope(actor, s)) throw new AppError('NOT_FOUND');
        const [dup] = await tx.select({ id: liaisonSupervisorCertificates.id }).from(liaisonSupervisorCertificates).where(eq(liaisonSupervisorCertificates.number, input.number));
        if (dup) throw new AppError('DUPLICATE', { details: { field: 'number' } });
        await tx.insert(liaisonSupervisorCertificates).values({ id, supervisorId, number: input.number, issuedOn: input.issuedOn, expiresOn: input.expiresOn, agencyId: s.agencyId, regionPath: s.regionPath });
        await event(tx, actor, o, 'supervisor_certificate', id, 'issue', { supervisorId, ...input });
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'liaison_supervisor_certificate', entityId: id, action: 'issue', after: input, ...o });
      });
      return { id };
    },

    async revokeCertificate(actor: Actor, certificateId: string, reason: string, meta: Meta) {
      const o = owner(actor);
      await db.transaction(async (tx) => {
        const [c] = await tx.select().from(liaisonSupervisorCertificates).where(eq(liaisonSupervisorCertificates.id, certificateId));
        if (!c || !isInScope(actor, c)) throw new AppError('NOT_FOUND');
        if (c.isRevoked) throw new AppError('INVALID_TRANSITION', { details: { status: 'revoked', allowedActions: [] } });
        await tx.update(liaisonSupervisorCertificates).set({ isRevoked: true }).where(eq(liaisonSupervisorCertificates.id, c.id));
        await event(tx, actor, o, 'supervisor_certificate', c.id, 'revoke', { reason });
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'liaison_supervisor_certificate', entityId: c.id, action: 'revoke', reason, ...o });
      });
      return { id: certificateId, isRevoked: true };
    },

    async listSupervisors(actor: Actor) {
      read(actor);
      const today = chinaDate(clock.now());
      const rows = await db.select().from(liaisonSupervisors).where(scopeCondition(actor, liaisonSupervisors)).orderBy(asc(liaisonSupervisors.name), asc(liaisonSupervisors.id));
      const certs = rows.length ? await db.select().from(liaisonSupervisorCertificates).where(inArray(liaisonSupervisorCertificates.supervisorId, rows.map((r) => r.id))).orderBy(asc(liaisonSupervisorCertificates.issuedOn)) : [];
      return rows.map((r) => {
        const mine = certs.filter((c) => c.supervisorId === r.id).map((c) => ({ id: c.id, number: c.number, issuedOn: c.issuedOn, expiresOn: c.expiresOn, isRevoked: c.isRevoked, isValid: isSupervisorCertificateValid(c, today) }));
        return { id: r.id, name: r.name, kind: r.kind, employer: r.employer, phone: r.phone ? maskPhone(r.phone) : null, status: r.status, certificates: mine, isCertified: mine.some((c) => c.isValid) };
      });
    },

    /** A field supervision record: refused with 422 unless ≥2 of the named supervisors hold a valid certificate that day (S4). */
    async recordFieldSupervision(actor: Actor, input: { supervisedOn: string; targetAgencyId: string; subject: string; findings: string; supervisorIds: string[] }, meta: Meta) {
      const o = owner(actor);
      const target = await agencyInScope(actor, input.targetAgencyId);
      const id = newId();
      return db.transaction(async (tx) => {
        const sups = input.supervisorIds.length ? await tx.select().from(liaisonSupervisors).where(inArray(liaisonSupervisors.id, input.supervisorIds)) : [];
        if (sups.length !== new Set(input.supervisorIds).size || sups.some((s) => !isInScope(actor, s) || s.status !== 'active')) {
          throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['body', 'supervisorIds'], message: 'unknown supervisor', messageZh: '监督员不存在' }] } });
        }
        const certs = await tx.select().from(liaisonSupervisorCertificates).where(inArray(liaisonSupervisorCertificates.supervisorId, sups.map((s) => s.id))).orderBy(asc(liaisonSupervisorCertificates.number));
        const participants = sups.map((s) => ({ id: s.id, certificate: certs.find((c) => c.supervisorId === s.id && isSupervisorCertificateValid(c, input.supervisedOn)) ?? null }));
        const refusal = fieldSupervisionRefusal(input.supervisedOn, participants);
        if (refusal) throw AppError.fromRefusal(refusal);
        const certificateNumbers = participants.flatMap((p) => (p.certificate ? [p.certificate.number] : []));
        const rows = await tx
          .insert(liaisonFieldSupervisions)
          .values({ id, supervisedOn: input.supervisedOn, targetAgencyId: target.id, subject: input.subject, findings: input.findings, supervisorIds: input.supervisorIds, certificateNumbers, createdBy: actor.userId, ...o })
          .returning();
        await audit.appendRecords(tx, 'field_supervision', rows);
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'liaison_field_supervision', entityId: id, action: 'record', after: { targetAgencyId: target.id, supervisorIds: input.supervisorIds }, ...o });
        return { id, certificateNumbers };
      });
    },

    async listFieldSupervisions(actor: Actor) {
      read(actor);
      const rows = await db.select().from(liaisonFieldSupervisions).where(scopeCondition(actor, liaisonFieldSupervisions)).orderBy(desc(liaisonFieldSupervisions.supervisedOn), asc(liaisonFieldSupervisions.id));
      const n = await names(rows.map((r) => r.targetAgencyId));
      return rows.map((r) => ({ id: r.id, supervisedOn: r.supervisedOn, targetAgencyId: r.targetAgencyId, targetAgencyName: n.get(r.targetAgencyId) ?? '', subject: r.subject, findings: r.findings, supervisorIds: r.supervisorIds, certificateNumbers: r.certificateNumbers }));
    },

    // ---- experts ----------------------------------------------------------------------------------------------------
    async createExpert(actor: Actor, input: { name: string; title?: string | undefined; employer?: string | undefined; fields: string[]; conflicts: string[] }, meta: Meta) {
      const o = owner(actor);
      const id = newId();
      await db.transaction(async (tx) => {
        await tx.insert(liaisonExperts).values({ id, name: input.name, title: input.title ?? null, employer: input.employer ?? null, fields: input.fields, conflicts: input.conflicts, ...o });
        await event(tx, actor, o, 'expert', id, 'create', { ...input });
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'liaison_expert', entityId: id, action: 'create', after: { fields: input.fields }, ...o });
      });
      return { id };
    },

    async setExpertAvailability(actor: Actor, id: string, input: { isAvailable: boolean; reason: string }, meta: Meta) {
      const o = owner(actor);
      await db.transaction(async (tx) => {
        const [e] = await tx.select().from(liaisonExperts).where(eq(liaisonExperts.id, id));
        if (!e || !isInScope(actor, e)) throw new AppError('NOT_FOUND');
        await tx.update(liaisonExperts).set({ isAvailable: input.isAvailable }).where(eq(liaisonExperts.id, id));
        await event(tx, actor, o, 'expert', id, 'availability', input);
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'liaison_expert', entityId: id, action: 'availability', after: { isAvailable: input.isAvailable }, reason: input.reason, ...o });
      });
      return { id, isAvailable: input.isAvailable };
    },

    async listExperts(actor: Actor) {
      read(actor);
      const rows = await db.select().from(liaisonExperts).where(scopeCondition(actor, liaisonExperts)).orderBy(asc(liaisonExperts.name), asc(liaisonExperts.id));
      return rows.map((e) => ({ id: e.id, name: e.name, title: e.title, employer: e.employer, fields: e.fields, conflicts: e.conflicts, isAvailable: e.isAvailable }));
    },

    /** Draw experts for a task (案卷评查, hearing, evaluation): reproducible from the stored seed and pool. */
    async drawExperts(actor: Actor, input: { purpose: string; field: string; parties: string[]; count: number }, meta: Meta) {
      const o = owner(actor);
      const pool = await db.select().from(liaisonExperts).where(scopeCondition(actor, liaisonExperts)).orderBy(asc(liaisonExperts.id));
      const seed = randomBytes(32);
      const r = drawExperts(sha256, seed, pool.map((e) => ({ id: e.id, fields: e.fields, conflicts: e.conflicts, isAvailable: e.isAvailable })), input);
      if (r.selected.length < input.count) {
        throw new AppError('RULE_VIOLATION', { message: `Only ${r.eligible} eligible experts for this field.`, messageZh: `该领域可抽取（在岗且无利害关系）的专家只有${r.eligible}名。`, details: { citation: '广东省行政执法案卷评查办法 Art.10 (回避)', eligible: r.eligible, requested: input.count } });
      }
      const id = newId();
      await db.transaction(async (tx) => {
        const rows = await tx.insert(liaisonExpertDraws).values({ id, purpose: input.purpose, field: input.field, parties: input.parties, count: input.count, seedHex: seed.toString('hex'), poolSize: pool.length, selected: r.selected, ...o }).returning();
        await audit.appendRecords(tx, 'expert_draw', rows);
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'liaison_expert_draw', entityId: id, action: 'draw', after: { selected: r.selected }, ...o });
      });
      const n = new Map(pool.map((e) => [e.id, e.name]));
      return { id, selected: r.selected.map((x) => ({ id: x, name: n.get(x) ?? '' })), eligible: r.eligible, seedHex: seed.toString('hex') };
    },

    // ---- enterprise contact points ----------------------------------------------------------------------------------
    async createContactPoint(actor: Actor, input: { enterpriseName: string; uscc?: string | undefined; address?: string | undefined; contactPerson?: string | undefined; designatedOn: string; year: number; plannedVisits: number }, meta: Meta) {
      const o = owner(actor);
      const id = newId();
      await db.transaction(async (tx) => {
        await tx.insert(liaisonContactPoints).values({ id, enterpriseName: input.enterpriseName, uscc: input.uscc ?? null, address: input.address ?? null, contactPerson: input.contactPerson ?? null, designatedOn: input.designatedOn, ...o });
        await tx.insert(liaisonContactPlans).values({ id: newId(), contactPointId: id, year: input.year, plannedVisits: input.plannedVisits, ...o });
        await event(tx, actor, o, 'contact_point', id, 'designate', { ...input });
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'liaison_contact_point', entityId: id, action: 'designate', after: { enterpriseName: input.enterpriseName, year: input.year, plannedVisits: input.plannedVisits }, ...o });
      });
      return { id };
    },

    /** The yearly plan: 1 or 2 visits (seed 001); re-planning is an event. */
    async planVisits(actor: Actor, id: string, input: { year: number; plannedVisits: number }, meta: Meta) {
      const o = owner(actor);
      await db.transaction(async (tx) => {
        const [p] = await tx.select().from(liaisonContactPoints).where(eq(liaisonContactPoints.id, id));
        if (!p || !isInScope(actor, p)) throw new AppError('NOT_FOUND');
        await tx
          .insert(liaisonContactPlans)
          .values({ id: newId(), contactPointId: id, year: input.year, plannedVisits: input.plannedVisits, agencyId: p.agencyId, regionPath: p.regionPath })
          .onConflictDoUpdate({ target: [liaisonContactPlans.contactPointId, liaisonContactPlans.year], set: { plannedVisits: input.plannedVisits } });
        await event(tx, actor, o, 'contact_point', id, 'plan', input);
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'liaison_contact_point', entityId: id, action: 'plan', after: input, ...o });
      });
      return { id, ...input };
    },

    async recordVisit(actor: Actor, id: string, input: { visitedOn: string; visitors: string; notes: string; surveyId?: string | undefined; answers?: SurveyAnswers | undefined }, meta: Meta) {
      const o = owner(actor);
      if (input.visitedOn > chinaDate(clock.now())) throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['body', 'visitedOn'], message: 'a visit is recorded after it took place', messageZh: '走访日期不能晚于今天' }] } });
      if (input.answers) {
        const [s] = input.surveyId ? await db.select().from(liaisonSurveys).where(eq(liaisonSurveys.id, input.surveyId)) : [];
        if (!s) throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['body', 'surveyId'], message: 'answers need their questionnaire', messageZh: '问卷不存在' }] } });
        const issues = surveyAnswerIssues(s.questions as SurveyQuestion[], input.answers);
        if (issues.length) throw new AppError('VALIDATION_FAILED', { details: { issues: issues.map((i) => ({ path: ['body', 'answers', i.key], message: i.messageZh, messageZh: i.messageZh })) } });
      }
      const visitId = newId();
      await db.transaction(async (tx) => {
        const [p] = await tx.select().from(liaisonContactPoints).where(eq(liaisonContactPoints.id, id));
        if (!p || !isInScope(actor, p)) throw new AppError('NOT_FOUND');
        const rows = await tx
          .insert(liaisonContactVisits)
          .values({ id: visitId, contactPointId: id, visitedOn: input.visitedOn, visitors: input.visitors, notes: input.notes, answers: input.answers ?? null, surveyId: input.surveyId ?? null, agencyId: p.agencyId, regionPath: p.regionPath, createdBy: actor.userId })
          .returning();
        await audit.appendRecords(tx, 'contact_visit', rows);
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'liaison_contact_point', entityId: id, action: 'visit', after: { visitedOn: input.visitedOn }, ...o });
      });
      return { id: visitId };
    },

    /**
     * Every contact point with its plan and done visits for the year (one grouped query); `missedOnly` lists the
     * enterprises without their visit — at year end those are the ones the supervisor must follow up.
     */
    async contactPointStatus(actor: Actor, q: { year: number; missedOnly?: boolean | undefined }) {
      read(actor);
      const asOf = chinaDate(clock.now());
      const rows = await db
        .select({
          id: liaisonContactPoints.id,
          enterpriseName: liaisonContactPoints.enterpriseName,
          uscc: liaisonContactPoints.uscc,
          contactPerson: liaisonContactPoints.contactPerson,
          designatedOn: liaisonContactPoints.designatedOn,
          plannedVisits: sql<number>`coalesce(${liaisonContactPlans.plannedVisits}, 1)::int`,
          done: sql<number>`(select count(*)::int from ${liaisonContactVisits} v where v.contact_point_id = ${liaisonContactPoints.id} and v.visited_on between ${`${q.year}-01-01`} and ${`${q.year}-12-31`} and v.visited_on <= ${asOf})`,
          lastVisitOn: sql<string | null>`(select max(v.visited_on)::text from ${liaisonContactVisits} v where v.contact_point_id = ${liaisonContactPoints.id})`,
        })
        .from(liaisonContactPoints)
        .leftJoin(liaisonContactPlans, and(eq(liaisonContactPlans.contactPointId, liaisonContactPoints.id), eq(liaisonContactPlans.year, q.year)))
        .where(and(scopeCondition(actor, liaisonContactPoints), eq(liaisonContactPoints.status, 'active')))
        .orderBy(asc(liaisonContactPoints.enterpriseName), asc(liaisonContactPoints.id));
      const out = rows.map((r) => ({ ...r, ...contactPointShortfall(q.year, r.plannedVisits, r.done, asOf) }));
      return q.missedOnly ? out.filter((r) => r.isShort) : out;
    },

    async listVisits(actor: Actor, contactPointId: string) {
      read(actor);
      const rows = await db.select().from(liaisonContactVisits).where(and(eq(liaisonContactVisits.contactPointId, contactPointId), scopeCondition(actor, liaisonContactVisits))).orderBy(desc(liaisonContactVisits.visitedOn), asc(liaisonContactVisits.id));
      return rows.map((v) => ({ id: v.id, visitedOn: v.visitedOn, visitors: v.visitors, notes: v.notes, answers: v.answers, surveyId: v.surveyId }));
    },

    // ---- questionnaires ---------------------------------------------------------------------------------------------
    async createSurvey(actor: Actor, input: { title: string; targetAgencyId: string; questions: SurveyQuestion[] }, meta: Meta) {
      const o = owner(actor);
      await agencyInScope(actor, input.targetAgencyId);
      const keys = input.questions.map((q) => q.key);
      if (new Set(keys).size !== keys.length) throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['body', 'questions'], message: 'question keys must be unique', messageZh: '题目编号不能重复' }] } });
      const id = newId();
      await db.transaction(async (tx) => {
        await tx.insert(liaisonSurveys).values({ id, title: input.title, targetAgencyId: input.targetAgencyId, questions: input.questions, ...o });
        await event(tx, actor, o, 'survey', id, 'create', { ...input });
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'liaison_survey', entityId: id, action: 'create', after: { title: input.title, targetAgencyId: input.targetAgencyId }, ...o });
      });
      return { id };
    },

    /** One-time answer links: each token answers once; only its hash is stored, so the tokens are shown only now. */
    async issueSurveyTokens(actor: Actor, surveyId: string, count: number, meta: Meta) {
      const o = owner(actor);
      const [s] = await db.select().from(liaisonSurveys).where(eq(liaisonSurveys.id, surveyId));
      if (!s || !isInScope(actor, s)) throw new AppError('NOT_FOUND');
      const tokens = Array.from({ length: count }, () => randomBytes(18).toString('base64url'));
      await db.transaction(async (tx) => {
        await tx.insert(liaisonSurveyTokens).values(tokens.map((t) => ({ id: newId(), surveyId, tokenHash: sha256Hex(t) })));
        await event(tx, actor, o, 'survey', surveyId, 'issue_tokens', { count });
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'liaison_survey', entityId: surveyId, action: 'issue_tokens', after: { count }, ...o });
      });
      return { surveyId, tokens };
    },

    async listSurveys(actor: Actor) {
      read(actor);
      const rows = await db.select().from(liaisonSurveys).where(scopeCondition(actor, liaisonSurveys)).orderBy(desc(liaisonSurveys.createdAt), asc(liaisonSurveys.id));
      const counts = rows.length
        ? await db.select({ surveyId: liaisonSurveyResponses.surveyId, n: sql<number>`count(*)::int` }).from(liaisonSurveyResponses).where(inArray(liaisonSurveyResponses.surveyId, rows.map((r) => r.id))).groupBy(liaisonSurveyResponses.surveyId)
        : [];
      const n = await names(rows.map((r) => r.targetAgencyId));
      return rows.map((r) => ({ id: r.id, title: r.title, status: r.status, targetAgencyId: r.targetAgencyId, targetAgencyName: n.get(r.targetAgencyId) ?? '', questions: r.questions, responses: counts.find((c) => c.surveyId === r.id)?.n ?? 0 }));
    },

    publicSurvey,

    /** Answer without login: the token is spent in the same transaction as the answer is stored (a replay answers 404). */
    async answerSurvey(surveyId: string, token: string, answers: SurveyAnswers, meta: Meta) {
      const s = await publicSurvey(surveyId, token);
      const issues = surveyAnswerIssues(s.questions as SurveyQuestion[], answers);
      if (issues.length) throw new AppError('VALIDATION_FAILED', { details: { issues: issues.map((i) => ({ path: ['body', 'answers', i.key], message: i.messageZh, messageZh: i.messageZh })) } });
      const [survey] = await db.select().from(liaisonSurveys).where(eq(liaisonSurveys.id, surveyId));
      const id = newId();
      await db.transaction(async (tx) => {
        const spent = await tx.update(liaisonSurveyTokens).set({ usedAt: clock.now() }).where(and(eq(liaisonSurveyTokens.tokenHash, sha256Hex(token)), isNull(liaisonSurveyTokens.usedAt))).returning();
        if (!spent.length) throw new AppError('NOT_FOUND');
        const rows = await tx.insert(liaisonSurveyResponses).values({ id, surveyId, tokenId: spent[0]!.id, answers, targetAgencyId: survey!.targetAgencyId, regionPath: survey!.regionPath }).returning();
        await audit.appendRecords(tx, 'survey_response', rows);
        await audit.recordChange(tx, { actor: null, requestId: meta.requestId, entityType: 'liaison_survey', entityId: surveyId, action: 'answer', after: { responseId: id }, regionPath: survey!.regionPath, agencyId: survey!.agencyId });
      });
      return { id };
    },

    /** Results per agency: responses and, per rating question, the average (1–5); choices counted. */
    async surveyResults(actor: Actor, surveyId: string) {
      read(actor);
      const [s] = await db.select().from(liaisonSurveys).where(eq(liaisonSurveys.id, surveyId));
      if (!s || !isInScope(actor, s)) throw new AppError('NOT_FOUND');
      const rows = await db.select({ answers: liaisonSurveyResponses.answers }).from(liaisonSurveyResponses).where(eq(liaisonSurveyResponses.surveyId, surveyId)).orderBy(asc(liaisonSurveyResponses.submittedAt));
      const questions = (s.questions as SurveyQuestion[]).map((q) => {
        const vals = rows.map((r) => r.answers[q.key]).filter((v) => v !== undefined && v !== '');
        if (q.type === 'rating') {
          const nums = vals.filter((v): v is number => typeof v === 'number');
          return { key: q.key, text: q.text, type: q.type, answered: nums.length, average: nums.length ? Math.round((nums.reduce((a, b) => a + b, 0) / nums.length) * 100) / 100 : null, counts: null };
        }
        if (q.type === 'choice') return { key: q.key, text: q.text, type: q.type, answered: vals.length, average: null, counts: Object.fromEntries((q.options ?? []).map((o) => [o, vals.filter((v) => v === o).length])) };
        return { key: q.key, text: q.text, type: q.type, answered: vals.length, average: null, counts: null };
      });
      return { surveyId, title: s.title, responses: rows.length, questions };
    },

    /** Satisfaction by agency over all surveys in scope: the mean of every rating answer. */
    async surveyResultsByAgency(actor: Actor) {
      read(actor);
      const rows = await db
        .select({
          agencyId: liaisonSurveyResponses.targetAgencyId,
          responses: sql<number>`count(distinct ${liaisonSurveyResponses.id})::int`,
          average: sql<number | null>`round(avg((a.value)::numeric) filter (where jsonb_typeof(a.value) = 'number'), 2)::float8`,
        })
        .from(liaisonSurveyResponses)
        .leftJoin(sql`jsonb_each(${liaisonSurveyResponses.answers}) a`, sql`true`)
        .where(sql`${liaisonSurveyResponses.regionPath} like ${`${actor.regionPath}%`}`)
        .groupBy(liaisonSurveyResponses.targetAgencyId)
        .orderBy(asc(liaisonSurveyResponses.targetAgencyId));
      const n = await names(rows.map((r) => r.agencyId));
      return rows.map((r) => ({ agencyId: r.agencyId, agencyName: n.get(r.agencyId) ?? '', responses: r.responses, average: r.average }));
    },

    // ---- third-party evaluation -------------------------------------------------------------------------------------
    async recordEvaluation(actor: Actor, input: { evaluator: string; targetAgencyId: string; year: number; score: number; summary?: string | undefined }, report: { fileName: string; data: Buffer } | null, meta: Meta) {
      const o = owner(actor);
      await agencyInScope(actor, input.targetAgencyId);
      const blob = report ? await blobs.put(report.data) : null;
      const id = newId();
      const grade = evaluationGrade(input.score);
      await db.transaction(async (tx) => {
        const rows = await tx
          .insert(liaisonEvaluations)
          .values({ id, evaluator: input.evaluator, targetAgencyId: input.targetAgencyId, year: input.year, score: String(input.score), grade, summary: input.summary ?? null, reportSha256: blob?.id ?? null, reportFileName: report?.fileName ?? null, createdBy: actor.userId, ...o })
          .returning();
        await audit.appendRecords(tx, 'third_party_evaluation', rows);
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'liaison_evaluation', entityId: id, action: 'record', after: { targetAgencyId: input.targetAgencyId, year: input.year, score: input.score, report: blob?.id ?? null }, ...o });
      });
      return { id, grade, reportSha256: blob?.id ?? null };
    },

    async listEvaluations(actor: Actor, q: { year?: number | undefined }) {
      read(actor);
      const rows = await db
        .select()
        .from(liaisonEvaluations)
        .where(and(scopeCondition(actor, liaisonEvaluations), q.year ? eq(liaisonEvaluations.year, q.year) : undefined))
        .orderBy(desc(liaisonEvaluations.year), desc(liaisonEvaluations.score), asc(liaisonEvaluations.id));
      const n = await names(rows.map((r) => r.targetAgencyId));
      return rows.map((r) => ({ id: r.id, evaluator: r.evaluator, targetAgencyId: r.targetAgencyId, targetAgencyName: n.get(r.targetAgencyId) ?? '', year: r.year, score: Number(r.score), grade: r.grade, summary: r.summary, reportSha256: r.reportSha256, reportFileName: r.reportFileName, createdAt: r.createdAt.toISOString() }));
    },

    async evaluationReport(actor: Actor, id: string) {
      read(actor);
      const [r] = await db.select().from(liaisonEvaluations).where(eq(liaisonEvaluations.id, id));
      if (!r || !isInScope(actor, r) || !r.reportSha256) throw new AppError('NOT_FOUND');
      return { fileName: r.reportFileName ?? 'report', data: await blobs.get(r.reportSha256) };
    },
  };
}
export type LiaisonService = ReturnType<typeof createLiaisonService>;
