import { and, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { chinaDate, type Clock } from '../../lib/clock.ts';
import { requirePermission, scopeCondition, type Actor } from '../identity/index.ts';
import { certificates, items, itemSubjects, officers, subjects, trainings } from './registry.schema.ts';
import type { RuleService } from './rules.service.ts';

/** Dashboard counts, computed in SQL within the caller's scope. */
export function createRegistryStatsService({ db, clock, rules }: { db: Db; clock: Clock; rules: RuleService }) {
  return {
    async stats(actor: Actor) {
      requirePermission(actor, 'registry.read');
      const today = chinaDate(clock.now());
      const year = Number(today.slice(0, 4));
      const subjectScope = scopeCondition(actor, { regionPath: subjects.regionPath, agencyId: subjects.id });
      const officerScope = scopeCondition(actor, { regionPath: officers.regionPath, agencyId: officers.agencyId });
      const itemScope = sql`${items.id} in (select ${itemSubjects.itemId} from ${itemSubjects} where ${scopeCondition(actor, { regionPath: itemSubjects.regionPath, agencyId: itemSubjects.subjectId })})`;
      const r = (await rules.resolve({ regionPath: actor.regionPath, sector: null, date: today })).values as Record<string, unknown>;
      const [[s], [o], certRows, itemRows, [short]] = await Promise.all([
        db.select({ n: sql<number>`count(*)::int` }).from(subjects).where(and(subjectScope, isNull(subjects.withdrawnAt))),
        db.select({ n: sql<number>`count(*)::int` }).from(officers).where(and(officerScope, isNull(officers.withdrawnAt))),
        db
          .select({
            status: sql<string>`case when ${certificates.status} = 'active' and ${certificates.expiresOn} < ${today}::date then 'expired' else ${certificates.status} end`,
            n: sql<number>`count(*)::int`,
          })
          .from(certificates)
          .innerJoin(officers, sql`${officers.id} = ${certificates.officerId}`)
          .where(and(officerScope, isNull(certificates.withdrawnAt), isNull(officers.withdrawnAt)))
          .groupBy(sql`1`),
        db.select({ category: items.category, n: sql<number>`count(*)::int` }).from(items).where(and(itemScope, isNull(items.withdrawnAt))).groupBy(items.category),
        db
          .select({ n: sql<number>`count(*)::int` })
          .from(officers)
          .where(
            and(
              officerScope,
              isNull(officers.withdrawnAt),
              sql`coalesce((select sum(tr.hours) from ${trainings} tr where tr.officer_id = ${officers.id} and tr.year = ${year}::int and tr.withdrawn_at is null), 0)
                  < case when ${officers.isLegalReviewer} then ${Number(r['training.legalReviewerAnnualHours'])}::numeric else ${Number(r['training.annualHours'])}::numeric end`,
            ),
          ),
      ]);
      return {
        subjects: s?.n ?? 0,
        officers: o?.n ?? 0,
        officersByCertificateStatus: Object.fromEntries(certRows.map((c) => [c.status, c.n])),
        items: itemRows.reduce((a, b) => a + b.n, 0),
        itemsByCategory: Object.fromEntries(itemRows.map((c) => [c.category, c.n])),
        trainingShortfall: short?.n ?? 0,
      };
    },
  };
}
export type RegistryStatsService = ReturnType<typeof createRegistryStatsService>;
