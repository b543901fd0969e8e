import { PROCEDURE_DOCUMENT_SUBJECTS } from '@zhifa/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, stdErrors } from '../../lib/http.ts';
import type { ProcedureDocumentService } from './procedure-documents.service.ts';

const fileHeaders = (filename: string, disposition: 'inline' | 'attachment' = 'inline') => ({
  'content-disposition': `${disposition}; filename*=UTF-8''${encodeURIComponent(filename)}`,
  'cache-control': 'private, no-store',
});
const Params = z.object({ subject: z.enum(PROCEDURE_DOCUMENT_SUBJECTS), id: z.uuid() });
const DocumentOut = z.object({ id: z.uuid(), kind: z.string(), titleZh: z.string(), titleEn: z.string(), number: z.string().nullable(), issuedAt: z.string(), createdAt: z.string() });
const RefusalOut = z.object({ code: z.string(), message: z.string(), messageZh: z.string(), citation: z.string().optional(), details: z.record(z.string(), z.unknown()).optional() });

/**
 * Documents of licence applications, inspections, coercive measures, execution (penalty_case) and on-the-spot
 * decisions (simplified_case): list with availability, generate, and the file.
 */
export function procedureDocumentRoutes(s: ProcedureDocumentService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/procedure-documents/:subject/:id',
      {
        schema: {
          tags: ['cases'],
          summary: "A record's documents: those issued, and each kind of its procedure with the reason (and citation) it cannot be issued yet",
          params: Params,
          response: {
            200: z.object({
              documents: z.array(DocumentOut),
              kinds: z.array(z.object({ kind: z.string(), titleZh: z.string(), titleEn: z.string(), citation: z.string(), documentId: z.uuid().nullable(), refusal: RefusalOut.nullable() })),
            }),
            ...stdErrors,
          },
        },
      },
      async (req) => s.list(actorOf(req), req.params.subject, req.params.id),
    );
    app.post(
      '/procedure-documents/:subject/:id',
      {
        schema: {
          tags: ['cases'],
          summary: 'Issue a document from the record as it stands: numbered per agency, frozen; 422 with the citation before the law allows it, 409 once issued',
          params: Params,
          body: z.object({ kind: z.string().min(1).max(60) }).strict(),
          response: { 201: DocumentOut, ...stdErrors },
        },
      },
      async (req, reply) => reply.code(201).send(await s.generate(actorOf(req), req.params.subject, req.params.id, req.body.kind)),
    );
    app.get(
      '/procedure-documents/:subject/:id/:documentId/:format',
      {
        schema: {
          tags: ['cases'],
          summary: 'An issued document as PDF (sealed and digitally signed where its kind carries the seal) or DOCX',
          params: Params.extend({ documentId: z.uuid(), format: z.enum(['pdf', 'docx']) }),
          querystring: z.object({ download: z.stringbool().optional() }),
          response: { 200: z.any(), ...stdErrors },
        },
      },
      async (req, reply) => {
        const f = await s.file(actorOf(req), req.params.subject, req.params.id, req.params.documentId, req.params.format);
        return reply.type(f.contentType).headers({ ...fileHeaders(f.filename, req.query.download ? 'attachment' : 'inline'), 'x-content-sha256': f.sha256 }).send(f.data);
      },
    );
  };
}
