import { DEFAULT_RETURN_VISIT_QUESTIONS, DEFAULT_RUBRIC, EVALUATION_PROCEDURE_KINDS, RETURN_VISIT_CASE_KINDS, RETURN_VISIT_METHODS, RUBRICS } from '@zhifa/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, IdParams, meta, stdErrors } from '../../lib/http.ts';
import { requirePermission } from '../../lib/actor.ts';
import type { EvaluationDocuments } from './evaluation-documents.ts';
import type { EvaluationService } from './evaluation.service.ts';
import type { ReturnVisitService } from './return-visits.service.ts';

const tags = ['evaluation'];
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const Bands = z.object({ excellent: z.number().min(1).max(100), good: z.number().min(1).max(100), pass: z.number().min(1).max(100) });
const CampaignBody = z.object({
  name: z.string().trim().min(2).max(200),
  year: z.number().int().min(2000).max(2100),
  agencyIds: z.array(z.uuid()).max(500),
  settings: z.object({
    // Sampling reads penalty case files only so far; the other kinds of EVALUATION_PROCEDURE_KINDS are refused until it reads them.
    procedureKinds: z.array(z.enum(EVALUATION_PROCEDURE_KINDS).refine((k) => k === 'penalty', { message: 'only penalty case files are sampled so far' })).min(1),
    quota: z.union([z.object({ count: z.number().int().min(1).max(10000) }), z.object({ rateBp: z.number().int().min(1).max(10000), min: z.number().int().min(0).max(10000).optional() })]),
    rubricVersion: z.string().max(40).default(DEFAULT_RUBRIC.version),
    bands: Bands.optional(),
    spreadMargin: z.number().min(0).max(100).optional(),
    reviewersPerFile: z.number().int().min(1).max(9).optional(),
    reviewerUserIds: z.array(z.uuid()).max(200),
    externalReviewers: z.array(z.string().trim().min(1).max(50)).max(50).optional(),
    failFlagThreshold: z.number().int().min(1).max(100).optional(),
    closedFrom: Day,
    closedTo: Day,
  }),
});
const CampaignOut = z.object({
  id: z.uuid(),
  name: z.string(),
  year: z.number(),
  regionPath: z.string(),
  agencyIds: z.array(z.string()),
  settings: z.any(),
  status: z.string(),
  availableActions: z.array(z.string()),
  seedHex: z.string().nullable(),
  sampledAt: z.string().nullable(),
  reportIssuedOn: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
});
const Marks = z.object({
  deductions: z.array(z.object({ itemKey: z.string().max(60), deductionKey: z.string().max(60), instances: z.number().int().min(0).max(100), note: z.string().max(1000).optional() })).max(200),
  vetoes: z.array(z.object({ itemKey: z.string().max(60), reason: z.string().max(2000) })).max(20),
});
const Version = z.object({ version: z.number().int() });

