import {
  allowedActions,
  AppError,
  CERTIFICATE_TRANSITIONS,
  effectiveCertificateStatus,
  isAdminRole,
  maskIdNumber,
  nextStatus,
  validateIdNumber,
  type CertificateAction,
  type CertificateInput,
  type CertificateStatus,
  type AssessmentInput,
  type OfficerInput,
  type TrainingInput,
} from '@zhifa/domain';
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { chinaDate, type Clock } from '../../lib/clock.ts';
import type { AuditService } from '../audit/index.ts';
import type { BlobStore } from '../blobs/index.ts';
import { escapeLike, isInScope, requirePermission, scopeCondition, type Actor } from '../identity/index.ts';
import type { RegionService } from './regions.service.ts';
import { assessments, certificates, officers, subjects, trainings } from './registry.schema.ts';
import type { RuleService } from './rules.service.ts';
import type { SubjectService } from './subjects.service.ts';
import { commonOut, diff, fieldError, updateVersioned } from './versioned.ts';

type OfficerRow = typeof officers.$inferSelect;
type CertRow = typeof certificates.$inferSelect;

/** 审验: a certificate is reviewed every `cycleYears` from issue or from its last review; past that it is overdue. */
function reviewDue(c: CertRow, cycleYears: number, today: string) {
  const from = c.lastReviewedOn ?? c.issuedOn;
  const due = `${Number(from.slice(0, 4)) + cycleYears}${from.slice(4)}`;
  return { reviewDueOn: due, reviewOverdue: due < today };
}

export const certificateOut = (c: CertRow, today: string) => {
  const effective = effectiveCertificateStatus(c, today);
  return {
    id: c.id,
    officerId: c.officerId,
    number: c.number,
    credentialType: c.credentialType,
    categories: c.categories,
    areaCode: c.areaCode,
    issuedBy: c.issuedBy,
    issuedOn: c.issuedOn,
    expiresOn: c.expiresOn,
    lastReviewedOn: c.lastReviewedOn,
    status: c.status,
    effectiveStatus: effective,
    statusReason: c.statusReason,
    suspendedUntil: c.suspendedUntil,
    allowedActions: allowedActions(CERTIFICATE_TRANSITIONS, effective),
    ...commonOut(c),
  };
};


/**
 * 执法人员清单. The ID number is personal data: administrators of the officer's region see it in full; everyone else
 * sees it masked (issue #2; domain-rules §15). It is never published.
 */
