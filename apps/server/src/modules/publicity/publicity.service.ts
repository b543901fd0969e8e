import { createHash } from 'node:crypto';
import {
  AppError,
  automaticExclusions,
  checkWithdrawal,
  displayUntil,
  EXCLUSION_REASON_INFO,
  inspectionResultText,
  licenceResultText,
  maskPersonName,
  PENALTY_TYPE_LABELS,
  publicationDueOn,
  publicationTitle,
  redactText,
  ruleValue,
  searchDocument,
  validateIdNumber,
  withdrawalDueOn,
  type DecisionCategory,
  type ExclusionReason,
  type PenaltyType,
  type RedactionContext,
  type WithdrawalReason,
} from '@zhifa/domain';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { hasPermission } from '@zhifa/domain';
import { isInScope, requirePermission, scopeCondition, type Actor } from '../../lib/actor.ts';
import { chinaDate, type Clock } from '../../lib/clock.ts';
import { newId } from '../../lib/ids.ts';
import type { AuditService } from '../audit/index.ts';
import { caseDocuments, cases, inspections, licenceApplications } from '../cases/index.ts';
import { canonicalJson } from '@zhifa/domain';
import { registryTables, type RuleService } from '../registry/index.ts';
import { correctionRequests, publicationExclusions, publicationRedactionMarks, publicationReviews, publications, publicationSecretMarks, publicationTasks, publicationWithdrawals } from './publicity.schema.ts';

const { subjects, items, regions } = registryTables;

type CaseRow = typeof cases.$inferSelect;
type Party = CaseRow['party'];

/**
 * A decision that is published (P8): a penalty case, a licensing decision (grant/refuse) or an inspection result. The
 * task's `case_id` is the id of its source record (case, licence application or inspection: UUIDs never collide), and
 * its `category` says which; everything downstream — redaction, review, publication, withdrawal, overdue warning — is
 * the same for every kind.
 */
interface DecisionSource {
  id: string;
  category: DecisionCategory;
  agencyId: string;
  regionPath: string;
  itemId: string | null;
  party: Party;
  decidedOn: string;
  /** The day the age of a natural-person party is taken on (PR2: the violation date; else the decision date). */
  factsOn: string;
  licenceKind?: 'grant' | 'refuse';
  certificateNo?: string | null;
  /** Basis cited before and after the item's own legal basis (a penalty: the violated provision, then the penalty's). */
  raw: { facts: string; basis: [string, string]; result: string };
  penalty: { types: string[]; fineAmount: number | null };
  isSuspectedCrime: boolean;
  crimeTransferred: boolean;
}
type TaskRow = typeof publicationTasks.$inferSelect;
type Meta = { requestId?: string | undefined };

export type TaskState = 'pending' | 'published' | 'excluded';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Published, corrected, or withdrawn: the state of one public record as the portal tells it. */
export function penaltyResultText(types: readonly string[], fineAmount: number | null): string {
  return types
    .map((t) => (t === 'fine' && fineAmount != null ? `罚款人民币${fineAmount}元` : (PENALTY_TYPE_LABELS[t as PenaltyType]?.zh ?? t)))
    .join('，');
}

/** Only the agency head decides not to publish, to withdraw or to correct (行政处罚法 Art.48: the agency's decision). */
function requireAgencyHead(actor: Actor, row: { agencyId: string; regionPath: string }) {
  requirePermission(actor, 'case.handle');
  if (!isInScope(actor, row)) throw new AppError('NOT_FOUND');
  if (actor.role !== 'agency_head') throw new AppError('FORBIDDEN', { details: { yourRole: actor.role, requiredRole: 'agency_head' } });
}

