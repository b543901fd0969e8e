import { AppError, ErrorCodes, type ErrorCode } from '@zhifa/domain';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { zodIssueZh } from './zod-zh.ts';

export { AppError };

export interface ErrorBody {
  error: { code: ErrorCode; message: string; messageZh: string; details?: Record<string, unknown>; requestId: string };
}

function send(reply: FastifyReply, req: FastifyRequest, err: AppError): FastifyReply {
  const body: ErrorBody = {
    error: { code: err.code, message: err.message, messageZh: err.messageZh, requestId: String(req.id) },
  };
  if (err.details) body.error.details = err.details;
  return reply.status(err.status).send(body);
}

/** Postgres error codes we translate; everything else is an INTERNAL error whose cause is logged only. */
function fromDatabaseError(e: unknown): AppError | null {
  const cause = (e as { cause?: unknown })?.cause ?? e;
  const code = (cause as { code?: string })?.code;
  if (code === '23505') {
    const constraint = (cause as { constraint?: string }).constraint;
    return new AppError('DUPLICATE', { details: constraint ? { constraint } : {} });
  }
  return null;
}

/** One error handler for the whole API (style.md "Errors"): never leaks database or stack details. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, req, reply) => {
    if (error instanceof AppError) return send(reply, req, error);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) => {
        // The provider flattens a Zod issue into { keyword: code, params: rest-of-issue }; rebuild it for the Chinese text.
        const zodIssue = { ...(v.params as object), code: v.keyword, message: v.message ?? '', path: [] } as unknown as z.core.$ZodIssue;
        return {
          path: [error.validationContext ?? 'body', ...String(v.instancePath || '').split('/').filter(Boolean)],
          message: v.message ?? 'invalid',
          messageZh: zodIssueZh(zodIssue),
        };
      });
      return send(reply, req, new AppError('VALIDATION_FAILED', { details: { issues } }));
    }
    if (isResponseSerializationError(error)) {
      req.log.error({ err: error }, 'response serialization failed');
      return send(reply, req, new AppError('INTERNAL'));
    }
    const fe = error as FastifyError;
    if (fe.statusCode === 429) return send(reply, req, new AppError('RATE_LIMITED'));
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      // Malformed JSON, body too large, bad content type, multipart limits…
      return send(reply, req, new AppError('VALIDATION_FAILED', { details: { reason: fe.code ?? 'bad_request', message: fe.message } }));
    }
    const db = fromDatabaseError(error);
    if (db) return send(reply, req, db);
    req.log.error({ err: error }, 'unhandled error');
    return send(reply, req, new AppError('INTERNAL'));
  });
}

/** 404 for unknown routes; with a web build, other GETs get the SPA's index.html (client-side routing). */
export function installNotFoundHandler(app: FastifyInstance, opts: { spa: boolean }): void {
  app.setNotFoundHandler((req, reply) => {
    if (opts.spa && req.method === 'GET' && !req.url.startsWith('/api/')) return reply.sendFile('index.html');
    return send(reply, req, new AppError('NOT_FOUND'));
  });
}

export const errorCodeList = Object.entries(ErrorCodes).map(([code, spec]) => ({ code, ...spec }));
