import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { openBlobStore } from './modules/blobs/index.ts';
import { chinaDate, OffsetClock } from './lib/clock.ts';
import { seedDemoCases, seedDemoCity, seedDemoEnforcement, seedDemoLicensing, seedDemoPublicity, seedDemoSpotChecks, seedDemoReviewChains, seedDemoCommand, seedDemoLiaison, seedDemoEvaluation, seedDemoTransfers, seedDemoSupervision, seedDemoStatistics } from './seed/index.ts';

/** `npm start`: one process — API, back office, portal and job worker — on PGlite unless DATABASE_URL is set. */
async function main() {
  const config = loadConfig();
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.dataDir, poolSize: config.DATABASE_POOL_SIZE });
  const clock = config.CLOCK_ADJUSTABLE ? new OffsetClock(config.CLOCK_START ? new Date(config.CLOCK_START) : undefined) : undefined;
  const { app, services } = await buildApp({ config, database, blobs: openBlobStore(config), runJobs: true, ...(clock ? { clock, adjustableClock: clock } : {}) });
  if (clock) app.log.warn('CLOCK_ADJUSTABLE=true: anyone can move this server\'s clock forward (demo/test only)');
  if (config.SEED_DEMO) {
    const t0 = Date.now();
    // On the server's clock like every seed below (CLOCK_START): certificates, training and assessments date from it.
    const summary = await seedDemoCity(services, database.db, clock ? { now: clock.now() } : {});
    if (!summary.skipped) app.log.info({ summary, ms: Date.now() - t0 }, 'demo city seeded');
    const demoCases = await seedDemoCases(services, database.db, { today: chinaDate((clock ?? { now: () => new Date() }).now()) });
    if (!demoCases.skipped) app.log.info({ cases: demoCases.cases }, 'demo cases seeded');
    const demoLicensing = await seedDemoLicensing(services, database.db, { today: chinaDate((clock ?? { now: () => new Date() }).now()) });
    if (!demoLicensing.skipped) app.log.info({ applications: demoLicensing.applications }, 'demo licence applications seeded');
    const demoEnforcement = await seedDemoEnforcement(services, database.db, { today: chinaDate((clock ?? { now: () => new Date() }).now()) });
    if (!demoEnforcement.skipped) app.log.info(demoEnforcement, 'demo inspections and coercive measures seeded');
    const demoPublicity = await seedDemoPublicity(services, database.db, { today: chinaDate((clock ?? { now: () => new Date() }).now()) });
    if (!demoPublicity.skipped) app.log.info(demoPublicity, 'demo decisions decided and published');
    const demoDraw = await seedDemoSpotChecks(services, database.db, { today: chinaDate((clock ?? { now: () => new Date() }).now()) });
    if (!demoDraw.skipped) app.log.info(demoDraw, 'demo spot-check directory and draw seeded');
    // Before the bureau's 四级审核, so its closed demo cases pass the default one-level review.
    const demoEvaluation = await seedDemoEvaluation(services, database.db, { today: chinaDate((clock ?? { now: () => new Date() }).now()) });
    if (!demoEvaluation.skipped) app.log.info(demoEvaluation, 'demo case-file evaluation and return visits seeded');
    // After the demo cases (which keep the default chain they were submitted under): the bureau's 四级审核.
    if (!(await seedDemoReviewChains(services, database.db, clock ? { now: clock.now() } : {})).skipped) app.log.info('demo review chain (四级审核) seeded');
    const demoCommand = await seedDemoCommand(services, database.db, clock ? { now: clock.now() } : {});
    if (!demoCommand.skipped) app.log.info({ grids: demoCommand.grids, events: demoCommand.events }, 'demo command centre seeded');
    const demoLiaison = await seedDemoLiaison(services, database.db, { today: chinaDate((clock ?? { now: () => new Date() }).now()) });
    if (!demoLiaison.skipped) app.log.info(demoLiaison, 'demo complaints and supervision people seeded');
    const demoTransfers = await seedDemoTransfers(services, database.db, { today: chinaDate((clock ?? { now: () => new Date() }).now()) });
    if (!demoTransfers.skipped) app.log.info(demoTransfers, 'demo case transfers seeded');
    // Last: the warning scan reads everything seeded above.
    const demoSupervision = await seedDemoSupervision(services, database.db, { today: chinaDate((clock ?? { now: () => new Date() }).now()) });
    if (!demoSupervision.skipped) app.log.info(demoSupervision, 'demo supervision warnings and notice seeded');
    // Last: the rollup rebuilt over everything above, last year's annual reports as drafts.
    if (!summary.skipped) {
      const demoStats = await seedDemoStatistics(services, database.db, { today: chinaDate((clock ?? { now: () => new Date() }).now()) });
      app.log.info(demoStats, 'statistics rollup rebuilt, annual report drafts generated');
    }
  }
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.PORT, host: config.HOST });
  app.log.info(`Zhifa ready: http://localhost:${config.PORT}/ (back office /admin, API docs /api/docs, database ${database.kind})`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
