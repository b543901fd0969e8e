import { DECISION_CATEGORIES, EXCLUSION_REASONS, WITHDRAWAL_REASONS } from '@zhifa/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePermission } from '../../lib/actor.ts';
import { actorOf, IdParams, meta, page, Pagination, stdErrors } from '../../lib/http.ts';
import type { PublicityService } from './publicity.service.ts';

const TaskOut = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  agencyId: z.uuid(),
  agencyName: z.string(),
  regionPath: z.string(),
  category: z.string(),
  decisionNo: z.string().nullable(),
  decidedOn: z.string(),
  dueOn: z.string(),
  createdAt: z.string(),
  state: z.enum(['pending', 'published', 'excluded']),
  publishedOn: z.string().nullable(),
  isOverdue: z.boolean().describe('pending past its due date: the warning for the agency and its supervisors'),
  wasLate: z.boolean(),
});

const Fields = z.object({ facts: z.string(), legalBasis: z.string(), result: z.string(), partyName: z.string(), itemName: z.string() });
const PreviewOut = z.object({
  task: TaskOut.omit({ agencyName: true, state: true, publishedOn: true, isOverdue: true, wasLate: true }),
  state: z.enum(['pending', 'published', 'excluded']),
  original: Fields,
  redacted: Fields.extend({ title: z.string(), partyCode: z.string().nullable() }),
  spans: z.array(z.object({ field: z.string(), kind: z.string(), start: z.number(), end: z.number() })).describe('masked spans, positions in the redacted text'),
  marks: z.array(z.object({ id: z.uuid(), kind: z.string(), passage: z.string(), reason: z.string(), markedBy: z.uuid(), markedAt: z.string() })),
  reviews: z.array(z.object({ id: z.uuid(), decision: z.string(), previewHash: z.string(), publicationId: z.uuid().nullable(), note: z.string().nullable(), reviewedBy: z.uuid(), reviewedAt: z.string() })),
  contentHash: z.string(),
  canRelease: z.boolean(),
});

