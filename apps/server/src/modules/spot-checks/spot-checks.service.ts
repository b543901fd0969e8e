import { createHash, createHmac, randomBytes } from 'node:crypto';
import {
  AppError,
  CREDIT_CLASSES,
  DRAW_ALGORITHM,
  DRAW_ALGORITHM_DESCRIPTION,
  RISK_LEVELS,
  SPOT_CHECK_PUBLISH_WORKING_DAYS,
  SPOT_CHECK_RECUSAL_DAYS,
  checkDrawParams,
  drawSpotCheck,
  encodeInspectors,
  encodeParams,
  encodeRecusals,
  encodeTargets,
  inputHashes,
  nextPlanStatus,
  officerEligibility,
  parseInspectors,
  parseRecusals,
  parseTargets,
  seedCommitment,
  spotCheckPlanActions,
  validateUscc,
  type CreditClass,
  type DrawParams,
  type DrawRecusal,
  type DrawTarget,
  type RiskLevel,
  type SpotCheckOutcome,
  type SpotCheckPlanAction,
  type SpotCheckPlanStatus,
} from '@zhifa/domain';
import { and, asc, desc, eq, inArray, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { escapeLike, isInScope, requirePermission, scopeCondition, type Actor } from '../../lib/actor.ts';
import { chinaDate, type Clock } from '../../lib/clock.ts';
import { newId } from '../../lib/ids.ts';
import type { AuditService } from '../audit/index.ts';
import type { BlobStore } from '../blobs/index.ts';
import { cases } from '../cases/index.ts';
import { users } from '../identity/index.ts';
import { registryTables, type RegionService, type RuleService } from '../registry/index.ts';
import { spotCheckConflicts, spotCheckDraws, spotCheckEvents, spotCheckPlans, spotCheckTargets, spotCheckTasks, type PlanSettings } from './spot-checks.schema.ts';

const { officers, certificates, subjects, items } = registryTables;

const sha256 = (d: Uint8Array) => new Uint8Array(createHash('sha256').update(d).digest());
const hmacSha256 = (k: Uint8Array, m: Uint8Array) => new Uint8Array(createHmac('sha256', k).update(m).digest());

export type TargetRow = typeof spotCheckTargets.$inferSelect;
export type PlanRow = typeof spotCheckPlans.$inferSelect;
export type DrawRow = typeof spotCheckDraws.$inferSelect;
export type TaskRow = typeof spotCheckTasks.$inferSelect;

export interface TargetInput {
  uscc: string;
  name: string;
  kind: 'enterprise' | 'sole_trader' | 'other';
  regionCode: string;
  industry: string;
  risk: RiskLevel;
  credit: CreditClass;
  abnormal?: boolean | undefined;
  address?: string | null | undefined;
}

export interface PlanInput {
  name: string;
  kind: 'annual' | 'ad_hoc';
  year: number;
  agencyId?: string | undefined;
  /** Other departments of a joint plan (§8 I5). */
  jointAgencyIds: string[];
  itemIds: string[];
  settings: PlanSettings;
}

const FILE_NAMES = { targets: 'targets.tsv', inspectors: 'inspectors.tsv', recusals: 'recusals.tsv', params: 'params.json' } as const;
export type DrawFileKind = keyof typeof FILE_NAMES;

function targetPathLike(actor: Actor): SQL {
  // The directory is the region's, shared by its departments: everyone reads the targets of their region subtree.
  return like(spotCheckTargets.regionPath, `${escapeLike(actor.regionPath)}%`);
}

/** A PostgreSQL array literal of text (NULL for null), passed as one parameter. */
function pgArray(xs: readonly (string | null)[]): string {
  return `{${xs.map((x) => (x === null ? 'NULL' : `"${x.replace(/[\\"]/g, '\\$&')}"`)).join(',')}}`;
}

function rowsOf<T>(res: unknown): T[] {
  return ((res as { rows?: T[] }).rows ?? (res as T[])) as T[];
}

function daysBefore(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
}