export function evaluationRoutes(svc: EvaluationService, visits: ReturnVisitService, docs: EvaluationDocuments): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/evaluation/rubrics', { schema: { tags, summary: '评分细则: the rubric versions (domain-rules §10.3 CR4–CR6)', response: { 200: z.array(z.any()), ...stdErrors } } }, async (req) => {
      actorOf(req);
      return Object.values(RUBRICS);
    });
    app.get('/evaluation/reviewer-candidates', { schema: { tags, summary: 'Supervisors of my region who may review', response: { 200: z.array(z.object({ id: z.string(), displayName: z.string(), agencyId: z.string().nullable(), regionPath: z.string() })), ...stdErrors } } }, async (req) => svc.reviewerCandidates(actorOf(req)));
    app.get('/evaluation/campaigns', { schema: { tags, summary: 'Campaigns I manage or review; for an agency head, issued reports of my agency', response: { 200: z.array(CampaignOut), ...stdErrors } } }, async (req) => svc.list(actorOf(req)));
    app.post('/evaluation/campaigns', { schema: { tags, summary: 'Plan a campaign (CR1, CR3(1)) — supervisor', body: CampaignBody, response: { 201: CampaignOut, ...stdErrors } } }, async (req, reply) => reply.status(201).send(await svc.create(actorOf(req), req.body, meta(req))));
    app.get('/evaluation/campaigns/:id', { schema: { tags, summary: 'A campaign (with my view: manager, reviewer or agency)', params: IdParams, response: { 200: CampaignOut.extend({ view: z.string(), objectionDueOn: z.string().nullable() }), ...stdErrors } } }, async (req) => svc.get(actorOf(req), req.params.id));
    app.post('/evaluation/campaigns/:id/sample', { schema: { tags, summary: 'Draw the random sample per agency and assign reviewers without conflict (CR2); the seed is recorded', params: IdParams, body: Version, response: { 200: z.any(), ...stdErrors } } }, async (req) => svc.sample(actorOf(req), req.params.id, req.body.version, meta(req)));
    app.post(
      '/evaluation/campaigns/:id/actions/:action',
      { schema: { tags, summary: 'start_scoring | draft_report | issue_report | close | withdraw', params: IdParams.extend({ action: z.enum(['start_scoring', 'draft_report', 'issue_report', 'close', 'withdraw']) }), body: Version.extend({ reason: z.string().trim().max(1000).optional() }), response: { 200: CampaignOut, ...stdErrors } } },
      async (req) => svc.act(actorOf(req), req.params.id, req.params.action, req.body.version, meta(req), req.body.reason),
    );
    app.get('/evaluation/campaigns/:id/files', { schema: { tags, summary: 'Sampled files (results only to managers, and to the agency once issued)', params: IdParams, response: { 200: z.array(z.any()), ...stdErrors } } }, async (req) => svc.files(actorOf(req), req.params.id));
    app.post(
      '/evaluation/campaigns/:id/files/:fileId/assignments',
      { schema: { tags, summary: 'Add a reviewer (supervisor or external expert) to a file; conflicts refused (CR2)', params: IdParams.extend({ fileId: z.uuid() }), body: z.object({ reviewerUserId: z.uuid().optional(), externalName: z.string().trim().max(50).optional() }), response: { 201: z.any(), ...stdErrors } } },
      async (req, reply) => reply.status(201).send(await svc.assign(actorOf(req), req.params.id, req.params.fileId, req.body, meta(req))),
    );
    app.get('/evaluation/campaigns/:id/events', { schema: { tags, summary: 'The campaign’s append-only event log', params: IdParams, response: { 200: z.array(z.any()), ...stdErrors } } }, async (req) => svc.events(actorOf(req), req.params.id));
    app.get('/evaluation/campaigns/:id/report', { schema: { tags, summary: 'Report: per-agency average, fail count, main problems, ranking; CR7 officer flags (managers)', params: IdParams, response: { 200: z.any(), ...stdErrors } } }, async (req) => svc.report(actorOf(req), req.params.id));
    app.get('/evaluation/campaigns/:id/report.pdf', { schema: { tags, summary: 'The evaluation report as PDF (per campaign, or ?agencyId= for one agency)', params: IdParams, querystring: z.object({ agencyId: z.uuid().optional() }), response: { 200: z.any(), ...stdErrors } } }, async (req, reply) => {
      const f = await docs.reportPdf(actorOf(req), req.params.id, req.query.agencyId);
      return reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.filename)}`).send(f.data);
    });
    app.get('/evaluation/campaigns/:id/scores.xlsx', { schema: { tags, summary: 'Every signed score sheet as Excel', params: IdParams, response: { 200: z.any(), ...stdErrors } } }, async (req, reply) => {
      const f = await docs.scoresXlsx(actorOf(req), req.params.id);
      return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.filename)}`).send(f.data);
    });
    app.get('/evaluation/campaigns/:id/objections', { schema: { tags, summary: 'Objections (the agency sees its own)', params: IdParams, response: { 200: z.array(z.any()), ...stdErrors } } }, async (req) => svc.objections(actorOf(req), req.params.id));
    app.post('/evaluation/campaigns/:id/objections', { schema: { tags, summary: 'Object to a file’s result within 10 working days of receiving the report (CR3(7)) — agency head', params: IdParams, body: z.object({ fileId: z.uuid(), reason: z.string().trim().min(1).max(5000) }), response: { 201: z.any(), ...stdErrors } } }, async (req, reply) =>
      reply.status(201).send(await svc.object(actorOf(req), req.params.id, req.body, meta(req))),
    );
    app.post('/evaluation/objections/:id/answer', { schema: { tags, summary: 'Answer an objection after re-check (upheld needs the re-check score sheet)', params: IdParams, body: z.object({ outcome: z.enum(['upheld', 'rejected']), answer: z.string().trim().min(2).max(5000), marks: Marks.optional() }), response: { 200: z.any(), ...stdErrors } } }, async (req) =>
      svc.answerObjection(actorOf(req), req.params.id, req.body, meta(req)),
    );
    app.get('/evaluation/campaigns/:id/rectifications', { schema: { tags, summary: 'Rectification notices', params: IdParams, response: { 200: z.array(z.any()), ...stdErrors } } }, async (req) => svc.rectifications(actorOf(req), req.params.id));
    app.post('/evaluation/campaigns/:id/rectifications', { schema: { tags, summary: 'Issue a rectification notice (30 days, CR7)', params: IdParams, body: z.object({ agencyId: z.uuid(), fileId: z.uuid().optional(), content: z.string().trim().min(2).max(5000) }), response: { 201: z.any(), ...stdErrors } } }, async (req, reply) =>
      reply.status(201).send(await svc.issueRectification(actorOf(req), req.params.id, req.body, meta(req))),
    );
    app.post('/evaluation/rectifications/:id/report', { schema: { tags, summary: 'The agency reports its rectification', params: IdParams, body: z.object({ report: z.string().trim().min(2).max(5000) }), response: { 200: z.any(), ...stdErrors } } }, async (req) => svc.reportRectification(actorOf(req), req.params.id, req.body, meta(req)));

    // ---- scoring ----
    app.get('/evaluation/my-queue', { schema: { tags, summary: 'My scoring queue', response: { 200: z.array(z.any()), ...stdErrors } } }, async (req) => svc.myQueue(actorOf(req)));
    app.get('/evaluation/assignments/:id', { schema: { tags, summary: 'Scoring view: rubric, pre-scoring suggestions, the case read-only, my signed sheet', params: IdParams, response: { 200: z.any(), ...stdErrors } } }, async (req) => svc.scoringView(actorOf(req), req.params.id));
    app.get('/evaluation/assignments/:id/case-file.pdf', { schema: { tags, summary: 'The assigned case file (案卷) as PDF, read-only', params: IdParams, response: { 200: z.any(), ...stdErrors } } }, async (req, reply) => {
      const f = await svc.assignedCaseFile(actorOf(req), req.params.id);
      return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(f.filename)}`).send(f.data);
    });
    app.post('/evaluation/assignments/:id/submit', { schema: { tags, summary: 'Sign and submit my score sheet (CR2); final', params: IdParams, body: z.object({ marks: Marks, comment: z.string().trim().max(5000) }), response: { 201: z.any(), ...stdErrors } } }, async (req, reply) =>
      reply.status(201).send(await svc.submit(actorOf(req), req.params.id, req.body, meta(req))),
    );
    app.get('/evaluation/files/:id/sheets', { schema: { tags, summary: 'All score sheets of a file — refused to a reviewer who has not signed yet (blind scoring)', params: IdParams, response: { 200: z.any(), ...stdErrors } } }, async (req) => svc.sheets(actorOf(req), req.params.id));

    // ---- return visits ----
    app.get('/return-visits/questions', { schema: { tags, summary: 'The default questionnaire', response: { 200: z.array(z.any()), ...stdErrors } } }, async (req) => {
      requirePermission(actorOf(req), 'evaluation.score');
      return [...DEFAULT_RETURN_VISIT_QUESTIONS];
    });
    app.get('/return-visits/batches', { schema: { tags, summary: 'Return-visit samplings of my region', response: { 200: z.array(z.any()), ...stdErrors } } }, async (req) => visits.batches(actorOf(req)));
    app.post(
      '/return-visits/batches',
      {
        schema: {
          tags,
          summary: 'Sample closed cases for return visits at a rate per agency and assign visitors (§10.1 S3)',
          body: z.object({
            name: z.string().trim().min(2).max(200),
            agencyIds: z.array(z.uuid()).max(500),
            kinds: z.array(z.enum(RETURN_VISIT_CASE_KINDS)).min(1),
            rateBp: z.number().int().min(1).max(10000),
            closedFrom: Day,
            closedTo: Day,
            assigneeUserIds: z.array(z.uuid()).min(1).max(100),
            questions: z.array(z.object({ key: z.string().trim().min(1).max(40), zh: z.string().trim().min(1).max(200), en: z.string().max(200), kind: z.enum(['yes_no', 'text']) })).min(1).max(50).optional(),
          }),
          response: { 201: z.any(), ...stdErrors },
        },
      },
      async (req, reply) => reply.status(201).send(await visits.createBatch(actorOf(req), req.body, meta(req))),
    );
    app.get('/return-visits/tasks', { schema: { tags, summary: 'Visit tasks (phone numbers masked)', querystring: z.object({ mine: z.coerce.boolean().optional(), batchId: z.uuid().optional() }), response: { 200: z.array(z.any()), ...stdErrors } } }, async (req) => visits.listTasks(actorOf(req), req.query));
    app.get('/return-visits/tasks/:id', { schema: { tags, summary: 'A visit task with its questionnaire and records', params: IdParams, response: { 200: z.any(), ...stdErrors } } }, async (req) => visits.getTask(actorOf(req), req.params.id));
    app.post('/return-visits/tasks/:id/reveal-phone', { schema: { tags, summary: 'Show the party’s full phone number to the assigned visitor; every reveal is logged', params: IdParams, body: z.object({ reason: z.string().trim().min(2).max(200) }), response: { 200: z.object({ phone: z.string() }), ...stdErrors } } }, async (req) =>
      visits.revealPhone(actorOf(req), req.params.id, req.body, meta(req)),
    );
    app.get('/return-visits/tasks/:id/phone-access', { schema: { tags, summary: 'The reveal log of a task', params: IdParams, response: { 200: z.array(z.any()), ...stdErrors } } }, async (req) => visits.phoneAccessLog(actorOf(req), req.params.id));
    app.post(
      '/return-visits/tasks/:id/record',
      {
        schema: {
          tags,
          summary: 'Record the visit (assigned visitor)',
          params: IdParams,
          body: z.object({ method: z.enum(RETURN_VISIT_METHODS), contactMade: z.boolean(), answers: z.record(z.string(), z.union([z.boolean(), z.string().max(2000)])), satisfaction: z.number().int().min(1).max(5).nullable(), findings: z.string().trim().max(5000), isFlagged: z.boolean(), visitedOn: Day }),
          response: { 201: z.any(), ...stdErrors },
        },
      },
      async (req, reply) => reply.status(201).send(await visits.record(actorOf(req), req.params.id, req.body, meta(req))),
    );
    app.get('/return-visits/stats', { schema: { tags, summary: 'Satisfaction per agency in scope', response: { 200: z.array(z.any()), ...stdErrors } } }, async (req) => visits.stats(actorOf(req)));
    app.get('/return-visits/flagged', { schema: { tags, summary: 'Findings flagged for supervision follow-up', response: { 200: z.array(z.any()), ...stdErrors } } }, async (req) => visits.flaggedFindings(actorOf(req)));
  };
}
