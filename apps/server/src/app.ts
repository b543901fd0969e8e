import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './config.ts';
import { withAmbientTransactions, type Database } from './db/client.ts';
import { chinaDate, systemClock, type Clock, type OffsetClock } from './lib/clock.ts';
import { errorCodeList, installErrorHandler, installNotFoundHandler } from './lib/errors.ts';
import { auditRoutes, createAuditService } from './modules/audit/index.ts';
import { createBlobStore, type BlobStore } from './modules/blobs/index.ts';
import { caseRoutes, createCaseDocumentService, createCaseFileService, createCaseService, createNumberingService, createPartyService, partyRoutes } from './modules/cases/index.ts';
import { createLicensingService, licensingRoutes, createEServiceService, createSimplifiedService, eServiceRoutes, simplifiedRoutes } from './modules/cases/index.ts';
import { coercionRoutes, createCoercionService, createInspectionService, inspectionRoutes } from './modules/cases/index.ts';
import { agencyKeyDir, createSealService } from './modules/documents/index.ts';
import { createProcedureDocumentService, procedureDocumentRoutes } from './modules/cases/index.ts';
import { authRoutes, createIdentityService, installAuthHook, userRoutes } from './modules/identity/index.ts';
import { accessRequestRoutes, createAccessRequestService, createEvidenceService, evidenceRoutes } from './modules/evidence/index.ts';
import { createImportService, importRoutes } from './modules/imports/index.ts';
import { commandPublicRoutes, commandRoutes, createCommandService } from './modules/command/index.ts';
import { createTransferService, transferRoutes, transferWarningFinders } from './modules/transfers/index.ts';
import { createSupervisionService, supervisionRoutes } from './modules/supervision/index.ts';
import { createJobRunner } from './modules/jobs/index.ts';
import { createLedgerService, ledgerRoutes, loadSigner } from './modules/ledger/index.ts';
import { complaintRoutes, complaintWarningFinders, createComplaintService, createPublicityService, createPublicReadService, publicityRoutes, publicRoutes } from './modules/publicity/index.ts';
import { createReviewChainService, reviewChainRoutes } from './modules/review/index.ts';
import { createLiaisonService, liaisonPublicRoutes, liaisonRoutes } from './modules/liaison/index.ts';
import { createAnnualReportService, createRollupService, createStatisticsService, registerSupervisionPanels, statisticsPublicRoutes, statisticsRoutes } from './modules/statistics/index.ts';
import {
  createItemService,
  createOfficerService,
  createRegionService,
  createRegistryStatsService,
  createRuleService,
  createSubjectService,
  registryRoutes,
} from './modules/registry/index.ts';
import { createSpotCheckService, spotCheckRoutes } from './modules/spot-checks/index.ts';
import { createEvaluationDocuments, createEvaluationService, createReturnVisitService, evaluationRoutes } from './modules/evaluation/index.ts';

