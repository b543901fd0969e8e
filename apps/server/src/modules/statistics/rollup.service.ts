import { isMajorCase, licensingDecisionDeadline, provisionalCalendar, STATS_COUNTERS, type StatsCounters, type StatsKind } from '@zhifa/domain';
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../lib/clock.ts';
import { chinaDate } from '../../lib/clock.ts';
import { caseEvents, cases, coerciveMeasureEvents, coerciveMeasures, inspectionEvents, inspections, licenceApplicationEvents, licenceApplications } from '../cases/index.ts';
import { evidence } from '../evidence/index.ts';
import { publicationExclusions, publications, publicationTasks } from '../publicity/index.ts';
import { registryTables, type RuleService } from '../registry/index.ts';
import { statsDaily, statsRegion, statsSeen, statsStatus, statsWatermarks } from './statistics.schema.ts';

/**
 * Folds the append-only event tables of other modules into the statistics rollup (stats_daily, stats_status) since a
 * watermark, without touching their write paths: idempotent (the mark moves in the same transaction as the counters),
 * catches up after downtime, and `rebuild()` recomputes everything through the very same code from nothing — so a
 * rebuilt rollup equals the incrementally maintained one by construction, and tests check that it does.
 */

type Dims = { agencyId: string; regionPath: string; kind: StatsKind; category: string; procedure: string; openedMonth: string };
type Delta = Partial<StatsCounters>;

/** Event sources with a bigserial id: the rollup's main input. */
const ID_SOURCES = ['case_events', 'licence_application_events', 'inspection_events', 'coercive_measure_events'] as const;
type IdSource = (typeof ID_SOURCES)[number];
/** uuid-keyed append-only publicity tables, read by creation time with an overlap and a seen-set. */
const SEEN_SOURCES = ['publication_tasks', 'publications', 'publication_exclusions'] as const;
type SeenSource = (typeof SEEN_SOURCES)[number];

/** A hole older than this is a rolled-back sequence value, not a transaction still in flight. */
const HOLE_TTL_MS = 10 * 60_000;
/** Rows created this long before the mark are looked at again (transactions commit out of creation-time order). */
const SEEN_OVERLAP_MS = 10 * 60_000;
const FOLD_LOCK = 720_151;

const monthOf = (day: string) => `${day.slice(0, 7)}-01`;

export interface RollupService {
  /** Folds every new event; returns how many rows of each source were folded. */
  fold(opts?: { batchSize?: number }): Promise<Record<string, number>>;
  /** Empties the rollup and folds every event again (the full rebuild command). */
  rebuild(): Promise<Record<string, number>>;
  start(intervalMs: number, onError: (e: unknown) => void): void;
  stop(): Promise<void>;
}

