import { AppError, type ItemInput } from '@zhifa/domain';
import { and, asc, eq, ilike, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { AuditService } from '../audit/index.ts';
import { escapeLike, requirePermission, scopeCondition, type Actor } from '../identity/index.ts';
import { items, itemSubjects, subjects } from './registry.schema.ts';
import type { SubjectService } from './subjects.service.ts';
import { commonOut, diff, updateVersioned } from './versioned.ts';

type ItemRow = typeof items.$inferSelect;

export const itemOut = (r: ItemRow, subs: { id: string; name: string }[]) => ({
  id: r.id,
  code: r.code,
  name: r.name,
  category: r.category,
  sector: r.sector,
  subjectIds: subs.map((s) => s.id),
  subjectNames: subs.map((s) => s.name),
  legalBasis: r.legalBasis,
  avRequirements: r.avRequirements,
  randomInspection: r.randomInspection,
  majorCriteria: r.majorCriteria,
  hearingThresholds: r.hearingThresholds,
  serviceGuide: r.serviceGuide,
  flowchart: r.flowchart,
  discretionTiers: r.discretionTiers,
  exemptions: r.exemptions,
  status: r.status,
  ...commonOut(r),
});
export type ItemOut = ReturnType<typeof itemOut>;

/** Sub-views of the item catalogue (domain-rules LI3): each list the seeds require is a filter, not a copy. */
export const ITEM_LISTS = {
  /** 随机抽查事项清单 */
  random: sql`${items.randomInspection} = true`,
  /** 音像记录事项清单: any stage where recording is required */
  av: sql`exists (select 1 from jsonb_each_text(${items.avRequirements}) e where e.value = 'required')`,
  /** 重大执法决定法制审核目录清单 */
  major: isNotNull(items.majorCriteria),
  /** 裁量基准: items with discretion tiers */
  discretion: sql`jsonb_array_length(${items.discretionTiers}) > 0`,
} as const;
export type ItemList = keyof typeof ITEM_LISTS;

export function createItemService({ db, audit, subjects: subjectSvc }: { db: Db; audit: AuditService; subjects: SubjectService }) {
  /** Items visible to the actor: those of which a subject in their scope is a responsible subject. */
  const itemScope = (actor: Actor) =>
    inArray(items.id, db.select({ id: itemSubjects.itemId }).from(itemSubjects).where(scopeCondition(actor, { regionPath: itemSubjects.regionPath, agencyId: itemSubjects.subjectId })));

  async function subjectsOf(ids: string[], tx: Db = db) {
    if (!ids.length) return new Map<string, { id: string; name: string }[]>();
    const rows = await tx
      .select({ itemId: itemSubjects.itemId, id: subjects.id, name: subjects.name })
      .from(itemSubjects)
      .innerJoin(subjects, eq(subjects.id, itemSubjects.subjectId))
      .where(inArray(itemSubjects.itemId, ids));
    const m = new Map<string, { id: string; name: string }[]>();
    for (const r of rows) m.set(r.itemId, [...(m.get(r.itemId) ?? []), { id: r.id, name: r.name }]);
    return m;
  }

  async function getScoped(actor: Actor, id: string, tx: Db = db): Promise<ItemRow> {
    const [r] = await tx.select().from(items).where(and(eq(items.id, id), itemScope(actor)));
    if (!r) throw new AppError('NOT_FOUND');
    return r;
  }

  /** Responsible subjects must exist and (for writers) lie within the writer's own scope. */
  async function resolveSubjects(tx: Db, actor: Actor, ids: string[]) {
    const rows = await tx.select().from(subjects).where(inArray(subjects.id, ids));
    for (const [i, id] of ids.entries()) {
      const s = rows.find((r) => r.id === id);
      const ok = s && !s.withdrawnAt && s.status !== 'revoked' && (actor.role === 'agency_head' ? s.id === actor.agencyId : s.regionPath.startsWith(actor.regionPath));
      if (!ok) throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['subjectIds', i], message: 'unknown, revoked or out-of-scope subject', messageZh: '执法主体不存在、已撤销或不在管辖范围内' }] } });
    }
    return rows;
  }

  return {
    getScoped,

    async list(
      actor: Actor,
      q: { q?: string | undefined; category?: string | undefined; sector?: string | undefined; subjectId?: string | undefined; list?: ItemList | undefined; published?: boolean | undefined; page: number; pageSize: number },
    ) {
      requirePermission(actor, 'registry.read');
      const conds: SQL[] = [itemScope(actor), isNull(items.withdrawnAt)];
      if (q.q) conds.push(or(ilike(items.name, `%${escapeLike(q.q)}%`), ilike(items.code, `%${escapeLike(q.q)}%`))!);
      if (q.category) conds.push(eq(items.category, q.category));
      if (q.sector) conds.push(eq(items.sector, q.sector));
      if (q.subjectId) conds.push(inArray(items.id, db.select({ id: itemSubjects.itemId }).from(itemSubjects).where(eq(itemSubjects.subjectId, q.subjectId))));
      if (q.list) conds.push(ITEM_LISTS[q.list]);
      if (q.published !== undefined) conds.push(eq(items.published, q.published));
      const where = and(...conds);
      const [rows, [c]] = await Promise.all([
        db.select().from(items).where(where).orderBy(asc(items.code)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
        db.select({ n: sql<number>`count(*)::int` }).from(items).where(where),
      ]);
      const subs = await subjectsOf(rows.map((r) => r.id));
      return { items: rows.map((r) => itemOut(r, subs.get(r.id) ?? [])), total: c?.n ?? 0, page: q.page, pageSize: q.pageSize };
    },

    async get(actor: Actor, id: string) {
      requirePermission(actor, 'registry.read');
      const r = await getScoped(actor, id);
      return itemOut(r, (await subjectsOf([id])).get(id) ?? []);
    },

    /** Insert many items in one transaction (used by create and by the Excel import). */
    async insertMany(tx: Db, actor: Actor, inputs: ItemInput[], meta: { requestId?: string }) {
      const allSubjectIds = [...new Set(inputs.flatMap((i) => i.subjectIds))];
      const subs = await resolveSubjects(tx, actor, allSubjectIds);
      const pathOf = new Map(subs.map((s) => [s.id, s.regionPath]));
      const rows = inputs.map(({ subjectIds: _s, ...i }) => ({ id: crypto.randomUUID(), ...i, avRequirements: i.avRequirements as Record<string, string> }));
      for (let k = 0; k < rows.length; k += 500) {
        await tx.insert(items).values(rows.slice(k, k + 500));
      }
      const links = rows.flatMap((r, k) => inputs[k]!.subjectIds.map((sid) => ({ itemId: r.id, subjectId: sid, regionPath: pathOf.get(sid)! })));
      for (let k = 0; k < links.length; k += 1000) await tx.insert(itemSubjects).values(links.slice(k, k + 1000));
      await audit.recordChanges(
        tx,
        rows.map((r, k) => {
          const sid = inputs[k]!.subjectIds[0]!;
          return { actor, requestId: meta.requestId, entityType: 'item', entityId: r.id, action: 'create', after: { ...r, subjectIds: inputs[k]!.subjectIds }, regionPath: pathOf.get(sid) ?? null, agencyId: sid };
        }),
      );
      return rows.map((r) => r.id);
    },

    async create(actor: Actor, input: ItemInput, meta: { requestId?: string }) {
      requirePermission(actor, 'registry.write.agency');
      const [id] = await db.transaction((tx) => this.insertMany(tx, actor, [input], meta));
      return this.get(actor, id!);
    },

    async update(actor: Actor, id: string, input: Partial<ItemInput> & { version: number }, meta: { requestId?: string }) {
      requirePermission(actor, 'registry.write.agency');
      await db.transaction(async (tx) => {
        const before = await getScoped(actor, id, tx);
        const { version, subjectIds, ...patch } = input;
        const beforeSubs = ((await subjectsOf([id], tx)).get(id) ?? []).map((s) => s.id);
        const after = await updateVersioned(tx, items, eq(items.id, id), items.version, version, patch as Record<string, unknown>);
        let path: string | null = null;
        if (subjectIds) {
          const subs = await resolveSubjects(tx, actor, subjectIds);
          await tx.delete(itemSubjects).where(eq(itemSubjects.itemId, id));
          await tx.insert(itemSubjects).values(subs.map((s) => ({ itemId: id, subjectId: s.id, regionPath: s.regionPath })));
          path = subs[0]?.regionPath ?? null;
        }
        const d = diff({ ...before, subjectIds: beforeSubs }, { ...after, subjectIds: subjectIds ?? beforeSubs });
        if (!d.changed.length) return;
        const [link] = await tx.select().from(itemSubjects).where(eq(itemSubjects.itemId, id)).limit(1);
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'item', entityId: id, action: 'update', before: d.before, after: d.after, regionPath: path ?? link?.regionPath ?? null, agencyId: link?.subjectId ?? null });
      });
      return this.get(actor, id);
    },

    async setPublished(actor: Actor, id: string, input: { published: boolean; version: number }, meta: { requestId?: string }) {
      requirePermission(actor, 'registry.write.agency');
      await db.transaction(async (tx) => {
        await getScoped(actor, id, tx);
        await updateVersioned(tx, items, eq(items.id, id), items.version, input.version, { published: input.published });
        const [link] = await tx.select().from(itemSubjects).where(eq(itemSubjects.itemId, id)).limit(1);
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'item', entityId: id, action: input.published ? 'publish' : 'unpublish', before: { published: !input.published }, after: { published: input.published }, regionPath: link?.regionPath ?? null, agencyId: link?.subjectId ?? null });
      });
      return this.get(actor, id);
    },

    /** 纲要 §(十五): items without a legal basis are abolished — recorded as a withdrawal with a reason. */
    async withdraw(actor: Actor, id: string, input: { reason: string; version: number }, meta: { requestId?: string }) {
      requirePermission(actor, 'registry.write.agency');
      await db.transaction(async (tx) => {
        const before = await getScoped(actor, id, tx);
        if (before.withdrawnAt) throw new AppError('INVALID_TRANSITION', { details: { status: 'withdrawn', allowedActions: [] } });
        await updateVersioned(tx, items, eq(items.id, id), items.version, input.version, { withdrawnAt: new Date(), withdrawReason: input.reason, status: 'abolished', published: false });
        const [link] = await tx.select().from(itemSubjects).where(eq(itemSubjects.itemId, id)).limit(1);
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'item', entityId: id, action: 'withdraw', reason: input.reason, regionPath: link?.regionPath ?? null, agencyId: link?.subjectId ?? null });
      });
    },

    async history(actor: Actor, id: string) {
      requirePermission(actor, 'registry.read');
      await getScoped(actor, id);
      return audit.historyOf(db, 'item', id);
    },

    /** Codes that already exist (the import checks duplicates against the database before writing anything). */
    async existingCodes(codes: string[]): Promise<Set<string>> {
      const found = new Set<string>();
      for (let k = 0; k < codes.length; k += 1000) {
        const rows = await db.select({ code: items.code }).from(items).where(inArray(items.code, codes.slice(k, k + 1000)));
        for (const r of rows) found.add(r.code);
      }
      return found;
    },

    subjectService: subjectSvc,
  };
}
export type ItemService = ReturnType<typeof createItemService>;
