import type { Services } from '../app.ts';

/**
 * After the demo cases: fold every event into the statistics rollup from scratch, so the dashboards show the demo city
 * at once, and generate last year's annual reports (行政执法统计年报, due 31 January) as drafts for the agency heads to
 * review and publish.
 */
export async function seedDemoStatistics(services: Pick<Services, 'rollup' | 'annualReports'>, opts: { today: string }): Promise<{ folded: Record<string, number>; drafts: number }> {
  const folded = await services.rollup.rebuild();
  const drafts = await services.annualReports.generateDrafts(Number(opts.today.slice(0, 4)) - 1);
  return { folded, drafts };
}
