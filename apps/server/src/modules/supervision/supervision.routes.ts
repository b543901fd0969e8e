import { OFFICER_SANCTIONS, SupervisionDocumentAction, WARNING_STATUSES, WarningAction } from '@zhifa/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, IdParams, meta, stdErrors } from '../../lib/http.ts';
import type { SupervisionService } from './supervision.service.ts';

const Item = z.object({ id: z.string(), status: z.string() }).passthrough();
const Page = z.object({ total: z.number(), items: z.array(Item) });
const WarningActionBody = z.object({
  text: z.string().trim().max(4000).optional(),
  evidenceIds: z.array(z.uuid()).max(20).optional(),
  documentRef: z.string().trim().max(200).nullish(),
  reason: z.string().trim().max(2000).optional(),
  version: z.number().int().min(1).optional(),
});
const IssueBody = z.object({
  profile: z.string().min(1).max(40).default('samr'),
  typeCode: z.enum(['notice', 'decision', 'opinion', 'suggestion']),
  agencyId: z.uuid().optional(),
  warningId: z.uuid().optional(),
  caseId: z.uuid().optional(),
  title: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(20_000),
  decisionType: z.string().max(40).nullish(),
  grounds: z.array(z.string().max(40)).max(10).optional(),
});
const MeasureBody = z.object({
  kind: z.enum(['sanction', 'liability_referral']),
  sanction: z.enum(Object.keys(OFFICER_SANCTIONS) as [keyof typeof OFFICER_SANCTIONS, ...(keyof typeof OFFICER_SANCTIONS)[]]).optional(),
  officerId: z.uuid().optional(),
  certificateId: z.uuid().optional(),
  suspendedUntil: z.iso.date().optional(),
  referredTo: z.string().trim().max(200).optional(),
  reason: z.string().trim().min(1).max(2000),
});

/** 监督预警 and 监督文书 (domain-rules §10). Thin: Zod in/out, one service call; scope and roles in the service. */
export function supervisionRoutes(s: SupervisionService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['supervision'];
    app.get('/supervision/rules', { schema: { tags, summary: 'The early-warning rule catalogue (key, names, citation, severity, parameters; whether it is evaluated)', response: { 200: z.array(z.object({ key: z.string() }).passthrough()) } } }, async () =>
      s.rules(),
    );
    app.get('/supervision/document-types', { schema: { tags, summary: 'Supervision document types per locality profile (domain-rules §10.2)', response: { 200: z.array(z.object({ profile: z.string(), code: z.string() }).passthrough()) } } }, async () =>
      s.documentTypes().map((t) => ({ ...t })),
    );
    app.post(
      '/supervision/scan',
      {
        schema: {
          tags,
          summary: 'Run the warning scan now (supervisor or system administrator): raise, refresh and auto-resolve warnings',
          body: z.object({ rules: z.array(z.string()).max(50).optional(), parameters: z.record(z.string(), z.record(z.string(), z.number())).optional() }).default({}),
          response: { 200: z.object({ asOf: z.string(), raised: z.number(), refreshed: z.number(), resolved: z.number(), byRule: z.record(z.string(), z.number()), failed: z.array(z.object({ ruleKey: z.string(), message: z.string() })) }), ...stdErrors },
        },
      },
      async (req) => s.scanNow(actorOf(req), req.body, meta(req)),
    );
    app.get(
      '/supervision/warnings',
      {
        schema: {
          tags,
          summary: 'Warnings in scope (agency: its own; supervisor: the region subtree); status "active" = not yet closed',
          querystring: z.object({
            ruleKey: z.string().optional(),
            severity: z.enum(['info', 'warning', 'serious']).optional(),
            status: z.enum(['active', ...WARNING_STATUSES] as [string, ...string[]]).optional(),
            agencyId: z.uuid().optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
            offset: z.coerce.number().int().min(0).default(0),
          }),
          response: { 200: Page, ...stdErrors },
        },
      },
      async (req) => s.listWarnings(actorOf(req), req.query),
    );
    app.get('/supervision/warnings/:id', { schema: { tags, summary: 'A warning with its history and the documents issued about it', params: IdParams, response: { 200: Item, ...stdErrors } } }, async (req) =>
      s.getWarning(actorOf(req), req.params.id),
    );
    app.post(
      '/supervision/warnings/:id/:action',
      {
        schema: {
          tags,
          summary: 'acknowledge / report_rectification (agency head); close / reopen (supervisor). 409 names the allowed actions',
          params: IdParams.extend({ action: z.enum(Object.values(WarningAction).filter((a) => a !== 'auto_resolve') as [WarningAction, ...WarningAction[]]) }),
          body: WarningActionBody.default({}),
          response: { 200: Item, ...stdErrors },
        },
      },
      async (req) => s.actOnWarning(actorOf(req), req.params.id, req.params.action, req.body, meta(req)),
    );
    app.get(
      '/supervision/documents',
      {
        schema: {
          tags,
          summary: 'Supervision documents in scope',
          querystring: z.object({ status: z.string().optional(), agencyId: z.uuid().optional(), limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0) }),
          response: { 200: Page, ...stdErrors },
        },
      },
      async (req) => s.listDocuments(actorOf(req), req.query),
    );
    app.post('/supervision/documents', { schema: { tags, summary: 'Issue a supervision document (supervisor): numbered, deadlines from the calendar', body: IssueBody, response: { 200: Item, ...stdErrors } } }, async (req) =>
      s.issueDocument(actorOf(req), req.body, meta(req)),
    );
    app.get('/supervision/documents/:id', { schema: { tags, summary: 'A supervision document with its history and measures', params: IdParams, response: { 200: Item, ...stdErrors } } }, async (req) =>
      s.getDocument(actorOf(req), req.params.id),
    );
    app.get(
      '/supervision/documents/:id/pdf',
      { schema: { tags, summary: 'The document as PDF', params: IdParams, querystring: z.object({ download: z.stringbool().optional() }), response: { 200: z.any(), ...stdErrors } } },
      async (req, reply) => {
        const f = await s.documentPdf(actorOf(req), req.params.id);
        const disposition = req.query.download ? 'attachment' : 'inline';
        return reply.type('application/pdf').header('content-disposition', `${disposition}; filename="document.pdf"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`).send(f.pdf);
      },
    );
    app.post(
      '/supervision/documents/:id/measures',
      { schema: { tags, summary: 'Record a sanction on an officer (S7; certificate suspension takes effect in the registry) or a liability referral', params: IdParams, body: MeasureBody, response: { 200: Item, ...stdErrors } } },
      async (req) => s.addMeasure(actorOf(req), req.params.id, req.body, meta(req)),
    );
    app.post(
      '/supervision/documents/:id/:action',
      {
        schema: {
          tags,
          summary: 'answer / object (agency head); accept / return / uphold / revoke (supervisor). Objection only within the window (422 with citation)',
          params: IdParams.extend({ action: z.enum(Object.values(SupervisionDocumentAction) as [SupervisionDocumentAction, ...SupervisionDocumentAction[]]) }),
          body: WarningActionBody.default({}),
          response: { 200: Item, ...stdErrors },
        },
      },
      async (req) => s.actOnDocument(actorOf(req), req.params.id, req.params.action, req.body, meta(req)),
    );
  };
}
