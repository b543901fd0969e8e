import { AppError, GRANULARITIES, STATS_COUNTERS, STATS_KINDS, type Granularity, type StatsKind } from '@zhifa/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, ErrorResponse, IdParams, meta, stdErrors } from '../../lib/http.ts';
import { publicReportOut, type AnnualReportService } from './annual-reports.service.ts';
import type { RollupService } from './rollup.service.ts';
import type { StatisticsService } from './statistics.service.ts';

const isoDate = z.iso.date();
/**
 * Filters of every dashboard query. There is no officer/person parameter: statistics stop at the agency (行政处罚法
 * Art.74; 国办发〔2022〕27号 §三(六)); unknown parameters are refused, so `?groupBy=officer` cannot sneak one in.
 */
const Filters = z
  .object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    regionPath: z.string().regex(/^\/(\d+\/)*$/).optional().describe('region subtree, e.g. /130000/130300/130322/'),
    agencyId: z.uuid().optional(),
    kind: z.enum(STATS_KINDS as [StatsKind, ...StatsKind[]]).optional(),
    category: z.string().max(40).optional().describe('enforcement item category (ITEM_CATEGORIES)'),
    procedure: z.enum(['ordinary', 'simplified']).optional(),
  })
  .strict();
const SeriesQuery = Filters.extend({ granularity: z.enum(GRANULARITIES as [Granularity, ...Granularity[]]).default('month') }).strict();

const Counters = z.object(Object.fromEntries(STATS_COUNTERS.map((k) => [k, z.number()])) as Record<(typeof STATS_COUNTERS)[number], z.ZodNumber>);
const Metrics = z.object({
  fineAverage: z.number().nullable(),
  reviewCoverage: z.number().nullable(),
  avCoverage: z.number().nullable(),
  licenceOnTimeRate: z.number().nullable(),
  inspectionProblemRate: z.number().nullable(),
  publicationOnTimeRate: z.number().nullable(),
  publicationOverdue: z.number(),
});
const FilterOut = z.object({ from: z.string(), to: z.string(), regionPath: z.string().optional(), agencyId: z.string().optional(), kind: z.string().optional(), category: z.string().optional(), procedure: z.string().optional() });
const WithMetrics = { counters: Counters, metrics: Metrics };

const ReportItem = z.object({ key: z.string(), zh: z.string(), en: z.string(), unit: z.string(), value: z.number().nullable(), source: z.string().nullable() });
const ReportContent = z.object({
  year: z.number(),
  agencyName: z.string(),
  regionName: z.string().nullable(),
  generatedAt: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  items: z.array(ReportItem),
  byCategory: z.array(z.object({ category: z.string(), opened: z.number(), decided: z.number() })),
  note: z.string().nullable(),
});
const PublicReport = z.object({ id: z.uuid(), agencyId: z.uuid(), agencyName: z.string(), regionPath: z.string(), year: z.number(), publishedAt: z.string().nullable(), content: ReportContent });
const Report = PublicReport.extend({ status: z.string(), version: z.number(), allowedActions: z.array(z.string()), dueOn: z.string(), updatedAt: z.string() });
const Pending = z.object({ agencyId: z.uuid(), agencyName: z.string(), regionPath: z.string(), year: z.number(), dueOn: z.string(), reportId: z.uuid().nullable(), reportStatus: z.string().nullable(), state: z.string() });
const Format = z.object({ id: z.uuid(), format: z.enum(['pdf', 'xlsx']) });
const YearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2200).optional() });

