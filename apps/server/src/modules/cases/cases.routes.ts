import { PENALTY_ACTIONS, PENALTY_STATUSES, PENALTY_TYPES, type PenaltyAction } from '@zhifa/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, IdParams, meta, page, Pagination, stdErrors } from '../../lib/http.ts';
import type { CaseService } from './cases.service.ts';

const isoDate = z.iso.date();
const Party = z.discriminatedUnion('type', [
  z.object({ type: z.literal('individual'), name: z.string().trim().min(1).max(100), idNumber: z.string().trim().min(15).max(18) }),
  z.object({ type: z.literal('organisation'), name: z.string().trim().min(1).max(200), uscc: z.string().trim().length(18) }),
]);
const OpenCase = z.object({
  itemId: z.uuid(),
  placeRegionCode: z.string().regex(/^\d{6}(\d{3})?$/),
  party: Party,
  officerIds: z.array(z.uuid()).min(1).max(10),
  violationOn: isoDate,
  violationEndedOn: isoDate.nullish(),
  isContinuing: z.boolean().optional(),
  discoveredOn: isoDate,
  involvesLifeHealthOrFinancialSafety: z.boolean().optional(),
  hasHarmfulConsequences: z.boolean().optional(),
  isSuspectedCrime: z.boolean().optional(),
});
const Content = z.object({ types: z.array(z.enum(PENALTY_TYPES as [string, ...string[]])).max(10), fineAmount: z.number().nonnegative().nullable() });
const Payload = z
  .object({
    reason: z.string().trim().max(1000).optional(),
    proposed: Content.optional(),
    reviewerId: z.uuid().optional(),
    discretionTierLevel: z.string().max(50).nullish(),
    justification: z.string().max(2000).nullish(),
    decisionKind: z.enum(['penalty', 'no_penalty']).optional(),
    statementWaiverSigned: z.boolean().optional(),
  })
  .strict();
const ActBody = z.object({ payload: Payload.default({}), version: z.number().int(), idempotencyKey: z.string().min(8).max(100).optional() });

const RefusalOut = z.object({ code: z.string(), message: z.string(), messageZh: z.string(), citation: z.string().optional(), details: z.record(z.string(), z.unknown()).optional() });
const CaseOut = z.object({
  id: z.uuid(),
  caseNo: z.string().nullable(),
  procedure: z.string(),
  itemId: z.uuid(),
  agencyId: z.uuid(),
  regionPath: z.string(),
  sector: z.string(),
  placePath: z.string(),
  status: z.enum(PENALTY_STATUSES as [string, ...string[]]),
  party: z.record(z.string(), z.unknown()),
  facts: z.record(z.string(), z.unknown()),
  availableActions: z.array(z.string()),
  refusedActions: z.array(z.object({ action: z.string(), refusals: z.array(RefusalOut) })),
  notices: z.array(z.record(z.string(), z.unknown())),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const EventOut = z.object({
  id: z.number(),
  caseId: z.uuid(),
  seq: z.number().int(),
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  actorId: z.uuid(),
  actorRole: z.string(),
  payload: z.record(z.string(), z.unknown()),
  idempotencyKey: z.string().nullable(),
  occurredAt: z.string(),
});

/** /api/v1 penalty cases (一般程序): thin routes, one service call each. */
export function caseRoutes(s: CaseService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/cases', { schema: { tags: ['cases'], summary: 'Register a lead (案源登记) for the ordinary procedure', body: OpenCase, response: { 201: CaseOut, ...stdErrors } } }, async (req, reply) =>
      reply.status(201).send(await s.open(actorOf(req), req.body, meta(req))),
    );
    app.get(
      '/cases',
      { schema: { tags: ['cases'], summary: 'Cases in my scope', querystring: Pagination.extend({ status: z.enum(PENALTY_STATUSES as [string, ...string[]]).optional() }), response: { 200: page(CaseOut), ...stdErrors } } },
      async (req) => s.list(actorOf(req), req.query),
    );
    app.get('/cases/:id', { schema: { tags: ['cases'], summary: 'One case with its available and refused actions', params: IdParams, response: { 200: CaseOut, ...stdErrors } } }, async (req) =>
      s.get(actorOf(req), req.params.id),
    );
    app.post(
      '/cases/:id/actions/:action',
      {
        schema: {
          tags: ['cases'],
          summary: 'Take a procedural step (409 INVALID_TRANSITION with allowedActions; 422 RULE_VIOLATION with the citation)',
          params: IdParams.extend({ action: z.enum(PENALTY_ACTIONS as [PenaltyAction, ...PenaltyAction[]]) }),
          body: ActBody,
          response: { 200: CaseOut, ...stdErrors },
        },
      },
      async (req) => s.act(actorOf(req), req.params.id, req.params.action, req.body as Parameters<CaseService['act']>[3], meta(req)),
    );
    app.get('/cases/:id/events', { schema: { tags: ['cases'], summary: 'The case’s event history (append-only)', params: IdParams, response: { 200: z.array(EventOut), ...stdErrors } } }, async (req) =>
      s.events(actorOf(req), req.params.id),
    );
  };
}
