import { AppError, regionLevelOf, type RegionInput } from '@zhifa/domain';
import { and, asc, eq, ilike, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { AuditService } from '../audit/index.ts';
import { escapeLike, requirePermission, type Actor } from '../identity/index.ts';
import { regions } from './registry.schema.ts';
import { commonOut, diff, fieldError, updateVersioned } from './versioned.ts';

export type RegionRow = typeof regions.$inferSelect;
export const regionOut = (r: RegionRow) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parentCode, path: r.path, ...commonOut(r) });
export type RegionOut = ReturnType<typeof regionOut>;

/**
 * 行政区划. Region names and codes are public data, so every logged-in user may read the whole table; writing is the
 * system administrator's, and only inside their own subtree.
 */
export function createRegionService({ db, audit }: { db: Db; audit: AuditService }) {
  async function findRegion(code: string, tx: Db = db): Promise<RegionRow | null> {
    const [r] = await tx.select().from(regions).where(eq(regions.code, code));
    return r ?? null;
  }
  async function getRegion(code: string, tx: Db = db): Promise<RegionRow> {
    const r = await findRegion(code, tx);
    if (!r) throw new AppError('NOT_FOUND');
    return r;
  }

  /** Validate parent/level consistency and compute the materialised path ('/130000/130300/'). */
  async function pathFor(tx: Db, input: { code: string; level: number; parentCode: string | null }): Promise<string> {
    const natural = regionLevelOf(input.code);
    if (natural !== null && natural !== input.level) throw fieldError('level', `code ${input.code} is a level-${natural} code`, `区划代码${input.code}属于第${natural}级`);
    if (input.level === 1) {
      if (input.parentCode) throw fieldError('parentCode', 'a province has no parent', '省级区划没有上级');
      return `/${input.code}/`;
    }
    if (!input.parentCode) throw fieldError('parentCode', 'required below province level', '省级以下区划须指定上级');
    const parent = await findRegion(input.parentCode, tx);
    if (!parent || parent.withdrawnAt) throw fieldError('parentCode', 'unknown parent region', '上级区划不存在');
    if (parent.level !== input.level - 1) throw fieldError('parentCode', 'the parent must be exactly one level up', '上级区划层级不匹配');
    return `${parent.path}${input.code}/`;
  }

  return {
    findRegion,
    getRegion,
    async pathOf(code: string): Promise<string | null> {
      return (await findRegion(code))?.path ?? null;
    },

    async list(q: { parentCode?: string | undefined; level?: number | undefined; q?: string | undefined; under?: string | undefined; page: number; pageSize: number }) {
      const conds: SQL[] = [isNull(regions.withdrawnAt)];
      if (q.parentCode) conds.push(eq(regions.parentCode, q.parentCode));
      if (q.level) conds.push(eq(regions.level, q.level));
      if (q.q) conds.push(or(ilike(regions.name, `%${escapeLike(q.q)}%`), like(regions.code, `${escapeLike(q.q)}%`))!);
      if (q.under) {
        const base = await findRegion(q.under);
        conds.push(base ? like(regions.path, `${escapeLike(base.path)}%`) : sql`false`);
      }
      const where = and(...conds);
      const [rows, [c]] = await Promise.all([
        db.select().from(regions).where(where).orderBy(asc(regions.code)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
        db.select({ n: sql<number>`count(*)::int` }).from(regions).where(where),
      ]);
      return { items: rows.map(regionOut), total: c?.n ?? 0, page: q.page, pageSize: q.pageSize };
    },

    async create(actor: Actor, input: RegionInput, meta: { requestId?: string }, tx0?: Db) {
      requirePermission(actor, 'registry.write.system');
      const run = async (tx: Db) => {
        const path = await pathFor(tx, input);
        if (!path.startsWith(actor.regionPath) || path === actor.regionPath) {
          // An administrator adds regions below their own, never beside or above it.
          throw new AppError('FORBIDDEN', { details: { reason: 'region outside your scope' } });
        }
        const [row] = await tx.insert(regions).values({ ...input, path }).returning();
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'region', entityId: input.code, action: 'create', after: row, regionPath: path });
        return row!;
      };
      return regionOut(tx0 ? await run(tx0) : await db.transaction(run));
    },

    async update(actor: Actor, code: string, input: { version: number; name?: string | undefined }, meta: { requestId?: string }) {
      requirePermission(actor, 'registry.write.system');
      return db.transaction(async (tx) => {
        const before = await getRegion(code, tx);
        if (!before.path.startsWith(actor.regionPath)) throw new AppError('NOT_FOUND');
        const patch = input.name !== undefined ? { name: input.name } : {};
        const after = await updateVersioned(tx, regions, eq(regions.code, code), regions.version, input.version, patch);
        const d = diff(before, after);
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'region', entityId: code, action: 'update', before: d.before, after: d.after, regionPath: before.path });
        return regionOut(after);
      });
    },

    async setPublished(actor: Actor, code: string, input: { published: boolean; version: number }, meta: { requestId?: string }) {
      requirePermission(actor, 'registry.write.system');
      return db.transaction(async (tx) => {
        const before = await getRegion(code, tx);
        if (!before.path.startsWith(actor.regionPath)) throw new AppError('NOT_FOUND');
        const after = await updateVersioned(tx, regions, eq(regions.code, code), regions.version, input.version, { published: input.published });
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'region', entityId: code, action: input.published ? 'publish' : 'unpublish', before: { published: !input.published }, after: { published: input.published }, regionPath: before.path });
        return regionOut(after);
      });
    },

    async history(code: string) {
      await getRegion(code);
      return audit.historyOf(db, 'region', code);
    },
  };
}
export type RegionService = ReturnType<typeof createRegionService>;
