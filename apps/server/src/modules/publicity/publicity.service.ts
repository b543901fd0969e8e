import { createHash } from 'node:crypto';
import {
  AppError,
  automaticExclusions,
  checkWithdrawal,
  displayUntil,
  EXCLUSION_REASON_INFO,
  maskPersonName,
  PENALTY_TYPE_LABELS,
  publicationDueOn,
  redactText,
  ruleValue,
  searchDocument,
  validateIdNumber,
  withdrawalDueOn,
  type ExclusionReason,
  type PenaltyType,
  type RedactionContext,
  type WithdrawalReason,
} from '@zhifa/domain';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { isInScope, requirePermission, scopeCondition, type Actor } from '../../lib/actor.ts';
import { chinaDate, type Clock } from '../../lib/clock.ts';
import { newId } from '../../lib/ids.ts';
import type { AuditService } from '../audit/index.ts';
import { caseDocuments, cases } from '../cases/index.ts';
import { canonicalJson } from '@zhifa/domain';
import { registryTables, type RuleService } from '../registry/index.ts';
import { correctionRequests, publicationExclusions, publications, publicationSecretMarks, publicationTasks, publicationWithdrawals } from './publicity.schema.ts';

const { subjects, items, regions } = registryTables;

type CaseRow = typeof cases.$inferSelect;
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

  /** Build the public copy from the case by the redaction rules (domain-rules §15 PR3) and store it immutably. */
  async function publish(tx: Db, task: TaskRow, actor: Actor | null, meta: Meta) {
    const [c] = await tx.select().from(cases).where(eq(cases.id, task.caseId));
    if (!c) throw new AppError('NOT_FOUND');
    const [agency] = await tx.select().from(subjects).where(eq(subjects.id, c.agencyId));
    const [item] = await tx.select().from(items).where(eq(items.id, c.itemId));
    const [region] = await tx.select({ name: regions.name }).from(regions).where(eq(regions.code, agency?.regionCode ?? ''));
    const marks = await tx.select({ passage: publicationSecretMarks.passage }).from(publicationSecretMarks).where(eq(publicationSecretMarks.caseId, c.id));
    const [prev] = await tx.select().from(publications).where(eq(publications.caseId, c.id)).orderBy(desc(publications.seq)).limit(1);
    const party = c.party;
    const penalty = c.facts.proposed ?? { types: [], fineAmount: null };

    // Natural persons are never named (个人信息保护法 Art.25): the party if an individual, an organisation's legal
    // representative; their home addresses too. An organisation is named with its credit code (PR3 "keep").
    const ctx: RedactionContext = {
      personNames: party.type === 'individual' ? [party.name] : party.legalRepresentative ? [party.legalRepresentative] : [],
      addresses: party.type === 'individual' && party.address ? [party.address] : [],
      tradeSecrets: marks.map((m) => m.passage),
    };
    const itemBasis = (item?.legalBasis ?? []).map((b) => `《${b.law}》${b.article}`).join('；');
    const raw = {
      facts: c.content.findings ?? '',
      legalBasis: [c.content.legalBasis && !c.content.legalBasis.startsWith('见') ? c.content.legalBasis : '', itemBasis, c.content.penaltyBasis ?? ''].filter(Boolean).join('；'),
      result: penaltyResultText(penalty.types, penalty.fineAmount),
    };
    const spans: { field: string; kind: string; start: number; end: number }[] = [];
    const red = (field: keyof typeof raw) => {
      const r = redactText(raw[field], ctx);
      spans.push(...r.spans.map((s) => ({ field, ...s })));
      return r.text;
    };
    const agencyName = agency?.name ?? '';
    const decisionNo = task.decisionNo ?? (await decisionNoOf(tx, c.id));
    const content = {
      caseId: c.id,
      category: task.category,
      agencyName,
      decisionNo,
      title: `${agencyName}行政处罚决定书${decisionNo ? `（${decisionNo}）` : ''}`,
      partyType: party.type,
      partyName: party.type === 'individual' ? maskPersonName(party.name) : party.name,
      partyCode: party.type === 'organisation' ? party.uscc : null,
      itemName: redactText(item?.name ?? '', ctx).text,
      facts: red('facts'),
      legalBasis: red('legalBasis'),
      result: red('result'),
      penaltyTypes: [...penalty.types],
      fineAmount: penalty.fineAmount,
      decidedOn: task.decidedOn,
    };
    const id = newId();
    const row = {
      id,
      seq: (prev?.seq ?? 0) + 1,
      supersedes: prev?.id ?? null,
      ...content,
      agencyId: c.agencyId,
      regionPath: c.regionPath,
      regionName: region?.name ?? null,
      dueOn: task.dueOn,
      publishedOn: today(),
      // No rule key sets the province's "较低数额" yet (SAMR 公示规定 Art.13), so fines get the 3-year period.
      displayUntil: displayUntil(task.decidedOn, penalty, null),
      contentHash: sha256(canonicalJson(content)),
      redaction: { sourceHash: sha256(canonicalJson(raw)), spans },
      searchTsv: sql`to_tsvector('simple', ${searchDocument([content.title, content.partyName, content.itemName, content.facts, content.legalBasis, content.result, region?.name ?? ''].join(' '))})` as unknown as string,
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
      after: { caseId: c.id, seq: row.seq, contentHash: row.contentHash, decisionNo, supersedes: row.supersedes },
      regionPath: c.regionPath,
      agencyId: c.agencyId,
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
     * The publication hook: find decided penalty cases without a task, create the task with its due date, then publish
     * (or exclude automatically, PR2) every pending task. It reads the cases module's tables and never writes them, so
     * the case procedure is untouched; it runs on a timer in the job process, after each scan request, and in the seed.
     */
    async scan(meta: Meta = {}): Promise<{ tasks: number; published: number; excluded: number; failed: { caseId: string; code: string }[] }> {
      const decided = await db
        .select()
        .from(cases)
        .where(
          and(
            sql`${cases.facts}->>'decidedOn' is not null`,
            sql`coalesce(${cases.facts}->>'decisionKind', 'penalty') <> 'no_penalty'`,
            sql`not exists (select 1 from ${publicationTasks} t where t.case_id = ${cases.id})`,
          ),
        );
      const cal = await rules.calendar();
      const failed: { caseId: string; code: string }[] = [];
      let made = 0;
      for (const c of decided) {
        const decidedOn = c.facts.decidedOn!;
        try {
          const resolved = await rules.resolve({ regionPath: c.regionPath, sector: c.sector, date: decidedOn });
          const dueOn = publicationDueOn(
            decidedOn,
            'penalty',
            { 'publication.licencePenaltyWorkingDays': ruleValue(resolved, 'publication.licencePenaltyWorkingDays'), 'publication.otherWorkingDays': ruleValue(resolved, 'publication.otherWorkingDays') },
            cal,
          );
          const decisionNo = await decisionNoOf(db, c.id);
          await db.transaction(async (tx) => {
            const id = newId();
            const inserted = await tx
              .insert(publicationTasks)
              .values({ id, caseId: c.id, agencyId: c.agencyId, regionPath: c.regionPath, category: 'penalty', decisionNo, decidedOn, dueOn })
              .onConflictDoNothing()
              .returning();
            if (inserted.length) {
              made++;
              await audit.recordChange(tx, { actor: null, requestId: meta.requestId, entityType: 'publication_task', entityId: id, action: 'create', after: { caseId: c.id, decidedOn, dueOn }, regionPath: c.regionPath, agencyId: c.agencyId });
            }
          });
        } catch (e) {
          // A year without holiday data cannot give a due date (G5): that case waits, the others go on.
          if (e instanceof AppError) failed.push({ caseId: c.id, code: e.code });
          else throw e;
        }
      }
      let published = 0;
      let excluded = 0;
      for (const task of await pendingTasks()) {
        await db.transaction(async (tx) => {
          const [c] = await tx.select().from(cases).where(eq(cases.id, task.caseId));
          if (!c) return;
          const birth = c.party.type === 'individual' ? validateIdNumber(c.party.idNumber) : null;
          const auto = automaticExclusions({
            partyType: c.party.type,
            partyBirthDate: birth?.ok ? birth.birthDate : null,
            violationOn: c.facts.violation.committedOn,
            isSuspectedCrime: c.facts.isSuspectedCrime,
            crimeTransferred: !!c.facts.crimeTransferDecision,
            penaltyTypes: c.facts.proposed?.types ?? [],
          });
          if (auto.length) {
            await exclude(tx, c, auto[0]!, `${EXCLUSION_REASON_INFO[auto[0]!].zh}（${EXCLUSION_REASON_INFO[auto[0]!].citation}，系统自动判定）`, null, meta);
            excluded++;
          } else {
            await publish(tx, task, null, meta);
            published++;
          }
        });
      }
      return { tasks: made, published, excluded, failed };
    },

    /** Record that a case is not to be published, with the reason (PR1, PR2). Before publication only. */
    async excludeCase(actor: Actor, caseId: string, input: { reasonCode: ExclusionReason; reason: string }, meta: Meta) {
      const c = await caseInScope(actor, caseId);
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
    async listTasks(actor: Actor, q: { state?: TaskState | undefined; overdueOnly?: boolean | undefined; page: number; pageSize: number }) {
      requirePermission(actor, 'case.read');
      const state = sql<TaskState>`case when exists (select 1 from ${publications} p where p.case_id = ${publicationTasks.caseId}) then 'published'
        when exists (select 1 from ${publicationExclusions} x where x.case_id = ${publicationTasks.caseId}) then 'excluded' else 'pending' end`;
      const publishedOn = sql<string | null>`(select min(p.published_on)::text from ${publications} p where p.case_id = ${publicationTasks.caseId})`;
      const t = today();
      const conds = [scopeCondition(actor, publicationTasks)];
      if (q.state) conds.push(sql`${state} = ${q.state}`);
      if (q.overdueOnly) conds.push(sql`${state} = 'pending' and ${publicationTasks.dueOn} < ${t}`);
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

