import {
  allowedActions,
  AppError,
  nextStatus,
  SUBJECT_TRANSITIONS,
  type EntrustmentInput,
  type SubjectAction,
  type SubjectInput,
  type SubjectStatus,
} from '@zhifa/domain';
import { and, asc, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { AuditService } from '../audit/index.ts';
import { escapeLike, isInScope, requirePermission, scopeCondition, type Actor } from '../identity/index.ts';
import type { RegionService } from './regions.service.ts';
import { entrustments, regions, subjects } from './registry.schema.ts';
import { commonOut, diff, fieldError, updateVersioned } from './versioned.ts';

export type SubjectRow = typeof subjects.$inferSelect;
type EntrustmentRow = typeof entrustments.$inferSelect;

export const subjectOut = (r: SubjectRow, regionName?: string | null) => ({
  id: r.id,
  name: r.name,
  shortName: r.shortName,
  uscc: r.uscc,
  regionCode: r.regionCode,
  regionName: regionName ?? null,
  kind: r.kind,
  form: r.form,
  sector: r.sector,
  legalBasis: r.legalBasis,
  supervisingBureauId: r.supervisingBureauId,
  status: r.status,
  statusReason: r.statusReason,
  allowedActions: allowedActions(SUBJECT_TRANSITIONS, r.status as SubjectStatus),
  address: r.address,
  phone: r.phone,
  officeHours: r.officeHours,
  complaintPhone: r.complaintPhone,
  absorbedPowers: r.absorbedPowers,
  ...commonOut(r),
});
export type SubjectOut = ReturnType<typeof subjectOut>;

export const entrustmentOut = (r: EntrustmentRow, names?: Map<string, string>) => ({
  id: r.id,
  kind: r.kind,
  principalId: r.principalId,
  principalName: names?.get(r.principalId) ?? null,
  agentId: r.agentId,
  agentName: names?.get(r.agentId) ?? null,
  matters: r.matters,
  powers: r.powers,
  agreementNo: r.agreementNo,
  agreementTitle: r.agreementTitle,
  signedOn: r.signedOn,
  startsOn: r.startsOn,
  endsOn: r.endsOn,
  status: r.status,
  statusReason: r.statusReason,
  allowedActions: r.status === 'active' ? ['terminate'] : [],
  ...commonOut(r),
});

/** Agency roles' scope column on subjects is the subject id itself (an officer's agency is a subject). */
const subjectScope = (actor: Actor) => scopeCondition(actor, { regionPath: subjects.regionPath, agencyId: subjects.id });

export function createSubjectService({ db, audit, regions: regionSvc }: { db: Db; audit: AuditService; regions: RegionService }) {
  async function findSubject(id: string, tx: Db = db): Promise<SubjectRow | null> {
    const [r] = await tx.select().from(subjects).where(eq(subjects.id, id));
    return r ?? null;
  }
  /** In-scope subject or NOT_FOUND — an out-of-scope id is indistinguishable from an unknown one. */
  async function getScoped(actor: Actor, id: string, tx: Db = db): Promise<SubjectRow> {
    const r = await findSubject(id, tx);
    if (!r || !isInScope(actor, { regionPath: r.regionPath, agencyId: r.id })) throw new AppError('NOT_FOUND');
    return r;
  }
  async function regionName(code: string) {
    return (await regionSvc.findRegion(code))?.name ?? null;
  }

  /** Cross-field rules the schema alone cannot check. */
  async function checkSubject(tx: Db, actor: Actor, input: SubjectInput) {
    const region = await regionSvc.findRegion(input.regionCode, tx);
    if (!region || region.withdrawnAt) throw fieldError('regionCode', 'unknown region', '区划不存在');
    if (!region.path.startsWith(actor.regionPath)) throw fieldError('regionCode', 'region outside your scope', '区划不在您的管辖范围内');
    if (input.form === 'comprehensive_team' && input.absorbedPowers.length === 0) {
      // A comprehensive-enforcement team exists because it absorbed other departments' powers (seed 004: 7 teams).
      throw fieldError('absorbedPowers', 'a comprehensive-enforcement team must list the powers it absorbed', '综合行政执法队伍须列明整合的执法职权');
    }
    if (input.supervisingBureauId) {
      const bureau = await findSubject(input.supervisingBureauId, tx);
      if (!bureau || bureau.form !== 'justice_bureau') throw fieldError('supervisingBureauId', 'must be a justice bureau', '监督机关须为司法行政机关');
    }
    return region;
  }

  return {
    findSubject,
    getScoped,
    /** id → name, for display next to ids held by other modules (user accounts). */
    async namesOf(ids: string[]): Promise<Map<string, string>> {
      if (!ids.length) return new Map();
      const rows = await db.select({ id: subjects.id, name: subjects.name }).from(subjects).where(inArray(subjects.id, ids));
      return new Map(rows.map((r) => [r.id, r.name]));
    },

    async list(
      actor: Actor,
      q: { q?: string | undefined; regionCode?: string | undefined; sector?: string | undefined; kind?: string | undefined; form?: string | undefined; status?: string | undefined; published?: boolean | undefined; includeWithdrawn?: boolean | undefined; page: number; pageSize: number },
    ) {
      requirePermission(actor, 'registry.read');
      const conds: SQL[] = [subjectScope(actor)];
      if (!q.includeWithdrawn) conds.push(isNull(subjects.withdrawnAt));
      if (q.q) conds.push(or(ilike(subjects.name, `%${escapeLike(q.q)}%`), ilike(subjects.uscc, `%${escapeLike(q.q)}%`))!);
      if (q.regionCode) {
        const r = await regionSvc.findRegion(q.regionCode);
        conds.push(r ? sql`${subjects.regionPath} like ${escapeLike(r.path) + '%'}` : sql`false`);
      }
      if (q.sector) conds.push(eq(subjects.sector, q.sector));
      if (q.kind) conds.push(eq(subjects.kind, q.kind));
      if (q.form) conds.push(eq(subjects.form, q.form));
      if (q.status) conds.push(eq(subjects.status, q.status));
      if (q.published !== undefined) conds.push(eq(subjects.published, q.published));
      const where = and(...conds);
      const [rows, [c]] = await Promise.all([
        db
          .select({ s: subjects, regionName: regions.name })
          .from(subjects)
          .leftJoin(regions, eq(regions.code, subjects.regionCode))
          .where(where)
          .orderBy(asc(subjects.regionPath), asc(subjects.name))
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize),
        db.select({ n: sql<number>`count(*)::int` }).from(subjects).where(where),
      ]);
      return { items: rows.map((r) => subjectOut(r.s, r.regionName)), total: c?.n ?? 0, page: q.page, pageSize: q.pageSize };
    },

    async get(actor: Actor, id: string) {
      requirePermission(actor, 'registry.read');
      const r = await getScoped(actor, id);
      return subjectOut(r, await regionName(r.regionCode));
    },

    async create(actor: Actor, input: SubjectInput, meta: { requestId?: string }, tx0?: Db) {
      requirePermission(actor, 'registry.write.system');
      const run = async (tx: Db) => {
        const region = await checkSubject(tx, actor, input);
        const id = crypto.randomUUID();
        const [row] = await tx.insert(subjects).values({ id, ...input, regionPath: region.path, status: 'confirmed' }).returning();
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'subject', entityId: id, action: 'create', after: row, regionPath: region.path, agencyId: id });
        return row!;
      };
      const row = tx0 ? await run(tx0) : await db.transaction(run);
      return subjectOut(row, await regionName(row.regionCode));
    },

    async update(actor: Actor, id: string, input: Partial<SubjectInput> & { version: number }, meta: { requestId?: string }) {
      requirePermission(actor, 'registry.write.system');
      const row = await db.transaction(async (tx) => {
        const before = await getScoped(actor, id, tx);
        const { version, ...patch } = input;
        const merged = { ...before, ...patch } as SubjectInput;
        const region = await checkSubject(tx, actor, merged);
        const after = await updateVersioned(tx, subjects, eq(subjects.id, id), subjects.version, version, { ...patch, regionPath: region.path });
        const d = diff(before, after);
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'subject', entityId: id, action: 'update', before: d.before, after: d.after, regionPath: after.regionPath, agencyId: id });
        return after;
      });
      return subjectOut(row, await regionName(row.regionCode));
    },

    /**
     * Status transitions: announce (公告) and revoke (撤销). The justice bureau confirms and announces subjects on the
     * government's behalf (纲要 §(十五); domain-rules LI1). Refused transitions answer 409 with the allowed actions.
     */
    async act(actor: Actor, id: string, action: SubjectAction, input: { reason?: string | undefined; version: number }, meta: { requestId?: string }) {
      requirePermission(actor, 'registry.supervise');
      const row = await db.transaction(async (tx) => {
        const before = await getScoped(actor, id, tx);
        const to = nextStatus(SUBJECT_TRANSITIONS, before.status as SubjectStatus, action);
        if (!to) {
          throw new AppError('INVALID_TRANSITION', {
            details: { status: before.status, action, allowedActions: allowedActions(SUBJECT_TRANSITIONS, before.status as SubjectStatus) },
          });
        }
        if (action === 'revoke' && !input.reason) throw fieldError('reason', 'a revocation needs a reason', '撤销须说明理由');
        const after = await updateVersioned(tx, subjects, eq(subjects.id, id), subjects.version, input.version, {
          status: to,
          statusReason: input.reason ?? null,
          // A revoked subject stops being published (it may no longer enforce).
          ...(to === 'revoked' ? { published: false } : {}),
        });
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'subject', entityId: id, action, before: { status: before.status }, after: { status: to }, reason: input.reason ?? null, regionPath: after.regionPath, agencyId: id });
        return after;
      });
      return subjectOut(row, await regionName(row.regionCode));
    },

    async setPublished(actor: Actor, id: string, input: { published: boolean; version: number }, meta: { requestId?: string }) {
      requirePermission(actor, 'registry.write.system');
      const row = await db.transaction(async (tx) => {
        const before = await getScoped(actor, id, tx);
        if (input.published && before.status === 'revoked') {
          throw new AppError('RULE_VIOLATION', { message: 'A revoked subject cannot be published.', messageZh: '已撤销的执法主体不能公示。' });
        }
        const after = await updateVersioned(tx, subjects, eq(subjects.id, id), subjects.version, input.version, { published: input.published });
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'subject', entityId: id, action: input.published ? 'publish' : 'unpublish', before: { published: !input.published }, after: { published: input.published }, regionPath: after.regionPath, agencyId: id });
        return after;
      });
      return subjectOut(row, await regionName(row.regionCode));
    },

    /** "Delete" is a recorded withdrawal with a reason (principle 2); the row and its history stay. */
    async withdraw(actor: Actor, id: string, input: { reason: string; version: number }, meta: { requestId?: string }) {
      requirePermission(actor, 'registry.write.system');
      const row = await db.transaction(async (tx) => {
        const before = await getScoped(actor, id, tx);
        if (before.withdrawnAt) throw new AppError('INVALID_TRANSITION', { details: { status: 'withdrawn', allowedActions: [] } });
        const after = await updateVersioned(tx, subjects, eq(subjects.id, id), subjects.version, input.version, { withdrawnAt: new Date(), withdrawReason: input.reason, published: false });
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'subject', entityId: id, action: 'withdraw', reason: input.reason, regionPath: after.regionPath, agencyId: id });
        return after;
      });
      return subjectOut(row, await regionName(row.regionCode));
    },

    async history(actor: Actor, id: string) {
      requirePermission(actor, 'registry.read');
      await getScoped(actor, id);
      return audit.historyOf(db, 'subject', id);
    },

    // ---- entrustments (委托) and devolutions (赋权) ---------------------------------------------------------------

    async listEntrustments(actor: Actor, q: { subjectId?: string | undefined; kind?: string | undefined; status?: string | undefined; page: number; pageSize: number }) {
      requirePermission(actor, 'registry.read');
      // Visible when either party is visible to the caller.
      const visible = db.select({ id: subjects.id }).from(subjects).where(subjectScope(actor));
      const conds: SQL[] = [or(inArray(entrustments.principalId, visible), inArray(entrustments.agentId, visible))!, isNull(entrustments.withdrawnAt)];
      if (q.subjectId) conds.push(or(eq(entrustments.principalId, q.subjectId), eq(entrustments.agentId, q.subjectId))!);
      if (q.kind) conds.push(eq(entrustments.kind, q.kind));
      if (q.status) conds.push(eq(entrustments.status, q.status));
      const where = and(...conds);
      const [rows, [c]] = await Promise.all([
        db.select().from(entrustments).where(where).orderBy(desc(entrustments.startsOn)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
        db.select({ n: sql<number>`count(*)::int` }).from(entrustments).where(where),
      ]);
      const ids = [...new Set(rows.flatMap((r) => [r.principalId, r.agentId]))];
      const names = new Map((ids.length ? await db.select({ id: subjects.id, name: subjects.name }).from(subjects).where(inArray(subjects.id, ids)) : []).map((s) => [s.id, s.name]));
      return { items: rows.map((r) => entrustmentOut(r, names)), total: c?.n ?? 0, page: q.page, pageSize: q.pageSize };
    },

    async getEntrustment(actor: Actor, id: string) {
      requirePermission(actor, 'registry.read');
      const [r] = await db.select().from(entrustments).where(eq(entrustments.id, id));
      if (!r) throw new AppError('NOT_FOUND');
      const [p, a] = await Promise.all([findSubject(r.principalId), findSubject(r.agentId)]);
      const visible = [p, a].some((s) => s && isInScope(actor, { regionPath: s.regionPath, agencyId: s.id }));
      if (!visible) throw new AppError('NOT_FOUND');
      return entrustmentOut(r, new Map([p, a].filter((s): s is SubjectRow => !!s).map((s) => [s.id, s.name])));
    },

    /**
     * 行政处罚法 Art.20: an agency may entrust, in writing and within its lawful powers, an organisation that meets Art.21;
     * the entrusted organisation may not entrust further. Art.24: devolution of county-level powers to townships/streets.
     */
    async createEntrustment(actor: Actor, input: EntrustmentInput, meta: { requestId?: string }, tx0?: Db) {
      requirePermission(actor, 'registry.write.system');
      const run = async (tx: Db) => {
        const principal = await findSubject(input.principalId, tx);
        const agent = await findSubject(input.agentId, tx);
        if (!principal || !isInScope(actor, { regionPath: principal.regionPath, agencyId: principal.id })) throw fieldError('principalId', 'unknown subject', '委托机关不存在');
        if (!agent) throw fieldError('agentId', 'unknown subject', '受委托组织不存在');
        if (principal.status === 'revoked' || agent.status === 'revoked') throw new AppError('RULE_VIOLATION', { message: 'A revoked subject cannot take part.', messageZh: '已撤销的执法主体不能参与委托。' });
        if (input.kind === 'entrustment') {
          if (principal.kind === 'entrusted') {
            throw new AppError('RULE_VIOLATION', {
              message: 'An entrusted organisation may not entrust further.',
              messageZh: '受委托组织不得再委托其他组织或者个人实施行政处罚。',
              details: { citation: '行政处罚法 Art.20' },
            });
          }
          if (agent.kind !== 'entrusted') throw fieldError('agentId', 'the agent must be registered as an entrusted organisation', '受委托方须登记为受委托组织', );
        } else {
          if (agent.form !== 'township') throw fieldError('agentId', 'powers are devolved to a township or street office', '赋权对象须为乡镇人民政府或街道办事处');
          if (!agent.regionPath.startsWith(principal.regionPath)) throw fieldError('agentId', 'the township must lie within the principal\'s region', '乡镇须位于赋权机关辖区内');
        }
        const id = crypto.randomUUID();
        const [row] = await tx.insert(entrustments).values({ id, ...input, matters: input.matters.map((m) => ({ itemId: m.itemId ?? null, description: m.description })), regionPath: principal.regionPath }).returning();
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'entrustment', entityId: id, action: 'create', after: row, regionPath: principal.regionPath, agencyId: principal.id });
        return row!;
      };
      const row = tx0 ? await run(tx0) : await db.transaction(run);
      return this.getEntrustment(actor, row.id);
    },

    async terminateEntrustment(actor: Actor, id: string, input: { reason: string; version: number }, meta: { requestId?: string }) {
      requirePermission(actor, 'registry.write.system');
      await this.getEntrustment(actor, id);
      await db.transaction(async (tx) => {
        const [before] = await tx.select().from(entrustments).where(eq(entrustments.id, id));
        if (before!.status !== 'active') throw new AppError('INVALID_TRANSITION', { details: { status: before!.status, action: 'terminate', allowedActions: [] } });
        await updateVersioned(tx, entrustments, eq(entrustments.id, id), entrustments.version, input.version, { status: 'terminated', statusReason: input.reason });
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'entrustment', entityId: id, action: 'terminate', reason: input.reason, regionPath: before!.regionPath, agencyId: before!.principalId });
      });
      return this.getEntrustment(actor, id);
    },

    async entrustmentHistory(actor: Actor, id: string) {
      await this.getEntrustment(actor, id);
      return audit.historyOf(db, 'entrustment', id);
    },
  };
}
export type SubjectService = ReturnType<typeof createSubjectService>;