/** /api/v1/publicity — the back office of publication: tasks and overdue warnings, exclusions, withdrawals (complaints: complaints.routes.ts). */
export function publicityRoutes(s: PublicityService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/publicity/tasks',
      {
        schema: {
          tags: ['publicity'],
          summary: 'Publication tasks in my scope with their due date (7/20 working days) and overdue warnings',
          querystring: Pagination.extend({ state: z.enum(['pending', 'published', 'excluded']).optional(), overdueOnly: z.stringbool().optional(), category: z.enum(DECISION_CATEGORIES).optional() }),
          response: { 200: page(TaskOut), ...stdErrors },
        },
      },
      async (req) => s.listTasks(actorOf(req), req.query),
    );
    app.get(
      '/publicity/tasks/:id/preview',
      {
        schema: {
          tags: ['publicity'],
          summary: 'Side-by-side for the review before release: the original text, the redacted copy with its masked spans, the marks, and the hash to approve',
          params: IdParams,
          response: { 200: PreviewOut, ...stdErrors },
        },
      },
      async (req) => s.preview(actorOf(req), req.params.id),
    );
    app.post(
      '/publicity/tasks/:id/marks',
      {
        schema: {
          tags: ['publicity'],
          summary: 'Mark a passage as trade secret or personal privacy, with the reason (政府信息公开条例 Art.15); reviewer, before release',
          params: IdParams,
          body: z.object({ kind: z.enum(['trade_secret', 'privacy']), passage: z.string().trim().min(2).max(500), reason: z.string().trim().min(4).max(500) }),
          response: { 201: z.object({ id: z.uuid(), kind: z.string(), passage: z.string(), reason: z.string() }), ...stdErrors },
        },
      },
      async (req, reply) => reply.code(201).send(await s.markPassage(actorOf(req), req.params.id, req.body, meta(req))),
    );
    app.post(
      '/publicity/tasks/:id/approval',
      {
        schema: {
          tags: ['publicity'],
          summary: 'Release the reviewed copy to the portal (PR3: reviewed by a human); quotes the previewed hash, refused (409) if the copy changed',
          params: IdParams,
          body: z.object({ contentHash: z.string().regex(/^[0-9a-f]{64}$/), note: z.string().trim().max(500).optional() }),
          response: { 201: z.object({ reviewId: z.uuid(), publicationId: z.uuid(), publishedOn: z.string(), isLate: z.boolean() }), ...stdErrors },
        },
      },
      async (req, reply) => reply.code(201).send(await s.approve(actorOf(req), req.params.id, req.body, meta(req))),
    );
    app.post(
      '/publicity/scan',
      {
        schema: {
          tags: ['publicity'],
          summary: 'Run the publication scan now (it also runs on a timer): tasks for newly decided penalty cases, licensing decisions and inspection results; automatic exclusions; the rest waits for review',
          response: { 200: z.object({ tasks: z.number(), awaitingReview: z.number(), excluded: z.number(), failed: z.array(z.object({ caseId: z.string(), code: z.string() })) }), ...stdErrors },
        },
      },
      async (req) => {
        requirePermission(actorOf(req), 'case.read');
        return s.scan(meta(req));
      },
    );
    app.get(
      '/publicity/publications',
      {
        schema: {
          tags: ['publicity'],
          summary: 'Publications of my scope, including withdrawn and superseded ones',
          querystring: Pagination,
          response: {
            200: page(
              z.object({
                id: z.uuid(),
                caseId: z.uuid(),
                seq: z.number(),
                title: z.string(),
                partyName: z.string(),
                decidedOn: z.string(),
                publishedOn: z.string(),
                dueOn: z.string(),
                withdrawnAt: z.string().nullable(),
                isSuperseded: z.boolean(),
              }),
            ),
            ...stdErrors,
          },
        },
      },
      async (req) => s.listPublications(actorOf(req), req.query),
    );
    app.get(
      '/publicity/exclusions',
      {
        schema: {
          tags: ['publicity'],
          summary: 'Decisions not published, with the recorded reason',
          response: { 200: z.array(z.object({ id: z.uuid(), caseId: z.uuid(), agencyId: z.uuid(), regionPath: z.string(), reasonCode: z.string(), reason: z.string(), isAutomatic: z.boolean(), excludedBy: z.uuid().nullable(), excludedAt: z.string() })), ...stdErrors },
        },
      },
      async (req) => s.listExclusions(actorOf(req)),
    );
    app.get(
      '/publicity/withdrawals',
      {
        schema: {
          tags: ['publicity'],
          summary: 'Withdrawn publications with their public reason and whether they were withdrawn in time (3 working days)',
          response: {
            200: z.array(
              z.object({
                id: z.uuid(),
                publicationId: z.uuid(),
                caseId: z.uuid(),
                title: z.string(),
                reasonCode: z.string(),
                publicReason: z.string(),
                changedOn: z.string(),
                dueOn: z.string(),
                withdrawnAt: z.string(),
                isLate: z.boolean(),
                agencyId: z.uuid(),
                regionPath: z.string(),
                withdrawnBy: z.uuid(),
              }),
            ),
            ...stdErrors,
          },
        },
      },
      async (req) => s.listWithdrawals(actorOf(req)),
    );
    app.get(
      '/publicity/corrections',
      {
        schema: {
          tags: ['publicity'],
          summary: 'Correction requests on published decisions',
          response: { 200: z.array(z.object({ id: z.uuid(), publicationId: z.uuid(), title: z.string(), text: z.string(), contact: z.string().nullable(), createdAt: z.string() })), ...stdErrors },
        },
      },
      async (req) => s.listCorrections(actorOf(req)),
    );
    app.post(
      '/publicity/cases/:id/exclusion',
      {
        schema: {
          tags: ['publicity'],
          summary: 'Do not publish this decision (case, licence application or inspection id), with the reason (agency head; before publication)',
          params: IdParams,
          body: z.object({ reasonCode: z.enum(EXCLUSION_REASONS), reason: z.string().trim().min(6).max(500) }),
          response: { 201: z.object({ caseId: z.uuid(), reasonCode: z.string() }), ...stdErrors },
        },
      },
      async (req, reply) => reply.code(201).send(await s.excludeCase(actorOf(req), req.params.id, req.body, meta(req))),
    );
    app.post(
      '/publicity/cases/:id/trade-secrets',
      {
        schema: {
          tags: ['publicity'],
          summary: 'Mark passages of the case text as trade secrets; they are hidden in its publication',
          params: IdParams,
          body: z.object({ passages: z.array(z.string().trim().min(2).max(500)).min(1).max(50) }),
          response: { 201: z.object({ caseId: z.uuid(), marked: z.number() }), ...stdErrors },
        },
      },
      async (req, reply) => reply.code(201).send(await s.markSecrets(actorOf(req), req.params.id, req.body.passages, meta(req))),
    );
    app.post(
      '/publicity/publications/:id/withdrawal',
      {
        schema: {
          tags: ['publicity'],
          summary: 'Withdraw a published decision with a public reason (行政处罚法 Art.48; within 3 working days of the change)',
          params: IdParams,
          body: z.object({ reasonCode: z.enum(WITHDRAWAL_REASONS), publicReason: z.string().max(500), changedOn: z.iso.date() }),
          response: {
            201: z.object({ id: z.uuid(), publicationId: z.uuid(), reasonCode: z.string(), publicReason: z.string(), changedOn: z.string(), dueOn: z.string(), isLate: z.boolean() }),
            ...stdErrors,
          },
        },
      },
      async (req, reply) => {
        const w = await s.withdraw(actorOf(req), req.params.id, req.body, meta(req));
        return reply.code(201).send({ id: w.id, publicationId: w.publicationId, reasonCode: w.reasonCode, publicReason: w.publicReason, changedOn: w.changedOn, dueOn: w.dueOn, isLate: w.isLate });
      },
    );
    app.post(
      '/publicity/publications/:id/correction',
      {
        schema: {
          tags: ['publicity'],
          summary: 'Publish a corrected copy from the case as it is now (new id; the old one points to it)',
          params: IdParams,
          response: { 201: z.object({ id: z.uuid(), seq: z.number(), supersedes: z.uuid().nullable() }), ...stdErrors },
        },
      },
      async (req, reply) => reply.code(201).send(await s.correct(actorOf(req), req.params.id, meta(req))),
    );
  };
}
