import type { Actor } from './actor.ts';
import { AppError } from '@zhifa/domain';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** The authenticated actor of a protected route (the auth hook has already refused anonymous calls). */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('UNAUTHENTICATED');
  return req.actor;
}

export const meta = (req: FastifyRequest) => ({ requestId: String(req.id), ip: req.ip });

/** Shared schemas. */
export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      messageZh: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
      requestId: z.string(),
    }),
  })
  .describe('Structured error: stable code, English and Chinese messages, details (field issues, citation, hint).');

export const IdParams = z.object({ id: z.uuid() });
export const Pagination = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

/** Errors every protected route may answer. */
export const stdErrors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse };
