import { AppError, COMMAND_ACTIONS, COMMAND_CONVERSIONS, COMMAND_EVENT_KINDS, COMMAND_STATUSES, PartyInput, type CommandAction, type GridGeometry } from '@zhifa/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isInScope, requirePermission } from '../../lib/actor.ts';
import { actorOf, ErrorResponse, IdParams, meta, stdErrors } from '../../lib/http.ts';
import { MAX_CITIZEN_PHOTO_BYTES, MAX_CITIZEN_PHOTOS, type CitizenPhoto, type CommandService, type CommandUpdate } from './command.service.ts';

const Position = z.tuple([z.number(), z.number()]).rest(z.number());
const Ring = z.array(Position).min(4);
// Shape only; closure and coordinate ranges are checked by the domain (geometryProblem), with the feature's index.
const Geometry = z.union([
  z.object({ type: z.literal('Polygon'), coordinates: z.array(Ring).min(1) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(Ring).min(1)).min(1) }),
]) as unknown as z.ZodType<GridGeometry>;
const FeatureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z
    .array(
      z.object({
        type: z.literal('Feature'),
        geometry: Geometry,
        properties: z.object({ code: z.string().trim().min(1).max(50), name: z.string().trim().min(1).max(100), officerIds: z.array(z.uuid()).max(50).optional() }),
      }),
    )
    .min(1)
    .max(20_000),
});
const Report = z.object({
  kind: z.string().trim().min(1).max(60),
  description: z.string().trim().min(1).max(2000),
  lng: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  address: z.string().trim().max(300).nullish(),
  evidenceIds: z.array(z.uuid()).max(20).optional(),
  reporter: z.object({ name: z.string().trim().max(100).nullish(), phone: z.string().trim().max(40).nullish() }).optional(),
  reportedAt: z.iso.datetime({ offset: true }).optional(),
});
const Action = z.object({
  officerId: z.uuid().optional(),
  team: z.string().trim().min(1).max(100).optional(),
  note: z.string().max(4000).optional(),
  evidenceIds: z.array(z.uuid()).max(20).optional(),
  caseId: z.uuid().optional(),
  feedback: z.string().max(2000).optional(),
  mergeInto: z.uuid().optional(),
  reason: z.string().max(2000).optional(),
  version: z.number().int().min(1).optional(),
});
const Stage = z.object({ done: z.number(), medianMinutes: z.number().nullable(), p90Minutes: z.number().nullable(), slaHitRate: z.number().nullable(), late: z.number() });
const Figures = z.object({ events: z.number(), stages: z.object({ dispatch: Stage, arrive: Stage, handle: Stage, feedback: Stage, total: Stage }) });
const Event = z.object({ id: z.string(), eventNo: z.string(), status: z.string() }).passthrough();

