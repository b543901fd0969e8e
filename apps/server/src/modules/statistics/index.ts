/**
 * statistics: the supervision dashboards (监督驾驶舱, 大屏), the annual statistics export and the agencies' annual
 * enforcement data reports (行政执法统计年报). Reads other modules' append-only event tables into its own rollup; never
 * writes theirs. Other modules plug dashboard panels in with `statistics.registerMetricProvider(key, provider)` and
 * read the 31 January deadline state with `annualReports.pendingAnnualReports(scope, year)`.
 */
export { createRollupService, type RollupService } from './rollup.service.ts';
export { createStatisticsService, type StatisticsService, type MetricProvider, type StatsFilter } from './statistics.service.ts';
export { createAnnualReportService, type AnnualReportService } from './annual-reports.service.ts';
export { statisticsRoutes, statisticsPublicRoutes } from './statistics.routes.ts';
export { registerSupervisionPanels } from './panels.ts';
export { statsDaily, statsRegion, statsStatus, statsWatermarks, annualReports, annualReportEvents } from './statistics.schema.ts';
