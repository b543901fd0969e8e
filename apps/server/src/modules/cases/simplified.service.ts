import {
  AppError,
  availableSimplifiedActions,
  nextSimplifiedStatus,
  onSiteCollectionRefusal,
  provisionalCalendar,
  SIMPLIFIED_STATUS_INFO,
  SIMPLIFIED_TRANSITIONS,
  simplifiedFilingDeadline,
  type CaseOfficer,
  type GuardContext,
  type OnSiteCollectionGround,
  type PaymentMethod,
  type PenaltyContent,
  type SimplifiedAction,
  type SimplifiedCaseFacts,
  type SimplifiedStatus,
} from '@zhifa/domain';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { chinaDate, type Clock } from '../../lib/clock.ts';
import type { AuditService } from '../audit/index.ts';
import { isInScope, requirePermission, scopeCondition, type Actor } from '../identity/index.ts';
import { registryTables, type RuleService } from '../registry/index.ts';
import { caseEvents, cases, type CaseContent, type CaseParty, type StoredCaseFacts } from './cases.schema.ts';
import type { NumberingService } from './numbering.service.ts';
import type { PartyService } from './parties.service.ts';

const { items, officers, certificates, regions, subjects } = registryTables;

/**
 * The simplified (on-the-spot) procedure (简易程序, 行政处罚法 Art.51–52; domain-rules AP28–AP29) on the `cases` table with
 * `procedure = 'simplified'`. An officer records the facts and the party's statement and decides on the spot in one
 * request (refused above the caps of Art.51 with the citation, nothing written); the decision takes the next number of
 * the agency's on-the-spot series (当场处罚决定书); handing it over, filing it with the agency within 7 working days
 * (Art.52) and closing are further steps of the domain's SIMPLIFIED_TRANSITIONS.
 */
export interface SimplifiedStoredFacts {
  procedure: 'simplified';
  partyType: 'individual' | 'organisation';
  sector: string;
  placePath: string;
  officerIds: string[];
  reviewerId: null;
  violation: { committedOn: string; endedOn: null; isContinuing: false };
  penalty: PenaltyContent;
  isFactConclusive: boolean;
  hasLegalBasis: boolean;
  decidedOn: string | null;
  servedOn: string | null;
  filedOn: string | null;
  isPaymentSettled: boolean;
  /** Read by the party register's history like an ordinary decision (first-violation checks, 行政处罚法 Art.33). */
  decisionKind: 'penalty';
  proposed: PenaltyContent;
}

export interface SimplifiedDecisionInput {
  itemId: string;
  placeRegionCode: string;
  party: CaseParty;
  /** The deciding officer first (shows the certificate, signs the form). */
  officerIds: string[];
  violationOn: string;
  findings: string;
  legalBasis: string;
  penalty: PenaltyContent;
  isFactConclusive: boolean;
  hasLegalBasis: boolean;
  /** 陈述申辩: what the party said, heard on the spot (Art.52). */
  partyStatement?: string | undefined;
  /** Paid on the spot (罚缴分离 exceptions, Art.68–70) or at once by e-payment. */
  payment?: { method: PaymentMethod; onSiteGround?: OnSiteCollectionGround | undefined; receiptNo?: string | undefined; reference?: string | undefined } | undefined;
}

export interface SimplifiedActionPayload {
  reason?: string | undefined;
  /** Serve: the party refused to sign (noted on the form, Art.52 / SAMR Art.68). */
  refusedToSign?: boolean | undefined;
  /** Close: the bank reference of the payment made after the decision. */
  paymentReference?: string | undefined;
}

type Row = typeof cases.$inferSelect;
const factsOfRow = (r: Row) => r.facts as unknown as SimplifiedStoredFacts;

