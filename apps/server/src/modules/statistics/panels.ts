import { and, eq, gte, isNotNull, lte, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { escapeLike } from '../../lib/actor.ts';
import { evaluationFiles, returnVisitRecords } from '../evaluation/index.ts';
import { complaints } from '../publicity/index.ts';
import { supervisionWarnings } from '../supervision/index.ts';
import type { StatisticsService, StatsFilter } from './statistics.service.ts';

/** The dashboard's scope (already narrowed to the actor by the statistics service) on another module's table. */
function scopeOf(t: { regionPath: AnyColumn; agencyId: AnyColumn }, f: StatsFilter): SQL[] {
  const out: SQL[] = [];
  if (f.regionPath) out.push(sql`${t.regionPath} like ${`${escapeLike(f.regionPath)}%`}`);
  if (f.agencyId) out.push(eq(t.agencyId, f.agencyId));
  return out;
}
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);

/**
 * The supervision panels of the dashboard (issue #6 item 8: warnings, evaluation scores, satisfaction), read from the
 * modules that own the data and scoped like every other figure. Agency-level only: nothing is grouped by officer
 * (行政处罚法 Art.74; 国办发〔2022〕27号).
 */
export function registerSupervisionPanels(statistics: StatisticsService, db: Db): void {
  statistics.registerMetricProvider('supervision_warnings', {
    label: { zh: '监督预警（期间内产生）', en: 'Early warnings raised in the period' },
    async compute(_actor, f) {
      const rows = await db
        .select({ severity: supervisionWarnings.severity, n: sql<number>`count(*)::int`, open: sql<number>`count(*) filter (where ${supervisionWarnings.endedAt} is null)::int` })
        .from(supervisionWarnings)
        .where(and(...scopeOf(supervisionWarnings, f), sql`(${supervisionWarnings.raisedAt} at time zone 'Asia/Shanghai')::date between ${f.from} and ${f.to}`))
        .groupBy(supervisionWarnings.severity)
        .orderBy(supervisionWarnings.severity);
      const label: Record<string, string> = { serious: '严重', warning: '预警', info: '提示' };
      return {
        value: rows.reduce((s, r) => s + r.n, 0),
        unit: '条',
        rows: rows.flatMap((r) => [
          { label: `${label[r.severity] ?? r.severity}`, value: r.n },
          { label: `${label[r.severity] ?? r.severity}（未结）`, value: r.open },
        ]),
      };
    },
  });
  statistics.registerMetricProvider('evaluation_scores', {
    label: { zh: '案卷评查平均分', en: 'Case-file evaluation: average score' },
    async compute(_actor, f) {
      const [r] = await db
        .select({ avg: sql<string | null>`avg(${evaluationFiles.score})`, n: sql<number>`count(*)::int`, failed: sql<number>`count(*) filter (where ${evaluationFiles.grade} = 'fail')::int` })
        .from(evaluationFiles)
        .where(and(...scopeOf(evaluationFiles, f), isNotNull(evaluationFiles.score)));
      return {
        value: num(r?.avg),
        unit: '分',
        rows: [
          { label: '已评案卷', value: r?.n ?? 0 },
          { label: '不合格案卷', value: r?.failed ?? 0 },
        ],
      };
    },
  });
  statistics.registerMetricProvider('satisfaction', {
    label: { zh: '群众满意度（1–5）', en: 'Satisfaction (1–5)' },
    async compute(_actor, f) {
      const [v] = await db
        .select({ avg: sql<string | null>`avg(${returnVisitRecords.satisfaction})`, n: sql<number>`count(${returnVisitRecords.satisfaction})::int` })
        .from(returnVisitRecords)
        .where(and(...scopeOf(returnVisitRecords, f), gte(returnVisitRecords.visitedOn, f.from), lte(returnVisitRecords.visitedOn, f.to)));
      const [c] = await db
        .select({ avg: sql<string | null>`avg(${complaints.satisfaction})`, n: sql<number>`count(${complaints.satisfaction})::int` })
        .from(complaints)
        .where(and(...scopeOf(complaints, f), sql`(${complaints.createdAt} at time zone 'Asia/Shanghai')::date between ${f.from} and ${f.to}`));
      const n = (v?.n ?? 0) + (c?.n ?? 0);
      const total = (Number(v?.avg ?? 0) * (v?.n ?? 0)) + (Number(c?.avg ?? 0) * (c?.n ?? 0));
      return {
        value: n ? num(total / n) : null,
        unit: '分',
        rows: [
          { label: '回访满意度', value: num(v?.avg) },
          { label: '投诉举报评价', value: num(c?.avg) },
          { label: '评价数', value: n },
        ],
      };
    },
  });
}
