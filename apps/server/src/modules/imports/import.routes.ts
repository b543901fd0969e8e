import { AppError } from '@zhifa/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, IdParams, stdErrors } from '../../lib/http.ts';
import type { ImportService } from './import.service.ts';
import { ImportKinds } from './kinds.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const Kind = z.object({ kind: z.enum(ImportKinds) });
const ImportOut = z.object({
  id: z.string(),
  kind: z.string(),
  fileName: z.string(),
  status: z.enum(['queued', 'validating', 'writing', 'succeeded', 'failed']),
  totalRows: z.number().nullable(),
  processedRows: z.number(),
  phase: z.string().nullable(),
  errors: z.array(z.object({ sheet: z.string(), row: z.number(), column: z.string(), message: z.string(), messageZh: z.string() })).nullable(),
  summary: z.record(z.string(), z.unknown()).nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

/** Excel import/export of every registry list: template, upload (validated whole, all-or-nothing), progress, export. */
export function importRoutes(imports: ImportService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/imports/templates/:kind',
      { schema: { tags: ['imports'], summary: 'Download the Excel template of a list (headers, drop-downs, instructions)', params: Kind, response: { 200: z.any().describe('xlsx file'), ...stdErrors } } },
      async (req, reply) => {
        const buf = await imports.template(actorOf(req), req.params.kind);
        return reply
          .header('content-type', XLSX)
          .header('content-disposition', `attachment; filename="zhifa-${req.params.kind}-template.xlsx"`)
          .send(buf);
      },
    );
    app.post(
      '/imports/:kind',
      {
        schema: {
          tags: ['imports'],
          summary: 'Upload an .xlsx (multipart field "file"); validation runs in the background — poll GET /imports/{id}',
          params: Kind,
          consumes: ['multipart/form-data'],
          response: { 202: z.object({ id: z.string() }), ...stdErrors },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const file = await req.file();
        if (!file) throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['file'], message: 'missing file' }] } });
        const data = await file.toBuffer();
        if (data.length < 4 || data[0] !== 0x50 || data[1] !== 0x4b) throw new AppError('IMPORT_UNREADABLE', { details: { reason: 'not an .xlsx (zip) file' } });
        const id = await imports.start(actor, req.params.kind, file.filename, data);
        return reply.status(202).send({ id });
      },
    );
    app.get('/imports/:id', { schema: { tags: ['imports'], summary: 'Progress and row/column errors of my import', params: IdParams, response: { 200: ImportOut, ...stdErrors } } }, async (req) =>
      imports.get(actorOf(req), req.params.id),
    );
    app.get(
      '/exports/:kind',
      {
        schema: {
          tags: ['imports'],
          summary: 'Export the records I can see (same columns as the import template)',
          params: Kind,
          querystring: z.record(z.string(), z.string().optional()),
          response: { 200: z.any().describe('xlsx file'), ...stdErrors },
        },
      },
      async (req, reply) => {
        const buf = await imports.exportKind(actorOf(req), req.params.kind, req.query);
        return reply
          .header('content-type', XLSX)
          .header('content-disposition', `attachment; filename="zhifa-${req.params.kind}.xlsx"`)
          .send(buf);
      },
    );
  };
}
