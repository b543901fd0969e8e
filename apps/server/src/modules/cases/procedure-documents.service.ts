import {
  AppError,
  computeDeadline,
  courtEnforcementWindow,
  DEFAULT_COERCION_RULE_PARAMS,
  DEFAULT_PENALTY_RULE_PARAMS,
  executionAccount,
  isProcedureDocumentKind,
  LICENSING_DEADLINE_RULES,
  coercionMeasureDeadline,
  PROCEDURE_DOCUMENT_KINDS,
  procedureDocumentKindsOf,
  procedureDocumentRefusal,
  provisionalCalendar,
  type GuardContext,
  type HolidayCalendar,
  type ProcedureDocumentFacts,
  type ProcedureDocumentKind,
  type ProcedureDocumentSubject,
} from '@zhifa/domain';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { chinaDate, type Clock } from '../../lib/clock.ts';
import type { AuditService } from '../audit/index.ts';
import type { BlobStore } from '../blobs/index.ts';
import { assertRenderable, DOCUMENT_KINDS, renderDocx, renderPdfDetailed, type DocumentData, type Party, type PaymentInstructions, type Remedies, type SealService } from '../documents/index.ts';
import { isInScope, requirePermission, type Actor } from '../identity/index.ts';
import { registryTables, type RuleService } from '../registry/index.ts';
import { caseDocuments, cases, numberingSettings, type CaseParty, type StoredCaseFacts } from './cases.schema.ts';
import { coerciveMeasures } from './coercion.schema.ts';
import { inspections } from './inspections.schema.ts';
import { licenceApplications } from './licensing.schema.ts';
import type { NumberingService } from './numbering.service.ts';
import { procedureDocumentFiles, procedureDocuments } from './procedure-documents.schema.ts';
import type { SimplifiedStoredFacts } from './simplified.service.ts';

const { subjects, regions, items, officers, certificates } = registryTables;
type DocRow = typeof procedureDocuments.$inferSelect;
export type ProcedureDocumentFormat = 'pdf' | 'docx';

type Loaded =
  | { subject: 'licence_application'; row: typeof licenceApplications.$inferSelect }
  | { subject: 'inspection'; row: typeof inspections.$inferSelect }
  | { subject: 'coercive_measure'; row: typeof coerciveMeasures.$inferSelect }
  | { subject: 'penalty_case' | 'simplified_case'; row: typeof cases.$inferSelect };

interface Agency {
  info: { id: string; name: string; regionName: string; address?: string; phone?: string };
  remedies: Remedies;
  payment: PaymentInstructions;
}

function partyOf(p: CaseParty): Party {
  const contact = { ...(p.address ? { address: p.address } : {}), ...(p.phone ? { phone: p.phone } : {}) };
  return p.type === 'individual'
    ? { type: 'individual', name: p.name, idNumber: p.idNumber, ...contact }
    : { type: 'organisation', name: p.name, uscc: p.uscc, ...(p.legalRepresentative ? { legalRepresentative: p.legalRepresentative } : {}), ...contact };
}

const dayOf = (isoDateTime: string) => chinaDate(new Date(isoDateTime));
const RELEASE_REASONS: Record<string, string> = {
  no_violation: '当事人没有违法行为',
  unrelated: '查封、扣押的场所、设施或者财物与违法行为无关',
  no_longer_needed: '行政机关对违法行为已经作出处理决定，不再需要查封、扣押',
  period_expired: '查封、扣押期限已经届满',
  disapproved: '行政机关负责人不予追认',
  other: '其他不再需要采取查封、扣押措施的情形',
};
const NOT_ACCEPTED_REASONS: Record<string, string> = {
  no_licence_required: '申请事项依法不需要取得行政许可',
  not_competent: '申请事项依法不属于本机关职权范围',
  false_materials: '申请人隐瞒有关情况或者提供虚假材料',
  incomplete: '申请材料不齐全或者不符合法定形式，且未按要求补正',
  other: '申请不符合受理条件',
};

/**
 * Documents of licence applications, inspections, coercive measures, execution and on-the-spot decisions: generated
 * on request from the record as it stands, once the domain's availability rule allows (`procedureDocumentRefusal`),
 * numbered per agency and kind in the same transaction (no gap, no duplicate), frozen, logged, then rendered and
 * sealed once and served as the same bytes.
 */