export function createPublicityService(deps: { db: Db; audit: AuditService; clock: Clock; rules: RuleService }) {
  const { db, audit, clock, rules } = deps;
  const today = () => chinaDate(clock.now());

  async function caseInScope(actor: Actor, caseId: string, tx: Db = db): Promise<CaseRow> {
    const [c] = await tx.select().from(cases).where(and(eq(cases.id, caseId), scopeCondition(actor, cases)));
    if (!c) throw new AppError('NOT_FOUND');
    return c;
  }

  async function decisionNoOf(tx: Db, caseId: string): Promise<string | null> {
    const [d] = await tx
      .select({ number: caseDocuments.number })
      .from(caseDocuments)
      .where(and(eq(caseDocuments.caseId, caseId), eq(caseDocuments.kind, 'penalty_decision')))
      .orderBy(desc(caseDocuments.issuedAt))
      .limit(1);
    return d?.number ?? null;
  }

  /** The published decision's source, by kind (P8, P9): what the public copy is built from. */
  async function sourceOf(tx: Db, task: Pick<TaskRow, 'caseId' | 'category'>): Promise<DecisionSource | null> {
    if (task.category === 'licence') {
      const [a] = await tx.select().from(licenceApplications).where(eq(licenceApplications.id, task.caseId));
      if (!a?.facts.decision) return null;
      const d = a.facts.decision;
      return {
        id: a.id,
        category: 'licence',
        agencyId: a.agencyId,
        regionPath: a.regionPath,
        itemId: a.itemId,
        party: a.applicant,
        decidedOn: d.decidedOn,
        factsOn: d.decidedOn,
        licenceKind: d.kind,
        certificateNo: a.content.licence?.certificateNo ?? null,
        raw: { facts: `申请人${a.applicant.name}于${a.facts.receivedOn}提出申请。${d.kind === 'grant' ? d.reasons : ''}`.trim(), basis: ['', ''], result: licenceResultText(d) },
        penalty: { types: [], fineAmount: null },
        isSuspectedCrime: false,
        crimeTransferred: false,
      };
    }
    if (task.category === 'inspection') {
      const [i] = await tx.select().from(inspections).where(eq(inspections.id, task.caseId));
      if (!i?.facts.result || !i.facts.resultRecordedOn) return null;
      return {
        id: i.id,
        category: 'inspection',
        agencyId: i.agencyId,
        regionPath: i.regionPath,
        itemId: i.itemId,
        party: i.target,
        decidedOn: i.facts.resultRecordedOn,
        factsOn: i.facts.onSiteOn ?? i.facts.resultRecordedOn,
        raw: {
          facts: [i.content.purpose, i.facts.onSiteOn ? `于${i.facts.onSiteOn}对${i.target.name}进行现场检查。` : '', i.content.resultNotes].filter(Boolean).join(''),
          basis: [i.facts.legalBasis ?? '', ''],
          result: inspectionResultText(i.facts.result),
        },
        penalty: { types: [], fineAmount: null },
        isSuspectedCrime: false,
        crimeTransferred: false,
      };
    }
    const [c] = await tx.select().from(cases).where(eq(cases.id, task.caseId));
    if (!c?.facts.decidedOn) return null;
    const penalty = c.facts.proposed ?? { types: [], fineAmount: null };
    return {
      id: c.id,
      category: 'penalty',
      agencyId: c.agencyId,
      regionPath: c.regionPath,
      itemId: c.itemId,
      party: c.party,
      decidedOn: c.facts.decidedOn,
      factsOn: c.facts.violation.committedOn,
      raw: {
        facts: c.content.findings ?? '',
        basis: [c.content.legalBasis && !c.content.legalBasis.startsWith('见') ? c.content.legalBasis : '', c.content.penaltyBasis ?? ''],
        result: penaltyResultText(penalty.types, penalty.fineAmount),
      },
      penalty: { types: [...penalty.types], fineAmount: penalty.fineAmount },
      isSuspectedCrime: c.facts.isSuspectedCrime,
      crimeTransferred: !!c.facts.crimeTransferDecision,
    };
  }

  /**
   * Build the public copy by the redaction rules (domain-rules §15 PR3) without writing anything: the reviewer's
   * preview and the published row come from this one function, so what is approved is what is published.
   */
  async function buildCopy(tx: Db, task: TaskRow) {
    const src = await sourceOf(tx, task);
    if (!src) throw new AppError('NOT_FOUND');
    const [agency] = await tx.select().from(subjects).where(eq(subjects.id, src.agencyId));
    const [item] = src.itemId ? await tx.select().from(items).where(eq(items.id, src.itemId)) : [];
    const [region] = await tx.select({ name: regions.name }).from(regions).where(eq(regions.code, agency?.regionCode ?? ''));
    const oldMarks = await tx.select({ passage: publicationSecretMarks.passage }).from(publicationSecretMarks).where(eq(publicationSecretMarks.caseId, src.id)).orderBy(publicationSecretMarks.id);
    const marks = await tx.select().from(publicationRedactionMarks).where(eq(publicationRedactionMarks.caseId, src.id)).orderBy(publicationRedactionMarks.markedAt, publicationRedactionMarks.id);
    const party = src.party;

    // Natural persons are never named (个人信息保护法 Art.25): the party if an individual, an organisation's legal
    // representative; their home addresses too. An organisation is named with its credit code (PR3 "keep").
    const ctx: RedactionContext = {
      personNames: party.type === 'individual' ? [party.name] : party.legalRepresentative ? [party.legalRepresentative] : [],
      addresses: party.type === 'individual' && party.address ? [party.address] : [],
      tradeSecrets: [...oldMarks.map((m) => m.passage), ...marks.filter((m) => m.kind === 'trade_secret').map((m) => m.passage)],
      privacyPassages: marks.filter((m) => m.kind === 'privacy').map((m) => m.passage),
    };
    const itemBasis = (item?.legalBasis ?? []).map((b) => `《${b.law}》${b.article}`).join('；');
    const raw = {
      facts: src.raw.facts,
      legalBasis: [...new Set([src.raw.basis[0], itemBasis, src.raw.basis[1]].filter(Boolean))].join('；'),
      result: src.raw.result,
    };
    const spans: { field: string; kind: string; start: number; end: number }[] = [];
    const red = (field: keyof typeof raw) => {
      const r = redactText(raw[field], ctx);
      spans.push(...r.spans.map((s) => ({ field, ...s })));
      return r.text;
    };
    const agencyName = agency?.name ?? '';
    const decisionNo = task.decisionNo ?? (src.category === 'penalty' ? await decisionNoOf(tx, src.id) : (src.certificateNo ?? null));
    const content = {
      caseId: src.id,
      category: task.category,
      agencyName,
      decisionNo,
      title: publicationTitle(task.category as DecisionCategory, agencyName, decisionNo, src.licenceKind),
      partyType: party.type,
      partyName: party.type === 'individual' ? maskPersonName(party.name) : party.name,
      partyCode: party.type === 'organisation' ? party.uscc : null,
      itemName: redactText(item?.name ?? '', ctx).text,
      facts: red('facts'),
      legalBasis: red('legalBasis'),
      result: red('result'),
      penaltyTypes: [...src.penalty.types],
      fineAmount: src.penalty.fineAmount,
      decidedOn: task.decidedOn,
    };
    return { src, content, raw, spans, marks, regionName: region?.name ?? null, contentHash: sha256(canonicalJson(content)) };
  }

  /** Store the public copy immutably (it was reviewed: `expectedHash` is the hash of the copy the reviewer approved). */
  async function publish(tx: Db, task: TaskRow, actor: Actor | null, meta: Meta, expectedHash?: string) {
    const { src, content, raw, spans, regionName, contentHash } = await buildCopy(tx, task);
    if (expectedHash !== undefined && expectedHash !== contentHash) {
      throw new AppError('INVALID_TRANSITION', {
        message: 'The redacted copy changed since it was previewed (a new mark or a changed decision): review it again.',
        messageZh: '脱敏稿在预览后已发生变化（新增标注或决定变更），请重新审核。',
        details: { allowedActions: ['preview'], currentHash: contentHash, citation: '市场监督管理行政处罚信息公示规定 Art.7' },
      });
    }
    const [prev] = await tx.select().from(publications).where(eq(publications.caseId, src.id)).orderBy(desc(publications.seq)).limit(1);
    const decisionNo = content.decisionNo;
    const penalty = src.penalty;
    const id = newId();
    const row = {
      id,
      seq: (prev?.seq ?? 0) + 1,
      supersedes: prev?.id ?? null,
      ...content,
      agencyId: src.agencyId,
      regionPath: src.regionPath,
      regionName,
      dueOn: task.dueOn,
      publishedOn: today(),
      // No rule key sets the province's "较低数额" yet (SAMR 公示规定 Art.13), so fines get the 3-year period.
      displayUntil: displayUntil(task.decidedOn, penalty, null),
      contentHash,
      redaction: { sourceHash: sha256(canonicalJson(raw)), spans },
      searchTsv: sql`to_tsvector('simple', ${searchDocument([content.title, content.partyName, content.itemName, content.facts, content.legalBasis, content.result, regionName ?? ''].join(' '))})` as unknown as string,
      publishedBy: actor?.userId ?? null,
    };
    await audit.appendRecords(tx, 'publication', await tx.insert(publications).values(row).returning());
    // The ledger entry commits to the hash of exactly what the public sees (design rule: hashed into the ledger).
    await audit.recordChange(tx, {
      actor,
      requestId: meta.requestId,
      entityType: 'publication',
      entityId: id,
      action: prev ? 'correct' : 'publish',
      after: { caseId: src.id, category: task.category, seq: row.seq, contentHash: row.contentHash, decisionNo, supersedes: row.supersedes },
      regionPath: src.regionPath,
      agencyId: src.agencyId,
    });
    return row;
  }

  async function exclude(tx: Db, c: { id: string; agencyId: string; regionPath: string }, reasonCode: ExclusionReason, reason: string, actor: Actor | null, meta: Meta) {
    const id = newId();
    await audit.appendRecords(tx, 'publication_exclusion', await tx.insert(publicationExclusions).values({ id, caseId: c.id, agencyId: c.agencyId, regionPath: c.regionPath, reasonCode, reason, isAutomatic: !actor, excludedBy: actor?.userId ?? null }).returning());
    await audit.recordChange(tx, {
      actor,
      requestId: meta.requestId,
      entityType: 'publication_exclusion',
      entityId: id,
      action: 'exclude',
      after: { caseId: c.id, reasonCode },
      reason,
      regionPath: c.regionPath,
      agencyId: c.agencyId,
    });
  }

  async function taskInScope(actor: Actor, taskId: string): Promise<TaskRow> {
    const [t] = await db.select().from(publicationTasks).where(and(eq(publicationTasks.id, taskId), scopeCondition(actor, publicationTasks)));
    if (!t) throw new AppError('NOT_FOUND');
    return t;
  }

  async function taskState(tx: Db, sourceId: string): Promise<TaskState> {
    const [pub] = await tx.select({ id: publications.id }).from(publications).where(eq(publications.caseId, sourceId)).limit(1);
    if (pub) return 'published';
    const [ex] = await tx.select({ id: publicationExclusions.id }).from(publicationExclusions).where(eq(publicationExclusions.caseId, sourceId)).limit(1);
    return ex ? 'excluded' : 'pending';
  }

  /** Review acts on a copy not yet released nor excluded; afterwards it is a correction or a withdrawal. */
  async function requirePending(tx: Db, task: TaskRow) {
    const state = await taskState(tx, task.caseId);
    if (state === 'pending') return;
    throw new AppError('INVALID_TRANSITION', {
      message: state === 'published' ? 'This decision is already published: correct or withdraw it instead.' : 'This decision is excluded from publication.',
      messageZh: state === 'published' ? '该决定已公开，请改为更正或撤下。' : '该决定已决定不予公开。',
      details: { state, allowedActions: state === 'published' ? ['correct', 'withdraw'] : [] },
    });
  }

  /** Pending = no publication and no exclusion yet. */
  const pendingTasks = (extra?: ReturnType<typeof and>) =>
    db
      .select()
      .from(publicationTasks)
      .where(
        and(
          sql`not exists (select 1 from ${publications} p where p.case_id = ${publicationTasks.caseId})`,
          sql`not exists (select 1 from ${publicationExclusions} x where x.case_id = ${publicationTasks.caseId})`,
          extra,
        ),
      );

  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;

  const service = {
    /** Run the scan every `everyMs` in this process (the job worker); a scan never overlaps the previous one. */
    start(everyMs: number, onError: (e: unknown) => void) {
      if (timer) return;
      timer = setInterval(() => {
        if (running) return;
        running = service.scan({ requestId: 'publicity-scan' }).catch(onError).finally(() => (running = null));
      }, everyMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },

    /**
     * The publication hook: find decided penalty cases, licensing decisions (grant/refuse) and recorded inspection
     * results without a task, and create each task with its due date from the rule profile (P8: 7 working days for
     * licence and penalty, 20 for the others); then exclude automatically what PR2 excludes. Nothing is published here:
     * every copy waits for a reviewer's release (PR3 Sys: "redaction is reviewed by a human before publication"). There
     * is deliberately no "release after N hours without review": the rule asks for a human, and a task left waiting is
     * what the overdue warning (case.publication_overdue) reports. It reads the source modules' tables and never writes
     * them; it runs on a timer in the job process, after each scan request, and in the seed.
     */
    async scan(meta: Meta = {}): Promise<{ tasks: number; awaitingReview: number; excluded: number; failed: { caseId: string; code: string }[] }> {
      const noTask = (id: unknown) => sql`not exists (select 1 from ${publicationTasks} t where t.case_id = ${id})`;
      const found: { id: string; category: DecisionCategory; agencyId: string; regionPath: string; sector: string; decidedOn: string }[] = [];
      for (const c of await db
        .select({ id: cases.id, agencyId: cases.agencyId, regionPath: cases.regionPath, sector: cases.sector, decidedOn: sql<string>`${cases.facts}->>'decidedOn'` })
        .from(cases)
        .where(and(sql`${cases.facts}->>'decidedOn' is not null`, sql`coalesce(${cases.facts}->>'decisionKind', 'penalty') <> 'no_penalty'`, noTask(cases.id)))
        .orderBy(cases.id))
        found.push({ ...c, category: 'penalty' });
      for (const a of await db
        .select({ id: licenceApplications.id, agencyId: licenceApplications.agencyId, regionPath: licenceApplications.regionPath, sector: licenceApplications.sector, decidedOn: sql<string>`${licenceApplications.facts}->'decision'->>'decidedOn'` })
        .from(licenceApplications)
        .where(and(sql`${licenceApplications.facts}->'decision'->>'decidedOn' is not null`, noTask(licenceApplications.id)))
        .orderBy(licenceApplications.id))
        found.push({ ...a, category: 'licence' });
      for (const i of await db
        .select({ id: inspections.id, agencyId: inspections.agencyId, regionPath: inspections.regionPath, sector: inspections.sector, decidedOn: sql<string>`${inspections.facts}->>'resultRecordedOn'` })
        .from(inspections)
        .where(and(sql`${inspections.facts}->>'resultRecordedOn' is not null`, sql`${inspections.status} <> 'cancelled'`, noTask(inspections.id)))
        .orderBy(inspections.id))
        found.push({ ...i, category: 'inspection' });

      const cal = await rules.calendar();
      const failed: { caseId: string; code: string }[] = [];
      let made = 0;
      for (const d of found) {
        try {
          const resolved = await rules.resolve({ regionPath: d.regionPath, sector: d.sector, date: d.decidedOn });
          const dueOn = publicationDueOn(
            d.decidedOn,
            d.category,
            { 'publication.licencePenaltyWorkingDays': ruleValue(resolved, 'publication.licencePenaltyWorkingDays'), 'publication.otherWorkingDays': ruleValue(resolved, 'publication.otherWorkingDays') },
            cal,
          );
          const decisionNo = d.category === 'penalty' ? await decisionNoOf(db, d.id) : null;
          await db.transaction(async (tx) => {
            const id = newId();
            const inserted = await tx
              .insert(publicationTasks)
              .values({ id, caseId: d.id, agencyId: d.agencyId, regionPath: d.regionPath, category: d.category, decisionNo, decidedOn: d.decidedOn, dueOn })
              .onConflictDoNothing()
              .returning();
            if (inserted.length) {
              made++;
              await audit.recordChange(tx, { actor: null, requestId: meta.requestId, entityType: 'publication_task', entityId: id, action: 'create', after: { caseId: d.id, category: d.category, decidedOn: d.decidedOn, dueOn }, regionPath: d.regionPath, agencyId: d.agencyId });
            }
          });
        } catch (e) {
          // A year without holiday data cannot give a due date (G5): that decision waits, the others go on.
          if (e instanceof AppError) failed.push({ caseId: d.id, code: e.code });
          else throw e;
        }
      }
      let awaitingReview = 0;
      let excluded = 0;
      for (const task of await pendingTasks().orderBy(publicationTasks.dueOn, publicationTasks.id)) {
        await db.transaction(async (tx) => {
          const src = await sourceOf(tx, task);
          if (!src) return;
          const birth = src.party.type === 'individual' ? validateIdNumber(src.party.idNumber) : null;
          const auto = automaticExclusions({
            partyType: src.party.type,
            partyBirthDate: birth?.ok ? birth.birthDate : null,
            violationOn: src.factsOn,
            isSuspectedCrime: src.isSuspectedCrime,
            crimeTransferred: src.crimeTransferred,
            penaltyTypes: src.penalty.types,
          });
          if (auto.length) {
            await exclude(tx, src, auto[0]!, `${EXCLUSION_REASON_INFO[auto[0]!].zh}（${EXCLUSION_REASON_INFO[auto[0]!].citation}，系统自动判定）`, null, meta);
            excluded++;
          } else awaitingReview++;
        });
      }
      return { tasks: made, awaitingReview, excluded, failed };
    },

    /**
     * The reviewer's side-by-side (PR3 Sys): the original text and the redacted copy with the masked spans, the marks so
     * far, and the hash the release must quote. Reading the original is a back-office read of the source record.
     */
    async preview(actor: Actor, taskId: string) {
      requirePermission(actor, 'case.read');
      const task = await taskInScope(actor, taskId);
      const copy = await buildCopy(db, task);
      const state = await taskState(db, task.caseId);
      const reviews = await db.select().from(publicationReviews).where(eq(publicationReviews.taskId, task.id)).orderBy(publicationReviews.reviewedAt, publicationReviews.id);
      return {
        task: { ...task, createdAt: task.createdAt.toISOString() },
        state,
        original: { partyName: copy.src.party.name, itemName: copy.content.itemName, ...copy.raw },
        redacted: { title: copy.content.title, partyName: copy.content.partyName, partyCode: copy.content.partyCode, itemName: copy.content.itemName, facts: copy.content.facts, legalBasis: copy.content.legalBasis, result: copy.content.result },
        spans: copy.spans,
        marks: copy.marks.map((m) => ({ id: m.id, kind: m.kind, passage: m.passage, reason: m.reason, markedBy: m.markedBy, markedAt: m.markedAt.toISOString() })),
        reviews: reviews.map((r) => ({ id: r.id, decision: r.decision, previewHash: r.previewHash, publicationId: r.publicationId, note: r.note, reviewedBy: r.reviewedBy, reviewedAt: r.reviewedAt.toISOString() })),
        contentHash: copy.contentHash,
        canRelease: state === 'pending' && hasPermission(actor.role, 'publicity.review'),
      };
    },

    /**
     * Mark a passage of the original as trade secret or personal privacy, with the reason (政府信息公开条例 Art.15; PR3).
     * Only before release, only a passage that is really in the text, by a reviewer of the deciding agency.
     */
    async markPassage(actor: Actor, taskId: string, input: { kind: 'trade_secret' | 'privacy'; passage: string; reason: string }, meta: Meta) {
      requirePermission(actor, 'publicity.review');
      const task = await taskInScope(actor, taskId);
      return db.transaction(async (tx) => {
        await requirePending(tx, task);
        const copy = await buildCopy(tx, task);
        const passage = input.passage.trim();
        const inText = [copy.raw.facts, copy.raw.legalBasis, copy.raw.result].some((t) => t.includes(passage));
        if (!inText) {
          throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['body', 'passage'], message: 'the passage is not in the decision text', messageZh: '标注的内容不在决定文本中' }] } });
        }
        const id = newId();
        const row = { id, taskId: task.id, caseId: task.caseId, agencyId: task.agencyId, regionPath: task.regionPath, kind: input.kind, passage, reason: input.reason.trim(), markedBy: actor.userId };
        await audit.appendRecords(tx, 'publication_redaction_mark', await tx.insert(publicationRedactionMarks).values(row).returning());
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'publication_task', entityId: task.id, action: 'mark_passage', after: { markId: id, kind: input.kind }, reason: row.reason, regionPath: task.regionPath, agencyId: task.agencyId });
        return { id, kind: input.kind, passage, reason: row.reason };
      });
    },

    /**
     * Release a reviewed copy to the portal (PR3 Sys): the reviewer quotes the hash of the preview they approved; the
     * copy is rebuilt and published only if it is still that copy (SAMR 公示规定 Art.7: it matches what was served).
     */
    async approve(actor: Actor, taskId: string, input: { contentHash: string; note?: string | undefined }, meta: Meta) {
      requirePermission(actor, 'publicity.review');
      const task = await taskInScope(actor, taskId);
      return db.transaction(async (tx) => {
        await requirePending(tx, task);
        const row = await publish(tx, task, actor, meta, input.contentHash);
        const id = newId();
        const review = { id, taskId: task.id, caseId: task.caseId, agencyId: task.agencyId, regionPath: task.regionPath, decision: 'approved', previewHash: input.contentHash, publicationId: row.id, note: input.note?.trim() || null, reviewedBy: actor.userId };
        await audit.appendRecords(tx, 'publication_review', await tx.insert(publicationReviews).values(review).returning());
        return { reviewId: id, publicationId: row.id, publishedOn: row.publishedOn, isLate: row.publishedOn > task.dueOn };
      });
    },

    /** Record that a case is not to be published, with the reason (PR1, PR2). Before publication only. */
    async excludeCase(actor: Actor, caseId: string, input: { reasonCode: ExclusionReason; reason: string }, meta: Meta) {
      // A licence application or an inspection is excluded through its task; a penalty case also before it is decided.
      const [task] = await db.select().from(publicationTasks).where(and(eq(publicationTasks.caseId, caseId), scopeCondition(actor, publicationTasks)));
      const c = task ? { id: caseId, agencyId: task.agencyId, regionPath: task.regionPath } : await caseInScope(actor, caseId);
      requireAgencyHead(actor, c);
      return db.transaction(async (tx) => {
        const [pub] = await tx.select({ id: publications.id }).from(publications).where(eq(publications.caseId, caseId)).limit(1);
        const [ex] = await tx.select({ id: publicationExclusions.id }).from(publicationExclusions).where(eq(publicationExclusions.caseId, caseId));
        if (pub || ex) {
          throw new AppError('INVALID_TRANSITION', {
            message: pub ? 'The decision is already published: withdraw it instead.' : 'The case is already excluded from publication.',
            messageZh: pub ? '该决定已公开，请改为撤下。' : '该案件已决定不予公开。',
            details: { allowedActions: pub ? ['withdraw'] : [] },
          });
        }
        await exclude(tx, c, input.reasonCode, input.reason, actor, meta);
        return { caseId, reasonCode: input.reasonCode };
      });
    },

    /** Mark passages of a case as trade secrets; they are hidden in every publication made after (PR1). */
    async markSecrets(actor: Actor, caseId: string, passages: string[], meta: Meta) {
      requirePermission(actor, 'case.handle');
      const c = await caseInScope(actor, caseId);
      await db.transaction(async (tx) => {
        const rows = await tx.insert(publicationSecretMarks).values(passages.map((passage) => ({ caseId, passage, markedBy: actor.userId }))).returning({ id: publicationSecretMarks.id });
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'case', entityId: caseId, action: 'mark_trade_secret', after: { marks: rows.length }, regionPath: c.regionPath, agencyId: c.agencyId });
      });
      return { caseId, marked: passages.length };
    },

    /** Withdraw a published decision with its public reason, due 3 working days after the change (行政处罚法 Art.48). */
    async withdraw(actor: Actor, publicationId: string, input: { reasonCode: WithdrawalReason; publicReason: string; changedOn: string }, meta: Meta) {
      const [p] = await db.select().from(publications).where(and(eq(publications.id, publicationId), scopeCondition(actor, publications)));
      if (!p) throw new AppError('NOT_FOUND');
      requireAgencyHead(actor, p);
      return db.transaction(async (tx) => {
        const [already] = await tx.select({ id: publicationWithdrawals.id }).from(publicationWithdrawals).where(eq(publicationWithdrawals.publicationId, publicationId));
        const refusal = checkWithdrawal({ publicReason: input.publicReason, alreadyWithdrawn: !!already });
        if (refusal) throw new AppError(refusal.code, { message: refusal.message, messageZh: refusal.messageZh, details: { citation: refusal.citation } });
        if (input.changedOn > today()) {
          throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['body', 'changedOn'], message: 'cannot be in the future', messageZh: '不能晚于今天' }] } });
        }
        const resolved = await rules.resolve({ regionPath: p.regionPath, date: input.changedOn });
        const dueOn = withdrawalDueOn(input.changedOn, { 'publication.withdrawWorkingDays': ruleValue(resolved, 'publication.withdrawWorkingDays') }, await rules.calendar());
        const id = newId();
        const row = { id, publicationId, caseId: p.caseId, agencyId: p.agencyId, regionPath: p.regionPath, reasonCode: input.reasonCode, publicReason: input.publicReason.trim(), changedOn: input.changedOn, dueOn, withdrawnBy: actor.userId };
        await audit.appendRecords(tx, 'publication_withdrawal', await tx.insert(publicationWithdrawals).values(row).returning());
        await audit.recordChange(tx, {
          actor,
          requestId: meta.requestId,
          entityType: 'publication',
          entityId: publicationId,
          action: 'withdraw',
          after: { reasonCode: input.reasonCode, publicReason: row.publicReason, changedOn: input.changedOn, dueOn },
          reason: row.publicReason,
          regionPath: p.regionPath,
          agencyId: p.agencyId,
        });
        return { ...row, isLate: today() > dueOn };
      });
    },

    /** Publish a corrected copy (new row, next seq) from the case as it is now, e.g. after a correction request (P11). */
    async correct(actor: Actor, publicationId: string, meta: Meta) {
      const [p] = await db.select().from(publications).where(and(eq(publications.id, publicationId), scopeCondition(actor, publications)));
      if (!p) throw new AppError('NOT_FOUND');
      requireAgencyHead(actor, p);
      return db.transaction(async (tx) => {
        const [latest] = await tx.select({ id: publications.id }).from(publications).where(eq(publications.caseId, p.caseId)).orderBy(desc(publications.seq)).limit(1);
        const [w] = await tx.select({ id: publicationWithdrawals.id }).from(publicationWithdrawals).where(eq(publicationWithdrawals.publicationId, publicationId));
        if (latest?.id !== publicationId || w) {
          throw new AppError('INVALID_TRANSITION', { message: 'Only the current, not withdrawn publication can be corrected.', messageZh: '只能更正当前有效的公示。', details: { allowedActions: [] } });
        }
        const [task] = await tx.select().from(publicationTasks).where(eq(publicationTasks.caseId, p.caseId));
        if (!task) throw new AppError('NOT_FOUND');
        const row = await publish(tx, task, actor, meta);
        return { id: row.id, seq: row.seq, supersedes: row.supersedes };
      });
    },

    /** Tasks in scope with their state; `isOverdue` is the warning for the agency and its supervisors (P8 Sys). */
    async listTasks(actor: Actor, q: { state?: TaskState | undefined; overdueOnly?: boolean | undefined; category?: DecisionCategory | undefined; page: number; pageSize: number }) {
      requirePermission(actor, 'case.read');
      const state = sql<TaskState>`case when exists (select 1 from ${publications} p where p.case_id = ${publicationTasks.caseId}) then 'published'
        when exists (select 1 from ${publicationExclusions} x where x.case_id = ${publicationTasks.caseId}) then 'excluded' else 'pending' end`;
      const publishedOn = sql<string | null>`(select min(p.published_on)::text from ${publications} p where p.case_id = ${publicationTasks.caseId})`;
      const t = today();
      const conds = [scopeCondition(actor, publicationTasks)];
      if (q.state) conds.push(sql`${state} = ${q.state}`);
      if (q.overdueOnly) conds.push(sql`${state} = 'pending' and ${publicationTasks.dueOn} < ${t}`);
      if (q.category) conds.push(eq(publicationTasks.category, q.category));
      const where = and(...conds);
      const [rows, [c]] = await Promise.all([
        db
          .select({ task: publicationTasks, state, publishedOn, agencyName: subjects.name })
          .from(publicationTasks)
          .leftJoin(subjects, eq(subjects.id, publicationTasks.agencyId))
          .where(where)
          .orderBy(publicationTasks.dueOn, publicationTasks.id)
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize),
        db.select({ n: sql<number>`count(*)::int` }).from(publicationTasks).where(where),
      ]);
      return {
        items: rows.map((r) => ({
          ...r.task,
          createdAt: r.task.createdAt.toISOString(),
          agencyName: r.agencyName ?? '',
          state: r.state,
          publishedOn: r.publishedOn,
          isOverdue: r.state === 'pending' && r.task.dueOn < t,
          wasLate: r.publishedOn != null && r.publishedOn > r.task.dueOn,
        })),
        total: c?.n ?? 0,
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    async listExclusions(actor: Actor) {
      requirePermission(actor, 'case.read');
      const rows = await db.select().from(publicationExclusions).where(scopeCondition(actor, publicationExclusions)).orderBy(desc(publicationExclusions.excludedAt)).limit(500);
      return rows.map((r) => ({ ...r, excludedAt: r.excludedAt.toISOString() }));
    },

    async listWithdrawals(actor: Actor) {
      requirePermission(actor, 'case.read');
      const rows = await db
        .select({ w: publicationWithdrawals, title: publications.title })
        .from(publicationWithdrawals)
        .innerJoin(publications, eq(publications.id, publicationWithdrawals.publicationId))
        .where(scopeCondition(actor, publicationWithdrawals))
        .orderBy(desc(publicationWithdrawals.withdrawnAt))
        .limit(500);
      return rows.map((r) => ({ ...r.w, title: r.title, withdrawnAt: r.w.withdrawnAt.toISOString(), isLate: chinaDate(r.w.withdrawnAt) > r.w.dueOn }));
    },

    /** Publications in scope for the back office (including withdrawn and superseded ones). */
    async listPublications(actor: Actor, q: { page: number; pageSize: number }) {
      requirePermission(actor, 'case.read');
      const where = scopeCondition(actor, publications);
      const [rows, [c]] = await Promise.all([
        db
          .select({
            id: publications.id,
            caseId: publications.caseId,
            seq: publications.seq,
            title: publications.title,
            partyName: publications.partyName,
            decidedOn: publications.decidedOn,
            publishedOn: publications.publishedOn,
            dueOn: publications.dueOn,
            withdrawnAt: publicationWithdrawals.withdrawnAt,
            isSuperseded: sql<boolean>`exists (select 1 from ${publications} p2 where p2.case_id = ${publications.caseId} and p2.seq > ${publications.seq})`,
          })
          .from(publications)
          .leftJoin(publicationWithdrawals, eq(publicationWithdrawals.publicationId, publications.id))
          .where(where)
          .orderBy(desc(publications.publishedAt), desc(publications.id))
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize),
        db.select({ n: sql<number>`count(*)::int` }).from(publications).where(where),
      ]);
      return { items: rows.map((r) => ({ ...r, withdrawnAt: r.withdrawnAt?.toISOString() ?? null })), total: c?.n ?? 0, page: q.page, pageSize: q.pageSize };
    },

    async listCorrections(actor: Actor) {
      requirePermission(actor, 'case.read');
      const rows = await db
        .select({ r: correctionRequests, title: publications.title })
        .from(correctionRequests)
        .innerJoin(publications, eq(publications.id, correctionRequests.publicationId))
        .where(scopeCondition(actor, correctionRequests))
        .orderBy(desc(correctionRequests.createdAt))
        .limit(500);
      return rows.map((x) => ({ id: x.r.id, publicationId: x.r.publicationId, title: x.title, text: x.r.text, contact: x.r.contact, createdAt: x.r.createdAt.toISOString() }));
    },

    /** A correction request from anyone (P11): stored for the agency, answered by a correction or a withdrawal. */
    async requestCorrection(publicationId: string, input: { text: string; contact?: string | undefined }, meta: Meta) {
      const [p] = await db.select().from(publications).where(eq(publications.id, publicationId));
      if (!p) throw new AppError('NOT_FOUND');
      const id = newId();
      await db.transaction(async (tx) => {
        await tx.insert(correctionRequests).values({ id, publicationId, agencyId: p.agencyId, regionPath: p.regionPath, text: input.text, contact: input.contact ?? null });
        await audit.recordChange(tx, { actor: null, requestId: meta.requestId, entityType: 'publication_correction_request', entityId: id, action: 'create', after: { publicationId }, regionPath: p.regionPath, agencyId: p.agencyId });
      });
      return { id, receivedAt: clock.now().toISOString() };
    },

    /** Case ids (of the given ones) whose publication is not yet made; used by tests and the seed. */
    async pendingCaseIds(caseIds: string[]) {
      if (!caseIds.length) return [];
      return (await pendingTasks(inArray(publicationTasks.caseId, caseIds))).map((t) => t.caseId);
    },
  };
  return service;
}
export type PublicityService = ReturnType<typeof createPublicityService>;

