import crypto from 'node:crypto';
import {
  AppError,
  applicantNotBanned,
  availableLicensingActions,
  checkLicensingAction,
  isLicensingRefusalAnsweredByInput,
  LICENSING_DEADLINE_LABELS,
  LICENSING_STATUS_INFO,
  licensingDeadlines,
  licensingIntakeState,
  maskIdNumber,
  missingLicensingMaterials,
  provisionalCalendar,
  renewalState,
  type LicensingAction,
  type LicensingBanKind,
  type LicensingBanRecord,
  type LicensingDeadline,
  type LicensingExclusionKind,
  type LicensingFacts,
  type LicensingGuardContext,
  type LicensingNotAcceptedReason,
  type LicensingRuleParams,
  type LicensingStatus,
  type Refusal,
} from '@zhifa/domain';
import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { chinaDate, type Clock } from '../../lib/clock.ts';
import type { AuditService } from '../audit/index.ts';
import { isInScope, requirePermission, scopeCondition, users, type Actor } from '../identity/index.ts';
import { registryTables, type RuleService } from '../registry/index.ts';
import type { CaseParty } from './cases.schema.ts';
import { licenceApplicationEvents, licenceApplications, licensingBans, type LicensingContent, type StoredLicensingFacts } from './licensing.schema.ts';
import type { PartyService } from './parties.service.ts';

const { items, itemSubjects, officers, subjects } = registryTables;
type AppRow = typeof licenceApplications.$inferSelect;

export interface RegisterApplicationInput {
  itemId: string;
  applicant: CaseParty;
  /** Labels from the item's service guide (申请材料目录) the applicant handed in. */
  submittedMaterials: string[];
  /** The day the materials were received (on the spot: today); never in the future. */
  receivedOn?: string | undefined;
  isJointHandling?: boolean | undefined;
}

/** What a step may carry; each field is read only by the step named in its comment. */
export interface LicensingPayload {
  /** withdraw, not_accept (explanation), refuse (reasons), grant (optional reasons). */
  reason?: string | undefined;
  /** receive_supplement: the materials now handed in. */
  materials?: string[] | undefined;
  /** accept / not_accept: the sealed, dated written receipt was issued (行政许可法 Art.32 para 2). */
  sealedReceiptIssued?: boolean | undefined;
  notAcceptedReason?: LicensingNotAcceptedReason | undefined;
  referralAgency?: string | undefined;
  /** not_accept / refuse for a false or concealed application: enter the applicant in the ban register (Art.78). */
  falseApplication?: { isSafetyRelated: boolean } | undefined;
  /** start_review (and grant/refuse for verifiers added during review). */
  reviewerIds?: string[] | undefined;
  verifierIds?: string[] | undefined;
  needsSubstantiveVerification?: boolean | undefined;
  involvesOthersMajorInterests?: boolean | undefined;
  isHearingRequired?: boolean | undefined;
  /** extend_period. */
  extension?: { approvedBy: 'agency_head' | 'government_head' | null; reasons: string; reasonsToldOn: string | null } | undefined;
  /** schedule_hearing. */
  hearingDate?: string | undefined;
  presiderId?: string | undefined;
  noticeSentOn?: string | undefined;
  /** hold_hearing: the transcript (听证笔录) is made and signed. */
  hasTranscript?: boolean | undefined;
  /** refuse: the decision tells of administrative review and litigation (Art.38 para 2). */
  remediesStated?: boolean | undefined;
  /** grant: conditions of the licence; issue_certificate: the certificate. */
  conditions?: string | undefined;
  certificateNo?: string | undefined;
  validFrom?: string | undefined;
  expiresOn?: string | null | undefined;
}

/** Statuses in which the decision period runs and excluded periods can be recorded (Art.45). */
const REVIEW_STATUSES: readonly LicensingStatus[] = ['accepted', 'under_review', 'hearing_rights_notified', 'hearing_requested', 'hearing_scheduled', 'hearing_held'];
const TERMINAL: readonly LicensingStatus[] = ['closed', 'withdrawn'];
const EXCLUSION_KINDS: readonly LicensingExclusionKind[] = ['hearing', 'tender', 'auction', 'testing', 'inspection', 'quarantine', 'appraisal', 'expert_review'];
export { EXCLUSION_KINDS as LICENSING_EXCLUSION_KINDS };

const applicantView = (p: CaseParty): Record<string, unknown> => (p.type === 'individual' ? { ...p, idNumber: maskIdNumber(p.idNumber) } : { ...p });
const codeHash = (applicationNo: string, code: string) => crypto.createHash('sha256').update(`${applicationNo}:${code.toUpperCase()}`).digest('hex');
// No 0/O, 1/I/L: the code is read out over the counter and typed by the applicant.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const verificationCode = () => Array.from(crypto.randomBytes(8), (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');

function issue(path: string, message: string, messageZh: string) {
  return new AppError('VALIDATION_FAILED', { details: { issues: [{ path: path.split('.'), message, messageZh }] } });
}

function refusalError(r: Refusal, extra: Record<string, unknown>) {
  const err = AppError.fromRefusal(r);
  return new AppError(r.code, { message: err.message, messageZh: err.messageZh, details: { ...err.details, ...extra } });
}

function pickParams(values: Record<string, unknown>): LicensingRuleParams {
  return {
    'licensing.decisionWorkingDays': values['licensing.decisionWorkingDays'] as number,
    'licensing.renewalLeadDays': values['licensing.renewalLeadDays'] as number,
    'publication.licencePenaltyWorkingDays': values['publication.licencePenaltyWorkingDays'] as number,
  };
}

