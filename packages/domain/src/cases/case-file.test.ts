import { describe, expect, it } from 'vitest';
import {
  CASE_FILE_DOC_KINDS,
  CASE_FILE_DOCUMENT_KINDS,
  caseFileCompleteness,
  caseFilePathOf,
  CHRONOLOGICAL_CASE_FILE_ORDER,
  orderCaseFile,
  SAMR_CASE_FILE_ORDER,
  type CaseFileDoc,
  type CaseFileDocKind,
  type CaseFilePathFacts,
} from './case-file.ts';
import { makeCase } from './test/fixtures.ts';

const doc = (id: string, kind: CaseFileDocKind, date: string, over: Partial<CaseFileDoc> = {}): CaseFileDoc => ({ id, kind, date, ...over });

/** A fined, paid and closed case's documents, deliberately out of order. */
const paidCaseDocs = (): CaseFileDoc[] => [
  doc('pay', 'payment_proof', '2026-05-10'),
  doc('rpd', 'service_receipt', '2026-05-02', { servesDocumentId: 'pd' }),
  doc('cl', 'closing_approval', '2026-05-20'),
  doc('q1', 'inquiry_record', '2026-03-10'),
  doc('pd', 'penalty_decision', '2026-05-01'),
  doc('st', 'statement_record', '2026-04-18'),
  doc('rpn', 'service_receipt', '2026-04-16', { servesDocumentId: 'pn' }),
  doc('e1', 'evidence', '2026-03-08'),
  doc('pn', 'penalty_notice', '2026-04-15'),
  doc('lro', 'legal_review_opinion', '2026-04-10'),
  doc('r1', 'investigation_end_report', '2026-04-01'),
  doc('os1', 'onsite_inspection_record', '2026-03-06'),
  doc('f1', 'filing_approval', '2026-03-05'),
  doc('c1', 'case_source', '2026-03-01'),
  doc('cd', 'collective_discussion_record', '2026-04-25'),
];
const framing = (): CaseFileDoc[] => [
  doc('ref', 'reference_sheet', '2026-05-21'),
  doc('cov', 'cover', '2026-05-21'),
  doc('toc', 'table_of_contents', '2026-05-21'),
  doc('cov2', 'cover', '2026-05-21', { volume: 'secondary' }),
];
const ids = (placed: { doc: CaseFileDoc }[]) => placed.map((p) => p.doc.id);

describe('case-file orders as data', () => {
  for (const order of [SAMR_CASE_FILE_ORDER, CHRONOLOGICAL_CASE_FILE_ORDER]) {
    it(`${order.code}: every document kind has exactly one place`, () => {
      const kinds = [...order.main, ...order.secondary].flatMap((s) => s.kinds).filter((k) => !['cover', 'table_of_contents', 'reference_sheet'].includes(k));
      expect([...kinds].sort()).toEqual(CASE_FILE_DOC_KINDS.filter((k) => !CASE_FILE_DOCUMENT_KINDS[k].isGenerated).sort());
      for (const v of [order.main, order.secondary]) {
        expect(v[0]!.kinds).toEqual(['cover']);
        expect(v[1]!.kinds).toEqual(['table_of_contents']);
        expect(v.at(-1)!.kinds).toEqual(['reference_sheet']);
      }
    });
  }
});

