import {
  AppError,
  availableCoercionActions,
  checkCoercionAction,
  COERCION_DEADLINE_LABELS,
  coercionDeadlines,
  coercionExpiryState,
  emergencyApprovalState,
  provisionalCalendar,
  type CoercionAction,
  type CoercionDecisionContent,
  type CoercionFacts,
  type CoercionGuardContext,
  type CoercionMeasureKind,
  type CoercionReleaseReason,
  type CoercionStatus,
  type CoercionTestingPeriod,
  type SubjectKind,
} from '@zhifa/domain';
import { and, desc, eq, ilike, notInArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { chinaDate, type Clock } from '../../lib/clock.ts';
import type { AuditService } from '../audit/index.ts';
import { isInScope, requirePermission, scopeCondition, users, type Actor } from '../identity/index.ts';
import { registryTables, type RuleService } from '../registry/index.ts';
import { loadAvFacts, type AvRecordedStages } from './av-facts.ts';
import { caseDocuments, cases, type CaseParty } from './cases.schema.ts';
import { coerciveMeasureEvents, coerciveMeasures, type CoercionContent, type InventoryItem, type StoredCoercionFacts } from './coercion.schema.ts';
import { inspections } from './inspections.schema.ts';
import { chinaDateTime, checkOfficersOfAgency, loadOfficerFacts, type LoadedOfficer } from './officer-facts.ts';

const { items, regions, subjects } = registryTables;
type MeasureRow = typeof coerciveMeasures.$inferSelect;

export interface CreateMeasureInput {
  kind: CoercionMeasureKind;
  itemId: string;
  placeRegionCode: string;
  /** Defaults to the linked case's party, or the linked inspection's target. */
  party?: CaseParty | undefined;
  officerIds: string[];
  inventory: InventoryItem[];
  reasons: string;
  legalBasis: string;
  place?: string | null | undefined;
  caseId?: string | null | undefined;
  inspectionId?: string | null | undefined;
  freezeAuthorisingLaw?: string | null | undefined;
  freezeAmount?: number | null | undefined;
  violationAmount?: number | null | undefined;
  account?: string | null | undefined;
  isAlreadyFrozen?: boolean | undefined;
}

export interface OnSiteSteps {
  areCertificatesShown: boolean;
  isPartyNotifiedToAttend: boolean;
  areReasonsAndRightsTold: boolean;
  areStatementsHeard: boolean;
  record: { officersSigned: boolean; partyPresent: boolean; partySigned: boolean; partyRefusalNoted: boolean; witnessSigned: boolean } | null;
  decisionContents: CoercionDecisionContent[];
  isDecisionAndInventoryHandedOver: boolean;
  isBankNoticeDelivered: boolean;
}

/** What a step may carry (see applyInputs). */
export interface MeasurePayload {
  reason?: string | undefined;
  emergencyReportedAt?: string | undefined;
  urgencyReason?: string | undefined;
  startedAt?: string | undefined;
  officerIds?: string[] | undefined;
  inventory?: InventoryItem[] | undefined;
  onSite?: OnSiteSteps | undefined;
  extensionDays?: number | undefined;
  extensionReasons?: string | undefined;
  notifiedInWritingOn?: string | undefined;
  releaseReason?: CoercionReleaseReason | undefined;
  penaltyDecisionRef?: string | undefined;
  legalBasis?: string | undefined;
  /** Freezing: the day the freeze decision was delivered to the party (Art.31, within 3 working days). */
  freezeDecisionDeliveredOn?: string | undefined;
}

const ENDED = ['declined', 'released', 'confiscated', 'destroyed'];

const invalid = (path: string, message: string, messageZh: string) => new AppError('VALIDATION_FAILED', { details: { issues: [{ path: path.split('.'), message, messageZh }] } });

export function createCoercionService({ db, audit, clock, rules, avRecordedStages }: { db: Db; audit: AuditService; clock: Clock; rules: RuleService; avRecordedStages: AvRecordedStages }) {
  const today = () => chinaDate(clock.now());

  async function getScoped(actor: Actor, id: string, tx: Db = db): Promise<MeasureRow> {
    const [r] = await tx.select().from(coerciveMeasures).where(eq(coerciveMeasures.id, id));
    if (!r || !isInScope(actor, { regionPath: r.regionPath, agencyId: r.agencyId })) throw new AppError('NOT_FOUND');
    return r;
  }

  async function contextFor(actor: Actor, row: { sector: string; placePath: string }): Promise<CoercionGuardContext> {
    const now = today();
    const [calendar, resolved] = await Promise.all([rules.calendar(), rules.resolve({ regionPath: row.placePath, sector: row.sector, date: now })]);
    return { actor: { id: actor.userId }, now, calendar, params: resolved.values as unknown as CoercionGuardContext['params'] };
  }

  async function factsOf(tx: Db, r: { id: string; itemId: string; status: string; agencyId: string; facts: StoredCoercionFacts }): Promise<Omit<CoercionFacts, 'officers'> & { officers: LoadedOfficer[] }> {
    const { officerIds, ...rest } = r.facts;
    const [officers, [agency], av] = await Promise.all([
      loadOfficerFacts(tx, officerIds),
      tx.select({ kind: subjects.kind }).from(subjects).where(eq(subjects.id, r.agencyId)),
      loadAvFacts(tx, r.itemId, r.id, avRecordedStages),
    ]);
    // Art.17 para 1, Art.70: the agency's legal kind is read from the register at every step.
    return { ...rest, status: r.status as CoercionStatus, officers, agencyKind: (agency?.kind ?? 'entrusted') as SubjectKind, av };
  }

  /** The clocks with their state today: the measure period (running / paused / overdue = must release), the 24-hour report, the freeze delivery. */
  function deadlinesOf(r: MeasureRow, f: CoercionFacts, ctx: CoercionGuardContext) {
    const cal = provisionalCalendar(ctx.calendar);
    const expiry = coercionExpiryState(f, ctx.now, cal, ctx.params);
    const emergency = emergencyApprovalState(f, chinaDateTime(clock.now()), cal);
    const ended = ENDED.includes(r.status);
    return coercionDeadlines(f, cal, ctx.params).map((d) => {
      let state: 'running' | 'met' | 'overdue' | 'paused' | 'ended';
      if (d.key === 'measurePeriod') state = ended ? 'ended' : expiry.state === 'must_release' ? 'overdue' : expiry.state === 'paused' ? 'paused' : 'running';
      else if (d.key === 'emergencyReport') state = f.emergency?.reportedAt ? (emergency.isReportLate ? 'overdue' : 'met') : ended ? 'ended' : emergency.isReportLate ? 'overdue' : 'running';
      else state = f.freezeDecisionDeliveredOn ? 'met' : ended ? 'ended' : ctx.now > d.due ? 'overdue' : 'running';
      const dueDay = d.due.slice(0, 10);
      return {
        key: d.key,
        labelZh: COERCION_DEADLINE_LABELS[d.key].zh,
        labelEn: COERCION_DEADLINE_LABELS[d.key].en,
        start: d.start,
        dueOn: d.due,
        dayType: d.rule.dayType === 'WORKING' ? ('working' as const) : ('natural' as const),
        unit: d.rule.unit,
        length: d.rule.length,
        citation: d.rule.citation,
        pausedDays: d.pausedDays,
        state,
        calendarProvisional: !ctx.calendar.years.has(Number(dueDay.slice(0, 4))),
        daysLeft: Math.round((Date.parse(dueDay) - Date.parse(ctx.now)) / 86_400_000),
      };
    });
  }

  async function measureOut(actor: Actor, r: MeasureRow) {
    const [facts, ctx] = await Promise.all([factsOf(db, r), contextFor(actor, r)]);
    const available = availableCoercionActions(facts, ctx);
    const [[names], linkedCase] = await Promise.all([
      db.select({ itemName: items.name, itemCode: items.code, agencyName: subjects.name }).from(items).innerJoin(subjects, eq(subjects.id, r.agencyId)).where(eq(items.id, r.itemId)),
      r.caseId ? db.select({ id: cases.id, caseNo: cases.caseNo, status: cases.status }).from(cases).where(eq(cases.id, r.caseId)) : Promise.resolve([]),
    ]);
    const { officerIds: _o, ...plain } = r.facts;
    return {
      id: r.id,
      kind: r.kind,
      itemId: r.itemId,
      itemName: names?.itemName ?? '',
      itemCode: names?.itemCode ?? '',
      agencyId: r.agencyId,
      agencyName: names?.agencyName ?? '',
      regionPath: r.regionPath,
      sector: r.sector,
      placePath: r.placePath,
      status: r.status,
      party: r.party.type === 'individual' ? { ...r.party, idNumber: `${r.party.idNumber.slice(0, 6)}********${r.party.idNumber.slice(-4)}` } : { ...r.party },
      facts: { ...plain, officerIds: r.facts.officerIds },
      inventory: r.facts.items,
      content: r.content,
      officers: facts.officers.map((o) => ({ id: o.id, name: o.name, certificateNo: o.certificateNo })),
      caseId: r.caseId,
      linkedCase: linkedCase[0] ?? null,
      inspectionId: r.inspectionId,
      expiry: coercionExpiryState(facts, ctx.now, provisionalCalendar(ctx.calendar), ctx.params).state,
      availableActions: available.allowed,
      refusedActions: available.refused,
      notices: available.notices,
      deadlines: deadlinesOf(r, facts, ctx),
      version: r.version,
      today: ctx.now,
      now: chinaDateTime(clock.now()),
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  }

  /**
   * A time stated for a step: an instant, not in the future and not before the measure was proposed; kept in China
   * time to the second (the form the domain's clocks read).
   */
  function checkInstant(path: string, value: string, notBefore: Date): string {
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) throw invalid(path, 'an ISO date-time with offset is required', '须为带时区的日期时间');
    if (ms > clock.now().getTime() + 60_000) throw invalid(path, 'cannot be in the future', '不能晚于当前时间');
    if (ms < notBefore.getTime() - 60_000) throw invalid(path, 'cannot precede the proposal of the measure', '不能早于拟采取措施的时间');
    return chinaDateTime(new Date(ms));
  }

  /** The penalty decision a confiscation rests on (Art.27): the linked case's decision number, unless one is given. */
  async function decisionRefOf(tx: Db, caseId: string | null): Promise<string | null> {
    if (!caseId) return null;
    const [d] = await tx
      .select({ number: caseDocuments.number })
      .from(caseDocuments)
      .where(and(eq(caseDocuments.caseId, caseId), eq(caseDocuments.kind, 'penalty_decision')))
      .orderBy(desc(caseDocuments.issuedAt))
      .limit(1);
    return d?.number ?? null;
  }

  /** The content a step carries, applied before the guards read it (facts convention of coercion.ts). */
  async function applyInputs(tx: Db, r: MeasureRow, action: CoercionAction, p: MeasurePayload, actor: Actor): Promise<StoredCoercionFacts> {
    const f = r.facts;
    const out: StoredCoercionFacts = { ...f };
    const nowIso = chinaDateTime(clock.now());
    if (action === 'approve' || action === 'decline' || action === 'disapprove') {
      // Art.18(1), Art.19: the decision is whoever takes the step; only an agency head's counts.
      out.headDecision = { deciderId: actor.userId, isAgencyHead: actor.role === 'agency_head', decidedAt: nowIso, isApproved: action === 'approve', reason: p.reason?.trim() || null };
      if (r.status === 'emergency_executed' && f.emergency && !f.emergency.reportedAt) {
        // The head deciding has been told by now at the latest; an earlier report may be recorded with its time.
        const reportedAt = p.emergencyReportedAt ? checkInstant('payload.emergencyReportedAt', p.emergencyReportedAt, new Date(f.execution?.startedAt ?? r.createdAt)) : nowIso;
        out.emergency = { reportedAt };
      }
    }
    if (action === 'execute' || action === 'execute_emergency') {
      const startedAt = p.startedAt ? checkInstant('payload.startedAt', p.startedAt, r.createdAt) : nowIso;
      if (p.officerIds) out.officerIds = [...new Set(p.officerIds)];
      if (p.inventory) out.items = p.inventory;
      if (p.urgencyReason !== undefined) out.urgencyReason = p.urgencyReason.trim() || null;
      const s = p.onSite;
      out.execution = {
        startedAt,
        areCertificatesShown: s?.areCertificatesShown ?? false,
        isPartyNotifiedToAttend: s?.isPartyNotifiedToAttend ?? false,
        areReasonsAndRightsTold: s?.areReasonsAndRightsTold ?? false,
        areStatementsHeard: s?.areStatementsHeard ?? false,
        record: s?.record ?? null,
        decisionContents: s?.decisionContents ?? [],
        isDecisionAndInventoryHandedOver: s?.isDecisionAndInventoryHandedOver ?? false,
        isBankNoticeDelivered: s?.isBankNoticeDelivered ?? false,
      };
      if (action === 'execute_emergency') out.emergency = { reportedAt: null };
      if (p.freezeDecisionDeliveredOn) {
        if (p.freezeDecisionDeliveredOn > today()) throw invalid('payload.freezeDecisionDeliveredOn', 'cannot be in the future', '不能晚于今天');
        out.freezeDecisionDeliveredOn = p.freezeDecisionDeliveredOn;
      }
    }
    if (action === 'extend') {
      out.pendingExtension = {
        approvedOn: today(),
        isAgencyHead: actor.role === 'agency_head',
        reasons: p.extensionReasons ?? '',
        days: p.extensionDays ?? 30,
        notifiedInWritingOn: p.notifiedInWritingOn ?? null,
      };
    }
    if (action === 'release' || action === 'confiscate' || action === 'destroy') {
      out.disposition = {
        kind: action,
        decidedOn: today(),
        releaseReason: action === 'release' ? (p.releaseReason ?? null) : null,
        penaltyDecisionRef: action === 'confiscate' ? (p.penaltyDecisionRef?.trim() || (await decisionRefOf(tx, r.caseId))) : null,
        legalBasis: action === 'destroy' ? (p.legalBasis?.trim() || null) : null,
      };
    }
    return out;
  }

  async function write(tx: Db, actor: Actor, before: MeasureRow, set: Partial<MeasureRow>, version: number, ev: { action: string; to: string; payload: Record<string, unknown> }, meta: { requestId?: string }, reason: string | null = null) {
    const now = clock.now();
    const [updated] = await tx
      .update(coerciveMeasures)
      .set({ ...set, version: sql`${coerciveMeasures.version} + 1`, updatedAt: now })
      .where(and(eq(coerciveMeasures.id, before.id), eq(coerciveMeasures.version, version)))
      .returning();
    if (!updated) throw new AppError('VERSION_CONFLICT', { details: { expectedVersion: version } });
    await audit.appendRecords(tx, 'coercive_measure_event', await tx.insert(coerciveMeasureEvents).values({ measureId: before.id, seq: updated.version, action: ev.action, fromStatus: before.status, toStatus: ev.to, actorId: actor.userId, actorRole: actor.role, payload: ev.payload, occurredAt: now }).returning());
    const keys = Object.keys(set).filter((k) => k !== 'content');
    await audit.recordChange(tx, {
      actor,
      requestId: meta.requestId,
      entityType: 'coercive_measure',
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
    /** 拟采取强制措施: the proposal with its inventory (清单), reasons and basis, for the head's approval (Art.18(1)). */
    async create(actor: Actor, input: CreateMeasureInput, meta: { requestId?: string }) {
      requirePermission(actor, 'case.handle');
      if (!actor.agencyId) throw new AppError('FORBIDDEN', { details: { permission: 'case.handle', reason: 'no agency' } });
      const agencyId = actor.agencyId;
      const row = await db.transaction(async (tx) => {
        const [item] = await tx.select().from(items).where(eq(items.id, input.itemId));
        if (!item) throw invalid('itemId', 'unknown item', '执法事项不存在');
        const [place] = await tx.select().from(regions).where(eq(regions.code, input.placeRegionCode));
        if (!place) throw invalid('placeRegionCode', 'unknown region', '区划不存在');
        const [agency] = await tx.select().from(subjects).where(eq(subjects.id, agencyId));
        if (!agency) throw new AppError('NOT_FOUND');
        await checkOfficersOfAgency(tx, input.officerIds, agencyId, 'officerIds');
        let party = input.party ?? null;
        if (input.caseId) {
          const [c] = await tx.select().from(cases).where(eq(cases.id, input.caseId));
          if (!c || c.agencyId !== agencyId) throw invalid('caseId', 'not a case of your agency', '不是本机关的案件');
          party ??= c.party;
        }
        if (input.inspectionId) {
          const [i] = await tx.select().from(inspections).where(eq(inspections.id, input.inspectionId));
          if (!i || i.agencyId !== agencyId) throw invalid('inspectionId', 'not an inspection of your agency', '不是本机关的检查');
          party ??= i.target;
        }
        if (!party) throw invalid('party', 'name the party, or link a case or an inspection', '请填写当事人，或关联案件、检查');
        if (input.kind !== 'freeze' && input.inventory.length === 0) throw invalid('inventory', 'list the property to seal or seize', '请填写查封、扣押财物清单');
        const facts: StoredCoercionFacts = {
          kind: input.kind,
          sector: item.sector,
          placePath: place.path,
          officerIds: [...new Set(input.officerIds)],
          items: input.inventory,
          freezeAuthorisingLaw: input.freezeAuthorisingLaw ?? null,
          freezeAmount: input.freezeAmount ?? null,
          violationAmount: input.violationAmount ?? null,
          isAlreadyFrozen: input.isAlreadyFrozen ?? false,
          headDecision: null,
          urgencyReason: null,
          emergency: null,
          execution: null,
          extensions: [],
          pendingExtension: null,
          testingPeriods: [],
          freezeDecisionDeliveredOn: null,
          disposition: null,
        };
        const content: CoercionContent = { reasons: input.reasons, legalBasis: input.legalBasis, place: input.place ?? null, account: input.account ?? null };
        const id = crypto.randomUUID();
        const now = clock.now();
        const [r] = await tx
          .insert(coerciveMeasures)
          .values({ id, kind: input.kind, itemId: item.id, agencyId, regionPath: agency.regionPath, sector: item.sector, placePath: place.path, status: 'proposed', facts, party, content, caseId: input.caseId ?? null, inspectionId: input.inspectionId ?? null, createdAt: now, updatedAt: now })
          .returning();
        await audit.appendRecords(tx, 'coercive_measure_event', await tx.insert(coerciveMeasureEvents).values({ measureId: id, seq: 1, action: 'propose', fromStatus: null, toStatus: 'proposed', actorId: actor.userId, actorRole: actor.role, payload: { kind: input.kind, inventory: input.inventory, caseId: input.caseId ?? null }, occurredAt: now }).returning());
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'coercive_measure', entityId: id, action: 'propose', after: { status: 'proposed', kind: input.kind, inventory: input.inventory }, regionPath: agency.regionPath, agencyId });
        return r!;
      });
      return measureOut(actor, row);
    },

    async get(actor: Actor, id: string) {
      requirePermission(actor, 'case.read');
      return measureOut(actor, await getScoped(actor, id));
    },

    async list(actor: Actor, q: { status?: string | undefined; q?: string | undefined; caseId?: string | undefined; page: number; pageSize: number }) {
      requirePermission(actor, 'case.read');
      const conds: SQL[] = [scopeCondition(actor, { regionPath: coerciveMeasures.regionPath, agencyId: coerciveMeasures.agencyId })];
      if (q.status) conds.push(eq(coerciveMeasures.status, q.status));
      if (q.caseId) conds.push(eq(coerciveMeasures.caseId, q.caseId));
      if (q.q) conds.push(ilike(sql`${coerciveMeasures.party}->>'name'`, `%${q.q.replace(/[%_\\]/g, (m) => `\\${m}`)}%`));
      const where = and(...conds);
      const [rows, [c]] = await Promise.all([
        db.select().from(coerciveMeasures).where(where).orderBy(desc(coerciveMeasures.createdAt), desc(coerciveMeasures.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
        db.select({ n: sql<number>`count(*)::int` }).from(coerciveMeasures).where(where),
      ]);
      const out = [];
      for (const r of rows) out.push(await measureOut(actor, r));
      return { items: out, total: c?.n ?? 0, page: q.page, pageSize: q.pageSize };
    },

    /**
     * 强制措施待办: measures of my agency still in force or awaiting a decision, each with its nearest clock; those that
     * must be released (period over, Art.28(4); disapproved, Art.19) or whose 24-hour report is late come first.
     */
    async todo(actor: Actor) {
      requirePermission(actor, 'case.read');
      const rows = await db
        .select()
        .from(coerciveMeasures)
        .where(and(scopeCondition(actor, { regionPath: coerciveMeasures.regionPath, agencyId: coerciveMeasures.agencyId }), notInArray(coerciveMeasures.status, ENDED)))
        .orderBy(desc(coerciveMeasures.updatedAt))
        .limit(500);
      const out = [];
      for (const r of rows) {
        const m = await measureOut(actor, r);
        const open = m.deadlines.filter((d) => d.state === 'running' || d.state === 'overdue' || d.state === 'paused').sort((a, b) => a.dueOn.localeCompare(b.dueOn));
        const next = open.find((d) => d.state === 'overdue') ?? open[0] ?? null;
        const mustRelease = m.notices.some((n) => n.kind === 'must_release');
        out.push({
          measureId: r.id,
          kind: r.kind,
          partyName: r.party.name,
          status: r.status,
          nextActions: m.availableActions,
          mustRelease,
          dueOn: next?.dueOn ?? null,
          deadlineLabelZh: next?.labelZh ?? null,
          daysLeft: next?.daysLeft ?? null,
          overdue: mustRelease || next?.state === 'overdue',
        });
      }
      out.sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999'));
      return { items: out };
    },

    async events(actor: Actor, id: string) {
      requirePermission(actor, 'case.read');
      await getScoped(actor, id);
      const rows = await db
        .select({ e: coerciveMeasureEvents, actorName: users.displayName })
        .from(coerciveMeasureEvents)
        .leftJoin(users, eq(users.id, coerciveMeasureEvents.actorId))
        .where(eq(coerciveMeasureEvents.measureId, id))
        .orderBy(coerciveMeasureEvents.seq);
      return rows.map(({ e, actorName }) => ({ ...e, actorName: actorName ?? null, occurredAt: e.occurredAt.toISOString() }));
    },

    /** One step: table (409 with allowedActions), guards (422 with the citation), then projection + event + audit in one transaction. */
    async act(actor: Actor, id: string, action: CoercionAction, input: { payload: MeasurePayload; version: number }, meta: { requestId?: string }) {
      requirePermission(actor, 'case.handle');
      const row = await db.transaction(async (tx) => {
        const before = await getScoped(actor, id, tx);
        if (input.payload.officerIds) await checkOfficersOfAgency(tx, input.payload.officerIds, before.agencyId, 'payload.officerIds');
        const stored = await applyInputs(tx, before, action, input.payload, actor);
        const facts = await factsOf(tx, { ...before, facts: stored });
        const ctx = await contextFor(actor, before);
        const checked = checkCoercionAction(facts, action, ctx);
        if (!checked.ok) {
          const first = checked.refusals[0]!;
          const err = AppError.fromRefusal(first);
          throw new AppError(first.code, { message: err.message, messageZh: err.messageZh, details: { ...err.details, status: before.status, action, refusals: checked.refusals } });
        }
        const after: StoredCoercionFacts = { ...stored };
        if (action === 'extend' && stored.pendingExtension) {
          after.extensions = [...stored.extensions, stored.pendingExtension];
          after.pendingExtension = null;
        }
        const notes = input.payload.reason ? [...(before.content.notes ?? []), { action, text: input.payload.reason, on: today() }] : before.content.notes;
        return write(tx, actor, before, { status: checked.to, facts: after, content: { ...before.content, ...(notes ? { notes } : {}) } }, input.version, { action, to: checked.to, payload: { ...input.payload } }, meta, input.payload.reason ?? null);
      });
      return measureOut(actor, row);
    },

    /**
     * Art.25 para 3: a testing, inspection, quarantine or appraisal period of the sealed or seized property, fixed and
     * told to the party in writing, is not counted in the measure period. Recorded as an event; the status stays.
     */
    async recordTestingPeriod(actor: Actor, id: string, input: { period: CoercionTestingPeriod; version: number }, meta: { requestId?: string }) {
      requirePermission(actor, 'case.handle');
      const row = await db.transaction(async (tx) => {
        const before = await getScoped(actor, id, tx);
        if (before.status !== 'in_force' || before.kind === 'freeze') {
          throw new AppError('INVALID_TRANSITION', {
            message: 'A testing period is recorded only for a sealing or seizure in force.',
            messageZh: '仅在查封、扣押期间可以登记检测、检验、检疫或者技术鉴定期间。',
            details: { status: before.status, allowedActions: [] },
          });
        }
        const p = input.period;
        if (p.to && p.to < p.from) throw invalid('period.to', 'the period ends before it starts', '结束日期不能早于开始日期');
        const facts: StoredCoercionFacts = { ...before.facts, testingPeriods: [...before.facts.testingPeriods, p] };
        return write(tx, actor, before, { facts }, input.version, { action: 'record_testing_period', to: before.status, payload: { ...p } }, meta);
      });
      return measureOut(actor, row);
    },
  };
}
export type CoercionService = ReturnType<typeof createCoercionService>;
