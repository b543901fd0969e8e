import { AppError, maskIdNumber } from '@zhifa/domain';
import { and, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { AuditService } from '../audit/index.ts';
import { requirePermission, scopeCondition, type Actor } from '../identity/index.ts';
import { registryTables } from '../registry/index.ts';
import { cases, parties, type CaseParty } from './cases.schema.ts';

type PartyRow = typeof parties.$inferSelect;

const identifierOf = (p: CaseParty) => (p.type === 'individual' ? p.idNumber.toUpperCase() : p.uscc.toUpperCase());

/** A party as staff see it: a natural person's ID number is masked outside the case file itself (PIPL Art.28). */
export function partyOut(p: PartyRow) {
  return {
    id: p.id,
    type: p.type as 'individual' | 'organisation',
    name: p.name,
    identifier: p.type === 'individual' ? maskIdNumber(p.identifier) : p.identifier,
    address: p.address,
    legalRepresentative: p.legalRepresentative,
    phone: p.phone,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** 当事人 register: one row per person or organisation, so a party's history is visible across cases and agencies. */
export function createPartyService({ db, audit }: { db: Db; audit: AuditService }) {
  return {
    /**
     * The party for a new case, created on first sight. New contact details from a later case update the register
     * with a recorded change (nothing silently changed); the case keeps its own snapshot of what it was opened with.
     */
    async resolve(tx: Db, actor: Actor, p: CaseParty, meta: { requestId?: string | undefined; regionPath: string; agencyId: string }): Promise<PartyRow> {
      const identifier = identifierOf(p);
      const [found] = await tx.select().from(parties).where(and(eq(parties.type, p.type), eq(parties.identifier, identifier))).for('update');
      const next = {
        name: p.name,
        address: p.address ?? found?.address ?? null,
        phone: p.phone ?? found?.phone ?? null,
        legalRepresentative: (p.type === 'organisation' ? p.legalRepresentative : null) ?? found?.legalRepresentative ?? null,
      };
      if (!found) {
        const [r] = await tx.insert(parties).values({ id: crypto.randomUUID(), type: p.type, identifier, ...next }).returning();
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'party', entityId: r!.id, action: 'create', after: { type: p.type, ...next }, regionPath: meta.regionPath, agencyId: meta.agencyId });
        return r!;
      }
      const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== found[k]);
      if (changed.length === 0) return found;
      const [r] = await tx.update(parties).set({ ...next, updatedAt: new Date() }).where(eq(parties.id, found.id)).returning();
      await audit.recordChange(tx, {
        actor,
        requestId: meta.requestId,
        entityType: 'party',
        entityId: found.id,
        action: 'update',
        before: Object.fromEntries(changed.map((k) => [k, found[k]])),
        after: Object.fromEntries(changed.map((k) => [k, next[k]])),
        regionPath: meta.regionPath,
        agencyId: meta.agencyId,
      });
      return r!;
    },

    /** Parties that appear in at least one case in the actor's scope (a party outside it is not disclosed). */
    async list(actor: Actor, q: { q?: string | undefined; page: number; pageSize: number }) {
      requirePermission(actor, 'case.read');
      const conds: SQL[] = [sql`exists (select 1 from ${cases} where ${cases.partyId} = ${parties.id} and ${scopeCondition(actor, { regionPath: cases.regionPath, agencyId: cases.agencyId })})`];
      if (q.q) conds.push(or(ilike(parties.name, `%${q.q}%`), eq(parties.identifier, q.q.toUpperCase()))!);
      const where = and(...conds);
      const [rows, [c]] = await Promise.all([
        db
          .select({ p: parties, caseCount: sql<number>`(select count(*)::int from ${cases} where ${cases.partyId} = ${parties.id})` })
          .from(parties)
          .where(where)
          .orderBy(desc(parties.updatedAt), parties.id)
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize),
        db.select({ n: sql<number>`count(*)::int` }).from(parties).where(where),
      ]);
      return { items: rows.map((r) => ({ ...partyOut(r.p), caseCount: r.caseCount })), total: c?.n ?? 0, page: q.page, pageSize: q.pageSize };
    },

    async get(actor: Actor, id: string) {
      requirePermission(actor, 'case.read');
      const [p] = await db.select().from(parties).where(eq(parties.id, id));
      if (!p) throw new AppError('NOT_FOUND');
      const scope = scopeCondition(actor, { regionPath: cases.regionPath, agencyId: cases.agencyId });
      const rows = await db
        .select({ id: cases.id, caseNo: cases.caseNo, status: cases.status, agencyId: cases.agencyId, agencyName: registryTables.subjects.name, itemId: cases.itemId, itemName: registryTables.items.name, procedure: cases.procedure, createdAt: cases.createdAt, facts: cases.facts })
        .from(cases)
        .leftJoin(registryTables.subjects, eq(registryTables.subjects.id, cases.agencyId))
        .leftJoin(registryTables.items, eq(registryTables.items.id, cases.itemId))
        .where(and(eq(cases.partyId, id), scope))
        .orderBy(desc(cases.createdAt));
      if (rows.length === 0) throw new AppError('NOT_FOUND');
      return {
        party: partyOut(p),
        cases: rows.map((r) => ({
          id: r.id,
          caseNo: r.caseNo,
          status: r.status,
          agencyId: r.agencyId,
          agencyName: r.agencyName ?? '',
          itemId: r.itemId,
          itemName: r.itemName ?? '',
          procedure: r.procedure,
          createdAt: r.createdAt.toISOString(),
          decidedOn: r.facts.decidedOn,
          decisionKind: r.facts.decisionKind,
          proposed: r.facts.proposed,
        })),
      };
    },
  };
}
export type PartyService = ReturnType<typeof createPartyService>;