export function createSimplifiedService({ db, audit, clock, rules, numbering, parties }: { db: Db; audit: AuditService; clock: Clock; rules: RuleService; numbering: NumberingService; parties: PartyService }) {
  const today = () => chinaDate(clock.now());

  async function officerFacts(id: string, tx: Db): Promise<CaseOfficer | null> {
    const [o] = await tx.select().from(officers).where(eq(officers.id, id));
    if (!o) return null;
    const cs = await tx.select({ c: certificates, areaPath: regions.path }).from(certificates).leftJoin(regions, eq(regions.code, certificates.areaCode)).where(eq(certificates.officerId, id));
    return {
      id: o.id,
      personnelType: o.personnelType,
      onDuty: o.onDuty,
      certificates: cs.map(({ c, areaPath }) => ({
        status: c.status,
        credentialType: c.credentialType,
        categories: c.categories,
        areaPath: areaPath ?? '\u0000',
        issuedOn: c.issuedOn,
        expiresOn: c.expiresOn,
        suspendedUntil: c.suspendedUntil,
      })),
    };
  }

  async function context(r: { placePath: string; sector: string }): Promise<GuardContext> {
    const now = today();
    const [calendar, resolved] = await Promise.all([rules.calendar(), rules.resolve({ regionPath: r.placePath, sector: r.sector, date: now })]);
    return { actor: { id: '' }, now, calendar, params: resolved.values };
  }

  async function domainFacts(r: Row, tx: Db = db): Promise<SimplifiedCaseFacts> {
    const f = factsOfRow(r);
    const officer = (await officerFacts(f.officerIds[0]!, tx)) ?? { id: f.officerIds[0]!, personnelType: 'auxiliary', onDuty: false, certificates: [] };
    return { status: r.status as SimplifiedStatus, partyType: f.partyType, penalty: f.penalty, isFactConclusive: f.isFactConclusive, hasLegalBasis: f.hasLegalBasis, sector: f.sector, placePath: f.placePath, officer, decidedOn: f.decidedOn, isPaymentSettled: f.isPaymentSettled };
  }

  async function out(r: Row) {
    const f = factsOfRow(r);
    const ctx = await context(r);
    const available = availableSimplifiedActions(await domainFacts(r), ctx);
    const [[names], os] = await Promise.all([
      db.select({ itemName: items.name, agencyName: subjects.name }).from(items).innerJoin(subjects, eq(subjects.id, r.agencyId)).where(eq(items.id, r.itemId)),
      db.select({ id: officers.id, name: officers.name }).from(officers).where(inArray(officers.id, f.officerIds)),
    ]);
    const filing = simplifiedFilingDeadline(f, provisionalCalendar(ctx.calendar));
    const c = r.content as CaseContent & { partyStatement?: string };
    return {
      id: r.id,
      procedure: 'simplified' as const,
      decisionNo: r.caseNo,
      status: r.status,
      statusZh: SIMPLIFIED_STATUS_INFO[r.status as SimplifiedStatus]?.zh ?? r.status,
      itemId: r.itemId,
      itemName: names?.itemName ?? '',
      agencyId: r.agencyId,
      agencyName: names?.agencyName ?? '',
      party: { type: r.party.type, name: r.party.name },
      officers: f.officerIds.map((id) => ({ id, name: os.find((o) => o.id === id)?.name ?? '' })),
      penalty: { types: [...f.penalty.types], fineAmount: f.penalty.fineAmount },
      violationOn: f.violation.committedOn,
      findings: c.findings ?? '',
      legalBasis: c.legalBasis ?? '',
      partyStatement: c.partyStatement ?? null,
      decidedOn: f.decidedOn,
      servedOn: f.servedOn,
      filedOn: f.filedOn,
      isPaymentSettled: f.isPaymentSettled,
      payments: c.payments ?? [],
      // 行政处罚法 Art.52 / SAMR Art.67–70: the materials reach the agency within 7 working days of the decision.
      filingDeadline: filing
        ? { dueOn: filing.due, citation: filing.rule.citation, state: f.filedOn ? ('met' as const) : ctx.now > filing.due ? ('overdue' as const) : ('running' as const), calendarProvisional: !ctx.calendar.years.has(Number(filing.due.slice(0, 4))) }
        : null,
      availableActions: available.allowed,
      refusedActions: available.refused,
      version: r.version,
      today: ctx.now,
      createdAt: r.createdAt.toISOString(),
    };
  }

  async function getScoped(actor: Actor, id: string, tx: Db = db): Promise<Row> {
    const [r] = await tx.select().from(cases).where(and(eq(cases.id, id), eq(cases.procedure, 'simplified')));
    if (!r || !isInScope(actor, { regionPath: r.regionPath, agencyId: r.agencyId })) throw new AppError('NOT_FOUND');
    return r;
  }

  return {
    /** Record the facts and decide on the spot (record + decide_on_spot in one transaction, or nothing). */
    async decide(actor: Actor, input: SimplifiedDecisionInput, meta: { requestId?: string }) {
      requirePermission(actor, 'case.handle');
      if (!actor.agencyId) throw new AppError('FORBIDDEN', { details: { permission: 'case.handle', reason: 'no agency' } });
      const agencyId = actor.agencyId;
      const row = await db.transaction(async (tx) => {
        const [item] = await tx.select().from(items).where(eq(items.id, input.itemId));
        if (!item) throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['itemId'], message: 'unknown item', messageZh: '执法事项不存在' }] } });
        const [place] = await tx.select().from(regions).where(eq(regions.code, input.placeRegionCode));
        if (!place) throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['placeRegionCode'], message: 'unknown region', messageZh: '区划不存在' }] } });
        const [agency] = await tx.select().from(subjects).where(eq(subjects.id, agencyId));
        if (!agency) throw new AppError('NOT_FOUND');
        const os = await tx.select().from(officers).where(inArray(officers.id, input.officerIds));
        if (os.length !== new Set(input.officerIds).size || os.some((o) => o.agencyId !== agencyId)) {
          throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['officerIds'], message: 'officers must belong to your agency', messageZh: '执法人员须为本机关执法人员' }] } });
        }
        const day = today();
        if (input.violationOn > day) throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['violationOn'], message: 'the violation cannot be in the future', messageZh: '违法行为发生日期不能晚于今天' }] } });
        const facts: SimplifiedStoredFacts = {
          procedure: 'simplified',
          partyType: input.party.type,
          sector: item.sector,
          placePath: place.path,
          officerIds: [...new Set(input.officerIds)],
          reviewerId: null,
          violation: { committedOn: input.violationOn, endedOn: null, isContinuing: false },
          penalty: input.penalty,
          isFactConclusive: input.isFactConclusive,
          hasLegalBasis: input.hasLegalBasis,
          decidedOn: null,
          servedOn: null,
          filedOn: null,
          isPaymentSettled: false,
          decisionKind: 'penalty',
          proposed: input.penalty,
        };
        const draft = { status: 'recorded', facts, placePath: place.path, sector: item.sector } as unknown as Row;
        const ctx = await context(draft);
        const checked = availableSimplifiedActions(await domainFacts(draft, tx), ctx);
        const refused = checked.refused.find((x) => x.action === 'decide_on_spot');
        if (refused) {
          const first = refused.refusals[0]!;
          const err = AppError.fromRefusal(first);
          throw new AppError(first.code, { message: err.message, messageZh: err.messageZh, details: { ...err.details, refusals: refused.refusals } });
        }
        // 罚缴分离 (Art.67–70): a fine paid on the spot only on a statutory ground, against the finance receipt.
        const paid = input.payment && input.penalty.types.includes('fine') ? { amount: input.penalty.fineAmount ?? 0, paidOn: day, method: input.payment.method, reference: input.payment.reference ?? null, onSiteGround: input.payment.onSiteGround ?? null, receiptNo: input.payment.receiptNo ?? null } : null;
        if (paid) {
          const r = onSiteCollectionRefusal(paid, { procedure: 'simplified', fineAmount: paid.amount });
          if (r) {
            const err = AppError.fromRefusal(r);
            throw new AppError(r.code, { message: err.message, messageZh: err.messageZh, details: { ...err.details, guard: 'noOnSiteCashOutsideStatute' } });
          }
        }
        const decided: SimplifiedStoredFacts = { ...facts, decidedOn: day, isPaymentSettled: !!paid || !input.penalty.types.includes('fine') };
        // 预定格式、编有号码 (Art.52): the agency's own on-the-spot series, allocated in this transaction (no gap, no duplicate).
        const decisionNo = (await numbering.allocate(tx, agencyId, 'simplified_decision', '当罚', Number(day.slice(0, 4)))).number;
        const id = crypto.randomUUID();
        const now = clock.now();
        const party = await parties.resolve(tx, actor, input.party, { requestId: meta.requestId, regionPath: agency.regionPath, agencyId });
        const content: CaseContent & { partyStatement?: string } = {
          findings: input.findings,
          legalBasis: input.legalBasis,
          ...(input.partyStatement ? { partyStatement: input.partyStatement } : {}),
          ...(paid ? { payments: [{ amount: paid.amount, reference: paid.reference, paidOn: day, method: paid.method, ...(paid.receiptNo ? { receiptNo: paid.receiptNo } : {}), isFinal: true }] } : {}),
        };
        const [r] = await tx
          .insert(cases)
          .values({ id, caseNo: decisionNo, procedure: 'simplified', itemId: item.id, agencyId, regionPath: agency.regionPath, sector: item.sector, placePath: place.path, status: 'decided', facts: decided as unknown as StoredCaseFacts, party: input.party, partyId: party.id, content, version: 2, createdAt: now, updatedAt: now })
          .returning();
        await audit.appendRecords(tx, 'case_event', await tx.insert(caseEvents).values([
          { caseId: id, seq: 1, action: 'record_on_spot', fromStatus: null, toStatus: 'recorded', actorId: actor.userId, actorRole: actor.role, payload: { itemId: item.id, officerIds: facts.officerIds, partyStatement: input.partyStatement ?? null }, occurredAt: now },
          { caseId: id, seq: 2, action: 'decide_on_spot', fromStatus: 'recorded', toStatus: 'decided', actorId: actor.userId, actorRole: actor.role, payload: { penalty: input.penalty, decisionNo, payment: paid }, occurredAt: now },
        ]).returning());
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'case', entityId: id, action: 'decide_on_spot', after: { procedure: 'simplified', status: 'decided', decisionNo, penalty: input.penalty }, regionPath: agency.regionPath, agencyId });
        return r!;
      });
      return out(row);
    },

    async get(actor: Actor, id: string) {
      requirePermission(actor, 'case.read');
      return out(await getScoped(actor, id));
    },

    async list(actor: Actor, q: { page: number; pageSize: number }) {
      requirePermission(actor, 'case.read');
      const where = and(eq(cases.procedure, 'simplified'), scopeCondition(actor, { regionPath: cases.regionPath, agencyId: cases.agencyId }));
      const [rows, [c]] = await Promise.all([
        db.select().from(cases).where(where).orderBy(desc(cases.createdAt), desc(cases.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
        db.select({ n: sql<number>`count(*)::int` }).from(cases).where(where),
      ]);
      const items_ = [];
      for (const r of rows) items_.push(await out(r));
      return { items: items_, total: c?.n ?? 0, page: q.page, pageSize: q.pageSize };
    },

    /** 交付 / 备案 / 结案 (the domain table; 409 off the table, 422 with the citation when a guard refuses). */
    async act(actor: Actor, id: string, action: SimplifiedAction, input: { payload: SimplifiedActionPayload; version: number }, meta: { requestId?: string }) {
      requirePermission(actor, 'case.handle');
      const row = await db.transaction(async (tx) => {
        const before = await getScoped(actor, id, tx);
        const f = factsOfRow(before);
        const day = today();
        const after: SimplifiedStoredFacts = { ...f };
        if (action === 'close' && input.payload.paymentReference) after.isPaymentSettled = true;
        const probe = { ...before, facts: after as unknown as StoredCaseFacts };
        const from = before.status as SimplifiedStatus;
        const to = nextSimplifiedStatus(from, action);
        if (!to) {
          throw new AppError('INVALID_TRANSITION', { details: { status: from, action, allowedActions: Object.keys(SIMPLIFIED_TRANSITIONS[from] ?? {}) } });
        }
        const available = availableSimplifiedActions(await domainFacts(probe, tx), await context(before));
        const refused = available.refused.find((x) => x.action === action);
        if (refused) {
          const first = refused.refusals[0]!;
          const err = AppError.fromRefusal(first);
          throw new AppError(first.code, { message: err.message, messageZh: err.messageZh, details: { ...err.details, status: from, action, refusals: refused.refusals } });
        }
        if (action === 'serve') after.servedOn = day;
        if (action === 'file_with_agency') after.filedOn = day;
        const content = { ...before.content } as CaseContent;
        if (action === 'close' && input.payload.paymentReference) content.payments = [...(content.payments ?? []), { amount: f.penalty.fineAmount ?? 0, reference: input.payload.paymentReference, paidOn: day, method: 'bank', isFinal: true }];
        if (input.payload.reason) content.reasons = [...(content.reasons ?? []), { action, reason: input.payload.reason, on: day }];
        const now = clock.now();
        const [updated] = await tx
          .update(cases)
          .set({ status: to, facts: after as unknown as StoredCaseFacts, content, version: sql`${cases.version} + 1`, updatedAt: now })
          .where(and(eq(cases.id, id), eq(cases.version, input.version)))
          .returning();
        if (!updated) throw new AppError('VERSION_CONFLICT', { details: { expectedVersion: input.version } });
        await audit.appendRecords(tx, 'case_event', await tx.insert(caseEvents).values({ caseId: id, seq: updated.version, action, fromStatus: from, toStatus: to, actorId: actor.userId, actorRole: actor.role, payload: { ...input.payload }, occurredAt: now }).returning());
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'case', entityId: id, action, before: { status: from }, after: { status: to }, reason: input.payload.reason ?? null, regionPath: updated.regionPath, agencyId: updated.agencyId });
        return updated;
      });
      return out(row);
    },
  };
}
export type SimplifiedService = ReturnType<typeof createSimplifiedService>;
