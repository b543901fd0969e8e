import crypto from 'node:crypto';
import { EventEmitter } from 'node:events';
import {
  AppError,
  COMMAND_EVENT_KINDS,
  COMMAND_STATUS_LABELS,
  CONVERSION_ITEM_CATEGORY,
  conversionRefusal,
  responseFigures,
  availableCommandActions,
  checkCommandAction,
  commandSla,
  createGridIndex,
  findDuplicate,
  geometryProblem,
  hasPermission,
  nextCommandStatus,
  type CommandAction,
  type CommandConversion,
  type CommandSlaParams,
  type CommandSource,
  type CommandStatus,
  type DuplicateParams,
  type GridGeometry,
  type Role,
} from '@zhifa/domain';
import { and, asc, desc, eq, gte, inArray, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { chinaDate, type Clock } from '../../lib/clock.ts';
import type { AuditService } from '../audit/index.ts';
import { isInScope, requirePermission, scopeCondition, users, type Actor } from '../identity/index.ts';
import { cases, inspections, type CaseService, type InspectionService } from '../cases/index.ts';
import type { BlobStore } from '../blobs/index.ts';
import { registryTables, type RuleService } from '../registry/index.ts';
import { commandAttachments, commandCitizenAccess, commandEventLinks, commandEventLog, commandEvents, commandGrids, commandSources, type CommandReporter } from './command.schema.ts';

const { officers, subjects, items, itemSubjects } = registryTables;
/** The NOTIFY channel of live updates: every server process sharing the database LISTENs on it. */
export const COMMAND_CHANNEL = 'zhifa_command';
/** Wrong verification codes before a citizen's status page stops answering (it then answers like an unknown number). */
const MAX_CODE_ATTEMPTS = 5;
const PHOTO_TYPES: Record<string, (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/webp': (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
};
export const MAX_CITIZEN_PHOTOS = 3;
export const MAX_CITIZEN_PHOTO_BYTES = 5 * 1024 * 1024;
/** Log actions a citizen sees on the status page (labels only: no officer, no note, no reason). */
const PUBLIC_STEPS: Record<string, string> = {
  report: '已受理',
  dispatch: '已派遣执法队员',
  acknowledge: '执法队员已签收',
  arrive: '执法队员已到场',
  handle: '已现场处置',
  convert_inspection: '已转为行政检查',
  convert_penalty_lead: '已转为立案调查线索',
  give_feedback: '已反馈处理结果',
  close: '已办结',
  dismiss: '经核实不予处置，已办结',
  merge: '与他人上报的同一事件合并处理',
};
type EventRow = typeof commandEvents.$inferSelect;
type GridRow = typeof commandGrids.$inferSelect;

/** Statuses in which an SLA stage can run late and the event be escalated automatically. */
const ACTIVE: readonly CommandStatus[] = ['reported', 'dispatched', 'acknowledged', 'arrived', 'handled'];

export interface GridFeature {
  type: 'Feature';
  geometry: GridGeometry;
  properties: { code: string; name: string; officerIds?: string[] | undefined };
}
export interface ReportInput {
  kind: string;
  description: string;
  lng: number;
  lat: number;
  address?: string | null | undefined;
  evidenceIds?: string[] | undefined;
  reporter?: { name?: string | null | undefined; phone?: string | null | undefined } | undefined;
  /** When the thing was seen (devices send their own time); never in the future. */
  reportedAt?: string | undefined;
}
export interface ActionInput {
  officerId?: string | undefined;
  team?: string | undefined;
  note?: string | undefined;
  evidenceIds?: string[] | undefined;
  caseId?: string | undefined;
  feedback?: string | undefined;
  mergeInto?: string | undefined;
  reason?: string | undefined;
  version?: number | undefined;
}
/** What a live subscriber receives; the stream filters it by the subscriber's scope. */
export interface CommandUpdate {
  id: string;
  eventNo: string;
  agencyId: string;
  regionPath: string;
  status: string;
  action: string;
  at: string;
}

function issue(path: string, message: string, messageZh: string) {
  return new AppError('VALIDATION_FAILED', { details: { issues: [{ path: path.split('.'), message, messageZh }] } });
}
const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());

export interface CitizenPhoto {
  fileName: string;
  mediaType: string;
  data: Buffer;
}
export interface ConvertInput {
  itemId: string;
  placeRegionCode?: string | undefined;
  party: CaseParty;
  officerIds?: string[] | undefined;
  violationOn?: string | undefined;
  purpose?: string | undefined;
  version?: number | undefined;
}
type CaseParty = Parameters<CaseService['open']>[1]['party'];

export interface CommandDeps {
  db: Db;
  audit: AuditService;
  clock: Clock;
  rules: RuleService;
  /** Citizens' photos (content-addressed). */
  blobs?: BlobStore;
  /** Opening what an event is converted into: the cases module's own services (their guards apply). */
  cases?: Pick<CaseService, 'open'>;
  inspections?: Pick<InspectionService, 'create'>;
  /** LISTEN (Database.listen): with it, live updates go through NOTIFY and reach every process sharing the database. */
  listen?: ((channel: string, onPayload: (payload: string) => void) => Promise<() => Promise<void>>) | undefined;
}

