import { COERCION_ACTIONS, COERCION_STATUSES, type CoercionAction, PartyInput } from '@zhifa/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, IdParams, meta, page, Pagination, stdErrors } from '../../lib/http.ts';
import type { CoercionService } from './coercion.service.ts';
import { EventOut } from './inspections.routes.ts';

const isoDate = z.iso.date();
const isoDateTime = z.iso.datetime({ offset: true });
const InventoryLine = z.object({
      description: z.string().trim().min(1).max(500),
      quantity: z.number().positive().max(1e9),
      unit: z.string().trim().min(1).max(20),
      note: z.string().trim().max(500).nullish(),
      isRelatedToViolation: z.boolean(),
      isLifeNecessity: z.boolean(),
      isSealedElsewhere: z.boolean(),
    });
const Inventory = z.array(InventoryLine).max(500);
const CreateMeasure = z.object({
  kind: z.enum(['seal', 'seize', 'freeze']),
  itemId: z.uuid(),
  placeRegionCode: z.string().regex(/^\d{6}(\d{3})?$/),
  party: PartyInput.optional(),
  officerIds: z.array(z.uuid()).min(1).max(10),
  inventory: Inventory,
  reasons: z.string().trim().min(1).max(4000),
  legalBasis: z.string().trim().min(1).max(2000),
  place: z.string().trim().max(300).nullish(),
  caseId: z.uuid().nullish(),
  inspectionId: z.uuid().nullish(),
  freezeAuthorisingLaw: z.string().trim().max(500).nullish(),
  freezeAmount: z.number().positive().max(1e12).nullish(),
  violationAmount: z.number().positive().max(1e12).nullish(),
  account: z.string().trim().max(100).nullish(),
  isAlreadyFrozen: z.boolean().optional(),
});
const DECISION_CONTENTS = ['party', 'reasons_and_basis', 'items', 'place', 'account_and_amount', 'period', 'remedies', 'agency_and_date'] as const;
const Payload = z
  .object({
    reason: z.string().trim().max(2000).optional(),
    emergencyReportedAt: isoDateTime.optional(),
    urgencyReason: z.string().trim().max(2000).optional(),
    startedAt: isoDateTime.optional(),
    officerIds: z.array(z.uuid()).min(1).max(10).optional(),
    inventory: Inventory.optional(),
    onSite: z
      .object({
        areCertificatesShown: z.boolean(),
        isPartyNotifiedToAttend: z.boolean(),
        areReasonsAndRightsTold: z.boolean(),
        areStatementsHeard: z.boolean(),
        record: z.object({ officersSigned: z.boolean(), partyPresent: z.boolean(), partySigned: z.boolean(), partyRefusalNoted: z.boolean(), witnessSigned: z.boolean() }).nullable(),
        decisionContents: z.array(z.enum(DECISION_CONTENTS)).max(8),
        isDecisionAndInventoryHandedOver: z.boolean(),
        isBankNoticeDelivered: z.boolean(),
      })
      .optional(),
    extensionDays: z.number().int().min(1).max(60).optional(),
    extensionReasons: z.string().trim().max(2000).optional(),
    notifiedInWritingOn: isoDate.optional(),
    releaseReason: z.enum(['no_violation', 'unrelated', 'no_longer_needed', 'period_expired', 'disapproved', 'other']).optional(),
    penaltyDecisionRef: z.string().trim().max(100).optional(),
    legalBasis: z.string().trim().max(1000).optional(),
    freezeDecisionDeliveredOn: isoDate.optional(),
  })
  .strict();

const RefusalOut = z.object({ code: z.string(), message: z.string(), messageZh: z.string(), citation: z.string().optional(), details: z.record(z.string(), z.unknown()).optional() });
const Person = z.object({ id: z.uuid(), name: z.string(), certificateNo: z.string().nullable() });
const MeasureOut = z.object({
  id: z.uuid(),
  kind: z.string(),
  itemId: z.uuid(),
  itemName: z.string(),
  itemCode: z.string(),
  agencyId: z.uuid(),
  agencyName: z.string(),
  regionPath: z.string(),
  sector: z.string(),
  placePath: z.string(),
  status: z.enum(COERCION_STATUSES as [string, ...string[]]),
  party: z.record(z.string(), z.unknown()),
  facts: z.record(z.string(), z.unknown()),
  inventory: z.array(InventoryLine),
  content: z.record(z.string(), z.unknown()),
  officers: z.array(Person),
  caseId: z.uuid().nullable(),
  linkedCase: z.object({ id: z.uuid(), caseNo: z.string().nullable(), status: z.string() }).nullable(),
  inspectionId: z.uuid().nullable(),
  expiry: z.string(),
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
      unit: z.string(),
      length: z.number(),
      citation: z.string(),
      pausedDays: z.number(),
      state: z.enum(['running', 'met', 'overdue', 'paused', 'ended']),
      calendarProvisional: z.boolean(),
      daysLeft: z.number(),
    }),
  ),
  version: z.number().int(),
  today: z.string(),
  now: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** /api/v1 coercive measures (行政强制措施: 查封 / 扣押 / 冻结): thin routes, one service call each. */
