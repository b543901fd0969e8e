import { AppError } from '@zhifa/domain';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { AuditService } from '../audit/index.ts';
import type { BlobStore } from '../blobs/index.ts';
import { assembleCaseFile, DOCUMENT_KINDS, isDocumentKind, renderDocx, renderPdfDetailed, type SealService } from '../documents/index.ts';
import { requirePermission, type Actor } from '../identity/index.ts';
import type { CaseDocumentService, DocumentSnapshot } from './case-documents.service.ts';
import { caseDocumentFileRecords, caseDocumentFiles, caseDocuments } from './cases.schema.ts';
import { documentDataOf } from './document-data.ts';

export type DocumentFormat = 'pdf' | 'docx';
type DocRow = typeof caseDocuments.$inferSelect;

/**
 * The files of issued documents. A document is rendered from its frozen snapshot the first time it is asked for,
 * sealed with the agency's key when its kind carries the seal, stored content-addressed, and from then on always
 * served as the same bytes (the digital signature has a time, so re-rendering would give another file).
 */
export function createCaseFileService({
  db,
  audit,
  blobs,
  seal,
  documents,
  getCase,
}: {
  db: Db;
  /** Each new file's content hash is a leaf of the tamper-evident log (case_document_file_records). */
  audit: Pick<AuditService, 'appendRecords'>;
  blobs: BlobStore;
  seal: SealService;
  documents: CaseDocumentService;
  /** The case as the actor may see it (scope check; NOT_FOUND otherwise). */
  getCase: (actor: Actor, id: string) => Promise<{ id: string; caseNo: string | null; agencyId: string; agencyName: string; party: Record<string, unknown>; facts: Record<string, unknown> }>;
}) {
  async function fileOf(doc: DocRow, format: DocumentFormat): Promise<{ data: Buffer; sha256: string; renderMs: number }> {
    const [have] = await db.select().from(caseDocumentFiles).where(and(eq(caseDocumentFiles.documentId, doc.id), eq(caseDocumentFiles.format, format)));
    if (have) return { data: await blobs.get(have.sha256), sha256: have.sha256, renderMs: have.renderMs };
    const snapshot = doc.data as unknown as DocumentSnapshot;
    if (!isDocumentKind(doc.kind)) throw new AppError('NOT_FOUND');
    const t0 = performance.now();
    const data = documentDataOf(snapshot);
    let bytes: Buffer;
    if (format === 'pdf') {
      const r = await renderPdfDetailed(data);
      bytes = DOCUMENT_KINDS[doc.kind].sealed
        ? await seal.sealPdf(r.pdf, { id: snapshot.agency.id, name: snapshot.agency.name, regionName: snapshot.agency.regionName, ...(snapshot.agency.phone ? { phone: snapshot.agency.phone } : {}) }, { ...(r.sealPlacement ? { widget: r.sealPlacement } : {}) })
        : r.pdf;
    } else {
      bytes = await renderDocx(data);
    }
    const renderMs = Math.round(performance.now() - t0);
    const put = await blobs.put(bytes);
    // Two first requests at once both render; the first row wins and both answer with its file. The winner logs the
    // file's content hash in the same transaction, so every stored document file is a leaf the verifier checks
    // against the blob store (issue #8; 118号 §三(九)).
    await db.transaction(async (tx) => {
      const [won] = await tx.insert(caseDocumentFiles).values({ documentId: doc.id, format, sha256: put.id, sizeBytes: put.size, renderMs }).onConflictDoNothing().returning();
      if (!won) return;
      const recorded = await tx.insert(caseDocumentFileRecords).values({ documentId: doc.id, documentNumber: doc.number, kind: doc.kind, format, blobId: put.id, sizeBytes: put.size }).returning();
      await audit.appendRecords(tx, 'document_file', recorded);
    });
    const [row] = await db.select().from(caseDocumentFiles).where(and(eq(caseDocumentFiles.documentId, doc.id), eq(caseDocumentFiles.format, format)));
    return row!.sha256 === put.id ? { data: bytes, sha256: put.id, renderMs } : { data: await blobs.get(row!.sha256), sha256: row!.sha256, renderMs: row!.renderMs };
  }

  const filename = (doc: DocRow, format: DocumentFormat) => `${(doc.number ?? DOCUMENT_KINDS[doc.kind as keyof typeof DOCUMENT_KINDS]?.titleZh ?? doc.kind).replace(/[\\/:*?"<>|]/g, '_')}.${format}`;

  return {
    fileOf,

    /**
     * A document by its 文号 for the public "verify this record" page: its kind and issue time, and each rendered file's
     * logged record (content address, size, time), so anyone holding the file can prove it is the one on record.
     * Nothing personal: the document's content stays out.
     */
    async fileRecordsByNumber(number: string) {
      const [doc] = await db.select({ id: caseDocuments.id, kind: caseDocuments.kind, number: caseDocuments.number, issuedAt: caseDocuments.issuedAt }).from(caseDocuments).where(eq(caseDocuments.number, number));
      if (!doc) throw new AppError('NOT_FOUND');
      const files = await db.select().from(caseDocumentFileRecords).where(eq(caseDocumentFileRecords.documentId, doc.id)).orderBy(asc(caseDocumentFileRecords.id));
      return { document: doc, files };
    },

    async documentFile(actor: Actor, caseId: string, documentId: string, format: DocumentFormat) {
      requirePermission(actor, 'case.read');
      await getCase(actor, caseId);
      const doc = await documents.getFor(db, caseId, documentId);
      const f = await fileOf(doc, format);
      return { ...f, filename: filename(doc, format), contentType: format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' };
    },

    /** 案卷: every issued document in its volume (正卷 / 副卷, SAMR 程序规定 Art.78), in issue order, as one PDF. */
    async caseFilePdf(actor: Actor, caseId: string) {
      requirePermission(actor, 'case.read');
      const c = await getCase(actor, caseId);
      const docs = (await documents.listFor(db, caseId)).filter((d) => isDocumentKind(d.kind));
      if (docs.length === 0) throw new AppError('NOT_FOUND', { message: 'The case has no documents yet.', messageZh: '该案件尚未形成执法文书。' });
      const volumes: { name: '正卷' | '副卷'; parts: { title: string; pdf: Buffer; date: string; number?: string }[] }[] = [
        { name: '正卷', parts: [] },
        { name: '副卷', parts: [] },
      ];
      for (const d of docs) {
        const spec = DOCUMENT_KINDS[d.kind as keyof typeof DOCUMENT_KINDS];
        const f = await fileOf(d, 'pdf');
        volumes.find((v) => v.name === spec.volume)!.parts.push({ title: spec.titleZh, pdf: f.data, date: (d.data as unknown as DocumentSnapshot).date, ...(d.number ? { number: d.number } : {}) });
      }
      const facts = c.facts as { filedOn?: string | null; closingTriggerOn?: string | null };
      const pdf = await assembleCaseFile({
        title: `${String(c.party['name'] ?? '')}案`,
        caseNo: c.caseNo ?? '',
        agency: { id: c.agencyId, name: c.agencyName },
        party: String(c.party['name'] ?? ''),
        volumes: volumes.filter((v) => v.parts.length > 0),
        dates: { ...(facts.filedOn ? { filedOn: facts.filedOn } : {}), ...(facts.closingTriggerOn ? { closedOn: facts.closingTriggerOn } : {}) },
        retention: '30年',
      });
      return { data: pdf, filename: `${(c.caseNo ?? c.id).replace(/[\\/:*?"<>|]/g, '_')}-案卷.pdf` };
    },
  };
}
export type CaseFileService = ReturnType<typeof createCaseFileService>;
