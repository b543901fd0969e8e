import { AppError, DEFAULT_REVIEW_CHAIN, REVIEW_SIGNER_POSITIONS, ReviewChainSchema, type ReviewChain, type ReviewSignerPosition } from '@zhifa/domain';
import { and, desc, eq, lte } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { chinaDate, type Clock } from '../../lib/clock.ts';
import type { AuditService } from '../audit/index.ts';
import { isInScope, requirePermission, type Actor } from '../identity/index.ts';
import { registryTables } from '../registry/index.ts';
import { officerReviewPositions, reviewChains } from './review.schema.ts';

const { subjects, officers } = registryTables;

export interface ChainInForce {
  chain: ReviewChain;
  /** null = the national default (the agency never configured a chain). */
  version: number | null;
}

export function createReviewChainService({ db, audit, clock }: { db: Db; audit: AuditService; clock: Clock }) {
  const today = () => chinaDate(clock.now());

  async function agencyInScope(actor: Actor, agencyId: string, tx: Db = db) {
    const [a] = await tx.select({ id: subjects.id, name: subjects.name, regionPath: subjects.regionPath }).from(subjects).where(eq(subjects.id, agencyId));
    if (!a || !isInScope(actor, { regionPath: a.regionPath, agencyId: a.id })) throw new AppError('NOT_FOUND');
    return a;
  }

  /** The chain in force for an agency on a day (SAMR Art.49–55 as the agency organised its review). */
  async function chainFor(tx: Db, agencyId: string, day: string): Promise<ChainInForce> {
    const [r] = await tx
      .select()
      .from(reviewChains)
      .where(and(eq(reviewChains.agencyId, agencyId), lte(reviewChains.effectiveFrom, day)))
      .orderBy(desc(reviewChains.version))
      .limit(1);
    return r ? { chain: r.chain, version: r.version } : { chain: DEFAULT_REVIEW_CHAIN, version: null };
  }

  /** A person's review positions: those the agency head set, plus `legal_reviewer` for the registry's legal reviewers. */
  async function positionsOf(tx: Db, officerId: string): Promise<ReviewSignerPosition[]> {
    const [[o], [p]] = await Promise.all([
      tx.select({ isLegalReviewer: officers.isLegalReviewer }).from(officers).where(eq(officers.id, officerId)),
      tx.select({ positions: officerReviewPositions.positions }).from(officerReviewPositions).where(eq(officerReviewPositions.officerId, officerId)),
    ]);
    const out = new Set((p?.positions ?? []) as ReviewSignerPosition[]);
    if (o?.isLegalReviewer) out.add('legal_reviewer');
    return REVIEW_SIGNER_POSITIONS.filter((x) => out.has(x));
  }

  async function writeChain(tx: Db, actor: Actor, agency: { id: string; regionPath: string }, input: { chain: ReviewChain; effectiveFrom: string; reason: string | null; expectedVersion: number | null }, meta: { requestId?: string | undefined }) {
    const [latest] = await tx.select().from(reviewChains).where(eq(reviewChains.agencyId, agency.id)).orderBy(desc(reviewChains.version)).limit(1);
    const current = latest?.version ?? null;
    if (input.expectedVersion !== current) throw new AppError('VERSION_CONFLICT', { details: { expectedVersion: input.expectedVersion, currentVersion: current } });
    const version = (current ?? 0) + 1;
    const [row] = await tx
      .insert(reviewChains)
      .values({ id: crypto.randomUUID(), agencyId: agency.id, regionPath: agency.regionPath, version, chain: input.chain, effectiveFrom: input.effectiveFrom, reason: input.reason, createdBy: actor.userId, createdAt: clock.now() })
      .returning();
    await audit.recordChange(tx, {
      actor,
      requestId: meta.requestId,
      entityType: 'review_chain',
      entityId: agency.id,
      action: 'set_review_chain',
      before: latest ? { version: latest.version, chain: latest.chain, effectiveFrom: latest.effectiveFrom } : { version: null, chain: DEFAULT_REVIEW_CHAIN },
      after: { version, chain: input.chain, effectiveFrom: input.effectiveFrom },
      reason: input.reason,
      regionPath: agency.regionPath,
      agencyId: agency.id,
    });
    return row!;
  }

  return {
    chainFor,
    positionsOf,

    async getChain(actor: Actor, agencyId: string) {
      requirePermission(actor, 'registry.read');
      const agency = await agencyInScope(actor, agencyId);
      const now = today();
      const [inForce, history] = await Promise.all([chainFor(db, agencyId, now), db.select().from(reviewChains).where(eq(reviewChains.agencyId, agencyId)).orderBy(desc(reviewChains.version))]);
      return {
        agencyId,
        agencyName: agency.name,
        // JSON as stored (the API describes it as an object; ReviewChainSchema checks it on the way in).
        chain: inForce.chain as unknown as Record<string, unknown>,
        version: inForce.version,
        isDefault: inForce.version === null,
        latestVersion: history[0]?.version ?? null,
        history: history.map((h) => ({ version: h.version, code: h.chain.code, zh: h.chain.zh, effectiveFrom: h.effectiveFrom, reason: h.reason, createdBy: h.createdBy, createdAt: h.createdAt.toISOString() })),
      };
    },

    /**
     * Set the agency's chain (the agency head for their agency; a system administrator within their region). The chain
     * is validated by the domain's ReviewChainSchema (a legal-review level for every case, leaders decide disputes);
     * a new version is recorded, the earlier ones stay.
     */
    async putChain(actor: Actor, agencyId: string, input: { chain: unknown; effectiveFrom?: string | undefined; reason?: string | undefined; version: number | null }, meta: { requestId?: string | undefined }) {
      requirePermission(actor, 'registry.write.agency');
      const parsed = ReviewChainSchema.safeParse(input.chain);
      if (!parsed.success) {
        throw new AppError('VALIDATION_FAILED', {
          details: { issues: parsed.error.issues.map((i) => ({ path: ['chain', ...i.path.map(String)], message: i.message, ...((i as { params?: { messageZh?: string } }).params?.messageZh ? { messageZh: (i as { params?: { messageZh?: string } }).params!.messageZh } : {}) })) },
        });
      }
      const effectiveFrom = input.effectiveFrom ?? today();
      if (effectiveFrom < today()) {
        throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['effectiveFrom'], message: 'a chain cannot take effect in the past', messageZh: '生效日期不得早于今天' }] } });
      }
      await db.transaction(async (tx) => {
        const agency = await agencyInScope(actor, agencyId, tx);
        await writeChain(tx, actor, agency, { chain: parsed.data as ReviewChain, effectiveFrom, reason: input.reason ?? null, expectedVersion: input.version }, meta);
      });
      return this.getChain(actor, agencyId);
    },

    /** The agency's people with their review positions (for the chain settings page). */
    async listPositions(actor: Actor, agencyId: string) {
      requirePermission(actor, 'registry.read');
      await agencyInScope(actor, agencyId);
      const [os, ps] = await Promise.all([
        db.select({ id: officers.id, name: officers.name, post: officers.post, isLegalReviewer: officers.isLegalReviewer, onDuty: officers.onDuty }).from(officers).where(eq(officers.agencyId, agencyId)).orderBy(officers.name),
        db.select().from(officerReviewPositions).where(eq(officerReviewPositions.agencyId, agencyId)),
      ]);
      return {
        items: os.map((o) => {
          const p = ps.find((x) => x.officerId === o.id);
          const set = new Set([...(p?.positions ?? []), ...(o.isLegalReviewer ? ['legal_reviewer'] : [])]);
          return { officerId: o.id, name: o.name, post: o.post, onDuty: o.onDuty, isLegalReviewer: o.isLegalReviewer, positions: REVIEW_SIGNER_POSITIONS.filter((x) => set.has(x)), version: p?.version ?? 0 };
        }),
      };
    },

    /**
     * Set a person's review positions (the agency head). `legal_reviewer` follows the registry's legal-reviewer flag
     * (行政处罚法 Art.58 para 2 qualification is kept there), so it is not set here.
     */
    async putPositions(actor: Actor, officerId: string, input: { positions: ReviewSignerPosition[]; version: number }, meta: { requestId?: string | undefined }) {
      requirePermission(actor, 'registry.write.agency');
      if (input.positions.includes('legal_reviewer')) {
        throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['positions'], message: 'legal_reviewer follows the registry legal-reviewer flag', messageZh: '法制审核人员身份在执法人员档案中维护' }] } });
      }
      await db.transaction(async (tx) => {
        const [o] = await tx.select({ id: officers.id, agencyId: officers.agencyId, regionPath: officers.regionPath }).from(officers).where(eq(officers.id, officerId));
        if (!o || !isInScope(actor, { regionPath: o.regionPath, agencyId: o.agencyId })) throw new AppError('NOT_FOUND');
        const [before] = await tx.select().from(officerReviewPositions).where(eq(officerReviewPositions.officerId, officerId));
        if ((before?.version ?? 0) !== input.version) throw new AppError('VERSION_CONFLICT', { details: { expectedVersion: input.version, currentVersion: before?.version ?? 0 } });
        const positions = REVIEW_SIGNER_POSITIONS.filter((x) => input.positions.includes(x));
        const now = clock.now();
        if (before) await tx.update(officerReviewPositions).set({ positions, version: before.version + 1, updatedBy: actor.userId, updatedAt: now }).where(eq(officerReviewPositions.officerId, officerId));
        else await tx.insert(officerReviewPositions).values({ officerId, agencyId: o.agencyId, regionPath: o.regionPath, positions, version: 1, updatedBy: actor.userId, updatedAt: now });
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'officer', entityId: officerId, action: 'set_review_positions', before: { positions: before?.positions ?? [] }, after: { positions }, regionPath: o.regionPath, agencyId: o.agencyId });
      });
      const [p] = await db.select().from(officerReviewPositions).where(eq(officerReviewPositions.officerId, officerId));
      return { officerId, positions: await positionsOf(db, officerId), version: p?.version ?? 0 };
    },

    /** Seeding: set a chain through the same checks as the API. */
    async seedChain(actor: Actor, agencyId: string, chain: ReviewChain, reason: string) {
      const cur = await this.getChain(actor, agencyId);
      return this.putChain(actor, agencyId, { chain, reason, version: cur.latestVersion }, {});
    },
  };
}
export type ReviewChainService = ReturnType<typeof createReviewChainService>;
