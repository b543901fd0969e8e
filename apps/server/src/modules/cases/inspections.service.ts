import {
  AppError,
  availableInspectionActions,
  checkInspectionAction,
  INSPECTION_DEADLINE_LABELS,
  inspectionDeadlines,
  makeInspectionResult,
  provisionalCalendar,
  type InspectionAction,
  type InspectionFacts,
  type InspectionFollowUp,
  type InspectionGuardContext,
  type InspectionOnSiteRecord,
  type InspectionStatus,
  type SubjectKind,
} from '@zhifa/domain';
import { and, desc, eq, ilike, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { chinaDate, type Clock } from '../../lib/clock.ts';
import type { AuditService } from '../audit/index.ts';
import { isInScope, requirePermission, scopeCondition, users, type Actor } from '../identity/index.ts';
import { registryTables, type RuleService } from '../registry/index.ts';
import type { CaseService, OpenCaseInput } from './cases.service.ts';
import { cases as caseTable, type CaseParty } from './cases.schema.ts';
import { inspectionEvents, inspections, type InspectionContent, type StoredInspectionFacts } from './inspections.schema.ts';
import { chinaDateTime, checkOfficersOfAgency, loadOfficerFacts, type LoadedOfficer } from './officer-facts.ts';
import { loadAvFacts, type AvRecordedStages } from './av-facts.ts';

const { items, regions, subjects } = registryTables;
type InspectionRow = typeof inspections.$inferSelect;

export interface CreateInspectionInput {
  itemId: string;
  placeRegionCode: string;
  target: CaseParty;
  officerIds: string[];
  isNoticeRequired?: boolean | undefined;
  legalBasis?: string | null | undefined;
  purpose?: string | undefined;
  plannedOn?: string | undefined;
}

/** What a step may carry (see applyInputs). */
export interface InspectionPayload {
  reason?: string | undefined;
  noticeMethod?: string | undefined;
  officerIds?: string[] | undefined;
  areCertificatesShown?: boolean | undefined;
  conflictedOfficerIds?: string[] | undefined;
  place?: string | undefined;
  notes?: string | undefined;
  onSiteRecord?: InspectionOnSiteRecord | undefined;
  outcome?: 'no_problem' | 'problems_found' | undefined;
  findings?: string[] | undefined;
  followUps?: InspectionFollowUp[] | undefined;
  rectificationItems?: string[] | undefined;
  rectificationDueOn?: string | undefined;
  isRectified?: boolean | undefined;
}

/** Opening the penalty case an inspection's result calls for (行政处罚法 Art.54): the case's own guards then apply. */
export interface OpenLinkedCaseInput {
  itemId: string;
  officerIds?: string[] | undefined;
  violationOn: string;
  discoveredOn?: string | undefined;
  isSuspectedCrime?: boolean | undefined;
  involvesLifeHealthOrFinancialSafety?: boolean | undefined;
  version: number;
}

const identifierOf = (p: CaseParty) => (p.type === 'individual' ? p.idNumber : p.uscc);

export function createInspectionService({ db, audit, clock, rules, cases, avRecordedStages }: { db: Db; audit: AuditService; clock: Clock; rules: RuleService; cases: CaseService; avRecordedStages: AvRecordedStages }) {
  const today = () => chinaDate(clock.now());

  async function getScoped(actor: Actor, id: string, tx: Db = db): Promise<InspectionRow> {
    const [r] = await tx.select().from(inspections).where(eq(inspections.id, id));
    if (!r || !isInScope(actor, { regionPath: r.regionPath, agencyId: r.agencyId })) throw new AppError('NOT_FOUND');
    return r;
  }

  async function contextFor(actor: Actor, row: { sector: string; placePath: string }): Promise<InspectionGuardContext> {
    const now = today();
    const [calendar, resolved] = await Promise.all([rules.calendar(), rules.resolve({ regionPath: row.placePath, sector: row.sector, date: now })]);
    return { actor: { id: actor.userId }, now, calendar, params: resolved.values as unknown as InspectionGuardContext['params'] };
  }

  /** 国办发〔2024〕54号 annual cap: on-site inspections of the same target this year, by any agency, other than this one. */
  async function inspectionsThisYear(tx: Db, r: { id: string; target: CaseParty }, year: string): Promise<number> {
    const key = r.target.type === 'individual' ? 'idNumber' : 'uscc';
    const [c] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(inspections)
      .where(and(sql`${inspections.target}->>${key} = ${identifierOf(r.target)}`, sql`${inspections.facts}->>'onSiteOn' like ${`${year}-%`}`, sql`${inspections.id} <> ${r.id}`));
    return c?.n ?? 0;
  }

  async function factsOf(tx: Db, r: { id: string; itemId: string; status: string; facts: StoredInspectionFacts; target: CaseParty }): Promise<Omit<InspectionFacts, 'officers'> & { officers: LoadedOfficer[] }> {
    const { officerIds, ...rest } = r.facts;
    const [officers, count, av] = await Promise.all([loadOfficerFacts(tx, officerIds), inspectionsThisYear(tx, r, today().slice(0, 4)), loadAvFacts(tx, r.itemId, r.id, avRecordedStages)]);
    return { ...rest, status: r.status as InspectionStatus, officers, inspectionsThisYear: count, av };
  }

  function deadlinesOf(r: InspectionRow, ctx: InspectionGuardContext) {
    const now = ctx.now;
    const cal = provisionalCalendar(ctx.calendar);
    const ended = r.status === 'closed' || r.status === 'cancelled';
    return inspectionDeadlines(r.facts, cal, ctx.params).map((d) => {
      const met = d.key === 'caseFiling' && !!r.linkedCaseId;
      return {
        key: d.key,
        labelZh: INSPECTION_DEADLINE_LABELS[d.key].zh,
        labelEn: INSPECTION_DEADLINE_LABELS[d.key].en,
        start: d.start,
        dueOn: d.due,
        dayType: d.rule.dayType === 'WORKING' ? ('working' as const) : ('natural' as const),
        length: d.rule.length,
        citation: d.rule.citation,
        state: met ? ('met' as const) : ended ? ('ended' as const) : now > d.due ? ('overdue' as const) : ('running' as const),
        calendarProvisional: !ctx.calendar.years.has(Number(d.due.slice(0, 4))),
        daysLeft: Math.round((Date.parse(d.due) - Date.parse(now)) / 86_400_000),
      };
    });
  }

  async function inspectionOut(actor: Actor, r: InspectionRow) {
    const [facts, ctx] = await Promise.all([factsOf(db, r), contextFor(actor, r)]);
    const available = availableInspectionActions(facts, ctx);
    const [[names], linked] = await Promise.all([
      db.select({ itemName: items.name, itemCode: items.code, agencyName: subjects.name }).from(items).innerJoin(subjects, eq(subjects.id, r.agencyId)).where(eq(items.id, r.itemId)),
      r.linkedCaseId ? db.select({ id: caseTable.id, caseNo: caseTable.caseNo, status: caseTable.status }).from(caseTable).where(eq(caseTable.id, r.linkedCaseId)) : Promise.resolve([]),
    ]);
    const { officerIds: _o, ...plain } = r.facts;
    return {
      id: r.id,
      itemId: r.itemId,
      itemName: names?.itemName ?? '',
      itemCode: names?.itemCode ?? '',
      agencyId: r.agencyId,
      agencyName: names?.agencyName ?? '',
      regionPath: r.regionPath,
      sector: r.sector,
      placePath: r.placePath,
      placeRegionCode: r.placeRegionCode,
      status: r.status,
      target: r.target.type === 'individual' ? { ...r.target, idNumber: `${r.target.idNumber.slice(0, 6)}********${r.target.idNumber.slice(-4)}` } : { ...r.target },
      facts: { ...plain, officerIds: r.facts.officerIds, inspectionsThisYear: facts.inspectionsThisYear },
      content: r.content,
      officers: facts.officers.map((o) => ({ id: o.id, name: o.name, certificateNo: o.certificateNo })),
      linkedCase: linked[0] ?? null,
      availableActions: available.allowed,
      refusedActions: available.refused,
      notices: available.notices,
      deadlines: deadlinesOf(r, ctx),
      version: r.version,
      today: ctx.now,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  }

  function checkPayload(action: InspectionAction, p: InspectionPayload, f: StoredInspectionFacts) {
    const issues: { path: (string | number)[]; message: string; messageZh: string }[] = [];
    if (action === 'record_result' && !p.outcome) issues.push({ path: ['payload', 'outcome'], message: 'state the result', messageZh: '须填写检查结果' });
    if (action === 'record_rectification_check' && p.isRectified === undefined) issues.push({ path: ['payload', 'isRectified'], message: 'state whether the problems were corrected', messageZh: '须写明是否已改正' });
    if (p.conflictedOfficerIds?.some((id) => !(p.officerIds ?? f.officerIds).includes(id))) {
      issues.push({ path: ['payload', 'conflictedOfficerIds'], message: 'only officers of this inspection can declare a conflict', messageZh: '回避声明须为本次检查人员' });
    }
    if (issues.length) throw new AppError('VALIDATION_FAILED', { details: { issues } });
  }

  /** The content a step carries, applied before the guards read it (facts convention of inspection.ts). */
  function applyInputs(f: StoredInspectionFacts, action: InspectionAction, p: InspectionPayload, actor: Actor, day: string): StoredInspectionFacts {
    const out: StoredInspectionFacts = { ...f };
    switch (action) {
      case 'approve':
        // 国办发〔2024〕54号: the approver is whoever takes the step; only an agency head's approval counts.
        out.approval = { approverId: actor.userId, isAgencyHead: actor.role === 'agency_head', approvedOn: day };
        break;
      case 'cancel':
        out.cancelReason = p.reason ?? null;
        break;
      case 'start_on_site':
        if (p.officerIds) out.officerIds = [...new Set(p.officerIds)];
        out.areCertificatesShown = p.areCertificatesShown ?? false;
        out.conflictedOfficerIds = p.conflictedOfficerIds ?? [];
        break;
      case 'record_result':
        out.onSiteRecord = p.onSiteRecord ?? null;
        out.result = makeInspectionResult(p.outcome!, p.findings ?? [], p.followUps ?? []);
        break;
      case 'order_rectification':
        out.rectification = { items: p.rectificationItems ?? [], dueOn: p.rectificationDueOn ?? '', orderedOn: null, checkedOn: null, isRectified: null };
        break;
      case 'record_rectification_check':
        // Not corrected: the result now calls for a penalty case unless one is already on its follow-ups.
        if (f.result && p.isRectified === false && !f.result.followUps.includes('penalty_case')) {
          out.result = makeInspectionResult('problems_found', [...f.result.findings, ...(p.findings ?? [])], [...f.result.followUps, 'penalty_case']);
        }
        break;
      default:
        break;
    }
    return out;
  }

  /** What the accepted step establishes. */
  function applyOutcome(f: StoredInspectionFacts, action: InspectionAction, p: InspectionPayload, day: string): StoredInspectionFacts {
    const out: StoredInspectionFacts = { ...f };
    if (action === 'send_notice') out.noticeSentOn = day;
    if (action === 'start_on_site') out.onSiteOn = day;
    if (action === 'record_result') out.resultRecordedOn = day;
    if (action === 'order_rectification' && out.rectification) out.rectification = { ...out.rectification, orderedOn: day };
    if (action === 'record_rectification_check' && out.rectification) out.rectification = { ...out.rectification, checkedOn: day, isRectified: p.isRectified ?? null };
    return out;
  }

  function applyContent(c: InspectionContent, action: InspectionAction, p: InspectionPayload, day: string, at: string): InspectionContent {
    const out: InspectionContent = { ...c };
    if (action === 'send_notice') out.noticeMethod = p.noticeMethod ?? 'written';
    if (action === 'start_on_site') out.onSite = { startedAt: at, place: p.place ?? null, notes: p.notes ?? null };
    if (action === 'record_result' && p.notes) out.resultNotes = p.notes;
    if (action === 'record_rectification_check') out.rectificationChecks = [...(c.rectificationChecks ?? []), { on: day, isRectified: p.isRectified ?? false, notes: p.notes ?? null }];
    if (action === 'cancel' && p.reason) out.reasons = [...(c.reasons ?? []), { action, reason: p.reason, on: day }];
    return out;
  }

  async function write(tx: Db, actor: Actor, before: InspectionRow, set: Partial<InspectionRow>, version: number, ev: { action: string; to: string; payload: Record<string, unknown> }, meta: { requestId?: string }, reason: string | null = null) {
    const now = clock.now();
    const [updated] = await tx
      .update(inspections)
      .set({ ...set, version: sql`${inspections.version} + 1`, updatedAt: now })
      .where(and(eq(inspections.id, before.id), eq(inspections.version, version)))
      .returning();
    if (!updated) throw new AppError('VERSION_CONFLICT', { details: { expectedVersion: version } });
    // As for cases: every event bumps the version, and the event's number is the new version.
    await audit.appendRecords(tx, 'inspection_event', await tx.insert(inspectionEvents).values({ inspectionId: before.id, seq: updated.version, action: ev.action, fromStatus: before.status, toStatus: ev.to, actorId: actor.userId, actorRole: actor.role, payload: ev.payload, occurredAt: now }).returning());
    const keys = Object.keys(set).filter((k) => k !== 'content');
    await audit.recordChange(tx, {
      actor,
      requestId: meta.requestId,
      entityType: 'inspection',
      entityId: before.id,
      action: ev.action,
      before: { status: before.status, ...Object.fromEntries(keys.map((k) => [k, (before as Record<string, unknown>)[k] ?? null])) },
      after: { status: ev.to, ...Object.fromEntries(keys.map((k) => [k, (set as Record<string, unknown>)[k] ?? null])) },
      reason,
      regionPath: updated.regionPath,
      agencyId: updated.agencyId,
    });
    return updated;
  }

  return {
    /** 拟检查: an inspection planned against an item of the inspection list, by the acting agency's officers. */
    async create(actor: Actor, input: CreateInspectionInput, meta: { requestId?: string }) {
      requirePermission(actor, 'case.handle');
      if (!actor.agencyId) throw new AppError('FORBIDDEN', { details: { permission: 'case.handle', reason: 'no agency' } });
      const agencyId = actor.agencyId;
      const row = await db.transaction(async (tx) => {
        const [item] = await tx.select().from(items).where(eq(items.id, input.itemId));
        if (!item) throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['itemId'], message: 'unknown item', messageZh: '检查事项不存在' }] } });
        const [place] = await tx.select().from(regions).where(eq(regions.code, input.placeRegionCode));
        if (!place) throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['placeRegionCode'], message: 'unknown region', messageZh: '区划不存在' }] } });
        const [agency] = await tx.select().from(subjects).where(eq(subjects.id, agencyId));
        if (!agency) throw new AppError('NOT_FOUND');
        await checkOfficersOfAgency(tx, input.officerIds, agencyId, 'officerIds');
        const basis = input.legalBasis?.trim() || item.legalBasis.map((b) => `《${b.law}》${b.article}`).join('；');
        const facts: StoredInspectionFacts = {
          itemId: item.id,
          legalBasis: basis || null,
          inspectingBodyKind: agency.kind as SubjectKind,
          sector: item.sector,
          placePath: place.path,
          targetId: identifierOf(input.target),
          inspectionsThisYear: 0,
          approval: null,
          isNoticeRequired: input.isNoticeRequired ?? false,
          noticeSentOn: null,
          officerIds: [...new Set(input.officerIds)],
          areCertificatesShown: false,
          conflictedOfficerIds: [],
          onSiteOn: null,
          onSiteRecord: null,
          result: null,
          resultRecordedOn: null,
          rectification: null,
          linkedCaseId: null,
          cancelReason: null,
        };
        const id = crypto.randomUUID();
        const now = clock.now();
        const content: InspectionContent = { ...(input.purpose ? { purpose: input.purpose } : {}), ...(input.plannedOn ? { plannedOn: input.plannedOn } : {}) };
        const [r] = await tx
          .insert(inspections)
          .values({ id, itemId: item.id, agencyId, regionPath: agency.regionPath, sector: item.sector, placePath: place.path, placeRegionCode: place.code, status: 'planned', facts, target: input.target, content, createdAt: now, updatedAt: now })
          .returning();
        await audit.appendRecords(tx, 'inspection_event', await tx.insert(inspectionEvents).values({ inspectionId: id, seq: 1, action: 'create', fromStatus: null, toStatus: 'planned', actorId: actor.userId, actorRole: actor.role, payload: { itemId: item.id, officerIds: facts.officerIds }, occurredAt: now }).returning());
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'inspection', entityId: id, action: 'create', after: { status: 'planned', itemId: item.id, officerIds: facts.officerIds }, regionPath: agency.regionPath, agencyId });
        return r!;
      });
      return inspectionOut(actor, row);
    },

    async get(actor: Actor, id: string) {
      requirePermission(actor, 'case.read');
      return inspectionOut(actor, await getScoped(actor, id));
    },

    async list(actor: Actor, q: { status?: string | undefined; q?: string | undefined; linkedCaseId?: string | undefined; page: number; pageSize: number }) {
      requirePermission(actor, 'case.read');
      const conds: SQL[] = [scopeCondition(actor, { regionPath: inspections.regionPath, agencyId: inspections.agencyId })];
      if (q.status) conds.push(eq(inspections.status, q.status));
      if (q.linkedCaseId) conds.push(eq(inspections.linkedCaseId, q.linkedCaseId));
      if (q.q) conds.push(ilike(sql`${inspections.target}->>'name'`, `%${q.q.replace(/[%_\\]/g, (m) => `\\${m}`)}%`));
      const where = and(...conds);
      const [rows, [c]] = await Promise.all([
        db.select().from(inspections).where(where).orderBy(desc(inspections.createdAt), desc(inspections.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
        db.select({ n: sql<number>`count(*)::int` }).from(inspections).where(where),
      ]);
      const out = [];
      for (const r of rows) out.push(await inspectionOut(actor, r));
      return { items: out, total: c?.n ?? 0, page: q.page, pageSize: q.pageSize };
    },

    async events(actor: Actor, id: string) {
      requirePermission(actor, 'case.read');
      await getScoped(actor, id);
      const rows = await db
        .select({ e: inspectionEvents, actorName: users.displayName })
        .from(inspectionEvents)
        .leftJoin(users, eq(users.id, inspectionEvents.actorId))
        .where(eq(inspectionEvents.inspectionId, id))
        .orderBy(inspectionEvents.seq);
      return rows.map(({ e, actorName }) => ({ ...e, actorName: actorName ?? null, occurredAt: e.occurredAt.toISOString() }));
    },

    /** One step: table (409 with allowedActions), guards (422 with the citation), then projection + event + audit in one transaction. */
    async act(actor: Actor, id: string, action: InspectionAction, input: { payload: InspectionPayload; version: number }, meta: { requestId?: string }) {
      requirePermission(actor, 'case.handle');
      const row = await db.transaction(async (tx) => {
        const before = await getScoped(actor, id, tx);
        checkPayload(action, input.payload, before.facts);
        if (input.payload.officerIds) await checkOfficersOfAgency(tx, input.payload.officerIds, before.agencyId, 'payload.officerIds');
        const day = today();
        const stored = applyInputs(before.facts, action, input.payload, actor, day);
        const facts = await factsOf(tx, { ...before, facts: stored });
        const ctx = await contextFor(actor, before);
        const checked = checkInspectionAction(facts, action, ctx);
        if (!checked.ok) {
          const first = checked.refusals[0]!;
          const err = AppError.fromRefusal(first);
          throw new AppError(first.code, { message: err.message, messageZh: err.messageZh, details: { ...err.details, status: before.status, action, refusals: checked.refusals } });
        }
        const after = applyOutcome(stored, action, input.payload, day);
        const content = applyContent(before.content, action, input.payload, day, chinaDateTime(clock.now()));
        return write(tx, actor, before, { status: checked.to, facts: after, content }, input.version, { action, to: checked.to, payload: { ...input.payload } }, meta, input.payload.reason ?? null);
      });
      return inspectionOut(actor, row);
    },

    /**
     * 行政处罚法 Art.54: the problems the result calls a penalty case for are taken into one — opened through the case
     * service (its own checks apply) against the inspected party, and linked both ways, in one transaction.
     */
    async openLinkedCase(actor: Actor, id: string, input: OpenLinkedCaseInput, meta: { requestId?: string }) {
      requirePermission(actor, 'case.handle');
      const row = await db.transaction(async (tx) => {
        const before = await getScoped(actor, id, tx);
        if (before.linkedCaseId) {
          throw new AppError('DUPLICATE', { message: 'A penalty case is already linked to this inspection.', messageZh: '本次检查已关联立案案件。', details: { linkedCaseId: before.linkedCaseId } });
        }
        const result = before.facts.result;
        if (!result?.linkedCaseRequired || !['result_recorded', 'rectification_ordered'].includes(before.status)) {
          throw new AppError('RULE_VIOLATION', {
            message: 'Record a result that calls for a penalty case (立案查处) before opening one from this inspection.',
            messageZh: '检查结果须载明需立案查处，方可由本次检查立案。',
            details: { citation: '国办发〔2015〕58号 §二(四); 行政处罚法 Art.54', status: before.status },
          });
        }
        const open: OpenCaseInput & { origin: { kind: 'inspection'; id: string } } = {
          itemId: input.itemId,
          placeRegionCode: before.placeRegionCode,
          party: before.target,
          officerIds: input.officerIds ?? before.facts.officerIds,
          violationOn: input.violationOn,
          discoveredOn: input.discoveredOn ?? before.facts.onSiteOn ?? today(),
          isSuspectedCrime: input.isSuspectedCrime,
          involvesLifeHealthOrFinancialSafety: input.involvesLifeHealthOrFinancialSafety,
          origin: { kind: 'inspection', id: before.id },
        };
        const c = await cases.open(actor, open, meta);
        const facts: StoredInspectionFacts = { ...before.facts, linkedCaseId: c.id };
        return write(tx, actor, before, { facts, linkedCaseId: c.id }, input.version, { action: 'link_case', to: before.status, payload: { caseId: c.id, itemId: input.itemId } }, meta);
      });
      return inspectionOut(actor, row);
    },
  };
}
export type InspectionService = ReturnType<typeof createInspectionService>;
