import { REVIEW_SIGNER_POSITIONS, type ReviewSignerPosition } from '@zhifa/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, IdParams, meta, stdErrors } from '../../lib/http.ts';
import type { ReviewChainService } from './review.service.ts';

const Position = z.enum(REVIEW_SIGNER_POSITIONS as [ReviewSignerPosition, ...ReviewSignerPosition[]]);
const ChainOut = z.object({
  agencyId: z.uuid(),
  agencyName: z.string(),
  chain: z.record(z.string(), z.unknown()),
  version: z.number().int().nullable(),
  isDefault: z.boolean(),
  latestVersion: z.number().int().nullable(),
  history: z.array(z.object({ version: z.number().int(), code: z.string(), zh: z.string(), effectiveFrom: z.string(), reason: z.string().nullable(), createdBy: z.uuid(), createdAt: z.string() })),
});
// The chain itself is checked by the domain's ReviewChainSchema in the service, so its messages (with the zh text and
// the law they enforce) reach the caller as one VALIDATION_FAILED.
const PutChain = z.object({
  chain: z.record(z.string(), z.unknown()),
  effectiveFrom: z.iso.date().optional(),
  reason: z.string().trim().max(1000).optional(),
  /** The version being replaced (null when the agency still uses the default): optimistic concurrency. */
  version: z.number().int().nullable(),
});
const PositionsRow = z.object({ officerId: z.uuid(), name: z.string(), post: z.string(), onDuty: z.boolean(), isLegalReviewer: z.boolean(), positions: z.array(Position), version: z.number().int() });

/** /api/v1 legal-review chains (法制审核层级) and the review positions people hold. */
export function reviewChainRoutes(s: ReviewChainService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/agencies/:id/review-chain', { schema: { tags: ['review'], summary: "The agency's legal-review chain in force (the national default if none is set)", params: IdParams, response: { 200: ChainOut, ...stdErrors } } }, async (req) =>
      s.getChain(actorOf(req), req.params.id),
    );
    app.put('/agencies/:id/review-chain', { schema: { tags: ['review'], summary: "Set the agency's legal-review chain (a new version; agency head or system administrator)", params: IdParams, body: PutChain, response: { 200: ChainOut, ...stdErrors } } }, async (req) =>
      s.putChain(actorOf(req), req.params.id, req.body, meta(req)),
    );
    app.get('/agencies/:id/review-positions', { schema: { tags: ['review'], summary: "The agency's people and the review positions they hold", params: IdParams, response: { 200: z.object({ items: z.array(PositionsRow) }), ...stdErrors } } }, async (req) =>
      s.listPositions(actorOf(req), req.params.id),
    );
    app.put(
      '/officers/:id/review-positions',
      { schema: { tags: ['review'], summary: "Set a person's review positions (agency head)", params: IdParams, body: z.object({ positions: z.array(Position).max(REVIEW_SIGNER_POSITIONS.length), version: z.number().int().min(0) }), response: { 200: z.object({ officerId: z.uuid(), positions: z.array(Position), version: z.number().int() }), ...stdErrors } } },
      async (req) => s.putPositions(actorOf(req), req.params.id, req.body, meta(req)),
    );
  };
}