export function coercionRoutes(s: CoercionService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/coercive-measures', { schema: { tags: ['coercive-measures'], summary: 'Propose a measure with its inventory (清单) for the head’s approval (行政强制法 Art.18)', body: CreateMeasure, response: { 201: MeasureOut, ...stdErrors } } }, async (req, reply) =>
      reply.status(201).send(await s.create(actorOf(req), req.body, meta(req))),
    );
    app.get(
      '/coercive-measures',
      {
        schema: {
          tags: ['coercive-measures'],
          summary: 'Coercive measures in my scope',
          querystring: Pagination.extend({ status: z.enum(COERCION_STATUSES as [string, ...string[]]).optional(), q: z.string().trim().min(1).max(100).optional(), caseId: z.uuid().optional() }),
          response: { 200: page(MeasureOut), ...stdErrors },
        },
      },
      async (req) => s.list(actorOf(req), req.query),
    );
    app.get(
      '/coercive-measures/todo',
      {
        schema: {
          tags: ['coercive-measures'],
          summary: '强制措施待办: measures not yet ended, those that must be released (period over, disapproved) or are late first',
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  measureId: z.uuid(),
                  kind: z.string(),
                  partyName: z.string(),
                  status: z.string(),
                  nextActions: z.array(z.string()),
                  mustRelease: z.boolean(),
                  dueOn: z.string().nullable(),
                  deadlineLabelZh: z.string().nullable(),
                  daysLeft: z.number().nullable(),
                  overdue: z.boolean(),
                }),
              ),
            }),
            ...stdErrors,
          },
        },
      },
      async (req) => s.todo(actorOf(req)),
    );
    app.get('/coercive-measures/:id', { schema: { tags: ['coercive-measures'], summary: 'One measure with its clocks, inventory, available and refused actions', params: IdParams, response: { 200: MeasureOut, ...stdErrors } } }, async (req) =>
      s.get(actorOf(req), req.params.id),
    );
    app.get('/coercive-measures/:id/events', { schema: { tags: ['coercive-measures'], summary: 'The measure’s event history (append-only)', params: IdParams, response: { 200: z.array(EventOut.extend({ measureId: z.uuid() })), ...stdErrors } } }, async (req) =>
      s.events(actorOf(req), req.params.id),
    );
    app.post(
      '/coercive-measures/:id/actions/:action',
      {
        schema: {
          tags: ['coercive-measures'],
          summary: 'Take a step (409 INVALID_TRANSITION with allowedActions; 422 RULE_VIOLATION with the citation)',
          params: IdParams.extend({ action: z.enum(COERCION_ACTIONS as [CoercionAction, ...CoercionAction[]]) }),
          body: z.object({ payload: Payload.default({}), version: z.number().int() }),
          response: { 200: MeasureOut, ...stdErrors },
        },
      },
      async (req) => s.act(actorOf(req), req.params.id, req.params.action, req.body as Parameters<CoercionService['act']>[3], meta(req)),
    );
    app.post(
      '/coercive-measures/:id/testing-periods',
      {
        schema: {
          tags: ['coercive-measures'],
          summary: 'Record a testing / inspection / quarantine / appraisal period, excluded from the measure period once told in writing (行政强制法 Art.25 para 3)',
          params: IdParams,
          body: z.object({
            period: z.object({ kind: z.enum(['testing', 'inspection', 'quarantine', 'appraisal']), from: isoDate, to: isoDate.nullable(), toldInWritingOn: isoDate.nullable() }),
            version: z.number().int(),
          }),
          response: { 200: MeasureOut, ...stdErrors },
        },
      },
      async (req) => s.recordTestingPeriod(actorOf(req), req.params.id, req.body, meta(req)),
    );
  };
}