export function commandRoutes(command: CommandService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['command'];
    app.get('/command/grids', { schema: { tags, summary: 'Grids (网格) of the caller’s agency, with responsible officers', response: { 200: z.array(z.object({ id: z.string(), code: z.string() }).passthrough()), ...stdErrors } } }, async (req) =>
      command.listGrids(actorOf(req)),
    );
    app.get('/command/grids/export', { schema: { tags, summary: 'Export the grid layer as a GeoJSON FeatureCollection', ...{ response: { 200: z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()) }), ...stdErrors } } } }, async (req) =>
      command.exportGrids(actorOf(req)),
    );
    app.post('/command/grids/import', { schema: { tags, summary: 'Import grids from a GeoJSON FeatureCollection (by code: add or replace; all or nothing)', body: FeatureCollection, response: { 200: z.object({ created: z.number(), updated: z.number() }), ...stdErrors } } }, async (req) =>
      command.importGrids(actorOf(req), req.body.features, meta(req)),
    );
    app.put(
      '/command/grids/:id/officers',
      { schema: { tags, summary: 'Set the responsible officers (网格责任人) of a grid', params: IdParams, body: z.object({ officerIds: z.array(z.uuid()).max(50) }), response: { 200: z.object({ id: z.string() }).passthrough(), ...stdErrors } } },
      async (req) => command.setGridOfficers(actorOf(req), req.params.id, req.body.officerIds, meta(req)),
    );
    app.get('/command/officers', { schema: { tags, summary: 'Officers of the caller’s agency (dispatch picker)', response: { 200: z.array(z.object({ id: z.string(), name: z.string(), post: z.string() })), ...stdErrors } } }, async (req) =>
      command.officersOf(actorOf(req)),
    );
    const SourceOut = z.object({ id: z.string(), name: z.string(), kind: z.string(), status: z.string(), gridId: z.string().nullable(), gridCode: z.string().nullable(), gridName: z.string().nullable(), lastSeenAt: z.string().nullable(), tokenRotatedAt: z.string().nullable(), createdAt: z.string() });
    const TokenOut = z.object({ id: z.string(), name: z.string(), kind: z.string(), gridId: z.string().nullable(), token: z.string() });
    app.post(
      '/command/sources',
      { schema: { tags, summary: 'Register a camera or sensor for the webhook (optionally with the grid it watches); answers its token once', body: z.object({ name: z.string().trim().min(1).max(100), kind: z.enum(['camera', 'sensor']), gridId: z.uuid().nullish() }), response: { 201: TokenOut, ...stdErrors } } },
      async (req, reply) => reply.status(201).send(await command.createSource(actorOf(req), req.body, meta(req))),
    );
    app.get('/command/sources', { schema: { tags, summary: 'Cameras and sensors of the caller’s agency, with grid and last seen (tokens are never shown again)', response: { 200: z.array(SourceOut), ...stdErrors } } }, async (req) =>
      command.listSources(actorOf(req)),
    );
    app.post('/command/sources/:id/rotate', { schema: { tags, summary: 'Replace a device token (the old one stops at once); answers the new token once', params: IdParams, body: z.object({ reason: z.string().trim().min(1).max(500) }), response: { 200: TokenOut, ...stdErrors } } }, async (req) =>
      command.rotateSource(actorOf(req), req.params.id, req.body.reason, meta(req)),
    );
    app.post('/command/sources/:id/revoke', { schema: { tags, summary: 'Disable a device: revoke its token (recorded, with a reason)', params: IdParams, body: z.object({ reason: z.string().trim().min(1).max(500) }), response: { 200: z.object({ id: z.string(), status: z.literal('revoked') }), ...stdErrors } } }, async (req) =>
      command.revokeSource(actorOf(req), req.params.id, req.body.reason, meta(req)),
    );
    app.post(
      '/command/webhook',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'Camera / sensor report: headers X-Source-Id and Authorization: Bearer <token>',
          headers: z.object({ 'x-source-id': z.uuid(), authorization: z.string().regex(/^Bearer \S+$/) }),
          body: Report,
          response: { 201: Event, ...stdErrors },
          security: [],
        },
      },
      async (req, reply) => reply.status(201).send(await command.reportFromDevice(req.headers['x-source-id'], req.headers.authorization.slice(7), req.body, meta(req))),
    );
    app.post('/command/events', { schema: { tags, summary: 'Report an event (back office: dispatcher; patrol: field officer); grid lookup and duplicate merging', body: Report, response: { 201: Event, ...stdErrors } } }, async (req, reply) =>
      reply.status(201).send(await command.report(actorOf(req), req.body, meta(req))),
    );
    app.get(
      '/command/events',
      { schema: { tags, summary: 'Events in scope, newest first, with SLA timers', querystring: z.object({ status: z.enum(COMMAND_STATUSES).optional(), mine: z.coerce.boolean().optional(), limit: z.coerce.number().int().min(1).max(500).optional() }), response: { 200: z.array(Event), ...stdErrors } } },
      async (req) => command.list(actorOf(req), req.query),
    );
    app.get('/command/events/:id', { schema: { tags, summary: 'One event with its log, SLA timers and the caller’s actions', params: IdParams, response: { 200: Event, ...stdErrors } } }, async (req) =>
      command.get(actorOf(req), req.params.id),
    );
    app.post(
      '/command/events/:id/:action',
      { schema: { tags, summary: 'Take a step: dispatch, acknowledge, arrive, handle, give_feedback, close, merge, escalate, dismiss', params: z.object({ id: z.uuid(), action: z.enum(COMMAND_ACTIONS) }), body: Action, response: { 200: Event, ...stdErrors } } },
      async (req) => command.act(actorOf(req), req.params.id, req.params.action as CommandAction, req.body, meta(req)),
    );
    app.get('/command/stats', { schema: { tags, summary: 'Response times per grid', response: { 200: z.array(z.object({ gridId: z.string().nullable(), total: z.number(), done: z.number(), late: z.number(), avgMinutes: z.number().nullable() })), ...stdErrors } } }, async (req) =>
      command.stats(actorOf(req)),
    );
    app.get(
      '/command/response-stats',
      {
        schema: {
          tags,
          summary: 'Response times per grid, team or officer over a period of report dates: median and p90 per stage (dispatch → arrival → handled → feedback, end to end) and the SLA hit rate',
          querystring: z.object({ from: z.iso.date(), to: z.iso.date(), by: z.enum(['grid', 'team', 'officer']).default('grid') }),
          response: { 200: z.object({ from: z.string(), to: z.string(), by: z.string(), total: Figures, groups: z.array(Figures.extend({ key: z.string().nullable(), name: z.string().nullable() })) }), ...stdErrors },
        },
      },
      async (req) => command.responseStats(actorOf(req), req.query),
    );
    app.post(
      '/command/events/:id/convert/:conversion',
      {
        schema: {
          tags,
          summary: 'Convert an event being handled into an inspection or a penalty-case lead (opened by the cases module, linked both ways, recorded on the event)',
          params: z.object({ id: z.uuid(), conversion: z.enum(COMMAND_CONVERSIONS) }),
          body: z.object({
            itemId: z.uuid(),
            placeRegionCode: z.string().regex(/^\d{6}(\d{3})?$/).optional(),
            party: PartyInput,
            officerIds: z.array(z.uuid()).max(10).optional(),
            violationOn: z.iso.date().optional(),
            purpose: z.string().trim().max(500).optional(),
            version: z.number().int().min(1).optional(),
          }),
          response: { 200: Event, ...stdErrors },
        },
      },
      async (req) => command.convert(actorOf(req), req.params.id, req.params.conversion, req.body, meta(req)),
    );
    app.get(
      '/command/case-source/:id',
      { schema: { tags, summary: 'The command event an inspection or a case was converted from (null when none)', params: IdParams, response: { 200: z.object({ eventId: z.string(), eventNo: z.string(), kind: z.string(), address: z.string().nullable(), reportedAt: z.string(), conversion: z.string() }).nullable(), ...stdErrors } } },
      async (req) => command.sourceOf(actorOf(req), req.params.id),
    );
    app.get(
      '/command/events/:id/attachments',
      { schema: { tags, summary: 'Photos the citizen sent with the report', params: IdParams, response: { 200: z.array(z.object({ id: z.string(), fileName: z.string(), mediaType: z.string(), size: z.number(), sha256: z.string(), uploadedAt: z.string() })), ...stdErrors } } },
      async (req) => command.attachments(actorOf(req), req.params.id),
    );
    app.get('/command/events/:id/attachments/:attachmentId', { schema: { tags, summary: 'One photo the citizen sent (image bytes)', params: z.object({ id: z.uuid(), attachmentId: z.uuid() }) } }, async (req, reply) => {
      const a = await command.openAttachment(actorOf(req), req.params.id, req.params.attachmentId);
      return reply.type(a.mediaType).header('cache-control', 'private, no-store').header('x-content-type-options', 'nosniff').send(a.stream);
    });
    app.post('/command/escalations/run', { schema: { tags, summary: 'Escalate events whose SLA is late (the job loop does this every minute)', response: { 200: z.object({ escalated: z.number() }), ...stdErrors } } }, async (req) => {
      const actor = actorOf(req);
      requirePermission(actor, 'command.dispatch');
      return { escalated: await command.escalateLate() };
    });
    /** Server-sent events: only updates of events in the caller's scope. */
    app.get('/command/stream', { schema: { tags, summary: 'Live updates (text/event-stream) of events in the caller’s scope' } }, async (req, reply) => {
      const actor = actorOf(req);
      requirePermission(actor, 'command.read'); // refuse before the stream opens
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      res.write(`retry: 3000\n\n`);
      const send = (u: CommandUpdate) => {
        if (isInScope(actor, u)) res.write(`event: command\ndata: ${JSON.stringify({ id: u.id, eventNo: u.eventNo, status: u.status, action: u.action, at: u.at })}\n\n`);
      };
      const unsubscribe = command.subscribe(send);
      const ping = setInterval(() => res.write(`: ping\n\n`), 15_000);
      req.raw.on('close', () => {
        clearInterval(ping);
        unsubscribe();
      });
    });
  };
}