describe('orderCaseFile', () => {
  it('SAMR Art.78: decision with its receipt after the filing form; internal record in the secondary volume', () => {
    const docs = [...paidCaseDocs(), ...framing(), doc('rx', 'service_receipt', '2026-04-20', { servesDocumentId: 'gone' })];
    const file = orderCaseFile(docs);
    expect(file.order).toBe('samr');
    expect(ids(file.main)).toEqual(['cov', 'toc', 'f1', 'pd', 'rpd', 'pn', 'rpn', 'rx', 'os1', 'e1', 'q1', 'pay', 'st', 'ref']);
    expect(ids(file.secondary)).toEqual(['cov2', 'c1', 'r1', 'lro', 'cl', 'cd']);
    expect(file.main.map((p) => p.position)).toEqual(file.main.map((_, i) => i + 1));
    expect(file.main.find((p) => p.doc.id === 'rpd')).toMatchObject({ slotKey: 'decision', volume: 'main' });
    expect(file.main.find((p) => p.doc.id === 'rx')).toMatchObject({ slotKey: 'served' });
  });
  it('procedural order: one main volume in the order the case ran, approvals apart', () => {
    const docs = [...paidCaseDocs(), ...framing(), doc('ext', 'case_matter_approval', '2026-04-20')];
    const file = orderCaseFile(docs, CHRONOLOGICAL_CASE_FILE_ORDER);
    expect(ids(file.main)).toEqual(['cov', 'toc', 'c1', 'f1', 'os1', 'e1', 'q1', 'r1', 'lro', 'pn', 'rpn', 'st', 'cd', 'pd', 'rpd', 'pay', 'cl', 'ref']);
    expect(ids(file.secondary)).toEqual(['cov2', 'ext']);
  });
  it('every document lands exactly once', () => {
    const docs = [...paidCaseDocs(), ...framing()];
    for (const order of [SAMR_CASE_FILE_ORDER, CHRONOLOGICAL_CASE_FILE_ORDER]) {
      const f = orderCaseFile(docs, order);
      expect([...ids(f.main), ...ids(f.secondary)].sort()).toEqual(docs.map((d) => d.id).sort());
    }
  });
  it('same date keeps the input order; several receipts follow their document by date', () => {
    const docs = [
      doc('b', 'evidence', '2026-03-01'),
      doc('a', 'evidence', '2026-03-01'),
      doc('r2', 'service_receipt', '2026-04-03', { servesDocumentId: 'pn' }),
      doc('pn', 'penalty_notice', '2026-04-01'),
      doc('r1', 'service_receipt', '2026-04-02', { servesDocumentId: 'pn' }),
    ];
    expect(ids(orderCaseFile(docs).main)).toEqual(['pn', 'r1', 'r2', 'b', 'a']);
  });
});

const facts = (over: Partial<CaseFilePathFacts> = {}): CaseFilePathFacts => ({
  isInvestigationEnded: true,
  isMajor: false,
  isNoticeServed: true,
  isHearingEntitled: false,
  isHearingRequested: false,
  isHearingHeld: false,
  hasStatement: true,
  isCollectiveDiscussionRequired: false,
  hasDiscretionDeviation: false,
  isExtensionApproved: false,
  decisionKind: 'penalty',
  isDecisionServed: true,
  isPaid: true,
  isDeferralApproved: false,
  isCourtEnforcementApplied: false,
  transfer: null,
  isClosed: true,
  ...over,
});
const gaps = (f: CaseFilePathFacts, docs: CaseFileDoc[]) => caseFileCompleteness(f, docs).map((g) => g.key);
const without = (docs: CaseFileDoc[], ...drop: string[]) => docs.filter((d) => !drop.includes(d.id));