export function createSpotCheckService(deps: { db: Db; audit: AuditService; clock: Clock; blobs: BlobStore; regions: RegionService; rules: RuleService }) {
  const { db, audit, clock, blobs, regions, rules } = deps;
  const today = () => chinaDate(clock.now());

  async function event(tx: Db, actor: Actor, e: { planId: string; drawId?: string | null; taskId?: string | null; action: string; from?: string | null; to?: string | null; payload?: Record<string, unknown> }, auditEntity: { type: string; id: string; regionPath: string; agencyId: string | null; requestId?: string | undefined; reason?: string | null }) {
    await audit.appendRecords(tx, 'spot_check_event', await tx.insert(spotCheckEvents).values({ planId: e.planId, drawId: e.drawId ?? null, taskId: e.taskId ?? null, action: e.action, fromStatus: e.from ?? null, toStatus: e.to ?? null, actorId: actor.userId, actorRole: actor.role, payload: e.payload ?? {}, occurredAt: clock.now() }).returning());
    await audit.recordChange(tx, { actor, requestId: auditEntity.requestId, entityType: auditEntity.type, entityId: auditEntity.id, action: e.action, before: e.from ? { status: e.from } : undefined, after: { status: e.to, ...(e.payload ?? {}) }, regionPath: auditEntity.regionPath, agencyId: auditEntity.agencyId, reason: auditEntity.reason ?? null });
  }

  // ---- target directory --------------------------------------------------------------------------------------------

  async function checkTarget(input: TargetInput): Promise<{ regionPath: string }> {
    const r = validateUscc(input.uscc);
    if (!r.ok) throw new AppError('VALIDATION_FAILED', { message: r.message, messageZh: r.messageZh, details: { issues: [{ path: ['uscc'], message: r.message }] } });
    const regionPath = await regions.pathOf(input.regionCode);
    if (!regionPath) throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['regionCode'], message: 'unknown region' }] } });
    return { regionPath };
  }

  function requireTargetWrite(actor: Actor, regionPath: string) {
    requirePermission(actor, 'spotcheck.plan');
    if (!regionPath.startsWith(actor.regionPath)) throw new AppError('FORBIDDEN', { message: 'The target lies outside your region.', messageZh: '该检查对象不在本辖区。' });
  }

  async function getPlanScoped(actor: Actor, id: string, tx: Db = db): Promise<PlanRow> {
    requirePermission(actor, 'spotcheck.read');
    const [p] = await tx.select().from(spotCheckPlans).where(eq(spotCheckPlans.id, id));
    if (!p || !isInScope(actor, p)) throw new AppError('NOT_FOUND');
    return p;
  }

  function requirePlanOwner(actor: Actor, p: PlanRow) {
    requirePermission(actor, 'spotcheck.plan');
    if (actor.agencyId !== p.agencyId) throw new AppError('FORBIDDEN', { message: 'Only the lead agency runs this plan.', messageZh: '仅牵头部门可操作该计划。' });
  }

  function requireTransition(p: PlanRow, action: SpotCheckPlanAction): SpotCheckPlanStatus {
    const to = nextPlanStatus(p.status as SpotCheckPlanStatus, action);
    if (!to) throw new AppError('INVALID_TRANSITION', { details: { status: p.status, action, allowedActions: spotCheckPlanActions(p.status as SpotCheckPlanStatus) } });
    return to;
  }

  async function bumpPlan(tx: Db, p: PlanRow, set: Partial<PlanRow>) {
    const [u] = await tx
      .update(spotCheckPlans)
      .set({ ...set, version: p.version + 1, updatedAt: clock.now() })
      .where(and(eq(spotCheckPlans.id, p.id), eq(spotCheckPlans.version, p.version)))
      .returning();
    if (!u) throw new AppError('VERSION_CONFLICT', { details: { expectedVersion: p.version } });
    return u;
  }

  function drawParamsOf(p: PlanRow, drawDate: string): DrawParams {
    const s = p.settings;
    return {
      algorithm: DRAW_ALGORITHM,
      drawDate,
      strata: s.strata,
      riskPct: s.riskPct,
      creditPct: s.creditPct,
      exclusionDays: s.exclusionDays,
      yearlyCap: s.yearlyCap,
      team: { size: s.teamSize, mode: s.teamMode, agencies: [...p.agencyIds].sort(), maxTasksPerInspector: s.maxTasksPerInspector },
    };
  }

  /** Targets of the plan's area with their inspection history (spot-check tasks done) as of the draw date. */
  async function targetSnapshot(tx: Db, p: PlanRow, drawDate: string): Promise<{ list: DrawTarget[]; idByUscc: Map<string, string> }> {
    const paths = p.settings.regionCodes.length ? await Promise.all(p.settings.regionCodes.map((c) => regions.pathOf(c))) : [p.regionPath];
    const pathConds = paths.filter((x): x is string => !!x).map((x) => like(spotCheckTargets.regionPath, `${escapeLike(x)}%`));
    const year = drawDate.slice(0, 4);
    const rows = await tx
      .select({
        id: spotCheckTargets.id,
        uscc: spotCheckTargets.uscc,
        regionCode: spotCheckTargets.regionCode,
        industry: spotCheckTargets.industry,
        risk: spotCheckTargets.risk,
        credit: spotCheckTargets.credit,
        last: sql<string | null>`(select max(t.inspected_on)::text from ${spotCheckTasks} t where t.target_id = ${spotCheckTargets.id} and t.status = 'done' and t.inspected_on <= ${drawDate})`,
        count: sql<number>`(select count(*)::int from ${spotCheckTasks} t where t.target_id = ${spotCheckTargets.id} and t.status = 'done' and to_char(t.inspected_on, 'YYYY') = ${year})`,
      })
      .from(spotCheckTargets)
      .where(and(isNull(spotCheckTargets.withdrawnAt), or(...pathConds)))
      .orderBy(asc(spotCheckTargets.uscc));
    const idByUscc = new Map<string, string>();
    const list = rows.map((r) => {
      idByUscc.set(r.uscc, r.id);
      return { id: r.uscc, region: r.regionCode, industry: r.industry, risk: r.risk, credit: r.credit, lastInspectedOn: r.last, inspectionsThisYear: Number(r.count) };
    });
    return { list, idByUscc };
  }

  /**
   * 执法检查人员名录库 (§8 I2): officers of the participating agencies who may act on the draw date — certified, on duty,
   * not auxiliary (行政处罚法 Art.42; 国办发〔2024〕54号 forbids inspections by auxiliary staff).
   */
  async function inspectorSnapshot(tx: Db, p: PlanRow, drawDate: string, sector: string) {
    const os = await tx.select().from(officers).where(and(inArray(officers.agencyId, p.agencyIds), isNull(officers.withdrawnAt)));
    const certs = os.length ? await tx.select().from(certificates).where(inArray(certificates.officerId, os.map((o) => o.id))) : [];
    const areaPaths = new Map<string, string>();
    for (const c of certs) if (!areaPaths.has(c.areaCode)) areaPaths.set(c.areaCode, (await regions.pathOf(c.areaCode)) ?? '/none/');
    const out = os.filter((o) => {
      const facts = {
        personnelType: o.personnelType,
        onDuty: o.onDuty,
        certificates: certs.filter((c) => c.officerId === o.id).map((c) => ({ status: c.status, credentialType: c.credentialType, categories: c.categories, areaPath: areaPaths.get(c.areaCode)!, issuedOn: c.issuedOn, expiresOn: c.expiresOn, suspendedUntil: c.suspendedUntil })),
      };
      return officerEligibility(facts, { sector, placePath: o.regionPath, date: drawDate }) === null;
    });
    return out.map((o) => ({ id: o.id, agencyId: o.agencyId })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Declared conflicts, and each inspector's own inspections of a target within the look-back (§8 I8). */
  async function recusalSnapshot(tx: Db, drawDate: string, inspectorIds: Set<string>, usccById: Map<string, string>): Promise<DrawRecusal[]> {
    const out: DrawRecusal[] = [];
    const declared = await tx.select().from(spotCheckConflicts);
    for (const c of declared) {
      const uscc = usccById.get(c.targetId);
      if (uscc && inspectorIds.has(c.officerId)) out.push({ inspectorId: c.officerId, targetId: uscc, reason: 'declared' });
    }
    const since = daysBefore(drawDate, SPOT_CHECK_RECUSAL_DAYS);
    const recent = await tx.execute<{ officer_id: string; target_id: string }>(
      sql`select distinct o.officer_id, t.target_id from ${spotCheckTasks} t cross join lateral jsonb_array_elements_text(t.officer_ids) as o(officer_id) where t.status = 'done' and t.inspected_on >= ${since} and t.inspected_on <= ${drawDate}`,
    );
    const rows = rowsOf<{ officer_id: string; target_id: string }>(recent);
    const seen = new Set(out.map((r) => `${r.inspectorId}|${r.targetId}`));
    for (const r of rows) {
      const uscc = usccById.get(r.target_id);
      if (!uscc || !inspectorIds.has(r.officer_id) || seen.has(`${r.officer_id}|${uscc}`)) continue;
      out.push({ inspectorId: r.officer_id, targetId: uscc, reason: 'recent' });
    }
    return out;
  }

  async function currentDraw(tx: Db, p: PlanRow): Promise<DrawRow> {
    if (!p.currentDrawId) throw new AppError('INVALID_TRANSITION', { details: { status: p.status, allowedActions: spotCheckPlanActions(p.status as SpotCheckPlanStatus) } });
    const [d] = await tx.select().from(spotCheckDraws).where(eq(spotCheckDraws.id, p.currentDrawId));
    return d!;
  }

  function drawOut(d: DrawRow, opts: { internal: boolean }) {
    const revealed = d.revealedAt !== null;
    return {
      id: d.id,
      planId: d.planId,
      round: d.round,
      algorithm: d.algorithm,
      drawDate: d.drawDate,
      status: d.status,
      commitment: d.commitment,
      seed: revealed ? d.seedHex : null,
      hashes: d.hashes,
      counts: d.counts,
      committedAt: d.committedAt.toISOString(),
      drawnAt: d.drawnAt?.toISOString() ?? null,
      revealedAt: d.revealedAt?.toISOString() ?? null,
      voidedAt: d.voidedAt?.toISOString() ?? null,
      voidReason: d.voidReason,
      // The selection is public once the seed is (anyone can recompute it then); inside, the agency sees it on drawing.
      result: revealed || opts.internal ? d.result : null,
    };
  }

  async function namesOf(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await db.select({ id: subjects.id, name: subjects.name }).from(subjects).where(inArray(subjects.id, ids));
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async function planOut(p: PlanRow) {
    const names = await namesOf(p.agencyIds);
    const d = p.currentDrawId ? (await db.select().from(spotCheckDraws).where(eq(spotCheckDraws.id, p.currentDrawId)))[0] : undefined;
    return {
      id: p.id,
      name: p.name,
      kind: p.kind,
      year: p.year,
      agencyId: p.agencyId,
      agencyName: names.get(p.agencyId) ?? '',
      agencies: p.agencyIds.map((id) => ({ id, name: names.get(id) ?? '' })),
      itemIds: p.itemIds,
      settings: p.settings,
      status: p.status,
      availableActions: spotCheckPlanActions(p.status as SpotCheckPlanStatus),
      currentDraw: d ? drawOut(d, { internal: true }) : null,
      withdrawReason: p.withdrawReason,
      version: p.version,
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
    };
  }

  async function actorOfficerId(actor: Actor): Promise<string | null> {
    const [u] = await db.select({ officerId: users.officerId }).from(users).where(eq(users.id, actor.userId));
    return u?.officerId ?? null;
  }

  return {
    // ---- targets ----
    async listTargets(actor: Actor, q: { q?: string | undefined; industry?: string | undefined; risk?: string | undefined; page: number; pageSize: number }) {
      requirePermission(actor, 'spotcheck.read');
      const conds: SQL[] = [targetPathLike(actor), isNull(spotCheckTargets.withdrawnAt)];
      if (q.q) conds.push(or(like(spotCheckTargets.name, `%${escapeLike(q.q)}%`), like(spotCheckTargets.uscc, `${escapeLike(q.q.toUpperCase())}%`))!);
      if (q.industry) conds.push(eq(spotCheckTargets.industry, q.industry));
      if (q.risk) conds.push(eq(spotCheckTargets.risk, q.risk as RiskLevel));
      const where = and(...conds);
      const rows = await db.select().from(spotCheckTargets).where(where).orderBy(asc(spotCheckTargets.uscc)).limit(q.pageSize).offset((q.page - 1) * q.pageSize);
      const [c] = await db.select({ n: sql<number>`count(*)::int` }).from(spotCheckTargets).where(where);
      return { items: rows.map(targetOut), total: Number(c?.n ?? 0), page: q.page, pageSize: q.pageSize };
    },

    async createTarget(actor: Actor, input: TargetInput, meta: { requestId?: string }) {
      const { regionPath } = await checkTarget(input);
      requireTargetWrite(actor, regionPath);
      const id = newId();
      return db.transaction(async (tx) => {
        const [r] = await tx.insert(spotCheckTargets).values({ id, ...input, uscc: input.uscc.toUpperCase(), abnormal: input.abnormal ?? false, address: input.address ?? null, regionPath }).returning();
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'spot_check_target', entityId: id, action: 'create', after: { uscc: r!.uscc, name: r!.name, industry: r!.industry, risk: r!.risk, credit: r!.credit }, regionPath, agencyId: null });
        return targetOut(r!);
      });
    },

    /**
     * Whole-batch import (Excel rows or JSON): every row is validated first; any error → nothing written and every
     * problem listed (the imports module's rule). Existing codes are updated (risk and credit classes change yearly).
     */
    async importTargets(actor: Actor, rows: TargetInput[], meta: { requestId?: string }) {
      requirePermission(actor, 'spotcheck.plan');
      const errors: { row: number; column: string; message: string }[] = [];
      const seen = new Set<string>();
      const pathCache = new Map<string, string | null>();
      const prepared: (TargetInput & { regionPath: string })[] = [];
      for (const [i, r] of rows.entries()) {
        const uscc = r.uscc.toUpperCase();
        const v = validateUscc(uscc);
        if (!v.ok) errors.push({ row: i + 1, column: 'uscc', message: v.messageZh });
        if (seen.has(uscc)) errors.push({ row: i + 1, column: 'uscc', message: '文件内统一社会信用代码重复' });
        seen.add(uscc);
        if (!pathCache.has(r.regionCode)) pathCache.set(r.regionCode, await regions.pathOf(r.regionCode));
        const regionPath = pathCache.get(r.regionCode);
        if (!regionPath) errors.push({ row: i + 1, column: 'regionCode', message: '未知的行政区划代码' });
        else if (!regionPath.startsWith(actor.regionPath)) errors.push({ row: i + 1, column: 'regionCode', message: '不在本辖区' });
        if (!RISK_LEVELS.includes(r.risk)) errors.push({ row: i + 1, column: 'risk', message: '风险等级应为 high/medium/low' });
        if (!CREDIT_CLASSES.includes(r.credit)) errors.push({ row: i + 1, column: 'credit', message: '信用分类应为 A/B/C/D' });
        if (errors.length >= 1000) break;
        if (regionPath) prepared.push({ ...r, uscc, regionPath });
      }
      if (errors.length) throw new AppError('IMPORT_INVALID', { details: { errors: errors.slice(0, 1000) } });
      const now = clock.now();
      let created = 0;
      let updated = 0;
      await db.transaction(async (tx) => {
        // One statement per 5,000 rows with the columns as array parameters (unnest): ~10× faster than multi-VALUES.
        const prefix = `${escapeLike(actor.regionPath)}%`;
        for (let k = 0; k < prepared.length; k += 5000) {
          const c = prepared.slice(k, k + 5000);
          const res = await tx.execute(sql`
            insert into spot_check_targets (id, uscc, name, kind, region_code, region_path, industry, risk, credit, abnormal, address, created_at, updated_at)
            select gen_random_uuid(), u.uscc, u.name, u.kind, u.region_code, u.region_path, u.industry, u.risk, u.credit, u.abnormal, u.address, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
            from unnest(${pgArray(c.map((r) => r.uscc))}::text[], ${pgArray(c.map((r) => r.name))}::text[], ${pgArray(c.map((r) => r.kind))}::text[], ${pgArray(c.map((r) => r.regionCode))}::text[],
                        ${pgArray(c.map((r) => r.regionPath))}::text[], ${pgArray(c.map((r) => r.industry))}::text[], ${pgArray(c.map((r) => r.risk))}::text[], ${pgArray(c.map((r) => r.credit))}::text[],
                        ${pgArray(c.map((r) => (r.abnormal ? 'true' : 'false')))}::boolean[], ${pgArray(c.map((r) => r.address ?? null))}::text[])
                 as u(uscc, name, kind, region_code, region_path, industry, risk, credit, abnormal, address)
            on conflict (uscc) do update set name = excluded.name, kind = excluded.kind, industry = excluded.industry, risk = excluded.risk, credit = excluded.credit,
              abnormal = excluded.abnormal, address = excluded.address, updated_at = excluded.updated_at, version = spot_check_targets.version + 1
              -- A row of another region is never overwritten by an import from here.
              where spot_check_targets.region_path like ${prefix}
            returning (xmax = 0) as inserted`);
          const out = rowsOf<{ inserted: boolean }>(res);
          created += out.filter((x) => x.inserted).length;
          updated += out.filter((x) => !x.inserted).length;
        }
        // One change event for the batch: the file's rows are the record (a per-row event would multiply 100k rows).
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'spot_check_target_import', entityId: newId(), action: 'import', after: { rows: prepared.length, created, updated, skipped: prepared.length - created - updated }, regionPath: actor.regionPath, agencyId: actor.agencyId });
      });
      // `skipped`: codes already registered in another region, which an import from here never overwrites.
      return { rows: prepared.length, created, updated, skipped: prepared.length - created - updated };
    },

    async declareConflict(actor: Actor, input: { officerId: string; targetId: string; reason: string }, meta: { requestId?: string }) {
      requirePermission(actor, 'spotcheck.plan');
      const [o] = await db.select().from(officers).where(eq(officers.id, input.officerId));
      if (!o || o.agencyId !== actor.agencyId) throw new AppError('NOT_FOUND');
      const [t] = await db.select().from(spotCheckTargets).where(and(eq(spotCheckTargets.id, input.targetId), targetPathLike(actor)));
      if (!t) throw new AppError('NOT_FOUND');
      const id = newId();
      await db.transaction(async (tx) => {
        await tx.insert(spotCheckConflicts).values({ id, officerId: o.id, targetId: t.id, reason: input.reason, agencyId: o.agencyId, regionPath: o.regionPath, declaredBy: actor.userId, declaredAt: clock.now() });
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'spot_check_conflict', entityId: id, action: 'declare', after: { officerId: o.id, targetId: t.id }, reason: input.reason, regionPath: o.regionPath, agencyId: o.agencyId });
      });
      return { id };
    },

    // ---- plans ----
    async createPlan(actor: Actor, input: PlanInput, meta: { requestId?: string }) {
      requirePermission(actor, 'spotcheck.plan');
      const agencyId = actor.agencyId;
      if (!agencyId || (input.agencyId && input.agencyId !== agencyId)) throw new AppError('FORBIDDEN', { message: 'Plans are made by the lead agency for itself.', messageZh: '计划由牵头部门为本部门制定。' });
      const agencyIds = [...new Set([agencyId, ...input.jointAgencyIds])].sort();
      const ags = await db.select().from(subjects).where(inArray(subjects.id, agencyIds));
      if (ags.length !== agencyIds.length) throw new AppError('NOT_FOUND', { details: { field: 'jointAgencyIds' } });
      const lead = ags.find((a) => a.id === agencyId)!;
      // §8 I1: an inspection only against an item of the random-inspection list.
      const its = input.itemIds.length ? await db.select().from(items).where(inArray(items.id, input.itemIds)) : [];
      const notRandom = input.itemIds.filter((id) => !its.some((i) => i.id === id && i.randomInspection && i.status === 'active'));
      if (input.itemIds.length === 0 || notRandom.length) {
        throw new AppError('RULE_VIOLATION', { message: 'Every item must be on the random-inspection list.', messageZh: '抽查事项须列入随机抽查事项清单。', details: { citation: '国办发〔2015〕58号 §二(一)', itemIds: notRandom } });
      }
      const params = drawParamsOf({ agencyIds, settings: input.settings } as PlanRow, `${input.year}-01-01`);
      const problems = checkDrawParams(params);
      if (input.settings.teamMode === 'joint' && agencyIds.length < 2) problems.push({ path: 'jointAgencyIds', message: 'a joint plan needs another agency', messageZh: '联合抽查须有其他部门参加', citation: '国办发〔2015〕58号 §三(三)' });
      if (problems.length) throw new AppError('RULE_VIOLATION', { message: problems[0]!.message, messageZh: problems[0]!.messageZh, details: { citation: problems.find((x) => x.citation)?.citation ?? '国办发〔2015〕58号', problems } });
      const id = newId();
      const row = await db.transaction(async (tx) => {
        const [r] = await tx.insert(spotCheckPlans).values({ id, name: input.name, kind: input.kind, year: input.year, agencyId, regionPath: lead.regionPath, agencyIds, itemIds: input.itemIds, settings: input.settings, status: 'draft' }).returning();
        await event(tx, actor, { planId: id, action: 'create', to: 'draft', payload: { name: input.name, year: input.year, agencyIds, itemIds: input.itemIds } }, { type: 'spot_check_plan', id, regionPath: lead.regionPath, agencyId, requestId: meta.requestId });
        return r!;
      });
      return planOut(row);
    },

    async listPlans(actor: Actor, q: { year?: number | undefined; status?: string | undefined }) {
      requirePermission(actor, 'spotcheck.read');
      const conds: SQL[] = [scopeCondition(actor, { regionPath: spotCheckPlans.regionPath, agencyId: spotCheckPlans.agencyId })];
      if (q.year) conds.push(eq(spotCheckPlans.year, q.year));
      if (q.status) conds.push(eq(spotCheckPlans.status, q.status));
      const rows = await db.select().from(spotCheckPlans).where(and(...conds)).orderBy(desc(spotCheckPlans.createdAt)).limit(200);
      return Promise.all(rows.map(planOut));
    },

    async getPlan(actor: Actor, id: string) {
      return planOut(await getPlanScoped(actor, id));
    },

    async planEvents(actor: Actor, id: string) {
      await getPlanScoped(actor, id);
      const rows = await db.select().from(spotCheckEvents).where(eq(spotCheckEvents.planId, id)).orderBy(asc(spotCheckEvents.id));
      return rows.map((e) => ({ ...e, occurredAt: e.occurredAt.toISOString() }));
    },

    /**
     * Commit: freeze the three directories and the parameters as files (blob store, by SHA-256), draw a secret seed
     * and publish SHA-256(seed) with the files' hashes — before anyone can know the outcome (§8 I2 全程留痕).
     */
    async commit(actor: Actor, id: string, meta: { requestId?: string }) {
      return db.transaction(async (tx) => {
        const p = await getPlanScoped(actor, id, tx);
        requirePlanOwner(actor, p);
        const to = requireTransition(p, 'commit');
        const drawDate = today();
        const [firstItem] = await tx.select().from(items).where(eq(items.id, p.itemIds[0]!));
        const targets = await targetSnapshot(tx, p, drawDate);
        const inspectors = await inspectorSnapshot(tx, p, drawDate, firstItem?.sector ?? 'market');
        const usccById = new Map([...targets.idByUscc].map(([u, i]) => [i, u]));
        const recusals = await recusalSnapshot(tx, drawDate, new Set(inspectors.map((x) => x.id)), usccById);
        const params = drawParamsOf(p, drawDate);
        const files = { targets: encodeTargets(targets.list), inspectors: encodeInspectors(inspectors), recusals: encodeRecusals(recusals), params: encodeParams(params) };
        const hashes = inputHashes(sha256, files);
        const blobIds = {} as Record<DrawFileKind, string>;
        for (const k of Object.keys(files) as DrawFileKind[]) blobIds[k] = (await blobs.put(Buffer.from(files[k], 'utf8'))).id;
        const seedHex = randomBytes(32).toString('hex');
        const commitment = seedCommitment(sha256, seedHex);
        const [{ n } = { n: 0 }] = await tx.select({ n: sql<number>`coalesce(max(${spotCheckDraws.round}), 0)::int` }).from(spotCheckDraws).where(eq(spotCheckDraws.planId, p.id));
        const drawId = newId();
        await tx.insert(spotCheckDraws).values({ id: drawId, planId: p.id, round: Number(n) + 1, agencyId: p.agencyId, regionPath: p.regionPath, algorithm: DRAW_ALGORITHM, drawDate, commitment, seedHex, hashes, files: blobIds, counts: { targets: targets.list.length, inspectors: inspectors.length, recusals: recusals.length }, status: 'committed', committedAt: clock.now() });
        const u = await bumpPlan(tx, p, { status: to, currentDrawId: drawId });
        await event(tx, actor, { planId: p.id, drawId, action: 'commit', from: p.status, to, payload: { commitment, hashes, round: Number(n) + 1 } }, { type: 'spot_check_plan', id: p.id, regionPath: p.regionPath, agencyId: p.agencyId, requestId: meta.requestId });
        return u;
      }).then(planOut);
    },

    /** Draw from the committed files and the secret seed; each staffed selection becomes a task for its team. */
    async draw(actor: Actor, id: string, meta: { requestId?: string }) {
      return db.transaction(async (tx) => {
        const p = await getPlanScoped(actor, id, tx);
        requirePlanOwner(actor, p);
        const to = requireTransition(p, 'draw');
        const d = await currentDraw(tx, p);
        const text = async (k: DrawFileKind) => (await blobs.get(d.files[k])).toString('utf8');
        const files = { targets: await text('targets'), inspectors: await text('inspectors'), recusals: await text('recusals'), params: await text('params') };
        const hashes = inputHashes(sha256, files);
        // The blob store is content-addressed, but the stored hashes are what was published: check them anyway.
        for (const k of Object.keys(hashes) as DrawFileKind[]) if (hashes[k] !== d.hashes[k]) throw new AppError('INTERNAL', { message: `draw input ${k} does not match its published hash` });
        const result = drawSpotCheck({ hash: sha256, hmac: hmacSha256, seedHex: d.seedHex, hashes, params: JSON.parse(files.params) as DrawParams, targets: parseTargets(files.targets), inspectors: parseInspectors(files.inspectors), recusals: parseRecusals(files.recusals) });
        await tx.update(spotCheckDraws).set({ status: 'drawn', drawnAt: clock.now(), result: { ...result } }).where(eq(spotCheckDraws.id, d.id));
        const usccs = result.selections.map((s) => s.targetId);
        const trows = usccs.length ? await tx.select({ id: spotCheckTargets.id, uscc: spotCheckTargets.uscc, regionPath: spotCheckTargets.regionPath }).from(spotCheckTargets).where(inArray(spotCheckTargets.uscc, usccs)) : [];
        const byUscc = new Map(trows.map((r) => [r.uscc, r]));
        const now = clock.now();
        const tasks = result.selections
          .filter((s) => !s.unstaffed)
          .map((s) => ({ id: newId(), drawId: d.id, planId: p.id, targetId: byUscc.get(s.targetId)!.id, agencyId: s.agencyId ?? p.agencyId, regionPath: p.regionPath, officerIds: s.team, status: 'assigned', createdAt: now, updatedAt: now }));
        for (let k = 0; k < tasks.length; k += 1000) await tx.insert(spotCheckTasks).values(tasks.slice(k, k + 1000));
        const u = await bumpPlan(tx, p, { status: to });
        await event(tx, actor, { planId: p.id, drawId: d.id, action: 'draw', from: p.status, to, payload: { selected: result.selections.length, tasks: tasks.length, unstaffed: result.selections.filter((s) => s.unstaffed).length, skipped: result.skipped, recusalsApplied: result.recusalsApplied.length } }, { type: 'spot_check_plan', id: p.id, regionPath: p.regionPath, agencyId: p.agencyId, requestId: meta.requestId });
        return u;
      }).then(planOut);
    },

    async reveal(actor: Actor, id: string, meta: { requestId?: string }) {
      return db.transaction(async (tx) => {
        const p = await getPlanScoped(actor, id, tx);
        requirePlanOwner(actor, p);
        const to = requireTransition(p, 'reveal');
        const d = await currentDraw(tx, p);
        await tx.update(spotCheckDraws).set({ status: 'revealed', revealedAt: clock.now() }).where(eq(spotCheckDraws.id, d.id));
        const u = await bumpPlan(tx, p, { status: to });
        await event(tx, actor, { planId: p.id, drawId: d.id, action: 'reveal', from: p.status, to, payload: { seed: d.seedHex } }, { type: 'spot_check_plan', id: p.id, regionPath: p.regionPath, agencyId: p.agencyId, requestId: meta.requestId });
        return u;
      }).then(planOut);
    },

    /**
     * Redraw (§8 I2: only with a recorded reason). The current draw is voided and its seed revealed at once, so a
     * discarded draw stays checkable; its open tasks are cancelled. A task already carried out blocks the redraw.
     */
    async redraw(actor: Actor, id: string, input: { reason: string }, meta: { requestId?: string }) {
      return db.transaction(async (tx) => {
        const p = await getPlanScoped(actor, id, tx);
        requirePlanOwner(actor, p);
        const to = requireTransition(p, 'redraw');
        if (input.reason.trim().length < 4) throw new AppError('RULE_VIOLATION', { message: 'A redraw needs a recorded reason.', messageZh: '重新抽取必须记录理由。', details: { citation: '国办发〔2015〕58号 §二(二)' } });
        const d = await currentDraw(tx, p);
        const [done] = await tx.select({ n: sql<number>`count(*)::int` }).from(spotCheckTasks).where(and(eq(spotCheckTasks.drawId, d.id), eq(spotCheckTasks.status, 'done')));
        if (Number(done?.n ?? 0) > 0) throw new AppError('RULE_VIOLATION', { message: 'Inspections of this draw were already carried out.', messageZh: '本次抽取的检查已实施，不能重新抽取。', details: { citation: '国办发〔2015〕58号 §二(二)', done: Number(done!.n) } });
        const now = clock.now();
        await tx.update(spotCheckDraws).set({ status: 'voided', voidedAt: now, voidReason: input.reason, revealedAt: d.revealedAt ?? now }).where(eq(spotCheckDraws.id, d.id));
        await tx.update(spotCheckTasks).set({ status: 'cancelled', updatedAt: now }).where(and(eq(spotCheckTasks.drawId, d.id), eq(spotCheckTasks.status, 'assigned')));
        const u = await bumpPlan(tx, p, { status: to, currentDrawId: null });
        await event(tx, actor, { planId: p.id, drawId: d.id, action: 'redraw', from: p.status, to, payload: { reason: input.reason, seed: d.seedHex } }, { type: 'spot_check_plan', id: p.id, regionPath: p.regionPath, agencyId: p.agencyId, requestId: meta.requestId, reason: input.reason });
        return u;
      }).then(planOut);
    },

    async withdrawPlan(actor: Actor, id: string, input: { reason: string }, meta: { requestId?: string }) {
      return db.transaction(async (tx) => {
        const p = await getPlanScoped(actor, id, tx);
        requirePlanOwner(actor, p);
        const to = requireTransition(p, 'withdraw');
        if (p.currentDrawId) await tx.update(spotCheckDraws).set({ status: 'voided', voidedAt: clock.now(), voidReason: input.reason, revealedAt: clock.now() }).where(eq(spotCheckDraws.id, p.currentDrawId));
        const u = await bumpPlan(tx, p, { status: to, withdrawReason: input.reason });
        await event(tx, actor, { planId: p.id, action: 'withdraw', from: p.status, to, payload: { reason: input.reason } }, { type: 'spot_check_plan', id: p.id, regionPath: p.regionPath, agencyId: p.agencyId, requestId: meta.requestId, reason: input.reason });
        return u;
      }).then(planOut);
    },

    // ---- tasks ----
    async listTasks(actor: Actor, q: { planId?: string | undefined; status?: string | undefined; mine?: boolean | undefined }) {
      requirePermission(actor, 'spotcheck.read');
      // A joint team's task belongs to the lead agency, but each member sees it wherever they work (§8 I5).
      const oid = await actorOfficerId(actor);
      const onTeam = oid ? sql`${spotCheckTasks.officerIds} @> ${JSON.stringify([oid])}::jsonb` : sql`false`;
      const conds: SQL[] = [or(scopeCondition(actor, { regionPath: spotCheckTasks.regionPath, agencyId: spotCheckTasks.agencyId }), onTeam)!];
      if (q.planId) conds.push(eq(spotCheckTasks.planId, q.planId));
      if (q.status) conds.push(eq(spotCheckTasks.status, q.status));
      if (q.mine) conds.push(onTeam);
      const rows = await db
        .select({ t: spotCheckTasks, targetName: spotCheckTargets.name, uscc: spotCheckTargets.uscc, industry: spotCheckTargets.industry, planName: spotCheckPlans.name })
        .from(spotCheckTasks)
        .innerJoin(spotCheckTargets, eq(spotCheckTargets.id, spotCheckTasks.targetId))
        .innerJoin(spotCheckPlans, eq(spotCheckPlans.id, spotCheckTasks.planId))
        .where(and(...conds))
        .orderBy(asc(spotCheckTargets.uscc))
        .limit(500);
      const officerIds = [...new Set(rows.flatMap((r) => r.t.officerIds))];
      const names = officerIds.length ? new Map((await db.select({ id: officers.id, name: officers.name }).from(officers).where(inArray(officers.id, officerIds))).map((o) => [o.id, o.name])) : new Map<string, string>();
      return rows.map((r) => taskOut(r.t, { targetName: r.targetName, uscc: r.uscc, industry: r.industry, planName: r.planName, officers: r.t.officerIds.map((id) => ({ id, name: names.get(id) ?? '' })) }));
    },

    /** The result of an inspection (§8 I6): by a member of the drawn team or the agency head. */
    async recordResult(actor: Actor, id: string, input: { outcome: SpotCheckOutcome; note?: string | undefined; inspectedOn: string; caseId?: string | null | undefined; version: number }, meta: { requestId?: string }) {
      requirePermission(actor, 'spotcheck.work');
      const [t] = await db.select().from(spotCheckTasks).where(eq(spotCheckTasks.id, id));
      const oid = await actorOfficerId(actor);
      const onTeam = !!t && !!oid && t.officerIds.includes(oid);
      if (!t || !(isInScope(actor, t) || onTeam)) throw new AppError('NOT_FOUND');
      if (actor.role === 'officer' && !onTeam) throw new AppError('FORBIDDEN', { message: 'Only the drawn inspectors record this result.', messageZh: '仅抽中的检查人员可以录入检查结果。' });
      if (t.status !== 'assigned') throw new AppError('INVALID_TRANSITION', { details: { status: t.status, allowedActions: [] } });
      if (input.inspectedOn > today()) throw new AppError('RULE_VIOLATION', { message: 'The inspection date cannot be in the future.', messageZh: '检查日期不能晚于今天。' });
      if (input.outcome === 'case_opened') {
        if (!input.caseId) throw new AppError('RULE_VIOLATION', { message: 'Link the penalty case that was opened.', messageZh: '请关联已立案的案件。', details: { citation: '国办发〔2015〕58号 §二(四)' } });
        const [c] = await db.select({ id: cases.id, agencyId: cases.agencyId }).from(cases).where(eq(cases.id, input.caseId));
        if (!c || !t.officerIds.length || (c.agencyId !== t.agencyId && !isInScope(actor, { regionPath: t.regionPath, agencyId: c.agencyId }))) throw new AppError('NOT_FOUND', { details: { field: 'caseId' } });
      }
      let publishDueOn: string | null = null;
      try {
        publishDueOn = (await rules.addPeriod({ start: input.inspectedOn, n: SPOT_CHECK_PUBLISH_WORKING_DAYS, unit: 'day', dayType: 'WORKING' })).due;
      } catch (e) {
        // A year without holiday data: the result is still recorded; the due date stays open until the calendar exists.
        if (!(e instanceof AppError && e.code === 'CALENDAR_MISSING')) throw e;
      }
      return db.transaction(async (tx) => {
        const [u] = await tx
          .update(spotCheckTasks)
          .set({ status: 'done', outcome: input.outcome, note: input.note ?? null, inspectedOn: input.inspectedOn, caseId: input.caseId ?? null, publishDueOn, version: t.version + 1, updatedAt: clock.now() })
          .where(and(eq(spotCheckTasks.id, id), eq(spotCheckTasks.version, input.version)))
          .returning();
        if (!u) throw new AppError('VERSION_CONFLICT', { details: { expectedVersion: input.version } });
        await event(tx, actor, { planId: t.planId, drawId: t.drawId, taskId: t.id, action: 'result', from: 'assigned', to: 'done', payload: { outcome: input.outcome, inspectedOn: input.inspectedOn, caseId: input.caseId ?? null, publishDueOn } }, { type: 'spot_check_task', id: t.id, regionPath: t.regionPath, agencyId: t.agencyId, requestId: meta.requestId });
        return taskOut(u, null);
      });
    },

    // ---- statistics (§12; issue #5 "coverage and problem rate by industry, region and agency") ----
    async stats(actor: Actor, q: { year: number }) {
      requirePermission(actor, 'spotcheck.read');
      const scope = scopeCondition(actor, { regionPath: spotCheckTasks.regionPath, agencyId: spotCheckTasks.agencyId });
      const year = String(q.year);
      const base = and(scope, sql`${spotCheckTasks.status} <> 'cancelled'`, sql`to_char(${spotCheckTasks.createdAt} at time zone 'Asia/Shanghai', 'YYYY') = ${year}`);
      const agg = {
        tasks: sql<number>`count(*)::int`,
        done: sql<number>`count(*) filter (where ${spotCheckTasks.status} = 'done')::int`,
        problems: sql<number>`count(*) filter (where ${spotCheckTasks.outcome} in ('rectification','case_opened'))::int`,
        cases: sql<number>`count(*) filter (where ${spotCheckTasks.outcome} = 'case_opened')::int`,
        targets: sql<number>`count(distinct ${spotCheckTasks.targetId})::int`,
      };
      const by = async (key: SQL<string>) =>
        db.select({ key, ...agg }).from(spotCheckTasks).innerJoin(spotCheckTargets, eq(spotCheckTargets.id, spotCheckTasks.targetId)).where(base).groupBy(key).orderBy(key);
      const dirBy = async (key: SQL<string>) => new Map((await db.select({ key, n: sql<number>`count(*)::int` }).from(spotCheckTargets).where(and(targetPathLike(actor), isNull(spotCheckTargets.withdrawnAt))).groupBy(key)).map((r) => [r.key, Number(r.n)]));
      const shape = (rows: { key: string; tasks: number; done: number; problems: number; cases: number; targets: number }[], dir: Map<string, number> | null, label?: Map<string, string>) =>
        rows.map((r) => ({
          key: r.key,
          label: label?.get(r.key) ?? r.key,
          tasks: Number(r.tasks),
          done: Number(r.done),
          problems: Number(r.problems),
          cases: Number(r.cases),
          targetsInspected: Number(r.targets),
          directorySize: dir ? (dir.get(r.key) ?? 0) : null,
          coverage: dir && (dir.get(r.key) ?? 0) > 0 ? Number(r.targets) / dir.get(r.key)! : null,
          problemRate: Number(r.done) > 0 ? Number(r.problems) / Number(r.done) : null,
        }));
      const industryKey = sql<string>`${spotCheckTargets.industry}`;
      const regionKey = sql<string>`${spotCheckTargets.regionCode}`;
      const agencyKey = sql<string>`${spotCheckTasks.agencyId}::text`;
      const byAgency = await by(agencyKey);
      return {
        year: q.year,
        byIndustry: shape(await by(industryKey), await dirBy(industryKey)),
        byRegion: shape(await by(regionKey), await dirBy(regionKey)),
        byAgency: shape(byAgency, null, await namesOf(byAgency.map((r) => r.key))),
      };
    },

    // ---- public (一公开): no login ----
    async publicDraws() {
      const rows = await db
        .select({ d: spotCheckDraws, planName: spotCheckPlans.name, agencyName: subjects.name })
        .from(spotCheckDraws)
        .innerJoin(spotCheckPlans, eq(spotCheckPlans.id, spotCheckDraws.planId))
        .innerJoin(subjects, eq(subjects.id, spotCheckDraws.agencyId))
        .orderBy(desc(spotCheckDraws.committedAt))
        .limit(200);
      return rows.map((r) => ({ ...drawOut(r.d, { internal: false }), planName: r.planName, agencyName: r.agencyName, result: undefined, selected: r.d.revealedAt && r.d.result ? r.d.result.selections.length : null }));
    },

    async publicDraw(id: string) {
      const [r] = await db
        .select({ d: spotCheckDraws, planName: spotCheckPlans.name, agencyName: subjects.name, itemIds: spotCheckPlans.itemIds })
        .from(spotCheckDraws)
        .innerJoin(spotCheckPlans, eq(spotCheckPlans.id, spotCheckDraws.planId))
        .innerJoin(subjects, eq(subjects.id, spotCheckDraws.agencyId))
        .where(eq(spotCheckDraws.id, id));
      if (!r) throw new AppError('NOT_FOUND');
      const out = drawOut(r.d, { internal: false });
      let selections: { targetId: string; targetName: string; team: string[]; unstaffed: boolean; stratum: string; outcome: string | null; inspectedOn: string | null }[] | null = null;
      if (out.result) {
        const usccs = out.result.selections.map((s) => s.targetId);
        const names = usccs.length ? new Map((await db.select({ uscc: spotCheckTargets.uscc, name: spotCheckTargets.name }).from(spotCheckTargets).where(inArray(spotCheckTargets.uscc, usccs))).map((x) => [x.uscc, x.name])) : new Map<string, string>();
        // 一公开 (§8 I6): each inspection's result is published with the draw once recorded.
        const done = await db
          .select({ uscc: spotCheckTargets.uscc, outcome: spotCheckTasks.outcome, inspectedOn: spotCheckTasks.inspectedOn })
          .from(spotCheckTasks)
          .innerJoin(spotCheckTargets, eq(spotCheckTargets.id, spotCheckTasks.targetId))
          .where(and(eq(spotCheckTasks.drawId, id), eq(spotCheckTasks.status, 'done')));
        const results = new Map(done.map((x) => [x.uscc, x]));
        selections = out.result.selections.map((s) => ({ targetId: s.targetId, targetName: names.get(s.targetId) ?? '', team: s.team, unstaffed: s.unstaffed, stratum: s.stratum, outcome: results.get(s.targetId)?.outcome ?? null, inspectedOn: results.get(s.targetId)?.inspectedOn ?? null }));
      }
      const its = r.itemIds.length ? await db.select({ code: items.code, name: items.name }).from(items).where(inArray(items.id, r.itemIds)) : [];
      return { ...out, planName: r.planName, agencyName: r.agencyName, items: its, result: out.result ? { cells: out.result.cells, skipped: out.result.skipped, recusalsApplied: out.result.recusalsApplied.length } : null, selections };
    },

    async publicFile(id: string, kind: DrawFileKind): Promise<{ name: string; data: Buffer }> {
      const [d] = await db.select().from(spotCheckDraws).where(eq(spotCheckDraws.id, id));
      if (!d) throw new AppError('NOT_FOUND');
      return { name: FILE_NAMES[kind], data: await blobs.get(d.files[kind]) };
    },

    async recipe(id: string, baseUrl: string) {
      const [d] = await db.select().from(spotCheckDraws).where(eq(spotCheckDraws.id, id));
      if (!d) throw new AppError('NOT_FOUND');
      const revealed = d.revealedAt !== null;
      return {
        algorithm: d.algorithm,
        description: DRAW_ALGORITHM_DESCRIPTION,
        commitment: d.commitment,
        seed: revealed ? d.seedHex : null,
        files: (Object.keys(FILE_NAMES) as DrawFileKind[]).map((k) => ({ kind: k, name: FILE_NAMES[k], sha256: d.hashes[k], url: `${baseUrl}/api/v1/public/spot-checks/draws/${d.id}/files/${k}` })),
        steps: [
          '1. 下载四个输入文件，逐个计算 SHA-256，与公布的哈希值比对。 Download the four files; check each SHA-256 against the published hash.',
          '2. 抽取完成后取得公开的种子，计算 SHA-256(种子字节) 并与事先公布的承诺值比对。 After the draw, check SHA-256(seed bytes) equals the commitment published before it.',
          '3. 按算法说明（description）重新计算抽取结果，与公布的抽取结果比对。 Recompute the draw from the description and compare with the published selection.',
        ],
        expected: revealed && d.result ? d.result.selections.map((s) => ({ targetId: s.targetId, team: s.team })) : null,
      };
    },
  };
}
export type SpotCheckService = ReturnType<typeof createSpotCheckService>;

function targetOut(r: TargetRow) {
  return {
    id: r.id,
    uscc: r.uscc,
    name: r.name,
    kind: r.kind,
    regionCode: r.regionCode,
    industry: r.industry,
    risk: r.risk,
    credit: r.credit,
    abnormal: r.abnormal,
    address: r.address,
    version: r.version,
  };
}

function taskOut(t: TaskRow, extra: { targetName: string; uscc: string; industry: string; planName: string; officers: { id: string; name: string }[] } | null) {
  return {
    id: t.id,
    drawId: t.drawId,
    planId: t.planId,
    targetId: t.targetId,
    agencyId: t.agencyId,
    officerIds: t.officerIds,
    status: t.status,
    outcome: t.outcome,
    note: t.note,
    caseId: t.caseId,
    inspectedOn: t.inspectedOn,
    publishDueOn: t.publishDueOn,
    version: t.version,
    targetName: extra?.targetName ?? null,
    uscc: extra?.uscc ?? null,
    industry: extra?.industry ?? null,
    planName: extra?.planName ?? null,
    officers: extra?.officers ?? null,
  };
}