export function createRollupService(deps: { db: Db; clock: Clock; rules: RuleService }): RollupService {
  const { db, clock, rules } = deps;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;

  class Acc {
    daily = new Map<string, { key: [string, string, Dims]; c: Delta }>();
    region = new Map<string, { key: [string, string, string, Dims]; c: Delta }>();
    status = new Map<string, { dims: Dims; status: string; n: number }>();
    add(day: string, dims: Dims, delta: Delta) {
      for (const [grain, d] of [['d', day], ['m', monthOf(day)], ['y', `${day.slice(0, 4)}-01-01`]] as const) {
        const k = `${grain}|${d}|${dims.agencyId}|${dims.regionPath}|${dims.kind}|${dims.category}|${dims.procedure}`;
        const e = this.daily.get(k) ?? { key: [grain, d, dims] as [string, string, Dims], c: {} };
        for (const [c, v] of Object.entries(delta) as [keyof StatsCounters, number][]) e.c[c] = (e.c[c] ?? 0) + v;
        this.daily.set(k, e);
        for (const node of regionAncestors(dims.regionPath)) {
          const rk = `${grain}|${d}|${node}|${dims.kind}|${dims.category}|${dims.procedure}`;
          const r = this.region.get(rk) ?? { key: [grain, d, node, dims] as [string, string, string, Dims], c: {} };
          for (const [c, v] of Object.entries(delta) as [keyof StatsCounters, number][]) r.c[c] = (r.c[c] ?? 0) + v;
          this.region.set(rk, r);
        }
      }
    }
    move(dims: Dims, from: string | null, to: string) {
      if (from === to) return;
      if (from) this.bump(dims, from, -1);
      this.bump(dims, to, 1);
    }
    private bump(dims: Dims, status: string, n: number) {
      const k = `${dims.openedMonth}|${dims.agencyId}|${dims.regionPath}|${dims.kind}|${dims.category}|${dims.procedure}|${status}`;
      const e = this.status.get(k) ?? { dims, status, n: 0 };
      e.n += n;
      this.status.set(k, e);
    }
    async flush(tx: Db) {
      const rows = [...this.daily.values()].map(({ key: [grain, day, d], c }) => ({
        grain,
        day,
        agencyId: d.agencyId,
        regionPath: d.regionPath,
        kind: d.kind,
        category: d.category,
        procedure: d.procedure,
        ...Object.fromEntries(STATS_COUNTERS.map((k) => [k, c[k] ?? 0])),
      }));
      const set = Object.fromEntries(STATS_COUNTERS.map((k) => [k, sql.raw(`stats_daily.${snake(k)} + excluded.${snake(k)}`)]));
      for (let i = 0; i < rows.length; i += 500) {
        await tx
          .insert(statsDaily)
          .values(rows.slice(i, i + 500) as (typeof statsDaily.$inferInsert)[])
          .onConflictDoUpdate({ target: [statsDaily.grain, statsDaily.day, statsDaily.agencyId, statsDaily.regionPath, statsDaily.kind, statsDaily.category, statsDaily.procedure], set });
      }
      const rrows = [...this.region.values()].map(({ key: [grain, day, node, d], c }) => ({ grain, day, regionPath: node, kind: d.kind, category: d.category, procedure: d.procedure, ...Object.fromEntries(STATS_COUNTERS.map((k) => [k, c[k] ?? 0])) }));
      const rset = Object.fromEntries(STATS_COUNTERS.map((k) => [k, sql.raw(`stats_region.${snake(k)} + excluded.${snake(k)}`)]));
      for (let i = 0; i < rrows.length; i += 500) {
        await tx
          .insert(statsRegion)
          .values(rrows.slice(i, i + 500) as (typeof statsRegion.$inferInsert)[])
          .onConflictDoUpdate({ target: [statsRegion.grain, statsRegion.regionPath, statsRegion.day, statsRegion.kind, statsRegion.category, statsRegion.procedure], set: rset });
      }
      const srows = [...this.status.values()].filter((s) => s.n !== 0).map(({ dims: d, status, n }) => ({ openedMonth: d.openedMonth, agencyId: d.agencyId, regionPath: d.regionPath, kind: d.kind, category: d.category, procedure: d.procedure, status, n }));
      for (let i = 0; i < srows.length; i += 500) {
        await tx
          .insert(statsStatus)
          .values(srows.slice(i, i + 500))
          .onConflictDoUpdate({ target: [statsStatus.openedMonth, statsStatus.agencyId, statsStatus.regionPath, statsStatus.kind, statsStatus.category, statsStatus.procedure, statsStatus.status], set: { n: sql`stats_status.n + excluded.n` } });
      }
    }
  }

  let itemCache: Map<string, { category: string; av: string[] }> | null = null;
  async function itemsOf(tx: Db, ids: string[]) {
    if (!itemCache) itemCache = new Map();
    const missing = [...new Set(ids)].filter((id) => !itemCache!.has(id));
    if (missing.length) {
      const rows = await tx.select({ id: registryTables.items.id, category: registryTables.items.category, av: registryTables.items.avRequirements }).from(registryTables.items).where(inArray(registryTables.items.id, missing));
      for (const r of rows) itemCache.set(r.id, { category: r.category, av: Object.entries(r.av ?? {}).filter(([, v]) => v === 'required').map(([k]) => k) });
    }
    return (id: string) => itemCache!.get(id) ?? { category: 'other', av: [] };
  }

  // ---- id sources -------------------------------------------------------------------------------------------------------

  type Ev = { id: number; ref: string; action: string; fromStatus: string | null; toStatus: string; payload: Record<string, unknown>; occurredAt: Date };

  async function readEvents(tx: Db, source: IdSource, after: number, holes: number[], limit: number): Promise<Ev[]> {
    const pick = <T extends typeof caseEvents | typeof licenceApplicationEvents | typeof inspectionEvents | typeof coerciveMeasureEvents>(t: T, ref: T['_']['columns'][keyof T['_']['columns']]) =>
      ({ id: t.id, ref, action: t.action, fromStatus: t.fromStatus, toStatus: t.toStatus, payload: t.payload, occurredAt: t.occurredAt }) as const;
    const run = async (cond: 'after' | 'holes') => {
      switch (source) {
        case 'case_events': {
          const q = tx.select(pick(caseEvents, caseEvents.caseId)).from(caseEvents);
          return cond === 'after' ? q.where(gt(caseEvents.id, after)).orderBy(asc(caseEvents.id)).limit(limit) : q.where(inArray(caseEvents.id, holes)).orderBy(asc(caseEvents.id));
        }
        case 'licence_application_events': {
          const q = tx.select(pick(licenceApplicationEvents, licenceApplicationEvents.applicationId)).from(licenceApplicationEvents);
          return cond === 'after' ? q.where(gt(licenceApplicationEvents.id, after)).orderBy(asc(licenceApplicationEvents.id)).limit(limit) : q.where(inArray(licenceApplicationEvents.id, holes)).orderBy(asc(licenceApplicationEvents.id));
        }
        case 'inspection_events': {
          const q = tx.select(pick(inspectionEvents, inspectionEvents.inspectionId)).from(inspectionEvents);
          return cond === 'after' ? q.where(gt(inspectionEvents.id, after)).orderBy(asc(inspectionEvents.id)).limit(limit) : q.where(inArray(inspectionEvents.id, holes)).orderBy(asc(inspectionEvents.id));
        }
        case 'coercive_measure_events': {
          const q = tx.select(pick(coerciveMeasureEvents, coerciveMeasureEvents.measureId)).from(coerciveMeasureEvents);
          return cond === 'after' ? q.where(gt(coerciveMeasureEvents.id, after)).orderBy(asc(coerciveMeasureEvents.id)).limit(limit) : q.where(inArray(coerciveMeasureEvents.id, holes)).orderBy(asc(coerciveMeasureEvents.id));
        }
      }
    };
    const found = (await run('after')) as Ev[];
    const late = holes.length ? ((await run('holes')) as Ev[]) : [];
    return [...late, ...found];
  }

  async function foldIdSource(tx: Db, source: IdSource, limit: number): Promise<{ n: number; more: boolean }> {
    await tx.insert(statsWatermarks).values({ source }).onConflictDoNothing();
    const [wm] = await tx.select().from(statsWatermarks).where(eq(statsWatermarks.source, source)).for('update');
    const now = clock.now();
    const holes = (wm?.holes ?? []).filter((h) => now.getTime() - Date.parse(h.seenAt) < HOLE_TTL_MS);
    const events = await readEvents(tx, source, wm?.lastId ?? 0, holes.map((h) => h.id), limit);
    const seenIds = new Set(events.map((e) => e.id));
    const lastId = Math.max(wm?.lastId ?? 0, ...events.map((e) => e.id));
    // ids skipped between the old mark and the new one: not visible yet (or never will be)
    const newHoles = holes.filter((h) => !seenIds.has(h.id));
    let expect = (wm?.lastId ?? 0) + 1;
    for (const e of events.filter((x) => x.id > (wm?.lastId ?? 0))) {
      for (let id = expect; id < e.id && id - expect < 1000; id++) newHoles.push({ id, seenAt: now.toISOString() });
      expect = e.id + 1;
    }
    if (events.length > 0) {
      const acc = new Acc();
      await applyIdEvents(tx, source, events, acc);
      await acc.flush(tx);
    }
    const holesChanged = JSON.stringify(newHoles) !== JSON.stringify(wm?.holes ?? []);
    if (events.length > 0 || holesChanged) await tx.update(statsWatermarks).set({ lastId, holes: newHoles, updatedAt: now }).where(eq(statsWatermarks.source, source));
    return { n: events.length, more: events.filter((e) => e.id > (wm?.lastId ?? 0)).length >= limit };
  }

  async function applyIdEvents(tx: Db, source: IdSource, events: Ev[], acc: Acc) {
    const refs = [...new Set(events.map((e) => e.ref))];
    switch (source) {
      case 'case_events': {
        const rows = await tx.select({ id: cases.id, agencyId: cases.agencyId, regionPath: cases.regionPath, itemId: cases.itemId, procedure: cases.procedure, caseNo: cases.caseNo, facts: cases.facts, createdAt: cases.createdAt }).from(cases).where(inArray(cases.id, refs));
        const byId = new Map(rows.map((r) => [r.id, r]));
        const item = await itemsOf(tx, rows.map((r) => r.itemId));
        for (const e of events) {
          const c = byId.get(e.ref);
          if (!c) continue;
          const dims: Dims = { agencyId: c.agencyId, regionPath: c.regionPath, kind: 'penalty', category: item(c.itemId).category, procedure: c.procedure, openedMonth: monthOf(chinaDate(c.createdAt)) };
          const day = chinaDate(e.occurredAt);
          acc.move(dims, e.fromStatus, e.toStatus);
          const d: Delta = {};
          if (e.fromStatus === null) d.opened = 1;
          if (e.action === 'decide') {
            d.decided = 1;
            const f = c.facts;
            const fine = f.decisionKind !== 'no_penalty' && f.proposed?.types.includes('fine') ? (f.proposed.fineAmount ?? 0) : 0;
            if (fine > 0) Object.assign(d, { fineCount: 1, fineTotal: Math.round(fine) });
            // 行政处罚法 Art.58: a major decision needs the legal review first; coverage = reviewed / major decided
            if (isMajorCase(f)) Object.assign(d, { majorDecided: 1, majorReviewed: f.reviewPassedOn ? 1 : 0 });
            const required = item(c.itemId).av;
            if (required.length) {
              const refsOf = [c.id, ...(c.caseNo ? [c.caseNo] : [])];
              const covered = await tx
                .selectDistinct({ stage: evidence.stage })
                .from(evidence)
                .where(and(inArray(evidence.caseRef, refsOf), inArray(evidence.stage, required), inArray(evidence.kind, ['audio', 'video'])));
              Object.assign(d, { avRequired: required.length, avCovered: covered.length });
            }
          } else if (e.action === 'decide_on_spot') {
            d.decided = 1;
            const p = e.payload.penalty as { types?: string[]; fineAmount?: number | null } | undefined;
            const fine = p?.types?.includes('fine') ? (p.fineAmount ?? 0) : 0;
            if (fine > 0) Object.assign(d, { fineCount: 1, fineTotal: Math.round(fine) });
          }
          if (e.toStatus === 'closed' && e.fromStatus !== 'closed') d.closed = 1;
          if (Object.keys(d).length) acc.add(day, dims, d);
        }
        return;
      }
      case 'licence_application_events': {
        const rows = await tx.select({ id: licenceApplications.id, agencyId: licenceApplications.agencyId, regionPath: licenceApplications.regionPath, itemId: licenceApplications.itemId, facts: licenceApplications.facts, createdAt: licenceApplications.createdAt }).from(licenceApplications).where(inArray(licenceApplications.id, refs));
        const byId = new Map(rows.map((r) => [r.id, r]));
        const item = await itemsOf(tx, rows.map((r) => r.itemId));
        const cal = events.some((e) => e.action === 'grant' || e.action === 'refuse') ? provisionalCalendar(await rules.calendar()) : null;
        for (const e of events) {
          const a = byId.get(e.ref);
          if (!a) continue;
          const dims: Dims = { agencyId: a.agencyId, regionPath: a.regionPath, kind: 'licence', category: item(a.itemId).category, procedure: 'ordinary', openedMonth: monthOf(chinaDate(a.createdAt)) };
          const day = chinaDate(e.occurredAt);
          acc.move(dims, e.fromStatus, e.toStatus);
          const d: Delta = {};
          if (e.fromStatus === null) d.opened = 1;
          if (e.action === 'grant' || e.action === 'refuse') {
            Object.assign(d, { decided: 1, licenceDecided: 1, licenceGranted: e.action === 'grant' ? 1 : 0 });
            // 行政许可法 Art.42: 20 working days from acceptance (+10 with extension; exclusions per Art.45)
            const start = a.facts.acceptedOn ?? a.facts.receivedOn;
            try {
              const due = licensingDecisionDeadline(a.facts, start, cal!, { asOf: day }).due;
              if (day <= due) d.licenceOnTime = 1;
            } catch {
              /* no deadline computable: counted as decided, not as on time */
            }
          }
          if (e.toStatus === 'closed' && e.fromStatus !== 'closed') d.closed = 1;
          if (Object.keys(d).length) acc.add(day, dims, d);
        }
        return;
      }
      case 'inspection_events': {
        const rows = await tx.select({ id: inspections.id, agencyId: inspections.agencyId, regionPath: inspections.regionPath, itemId: inspections.itemId, createdAt: inspections.createdAt }).from(inspections).where(inArray(inspections.id, refs));
        const byId = new Map(rows.map((r) => [r.id, r]));
        const item = await itemsOf(tx, rows.map((r) => r.itemId));
        for (const e of events) {
          const r = byId.get(e.ref);
          if (!r) continue;
          const dims: Dims = { agencyId: r.agencyId, regionPath: r.regionPath, kind: 'inspection', category: item(r.itemId).category, procedure: 'ordinary', openedMonth: monthOf(chinaDate(r.createdAt)) };
          acc.move(dims, e.fromStatus, e.toStatus);
          const d: Delta = {};
          if (e.fromStatus === null) d.opened = 1;
          if (e.action === 'record_result') Object.assign(d, { decided: 1, inspectionDone: 1, inspectionProblem: e.payload.outcome === 'problems_found' ? 1 : 0 });
          if (e.toStatus === 'closed' && e.fromStatus !== 'closed') d.closed = 1;
          if (Object.keys(d).length) acc.add(chinaDate(e.occurredAt), dims, d);
        }
        return;
      }
      case 'coercive_measure_events': {
        const rows = await tx.select({ id: coerciveMeasures.id, agencyId: coerciveMeasures.agencyId, regionPath: coerciveMeasures.regionPath, itemId: coerciveMeasures.itemId, createdAt: coerciveMeasures.createdAt }).from(coerciveMeasures).where(inArray(coerciveMeasures.id, refs));
        const byId = new Map(rows.map((r) => [r.id, r]));
        const item = await itemsOf(tx, rows.map((r) => r.itemId));
        for (const e of events) {
          const r = byId.get(e.ref);
          if (!r) continue;
          const dims: Dims = { agencyId: r.agencyId, regionPath: r.regionPath, kind: 'coercion', category: item(r.itemId).category, procedure: 'ordinary', openedMonth: monthOf(chinaDate(r.createdAt)) };
          acc.move(dims, e.fromStatus, e.toStatus);
          const d: Delta = {};
          if (e.fromStatus === null) d.opened = 1;
          if (e.action === 'execute' || e.action === 'execute_emergency') Object.assign(d, { decided: 1, coercionApplied: 1 });
          if (['released', 'confiscated', 'destroyed', 'declined'].includes(e.toStatus) && e.fromStatus !== e.toStatus) d.closed = 1;
          if (Object.keys(d).length) acc.add(chinaDate(e.occurredAt), dims, d);
        }
        return;
      }
    }
  }

  // ---- publicity sources (uuid ids) --------------------------------------------------------------------------------------

  async function foldSeenSource(tx: Db, source: SeenSource, limit: number): Promise<{ n: number; more: boolean }> {
    await tx.insert(statsWatermarks).values({ source }).onConflictDoNothing();
    const [wm] = await tx.select().from(statsWatermarks).where(eq(statsWatermarks.source, source)).for('update');
    const since = new Date(Math.max(0, (wm?.lastId ?? 0) - SEEN_OVERLAP_MS));
    const unseen = (t: { id: unknown }) => sql`not exists (select 1 from ${statsSeen} s where s.source = ${source} and s.ref = ${t.id})`;
    type Row = { id: string; caseId: string; dueOn: string; publishedOn: string | null; at: Date };
    let rows: Row[];
    if (source === 'publication_tasks') {
      rows = await tx.select({ id: publicationTasks.id, caseId: publicationTasks.caseId, dueOn: publicationTasks.dueOn, publishedOn: sql<null>`null`, at: publicationTasks.createdAt }).from(publicationTasks).where(and(sql`${publicationTasks.createdAt} >= ${since}`, unseen(publicationTasks))).orderBy(asc(publicationTasks.createdAt), asc(publicationTasks.id)).limit(limit);
    } else if (source === 'publications') {
      rows = await tx.select({ id: publications.id, caseId: publications.caseId, dueOn: publications.dueOn, publishedOn: publications.publishedOn, at: publications.publishedAt }).from(publications).where(and(eq(publications.seq, 1), sql`${publications.publishedAt} >= ${since}`, unseen(publications))).orderBy(asc(publications.publishedAt), asc(publications.id)).limit(limit);
    } else {
      // an exclusion counts on its task's due day; one whose task is not there yet waits for the next fold
      rows = await tx
        .select({ id: publicationExclusions.id, caseId: publicationExclusions.caseId, dueOn: publicationTasks.dueOn, publishedOn: sql<null>`null`, at: publicationExclusions.excludedAt })
        .from(publicationExclusions)
        .innerJoin(publicationTasks, eq(publicationTasks.caseId, publicationExclusions.caseId))
        .where(and(sql`${publicationExclusions.excludedAt} >= ${since}`, unseen(publicationExclusions)))
        .orderBy(asc(publicationExclusions.excludedAt), asc(publicationExclusions.id))
        .limit(limit);
    }
    if (rows.length === 0) return { n: 0, more: false };
    const caseRows = await tx.select({ id: cases.id, agencyId: cases.agencyId, regionPath: cases.regionPath, itemId: cases.itemId, procedure: cases.procedure, createdAt: cases.createdAt }).from(cases).where(inArray(cases.id, [...new Set(rows.map((r) => r.caseId))]));
    const byId = new Map(caseRows.map((r) => [r.id, r]));
    const item = await itemsOf(tx, caseRows.map((r) => r.itemId));
    const acc = new Acc();
    for (const r of rows) {
      const c = byId.get(r.caseId);
      if (!c) continue;
      const dims: Dims = { agencyId: c.agencyId, regionPath: c.regionPath, kind: 'penalty', category: item(c.itemId).category, procedure: c.procedure, openedMonth: monthOf(chinaDate(c.createdAt)) };
      const due = String(r.dueOn).slice(0, 10);
      // 118号 §二(六): on time when published by the due day
      if (source === 'publication_tasks') acc.add(due, dims, { pubDue: 1 });
      else if (source === 'publications') acc.add(due, dims, String(r.publishedOn).slice(0, 10) <= due ? { pubOnTime: 1 } : { pubLate: 1 });
      else acc.add(due, dims, { pubExcluded: 1 });
    }
    await acc.flush(tx);
    await tx.insert(statsSeen).values(rows.map((r) => ({ source, ref: r.id }))).onConflictDoNothing();
    const mark = Math.max(wm?.lastId ?? 0, ...rows.map((r) => new Date(r.at).getTime()));
    await tx.update(statsWatermarks).set({ lastId: mark, updatedAt: clock.now() }).where(eq(statsWatermarks.source, source));
    return { n: rows.length, more: rows.length >= limit };
  }

  async function foldOnce(limit: number): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const source of [...ID_SOURCES, ...SEEN_SOURCES]) {
      let total = 0;
      for (;;) {
        const r = await db.transaction(async (tx) => {
          // one folder at a time across processes; the watermark row lock alone would let two read the same batch
          await tx.execute(sql`select pg_advisory_xact_lock(${FOLD_LOCK})`);
          return (ID_SOURCES as readonly string[]).includes(source) ? foldIdSource(tx, source as IdSource, limit) : foldSeenSource(tx, source as SeenSource, limit);
        });
        total += r.n;
        if (!r.more) break;
      }
      out[source] = total;
    }
    return out;
  }

  const service: RollupService = {
    async fold(opts = {}) {
      const p = foldOnce(opts.batchSize ?? 5000);
      running = p;
      try {
        return await p;
      } finally {
        running = null;
      }
    },
    async rebuild() {
      await db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(${FOLD_LOCK})`);
        await tx.delete(statsDaily);
        await tx.delete(statsRegion);
        await tx.delete(statsStatus);
        await tx.delete(statsSeen);
        await tx.delete(statsWatermarks);
      });
      itemCache = null;
      return service.fold();
    },
    start(intervalMs, onError) {
      if (timer) return;
      timer = setInterval(() => {
        if (running) return;
        service.fold().catch(onError);
      }, intervalMs);
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      if (running) await running.catch(() => undefined);
    },
  };
  return service;
}

/** '/130000/130300/130322/' → '/', '/130000/', '/130000/130300/', '/130000/130300/130322/': every node a region total counts in. */
export function regionAncestors(regionPath: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < regionPath.length; i++) if (regionPath[i] === '/') out.push(regionPath.slice(0, i + 1));
  return out;
}

export function snake(k: string): string {
  return k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