describe('caseFileCompleteness', () => {
  it('a fined, paid, closed case with every document is complete', () => {
    expect(caseFileCompleteness(facts(), paidCaseDocs())).toEqual([]);
  });
  it.each([
    ['payment proof', ['pay'], ['payment_proof']],
    ["the decision's proof of service", ['rpd'], ['penalty_decision_service']],
    ['the decision (and so its receipt is orphaned)', ['pd'], ['penalty_decision', 'penalty_decision_service']],
    ['the notice and its receipt', ['pn', 'rpn'], ['penalty_notice', 'penalty_notice_service']],
    ['all evidence', ['q1', 'e1', 'os1'], ['evidence']],
    ['the review opinion', ['lro'], ['case_review_opinion']],
    ['the closing form', ['cl'], ['closing_approval']],
    ['the statement record', ['st'], ['statement_record']],
    ['the filing form and the source', ['f1', 'c1'], ['case_source', 'filing_approval']],
  ])('missing %s', (_what, drop, expected) => {
    expect(gaps(facts(), without(paidCaseDocs(), ...drop))).toEqual(expected);
  });
  it('each gap carries its citation, review criterion and veto flag (CR4, CR6)', () => {
    const all = caseFileCompleteness(facts({ isMajor: true }), []);
    expect(all.every((g) => g.citation.length > 0 && g.zh.length > 0)).toBe(true);
    expect(all.find((g) => g.key === 'legal_review_opinion')).toMatchObject({ citation: '行政处罚法 Art.58; 国办发〔2018〕118号 §四', criterion: 'three_systems', isVeto: true });
    expect(all.find((g) => g.key === 'penalty_decision_service')).toMatchObject({ kinds: ['service_receipt'], criterion: 'service', isVeto: false });
    expect(all.find((g) => g.key === 'evidence')).toMatchObject({ criterion: 'facts_evidence', isVeto: true });
  });
  it('a receipt for another document does not prove service of the decision', () => {
    const docs = [...without(paidCaseDocs(), 'rpd'), doc('rx', 'service_receipt', '2026-05-02', { servesDocumentId: 'pn' })];
    expect(gaps(facts(), docs)).toEqual(['penalty_decision_service']);
  });
  it('a case just filed needs only its source and filing form', () => {
    const f = facts({ isInvestigationEnded: false, isNoticeServed: false, hasStatement: false, decisionKind: null, isDecisionServed: false, isPaid: false, isClosed: false });
    expect(gaps(f, [])).toEqual(['case_source', 'filing_approval']);
  });
  it('a hearing case: hearing notice, request, notification, transcript and report; legal review as a major case', () => {
    const f = facts({ isMajor: true, isHearingEntitled: true, isHearingRequested: true, isHearingHeld: true });
    expect(gaps(f, paidCaseDocs())).toEqual(['hearing_notice', 'hearing_notification', 'hearing_record', 'hearing_report', 'hearing_request']);
    expect(caseFileCompleteness(f, without(paidCaseDocs(), 'lro'))[0]).toMatchObject({ key: 'legal_review_opinion', isVeto: true });
    const complete = [
      ...without(paidCaseDocs(), 'pn', 'rpn'),
      doc('hn', 'hearing_notice', '2026-04-15'),
      doc('rhn', 'service_receipt', '2026-04-16', { servesDocumentId: 'hn' }),
      doc('hq', 'hearing_request', '2026-04-17'),
      doc('hf', 'hearing_notification', '2026-04-18'),
      doc('hr', 'hearing_record', '2026-04-28'),
      doc('hp', 'hearing_report', '2026-04-29'),
    ];
    expect(gaps(f, complete)).toEqual([]);
    expect(caseFileCompleteness(f, complete.filter((d) => d.id !== 'hr'))).toEqual([expect.objectContaining({ key: 'hearing_record', isVeto: true, citation: '行政处罚法 Art.64(8), Art.65' })]);
  });
  it('a no-penalty decision: its decision and receipt, no notice', () => {
    const f = facts({ decisionKind: 'no_penalty', isNoticeServed: false, hasStatement: false, isPaid: false });
    const docs = [...without(paidCaseDocs(), 'pd', 'rpd', 'pn', 'rpn', 'st', 'pay')];
    expect(gaps(f, docs)).toEqual(['no_penalty_decision', 'no_penalty_decision_service']);
    const withDecision = [...docs, doc('npd', 'no_penalty_decision', '2026-05-01'), doc('rnpd', 'service_receipt', '2026-05-02', { servesDocumentId: 'npd' })];
    expect(gaps(f, withDecision)).toEqual([]);
  });
  it('a criminal transfer needs the transfer letter; an administrative one the transfer letter to the agency', () => {
    const base = { decisionKind: null, isNoticeServed: false, hasStatement: false, isDecisionServed: false, isPaid: false } as const;
    const docs = without(paidCaseDocs(), 'pd', 'rpd', 'pn', 'rpn', 'st', 'pay');
    expect(caseFileCompleteness(facts({ ...base, transfer: 'criminal' }), docs)).toEqual([
      expect.objectContaining({ key: 'crime_transfer_letter', isVeto: true, citation: '国务院令第310号 Art.6, Art.8; 行政处罚法 Art.27' }),
    ]);
    expect(gaps(facts({ ...base, transfer: 'administrative' }), docs)).toEqual(['case_transfer_letter']);
  });
  it('collective discussion, discretion deviation and extension records', () => {
    const f = facts({ isCollectiveDiscussionRequired: true, hasDiscretionDeviation: true, isExtensionApproved: true });
    expect(gaps(f, without(paidCaseDocs(), 'cd'))).toEqual(['collective_discussion_record', 'discretion_deviation', 'extension_approval']);
    // The minutes also document the deviation (国办发〔2022〕27号 §五(十二): approval or collective discussion).
    expect(gaps(f, paidCaseDocs())).toEqual(['extension_approval']);
  });
  it('court enforcement and deferral', () => {
    const f = facts({ isPaid: false, isCourtEnforcementApplied: true, isDeferralApproved: true });
    expect(gaps(f, without(paidCaseDocs(), 'pay'))).toEqual(['deferral_approval', 'enforcement_reminder', 'court_enforcement_application']);
  });
});

