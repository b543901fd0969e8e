import { ON_SITE_COLLECTION_GROUNDS, PAYMENT_METHODS, PENALTY_ACTIONS, SIMPLIFIED_ACTIONS, SIMPLIFIED_STATUSES, type SimplifiedAction, PENALTY_STATUSES, PENALTY_TYPES, PRE_REVIEW_STEPS, REVIEW_CHECKLIST_KEYS, type PenaltyAction, type PreReviewStep, type ReviewChecklistKey, PartyInput } from '@zhifa/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, IdParams, meta, page, Pagination, stdErrors } from '../../lib/http.ts';
import type { PartyService } from './parties.service.ts';
import type { CaseFileService } from './case-files.service.ts';
import { SERVICE_METHODS, type CaseService } from './cases.service.ts';
import type { SimplifiedService } from './simplified.service.ts';
import type { EServiceService } from './e-service.service.ts';

const isoDate = z.iso.date();
const OpenCase = z.object({
  itemId: z.uuid(),
  placeRegionCode: z.string().regex(/^\d{6}(\d{3})?$/),
  party: PartyInput,
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
    findings: z.string().trim().max(20000).optional(),
    evidenceSummary: z.array(z.string().trim().min(1).max(500)).max(200).optional(),
    legalBasis: z.string().trim().max(4000).optional(),
    penaltyBasis: z.string().trim().max(4000).optional(),
    checklist: z.array(z.object({ key: z.enum(REVIEW_CHECKLIST_KEYS as [ReviewChecklistKey, ...ReviewChecklistKey[]]), result: z.enum(['pass', 'fail', 'not_applicable']), comment: z.string().max(1000).optional() })).max(50).optional(),
    opinion: z.string().trim().max(10000).optional(),
    serviceMethod: z.enum(SERVICE_METHODS).optional(),
    servedOn: isoDate.optional(),
    paymentAmount: z.number().positive().max(1e12).optional(),
    paymentReference: z.string().trim().max(100).optional(),
    paymentMethod: z.enum(PAYMENT_METHODS as [string, ...string[]]).optional(),
    paidOn: isoDate.optional(),
    onSiteGround: z.enum(ON_SITE_COLLECTION_GROUNDS as [string, ...string[]]).optional(),
    receiptNo: z.string().trim().max(100).optional(),
    schedule: z
      .object({
        kind: z.enum(['deferral', 'instalments']),
        appliedOn: isoDate,
        entries: z.array(z.object({ dueOn: isoDate, amount: z.number().positive().max(1e12) })).min(1).max(60),
      })
      .optional(),
    challengeKind: z.enum(['reconsideration', 'litigation']).optional(),
    challengeOn: isoDate.optional(),
  })
  .strict();
const ActBody = z.object({ payload: Payload.default({}), version: z.number().int(), idempotencyKey: z.string().min(8).max(100).optional() });

