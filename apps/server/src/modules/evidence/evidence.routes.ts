import { createHash, type Hash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import path from 'node:path';
import fs from 'node:fs/promises';
import { FileStore } from '@tus/file-store';
import { Server as TusServer } from '@tus/server';
import { AppError, EvidenceMetaInput } from '@zhifa/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../lib/actor.ts';
import { actorOf, ErrorResponse, IdParams, meta, stdErrors } from '../../lib/http.ts';
import type { BlobStore } from '../blobs/index.ts';
import type { EvidenceService } from './evidence.service.ts';

const EvidenceOut = z.object({
  id: z.string(),
  blobId: z.string(),
  sha256: z.string(),
  size: z.number(),
  fileName: z.string(),
  mediaType: z.string(),
  kind: z.string(),
  caseRef: z.string(),
  stage: z.string().nullable(),
  maker: z.string(),
  makerOfficerId: z.string().nullable(),
  capturedAt: z.string(),
  capturedPlace: z.string(),
  device: z.string(),
  deviceReviewed: z.boolean(),
  method: z.string(),
  proves: z.string(),
  transcript: z.string().nullable(),
  gapReason: z.string().nullable(),
  lateUpload: z.boolean(),
  retentionClass: z.string(),
  retainUntil: z.string().nullable(),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
});
const Recorded = EvidenceOut.extend({ flags: z.object({ lateUpload: z.boolean(), deviceNotReviewed: z.boolean() }) });
const EventOut = z.object({ id: z.number(), kind: z.string(), payload: z.record(z.string(), z.unknown()), actorId: z.string(), actorRole: z.string(), at: z.string() });
const Reason = z.object({ reason: z.string().trim().min(2).max(200).describe('why the record is opened (logged)') });

/**
 * The tus file store, hashing bytes as they are written. A resumed PATCH continues the same hash when it arrives at the
 * offset this process last saw; otherwise (another process, a restart) the state is dropped and the finished file is
 * hashed from disk instead — never a wrong hash, at worst one more read.
 */
const WRITE_BUFFER = 4 * 1024 * 1024;

class HashingFileStore extends FileStore {
  private readonly hashes = new Map<string, { hash: Hash; offset: number }>();
  private readonly dir: string;

  constructor(opts: { directory: string }) {
    super(opts);
    this.dir = opts.directory;
  }

  /**
   * Append the body at `offset` in one pass: each chunk is hashed and kept (not copied) until 4 MiB are in hand, then
   * written with one positioned gathering write (writev) — no userland copy of the bytes at all (a chain of stream
   * transforms cost more than the hashing itself on multi-GB files; a copy into one buffer cost a memcpy per byte).
   * Whatever was received before an error is still written, and the hash state stays in step with the bytes on disk,
   * so a resumed PATCH continues both. `maxBytes` refuses a body longer than the upload (tus: no byte past Upload-Length).
   */
  override async write(readable: IncomingMessage | Readable, id: string, offset: number, maxBytes = Number.POSITIVE_INFINITY): Promise<number> {
    let st = this.hashes.get(id);
    if (offset === 0) {
      st = { hash: createHash('sha256'), offset: 0 };
      this.hashes.set(id, st);
    }
    if (st && st.offset !== offset) {
      this.hashes.delete(id);
      st = undefined;
    }
    const fh = await fs.open(path.join(this.dir, id), 'r+');
    // Chunks a request stream hands out are its own (never reused), so holding them until the write is safe.
    let pending: Buffer[] = [];
    let filled = 0;
    let pos = offset;
    const flush = async () => {
      let list = pending;
      let at = pos;
      let left = filled;
      while (left > 0) {
        const { bytesWritten } = await fh.writev(list, at);
        at += bytesWritten;
        left -= bytesWritten;
        if (left > 0) {
          // A short write: keep what was not written, from the byte after the last one that was.
          let skip = bytesWritten;
          const rest: Buffer[] = [];
          for (const b of list) {
            if (skip >= b.length) skip -= b.length;
            else {
              rest.push(skip ? b.subarray(skip) : b);
              skip = 0;
            }
          }
          list = rest;
        }
      }
      pos += filled;
      pending = [];
      filled = 0;
    };
    let failure: unknown = null;
    try {
      for await (const chunk of readable as AsyncIterable<Buffer>) {
        if (pos + filled + chunk.length - offset > maxBytes) {
          throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['body'], message: 'more bytes than Upload-Length' }] } });
        }
        st?.hash.update(chunk);
        pending.push(chunk);
        filled += chunk.length;
        // IOV_MAX is 1024 on Linux: stay well under it however small the chunks are.
        if (filled >= WRITE_BUFFER || pending.length >= 512) await flush();
      }
    } catch (e) {
      failure = e;
    }
    try {
      await flush();
      if (st) st.offset = pos;
    } catch (e) {
      // The disk refused bytes already hashed: the hash no longer matches the file; hash from disk at the end instead.
      this.hashes.delete(id);
      failure ??= e;
    } finally {
      await fh.close();
    }
    if (failure) throw failure;
    return pos;
  }

  /** The digest if the whole file passed through this process's hash, else null. */
  takeDigest(id: string, size: number): string | null {
    const st = this.hashes.get(id);
    this.hashes.delete(id);
    return st && st.offset === size ? st.hash.digest('hex') : null;
  }
}

