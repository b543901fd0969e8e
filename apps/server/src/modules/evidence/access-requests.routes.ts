import { AccessDecisionInput, AccessRequestInput } from '@zhifa/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, ErrorResponse, IdParams, meta, stdErrors } from '../../lib/http.ts';
import type { AccessRequestService } from './access-requests.service.ts';

const StaffOut = z.object({
  id: z.string(),
  trackingNo: z.string(),
  caseNo: z.string(),
  caseId: z.string().nullable(),
  partyType: z.string(),
  requesterName: z.string(),
  identifierMasked: z.string(),
  phone: z.string().nullable(),
  kind: z.string(),
  purpose: z.string(),
  status: z.string(),
  releasedEvidenceIds: z.array(z.string()),
  withheldGround: z.string().nullable(),
  decisionReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  validUntil: z.string().nullable(),
  createdAt: z.string(),
});
const StaffDetail = StaffOut.extend({
  records: z.array(z.object({ id: z.string(), fileName: z.string(), kind: z.string(), capturedAt: z.string(), proves: z.string(), stage: z.string().nullable() })),
});
const PublicStatus = z.object({
  trackingNo: z.string(),
  caseNo: z.string(),
  kind: z.string(),
  status: z.string(),
  withheldGround: z.string().nullable(),
  decisionReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  validUntil: z.string().nullable(),
  available: z.boolean(),
  records: z.array(z.object({ id: z.string(), fileName: z.string(), mediaType: z.string(), kind: z.string(), size: z.number(), capturedAt: z.string(), proves: z.string(), sha256: z.string() })),
});
const Tracking = z.object({ trackingNo: z.string().regex(/^CX\d{14}$/) });
// The code travels in a header, not the URL, so it never lands in access logs or browser history.
const CodeHeader = z.object({ 'x-access-code': z.string().min(4).max(64) });
const publicErrors = { 400: ErrorResponse, 404: ErrorResponse };

/** 当事人查阅申请: the public request, status and download (no login), and the agency's list and decision. */
export function accessRequestRoutes(svc: AccessRequestService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/public/record-access-requests',
      {
        config: { public: true },
        schema: {
          tags: ['evidence'],
          summary: 'A party asks to consult or copy the records of its case (tracking number and code are returned once)',
          body: AccessRequestInput,
          response: { 201: z.object({ trackingNo: z.string(), code: z.string(), status: z.string() }), ...publicErrors },
        },
      },
      async (req, reply) => reply.code(201).send(await svc.submit(req.body, meta(req))),
    );
    app.get(
      '/public/record-access-requests/:trackingNo',
      { config: { public: true }, schema: { tags: ['evidence'], summary: 'The request’s state and the records released to the requester (x-access-code header)', params: Tracking, headers: CodeHeader, response: { 200: PublicStatus, ...publicErrors } } },
      async (req) => svc.status(req.params.trackingNo, req.headers['x-access-code']),
    );
    app.get(
      '/public/record-access-requests/:trackingNo/records/:evidenceId',
      {
        config: { public: true },
        schema: { tags: ['evidence'], summary: 'Download one released record (logged in the evidence access log)', params: Tracking.extend({ evidenceId: z.uuid() }), headers: CodeHeader, response: { 200: z.any(), ...publicErrors } },
      },
      async (req, reply) => {
        const { row, stream } = await svc.open(req.params.trackingNo, req.headers['x-access-code'], req.params.evidenceId, req.ip);
        return reply
          .header('content-type', row.mediaType)
          .header('content-length', row.size)
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.fileName)}`)
          .header('x-content-sha256', row.blobId.slice(7))
          .send(stream);
      },
    );

    app.get(
      '/record-access-requests',
      {
        schema: {
          tags: ['evidence'],
          summary: 'Parties’ requests to consult or copy records, in my scope, newest first',
          querystring: z.object({ status: z.string().optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
          response: { 200: z.array(StaffOut), ...stdErrors },
        },
      },
      async (req) => svc.list(actorOf(req), req.query),
    );
    app.get('/record-access-requests/:id', { schema: { tags: ['evidence'], summary: 'One request with the records of its case', params: IdParams, response: { 200: StaffDetail, ...stdErrors } } }, async (req) =>
      svc.get(actorOf(req), req.params.id),
    );
    app.post(
      '/record-access-requests/:id/decision',
      { schema: { tags: ['evidence'], summary: 'Release records (all, or some with a ground for the rest) or refuse with a ground', params: IdParams, body: AccessDecisionInput, response: { 200: StaffOut, ...stdErrors } } },
      async (req) => svc.decide(actorOf(req), req.params.id, req.body, meta(req)),
    );
  };
}