describe('caseFilePathOf', () => {
  const T = { 'hearing.largeFineIndividual': 10_000, 'hearing.largeFineOrganisation': 100_000 };
  it('a decided, served and paid case', () => {
    const f = caseFilePathOf(makeCase({ status: 'closed', decidedOn: '2026-06-20', decisionServedOn: '2026-06-21', paymentCompletedOn: '2026-06-30' }), T, { hasStatement: true });
    expect(f).toEqual({
      isInvestigationEnded: true,
      isMajor: false,
      isNoticeServed: true,
      isHearingEntitled: false,
      isHearingRequested: false,
      isHearingHeld: false,
      hasStatement: true,
      isCollectiveDiscussionRequired: false,
      hasDiscretionDeviation: false,
      isExtensionApproved: false,
      decisionKind: 'penalty',
      isDecisionServed: true,
      isPaid: true,
      isDeferralApproved: false,
      isCourtEnforcementApplied: false,
      transfer: null,
      isClosed: true,
    });
  });
  it('not decided yet: no decision kind; still investigating: no report due', () => {
    expect(caseFilePathOf(makeCase({ status: 'reviewed' }), T).decisionKind).toBeNull();
    expect(caseFilePathOf(makeCase({ status: 'investigating' }), T).isInvestigationEnded).toBe(false);
    expect(caseFilePathOf(makeCase({ status: 'suspended', suspendedFrom: 'investigating' }), T).isInvestigationEnded).toBe(false);
    expect(caseFilePathOf(makeCase({ status: 'suspended', suspendedFrom: 'notice_served' }), T).isInvestigationEnded).toBe(true);
  });
  it('hearing entitlement from the notified or proposed penalty; a hearing makes the case major', () => {
    const f = caseFilePathOf(makeCase({ proposed: { types: ['fine'], fineAmount: 100_000 }, notified: { types: ['fine'], fineAmount: 100_000 }, hearingHeldOn: '2026-06-01' }), T);
    expect(f).toMatchObject({ isHearingEntitled: true, isHearingHeld: true, isMajor: true });
    expect(caseFilePathOf(makeCase({ proposed: { types: ['revoke_licence'], fineAmount: null } }), T).isHearingEntitled).toBe(true);
  });
  it('transfers: criminal by the head\'s decision, otherwise administrative', () => {
    expect(caseFilePathOf(makeCase({ status: 'closed', isSuspectedCrime: true, crimeTransferDecision: { decidedOn: '2026-05-01', outcome: 'transfer' } }), T).transfer).toBe('criminal');
    expect(caseFilePathOf(makeCase({ status: 'transferred', reviewPassedOn: null }), T)).toMatchObject({ transfer: 'administrative', isInvestigationEnded: false });
    expect(caseFilePathOf(makeCase({ status: 'closed' }), T, { transfer: 'administrative' }).transfer).toBe('administrative');
  });
  it('a justified deviation from the tier is recorded for the file', () => {
    const f = caseFilePathOf(makeCase({ proposed: { types: ['fine'], fineAmount: 20_000 }, discretion: { itemHasTiers: true, tier: { level: 'general', penaltyTypes: ['fine'], fineMin: 1000, fineMax: 10_000 }, justification: '情节特别严重' } }), T);
    expect(f.hasDiscretionDeviation).toBe(true);
  });
});
