import { AppError, COMPLAINT_CHANNELS, COMPLAINT_KINDS, PartyInput } from '@zhifa/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePermission } from '../../lib/actor.ts';
import { actorOf, IdParams, meta, page, Pagination, stdErrors } from '../../lib/http.ts';
import { buildWorkbook } from '../imports/index.ts';
import type { ComplaintService } from './complaints.service.ts';

const tags = ['complaints'];
const isoDate = z.iso.date();
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const Item = z.object({
  id: z.uuid(),
  trackingNo: z.string(),
  kind: z.string(),
  channel: z.string(),
  externalNo: z.string().nullable(),
  source: z.string(),
  agencyId: z.uuid(),
  agencyName: z.string(),
  subject: z.string(),
  content: z.string(),
  location: z.string().nullable(),
  contactName: z.string().nullable().describe('masked (CP2)'),
  contactPhone: z.string().nullable().describe('masked (CP2)'),
  status: z.string(),
  receivedOn: z.string(),
  acceptDueOn: z.string(),
  acceptedOn: z.string().nullable(),
  answerDueOn: z.string().nullable(),
  answeredOn: z.string().nullable(),
  dueOn: z.string().nullable().describe('the running deadline: accept/reject while received, the answer once accepted'),
  isOverdue: z.boolean(),
  handlerId: z.uuid().nullable(),
  satisfaction: z.number().nullable(),
  caseId: z.uuid().nullable(),
  publicReply: z.string().nullable(),
  version: z.number(),
  allowedActions: z.array(z.string()),
});
const Rule = z.object({ kind: z.string(), stage: z.string(), start: z.string(), days: z.number(), dayType: z.string(), citation: z.string(), onlyNamed: z.boolean().optional(), fromProfile: z.boolean().optional() });
const Detail = Item.extend({
  slaRules: z.object({ accept: Rule, answer: Rule }),
  canReveal: z.boolean(),
  revealCount: z.number(),
  handlerName: z.string().nullable(),
  handlers: z.array(z.object({ id: z.uuid(), displayName: z.string() })),
  timeline: z.array(z.object({ action: z.string(), toStatus: z.string(), note: z.string().nullable(), occurredAt: z.string(), actorId: z.string().nullable().optional() })),
  assignments: z.array(z.object({ fromAgencyName: z.string().nullable(), toAgencyName: z.string(), toAgencyId: z.uuid(), handlerId: z.string().nullable(), reason: z.string(), actorId: z.string().nullable(), occurredAt: z.string() })),
});
const ExternalRecordBody = z.object({
  externalNo: z.string().trim().min(3).max(64).describe('the hotline work-order number (dedupe key)'),
  kind: z.enum(COMPLAINT_KINDS),
  agency: z.string().trim().min(2).max(200).describe('the handling agency: full name or USCC'),
  subject: z.string().trim().min(2).max(200),
  content: z.string().trim().min(5).max(5000),
  location: z.string().trim().max(300).optional(),
  contactName: z.string().trim().max(50).optional(),
  contactPhone: z.string().trim().max(30).optional(),
  receivedOn: isoDate.optional(),
});

