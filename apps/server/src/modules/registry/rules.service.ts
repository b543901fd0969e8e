import {
  addPeriod,
  AppError,
  createCalendar,
  resolveRules,
  RULE_KEYS,
  validateRuleParams,
  type CalendarEntry,
  type DayType,
  type HolidayCalendar,
  type PeriodUnit,
  type RuleProfile,
  type RuleProfileInput,
} from '@zhifa/domain';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { AuditService } from '../audit/index.ts';
import { requirePermission, type Actor } from '../identity/index.ts';
import type { RegionService } from './regions.service.ts';
import { calendarDays, calendarYears, ruleProfiles } from './registry.schema.ts';
import { commonOut, diff, updateVersioned } from './versioned.ts';

type ProfileRow = typeof ruleProfiles.$inferSelect;
export const profileOut = (r: ProfileRow) => ({
  id: r.id,
  code: r.code,
  name: r.name,
  regionCode: r.regionCode,
  sector: r.sector,
  effectiveFrom: r.effectiveFrom,
  effectiveTo: r.effectiveTo,
  params: r.params,
  note: r.note,
  ...commonOut(r),
});

/**
 * Rule profiles (national defaults + province/sector overrides with effective dates, principle 5) and the holiday
 * calendar (principle 3). Both are small and read on every deadline, so they are cached in memory and the cache is
 * dropped on every write.
 */