const RefusalOut = z.object({ code: z.string(), message: z.string(), messageZh: z.string(), citation: z.string().optional(), details: z.record(z.string(), z.unknown()).optional() });
const Person = z.object({ id: z.uuid(), name: z.string(), certificateNo: z.string().nullable() });
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
  /** The due date falls in a year whose holiday notice is not entered yet: an estimate (weekends only). */
  calendarProvisional: z.boolean(),
  daysLeft: z.number(),
});
const Money = z.number();
/** 执行: the account as of today (surcharge 行政处罚法 Art.72), schedules, reminder and court window (行政强制法 Art.53–54). */
const ExecutionOut = z.object({
  principal: Money,
  dueOn: z.string(),
  finalDueOn: z.string(),
  overduePrincipal: Money,
  surcharge: Money,
  surchargeCapped: z.boolean(),
  lateDays: z.number().int(),
  paid: Money,
  balance: Money,
  isSettled: z.boolean(),
  asOf: z.string(),
  payments: z.array(z.object({ amount: Money, paidOn: z.string(), method: z.string(), reference: z.string().nullable(), onSiteGround: z.string().nullish(), receiptNo: z.string().nullish() })),
  schedules: z.array(z.object({ kind: z.string(), appliedOn: z.string(), approvedOn: z.string(), entries: z.array(z.object({ dueOn: z.string(), amount: Money })) })),
  surchargePauses: z.array(z.object({ reason: z.string(), from: z.string(), to: z.string().nullable() })),
  reminderServedOn: z.string().nullable(),
  courtApplicationOn: z.string().nullable(),
  courtWindow: z.object({ remedyWindowEndsOn: z.string(), opensAfter: z.string(), closesOn: z.string(), reminderWaitEndsOn: z.string().nullable() }),
  calendarProvisional: z.boolean(),
});
const DocumentOut = z.object({ id: z.uuid(), kind: z.string(), titleZh: z.string(), titleEn: z.string(), number: z.string().nullable(), issuedAt: z.string(), createdAt: z.string() });
const Signoff = z.object({ signerOfficerId: z.string(), signerUserId: z.string(), signerName: z.string(), opinion: z.string(), on: z.string(), at: z.string() });
const ReviewChainOut = z.object({
  chainCode: z.string(),
  chainZh: z.string(),
  chainVersion: z.number().int().nullable(),
  citation: z.string().nullable(),
  round: z.number().int(),
  levels: z.array(z.object({ key: z.string(), zh: z.string(), en: z.string(), signers: z.array(z.string()), isLegalReview: z.boolean(), signoff: Signoff.nullable() })),
  currentIndex: z.number().int().nullable(),
  returned: z.object({ levelKey: z.string(), signerOfficerId: z.string(), signerName: z.string(), reason: z.string(), on: z.string() }).nullable(),
  passedOn: z.string().nullable(),
  canSign: z.boolean(),
  signRefusal: RefusalOut.nullable(),
  /** Inside the round (内蒙古办法 Art.29, 31, 32; SAMR Art.55): materials asked for, the head's extension, a disagreement. */
  startedOn: z.string().nullable().optional(),
  supplements: z
    .array(z.object({ levelKey: z.string(), requestedOn: z.string(), requestedBy: z.string(), materials: z.string(), suppliedOn: z.string().nullable(), suppliedNote: z.string().nullable() }))
    .optional(),
  extension: z.object({ approvedOn: z.string(), approverUserId: z.string(), approverName: z.string(), days: z.number(), reason: z.string() }).nullable().optional(),
  dispute: z
    .object({
      levelKey: z.string(),
      raisedOn: z.string(),
      raisedByName: z.string(),
      reason: z.string(),
      decision: z.object({ on: z.string(), deciderUserId: z.string(), deciderName: z.string(), upheld: z.boolean(), text: z.string() }).nullable(),
    })
    .nullable()
    .optional(),
  deadline: z
    .object({
      start: z.string(),
      dueOn: z.string(),
      length: z.number(),
      dayType: z.enum(['working', 'natural']),
      citation: z.string(),
      pausedDays: z.number(),
      isExtended: z.boolean(),
      isAwaitingMaterials: z.boolean(),
      state: z.enum(['running', 'paused', 'overdue']),
      calendarProvisional: z.boolean(),
    })
    .nullable(),
});
const CaseOut = z.object({
  id: z.uuid(),
  caseNo: z.string().nullable(),
  procedure: z.string(),
  itemId: z.uuid(),
  itemName: z.string(),
  itemCode: z.string(),
  agencyId: z.uuid(),
  agencyName: z.string(),
  regionPath: z.string(),
  sector: z.string(),
  placePath: z.string(),
  status: z.enum(PENALTY_STATUSES as [string, ...string[]]),
  partyId: z.uuid().nullable(),
  party: z.record(z.string(), z.unknown()),
  facts: z.record(z.string(), z.unknown()),
  content: z.record(z.string(), z.unknown()),
  officers: z.array(Person),
  reviewer: Person.nullable(),
  /** The review chain round (levels, who signed, the level reviewing now) and whether the caller signs it now. */
  reviewChain: ReviewChainOut.nullable(),
  isMajor: z.boolean(),
  hearingEntitled: z.boolean(),
  deadlines: z.array(DeadlineOut),
  execution: ExecutionOut.nullable(),
  documents: z.array(DocumentOut),
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
  caseId: z.uuid(),
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

/** /api/v1 penalty cases (一般程序): thin routes, one service call each. */
const PartyOut = z.object({
  id: z.uuid(),
  type: z.enum(['individual', 'organisation']),
  name: z.string(),
  identifier: z.string(),
  address: z.string().nullable(),
  legalRepresentative: z.string().nullable(),
  phone: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** /api/v1 parties (当事人): the register behind every case, with a party's history across cases in my scope. */
export function partyRoutes(p: PartyService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/parties',
      {
        schema: {
          tags: ['cases'],
          summary: 'Parties of cases in my scope (search by name or exact identifier)',
          querystring: Pagination.extend({ q: z.string().trim().min(1).max(100).optional() }),
          response: { 200: page(PartyOut.extend({ caseCount: z.number() })), ...stdErrors },
        },
      },
      async (req) => p.list(actorOf(req), req.query),
    );
    app.get(
      '/parties/:id',
      {
        schema: {
          tags: ['cases'],
          summary: 'A party and its cases in my scope (history across cases, e.g. for the first-violation exemption)',
          params: IdParams,
          response: {
            200: z.object({
              party: PartyOut,
              cases: z.array(
                z.object({ id: z.uuid(), caseNo: z.string().nullable(), status: z.string(), agencyId: z.uuid(), agencyName: z.string(), itemId: z.uuid(), itemName: z.string(), procedure: z.string(), createdAt: z.string(), decidedOn: z.string().nullable(), decisionKind: z.string().nullable(), proposed: z.unknown() }),
              ),
            }),
            ...stdErrors,
          },
        },
      },
      async (req) => p.get(actorOf(req), req.params.id),
    );
  };
}

const fileHeaders = (filename: string, disposition: 'inline' | 'attachment' = 'inline') => ({
  'content-disposition': `${disposition}; filename*=UTF-8''${encodeURIComponent(filename)}`,
  'cache-control': 'private, no-store',
});

export function caseRoutes(s: CaseService, files: CaseFileService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/cases/:id/documents/:documentId/:format',
      {
        schema: {
          tags: ['cases'],
          summary: 'An issued document as PDF (sealed and digitally signed where its kind carries the seal) or DOCX; rendered once from its frozen content, then always the same file',
          params: IdParams.extend({ documentId: z.uuid(), format: z.enum(['pdf', 'docx']) }),
          querystring: z.object({ download: z.stringbool().optional() }),
          response: { 200: z.any(), ...stdErrors },
        },
      },
      async (req, reply) => {
        const f = await files.documentFile(actorOf(req), req.params.id, req.params.documentId, req.params.format);
        return reply.type(f.contentType).headers({ ...fileHeaders(f.filename, req.query.download ? 'attachment' : 'inline'), 'x-content-sha256': f.sha256 }).send(f.data);
      },
    );
    app.get(
      '/cases/:id/case-file.pdf',
      {
        schema: {
          tags: ['cases'],
          summary: '案卷: every issued document in its volume (正卷/副卷) with cover, contents and page numbers, as one PDF',
          params: IdParams,
          querystring: z.object({ download: z.stringbool().optional() }),
          response: { 200: z.any(), ...stdErrors },
        },
      },
      async (req, reply) => {
        const f = await files.caseFilePdf(actorOf(req), req.params.id);
        return reply.type('application/pdf').headers(fileHeaders(f.filename, req.query.download ? 'attachment' : 'inline')).send(f.data);
      },
    );
    app.post('/cases', { schema: { tags: ['cases'], summary: 'Register a lead (案源登记) for the ordinary procedure', body: OpenCase, response: { 201: CaseOut, ...stdErrors } } }, async (req, reply) =>
      reply.status(201).send(await s.open(actorOf(req), req.body, meta(req))),
    );
    app.get(
      '/cases',
      { schema: { tags: ['cases'], summary: 'Cases in my scope', querystring: Pagination.extend({
            status: z.enum(PENALTY_STATUSES as [string, ...string[]]).optional(),
            q: z.string().trim().min(1).max(100).optional(),
            mine: z.stringbool().optional(),
          }), response: { 200: page(CaseOut), ...stdErrors } } },
      async (req) => s.list(actorOf(req), req.query),
    );
    app.get(
      '/cases/todo',
      {
        schema: {
          tags: ['cases'],
          summary: '我的待办: the open cases I handle or review, with the steps open to me and the nearest deadline (overdue first)',
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  caseId: z.uuid(),
                  caseNo: z.string().nullable(),
                  partyName: z.string(),
                  itemName: z.string(),
                  status: z.string(),
                  role: z.enum(['handler', 'reviewer']),
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
    app.post(
      '/cases/:id/party',
      {
        schema: {
          tags: ['cases'],
          summary: 'Complete or correct the party’s address for service, phone or legal representative (recorded; name and identifier never change)',
          params: IdParams,
          body: z.object({ address: z.string().trim().min(1).max(300).nullish(), phone: z.string().trim().max(40).nullish(), legalRepresentative: z.string().trim().max(100).nullish(), version: z.number().int() }).strict(),
          response: { 200: CaseOut, ...stdErrors },
        },
      },
      async (req) => s.updateParty(actorOf(req), req.params.id, req.body, meta(req)),
    );
    app.get(
      '/cases/:id/pre-review',
      {
        schema: {
          tags: ['cases'],
          summary: '智能预审: every machine-checkable point for the step the case is heading to (or ?step=), each pass / warn / fail with its citation',
          params: IdParams,
          querystring: z.object({ step: z.enum(PRE_REVIEW_STEPS as [PreReviewStep, ...PreReviewStep[]]).optional() }),
          response: {
            200: z.object({
              step: z.string(),
              status: z.enum(['pass', 'warn', 'fail']),
              items: z.array(z.object({ key: z.string(), zh: z.string(), en: z.string(), status: z.enum(['pass', 'warn', 'fail']), detail: z.string(), detailZh: z.string(), citation: z.string(), data: z.record(z.string(), z.unknown()).optional() })),
            }),
            ...stdErrors,
          },
        },
      },
      async (req) => s.preReview(actorOf(req), req.params.id, req.query.step),
    );
    app.get('/cases/:id/events', { schema: { tags: ['cases'], summary: 'The case’s event history (append-only)', params: IdParams, response: { 200: z.array(EventOut), ...stdErrors } } }, async (req) =>
      s.events(actorOf(req), req.params.id),
    );
  };
}

/** 当场处罚决定 (简易程序, 行政处罚法 Art.51–52): decide on the spot, then hand over, file with the agency, close. */
const SimplifiedDecision = z.object({
  itemId: z.uuid(),
  placeRegionCode: z.string().regex(/^\d{6}(\d{3})?$/),
  party: PartyInput,
  officerIds: z.array(z.uuid()).min(1).max(4),
  violationOn: isoDate,
  findings: z.string().trim().min(1).max(5000),
  legalBasis: z.string().trim().min(1).max(2000),
  penalty: Content,
  isFactConclusive: z.boolean(),
  hasLegalBasis: z.boolean(),
  partyStatement: z.string().trim().max(2000).optional(),
  payment: z
    .object({
      method: z.enum(PAYMENT_METHODS as [string, ...string[]]),
      onSiteGround: z.enum(ON_SITE_COLLECTION_GROUNDS as [string, ...string[]]).optional(),
      receiptNo: z.string().trim().max(100).optional(),
      reference: z.string().trim().max(100).optional(),
    })
    .optional(),
});
const SimplifiedOut = z.object({
  id: z.uuid(),
  procedure: z.literal('simplified'),
  decisionNo: z.string().nullable(),
  status: z.enum(SIMPLIFIED_STATUSES as [string, ...string[]]),
  statusZh: z.string(),
  itemId: z.uuid(),
  itemName: z.string(),
  agencyId: z.uuid(),
  agencyName: z.string(),
  party: z.object({ type: z.string(), name: z.string() }),
  officers: z.array(z.object({ id: z.uuid(), name: z.string() })),
  penalty: z.object({ types: z.array(z.string()), fineAmount: z.number().nullable() }),
  violationOn: z.string(),
  findings: z.string(),
  legalBasis: z.string(),
  partyStatement: z.string().nullable(),
  decidedOn: z.string().nullable(),
  servedOn: z.string().nullable(),
  filedOn: z.string().nullable(),
  isPaymentSettled: z.boolean(),
  payments: z.array(z.record(z.string(), z.unknown())),
  filingDeadline: z.object({ dueOn: z.string(), citation: z.string(), state: z.enum(['running', 'met', 'overdue']), calendarProvisional: z.boolean() }).nullable(),
  availableActions: z.array(z.string()),
  refusedActions: z.array(z.object({ action: z.string(), refusals: z.array(RefusalOut) })),
  version: z.number().int(),
  today: z.string(),
  createdAt: z.string(),
});

export function simplifiedRoutes(s: SimplifiedService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/cases/simplified',
      {
        schema: {
          tags: ['cases'],
          summary: '当场作出行政处罚决定 (simplified procedure): refused above the caps of 行政处罚法 Art.51 with the citation; numbered from the agency’s on-the-spot series',
          body: SimplifiedDecision,
          response: { 201: SimplifiedOut, ...stdErrors },
        },
      },
      async (req, reply) => reply.status(201).send(await s.decide(actorOf(req), req.body as Parameters<SimplifiedService['decide']>[1], meta(req))),
    );
    app.get('/cases/simplified', { schema: { tags: ['cases'], summary: 'On-the-spot decisions in my scope', querystring: Pagination, response: { 200: page(SimplifiedOut), ...stdErrors } } }, async (req) =>
      s.list(actorOf(req), req.query),
    );
    app.get('/cases/simplified/:id', { schema: { tags: ['cases'], summary: 'One on-the-spot decision with its steps and the 7-working-day filing deadline', params: IdParams, response: { 200: SimplifiedOut, ...stdErrors } } }, async (req) =>
      s.get(actorOf(req), req.params.id),
    );
    app.post(
      '/cases/simplified/:id/actions/:action',
      {
        schema: {
          tags: ['cases'],
          summary: 'Hand over, file with the agency (备案, 行政处罚法 Art.52), close',
          params: IdParams.extend({ action: z.enum(SIMPLIFIED_ACTIONS as [SimplifiedAction, ...SimplifiedAction[]]) }),
          body: z.object({ payload: z.object({ reason: z.string().trim().max(1000).optional(), refusedToSign: z.boolean().optional(), paymentReference: z.string().trim().max(100).optional() }).strict().default({}), version: z.number().int() }),
          response: { 200: SimplifiedOut, ...stdErrors },
        },
      },
      async (req) => s.act(actorOf(req), req.params.id, req.params.action, req.body, meta(req)),
    );
  };
}

const Token = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });
const Code = z.object({ code: z.string().trim().min(4).max(16) }).strict();
const EServiceDoc = z.object({ id: z.uuid(), titleZh: z.string(), titleEn: z.string().optional(), kind: z.string().optional(), number: z.string().nullable() });