/** /api/v1/complaints — the agency's and the supervisor's side of complaints; the hotline webhook; the import. */
export function complaintRoutes(complaints: ComplaintService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/complaints',
      {
        schema: {
          tags,
          summary: 'Complaints and reports routed to my agency (or in my region, for supervisors), nearest deadline first',
          querystring: Pagination.extend({
            status: z.string().max(20).optional(),
            channel: z.enum(COMPLAINT_CHANNELS).optional(),
            kind: z.enum(COMPLAINT_KINDS).optional(),
            overdue: z.stringbool().optional(),
          }),
          response: { 200: page(Item), ...stdErrors },
        },
      },
      async (req) => complaints.list(actorOf(req), req.query),
    );
    app.get('/complaints/import/template', { schema: { tags, summary: 'Excel template for 12345 / 信访 records', response: { 200: z.any().describe('xlsx file'), ...stdErrors } } }, async (req, reply) => {
      requirePermission(actorOf(req), 'complaint.assign');
      const buf = await buildWorkbook([{ spec: complaints.importSheet, rows: [] }], [
        '12345热线工单 / 信访件导入模板',
        '1. 整个文件先全部校验：任何一行有错，整个文件都不会导入，并列出每个错误所在的行和列。',
        '2. 工单编号在同一来源渠道内唯一：已导入过的工单自动跳过，不会重复登记。',
        '3. 收到日期为热线或信访机构收到的日期，受理、答复期限自该日起算。',
      ]);
      return reply.header('content-type', XLSX).header('content-disposition', 'attachment; filename="zhifa-complaints-template.xlsx"').send(buf);
    });
    app.post(
      '/complaints/import',
      {
        schema: {
          tags,
          summary: 'Import 12345 / 信访 records (multipart field "file", .xlsx): all or nothing, row errors, dedupe by record number',
          consumes: ['multipart/form-data'],
          response: { 200: z.object({ imported: z.number(), duplicates: z.number(), created: z.array(z.object({ row: z.number(), trackingNo: z.string(), code: z.string(), externalNo: z.string() })) }), ...stdErrors },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        requirePermission(actor, 'complaint.assign');
        const file = await req.file();
        if (!file) throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['file'], message: 'missing file' }] } });
        const data = await file.toBuffer();
        if (data.length < 4 || data[0] !== 0x50 || data[1] !== 0x4b) throw new AppError('IMPORT_UNREADABLE', { details: { reason: 'not an .xlsx (zip) file' } });
        return complaints.importRecords(actor, data, meta(req));
      },
    );
    app.get(
      '/complaints/intake-sources',
      { schema: { tags, summary: 'Hotline / petition systems allowed to post records', response: { 200: z.array(z.object({ id: z.uuid(), name: z.string(), channel: z.string(), status: z.string(), createdAt: z.string() })), ...stdErrors } } },
      async (req) => complaints.listIntakeSources(actorOf(req)),
    );
    app.post(
      '/complaints/intake-sources',
      {
        schema: {
          tags,
          summary: 'Register a hotline system for the webhook; the token is shown once',
          body: z.object({ name: z.string().trim().min(2).max(100), channel: z.enum(['hotline_12345', 'petition']) }),
          response: { 201: z.object({ id: z.uuid(), name: z.string(), channel: z.string(), token: z.string() }), ...stdErrors },
        },
      },
      async (req, reply) => reply.code(201).send(await complaints.createIntakeSource(actorOf(req), req.body, meta(req))),
    );
    app.post(
      '/complaints/webhook',
      {
        config: { public: true },
        schema: {
          tags,
          security: [],
          summary: '12345 hotline system posts a work order: headers X-Source-Id and Authorization: Bearer <token>; re-posting the same number is idempotent',
          headers: z.object({ 'x-source-id': z.uuid(), authorization: z.string().regex(/^Bearer \S+$/) }),
          body: ExternalRecordBody,
          response: {
            200: z.object({ created: z.literal(false), trackingNo: z.string(), status: z.string(), acceptDueOn: z.string() }),
            201: z.object({ created: z.literal(true), trackingNo: z.string(), code: z.string(), status: z.string(), acceptDueOn: z.string() }),
            ...stdErrors,
          },
        },
      },
      async (req, reply) => {
        const out = await complaints.intakeFromHotline(req.headers['x-source-id'], req.headers.authorization.slice(7), req.body, meta(req));
        return reply.code(out.created ? 201 : 200).send(out as never);
      },
    );
    app.get('/complaints/:id', { schema: { tags, summary: 'One complaint with its timeline, routing history and SLA rules (contact masked)', params: IdParams, response: { 200: Detail, ...stdErrors } } }, async (req) =>
      complaints.get(actorOf(req), req.params.id),
    );
    app.post(
      '/complaints/:id/actions/:action',
      {
        schema: {
          tags,
          summary: 'Accept, reject, start or close (answer) a complaint; the note is the reply the complainant sees',
          params: IdParams.extend({ action: z.enum(['accept', 'reject', 'start', 'close']) }),
          body: z.object({ note: z.string().trim().max(2000).optional(), version: z.number().int() }),
          response: { 200: z.object({ id: z.uuid(), status: z.string(), version: z.number(), answerDueOn: z.string().nullable() }), ...stdErrors },
        },
      },
      async (req) => complaints.act(actorOf(req), req.params.id, req.params.action, req.body, meta(req)),
    );
    app.post(
      '/complaints/:id/assign',
      {
        schema: {
          tags,
          summary: 'Assign a handler in the handling agency, or re-route to another agency (reason required; recorded for the supervisor)',
          params: IdParams,
          body: z.object({ toAgencyId: z.uuid().optional(), handlerId: z.uuid().optional(), reason: z.string().trim().min(2).max(1000), version: z.number().int() }),
          response: { 200: z.object({ id: z.uuid(), agencyId: z.uuid(), handlerId: z.uuid().nullable(), version: z.number() }), ...stdErrors },
        },
      },
      async (req) => complaints.assign(actorOf(req), req.params.id, req.body, meta(req)),
    );
    app.post(
      '/complaints/:id/reveal',
      {
        schema: {
          tags,
          summary: 'The reporter’s identity, unmasked — the assigned handler only; every reveal is logged (CP2)',
          params: IdParams,
          body: z.object({ reason: z.string().trim().min(2).max(500) }),
          response: { 200: z.object({ contactName: z.string().nullable(), contactPhone: z.string().nullable() }), ...stdErrors },
        },
      },
      async (req) => complaints.revealIdentity(actorOf(req), req.params.id, req.body.reason, meta(req)),
    );
    app.post(
      '/complaints/:id/open-case',
      {
        schema: {
          tags,
          summary: 'Open a case lead (案源登记) from an accepted report; the case and the complaint link to each other',
          params: IdParams,
          body: z.object({
            version: z.number().int(),
            itemId: z.uuid(),
            placeRegionCode: z.string().regex(/^\d{6}(\d{3})?$/),
            party: PartyInput,
            officerIds: z.array(z.uuid()).min(1).max(10),
            violationOn: isoDate,
            discoveredOn: isoDate,
          }),
          response: { 201: z.object({ id: z.uuid(), caseId: z.uuid(), status: z.string(), version: z.number() }), ...stdErrors },
        },
      },
      async (req, reply) => reply.code(201).send(await complaints.openCase(actorOf(req), req.params.id, req.body, meta(req))),
    );
  };
}
