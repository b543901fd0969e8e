import { AppError } from '@zhifa/domain';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { registryTables } from '../registry/index.ts';
import { caseDocuments, numberingSettings, type CaseContent, type CaseParty, type StoredCaseFacts } from './cases.schema.ts';
import type { AuditService } from '../audit/index.ts';
import type { NumberingService } from './numbering.service.ts';
import { assertRenderable } from '../documents/index.ts';
import { documentDataOf, type DocumentSnapshot } from './document-data.ts';
export type { DocumentSnapshot } from './document-data.ts';

const { subjects, regions, items, officers, certificates } = registryTables;

/**
 * The kinds of document a penalty case issues, with their 文号 business character (null = not numbered) and the
 * sequence they share. Decisions (罚) and notices (告) are numbered per agency and year (domain-rules DOC4).
 */
export const CASE_DOCUMENT_NUMBERING: Record<string, { business: string; sequenceKey: string } | null> = {
  filing_approval: null,
  onsite_inspection_record: null,
  inquiry_record: null,
  investigation_end_report: null,
  legal_review_opinion: null,
  penalty_notice: { business: '罚告', sequenceKey: 'penalty_notice' },
  hearing_notice: { business: '听告', sequenceKey: 'hearing_notice' },
  hearing_record: null,
  penalty_decision: { business: '罚', sequenceKey: 'penalty_decision' },
  no_penalty_decision: { business: '不罚', sequenceKey: 'no_penalty_decision' },
  service_receipt: null,
  closing_approval: null,
};
export type CaseDocumentKind = keyof typeof CASE_DOCUMENT_NUMBERING;

const TITLES: Record<string, { zh: string; en: string }> = {
  filing_approval: { zh: '立案审批表', en: 'Case filing approval form' },
  onsite_inspection_record: { zh: '现场检查笔录', en: 'On-site inspection record' },
  inquiry_record: { zh: '询问笔录', en: 'Inquiry record' },
  investigation_end_report: { zh: '案件调查终结报告', en: 'Investigation-end report' },
  legal_review_opinion: { zh: '法制审核意见书', en: 'Legal review opinion' },
  penalty_notice: { zh: '行政处罚告知书', en: 'Notice of intended penalty' },
  hearing_notice: { zh: '行政处罚听证告知书', en: 'Notice of the right to a hearing' },
  hearing_record: { zh: '听证笔录', en: 'Hearing record' },
  penalty_decision: { zh: '行政处罚决定书', en: 'Administrative penalty decision' },
  no_penalty_decision: { zh: '不予行政处罚决定书', en: 'Decision not to impose a penalty' },
  service_receipt: { zh: '送达回证', en: 'Proof of service' },
  closing_approval: { zh: '结案审批表', en: 'Case closing approval form' },
};
export function documentTitle(kind: string): { zh: string; en: string } {
  return TITLES[kind] ?? { zh: kind, en: kind };
}

export interface IssueInput {
  kind: CaseDocumentKind;
  date: string;
  caseRow: { id: string; caseNo: string | null; agencyId: string; itemId: string; party: CaseParty; facts: StoredCaseFacts; content: CaseContent };
  issuedBy: string;
  eventSeq: number | null;
  /** Issue time; documents issued in one step get increasing times so their order is stable. */
  at: Date;
  extra?: Record<string, unknown>;
}

