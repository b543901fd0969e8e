import crypto from 'node:crypto';
import {
  AppError,
  availableSupervisionDocumentActions,
  availableWarningActions,
  decisionGroundsRefusal,
  hasPermission,
  isWarningRuleKey,
  nextSupervisionDocumentStatus,
  nextWarningStatus,
  supervisionObjectionRefusal,
  objectionReviewerRefusal,
  OFFICER_SANCTIONS,
  OPEN_WARNING_STATUSES,
  RULE_KEYS,
  SUPERVISION_DOCUMENT_TYPES,
  supervisionDocumentDeadlines,
  supervisionDocumentType,
  supervisionReviewDueOn,
  WARNING_RULES,
  type Finding,
  type OfficerSanction,
  type Refusal,
  type Role,
  type SupervisionDocumentAction,
  type SupervisionDocumentStatus,
  type WarningAction,
  type WarningStatus,
} from '@zhifa/domain';
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { chinaDate, type Clock } from '../../lib/clock.ts';
import type { AuditService } from '../audit/index.ts';
import { isInScope, requirePermission, scopeCondition, type Actor } from '../identity/index.ts';
import { registryTables, type OfficerService, type RuleService } from '../registry/index.ts';
import { INTERNAL_FINDERS, type FinderContext } from './supervision.finders.ts';
import { renderSupervisionPdf } from './supervision.pdf.ts';
import {
  supervisionDocumentEvents,
  supervisionDocuments,
  supervisionMeasures,
  supervisionNumberSequences,
  supervisionWarningEvents,
  supervisionWarnings,
  type WarningRectification,
} from './supervision.schema.ts';

const { certificates, officers, regions, subjects } = registryTables;
type WarningRow = typeof supervisionWarnings.$inferSelect;
type DocumentRow = typeof supervisionDocuments.$inferSelect;
type Meta = { requestId?: string | undefined };

/** A finder contributed by another module (transfers, complaints): given the database and the scan instant. */
export type ExternalFinder = (db: Db, asOf: Date) => Promise<Finding[]>;

export interface ScanOptions {
  /** Parameter overrides per rule, e.g. { 'agency.outlier_average_fine': { zLimit: 3 } }. */
  parameters?: Record<string, Record<string, number>>;
  /** Evaluate only these rules (others keep their warnings untouched). */
  rules?: string[];
}
export interface ScanResult {
  asOf: string;
  raised: number;
  refreshed: number;
  resolved: number;
  byRule: Record<string, number>;
  failed: { ruleKey: string; message: string }[];
}

export interface IssueInput {
  profile: string;
  typeCode: string;
  agencyId?: string | undefined;
  warningId?: string | undefined;
  caseId?: string | undefined;
  title: string;
  body: string;
  decisionType?: string | null | undefined;
  grounds?: string[] | undefined;
}
export interface DocumentActionInput {
  text?: string | undefined;
  evidenceIds?: string[] | undefined;
  documentRef?: string | null | undefined;
  reason?: string | undefined;
  version?: number | undefined;
}
export interface MeasureInput {
  kind: 'sanction' | 'liability_referral';
  sanction?: OfficerSanction | undefined;
  officerId?: string | undefined;
  certificateId?: string | undefined;
  suspendedUntil?: string | undefined;
  referredTo?: string | undefined;
  reason: string;
}

function issue(path: string, message: string, messageZh: string) {
  return new AppError('VALIDATION_FAILED', { details: { issues: [{ path: path.split('.'), message, messageZh }] } });
}
const refusalError = (r: Refusal) => new AppError(r.code, { message: r.message, messageZh: r.messageZh, details: { ...(r.details ?? {}), citation: r.citation } });
const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());
const TYPE_CHAR: Record<string, string> = { notice: '通', decision: '决', opinion: '意', suggestion: '建' };

