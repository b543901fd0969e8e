import {
  AppError,
  AssessmentInput,
  CalendarYearInput,
  CertificateInput,
  EntrustmentInput,
  ItemInput,
  ItemPatch,
  OfficerInput,
  OfficerPatch,
  RegionInput,
  RuleProfileInput,
  SubjectInput,
  SubjectPatch,
  TrainingInput,
} from '@zhifa/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, IdParams, meta, page, Pagination, stdErrors } from '../../lib/http.ts';
import type { ItemService } from './items.service.ts';
import type { OfficerService } from './officers.service.ts';
import { regionOut, type RegionService } from './regions.service.ts';
import { CertificateOut, EntrustmentOut, HistoryOut, ItemOut, OfficerDetailOut, OfficerOut, RegionOut, RuleProfileOut, SubjectOut } from './registry.out.ts';
import type { RuleService } from './rules.service.ts';
import type { SubjectService } from './subjects.service.ts';
import type { RegistryStatsService } from './stats.service.ts';

const Version = z.object({ version: z.number().int() });
const Publish = z.object({ published: z.boolean(), version: z.number().int() });
const Withdraw = z.object({ reason: z.string().trim().min(2).max(500), version: z.number().int() });
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

export interface RegistryServices {
  regions: RegionService;
  subjects: SubjectService;
  officers: OfficerService;
  items: ItemService;
  rules: RuleService;
  stats: RegistryStatsService;
}

