import { AppError } from '@zhifa/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, ErrorResponse, stdErrors } from '../../lib/http.ts';
import { requirePermission } from '../../lib/actor.ts';
import type { LedgerService } from './ledger.service.ts';

const Checkpoint = z.object({
  treeSize: z.number(),
  rootHash: z.string(),
  hashAlg: z.string(),
  keyId: z.string(),
  publicKey: z.string(),
  signature: z.string().describe('Ed25519 over `body`, base64'),
  body: z.string().describe('the signed text: format, origin, size, root, algorithm, time — one per line'),
  signedAt: z.date(),
});
const toOut = (c: z.infer<typeof Checkpoint> & { frontier?: unknown }) => {
  const { frontier: _f, ...rest } = c;
  return rest;
};
const Hex = z.string().regex(/^[0-9a-fA-F]{64}$/);

/**
 * The tamper-evident log's public face: signed tree heads and proofs, with no login — anyone may check that a record
 * is in the log and that the log only ever grew. Leaves are hashes, so nothing personal is revealed.
 */
export function ledgerRoutes(
  ledger: LedgerService,
  opts: {
    /** A document and its logged file records by 文号 (the cases module, wired in app.ts). */
    documentByNumber?: (number: string) => Promise<{
      document: { id: string; kind: string; number: string | null; issuedAt: Date };
      files: { id: number; documentId: string; documentNumber: string | null; kind: string; format: string; blobId: string; sizeBytes: number; recordedAt: Date }[];
    }>;
  } = {},
): FastifyPluginAsyncZod {
  return async (app) => {
    const documentByNumber = opts.documentByNumber;
    if (documentByNumber) {
      app.get(
        '/public/ledger/document',
        {
          config: { public: true },
          schema: {
            tags: ['ledger'],
            summary: 'A document by its number: the logged content hash of each rendered file and that record’s leaf hash, to check a file and prove it is in the log',
            querystring: z.object({ number: z.string().trim().min(1).max(200) }),
            response: {
              200: z.object({
                number: z.string(),
                kind: z.string(),
                issuedAt: z.date(),
                documentLeafHash: z.string().nullable().describe('leaf of the document record itself (kind case_document)'),
                files: z.array(
                  z.object({
                    format: z.string(),
                    blobId: z.string().describe('sha256: + hex SHA-256 of the file'),
                    sizeBytes: z.number(),
                    recordedAt: z.date(),
                    kind: z.literal('document_file').describe('the leaf kind the record is logged under'),
                    record: z.record(z.string(), z.unknown()).describe('the logged record: its canonical JSON under the leaf kind hashes to leafHash'),
                    leafHash: z.string().nullable(),
                  }),
                ),
              }),
              400: ErrorResponse,
              404: ErrorResponse,
            },
          },
        },
        async (req) => {
          const { document, files } = await documentByNumber(req.query.number);
          const [docLeaves, fileLeaves] = await Promise.all([
            ledger.leafHashesOf('case_document', [document.id]),
            ledger.leafHashesOf('document_file', files.map((f) => String(f.id))),
          ]);
          return {
            number: document.number ?? req.query.number,
            kind: document.kind,
            issuedAt: document.issuedAt,
            documentLeafHash: docLeaves.get(document.id) ?? null,
            files: files.map((f) => ({
              format: f.format,
              blobId: f.blobId,
              sizeBytes: f.sizeBytes,
              recordedAt: f.recordedAt,
              kind: 'document_file' as const,
              record: { ...f, recordedAt: f.recordedAt.toISOString() },
              leafHash: fileLeaves.get(String(f.id)) ?? null,
            })),
          };
        },
      );
    }
    app.get(
      '/public/ledger/checkpoint',
      { config: { public: true }, schema: { tags: ['ledger'], summary: 'The latest signed tree head of the log', response: { 200: Checkpoint, 404: ErrorResponse } } },
      async () => {
        const c = await ledger.latestCheckpoint();
        if (!c) throw new AppError('NOT_FOUND');
        return toOut(c);
      },
    );
    app.get(
      '/public/ledger/checkpoints',
      { config: { public: true }, schema: { tags: ['ledger'], summary: 'Recent signed tree heads, newest first', response: { 200: z.array(Checkpoint) } } },
      async () => (await ledger.checkpoints()).map(toOut),
    );
    app.get(
      '/public/ledger/proof/inclusion',
      {
        config: { public: true },
        schema: {
          tags: ['ledger'],
          summary: 'Inclusion proof (RFC 6962 audit path) of a leaf hash in a signed tree',
          querystring: z.object({ leafHash: Hex, treeSize: z.coerce.number().int().positive().optional() }),
          response: { 200: z.object({ leafIndex: z.number(), treeSize: z.number(), leafHash: z.string(), proof: z.array(z.string()), checkpoint: Checkpoint }), 400: ErrorResponse, 404: ErrorResponse },
        },
      },
      async (req) => {
        const r = await ledger.inclusion(req.query);
        return { ...r, checkpoint: toOut(r.checkpoint) };
      },
    );
    app.get(
      '/public/ledger/proof/consistency',
      {
        config: { public: true },
        schema: {
          tags: ['ledger'],
          summary: 'Consistency proof (RFC 6962) between two tree sizes: the smaller tree is a prefix of the larger',
          querystring: z.object({ first: z.coerce.number().int().positive(), second: z.coerce.number().int().positive() }),
          response: { 200: z.object({ first: z.number(), second: z.number(), proof: z.array(z.string()) }), 400: ErrorResponse, 404: ErrorResponse },
        },
      },
      async (req) => ledger.consistency(req.query),
    );
    app.post(
      '/ledger/checkpoints',
      { schema: { tags: ['ledger'], summary: 'Sequence pending entries and sign a tree head now (security or audit administrator)', response: { 200: Checkpoint, ...stdErrors } } },
      async (req) => {
        const actor = actorOf(req);
        if (actor.role !== 'audit_admin') requirePermission(actor, 'security.manage');
        while ((await ledger.sequence()) > 0);
        return toOut(await ledger.checkpoint());
      },
    );
  };
}