type RawWithActor = IncomingMessage & { zhifaActor?: Actor; zhifaRequestId?: string };
const UPLOADS_PATH = '/api/v1/uploads';

function parseMeta(raw: string | undefined | null) {
  let json: unknown;
  try {
    json = JSON.parse(raw ?? '');
  } catch {
    throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['meta'], message: 'meta must be a JSON object' }] } });
  }
  const parsed = EvidenceMetaInput.safeParse(json);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', { details: { issues: parsed.error.issues.map((i) => ({ path: ['meta', ...i.path.map(String)], message: i.message })) } });
  }
  return parsed.data;
}

/** tus hooks answer errors as { status_code, body }: our structured error body, JSON-encoded. */
function tusError(e: unknown, log?: { error(o: object, m: string): void }): { status_code: number; body: string } {
  if (!(e instanceof AppError)) log?.error({ err: e }, 'evidence upload failed');
  const err = e instanceof AppError ? e : new AppError('INTERNAL');
  return { status_code: err.status, body: JSON.stringify({ error: { code: err.code, message: err.message, messageZh: err.messageZh, details: err.details } }) };
}

/**
 * Evidence intake: a plain multipart upload (phone browsers, small files) and resumable uploads over the tus protocol
 * (several GB, survives broken connections: the client asks the offset and continues). Both stream to disk while
 * hashing and only then record the evidence row, so an acknowledged upload is durable and an interrupted one is
 * never referenced.
 */
