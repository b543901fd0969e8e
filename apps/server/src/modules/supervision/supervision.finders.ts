import {
  addPeriod,
  findDecidedWithoutReview,
  findDiscretionUnjustified,
  findFewerThanTwoOfficers,
  findMissingAv,
  findOverdueCaseDeadlines,
  findPastDue,
  findPeerOutliers,
  findReviewerShortfall,
  findTrainingShortfall,
  findUnqualifiedOfficers,
  findZeroEnforcement,
  isMajorCase,
  provisionalCalendar,
  WARNING_RULES,
  type CaseDeadlineFacts,
  type Finding,
  type HolidayCalendar,
  type PenaltyFacts,
} from '@zhifa/domain';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { caseEvents, cases, inspections } from '../cases/index.ts';
import { evidence } from '../evidence/index.ts';
import { publicationExclusions, publications, publicationTasks } from '../publicity/index.ts';
import { registryTables } from '../registry/index.ts';
import { supervisionDocuments } from './supervision.schema.ts';

const { certificates, items, officers, subjects, trainings } = registryTables;

/** What a finder needs besides the database: today, the calendar, and rule values per agency (region + sector). */
export interface FinderContext {
  asOf: string;
  calendar: HolidayCalendar;
  /** Profile value for (regionPath, sector), falling back to the rule's default parameter. */
  param(regionPath: string, sector: string | null, key: string): Promise<number>;
  /** Rule parameter override for this scan (tests, on-demand scans). */
  override(ruleKey: string, name: string): number | undefined;
}
export type InternalFinder = (db: Db, ctx: FinderContext) => Promise<Finding[]>;

function rowsOf<T>(res: unknown): T[] {
  return ((res as { rows?: T[] }).rows ?? (res as T[])) as T[];
}
const exec = async <T>(db: Db, q: SQL) => rowsOf<T>(await db.execute(q));
const daysBefore = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
const label = sql`coalesce(${cases.caseNo}, ${cases.content}->>'title', left(${cases.id}::text, 8))`;
/** The same label where the query names the cases table `c`. */
const labelC = sql.raw(`coalesce(c.case_no, c.content->>'title', left(c.id::text, 8))`);
/** Live ordinary-procedure cases (not ended): the decision clock still matters for them. */
const ACTIVE_CASE = sql`${cases.procedure} = 'ordinary' and ${cases.status} not in ('closed', 'archived', 'terminated', 'transferred', 'not_filed')`;

function param(ctx: FinderContext, ruleKey: keyof typeof WARNING_RULES, name: string): number {
  return ctx.override(ruleKey, name) ?? (WARNING_RULES[ruleKey].parameters as Record<string, number>)[name]!;
}

/**
 * The built-in finders: each one set-based SQL narrowing to candidate rows (no per-case round trips), then the
 * domain's pure finding logic. A million cases cost one indexed pass per rule, and only candidates reach Node.
 */
