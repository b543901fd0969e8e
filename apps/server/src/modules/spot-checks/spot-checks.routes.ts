import { AppError, CREDIT_CLASSES, CREDIT_CLASS_LABELS, RISK_LEVELS, RISK_LEVEL_LABELS, SPOT_CHECK_OUTCOMES, SPOT_CHECK_PLAN_ACTIONS, validateUscc, type CreditClass, type RiskLevel } from '@zhifa/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, IdParams, meta, page, Pagination, stdErrors } from '../../lib/http.ts';
import { buildWorkbook, loadWorkbook, readSheet } from '../imports/index.ts';

type SheetSpec = Parameters<typeof readSheet>[1];
import type { SpotCheckService, TargetInput } from './spot-checks.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const KINDS = { enterprise: '企业', sole_trader: '个体工商户', other: '其他主体' } as const;

/** The 检查对象名录 template: the same columns the importer reads. */
export const TARGET_SHEET: SheetSpec = {
  name: '检查对象名录',
  columns: [
    { key: 'uscc', header: '统一社会信用代码', en: 'uscc', required: true, example: '91130302MA0D8T7E3X', width: 24 },
    { key: 'name', header: '名称', en: 'name', required: true, width: 30 },
    { key: 'kind', header: '主体类型', en: 'kind', required: true, options: KINDS },
    { key: 'regionCode', header: '所在区划代码', en: 'regionCode', required: true, example: '130302' },
    { key: 'industry', header: '行业代码', en: 'industry', required: true, example: 'H', note: 'GB/T 4754 门类字母或更细代码' },
    { key: 'risk', header: '风险等级', en: 'risk', required: true, options: RISK_LEVEL_LABELS },
    { key: 'credit', header: '信用风险分类', en: 'credit', required: true, options: CREDIT_CLASS_LABELS },
    { key: 'abnormal', header: '列入经营异常名录', en: 'abnormal', options: { yes: '是', no: '否' } },
    { key: 'address', header: '地址', en: 'address', width: 30 },
  ],
};

const Uscc = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((v, ctx) => {
    const r = validateUscc(v);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message, params: { messageZh: r.messageZh } });
  });
const TargetBody = z.object({
  uscc: Uscc,
  name: z.string().trim().min(1).max(200),
  kind: z.enum(['enterprise', 'sole_trader', 'other']),
  regionCode: z.string().regex(/^\d{6}(\d{3})?$/),
  industry: z.string().trim().regex(/^[A-T][0-9]{0,4}$/),
  risk: z.enum(RISK_LEVELS),
  credit: z.enum(CREDIT_CLASSES),
  abnormal: z.boolean().optional(),
  address: z.string().trim().max(300).nullish(),
});
const TargetOut = z.object({ id: z.uuid(), uscc: z.string(), name: z.string(), kind: z.string(), regionCode: z.string(), industry: z.string(), risk: z.string(), credit: z.string(), abnormal: z.boolean(), address: z.string().nullable(), version: z.number() });