export function createCommandService({ db, audit, clock, rules, blobs, cases: caseService, inspections: inspectionService, listen }: CommandDeps) {
  const bus = new EventEmitter();
  bus.setMaxListeners(0);
  /** Set while LISTEN runs: updates are then sent by NOTIFY only (this process hears its own), never emitted twice. */
  let unlisten: (() => Promise<void>) | null = null;
  /** Grid index per agency, rebuilt after any grid write. */
  const indexes = new Map<string, ReturnType<typeof createGridIndex<string>>>();

  // Supervisors read their region (scope rules of lib/actor.ts); the agency's dispatcher steers; officers work the field.
  const requireRead = (actor: Actor) => requirePermission(actor, 'command.read');
  const requireDispatch = (actor: Actor) => requirePermission(actor, 'command.dispatch');
  function requireAgency(actor: Actor): string {
    if (!actor.agencyId) throw new AppError('FORBIDDEN', { details: { reason: 'no agency' } });
    return actor.agencyId;
  }

  async function gridIndex(agencyId: string) {
    let ix = indexes.get(agencyId);
    if (!ix) {
      const rows = await db.select({ id: commandGrids.id, geometry: commandGrids.geometry }).from(commandGrids).where(and(eq(commandGrids.agencyId, agencyId), eq(commandGrids.status, 'active'))).orderBy(commandGrids.code);
      ix = createGridIndex(rows);
      indexes.set(agencyId, ix);
    }
    return ix;
  }

  // Rule values per region for a minute: intake runs at up to 1,000 reports a minute (issue #7), profiles change rarely.
  const paramCache = new Map<string, { at: number; day: string; value: { sla: CommandSlaParams; dup: DuplicateParams } }>();
  async function params(regionPath: string): Promise<{ sla: CommandSlaParams; dup: DuplicateParams }> {
    const now = clock.now();
    const hit = paramCache.get(regionPath);
    if (hit && hit.day === chinaDate(now) && Math.abs(now.getTime() - hit.at) < 60_000) return hit.value;
    const value = await resolveParams(regionPath);
    paramCache.set(regionPath, { at: now.getTime(), day: chinaDate(now), value });
    return value;
  }
  async function resolveParams(regionPath: string): Promise<{ sla: CommandSlaParams; dup: DuplicateParams }> {
    const v = (await rules.resolve({ regionPath, sector: 'comprehensive', date: chinaDate(clock.now()) })).values as unknown as Record<string, number>;
    return {
      sla: { dispatchMinutes: v['command.slaDispatchMinutes']!, arriveMinutes: v['command.slaArriveMinutes']!, handleMinutes: v['command.slaHandleMinutes']!, feedbackMinutes: v['command.slaFeedbackMinutes']! },
      dup: { radiusMetres: v['command.duplicateRadiusMetres']!, windowMinutes: v['command.duplicateWindowMinutes']! },
    };
  }

  async function officerIdOf(actor: Actor): Promise<string | null> {
    const [u] = await db.select({ officerId: users.officerId }).from(users).where(eq(users.id, actor.userId));
    return u?.officerId ?? null;
  }

  async function checkOfficers(ids: readonly string[], agencyId: string, path: string) {
    if (ids.length === 0) return;
    const os = await db.select({ id: officers.id, agencyId: officers.agencyId }).from(officers).where(inArray(officers.id, [...ids]));
    if (os.length !== new Set(ids).size || os.some((o) => o.agencyId !== agencyId)) throw issue(path, 'officers must belong to the agency', '须为本机关执法人员');
  }

  async function getScoped(actor: Actor, id: string, tx: Db = db): Promise<EventRow> {
    requireRead(actor);
    const [r] = await tx.select().from(commandEvents).where(eq(commandEvents.id, id));
    if (!r || !isInScope(actor, r)) throw new AppError('NOT_FOUND');
    return r;
  }

  function publish(r: EventRow, action: string) {
    const u: CommandUpdate = { id: r.id, eventNo: r.eventNo, agencyId: r.agencyId, regionPath: r.regionPath, status: r.status, action, at: clock.now().toISOString() };
    if (!unlisten) {
      bus.emit('update', u);
      return;
    }
    // After the commit: a NOTIFY inside an ambient transaction (seed, import) is delivered when that one commits.
    db.execute(sql`select pg_notify(${COMMAND_CHANNEL}, ${JSON.stringify(u)})`).catch(() => bus.emit('update', u));
  }

  async function appendLog(tx: Db, r: EventRow, e: { seq: number; action: string; from: string | null; to: string; actor: Actor | null; payload: Record<string, unknown> }, requestId?: string) {
    await audit.appendRecords(tx, 'command_event', await tx.insert(commandEventLog).values({ eventId: r.id, seq: e.seq, action: e.action, fromStatus: e.from, toStatus: e.to, actorId: e.actor?.userId ?? null, actorRole: e.actor?.role ?? 'system', payload: e.payload, occurredAt: clock.now() }).returning());
    await audit.recordChange(tx, { actor: e.actor, requestId, entityType: 'command_event', entityId: r.id, action: e.action, before: e.from ? { status: e.from } : null, after: { status: e.to, ...e.payload }, regionPath: r.regionPath, agencyId: r.agencyId });
  }

  /** Update the projection (optimistic version) and append the step, in one transaction. */
  async function step(tx: Db, actor: Actor | null, before: EventRow, action: string, to: string, set: Partial<EventRow>, payload: Record<string, unknown>, requestId?: string, expectedVersion?: number) {
    const version = expectedVersion ?? before.version;
    const [updated] = await tx
      .update(commandEvents)
      .set({ ...set, status: to, version: sql`${commandEvents.version} + 1`, updatedAt: clock.now() })
      .where(and(eq(commandEvents.id, before.id), eq(commandEvents.version, version)))
      .returning();
    if (!updated) throw new AppError('VERSION_CONFLICT', { details: { expectedVersion: version } });
    await appendLog(tx, updated, { seq: updated.version, action, from: before.status, to, actor, payload }, requestId);
    return updated;
  }

  async function eventOut(r: EventRow, role?: Role, p?: CommandSlaParams) {
    const sla = commandSla(
      { reportedAt: iso(r.reportedAt)!, dispatchedAt: iso(r.dispatchedAt), arrivedAt: iso(r.arrivedAt), handledAt: iso(r.handledAt), feedbackAt: iso(r.feedbackAt) },
      r.status as CommandStatus,
      p ?? (await params(r.regionPath)).sla,
      clock.now(),
    );
    return {
      id: r.id,
      eventNo: r.eventNo,
      agencyId: r.agencyId,
      kind: r.kind,
      description: r.description,
      source: r.source,
      reporter: { name: r.reporter.name ?? null, phone: r.reporter.phone ? r.reporter.phone.replace(/^(\d{3})\d+(\d{4})$/, '$1****$2') : null },
      lng: r.lng,
      lat: r.lat,
      address: r.address,
      gridId: r.gridId,
      status: r.status,
      assigneeOfficerId: r.assigneeOfficerId,
      assigneeTeam: r.assigneeTeam,
      mergedInto: r.mergedInto,
      evidenceIds: r.evidenceIds,
      handling: r.handling,
      feedback: r.feedback,
      reportedAt: iso(r.reportedAt)!,
      dispatchedAt: iso(r.dispatchedAt),
      acknowledgedAt: iso(r.acknowledgedAt),
      arrivedAt: iso(r.arrivedAt),
      handledAt: iso(r.handledAt),
      feedbackAt: iso(r.feedbackAt),
      closedAt: iso(r.closedAt),
      escalatedAt: iso(r.escalatedAt),
      version: r.version,
      sla: sla.stages,
      isLate: sla.isLate,
      availableActions: role ? availableCommandActions(r.status as CommandStatus, role) : [],
    };
  }

  /**
   * Intake, whoever reports: grid lookup from the location, duplicate merging (same kind, near, recent — the new
   * report is recorded as merged into the open event and noted on it), one transaction, then a live update.
   */
  async function intake(actor: Actor | null, agencyId: string, source: CommandSource, reporter: CommandReporter, input: ReportInput, requestId?: string, extra?: (tx: Db, row: EventRow) => Promise<Record<string, unknown>>) {
    const [agency] = await db.select({ regionPath: subjects.regionPath }).from(subjects).where(eq(subjects.id, agencyId));
    if (!agency) throw new AppError('NOT_FOUND');
    const now = clock.now();
    const reportedAt = input.reportedAt ? new Date(input.reportedAt) : now;
    if (reportedAt.getTime() > now.getTime() + 60_000) throw issue('reportedAt', 'reportedAt is in the future', '上报时间不能晚于当前时间');
    const gridId = (await gridIndex(agencyId)).lookup([input.lng, input.lat]);
    const p = await params(agency.regionPath);
    const windowMs = p.dup.windowMinutes * 60_000;
    const id = crypto.randomUUID();
    const eventNo = `SJ${chinaDate(now).replaceAll('-', '')}${crypto.randomInt(0, 36 ** 6).toString(36).toUpperCase().padStart(6, '0')}`;
    const { row, master } = await db.transaction(async (tx) => {
      const open = await tx
        .select({ id: commandEvents.id, kind: commandEvents.kind, reportedAt: commandEvents.reportedAt, lng: commandEvents.lng, lat: commandEvents.lat, status: commandEvents.status })
        .from(commandEvents)
        .where(
          and(
            eq(commandEvents.agencyId, agencyId),
            eq(commandEvents.kind, input.kind),
            gte(commandEvents.reportedAt, new Date(reportedAt.getTime() - windowMs).toISOString()),
            lte(commandEvents.reportedAt, new Date(reportedAt.getTime() + windowMs).toISOString()),
            inArray(commandEvents.status, [...ACTIVE, 'escalated']),
          ),
        );
      const dupId = findDuplicate(
        { kind: input.kind, reportedAt: reportedAt.toISOString(), position: [input.lng, input.lat] },
        open.map((o) => ({ id: o.id, kind: o.kind, reportedAt: iso(o.reportedAt)!, position: [o.lng, o.lat] as const, status: o.status as CommandStatus })),
        p.dup,
      );
      const status: CommandStatus = dupId ? 'merged' : 'reported';
      const [row] = await tx
        .insert(commandEvents)
        .values({
          id,
          eventNo,
          agencyId,
          regionPath: agency.regionPath,
          kind: input.kind,
          description: input.description,
          source,
          reporter,
          lng: input.lng,
          lat: input.lat,
          address: input.address ?? null,
          gridId,
          status,
          mergedInto: dupId,
          evidenceIds: input.evidenceIds ?? [],
          reportedAt: reportedAt.toISOString(),
        })
        .returning();
      const more = extra ? await extra(tx, row!) : {};
      await appendLog(tx, row!, { seq: 1, action: 'report', from: null, to: status, actor, payload: { source, kind: input.kind, gridId, lng: input.lng, lat: input.lat, ...more, ...(dupId ? { mergedInto: dupId, automatic: true } : {}) } }, requestId);
      let master: EventRow | null = null;
      if (dupId) {
        const [m] = await tx.select().from(commandEvents).where(eq(commandEvents.id, dupId));
        master = await step(tx, actor, m!, 'duplicate_received', m!.status, {}, { duplicateId: id, eventNo }, requestId);
      }
      return { row: row!, master };
    });
    publish(row, 'report');
    if (master) publish(master, 'duplicate_received');
    return eventOut(row, actor?.role);
  }

  const service = {
    /** Live updates: the listener gets every change; the stream route filters by scope. Returns the unsubscribe. */
    subscribe(fn: (u: CommandUpdate) => void): () => void {
      bus.on('update', fn);
      return () => bus.off('update', fn);
    },

    // ---- grids -------------------------------------------------------------------------------------------------------
    async listGrids(actor: Actor) {
      requireRead(actor);
      const rows = await db.select().from(commandGrids).where(and(scopeCondition(actor, commandGrids), eq(commandGrids.status, 'active'))).orderBy(commandGrids.code);
      return rows.map(gridOut);
    },

    /** GeoJSON FeatureCollection of the caller's grids (properties: code, name, officerIds). */
    async exportGrids(actor: Actor) {
      const grids = await service.listGrids(actor);
      return { type: 'FeatureCollection' as const, features: grids.map((g) => ({ type: 'Feature' as const, id: g.id, geometry: g.geometry, properties: { code: g.code, name: g.name, officerIds: g.officerIds } })) };
    },

    /**
     * Import a FeatureCollection into the caller's agency grid layer (a comprehensive-enforcement team, seed 004):
     * features are matched by code, new codes added, existing ones replaced. All or nothing.
     */
    async importGrids(actor: Actor, features: GridFeature[], meta: { requestId?: string }) {
      requireDispatch(actor);
      const agencyId = requireAgency(actor);
      const [agency] = await db.select({ regionPath: subjects.regionPath, form: subjects.form }).from(subjects).where(eq(subjects.id, agencyId));
      if (!agency) throw new AppError('NOT_FOUND');
      // Townships exercising devolved powers (行政处罚法 Art.24) run grids of their own too.
      if (agency.form !== 'comprehensive_team' && agency.form !== 'township') {
        throw new AppError('RULE_VIOLATION', {
          message: 'Grids belong to a comprehensive administrative enforcement team or a township (行政处罚法 Art.18, Art.24).',
          messageZh: '网格化管理由综合行政执法机构或乡镇人民政府实施（《行政处罚法》第十八条、第二十四条）。',
          details: { citation: '行政处罚法 Art.18, Art.24', agencyForm: agency.form },
        });
      }
      const seen = new Set<string>();
      features.forEach((f, i) => {
        const p = geometryProblem(f.geometry);
        if (p) throw issue(`features.${i}.geometry`, p, '网格边界须为闭合的多边形');
        if (seen.has(f.properties.code)) throw issue(`features.${i}.properties.code`, 'duplicate code', '网格编码重复');
        seen.add(f.properties.code);
      });
      await checkOfficers([...new Set(features.flatMap((f) => f.properties.officerIds ?? []))], agencyId, 'features.properties.officerIds');
      const result = await db.transaction(async (tx) => {
        const existing = new Map((await tx.select().from(commandGrids).where(eq(commandGrids.agencyId, agencyId))).map((g) => [g.code, g]));
        let created = 0;
        let updated = 0;
        for (const f of features) {
          const old = existing.get(f.properties.code);
          const values = { name: f.properties.name, geometry: f.geometry, officerIds: f.properties.officerIds ?? old?.officerIds ?? [], status: 'active' as const, updatedAt: clock.now() };
          if (old) {
            await tx.update(commandGrids).set({ ...values, version: sql`${commandGrids.version} + 1` }).where(eq(commandGrids.id, old.id));
            await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'command_grid', entityId: old.id, action: 'import_update', before: { name: old.name, geometry: old.geometry, officerIds: old.officerIds }, after: values, regionPath: agency.regionPath, agencyId });
            updated++;
          } else {
            const id = crypto.randomUUID();
            await tx.insert(commandGrids).values({ id, agencyId, regionPath: agency.regionPath, code: f.properties.code, ...values });
            await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'command_grid', entityId: id, action: 'import_create', after: { code: f.properties.code, ...values }, regionPath: agency.regionPath, agencyId });
            created++;
          }
        }
        return { created, updated };
      });
      indexes.delete(agencyId);
      return result;
    },

    /** 网格责任人: the officers responsible for a grid (seed 004: four per grid). */
    async setGridOfficers(actor: Actor, gridId: string, officerIds: string[], meta: { requestId?: string }) {
      requireDispatch(actor);
      const [g] = await db.select().from(commandGrids).where(eq(commandGrids.id, gridId));
      if (!g || !isInScope(actor, g)) throw new AppError('NOT_FOUND');
      await checkOfficers(officerIds, g.agencyId, 'officerIds');
      const row = await db.transaction(async (tx) => {
        const [u] = await tx.update(commandGrids).set({ officerIds, version: sql`${commandGrids.version} + 1`, updatedAt: clock.now() }).where(eq(commandGrids.id, gridId)).returning();
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'command_grid', entityId: gridId, action: 'set_officers', before: { officerIds: g.officerIds }, after: { officerIds }, regionPath: g.regionPath, agencyId: g.agencyId });
        return u!;
      });
      return gridOut(row);
    },

    /** Officers of the caller's agency, for the dispatch picker. */
    async officersOf(actor: Actor) {
      requireRead(actor);
      const agencyId = requireAgency(actor);
      return db.select({ id: officers.id, name: officers.name, post: officers.post }).from(officers).where(eq(officers.agencyId, agencyId)).orderBy(officers.name);
    },

    // ---- intake ------------------------------------------------------------------------------------------------------
    /** Back office (dispatcher takes a call) or patrol (a field officer reports what they found, with a photo). */
    async report(actor: Actor, input: ReportInput, meta: { requestId?: string }) {
      if (!hasPermission(actor.role, 'command.dispatch')) requirePermission(actor, 'command.field');
      const agencyId = requireAgency(actor);
      const source: CommandSource = actor.role === 'officer' ? 'patrol' : 'back_office';
      return intake(actor, agencyId, source, { name: input.reporter?.name ?? (source === 'patrol' ? actor.displayName : null), phone: input.reporter?.phone ?? null, userId: actor.userId }, input, meta.requestId);
    },

    /** For the public portal / Open311 (built elsewhere): a citizen report to an agency's command centre. */
    async reportFromCitizen(agencyId: string, input: ReportInput, meta: { requestId?: string }) {
      return intake(null, agencyId, 'citizen', { name: input.reporter?.name ?? null, phone: input.reporter?.phone ?? null }, input, meta.requestId);
    },

    /**
     * For the public portal: what a citizen who reported may see — the status and the feedback — given the event number
     * and the phone number they reported with (nothing else of the event, and nothing when they do not match).
     */
    async citizenStatus(eventNo: string, phone: string) {
      const [r] = await db.select().from(commandEvents).where(eq(commandEvents.eventNo, eventNo));
      if (!r || r.source !== 'citizen' || !r.reporter.phone || r.reporter.phone !== phone.trim()) throw new AppError('NOT_FOUND');
      // A merged duplicate answers with the event that was handled.
      const [shown] = r.mergedInto ? await db.select().from(commandEvents).where(eq(commandEvents.id, r.mergedInto)) : [r];
      const s = shown ?? r;
      return { eventNo: r.eventNo, status: s.status, reportedAt: iso(r.reportedAt)!, feedback: s.feedback, feedbackAt: iso(s.feedbackAt), mergedIntoEventNo: r.mergedInto ? s.eventNo : null };
    },

    /**
     * The team whose grids contain a point (public reports carry a location, not an agency): the first agency with an
     * active grid there, or null when the point lies outside every grid.
     */
    async locateAgency(lng: number, lat: number): Promise<string | null> {
      const agencies = await db.selectDistinct({ agencyId: commandGrids.agencyId }).from(commandGrids).where(eq(commandGrids.status, 'active')).orderBy(commandGrids.agencyId);
      for (const a of agencies) if ((await gridIndex(a.agencyId)).lookup([lng, lat])) return a.agencyId;
      return null;
    },

    /** What anyone may see of a reported event by its number (Open311 status): state, team and times — nothing personal. */
    async publicStatus(eventNo: string) {
      const [r] = await db.select().from(commandEvents).where(eq(commandEvents.eventNo, eventNo));
      if (!r || r.source !== 'citizen') throw new AppError('NOT_FOUND');
      const [shown] = r.mergedInto ? await db.select().from(commandEvents).where(eq(commandEvents.id, r.mergedInto)) : [r];
      const s = shown ?? r;
      const [agency] = await db.select({ name: subjects.name }).from(subjects).where(eq(subjects.id, r.agencyId));
      return { eventNo: r.eventNo, kind: r.kind, status: s.status, agencyName: agency?.name ?? '', reportedAt: iso(r.reportedAt)!, updatedAt: iso(s.updatedAt ?? s.reportedAt)! };
    },

    /** Cameras and sensors: the source id and its bearer token (only the sha256 is stored). */
    async reportFromDevice(sourceId: string, token: string, input: ReportInput, meta: { requestId?: string }) {
      const [s] = await db.select().from(commandSources).where(eq(commandSources.id, sourceId));
      const given = Buffer.from(sha256(token), 'hex');
      if (!s || s.status !== 'active' || !crypto.timingSafeEqual(given, Buffer.from(s.tokenHash, 'hex'))) throw new AppError('UNAUTHENTICATED');
      const out = await intake(null, s.agencyId, 'device', { name: s.name, sourceId: s.id }, input, meta.requestId);
      // Liveness for the device page; not history (the report itself is in the event log).
      await db.update(commandSources).set({ lastSeenAt: clock.now() }).where(eq(commandSources.id, s.id));
      return out;
    },

    /** Register a camera or sensor; the token is shown once. */
    async createSource(actor: Actor, input: { name: string; kind: string; gridId?: string | null | undefined }, meta: { requestId?: string }) {
      requireDispatch(actor);
      const agencyId = requireAgency(actor);
      if (input.gridId) {
        const [g] = await db.select({ agencyId: commandGrids.agencyId }).from(commandGrids).where(eq(commandGrids.id, input.gridId));
        if (!g || g.agencyId !== agencyId) throw issue('gridId', 'the grid must be one of the agency’s own', '须为本机关的网格');
      }
      const id = crypto.randomUUID();
      const token = crypto.randomBytes(24).toString('base64url');
      await db.transaction(async (tx) => {
        await tx.insert(commandSources).values({ id, agencyId, regionPath: actor.regionPath, name: input.name, kind: input.kind, tokenHash: sha256(token), createdBy: actor.userId, gridId: input.gridId ?? null });
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'command_source', entityId: id, action: 'create', after: { name: input.name, kind: input.kind, gridId: input.gridId ?? null }, regionPath: actor.regionPath, agencyId });
      });
      return { id, name: input.name, kind: input.kind, gridId: input.gridId ?? null, token };
    },

    async listSources(actor: Actor) {
      requireDispatch(actor);
      const rows = await db
        .select({ s: commandSources, gridCode: commandGrids.code, gridName: commandGrids.name })
        .from(commandSources)
        .leftJoin(commandGrids, eq(commandGrids.id, commandSources.gridId))
        .where(scopeCondition(actor, commandSources))
        .orderBy(commandSources.createdAt, commandSources.id);
      return rows.map(({ s: r, gridCode, gridName }) => ({
        id: r.id,
        name: r.name,
        kind: r.kind,
        status: r.status,
        gridId: r.gridId,
        gridCode: gridCode ?? null,
        gridName: gridName ?? null,
        lastSeenAt: r.lastSeenAt?.toISOString() ?? null,
        tokenRotatedAt: r.tokenRotatedAt?.toISOString() ?? null,
        createdAt: r.createdAt.toISOString(),
      }));
    },

    /** A new token for a device (leaked, or routine rotation): the old one stops at once; the new one is shown once. */
    async rotateSource(actor: Actor, id: string, reason: string, meta: { requestId?: string }) {
      requireDispatch(actor);
      const [s] = await db.select().from(commandSources).where(eq(commandSources.id, id));
      if (!s || !isInScope(actor, s)) throw new AppError('NOT_FOUND');
      if (s.status !== 'active') throw new AppError('INVALID_TRANSITION', { message: 'A revoked device is registered again, not rotated.', messageZh: '已停用的设备不能更换密钥，请重新登记。', details: { status: s.status, allowed: [] } });
      const token = crypto.randomBytes(24).toString('base64url');
      const now = clock.now();
      await db.transaction(async (tx) => {
        await tx.update(commandSources).set({ tokenHash: sha256(token), tokenRotatedAt: now }).where(eq(commandSources.id, id));
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'command_source', entityId: id, action: 'rotate_token', before: { tokenRotatedAt: s.tokenRotatedAt?.toISOString() ?? null }, after: { tokenRotatedAt: now.toISOString() }, reason, regionPath: s.regionPath, agencyId: s.agencyId });
      });
      return { id, name: s.name, kind: s.kind, gridId: s.gridId, token };
    },

    /** A stolen or retired device token stops working at once; the source row stays (its reports name it). */
    async revokeSource(actor: Actor, id: string, reason: string, meta: { requestId?: string }) {
      requireDispatch(actor);
      const [s] = await db.select().from(commandSources).where(eq(commandSources.id, id));
      if (!s || !isInScope(actor, s)) throw new AppError('NOT_FOUND');
      if (s.status === 'revoked') throw new AppError('INVALID_TRANSITION', { details: { status: s.status, allowed: [] } });
      await db.transaction(async (tx) => {
        await tx.update(commandSources).set({ status: 'revoked' }).where(eq(commandSources.id, id));
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'command_source', entityId: id, action: 'revoke', before: { status: 'active' }, after: { status: 'revoked' }, reason, regionPath: s.regionPath, agencyId: s.agencyId });
      });
      return { id, status: 'revoked' as const };
    },

    // ---- portal (citizens, no login) -----------------------------------------------------------------------------------
    /** The grid outlines citizens click on (no officers, nothing internal): code, name, geometry and the team's name. */
    async publicGrids() {
      const rows = await db
        .select({ code: commandGrids.code, name: commandGrids.name, geometry: commandGrids.geometry, agencyName: subjects.name })
        .from(commandGrids)
        .innerJoin(subjects, eq(subjects.id, commandGrids.agencyId))
        .where(eq(commandGrids.status, 'active'))
        .orderBy(commandGrids.agencyId, commandGrids.code)
        .limit(2000);
      return rows;
    },

    /**
     * A citizen's city-management report from the portal: the team whose grid contains the place gets it (outside every
     * grid: refused, it is a complaint for the department instead); up to three photos go into the blob store and are
     * recorded with the event; the answer is the event number and a 6-digit code, shown once (only its hash is kept).
     * The contact is personal data: kept for the reply, never shown publicly (and masked for staff lists).
     */
    async reportFromPortal(input: { kind: string; description: string; lng: number; lat: number; address?: string | null | undefined; contactName?: string | null | undefined; contactPhone?: string | null | undefined; locatedBy: 'map' | 'grid' | 'device' }, photos: CitizenPhoto[], meta: { requestId?: string }) {
      if (!COMMAND_EVENT_KINDS[input.kind]) throw issue('kind', 'choose one of the listed kinds', '请选择事件类型');
      if (photos.length > MAX_CITIZEN_PHOTOS) throw issue('photos', `at most ${MAX_CITIZEN_PHOTOS} photos`, `最多上传${MAX_CITIZEN_PHOTOS}张照片`);
      photos.forEach((p, i) => {
        const isType = PHOTO_TYPES[p.mediaType];
        if (!isType || !isType(p.data)) throw issue(`photos.${i}`, 'photos must be JPEG, PNG or WebP images', '照片须为 JPEG、PNG 或 WebP 图片');
        if (p.data.length > MAX_CITIZEN_PHOTO_BYTES) throw issue(`photos.${i}`, 'a photo may be 5 MB at most', '每张照片不超过 5 MB');
      });
      if (photos.length && !blobs) throw new AppError('INTERNAL');
      const agencyId = await service.locateAgency(input.lng, input.lat);
      if (!agencyId) {
        throw new AppError('RULE_VIOLATION', {
          message: 'The place lies outside every enforcement grid; file it as a complaint to the responsible department instead.',
          messageZh: '该位置不在任何执法网格内，请改为向主管部门投诉举报。',
          details: { citation: '综合行政执法网格化管理 (seed 004)', issues: [{ path: ['lng'], message: 'outside every grid', messageZh: '位置不在执法网格内' }] },
        });
      }
      // Stored before the transaction: content-addressed, so a refused report leaves at most an unreferenced blob.
      const stored: { id: string; size: number; fileName: string; mediaType: string }[] = [];
      for (const p of photos) stored.push({ ...(await blobs!.put(p.data)), fileName: p.fileName.slice(0, 200) || 'photo', mediaType: p.mediaType });
      const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
      const ev = await intake(
        null,
        agencyId,
        'citizen',
        { name: input.contactName?.trim() || null, phone: input.contactPhone?.trim() || null },
        { kind: input.kind, description: input.description, lng: input.lng, lat: input.lat, address: input.address ?? null },
        meta.requestId,
        async (tx, row) => {
          await tx.insert(commandCitizenAccess).values({ eventId: row.id, codeHash: sha256(`${row.eventNo}:${code}`), createdAt: clock.now() });
          if (stored.length) {
            const rows = await tx
              .insert(commandAttachments)
              .values(stored.map((f) => ({ id: crypto.randomUUID(), eventId: row.id, blobId: f.id, size: f.size, mediaType: f.mediaType, fileName: f.fileName, agencyId: row.agencyId, regionPath: row.regionPath, uploadedAt: clock.now() })))
              .returning();
            await audit.appendRecords(tx, 'command_attachment', rows);
          }
          return { channel: 'portal', locatedBy: input.locatedBy, photos: stored.map((f) => f.id) };
        },
      );
      const st = await service.publicStatus(ev.eventNo);
      return { eventNo: ev.eventNo, code, agencyName: st.agencyName, status: ev.status, merged: ev.status === 'merged' };
    },

    /**
     * What the citizen who reported sees with the event number and the code: the state, the public steps with their
     * times, and the feedback text — no officer, no note, no contact. A wrong code answers like an unknown number; after
     * five wrong codes the number stops answering.
     */
    async citizenProgress(eventNo: string, code: string) {
      const [r] = await db.select().from(commandEvents).where(eq(commandEvents.eventNo, eventNo));
      const [acc] = r ? await db.select().from(commandCitizenAccess).where(eq(commandCitizenAccess.eventId, r.id)) : [];
      if (!r || !acc || acc.failedAttempts >= MAX_CODE_ATTEMPTS) throw new AppError('NOT_FOUND');
      const given = Buffer.from(sha256(`${eventNo}:${code.trim()}`), 'hex');
      if (!crypto.timingSafeEqual(given, Buffer.from(acc.codeHash, 'hex'))) {
        await db.update(commandCitizenAccess).set({ failedAttempts: sql`${commandCitizenAccess.failedAttempts} + 1` }).where(eq(commandCitizenAccess.eventId, r.id));
        throw new AppError('NOT_FOUND');
      }
      // A merged report follows the event that was handled.
      const [shown] = r.mergedInto ? await db.select().from(commandEvents).where(eq(commandEvents.id, r.mergedInto)) : [r];
      const s = shown ?? r;
      const [agency] = await db.select({ name: subjects.name }).from(subjects).where(eq(subjects.id, r.agencyId));
      const [grid] = s.gridId ? await db.select({ name: commandGrids.name }).from(commandGrids).where(eq(commandGrids.id, s.gridId)) : [];
      const ownLog = await db.select({ action: commandEventLog.action, at: commandEventLog.occurredAt }).from(commandEventLog).where(eq(commandEventLog.eventId, r.id)).orderBy(commandEventLog.seq);
      const handledLog = s.id === r.id ? [] : await db.select({ action: commandEventLog.action, at: commandEventLog.occurredAt }).from(commandEventLog).where(eq(commandEventLog.eventId, s.id)).orderBy(commandEventLog.seq);
      const steps = [...ownLog.slice(0, 1), ...(s.id === r.id ? ownLog.slice(1) : [{ action: 'merge', at: ownLog[0]?.at ?? new Date(r.reportedAt) }, ...handledLog.slice(1)])]
        .filter((l) => PUBLIC_STEPS[l.action])
        .map((l) => ({ action: l.action, label: PUBLIC_STEPS[l.action]!, at: l.at.toISOString() }));
      const [photos] = await db.select({ n: sql<number>`count(*)::int` }).from(commandAttachments).where(eq(commandAttachments.eventId, r.id));
      return {
        eventNo: r.eventNo,
        kind: r.kind,
        kindName: COMMAND_EVENT_KINDS[r.kind]?.zh ?? r.kind,
        status: s.status,
        statusName: COMMAND_STATUS_LABELS[s.status as CommandStatus]?.zh ?? s.status,
        agencyName: agency?.name ?? '',
        gridName: grid?.name ?? null,
        address: r.address,
        reportedAt: iso(r.reportedAt)!,
        photoCount: photos?.n ?? 0,
        steps,
        feedback: s.feedback,
        feedbackAt: iso(s.feedbackAt),
        isClosed: s.status === 'closed',
      };
    },

    /** Citizens' photos of an event (staff, in scope). */
    async attachments(actor: Actor, id: string) {
      await getScoped(actor, id);
      const rows = await db.select().from(commandAttachments).where(eq(commandAttachments.eventId, id)).orderBy(commandAttachments.uploadedAt, commandAttachments.id);
      return rows.map((a) => ({ id: a.id, fileName: a.fileName, mediaType: a.mediaType, size: a.size, sha256: a.blobId.slice(7), uploadedAt: a.uploadedAt.toISOString() }));
    },
    async openAttachment(actor: Actor, id: string, attachmentId: string) {
      await getScoped(actor, id);
      const [a] = await db.select().from(commandAttachments).where(and(eq(commandAttachments.id, attachmentId), eq(commandAttachments.eventId, id)));
      if (!a || !blobs) throw new AppError('NOT_FOUND');
      return { mediaType: a.mediaType, fileName: a.fileName, stream: await blobs.stream(a.blobId) };
    },

    // ---- conversion into an inspection or a penalty case ----------------------------------------------------------------
    /**
     * From an event being handled, the officer on site (or the head) opens an inspection or a penalty-case lead through
     * the cases module (its own guards apply: item, place, officers, party), linked both ways and recorded as a command
     * event, all in one transaction. Refused for a role or agency that cannot open such a case (conversionRefusal).
     */
    async convert(actor: Actor, id: string, conversion: CommandConversion, input: ConvertInput, meta: { requestId?: string }) {
      const before = await getScoped(actor, id);
      if (!caseService || !inspectionService) throw new AppError('INTERNAL');
      const officerId = actor.role === 'officer' ? await officerIdOf(actor) : null;
      const [item] = await db
        .select({ id: items.id, category: items.category, name: items.name, ofAgency: itemSubjects.subjectId })
        .from(items)
        .leftJoin(itemSubjects, and(eq(itemSubjects.itemId, items.id), eq(itemSubjects.subjectId, before.agencyId)))
        .where(and(eq(items.id, input.itemId), eq(items.status, 'active')));
      const [linked] = await db.select({ id: commandEventLinks.id }).from(commandEventLinks).where(and(eq(commandEventLinks.eventId, id), eq(commandEventLinks.conversion, conversion)));
      const refusal = conversionRefusal({
        conversion,
        status: before.status as CommandStatus,
        role: actor.role,
        isAssignee: !!officerId && officerId === before.assigneeOfficerId,
        item: item ? { category: item.category, isOfAgency: !!item.ofAgency } : null,
        isAlreadyConverted: !!linked,
      });
      if (refusal) throw AppError.fromRefusal(refusal);
      if (before.agencyId !== actor.agencyId) throw new AppError('NOT_FOUND');
      const [agency] = await db.select({ regionCode: subjects.regionCode }).from(subjects).where(eq(subjects.id, before.agencyId));
      const day = chinaDate(new Date(before.reportedAt));
      const officerIds = input.officerIds?.length ? input.officerIds : officerId ? [officerId] : [];
      const placeRegionCode = input.placeRegionCode ?? agency!.regionCode;
      const origin = `指挥中心事件 ${before.eventNo}（${COMMAND_EVENT_KINDS[before.kind]?.zh ?? before.kind}${before.address ? `，${before.address}` : ''}）`;
      const row = await db.transaction(async (tx) => {
        let target: { id: string; no: string | null };
        if (conversion === 'inspection') {
          const i = await inspectionService.create(actor, { itemId: input.itemId, placeRegionCode, target: input.party, officerIds, purpose: input.purpose?.trim() || `核查${origin}`, plannedOn: chinaDate(clock.now()) }, meta);
          target = { id: i.id, no: null };
        } else {
          const c = await caseService.open(actor, { itemId: input.itemId, placeRegionCode, party: input.party, officerIds, violationOn: input.violationOn ?? day, discoveredOn: day }, meta);
          target = { id: c.id, no: c.caseNo ?? null };
        }
        const links = await tx
          .insert(commandEventLinks)
          .values({ eventId: id, conversion, targetId: target.id, targetNo: target.no, agencyId: before.agencyId, regionPath: before.regionPath, createdBy: actor.userId, createdAt: clock.now() })
          .returning();
        await audit.appendRecords(tx, 'command_event_link', links);
        return step(tx, actor, before, `convert_${conversion}`, before.status, {}, { conversion, targetId: target.id, itemId: input.itemId, itemCategory: CONVERSION_ITEM_CATEGORY[conversion] }, meta.requestId, input.version);
      });
      publish(row, `convert_${conversion}`);
      return service.get(actor, id);
    },

    /** The cases an event was converted into, with their current number and status (the event page's side of the link). */
    async linksOf(eventId: string) {
      const rows = await db.select().from(commandEventLinks).where(eq(commandEventLinks.eventId, eventId)).orderBy(commandEventLinks.id);
      const out = [];
      for (const l of rows) {
        const [t] =
          l.conversion === 'inspection'
            ? await db.select({ no: sql<string | null>`null`, status: inspections.status }).from(inspections).where(eq(inspections.id, l.targetId))
            : await db.select({ no: cases.caseNo, status: cases.status }).from(cases).where(eq(cases.id, l.targetId));
        out.push({ conversion: l.conversion, targetId: l.targetId, targetNo: t?.no ?? l.targetNo, targetStatus: t?.status ?? null, createdAt: l.createdAt.toISOString() });
      }
      return out;
    },

    /** The case's side of the link: the command event an inspection or case came from (in the caller's scope), or null. */
    async sourceOf(actor: Actor, targetId: string) {
      requirePermission(actor, 'case.read');
      const [l] = await db.select().from(commandEventLinks).where(eq(commandEventLinks.targetId, targetId)).orderBy(commandEventLinks.id).limit(1);
      if (!l || !isInScope(actor, l)) return null;
      const [e] = await db.select({ id: commandEvents.id, eventNo: commandEvents.eventNo, kind: commandEvents.kind, address: commandEvents.address, reportedAt: commandEvents.reportedAt }).from(commandEvents).where(eq(commandEvents.id, l.eventId));
      return e ? { eventId: e.id, eventNo: e.eventNo, kind: e.kind, address: e.address, reportedAt: iso(e.reportedAt)!, conversion: l.conversion } : null;
    },

    // ---- response-time statistics -----------------------------------------------------------------------------------------
    /**
     * Response times per grid, per team or per officer over a period of report dates (Beijing dates, inclusive): median and
     * 90th percentile per stage (dispatch → arrival → handled → feedback, and end to end) and the SLA hit rate, each event
     * against its own region's SLA. Merged duplicates are not counted (their master is).
     */
    async responseStats(actor: Actor, q: { from: string; to: string; by: 'grid' | 'team' | 'officer' }) {
      requireRead(actor);
      if (q.from > q.to) throw issue('from', 'from must not be after to', '开始日期不能晚于结束日期');
      const start = new Date(`${q.from}T00:00:00+08:00`);
      const end = new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 86_400_000);
      if (end.getTime() - start.getTime() > 366 * 86_400_000) throw issue('to', 'a period of one year at most', '统计期间不超过一年');
      const rows = await db
        .select()
        .from(commandEvents)
        .where(and(scopeCondition(actor, commandEvents), sql`${commandEvents.status} <> 'merged'`, gte(commandEvents.reportedAt, start.toISOString()), lt(commandEvents.reportedAt, end.toISOString())))
        .orderBy(asc(commandEvents.reportedAt), asc(commandEvents.id));
      const keyOf = (r: EventRow) => (q.by === 'grid' ? r.gridId : q.by === 'team' ? r.assigneeTeam : r.assigneeOfficerId);
      const groups = new Map<string | null, EventRow[]>();
      for (const r of rows) {
        const k = keyOf(r) ?? null;
        if (!groups.has(k)) groups.set(k, []);
        groups.get(k)!.push(r);
      }
      const ids = [...groups.keys()].filter((k): k is string => !!k);
      const names = new Map<string, string>();
      if (q.by === 'grid' && ids.length) for (const g of await db.select({ id: commandGrids.id, code: commandGrids.code, name: commandGrids.name }).from(commandGrids).where(inArray(commandGrids.id, ids))) names.set(g.id, `${g.code} ${g.name}`);
      if (q.by === 'officer' && ids.length) for (const o of await db.select({ id: officers.id, name: officers.name }).from(officers).where(inArray(officers.id, ids))) names.set(o.id, o.name);
      const now = clock.now();
      const slaOf = new Map<string, CommandSlaParams>();
      const out = [];
      for (const [k, rs] of groups) {
        const evs = [];
        for (const r of rs) {
          if (!slaOf.has(r.regionPath)) slaOf.set(r.regionPath, (await params(r.regionPath)).sla);
          evs.push({ times: { reportedAt: iso(r.reportedAt)!, dispatchedAt: iso(r.dispatchedAt), arrivedAt: iso(r.arrivedAt), handledAt: iso(r.handledAt), feedbackAt: iso(r.feedbackAt) }, status: r.status as CommandStatus, sla: slaOf.get(r.regionPath)! });
        }
        out.push({ key: k, name: k ? (q.by === 'team' ? k : (names.get(k) ?? k)) : null, ...responseFigures(evs, now) });
      }
      out.sort((a, b) => (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff', 'zh'));
      return { from: q.from, to: q.to, by: q.by, total: responseFigures(out.length ? rows.map((r) => ({ times: { reportedAt: iso(r.reportedAt)!, dispatchedAt: iso(r.dispatchedAt), arrivedAt: iso(r.arrivedAt), handledAt: iso(r.handledAt), feedbackAt: iso(r.feedbackAt) }, status: r.status as CommandStatus, sla: slaOf.get(r.regionPath)! })) : [], now), groups: out };
    },

    // ---- live updates across processes ----------------------------------------------------------------------------------
    /**
     * LISTEN for updates from every process sharing the database (PostgreSQL NOTIFY; PGlite in-process). From then on
     * this process publishes by NOTIFY only. Without `listen` the bus stays local to the process.
     */
    async startLive(onError?: (e: unknown) => void) {
      if (!listen || unlisten) return;
      unlisten = await listen(COMMAND_CHANNEL, (payload) => {
        try {
          bus.emit('update', JSON.parse(payload) as CommandUpdate);
        } catch (e) {
          onError?.(e);
        }
      });
    },
    async stopLive() {
      const u = unlisten;
      unlisten = null;
      await u?.();
    },

    // ---- reads -------------------------------------------------------------------------------------------------------
    async list(actor: Actor, q: { status?: string | undefined; mine?: boolean | undefined; limit?: number | undefined }) {
      requireRead(actor);
      const conds = [scopeCondition(actor, commandEvents)];
      if (q.status) conds.push(eq(commandEvents.status, q.status));
      if (q.mine) {
        const officerId = await officerIdOf(actor);
        if (!officerId) return [];
        conds.push(eq(commandEvents.assigneeOfficerId, officerId));
      }
      const rows = await db.select().from(commandEvents).where(and(...conds)).orderBy(desc(commandEvents.reportedAt)).limit(q.limit ?? 200);
      const cache = new Map<string, CommandSlaParams>();
      const out = [];
      for (const r of rows) {
        if (!cache.has(r.regionPath)) cache.set(r.regionPath, (await params(r.regionPath)).sla);
        out.push(await eventOut(r, actor.role, cache.get(r.regionPath)));
      }
      return out;
    },

    async get(actor: Actor, id: string) {
      const r = await getScoped(actor, id);
      const log = await db
        .select({ e: commandEventLog, actorName: users.displayName })
        .from(commandEventLog)
        .leftJoin(users, eq(users.id, commandEventLog.actorId))
        .where(eq(commandEventLog.eventId, id))
        .orderBy(commandEventLog.seq);
      const out = await eventOut(r, actor.role);
      const officerId = actor.role === 'officer' ? await officerIdOf(actor) : null;
      const isAssignee = !!officerId && officerId === r.assigneeOfficerId;
      const [photos] = await db.select({ n: sql<number>`count(*)::int` }).from(commandAttachments).where(eq(commandAttachments.eventId, id));
      return {
        ...out,
        links: await service.linksOf(id),
        attachmentCount: photos?.n ?? 0,
        availableActions: out.availableActions.filter((a) => checkCommandAction(r.status as CommandStatus, a, { role: actor.role, isAssignee }) === null),
        log: log.map(({ e, actorName }) => ({ seq: e.seq, action: e.action, fromStatus: e.fromStatus, toStatus: e.toStatus, actorRole: e.actorRole, actorName: actorName ?? (e.actorRole === 'system' ? '系统' : null), payload: e.payload, occurredAt: e.occurredAt.toISOString() })),
      };
    },

    // ---- steps -------------------------------------------------------------------------------------------------------
    async act(actor: Actor, id: string, action: CommandAction, input: ActionInput, meta: { requestId?: string }) {
      const before = await getScoped(actor, id);
      const officerId = actor.role === 'officer' ? await officerIdOf(actor) : null;
      const refusal = checkCommandAction(before.status as CommandStatus, action, { role: actor.role, isAssignee: !!officerId && officerId === before.assigneeOfficerId });
      if (refusal) throw AppError.fromRefusal(refusal);
      const to = nextCommandStatus(before.status as CommandStatus, action)!;
      const now = clock.now().toISOString();
      const set: Partial<EventRow> = {};
      const payload: Record<string, unknown> = {};
      switch (action) {
        case 'dispatch': {
          if (!input.officerId && !input.team) throw issue('officerId', 'dispatch to an officer or a team', '请选择派遣的执法人员或队组');
          if (input.officerId) await checkOfficers([input.officerId], before.agencyId, 'officerId');
          Object.assign(set, { assigneeOfficerId: input.officerId ?? null, assigneeTeam: input.team ?? null, dispatchedAt: before.dispatchedAt ?? now });
          Object.assign(payload, { officerId: input.officerId ?? null, team: input.team ?? null });
          break;
        }
        case 'acknowledge':
          set.acknowledgedAt = before.acknowledgedAt ?? now;
          break;
        case 'arrive':
          set.arrivedAt = now;
          break;
        case 'handle': {
          if (!input.note?.trim()) throw issue('note', 'the on-site record needs a note', '请填写现场处置情况');
          if (input.caseId) {
            // The case opened from the event (立案) must be the same agency's.
            const [c] = await db.select({ agencyId: cases.agencyId }).from(cases).where(eq(cases.id, input.caseId));
            if (!c || c.agencyId !== before.agencyId) throw issue('caseId', 'the case must be one of the agency’s own', '关联案件须为本机关案件');
          }
          const handling = { note: input.note.trim(), evidenceIds: input.evidenceIds ?? [], caseId: input.caseId ?? null };
          Object.assign(set, { handledAt: now, handling });
          Object.assign(payload, handling);
          break;
        }
        case 'give_feedback':
          if (!input.feedback?.trim()) throw issue('feedback', 'feedback to the reporter is required', '请填写向上报人反馈的内容');
          Object.assign(set, { feedback: input.feedback.trim(), feedbackAt: now });
          payload.feedback = input.feedback.trim();
          break;
        case 'close':
          set.closedAt = now;
          break;
        case 'dismiss':
        case 'escalate':
          if (!input.reason?.trim()) throw issue('reason', 'a reason is required', '请填写理由');
          if (action === 'dismiss') set.closedAt = now;
          else set.escalatedAt = now;
          payload.reason = input.reason.trim();
          break;
        case 'merge': {
          if (!input.mergeInto || input.mergeInto === id) throw issue('mergeInto', 'name the event this one duplicates', '请选择被合并的事件');
          const target = await getScoped(actor, input.mergeInto);
          if (target.agencyId !== before.agencyId || ['merged', 'closed'].includes(target.status)) throw issue('mergeInto', 'the target must be an open event of the same agency', '只能合并到本机关未办结的事件');
          set.mergedInto = target.id;
          payload.mergeInto = target.id;
          break;
        }
      }
      const row = await db.transaction((tx) => step(tx, actor, before, action, to, set, payload, meta.requestId, input.version));
      publish(row, action);
      return service.get(actor, id);
    },

    /**
     * Escalation when an SLA stage is late: recorded once per event on the event's log (status unchanged, so the
     * officer on the way can still arrive) and flagged for the command screen. Run by the job loop and callable.
     */
    async escalateLate(): Promise<number> {
      const rows = await db.select().from(commandEvents).where(and(inArray(commandEvents.status, [...ACTIVE]), sql`${commandEvents.escalatedAt} is null`));
      let n = 0;
      const cache = new Map<string, CommandSlaParams>();
      for (const r of rows) {
        if (!cache.has(r.regionPath)) cache.set(r.regionPath, (await params(r.regionPath)).sla);
        const out = await eventOut(r, undefined, cache.get(r.regionPath));
        if (!out.isLate) continue;
        const late = out.sla.filter((s) => s.state === 'late').map((s) => s.key);
        try {
          const row = await db.transaction((tx) => step(tx, null, r, 'sla_escalate', r.status, { escalatedAt: clock.now().toISOString() }, { lateStages: late }));
          publish(row, 'sla_escalate');
          n++;
        } catch (e) {
          if (!(e instanceof AppError && e.code === 'VERSION_CONFLICT')) throw e;
        }
      }
      return n;
    },

    /** Response times per grid (minutes from report to feedback, closed or given), for the command screen. */
    async stats(actor: Actor) {
      requireRead(actor);
      const rows = await db
        .select({
          gridId: commandEvents.gridId,
          total: sql<number>`count(*)::int`,
          done: sql<number>`count(${commandEvents.feedbackAt})::int`,
          late: sql<number>`count(${commandEvents.escalatedAt})::int`,
          avgMinutes: sql<number | null>`avg(extract(epoch from (${commandEvents.feedbackAt} - ${commandEvents.reportedAt})) / 60)::float8`,
        })
        .from(commandEvents)
        .where(and(scopeCondition(actor, commandEvents), sql`${commandEvents.status} <> 'merged'`))
        .groupBy(commandEvents.gridId);
      return rows;
    },
  };
  return service;
}

function gridOut(g: GridRow) {
  return { id: g.id, code: g.code, name: g.name, geometry: g.geometry, officerIds: g.officerIds, agencyId: g.agencyId, version: g.version };
}

export type CommandService = ReturnType<typeof createCommandService>;
