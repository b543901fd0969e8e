import { newLeadFacts } from './lead-facts.ts';
import {
  AppError,
  availablePenaltyActions,
  caseDeadlines,
  caseDeadlineStates,
  courtEnforcementWindow,
  executionAccount,
  type ExecutionFacts,
  type ExecutionPayment,
  type OnSiteCollectionGround,
  type PaymentMethod,
  type PaymentSchedule,
  checkPenaltyAction,
  checklistRefusal,
  isHearingEntitled,
  isMajorCase,
  maskIdNumber,
  PENALTY_DEADLINE_LABELS,
  provisionalCalendar,
  type HearingThresholds,
  preReview as runPreReview,
  type CaseFileDoc,
  type PreReviewInput,
  type PreReviewStep,
  type ReviewChecklistKey,
  type CaseOfficer,
  type DiscretionTierFacts,
  type GuardContext,
  type PenaltyAction,
  type PenaltyCaseFacts,
  type PenaltyContent,
  type PenaltyStatus,
  type PenaltyType,
  type ReviewerFacts,
  currentChainLevel,
  hasPermission,
  legacyCaseReview,
  returnReview,
  reviewTrackOf,
  REVIEW_TRACK_CITATIONS,
  type LegalReviewRuleParams,
  requestRoundMaterials,
  supplyRoundMaterials,
  raiseRoundDispute,
  decideRoundDispute,
  roundDeadline,
  reviewSignerRefusal,
  signReviewLevel,
  startCaseReview,
  type CaseReviewProgress,
  type Refusal,
} from '@zhifa/domain';
import { and, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { chinaDate, type Clock } from '../../lib/clock.ts';
import type { AuditService } from '../audit/index.ts';
import type { ReviewChainService } from '../review/index.ts';
import { isInScope, requirePermission, scopeCondition, users, type Actor } from '../identity/index.ts';
import { registryTables, type RuleService } from '../registry/index.ts';
import { documentTitle, type CaseDocumentKind, type CaseDocumentService, type DocumentSnapshot } from './case-documents.service.ts';
import { loadAvFacts, type AvRecordedStages } from './av-facts.ts';
import { caseEServices, caseEvents, cases, type CaseContent, type CaseParty, type StoredCaseFacts } from './cases.schema.ts';
import type { NumberingService } from './numbering.service.ts';
import type { PartyService } from './parties.service.ts';

const { items, officers, certificates, regions, subjects } = registryTables;
type CaseRow = typeof cases.$inferSelect;

export interface OpenCaseInput {
  itemId: string;
  placeRegionCode: string;
  party: CaseParty;
  officerIds: string[];
  violationOn: string;
  violationEndedOn?: string | null | undefined;
  isContinuing?: boolean | undefined;
  discoveredOn: string;
  involvesLifeHealthOrFinancialSafety?: boolean | undefined;
  hasHarmfulConsequences?: boolean | undefined;
  isSuspectedCrime?: boolean | undefined;
  /** Where the case came from (an inspection's result, 行政处罚法 Art.54): kept in its content as the link back. */
  origin?: { kind: 'inspection' | 'complaint'; id: string } | undefined;
}

/** What an action may carry; only the fields the domain facts need (see applyInputs/applyOutcome). */
export interface ActionPayload {
  reason?: string | undefined;
  proposed?: PenaltyContent | undefined;
  reviewerId?: string | undefined;
  discretionTierLevel?: string | null | undefined;
  justification?: string | null | undefined;
  decisionKind?: 'penalty' | 'no_penalty' | undefined;
  statementWaiverSigned?: boolean | undefined;
  findings?: string | undefined;
  evidenceSummary?: string[] | undefined;
  legalBasis?: string | undefined;
  penaltyBasis?: string | undefined;
  checklist?: { key: ReviewChecklistKey; result: 'pass' | 'fail' | 'not_applicable'; comment?: string | undefined }[] | undefined;
  opinion?: string | undefined;
  serviceMethod?: ServiceMethod | undefined;
  servedOn?: string | undefined;
  paymentAmount?: number | undefined;
  paymentReference?: string | undefined;
  /** Execution (行政处罚法 Art.66–72): how and when a payment was made. */
  paymentMethod?: PaymentMethod | undefined;
  paidOn?: string | undefined;
  onSiteGround?: OnSiteCollectionGround | undefined;
  receiptNo?: string | undefined;
  /** A deferral or instalment plan approved on the party's written application (Art.66 para 2). */
  schedule?: { kind: 'deferral' | 'instalments'; appliedOn: string; entries: { dueOn: string; amount: number }[] } | undefined;
  /** A reconsideration or lawsuit against the decision: its kind and the day it was filed or ended (Art.73 para 3). */
  challengeKind?: 'reconsideration' | 'litigation' | undefined;
  challengeOn?: string | undefined;
}

/** 送达方式 (行政处罚法 Art.61; 民事诉讼法 Art.87–95). Electronic service needs the party's written consent. */
export const SERVICE_METHODS = ['direct', 'left_at_address', 'post', 'electronic', 'public_notice'] as const;
export type ServiceMethod = (typeof SERVICE_METHODS)[number];

/**
 * The provisions a handler cited in free text — 《中华人民共和国食品安全法》第三十四条；《…》第…条 — as law + article, so
 * the pre-review can compare them with the item's catalogued basis. Text without a 《》 title stays one provision.
 */
export function citedProvisions(text: string | null | undefined): { law: string; article: string }[] {
  if (!text?.trim()) return [];
  const found = [...text.matchAll(/《([^》]+)》\s*([^《；;，,、]*)/g)].map((m) => ({ law: `《${m[1]!.trim()}》`, article: m[2]!.trim() }));
  return found.length > 0 ? found : [{ law: text.trim(), article: '' }];
}

/** The step a case in this status is heading to, for the pre-review. */
const PRE_REVIEW_STEP_OF: Partial<Record<string, PreReviewStep>> = {
  investigating: 'submit_review',
  investigation_ended: 'submit_review',
  review_returned: 'submit_review',
  under_review: 'submit_review',
  reviewed: 'serve_notice',
  discussed: 'serve_notice',
  notice_served: 'decide',
  hearing_held: 'decide',
  decided: 'close',
  executing: 'close',
  executed: 'close',
};

function extraServices(extra: Record<string, unknown>, receiptId: string) {
  const served = (extra['served'] as { kind: string }[] | undefined) ?? [];
  return served.map((d) => ({ documentId: receiptId, kind: d.kind, method: String(extra['method']), servedOn: String(extra['servedOn']) }));
}

/** The documents each step issues, in order (domain-rules DOC3): what the step decides is put on paper at once. */
function documentsFor(action: PenaltyAction, after: StoredCaseFacts, hearingEntitled: boolean): CaseDocumentKind[] {
  switch (action) {
    case 'file':
      return ['filing_approval'];
    case 'end_investigation':
      return ['investigation_end_report'];
    case 'pass_review':
    case 'return_for_supplement':
      return ['legal_review_opinion'];
    case 'serve_notice':
      return hearingEntitled ? ['penalty_notice', 'hearing_notice', 'service_receipt'] : ['penalty_notice', 'service_receipt'];
    case 'record_hearing':
      return ['hearing_record'];
    case 'decide':
      return [after.decisionKind === 'no_penalty' ? 'no_penalty_decision' : 'penalty_decision'];
    case 'serve_decision':
      return ['service_receipt'];
    case 'close':
      return ['closing_approval'];
    default:
      return [];
  }
}

// Who may act: the case's own agency handles it; legal review belongs to the legal reviewer (行政处罚法 Art.58).
// The permissions live in the domain's role table (packages/domain identity/roles.ts).
const REVIEW_ACTIONS: readonly PenaltyAction[] = ['pass_review', 'return_for_supplement', 'request_review_materials'];
/**
 * The agency head's steps inside a review: extending its time limit (SAMR Art.55; 内蒙古办法 Art.31) and deciding a
 * disagreement about a review opinion (LR9: 内蒙古办法 Art.32; 国办发〔2018〕118号 §四(十四)).
 */
const HEAD_REVIEW_ACTIONS: readonly PenaltyAction[] = ['extend_review', 'uphold_review_opinion', 'overrule_review_opinion'];
/** 行政处罚法 Art.66 para 2: deferral or instalments "经行政机关批准" — the agency head approves, not the handler. */
const HEAD_ACTIONS: readonly PenaltyAction[] = ['approve_deferral'];

/** A payment as the step records it (the pending input the execution guards check). */
function paymentOf(p: ActionPayload, day: string): ExecutionPayment {
  return { amount: p.paymentAmount ?? 0, paidOn: p.paidOn ?? day, method: p.paymentMethod ?? 'bank', reference: p.paymentReference ?? null, onSiteGround: p.onSiteGround ?? null, receiptNo: p.receiptNo ?? null };
}
const PAYMENT_ACTIONS: readonly PenaltyAction[] = ['record_payment', 'record_part_payment'];

/** Staff screens show a natural person's ID number masked; the full number stays in the case record and documents. */
function partyView(p: CaseParty): Record<string, unknown> {
  return p.type === 'individual' ? { ...p, idNumber: maskIdNumber(p.idNumber) } : { ...p };
}

/** An officer as a step loads it: the guard facts plus what the case page shows (name, certificate numbers). */
type LoadedOfficer = CaseOfficer & { name: string; certificateNumbers: { number: string; status: string }[] };
type LoadedFacts = Omit<PenaltyCaseFacts, 'officers'> & { officers: LoadedOfficer[] };

const sameContent = (a: PenaltyContent | null, b: PenaltyContent | null) => JSON.stringify(a) === JSON.stringify(b);

export function createCaseService({
  db,
  audit,
  clock,
  rules,
  numbering,
  parties: partyService,
  documents,
  reviewChains,
  avRecordedStages,
}: {
  db: Db;
  audit: AuditService;
  clock: Clock;
  rules: RuleService;
  numbering: NumberingService;
  parties: PartyService;
  documents: CaseDocumentService;
  reviewChains: ReviewChainService;
  /** REC3: stages of a case with a recording on file (the evidence module, wired in app.ts). */
  avRecordedStages: AvRecordedStages;
}) {
  const today = () => chinaDate(clock.now());

  async function loadOfficers(ids: readonly string[], tx: Db = db): Promise<LoadedOfficer[]> {
    if (ids.length === 0) return [];
    const [os, cs] = await Promise.all([
      tx.select().from(officers).where(inArray(officers.id, [...ids])),
      tx
        .select({ c: certificates, areaPath: regions.path })
        .from(certificates)
        .leftJoin(regions, eq(regions.code, certificates.areaCode))
        .where(inArray(certificates.officerId, [...ids])),
    ]);
    return os.map((o) => ({
      id: o.id,
      name: o.name,
      certificateNumbers: cs.filter((c) => c.c.officerId === o.id).map(({ c }) => ({ number: c.number, status: c.status })),
      personnelType: o.personnelType,
      onDuty: o.onDuty,
      certificates: cs
        .filter((c) => c.c.officerId === o.id)
        .map(({ c, areaPath }) => ({
          status: c.status,
          credentialType: c.credentialType,
          categories: c.categories,
          // An area code missing from the region table covers nothing (an impossible prefix).
          areaPath: areaPath ?? '\u0000',
          issuedOn: c.issuedOn,
          expiresOn: c.expiresOn,
          suspendedUntil: c.suspendedUntil,
        })),
    }));
  }

  async function loadReviewer(id: string | null, caseId: string, tx: Db = db): Promise<ReviewerFacts | null> {
    if (!id) return null;
    const [o] = await tx.select().from(officers).where(eq(officers.id, id));
    if (!o) return null;
    // 行政处罚法 Art.58 para 2: experience is counted from reviews this person passed on other cases.
    const [c] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(caseEvents)
      .where(and(eq(caseEvents.action, 'pass_review'), sql`${caseEvents.payload}->>'reviewerId' = ${id}`, sql`${caseEvents.caseId} <> ${caseId}`));
    return { id: o.id, hasLegalQualification: o.hasLegalQualification, priorReviewCount: c?.n ?? 0 };
  }

  async function factsOf(row: { id: string; itemId: string; status: string; facts: StoredCaseFacts; content: CaseContent }, tx: Db = db): Promise<LoadedFacts> {
    const { officerIds, reviewerId, ...rest } = row.facts;
    return {
      ...rest,
      reviewTrack: reviewTrackOf(row.content.reviewProgress),
      status: row.status as PenaltyStatus,
      officers: await loadOfficers(officerIds, tx),
      reviewer: await loadReviewer(reviewerId, row.id, tx),
      av: await loadAvFacts(tx, row.itemId, row.id, avRecordedStages),
    };
  }

  /** The review round of a case under review; a case submitted before chains existed has the single default level. */
  const progressOf = (r: CaseRow): CaseReviewProgress | null => (r.status === 'under_review' ? (r.content.reviewProgress ?? legacyCaseReview()) : (r.content.reviewProgress ?? null));

  /**
   * Why this user cannot sign the current review level, or null. The legal-review level keeps the assignment rule (the
   * reviewer the case was submitted to, 行政处罚法 Art.58); other levels need a holder of one of the level's positions
   * who did not investigate the case (SAMR Art.49 para 3; the chain's citation).
   */
  async function signRefusalOf(actor: Actor, r: CaseRow, tx: Db = db): Promise<Refusal | null> {
    const p = progressOf(r);
    const level = p ? currentChainLevel(p) : null;
    if (!p || !level || r.status !== 'under_review') return null;
    const [me] = await tx.select({ officerId: users.officerId }).from(users).where(eq(users.id, actor.userId));
    const officerId = me?.officerId ?? null;
    if (level.isLegalReview) {
      if (!hasPermission(actor.role, 'case.review') || !officerId || officerId !== r.facts.reviewerId) {
        return { code: 'FORBIDDEN', message: 'Only the legal reviewer the case was submitted to may decide its review.', messageZh: '只有案件提交的法制审核人员才能作出审核结论。', citation: '行政处罚法 Art.58', details: { reason: 'not_assigned_reviewer', levelKey: level.key } };
      }
      return null;
    }
    return reviewSignerRefusal(p, { officerId, positions: officerId ? await reviewChains.positionsOf(tx, officerId) : [] }, r.facts.officerIds);
  }

  async function contextFor(actor: Actor, row: { regionPath: string; sector: string; placePath: string }): Promise<GuardContext> {
    const now = today();
    const [calendar, resolved] = await Promise.all([rules.calendar(), rules.resolve({ regionPath: row.placePath, sector: row.sector, date: now })]);
    return { actor: { id: actor.userId }, now, calendar, params: resolved.values };
  }

  /** Cases where the actor is one of the handling officers, or the legal reviewer of a case under review. */
  async function mineCondition(actor: Actor): Promise<SQL> {
    const [me] = await db.select({ officerId: users.officerId }).from(users).where(eq(users.id, actor.userId));
    if (!me?.officerId) return sql`false`;
    const positions = await reviewChains.positionsOf(db, me.officerId);
    const level = sql`(${cases.content}->'reviewProgress'->'levels'->((${cases.content}->'reviewProgress'->>'currentIndex')::int))`;
    // A chain level other than the legal review is mine when I hold one of its positions (the legal level stays with
    // the assigned reviewer, 行政处罚法 Art.58).
    // `positions` are members of REVIEW_SIGNER_POSITIONS (positionsOf filters them), so the literal array is safe.
    const chainLevel = positions.length
      ? and(eq(cases.status, 'under_review'), sql`coalesce((${level}->>'isLegalReview')::boolean, true) = false`, sql`${level}->'signers' ?| ${sql.raw(`array[${positions.map((x) => `'${x}'`).join(',')}]`)}`)!
      : sql`false`;
    const legalLevel = and(sql`${cases.facts}->>'reviewerId' = ${me.officerId}`, eq(cases.status, 'under_review'), sql`coalesce((${level}->>'isLegalReview')::boolean, true) = true`)!;
    return or(sql`${cases.facts}->'officerIds' ? ${me.officerId}`, legalLevel, chainLevel)!;
  }

  async function getScoped(actor: Actor, id: string, tx: Db = db): Promise<CaseRow> {
    // Simplified-procedure decisions live in the same table with their own steps (simplified.service.ts).
    const [r] = await tx.select().from(cases).where(and(eq(cases.id, id), eq(cases.procedure, 'ordinary')));
    if (!r || !isInScope(actor, { regionPath: r.regionPath, agencyId: r.agencyId })) throw new AppError('NOT_FOUND');
    return r;
  }

  async function deadlinesOf(r: CaseRow, cal: GuardContext['calendar'], caseDecisionDays: number) {
    const now = today();
    const f = r.facts;
    // A due date in a year whose holiday notice is not entered yet is shown as an estimate, never hidden or guessed
    // silently (domain-rules G5); the guards themselves still refuse with CALENDAR_MISSING.
    const est = provisionalCalendar(cal);
    const ds = caseDeadlines(f, est, { asOf: now, caseDecisionDays });
    return caseDeadlineStates({ ...f, isClosed: r.status === 'closed' || r.status === 'archived' }, ds, now).map((d) => ({
      key: d.key,
      labelZh: PENALTY_DEADLINE_LABELS[d.key].zh,
      labelEn: PENALTY_DEADLINE_LABELS[d.key].en,
      start: d.start,
      dueOn: d.due,
      dayType: d.rule.dayType === 'WORKING' ? ('working' as const) : ('natural' as const),
      length: d.rule.length,
      citation: d.rule.citation,
      pausedDays: d.pausedDays,
      state: d.state,
      calendarProvisional: !cal.years.has(Number(d.due.slice(0, 4))),
      daysLeft: Math.round((Date.parse(d.due) - Date.parse(now)) / 86_400_000),
    }));
  }

  /**
   * Where execution stands today (行政处罚法 Art.66–72; 行政强制法 Art.53–54): the account with the surcharge, the
   * schedules, the reminder and the court window. Dates in a year without holiday data are estimates (flagged).
   */
  function executionOut(f: StoredCaseFacts, ctx: GuardContext) {
    const e = f.execution;
    if (!e || !f.decisionServedOn) return null;
    const est = provisionalCalendar(ctx.calendar);
    const account = executionAccount(e, f.decisionServedOn, ctx.now, est);
    const window = courtEnforcementWindow(e, f.decisionServedOn, est);
    const years = [account.dueOn, window.closesOn, window.reminderWaitEndsOn].filter((d): d is string => !!d).map((d) => Number(d.slice(0, 4)));
    return {
      ...account,
      asOf: ctx.now,
      payments: [...e.payments],
      schedules: e.schedules.map((x): PaymentSchedule & { entries: { dueOn: string; amount: number }[] } => ({ ...x, entries: [...x.entries] })),
      surchargePauses: [...e.surchargePauses],
      reminderServedOn: e.reminderServedOn,
      courtApplicationOn: e.courtApplicationOn,
      courtWindow: window,
      calendarProvisional: years.some((y) => !ctx.calendar.years.has(y)),
    };
  }

  /** The round's review time limit (LR8) with waits for materials excluded; an estimate where the year's calendar is missing. */
  function reviewDeadlineOut(p: CaseReviewProgress, ctx: GuardContext) {
    const d = roundDeadline(p, ctx.params as unknown as LegalReviewRuleParams, provisionalCalendar(ctx.calendar), ctx.now);
    if (!d) return null;
    return {
      start: d.start,
      dueOn: d.due,
      length: d.rule.length,
      dayType: d.rule.dayType === 'WORKING' ? ('working' as const) : ('natural' as const),
      citation: d.rule.citation,
      pausedDays: d.pausedDays,
      isExtended: d.isExtended,
      isAwaitingMaterials: d.isAwaitingMaterials,
      state: d.isAwaitingMaterials ? ('paused' as const) : d.due < ctx.now ? ('overdue' as const) : ('running' as const),
      calendarProvisional: !ctx.calendar.years.has(Number(d.due.slice(0, 4))),
    };
  }

  /**
   * The case as the API returns it. A step passes what it already loaded (`pre`: the officers and the guard context)
   * so that answering does not repeat the step's own reads.
   */
  async function caseOut(actor: Actor, r: CaseRow, pre?: { facts: LoadedFacts; ctx: GuardContext }) {
    const [facts, ctx] = pre ? [pre.facts, pre.ctx] : await Promise.all([factsOf(r), contextFor(actor, r)]);
    const available = availablePenaltyActions(facts, ctx);
    // The review buttons belong to the current level's signers: for anyone else they are refused with the reason.
    const signRefusal = await signRefusalOf(actor, r);
    if (signRefusal) {
      const moved = available.allowed.filter((a) => REVIEW_ACTIONS.includes(a));
      available.allowed = available.allowed.filter((a) => !REVIEW_ACTIONS.includes(a));
      available.refused = [...available.refused.map((x) => (REVIEW_ACTIONS.includes(x.action) ? { ...x, refusals: [...x.refusals, signRefusal] } : x)), ...moved.map((action) => ({ action, refusals: [signRefusal] }))];
    }
    const progress = progressOf(r);
    const reviewerId = r.facts.reviewerId;
    const [[names], reviewerRows, docs] = await Promise.all([
      db.select({ itemName: items.name, itemCode: items.code, agencyName: subjects.name }).from(items).innerJoin(subjects, eq(subjects.id, r.agencyId)).where(eq(items.id, r.itemId)),
      reviewerId
        ? db.select({ name: officers.name, number: certificates.number, status: certificates.status }).from(officers).leftJoin(certificates, eq(certificates.officerId, officers.id)).where(eq(officers.id, reviewerId))
        : Promise.resolve([]),
      documents.listFor(db, r.id),
    ]);
    const item = names ? { name: names.itemName, code: names.itemCode } : undefined;
    const agency = names ? { name: names.agencyName } : undefined;
    const pick = (cs: readonly { number: string | null; status: string | null }[]) => (cs.find((c) => c.status === 'active') ?? cs.find((c) => c.number))?.number ?? null;
    const person = (id: string) => {
      if (id === reviewerId && !facts.officers.some((o) => o.id === id)) return { id, name: reviewerRows[0]?.name ?? '', certificateNo: pick(reviewerRows) };
      const o = facts.officers.find((x) => x.id === id);
      return { id, name: o?.name ?? '', certificateNo: pick(o?.certificateNumbers ?? []) };
    };
    return {
      id: r.id,
      caseNo: r.caseNo,
      procedure: r.procedure,
      itemId: r.itemId,
      itemName: item?.name ?? '',
      itemCode: item?.code ?? '',
      agencyId: r.agencyId,
      agencyName: agency?.name ?? '',
      regionPath: r.regionPath,
      sector: r.sector,
      placePath: r.placePath,
      status: r.status,
      partyId: r.partyId,
      party: partyView(r.party),
      facts: r.facts,
      content: r.content,
      officers: r.facts.officerIds.map(person),
      reviewer: r.facts.reviewerId ? person(r.facts.reviewerId) : null,
      reviewChain: progress ? { ...progress, canSign: r.status === 'under_review' && !signRefusal, signRefusal: r.status === 'under_review' ? signRefusal : null, deadline: r.status === 'under_review' ? reviewDeadlineOut(progress, ctx) : null } : null,
      isMajor: isMajorCase(facts),
      hearingEntitled: isHearingEntitled(facts, ctx.params as unknown as HearingThresholds),
      availableActions: available.allowed,
      refusedActions: available.refused,
      notices: available.notices,
      deadlines: await deadlinesOf(r, ctx.calendar, ctx.params['penalty.caseDecisionDays']),
      execution: executionOut(r.facts, ctx),
      documents: docs.map((d) => ({
        id: d.id,
        kind: d.kind,
        titleZh: documentTitle(d.kind).zh,
        titleEn: documentTitle(d.kind).en,
        number: d.number,
        issuedAt: d.issuedAt.toISOString(),
        createdAt: d.issuedAt.toISOString(),
      })),
      version: r.version,
      /** The server's date in China: forms default to it (the server's clock governs every legal date). */
      today: ctx.now,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  }

  /** Inputs the guards must see (proposal, reviewer, tier) — applied before the check. */
  async function applyInputs(f: StoredCaseFacts, action: PenaltyAction, p: ActionPayload, item: { discretionTiers: { level: string; penaltyTypes: string[]; fineMin?: number | null; fineMax?: number | null }[] }, agencyId: string, tx: Db): Promise<StoredCaseFacts> {
    const out: StoredCaseFacts = { ...f };
    if (p.proposed && !sameContent(p.proposed, f.proposed)) {
      out.proposed = p.proposed;
      // A review covers the penalty it saw: a changed proposal must be reviewed again (行政处罚法 Art.58).
      out.reviewPassedOn = null;
    }
    if (p.discretionTierLevel !== undefined || p.justification !== undefined) {
      const t = p.discretionTierLevel ? item.discretionTiers.find((x) => x.level === p.discretionTierLevel) : undefined;
      if (p.discretionTierLevel && !t) throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['payload', 'discretionTierLevel'], message: 'unknown tier of this item' }] } });
      const tier: DiscretionTierFacts | null = t ? { level: t.level, penaltyTypes: t.penaltyTypes as PenaltyType[], fineMin: t.fineMin ?? null, fineMax: t.fineMax ?? null } : f.discretion.tier;
      out.discretion = { ...f.discretion, tier, justification: p.justification ?? f.discretion.justification };
    }
    if (action === 'submit_review' && p.reviewerId) {
      const [o] = await tx.select().from(officers).where(eq(officers.id, p.reviewerId));
      if (!o || o.agencyId !== agencyId || !o.isLegalReviewer) {
        throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['payload', 'reviewerId'], message: 'not a legal reviewer of this agency', messageZh: '不是本机关的法制审核人员' }] } });
      }
      out.reviewerId = o.id;
    }
    if (action === 'decide' && p.decisionKind) out.decisionKind = p.decisionKind;
    if (f.execution && PAYMENT_ACTIONS.includes(action)) out.execution = { ...f.execution, pendingPayment: paymentOf(p, today()) };
    if (f.execution && action === 'approve_deferral' && p.schedule) {
      out.execution = { ...f.execution, pendingSchedule: { kind: p.schedule.kind, appliedOn: p.schedule.appliedOn, approvedOn: today(), entries: p.schedule.entries } };
    }
    return out;
  }

  /** What the accepted action establishes: the day it happened and the state it leaves behind. */
  function applyOutcome(f: StoredCaseFacts, action: PenaltyAction, from: PenaltyStatus, p: ActionPayload, day: string): StoredCaseFacts {
    const out: StoredCaseFacts = { ...f };
    switch (action) {
      case 'file':
        out.filedOn = day;
        break;
      case 'pass_review':
        out.reviewPassedOn = day;
        break;
      case 'return_for_supplement':
        out.reviewPassedOn = null;
        break;
      case 'require_collective_discussion':
        out.isCollectiveDiscussionRequired = true;
        break;
      case 'record_collective_decision':
        out.collectiveDiscussionOn = day;
        break;
      case 'serve_notice':
        out.noticeServedOn = day;
        out.notified = f.proposed;
        out.statementWaiverSignedOn = p.statementWaiverSigned ? day : null;
        out.hearingRequestedOn = null;
        break;
      case 'request_hearing':
        out.hearingRequestedOn = day;
        break;
      case 'record_hearing':
        out.hearingHeldOn = day;
        break;
      case 'decide': {
        out.decidedOn = day;
        out.decisionKind = f.decisionKind ?? (f.proposed && f.proposed.types.length > 0 ? 'penalty' : 'no_penalty');
        const pr = f.proposed;
        out.isPaymentDue = out.decisionKind === 'penalty' && !!pr && ((pr.fineAmount ?? 0) > 0 || pr.types.some((t) => t === 'confiscate_gains'));
        if (out.decisionKind === 'no_penalty') out.closingTriggerOn = day;
        break;
      }
      case 'serve_decision':
        out.decisionServedOn = day;
        // Execution starts with service (行政处罚法 Art.67 para 3): the 15 days and the surcharge count from here.
        if (f.isPaymentDue) out.execution = { principal: f.proposed?.fineAmount ?? 0, payments: [], schedules: [], surchargePauses: [], reminderServedOn: null, courtApplicationOn: null };
        break;
      case 'record_payment':
        out.paymentCompletedOn = p.paidOn ?? day;
        out.closingTriggerOn = day;
        if (f.execution) out.execution = withoutPending({ ...f.execution, payments: [...f.execution.payments, paymentOf(p, day)] });
        break;
      case 'record_part_payment':
        if (f.execution) out.execution = withoutPending({ ...f.execution, payments: [...f.execution.payments, paymentOf(p, day)] });
        break;
      case 'approve_deferral':
        if (f.execution?.pendingSchedule) out.execution = withoutPending({ ...f.execution, schedules: [...f.execution.schedules, f.execution.pendingSchedule] });
        break;
      case 'serve_reminder':
        if (f.execution) out.execution = { ...f.execution, reminderServedOn: day };
        break;
      case 'apply_court_enforcement':
        if (f.execution) out.execution = { ...f.execution, courtApplicationOn: day };
        break;
      case 'record_challenge':
        if (f.execution) out.execution = { ...f.execution, surchargePauses: [...f.execution.surchargePauses, { reason: p.challengeKind ?? 'reconsideration', from: p.challengeOn ?? day, to: null }] };
        break;
      case 'end_challenge':
        if (f.execution) out.execution = { ...f.execution, surchargePauses: f.execution.surchargePauses.map((x) => (x.to === null ? { ...x, to: p.challengeOn ?? day } : x)) };
        break;
      case 'terminate':
      case 'transfer':
        out.closingTriggerOn = day;
        break;
      case 'suspend':
        out.suspendedFrom = from;
        out.pauses = [...f.pauses, { kind: 'suspension', from: day, to: null }];
        break;
      case 'resume':
        out.suspendedFrom = null;
        out.pauses = f.pauses.map((x) => (x.kind === 'suspension' && x.to === null ? { ...x, to: day } : x));
        break;
      default:
        break;
    }
    return out;
  }

  function withoutPending(e: ExecutionFacts): ExecutionFacts {
    const { pendingPayment: _p, pendingSchedule: _s, ...rest } = e;
    return rest;
  }

  /** The narrative the step adds (what the documents print), with the per-step checks free text needs. */
  function applyContent(c: CaseContent, action: PenaltyAction, p: ActionPayload, day: string, reviewerId: string | null): CaseContent {
    const out: CaseContent = { ...c };
    if (p.findings !== undefined) out.findings = p.findings;
    if (p.evidenceSummary !== undefined) out.evidenceSummary = p.evidenceSummary;
    if (p.legalBasis !== undefined) out.legalBasis = p.legalBasis;
    if (p.penaltyBasis !== undefined) out.penaltyBasis = p.penaltyBasis;
    if (action === 'pass_review' || action === 'return_for_supplement') {
      out.review = { outcome: action === 'pass_review' ? 'agree' : 'investigate_further', opinion: p.opinion ?? p.reason ?? '', checklist: p.checklist ?? [], reviewerId, on: day };
    }
    if (PAYMENT_ACTIONS.includes(action)) {
      const pay = paymentOf(p, day);
      out.payments = [...(c.payments ?? []), { amount: pay.amount, reference: pay.reference, paidOn: pay.paidOn, method: pay.method, ...(pay.receiptNo ? { receiptNo: pay.receiptNo } : {}), isFinal: action === 'record_payment' }];
    }
    if (p.reason && ['decline_filing', 'suspend', 'resume', 'terminate', 'transfer', 'return_for_supplement', 'require_collective_discussion', 'approve_deferral', 'serve_reminder', 'apply_court_enforcement'].includes(action)) {
      out.reasons = [...(c.reasons ?? []), { action, reason: p.reason, on: day }];
    }
    return out;
  }

  /** Per-step input rules that are not procedure guards: missing reasons, an impossible service date. */
  function checkPayload(action: PenaltyAction, p: ActionPayload, f: StoredCaseFacts, todayIs: string) {
    const issues: { path: (string | number)[]; message: string; messageZh: string }[] = [];
    // Inside a review: what materials are asked for, why the limit is extended, why the handlers disagree, and the
    // head's decision are each written down (内蒙古办法 Art.29, 31, 32).
    const needReason: PenaltyAction[] = ['decline_filing', 'suspend', 'terminate', 'transfer', 'request_review_materials', 'extend_review', 'dispute_review', 'uphold_review_opinion', 'overrule_review_opinion'];
    if (needReason.includes(action) && !p.reason?.trim()) issues.push({ path: ['payload', 'reason'], message: 'a reason is required for this step', messageZh: '须填写理由' });
    if (action === 'return_for_supplement' && !(p.opinion ?? p.reason)?.trim()) issues.push({ path: ['payload', 'opinion'], message: 'say what must be supplemented', messageZh: '须写明需要补充的内容' });
    if ((action === 'serve_notice' || action === 'serve_decision') && p.servedOn) {
      const floor = action === 'serve_decision' ? f.decidedOn : f.reviewPassedOn ?? f.filedOn;
      if (p.servedOn > todayIs) issues.push({ path: ['payload', 'servedOn'], message: 'service cannot be recorded in the future', messageZh: '送达日期不能晚于今天' });
      else if (floor && p.servedOn < floor) issues.push({ path: ['payload', 'servedOn'], message: `service cannot precede ${floor}`, messageZh: `送达日期不能早于${floor}` });
    }
    if (PAYMENT_ACTIONS.includes(action)) {
      if (!(p.paymentAmount && p.paymentAmount > 0)) issues.push({ path: ['payload', 'paymentAmount'], message: 'the amount paid is required', messageZh: '须填写缴款金额' });
      if (p.paidOn && p.paidOn > todayIs) issues.push({ path: ['payload', 'paidOn'], message: 'a payment cannot be recorded in the future', messageZh: '缴款日期不能晚于今天' });
      else if (p.paidOn && f.decisionServedOn && p.paidOn < f.decisionServedOn) issues.push({ path: ['payload', 'paidOn'], message: `payment cannot precede service (${f.decisionServedOn})`, messageZh: `缴款日期不能早于决定书送达日期${f.decisionServedOn}` });
      // The payments must be recorded in the order they were made, or the surcharge already accrued would be rewritten.
      const last = f.execution?.payments.at(-1)?.paidOn;
      if (p.paidOn && last && p.paidOn < last) issues.push({ path: ['payload', 'paidOn'], message: `payments are recorded in order; the last one was on ${last}`, messageZh: `缴款须按时间顺序登记，上一笔为${last}` });
    }
    if (action === 'approve_deferral') {
      if (!p.schedule) issues.push({ path: ['payload', 'schedule'], message: 'the approved schedule is required', messageZh: '须填写批准的延期或分期方案' });
      else if (p.schedule.appliedOn > todayIs) issues.push({ path: ['payload', 'schedule', 'appliedOn'], message: 'the application date cannot be in the future', messageZh: '申请日期不能晚于今天' });
      if (!p.reason?.trim()) issues.push({ path: ['payload', 'reason'], message: 'state the financial hardship approved', messageZh: '须写明当事人确有经济困难的情况' });
    }
    if (action === 'record_challenge' || action === 'end_challenge') {
      if (action === 'record_challenge' && !p.challengeKind) issues.push({ path: ['payload', 'challengeKind'], message: 'reconsideration or litigation', messageZh: '须选择行政复议或者行政诉讼' });
      const open = f.execution?.surchargePauses.find((x) => x.to === null);
      const floor = action === 'end_challenge' ? open?.from : f.decisionServedOn;
      if (!p.challengeOn) issues.push({ path: ['payload', 'challengeOn'], message: 'the date is required', messageZh: '须填写日期' });
      else if (p.challengeOn > todayIs) issues.push({ path: ['payload', 'challengeOn'], message: 'the date cannot be in the future', messageZh: '日期不能晚于今天' });
      else if (floor && p.challengeOn < floor) issues.push({ path: ['payload', 'challengeOn'], message: `the date cannot precede ${floor}`, messageZh: `日期不能早于${floor}` });
    }
    if (action === 'serve_reminder' && p.servedOn) {
      if (p.servedOn > todayIs) issues.push({ path: ['payload', 'servedOn'], message: 'service cannot be recorded in the future', messageZh: '送达日期不能晚于今天' });
      else if (f.decisionServedOn && p.servedOn <= f.decisionServedOn) issues.push({ path: ['payload', 'servedOn'], message: `the reminder follows the decision (${f.decisionServedOn})`, messageZh: `催告书送达日期须晚于决定书送达日期${f.decisionServedOn}` });
    }
    if (issues.length) throw new AppError('VALIDATION_FAILED', { details: { issues } });
  }

  /**
   * 行政处罚法 Art.61 para 2: electronic service only with the party's written consent on record; a decision served
   * through the party page is served on the day the party opened it (e-service.service.ts), which becomes the step's date.
   */
  async function electronicServiceDay(tx: Db, c: CaseRow, action: PenaltyAction, p: ActionPayload): Promise<string | null> {
    if (p.serviceMethod !== 'electronic' || !['serve_notice', 'serve_decision', 'serve_reminder'].includes(action)) return null;
    const citation = '行政处罚法 Art.61 para 2';
    if (!(c.content as { eServiceConsent?: unknown }).eServiceConsent) {
      throw new AppError('RULE_VIOLATION', { message: 'Electronic service needs the party’s written consent on record.', messageZh: '电子送达须经当事人同意并签订确认书，请先登记确认书。', details: { citation, guard: 'eServiceConsentRecorded' } });
    }
    if (action !== 'serve_decision') return null;
    const decision = (await documents.listFor(tx, c.id)).filter((d) => d.kind === 'penalty_decision' || d.kind === 'no_penalty_decision').at(-1);
    const [opened] = decision
      ? await tx.select({ at: caseEServices.openedAt }).from(caseEServices).where(and(eq(caseEServices.caseId, c.id), sql`${caseEServices.openedAt} is not null`, sql`${caseEServices.documentIds} ? ${decision.id}`)).orderBy(caseEServices.openedAt).limit(1)
      : [];
    if (!opened?.at) {
      throw new AppError('RULE_VIOLATION', {
        message: 'The party has not opened the decision on the party page yet; it is served on the day the party opens it.',
        messageZh: '当事人尚未在送达页面查阅决定书；电子送达以当事人查阅之日为送达日期。',
        details: { citation, guard: 'eServiceOpened' },
      });
    }
    return chinaDate(opened.at);
  }

  /**
   * 法制审核 checklist (国办发〔2018〕118号 §四(十三); SAMR 程序规定 Art.53–54): every item answered once, failures and
   * n/a explained; a review cannot agree while an item fails, and a return must name the failing items.
   */
  function checklistRefusalOf(action: PenaltyAction, p: ActionPayload) {
    if (action !== 'pass_review' && action !== 'return_for_supplement') return;
    const r = checklistRefusal(p.checklist ?? [], action === 'pass_review' ? 'agree' : 'investigate_further');
    if (!r) return;
    const err = AppError.fromRefusal(r);
    throw new AppError(r.code, { message: err.message, messageZh: err.messageZh, details: { ...err.details, guard: 'reviewChecklist' } });
  }

  return {
    /** 案源登记: a lead with facts built from the item and the assigned officers. */
    async open(actor: Actor, input: OpenCaseInput, meta: { requestId?: string }) {
      requirePermission(actor, 'case.handle');
      if (!actor.agencyId) throw new AppError('FORBIDDEN', { details: { permission: 'cases.handle', reason: 'no agency' } });
      const agencyId = actor.agencyId;
      const row = await db.transaction(async (tx) => {
        const [item] = await tx.select().from(items).where(eq(items.id, input.itemId));
        if (!item) throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['itemId'], message: 'unknown item', messageZh: '执法事项不存在' }] } });
        const [place] = await tx.select().from(regions).where(eq(regions.code, input.placeRegionCode));
        if (!place) throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['placeRegionCode'], message: 'unknown region', messageZh: '区划不存在' }] } });
        const [agency] = await tx.select().from(registryTables.subjects).where(eq(registryTables.subjects.id, agencyId));
        if (!agency) throw new AppError('NOT_FOUND');
        const os = input.officerIds.length ? await tx.select().from(officers).where(inArray(officers.id, input.officerIds)) : [];
        if (os.length !== new Set(input.officerIds).size || os.some((o) => o.agencyId !== agencyId)) {
          throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['officerIds'], message: 'officers must belong to your agency', messageZh: '承办人员须为本机关执法人员' }] } });
        }
        const facts = newLeadFacts({
          partyType: input.party.type,
          item,
          placePath: place.path,
          officerIds: input.officerIds,
          violation: { committedOn: input.violationOn, endedOn: input.violationEndedOn ?? null, isContinuing: input.isContinuing ?? false },
          involvesLifeHealthOrFinancialSafety: input.involvesLifeHealthOrFinancialSafety ?? false,
          hasHarmfulConsequences: input.hasHarmfulConsequences ?? false,
          isSuspectedCrime: input.isSuspectedCrime ?? false,
          discoveredOn: input.discoveredOn,
        });
        const id = crypto.randomUUID();
        const now = clock.now();
        const party = await partyService.resolve(tx, actor, input.party, { requestId: meta.requestId, regionPath: agency.regionPath, agencyId });
        const [r] = await tx
          .insert(cases)
          .values({ id, procedure: 'ordinary', itemId: item.id, agencyId, regionPath: agency.regionPath, sector: item.sector, placePath: place.path, status: 'lead', facts, party: input.party, partyId: party.id, ...(input.origin ? { content: { origin: input.origin } } : {}), createdAt: now, updatedAt: now })
          .returning();
        await audit.appendRecords(tx, 'case_event', await tx.insert(caseEvents).values({ caseId: id, seq: 1, action: 'open', fromStatus: null, toStatus: 'lead', actorId: actor.userId, actorRole: actor.role, payload: { itemId: item.id, officerIds: facts.officerIds, ...(input.origin ? { origin: input.origin } : {}) }, occurredAt: now }).returning());
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'case', entityId: id, action: 'open', after: { status: 'lead', itemId: item.id, officerIds: facts.officerIds }, regionPath: agency.regionPath, agencyId });
        return r!;
      });
      return caseOut(actor, row);
    },

    async get(actor: Actor, id: string) {
      requirePermission(actor, 'case.read');
      return caseOut(actor, await getScoped(actor, id));
    },

    async list(actor: Actor, q: { status?: string | undefined; q?: string | undefined; mine?: boolean | undefined; page: number; pageSize: number }) {
      requirePermission(actor, 'case.read');
      const conds: SQL[] = [scopeCondition(actor, { regionPath: cases.regionPath, agencyId: cases.agencyId }), eq(cases.procedure, 'ordinary')];
      if (q.status) conds.push(eq(cases.status, q.status));
      if (q.q) {
        const like = `%${q.q.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
        conds.push(or(ilike(cases.caseNo, like), sql`${cases.party}->>'name' ilike ${like}`)!);
      }
      if (q.mine) conds.push(await mineCondition(actor));
      const where = and(...conds);
      const [rows, [c]] = await Promise.all([
        db.select().from(cases).where(where).orderBy(desc(cases.createdAt), desc(cases.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
        db.select({ n: sql<number>`count(*)::int` }).from(cases).where(where),
      ]);
      const out = [];
      for (const r of rows) out.push(await caseOut(actor, r));
      return { items: out, total: c?.n ?? 0, page: q.page, pageSize: q.pageSize };
    },

    /**
     * 我的待办: the open cases I handle or must review, each with the steps I can take now and its nearest open
     * deadline; overdue first, then by due date.
     */
    async todo(actor: Actor) {
      requirePermission(actor, 'case.read');
      const rows = await db
        .select()
        .from(cases)
        .where(and(scopeCondition(actor, { regionPath: cases.regionPath, agencyId: cases.agencyId }), eq(cases.procedure, 'ordinary'), await mineCondition(actor), sql`${cases.status} not in ('archived', 'not_filed')`))
        .orderBy(desc(cases.updatedAt))
        .limit(500);
      const [me] = await db.select({ officerId: users.officerId }).from(users).where(eq(users.id, actor.userId));
      const out = [];
      for (const r of rows) {
        const c = await caseOut(actor, r);
        const open = c.deadlines.filter((d) => d.state === 'running' || d.state === 'overdue' || d.state === 'paused').sort((a, b) => a.dueOn.localeCompare(b.dueOn));
        const next = open.find((d) => d.state === 'overdue') ?? open[0] ?? null;
        // The reviewer's turn only for the reviewer the case was submitted to; the handlers wait meanwhile.
        const isReview = r.status === 'under_review' && !!me?.officerId && !(c.reviewChain?.signRefusal ?? null);
        out.push({
          caseId: r.id,
          caseNo: r.caseNo,
          partyName: r.party.name,
          itemName: c.itemName,
          status: r.status,
          role: isReview ? ('reviewer' as const) : ('handler' as const),
          nextActions: c.availableActions.filter((a) => (isReview ? REVIEW_ACTIONS.includes(a as PenaltyAction) : !REVIEW_ACTIONS.includes(a as PenaltyAction))),
          dueOn: next?.dueOn ?? null,
          deadlineKey: next?.key ?? null,
          deadlineLabelZh: next?.labelZh ?? null,
          daysLeft: next?.daysLeft ?? null,
          overdue: next?.state === 'overdue',
        });
      }
      out.sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999'));
      return { items: out.filter((t) => t.nextActions.length > 0 || t.overdue) };
    },

    /**
     * Correct or complete the party's contact details (address for service, phone, legal representative): recorded as
     * a case event and in the party register's history; name and identifier never change here.
     */
    async updateParty(actor: Actor, id: string, input: { address?: string | null | undefined; phone?: string | null | undefined; legalRepresentative?: string | null | undefined; version: number }, meta: { requestId?: string }) {
      requirePermission(actor, 'case.handle');
      const row = await db.transaction(async (tx) => {
        const before = await getScoped(actor, id, tx);
        const party: CaseParty = { ...before.party, ...(input.address !== undefined ? { address: input.address } : {}), ...(input.phone !== undefined ? { phone: input.phone } : {}) };
        if (party.type === 'organisation' && input.legalRepresentative !== undefined) party.legalRepresentative = input.legalRepresentative;
        const registered = await partyService.resolve(tx, actor, party, { requestId: meta.requestId, regionPath: before.regionPath, agencyId: before.agencyId });
        const now = clock.now();
        const [updated] = await tx
          .update(cases)
          .set({ party, partyId: registered.id, version: sql`${cases.version} + 1`, updatedAt: now })
          .where(and(eq(cases.id, id), eq(cases.version, input.version)))
          .returning();
        if (!updated) throw new AppError('VERSION_CONFLICT', { details: { expectedVersion: input.version } });
        const changes = { address: input.address, phone: input.phone, legalRepresentative: input.legalRepresentative };
        await audit.appendRecords(tx, 'case_event', await tx.insert(caseEvents).values({ caseId: id, seq: updated.version, action: 'update_party', fromStatus: before.status, toStatus: before.status, actorId: actor.userId, actorRole: actor.role, payload: changes, occurredAt: now }).returning());
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'case', entityId: id, action: 'update_party', before: { party: before.party }, after: { party }, regionPath: before.regionPath, agencyId: before.agencyId });
        return updated;
      });
      return caseOut(actor, row);
    },

    /**
     * 智能预审: every machine-checkable point of the case for the step it is heading to (or `step`), run by the domain's
     * `preReview` on what the case holds now — shown to the handler before submitting and to the reviewer before reviewing.
     */
    async preReview(actor: Actor, id: string, stepIn?: PreReviewStep) {
      requirePermission(actor, 'case.read');
      const r = await getScoped(actor, id);
      const facts = await factsOf(r);
      const ctx = await contextFor(actor, r);
      const step: PreReviewStep = stepIn ?? PRE_REVIEW_STEP_OF[r.status] ?? 'submit_review';
      const [[item], evs, docs] = await Promise.all([
        db.select().from(items).where(eq(items.id, r.itemId)),
        db.select().from(caseEvents).where(eq(caseEvents.caseId, id)).orderBy(caseEvents.seq),
        documents.listFor(db, id),
      ]);
      const dayOf = (action: string, last = false) => {
        const hits = evs.filter((e) => e.action === action);
        const e = last ? hits.at(-1) : hits[0];
        return e ? chinaDate(e.occurredAt) : null;
      };
      const p = r.party;
      const c = r.content;
      const byNumber = new Map(docs.filter((d) => d.number).map((d) => [`${d.kind}:${d.number}`, d.id]));
      const input: PreReviewInput = {
        step,
        asOf: ctx.now,
        partyType: p.type,
        party: { name: p.name, identifier: p.type === 'individual' ? p.idNumber : p.uscc, address: p.address ?? null },
        sector: r.sector,
        placePath: r.placePath,
        findings: c.findings ?? null,
        item: item ? { code: item.code, legalBasis: item.legalBasis.map((b) => ({ law: b.law, article: b.article, effectiveFrom: b.effectiveFrom, effectiveTo: b.effectiveTo ?? null })) } : null,
        citedBasis: [...citedProvisions(c.legalBasis), ...citedProvisions(c.penaltyBasis)],
        violation: r.facts.violation,
        involvesLifeHealthOrFinancialSafety: r.facts.involvesLifeHealthOrFinancialSafety,
        hasHarmfulConsequences: r.facts.hasHarmfulConsequences,
        dates: {
          discoveredOn: r.facts.discoveredOn,
          filedOn: r.facts.filedOn,
          investigationEndedOn: dayOf('end_investigation', true),
          reviewSubmittedOn: dayOf('submit_review', true),
          reviewPassedOn: r.facts.reviewPassedOn,
          noticeServedOn: r.facts.noticeServedOn,
          hearingRequestedOn: r.facts.hearingRequestedOn,
          hearingHeldOn: r.facts.hearingHeldOn,
          decidedOn: r.facts.decidedOn,
          decisionServedOn: r.facts.decisionServedOn,
          paidOn: r.facts.paymentCompletedOn,
          closedOn: dayOf('close', true),
        },
        proposed: r.facts.proposed,
        notified: r.facts.notified,
        noticeStatesHearingRight: docs.some((d) => d.kind === 'hearing_notice'),
        discretion: r.facts.discretion,
        officers: facts.officers,
        // The investigation steps were taken by the case's officers on the days they were recorded (行政处罚法 Art.42, 55).
        acts: evs
          .filter((e) => ['file', 'start_investigation', 'end_investigation'].includes(e.action))
          .map((e) => ({ kind: e.action, on: chinaDate(e.occurredAt), officerIds: r.facts.officerIds, needsTwoOfficers: true })),
        reviewerId: r.facts.reviewerId,
        documents: docs.map((d) => {
          const snap = d.data as unknown as DocumentSnapshot;
          const served = (snap.extra['served'] as { kind: string; number: string | null }[] | undefined)?.[0];
          return {
            id: d.id,
            kind: d.kind as CaseFileDoc['kind'],
            date: snap.date,
            ...(served ? { servesDocumentId: byNumber.get(`${served.kind}:${served.number}`) ?? docs.find((x) => x.kind === served.kind)?.id ?? null } : {}),
          };
        }),
        isCollectiveDiscussionRequired: r.facts.isCollectiveDiscussionRequired,
        params: ctx.params as unknown as PreReviewInput['params'],
      };
      return { step, ...runPreReview(input, provisionalCalendar(ctx.calendar)) };
    },

    async events(actor: Actor, id: string) {
      requirePermission(actor, 'case.read');
      await getScoped(actor, id);
      const rows = await db
        .select({ e: caseEvents, actorName: users.displayName })
        .from(caseEvents)
        .leftJoin(users, eq(users.id, caseEvents.actorId))
        .where(eq(caseEvents.caseId, id))
        .orderBy(caseEvents.seq);
      return rows.map(({ e, actorName }) => ({ ...e, actorName: actorName ?? null, occurredAt: e.occurredAt.toISOString() }));
    },

    /**
     * One procedural step: table check (409 with allowedActions), guards (422 with the citation), then one transaction
     * with the projection update (optimistic version), the case event and the audit/ledger entry.
     */
    async act(actor: Actor, id: string, action: PenaltyAction, input: { payload: ActionPayload; version: number; idempotencyKey?: string | undefined }, meta: { requestId?: string }) {
      // A transfer is taken through the transfers module only, so that it has its record, the receiver's acceptance and
      // the block on re-transfer (市场监督管理行政处罚程序规定 Art.17): no case left with nobody, none moved twice.
      if (action === 'transfer') {
        throw new AppError('RULE_VIOLATION', {
          message: 'A case is transferred through 案件移送 (POST /api/v1/transfers/agency), which records the transfer and the receiver\'s acceptance.',
          messageZh: '移送案件请通过“案件移送”办理（记录移送并由受移送机关接收），不能直接变更案件状态。',
          details: { citation: '行政处罚法 Art.57(4); 市场监督管理行政处罚程序规定 Art.17', hint: 'POST /api/v1/transfers/agency', action },
        });
      }
      const isReview = REVIEW_ACTIONS.includes(action);
      // A review step needs a reviewing role, or (for a chain level other than the legal review) the case's agency
      // staff holding the level's position; who exactly may sign is checked against the case below.
      if (!isReview || !hasPermission(actor.role, 'case.handle')) requirePermission(actor, isReview ? 'case.review' : 'case.handle');
      const done = await db.transaction(async (tx): Promise<{ row: CaseRow; pre?: { facts: LoadedFacts; ctx: GuardContext } }> => {
        const before = await getScoped(actor, id, tx);
        let level: ReturnType<typeof currentChainLevel> = null;
        if (isReview) {
          if (before.status === 'under_review') {
            const refusal = await signRefusalOf(actor, before, tx);
            if (refusal?.code === 'FORBIDDEN') {
              throw new AppError('FORBIDDEN', { message: refusal.message, messageZh: refusal.messageZh, details: { ...refusal.details, citation: refusal.citation } });
            }
            if (refusal) {
              const err = AppError.fromRefusal(refusal);
              throw new AppError(refusal.code, { message: err.message, messageZh: err.messageZh, details: { ...err.details, status: before.status, action } });
            }
            level = currentChainLevel(progressOf(before)!);
          } else {
            // Not under review: the transition table answers 409 below, for reviewers only.
            requirePermission(actor, 'case.review');
          }
        }
        if (HEAD_ACTIONS.includes(action) && actor.role !== 'agency_head') {
          throw new AppError('FORBIDDEN', {
            message: 'Deferral or instalment payment is approved by the agency head.',
            messageZh: '延期或者分期缴纳罚款须经行政机关负责人批准。',
            details: { reason: 'head_approval_required', citation: '行政处罚法 Art.66 para 2' },
          });
        }
        if (HEAD_REVIEW_ACTIONS.includes(action) && actor.role !== 'agency_head') {
          const isExtension = action === 'extend_review';
          throw new AppError('FORBIDDEN', {
            message: isExtension ? 'Extending the review time limit needs the approval of the agency head.' : 'Only the agency head decides a disagreement about a review opinion.',
            messageZh: isExtension ? '延长审核期限须经行政执法部门负责人批准。' : '对审核意见的分歧由行政执法部门负责人决定。',
            details: { reason: 'head_decision_required', citation: isExtension ? REVIEW_TRACK_CITATIONS.extension : REVIEW_TRACK_CITATIONS.dispute },
          });
        }
        if (input.idempotencyKey) {
          // A retried request: answer with the current case, write nothing.
          const [seen] = await tx.select().from(caseEvents).where(and(eq(caseEvents.caseId, id), eq(caseEvents.idempotencyKey, input.idempotencyKey)));
          if (seen) {
            if (seen.action !== action) throw new AppError('DUPLICATE', { details: { idempotencyKey: input.idempotencyKey, action: seen.action } });
            return { row: before };
          }
        }
        checkPayload(action, input.payload, before.facts, today());
        // The checklist is the legal-review level's (SAMR Art.53–54); other levels sign with their opinion.
        if (!level || level.isLegalReview) checklistRefusalOf(action, input.payload);
        else if (action === 'pass_review' && !input.payload.opinion?.trim()) {
          throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['payload', 'opinion'], message: 'write the review opinion of this level', messageZh: '须填写本层级审核意见' }] } });
        }
        const electronicDay = await electronicServiceDay(tx, before, action, input.payload);
        const [item] = await tx.select().from(items).where(eq(items.id, before.itemId));
        const stored = await applyInputs(before.facts, action, input.payload, { discretionTiers: item?.discretionTiers ?? [] }, before.agencyId, tx);
        const loaded = await factsOf({ id, itemId: before.itemId, status: before.status, facts: stored, content: before.content }, tx);
        // REC3: the 送达方式 of this step decides whether it must be on audio-video (serviceAvRecorded).
        const isService = action === 'serve_notice' || action === 'serve_decision' || action === 'serve_reminder';
        const facts = isService ? { ...loaded, pendingService: { method: input.payload.serviceMethod ?? 'direct' } } : loaded;
        const ctx = await contextFor(actor, before);
        const checked = checkPenaltyAction(facts, action, ctx);
        if (!checked.ok) {
          const first = checked.refusals[0]!;
          const err = AppError.fromRefusal(first);
          throw new AppError(first.code, { message: err.message, messageZh: err.messageZh, details: { ...err.details, status: before.status, action, refusals: checked.refusals } });
        }
        const from = before.status as PenaltyStatus;
        // The review chain: a pass at a level before the last keeps the case under review (SAMR Art.49–55 as the
        // agency organised its levels); a return at any level ends the round; a submission opens a new round.
        let progress = before.content.reviewProgress ?? null;
        let to: PenaltyStatus = checked.to;
        const [meRow] = isReview ? await tx.select({ officerId: users.officerId }).from(users).where(eq(users.id, actor.userId)) : [];
        const signer = { signerOfficerId: meRow?.officerId ?? '', signerUserId: actor.userId, signerName: actor.displayName };
        if (action === 'submit_review') {
          const inForce = await reviewChains.chainFor(tx, before.agencyId, today());
          progress = { ...startCaseReview(inForce.chain, inForce.version, { isMajor: isMajorCase(facts), proposed: stored.proposed, hearingHeld: !!stored.hearingHeldOn }, progress), startedOn: today() };
        } else if (action === 'pass_review' && level) {
          const signed = signReviewLevel(progressOf(before)!, { ...signer, opinion: input.payload.opinion ?? '', on: today(), at: clock.now().toISOString() });
          progress = signed.progress;
          if (!signed.isLast) to = 'under_review';
        } else if (action === 'return_for_supplement' && level) {
          progress = returnReview(progressOf(before)!, { ...signer, reason: input.payload.opinion ?? input.payload.reason ?? '', on: today() });
        } else if (action === 'request_review_materials') {
          progress = requestRoundMaterials(progressOf(before)!, { requestedOn: today(), requestedBy: actor.displayName, materials: input.payload.reason ?? '' });
        } else if (action === 'supply_review_materials') {
          progress = supplyRoundMaterials(progressOf(before)!, today(), input.payload.reason ?? null);
        } else if (action === 'extend_review') {
          // The length granted is recorded with the approval, so a later profile change does not move it.
          progress = { ...progressOf(before)!, extension: { approvedOn: today(), approverUserId: actor.userId, approverName: actor.displayName, days: (ctx.params as unknown as LegalReviewRuleParams)['legalReview.extensionDays'], reason: input.payload.reason ?? '' } };
        } else if (action === 'dispute_review') {
          progress = raiseRoundDispute(before.content.reviewProgress!, { raisedOn: today(), raisedByName: actor.displayName, reason: input.payload.reason ?? '' });
        } else if (action === 'uphold_review_opinion' || action === 'overrule_review_opinion') {
          const decided = decideRoundDispute(before.content.reviewProgress!, { on: today(), deciderUserId: actor.userId, deciderName: actor.displayName, upheld: action === 'uphold_review_opinion', text: input.payload.reason ?? '' });
          progress = decided.progress;
          // Overruled at the last level: the review has passed (the case moves on as after a pass).
          if (action === 'overrule_review_opinion') to = decided.isLast ? 'reviewed' : 'under_review';
        }
        const isIntermediate = action === 'pass_review' && to === 'under_review';
        const day = electronicDay ?? ((action === 'serve_notice' || action === 'serve_decision' || action === 'serve_reminder') && input.payload.servedOn ? input.payload.servedOn : today());
        const after0 = isIntermediate ? stored : applyOutcome(stored, action, from, input.payload, day);
        // The head overruled the last level's return: the review passed that day (行政处罚法 Art.58; 内蒙古办法 Art.32).
        const after = action === 'overrule_review_opinion' && to === 'reviewed' ? { ...after0, reviewPassedOn: day } : after0;
        // The opinion document and content.review are the legal-review level's (法制审核意见书); other levels' opinions
        // live in the chain record.
        const isLegalStep = !level || level.isLegalReview;
        const content0 = isReview && !isLegalStep ? { ...before.content, ...(action === 'return_for_supplement' ? { reasons: [...(before.content.reasons ?? []), { action, reason: input.payload.opinion ?? input.payload.reason ?? '', on: day }] } : {}) } : applyContent(before.content, action, input.payload, day, after.reviewerId);
        const content: CaseContent = progress ? { ...content0, reviewProgress: progress } : content0;
        const now = clock.now();
        // 案件编号 on filing, from the agency's sequence in this transaction (no gap, no duplicate: numbering.service).
        const caseNo = action === 'file' && !before.caseNo ? (await numbering.allocate(tx, before.agencyId, 'case', '立', Number(day.slice(0, 4)))).number : before.caseNo;
        const [updated] = await tx
          .update(cases)
          .set({ status: to, facts: after, content, caseNo, version: sql`${cases.version} + 1`, updatedAt: now })
          .where(and(eq(cases.id, id), eq(cases.version, input.version)))
          .returning();
        if (!updated) throw new AppError('VERSION_CONFLICT', { details: { expectedVersion: input.version } });
        // `reviewerId` on a pass marks a legal review done (the experience count of 行政处罚法 Art.58 para 2).
        const payload: Record<string, unknown> = {
          ...input.payload,
          ...((action === 'pass_review' && isLegalStep) || action === 'submit_review' ? { reviewerId: after.reviewerId } : {}),
          ...(level ? { reviewLevel: level.key, reviewRound: progress?.round ?? null, signerOfficerId: signer.signerOfficerId } : {}),
          ...(action === 'submit_review' && progress ? { reviewChain: progress.chainCode, reviewChainVersion: progress.chainVersion, reviewLevels: progress.levels.map((l) => l.key) } : {}),
        };
        // Every event bumps the version and every version bump is an event (open = 1), so the event's number is the new
        // version; the unique (case_id, seq) index would refuse a step that broke this.
        const seq = updated.version;
        await audit.appendRecords(tx, 'case_event', await tx.insert(caseEvents).values({ caseId: id, seq, action, fromStatus: from, toStatus: to, actorId: actor.userId, actorRole: actor.role, payload, idempotencyKey: input.idempotencyKey ?? null, occurredAt: now }).returning());
        // The documents this step puts on paper, frozen with the case as it now stands.
        const params = ctx.params as unknown as HearingThresholds;
        // The 法制审核意见书 is the legal-review level's: issued once the whole review passes, or when that level returns
        // the case (a return at another level is recorded in the chain and the reasons).
        const kinds = isIntermediate || (action === 'return_for_supplement' && !isLegalStep) ? [] : documentsFor(action, after, isHearingEntitled(after, params));
        const issued: { kind: string; number: string | null; id: string }[] = [];
        for (const [i, kind] of kinds.entries()) {
          let extra: Record<string, unknown> = {};
          if (kind === 'penalty_notice') extra = { hearingEntitled: isHearingEntitled(after, params) };
          if (kind === 'closing_approval') {
            const decision = (await documents.listFor(tx, id)).filter((d) => d.kind === 'penalty_decision' || d.kind === 'no_penalty_decision').at(-1);
            extra = { decisionNumber: decision?.number ?? null };
          }
          if (kind === 'service_receipt') {
            const served = action === 'serve_notice' ? issued.filter((d) => d.kind !== 'service_receipt') : (await documents.listFor(tx, id)).filter((d) => d.kind === 'penalty_decision' || d.kind === 'no_penalty_decision').slice(-1);
            extra = { served: served.map((d) => ({ kind: d.kind, title: documentTitle(d.kind).zh, number: d.number })), method: input.payload.serviceMethod ?? 'direct', servedOn: day };
          }
          const d = await documents.issue(tx, { kind, date: day, caseRow: { ...updated, content }, issuedBy: actor.userId, eventSeq: seq, at: new Date(now.getTime() + i), extra });
          issued.push({ kind, number: d.number, id: d.id });
          if (kind === 'service_receipt') {
            await tx.update(cases).set({ content: sql`jsonb_set(${cases.content}, '{services}', coalesce(${cases.content}->'services', '[]'::jsonb) || ${JSON.stringify(extraServices(extra, d.id))}::jsonb)` }).where(eq(cases.id, id));
          }
        }
        const changed = Object.keys(after).filter((k) => JSON.stringify(after[k as keyof StoredCaseFacts]) !== JSON.stringify(before.facts[k as keyof StoredCaseFacts]));
        await audit.recordChange(tx, {
          actor,
          requestId: meta.requestId,
          entityType: 'case',
          entityId: id,
          action,
          before: { status: from, ...Object.fromEntries(changed.map((k) => [k, before.facts[k as keyof StoredCaseFacts] ?? null])) },
          after: { status: to, ...(level ? { reviewLevel: level.key } : {}), ...Object.fromEntries(changed.map((k) => [k, after[k as keyof StoredCaseFacts] ?? null])) },
          reason: input.payload.reason ?? null,
          idempotencyKey: input.idempotencyKey ?? null,
          regionPath: updated.regionPath,
          agencyId: updated.agencyId,
        });
        // The case as it now stands, from what this step already loaded (the officers do not change in a step).
        const { officerIds: _o, reviewerId: _r, ...rest } = after;
        const reviewer = after.reviewerId === stored.reviewerId ? facts.reviewer : await loadReviewer(after.reviewerId, id, tx);
        return { row: updated, pre: { facts: { ...rest, status: to, officers: facts.officers, reviewer, av: facts.av, reviewTrack: reviewTrackOf(content.reviewProgress) }, ctx } };
      });
      return caseOut(actor, done.row, done.pre);
    },
  };
}
export type CaseService = ReturnType<typeof createCaseService>;