export function evidenceRoutes(
  evidence: EvidenceService,
  blobs: BlobStore,
  opts: { dataDir: string; leafHashesOf(kind: string, refs: string[]): Promise<Map<string, string>> },
): FastifyPluginAsyncZod {
  return async (app) => {
    const directory = path.join(opts.dataDir, 'uploads');
    await fs.mkdir(directory, { recursive: true });
    const datastore = new HashingFileStore({ directory });
    const actorOfTus = (req: unknown) => ((req as { runtime?: { node?: { req?: RawWithActor } } }).runtime?.node?.req ?? null);
    /** A complete upload becomes evidence: the file moves into the blob store (hashed while written) and is recorded. */
    async function finishUpload(actor: Actor, requestId: string | undefined, upload: { id: string; size?: number | undefined; metadata?: Record<string, string | null> | undefined }) {
      const m = parseMeta(upload.metadata?.meta);
      const digest = datastore.takeDigest(upload.id, upload.size ?? -1);
      const stored = await blobs.putFile(path.join(directory, upload.id), digest ? { sha256Hex: digest } : undefined);
      await fs.rm(path.join(directory, `${upload.id}.json`), { force: true });
      const rec = await evidence.record(
        actor,
        m,
        { blobId: stored.id, size: stored.size, fileName: upload.metadata?.filename ?? 'upload', mediaType: upload.metadata?.filetype ?? 'application/octet-stream' },
        { requestId },
      );
      return { 'Zhifa-Evidence-Id': rec.id, 'Zhifa-Blob-Id': rec.blobId };
    }

    const tus = new TusServer({
      path: UPLOADS_PATH,
      datastore,
      relativeLocation: true,
      maxSize: 20 * 1024 ** 3,
      respectForwardedHeaders: true,
      async onIncomingRequest(req, uploadId) {
        const raw = actorOfTus(req);
        const actor = raw?.zhifaActor;
        if (!actor) throw tusError(new AppError('UNAUTHENTICATED'));
        if (req.method !== 'POST' && uploadId) {
          // Only the uploader may continue or inspect an upload.
          const upload = await datastore.getUpload(uploadId).catch(() => null);
          if (!upload || upload.metadata?.uploaderId !== actor.userId) throw tusError(new AppError('NOT_FOUND'));
        }
      },
      async onUploadCreate(req, upload) {
        const actor = actorOfTus(req)!.zhifaActor!;
        try {
          const m = parseMeta(upload.metadata?.meta);
          evidence.check(actor, m, upload.metadata?.filetype ?? 'application/octet-stream');
        } catch (e) {
          throw tusError(e);
        }
        return { metadata: { ...upload.metadata, uploaderId: actor.userId } };
      },
      async onUploadFinish(req, upload) {
        const raw = actorOfTus(req)!;
        try {
          return { headers: await finishUpload(raw.zhifaActor!, raw.zhifaRequestId, upload) };
        } catch (e) {
          throw tusError(e, app.log);
        }
      },
    });

    // tus bodies are raw bytes: leave the stream to tus.
    app.addContentTypeParser('application/offset+octet-stream', (_req, _payload, done) => done(null));
    const handleTus = async (req: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply) => {
      const raw = req.raw as RawWithActor;
      raw.zhifaActor = actorOf(req);
      raw.zhifaRequestId = String(req.id);
      reply.hijack();
      await tus.handle(req.raw, reply.raw);
    };
    app.all('/uploads', { schema: { tags: ['evidence'], summary: 'tus 1.0 resumable upload endpoint (creation): Upload-Metadata needs filename, filetype and meta (JSON evidence metadata)', hide: false } }, handleTus);
    /**
     * PATCH (the bytes of a tus upload) handled natively, the rest of the protocol by @tus/server: its web-stream adapter
     * cost two thirds of the throughput on multi-GB files. Same protocol rules (tus 1.0 core §PATCH): version, content
     * type, the offset must equal the stored one (409 otherwise), no byte past Upload-Length; one writer per upload in
     * this process; bytes received before a broken connection stay, so the client resumes from the server's offset.
     */
    const writing = new Set<string>();
    const tusReply = (reply: import('fastify').FastifyReply, status: number, headers: Record<string, string> = {}, body = '') =>
      reply.code(status).headers({ 'tus-resumable': '1.0.0', 'cache-control': 'no-store', ...headers }).send(body);
    app.patch('/uploads/:id', { schema: { tags: ['evidence'], summary: 'tus 1.0 PATCH: continue an upload at its offset (application/offset+octet-stream)', params: z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/) }) } }, async (req, reply) => {
      const actor = actorOf(req);
      if (req.headers['tus-resumable'] !== '1.0.0') return tusReply(reply, 412, { 'tus-version': '1.0.0' }, 'Unsupported version\n');
      if (req.headers['content-type'] !== 'application/offset+octet-stream') return tusReply(reply, 415, {}, 'Invalid Content-Type\n');
      const id = req.params.id;
      const upload = await datastore.getUpload(id).catch(() => null);
      if (!upload || upload.metadata?.uploaderId !== actor.userId) throw new AppError('NOT_FOUND');
      if (upload.size === undefined) {
        // Deferred length (Upload-Defer-Length) is rare; leave it to the library.
        const raw = req.raw as RawWithActor;
        raw.zhifaActor = actor;
        raw.zhifaRequestId = String(req.id);
        reply.hijack();
        return tus.handle(req.raw, reply.raw);
      }
      const offset = Number(req.headers['upload-offset']);
      if (!Number.isSafeInteger(offset) || offset !== upload.offset) return tusReply(reply, 409, { 'upload-offset': String(upload.offset) }, 'Upload-Offset conflict\n');
      const remaining = upload.size - offset;
      const declared = req.headers['content-length'] === undefined ? null : Number(req.headers['content-length']);
      if (declared !== null && declared > remaining) return tusReply(reply, 413, {}, 'Upload length exceeded\n');
      if (writing.has(id)) return tusReply(reply, 423, {}, 'Upload is being written by another request\n');
      writing.add(id);
      let end: number;
      try {
        end = await datastore.write(req.raw, id, offset, remaining);
      } finally {
        // Whatever reached the disk stays, also after an error: the client asks HEAD for the offset and resumes.
        writing.delete(id);
      }
      const headers: Record<string, string> = { 'upload-offset': String(end) };
      if (end === upload.size) Object.assign(headers, await finishUpload(actor, String(req.id), upload));
      return tusReply(reply, 204, headers);
    });
    app.all('/uploads/*', { schema: { tags: ['evidence'], summary: 'tus 1.0 resumable upload (HEAD for the offset, PATCH to continue)', hide: false } }, handleTus);

    app.post(
      '/evidence',
      {
        schema: {
          tags: ['evidence'],
          summary: 'Upload evidence in one request: multipart with a "meta" field (JSON) before the "file" part; streamed to storage',
          consumes: ['multipart/form-data'],
          response: { 201: Recorded, ...stdErrors },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        let m: ReturnType<typeof parseMeta> | null = null;
        for await (const part of req.parts({ limits: { fileSize: 20 * 1024 ** 3, files: 1 } })) {
          if (part.type === 'field' && part.fieldname === 'meta') m = parseMeta(String(part.value));
          else if (part.type === 'file') {
            if (!m) throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['meta'], message: 'send the meta field before the file' }] } });
            evidence.check(actor, m, part.mimetype);
            const stored = await blobs.putStream(part.file);
            if (part.file.truncated) throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['file'], message: 'file too large' }] } });
            const rec = await evidence.record(actor, m, { blobId: stored.id, size: stored.size, fileName: part.filename, mediaType: part.mimetype }, meta(req));
            return reply.status(201).send(rec);
          }
        }
        throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['file'], message: 'missing file' }] } });
      },
    );
    app.get(
      '/evidence',
      {
        schema: {
          tags: ['evidence'],
          summary: 'Evidence in my scope, newest first, each with its leaf in the tamper-evident log',
          querystring: z.object({ caseRef: z.string().optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
          response: {
            200: z.array(
              EvidenceOut.extend({
                leafHash: z.string().nullable().describe('the evidence record\'s leaf in the tamper-evident log (check it at /verify); null until logged'),
                recordingEndedAt: z.string().nullable(),
                withdrawn: z.object({ reason: z.string(), at: z.string() }).nullable().describe('withdrawn with this reason; the file is kept for its retention period'),
              }),
            ),
            ...stdErrors,
          },
        },
      },
      async (req) => {
        const rows = await evidence.list(actorOf(req), req.query);
        const ids = rows.map((r) => r.id);
        const [leaves, states] = await Promise.all([opts.leafHashesOf('evidence', ids), evidence.stateOf(ids)]);
        return rows.map((r) => ({ ...r, leafHash: leaves.get(r.id) ?? null, ...states.get(r.id)! }));
      },
    );
    app.get(
      '/evidence/:id',
      { schema: { tags: ['evidence'], summary: 'Evidence metadata (the view is logged)', params: IdParams, querystring: Reason.partial(), response: { 200: EvidenceOut, ...stdErrors } } },
      async (req) => evidence.get(actorOf(req), req.params.id, req.query.reason ?? '查看证据信息', req.ip),
    );
    app.get(
      '/evidence/:id/content',
      { schema: { tags: ['evidence'], summary: 'Download the evidence file; a reason is required and logged', params: IdParams, querystring: Reason, response: { 200: z.any(), 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse } } },
      async (req, reply) => {
        const { row, stream } = await evidence.open(actorOf(req), req.params.id, req.query.reason, req.ip);
        return reply
          .header('content-type', row.mediaType)
          .header('content-length', row.size)
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.fileName)}`)
          .header('x-content-sha256', row.blobId.slice(7))
          .send(stream);
      },
    );
    app.post(
      '/evidence/:id/withdraw',
      { schema: { tags: ['evidence'], summary: 'Withdraw a mistaken upload with a reason (the record and its file are kept; REC6)', params: IdParams, body: Reason, response: { 200: z.array(EventOut), ...stdErrors } } },
      async (req) => evidence.withdraw(actorOf(req), req.params.id, req.body.reason, meta(req)),
    );
    app.get(
      '/evidence/:id/events',
      { schema: { tags: ['evidence'], summary: 'Recording span and withdrawal of an evidence item (append-only)', params: IdParams, response: { 200: z.array(EventOut), ...stdErrors } } },
      async (req) => evidence.eventsOf(actorOf(req), req.params.id),
    );
    app.get(
      '/evidence/:id/access-log',
      { schema: { tags: ['evidence'], summary: 'Who viewed or downloaded this evidence, when and why', params: IdParams, response: { 200: z.array(z.object({ id: z.number(), userId: z.string(), role: z.string(), action: z.string(), reason: z.string(), ip: z.string().nullable(), at: z.string() })), ...stdErrors } } },
      async (req) => evidence.accessLog(actorOf(req), req.params.id),
    );
  };
}