/** /api/v1 registry routes: thin — validate, call one service function (style.md, Infisical). */
export function registryRoutes(s: RegistryServices): FastifyPluginAsyncZod {
  return async (app) => {
    // ---- regions ---------------------------------------------------------------------------------------------------
    app.get(
      '/regions',
      {
        schema: {
          tags: ['regions'],
          summary: 'List regions (GB/T 2260 codes, four levels)',
          querystring: Pagination.extend({ parentCode: z.string().optional(), level: z.coerce.number().int().min(1).max(4).optional(), q: z.string().max(50).optional(), under: z.string().optional() }),
          response: { 200: page(RegionOut), ...stdErrors },
        },
      },
      async (req) => s.regions.list(req.query),
    );
    app.get('/regions/:code', { schema: { tags: ['regions'], summary: 'One region', params: z.object({ code: z.string() }), response: { 200: RegionOut, ...stdErrors } } }, async (req) =>
      regionOut(await s.regions.getRegion(req.params.code)),
    );
    app.post('/regions', { schema: { tags: ['regions'], summary: 'Add a region below my own (system administrator)', body: RegionInput, response: { 201: RegionOut, ...stdErrors } } }, async (req, reply) =>
      reply.status(201).send(await s.regions.create(actorOf(req), req.body, meta(req))),
    );
    app.patch(
      '/regions/:code',
      { schema: { tags: ['regions'], summary: 'Rename a region', params: z.object({ code: z.string() }), body: Version.extend({ name: z.string().trim().min(1).max(64).optional() }), response: { 200: RegionOut, ...stdErrors } } },
      async (req) => s.regions.update(actorOf(req), req.params.code, req.body, meta(req)),
    );
    app.post('/regions/:code/publish', { schema: { tags: ['regions'], summary: 'Set the publish flag', params: z.object({ code: z.string() }), body: Publish, response: { 200: RegionOut, ...stdErrors } } }, async (req) =>
      s.regions.setPublished(actorOf(req), req.params.code, req.body, meta(req)),
    );
    app.get('/regions/:code/history', { schema: { tags: ['regions'], summary: 'Change history', params: z.object({ code: z.string() }), response: { 200: HistoryOut, ...stdErrors } } }, async (req) =>
      s.regions.history(req.params.code),
    );

    // ---- subjects ------------------------------------------------------------------------------------------------------
    app.get(
      '/subjects',
      {
        schema: {
          tags: ['subjects'],
          summary: 'List enforcement subjects in my scope (执法主体清单)',
          querystring: Pagination.extend({
            q: z.string().max(100).optional(),
            regionCode: z.string().optional(),
            sector: z.string().optional(),
            kind: z.string().optional(),
            form: z.string().optional(),
            status: z.string().optional(),
            published: bool.optional(),
            includeWithdrawn: bool.optional(),
          }),
          response: { 200: page(SubjectOut), ...stdErrors },
        },
      },
      async (req) => s.subjects.list(actorOf(req), req.query),
    );
    app.get('/subjects/:id', { schema: { tags: ['subjects'], summary: 'One subject', params: IdParams, response: { 200: SubjectOut, ...stdErrors } } }, async (req) =>
      s.subjects.get(actorOf(req), req.params.id),
    );
    app.post('/subjects', { schema: { tags: ['subjects'], summary: 'Register a subject (system administrator)', body: SubjectInput, response: { 201: SubjectOut, ...stdErrors } } }, async (req, reply) =>
      reply.status(201).send(await s.subjects.create(actorOf(req), req.body, meta(req))),
    );
    app.patch('/subjects/:id', { schema: { tags: ['subjects'], summary: 'Edit a subject', params: IdParams, body: SubjectPatch.extend(Version.shape), response: { 200: SubjectOut, ...stdErrors } } }, async (req) =>
      s.subjects.update(actorOf(req), req.params.id, req.body, meta(req)),
    );
    app.post(
      '/subjects/:id/actions/:action',
      {
        schema: {
          tags: ['subjects'],
          summary: 'Announce or revoke a subject (justice bureau); 409 lists the allowed actions',
          params: z.object({ id: z.uuid(), action: z.enum(['announce', 'revoke']) }),
          body: Version.extend({ reason: z.string().trim().max(500).optional() }),
          response: { 200: SubjectOut, ...stdErrors },
        },
      },
      async (req) => s.subjects.act(actorOf(req), req.params.id, req.params.action, req.body, meta(req)),
    );
    app.post('/subjects/:id/publish', { schema: { tags: ['subjects'], summary: 'Set the publish flag', params: IdParams, body: Publish, response: { 200: SubjectOut, ...stdErrors } } }, async (req) =>
      s.subjects.setPublished(actorOf(req), req.params.id, req.body, meta(req)),
    );
    app.post('/subjects/:id/withdraw', { schema: { tags: ['subjects'], summary: 'Withdraw (recorded "delete" with a reason)', params: IdParams, body: Withdraw, response: { 200: SubjectOut, ...stdErrors } } }, async (req) =>
      s.subjects.withdraw(actorOf(req), req.params.id, req.body, meta(req)),
    );
    app.get('/subjects/:id/history', { schema: { tags: ['subjects'], summary: 'Change history (who, when, old and new values)', params: IdParams, response: { 200: HistoryOut, ...stdErrors } } }, async (req) =>
      s.subjects.history(actorOf(req), req.params.id),
    );

    // ---- entrustments ----------------------------------------------------------------------------------------------------
    app.get(
      '/entrustments',
      {
        schema: {
          tags: ['subjects'],
          summary: 'Entrustments (委托, 行政处罚法 Art.20) and devolutions (赋权, Art.24)',
          querystring: Pagination.extend({ subjectId: z.uuid().optional(), kind: z.string().optional(), status: z.string().optional() }),
          response: { 200: page(EntrustmentOut), ...stdErrors },
        },
      },
      async (req) => s.subjects.listEntrustments(actorOf(req), req.query),
    );
    app.get('/entrustments/:id', { schema: { tags: ['subjects'], summary: 'One entrustment', params: IdParams, response: { 200: EntrustmentOut, ...stdErrors } } }, async (req) =>
      s.subjects.getEntrustment(actorOf(req), req.params.id),
    );
    app.post('/entrustments', { schema: { tags: ['subjects'], summary: 'Record a written entrustment or devolution', body: EntrustmentInput, response: { 201: EntrustmentOut, ...stdErrors } } }, async (req, reply) =>
      reply.status(201).send(await s.subjects.createEntrustment(actorOf(req), req.body, meta(req))),
    );
    app.post(
      '/entrustments/:id/actions/terminate',
      { schema: { tags: ['subjects'], summary: 'Terminate an entrustment', params: IdParams, body: Withdraw, response: { 200: EntrustmentOut, ...stdErrors } } },
      async (req) => s.subjects.terminateEntrustment(actorOf(req), req.params.id, req.body, meta(req)),
    );
    app.get('/entrustments/:id/history', { schema: { tags: ['subjects'], summary: 'Change history', params: IdParams, response: { 200: HistoryOut, ...stdErrors } } }, async (req) =>
      s.subjects.entrustmentHistory(actorOf(req), req.params.id),
    );

    // ---- officers -------------------------------------------------------------------------------------------------------
    app.get(
      '/officers',
      {
        schema: {
          tags: ['officers'],
          summary: 'List officers in my scope (执法人员清单); ID numbers masked',
          querystring: Pagination.extend({
            q: z.string().max(50).optional().describe('name or certificate number'),
            agencyId: z.uuid().optional(),
            personnelType: z.string().optional(),
            certificateStatus: z.enum(['active', 'suspended', 'revoked', 'cancelled', 'expired', 'none']).optional(),
            trainingShortfall: bool.optional(),
            isLegalReviewer: bool.optional(),
          }),
          response: { 200: page(OfficerOut), ...stdErrors },
        },
      },
      async (req) => s.officers.list(actorOf(req), req.query),
    );
    app.get('/officers/:id', { schema: { tags: ['officers'], summary: 'Officer card with certificates, training and assessments', params: IdParams, response: { 200: OfficerDetailOut, ...stdErrors } } }, async (req) =>
      s.officers.get(actorOf(req), req.params.id),
    );
    app.post('/officers', { schema: { tags: ['officers'], summary: 'Register an officer (agency head or system administrator)', body: OfficerInput, response: { 201: OfficerOut, ...stdErrors } } }, async (req, reply) =>
      reply.status(201).send(await s.officers.create(actorOf(req), req.body, meta(req))),
    );
    app.patch('/officers/:id', { schema: { tags: ['officers'], summary: 'Edit an officer', params: IdParams, body: OfficerPatch.extend(Version.shape), response: { 200: OfficerOut, ...stdErrors } } }, async (req) =>
      s.officers.update(actorOf(req), req.params.id, req.body, meta(req)),
    );
    app.post('/officers/:id/publish', { schema: { tags: ['officers'], summary: 'Set the publish flag (public officer card)', params: IdParams, body: Publish, response: { 200: OfficerOut, ...stdErrors } } }, async (req) =>
      s.officers.setPublished(actorOf(req), req.params.id, req.body, meta(req)),
    );
    app.post('/officers/:id/withdraw', { schema: { tags: ['officers'], summary: 'Withdraw (left the post), with a reason', params: IdParams, body: Withdraw, response: { 204: z.null(), ...stdErrors } } }, async (req, reply) => {
      await s.officers.withdraw(actorOf(req), req.params.id, req.body, meta(req));
      return reply.status(204).send(null);
    });
    app.get('/officers/:id/history', { schema: { tags: ['officers'], summary: 'Change history', params: IdParams, response: { 200: HistoryOut, ...stdErrors } } }, async (req) =>
      s.officers.history(actorOf(req), req.params.id),
    );
    app.post(
      '/officers/:id/photo',
      { schema: { tags: ['officers'], summary: 'Upload the officer card photo (JPEG/PNG, multipart field "file")', params: IdParams, consumes: ['multipart/form-data'], response: { 204: z.null(), ...stdErrors } } },
      async (req, reply) => {
        const file = await req.file();
        if (!file) throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['file'], message: 'missing file' }] } });
        await s.officers.setPhoto(actorOf(req), req.params.id, await file.toBuffer(), meta(req));
        return reply.status(204).send(null);
      },
    );
    app.get('/officers/:id/photo', { schema: { tags: ['officers'], summary: 'The officer card photo', params: IdParams, response: { 200: z.any(), ...stdErrors } } }, async (req, reply) => {
      const p = await s.officers.getPhoto(actorOf(req), req.params.id);
      return reply.header('content-type', p.type).header('cache-control', 'private, max-age=300').send(p.data);
    });
    app.post('/officers/:id/certificates', { schema: { tags: ['officers'], summary: 'Record an enforcement certificate', params: IdParams, body: CertificateInput, response: { 201: CertificateOut, ...stdErrors } } }, async (req, reply) =>
      reply.status(201).send(await s.officers.addCertificate(actorOf(req), req.params.id, req.body, meta(req))),
    );
    app.patch(
      '/certificates/:id',
      { schema: { tags: ['officers'], summary: 'Correct a certificate (e.g. after review)', params: IdParams, body: z.object({ lastReviewedOn: z.iso.date().optional(), expiresOn: z.iso.date().optional(), categories: z.array(z.string()).min(1).optional(), areaCode: z.string().optional(), issuedBy: z.string().optional() }).extend(Version.shape), response: { 200: CertificateOut, ...stdErrors } } },
      async (req) => s.officers.updateCertificate(actorOf(req), req.params.id, req.body, meta(req)),
    );
    app.post(
      '/certificates/:id/actions/:action',
      {
        schema: {
          tags: ['officers'],
          summary: 'Suspend, reinstate, revoke or cancel a certificate; 409 lists the allowed actions',
          params: z.object({ id: z.uuid(), action: z.enum(['suspend', 'reinstate', 'revoke', 'cancel']) }),
          body: Version.extend({ reason: z.string().trim().max(500).optional(), until: z.iso.date().optional() }),
          response: { 200: CertificateOut, ...stdErrors },
        },
      },
      async (req) => s.officers.actOnCertificate(actorOf(req), req.params.id, req.params.action, req.body, meta(req)),
    );
    app.post('/officers/:id/trainings', { schema: { tags: ['officers'], summary: 'Record training hours', params: IdParams, body: TrainingInput, response: { 201: z.object({ id: z.string() }), ...stdErrors } } }, async (req, reply) => {
      const r = await s.officers.addTraining(actorOf(req), req.params.id, req.body, meta(req));
      return reply.status(201).send({ id: r.id });
    });
    app.post('/officers/:id/assessments', { schema: { tags: ['officers'], summary: 'Record an exam or review', params: IdParams, body: AssessmentInput, response: { 201: z.object({ id: z.string() }), ...stdErrors } } }, async (req, reply) => {
      const r = await s.officers.addAssessment(actorOf(req), req.params.id, req.body, meta(req));
      return reply.status(201).send({ id: r.id });
    });

    // ---- items -----------------------------------------------------------------------------------------------------------
    app.get(
      '/items',
      {
        schema: {
          tags: ['items'],
          summary: 'Enforcement items (执法事项清单) and their sub-lists: random | av | major | discretion',
          querystring: Pagination.extend({
            q: z.string().max(100).optional(),
            category: z.string().optional(),
            sector: z.string().optional(),
            subjectId: z.uuid().optional(),
            list: z.enum(['random', 'av', 'major', 'discretion']).optional(),
            published: bool.optional(),
          }),
          response: { 200: page(ItemOut), ...stdErrors },
        },
      },
      async (req) => s.items.list(actorOf(req), req.query),
    );
    app.get('/items/:id', { schema: { tags: ['items'], summary: 'One item', params: IdParams, response: { 200: ItemOut, ...stdErrors } } }, async (req) => s.items.get(actorOf(req), req.params.id));
    app.post('/items', { schema: { tags: ['items'], summary: 'Add an item', body: ItemInput, response: { 201: ItemOut, ...stdErrors } } }, async (req, reply) =>
      reply.status(201).send(await s.items.create(actorOf(req), req.body, meta(req))),
    );
    app.patch('/items/:id', { schema: { tags: ['items'], summary: 'Edit an item', params: IdParams, body: ItemPatch.extend(Version.shape), response: { 200: ItemOut, ...stdErrors } } }, async (req) =>
      s.items.update(actorOf(req), req.params.id, req.body, meta(req)),
    );
    app.post('/items/:id/publish', { schema: { tags: ['items'], summary: 'Set the publish flag', params: IdParams, body: Publish, response: { 200: ItemOut, ...stdErrors } } }, async (req) =>
      s.items.setPublished(actorOf(req), req.params.id, req.body, meta(req)),
    );
    app.post('/items/:id/withdraw', { schema: { tags: ['items'], summary: 'Abolish an item (recorded, with a reason)', params: IdParams, body: Withdraw, response: { 204: z.null(), ...stdErrors } } }, async (req, reply) => {
      await s.items.withdraw(actorOf(req), req.params.id, req.body, meta(req));
      return reply.status(204).send(null);
    });
    app.get('/items/:id/history', { schema: { tags: ['items'], summary: 'Change history', params: IdParams, response: { 200: HistoryOut, ...stdErrors } } }, async (req) => s.items.history(actorOf(req), req.params.id));

    // ---- rule profiles and calendar ------------------------------------------------------------------------------------------
    app.get(
      '/rule-keys',
      {
        schema: {
          tags: ['rules'],
          summary: 'Catalogue of configurable rule parameters with national defaults, citations and evidence tags',
          response: { 200: z.array(z.object({ key: z.string(), type: z.string(), default: z.unknown(), unit: z.string().optional(), citation: z.string(), tag: z.string(), zh: z.string(), en: z.string() })), ...stdErrors },
        },
      },
      async () => s.rules.ruleKeys(),
    );
    app.get('/rule-profiles', { schema: { tags: ['rules'], summary: 'Rule profiles (national, province, sector) with effective dates', response: { 200: z.array(RuleProfileOut), ...stdErrors } } }, async () =>
      s.rules.listProfiles(),
    );
    app.get(
      '/rule-profiles/resolve',
      {
        schema: {
          tags: ['rules'],
          summary: 'Rule values in force for a region, sector and date, with their source profile',
          querystring: z.object({ regionCode: z.string().optional(), sector: z.string().optional(), date: z.iso.date() }),
          response: { 200: z.object({ values: z.record(z.string(), z.unknown()), sources: z.record(z.string(), z.object({ profileId: z.string().nullable(), profileCode: z.string() })) }), ...stdErrors },
        },
      },
      async (req) => s.rules.resolve(req.query),
    );
    app.post('/rule-profiles', { schema: { tags: ['rules'], summary: 'Add a rule profile (system administrator)', body: RuleProfileInput, response: { 201: RuleProfileOut, ...stdErrors } } }, async (req, reply) =>
      reply.status(201).send(await s.rules.createProfile(actorOf(req), req.body, meta(req))),
    );
    app.patch(
      '/rule-profiles/:id',
      {
        schema: {
          tags: ['rules'],
          summary: 'Edit a rule profile',
          params: IdParams,
          body: z.object({ name: z.string().optional(), effectiveFrom: z.iso.date().optional(), effectiveTo: z.iso.date().nullable().optional(), params: z.record(z.string(), z.unknown()).optional(), note: z.string().nullable().optional() }).extend(Version.shape),
          response: { 200: RuleProfileOut, ...stdErrors },
        },
      },
      async (req) => s.rules.updateProfile(actorOf(req), req.params.id, req.body, meta(req)),
    );
    app.get('/rule-profiles/:id/history', { schema: { tags: ['rules'], summary: 'Change history', params: IdParams, response: { 200: HistoryOut, ...stdErrors } } }, async (req) =>
      s.rules.profileHistory(req.params.id),
    );
    app.get(
      '/calendar/years',
      { schema: { tags: ['calendar'], summary: 'Years with holiday data', response: { 200: z.array(z.object({ year: z.number(), source: z.string(), version: z.number(), entries: z.number() })), ...stdErrors } } },
      async () => s.rules.listYears(),
    );
    const YearOut = z.object({ year: z.number(), source: z.string(), version: z.number(), entries: z.array(z.object({ date: z.string(), kind: z.enum(['holiday', 'workday']), name: z.string() })) });
    app.get('/calendar/years/:year', { schema: { tags: ['calendar'], summary: 'Holidays and make-up working days (调休) of a year', params: z.object({ year: z.coerce.number().int() }), response: { 200: YearOut, ...stdErrors } } }, async (req) =>
      s.rules.getYear(req.params.year),
    );
    app.put(
      '/calendar/years/:year',
      {
        schema: {
          tags: ['calendar'],
          summary: 'Replace a year\'s holidays and make-up working days (system administrator)',
          params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
          body: CalendarYearInput.extend({ version: z.number().int().optional() }),
          response: { 200: YearOut, ...stdErrors },
        },
      },
      async (req) => {
        await s.rules.putYear(actorOf(req), req.params.year, req.body, meta(req));
        return s.rules.getYear(req.params.year);
      },
    );
    app.get(
      '/calendar/add-period',
      {
        schema: {
          tags: ['calendar'],
          summary: 'Compute a deadline: start + n units of WORKING or CALENDAR days (fails for a year without data)',
          querystring: z.object({ start: z.string(), n: z.coerce.number().int().min(0).max(3650), unit: z.enum(['day', 'month', 'year', 'hour']).default('day'), dayType: z.enum(['WORKING', 'CALENDAR']) }),
          response: { 200: z.object({ due: z.string() }), ...stdErrors },
        },
      },
      async (req) => s.rules.addPeriod(req.query),
    );

    app.get(
      '/registry/stats',
      {
        schema: {
          tags: ['registry'],
          summary: 'Counts for the dashboard, within my scope',
          response: {
            200: z.object({
              subjects: z.number(),
              officers: z.number(),
              officersByCertificateStatus: z.record(z.string(), z.number()),
              items: z.number(),
              itemsByCategory: z.record(z.string(), z.number()),
              trainingShortfall: z.number(),
            }),
            ...stdErrors,
          },
        },
      },
      async (req) => s.stats.stats(actorOf(req)),
    );
  };
}
