import { AppError, SUPERVISOR_KINDS, SURVEY_QUESTION_TYPES } from '@zhifa/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, ErrorResponse, IdParams, meta, stdErrors } from '../../lib/http.ts';
import type { LiaisonService } from './liaison.service.ts';

const tags = ['liaison'];
const isoDate = z.iso.date();
const Created = z.object({ id: z.uuid() });
const Question = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/),
  type: z.enum(SURVEY_QUESTION_TYPES),
  text: z.string().trim().min(2).max(300),
  options: z.array(z.string().trim().min(1).max(100)).max(20).optional(),
  required: z.boolean().optional(),
});
const Answers = z.record(z.string().max(32), z.union([z.number(), z.string().max(2000)]));
const Cert = z.object({ id: z.uuid(), number: z.string(), issuedOn: z.string(), expiresOn: z.string(), isRevoked: z.boolean(), isValid: z.boolean() });

/** /api/v1/liaison — supervisors, field supervision, experts, contact points, surveys, third-party evaluation. */
export function liaisonRoutes(s: LiaisonService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/liaison/supervisors',
      {
        schema: {
          tags,
          summary: 'Enforcement supervisors (监督员) with their supervision certificates',
          response: { 200: z.array(z.object({ id: z.uuid(), name: z.string(), kind: z.string(), employer: z.string().nullable(), phone: z.string().nullable(), status: z.string(), certificates: z.array(Cert), isCertified: z.boolean() })), ...stdErrors },
        },
      },
      async (req) => s.listSupervisors(actorOf(req)),
    );
    app.post(
      '/liaison/supervisors',
      { schema: { tags, summary: 'Add a supervisor', body: z.object({ name: z.string().trim().min(2).max(50), kind: z.enum(SUPERVISOR_KINDS), employer: z.string().trim().max(200).optional(), phone: z.string().trim().max(30).optional() }), response: { 201: Created, ...stdErrors } } },
      async (req, reply) => reply.code(201).send(await s.createSupervisor(actorOf(req), req.body, meta(req))),
    );
    app.post(
      '/liaison/supervisors/:id/certificates',
      { schema: { tags, summary: 'Issue a supervision certificate (执法监督证, S4)', params: IdParams, body: z.object({ number: z.string().trim().min(3).max(40), issuedOn: isoDate, expiresOn: isoDate }), response: { 201: Created, ...stdErrors } } },
      async (req, reply) => reply.code(201).send(await s.addCertificate(actorOf(req), req.params.id, req.body, meta(req))),
    );
    app.post(
      '/liaison/certificates/:id/revoke',
      { schema: { tags, summary: 'Revoke a supervision certificate', params: IdParams, body: z.object({ reason: z.string().trim().min(2).max(500) }), response: { 200: z.object({ id: z.uuid(), isRevoked: z.boolean() }), ...stdErrors } } },
      async (req) => s.revokeCertificate(actorOf(req), req.params.id, req.body.reason, meta(req)),
    );
    app.get(
      '/liaison/field-supervisions',
      {
        schema: {
          tags,
          summary: 'Field supervision records',
          response: { 200: z.array(z.object({ id: z.uuid(), supervisedOn: z.string(), targetAgencyId: z.uuid(), targetAgencyName: z.string(), subject: z.string(), findings: z.string(), supervisorIds: z.array(z.string()), certificateNumbers: z.array(z.string()) })), ...stdErrors },
        },
      },
      async (req) => s.listFieldSupervisions(actorOf(req)),
    );
    app.post(
      '/liaison/field-supervisions',
      {
        schema: {
          tags,
          summary: 'Record a field supervision: ≥2 supervisors with a valid certificate on the day, or 422 (S4)',
          body: z.object({ supervisedOn: isoDate, targetAgencyId: z.uuid(), subject: z.string().trim().min(2).max(200), findings: z.string().trim().min(2).max(5000), supervisorIds: z.array(z.uuid()).min(1).max(10) }),
          response: { 201: z.object({ id: z.uuid(), certificateNumbers: z.array(z.string()) }), ...stdErrors },
        },
      },
      async (req, reply) => reply.code(201).send(await s.recordFieldSupervision(actorOf(req), req.body, meta(req))),
    );

    app.get(
      '/liaison/experts',
      { schema: { tags, summary: 'The expert panel (专家库)', response: { 200: z.array(z.object({ id: z.uuid(), name: z.string(), title: z.string().nullable(), employer: z.string().nullable(), fields: z.array(z.string()), conflicts: z.array(z.string()), isAvailable: z.boolean() })), ...stdErrors } } },
      async (req) => s.listExperts(actorOf(req)),
    );
    app.post(
      '/liaison/experts',
      {
        schema: {
          tags,
          summary: 'Add an expert with fields and declared conflicts',
          body: z.object({ name: z.string().trim().min(2).max(50), title: z.string().trim().max(100).optional(), employer: z.string().trim().max(200).optional(), fields: z.array(z.string().trim().min(1).max(50)).min(1).max(10), conflicts: z.array(z.string().trim().min(1).max(200)).max(20).default([]) }),
          response: { 201: Created, ...stdErrors },
        },
      },
      async (req, reply) => reply.code(201).send(await s.createExpert(actorOf(req), req.body, meta(req))),
    );
    app.post(
      '/liaison/experts/:id/availability',
      { schema: { tags, summary: 'Mark an expert available or not', params: IdParams, body: z.object({ isAvailable: z.boolean(), reason: z.string().trim().min(2).max(500) }), response: { 200: z.object({ id: z.uuid(), isAvailable: z.boolean() }), ...stdErrors } } },
      async (req) => s.setExpertAvailability(actorOf(req), req.params.id, req.body, meta(req)),
    );
    app.post(
      '/liaison/expert-draws',
      {
        schema: {
          tags,
          summary: 'Draw experts for a task (available, of the field, no conflict with the parties); reproducible from the seed',
          body: z.object({ purpose: z.string().trim().min(2).max(200), field: z.string().trim().min(1).max(50), parties: z.array(z.string().max(200)).max(20).default([]), count: z.number().int().min(1).max(20) }),
          response: { 201: z.object({ id: z.uuid(), selected: z.array(z.object({ id: z.uuid(), name: z.string() })), eligible: z.number(), seedHex: z.string() }), ...stdErrors },
        },
      },
      async (req, reply) => reply.code(201).send(await s.drawExperts(actorOf(req), req.body, meta(req))),
    );

    const PointStatus = z.object({
      id: z.uuid(),
      enterpriseName: z.string(),
      uscc: z.string().nullable(),
      contactPerson: z.string().nullable(),
      designatedOn: z.string(),
      year: z.number(),
      planned: z.number(),
      done: z.number(),
      isShort: z.boolean(),
      isMissedAtYearEnd: z.boolean(),
      lastVisitOn: z.string().nullable(),
    });
    app.get(
      '/liaison/contact-points',
      {
        schema: {
          tags,
          summary: 'Enterprise contact points (企业联系点) with the year’s planned and done visits; missedOnly lists those short of their plan',
          querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100), missedOnly: z.stringbool().optional() }),
          response: { 200: z.array(PointStatus), ...stdErrors },
        },
      },
      async (req) => (await s.contactPointStatus(actorOf(req), req.query)).map(({ plannedVisits: _p, ...r }) => r),
    );
    app.post(
      '/liaison/contact-points',
      {
        schema: {
          tags,
          summary: 'Designate an enterprise contact point with its yearly plan (1–2 visits)',
          body: z.object({ enterpriseName: z.string().trim().min(2).max(200), uscc: z.string().trim().max(18).optional(), address: z.string().trim().max(300).optional(), contactPerson: z.string().trim().max(50).optional(), designatedOn: isoDate, year: z.number().int().min(2000).max(2100), plannedVisits: z.number().int().min(1).max(2) }),
          response: { 201: Created, ...stdErrors },
        },
      },
      async (req, reply) => reply.code(201).send(await s.createContactPoint(actorOf(req), req.body, meta(req))),
    );
    app.post(
      '/liaison/contact-points/:id/plan',
      { schema: { tags, summary: 'Set the visits planned for a year (1–2)', params: IdParams, body: z.object({ year: z.number().int().min(2000).max(2100), plannedVisits: z.number().int().min(1).max(2) }), response: { 200: z.object({ id: z.uuid(), year: z.number(), plannedVisits: z.number() }), ...stdErrors } } },
      async (req) => s.planVisits(actorOf(req), req.params.id, req.body, meta(req)),
    );
    app.get(
      '/liaison/contact-points/:id/visits',
      { schema: { tags, summary: 'Visits to a contact point', params: IdParams, response: { 200: z.array(z.object({ id: z.uuid(), visitedOn: z.string(), visitors: z.string(), notes: z.string(), answers: Answers.nullable(), surveyId: z.string().nullable() })), ...stdErrors } } },
      async (req) => s.listVisits(actorOf(req), req.params.id),
    );
    app.post(
      '/liaison/contact-points/:id/visits',
      {
        schema: {
          tags,
          summary: 'Record a visit, optionally with questionnaire answers',
          params: IdParams,
          body: z.object({ visitedOn: isoDate, visitors: z.string().trim().min(2).max(200), notes: z.string().trim().min(2).max(5000), surveyId: z.uuid().optional(), answers: Answers.optional() }),
          response: { 201: Created, ...stdErrors },
        },
      },
      async (req, reply) => reply.code(201).send(await s.recordVisit(actorOf(req), req.params.id, req.body, meta(req))),
    );

    app.get(
      '/liaison/surveys',
      { schema: { tags, summary: 'Questionnaires with their response counts', response: { 200: z.array(z.object({ id: z.uuid(), title: z.string(), status: z.string(), targetAgencyId: z.uuid(), targetAgencyName: z.string(), questions: z.array(Question), responses: z.number() })), ...stdErrors } } },
      async (req) => s.listSurveys(actorOf(req)),
    );
    app.post(
      '/liaison/surveys',
      { schema: { tags, summary: 'Create a questionnaire about one agency', body: z.object({ title: z.string().trim().min(2).max(200), targetAgencyId: z.uuid(), questions: z.array(Question).min(1).max(50) }), response: { 201: Created, ...stdErrors } } },
      async (req, reply) => reply.code(201).send(await s.createSurvey(actorOf(req), req.body, meta(req))),
    );
    app.post(
      '/liaison/surveys/:id/tokens',
      { schema: { tags, summary: 'Issue one-time answer tokens (shown once; the portal link is /survey/{id}?t={token})', params: IdParams, body: z.object({ count: z.number().int().min(1).max(500) }), response: { 201: z.object({ surveyId: z.uuid(), tokens: z.array(z.string()) }), ...stdErrors } } },
      async (req, reply) => reply.code(201).send(await s.issueSurveyTokens(actorOf(req), req.params.id, req.body.count, meta(req))),
    );
    app.get(
      '/liaison/surveys/:id/results',
      {
        schema: {
          tags,
          summary: 'Aggregated answers of a questionnaire',
          params: IdParams,
          response: { 200: z.object({ surveyId: z.uuid(), title: z.string(), responses: z.number(), questions: z.array(z.object({ key: z.string(), text: z.string(), type: z.string(), answered: z.number(), average: z.number().nullable(), counts: z.record(z.string(), z.number()).nullable() })) }), ...stdErrors },
        },
      },
      async (req) => s.surveyResults(actorOf(req), req.params.id),
    );
    app.get(
      '/liaison/survey-results/by-agency',
      { schema: { tags, summary: 'Survey satisfaction per agency (mean of every rating answer)', response: { 200: z.array(z.object({ agencyId: z.uuid(), agencyName: z.string(), responses: z.number(), average: z.number().nullable() })), ...stdErrors } } },
      async (req) => s.surveyResultsByAgency(actorOf(req)),
    );

    const Evaluation = z.object({ id: z.uuid(), evaluator: z.string(), targetAgencyId: z.uuid(), targetAgencyName: z.string(), year: z.number(), score: z.number(), grade: z.string(), summary: z.string().nullable(), reportSha256: z.string().nullable(), reportFileName: z.string().nullable(), createdAt: z.string() });
    app.get(
      '/liaison/evaluations',
      { schema: { tags, summary: 'Third-party evaluation results (第三方评估) per agency and year', querystring: z.object({ year: z.coerce.number().int().optional() }), response: { 200: z.array(Evaluation), ...stdErrors } } },
      async (req) => s.listEvaluations(actorOf(req), req.query),
    );
    app.post(
      '/liaison/evaluations',
      {
        schema: {
          tags,
          summary: 'Record an evaluator’s score of an agency for a year; multipart: fields evaluator, targetAgencyId, year, score, summary and an optional file "report"',
          consumes: ['multipart/form-data'],
          response: { 201: z.object({ id: z.uuid(), grade: z.string(), reportSha256: z.string().nullable() }), ...stdErrors },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const fields: Record<string, string> = {};
        let report: { fileName: string; data: Buffer } | null = null;
        for await (const part of req.parts()) {
          if (part.type === 'file') report = { fileName: part.filename, data: await part.toBuffer() };
          else fields[part.fieldname] = String(part.value);
        }
        const parsed = z
          .object({ evaluator: z.string().trim().min(2).max(200), targetAgencyId: z.uuid(), year: z.coerce.number().int().min(2000).max(2100), score: z.coerce.number().min(0).max(100), summary: z.string().trim().max(5000).optional() })
          .safeParse(fields);
        if (!parsed.success) throw new AppError('VALIDATION_FAILED', { details: { issues: parsed.error.issues.map((i) => ({ path: ['body', ...i.path.map(String)], message: i.message })) } });
        return reply.code(201).send(await s.recordEvaluation(actor, parsed.data, report, meta(req)));
      },
    );
    app.get(
      '/liaison/evaluations/:id/report',
      { schema: { tags, summary: 'The evaluator’s report file', params: IdParams, response: { 200: z.any().describe('file'), ...stdErrors } } },
      async (req, reply) => {
        const r = await s.evaluationReport(actorOf(req), req.params.id);
        return reply.header('content-type', 'application/octet-stream').header('content-disposition', `attachment; filename="${encodeURIComponent(r.fileName)}"`).send(r.data);
      },
    );
  };
}

/** /api/v1/public/surveys — answering a questionnaire without login, with a one-time token. */
export function liaisonPublicRoutes(s: LiaisonService): FastifyPluginAsyncZod {
  const errs = { 400: ErrorResponse, 404: ErrorResponse };
  return async (app) => {
    app.get(
      '/surveys/:id',
      {
        config: { public: true },
        schema: {
          tags: ['public'],
          security: [],
          summary: 'A questionnaire to answer (needs an unused token; otherwise 404)',
          params: IdParams,
          querystring: z.object({ t: z.string().min(10).max(100) }),
          response: { 200: z.object({ id: z.uuid(), title: z.string(), agencyName: z.string(), questions: z.array(Question) }), ...errs },
        },
      },
      async (req) => s.publicSurvey(req.params.id, req.query.t),
    );
    app.post(
      '/surveys/:id/answers',
      {
        config: { public: true },
        schema: { tags: ['public'], security: [], summary: 'Answer a questionnaire once with its token', params: IdParams, body: z.object({ t: z.string().min(10).max(100), answers: Answers }), response: { 201: Created, ...errs } },
      },
      async (req, reply) => reply.code(201).send(await s.answerSurvey(req.params.id, req.body.t, req.body.answers, meta(req))),
    );
  };
}