/** A secret kept in DATA_DIR/keys (created once, mode 0600) for a demo that runs without configuration. */
function localSecret(dataDir: string, name: string): string {
  const file = path.join(dataDir, 'keys', name);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      fs.writeFileSync(file, crypto.randomBytes(24).toString('base64url'), { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  return fs.readFileSync(file, 'utf8').trim();
}

export interface AppOptions {
  config: Pick<Config, 'dataDir' | 'COOKIE_SECURE' | 'LOG_LEVEL'> &
    Partial<Pick<Config, 'LEDGER_HASH' | 'LEDGER_SIGNING_KEY' | 'LEDGER_ORIGIN' | 'LEDGER_CHECKPOINT_SECONDS' | 'DOCUMENT_SEAL_PASSWORD'>> & { WEB_DIST?: string | undefined };
  database: Database;
  clock?: Clock;
  /** A clock that POST /api/v1/test/clock may move forward (CLOCK_ADJUSTABLE; demos and end-to-end tests). */
  adjustableClock?: OffsetClock;
  /** Start the background job loop (off in most tests, which drive jobs explicitly). */
  runJobs?: boolean;
  logger?: boolean;
  /** The blob store (`openBlobStore(config)`: disk or S3); the disk store under DATA_DIR/blobs when not given. */
  blobs?: BlobStore;
}

/** Composition root (style.md): config, database, blob store, services, routes — wired here and nowhere else. */
export async function buildApp(opts: AppOptions) {
  const { database } = opts;
  const db = withAmbientTransactions(database.db);
  const clock = opts.clock ?? systemClock;
  const app = Fastify({
    logger: opts.logger === false ? false : { level: opts.config.LOG_LEVEL, redact: ['req.headers.cookie', 'req.headers.authorization'] },
    genReqId: () => crypto.randomUUID(),
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);

  // ---- services ------------------------------------------------------------------------------------------------------
  const ledger = createLedgerService({
    db,
    clock,
    signer: loadSigner({ dataDir: opts.config.dataDir, pem: opts.config.LEDGER_SIGNING_KEY }),
    hashAlg: opts.config.LEDGER_HASH ?? 'sha256',
    origin: opts.config.LEDGER_ORIGIN ?? 'zhifa:demo',
  });
  const audit = createAuditService({ ledger });
  const blobs = opts.blobs ?? createBlobStore({ root: path.join(opts.config.dataDir, 'blobs') });
  const regions = createRegionService({ db, audit });
  const subjects = createSubjectService({ db, audit, regions });
  const rules = createRuleService({ db, audit, regions });
  const officers = createOfficerService({ db, audit, clock, regions, subjects, rules, blobs });
  const items = createItemService({ db, audit, subjects });
  const stats = createRegistryStatsService({ db, clock, rules });
  const identity = createIdentityService({
    db,
    audit,
    clock,
    regionPathOf: (code) => regions.pathOf(code),
    agencyRegionPathOf: async (id) => (await subjects.findSubject(id))?.regionPath ?? null,
    agencyNamesOf: (ids) => subjects.namesOf(ids),
  });
  const jobs = createJobRunner({ db, clock, log: app.log });
  const evidence = createEvidenceService({
    db,
    blobs,
    audit,
    ledger,
    clock,
    gapToleranceMinutes: async (actor, date) => (await rules.resolve({ regionPath: actor.regionPath, date: chinaDate(date) })).values['record.gapToleranceMinutes'] as number,
  });
  const accessRequests = createAccessRequestService({ db, blobs, audit, ledger, clock });
  const numbering = createNumberingService({ db });
  const parties = createPartyService({ db, audit });
  const caseDocuments = createCaseDocumentService({ numbering, audit });
  const reviewChains = createReviewChainService({ db, audit, clock });
  const cases = createCaseService({ db, audit, clock, rules, numbering, parties, documents: caseDocuments, reviewChains, avRecordedStages: (tx, ref) => evidence.recordedAvStages(tx, ref) });
  const simplified = createSimplifiedService({ db, audit, clock, rules, numbering, parties });
  const seal = createSealService({ keyDir: agencyKeyDir(opts.config.dataDir), password: opts.config.DOCUMENT_SEAL_PASSWORD ?? localSecret(opts.config.dataDir, 'seal-keystore.secret') });
  const caseFiles = createCaseFileService({ db, audit, blobs, seal, documents: caseDocuments, getCase: (actor, id) => cases.get(actor, id) });
  const licensing = createLicensingService({ db, audit, clock, rules, parties });
  const inspections = createInspectionService({ db, audit, clock, rules, cases, avRecordedStages: (tx, ref) => evidence.recordedAvStages(tx, ref) });
  const coercion = createCoercionService({ db, audit, clock, rules, avRecordedStages: (tx, ref) => evidence.recordedAvStages(tx, ref) });
  const procedureDocuments = createProcedureDocumentService({ db, audit, clock, rules, numbering, blobs, seal });
  const eService = createEServiceService({ db, audit, clock, documents: caseDocuments, files: caseFiles });
  const imports = createImportService({ db, audit, blobs, jobs, clock, regions, subjects, officers, items });
  const publicity = createPublicityService({ db, audit, clock, rules });
  const publicRead = createPublicReadService({ db, clock });
  const complaints = createComplaintService({ db, audit, clock, rules, publicRead, cases });
  const spotChecks = createSpotCheckService({ db, audit, clock, blobs, regions, rules });
  const command = createCommandService({ db, audit, clock, rules, blobs, cases, inspections, listen: database.listen });
  const liaison = createLiaisonService({ db, audit, clock, blobs });
  const evaluation = createEvaluationService({ db, audit, clock, rules, getCase: (actor, id) => cases.get(actor, id), caseFilePdf: (actor, id) => caseFiles.caseFilePdf(actor, id) });
  const returnVisits = createReturnVisitService({ db, audit, clock });
  const evaluationDocs = createEvaluationDocuments({ evaluation, clock });
  const transfers = createTransferService({ db, audit, clock, rules, openHandedOver: evidence.openHandedOver });
  const supervision = createSupervisionService({ db, audit, clock, rules, officers });
  // Warnings whose facts live in other modules (transfers, complaints): their finders, evaluated in every scan.
  for (const f of transferWarningFinders) supervision.registerFinder(f.ruleKey, (d, asOf) => f.find(d, asOf));
  for (const f of complaintWarningFinders) supervision.registerFinder(f.ruleKey, (d, asOf) => f.find(d, chinaDate(asOf)));
  const rollup = createRollupService({ db, clock, rules });
  const statistics = createStatisticsService({ db, clock });
  registerSupervisionPanels(statistics, db);
  const annualReports = createAnnualReportService({ db, audit, clock, statistics });
  supervision.registerFinder('statistics.annual_report_overdue', (_d, asOf) => annualReports.overdueFindings(asOf));

  // ---- HTTP ------------------------------------------------------------------------------------------------------------
  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: { fileSize: 50 * 1024 * 1024, files: 1 } });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Zhifa 执法 API',
        version: '0.1.0',
        description:
          'Administrative law enforcement and supervision platform. Errors are `{ error: { code, message, messageZh, details, requestId } }`; codes are listed at /api/v1/meta/error-codes.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'zf_sid' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/api/health', { schema: { hide: true } }, async () => ({ status: 'ok', database: database.kind }));

  installAuthHook(app, identity);
  await app.register(
    async (v1) => {
      await v1.register(authRoutes(identity, { secureCookie: opts.config.COOKIE_SECURE }), { prefix: '/auth' });
      await v1.register(userRoutes(identity));
      await v1.register(auditRoutes(db, audit, { leafHashesOf: (kind, refs) => ledger.leafHashesOf(kind, refs) }));
      await v1.register(registryRoutes({ regions, subjects, officers, items, rules, stats }));
      await v1.register(importRoutes(imports));
      await v1.register(ledgerRoutes(ledger, { documentByNumber: (n) => caseFiles.fileRecordsByNumber(n) }));
      await v1.register(caseRoutes(cases, caseFiles));
      await v1.register(simplifiedRoutes(simplified));
      await v1.register(eServiceRoutes(eService));
      await v1.register(partyRoutes(parties));
      await v1.register(evidenceRoutes(evidence, blobs, { dataDir: opts.config.dataDir, leafHashesOf: (kind, refs) => ledger.leafHashesOf(kind, refs) }));
      await v1.register(accessRequestRoutes(accessRequests));
      await v1.register(licensingRoutes(licensing));
      await v1.register(inspectionRoutes(inspections));
      await v1.register(coercionRoutes(coercion));
      await v1.register(procedureDocumentRoutes(procedureDocuments));
      await v1.register(reviewChainRoutes(reviewChains));
      await v1.register(publicityRoutes(publicity));
      await v1.register(complaintRoutes(complaints));
      await v1.register(publicRoutes(publicRead, complaints, publicity, command), { prefix: '/public' });
      await v1.register(spotCheckRoutes(spotChecks));
      await v1.register(commandRoutes(command));
      await v1.register(commandPublicRoutes(command), { prefix: '/public' });
      await v1.register(liaisonRoutes(liaison));
      await v1.register(liaisonPublicRoutes(liaison), { prefix: '/public' });
      await v1.register(evaluationRoutes(evaluation, returnVisits, evaluationDocs));
      await v1.register(transferRoutes(transfers));
      await v1.register(supervisionRoutes(supervision));
      await v1.register(statisticsRoutes(statistics, annualReports, rollup));
      await v1.register(statisticsPublicRoutes(annualReports), { prefix: '/public' });
      const adjustable = opts.adjustableClock;
      if (adjustable) {
        v1.post(
          '/test/clock',
          {
            config: { public: true },
            schema: {
              tags: ['meta'],
              summary: 'Demo/test servers only (CLOCK_ADJUSTABLE=true): move the clock forward so a statutory window can pass',
              body: z.object({ advanceDays: z.number().min(0).max(3650).default(0), advanceHours: z.number().min(0).max(87600).default(0) }),
              response: { 200: z.object({ now: z.string(), offsetMs: z.number() }) },
            },
          },
          async (req) => {
            const b = req.body as { advanceDays: number; advanceHours: number };
            adjustable.advance((b.advanceDays * 24 + b.advanceHours) * 3600_000);
            return { now: adjustable.now().toISOString(), offsetMs: adjustable.offset };
          },
        );
      }
      v1.get(
        '/meta/today',
        {
          config: { public: true },
          schema: {
            tags: ['meta'],
            summary: 'The server’s date in China (legal dates are Beijing dates): forms default to it, not to the browser’s clock',
            response: { 200: z.object({ today: z.string(), now: z.string() }) },
          },
        },
        async () => ({ today: chinaDate(clock.now()), now: clock.now().toISOString() }),
      );
      v1.get(
        '/meta/error-codes',
        {
          config: { public: true },
          schema: {
            tags: ['meta'],
            summary: 'The error-code catalogue: code, HTTP status, English and Chinese messages',
            response: { 200: z.array(z.object({ code: z.string(), status: z.number(), en: z.string(), zh: z.string(), hint: z.string().optional() })) },
          },
        },
        async () => errorCodeList,
      );
    },
    { prefix: '/api/v1' },
  );

  // ---- web (back office at /admin, portal at /) ---------------------------------------------------------------------------
  const webDist = opts.config.WEB_DIST ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');
  const spa = fs.existsSync(path.join(webDist, 'index.html'));
  // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
  if (spa) await app.register(fastifyStatic, { root: webDist, prefix: '/', wildcard: true });
  installNotFoundHandler(app, { spa });

  imports.registerHandlers();
  if (opts.runJobs) {
    jobs.start();
    const seconds = opts.config.LEDGER_CHECKPOINT_SECONDS ?? 60;
    ledger.start({ sequenceMs: 1000, checkpointMs: seconds * 1000, onError: (e) => app.log.error({ err: e }, 'ledger sequencer failed') });
    publicity.start(30_000, (e) => app.log.error({ err: e }, 'publicity scan failed'));
    // Early-warning scan (监督预警): day-granular rules, so every 10 minutes is ample; also on demand (POST /supervision/scan).
    supervision.start(600_000, (e) => app.log.error({ err: e }, 'supervision scan failed'));
    // Dashboards read the rollup; new events are folded in every 15 s (idempotent, catches up after downtime).
    rollup.start(15_000, (e) => app.log.error({ err: e }, 'statistics fold failed'));
    // Command-centre SLA escalation (seed 004: minutes, not days), checked every 30 s.
    const escalation = setInterval(() => command.escalateLate().catch((e: unknown) => app.log.error({ err: e }, 'command escalation failed')), 30_000);
    app.addHook('onClose', async () => clearInterval(escalation));
  }
  // Live command-centre updates through LISTEN/NOTIFY, so every process sharing the database pushes them (issue #7).
  await command.startLive((e) => app.log.error({ err: e }, 'command live update dropped'));
  app.addHook('onClose', async () => {
    await command.stopLive();
    await ledger.stop();
    await jobs.stop();
    await publicity.stop();
    await supervision.stop();
    await rollup.stop();
  });

  return { app: app as unknown as FastifyInstance, services: { audit, identity, regions, subjects, officers, items, rules, stats, imports, jobs, blobs, ledger, evidence, accessRequests, cases, numbering, parties, caseDocuments, caseFiles, licensing, inspections, coercion, publicity, publicRead, complaints, simplified, eService, spotChecks, reviewChains, command, liaison, evaluation, returnVisits, evaluationDocs, transfers, supervision, rollup, statistics, annualReports, procedureDocuments } };
}
export type BuiltApp = Awaited<ReturnType<typeof buildApp>>;
export type Services = BuiltApp['services'];
