import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { AppError } from '@zhifa/domain';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { chinaDate, type Clock } from '../../lib/clock.ts';
import type { AuditService } from '../audit/index.ts';
import { isInScope, requirePermission, type Actor } from '../identity/index.ts';
import { registryTables } from '../registry/index.ts';
import type { CaseFileService } from './case-files.service.ts';
import { documentTitle, type CaseDocumentService } from './case-documents.service.ts';
import { caseEServices, caseEvents, cases, type CaseContent } from './cases.schema.ts';

/**
 * 电子送达 through the party page (行政处罚法 Art.61 para 2: "当事人同意并签订确认书的，行政机关可以采用传真、电子邮件等方式，
 * 将行政处罚决定书等送达当事人"). The party's written consent is recorded first; then the officer issues a link and a code
 * (shown once; only their SHA-256 is stored). On the public page the party enters the code and sees and downloads the
 * served documents; the first opening is the service date and is recorded as a case event. A wrong token, a wrong
 * code, an expired or a locked link all answer the same 404, so the page reveals nothing about a case.
 */
export const E_SERVICE_MAX_FAILED_ATTEMPTS = 5;
export const E_SERVICE_VALID_DAYS = 30;
// No 0/O, 1/I/L: a code read out or typed on a phone.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** The opening is the party's act, not a user's: its case event carries this actor id and the role 'party'. */
export const PARTY_ACTOR_ID = '00000000-0000-0000-0000-000000000000';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));

export interface EServiceConsent {
  /** Day the party signed the confirmation (送达地址确认书 / 电子送达确认书). */
  consentedOn: string;
  /** Reference of the signed confirmation in the file. */
  confirmationRef: string;
  recordedBy: string;
}

type Content = CaseContent & { eServiceConsent?: EServiceConsent };

const notFound = () => new AppError('NOT_FOUND', { message: 'The link or the code is not valid. Ask the agency for a new one.', messageZh: '链接或者查阅码无效，请联系执法机关重新获取。' });

