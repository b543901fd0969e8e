import { LICENSING_ACTIONS, LICENSING_STATUSES, type LicensingAction, PartyInput } from '@zhifa/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, IdParams, meta, page, Pagination, stdErrors } from '../../lib/http.ts';
import { LICENSING_EXCLUSION_KINDS, type LicensingService } from './licensing.service.ts';

const isoDate = z.iso.date();
const Register = z.object({
  itemId: z.uuid(),
  applicant: PartyInput,
  submittedMaterials: z.array(z.string().trim().min(1).max(300)).max(100),
  receivedOn: isoDate.optional(),
  isJointHandling: z.boolean().optional(),
});
const ExclusionKind = z.enum(LICENSING_EXCLUSION_KINDS as [string, ...string[]]) as z.ZodType<(typeof LICENSING_EXCLUSION_KINDS)[number]>;
const Payload = z
  .object({
    reason: z.string().trim().max(4000).optional(),
    materials: z.array(z.string().trim().min(1).max(300)).max(100).optional(),
    sealedReceiptIssued: z.boolean().optional(),
    notAcceptedReason: z.enum(['no_licence_required', 'not_competent', 'false_materials', 'incomplete', 'other']).optional(),
    referralAgency: z.string().trim().max(200).optional(),
    falseApplication: z.object({ isSafetyRelated: z.boolean() }).optional(),
    reviewerIds: z.array(z.uuid()).max(10).optional(),
    verifierIds: z.array(z.uuid()).max(10).optional(),
    needsSubstantiveVerification: z.boolean().optional(),
    involvesOthersMajorInterests: z.boolean().optional(),
    isHearingRequired: z.boolean().optional(),
    extension: z.object({ approvedBy: z.enum(['agency_head', 'government_head']).nullable(), reasons: z.string().trim().max(2000), reasonsToldOn: isoDate.nullable() }).optional(),
    hearingDate: isoDate.optional(),
    presiderId: z.uuid().optional(),
    noticeSentOn: isoDate.optional(),
    hasTranscript: z.boolean().optional(),
    remediesStated: z.boolean().optional(),
    conditions: z.string().trim().max(4000).optional(),
    certificateNo: z.string().trim().max(100).optional(),
    validFrom: isoDate.optional(),
    expiresOn: isoDate.nullish(),
  })
  .strict();
const ActBody = z.object({ payload: Payload.default({}), version: z.number().int(), idempotencyKey: z.string().min(8).max(100).optional() });