export function createOfficerService(deps: { db: Db; audit: AuditService; clock: Clock; regions: RegionService; subjects: SubjectService; rules: RuleService; blobs: BlobStore }) {
  const { db, audit, clock } = deps;
  const today = () => chinaDate(clock.now());
  const officerScope = (actor: Actor) => scopeCondition(actor, { regionPath: officers.regionPath, agencyId: officers.agencyId });

  async function getScoped(actor: Actor, id: string, tx: Db = db): Promise<OfficerRow> {
    const [r] = await tx.select().from(officers).where(eq(officers.id, id));
    if (!r || !isInScope(actor, { regionPath: r.regionPath, agencyId: r.agencyId })) throw new AppError('NOT_FOUND');
    return r;
  }

  /**
   * Profile values that apply to an officer: required yearly training hours (60 h national, 30 h legal reviewers [Seed])
   * and the certificate review cycle (2 years, 威政办发〔2016〕3号 [Seed]).
   */
  async function officerRules(o: { regionPath: string; isLegalReviewer: boolean }, sector: string | null) {
    const r = await deps.rules.resolve({ regionPath: o.regionPath, sector, date: today() });
    const v = r.values as Record<string, unknown>;
    return {
      requiredHours: Number(o.isLegalReviewer ? v['training.legalReviewerAnnualHours'] : v['training.annualHours']),
      reviewCycleYears: Number(v['certificate.reviewCycleYears']),
    };
  }

  async function hoursByOfficer(ids: string[], year: number): Promise<Map<string, number>> {
    if (!ids.length) return new Map();
    const rows = await db
      .select({ officerId: trainings.officerId, h: sql<number>`coalesce(sum(${trainings.hours}),0)::float` })
      .from(trainings)
      .where(and(inArray(trainings.officerId, ids), eq(trainings.year, year), isNull(trainings.withdrawnAt)))
      .groupBy(trainings.officerId);
    return new Map(rows.map((r) => [r.officerId, Number(r.h)]));
  }

  async function toOut(actor: Actor, rows: OfficerRow[]) {
    const ids = rows.map((r) => r.id);
    const t = today();
    const year = Number(t.slice(0, 4));
    const [certs, hours, agencies] = await Promise.all([
      ids.length ? db.select().from(certificates).where(and(inArray(certificates.officerId, ids), isNull(certificates.withdrawnAt))).orderBy(desc(certificates.expiresOn)) : [],
      hoursByOfficer(ids, year),
      rows.length ? db.select({ id: subjects.id, name: subjects.name, sector: subjects.sector }).from(subjects).where(inArray(subjects.id, [...new Set(rows.map((r) => r.agencyId))])) : [],
    ]);
    const agencyById = new Map(agencies.map((a) => [a.id, a]));
    const reqCache = new Map<string, Awaited<ReturnType<typeof officerRules>>>();
    const out = [];
    for (const r of rows) {
      const agency = agencyById.get(r.agencyId);
      const key = `${r.regionPath}|${agency?.sector}|${r.isLegalReviewer}`;
      if (!reqCache.has(key)) reqCache.set(key, await officerRules(r, agency?.sector ?? null));
      const { requiredHours: required, reviewCycleYears } = reqCache.get(key)!;
      const done = hours.get(r.id) ?? 0;
      const mine = certs.filter((c) => c.officerId === r.id && c.credentialType === 'enforcement');
      // The summary shows the best certificate: an effective one if any, else the latest.
      const best = mine.find((c) => effectiveCertificateStatus(c, t) === 'active') ?? mine[0];
      const seeFullId = isAdminRole(actor.role) && actor.role === 'system_admin';
      out.push({
        id: r.id,
        name: r.name,
        idNumberMasked: maskIdNumber(r.idNumber),
        ...(seeFullId ? { idNumber: r.idNumber } : {}),
        gender: r.gender,
        birthDate: r.birthDate,
        agencyId: r.agencyId,
        agencyName: agency?.name ?? null,
        post: r.post,
        personnelType: r.personnelType,
        phone: r.phone,
        education: r.education,
        hasLegalQualification: r.hasLegalQualification,
        legalQualificationNo: r.legalQualificationNo,
        isLegalReviewer: r.isLegalReviewer,
        onDuty: r.onDuty,
        photoBlob: r.photoBlob,
        certificateSummary: best ? { id: best.id, number: best.number, status: effectiveCertificateStatus(best, t), expiresOn: best.expiresOn, categories: best.categories, areaCode: best.areaCode, ...reviewDue(best, reviewCycleYears, t) } : null,
        trainingYear: year,
        trainingHoursThisYear: done,
        requiredTrainingHours: required,
        trainingShortfall: done < required,
        ...commonOut(r),
      });
    }
    return out;
  }

  async function checkOfficer(tx: Db, actor: Actor, input: OfficerInput) {
    const agency = await deps.subjects.findSubject(input.agencyId, tx);
    if (!agency || !isInScope(actor, { regionPath: agency.regionPath, agencyId: agency.id }) || agency.withdrawnAt) {
      throw fieldError('agencyId', 'unknown agency', '所属机关不存在');
    }
    if (input.isLegalReviewer && input.personnelType === 'auxiliary') {
      throw fieldError('isLegalReviewer', 'auxiliary staff cannot be legal reviewers', '辅助人员不能担任法制审核人员');
    }
    if (input.hasLegalQualification && !input.legalQualificationNo) {
      throw fieldError('legalQualificationNo', 'the certificate number of the legal-profession qualification is required', '须填写法律职业资格证书编号');
    }
    const id = validateIdNumber(input.idNumber);
    if (!id.ok) throw fieldError('idNumber', id.message, id.messageZh);
    return { agency, birthDate: id.birthDate, gender: id.gender };
  }

  async function getCertScoped(actor: Actor, id: string, tx: Db = db) {
    const [c] = await tx.select().from(certificates).where(eq(certificates.id, id));
    if (!c) throw new AppError('NOT_FOUND');
    const o = await getScoped(actor, c.officerId, tx);
    return { c, o };
  }

  async function checkCertificate(tx: Db, actor: Actor, input: CertificateInput) {
    const area = await deps.regions.findRegion(input.areaCode, tx);
    if (!area) throw fieldError('areaCode', 'unknown region', '执法区域不存在');
    void actor;
  }

  return {
    getScoped,
    async list(
      actor: Actor,
      q: { q?: string | undefined; agencyId?: string | undefined; personnelType?: string | undefined; certificateStatus?: string | undefined; trainingShortfall?: boolean | undefined; isLegalReviewer?: boolean | undefined; page: number; pageSize: number },
    ) {
      requirePermission(actor, 'registry.read');
      const t = today();
      const year = Number(t.slice(0, 4));
      const conds: SQL[] = [officerScope(actor), isNull(officers.withdrawnAt)];
      if (q.q) {
        // Prefix match on the name or the certificate number: both use text_pattern_ops indexes, so the search stays
        // fast over a province's officers (a contains-search would scan every row).
        const prefix = `${escapeLike(q.q)}%`;
        conds.push(
          sql`${officers.id} in (select o.id from ${officers} o where o.name like ${prefix} union select c.officer_id from ${certificates} c where c.number like ${prefix})`,
        );
      }
      if (q.agencyId) conds.push(eq(officers.agencyId, q.agencyId));
      if (q.personnelType) conds.push(eq(officers.personnelType, q.personnelType));
      if (q.isLegalReviewer !== undefined) conds.push(eq(officers.isLegalReviewer, q.isLegalReviewer));
      if (q.certificateStatus) {
        // Effective status: an 'active' certificate past expiry counts as 'expired' (see effectiveCertificateStatus).
        const st = q.certificateStatus;
        const base = sql`c.withdrawn_at is null and c.credential_type = 'enforcement'`;
        // Each branch is an index range on (status, expires_on) or (status, issued_on); OR-ing them in one WHERE would
        // force a scan of every certificate.
        const holders =
          st === 'active'
            ? sql`select c.officer_id from ${certificates} c where ${base} and c.status = 'active' and c.expires_on >= ${t}::date and c.issued_on <= ${t}::date`
            : st === 'expired'
              ? sql`select c.officer_id from ${certificates} c where ${base} and c.status = 'expired'
                    union select c.officer_id from ${certificates} c where ${base} and c.status = 'active' and c.expires_on < ${t}::date
                    union select c.officer_id from ${certificates} c where ${base} and c.status = 'active' and c.issued_on > ${t}::date`
              : sql`select c.officer_id from ${certificates} c where ${base} and c.status = ${st}`;
        if (st === 'none') conds.push(sql`${officers.id} not in (select c.officer_id from ${certificates} c where c.withdrawn_at is null)`);
        else conds.push(sql`${officers.id} in (${holders})`);
      }
      if (q.trainingShortfall !== undefined) {
        // The filter applies the requirement resolved for the caller's region; the per-row flag uses each officer's own.
        const r = (await deps.rules.resolve({ regionPath: actor.regionPath, sector: null, date: t })).values as Record<string, unknown>;
        const general = Number(r['training.annualHours']);
        const reviewer = Number(r['training.legalReviewerAnnualHours']);
        // Anti-join against the officers who met their requirement (aggregated once), not a sum per officer.
        const met = (hours: number) =>
          sql`select tr.officer_id from ${trainings} tr where tr.year = ${year}::int and tr.withdrawn_at is null group by tr.officer_id having sum(tr.hours) >= ${hours}::numeric`;
        const shortfall = sql`((not ${officers.isLegalReviewer} and ${officers.id} not in (${met(general)})) or (${officers.isLegalReviewer} and ${officers.id} not in (${met(reviewer)})))`;
        conds.push(q.trainingShortfall ? shortfall : sql`not ${shortfall}`);
      }
      const where = and(...conds);
      const [rows, [c]] = await Promise.all([
        db.select().from(officers).where(where).orderBy(asc(officers.agencyId), asc(officers.name), asc(officers.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
        db.select({ n: sql<number>`count(*)::int` }).from(officers).where(where),
      ]);
      return { items: await toOut(actor, rows), total: c?.n ?? 0, page: q.page, pageSize: q.pageSize };
    },

    async get(actor: Actor, id: string) {
      requirePermission(actor, 'registry.read');
      const r = await getScoped(actor, id);
      const [out] = await toOut(actor, [r]);
      const t = today();
      const [certs, tr, as] = await Promise.all([
        db.select().from(certificates).where(and(eq(certificates.officerId, id), isNull(certificates.withdrawnAt))).orderBy(desc(certificates.issuedOn)),
        db.select().from(trainings).where(and(eq(trainings.officerId, id), isNull(trainings.withdrawnAt))).orderBy(desc(trainings.heldOn)),
        db.select().from(assessments).where(and(eq(assessments.officerId, id), isNull(assessments.withdrawnAt))).orderBy(desc(assessments.heldOn)),
      ]);
      const byYear = new Map<number, number>();
      for (const x of tr) byYear.set(x.year, (byYear.get(x.year) ?? 0) + x.hours);
      return {
        ...out!,
        certificates: certs.map((c) => certificateOut(c, t)),
        trainings: tr.map((x) => ({ id: x.id, year: x.year, heldOn: x.heldOn, title: x.title, hours: x.hours, organiser: x.organiser, createdAt: x.createdAt.toISOString() })),
        trainingByYear: [...byYear.entries()].sort((a, b) => b[0] - a[0]).map(([year, hours]) => ({ year, hours, required: out!.requiredTrainingHours, shortfall: hours < out!.requiredTrainingHours })),
        assessments: as.map((x) => ({ id: x.id, kind: x.kind, heldOn: x.heldOn, result: x.result, score: x.score, note: x.note, createdAt: x.createdAt.toISOString() })),
      };
    },

    async create(actor: Actor, input: OfficerInput, meta: { requestId?: string }, tx0?: Db) {
      requirePermission(actor, 'registry.write.agency');
      const run = async (tx: Db) => {
        const { agency, birthDate, gender } = await checkOfficer(tx, actor, input);
        const id = crypto.randomUUID();
        const [row] = await tx.insert(officers).values({ id, ...input, birthDate, gender, regionPath: agency.regionPath }).returning();
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'officer', entityId: id, action: 'create', after: { ...row, idNumber: maskIdNumber(row!.idNumber) }, regionPath: agency.regionPath, agencyId: agency.id });
        return row!;
      };
      const row = tx0 ? await run(tx0) : await db.transaction(run);
      return (await toOut(actor, [row]))[0]!;
    },

    async update(actor: Actor, id: string, input: Partial<OfficerInput> & { version: number }, meta: { requestId?: string }) {
      requirePermission(actor, 'registry.write.agency');
      const row = await db.transaction(async (tx) => {
        const before = await getScoped(actor, id, tx);
        const { version, ...patch } = input;
        const merged = { ...before, ...patch } as OfficerInput;
        const { agency, birthDate, gender } = await checkOfficer(tx, actor, merged);
        const after = await updateVersioned(tx, officers, eq(officers.id, id), officers.version, version, { ...patch, birthDate, gender, regionPath: agency.regionPath });
        const d = diff({ ...before, idNumber: maskIdNumber(before.idNumber) }, { ...after, idNumber: maskIdNumber(after.idNumber) });
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'officer', entityId: id, action: 'update', before: d.before, after: d.after, regionPath: after.regionPath, agencyId: after.agencyId });
        return after;
      });
      return (await toOut(actor, [row]))[0]!;
    },

    async setPublished(actor: Actor, id: string, input: { published: boolean; version: number }, meta: { requestId?: string }) {
      requirePermission(actor, 'registry.write.agency');
      const row = await db.transaction(async (tx) => {
        await getScoped(actor, id, tx);
        const after = await updateVersioned(tx, officers, eq(officers.id, id), officers.version, input.version, { published: input.published });
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'officer', entityId: id, action: input.published ? 'publish' : 'unpublish', before: { published: !input.published }, after: { published: input.published }, regionPath: after.regionPath, agencyId: after.agencyId });
        return after;
      });
      return (await toOut(actor, [row]))[0]!;
    },

    async withdraw(actor: Actor, id: string, input: { reason: string; version: number }, meta: { requestId?: string }) {
      requirePermission(actor, 'registry.write.agency');
      await db.transaction(async (tx) => {
        const before = await getScoped(actor, id, tx);
        if (before.withdrawnAt) throw new AppError('INVALID_TRANSITION', { details: { status: 'withdrawn', allowedActions: [] } });
        const after = await updateVersioned(tx, officers, eq(officers.id, id), officers.version, input.version, { withdrawnAt: new Date(), withdrawReason: input.reason, published: false, onDuty: false });
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'officer', entityId: id, action: 'withdraw', reason: input.reason, regionPath: after.regionPath, agencyId: after.agencyId });
      });
    },

    async history(actor: Actor, id: string) {
      requirePermission(actor, 'registry.read');
      await getScoped(actor, id);
      return audit.historyOf(db, 'officer', id);
    },

    /** The photo shown on the officer card (and later on the public card). Stored content-addressed; JPEG or PNG only. */
    async setPhoto(actor: Actor, id: string, data: Buffer, meta: { requestId?: string }) {
      requirePermission(actor, 'registry.write.agency');
      const isJpeg = data[0] === 0xff && data[1] === 0xd8;
      const isPng = data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      if (!isJpeg && !isPng) throw fieldError('file', 'the photo must be a JPEG or PNG image', '照片须为JPEG或PNG格式');
      const { id: blobId } = await deps.blobs.put(data);
      await db.transaction(async (tx) => {
        const before = await getScoped(actor, id, tx);
        await tx.update(officers).set({ photoBlob: blobId, updatedAt: new Date(), version: before.version + 1 }).where(eq(officers.id, id));
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'officer', entityId: id, action: 'photo', before: { photoBlob: before.photoBlob }, after: { photoBlob: blobId }, regionPath: before.regionPath, agencyId: before.agencyId });
      });
    },

    async getPhoto(actor: Actor, id: string): Promise<{ data: Buffer; type: string }> {
      requirePermission(actor, 'registry.read');
      const o = await getScoped(actor, id);
      if (!o.photoBlob) throw new AppError('NOT_FOUND');
      const data = await deps.blobs.get(o.photoBlob);
      return { data, type: data[0] === 0xff ? 'image/jpeg' : 'image/png' };
    },

    // ---- certificates ------------------------------------------------------------------------------------------

    async addCertificate(actor: Actor, officerId: string, input: CertificateInput, meta: { requestId?: string }, tx0?: Db) {
      requirePermission(actor, 'registry.write.agency');
      const run = async (tx: Db) => {
        const o = await getScoped(actor, officerId, tx);
        if (o.personnelType === 'auxiliary' && input.credentialType === 'enforcement') {
          // 辅助人员 do not receive enforcement certificates (domain-rules PQ2).
          throw new AppError('RULE_VIOLATION', { message: 'Auxiliary staff cannot hold an enforcement certificate.', messageZh: '辅助人员不得申领行政执法证件。', details: { citation: '国办发〔2024〕54号; domain-rules PQ2' } });
        }
        await checkCertificate(tx, actor, input);
        const id = crypto.randomUUID();
        const [row] = await tx.insert(certificates).values({ id, officerId, ...input }).returning();
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'certificate', entityId: id, action: 'create', after: row, regionPath: o.regionPath, agencyId: o.agencyId });
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'officer', entityId: officerId, action: 'certificate_added', after: { number: input.number }, regionPath: o.regionPath, agencyId: o.agencyId });
        return row!;
      };
      const row = tx0 ? await run(tx0) : await db.transaction(run);
      return certificateOut(row, today());
    },

    async updateCertificate(actor: Actor, id: string, input: Partial<CertificateInput> & { version: number }, meta: { requestId?: string }) {
      requirePermission(actor, 'registry.write.agency');
      const row = await db.transaction(async (tx) => {
        const { c: before, o } = await getCertScoped(actor, id, tx);
        const { version, ...patch } = input;
        const merged = { ...before, ...patch } as CertificateInput;
        if (merged.expiresOn <= merged.issuedOn) throw fieldError('expiresOn', 'expiry must be after issue', '有效期截止日须晚于发证日');
        await checkCertificate(tx, actor, merged);
        const after = await updateVersioned(tx, certificates, eq(certificates.id, id), certificates.version, version, patch);
        const d = diff(before, after);
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'certificate', entityId: id, action: 'update', before: d.before, after: d.after, regionPath: o.regionPath, agencyId: o.agencyId });
        return after;
      });
      return certificateOut(row, today());
    },

    /**
     * Certificate state machine (domain-rules PQ6): suspend (暂扣, with reason and end date), reinstate, revoke (吊销),
     * cancel (注销). Suspension and revocation are sanctions decided by the justice bureau (supervisor) or an
     * administrator; the agency itself may only cancel (leaving the post).
     */
    async actOnCertificate(actor: Actor, id: string, action: CertificateAction, input: { reason?: string | undefined; until?: string | undefined; version: number }, meta: { requestId?: string }) {
      if (action === 'cancel') requirePermission(actor, 'registry.write.agency');
      else if (actor.role !== 'system_admin') requirePermission(actor, 'registry.supervise');
      const row = await db.transaction(async (tx) => {
        const { c: before, o } = await getCertScoped(actor, id, tx);
        const effective = effectiveCertificateStatus(before, today());
        const to = nextStatus(CERTIFICATE_TRANSITIONS, effective, action);
        if (!to) throw new AppError('INVALID_TRANSITION', { details: { status: effective, action, allowedActions: allowedActions(CERTIFICATE_TRANSITIONS, effective) } });
        if (action !== 'reinstate' && !input.reason) throw fieldError('reason', 'a reason is required', '须说明理由');
        if (action === 'suspend' && !input.until) throw fieldError('until', 'a suspension needs an end date', '暂扣须注明期限');
        const after = await updateVersioned(tx, certificates, eq(certificates.id, id), certificates.version, input.version, {
          status: to as CertificateStatus,
          statusReason: input.reason ?? null,
          suspendedUntil: action === 'suspend' ? input.until! : null,
        });
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'certificate', entityId: id, action, before: { status: effective }, after: { status: to, until: input.until ?? null }, reason: input.reason ?? null, regionPath: o.regionPath, agencyId: o.agencyId });
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'officer', entityId: o.id, action: `certificate_${action}`, after: { number: before.number, status: to }, reason: input.reason ?? null, regionPath: o.regionPath, agencyId: o.agencyId });
        return after;
      });
      return certificateOut(row, today());
    },

    async addTraining(actor: Actor, officerId: string, input: TrainingInput, meta: { requestId?: string }, tx0?: Db) {
      requirePermission(actor, 'registry.write.agency');
      const run = async (tx: Db) => {
        const o = await getScoped(actor, officerId, tx);
        const id = crypto.randomUUID();
        const [row] = await tx.insert(trainings).values({ id, officerId, year: Number(input.heldOn.slice(0, 4)), ...input }).returning();
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'officer', entityId: officerId, action: 'training_added', after: row, regionPath: o.regionPath, agencyId: o.agencyId });
        return row!;
      };
      return tx0 ? run(tx0) : db.transaction(run);
    },

    async addAssessment(actor: Actor, officerId: string, input: AssessmentInput, meta: { requestId?: string }) {
      requirePermission(actor, 'registry.write.agency');
      return db.transaction(async (tx) => {
        const o = await getScoped(actor, officerId, tx);
        const id = crypto.randomUUID();
        const [row] = await tx.insert(assessments).values({ id, officerId, ...input }).returning();
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'officer', entityId: officerId, action: 'assessment_added', after: row, regionPath: o.regionPath, agencyId: o.agencyId });
        return row!;
      });
    },
  };
}
export type OfficerService = ReturnType<typeof createOfficerService>;