export function createCaseDocumentService({ numbering, audit }: { numbering: NumberingService; audit: Pick<AuditService, 'appendRecords'> }) {
  async function snapshotOf(tx: Db, input: IssueInput, number: string | null): Promise<DocumentSnapshot> {
    const c = input.caseRow;
    const [agency] = await tx.select().from(subjects).where(eq(subjects.id, c.agencyId));
    if (!agency) throw new AppError('NOT_FOUND');
    const [[region], [item], [settings]] = await Promise.all([
      tx.select({ name: regions.name }).from(regions).where(eq(regions.code, agency.regionCode)),
      tx.select().from(items).where(eq(items.id, c.itemId)),
      tx.select().from(numberingSettings).where(eq(numberingSettings.agencyId, c.agencyId)),
    ]);
    const people = [...c.facts.officerIds, ...(c.facts.reviewerId ? [c.facts.reviewerId] : [])];
    const [os, cs] = people.length
      ? await Promise.all([
          tx.select({ id: officers.id, name: officers.name }).from(officers).where(inArray(officers.id, people)),
          tx.select({ officerId: certificates.officerId, number: certificates.number, status: certificates.status }).from(certificates).where(inArray(certificates.officerId, people)).orderBy(asc(certificates.issuedOn)),
        ])
      : [[], []];
    const person = (id: string) => {
      const o = os.find((x) => x.id === id);
      const cert = cs.filter((x) => x.officerId === id && x.status === 'active').at(-1) ?? cs.filter((x) => x.officerId === id).at(-1);
      return { name: o?.name ?? '', certificateNo: cert?.number ?? null };
    };
    const regionName = region?.name ?? '';
    const f = c.facts;
    return {
      kind: input.kind,
      number,
      date: input.date,
      agency: {
        id: agency.id,
        name: agency.name,
        regionName,
        address: agency.address,
        phone: agency.phone,
        // 行政复议法 (2023) Art.24: a department's act is reviewed by the people's government at its level.
        reconsiderationBody: settings?.reconsiderationBody ?? `${regionName}人民政府`,
        court: settings?.court ?? '有管辖权的人民法院',
        payment: { bank: settings?.paymentBank ?? null, accountName: settings?.paymentAccountName ?? null, account: settings?.paymentAccount ?? null },
      },
      caseNo: c.caseNo,
      item: { code: item?.code ?? '', name: item?.name ?? '', legalBasis: (item?.legalBasis ?? []).map((b) => ({ law: b.law, article: b.article, text: b.text })) },
      party: c.party,
      officers: f.officerIds.map(person),
      reviewer: f.reviewerId ? person(f.reviewerId) : null,
      facts: {
        violation: f.violation,
        discoveredOn: f.discoveredOn,
        filedOn: f.filedOn,
        proposed: f.proposed,
        notified: f.notified,
        discretion: f.discretion,
        decisionKind: f.decisionKind,
        noticeServedOn: f.noticeServedOn,
        hearingRequestedOn: f.hearingRequestedOn,
        hearingHeldOn: f.hearingHeldOn,
        decidedOn: f.decidedOn,
        decisionServedOn: f.decisionServedOn,
        paymentCompletedOn: f.paymentCompletedOn,
        statementWaiverSignedOn: f.statementWaiverSignedOn,
        collectiveDiscussionOn: f.collectiveDiscussionOn,
        reviewPassedOn: f.reviewPassedOn,
      },
      content: c.content,
      extra: input.extra ?? {},
    };
  }

  return {
    /** Issue a document inside the step's transaction: its number (if any) and its frozen content. */
    async issue(tx: Db, input: IssueInput) {
      const n = CASE_DOCUMENT_NUMBERING[input.kind];
      const allocated = n ? await numbering.allocate(tx, input.caseRow.agencyId, n.sequenceKey, n.business, Number(input.date.slice(0, 4))) : null;
      const data = await snapshotOf(tx, input, allocated?.number ?? null);
      // A document that would lack mandatory content (行政处罚法 Art.59 for a decision) refuses the step itself, and
      // the transaction takes the number back: no decision exists on paper that the law would not recognise.
      assertRenderable(documentDataOf(data));
      const [row] = await tx
        .insert(caseDocuments)
        .values({
          id: crypto.randomUUID(),
          caseId: input.caseRow.id,
          kind: input.kind,
          number: allocated?.number ?? null,
          sequenceKey: allocated?.sequenceKey ?? null,
          year: allocated?.year ?? null,
          seq: allocated?.seq ?? null,
          data: data as unknown as Record<string, unknown>,
          issuedBy: input.issuedBy,
          eventSeq: input.eventSeq,
          issuedAt: input.at,
        })
        .returning();
      // The frozen content is a leaf of the tamper-evident log: a document cannot be rewritten after it was issued.
      await audit.appendRecords(tx, 'case_document', [row!]);
      return row!;
    },

    async listFor(tx: Db, caseId: string) {
      return tx.select().from(caseDocuments).where(eq(caseDocuments.caseId, caseId)).orderBy(asc(caseDocuments.eventSeq), asc(caseDocuments.issuedAt), asc(caseDocuments.id));
    },

    async getFor(tx: Db, caseId: string, documentId: string) {
      const [d] = await tx.select().from(caseDocuments).where(and(eq(caseDocuments.caseId, caseId), eq(caseDocuments.id, documentId)));
      if (!d) throw new AppError('NOT_FOUND');
      return d;
    },
  };
}
export type CaseDocumentService = ReturnType<typeof createCaseDocumentService>;
