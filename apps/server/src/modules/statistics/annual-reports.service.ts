import {
  ANNUAL_REPORT_CITATION,
  ANNUAL_REPORT_ITEMS,
  annualReportActions,
  annualReportDeadlineState,
  annualReportDueOn,
  annualReportTodo,
  AppError,
  formatRate,
  ITEM_CATEGORY_LABELS,
  nextAnnualReportStatus,
  reportingYearOn,
  ROLE_SCOPE,
  STATS_KIND_LABELS,
  type AnnualReportAction,
  type AnnualReportStatus,
  type ItemCategory,
  type StatsKind,
} from '@zhifa/domain';
import { and, asc, desc, eq, inArray, isNull, like, ne, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { escapeLike, isInScope, requirePermission, type Actor } from '../../lib/actor.ts';
import { chinaDate, type Clock } from '../../lib/clock.ts';
import type { AuditService } from '../audit/index.ts';
import { registryTables } from '../registry/index.ts';
import { renderStatsPdf, renderStatsXlsx, type StatsDocument } from './export.ts';
import { annualReportEvents, annualReports, type AnnualReportContent } from './statistics.schema.ts';
import type { StatisticsService } from './statistics.service.ts';

type Audit = AuditService;
type Row = typeof annualReports.$inferSelect;

/** The platform itself generating drafts (demo seed, the January job): recorded as such in the events. */
export const SYSTEM_ACTOR: Actor = { userId: '00000000-0000-4000-8000-000000000000', username: 'system', displayName: '系统', role: 'system_admin', agencyId: null, regionCode: '100000', regionPath: '/' };

/** Public face of a report: agency-level aggregates only; no person, no actor ids (nothing personal to leak). */
export function publicReportOut(r: Row) {
  return { id: r.id, agencyId: r.agencyId, agencyName: r.agencyName, regionPath: r.regionPath, year: r.year, publishedAt: r.publishedAt?.toISOString() ?? null, content: r.content };
}

export function reportOut(r: Row) {
  return { ...publicReportOut(r), status: r.status as AnnualReportStatus, version: r.version, allowedActions: annualReportActions(r.status as AnnualReportStatus), dueOn: annualReportDueOn(r.year), updatedAt: r.updatedAt.toISOString() };
}

export function createAnnualReportService(deps: { db: Db; audit: Audit; clock: Clock; statistics: StatisticsService }) {
  const { db, audit, clock, statistics } = deps;

  async function agencyOf(tx: Db, id: string) {
    const [a] = await tx.select({ id: registryTables.subjects.id, name: registryTables.subjects.name, regionPath: registryTables.subjects.regionPath, regionCode: registryTables.subjects.regionCode }).from(registryTables.subjects).where(eq(registryTables.subjects.id, id));
    return a ?? null;
  }

  /** The figures of `year` for one agency, read from the rollup (not from the case tables). */
  async function contentFor(tx: Db, agency: { id: string; name: string; regionCode: string }, year: number): Promise<AnnualReportContent> {
    const f = { from: `${year}-01-01`, to: `${year}-12-31`, agencyId: agency.id };
    const { counters: c, metrics: m } = await statistics.totalsOf(f);
    const cats = await statistics.categoriesOf(f);
    const sumKind = (kind: StatsKind, key: 'opened' | 'decided', procedure?: string) => cats.filter((x) => x.kind === kind && (!procedure || x.procedure === procedure)).reduce((s, x) => s + x.counters[key], 0);
    const values: Record<string, number | null> = {
      licenceDecided: c.licenceDecided,
      licenceGranted: c.licenceGranted,
      licenceOnTimeRate: m.licenceOnTimeRate,
      penaltyOpened: sumKind('penalty', 'opened'),
      penaltyDecided: sumKind('penalty', 'decided'),
      simplifiedDecided: sumKind('penalty', 'decided', 'simplified'),
      fineCount: c.fineCount,
      fineTotal: c.fineTotal,
      majorDecided: c.majorDecided,
      majorReviewed: c.majorReviewed,
      coercionApplied: c.coercionApplied,
      inspectionDone: c.inspectionDone,
      inspectionProblem: c.inspectionProblem,
      publicationOnTimeRate: m.publicationOnTimeRate,
    };
    const [region] = await tx.select({ name: registryTables.regions.name }).from(registryTables.regions).where(eq(registryTables.regions.code, agency.regionCode));
    const byCat = new Map<string, { opened: number; decided: number }>();
    for (const x of cats) {
      const e = byCat.get(x.kind) ?? { opened: 0, decided: 0 };
      byCat.set(x.kind, { opened: e.opened + x.counters.opened, decided: e.decided + x.counters.decided });
    }
    const noSource = ANNUAL_REPORT_ITEMS.filter((i) => i.source === null);
    return {
      year,
      agencyName: agency.name,
      regionName: region?.name ?? null,
      generatedAt: clock.now().toISOString(),
      periodFrom: f.from,
      periodTo: f.to,
      items: ANNUAL_REPORT_ITEMS.map((i) => ({ key: i.key, zh: i.zh, en: i.en, unit: i.unit, value: i.source === null ? null : (values[i.key] ?? null), source: i.source })),
      byCategory: [...byCat.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([category, v]) => ({ category, ...v })),
      note: noSource.length ? `以下项目平台尚无数据来源，未予统计：${noSource.map((i) => i.zh).join('、')}。` : null,
    };
  }

  function checkTransition(r: Row, action: AnnualReportAction): AnnualReportStatus {
    const to = nextAnnualReportStatus(r.status as AnnualReportStatus, action);
    if (!to) {
      throw new AppError('INVALID_TRANSITION', {
        message: `The report is ${r.status}; ${action} is not allowed.`,
        messageZh: '当前状态下不允许该操作。',
        details: { status: r.status, action, allowedActions: annualReportActions(r.status as AnnualReportStatus) },
      });
    }
    return to;
  }

  /** The head of the agency reviews and publishes its own report (118号 §二(六): the agency publishes). */
  function requireHeadOf(actor: Actor, agencyId: string) {
    if (actor.role !== 'agency_head' || actor.agencyId !== agencyId) {
      throw new AppError('FORBIDDEN', { message: "The agency's head reviews and publishes its annual report.", messageZh: '统计年报由本机关负责人审核、公开。', details: { citation: ANNUAL_REPORT_CITATION, yourRole: actor.role } });
    }
  }

  async function getScoped(tx: Db, actor: Actor, id: string): Promise<Row> {
    const [r] = await tx.select().from(annualReports).where(eq(annualReports.id, id));
    if (!r || !isInScope(actor, { regionPath: r.regionPath, agencyId: r.agencyId })) throw new AppError('NOT_FOUND');
    return r;
  }

  async function appendEvent(tx: Db, actor: Actor, r: Row, action: AnnualReportAction, from: string | null, to: string, payload: Record<string, unknown>, requestId?: string) {
    const now = clock.now();
    await audit.appendRecords(tx, 'annual_report_event', await tx.insert(annualReportEvents).values({ reportId: r.id, seq: r.version, action, fromStatus: from, toStatus: to, actorId: actor.userId, actorRole: actor.role, payload, occurredAt: now }).returning());
    await audit.recordChange(tx, { actor: actor === SYSTEM_ACTOR ? null : actor, requestId, entityType: 'annual_report', entityId: r.id, action, before: from ? { status: from } : undefined, after: { status: to, year: r.year }, regionPath: r.regionPath, agencyId: r.agencyId });
  }

  async function generateIn(tx: Db, actor: Actor, agencyId: string, year: number, requestId?: string): Promise<Row> {
    const agency = await agencyOf(tx, agencyId);
    if (!agency) throw new AppError('NOT_FOUND');
    const content = await contentFor(tx, agency, year);
    const now = clock.now();
    const [existing] = await tx.select().from(annualReports).where(and(eq(annualReports.agencyId, agencyId), eq(annualReports.year, year))).for('update');
    if (!existing) {
      const [r] = await tx.insert(annualReports).values({ id: randomUUID(), agencyId, agencyName: agency.name, regionPath: agency.regionPath, year, status: 'draft', content, version: 1, createdAt: now, updatedAt: now }).returning();
      await appendEvent(tx, actor, r!, 'generate', null, 'draft', { content }, requestId);
      return r!;
    }
    checkTransition(existing, 'generate');
    const [r] = await tx.update(annualReports).set({ status: 'draft', content, agencyName: agency.name, version: existing.version + 1, updatedAt: now }).where(eq(annualReports.id, existing.id)).returning();
    await appendEvent(tx, actor, r!, 'generate', existing.status, 'draft', { content }, requestId);
    return r!;
  }

  async function step(actor: Actor, id: string, action: 'approve' | 'publish' | 'withdraw', input: { version: number; reason?: string | undefined }, meta: { requestId?: string }) {
    return reportOut(
      await db.transaction(async (tx) => {
        const r = await getScoped(tx, actor, id);
        requireHeadOf(actor, r.agencyId);
        const to = checkTransition(r, action);
        if (action === 'withdraw' && !input.reason?.trim()) {
          throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['reason'], message: 'state the public reason for the withdrawal', messageZh: '须填写撤回理由' }] } });
        }
        const now = clock.now();
        const [u] = await tx
          .update(annualReports)
          .set({ status: to, version: r.version + 1, updatedAt: now, ...(action === 'publish' ? { publishedAt: now } : {}) })
          .where(and(eq(annualReports.id, id), eq(annualReports.version, input.version)))
          .returning();
        if (!u) throw new AppError('VERSION_CONFLICT', { details: { expectedVersion: input.version } });
        await appendEvent(tx, actor, u, action, r.status, to, { ...(input.reason ? { reason: input.reason } : {}), ...(action === 'publish' ? { content: u.content } : {}) }, meta.requestId);
        return u;
      }),
    );
  }

  async function documentOf(r: Row): Promise<StatsDocument> {
    const c = r.content;
    // a rate over nothing is '—' (formatRate); an item without any data source says so
    const fmt = (v: number | null, unit: string, source: string | null) => (source === null ? '暂无数据来源' : unit === '%' ? formatRate(v) : (v ?? '—'));
    return {
      title: `${c.agencyName}${c.year}年度行政执法数据统计年报`,
      subtitle: `统计期间 ${c.periodFrom} 至 ${c.periodTo}  生成于 ${chinaDate(new Date(c.generatedAt))}${r.publishedAt ? `  公开于 ${chinaDate(r.publishedAt)}` : ''}`,
      tables: [
        { heading: '一、主要执法数据', columns: [{ label: '项目', width: 34 }, { label: '单位', width: 8 }, { label: '数值', width: 16 }, { label: '数据来源', width: 24 }], rows: c.items.map((i) => [i.zh, i.unit, fmt(i.value, i.unit, i.source), i.source ?? '尚无数据来源']) },
        { heading: '二、按执法行为类别', columns: [{ label: '类别', width: 30 }, { label: '受理/立案', width: 16 }, { label: '办结/决定', width: 16 }], rows: c.byCategory.map((x) => [STATS_KIND_LABELS[x.category as StatsKind]?.zh ?? ITEM_CATEGORY_LABELS[x.category as ItemCategory]?.zh ?? x.category, x.opened, x.decided]) },
      ],
      notes: [`依据：${ANNUAL_REPORT_CITATION}。`, ...(c.note ? [c.note] : []), '本年报仅含机关层面的汇总数据，不含任何个人信息；罚没款不与执法人员考核挂钩（行政处罚法第七十四条）。'],
    };
  }

  async function fileOf(r: Row, format: 'xlsx' | 'pdf'): Promise<{ body: Buffer; fileName: string; contentType: string }> {
    const d = await documentOf(r);
    const fileName = `${r.year}-annual-report-${r.agencyId.slice(0, 8)}.${format}`;
    return format === 'xlsx'
      ? { body: await renderStatsXlsx(d), fileName, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }
      : { body: await renderStatsPdf(d), fileName, contentType: 'application/pdf' };
  }

  /**
   * Agencies in scope that have not published their report on `year` (due 31 January, 118号 §二(六)), with the state
   * of the deadline: other modules (warnings, to-do lists) call this to raise their notices.
   */
  async function pendingAnnualReports(scope: { regionPath?: string | undefined; agencyId?: string | undefined }, year: number, today = chinaDate(clock.now())) {
    const conds = [isNull(registryTables.subjects.withdrawnAt), ne(registryTables.subjects.status, 'revoked')];
    if (scope.agencyId) conds.push(eq(registryTables.subjects.id, scope.agencyId));
    if (scope.regionPath) conds.push(like(registryTables.subjects.regionPath, `${escapeLike(scope.regionPath)}%`));
    const agencies = await db.select({ id: registryTables.subjects.id, name: registryTables.subjects.name, regionPath: registryTables.subjects.regionPath }).from(registryTables.subjects).where(and(...conds)).orderBy(asc(registryTables.subjects.regionPath), asc(registryTables.subjects.name));
    const reports = agencies.length ? await db.select({ agencyId: annualReports.agencyId, status: annualReports.status, id: annualReports.id }).from(annualReports).where(and(eq(annualReports.year, year), inArray(annualReports.agencyId, agencies.map((a) => a.id)))) : [];
    const byAgency = new Map(reports.map((r) => [r.agencyId, r]));
    return agencies
      .map((a) => {
        const r = byAgency.get(a.id);
        return { agencyId: a.id, agencyName: a.name, regionPath: a.regionPath, year, dueOn: annualReportDueOn(year), reportId: r?.id ?? null, reportStatus: (r?.status ?? null) as AnnualReportStatus | null, state: annualReportDeadlineState(year, today, r?.status === 'published') };
      })
      .filter((x) => x.state !== 'published');
  }

  return {
    pendingAnnualReports,

    /**
     * 我的待办 for an agency head: "publish last year's annual report" from 1 January until published, overdue after
     * 31 January (computed, domain annualReportTodo). Other roles have no such item: the head publishes (118号).
     */
    async todo(actor: Actor) {
      requirePermission(actor, 'case.read');
      if (actor.role !== 'agency_head' || !actor.agencyId) return { items: [] };
      const today = chinaDate(clock.now());
      const [p] = await pendingAnnualReports({ agencyId: actor.agencyId }, reportingYearOn(today), today);
      const item = annualReportTodo(today, !p);
      return { items: p && item ? [{ kind: 'annual_report_publish' as const, titleZh: `公开${item.year}年度行政执法统计年报`, title: `Publish the ${item.year} annual enforcement report`, agencyId: p.agencyId, agencyName: p.agencyName, reportId: p.reportId, reportStatus: p.reportStatus, ...item }] : [] };
    },

    /**
     * Warning finder (statistics.annual_report_overdue): agencies that have not published last year's report after
     * 31 January. One finding per agency and year; it resolves when the report is published.
     */
    async overdueFindings(asOf: Date) {
      const today = chinaDate(asOf);
      const year = reportingYearOn(today);
      return (await pendingAnnualReports({}, year, today))
        .filter((p) => p.state === 'overdue')
        .map((p) => ({ ruleKey: 'statistics.annual_report_overdue', agencyId: p.agencyId, regionPath: p.regionPath, subjectType: 'agency' as const, subjectId: `${p.agencyId}:${year}`, subjectLabel: `${p.agencyName} ${year}年度统计年报`, dueOn: p.dueOn, details: { year, reportId: p.reportId, reportStatus: p.reportStatus, citation: ANNUAL_REPORT_CITATION } }));
    },

    async generate(actor: Actor, input: { agencyId: string; year: number }, meta: { requestId?: string }) {
      requirePermission(actor, 'case.read');
      const agency = await agencyOf(db, input.agencyId);
      if (!agency || !isInScope(actor, { regionPath: agency.regionPath, agencyId: agency.id })) throw new AppError('NOT_FOUND');
      requireHeadOf(actor, input.agencyId);
      if (input.year >= Number(chinaDate(clock.now()).slice(0, 4))) {
        throw new AppError('RULE_VIOLATION', { message: 'The annual report covers a finished year.', messageZh: '统计年报只能针对已结束的年度生成。', details: { citation: ANNUAL_REPORT_CITATION, year: input.year } });
      }
      return reportOut(await db.transaction((tx) => generateIn(tx, actor, input.agencyId, input.year, meta.requestId)));
    },

    /** Drafts for every agency in scope without one (demo seed; the platform's January run). */
    async generateDrafts(year: number, scope: { regionPath?: string } = {}) {
      const pending = await pendingAnnualReports(scope, year);
      let n = 0;
      for (const p of pending.filter((x) => x.reportStatus === null)) {
        await db.transaction((tx) => generateIn(tx, SYSTEM_ACTOR, p.agencyId, year));
        n++;
      }
      return n;
    },

    approve: (actor: Actor, id: string, input: { version: number }, meta: { requestId?: string }) => step(actor, id, 'approve', input, meta),
    publish: (actor: Actor, id: string, input: { version: number }, meta: { requestId?: string }) => step(actor, id, 'publish', input, meta),
    withdraw: (actor: Actor, id: string, input: { version: number; reason: string }, meta: { requestId?: string }) => step(actor, id, 'withdraw', input, meta),

    async list(actor: Actor, q: { year?: number | undefined }) {
      requirePermission(actor, 'case.read');
      const conds = [ROLE_SCOPE[actor.role] === 'agency' ? (actor.agencyId ? eq(annualReports.agencyId, actor.agencyId) : sql`false`) : like(annualReports.regionPath, `${escapeLike(actor.regionPath)}%`)];
      if (q.year) conds.push(eq(annualReports.year, q.year));
      const rows = await db.select().from(annualReports).where(and(...conds)).orderBy(desc(annualReports.year), asc(annualReports.regionPath), asc(annualReports.agencyName));
      return rows.map(reportOut);
    },

    async get(actor: Actor, id: string) {
      requirePermission(actor, 'case.read');
      return reportOut(await getScoped(db, actor, id));
    },

    async file(actor: Actor, id: string, format: 'xlsx' | 'pdf') {
      requirePermission(actor, 'case.read');
      return fileOf(await getScoped(db, actor, id), format);
    },

    async deadlines(actor: Actor, year: number) {
      requirePermission(actor, 'case.read');
      const scope = ROLE_SCOPE[actor.role] === 'agency' ? { agencyId: actor.agencyId ?? '00000000-0000-0000-0000-000000000000' } : { regionPath: actor.regionPath };
      return pendingAnnualReports(scope, year);
    },

    // ---- public (no login): published reports only ----
    async listPublished(q: { year?: number | undefined }) {
      const conds = [eq(annualReports.status, 'published')];
      if (q.year) conds.push(eq(annualReports.year, q.year));
      const rows = await db.select().from(annualReports).where(and(...conds)).orderBy(desc(annualReports.year), asc(annualReports.regionPath), asc(annualReports.agencyName));
      return rows.map(publicReportOut);
    },
    async getPublished(id: string) {
      const [r] = await db.select().from(annualReports).where(and(eq(annualReports.id, id), eq(annualReports.status, 'published')));
      if (!r) throw new AppError('NOT_FOUND');
      return r;
    },
    publicFile: async (id: string, format: 'xlsx' | 'pdf') => {
      const [r] = await db.select().from(annualReports).where(and(eq(annualReports.id, id), eq(annualReports.status, 'published')));
      if (!r) throw new AppError('NOT_FOUND');
      return fileOf(r, format);
    },

    /** The city's (or county's) annual statistics across its agencies: the supervisor's export (#6 item 8). */
    async statisticsExport(actor: Actor, q: { year: number; regionPath?: string | undefined }, format: 'xlsx' | 'pdf') {
      const f = await statistics.scoped(actor, { from: `${q.year}-01-01`, to: `${q.year}-12-31`, regionPath: q.regionPath });
      const agencies = await statistics.byAgency(actor, { from: f.from, to: f.to, ...(f.regionPath ? { regionPath: f.regionPath } : {}), ...(f.agencyId ? { agencyId: f.agencyId } : {}) });
      const total = await statistics.totalsOf(f);
      const regions = f.regionPath ? await statistics.byRegion(actor, { from: f.from, to: f.to, regionPath: f.regionPath }) : null;
      const row = (name: string, c: typeof total.counters, m: typeof total.metrics) => [name, c.opened, c.decided, c.closed, c.fineCount, c.fineTotal, formatRate(m.reviewCoverage), formatRate(m.publicationOnTimeRate), formatRate(m.licenceOnTimeRate), c.inspectionDone, formatRate(m.inspectionProblemRate)];
      const columns = ['名称', '立案/受理', '决定/办结', '结案', '罚款决定', '罚款金额(元)', '重大决定法制审核率', '按期公示率', '许可按期办结率', '检查', '检查问题发现率'].map((label, i) => ({ label, width: i === 0 ? 30 : 12 }));
      const d: StatsDocument = {
        title: `${regions?.regionName ?? ''}${q.year}年度行政执法统计`,
        subtitle: `统计期间 ${f.from} 至 ${f.to}  导出于 ${chinaDate(clock.now())}`,
        tables: [
          { heading: '合计', columns, rows: [row('合计', total.counters, total.metrics)] },
          ...(regions ? [{ heading: '按地区', columns, rows: [...(regions.own ? [row('本级机关', regions.own.counters, regions.own.metrics)] : []), ...regions.children.map((c) => row(c.name, c.counters, c.metrics))] }] : []),
          { heading: '按执法机关', columns, rows: agencies.items.map((a) => row(a.name, a.counters, a.metrics)) },
        ],
        notes: ['统计至执法机关层级；不按执法人员统计或排名罚没款（行政处罚法第七十四条；国办发〔2022〕27号）。'],
      };
      return format === 'xlsx'
        ? { body: await renderStatsXlsx(d), fileName: `${q.year}-statistics.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }
        : { body: await renderStatsPdf(d), fileName: `${q.year}-statistics.pdf`, contentType: 'application/pdf' };
    },
  };
}
export type AnnualReportService = ReturnType<typeof createAnnualReportService>;
