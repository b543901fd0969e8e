import { createHash, randomBytes } from 'node:crypto';
import {
  AppError,
  DEFAULT_GRADE_BANDS,
  EVALUATION_OBJECTION_WORKING_DAYS,
  EVALUATION_RECHECK_WORKING_DAYS,
  MIN_REVIEWERS_PER_FILE,
  RUBRICS,
  aggregateScores,
  caseFileCompleteness,
  caseFilePathOf,
  checkGradeBands,
  checkMarks,
  evaluationActions,
  gradeOf,
  nextEvaluationStatus,
  officersWithFailedFiles,
  reviewerConflict,
  sampleCaseFiles,
  scoreSheet,
  suggestDeductions,
  type CaseFileDoc,
  type CaseFileDocKind,
  type EvaluationAction,
  type EvaluationStatus,
  type Grade,
  type HearingThresholds,
  type PenaltyCaseFacts,
  type Rubric,
  type ScoreMarks,
} from '@zhifa/domain';
import { and, asc, eq, inArray, like, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { escapeLike, isInScope, requirePermission, type Actor } from '../../lib/actor.ts';
import { chinaDate, type Clock } from '../../lib/clock.ts';
import { newId } from '../../lib/ids.ts';
import type { AuditService } from '../audit/index.ts';
import { cases } from '../cases/index.ts';
import { users } from '../identity/index.ts';
import { registryTables, type RuleService } from '../registry/index.ts';
import {
  evaluationAssignments,
  evaluationCampaigns,
  evaluationEvents,
  evaluationFiles,
  evaluationObjections,
  evaluationRectifications,
  evaluationScoreSheets,
  type CampaignSettings,
} from './evaluation.schema.ts';

const { subjects } = registryTables;
const sha256 = (d: Uint8Array) => new Uint8Array(createHash('sha256').update(d).digest());

type CampaignRow = typeof evaluationCampaigns.$inferSelect;
type FileRow = typeof evaluationFiles.$inferSelect;
type AssignmentRow = typeof evaluationAssignments.$inferSelect;
type SheetRow = typeof evaluationScoreSheets.$inferSelect;

/** Keys sorted at every level, no whitespace: the signed bytes of a score sheet (decimal points allowed). */
function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return '[' + v.map(canonicalJson).join(',') + ']';
  const o = v as Record<string, unknown>;
  return '{' + Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => JSON.stringify(k) + ':' + canonicalJson(o[k])).join(',') + '}';
}

const CR2 = '广东省行政执法案卷评查办法 Art.8–10 (domain-rules §10.3 CR2)';
const CR3 = '广东省行政执法案卷评查办法 Art.13 (domain-rules §10.3 CR3(7))';
/** 督察建议书 → rectify within 30 days (广东省行政执法监督条例 Art.32; domain-rules §10.2, CR7). */
const RECTIFICATION_DAYS = 30;

export interface CampaignInput {
  name: string;
  year: number;
  agencyIds: string[];
  settings: Omit<CampaignSettings, 'bands' | 'spreadMargin' | 'reviewersPerFile' | 'failFlagThreshold' | 'externalReviewers'> & Partial<Pick<CampaignSettings, 'bands' | 'spreadMargin' | 'reviewersPerFile' | 'failFlagThreshold' | 'externalReviewers'>>;
}

/** What a reviewer sees of the case under review, read through the cases module (read-only). */
export interface CaseView {
  id: string;
  caseNo: string | null;
  status: string;
  agencyId: string;
  agencyName: string;
  itemName: string;
  party: Record<string, unknown>;
  facts: Record<string, unknown>;
  content: Record<string, unknown>;
  officers: { id: string; name: string }[];
  reviewer: { id: string; name: string } | null;
  documents: { id: string; kind: string; titleZh: string; number: string | null; issuedAt: string }[];
}