export const INTERNAL_FINDERS: Record<string, InternalFinder> = {
  /**
   * 行政处罚法 Art.60: candidates are undecided filed cases older than the shortest case limit in force anywhere
   * (pauses and extensions only lengthen it); the cases domain's own caseDeadlines then decides exactly.
   */
  async 'case.decision_overdue'(db, ctx) {
    const agencies = await exec<{ region_path: string; sector: string }>(db, sql`select distinct ${subjects.regionPath} as region_path, ${subjects.sector} as sector from ${subjects} order by 1, 2`);
    const fixed: number | undefined = ctx.override('case.decision_overdue', 'caseDecisionDays');
    let minDays = param(ctx, 'case.decision_overdue', 'caseDecisionDays');
    if (fixed === undefined) for (const a of agencies) minDays = Math.min(minDays, await ctx.param(a.region_path, a.sector, 'penalty.caseDecisionDays'));
    const rows = await exec<{ id: string; agency_id: string; region_path: string; sector: string; label: string; facts: CaseDeadlineFacts }>(
      db,
      sql`select ${cases.id} as id, ${cases.agencyId} as agency_id, ${cases.regionPath} as region_path, ${cases.sector} as sector, ${label} as label, ${cases.facts} as facts
          from ${cases}
          where ${ACTIVE_CASE} and ${cases.facts}->>'decidedOn' is null and ${cases.facts}->>'closingTriggerOn' is null
            and (${cases.facts}->>'filedOn')::date < ${daysBefore(ctx.asOf, minDays)}::date
          order by ${cases.id}`,
    );
    const cal = provisionalCalendar(ctx.calendar);
    const out: Finding[] = [];
    for (const r of rows) {
      const days = fixed ?? (await ctx.param(r.region_path, r.sector, 'penalty.caseDecisionDays'));
      out.push(...findOverdueCaseDeadlines([{ caseId: r.id, agencyId: r.agency_id, regionPath: r.region_path, label: r.label, facts: r.facts, isClosed: false }], 'caseDecision', cal, ctx.asOf, { caseDecisionDays: days }));
    }
    return out;
  },

  /** 行政处罚法 Art.61, 85: decided, not served; candidates decided more than 7 days ago (7 WD ≥ 7 days). */
  async 'case.service_overdue'(db, ctx) {
    const rows = await exec<{ id: string; agency_id: string; region_path: string; label: string; facts: CaseDeadlineFacts }>(
      db,
      sql`select ${cases.id} as id, ${cases.agencyId} as agency_id, ${cases.regionPath} as region_path, ${label} as label, ${cases.facts} as facts
          from ${cases}
          where ${cases.procedure} = 'ordinary' and ${cases.facts}->>'decidedOn' is not null and ${cases.facts}->>'decisionServedOn' is null
            and (${cases.facts}->>'decidedOn')::date < ${daysBefore(ctx.asOf, 7)}::date
          order by ${cases.id}`,
    );
    return findOverdueCaseDeadlines(
      rows.map((r) => ({ caseId: r.id, agencyId: r.agency_id, regionPath: r.region_path, label: r.label, facts: r.facts, isClosed: false })),
      'decisionService',
      provisionalCalendar(ctx.calendar),
      ctx.asOf,
    );
  },

  /** 118号 §二(六): a publication task past its due date with neither a publication nor a recorded exclusion. */
  async 'case.publication_overdue'(db, ctx) {
    const rows = await exec<{ id: string; case_id: string; agency_id: string; region_path: string; label: string; due_on: string }>(
      db,
      sql`select t.id, t.case_id, t.agency_id, t.region_path, coalesce(t.decision_no, left(t.case_id::text, 8)) as label, t.due_on::text as due_on
          from ${publicationTasks} t
          where t.due_on < ${ctx.asOf}::date
            and not exists (select 1 from ${publications} p where p.case_id = t.case_id)
            and not exists (select 1 from ${publicationExclusions} x where x.case_id = t.case_id)
          order by t.id`,
    );
    return findPastDue('case.publication_overdue', rows.map((r) => ({ caseId: r.case_id, agencyId: r.agency_id, regionPath: r.region_path, label: r.label, dueOn: r.due_on, isDone: false, subjectType: 'publication_task' as const, subjectId: r.id, details: { caseId: r.case_id } })), ctx.asOf);
  },

  /** SAMR 程序规定 Art.55: legal review within 10 WD (profile) of submission; counted from the latest submission. */
  async 'case.review_overdue'(db, ctx) {
    const rows = await exec<{ id: string; agency_id: string; region_path: string; sector: string; label: string; submitted_on: string }>(
      db,
      sql`select c.id, c.agency_id, c.region_path, c.sector, ${labelC} as label,
                 to_char((select max(e.occurred_at) from ${caseEvents} e where e.case_id = c.id and e.action = 'submit_review') at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as submitted_on
          from ${cases} c where c.status = 'under_review' order by c.id`,
    );
    const cal = provisionalCalendar(ctx.calendar);
    const fixed = ctx.override('case.review_overdue', 'reviewWorkingDays');
    const out: Finding[] = [];
    for (const r of rows) {
      if (!r.submitted_on) continue;
      const days = fixed ?? (await ctx.param(r.region_path, r.sector, 'legalReview.timeLimitWorkingDays'));
      const dueOn = addPeriod(r.submitted_on, days, 'day', 'WORKING', cal);
      out.push(...findPastDue('case.review_overdue', [{ caseId: r.id, agencyId: r.agency_id, regionPath: r.region_path, label: r.label, dueOn, isDone: false, details: { submittedOn: r.submitted_on, workingDays: days } }], ctx.asOf));
    }
    return out;
  },

  /** 行政处罚法 Art.58: decided cases with no passed review; the domain's isMajorCase decides whether one was needed. */
  async 'case.decided_without_review'(db) {
    const rows = await exec<{ id: string; agency_id: string; region_path: string; label: string; facts: PenaltyFacts }>(
      db,
      sql`select ${cases.id} as id, ${cases.agencyId} as agency_id, ${cases.regionPath} as region_path, ${label} as label, ${cases.facts} as facts
          from ${cases} where ${cases.procedure} = 'ordinary' and ${cases.facts}->>'decidedOn' is not null and ${cases.facts}->>'reviewPassedOn' is null
            and (coalesce((${cases.facts}->>'isFlaggedMajor')::boolean, false) or ${cases.facts}->>'hearingHeldOn' is not null
                 or jsonb_typeof(${cases.facts}->'majorCriteria') = 'object')
          order by ${cases.id}`,
    );
    return findDecidedWithoutReview(rows.map((r) => ({ caseId: r.id, agencyId: r.agency_id, regionPath: r.region_path, label: r.label, decidedOn: r.facts.decidedOn, reviewPassedOn: r.facts.reviewPassedOn ?? null, isMajor: isMajorCase({ ...r.facts, proposed: r.facts.proposed ?? null, majorCriteria: r.facts.majorCriteria ?? null }) })));
  },

  /**
   * 行政处罚法 Art.47 / 音像记录事项清单: stages the item requires on AV, reached by the case (investigation once
   * investigating, hearing once held, service once the decision is served), with no audio or video evidence of that stage.
   */
  async 'case.av_missing'(db) {
    const rows = await exec<{ id: string; agency_id: string; region_path: string; label: string; required: string[]; reached: string[]; recorded: string[] }>(
      db,
      sql`select * from (select c.id, c.agency_id, c.region_path, ${labelC} as label,
                 array(select k from jsonb_each_text(i.av_requirements) as r(k, v) where v = 'required' order by k) as required,
                 array_remove(array[
                   case when c.status not in ('lead', 'not_filed', 'filed') and c.facts->>'filedOn' is not null then 'investigation' end,
                   case when c.facts->>'hearingHeldOn' is not null then 'hearing' end,
                   case when c.facts->>'decisionServedOn' is not null then 'service' end], null) as reached,
                 array(select distinct e.stage from ${evidence} e where e.case_ref in (c.id::text, c.case_no) and e.kind in ('audio', 'video') and e.stage is not null order by e.stage) as recorded
          from ${cases} c join ${items} i on i.id = c.item_id
          where c.procedure = 'ordinary' and c.status not in ('lead', 'not_filed')
            and exists (select 1 from jsonb_each_text(i.av_requirements) as r(k, v) where v = 'required' and k in ('investigation', 'hearing', 'service'))) x
          where exists (select 1 from unnest(x.reached) as s(stage) where s.stage = any(x.required) and not s.stage = any(x.recorded))
          order by x.id`,
    );
    return findMissingAv(rows.map((r) => ({ caseId: r.id, agencyId: r.agency_id, regionPath: r.region_path, label: r.label, requiredStages: r.required, reachedStages: r.reached, recordedStages: r.recorded })));
  },

  /** 国办发〔2022〕27号: decided with tiers on the item, no justification recorded; the domain checks the tier. */
  async 'case.discretion_unjustified'(db) {
    const rows = await exec<{ id: string; agency_id: string; region_path: string; label: string; facts: PenaltyFacts }>(
      db,
      sql`select ${cases.id} as id, ${cases.agencyId} as agency_id, ${cases.regionPath} as region_path, ${label} as label, ${cases.facts} as facts
          from ${cases} where ${cases.facts}->>'decidedOn' is not null and (${cases.facts}->'discretion'->>'itemHasTiers')::boolean
            and coalesce(btrim(${cases.facts}->'discretion'->>'justification'), '') = ''
            and jsonb_typeof(${cases.facts}->'proposed') = 'object'
            and (jsonb_typeof(${cases.facts}->'discretion'->'tier') is distinct from 'object'
                 or not (coalesce(${cases.facts}->'proposed'->'types', '[]'::jsonb) <@ coalesce(${cases.facts}->'discretion'->'tier'->'penaltyTypes', '[]'::jsonb))
                 or (${cases.facts}->'proposed'->>'fineAmount')::numeric < (${cases.facts}->'discretion'->'tier'->>'fineMin')::numeric
                 or (${cases.facts}->'proposed'->>'fineAmount')::numeric > (${cases.facts}->'discretion'->'tier'->>'fineMax')::numeric)
          order by ${cases.id}`,
    );
    return findDiscretionUnjustified(rows.map((r) => ({ caseId: r.id, agencyId: r.agency_id, regionPath: r.region_path, label: r.label, proposed: r.facts.proposed ?? null, discretion: r.facts.discretion })));
  },

  /**
   * 行政处罚法 Art.42; PQ2: each assigned officer of a filed case, judged on the filing day: an enforcement certificate
   * issued by then and not expired (a later suspension does not taint earlier acts), and an enforcing personnel type.
   * Only the failing officer rows leave the database; the domain groups them per case.
   */
  async 'case.officer_unqualified'(db) {
    const rows = await exec<{ id: string; agency_id: string; region_path: string; label: string; acted_on: string; officer_id: string; name: string; personnel_type: string; valid: boolean }>(
      db,
      sql`select * from (select c.id, c.agency_id, c.region_path, ${labelC} as label, c.facts->>'filedOn' as acted_on, o.id as officer_id, o.name, o.personnel_type,
                 exists (select 1 from ${certificates} ce where ce.officer_id = o.id and ce.credential_type = 'enforcement' and ce.withdrawn_at is null
                         and ce.status in ('active', 'suspended') and ce.issued_on <= (c.facts->>'filedOn')::date and ce.expires_on >= (c.facts->>'filedOn')::date) as valid
          from ${cases} c cross join lateral jsonb_array_elements_text(c.facts->'officerIds') as x(officer_id)
          join ${officers} o on o.id = x.officer_id::uuid
          where c.procedure = 'ordinary' and c.facts->>'filedOn' is not null) x
          where not x.valid or x.personnel_type not in ('civil_servant', 'enforcement_staff')
          order by x.id, x.officer_id`,
    );
    const byCase = new Map<string, { caseId: string; agencyId: string; regionPath: string; label: string; actedOn: string; officers: { officerId: string; name: string; personnelType: string; hasValidCertificate: boolean }[] }>();
    for (const r of rows) {
      const c = byCase.get(r.id) ?? { caseId: r.id, agencyId: r.agency_id, regionPath: r.region_path, label: r.label, actedOn: r.acted_on, officers: [] };
      c.officers.push({ officerId: r.officer_id, name: r.name, personnelType: r.personnel_type, hasValidCertificate: r.valid });
      byCase.set(r.id, c);
    }
    return findUnqualifiedOfficers([...byCase.values()]);
  },

  /** 行政处罚法 Art.42, 55: fewer than two officers on a live filed case. */
  async 'case.fewer_than_two_officers'(db) {
    const rows = await exec<{ id: string; agency_id: string; region_path: string; label: string; n: number }>(
      db,
      sql`select ${cases.id} as id, ${cases.agencyId} as agency_id, ${cases.regionPath} as region_path, ${label} as label, jsonb_array_length(coalesce(${cases.facts}->'officerIds', '[]'::jsonb)) as n
          from ${cases} where ${ACTIVE_CASE} and ${cases.facts}->>'filedOn' is not null and jsonb_array_length(coalesce(${cases.facts}->'officerIds', '[]'::jsonb)) < 2
          order by ${cases.id}`,
    );
    return findFewerThanTwoOfficers(rows.map((r) => ({ caseId: r.id, agencyId: r.agency_id, regionPath: r.region_path, label: r.label, officerCount: Number(r.n) })));
  },

  /** 零执法: confirmed agencies older than the period with no case opened and no inspection started in it. */
  async 'agency.zero_enforcement'(db, ctx) {
    const days = param(ctx, 'agency.zero_enforcement', 'periodDays');
    const from = daysBefore(ctx.asOf, days);
    const rows = await exec<{ id: string; region_path: string; name: string; sector: string; cases: number; inspections: number }>(
      db,
      sql`select s.id, s.region_path, s.name, s.sector,
                 (select count(*) from ${cases} c where c.agency_id = s.id and c.created_at >= ${from}::date)::int as cases,
                 (select count(*) from ${inspections} i where i.agency_id = s.id and i.created_at >= ${from}::date)::int as inspections
          from ${subjects} s where s.withdrawn_at is null and s.status <> 'revoked' and s.created_at < ${from}::date order by s.id`,
    );
    return findZeroEnforcement(rows.map((r) => ({ agencyId: r.id, regionPath: r.region_path, name: r.name, sector: r.sector, caseCount: Number(r.cases), inspectionCount: Number(r.inspections) })), { from, to: ctx.asOf });
  },

  /** 平均数测算: fine per decided case in the period, one aggregate per agency, compared within the sector. */
  async 'agency.outlier_average_fine'(db, ctx) {
    const from = daysBefore(ctx.asOf, param(ctx, 'agency.outlier_average_fine', 'periodDays'));
    const rows = await exec<{ id: string; region_path: string; name: string; sector: string; value: number | null }>(
      db,
      sql`select s.id, s.region_path, s.name, s.sector, a.value::float8 as value
          from ${subjects} s join (
            select c.agency_id, avg(coalesce((c.facts->'proposed'->>'fineAmount')::numeric, 0)) as value
            from ${cases} c where c.facts->>'decidedOn' >= ${from} and c.facts->>'decisionKind' = 'penalty' group by c.agency_id) a on a.agency_id = s.id
          where s.withdrawn_at is null order by s.id`,
    );
    return findPeerOutliers('agency.outlier_average_fine', rows.map((r) => ({ agencyId: r.id, regionPath: r.region_path, name: r.name, sector: r.sector, value: r.value })), {
      zLimit: param(ctx, 'agency.outlier_average_fine', 'zLimit'),
      minPeers: param(ctx, 'agency.outlier_average_fine', 'minPeers'),
    });
  },

  /** 关联比对: inspections started in the period per on-duty officer, compared within the sector. */
  async 'agency.outlier_inspections_per_officer'(db, ctx) {
    const from = daysBefore(ctx.asOf, param(ctx, 'agency.outlier_inspections_per_officer', 'periodDays'));
    const rows = await exec<{ id: string; region_path: string; name: string; sector: string; value: number | null }>(
      db,
      sql`select s.id, s.region_path, s.name, s.sector,
                 (select count(*) from ${inspections} i where i.agency_id = s.id and i.created_at >= ${from}::date)::float8 / o.n as value
          from ${subjects} s join (select agency_id, count(*) as n from ${officers} where withdrawn_at is null and on_duty group by agency_id) o on o.agency_id = s.id
          where s.withdrawn_at is null order by s.id`,
    );
    return findPeerOutliers('agency.outlier_inspections_per_officer', rows.map((r) => ({ agencyId: r.id, regionPath: r.region_path, name: r.name, sector: r.sector, value: r.value })), {
      zLimit: param(ctx, 'agency.outlier_inspections_per_officer', 'zLimit'),
      minPeers: param(ctx, 'agency.outlier_inspections_per_officer', 'minPeers'),
    });
  },

  /** 118号 §四(十一): legal reviewers per on-duty enforcement officer, ratio from the agency's rule profile. */
  async 'agency.reviewers_below_ratio'(db, ctx) {
    const rows = await exec<{ id: string; region_path: string; name: string; sector: string; officers: number; reviewers: number }>(
      db,
      sql`select s.id, s.region_path, s.name, s.sector, count(o.id)::int as officers, count(o.id) filter (where o.is_legal_reviewer)::int as reviewers
          from ${subjects} s join ${officers} o on o.agency_id = s.id and o.withdrawn_at is null and o.on_duty
          where s.withdrawn_at is null group by s.id, s.region_path, s.name, s.sector order by s.id`,
    );
    const fixed = ctx.override('agency.reviewers_below_ratio', 'minRatio');
    const out: Finding[] = [];
    for (const r of rows) {
      const minRatio = fixed ?? (await ctx.param(r.region_path, r.sector, 'legalReviewer.minRatioOfOfficers'));
      out.push(...findReviewerShortfall([{ agencyId: r.id, regionPath: r.region_path, name: r.name, sector: r.sector, officerCount: Number(r.officers), reviewerCount: Number(r.reviewers) }], { minRatio }));
    }
    return out;
  },

  /**
   * 纲要 §(三十四): the registry keeps a training ledger (trainings), so last year's hours per on-duty officer are
   * summed in SQL; only officers below the highest requirement in force reach Node.
   */
  async 'officer.training_shortfall'(db, ctx) {
    const year = Number(ctx.asOf.slice(0, 4)) - 1;
    const rows = await exec<{ id: string; name: string; agency_id: string; region_path: string; sector: string; is_legal_reviewer: boolean; hours: number }>(
      db,
      sql`select o.id, o.name, o.agency_id, o.region_path, s.sector, o.is_legal_reviewer,
                 coalesce((select sum(t.hours) from ${trainings} t where t.officer_id = o.id and t.year = ${year}::int and t.withdrawn_at is null), 0)::float8 as hours
          from ${officers} o join ${subjects} s on s.id = o.agency_id
          where o.withdrawn_at is null and o.on_duty and o.created_at < ${`${year}-12-31`}::date
          order by o.id`,
    );
    const out: Finding[] = [];
    for (const r of rows) {
      const annualHours = ctx.override('officer.training_shortfall', 'annualHours') ?? (await ctx.param(r.region_path, r.sector, 'training.annualHours'));
      const legalReviewerAnnualHours = ctx.override('officer.training_shortfall', 'legalReviewerAnnualHours') ?? (await ctx.param(r.region_path, r.sector, 'training.legalReviewerAnnualHours'));
      out.push(...findTrainingShortfall([{ officerId: r.id, name: r.name, agencyId: r.agency_id, regionPath: r.region_path, isLegalReviewer: r.is_legal_reviewer, hours: Number(r.hours) }], { annualHours, legalReviewerAnnualHours, year }));
    }
    return out;
  },

  /** SAMR 执法监督暂行规定 Art.18–21: a supervision document still unanswered after its response period (escalation). */
  async 'supervision.response_overdue'(db, ctx) {
    const rows = await exec<{ id: string; agency_id: string; region_path: string; number: string; due: string }>(
      db,
      sql`select d.id, d.agency_id, d.region_path, d.number, d.response_due_on::text as due from ${supervisionDocuments} d
          where d.status = 'issued' and d.response_due_on < ${ctx.asOf}::date order by d.id`,
    );
    return findPastDue('supervision.response_overdue', rows.map((r) => ({ caseId: r.id, agencyId: r.agency_id, regionPath: r.region_path, label: r.number, dueOn: r.due, isDone: false, subjectType: 'supervision_document' as const, subjectId: r.id })), ctx.asOf);
  },
};