export function createProcedureDocumentService({
  db,
  audit,
  clock,
  rules,
  numbering,
  blobs,
  seal,
}: {
  db: Db;
  audit: Pick<AuditService, 'appendRecords'>;
  clock: Clock;
  rules: Pick<RuleService, 'calendar'>;
  numbering: NumberingService;
  blobs: BlobStore;
  seal: SealService;
}) {
  async function load(tx: Db, actor: Actor, subject: ProcedureDocumentSubject, id: string): Promise<Loaded> {
    let loaded: Loaded | null = null;
    if (subject === 'licence_application') {
      const [row] = await tx.select().from(licenceApplications).where(eq(licenceApplications.id, id));
      if (row) loaded = { subject, row };
    } else if (subject === 'inspection') {
      const [row] = await tx.select().from(inspections).where(eq(inspections.id, id));
      if (row) loaded = { subject, row };
    } else if (subject === 'coercive_measure') {
      const [row] = await tx.select().from(coerciveMeasures).where(eq(coerciveMeasures.id, id));
      if (row) loaded = { subject, row };
    } else {
      const [row] = await tx.select().from(cases).where(eq(cases.id, id));
      // The simplified procedure lives on the cases table too; each subject only sees its own procedure.
      if (row && (row.procedure === 'simplified') === (subject === 'simplified_case')) loaded = { subject, row };
    }
    if (!loaded || !isInScope(actor, loaded.row)) throw new AppError('NOT_FOUND');
    return loaded;
  }

  function factsOf(l: Loaded): ProcedureDocumentFacts {
    switch (l.subject) {
      case 'licence_application':
        return { subject: l.subject, status: l.row.status, facts: l.row.facts };
      case 'inspection':
        return { subject: l.subject, status: l.row.status, facts: l.row.facts };
      case 'coercive_measure':
        return { subject: l.subject, status: l.row.status, facts: l.row.facts };
      case 'penalty_case': {
        const f = l.row.facts;
        return { subject: l.subject, status: l.row.status, facts: { decisionServedOn: f.decisionServedOn, isPaymentDue: f.isPaymentDue, execution: f.execution ?? null, procedure: 'ordinary' } };
      }
      case 'simplified_case':
        return { subject: l.subject, status: l.row.status, facts: { decidedOn: (l.row.facts as unknown as SimplifiedStoredFacts).decidedOn } };
    }
  }

  async function contextFor(actor: Actor): Promise<GuardContext & { calendar: HolidayCalendar }> {
    return { actor: { id: actor.userId }, now: chinaDate(clock.now()), calendar: await rules.calendar(), params: DEFAULT_PENALTY_RULE_PARAMS };
  }

  async function agencyOf(tx: Db, agencyId: string): Promise<Agency> {
    const [agency] = await tx.select().from(subjects).where(eq(subjects.id, agencyId));
    if (!agency) throw new AppError('NOT_FOUND');
    const [[region], [settings]] = await Promise.all([
      tx.select({ name: regions.name }).from(regions).where(eq(regions.code, agency.regionCode)),
      tx.select().from(numberingSettings).where(eq(numberingSettings.agencyId, agencyId)),
    ]);
    const regionName = region?.name ?? '';
    return {
      info: { id: agency.id, name: agency.name, regionName, ...(agency.address ? { address: agency.address } : {}), ...(agency.phone ? { phone: agency.phone } : {}) },
      // 行政复议法 (2023) Art.24: a department's act is reviewed by the people's government at its level.
      remedies: { reconsiderationBody: settings?.reconsiderationBody ?? `${regionName}人民政府`, reconsiderationDays: 60, court: settings?.court ?? '有管辖权的人民法院', litigationMonths: 6 },
      payment: {
        bank: settings?.paymentBank ?? '缴款通知书载明的代收银行',
        ...(settings?.paymentAccountName ? { accountName: settings.paymentAccountName } : {}),
        ...(settings?.paymentAccount ? { account: settings.paymentAccount } : {}),
      },
    };
  }

  async function officerRefs(tx: Db, ids: readonly string[]) {
    if (ids.length === 0) return [];
    const [os, cs] = await Promise.all([
      tx.select({ id: officers.id, name: officers.name }).from(officers).where(inArray(officers.id, [...ids])),
      tx.select({ officerId: certificates.officerId, number: certificates.number, status: certificates.status }).from(certificates).where(inArray(certificates.officerId, [...ids])).orderBy(asc(certificates.issuedOn)),
    ]);
    return ids.map((id) => {
      const cert = cs.filter((c) => c.officerId === id && c.status === 'active').at(-1) ?? cs.filter((c) => c.officerId === id).at(-1);
      return { name: os.find((o) => o.id === id)?.name ?? '', ...(cert ? { certificateNo: cert.number } : {}) };
    });
  }

  async function itemOf(tx: Db, itemId: string | null) {
    if (!itemId) return { name: '', legalBasis: [] as { law: string; article: string }[] };
    const [it] = await tx.select().from(items).where(eq(items.id, itemId));
    return { name: it?.name ?? '', legalBasis: (it?.legalBasis ?? []).map((b) => ({ law: b.law.startsWith('《') ? b.law : `《${b.law}》`, article: b.article })) };
  }

  /** The document's content from the record as it stands (`number` already allocated when the kind is numbered). */
  async function dataOf(tx: Db, l: Loaded, kind: ProcedureDocumentKind, number: string | null, today: string, cal: HolidayCalendar): Promise<DocumentData> {
    const agency = await agencyOf(tx, l.row.agencyId);
    const est = provisionalCalendar(cal);
    // A date printed on a document is a promise to the party: only where the year's holiday calendar is on record
    // (domain-rules G5); otherwise the document states the period without the date.
    const known = (day: string | undefined) => (day && cal.years.has(Number(day.slice(0, 4))) ? day : undefined);
    const base = { agency: agency.info, date: today, ...(number ? { number } : {}) };
    switch (l.subject) {
      case 'licence_application': {
        const r = l.row;
        const f = r.facts;
        const item = await itemOf(tx, r.itemId);
        const lic = { applicant: partyOf(r.applicant), applicationNo: r.applicationNo, item: item.name, receivedOn: f.receivedOn };
        const basis = item.legalBasis.length ? item.legalBasis : [{ law: '《中华人民共和国行政许可法》', article: '第三十八条' }];
        switch (kind) {
          case 'licence_supplement_notice': {
            const n = f.supplementNotices.at(-1)!;
            return { kind, ...base, date: n.servedOn, ...lic, missingItems: [...n.missingItems], servedOn: n.servedOn };
          }
          case 'licence_acceptance_notice': {
            const rule = f.isJointHandling ? LICENSING_DEADLINE_RULES.jointDecision : LICENSING_DEADLINE_RULES.decision;
            return { kind, ...base, date: f.acceptedOn!, ...lic, acceptedOn: f.acceptedOn!, decisionWorkingDays: rule.length, ...(known(computeDeadline(rule, f.acceptedOn!, est).due) ? { decisionDueOn: computeDeadline(rule, f.acceptedOn!, est).due } : {}) };
          }
          case 'licence_non_acceptance_notice': {
            const na = f.notAccepted!;
            const reason = [NOT_ACCEPTED_REASONS[na.reason] ?? '申请不符合受理条件', na.explanation].filter(Boolean).join('：');
            return { kind, ...base, date: na.decidedOn, ...lic, decidedOn: na.decidedOn, reason, ...(na.referralAgency ? { referralAgency: na.referralAgency } : {}), remedies: agency.remedies };
          }
          case 'licence_extension_notice': {
            const x = f.extensions.at(-1)!;
            const rule = f.isJointHandling ? LICENSING_DEADLINE_RULES.jointDecisionExtension : LICENSING_DEADLINE_RULES.decisionExtension;
            const main = f.isJointHandling ? LICENSING_DEADLINE_RULES.jointDecision : LICENSING_DEADLINE_RULES.decision;
            const newDue = known(f.acceptedOn ? computeDeadline({ ...main, length: main.length + rule.length }, f.acceptedOn, est).due : undefined);
            return { kind, ...base, date: x.approvedOn, ...lic, acceptedOn: f.acceptedOn ?? f.receivedOn, approvedOn: x.approvedOn, reasons: x.reasons, extraWorkingDays: rule.length, ...(newDue ? { newDueOn: newDue } : {}) };
          }
          case 'licence_grant_decision': {
            const d = f.decision!;
            const c = r.content.licence;
            return {
              kind,
              ...base,
              number: number!,
              date: d.decidedOn,
              ...lic,
              decidedOn: d.decidedOn,
              reasons: d.reasons || '申请人的申请符合法定条件、标准',
              basis,
              ...(r.content.grantConditions ? { conditions: r.content.grantConditions } : {}),
              ...(c ? { certificate: { certificateNo: c.certificateNo, validFrom: c.validFrom, expiresOn: c.expiresOn } } : {}),
              certificateWorkingDays: 10,
              remedies: agency.remedies,
            };
          }
          case 'licence_refusal_decision': {
            const d = f.decision!;
            return { kind, ...base, number: number!, date: d.decidedOn, ...lic, decidedOn: d.decidedOn, reasons: d.reasons, basis, remedies: agency.remedies };
          }
          default:
            break;
        }
        break;
      }
      case 'inspection': {
        const r = l.row;
        const f = r.facts;
        const item = await itemOf(tx, f.itemId);
        const inspectors = await officerRefs(tx, f.officerIds);
        const target = partyOf(r.target);
        switch (kind) {
          case 'inspection_notice':
            return {
              kind,
              ...base,
              date: f.approval!.approvedOn,
              target,
              item: item.name,
              basis: f.legalBasis ?? (item.legalBasis.map((b) => `${b.law}${b.article}`).join('、') || '有关法律、法规'),
              ...(r.content.plannedOn ? { plannedOn: r.content.plannedOn } : {}),
              ...(r.content.purpose ? { purpose: r.content.purpose } : {}),
              inspectors,
              contact: { person: inspectors.map((o) => o.name).join('、'), ...(agency.info.phone ? { phone: agency.info.phone } : {}) },
            };
          case 'onsite_inspection_record': {
            const on = r.content.onSite;
            const start = on?.startedAt ? on.startedAt : `${f.onSiteOn}T09:00`;
            const startLocal = on?.startedAt ? new Date(on.startedAt).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16).replace(' ', 'T') : start;
            return {
              kind,
              ...base,
              date: f.onSiteOn!,
              caseNo: `检查${r.id.slice(0, 8)}`,
              startAt: startLocal,
              endAt: startLocal,
              place: on?.place ?? r.target.address ?? agency.info.regionName,
              party: target,
              inspectors,
              recorder: inspectors[0]?.name ?? '',
              findings: [on?.notes, ...(f.result?.findings ?? [])].filter(Boolean).join('；') || '现场检查情况详见附页。',
            };
          }
          case 'inspection_result_notice': {
            const res = f.result!;
            const rect = f.rectification;
            return {
              kind,
              ...base,
              date: f.resultRecordedOn ?? today,
              target,
              item: item.name,
              inspectedOn: f.onSiteOn ?? f.resultRecordedOn ?? today,
              outcome: res.outcome,
              findings: [...res.findings],
              ...(rect ? { rectification: { items: [...rect.items], dueOn: rect.dueOn } } : {}),
              caseOpened: !!r.linkedCaseId,
              ...(r.content.resultNotes ? { notes: r.content.resultNotes } : {}),
              remedies: agency.remedies,
            };
          }
          default:
            break;
        }
        break;
      }
      case 'coercive_measure': {
        const r = l.row;
        const f = r.facts;
        const party = partyOf(r.party);
        const measure = r.kind as 'seal' | 'seize' | 'freeze';
        const seized = f.items.map((i) => ({ description: i.description, quantity: i.quantity, unit: i.unit, ...(i.note ? { note: i.note } : {}) }));
        const decision = await tx.select({ number: procedureDocuments.number }).from(procedureDocuments).where(and(eq(procedureDocuments.subjectId, r.id), eq(procedureDocuments.kind, 'coercion_decision')));
        const decisionNumber = decision[0]?.number ?? undefined;
        const startsOn = f.execution ? dayOf(f.execution.startedAt) : f.headDecision ? dayOf(f.headDecision.decidedAt) : today;
        switch (kind) {
          case 'coercion_decision': {
            const period = DEFAULT_COERCION_RULE_PARAMS['coercion.measureDays'];
            const deadline = f.execution ? coercionMeasureDeadline({ ...f, extensions: [] }, est) : null;
            return {
              kind,
              ...base,
              number: number!,
              date: f.headDecision ? dayOf(f.headDecision.decidedAt) : startsOn,
              measure,
              party,
              reasons: r.content.reasons ?? '',
              basis: r.content.legalBasis ?? '',
              items: seized,
              ...(r.content.place ? { place: r.content.place } : {}),
              ...(r.content.account ? { account: r.content.account } : {}),
              ...(f.freezeAmount ? { amount: f.freezeAmount } : {}),
              startsOn,
              periodDays: period,
              ...(known(deadline?.due) ? { endsOn: deadline!.due } : {}),
              officers: await officerRefs(tx, f.officerIds),
              remedies: agency.remedies,
            };
          }
          case 'coercion_inventory':
            return {
              kind,
              ...base,
              date: startsOn,
              measure: measure === 'freeze' ? 'seize' : measure,
              ...(decisionNumber ? { decisionNumber } : {}),
              party,
              ...(r.content.place ? { place: r.content.place } : {}),
              items: seized,
              officers: await officerRefs(tx, f.officerIds),
            };
          case 'coercion_extension_decision': {
            const x = f.extensions.at(-1)!;
            const deadline = coercionMeasureDeadline(f, est);
            return { kind, ...base, number: number!, date: x.approvedOn, measure, party, ...(decisionNumber ? { decisionNumber } : {}), startsOn, approvedOn: x.approvedOn, reasons: x.reasons, extraDays: x.days, ...(known(deadline?.due) ? { newEndsOn: deadline!.due } : {}), remedies: agency.remedies };
          }
          case 'coercion_release_decision': {
            const d = f.disposition!;
            return {
              kind,
              ...base,
              number: number!,
              date: d.decidedOn,
              measure,
              party,
              ...(decisionNumber ? { decisionNumber } : {}),
              reason: RELEASE_REASONS[d.releaseReason ?? 'other'] ?? RELEASE_REASONS['other']!,
              basis: d.legalBasis ?? `《中华人民共和国行政强制法》${measure === 'freeze' ? '第三十三条' : '第二十八条第一款'}`,
              releasedOn: d.decidedOn,
              items: seized,
            };
          }
          default:
            break;
        }
        break;
      }
      case 'penalty_case': {
        const r = l.row;
        const f = r.facts as StoredCaseFacts;
        const e = f.execution!;
        const [decisionDoc] = await tx.select({ number: caseDocuments.number }).from(caseDocuments).where(and(eq(caseDocuments.caseId, r.id), eq(caseDocuments.kind, 'penalty_decision'))).orderBy(asc(caseDocuments.issuedAt));
        const executed = {
          party: partyOf(r.party),
          decision: { number: decisionDoc?.number ?? r.caseNo ?? '', date: f.decidedOn ?? f.decisionServedOn!, servedOn: f.decisionServedOn! },
          principal: e.principal,
        };
        const acc = (asOf: string) => {
          const a = executionAccount(e, f.decisionServedOn!, asOf, est);
          return { asOf, dueOn: a.dueOn, paid: a.paid, overduePrincipal: a.overduePrincipal, lateDays: a.lateDays, surcharge: a.surcharge, surchargeCapped: a.surchargeCapped, balance: a.balance };
        };
        switch (kind) {
          case 'payment_schedule_approval': {
            const s = e.schedules.at(-1)!;
            return { kind, ...base, number: number!, date: s.approvedOn, ...executed, scheduleKind: s.kind, appliedOn: s.appliedOn, approvedOn: s.approvedOn, entries: s.entries.map((x) => ({ ...x })), payment: agency.payment };
          }
          case 'payment_reminder': {
            const on = e.reminderServedOn ?? today;
            return { kind, ...base, number: number!, date: on, ...executed, account: acc(on), performWorkingDays: 10, payment: agency.payment };
          }
          case 'enforcement_application': {
            const on = e.courtApplicationOn ?? today;
            const [reminder] = await tx.select({ number: procedureDocuments.number }).from(procedureDocuments).where(and(eq(procedureDocuments.subjectId, r.id), eq(procedureDocuments.kind, 'payment_reminder')));
            const w = courtEnforcementWindow(e, f.decisionServedOn!, est);
            return {
              kind,
              ...base,
              number: number!,
              date: on,
              ...executed,
              court: agency.remedies.court,
              account: acc(on),
              reminder: { ...(reminder?.number ? { number: reminder.number } : {}), servedOn: e.reminderServedOn! },
              remedyWindowEndsOn: w.remedyWindowEndsOn,
              facts: r.content.findings ?? `当事人${r.party.name}违法一案`,
              basis: [{ law: '《中华人民共和国行政处罚法》', article: '第七十二条第一款第（二）项' }],
              attachments: ['行政决定书及作出决定的事实、理由和依据', '当事人的意见及行政机关催告情况', '申请强制执行标的情况', '送达回证'],
            };
          }
          default:
            break;
        }
        break;
      }
      case 'simplified_case': {
        const r = l.row;
        const f = r.facts as unknown as SimplifiedStoredFacts;
        const c = r.content as typeof r.content & { partyStatement?: string };
        const item = await itemOf(tx, r.itemId);
        const paid = c.payments?.find((p) => p.method === 'on_site_cash');
        const provisions = c.legalBasis ? [{ law: c.legalBasis, article: '' }] : item.legalBasis;
        const penalty = f.penalty.types.map((t) => (t === 'fine' ? { type: 'fine' as const, amountYuan: f.penalty.fineAmount ?? 0 } : { type: 'warning' as const }));
        return {
          kind: 'onsite_penalty_decision',
          ...base,
          number: r.caseNo!,
          date: f.decidedOn!,
          party: partyOf(r.party),
          decidedAt: r.createdAt.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16).replace(' ', 'T'),
          place: r.party.address ?? agency.info.regionName,
          facts: c.findings ?? `当事人${r.party.name}${item.name}`,
          ...(c.partyStatement ? { statement: c.partyStatement } : {}),
          violated: provisions,
          penaltyBasis: provisions,
          penalty,
          payment: { ...agency.payment, dueDays: 15, ...(paid ? { paidOnSpot: { ground: '依法当场收缴', ...(paid.receiptNo ? { receiptNo: paid.receiptNo } : {}) } } : {}) },
          remedies: agency.remedies,
          officers: await officerRefs(tx, f.officerIds),
        };
      }
    }
    throw new AppError('VALIDATION_FAILED', { message: `No ${kind} for a ${l.subject}.` });
  }

  const summary = (d: DocRow) => {
    const spec = DOCUMENT_KINDS[d.kind as keyof typeof DOCUMENT_KINDS];
    return { id: d.id, kind: d.kind, titleZh: spec?.titleZh ?? d.kind, titleEn: spec?.titleEn ?? d.kind, number: d.number, issuedAt: d.issuedAt.toISOString(), createdAt: d.issuedAt.toISOString() };
  };

  async function fileOf(doc: DocRow, format: ProcedureDocumentFormat): Promise<{ data: Buffer; sha256: string; renderMs: number }> {
    const [have] = await db.select().from(procedureDocumentFiles).where(and(eq(procedureDocumentFiles.documentId, doc.id), eq(procedureDocumentFiles.format, format)));
    if (have) return { data: await blobs.get(have.sha256), sha256: have.sha256, renderMs: have.renderMs };
    const data = doc.data as unknown as DocumentData;
    const t0 = performance.now();
    let bytes: Buffer;
    if (format === 'pdf') {
      const r = await renderPdfDetailed(data);
      const a = data.agency;
      bytes = DOCUMENT_KINDS[data.kind].sealed
        ? await seal.sealPdf(r.pdf, { id: a.id ?? doc.agencyId, name: a.name, regionName: a.regionName ?? '', ...(a.phone ? { phone: a.phone } : {}) }, { ...(r.sealPlacement ? { widget: r.sealPlacement } : {}) })
        : r.pdf;
    } else {
      bytes = await renderDocx(data);
    }
    const renderMs = Math.round(performance.now() - t0);
    const put = await blobs.put(bytes);
    // Two first requests at once both render; the first row wins and both answer with its file.
    await db.insert(procedureDocumentFiles).values({ documentId: doc.id, format, sha256: put.id, sizeBytes: put.size, renderMs }).onConflictDoNothing();
    const [row] = await db.select().from(procedureDocumentFiles).where(and(eq(procedureDocumentFiles.documentId, doc.id), eq(procedureDocumentFiles.format, format)));
    return row!.sha256 === put.id ? { data: bytes, sha256: put.id, renderMs } : { data: await blobs.get(row!.sha256), sha256: row!.sha256, renderMs: row!.renderMs };
  }

  return {
    fileOf,

    /** The record's documents: those issued, and every kind of its procedure with whether it can be issued now. */
    async list(actor: Actor, subject: ProcedureDocumentSubject, id: string) {
      requirePermission(actor, 'case.read');
      const l = await load(db, actor, subject, id);
      const ctx = await contextFor(actor);
      const issued = await db.select().from(procedureDocuments).where(eq(procedureDocuments.subjectId, id)).orderBy(asc(procedureDocuments.issuedAt), asc(procedureDocuments.id));
      const facts = factsOf(l);
      return {
        documents: issued.map(summary),
        kinds: procedureDocumentKindsOf(subject).map((kind) => {
          const doc = issued.find((d) => d.kind === kind);
          const refusal = doc ? null : procedureDocumentRefusal(kind, facts, ctx);
          return { kind, titleZh: DOCUMENT_KINDS[kind].titleZh, titleEn: DOCUMENT_KINDS[kind].titleEn, citation: PROCEDURE_DOCUMENT_KINDS[kind].citation, documentId: doc?.id ?? null, refusal };
        }),
      };
    },

    /**
     * Issue `kind` for the record: refused (422, with the citation) until the record shows what the document states,
     * refused as a duplicate once issued. The number is allocated in this transaction, so a refused render takes it back.
     */
    async generate(actor: Actor, subject: ProcedureDocumentSubject, id: string, kind: string) {
      requirePermission(actor, 'case.handle');
      if (!isProcedureDocumentKind(kind) || PROCEDURE_DOCUMENT_KINDS[kind].subject !== subject) {
        throw new AppError('VALIDATION_FAILED', { message: `Unknown document kind for a ${subject}: ${kind}`, messageZh: '该类案件没有此种文书。', details: { kind, known: procedureDocumentKindsOf(subject) } });
      }
      const ctx = await contextFor(actor);
      const row = await db.transaction(async (tx) => {
        const l = await load(tx, actor, subject, id);
        const refusal = procedureDocumentRefusal(kind, factsOf(l), ctx);
        if (refusal) throw AppError.fromRefusal(refusal);
        const [existing] = await tx.select({ id: procedureDocuments.id }).from(procedureDocuments).where(and(eq(procedureDocuments.subjectId, id), eq(procedureDocuments.kind, kind)));
        if (existing) throw new AppError('DUPLICATE', { message: `This ${kind} has already been issued.`, messageZh: `该${DOCUMENT_KINDS[kind].titleZh}已经出具，不能重复编号。`, details: { documentId: existing.id } });
        const business = DOCUMENT_KINDS[kind].business;
        // 当场行政处罚决定书: 预定格式、编有号码 (Art.52) — the number the case was given when decided on the spot.
        const preNumbered = kind === 'onsite_penalty_decision';
        const draft = await dataOf(tx, l, kind, preNumbered ? (l.row as typeof cases.$inferSelect).caseNo : '〔待编号〕', ctx.now, ctx.calendar);
        const allocated = business && !preNumbered ? await numbering.allocate(tx, l.row.agencyId, kind, business, Number(draft.date.slice(0, 4))) : null;
        const number = allocated?.number ?? (preNumbered ? draft.number ?? null : null);
        const data = { ...draft, ...(number ? { number } : {}) } as DocumentData;
        if (!number) delete (data as { number?: string }).number;
        assertRenderable(data);
        const [doc] = await tx
          .insert(procedureDocuments)
          .values({
            id: crypto.randomUUID(),
            subjectType: subject,
            subjectId: id,
            agencyId: l.row.agencyId,
            regionPath: l.row.regionPath,
            kind,
            number,
            sequenceKey: allocated?.sequenceKey ?? null,
            year: allocated?.year ?? null,
            seq: allocated?.seq ?? null,
            data: data as unknown as Record<string, unknown>,
            issuedBy: actor.userId,
            issuedAt: clock.now(),
          })
          .returning();
        await audit.appendRecords(tx, 'procedure_document', [doc!]);
        return doc!;
      });
      return summary(row);
    },

    async file(actor: Actor, subject: ProcedureDocumentSubject, id: string, documentId: string, format: ProcedureDocumentFormat) {
      requirePermission(actor, 'case.read');
      await load(db, actor, subject, id);
      const [doc] = await db.select().from(procedureDocuments).where(and(eq(procedureDocuments.subjectId, id), eq(procedureDocuments.id, documentId)));
      if (!doc) throw new AppError('NOT_FOUND');
      const f = await fileOf(doc, format);
      const name = (doc.number ?? DOCUMENT_KINDS[doc.kind as keyof typeof DOCUMENT_KINDS]?.titleZh ?? doc.kind).replace(/[\\/:*?"<>|]/g, '_');
      return { ...f, filename: `${name}.${format}`, contentType: format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' };
    },
  };
}
export type ProcedureDocumentService = ReturnType<typeof createProcedureDocumentService>;