export function createEServiceService({ db, audit, clock, documents, files }: { db: Db; audit: AuditService; clock: Clock; documents: CaseDocumentService; files: CaseFileService }) {
  async function scopedCase(actor: Actor, id: string, tx: Db = db) {
    const [r] = await tx.select().from(cases).where(and(eq(cases.id, id), eq(cases.procedure, 'ordinary')));
    if (!r || !isInScope(actor, { regionPath: r.regionPath, agencyId: r.agencyId })) throw new AppError('NOT_FOUND');
    return r;
  }

  /** A case event that bumps the version (the cases invariant: every event is a version). */
  async function caseEvent(tx: Db, caseId: string, action: string, actor: { id: string; role: string }, payload: Record<string, unknown>, content?: Content) {
    const now = clock.now();
    const [u] = await tx
      .update(cases)
      .set({ version: sql`${cases.version} + 1`, updatedAt: now, ...(content ? { content } : {}) })
      .where(eq(cases.id, caseId))
      .returning({ version: cases.version, status: cases.status });
    await audit.appendRecords(tx, 'case_event', await tx.insert(caseEvents).values({ caseId, seq: u!.version, action, fromStatus: u!.status, toStatus: u!.status, actorId: actor.id, actorRole: actor.role, payload, occurredAt: now }).returning());
  }

  async function verify(tx: Db, token: string, code: string) {
    const [row] = await tx.select().from(caseEServices).where(eq(caseEServices.tokenHash, sha256(token))).for('update');
    const now = clock.now();
    if (!row || row.lockedAt || row.expiresAt < now) {
      sha256(code);
      throw notFound();
    }
    if (!sameHash(sha256(`${row.id}:${code.trim().toUpperCase()}`), row.codeHash)) {
      const failed = row.failedAttempts + 1;
      await tx
        .update(caseEServices)
        .set({ failedAttempts: failed, ...(failed >= E_SERVICE_MAX_FAILED_ATTEMPTS ? { lockedAt: now } : {}) })
        .where(eq(caseEServices.id, row.id));
      return { row, ok: false as const };
    }
    return { row, ok: true as const };
  }

  return {
    /** Record the party's written consent to electronic service (Art.61 para 2). */
    async recordConsent(actor: Actor, caseId: string, input: { consentedOn: string; confirmationRef: string }, meta: { requestId?: string }) {
      requirePermission(actor, 'case.handle');
      await db.transaction(async (tx) => {
        const r = await scopedCase(actor, caseId, tx);
        if (input.consentedOn > chinaDate(clock.now())) {
          throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['consentedOn'], message: 'the consent cannot be dated in the future', messageZh: '确认书签署日期不能晚于今天' }] } });
        }
        const consent: EServiceConsent = { consentedOn: input.consentedOn, confirmationRef: input.confirmationRef, recordedBy: actor.userId };
        await caseEvent(tx, caseId, 'record_e_service_consent', { id: actor.userId, role: actor.role }, { ...consent }, { ...(r.content as Content), eServiceConsent: consent });
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'case', entityId: caseId, action: 'record_e_service_consent', after: { ...consent }, regionPath: r.regionPath, agencyId: r.agencyId });
      });
    },

    /** Issue a link and a code for documents of the case; refused without the written consent. */
    async issue(actor: Actor, caseId: string, input: { documentIds?: string[] | undefined }, meta: { requestId?: string }) {
      requirePermission(actor, 'case.handle');
      return db.transaction(async (tx) => {
        const r = await scopedCase(actor, caseId, tx);
        const consent = (r.content as Content).eServiceConsent;
        if (!consent) {
          throw new AppError('RULE_VIOLATION', {
            message: 'Electronic service needs the party’s written consent: record the signed confirmation first.',
            messageZh: '电子送达须经当事人同意并签订确认书，请先登记确认书。',
            details: { citation: '行政处罚法 Art.61 para 2', guard: 'eServiceConsentRecorded' },
          });
        }
        const docs = await documents.listFor(tx, caseId);
        const chosen = input.documentIds?.length ? docs.filter((d) => input.documentIds!.includes(d.id)) : docs.filter((d) => d.kind === 'penalty_decision' || d.kind === 'no_penalty_decision').slice(-1);
        if (chosen.length === 0 || (input.documentIds && chosen.length !== new Set(input.documentIds).size)) {
          throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['documentIds'], message: 'no such document of this case to serve', messageZh: '没有可送达的本案文书' }] } });
        }
        const id = crypto.randomUUID();
        const token = randomBytes(32).toString('base64url');
        const code = Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
        const now = clock.now();
        const expiresAt = new Date(now.getTime() + E_SERVICE_VALID_DAYS * 86_400_000);
        await tx.insert(caseEServices).values({ id, caseId, agencyId: r.agencyId, regionPath: r.regionPath, tokenHash: sha256(token), codeHash: sha256(`${id}:${code}`), documentIds: chosen.map((d) => d.id), issuedBy: actor.userId, issuedAt: now, expiresAt });
        await caseEvent(tx, caseId, 'issue_e_service', { id: actor.userId, role: actor.role }, { eServiceId: id, documentIds: chosen.map((d) => d.id), expiresAt: expiresAt.toISOString() });
        // The token and code never reach the log: only that a link was issued, for which documents.
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'case', entityId: caseId, action: 'issue_e_service', after: { eServiceId: id, documentIds: chosen.map((d) => d.id) }, regionPath: r.regionPath, agencyId: r.agencyId });
        return { id, path: `/service/${token}`, code, expiresAt: expiresAt.toISOString(), documents: chosen.map((d) => ({ id: d.id, kind: d.kind, titleZh: documentTitle(d.kind).zh, number: d.number })) };
      });
    },

    async list(actor: Actor, caseId: string) {
      requirePermission(actor, 'case.read');
      const r = await scopedCase(actor, caseId);
      const rows = await db.select().from(caseEServices).where(eq(caseEServices.caseId, caseId)).orderBy(desc(caseEServices.issuedAt));
      return {
        consent: (r.content as Content).eServiceConsent ?? null,
        links: rows.map((x) => ({
          id: x.id,
          documentIds: x.documentIds,
          issuedAt: x.issuedAt.toISOString(),
          expiresAt: x.expiresAt.toISOString(),
          openedOn: x.openedAt ? chinaDate(x.openedAt) : null,
          failedAttempts: x.failedAttempts,
          isLocked: !!x.lockedAt,
        })),
      };
    },

    /** The party opens the page with the code: the first opening is the service (its date is the service date). */
    async open(token: string, code: string, meta: { requestId?: string }) {
      const result = await db.transaction(async (tx) => {
        const v = await verify(tx, token, code);
        if (!v.ok) return null;
        const row = v.row;
        const now = clock.now();
        if (!row.openedAt) {
          await tx.update(caseEServices).set({ openedAt: now }).where(eq(caseEServices.id, row.id));
          const openedOn = chinaDate(now);
          await caseEvent(tx, row.caseId, 'e_service_opened', { id: PARTY_ACTOR_ID, role: 'party' }, { eServiceId: row.id, documentIds: row.documentIds, openedOn });
          await audit.recordChange(tx, { actor: null, requestId: meta.requestId, entityType: 'case', entityId: row.caseId, action: 'e_service_opened', after: { eServiceId: row.id, openedOn }, regionPath: row.regionPath, agencyId: row.agencyId });
        }
        const docs = (await documents.listFor(tx, row.caseId)).filter((d) => row.documentIds.includes(d.id));
        const [agency] = await tx.select({ name: registryTables.subjects.name }).from(registryTables.subjects).where(eq(registryTables.subjects.id, row.agencyId));
        return {
          agencyName: agency?.name ?? '',
          servedOn: chinaDate(row.openedAt ?? now),
          documents: docs.map((d) => ({ id: d.id, titleZh: documentTitle(d.kind).zh, titleEn: documentTitle(d.kind).en, number: d.number })),
        };
      });
      // The failed attempt is committed before the refusal is answered (a throw inside would roll the count back).
      if (!result) throw notFound();
      return result;
    },

    /** A served document's PDF, for the party holding the link and the code. */
    async documentPdf(token: string, code: string, documentId: string) {
      const v = await db.transaction((tx) => verify(tx, token, code));
      if (!v.ok || !v.row.openedAt || !v.row.documentIds.includes(documentId)) throw notFound();
      const doc = await documents.getFor(db, v.row.caseId, documentId);
      const f = await files.fileOf(doc, 'pdf');
      return { data: f.data, sha256: f.sha256, filename: `${(doc.number ?? documentTitle(doc.kind).zh).replace(/[\\/:*?"<>|]/g, '_')}.pdf` };
    },
  };
}
export type EServiceService = ReturnType<typeof createEServiceService>;