const pub = { public: true } as const;
const pubErrs = { 400: ErrorResponse, 404: ErrorResponse, 422: ErrorResponse };
const PortalReport = z.object({
  kind: z.enum(Object.keys(COMMAND_EVENT_KINDS) as [string, ...string[]]),
  description: z.string().trim().min(5).max(2000),
  lng: z.coerce.number().min(-180).max(180),
  lat: z.coerce.number().min(-90).max(90),
  address: z.string().trim().max(300).optional(),
  contactName: z.string().trim().max(50).optional(),
  contactPhone: z.string().trim().max(30).optional(),
  locatedBy: z.enum(['map', 'grid', 'device']).default('map'),
});
const EventNo = z.string().regex(/^SJ\d{8}[0-9A-Z]{6}$/);

/**
 * /api/v1/public/command — city-management reports from the portal (no login): the grid map, a report with photos
 * (multipart), and the reporter's progress page (event number + code; nothing personal).
 */
export function commandPublicRoutes(command: Pick<CommandService, 'publicGrids' | 'reportFromPortal' | 'citizenProgress'>): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['public'];
    app.get(
      '/command/grids',
      { config: pub, schema: { tags, security: [], summary: 'Enforcement grids as drawn on the report map (no officers)', response: { 200: z.array(z.object({ code: z.string(), name: z.string(), geometry: z.unknown(), agencyName: z.string() })) } } },
      async () => command.publicGrids(),
    );
    app.post(
      '/command/reports',
      {
        config: pub,
        schema: {
          tags,
          security: [],
          summary: 'Report a city-management problem (multipart: the fields, then up to 3 photos as "photo" parts, JPEG/PNG/WebP ≤ 5 MB); answers the event number and a code — keep the code',
          consumes: ['multipart/form-data'],
          response: { 201: z.object({ eventNo: z.string(), code: z.string(), agencyName: z.string(), status: z.string(), merged: z.boolean() }), ...pubErrs },
        },
      },
      async (req, reply) => {
        if (!req.isMultipart()) throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['body'], message: 'send multipart/form-data', messageZh: '请以表单方式提交' }] } });
        const fields: Record<string, string> = {};
        const photos: CitizenPhoto[] = [];
        for await (const part of req.parts({ limits: { fileSize: MAX_CITIZEN_PHOTO_BYTES, files: MAX_CITIZEN_PHOTOS, fields: 20, fieldSize: 8192 } })) {
          if (part.type === 'field') fields[part.fieldname] = String(part.value);
          else {
            const data = await part.toBuffer();
            photos.push({ fileName: part.filename, mediaType: part.mimetype, data });
          }
        }
        const parsed = PortalReport.safeParse(Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== '')));
        if (!parsed.success) throw new AppError('VALIDATION_FAILED', { details: { issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })) } });
        return reply.code(201).send(await command.reportFromPortal(parsed.data, photos, meta(req)));
      },
    );
    app.get(
      '/command/reports/:eventNo',
      {
        config: pub,
        schema: {
          tags,
          security: [],
          summary: 'Progress of one’s own report: the event number and the code (a wrong code answers 404; five wrong codes close it)',
          params: z.object({ eventNo: EventNo }),
          querystring: z.object({ code: z.string().regex(/^\d{6}$/) }),
          response: {
            200: z.object({
              eventNo: z.string(),
              kind: z.string(),
              kindName: z.string(),
              status: z.string(),
              statusName: z.string(),
              agencyName: z.string(),
              gridName: z.string().nullable(),
              address: z.string().nullable(),
              reportedAt: z.string(),
              photoCount: z.number(),
              steps: z.array(z.object({ action: z.string(), label: z.string(), at: z.string() })),
              feedback: z.string().nullable(),
              feedbackAt: z.string().nullable(),
              isClosed: z.boolean(),
            }),
            ...pubErrs,
          },
        },
      },
      async (req) => command.citizenProgress(req.params.eventNo, req.query.code),
    );
  };
}