const Pct = z.number().int().min(0).max(500);
const Settings = z.object({
  strata: z
    .array(
      z.object({
        key: z.string().trim().min(1).max(40),
        match: z.object({ industries: z.array(z.string().max(10)).max(50).optional(), regionPrefixes: z.array(z.string().regex(/^\d{2,9}$/)).max(50).optional(), risks: z.array(z.enum(RISK_LEVELS)).optional(), credits: z.array(z.enum(CREDIT_CLASSES)).optional() }),
        count: z.number().int().min(0).max(1_000_000).optional(),
        ratioBp: z.number().int().min(0).max(10000).optional(),
      }),
    )
    .min(1)
    .max(50),
  riskPct: z.object({ high: Pct, medium: Pct, low: Pct }),
  creditPct: z.object({ A: Pct, B: Pct, C: Pct, D: Pct }),
  exclusionDays: z.number().int().min(0).max(3650),
  yearlyCap: z.number().int().min(0).max(100),
  teamSize: z.number().int().min(1).max(20),
  teamMode: z.enum(['same-department', 'joint']),
  maxTasksPerInspector: z.number().int().min(0).max(10000),
  regionCodes: z.array(z.string().regex(/^\d{6}(\d{3})?$/)).max(50),
});
const PlanBody = z.object({
  name: z.string().trim().min(2).max(200),
  kind: z.enum(['annual', 'ad_hoc']),
  year: z.number().int().min(2000).max(2100),
  jointAgencyIds: z.array(z.uuid()).max(20).default([]),
  itemIds: z.array(z.uuid()).min(1).max(50),
  settings: Settings,
});
const DrawOut = z.object({
  id: z.uuid(),
  planId: z.uuid(),
  round: z.number(),
  algorithm: z.string(),
  drawDate: z.string(),
  status: z.string(),
  commitment: z.string(),
  seed: z.string().nullable(),
  hashes: z.object({ targets: z.string(), inspectors: z.string(), recusals: z.string(), params: z.string() }),
  counts: z.object({ targets: z.number(), inspectors: z.number(), recusals: z.number() }),
  committedAt: z.string(),
  drawnAt: z.string().nullable(),
  revealedAt: z.string().nullable(),
  voidedAt: z.string().nullable(),
  voidReason: z.string().nullable(),
  result: z.any().nullable(),
});
const PlanOut = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.string(),
  year: z.number(),
  agencyId: z.uuid(),
  agencyName: z.string(),
  agencies: z.array(z.object({ id: z.uuid(), name: z.string() })),
  itemIds: z.array(z.uuid()),
  settings: z.any(),
  status: z.string(),
  availableActions: z.array(z.string()),
  currentDraw: DrawOut.nullable(),
  withdrawReason: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const TaskOut = z.object({
  id: z.uuid(),
  drawId: z.uuid(),
  planId: z.uuid(),
  targetId: z.uuid(),
  agencyId: z.uuid(),
  officerIds: z.array(z.uuid()),
  status: z.string(),
  outcome: z.string().nullable(),
  note: z.string().nullable(),
  caseId: z.uuid().nullable(),
  inspectedOn: z.string().nullable(),
  publishDueOn: z.string().nullable(),
  version: z.number(),
  targetName: z.string().nullable(),
  uscc: z.string().nullable(),
  industry: z.string().nullable(),
  planName: z.string().nullable(),
  officers: z.array(z.object({ id: z.uuid(), name: z.string() })).nullable(),
});
const StatRow = z.object({ key: z.string(), label: z.string(), tasks: z.number(), done: z.number(), problems: z.number(), cases: z.number(), targetsInspected: z.number(), directorySize: z.number().nullable(), coverage: z.number().nullable(), problemRate: z.number().nullable() });
const FileKind = z.object({ id: z.uuid(), kind: z.enum(['targets', 'inspectors', 'recusals', 'params']) });

const tags = ['spot-checks'];

function rowsFromSheet(values: Record<string, string>): TargetInput {
  const pick = <T extends string>(v: string, labels: Record<T, string>): T => ((Object.keys(labels) as T[]).find((k) => k === v || labels[k] === v || labels[k].startsWith(v)) ?? (v as T));
  return {
    uscc: (values.uscc ?? '').toUpperCase(),
    name: values.name ?? '',
    kind: pick(values.kind ?? '', KINDS),
    regionCode: values.regionCode ?? '',
    industry: values.industry ?? '',
    risk: pick(values.risk ?? '', RISK_LEVEL_LABELS) as RiskLevel,
    credit: pick(values.credit ?? '', CREDIT_CLASS_LABELS) as CreditClass,
    abnormal: values.abnormal === '是' || values.abnormal === 'yes',
    address: values.address || null,
  };
}