/**
 * 电子送达 (行政处罚法 Art.61 para 2): the party's written consent, issuing a link + code (shown once), and the public
 * party page's API under /public (no login; a wrong link or code answers 404 and reveals nothing).
 */
export function eServiceRoutes(s: EServiceService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/cases/:id/e-service',
      {
        schema: {
          tags: ['cases'],
          summary: 'The party’s consent to electronic service and the links issued (never their codes)',
          params: IdParams,
          response: {
            200: z.object({
              consent: z.object({ consentedOn: z.string(), confirmationRef: z.string(), recordedBy: z.string() }).nullable(),
              links: z.array(z.object({ id: z.uuid(), documentIds: z.array(z.string()), issuedAt: z.string(), expiresAt: z.string(), openedOn: z.string().nullable(), failedAttempts: z.number(), isLocked: z.boolean() })),
            }),
            ...stdErrors,
          },
        },
      },
      async (req) => s.list(actorOf(req), req.params.id),
    );
    app.post(
      '/cases/:id/e-service/consent',
      {
        schema: {
          tags: ['cases'],
          summary: 'Record the party’s signed consent to electronic service (行政处罚法 Art.61 para 2)',
          params: IdParams,
          body: z.object({ consentedOn: isoDate, confirmationRef: z.string().trim().min(1).max(100) }).strict(),
          response: { 204: z.null(), ...stdErrors },
        },
      },
      async (req, reply) => {
        await s.recordConsent(actorOf(req), req.params.id, req.body, meta(req));
        return reply.status(204).send(null);
      },
    );
    app.post(
      '/cases/:id/e-service',
      {
        schema: {
          tags: ['cases'],
          summary: 'Issue a party-page link and code for documents of the case (default: the latest decision); the code is shown only in this answer',
          params: IdParams,
          body: z.object({ documentIds: z.array(z.uuid()).max(20).optional() }).strict(),
          response: { 201: z.object({ id: z.uuid(), path: z.string(), code: z.string(), expiresAt: z.string(), documents: z.array(EServiceDoc) }), ...stdErrors },
        },
      },
      async (req, reply) => reply.status(201).send(await s.issue(actorOf(req), req.params.id, req.body, meta(req))),
    );
    app.post(
      '/public/e-service/:token/open',
      {
        config: { public: true },
        schema: {
          tags: ['public'],
          summary: 'Party page: open the served documents with the code; the first opening is the date of service',
          params: Token,
          body: Code,
          response: { 200: z.object({ agencyName: z.string(), servedOn: z.string(), documents: z.array(EServiceDoc) }), ...stdErrors },
        },
      },
      async (req, reply) => {
        reply.header('cache-control', 'no-store');
        return s.open(req.params.token, req.body.code, meta(req));
      },
    );
    app.post(
      '/public/e-service/:token/documents/:documentId/pdf',
      {
        config: { public: true },
        schema: { tags: ['public'], summary: 'Party page: a served document as PDF (with the code)', params: Token.extend({ documentId: z.uuid() }), body: Code, response: { 200: z.any(), ...stdErrors } },
      },
      async (req, reply) => {
        const f = await s.documentPdf(req.params.token, req.body.code, req.params.documentId);
        return reply.type('application/pdf').headers({ ...fileHeaders(f.filename, 'attachment'), 'x-content-sha256': f.sha256 }).send(f.data);
      },
    );
  };
}