function send(reply: { header(k: string, v: string): unknown; type(t: string): { send(b: Buffer): unknown } }, f: { body: Buffer; fileName: string; contentType: string }) {
  reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`);
  reply.header('cache-control', 'no-store');
  return reply.type(f.contentType).send(f.body);
}

/** /api/v1/statistics: 监督驾驶舱 queries over the rollup, the annual statistics export and the annual reports. */
export function statisticsRoutes(s: StatisticsService, reports: AnnualReportService, rollup: RollupService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['statistics'];
    app.get('/statistics/overview', { schema: { tags, summary: 'Dashboard totals, rates and status breakdown in scope', querystring: Filters, response: { 200: z.object({ filter: FilterOut, ...WithMetrics, statuses: z.array(z.object({ kind: z.string(), status: z.string(), count: z.number() })), procedures: z.array(z.object({ procedure: z.string(), opened: z.number(), decided: z.number() })), panels: z.array(z.string()) }), ...stdErrors } } }, async (req) =>
      s.overview(actorOf(req), req.query),
    );
    app.get('/statistics/regions', { schema: { tags, summary: 'Drill-down: each child region of the chosen region (province → city → county → township)', querystring: Filters, response: { 200: z.object({ filter: FilterOut, regionName: z.string().nullable(), own: z.object(WithMetrics).nullable(), children: z.array(z.object({ regionPath: z.string(), name: z.string(), ...WithMetrics })) }), ...stdErrors } } }, async (req) =>
      s.byRegion(actorOf(req), req.query),
    );
    app.get('/statistics/agencies', { schema: { tags, summary: 'Per agency (the finest grain: no per-officer figures, 行政处罚法 Art.74)', querystring: Filters, response: { 200: z.object({ filter: FilterOut, items: z.array(z.object({ agencyId: z.uuid(), name: z.string(), regionPath: z.string(), ...WithMetrics })) }), ...stdErrors } } }, async (req) =>
      s.byAgency(actorOf(req), req.query),
    );
    app.get('/statistics/series', { schema: { tags, summary: 'Time series by day, month, quarter or year', querystring: SeriesQuery, response: { 200: z.object({ filter: FilterOut, granularity: z.string(), points: z.array(z.object({ bucket: z.string(), ...WithMetrics })) }), ...stdErrors } } }, async (req) =>
      s.series(actorOf(req), req.query),
    );
    app.get('/statistics/categories', { schema: { tags, summary: 'Breakdown by enforcement kind, item category and procedure', querystring: Filters, response: { 200: z.object({ filter: FilterOut, items: z.array(z.object({ kind: z.string(), category: z.string(), procedure: z.string(), ...WithMetrics })) }), ...stdErrors } } }, async (req) =>
      s.categories(actorOf(req), req.query),
    );
    app.get('/statistics/panels', { schema: { tags, summary: 'Panels plugged in by other modules (warnings, evaluation, satisfaction), only those registered', querystring: Filters, response: { 200: z.object({ filter: FilterOut, items: z.array(z.object({ key: z.string(), label: z.object({ zh: z.string(), en: z.string() }), value: z.number().nullable(), unit: z.string(), rows: z.array(z.object({ label: z.string(), value: z.number().nullable() })).optional() })) }), ...stdErrors } } }, async (req) =>
      s.panels(actorOf(req), req.query),
    );
    app.get(
      '/statistics/export.:format',
      { schema: { tags, summary: 'Annual statistics of the region (or own agency) as Excel or PDF', params: z.object({ format: z.enum(['pdf', 'xlsx']) }), querystring: z.object({ year: z.coerce.number().int().min(2000).max(2200), regionPath: z.string().regex(/^\/(\d+\/)*$/).optional() }), response: { 200: z.any(), ...stdErrors } } },
      async (req, reply) => send(reply, await reports.statisticsExport(actorOf(req), req.query, req.params.format)),
    );
    app.post('/statistics/fold', { schema: { tags, summary: 'Fold new events into the rollup now (it also runs on a timer); idempotent', body: z.object({}).optional(), response: { 200: z.record(z.string(), z.number()), ...stdErrors } } }, async (req) => {
      const a = actorOf(req);
      if (!['supervisor', 'system_admin', 'agency_head'].includes(a.role)) throw new AppError('FORBIDDEN', { details: { yourRole: a.role } });
      return rollup.fold();
    });
    app.post('/statistics/rebuild', { schema: { tags, summary: 'Recompute the whole rollup from the event tables (system administrator)', body: z.object({}).optional(), response: { 200: z.record(z.string(), z.number()), ...stdErrors } } }, async (req) => {
      const a = actorOf(req);
      if (a.role !== 'system_admin') throw new AppError('FORBIDDEN', { details: { yourRole: a.role } });
      return rollup.rebuild();
    });

    // ---- 行政执法统计年报 (118号 §二(六)) ----
    app.get('/statistics/annual-reports', { schema: { tags, summary: 'Annual enforcement data reports in scope', querystring: YearQuery, response: { 200: z.array(Report), ...stdErrors } } }, async (req) => reports.list(actorOf(req), req.query));
    app.get('/statistics/annual-reports/deadlines', { schema: { tags, summary: 'Agencies in scope that have not published the report due on 31 January', querystring: z.object({ year: z.coerce.number().int().min(2000).max(2200) }), response: { 200: z.array(Pending), ...stdErrors } } }, async (req) =>
      reports.deadlines(actorOf(req), req.query.year),
    );
    app.get(
      '/statistics/annual-reports/todo',
      {
        schema: {
          tags,
          summary: "我的待办: the agency head's \"publish last year's annual report\" from 1 January until published (due 31 January, 118号)",
          response: { 200: z.object({ items: z.array(Pending.omit({ regionPath: true, state: true }).extend({ kind: z.literal('annual_report_publish'), titleZh: z.string(), title: z.string(), overdue: z.boolean(), daysLeft: z.number(), citation: z.string() })) }), ...stdErrors },
        },
      },
      async (req) => reports.todo(actorOf(req)),
    );
    app.post('/statistics/annual-reports', { schema: { tags, summary: "Generate (or regenerate) the agency's report on a finished year from the data (agency head)", body: z.object({ agencyId: z.uuid(), year: z.number().int().min(2000).max(2200) }), response: { 200: Report, ...stdErrors } } }, async (req) =>
      reports.generate(actorOf(req), req.body, meta(req)),
    );
    app.get('/statistics/annual-reports/:id', { schema: { tags, summary: 'One annual report', params: IdParams, response: { 200: Report, ...stdErrors } } }, async (req) => reports.get(actorOf(req), req.params.id));
    for (const action of ['approve', 'publish'] as const) {
      app.post(`/statistics/annual-reports/:id/${action}`, { schema: { tags, summary: action === 'approve' ? 'The agency head reviews the report' : 'Publish the reviewed report on the portal (agency head)', params: IdParams, body: z.object({ version: z.number().int() }), response: { 200: Report, ...stdErrors } } }, async (req) =>
        reports[action](actorOf(req), req.params.id, req.body, meta(req)),
      );
    }
    app.post('/statistics/annual-reports/:id/withdraw', { schema: { tags, summary: 'Withdraw a published report with a reason (agency head)', params: IdParams, body: z.object({ version: z.number().int(), reason: z.string().trim().min(1).max(500) }), response: { 200: Report, ...stdErrors } } }, async (req) =>
      reports.withdraw(actorOf(req), req.params.id, req.body, meta(req)),
    );
    app.get('/statistics/annual-reports/:id/report.:format', { schema: { tags, summary: 'The report as PDF or Excel', params: Format, response: { 200: z.any(), ...stdErrors } } }, async (req, reply) =>
      send(reply, await reports.file(actorOf(req), req.params.id, req.params.format)),
    );
  };
}

/** /api/v1/public/annual-reports: published reports, no login; agency-level figures only. */
export function statisticsPublicRoutes(reports: AnnualReportService): FastifyPluginAsyncZod {
  return async (app) => {
    const cfg = { public: true } as const;
    const errs = { 400: ErrorResponse, 404: ErrorResponse };
    const tags = ['public'];
    app.get('/annual-reports', { config: cfg, schema: { tags, summary: "Agencies' published annual enforcement data reports (行政执法统计年报)", querystring: YearQuery, response: { 200: z.array(PublicReport), ...errs } } }, async (req) => reports.listPublished(req.query));
    app.get('/annual-reports/:id', { config: cfg, schema: { tags, summary: 'One published annual report', params: IdParams, response: { 200: PublicReport, ...errs } } }, async (req) =>
      publicReportOut(await reports.getPublished(req.params.id)),
    );
    app.get('/annual-reports/:id/report.:format', { config: cfg, schema: { tags, summary: 'A published annual report as PDF or Excel', params: Format, response: { 200: z.any(), ...errs } } }, async (req, reply) =>
      send(reply, await reports.publicFile(req.params.id, req.params.format)),
    );
  };
}