export function spotCheckRoutes(svc: SpotCheckService): FastifyPluginAsyncZod {
  return async (app) => {
    // ---- directory ----
    app.get('/spot-checks/targets', { schema: { tags, summary: '检查对象名录: targets of my region subtree', querystring: Pagination.extend({ q: z.string().max(100).optional(), industry: z.string().max(10).optional(), risk: z.enum(RISK_LEVELS).optional() }), response: { 200: page(TargetOut), ...stdErrors } } }, async (req) =>
      svc.listTargets(actorOf(req), req.query),
    );
    app.post('/spot-checks/targets', { schema: { tags, summary: 'Add a target (agency head)', body: TargetBody, response: { 201: TargetOut, ...stdErrors } } }, async (req, reply) =>
      reply.status(201).send(await svc.createTarget(actorOf(req), req.body, meta(req))),
    );
    app.post('/spot-checks/targets/bulk', { schema: { tags, summary: 'Import targets as JSON rows; all or nothing', body: z.object({ rows: z.array(z.object({ uscc: z.string(), name: z.string().trim().min(1).max(200), kind: z.enum(['enterprise', 'sole_trader', 'other']), regionCode: z.string().max(12), industry: z.string().trim().min(1).max(10), risk: z.string(), credit: z.string(), abnormal: z.boolean().optional(), address: z.string().max(300).nullish() })).min(1).max(200_000) }), response: { 200: z.object({ rows: z.number(), created: z.number(), updated: z.number(), skipped: z.number() }), ...stdErrors } }, bodyLimit: 100 * 1024 * 1024 }, async (req) =>
      svc.importTargets(actorOf(req), req.body.rows as TargetInput[], meta(req)),
    );
    app.get('/spot-checks/targets/template', { schema: { tags, summary: 'The Excel template of the target directory', response: { 200: z.any(), ...stdErrors } } }, async (req, reply) => {
      actorOf(req);
      const buf = await buildWorkbook([{ spec: TARGET_SHEET, rows: [] }], ['检查对象名录导入模板：每行一个主体；统一社会信用代码按GB 32100校验；整表校验通过才导入（全部或全不）。']);
      return reply.header('content-type', XLSX).header('content-disposition', 'attachment; filename="zhifa-spot-check-targets-template.xlsx"').send(buf);
    });
    app.post('/spot-checks/targets/import', { schema: { tags, summary: 'Upload the target directory (.xlsx, multipart field "file"); whole-file validation, all or nothing', consumes: ['multipart/form-data'], response: { 200: z.object({ rows: z.number(), created: z.number(), updated: z.number(), skipped: z.number() }), ...stdErrors } } }, async (req) => {
      const actor = actorOf(req);
      const file = await req.file();
      if (!file) throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['file'], message: 'missing file' }] } });
      const data = await file.toBuffer();
      if (data.length < 4 || data[0] !== 0x50 || data[1] !== 0x4b) throw new AppError('IMPORT_UNREADABLE', { details: { reason: 'not an .xlsx (zip) file' } });
      const wb = await loadWorkbook(data);
      const ws = wb.getWorksheet(TARGET_SHEET.name) ?? wb.worksheets[0];
      if (!ws) throw new AppError('IMPORT_UNREADABLE', { details: { reason: 'no sheet' } });
      const sheet = readSheet(ws, TARGET_SHEET);
      if (sheet.missingColumns.length) throw new AppError('IMPORT_UNREADABLE', { details: { missingColumns: sheet.missingColumns.map((c) => c.header) } });
      return svc.importTargets(actor, sheet.rows.map((r) => rowsFromSheet(r.values)), meta(req));
    });
    app.post('/spot-checks/conflicts', { schema: { tags, summary: 'Record a declared conflict of interest (inspector ↔ target); recused in every later draw', body: z.object({ officerId: z.uuid(), targetId: z.uuid(), reason: z.string().trim().min(2).max(500) }), response: { 201: z.object({ id: z.uuid() }), ...stdErrors } } }, async (req, reply) =>
      reply.status(201).send(await svc.declareConflict(actorOf(req), req.body, meta(req))),
    );

    // ---- plans and draws ----
    app.get('/spot-checks/plans', { schema: { tags, summary: 'Plans in scope', querystring: z.object({ year: z.coerce.number().int().optional(), status: z.string().max(20).optional() }), response: { 200: z.array(PlanOut), ...stdErrors } } }, async (req) =>
      svc.listPlans(actorOf(req), req.query),
    );
    app.post('/spot-checks/plans', { schema: { tags, summary: 'Create a plan (lead agency head): items from the random-inspection list, strata, team rules', body: PlanBody, response: { 201: PlanOut, ...stdErrors } } }, async (req, reply) =>
      reply.status(201).send(await svc.createPlan(actorOf(req), req.body, meta(req))),
    );
    app.get('/spot-checks/plans/:id', { schema: { tags, summary: 'A plan with its current draw', params: IdParams, response: { 200: PlanOut, ...stdErrors } } }, async (req) => svc.getPlan(actorOf(req), req.params.id));
    app.get('/spot-checks/plans/:id/events', { schema: { tags, summary: 'The plan’s append-only event log', params: IdParams, response: { 200: z.array(z.any()), ...stdErrors } } }, async (req) => svc.planEvents(actorOf(req), req.params.id));
    app.post(
      '/spot-checks/plans/:id/actions/:action',
      { schema: { tags, summary: 'commit → draw → reveal; redraw and withdraw need a reason', params: IdParams.extend({ action: z.enum(SPOT_CHECK_PLAN_ACTIONS) }), body: z.object({ reason: z.string().trim().max(1000).optional() }).nullish(), response: { 200: PlanOut, ...stdErrors } } },
      async (req) => {
        const actor = actorOf(req);
        const { id, action } = req.params;
        const m = meta(req);
        switch (action) {
          case 'commit':
            return svc.commit(actor, id, m);
          case 'draw':
            return svc.draw(actor, id, m);
          case 'reveal':
            return svc.reveal(actor, id, m);
          case 'redraw':
            return svc.redraw(actor, id, { reason: req.body?.reason ?? '' }, m);
          case 'withdraw':
            if (!req.body?.reason) throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['reason'], message: 'a reason is required' }] } });
            return svc.withdrawPlan(actor, id, { reason: req.body.reason }, m);
        }
      },
    );

    // ---- tasks, results, statistics ----
    app.get('/spot-checks/tasks', { schema: { tags, summary: 'Inspection tasks of drawn teams (mine=true: where I am on the team)', querystring: z.object({ planId: z.uuid().optional(), status: z.enum(['assigned', 'done', 'cancelled']).optional(), mine: z.coerce.boolean().optional() }), response: { 200: z.array(TaskOut), ...stdErrors } } }, async (req) =>
      svc.listTasks(actorOf(req), req.query),
    );
    app.post(
      '/spot-checks/tasks/:id/result',
      { schema: { tags, summary: 'Record the inspection result (no problem / rectification / penalty case opened and linked)', params: IdParams, body: z.object({ outcome: z.enum(SPOT_CHECK_OUTCOMES), note: z.string().trim().max(4000).optional(), inspectedOn: z.iso.date(), caseId: z.uuid().nullish(), version: z.number().int() }), response: { 200: TaskOut, ...stdErrors } } },
      async (req) => svc.recordResult(actorOf(req), req.params.id, req.body, meta(req)),
    );
    app.get('/spot-checks/stats', { schema: { tags, summary: 'Coverage and problem rate by industry, region and agency', querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100) }), response: { 200: z.object({ year: z.number(), byIndustry: z.array(StatRow), byRegion: z.array(StatRow), byAgency: z.array(StatRow) }), ...stdErrors } } }, async (req) =>
      svc.stats(actorOf(req), req.query),
    );

    // ---- 一公开: public, no login ----
    const pub = { public: true };
    app.get('/public/spot-checks/draws', { config: pub, schema: { tags, summary: 'Published draws: commitments, input hashes, seeds once revealed', response: { 200: z.array(z.any()) } } }, async () => svc.publicDraws());
    app.get('/public/spot-checks/draws/:id', { config: pub, schema: { tags, summary: 'One draw with its selection once revealed', params: IdParams, response: { 200: z.any(), 404: stdErrors[404] } } }, async (req) => svc.publicDraw(req.params.id));
    app.get('/public/spot-checks/draws/:id/recipe', { config: pub, schema: { tags, summary: 'How to reproduce this draw: algorithm text, file links and hashes, seed, expected selection', params: IdParams, response: { 200: z.any(), 404: stdErrors[404] } } }, async (req) =>
      svc.recipe(req.params.id, `${req.protocol}://${req.host}`),
    );
    app.get('/public/spot-checks/draws/:id/files/:kind', { config: pub, schema: { tags, summary: 'The exact input file of a draw (its SHA-256 is published)', params: FileKind, response: { 200: z.any(), 404: stdErrors[404] } } }, async (req, reply) => {
      const f = await svc.publicFile(req.params.id, req.params.kind);
      return reply.header('content-type', f.name.endsWith('.json') ? 'application/json; charset=utf-8' : 'text/tab-separated-values; charset=utf-8').header('content-disposition', `attachment; filename="${f.name}"`).send(f.data);
    });
  };
}