export function createSupervisionService({ db, audit, clock, rules, officers: officerService }: { db: Db; audit: AuditService; clock: Clock; rules: RuleService; officers: OfficerService }) {
  const external = new Map<string, ExternalFinder>();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  const today = () => chinaDate(clock.now());

  // ---- warnings: events ----------------------------------------------------------------------------------------------

  async function appendWarningEvent(tx: Db, w: WarningRow, e: { seq: number; action: string; from: string | null; to: string; actor: Actor | null; payload: Record<string, unknown> }, meta: Meta = {}) {
    const rows = await tx
      .insert(supervisionWarningEvents)
      .values({ warningId: w.id, seq: e.seq, action: e.action, fromStatus: e.from, toStatus: e.to, actorId: e.actor?.userId ?? null, actorRole: e.actor?.role ?? 'system', payload: e.payload, occurredAt: clock.now() })
      .returning();
    await audit.appendRecords(tx, 'supervision_warning_event', rows);
    if (e.actor) {
      await audit.recordChange(tx, { actor: e.actor, requestId: meta.requestId, entityType: 'supervision_warning', entityId: w.id, action: e.action, before: e.from ? { status: e.from } : null, after: { status: e.to, ...e.payload }, regionPath: w.regionPath, agencyId: w.agencyId });
    }
  }

  async function stepWarning(tx: Db, actor: Actor | null, before: WarningRow, action: WarningAction, set: Partial<WarningRow>, payload: Record<string, unknown>, meta: Meta = {}, expectedVersion?: number) {
    const to = nextWarningStatus(before.status as WarningStatus, action)!;
    const version = expectedVersion ?? before.version;
    const ended = to === 'closed' || to === 'resolved';
    const [after] = await tx
      .update(supervisionWarnings)
      .set({ ...set, status: to, endedAt: ended ? clock.now() : null, version: sql`${supervisionWarnings.version} + 1` })
      .where(and(eq(supervisionWarnings.id, before.id), eq(supervisionWarnings.version, version)))
      .returning();
    if (!after) throw new AppError('VERSION_CONFLICT', { details: { expectedVersion: version } });
    await appendWarningEvent(tx, after, { seq: after.version, action, from: before.status, to, actor, payload }, meta);
    return after;
  }

  function warningOut(w: WarningRow, role?: Role) {
    const r = isWarningRuleKey(w.ruleKey) ? WARNING_RULES[w.ruleKey] : null;
    return {
      id: w.id,
      ruleKey: w.ruleKey,
      ruleZh: r?.zh ?? w.ruleKey,
      ruleEn: r?.en ?? w.ruleKey,
      citation: r?.citation ?? null,
      severity: w.severity,
      agencyId: w.agencyId,
      regionPath: w.regionPath,
      subjectType: w.subjectType,
      subjectId: w.subjectId,
      subjectLabel: w.subjectLabel,
      dueOn: w.dueOn,
      details: w.details,
      status: w.status,
      rectification: w.rectification,
      raisedAt: iso(w.raisedAt)!,
      lastSeenAt: iso(w.lastSeenAt)!,
      endedAt: iso(w.endedAt),
      version: w.version,
      availableActions: role ? availableWarningActions(w.status as WarningStatus, role) : [],
    };
  }

  // ---- scan ------------------------------------------------------------------------------------------------------------

  function finderContext(asOf: string, opts: ScanOptions, calendar: FinderContext['calendar']): FinderContext {
    const cache = new Map<string, Record<string, unknown>>();
    return {
      asOf,
      calendar,
      async param(regionPath, sector, key) {
        const k = `${regionPath}|${sector ?? ''}`;
        let v = cache.get(k);
        if (!v) {
          v = (await rules.resolve({ regionPath, sector, date: asOf })).values as Record<string, unknown>;
          cache.set(k, v);
        }
        const n = Number(v[key]);
        return Number.isFinite(n) ? n : Number((RULE_KEYS as Record<string, { default: unknown }>)[key]?.default);
      },
      override: (ruleKey, name) => opts.parameters?.[ruleKey]?.[name],
    };
  }

  /**
   * One pass over every rule: findings become warnings. Idempotent — a finding whose (rule, subject) already has an
   * open warning refreshes it; an open warning of an evaluated rule that is no longer found is resolved automatically,
   * recorded as an event. A rule whose finder failed resolves nothing (a broken query must not look like compliance).
   */
  async function scan(opts: ScanOptions = {}): Promise<ScanResult> {
    const now = clock.now();
    const asOf = chinaDate(now);
    const ctx = finderContext(asOf, opts, await rules.calendar());
    const wanted = (k: string) => !opts.rules || opts.rules.includes(k);
    const findings: Finding[] = [];
    const evaluated: string[] = [];
    const failed: ScanResult['failed'] = [];
    for (const [ruleKey, finder] of Object.entries(INTERNAL_FINDERS)) {
      if (!wanted(ruleKey)) continue;
      try {
        findings.push(...(await finder(db, ctx)));
        evaluated.push(ruleKey);
      } catch (e) {
        failed.push({ ruleKey, message: e instanceof Error ? e.message : String(e) });
      }
    }
    for (const [ruleKey, finder] of [...external].sort(([a], [b]) => a.localeCompare(b))) {
      if (!wanted(ruleKey)) continue;
      try {
        findings.push(...(await finder(db, now)).filter((f) => f.ruleKey === ruleKey));
        evaluated.push(ruleKey);
      } catch (e) {
        failed.push({ ruleKey, message: e instanceof Error ? e.message : String(e) });
      }
    }
    const byRule: Record<string, number> = Object.fromEntries(evaluated.map((k) => [k, 0]));
    const found = new Map<string, Finding>();
    for (const f of findings) {
      byRule[f.ruleKey] = (byRule[f.ruleKey] ?? 0) + 1;
      found.set(`${f.ruleKey}|${f.subjectId}`, f);
    }
    let raised = 0;
    let refreshed = 0;
    let resolved = 0;
    if (evaluated.length === 0) return { asOf, raised, refreshed, resolved, byRule, failed };
    await db.transaction(async (tx) => {
      const open = await tx
        .select()
        .from(supervisionWarnings)
        .where(and(inArray(supervisionWarnings.ruleKey, evaluated), inArray(supervisionWarnings.status, [...OPEN_WARNING_STATUSES])))
        .orderBy(supervisionWarnings.id);
      const openByKey = new Map(open.map((w) => [`${w.ruleKey}|${w.subjectId}`, w]));
      const fresh: (typeof supervisionWarnings.$inferInsert)[] = [];
      for (const [key, f] of found) {
        if (openByKey.has(key)) continue;
        const r = isWarningRuleKey(f.ruleKey) ? WARNING_RULES[f.ruleKey] : null;
        fresh.push({
          id: crypto.randomUUID(), ruleKey: f.ruleKey, severity: r?.severity ?? 'warning', agencyId: f.agencyId, regionPath: f.regionPath, subjectType: f.subjectType, subjectId: f.subjectId,
          subjectLabel: f.subjectLabel, dueOn: f.dueOn ?? null, details: f.details, status: 'open', raisedAt: now, lastSeenAt: now,
        });
      }
      for (let k = 0; k < fresh.length; k += 500) {
        const rows = await tx.insert(supervisionWarnings).values(fresh.slice(k, k + 500)).returning();
        const events = await tx
          .insert(supervisionWarningEvents)
          .values(rows.map((w) => ({ warningId: w.id, seq: 1, action: 'raise', fromStatus: null, toStatus: 'open', actorId: null, actorRole: 'system', payload: { details: w.details, dueOn: w.dueOn }, occurredAt: now })))
          .returning();
        await audit.appendRecords(tx, 'supervision_warning_event', events);
        raised += rows.length;
      }
      const seen = open.filter((w) => found.has(`${w.ruleKey}|${w.subjectId}`)).map((w) => w.id);
      for (let k = 0; k < seen.length; k += 1000) {
        await tx.update(supervisionWarnings).set({ lastSeenAt: now }).where(inArray(supervisionWarnings.id, seen.slice(k, k + 1000)));
      }
      refreshed = seen.length;
      for (const w of open) {
        if (found.has(`${w.ruleKey}|${w.subjectId}`)) continue;
        await stepWarning(tx, null, w, 'auto_resolve', {}, { reason: 'condition_cleared', asOf });
        resolved++;
      }
    });
    return { asOf, raised, refreshed, resolved, byRule, failed };
  }

  async function getWarningScoped(actor: Actor, id: string, tx: Db = db): Promise<WarningRow> {
    requirePermission(actor, 'supervision.read');
    const [w] = await tx.select().from(supervisionWarnings).where(eq(supervisionWarnings.id, id));
    if (!w || !isInScope(actor, w)) throw new AppError('NOT_FOUND');
    return w;
  }

  // ---- documents ---------------------------------------------------------------------------------------------------

  async function appendDocumentEvent(tx: Db, d: DocumentRow, e: { seq: number; action: string; from: string | null; to: string; actor: Actor; payload: Record<string, unknown> }, meta: Meta) {
    const rows = await tx
      .insert(supervisionDocumentEvents)
      .values({ documentId: d.id, seq: e.seq, action: e.action, fromStatus: e.from, toStatus: e.to, actorId: e.actor.userId, actorRole: e.actor.role, payload: e.payload, occurredAt: clock.now() })
      .returning();
    await audit.appendRecords(tx, 'supervision_document_event', rows);
    await audit.recordChange(tx, { actor: e.actor, requestId: meta.requestId, entityType: 'supervision_document', entityId: d.id, action: e.action, before: e.from ? { status: e.from } : null, after: { status: e.to, ...e.payload }, regionPath: d.regionPath, agencyId: d.agencyId });
  }

  async function getDocumentScoped(actor: Actor, id: string, tx: Db = db): Promise<DocumentRow> {
    requirePermission(actor, 'supervision.read');
    const [d] = await tx.select().from(supervisionDocuments).where(eq(supervisionDocuments.id, id));
    if (!d || !isInScope(actor, d)) throw new AppError('NOT_FOUND');
    return d;
  }

  function typeOf(d: Pick<DocumentRow, 'profile' | 'typeCode'>) {
    const t = supervisionDocumentType(d.profile, d.typeCode);
    if (!t) throw new AppError('INTERNAL', { message: `unknown supervision document type ${d.profile}/${d.typeCode}` });
    return t;
  }

  function documentOut(d: DocumentRow, role?: Role) {
    const t = supervisionDocumentType(d.profile, d.typeCode);
    return {
      id: d.id,
      number: d.number,
      issuerName: d.issuerName,
      profile: d.profile,
      typeCode: d.typeCode,
      typeZh: t?.zh ?? d.typeCode,
      typeEn: t?.en ?? d.typeCode,
      citation: t?.citation ?? null,
      agencyId: d.agencyId,
      regionPath: d.regionPath,
      warningId: d.warningId,
      caseId: d.caseId,
      title: d.title,
      body: d.body,
      decisionType: d.decisionType,
      grounds: d.grounds,
      status: d.status,
      issuedOn: d.issuedOn,
      responseDueOn: d.responseDueOn,
      objectionDueOn: d.objectionDueOn,
      answer: d.answer,
      objection: d.objection,
      version: d.version,
      availableActions: role ? availableSupervisionDocumentActions(d.status as SupervisionDocumentStatus, role) : [],
    };
  }

  async function allocateNumber(tx: Db, issuerRegionCode: string, typeCode: string, year: number): Promise<number> {
    const [r] = await tx
      .insert(supervisionNumberSequences)
      .values({ issuerRegionCode, typeCode, year, lastValue: 1 })
      .onConflictDoUpdate({ target: [supervisionNumberSequences.issuerRegionCode, supervisionNumberSequences.typeCode, supervisionNumberSequences.year], set: { lastValue: sql`${supervisionNumberSequences.lastValue} + 1` } })
      .returning({ v: supervisionNumberSequences.lastValue });
    return r!.v;
  }

  async function requireIndependentReviewer(d: DocumentRow, actor: Actor) {
    const v = (await rules.resolve({ regionPath: d.regionPath, date: today() })).values as Record<string, unknown>;
    const r = objectionReviewerRefusal(d, actor.userId, { reviewByOther: v['supervision.objectionReviewByOther'] !== false });
    if (r) throw refusalError(r);
  }

  const service = {
    rules() {
      return Object.values(WARNING_RULES).map((r) => ({ ...r, isEvaluated: !('isExternal' in r && r.isExternal) || external.has(r.key) }));
    },
    documentTypes() {
      return SUPERVISION_DOCUMENT_TYPES;
    },

    /** Another module contributes a finder for one of the catalogue's rules (e.g. transfer.police_answer_overdue). */
    registerFinder(ruleKey: string, finder: ExternalFinder) {
      if (!isWarningRuleKey(ruleKey)) throw new Error(`unknown warning rule ${ruleKey}: add it to WARNING_RULES first`);
      if (Object.hasOwn(INTERNAL_FINDERS, ruleKey)) throw new Error(`rule ${ruleKey} has a built-in finder`);
      external.set(ruleKey, finder);
    },

    scan,
    /** On demand (supervisor or system administrator): the same scan, recorded in the audit trail. */
    async scanNow(actor: Actor, opts: ScanOptions, meta: Meta) {
      if (actor.role !== 'system_admin') requirePermission(actor, 'supervision.issue');
      const r = await scan(opts);
      await db.transaction((tx) => audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'supervision_scan', entityId: r.asOf, action: 'scan', after: { raised: r.raised, resolved: r.resolved, failed: r.failed.length }, regionPath: actor.regionPath, agencyId: actor.agencyId }));
      return r;
    },
    start(everyMs: number, onError: (e: unknown) => void) {
      if (timer) return;
      timer = setInterval(() => {
        if (running) return;
        running = scan().catch(onError).finally(() => (running = null));
      }, everyMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },

    async listWarnings(actor: Actor, q: { ruleKey?: string | undefined; severity?: string | undefined; status?: string | undefined; agencyId?: string | undefined; limit?: number | undefined; offset?: number | undefined }) {
      requirePermission(actor, 'supervision.read');
      const conds: SQL[] = [scopeCondition(actor, supervisionWarnings)];
      if (q.ruleKey) conds.push(eq(supervisionWarnings.ruleKey, q.ruleKey));
      if (q.severity) conds.push(eq(supervisionWarnings.severity, q.severity));
      if (q.status === 'active') conds.push(inArray(supervisionWarnings.status, [...OPEN_WARNING_STATUSES]));
      else if (q.status) conds.push(eq(supervisionWarnings.status, q.status));
      if (q.agencyId) conds.push(eq(supervisionWarnings.agencyId, q.agencyId));
      const where = and(...conds);
      const [rows, [total]] = await Promise.all([
        db
          .select({ w: supervisionWarnings, agencyName: subjects.name })
          .from(supervisionWarnings)
          .leftJoin(subjects, eq(subjects.id, supervisionWarnings.agencyId))
          .where(where)
          .orderBy(desc(supervisionWarnings.raisedAt), asc(supervisionWarnings.id))
          .limit(q.limit ?? 50)
          .offset(q.offset ?? 0),
        db.select({ n: sql<number>`count(*)::int` }).from(supervisionWarnings).where(where),
      ]);
      return { total: total?.n ?? 0, items: rows.map((r) => ({ ...warningOut(r.w, actor.role), agencyName: r.agencyName ?? null })) };
    },

    async getWarning(actor: Actor, id: string) {
      const w = await getWarningScoped(actor, id);
      const [events, docs, [agency]] = await Promise.all([
        db.select().from(supervisionWarningEvents).where(eq(supervisionWarningEvents.warningId, id)).orderBy(supervisionWarningEvents.seq),
        db.select().from(supervisionDocuments).where(eq(supervisionDocuments.warningId, id)).orderBy(supervisionDocuments.issuedOn, supervisionDocuments.number),
        db.select({ name: subjects.name }).from(subjects).where(eq(subjects.id, w.agencyId)),
      ]);
      return {
        ...warningOut(w, actor.role),
        agencyName: agency?.name ?? null,
        events: events.map((e) => ({ seq: e.seq, action: e.action, fromStatus: e.fromStatus, toStatus: e.toStatus, actorRole: e.actorRole, payload: e.payload, occurredAt: iso(e.occurredAt)! })),
        documents: docs.map((d) => documentOut(d, actor.role)),
      };
    },

    /** Acknowledge / report rectification (agency head), close / reopen (supervisor); refused steps → 409 with what is allowed. */
    async actOnWarning(actor: Actor, id: string, action: WarningAction, input: { text?: string | undefined; evidenceIds?: string[] | undefined; documentRef?: string | null | undefined; reason?: string | undefined; version?: number | undefined }, meta: Meta) {
      const before = await getWarningScoped(actor, id);
      requirePermission(actor, action === 'acknowledge' || action === 'report_rectification' ? 'supervision.respond' : 'supervision.issue');
      const allowed = availableWarningActions(before.status as WarningStatus, actor.role);
      if (!allowed.includes(action)) throw new AppError('INVALID_TRANSITION', { details: { status: before.status, action, allowedActions: allowed } });
      const set: Partial<WarningRow> = {};
      const payload: Record<string, unknown> = {};
      if (action === 'report_rectification') {
        if (!input.text?.trim()) throw issue('text', 'describe the rectification', '请填写整改情况');
        const rect: WarningRectification = { text: input.text.trim(), evidenceIds: input.evidenceIds ?? [], documentRef: input.documentRef ?? null, reportedOn: today() };
        set.rectification = rect;
        Object.assign(payload, rect);
      }
      if (action === 'reopen' || action === 'close') {
        if (action === 'reopen' && !input.reason?.trim()) throw issue('reason', 'a reason is required', '请填写退回理由');
        if (input.reason?.trim()) payload.reason = input.reason.trim();
      }
      await db.transaction((tx) => stepWarning(tx, actor, before, action, set, payload, meta, input.version));
      return service.getWarning(actor, id);
    },

    // ---- documents -------------------------------------------------------------------------------------------------

    /**
     * Issue a supervision document to an agency in the supervisor's subtree, about a warning, a case or free text.
     * Served on issue through the system: the response and objection periods run from today (calendar: G1, G4, G5).
     */
    async issueDocument(actor: Actor, input: IssueInput, meta: Meta) {
      requirePermission(actor, 'supervision.issue');
      const t = supervisionDocumentType(input.profile, input.typeCode);
      if (!t) throw issue('typeCode', 'unknown document type for this profile', '该地区配置中没有此文书类型');
      let agencyId = input.agencyId ?? null;
      let caseId = input.caseId ?? null;
      if (input.warningId) {
        const w = await getWarningScoped(actor, input.warningId);
        if (agencyId && agencyId !== w.agencyId) throw issue('agencyId', 'the warning belongs to another agency', '预警所属执法机关与收文机关不一致');
        agencyId = w.agencyId;
        if (!caseId && w.subjectType === 'case') caseId = w.subjectId;
      }
      if (!agencyId) throw issue('agencyId', 'name the agency', '请选择收文的执法机关');
      const [agency] = await db.select({ id: subjects.id, name: subjects.name, regionPath: subjects.regionPath }).from(subjects).where(eq(subjects.id, agencyId));
      if (!agency || !isInScope(actor, { regionPath: agency.regionPath, agencyId: agency.id })) throw new AppError('NOT_FOUND');
      if (input.typeCode === 'decision' && !input.decisionType) throw issue('decisionType', 'a decision names what it orders', '监督决定书须载明决定类型');
      const g = decisionGroundsRefusal(input.decisionType ?? null, input.grounds ?? []);
      if (g) throw refusalError(g);
      const issuedOn = today();
      const { responseDueOn, objectionDueOn } = supervisionDocumentDeadlines(t, issuedOn, await rules.calendar());
      const [region] = await db.select({ name: regions.name }).from(regions).where(eq(regions.code, actor.regionCode));
      const issuerName = `${region?.name ?? actor.regionCode}司法局`;
      const year = Number(issuedOn.slice(0, 4));
      const row = await db.transaction(async (tx) => {
        const seq = await allocateNumber(tx, actor.regionCode, input.typeCode, year);
        const number = `${(region?.name ?? actor.regionCode).slice(0, 2)}司监${TYPE_CHAR[input.typeCode] ?? ''}〔${year}〕${seq}号`;
        const [d] = await tx
          .insert(supervisionDocuments)
          .values({
            id: crypto.randomUUID(), number, issuerRegionCode: actor.regionCode, issuerName, sequenceYear: year, seq, profile: input.profile, typeCode: input.typeCode,
            agencyId: agency.id, regionPath: agency.regionPath, warningId: input.warningId ?? null, caseId, title: input.title.trim(), body: input.body.trim(),
            decisionType: input.decisionType ?? null, grounds: input.grounds ?? [], status: 'issued', issuedOn, responseDueOn, objectionDueOn, issuedBy: actor.userId, updatedAt: clock.now(),
          })
          .returning();
        await appendDocumentEvent(tx, d!, { seq: 1, action: 'issue', from: null, to: 'issued', actor, payload: { number, profile: input.profile, typeCode: input.typeCode, responseDueOn, objectionDueOn, warningId: input.warningId ?? null, caseId } }, meta);
        return d!;
      });
      return service.getDocument(actor, row.id);
    },

    async listDocuments(actor: Actor, q: { status?: string | undefined; agencyId?: string | undefined; limit?: number | undefined; offset?: number | undefined }) {
      requirePermission(actor, 'supervision.read');
      const conds: SQL[] = [scopeCondition(actor, supervisionDocuments)];
      if (q.status) conds.push(eq(supervisionDocuments.status, q.status));
      if (q.agencyId) conds.push(eq(supervisionDocuments.agencyId, q.agencyId));
      const where = and(...conds);
      const [rows, [total]] = await Promise.all([
        db
          .select({ d: supervisionDocuments, agencyName: subjects.name })
          .from(supervisionDocuments)
          .leftJoin(subjects, eq(subjects.id, supervisionDocuments.agencyId))
          .where(where)
          .orderBy(desc(supervisionDocuments.issuedOn), desc(supervisionDocuments.number))
          .limit(q.limit ?? 50)
          .offset(q.offset ?? 0),
        db.select({ n: sql<number>`count(*)::int` }).from(supervisionDocuments).where(where),
      ]);
      return { total: total?.n ?? 0, items: rows.map((r) => ({ ...documentOut(r.d, actor.role), agencyName: r.agencyName ?? null })) };
    },

    async getDocument(actor: Actor, id: string) {
      const d = await getDocumentScoped(actor, id);
      const [events, measures, [agency]] = await Promise.all([
        db.select().from(supervisionDocumentEvents).where(eq(supervisionDocumentEvents.documentId, id)).orderBy(supervisionDocumentEvents.seq),
        db.select().from(supervisionMeasures).where(eq(supervisionMeasures.documentId, id)).orderBy(supervisionMeasures.decidedAt, supervisionMeasures.id),
        db.select({ name: subjects.name }).from(subjects).where(eq(subjects.id, d.agencyId)),
      ]);
      return {
        ...documentOut(d, actor.role),
        agencyName: agency?.name ?? null,
        events: events.map((e) => ({ seq: e.seq, action: e.action, fromStatus: e.fromStatus, toStatus: e.toStatus, actorRole: e.actorRole, payload: e.payload, occurredAt: iso(e.occurredAt)! })),
        measures: measures.map((m) => ({ id: m.id, kind: m.kind, sanction: m.sanction, officerId: m.officerId, certificateId: m.certificateId, suspendedUntil: m.suspendedUntil, referredTo: m.referredTo, reason: m.reason, decidedAt: iso(m.decidedAt)! })),
      };
    },

    /**
     * answer / object (agency head); accept / return / uphold / revoke (supervisor). The review of an objection
     * (uphold / revoke) is refused to the issuer of the document (objectionReviewerRefusal). Accepting the answer to a document
     * raised about a warning closes the warning in the same transaction (one event on each).
     */
    async actOnDocument(actor: Actor, id: string, action: SupervisionDocumentAction, input: DocumentActionInput, meta: Meta) {
      const before = await getDocumentScoped(actor, id);
      requirePermission(actor, action === 'answer' || action === 'object' ? 'supervision.respond' : 'supervision.issue');
      const allowed = availableSupervisionDocumentActions(before.status as SupervisionDocumentStatus, actor.role);
      if (!allowed.includes(action)) throw new AppError('INVALID_TRANSITION', { details: { status: before.status, action, allowedActions: allowed } });
      const t = typeOf(before);
      const day = today();
      const set: Partial<DocumentRow> = {};
      const payload: Record<string, unknown> = {};
      switch (action) {
        case 'answer':
          if (!input.text?.trim()) throw issue('text', 'the answer is required', '请填写答复内容');
          set.answer = { text: input.text.trim(), evidenceIds: input.evidenceIds ?? [], documentRef: input.documentRef ?? null, answeredOn: day };
          Object.assign(payload, set.answer);
          break;
        case 'object': {
          const r = supervisionObjectionRefusal(t, before.objectionDueOn, day);
          if (r) throw refusalError(r);
          if (!input.reason?.trim()) throw issue('reason', 'state the objection', '请填写异议理由');
          const reviewDueOn = supervisionReviewDueOn(t, day, await rules.calendar());
          set.objection = { reason: input.reason.trim(), objectedOn: day, reviewDueOn };
          Object.assign(payload, set.objection);
          break;
        }
        case 'return':
        case 'revoke':
          if (action === 'revoke') await requireIndependentReviewer(before, actor);
          if (!input.reason?.trim()) throw issue('reason', 'a reason is required', '请填写理由');
          payload.reason = input.reason.trim();
          if (action === 'revoke') set.objection = { ...before.objection!, outcome: 'revoked', opinion: input.reason.trim(), decidedOn: day };
          break;
        case 'uphold': {
          await requireIndependentReviewer(before, actor);
          // The document stands: the response period runs afresh from the review decision.
          const { responseDueOn } = supervisionDocumentDeadlines(t, day, await rules.calendar());
          set.responseDueOn = responseDueOn;
          set.objection = { ...before.objection!, outcome: 'upheld', opinion: input.reason?.trim() ?? '', decidedOn: day };
          Object.assign(payload, { responseDueOn, opinion: input.reason?.trim() ?? '' });
          break;
        }
        case 'accept':
          if (input.reason?.trim()) payload.opinion = input.reason.trim();
          break;
      }
      const to = nextSupervisionDocumentStatus(before.status as SupervisionDocumentStatus, action)!;
      await db.transaction(async (tx) => {
        const version = input.version ?? before.version;
        const [after] = await tx
          .update(supervisionDocuments)
          .set({ ...set, status: to, version: sql`${supervisionDocuments.version} + 1`, updatedAt: clock.now() })
          .where(and(eq(supervisionDocuments.id, id), eq(supervisionDocuments.version, version)))
          .returning();
        if (!after) throw new AppError('VERSION_CONFLICT', { details: { expectedVersion: version } });
        await appendDocumentEvent(tx, after, { seq: after.version, action, from: before.status, to, actor, payload }, meta);
        if (action === 'accept' && before.warningId) {
          const [w] = await tx.select().from(supervisionWarnings).where(eq(supervisionWarnings.id, before.warningId));
          if (w && nextWarningStatus(w.status as WarningStatus, 'close')) await stepWarning(tx, actor, w, 'close', {}, { documentId: id, number: before.number, reason: 'document_answer_accepted' }, meta);
        }
      });
      return service.getDocument(actor, id);
    },

    /**
     * S7 sanctions on officers of the agency, and liability referrals. A certificate suspension is carried out by the
     * registry's certificate state machine (PQ6) in the same transaction, so the officer cannot act from that moment.
     */
    async addMeasure(actor: Actor, documentId: string, input: MeasureInput, meta: Meta) {
      requirePermission(actor, 'supervision.issue');
      const d = await getDocumentScoped(actor, documentId);
      if (!input.reason?.trim()) throw issue('reason', 'a reason is required', '请填写理由');
      let officer: { id: string; agencyId: string } | null = null;
      if (input.officerId) {
        const [o] = await db.select({ id: officers.id, agencyId: officers.agencyId }).from(officers).where(eq(officers.id, input.officerId));
        if (!o || o.agencyId !== d.agencyId) throw issue('officerId', 'the officer must belong to the agency the document is addressed to', '须为收文机关的执法人员');
        officer = o;
      }
      if (input.kind === 'sanction') {
        if (!input.sanction || !Object.hasOwn(OFFICER_SANCTIONS, input.sanction)) throw issue('sanction', 'choose a sanction', '请选择处理措施');
        if (!officer) throw issue('officerId', 'a sanction names the officer', '请选择被处理的执法人员');
      } else if (!input.referredTo?.trim()) throw issue('referredTo', 'name the body the matter is referred to', '请填写移送机关');
      const suspension = input.sanction === 'certificate_suspension';
      if (suspension && (!input.certificateId || !input.suspendedUntil)) throw issue('certificateId', 'a suspension names the certificate and the end date', '暂扣证件须选择证件并注明期限');
      const id = crypto.randomUUID();
      await db.transaction(async (tx) => {
        if (suspension) {
          const [c] = await tx.select({ id: certificates.id, officerId: certificates.officerId, version: certificates.version }).from(certificates).where(eq(certificates.id, input.certificateId!));
          if (!c || c.officerId !== officer!.id) throw issue('certificateId', 'the certificate is not the officer’s', '该证件不属于所选执法人员');
          await officerService.actOnCertificate(actor, c.id, 'suspend', { reason: `${d.number}：${input.reason.trim()}`, until: input.suspendedUntil!, version: c.version }, meta);
        }
        const rows = await tx
          .insert(supervisionMeasures)
          .values({
            id, documentId, kind: input.kind, sanction: input.sanction ?? null, officerId: officer?.id ?? null, certificateId: suspension ? input.certificateId! : null, suspendedUntil: suspension ? input.suspendedUntil! : null,
            referredTo: input.referredTo?.trim() ?? null, reason: input.reason.trim(), agencyId: d.agencyId, regionPath: d.regionPath, decidedBy: actor.userId, decidedAt: clock.now(),
          })
          .returning();
        await audit.appendRecords(tx, 'supervision_measure', rows);
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'supervision_document', entityId: documentId, action: input.kind, after: { measureId: id, sanction: input.sanction ?? null, officerId: officer?.id ?? null }, reason: input.reason.trim(), regionPath: d.regionPath, agencyId: d.agencyId });
      });
      return service.getDocument(actor, documentId);
    },

    async documentPdf(actor: Actor, id: string): Promise<{ pdf: Buffer; fileName: string }> {
      const d = await service.getDocument(actor, id);
      const pdf = await renderSupervisionPdf(d);
      return { pdf, fileName: `${d.number}.pdf` };
    },

    /** For UI gating: can this role answer at all. */
    canRespond: (role: Role) => hasPermission(role, 'supervision.respond'),
  };
  return service;
}

export type SupervisionService = ReturnType<typeof createSupervisionService>;
