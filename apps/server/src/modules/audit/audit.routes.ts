import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { actorOf, stdErrors } from '../../lib/http.ts';
import { requirePermission } from '../../lib/actor.ts';
import type { AuditService } from './audit.service.ts';

const Keyset = z.object({ before: z.coerce.number().int().positive().optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });

/** The audit administrator's read-only views (三员分立: the only role that reads the logs). */
export function auditRoutes(db: Db, audit: AuditService, opts: { leafHashesOf(kind: string, refs: string[]): Promise<Map<string, string>> }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/audit/changes',
      {
        schema: {
          tags: ['audit'],
          summary: 'All recorded changes in my region, newest first (audit administrator)',
          querystring: Keyset.extend({ entityType: z.string().optional() }),
          response: {
            200: z.array(
              z.object({
                id: z.number(),
                occurredAt: z.date(),
                actorId: z.string().nullable(),
                actorRole: z.string().nullable(),
                actorName: z.string().nullable(),
                requestId: z.string().nullable(),
                entityType: z.string(),
                entityId: z.string(),
                action: z.string(),
                before: z.unknown(),
                after: z.unknown(),
                reason: z.string().nullable(),
                leafHash: z.string().nullable().describe('the record\'s leaf in the tamper-evident log (check it at /verify)'),
              }),
            ),
            ...stdErrors,
          },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        requirePermission(actor, 'audit.read');
        const rows = await audit.listChanges(db, actor, req.query);
        const leaves = await opts.leafHashesOf('change_event', rows.map((r) => String(r.id)));
        return rows.map((r) => ({ ...r, leafHash: leaves.get(String(r.id)) ?? null }));
      },
    );
    app.get(
      '/audit/security',
      {
        schema: {
          tags: ['audit'],
          summary: 'Security log: logins, failures, lockouts, role grants (audit administrator)',
          querystring: Keyset.extend({ kind: z.string().optional() }),
          response: {
            200: z.array(
              z.object({
                id: z.number(),
                occurredAt: z.date(),
                kind: z.string(),
                userId: z.string().nullable(),
                username: z.string().nullable(),
                actorId: z.string().nullable(),
                actorRole: z.string().nullable(),
                ip: z.string().nullable(),
                detail: z.unknown(),
              }),
            ),
            ...stdErrors,
          },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        requirePermission(actor, 'audit.read');
        return audit.listSecurity(db, actor, req.query);
      },
    );
  };
}
