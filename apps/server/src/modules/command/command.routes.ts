import { COMMAND_ACTIONS, COMMAND_STATUSES, type CommandAction, type GridGeometry } from '@zhifa/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isInScope, requirePermission } from '../../lib/actor.ts';
import { actorOf, IdParams, meta, stdErrors } from '../../lib/http.ts';
import type { CommandService, CommandUpdate } from './command.service.ts';

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
    app.post('/command/sources', { schema: { tags, summary: 'Register a camera or sensor for the webhook; answers its token once', body: z.object({ name: z.string().trim().min(1).max(100), kind: z.enum(['camera', 'sensor']) }), response: { 201: z.object({ id: z.string(), name: z.string(), kind: z.string(), token: z.string() }), ...stdErrors } } }, async (req, reply) =>
      reply.status(201).send(await command.createSource(actorOf(req), req.body, meta(req))),
    );
    app.get('/command/sources', { schema: { tags, summary: 'Cameras and sensors of the caller’s agency (tokens are never shown again)', response: { 200: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string(), status: z.string(), createdAt: z.string() })), ...stdErrors } } }, async (req) =>
      command.listSources(actorOf(req)),
    );
    app.post('/command/sources/:id/revoke', { schema: { tags, summary: 'Revoke a device token (recorded, with a reason)', params: IdParams, body: z.object({ reason: z.string().trim().min(1).max(500) }), response: { 200: z.object({ id: z.string(), status: z.literal('revoked') }), ...stdErrors } } }, async (req) =>
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