export function createEvaluationService(deps: {
  db: Db;
  audit: AuditService;
  clock: Clock;
  rules: RuleService;
  getCase: (actor: Actor, id: string) => Promise<CaseView>;
  caseFilePdf: (actor: Actor, id: string) => Promise<{ data: Buffer; filename: string }>;
}) {
  const { db, audit, clock, rules, getCase, caseFilePdf } = deps;

  /**
   * A reviewer reads the sampled file through the cases module with the campaign's region as scope: the assignment is
   * the grant (CR2 reviewers may come from another county or be experts), and it covers that one case, read-only.
   */
  const campaignReader = (actor: Actor, c: CampaignRow): Actor => ({ ...actor, role: 'supervisor', agencyId: null, regionPath: c.regionPath });
  const today = () => chinaDate(clock.now());

  async function event(tx: Db, actor: Actor, e: { campaignId: string; fileId?: string | null; action: string; from?: string | null; to?: string | null; payload?: Record<string, unknown> }, c: { regionPath: string; agencyId?: string | null }, requestId?: string) {
    await audit.appendRecords(tx, 'evaluation_event', await tx.insert(evaluationEvents).values({ campaignId: e.campaignId, fileId: e.fileId ?? null, action: e.action, fromStatus: e.from ?? null, toStatus: e.to ?? null, actorId: actor.userId, actorRole: actor.role, payload: e.payload ?? {}, occurredAt: clock.now() }).returning());
    await audit.recordChange(tx, { actor, requestId, entityType: 'evaluation_campaign', entityId: e.campaignId, action: e.action, before: e.from ? { status: e.from } : undefined, after: { status: e.to, ...(e.payload ?? {}) }, regionPath: c.regionPath, agencyId: c.agencyId ?? null });
  }

  function rubricOf(c: CampaignRow): Rubric {
    const r = RUBRICS[c.settings.rubricVersion];
    if (!r) throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['settings', 'rubricVersion'], message: 'unknown rubric version' }] } });
    return r;
  }

  /** Managers see campaigns of their region subtree; NOT_FOUND otherwise (principle 4). */
  async function managedCampaign(actor: Actor, id: string, tx: Db = db): Promise<CampaignRow> {
    requirePermission(actor, 'evaluation.manage');
    const [c] = await tx.select().from(evaluationCampaigns).where(eq(evaluationCampaigns.id, id));
    if (!c || !isInScope(actor, { regionPath: c.regionPath })) throw new AppError('NOT_FOUND');
    return c;
  }

  async function isReviewerOf(actor: Actor, campaignId: string): Promise<boolean> {
    const [a] = await db.select({ id: evaluationAssignments.id }).from(evaluationAssignments).where(and(eq(evaluationAssignments.campaignId, campaignId), eq(evaluationAssignments.reviewerUserId, actor.userId))).limit(1);
    return !!a;
  }

  /** Agency heads see their own agency's results only once the report is issued (CR3(6): feedback to the reviewed body). */
  const isIssued = (c: CampaignRow) => c.status === 'objection' || c.status === 'closed';

  async function readableCampaign(actor: Actor, id: string): Promise<{ c: CampaignRow; view: 'manager' | 'reviewer' | 'agency' }> {
    const [c] = await db.select().from(evaluationCampaigns).where(eq(evaluationCampaigns.id, id));
    if (!c) throw new AppError('NOT_FOUND');
    if (actor.role === 'supervisor' && isInScope(actor, { regionPath: c.regionPath })) return { c, view: 'manager' };
    if (await isReviewerOf(actor, id)) return { c, view: 'reviewer' };
    if (actor.role === 'agency_head' && actor.agencyId && isIssued(c)) {
      const [f] = await db.select({ id: evaluationFiles.id }).from(evaluationFiles).where(and(eq(evaluationFiles.campaignId, id), eq(evaluationFiles.agencyId, actor.agencyId))).limit(1);
      if (f) return { c, view: 'agency' };
    }
    throw new AppError('NOT_FOUND');
  }

  function campaignOut(c: CampaignRow) {
    const status = c.status as EvaluationStatus;
    return {
      id: c.id,
      name: c.name,
      year: c.year,
      regionPath: c.regionPath,
      agencyIds: c.agencyIds,
      settings: c.settings,
      status,
      availableActions: evaluationActions(status),
      seedHex: c.seedHex,
      sampledAt: c.sampledAt?.toISOString() ?? null,
      reportIssuedOn: c.reportIssuedOn,
      version: c.version,
      createdAt: c.createdAt.toISOString(),
    };
  }

  async function agencyNames(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await db.select({ id: subjects.id, name: subjects.name }).from(subjects).where(inArray(subjects.id, [...new Set(ids)]));
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async function userNames(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, [...new Set(ids)]));
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** The machine pre-scoring of a penalty file: the completeness check's gaps as suggested deductions. */
  async function suggestionsFor(actor: Actor, c: CaseView, rubric: Rubric, regionPath: string) {
    const resolved = await rules.resolve({ regionPath, date: today() });
    const thresholds = resolved.values as unknown as HearingThresholds;
    const facts = { ...(c.facts as object), status: c.status, officers: [], reviewer: null } as unknown as PenaltyCaseFacts;
    const docs: CaseFileDoc[] = c.documents.map((d) => ({ id: d.id, kind: d.kind as CaseFileDocKind, date: d.issuedAt.slice(0, 10) }));
    // A recorded service stands for its proof of service (送达回证) in the file.
    const services = ((c.content['services'] as { documentId: string; servedOn: string }[] | undefined) ?? []).map((s, i) => ({ id: `service-${i}`, kind: 'service_receipt' as const, date: s.servedOn, servesDocumentId: s.documentId }));
    const path = caseFilePathOf(facts, thresholds, { hasStatement: docs.some((d) => d.kind === 'statement_record') });
    void actor;
    return suggestDeductions(rubric, caseFileCompleteness(path, [...docs, ...services]));
  }

  async function recomputeFile(tx: Db, c: CampaignRow, fileId: string) {
    const sheets = await tx.select().from(evaluationScoreSheets).where(eq(evaluationScoreSheets.fileId, fileId)).orderBy(asc(evaluationScoreSheets.id));
    const recheck = sheets.filter((s) => s.kind === 'recheck').at(-1);
    const scored = sheets.filter((s) => s.kind === 'score');
    if (recheck) {
      // CR3(7): the authority's re-check replaces the panel's result for this file.
      const grade = gradeOf(recheck.points, c.settings.bands, { isVetoed: recheck.isVetoed, barsExcellent: recheck.barsExcellent });
      await tx.update(evaluationFiles).set({ status: 'rechecked', score: recheck.isVetoed ? recheck.points : recheck.points, grade, version: sql`${evaluationFiles.version} + 1` }).where(eq(evaluationFiles.id, fileId));
      return;
    }
    const open = await tx.select({ id: evaluationAssignments.id }).from(evaluationAssignments).where(and(eq(evaluationAssignments.fileId, fileId), eq(evaluationAssignments.status, 'assigned')));
    if (open.length > 0 || scored.length === 0) return;
    const agg = aggregateScores(scored, { margin: c.settings.spreadMargin, bands: c.settings.bands });
    await tx.update(evaluationFiles).set({ status: 'scored', score: agg.mean, grade: agg.grade, aggregate: agg, version: sql`${evaluationFiles.version} + 1` }).where(eq(evaluationFiles.id, fileId));
  }

  async function transition(tx: Db, actor: Actor, c: CampaignRow, action: EvaluationAction, set: Partial<typeof evaluationCampaigns.$inferInsert>, payload: Record<string, unknown>, requestId?: string) {
    const to = nextEvaluationStatus(c.status as EvaluationStatus, action);
    if (!to) throw new AppError('INVALID_TRANSITION', { details: { status: c.status, action, allowedActions: evaluationActions(c.status as EvaluationStatus) } });
    const upd = await tx
      .update(evaluationCampaigns)
      .set({ ...set, status: to, version: c.version + 1, updatedAt: clock.now() })
      .where(and(eq(evaluationCampaigns.id, c.id), eq(evaluationCampaigns.version, c.version)))
      .returning();
    if (upd.length === 0) throw new AppError('VERSION_CONFLICT', { details: { currentVersion: c.version } });
    await event(tx, actor, { campaignId: c.id, action, from: c.status, to, payload }, { regionPath: c.regionPath, agencyId: c.organizerAgencyId }, requestId);
    return upd[0]!;
  }

  async function objectionDue(c: CampaignRow): Promise<string> {
    if (!c.reportIssuedOn) throw new AppError('INVALID_TRANSITION', { details: { status: c.status, allowedActions: evaluationActions(c.status as EvaluationStatus) } });
    return (await rules.addPeriod({ start: c.reportIssuedOn, n: EVALUATION_OBJECTION_WORKING_DAYS, unit: 'day', dayType: 'WORKING' })).due;
  }

  // ---- campaigns ---------------------------------------------------------------------------------------------------

  async function create(actor: Actor, input: CampaignInput, meta: { requestId?: string } = {}) {
    requirePermission(actor, 'evaluation.manage');
    const settings: CampaignSettings = {
      bands: DEFAULT_GRADE_BANDS,
      spreadMargin: 10,
      reviewersPerFile: MIN_REVIEWERS_PER_FILE,
      failFlagThreshold: 2,
      externalReviewers: [],
      ...input.settings,
    };
    const issues: { path: (string | number)[]; message: string; messageZh?: string }[] = [];
    if (!RUBRICS[settings.rubricVersion]) issues.push({ path: ['settings', 'rubricVersion'], message: 'unknown rubric version' });
    const bandProblem = checkGradeBands(settings.bands);
    if (bandProblem) issues.push({ path: ['settings', 'bands'], message: bandProblem });
    if (settings.closedFrom > settings.closedTo) issues.push({ path: ['settings', 'closedTo'], message: 'closedTo before closedFrom' });
    if (issues.length) throw new AppError('VALIDATION_FAILED', { details: { issues } });
    if (settings.reviewersPerFile < MIN_REVIEWERS_PER_FILE) {
      throw new AppError('RULE_VIOLATION', { message: 'Each file is scored independently by at least two reviewers.', messageZh: '每份案卷应由至少两名评查人员独立评分。', details: { citation: CR2 } });
    }
    const agencyIds = [...new Set(input.agencyIds)].sort();
    if (agencyIds.length) {
      const rows = await db.select({ id: subjects.id, regionPath: subjects.regionPath }).from(subjects).where(inArray(subjects.id, agencyIds));
      const bad = agencyIds.filter((id) => !rows.some((r) => r.id === id && isInScope(actor, { regionPath: r.regionPath })));
      if (bad.length) throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['agencyIds'], message: 'agency unknown or outside your region', messageZh: '被评查单位不存在或不在本辖区', agencyIds: bad }] } });
    }
    const reviewerIds = [...new Set(settings.reviewerUserIds)].sort();
    const rv = reviewerIds.length ? await db.select({ id: users.id, role: users.role, regionPath: users.regionPath, status: users.status }).from(users).where(inArray(users.id, reviewerIds)) : [];
    const badReviewers = reviewerIds.filter((id) => !rv.some((r) => r.id === id && r.role === 'supervisor' && r.status === 'active'));
    if (badReviewers.length) throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['settings', 'reviewerUserIds'], message: 'reviewers must be active supervisors', messageZh: '评查人员须为在岗的执法监督人员', userIds: badReviewers }] } });
    if (reviewerIds.length + settings.externalReviewers.length < settings.reviewersPerFile) {
      throw new AppError('RULE_VIOLATION', { message: 'Name at least as many reviewers as each file needs.', messageZh: '评查人员人数少于每份案卷所需人数。', details: { citation: CR2 } });
    }
    const id = newId();
    const row = await db.transaction(async (tx) => {
      const [r] = await tx
        .insert(evaluationCampaigns)
        .values({ id, name: input.name, year: input.year, organizerAgencyId: actor.agencyId, regionPath: actor.regionPath, agencyIds, settings: { ...settings, reviewerUserIds: reviewerIds }, status: 'planned', createdBy: actor.userId, createdAt: clock.now(), updatedAt: clock.now() })
        .returning();
      await event(tx, actor, { campaignId: id, action: 'plan', to: 'planned', payload: { name: input.name, year: input.year, agencyIds, settings } }, { regionPath: actor.regionPath, agencyId: actor.agencyId }, meta.requestId);
      return r!;
    });
    return campaignOut(row);
  }

  async function list(actor: Actor) {
    const out: ReturnType<typeof campaignOut>[] = [];
    if (actor.role === 'supervisor') {
      const rows = await db.select().from(evaluationCampaigns).where(like(evaluationCampaigns.regionPath, `${escapeLike(actor.regionPath)}%`)).orderBy(sql`${evaluationCampaigns.createdAt} desc`, asc(evaluationCampaigns.id));
      const reviewing = await db.selectDistinct({ id: evaluationAssignments.campaignId }).from(evaluationAssignments).where(eq(evaluationAssignments.reviewerUserId, actor.userId));
      const extra = reviewing.map((r) => r.id).filter((id) => !rows.some((x) => x.id === id));
      const more = extra.length ? await db.select().from(evaluationCampaigns).where(inArray(evaluationCampaigns.id, extra)) : [];
      for (const r of [...rows, ...more]) out.push(campaignOut(r));
    } else if (actor.role === 'agency_head' && actor.agencyId) {
      requirePermission(actor, 'evaluation.respond');
      const ids = await db.selectDistinct({ id: evaluationFiles.campaignId }).from(evaluationFiles).where(eq(evaluationFiles.agencyId, actor.agencyId));
      if (ids.length) {
        const rows = await db.select().from(evaluationCampaigns).where(and(inArray(evaluationCampaigns.id, ids.map((x) => x.id)), inArray(evaluationCampaigns.status, ['objection', 'closed']))).orderBy(sql`${evaluationCampaigns.createdAt} desc`, asc(evaluationCampaigns.id));
        for (const r of rows) out.push(campaignOut(r));
      }
    } else {
      throw new AppError('FORBIDDEN', { details: { permission: 'evaluation.manage', yourRole: actor.role } });
    }
    return out;
  }

  async function get(actor: Actor, id: string) {
    const { c, view } = await readableCampaign(actor, id);
    return { ...campaignOut(c), view, objectionDueOn: c.reportIssuedOn ? await objectionDue(c) : null };
  }

  /** Closed penalty case files of the campaign's agencies, closed in the period (CR1: previous or current year). */
  async function population(c: CampaignRow) {
    const closedOn = sql<string>`coalesce(${cases.facts}->>'closingTriggerOn', to_char(${cases.updatedAt} at time zone 'Asia/Shanghai', 'YYYY-MM-DD'))`;
    const conds = [like(cases.regionPath, `${escapeLike(c.regionPath)}%`), inArray(cases.status, ['closed', 'archived']), eq(cases.procedure, 'ordinary'), sql`${closedOn} between ${c.settings.closedFrom} and ${c.settings.closedTo}`];
    if (c.agencyIds.length) conds.push(inArray(cases.agencyId, c.agencyIds));
    return db.select({ id: cases.id, agencyId: cases.agencyId, regionPath: cases.regionPath, caseNo: cases.caseNo, party: cases.party, facts: cases.facts }).from(cases).where(and(...conds)).orderBy(asc(cases.id));
  }

  async function sample(actor: Actor, id: string, version: number, meta: { requestId?: string } = {}) {
    const c = await managedCampaign(actor, id);
    if (c.version !== version) throw new AppError('VERSION_CONFLICT', { details: { currentVersion: c.version } });
    if (!nextEvaluationStatus(c.status as EvaluationStatus, 'sample')) throw new AppError('INVALID_TRANSITION', { details: { status: c.status, action: 'sample', allowedActions: evaluationActions(c.status as EvaluationStatus) } });
    const pop = await population(c);
    const seedHex = randomBytes(32).toString('hex');
    const result = sampleCaseFiles({ hash: sha256, seedHex, label: c.id, candidates: pop.map((p) => ({ id: p.id, agencyId: p.agencyId })), quota: c.settings.quota });
    if (result.selected.length === 0) {
      throw new AppError('RULE_VIOLATION', { message: 'No closed case files in the period for these agencies.', messageZh: '评查期间内被评查单位没有已结案的案卷。', details: { citation: CR2, perAgency: result.perAgency } });
    }
    const rubric = rubricOf(c);
    const byId = new Map(pop.map((p) => [p.id, p]));
    const reviewerRows = c.settings.reviewerUserIds.length ? await db.select({ id: users.id, officerId: users.officerId, agencyId: users.agencyId }).from(users).where(inArray(users.id, c.settings.reviewerUserIds)).orderBy(asc(users.id)) : [];
    const files: (typeof evaluationFiles.$inferInsert)[] = [];
    const assignments: (typeof evaluationAssignments.$inferInsert)[] = [];
    const load = new Map<string, number>();
    const shortfall: string[] = [];
    for (const [i, s] of result.selected.entries()) {
      const p = byId.get(s.id)!;
      const view = await getCase(actor, p.id);
      const officerIds = [...(p.facts.officerIds ?? []), ...(p.facts.reviewerId ? [p.facts.reviewerId] : [])];
      const fileId = newId();
      files.push({ id: fileId, campaignId: c.id, caseKind: 'penalty', caseId: p.id, caseNo: p.caseNo, title: `${String((p.party as { name?: string }).name ?? '')}案`, agencyId: p.agencyId, regionPath: p.regionPath, officerIds, suggestions: await suggestionsFor(actor, view, rubric, p.regionPath), position: i + 1, status: 'sampled' });
      // CR2: reviewers with a conflict withdraw; the least-loaded eligible reviewers are assigned (ties by id).
      const eligible = reviewerRows.filter((r) => !reviewerConflict({ userId: r.id, officerId: r.officerId, agencyId: r.agencyId }, { agencyId: p.agencyId, handlerOfficerIds: officerIds }));
      eligible.sort((a, b) => (load.get(a.id) ?? 0) - (load.get(b.id) ?? 0) || (a.id < b.id ? -1 : 1));
      const picked = eligible.slice(0, c.settings.reviewersPerFile);
      for (const r of picked) {
        load.set(r.id, (load.get(r.id) ?? 0) + 1);
        assignments.push({ id: newId(), campaignId: c.id, fileId, reviewerUserId: r.id, status: 'assigned', createdAt: clock.now() });
      }
      // External experts (CR2) fill the remaining seats; the supervisor enters their signed paper sheet.
      for (const name of c.settings.externalReviewers.slice(0, c.settings.reviewersPerFile - picked.length)) assignments.push({ id: newId(), campaignId: c.id, fileId, externalName: name, status: 'assigned', createdAt: clock.now() });
      if (picked.length + Math.min(c.settings.externalReviewers.length, c.settings.reviewersPerFile - picked.length) < c.settings.reviewersPerFile) shortfall.push(fileId);
    }
    const row = await db.transaction(async (tx) => {
      await tx.insert(evaluationFiles).values(files);
      if (assignments.length) await tx.insert(evaluationAssignments).values(assignments);
      return transition(tx, actor, c, 'sample', { seedHex, sampledAt: clock.now() }, { algorithm: result.algorithm, seedHex, perAgency: result.perAgency, caseIds: result.selected.map((s) => s.id), shortfall }, meta.requestId);
    });
    return { ...campaignOut(row), perAgency: result.perAgency, shortfall };
  }

  async function assign(actor: Actor, campaignId: string, fileId: string, input: { reviewerUserId?: string | undefined; externalName?: string | undefined }, meta: { requestId?: string } = {}) {
    const c = await managedCampaign(actor, campaignId);
    if (c.status !== 'sampling' && c.status !== 'scoring') throw new AppError('INVALID_TRANSITION', { details: { status: c.status, action: 'assign', allowedActions: evaluationActions(c.status as EvaluationStatus) } });
    const [f] = await db.select().from(evaluationFiles).where(and(eq(evaluationFiles.id, fileId), eq(evaluationFiles.campaignId, campaignId)));
    if (!f) throw new AppError('NOT_FOUND');
    if (input.reviewerUserId) {
      const [u] = await db.select().from(users).where(eq(users.id, input.reviewerUserId));
      if (!u || u.role !== 'supervisor' || u.status !== 'active') throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['reviewerUserId'], message: 'reviewers must be active supervisors', messageZh: '评查人员须为在岗的执法监督人员' }] } });
      const conflict = reviewerConflict({ userId: u.id, officerId: u.officerId, agencyId: u.agencyId }, { agencyId: f.agencyId, handlerOfficerIds: f.officerIds });
      if (conflict) throw AppError.fromRefusal(conflict);
      const have = await db.select().from(evaluationAssignments).where(and(eq(evaluationAssignments.fileId, fileId), eq(evaluationAssignments.reviewerUserId, u.id)));
      if (have.length) throw new AppError('DUPLICATE');
    } else if (!input.externalName?.trim()) {
      throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['reviewerUserId'], message: 'a reviewer or an external reviewer name is required' }] } });
    }
    const a = await db.transaction(async (tx) => {
      const [r] = await tx.insert(evaluationAssignments).values({ id: newId(), campaignId, fileId, reviewerUserId: input.reviewerUserId ?? null, externalName: input.reviewerUserId ? null : input.externalName!.trim(), status: 'assigned', createdAt: clock.now() }).returning();
      await event(tx, actor, { campaignId, fileId, action: 'assign', payload: { assignmentId: r!.id, reviewerUserId: r!.reviewerUserId, externalName: r!.externalName } }, { regionPath: c.regionPath, agencyId: c.organizerAgencyId }, meta.requestId);
      return r!;
    });
    return { id: a.id, fileId, reviewerUserId: a.reviewerUserId, externalName: a.externalName, status: a.status };
  }

  async function act(actor: Actor, id: string, action: Exclude<EvaluationAction, 'sample'>, version: number, meta: { requestId?: string } = {}, reason?: string) {
    const c = await managedCampaign(actor, id);
    if (c.version !== version) throw new AppError('VERSION_CONFLICT', { details: { currentVersion: c.version } });
    if (!nextEvaluationStatus(c.status as EvaluationStatus, action)) throw new AppError('INVALID_TRANSITION', { details: { status: c.status, action, allowedActions: evaluationActions(c.status as EvaluationStatus) } });
    const set: Partial<typeof evaluationCampaigns.$inferInsert> = {};
    const payload: Record<string, unknown> = {};
    if (action === 'withdraw') {
      // A withdrawal is recorded with its reason, never a deletion (principle 2).
      if (!reason || reason.trim().length < 4) throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['reason'], message: 'state why the campaign is withdrawn', messageZh: '撤回评查须说明理由' }] } });
      payload['reason'] = reason.trim();
    }
    if (action === 'start_scoring') {
      const counts = await db.select({ fileId: evaluationFiles.id, n: sql<number>`count(${evaluationAssignments.id})::int` }).from(evaluationFiles).leftJoin(evaluationAssignments, eq(evaluationAssignments.fileId, evaluationFiles.id)).where(eq(evaluationFiles.campaignId, id)).groupBy(evaluationFiles.id).orderBy(asc(evaluationFiles.id));
      const short = counts.filter((x) => x.n < Math.max(MIN_REVIEWERS_PER_FILE, c.settings.reviewersPerFile)).map((x) => x.fileId);
      if (short.length) throw new AppError('RULE_VIOLATION', { message: 'Every file needs at least two independent reviewers before scoring.', messageZh: '每份案卷须至少分配两名评查人员后方可开始评分。', details: { citation: CR2, fileIds: short } });
    }
    if (action === 'draft_report') {
      const open = await db.select({ id: evaluationAssignments.id }).from(evaluationAssignments).where(and(eq(evaluationAssignments.campaignId, id), eq(evaluationAssignments.status, 'assigned')));
      if (open.length) throw new AppError('RULE_VIOLATION', { message: 'Some score sheets are not signed yet.', messageZh: '尚有评查人员未提交签名评分表。', details: { citation: CR2, openAssignments: open.length } });
    }
    if (action === 'issue_report') {
      set.reportIssuedOn = today();
      payload['objectionDueOn'] = (await rules.addPeriod({ start: today(), n: EVALUATION_OBJECTION_WORKING_DAYS, unit: 'day', dayType: 'WORKING' })).due;
    }
    if (action === 'close') {
      const due = await objectionDue(c);
      if (today() <= due) throw new AppError('RULE_VIOLATION', { message: `The objection window runs until ${due}.`, messageZh: `异议期至${due}届满，届满前不得结束评查。`, details: { citation: CR3, dueOn: due } });
      const pending = await db.select({ id: evaluationObjections.id }).from(evaluationObjections).where(and(eq(evaluationObjections.campaignId, id), eq(evaluationObjections.status, 'filed')));
      if (pending.length) throw new AppError('RULE_VIOLATION', { message: 'Objections are waiting for their re-check.', messageZh: '尚有异议未复核。', details: { citation: CR3, pending: pending.length } });
    }
    const row = await db.transaction((tx) => transition(tx, actor, c, action, set, payload, meta.requestId));
    return campaignOut(row);
  }

  // ---- files and scoring ---------------------------------------------------------------------------------------------

  async function files(actor: Actor, campaignId: string) {
    const { c, view } = await readableCampaign(actor, campaignId);
    const conds = [eq(evaluationFiles.campaignId, campaignId)];
    if (view === 'agency') conds.push(eq(evaluationFiles.agencyId, actor.agencyId!));
    let rows = await db.select().from(evaluationFiles).where(and(...conds)).orderBy(asc(evaluationFiles.position));
    const asg = await db.select().from(evaluationAssignments).where(eq(evaluationAssignments.campaignId, campaignId)).orderBy(asc(evaluationAssignments.createdAt), asc(evaluationAssignments.id));
    if (view === 'reviewer') rows = rows.filter((f) => asg.some((a) => a.fileId === f.id && a.reviewerUserId === actor.userId));
    const names = await agencyNames(rows.map((r) => r.agencyId));
    const reviewers = await userNames(asg.map((a) => a.reviewerUserId).filter((x): x is string => !!x));
    return rows.map((f) => ({
      id: f.id,
      position: f.position,
      caseId: f.caseId,
      caseNo: f.caseNo,
      title: f.title,
      agencyId: f.agencyId,
      agencyName: names.get(f.agencyId) ?? '',
      status: f.status,
      // Results only to managers, and to the agency once the report is issued; a reviewer sees them in the file view.
      score: view === 'manager' || (view === 'agency' && isIssued(c)) ? f.score : null,
      grade: view === 'manager' || (view === 'agency' && isIssued(c)) ? (f.grade as Grade | null) : null,
      isSpreadFlagged: view === 'manager' ? (f.aggregate?.isSpreadFlagged ?? false) : false,
      isVetoDisputed: view === 'manager' ? (f.aggregate?.isVetoDisputed ?? false) : false,
      reviewers:
        view === 'manager'
          ? asg.filter((a) => a.fileId === f.id).map((a) => ({ assignmentId: a.id, name: a.reviewerUserId ? (reviewers.get(a.reviewerUserId) ?? '') : `${a.externalName}（外部专家）`, reviewerUserId: a.reviewerUserId, status: a.status }))
          : [],
    }));
  }

  async function myQueue(actor: Actor) {
    requirePermission(actor, 'evaluation.score');
    const rows = await db
      .select({ a: evaluationAssignments, f: evaluationFiles, c: evaluationCampaigns })
      .from(evaluationAssignments)
      .innerJoin(evaluationFiles, eq(evaluationFiles.id, evaluationAssignments.fileId))
      .innerJoin(evaluationCampaigns, eq(evaluationCampaigns.id, evaluationAssignments.campaignId))
      .where(eq(evaluationAssignments.reviewerUserId, actor.userId))
      .orderBy(asc(evaluationAssignments.status), asc(evaluationCampaigns.createdAt), asc(evaluationFiles.position));
    const names = await agencyNames(rows.map((r) => r.f.agencyId));
    return rows.map(({ a, f, c }) => ({ assignmentId: a.id, status: a.status, campaignId: c.id, campaignName: c.name, campaignStatus: c.status, fileId: f.id, caseId: f.caseId, caseNo: f.caseNo, title: f.title, agencyName: names.get(f.agencyId) ?? '' }));
  }

  async function assignmentFor(actor: Actor, assignmentId: string): Promise<{ a: AssignmentRow; f: FileRow; c: CampaignRow }> {
    const [row] = await db
      .select({ a: evaluationAssignments, f: evaluationFiles, c: evaluationCampaigns })
      .from(evaluationAssignments)
      .innerJoin(evaluationFiles, eq(evaluationFiles.id, evaluationAssignments.fileId))
      .innerJoin(evaluationCampaigns, eq(evaluationCampaigns.id, evaluationAssignments.campaignId))
      .where(eq(evaluationAssignments.id, assignmentId));
    if (!row) throw new AppError('NOT_FOUND');
    // An external expert's seat is worked by the managing supervisor; a user's seat only by that user.
    const mine = row.a.reviewerUserId ? row.a.reviewerUserId === actor.userId : actor.role === 'supervisor' && isInScope(actor, { regionPath: row.c.regionPath });
    if (!mine) throw new AppError('NOT_FOUND');
    requirePermission(actor, row.a.reviewerUserId ? 'evaluation.score' : 'evaluation.manage');
    return row;
  }

  function sheetOut(s: SheetRow) {
    return { id: s.id, kind: s.kind, reviewerName: s.reviewerName, reviewerUserId: s.reviewerUserId, marks: s.marks, comment: s.comment, points: s.points, isVetoed: s.isVetoed, barsExcellent: s.barsExcellent, grade: s.grade, sheetHash: s.sheetHash, submittedAt: s.submittedAt.toISOString() };
  }

  /** The scoring view: rubric, pre-scoring suggestions, the case read-only, and my own sheet once signed. */
  async function scoringView(actor: Actor, assignmentId: string) {
    const { a, f, c } = await assignmentFor(actor, assignmentId);
    const rubric = rubricOf(c);
    const caseView = await getCase(campaignReader(actor, c), f.caseId);
    const [mine] = await db.select().from(evaluationScoreSheets).where(and(eq(evaluationScoreSheets.fileId, f.id), eq(evaluationScoreSheets.kind, 'score'), a.reviewerUserId ? eq(evaluationScoreSheets.reviewerUserId, actor.userId) : eq(evaluationScoreSheets.assignmentId, a.id))).orderBy(asc(evaluationScoreSheets.id));
    return {
      assignment: { id: a.id, status: a.status, externalName: a.externalName },
      campaign: { id: c.id, name: c.name, status: c.status, bands: c.settings.bands },
      file: { id: f.id, caseId: f.caseId, caseNo: f.caseNo, title: f.title, suggestions: f.suggestions },
      rubric,
      case: { id: caseView.id, caseNo: caseView.caseNo, status: caseView.status, agencyName: caseView.agencyName, itemName: caseView.itemName, partyName: String(caseView.party['name'] ?? ''), officers: caseView.officers.map((o) => o.name), documents: caseView.documents.map((d) => ({ id: d.id, kind: d.kind, titleZh: d.titleZh, number: d.number, issuedAt: d.issuedAt })) },
      mySheet: mine ? sheetOut(mine) : null,
    };
  }

  /** The case file (案卷) PDF of an assigned file, read-only. */
  async function assignedCaseFile(actor: Actor, assignmentId: string) {
    const { f, c } = await assignmentFor(actor, assignmentId);
    return caseFilePdf(campaignReader(actor, c), f.caseId);
  }

  /**
   * Blind scoring (CR2: each reviewer reads and scores independently): a reviewer assigned to the file sees the other
   * sheets only after signing their own. Managers not scoring the file see them all.
   */
  async function sheets(actor: Actor, fileId: string) {
    const [f] = await db.select().from(evaluationFiles).where(eq(evaluationFiles.id, fileId));
    if (!f) throw new AppError('NOT_FOUND');
    const { view } = await readableCampaign(actor, f.campaignId);
    const [mine] = await db.select().from(evaluationAssignments).where(and(eq(evaluationAssignments.fileId, fileId), eq(evaluationAssignments.reviewerUserId, actor.userId)));
    if (mine && mine.status !== 'submitted') {
      throw new AppError('RULE_VIOLATION', { message: 'Submit your own score sheet before reading the other reviewers’ scores.', messageZh: '独立评分：提交本人评分表之前不得查看其他评查人员的评分。', details: { citation: CR2 } });
    }
    if (view === 'agency' || (view === 'reviewer' && !mine)) throw new AppError('NOT_FOUND');
    const rows = await db.select().from(evaluationScoreSheets).where(eq(evaluationScoreSheets.fileId, fileId)).orderBy(asc(evaluationScoreSheets.id));
    return { fileId, score: f.score, grade: f.grade, aggregate: f.aggregate, sheets: rows.map(sheetOut) };
  }

  async function submit(actor: Actor, assignmentId: string, input: { marks: ScoreMarks; comment: string }, meta: { requestId?: string } = {}) {
    const { a, f, c } = await assignmentFor(actor, assignmentId);
    if (c.status !== 'scoring') throw new AppError('INVALID_TRANSITION', { message: 'Scoring is not open for this campaign.', messageZh: '本次评查不在评分阶段。', details: { status: c.status, action: 'submit', allowedActions: evaluationActions(c.status as EvaluationStatus) } });
    if (a.status === 'submitted') throw new AppError('INVALID_TRANSITION', { message: 'This score sheet is already signed.', messageZh: '该评分表已签名提交，不可修改。', details: { status: a.status, allowedActions: [] } });
    const rubric = rubricOf(c);
    const problems = checkMarks(rubric, input.marks);
    if (problems.length) throw new AppError('VALIDATION_FAILED', { details: { issues: problems.map((p) => ({ path: ['marks', ...p.path.split('.')], message: p.message, messageZh: p.messageZh })) } });
    const s = scoreSheet(rubric, input.marks);
    const grade = gradeOf(s.points, c.settings.bands, s);
    const reviewerName = a.externalName ? `${a.externalName}（外部专家，由${actor.displayName}录入）` : actor.displayName;
    const submittedAt = clock.now();
    // The signature (CR2): who and when, over the canonical sheet; the hash is stored and becomes a ledger leaf.
    const canonical = canonicalJson({ assignmentId: a.id, fileId: f.id, caseId: f.caseId, rubricVersion: rubric.version, reviewerUserId: actor.userId, reviewerName, marks: input.marks, comment: input.comment, points: s.points, isVetoed: s.isVetoed, grade, submittedAt: submittedAt.toISOString() });
    const sheetHash = createHash('sha256').update(canonical).digest('hex');
    const out = await db.transaction(async (tx) => {
      const upd = await tx.update(evaluationAssignments).set({ status: 'submitted' }).where(and(eq(evaluationAssignments.id, a.id), eq(evaluationAssignments.status, 'assigned'))).returning();
      if (upd.length === 0) throw new AppError('VERSION_CONFLICT', { details: { currentVersion: 'submitted' } });
      const rows = await tx.insert(evaluationScoreSheets).values({ campaignId: c.id, fileId: f.id, assignmentId: a.id, kind: 'score', reviewerUserId: actor.userId, reviewerName, rubricVersion: rubric.version, marks: input.marks, comment: input.comment, points: s.points, isVetoed: s.isVetoed, barsExcellent: s.barsExcellent, grade, sheetHash, submittedAt }).returning();
      await audit.appendRecords(tx, 'evaluation_score_sheet', rows);
      await event(tx, actor, { campaignId: c.id, fileId: f.id, action: 'submit_score', payload: { assignmentId: a.id, sheetId: rows[0]!.id, sheetHash } }, { regionPath: c.regionPath, agencyId: c.organizerAgencyId }, meta.requestId);
      await recomputeFile(tx, c, f.id);
      return rows[0]!;
    });
    return sheetOut(out);
  }

  // ---- report ----------------------------------------------------------------------------------------------------------

  async function report(actor: Actor, campaignId: string) {
    const { c, view } = await readableCampaign(actor, campaignId);
    if (view === 'reviewer') throw new AppError('NOT_FOUND');
    // Before the panel report the sheets are still blind (CR2): the main problems would reveal other reviewers' marks.
    if (!['report', 'objection', 'closed'].includes(c.status)) throw new AppError('INVALID_TRANSITION', { message: 'The report exists once scoring is finished.', messageZh: '评分结束、形成评查报告后方可查看报告。', details: { status: c.status, allowedActions: evaluationActions(c.status as EvaluationStatus) } });
    const rows = await db.select().from(evaluationFiles).where(eq(evaluationFiles.campaignId, campaignId)).orderBy(asc(evaluationFiles.position));
    const sheetRows = await db.select().from(evaluationScoreSheets).where(eq(evaluationScoreSheets.campaignId, campaignId)).orderBy(asc(evaluationScoreSheets.id));
    const rubric = rubricOf(c);
    const dedLabel = new Map(rubric.sections.flatMap((s) => s.items.flatMap((i) => i.deductions.map((d) => [`${i.key}|${d.key}`, d.zh] as const))));
    const vetoLabel = new Map(rubric.sections.flatMap((s) => s.items.filter((i) => i.veto).map((i) => [i.key, i.veto!.zh] as const)));
    const names = await agencyNames(rows.map((r) => r.agencyId));
    const byAgency = new Map<string, FileRow[]>();
    for (const f of rows) byAgency.set(f.agencyId, [...(byAgency.get(f.agencyId) ?? []), f]);
    const agencies = [...byAgency.entries()].map(([agencyId, fs]) => {
      const scored = fs.filter((f) => f.score !== null);
      const problems = new Map<string, number>();
      for (const s of sheetRows.filter((x) => fs.some((f) => f.id === x.fileId))) {
        for (const d of s.marks.deductions) if (d.instances > 0) problems.set(dedLabel.get(`${d.itemKey}|${d.deductionKey}`) ?? d.deductionKey, (problems.get(dedLabel.get(`${d.itemKey}|${d.deductionKey}`) ?? d.deductionKey) ?? 0) + 1);
        for (const v of s.marks.vetoes) problems.set(`一票否决：${vetoLabel.get(v.itemKey) ?? v.itemKey}`, (problems.get(`一票否决：${vetoLabel.get(v.itemKey) ?? v.itemKey}`) ?? 0) + 1);
      }
      const grades = { excellent: 0, good: 0, pass: 0, fail: 0 } as Record<Grade, number>;
      for (const f of scored) grades[f.grade as Grade]++;
      return {
        agencyId,
        agencyName: names.get(agencyId) ?? '',
        files: fs.length,
        scored: scored.length,
        averageScore: scored.length ? Math.round((scored.reduce((a, f) => a + f.score!, 0) / scored.length) * 10) / 10 : null,
        failCount: grades.fail,
        grades,
        mainProblems: [...problems.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 5).map(([problem, count]) => ({ problem, count })),
        rank: 0,
      };
    });
    agencies.sort((a, b) => (b.averageScore ?? -1) - (a.averageScore ?? -1) || (a.agencyId < b.agencyId ? -1 : 1));
    agencies.forEach((a, i) => (a.rank = i + 1));
    const visible = view === 'agency' ? agencies.filter((a) => a.agencyId === actor.agencyId) : agencies;
    const visibleFiles = view === 'agency' ? rows.filter((f) => f.agencyId === actor.agencyId) : rows;
    // CR7: officers with several failed files → personnel follow-up (criticism, transfer out of enforcement posts).
    const flagged = view === 'manager' ? officersWithFailedFiles(rows.map((f) => ({ officerIds: f.officerIds, isFailed: f.grade === 'fail' })), c.settings.failFlagThreshold) : [];
    const officerNames = flagged.length ? new Map((await db.select({ id: registryTables.officers.id, name: registryTables.officers.name }).from(registryTables.officers).where(inArray(registryTables.officers.id, flagged.map((x) => x.officerId)))).map((o) => [o.id, o.name])) : new Map<string, string>();
    return {
      campaign: campaignOut(c),
      rubricVersion: rubric.version,
      bands: c.settings.bands,
      agencyCount: agencies.length,
      agencies: visible,
      files: visibleFiles.map((f) => ({ id: f.id, position: f.position, caseNo: f.caseNo, title: f.title, agencyId: f.agencyId, agencyName: names.get(f.agencyId) ?? '', score: f.score, grade: f.grade, status: f.status })),
      flaggedOfficers: flagged.map((x) => ({ ...x, name: officerNames.get(x.officerId) ?? '' })),
      objectionDueOn: c.reportIssuedOn ? await objectionDue(c) : null,
    };
  }

  // ---- objections and rectification ----------------------------------------------------------------------------------

  async function objections(actor: Actor, campaignId: string) {
    const { view } = await readableCampaign(actor, campaignId);
    if (view === 'reviewer') throw new AppError('NOT_FOUND');
    const conds = [eq(evaluationObjections.campaignId, campaignId)];
    if (view === 'agency') conds.push(eq(evaluationObjections.agencyId, actor.agencyId!));
    return db.select().from(evaluationObjections).where(and(...conds)).orderBy(asc(evaluationObjections.filedOn), asc(evaluationObjections.id));
  }

  async function object(actor: Actor, campaignId: string, input: { fileId: string; reason: string }, meta: { requestId?: string } = {}) {
    requirePermission(actor, 'evaluation.respond');
    const { c, view } = await readableCampaign(actor, campaignId);
    if (view !== 'agency') throw new AppError('NOT_FOUND');
    const [f] = await db.select().from(evaluationFiles).where(and(eq(evaluationFiles.id, input.fileId), eq(evaluationFiles.campaignId, campaignId)));
    if (!f || f.agencyId !== actor.agencyId) throw new AppError('NOT_FOUND');
    if (c.status !== 'objection') throw new AppError('INVALID_TRANSITION', { details: { status: c.status, action: 'object', allowedActions: [] } });
    const due = await objectionDue(c);
    const now = today();
    if (now > due) {
      throw new AppError('RULE_VIOLATION', { message: `The objection window closed on ${due} (10 working days after the report was received on ${c.reportIssuedOn}).`, messageZh: `异议期已于${due}届满（收到评查报告之日起10个工作日内提出）。`, details: { citation: CR3, receivedOn: c.reportIssuedOn, dueOn: due } });
    }
    if (input.reason.trim().length < 4) throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['reason'], message: 'state the reasons in writing', messageZh: '请书面说明异议理由' }] } });
    const recheckDue = (await rules.addPeriod({ start: now, n: EVALUATION_RECHECK_WORKING_DAYS, unit: 'day', dayType: 'WORKING' })).due;
    const row = await db.transaction(async (tx) => {
      const [o] = await tx.insert(evaluationObjections).values({ id: newId(), campaignId, agencyId: f.agencyId, regionPath: f.regionPath, fileId: f.id, reason: input.reason.trim(), filedOn: now, filedBy: actor.userId, recheckDueOn: recheckDue, status: 'filed' }).returning();
      await event(tx, actor, { campaignId, fileId: f.id, action: 'object', payload: { objectionId: o!.id, reason: o!.reason, recheckDueOn: recheckDue } }, { regionPath: f.regionPath, agencyId: f.agencyId }, meta.requestId);
      return o!;
    });
    return row;
  }

  async function answerObjection(actor: Actor, objectionId: string, input: { outcome: 'upheld' | 'rejected'; answer: string; marks?: ScoreMarks | undefined }, meta: { requestId?: string } = {}) {
    requirePermission(actor, 'evaluation.manage');
    const [o] = await db.select().from(evaluationObjections).where(eq(evaluationObjections.id, objectionId));
    if (!o) throw new AppError('NOT_FOUND');
    const c = await managedCampaign(actor, o.campaignId);
    if (o.status !== 'filed') throw new AppError('INVALID_TRANSITION', { details: { status: o.status, allowedActions: [] } });
    if (input.outcome === 'upheld' && !input.marks) throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['marks'], message: 'an upheld objection needs the re-check score sheet', messageZh: '异议成立须提交复核评分表' }] } });
    const rubric = rubricOf(c);
    if (input.marks) {
      const problems = checkMarks(rubric, input.marks);
      if (problems.length) throw new AppError('VALIDATION_FAILED', { details: { issues: problems.map((p) => ({ path: ['marks', ...p.path.split('.')], message: p.message, messageZh: p.messageZh })) } });
    }
    const now = today();
    const row = await db.transaction(async (tx) => {
      const [u] = await tx.update(evaluationObjections).set({ status: input.outcome, answer: input.answer, answeredOn: now, version: o.version + 1 }).where(and(eq(evaluationObjections.id, o.id), eq(evaluationObjections.version, o.version))).returning();
      if (!u) throw new AppError('VERSION_CONFLICT', { details: { currentVersion: o.version } });
      let sheetId: number | null = null;
      if (input.outcome === 'upheld' && input.marks) {
        const s = scoreSheet(rubric, input.marks);
        const grade = gradeOf(s.points, c.settings.bands, s);
        const submittedAt = clock.now();
        const sheetHash = createHash('sha256').update(canonicalJson({ objectionId: o.id, fileId: o.fileId, rubricVersion: rubric.version, reviewerUserId: actor.userId, marks: input.marks, comment: input.answer, points: s.points, isVetoed: s.isVetoed, grade, submittedAt: submittedAt.toISOString() })).digest('hex');
        const rows = await tx.insert(evaluationScoreSheets).values({ campaignId: c.id, fileId: o.fileId, assignmentId: null, kind: 'recheck', reviewerUserId: actor.userId, reviewerName: actor.displayName, rubricVersion: rubric.version, marks: input.marks, comment: input.answer, points: s.points, isVetoed: s.isVetoed, barsExcellent: s.barsExcellent, grade, sheetHash, submittedAt }).returning();
        await audit.appendRecords(tx, 'evaluation_score_sheet', rows);
        sheetId = rows[0]!.id;
        await recomputeFile(tx, c, o.fileId);
      }
      await event(tx, actor, { campaignId: c.id, fileId: o.fileId, action: 'answer_objection', payload: { objectionId: o.id, outcome: input.outcome, answer: input.answer, sheetId, late: now > o.recheckDueOn } }, { regionPath: o.regionPath, agencyId: o.agencyId }, meta.requestId);
      return u;
    });
    return row;
  }

  async function rectifications(actor: Actor, campaignId: string) {
    const { view } = await readableCampaign(actor, campaignId);
    if (view === 'reviewer') throw new AppError('NOT_FOUND');
    const conds = [eq(evaluationRectifications.campaignId, campaignId)];
    if (view === 'agency') conds.push(eq(evaluationRectifications.agencyId, actor.agencyId!));
    return db.select().from(evaluationRectifications).where(and(...conds)).orderBy(asc(evaluationRectifications.issuedOn), asc(evaluationRectifications.id));
  }

  async function issueRectification(actor: Actor, campaignId: string, input: { agencyId: string; fileId?: string | undefined; content: string }, meta: { requestId?: string } = {}) {
    const c = await managedCampaign(actor, campaignId);
    if (c.status !== 'objection' && c.status !== 'closed') throw new AppError('INVALID_TRANSITION', { details: { status: c.status, action: 'rectify', allowedActions: evaluationActions(c.status as EvaluationStatus) } });
    const [f] = await db.select().from(evaluationFiles).where(and(eq(evaluationFiles.campaignId, campaignId), eq(evaluationFiles.agencyId, input.agencyId), ...(input.fileId ? [eq(evaluationFiles.id, input.fileId)] : []))).limit(1);
    if (!f) throw new AppError('NOT_FOUND');
    const now = today();
    const dueOn = (await rules.addPeriod({ start: now, n: RECTIFICATION_DAYS, unit: 'day', dayType: 'CALENDAR' })).due;
    return db.transaction(async (tx) => {
      const [r] = await tx.insert(evaluationRectifications).values({ id: newId(), campaignId, agencyId: input.agencyId, regionPath: f.regionPath, fileId: input.fileId ?? null, content: input.content, issuedOn: now, dueOn, status: 'issued' }).returning();
      await event(tx, actor, { campaignId, fileId: input.fileId ?? null, action: 'rectification_notice', payload: { rectificationId: r!.id, agencyId: input.agencyId, dueOn, content: input.content, citation: '广东省行政执法监督条例 Art.32' } }, { regionPath: f.regionPath, agencyId: input.agencyId }, meta.requestId);
      return r!;
    });
  }

  async function reportRectification(actor: Actor, rectificationId: string, input: { report: string }, meta: { requestId?: string } = {}) {
    requirePermission(actor, 'evaluation.respond');
    const [r] = await db.select().from(evaluationRectifications).where(eq(evaluationRectifications.id, rectificationId));
    if (!r || r.agencyId !== actor.agencyId) throw new AppError('NOT_FOUND');
    if (r.status !== 'issued') throw new AppError('INVALID_TRANSITION', { details: { status: r.status, allowedActions: [] } });
    const now = today();
    return db.transaction(async (tx) => {
      const [u] = await tx.update(evaluationRectifications).set({ status: 'reported', report: input.report, reportedOn: now, version: r.version + 1 }).where(and(eq(evaluationRectifications.id, r.id), eq(evaluationRectifications.version, r.version))).returning();
      if (!u) throw new AppError('VERSION_CONFLICT', { details: { currentVersion: r.version } });
      await event(tx, actor, { campaignId: r.campaignId, fileId: r.fileId, action: 'rectification_report', payload: { rectificationId: r.id, report: input.report, late: now > r.dueOn } }, { regionPath: r.regionPath, agencyId: r.agencyId }, meta.requestId);
      return u;
    });
  }

  async function events(actor: Actor, campaignId: string) {
    await managedCampaign(actor, campaignId);
    return db.select().from(evaluationEvents).where(eq(evaluationEvents.campaignId, campaignId)).orderBy(asc(evaluationEvents.id));
  }

  /** Supervisors a campaign may name as reviewers: active supervisors of the caller's region subtree. */
  async function reviewerCandidates(actor: Actor) {
    requirePermission(actor, 'evaluation.manage');
    return db.select({ id: users.id, displayName: users.displayName, agencyId: users.agencyId, regionPath: users.regionPath }).from(users).where(and(eq(users.role, 'supervisor'), eq(users.status, 'active'), like(users.regionPath, `${escapeLike(actor.regionPath)}%`))).orderBy(asc(users.displayName), asc(users.id));
  }

  return { create, list, get, sample, assign, act, files, myQueue, scoringView, assignedCaseFile, sheets, submit, report, objections, object, answerObjection, rectifications, issueRectification, reportRectification, events, reviewerCandidates };
}
export type EvaluationService = ReturnType<typeof createEvaluationService>;