export function createRuleService({ db, audit, regions }: { db: Db; audit: AuditService; regions: RegionService }) {
  let profileCache: RuleProfile[] | null = null;
  let calendarCache: HolidayCalendar | null = null;

  async function profiles(): Promise<RuleProfile[]> {
    if (!profileCache) {
      const rows = await db.select().from(ruleProfiles);
      profileCache = rows
        .filter((r) => !r.withdrawnAt)
        .map((r) => ({ id: r.id, code: r.code, name: r.name, regionCode: r.regionCode, sector: r.sector, effectiveFrom: r.effectiveFrom, effectiveTo: r.effectiveTo, params: r.params }));
    }
    return profileCache;
  }

  async function calendar(): Promise<HolidayCalendar> {
    if (!calendarCache) {
      const [years, days] = await Promise.all([db.select().from(calendarYears), db.select().from(calendarDays)]);
      calendarCache = createCalendar(
        days.map((d) => ({ date: d.date, kind: d.kind as CalendarEntry['kind'], name: d.name })),
        years.map((y) => y.year),
      );
    }
    return calendarCache;
  }

  function checkParams(params: Record<string, unknown>) {
    const v = validateRuleParams(params);
    if (!v.ok) throw new AppError('VALIDATION_FAILED', { details: { issues: v.issues.map((i) => ({ path: ['params', i.key], message: i.message, messageZh: i.messageZh })) } });
  }

  async function checkRegion(regionCode: string | null) {
    if (regionCode && !(await regions.findRegion(regionCode))) {
      throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['regionCode'], message: 'unknown region' }] } });
    }
  }

  return {
    calendar,
    profiles,
    ruleKeys: () => Object.entries(RULE_KEYS).map(([key, spec]) => ({ key, ...spec })),

    /** Rule values for a place, sector and date, with the profile each value came from. */
    async resolve(ctx: { regionCode?: string | null | undefined; regionPath?: string | null; sector?: string | null | undefined; date: string }) {
      let path = ctx.regionPath ?? null;
      if (!path && ctx.regionCode) path = await regions.pathOf(ctx.regionCode);
      const regionPath = (path ?? '').split('/').filter(Boolean);
      return resolveRules(await profiles(), { regionPath, sector: ctx.sector ?? null, date: ctx.date });
    },

    async listProfiles() {
      const rows = await db.select().from(ruleProfiles).orderBy(asc(ruleProfiles.code));
      return rows.map(profileOut);
    },

    async createProfile(actor: Actor, input: RuleProfileInput, meta: { requestId?: string }) {
      requirePermission(actor, 'registry.write.system');
      checkParams(input.params);
      await checkRegion(input.regionCode);
      const row = await db.transaction(async (tx) => {
        const id = crypto.randomUUID();
        const [r] = await tx.insert(ruleProfiles).values({ id, ...input }).returning();
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'rule_profile', entityId: id, action: 'create', after: r, regionPath: actor.regionPath });
        return r!;
      });
      profileCache = null;
      return profileOut(row);
    },

    async updateProfile(actor: Actor, id: string, input: Partial<RuleProfileInput> & { version: number }, meta: { requestId?: string }) {
      requirePermission(actor, 'registry.write.system');
      if (input.params) checkParams(input.params);
      if (input.regionCode !== undefined) await checkRegion(input.regionCode);
      const row = await db.transaction(async (tx) => {
        const [before] = await tx.select().from(ruleProfiles).where(eq(ruleProfiles.id, id));
        if (!before) throw new AppError('NOT_FOUND');
        const { version, ...patch } = input;
        const after = await updateVersioned(tx, ruleProfiles, eq(ruleProfiles.id, id), ruleProfiles.version, version, patch);
        const d = diff(before, after);
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'rule_profile', entityId: id, action: 'update', before: d.before, after: d.after, regionPath: actor.regionPath });
        return after;
      });
      profileCache = null;
      return profileOut(row);
    },

    async profileHistory(id: string) {
      return audit.historyOf(db, 'rule_profile', id);
    },

    // ---- holiday calendar ---------------------------------------------------------------------------------------

    async listYears() {
      const [years, days] = await Promise.all([db.select().from(calendarYears).orderBy(asc(calendarYears.year)), db.select().from(calendarDays)]);
      return years.map((y) => ({ year: y.year, source: y.source, version: y.version, entries: days.filter((d) => d.date.startsWith(`${y.year}-`)).length }));
    },

    async getYear(year: number) {
      const [y] = await db.select().from(calendarYears).where(eq(calendarYears.year, year));
      if (!y) throw new AppError('NOT_FOUND');
      const days = (await db.select().from(calendarDays).orderBy(asc(calendarDays.date))).filter((d) => d.date.startsWith(`${year}-`));
      return { year, source: y.source, version: y.version, entries: days.map((d) => ({ date: d.date, kind: d.kind as 'holiday' | 'workday', name: d.name })) };
    },

    /**
     * Replace one year's holidays and make-up working days (the State Council's annual notice). The whole year is
     * written at once so a year is either complete or absent — never half-entered (domain-rules G5).
     */
    async putYear(actor: Actor, year: number, input: { source: string; entries: CalendarEntry[]; version?: number | undefined }, meta: { requestId?: string }, tx0?: Db) {
      requirePermission(actor, 'registry.write.system');
      const wrong = input.entries.findIndex((e) => !e.date.startsWith(`${year}-`));
      if (wrong >= 0) throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['entries', wrong, 'date'], message: `not in ${year}` }] } });
      const dup = input.entries.findIndex((e, i) => input.entries.findIndex((o) => o.date === e.date) !== i);
      if (dup >= 0) throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['entries', dup, 'date'], message: 'duplicate date' }] } });
      const run = async (tx: Db) => {
        const [existing] = await tx.select().from(calendarYears).where(eq(calendarYears.year, year));
        if (existing && input.version !== undefined && existing.version !== input.version) throw new AppError('VERSION_CONFLICT', { details: { currentVersion: existing.version } });
        const oldDays = (await tx.select().from(calendarDays)).filter((d) => d.date.startsWith(`${year}-`));
        for (const d of oldDays) await tx.delete(calendarDays).where(eq(calendarDays.date, d.date));
        if (input.entries.length) await tx.insert(calendarDays).values(input.entries);
        if (existing) await tx.update(calendarYears).set({ source: input.source, version: existing.version + 1, updatedAt: new Date() }).where(eq(calendarYears.year, year));
        else await tx.insert(calendarYears).values({ year, source: input.source });
        await audit.recordChange(tx, {
          actor,
          requestId: meta.requestId,
          entityType: 'calendar_year',
          entityId: String(year),
          action: existing ? 'replace' : 'create',
          before: existing ? { source: existing.source, entries: oldDays } : null,
          after: { source: input.source, entries: input.entries },
          regionPath: actor.regionPath,
        });
      };
      if (tx0) await run(tx0);
      else await db.transaction(run);
      calendarCache = null;
    },

    async addPeriod(q: { start: string; n: number; unit: PeriodUnit; dayType: DayType }) {
      return { due: addPeriod(q.start, q.n, q.unit, q.dayType, await calendar()) };
    },

    invalidate() {
      profileCache = null;
      calendarCache = null;
    },
  };
}
export type RuleService = ReturnType<typeof createRuleService>;