const RefusalOut = z.object({ code: z.string(), message: z.string(), messageZh: z.string(), citation: z.string().optional(), details: z.record(z.string(), z.unknown()).optional() });
const Named = z.object({ id: z.uuid(), name: z.string() });
const DeadlineOut = z.object({
  key: z.string(),
  labelZh: z.string(),
  labelEn: z.string(),
  start: z.string(),
  dueOn: z.string(),
  dayType: z.enum(['working', 'natural']),
  length: z.number(),
  citation: z.string(),
  pausedDays: z.number(),
  state: z.enum(['running', 'met', 'overdue', 'paused', 'ended']),
  calendarProvisional: z.boolean(),
  daysLeft: z.number(),
});
const ApplicationOut = z.object({
  id: z.uuid(),
  applicationNo: z.string(),
  itemId: z.uuid(),
  itemName: z.string(),
  itemCode: z.string(),
  agencyId: z.uuid(),
  agencyName: z.string(),
  regionPath: z.string(),
  sector: z.string(),
  status: z.enum(LICENSING_STATUSES as [string, ...string[]]),
  statusZh: z.string(),
  partyId: z.uuid(),
  applicant: z.record(z.string(), z.unknown()),
  facts: z.record(z.string(), z.unknown()),
  content: z.record(z.string(), z.unknown()),
  missingMaterials: z.array(z.string()),
  intake: z.object({ state: z.string(), dueOn: z.string(), acceptedFrom: z.string().nullable(), flags: z.array(z.string()) }),
  reviewers: z.array(Named),
  verifiers: z.array(Named),
  presider: Named.nullable(),
  bans: z.array(z.object({ itemId: z.string(), kind: z.string(), decidedOn: z.string(), isSafetyRelated: z.boolean() })),
  renewal: z
    .object({ state: z.string(), applyBy: z.string(), decideBy: z.string(), citation: z.string(), isLateDecisionIgnored: z.boolean(), appliedOn: z.string().nullable(), decision: z.record(z.string(), z.unknown()).nullable() })
    .nullable(),
  deadlines: z.array(DeadlineOut),
  availableActions: z.array(z.string()),
  refusedActions: z.array(z.object({ action: z.string(), refusals: z.array(RefusalOut) })),
  notices: z.array(z.record(z.string(), z.unknown())),
  version: z.number().int(),
  today: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const EventOut = z.object({
  id: z.number(),
  applicationId: z.uuid(),
  seq: z.number().int(),
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  actorId: z.uuid(),
  actorRole: z.string(),
  actorName: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
  idempotencyKey: z.string().nullable(),
  occurredAt: z.string(),
});
const Version = { version: z.number().int() };

/** /api/v1/licensing: 行政许可 applications (行政许可法 Art.29–50), the ban register (Art.78–79). Thin routes. */
export function licensingRoutes(s: LicensingService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['licensing'];
    app.post(
      '/licensing/applications',
      { schema: { tags, summary: '收件登记: register a licence application (answers the tracking number and, once, the verification code)', body: Register, response: { 201: ApplicationOut.extend({ verificationCode: z.string() }), ...stdErrors } } },
      async (req, reply) => reply.status(201).send(await s.register(actorOf(req), req.body, meta(req))),
    );
    app.get(
      '/licensing/applications',
      {
        schema: {
          tags,
          summary: 'Licence applications in my scope',
          querystring: Pagination.extend({ status: z.enum(LICENSING_STATUSES as [string, ...string[]]).optional(), q: z.string().trim().min(1).max(100).optional() }),
          response: { 200: page(ApplicationOut), ...stdErrors },
        },
      },
      async (req) => s.list(actorOf(req), req.query),
    );
    app.get(
      '/licensing/todo',
      {
        schema: {
          tags,
          summary: '许可待办: open applications of my agency with the steps open now and the nearest deadline (overdue first)',
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  applicationId: z.uuid(),
                  applicationNo: z.string(),
                  applicantName: z.string(),
                  itemName: z.string(),
                  status: z.string(),
                  statusZh: z.string(),
                  nextActions: z.array(z.string()),
                  dueOn: z.string().nullable(),
                  deadlineKey: z.string().nullable(),
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
    app.get('/licensing/applications/:id', { schema: { tags, summary: 'One application with its deadlines and available and refused actions', params: IdParams, response: { 200: ApplicationOut, ...stdErrors } } }, async (req) =>
      s.get(actorOf(req), req.params.id),
    );
    app.get('/licensing/applications/:id/events', { schema: { tags, summary: 'The application’s event history (append-only)', params: IdParams, response: { 200: z.array(EventOut), ...stdErrors } } }, async (req) =>
      s.events(actorOf(req), req.params.id),
    );
    app.post(
      '/licensing/applications/:id/actions/:action',
      {
        schema: {
          tags,
          summary: 'Take a procedural step (409 INVALID_TRANSITION with allowedActions; 422 RULE_VIOLATION with the citation)',
          params: IdParams.extend({ action: z.enum(LICENSING_ACTIONS as [LicensingAction, ...LicensingAction[]]) }),
          body: ActBody,
          response: { 200: ApplicationOut, ...stdErrors },
        },
      },
      async (req) => s.act(actorOf(req), req.params.id, req.params.action, req.body as Parameters<LicensingService['act']>[3], meta(req)),
    );
    app.post(
      '/licensing/applications/:id/exclusions',
      {
        schema: {
          tags,
          summary: '除外期间 starts (hearing, testing, expert review…; 行政许可法 Art.45): pauses the decision period once told in writing',
          params: IdParams,
          body: z.object({ kind: ExclusionKind, from: isoDate.optional(), toldInWritingOn: isoDate.nullish(), ...Version }).strict(),
          response: { 200: ApplicationOut, ...stdErrors },
        },
      },
      async (req) => s.startExclusion(actorOf(req), req.params.id, req.body, meta(req)),
    );
    app.post(
      '/licensing/applications/:id/exclusions/end',
      {
        schema: { tags, summary: 'The running excluded period ends', params: IdParams, body: z.object({ to: isoDate.optional(), toldInWritingOn: isoDate.nullish(), ...Version }).strict(), response: { 200: ApplicationOut, ...stdErrors } },
      },
      async (req) => s.endExclusion(actorOf(req), req.params.id, req.body, meta(req)),
    );
    app.post(
      '/licensing/applications/:id/renewal',
      { schema: { tags, summary: '延续申请 (行政许可法 Art.50)', params: IdParams, body: z.object({ appliedOn: isoDate.optional(), ...Version }).strict(), response: { 200: ApplicationOut, ...stdErrors } } },
      async (req) => s.applyRenewal(actorOf(req), req.params.id, req.body, meta(req)),
    );
    app.post(
      '/licensing/applications/:id/renewal/decision',
      {
        schema: {
          tags,
          summary: '延续决定: before expiry, else the renewal is deemed granted (Art.50 para 2; a later decision is refused)',
          params: IdParams,
          body: z.object({ isGranted: z.boolean(), reasons: z.string().trim().max(4000), ...Version }).strict(),
          response: { 200: ApplicationOut, ...stdErrors },
        },
      },
      async (req) => s.decideRenewal(actorOf(req), req.params.id, req.body, meta(req)),
    );
    app.get(
      '/licensing/bans',
      {
        schema: {
          tags,
          summary: '申请人禁止申请登记 (行政许可法 Art.78–79) in my scope',
          response: {
            200: z.array(
              z.object({
                id: z.uuid(),
                partyId: z.uuid(),
                partyName: z.string().nullable(),
                itemId: z.uuid(),
                itemName: z.string(),
                kind: z.string(),
                decidedOn: z.string(),
                isSafetyRelated: z.boolean(),
                reason: z.string(),
                applicationId: z.uuid().nullable(),
                agencyId: z.uuid(),
                regionPath: z.string(),
                createdBy: z.uuid(),
                createdAt: z.string(),
              }),
            ),
            ...stdErrors,
          },
        },
      },
      async (req) => s.listBans(actorOf(req)),
    );
    app.post(
      '/licensing/bans',
      {
        schema: {
          tags,
          summary: 'Enter an applicant in the ban register (false application: 1 year, Art.78; fraud or bribery: 3 years, Art.79)',
          body: z.object({ applicationId: z.uuid(), kind: z.enum(['false_application', 'improper_means']), decidedOn: isoDate, isSafetyRelated: z.boolean(), reason: z.string().trim().min(1).max(2000) }).strict(),
          response: { 201: z.object({ id: z.uuid() }), ...stdErrors },
        },
      },
      async (req, reply) => reply.status(201).send(await s.recordBan(actorOf(req), req.body, meta(req))),
    );
    app.post(
      '/public/licensing/progress',
      {
        config: { public: true },
        schema: {
          tags: ['public'],
          security: [],
          summary: '事中公示: an application\'s progress by its number and verification code (no login; wrong number or code → 404)',
          body: z.object({ applicationNo: z.string().trim().min(4).max(40), code: z.string().trim().min(4).max(40) }).strict(),
          response: {
            200: z.object({
              applicationNo: z.string(),
              status: z.string(),
              statusZh: z.string(),
              statusEn: z.string(),
              itemName: z.string(),
              agencyName: z.string(),
              receivedOn: z.string(),
              missingMaterials: z.array(z.string()),
              deadlines: z.array(
                z.object({ key: z.string(), labelZh: z.string(), labelEn: z.string(), dueOn: z.string(), dayType: z.enum(['working', 'natural']), length: z.number(), citation: z.string(), state: z.string() }),
              ),
              steps: z.array(z.object({ at: z.string(), status: z.string(), statusZh: z.string(), statusEn: z.string() })),
              updatedAt: z.string(),
            }),
            ...stdErrors,
          },
        },
      },
      async (req) => s.verify(req.body.applicationNo, req.body.code),
    );
  };
}