export function createLicensingService({ db, audit, clock, rules, parties }: { db: Db; audit: AuditService; clock: Clock; rules: RuleService; parties: PartyService }) {
  const today = () => chinaDate(clock.now());

  async function contextFor(actor: Actor, row: { regionPath: string; sector: string }): Promise<LicensingGuardContext> {
    const now = today();
    const [calendar, resolved] = await Promise.all([rules.calendar(), rules.resolve({ regionPath: row.regionPath, sector: row.sector, date: now })]);
    return { actor: { id: actor.userId }, now, calendar, params: pickParams(resolved.values as unknown as Record<string, unknown>) };
  }

  /** The applicant's ban records for the item, fresh from the register (行政许可法 Art.78–79). */
  async function banRecordsOf(partyId: string, itemId: string, tx: Db = db): Promise<LicensingBanRecord[]> {
    const rows = await tx.select().from(licensingBans).where(and(eq(licensingBans.partyId, partyId), eq(licensingBans.itemId, itemId)));
    return rows.map((b) => ({ itemId: b.itemId, kind: b.kind, decidedOn: b.decidedOn, isSafetyRelated: b.isSafetyRelated }));
  }

  async function factsOf(row: Pick<AppRow, 'status' | 'facts' | 'partyId' | 'itemId'>, tx: Db = db): Promise<LicensingFacts> {
    return { ...row.facts, status: row.status as LicensingStatus, banRecords: await banRecordsOf(row.partyId, row.itemId, tx) };
  }

  async function getScoped(actor: Actor, id: string, tx: Db = db): Promise<AppRow> {
    const [r] = await tx.select().from(licenceApplications).where(eq(licenceApplications.id, id));
    if (!r || !isInScope(actor, { regionPath: r.regionPath, agencyId: r.agencyId })) throw new AppError('NOT_FOUND');
    return r;
  }

  /** Officers named on the application must be of its agency (审查人员、核查人员、听证主持人). */
  async function checkOfficers(tx: Db, ids: readonly string[], agencyId: string, path: string) {
    if (ids.length === 0) return;
    const os = await tx.select({ id: officers.id, agencyId: officers.agencyId }).from(officers).where(inArray(officers.id, [...ids]));
    if (os.length !== new Set(ids).size || os.some((o) => o.agencyId !== agencyId)) throw issue(path, 'officers must belong to the handling agency', '须为本机关工作人员');
  }

  /**
   * Each deadline with its state: met once its event happened, the applicant's windows end rather than go overdue, a
   * decision period with a running excluded period is paused (Art.45), and nothing runs after the application ended.
   */
  function deadlineStates(f: LicensingFacts, ds: LicensingDeadline[], now: string, cal: { years: ReadonlySet<number> }) {
    const metBy: Partial<Record<LicensingDeadline['key'], boolean>> = {
      intake: f.supplementNotices.length > 0 || f.acceptedOn !== null || f.notAccepted !== null,
      decision: f.decision !== null,
      jointDecision: f.decision !== null,
      hearingRequest: f.hearingRequestedOn !== null,
      hearingOrganise: f.hearingHeldOn !== null,
      hearingNotice: f.hearingHeldOn !== null,
      certificate: f.certificateIssuedOn !== null,
    };
    const ended = TERMINAL.includes(f.status) || f.status === 'not_accepted' || f.status === 'refused';
    return (
      ds
        // Publication belongs to the publicity module (Art.40); it is not tracked on the application yet.
        .filter((d) => d.key !== 'publication')
        .map((d) => {
          let state: 'running' | 'met' | 'overdue' | 'paused' | 'ended';
          if (metBy[d.key]) state = 'met';
          else if (d.key === 'hearingNotice') state = now >= d.due ? 'met' : 'running';
          else if (ended) state = 'ended';
          else if (d.key === 'hearingRequest') state = now > d.due ? 'ended' : 'running';
          else if (d.isProvisional) state = 'paused';
          else state = now > d.due ? 'overdue' : 'running';
          return {
            key: d.key,
            labelZh: LICENSING_DEADLINE_LABELS[d.key].zh,
            labelEn: LICENSING_DEADLINE_LABELS[d.key].en,
            start: d.start,
            dueOn: d.due,
            dayType: d.rule.dayType === 'WORKING' ? ('working' as const) : ('natural' as const),
            length: d.rule.length,
            citation: d.rule.citation,
            pausedDays: d.pausedDays,
            state,
            calendarProvisional: !cal.years.has(Number(d.due.slice(0, 4))),
            daysLeft: Math.round((Date.parse(d.due) - Date.parse(now)) / 86_400_000),
          };
        })
    );
  }

  async function applicationOut(actor: Actor, r: AppRow, pre?: { facts: LicensingFacts; ctx: LicensingGuardContext }) {
    const [facts, ctx] = pre ? [pre.facts, pre.ctx] : await Promise.all([factsOf(r), contextFor(actor, r)]);
    const available = availableLicensingActions(facts, ctx);
    const [[names], named] = await Promise.all([
      db.select({ itemName: items.name, itemCode: items.code, agencyName: subjects.name }).from(items).innerJoin(subjects, eq(subjects.id, r.agencyId)).where(eq(items.id, r.itemId)),
      (async () => {
        const ids = [...new Set([...facts.reviewerIds, ...facts.verifierIds, ...(facts.hearingPresiderId ? [facts.hearingPresiderId] : [])])];
        return ids.length ? db.select({ id: officers.id, name: officers.name }).from(officers).where(inArray(officers.id, ids)) : [];
      })(),
    ]);
    const nameOf = (id: string) => ({ id, name: named.find((o) => o.id === id)?.name ?? '' });
    const est = provisionalCalendar(ctx.calendar);
    const intake = licensingIntakeState(facts, ctx.now, est);
    const licence = r.content.licence;
    const renewal = licence?.expiresOn
      ? renewalState({ expiresOn: licence.expiresOn, renewalAppliedOn: r.content.renewal?.appliedOn ?? null, renewalDecision: r.content.renewal?.decision ?? null }, ctx.now, ctx.params)
      : null;
    const now = ctx.now;
    return {
      id: r.id,
      applicationNo: r.applicationNo,
      itemId: r.itemId,
      itemName: names?.itemName ?? '',
      itemCode: names?.itemCode ?? '',
      agencyId: r.agencyId,
      agencyName: names?.agencyName ?? '',
      regionPath: r.regionPath,
      sector: r.sector,
      status: r.status,
      statusZh: LICENSING_STATUS_INFO[r.status as LicensingStatus]?.zh ?? r.status,
      partyId: r.partyId,
      applicant: applicantView(r.applicant),
      facts: r.facts as unknown as Record<string, unknown>,
      content: r.content as unknown as Record<string, unknown>,
      missingMaterials: missingLicensingMaterials(facts),
      intake: { state: intake.state, dueOn: intake.deadline.due, acceptedFrom: intake.acceptedFrom, flags: intake.flags },
      reviewers: facts.reviewerIds.map(nameOf),
      verifiers: facts.verifierIds.map(nameOf),
      presider: facts.hearingPresiderId ? nameOf(facts.hearingPresiderId) : null,
      bans: facts.banRecords.map((b) => ({ ...b })),
      renewal: renewal ? { ...renewal, appliedOn: r.content.renewal?.appliedOn ?? null, decision: r.content.renewal?.decision ?? null } : null,
      deadlines: deadlineStates(facts, licensingDeadlines(facts, est, { asOf: now, params: ctx.params }), now, ctx.calendar),
      availableActions: available.allowed,
      refusedActions: available.refused,
      notices: available.notices.map((n) => ({ ...n })),
      version: r.version,
      today: now,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  }

  /** The content an action carries, applied to the facts before the guards read them (domain facts convention). */
  async function applyInputs(tx: Db, f: StoredLicensingFacts, action: LicensingAction, p: LicensingPayload, agencyId: string, day: string): Promise<StoredLicensingFacts> {
    const out: StoredLicensingFacts = { ...f };
    if ((action === 'accept' || action === 'not_accept') && p.sealedReceiptIssued !== undefined) out.hasSealedDatedReceipt = p.sealedReceiptIssued;
    if (action === 'not_accept') {
      out.notAccepted = { decidedOn: day, reason: p.notAcceptedReason ?? 'other', explanation: p.reason ?? '', referralAgency: p.referralAgency?.trim() || null };
    }
    if (p.reviewerIds !== undefined || p.verifierIds !== undefined) {
      await checkOfficers(tx, [...(p.reviewerIds ?? []), ...(p.verifierIds ?? [])], agencyId, 'payload.reviewerIds');
      if (p.reviewerIds) out.reviewerIds = [...new Set([...f.reviewerIds, ...p.reviewerIds])];
      if (p.verifierIds) out.verifierIds = [...new Set([...f.verifierIds, ...p.verifierIds])];
    }
    if (action === 'start_review') {
      if (p.needsSubstantiveVerification !== undefined) out.needsSubstantiveVerification = p.needsSubstantiveVerification;
      if (p.involvesOthersMajorInterests !== undefined) out.involvesOthersMajorInterests = p.involvesOthersMajorInterests;
      if (p.isHearingRequired !== undefined) out.isHearingRequired = p.isHearingRequired;
    }
    if (action === 'extend_period') {
      const e = p.extension;
      out.pendingExtension = { approvedOn: day, approvedBy: e?.approvedBy ?? null, reasons: e?.reasons ?? '', reasonsToldOn: e?.reasonsToldOn ?? null };
    }
    if (action === 'schedule_hearing') {
      if (p.presiderId) await checkOfficers(tx, [p.presiderId], agencyId, 'payload.presiderId');
      out.hearingDate = p.hearingDate ?? null;
      out.hearingPresiderId = p.presiderId ?? null;
      out.hearingNoticeSentOn = p.noticeSentOn ?? day;
    }
    if (action === 'hold_hearing' && p.hasTranscript !== undefined) out.hasHearingTranscript = p.hasTranscript;
    if (action === 'grant' || action === 'refuse') {
      out.decision = { kind: action, decidedOn: day, reasons: p.reason ?? '', remediesStated: p.remediesStated ?? false };
    }
    return out;
  }

  /** What the accepted step establishes. */
  function applyOutcome(f: StoredLicensingFacts, action: LicensingAction, p: LicensingPayload, day: string): StoredLicensingFacts {
    const out: StoredLicensingFacts = { ...f };
    switch (action) {
      case 'request_supplement':
        // The one-time notice lists every missing material (Art.32 para 1(4)): computed, never typed.
        out.supplementNotices = [...f.supplementNotices, { servedOn: day, missingItems: missingLicensingMaterials(f) }];
        break;
      case 'receive_supplement':
        out.submittedMaterials = [...new Set([...f.submittedMaterials, ...(p.materials ?? [])])];
        break;
      case 'accept':
        out.acceptedOn = day;
        break;
      case 'extend_period':
        out.extensions = [...f.extensions, f.pendingExtension!];
        out.pendingExtension = null;
        break;
      case 'notify_hearing_rights':
        out.hearingRightsNotifiedOn = day;
        break;
      case 'request_hearing':
        out.hearingRequestedOn = day;
        break;
      case 'hold_hearing':
        out.hearingHeldOn = day;
        break;
      case 'issue_certificate':
        out.certificateIssuedOn = day;
        break;
      default:
        break;
    }
    return out;
  }

  function applyContent(c: LicensingContent, action: LicensingAction, p: LicensingPayload, day: string): LicensingContent {
    const out: LicensingContent = { ...c };
    if (action === 'issue_certificate') out.licence = { certificateNo: p.certificateNo!, validFrom: p.validFrom ?? day, expiresOn: p.expiresOn ?? null, issuedOn: day };
    if (action === 'withdraw') out.withdrawal = { on: day, reason: p.reason ?? '' };
    if (action === 'grant' && p.conditions?.trim()) out.grantConditions = p.conditions.trim();
    if (p.reason?.trim() && ['not_accept', 'refuse', 'grant', 'withdraw', 'extend_period'].includes(action)) out.reasons = [...(c.reasons ?? []), { action, reason: p.reason.trim(), on: day }];
    return out;
  }

  /** Input rules that are not procedure guards: a reason where one is owed, impossible dates, the certificate's data. */
  function checkPayload(action: LicensingAction, p: LicensingPayload, f: StoredLicensingFacts, day: string) {
    if (action === 'withdraw' && !p.reason?.trim()) throw issue('payload.reason', 'record the applicant’s written withdrawal request (reason)', '须记录申请人书面撤回申请的理由');
    if (action === 'receive_supplement') {
      const unknown = (p.materials ?? []).filter((m) => !f.requiredMaterials.includes(m));
      if (!p.materials?.length) throw issue('payload.materials', 'list the materials received', '须列明补正收到的材料');
      if (unknown.length) throw issue('payload.materials', `not in the item's list of materials: ${unknown.join(', ')}`, `不在申请材料目录中：${unknown.join('、')}`);
    }
    if (action === 'start_review' && !p.reviewerIds?.length && f.reviewerIds.length === 0) throw issue('payload.reviewerIds', 'designate the reviewing staff', '须指定审查人员');
    if (action === 'issue_certificate') {
      if (!p.certificateNo?.trim()) throw issue('payload.certificateNo', 'the certificate number is required', '须填写许可证编号');
      if (p.expiresOn && p.expiresOn <= (p.validFrom ?? day)) throw issue('payload.expiresOn', 'validity must end after it begins', '有效期截止日须晚于起始日');
    }
    if (action === 'extend_period' && p.extension?.reasonsToldOn && p.extension.reasonsToldOn > day) throw issue('payload.extension.reasonsToldOn', 'cannot be in the future', '告知日期不能晚于今天');
    if (action === 'schedule_hearing' && p.noticeSentOn && p.noticeSentOn > day) throw issue('payload.noticeSentOn', 'cannot be in the future', '通知日期不能晚于今天');
  }

  async function writeBan(tx: Db, actor: Actor, input: { partyId: string; itemId: string; kind: LicensingBanKind; decidedOn: string; isSafetyRelated: boolean; reason: string; applicationId: string | null; agencyId: string; regionPath: string }, requestId?: string) {
    const id = crypto.randomUUID();
    await audit.appendRecords(tx, 'licensing_ban', await tx.insert(licensingBans).values({ id, ...input, createdBy: actor.userId, createdAt: clock.now() }).returning());
    await audit.recordChange(tx, { actor, requestId, entityType: 'licensing_ban', entityId: id, action: 'record_ban', after: { ...input }, reason: input.reason, regionPath: input.regionPath, agencyId: input.agencyId });
    return id;
  }

  /** One event + projection update + audit/ledger entry, in the caller's transaction (optimistic version). */
  async function record(
    tx: Db,
    actor: Actor,
    before: AppRow,
    e: { action: string; to: string; facts: StoredLicensingFacts; content: LicensingContent; payload: Record<string, unknown>; version: number; idempotencyKey?: string | undefined; reason?: string | null },
    requestId?: string,
  ): Promise<AppRow> {
    const now = clock.now();
    const [updated] = await tx
      .update(licenceApplications)
      .set({ status: e.to, facts: e.facts, content: e.content, version: sql`${licenceApplications.version} + 1`, updatedAt: now })
      .where(and(eq(licenceApplications.id, before.id), eq(licenceApplications.version, e.version)))
      .returning();
    if (!updated) throw new AppError('VERSION_CONFLICT', { details: { expectedVersion: e.version } });
    // The event's number is the new version (open = 1), as for penalty cases; the unique index enforces it.
    await audit.appendRecords(tx, 'licence_application_event', await tx.insert(licenceApplicationEvents).values({
      applicationId: before.id,
      seq: updated.version,
      action: e.action,
      fromStatus: before.status,
      toStatus: e.to,
      actorId: actor.userId,
      actorRole: actor.role,
      payload: e.payload,
      idempotencyKey: e.idempotencyKey ?? null,
      occurredAt: now,
    }).returning());
    const changed = Object.keys(e.facts).filter((k) => JSON.stringify(e.facts[k as keyof StoredLicensingFacts]) !== JSON.stringify(before.facts[k as keyof StoredLicensingFacts]));
    await audit.recordChange(tx, {
      actor,
      requestId,
      entityType: 'licence_application',
      entityId: before.id,
      action: e.action,
      before: { status: before.status, ...Object.fromEntries(changed.map((k) => [k, before.facts[k as keyof StoredLicensingFacts] ?? null])) },
      after: { status: e.to, ...Object.fromEntries(changed.map((k) => [k, e.facts[k as keyof StoredLicensingFacts] ?? null])) },
      reason: e.reason ?? null,
      idempotencyKey: e.idempotencyKey ?? null,
      regionPath: updated.regionPath,
      agencyId: updated.agencyId,
    });
    return updated;
  }

  return {
    /**
     * 收件登记: the application as received, with the item's required materials (服务指南) and the ones handed in. A
     * banned applicant is turned away at the counter (行政许可法 Art.78–79). Answers the tracking number and, once, the
     * verification code the applicant uses to follow the application.
     */
    async register(actor: Actor, input: RegisterApplicationInput, meta: { requestId?: string }) {
      requirePermission(actor, 'case.handle');
      if (!actor.agencyId) throw new AppError('FORBIDDEN', { details: { permission: 'case.handle', reason: 'no agency' } });
      const agencyId = actor.agencyId;
      const day = today();
      const receivedOn = input.receivedOn ?? day;
      if (receivedOn > day) throw issue('receivedOn', 'cannot be in the future', '收件日期不能晚于今天');
      const code = verificationCode();
      const row = await db.transaction(async (tx) => {
        const [item] = await tx.select().from(items).where(eq(items.id, input.itemId));
        if (!item || item.category !== 'licensing') throw issue('itemId', 'not a licensing item (行政许可) of the registry', '不是权责清单中的行政许可事项');
        const [own] = await tx.select().from(itemSubjects).where(and(eq(itemSubjects.itemId, item.id), eq(itemSubjects.subjectId, agencyId)));
        if (!own) throw issue('itemId', 'this item is not in your agency’s list of powers', '该事项不属于本机关的权责清单');
        const required = item.serviceGuide?.materials ?? [];
        const unknown = input.submittedMaterials.filter((m) => !required.includes(m));
        if (unknown.length) throw issue('submittedMaterials', `not in the item's list of materials: ${unknown.join(', ')}`, `不在申请材料目录中：${unknown.join('、')}`);
        const [agency] = await tx.select().from(subjects).where(eq(subjects.id, agencyId));
        if (!agency) throw new AppError('NOT_FOUND');
        const party = await parties.resolve(tx, actor, input.applicant, { requestId: meta.requestId, regionPath: agency.regionPath, agencyId });
        const ctx = await contextFor(actor, { regionPath: agency.regionPath, sector: item.sector });
        const banned = applicantNotBanned({ itemId: item.id, receivedOn, banRecords: await banRecordsOf(party.id, item.id, tx) }, ctx);
        if (banned) throw refusalError(banned, { guard: 'applicantNotBanned', action: 'register' });
        const facts: StoredLicensingFacts = {
          itemId: item.id,
          receivedOn,
          requiredMaterials: required,
          submittedMaterials: [...new Set(input.submittedMaterials)],
          supplementNotices: [],
          hasSealedDatedReceipt: false,
          acceptedOn: null,
          notAccepted: null,
          quota: null,
          isJointHandling: input.isJointHandling ?? false,
          reviewerIds: [],
          needsSubstantiveVerification: false,
          verifierIds: [],
          extensions: [],
          pendingExtension: null,
          exclusions: [],
          isHearingRequired: false,
          involvesOthersMajorInterests: false,
          hearingRightsNotifiedOn: null,
          hearingRequestedOn: null,
          hearingNoticeSentOn: null,
          hearingDate: null,
          hearingPresiderId: null,
          hearingHeldOn: null,
          hasHearingTranscript: false,
          decision: null,
          certificateIssuedOn: null,
        };
        const id = crypto.randomUUID();
        const now = clock.now();
        // 受理编号: XK + receipt date + 8 random digits; unique by index, unguessable enough that the code is the key.
        const applicationNo = `XK${receivedOn.replaceAll('-', '')}${crypto.randomInt(0, 100_000_000).toString().padStart(8, '0')}`;
        const [r] = await tx
          .insert(licenceApplications)
          .values({ id, applicationNo, verificationCodeHash: codeHash(applicationNo, code), itemId: item.id, agencyId, regionPath: agency.regionPath, sector: item.sector, status: 'received', facts, applicant: input.applicant, partyId: party.id, createdAt: now, updatedAt: now })
          .returning();
        const payload = { itemId: item.id, receivedOn, submittedMaterials: facts.submittedMaterials };
        await audit.appendRecords(tx, 'licence_application_event', await tx.insert(licenceApplicationEvents).values({ applicationId: id, seq: 1, action: 'register', fromStatus: null, toStatus: 'received', actorId: actor.userId, actorRole: actor.role, payload, occurredAt: now }).returning());
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'licence_application', entityId: id, action: 'register', after: { status: 'received', applicationNo, ...payload }, regionPath: agency.regionPath, agencyId });
        return r!;
      });
      return { ...(await applicationOut(actor, row)), verificationCode: code };
    },

    async get(actor: Actor, id: string) {
      requirePermission(actor, 'case.read');
      return applicationOut(actor, await getScoped(actor, id));
    },

    async list(actor: Actor, q: { status?: string | undefined; q?: string | undefined; page: number; pageSize: number }) {
      requirePermission(actor, 'case.read');
      const conds: SQL[] = [scopeCondition(actor, { regionPath: licenceApplications.regionPath, agencyId: licenceApplications.agencyId })];
      if (q.status) conds.push(eq(licenceApplications.status, q.status));
      if (q.q) {
        const like = `%${q.q.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
        conds.push(or(ilike(licenceApplications.applicationNo, like), sql`${licenceApplications.applicant}->>'name' ilike ${like}`)!);
      }
      const where = and(...conds);
      const [rows, [c]] = await Promise.all([
        db.select().from(licenceApplications).where(where).orderBy(desc(licenceApplications.createdAt), desc(licenceApplications.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
        db.select({ n: sql<number>`count(*)::int` }).from(licenceApplications).where(where),
      ]);
      const out = [];
      for (const r of rows) out.push(await applicationOut(actor, r));
      return { items: out, total: c?.n ?? 0, page: q.page, pageSize: q.pageSize };
    },

    /** 许可待办: open applications of my agency with the steps open now and the nearest deadline (overdue first). */
    async todo(actor: Actor) {
      requirePermission(actor, 'case.read');
      const rows = await db
        .select()
        .from(licenceApplications)
        .where(and(scopeCondition(actor, { regionPath: licenceApplications.regionPath, agencyId: licenceApplications.agencyId }), sql`${licenceApplications.status} not in ('closed', 'withdrawn')`))
        .orderBy(desc(licenceApplications.updatedAt))
        .limit(500);
      const out = [];
      for (const r of rows) {
        const a = await applicationOut(actor, r);
        const open = a.deadlines.filter((d) => d.state === 'running' || d.state === 'overdue' || d.state === 'paused').sort((x, y) => x.dueOn.localeCompare(y.dueOn));
        const next = open.find((d) => d.state === 'overdue') ?? open[0] ?? null;
        out.push({
          applicationId: r.id,
          applicationNo: r.applicationNo,
          applicantName: r.applicant.name,
          itemName: a.itemName,
          status: r.status,
          statusZh: a.statusZh,
          // Steps open now, with those whose only refusal the step's own form answers (the sealed receipt…).
          nextActions: [...a.availableActions, ...a.refusedActions.filter((r) => isLicensingRefusalAnsweredByInput(r.action, r.refusals)).map((r) => r.action)].filter((x) => x !== 'withdraw'),
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

    async events(actor: Actor, id: string) {
      requirePermission(actor, 'case.read');
      await getScoped(actor, id);
      const rows = await db
        .select({ e: licenceApplicationEvents, actorName: users.displayName })
        .from(licenceApplicationEvents)
        .leftJoin(users, eq(users.id, licenceApplicationEvents.actorId))
        .where(eq(licenceApplicationEvents.applicationId, id))
        .orderBy(licenceApplicationEvents.seq);
      return rows.map(({ e, actorName }) => ({ ...e, actorName: actorName ?? null, occurredAt: e.occurredAt.toISOString() }));
    },

    /**
     * One procedural step: table check (409 INVALID_TRANSITION with allowedActions), guards (422 with the citation), then
     * one transaction with the projection, the event (carrying the non-blocking notices of that moment, e.g. a decision
     * after its deadline) and the audit/ledger entry.
     */
    async act(actor: Actor, id: string, action: LicensingAction, input: { payload: LicensingPayload; version: number; idempotencyKey?: string | undefined }, meta: { requestId?: string }) {
      requirePermission(actor, 'case.handle');
      const done = await db.transaction(async (tx): Promise<{ row: AppRow; pre?: { facts: LicensingFacts; ctx: LicensingGuardContext } }> => {
        const before = await getScoped(actor, id, tx);
        if (input.idempotencyKey) {
          const [seen] = await tx.select().from(licenceApplicationEvents).where(and(eq(licenceApplicationEvents.applicationId, id), eq(licenceApplicationEvents.idempotencyKey, input.idempotencyKey)));
          if (seen) {
            if (seen.action !== action) throw new AppError('DUPLICATE', { details: { idempotencyKey: input.idempotencyKey, action: seen.action } });
            return { row: before };
          }
        }
        const ctx = await contextFor(actor, before);
        const day = ctx.now;
        const p = input.payload;
        checkPayload(action, p, before.facts, day);
        const stored = await applyInputs(tx, before.facts, action, p, before.agencyId, day);
        const facts = await factsOf({ ...before, facts: stored }, tx);
        const checked = checkLicensingAction(facts, action, ctx);
        if (!checked.ok) throw refusalError(checked.refusals[0]!, { status: before.status, action, refusals: checked.refusals });
        const notices = availableLicensingActions(facts, ctx).notices.map((n) => n.kind);
        const after = applyOutcome(stored, action, p, day);
        const content = applyContent(before.content, action, p, day);
        const payload: Record<string, unknown> = { ...p, ...(notices.length ? { notices } : {}), ...(action === 'request_supplement' ? { missingItems: after.supplementNotices.at(-1)!.missingItems } : {}) };
        const row = await record(tx, actor, before, { action, to: checked.to, facts: after, content, payload, version: input.version, idempotencyKey: input.idempotencyKey, reason: p.reason ?? null }, meta.requestId);
        // A false or concealed application is entered in the ban register with the decision (行政许可法 Art.78).
        const isFalse = (action === 'not_accept' && p.notAcceptedReason === 'false_materials') || (action === 'refuse' && p.falseApplication);
        if (isFalse) {
          await writeBan(
            tx,
            actor,
            { partyId: before.partyId, itemId: before.itemId, kind: 'false_application', decidedOn: day, isSafetyRelated: p.falseApplication?.isSafetyRelated ?? false, reason: p.reason ?? '', applicationId: id, agencyId: before.agencyId, regionPath: before.regionPath },
            meta.requestId,
          );
        }
        return { row, pre: { facts: { ...after, status: checked.to, banRecords: isFalse ? await banRecordsOf(before.partyId, before.itemId, tx) : facts.banRecords }, ctx } };
      });
      return applicationOut(actor, done.row, done.pre);
    },

    /**
     * 除外期间 (行政许可法 Art.45): hearing, tender, auction, testing, inspection, quarantine, appraisal or expert review
     * time, recorded when it starts and ends. Only periods told to the applicant in writing pause the decision period;
     * an untold one is kept (and flagged) so supervisors see it.
     */
    async startExclusion(actor: Actor, id: string, input: { kind: LicensingExclusionKind; from?: string | undefined; toldInWritingOn?: string | null | undefined; version: number }, meta: { requestId?: string }) {
      requirePermission(actor, 'case.handle');
      const row = await db.transaction(async (tx) => {
        const before = await getScoped(actor, id, tx);
        const day = today();
        if (!REVIEW_STATUSES.includes(before.status as LicensingStatus)) throw notInReview(before.status);
        if (before.facts.exclusions.some((e) => e.to === null)) throw issue('kind', 'an excluded period is still running: end it first', '仍有未结束的除外期间，请先结束');
        const from = input.from ?? day;
        if (from > day || (input.toldInWritingOn && input.toldInWritingOn > day)) throw issue('from', 'cannot be in the future', '日期不能晚于今天');
        const facts: StoredLicensingFacts = { ...before.facts, exclusions: [...before.facts.exclusions, { kind: input.kind, from, to: null, toldInWritingOn: input.toldInWritingOn ?? null }] };
        return record(tx, actor, before, { action: 'start_exclusion', to: before.status, facts, content: before.content, payload: { ...input }, version: input.version }, meta.requestId);
      });
      return applicationOut(actor, row);
    },

    async endExclusion(actor: Actor, id: string, input: { to?: string | undefined; toldInWritingOn?: string | null | undefined; version: number }, meta: { requestId?: string }) {
      requirePermission(actor, 'case.handle');
      const row = await db.transaction(async (tx) => {
        const before = await getScoped(actor, id, tx);
        const day = today();
        const open = before.facts.exclusions.find((e) => e.to === null);
        if (!open) throw issue('to', 'no excluded period is running', '没有正在进行的除外期间');
        const to = input.to ?? day;
        if (to > day || to < open.from) throw issue('to', `must lie between ${open.from} and today`, `须在${open.from}与今天之间`);
        const facts: StoredLicensingFacts = {
          ...before.facts,
          exclusions: before.facts.exclusions.map((e) => (e === open ? { ...e, to, toldInWritingOn: e.toldInWritingOn ?? input.toldInWritingOn ?? null } : e)),
        };
        return record(tx, actor, before, { action: 'end_exclusion', to: before.status, facts, content: before.content, payload: { ...input }, version: input.version }, meta.requestId);
      });
      return applicationOut(actor, row);
    },

    /** 延续申请 (行政许可法 Art.50): the holder applies before expiry; the date decides whether a deemed grant protects it. */
    async applyRenewal(actor: Actor, id: string, input: { appliedOn?: string | undefined; version: number }, meta: { requestId?: string }) {
      requirePermission(actor, 'case.handle');
      const row = await db.transaction(async (tx) => {
        const before = await getScoped(actor, id, tx);
        const day = today();
        const licence = before.content.licence;
        if (!licence?.expiresOn) throw renewalRefusal('No licence with a term of validity was issued on this application.', '本申请未颁发有期限的许可证件，无从延续。');
        if (before.content.renewal) throw renewalRefusal('A renewal was already applied for.', '已申请延续。');
        const appliedOn = input.appliedOn ?? day;
        if (appliedOn > day) throw issue('appliedOn', 'cannot be in the future', '申请日期不能晚于今天');
        if (appliedOn > licence.expiresOn) throw renewalRefusal(`The licence expired on ${licence.expiresOn}; apply for a new licence instead (Art.70(1)).`, `许可已于${licence.expiresOn}有效期届满，应当重新申请（第七十条第一项）。`);
        const content: LicensingContent = { ...before.content, renewal: { appliedOn, decision: null } };
        return record(tx, actor, before, { action: 'apply_renewal', to: before.status, facts: before.facts, content, payload: { appliedOn }, version: input.version }, meta.requestId);
      });
      return applicationOut(actor, row);
    },

    /**
     * 延续决定 (Art.50 para 2): due before expiry. On an application made in time, a decision after expiry is refused —
     * the renewal was already deemed granted on the last day of validity.
     */
    async decideRenewal(actor: Actor, id: string, input: { isGranted: boolean; reasons: string; version: number }, meta: { requestId?: string }) {
      requirePermission(actor, 'case.handle');
      const row = await db.transaction(async (tx) => {
        const before = await getScoped(actor, id, tx);
        const ctx = await contextFor(actor, before);
        const licence = before.content.licence;
        const renewal = before.content.renewal;
        if (!licence?.expiresOn || !renewal) throw renewalRefusal('No renewal application is on record.', '尚无延续申请。');
        if (renewal.decision) throw renewalRefusal('The renewal was already decided.', '延续申请已作出决定。');
        if (!input.isGranted && !input.reasons.trim()) throw issue('reasons', 'a refusal states its reasons', '不予延续应当说明理由');
        const s = renewalState({ expiresOn: licence.expiresOn, renewalAppliedOn: renewal.appliedOn, renewalDecision: null }, ctx.now, ctx.params);
        if (s.state === 'deemed_granted') {
          throw new AppError('RULE_VIOLATION', {
            message: `The renewal was not decided by ${licence.expiresOn}: it is deemed granted and no later decision changes that.`,
            messageZh: `行政机关未在${licence.expiresOn}前作出是否准予延续的决定，视为准予延续，不得再作出决定。`,
            details: { citation: '行政许可法 Art.50 para 2', guard: 'renewalDecidedBeforeExpiry', expiresOn: licence.expiresOn },
          });
        }
        const content: LicensingContent = { ...before.content, renewal: { ...renewal, decision: { decidedOn: ctx.now, isGranted: input.isGranted, reasons: input.reasons.trim() } } };
        return record(tx, actor, before, { action: 'decide_renewal', to: before.status, facts: before.facts, content, payload: { ...input }, version: input.version, reason: input.reasons }, meta.requestId);
      });
      return applicationOut(actor, row);
    },

    /** 禁止申请登记: the register in my scope (bans recorded by my agency, or in my region for supervisors). */
    async listBans(actor: Actor) {
      requirePermission(actor, 'case.read');
      const rows = await db
        .select({ b: licensingBans, partyName: registryPartyName(), itemName: items.name })
        .from(licensingBans)
        .innerJoin(items, eq(items.id, licensingBans.itemId))
        .where(scopeCondition(actor, { regionPath: licensingBans.regionPath, agencyId: licensingBans.agencyId }))
        .orderBy(desc(licensingBans.createdAt))
        .limit(500);
      return rows.map(({ b, partyName, itemName }) => ({ ...b, partyName, itemName, createdAt: b.createdAt.toISOString() }));
    },

    /** A ban from a revocation for fraud or bribery (Art.79, 3 years) or a false application (Art.78), on an application. */
    async recordBan(actor: Actor, input: { applicationId: string; kind: LicensingBanKind; decidedOn: string; isSafetyRelated: boolean; reason: string }, meta: { requestId?: string }) {
      requirePermission(actor, 'case.handle');
      return db.transaction(async (tx) => {
        const a = await getScoped(actor, input.applicationId, tx);
        if (input.decidedOn > today()) throw issue('decidedOn', 'cannot be in the future', '决定日期不能晚于今天');
        if (!input.reason.trim()) throw issue('reason', 'state the decision the ban follows from', '须写明禁止申请所依据的决定');
        const id = await writeBan(tx, actor, { partyId: a.partyId, itemId: a.itemId, kind: input.kind, decidedOn: input.decidedOn, isSafetyRelated: input.isSafetyRelated, reason: input.reason.trim(), applicationId: a.id, agencyId: a.agencyId, regionPath: a.regionPath }, meta.requestId);
        return { id };
      });
    },

    /**
     * 事中公示 (domain-rules §2.2; 行政许可法 Art.40 applicants may ask about progress): an application's progress for
     * the public portal, given its number and the verification code handed over at registration. A wrong number or
     * code answers 404 alike (no probing which numbers exist). What it tells is what the applicant was told in writing:
     * status, item, agency, the statutory time limits with their due dates, the steps taken (no officer names), and
     * the materials still missing. Nothing about the applicant's person is returned.
     */
    async verify(applicationNo: string, code: string) {
      const [r] = await db.select().from(licenceApplications).where(eq(licenceApplications.applicationNo, applicationNo));
      const expected = Buffer.from(r?.verificationCodeHash ?? '0'.repeat(64), 'hex');
      const given = Buffer.from(codeHash(applicationNo, code), 'hex');
      if (!r || !crypto.timingSafeEqual(expected, given)) throw new AppError('NOT_FOUND');
      const facts = await factsOf(r);
      const now = today();
      const [calendar, resolved] = await Promise.all([rules.calendar(), rules.resolve({ regionPath: r.regionPath, sector: r.sector, date: now })]);
      const params = pickParams(resolved.values as unknown as Record<string, unknown>);
      const est = provisionalCalendar(calendar);
      const [[names], steps] = await Promise.all([
        db.select({ itemName: items.name, agencyName: subjects.name }).from(items).innerJoin(subjects, eq(subjects.id, r.agencyId)).where(eq(items.id, r.itemId)),
        db
          .select({ action: licenceApplicationEvents.action, toStatus: licenceApplicationEvents.toStatus, at: licenceApplicationEvents.occurredAt })
          .from(licenceApplicationEvents)
          .where(eq(licenceApplicationEvents.applicationId, r.id))
          .orderBy(asc(licenceApplicationEvents.seq)),
      ]);
      const status = r.status as LicensingStatus;
      return {
        applicationNo: r.applicationNo,
        status: r.status,
        statusZh: LICENSING_STATUS_INFO[status]?.zh ?? r.status,
        statusEn: LICENSING_STATUS_INFO[status]?.en ?? r.status,
        itemName: names?.itemName ?? '',
        agencyName: names?.agencyName ?? '',
        receivedOn: facts.receivedOn,
        missingMaterials: missingLicensingMaterials(facts),
        deadlines: deadlineStates(facts, licensingDeadlines(facts, est, { asOf: now, params }), now, calendar).map((d) => ({
          key: d.key,
          labelZh: d.labelZh,
          labelEn: d.labelEn,
          dueOn: d.dueOn,
          dayType: d.dayType,
          length: d.length,
          citation: d.citation,
          state: d.state,
        })),
        steps: steps.map((e) => ({
          at: e.at.toISOString(),
          status: e.toStatus,
          statusZh: LICENSING_STATUS_INFO[e.toStatus as LicensingStatus]?.zh ?? e.toStatus,
          statusEn: LICENSING_STATUS_INFO[e.toStatus as LicensingStatus]?.en ?? e.toStatus,
        })),
        updatedAt: r.updatedAt.toISOString(),
      };
    },

  };
}

function registryPartyName() {
  return sql<string>`(select name from parties where parties.id = ${licensingBans.partyId})`;
}

function notInReview(status: string) {
  return new AppError('INVALID_TRANSITION', {
    message: `Excluded periods are recorded while the application is under review, not in status '${status}'.`,
    messageZh: '仅在受理后、作出决定前可以记录除外期间。',
    details: { status, citation: '行政许可法 Art.45' },
  });
}

function renewalRefusal(message: string, messageZh: string) {
  return new AppError('RULE_VIOLATION', { message, messageZh, details: { citation: '行政许可法 Art.50' } });
}

export type LicensingService = ReturnType<typeof createLicensingService>;
