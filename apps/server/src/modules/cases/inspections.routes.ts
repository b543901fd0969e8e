import { INSPECTION_ACTIONS, INSPECTION_STATUSES, type InspectionAction, PartyInput } from '@zhifa/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, IdParams, meta, page, Pagination, stdErrors } from '../../lib/http.ts';
import type { InspectionService } from './inspections.service.ts';

const isoDate = z.iso.date();

const CreateInspection = z.object({
  itemId: z.uuid(),
  placeRegionCode: z.string().regex(/^\d{6}(\d{3})?$/),
  target: PartyInput,
  officerIds: z.array(z.uuid()).min(1).max(10),
  isNoticeRequired: z.boolean().optional(),
  legalBasis: z.string().trim().max(2000).nullish(),
  purpose: z.string().trim().max(2000).optional(),
  plannedOn: isoDate.optional(),
});
const Payload = z
  .object({
    reason: z.string().trim().max(1000).optional(),
    noticeMethod: z.string().trim().max(100).optional(),
    officerIds: z.array(z.uuid()).min(1).max(10).optional(),
    areCertificatesShown: z.boolean().optional(),
    conflictedOfficerIds: z.array(z.uuid()).max(10).optional(),
    place: z.string().trim().max(300).optional(),
    notes: z.string().trim().max(20000).optional(),
    onSiteRecord: z.object({ officersSigned: z.boolean(), partySigned: z.boolean(), partyRefusalOrAbsenceNoted: z.boolean(), witnessSigned: z.boolean() }).optional(),
    outcome: z.enum(['no_problem', 'problems_found']).optional(),
    findings: z.array(z.string().trim().min(1).max(1000)).max(50).optional(),
    followUps: z.array(z.enum(['rectification', 'penalty_case'])).max(2).optional(),
    rectificationItems: z.array(z.string().trim().min(1).max(1000)).max(50).optional(),
    rectificationDueOn: isoDate.optional(),
    isRectified: z.boolean().optional(),
  })
  .strict();

const RefusalOut = z.object({ code: z.string(), message: z.string(), messageZh: z.string(), citation: z.string().optional(), details: z.record(z.string(), z.unknown()).optional() });
const Person = z.object({ id: z.uuid(), name: z.string(), certificateNo: z.string().nullable() });
const InspectionOut = z.object({
  id: z.uuid(),
  itemId: z.uuid(),
  itemName: z.string(),
  itemCode: z.string(),
  agencyId: z.uuid(),
  agencyName: z.string(),
  regionPath: z.string(),
  sector: z.string(),
  placePath: z.string(),
  placeRegionCode: z.string(),
  status: z.enum(INSPECTION_STATUSES as [string, ...string[]]),
  target: z.record(z.string(), z.unknown()),
  facts: z.record(z.string(), z.unknown()),
  content: z.record(z.string(), z.unknown()),
  officers: z.array(Person),
  linkedCase: z.object({ id: z.uuid(), caseNo: z.string().nullable(), status: z.string() }).nullable(),
  availableActions: z.array(z.string()),
  refusedActions: z.array(z.object({ action: z.string(), refusals: z.array(RefusalOut) })),
  notices: z.array(z.object({ kind: z.string(), message: z.string(), messageZh: z.string(), citation: z.string(), details: z.record(z.string(), z.unknown()).optional() })),
  deadlines: z.array(
    z.object({
      key: z.string(),
      labelZh: z.string(),
      labelEn: z.string(),
      start: z.string(),
      dueOn: z.string(),
      dayType: z.enum(['working', 'natural']),
      length: z.number(),
      citation: z.string(),
      state: z.enum(['running', 'met', 'overdue', 'ended']),
      calendarProvisional: z.boolean(),
      daysLeft: z.number(),
    }),
  ),
  version: z.number().int(),
  today: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const EventOut = z.object({
  id: z.number(),
  seq: z.number().int(),
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  actorId: z.uuid(),
  actorRole: z.string(),
  actorName: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
  occurredAt: z.string(),
});

/** /api/v1 inspections (行政检查): thin routes, one service call each. */
export function inspectionRoutes(s: InspectionService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/inspections', { schema: { tags: ['inspections'], summary: 'Plan an inspection (拟检查) against an item of the inspection list', body: CreateInspection, response: { 201: InspectionOut, ...stdErrors } } }, async (req, reply) =>
      reply.status(201).send(await s.create(actorOf(req), req.body, meta(req))),
    );
    app.get(
      '/inspections',
      {
        schema: {
          tags: ['inspections'],
          summary: 'Inspections in my scope',
          querystring: Pagination.extend({ status: z.enum(INSPECTION_STATUSES as [string, ...string[]]).optional(), q: z.string().trim().min(1).max(100).optional(), linkedCaseId: z.uuid().optional() }),
          response: { 200: page(InspectionOut), ...stdErrors },
        },
      },
      async (req) => s.list(actorOf(req), req.query),
    );
    app.get('/inspections/:id', { schema: { tags: ['inspections'], summary: 'One inspection with its available and refused actions and its deadlines', params: IdParams, response: { 200: InspectionOut, ...stdErrors } } }, async (req) =>
      s.get(actorOf(req), req.params.id),
    );
    app.get('/inspections/:id/events', { schema: { tags: ['inspections'], summary: 'The inspection’s event history (append-only)', params: IdParams, response: { 200: z.array(EventOut.extend({ inspectionId: z.uuid() })), ...stdErrors } } }, async (req) =>
      s.events(actorOf(req), req.params.id),
    );
    app.post(
      '/inspections/:id/actions/:action',
      {
        schema: {
          tags: ['inspections'],
          summary: 'Take an inspection step (409 INVALID_TRANSITION with allowedActions; 422 RULE_VIOLATION with the citation)',
          params: IdParams.extend({ action: z.enum(INSPECTION_ACTIONS as [InspectionAction, ...InspectionAction[]]) }),
          body: z.object({ payload: Payload.default({}), version: z.number().int() }),
          response: { 200: InspectionOut, ...stdErrors },
        },
      },
      async (req) => s.act(actorOf(req), req.params.id, req.params.action, req.body as Parameters<InspectionService['act']>[3], meta(req)),
    );
    app.post(
      '/inspections/:id/open-case',
      {
        schema: {
          tags: ['inspections'],
          summary: 'Open the penalty case the result calls for (行政处罚法 Art.54) against the inspected party, linked both ways',
          params: IdParams,
          body: z.object({
            itemId: z.uuid(),
            officerIds: z.array(z.uuid()).min(1).max(10).optional(),
            violationOn: isoDate,
            discoveredOn: isoDate.optional(),
            isSuspectedCrime: z.boolean().optional(),
            involvesLifeHealthOrFinancialSafety: z.boolean().optional(),
            version: z.number().int(),
          }),
          response: { 200: InspectionOut, ...stdErrors },
        },
      },
      async (req) => s.openLinkedCase(actorOf(req), req.params.id, req.body, meta(req)),
    );
  };
}
