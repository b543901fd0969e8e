import { QINHUANGDAO_FOUR_LEVEL_CHAIN } from '@zhifa/domain';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Services } from '../app.ts';
import type { Db } from '../db/client.ts';
import { cases } from '../modules/cases/index.ts';
import { users, type Actor } from '../modules/identity/index.ts';
import { registryTables } from '../modules/registry/index.ts';
import { reviewChains } from '../modules/review/index.ts';
import { DEMO_PASSWORD, DEMO_USER_IDS } from './demo-users.ts';
import { actorFromUser } from '../lib/actor.ts';

const { subjects, officers, certificates } = registryTables;

/**
 * The people who sign the four-level chain's first two levels (承办机构法制员, 承办机构负责人), as demo accounts with
 * DEMO_PASSWORD. They log in as officers; what they may sign comes from their review positions.
 */
export const DEMO_REVIEW_USERS = {
  unit_legal: { id: '5eed0000-0000-4000-8000-0000000000a1', position: 'unit_legal_officer', zh: '承办机构法制员（秦皇岛市市场监督管理局）', en: 'Handling unit legal officer at the Qinhuangdao market regulation bureau' },
  unit_head: { id: '5eed0000-0000-4000-8000-0000000000a2', position: 'unit_head', zh: '承办机构负责人（秦皇岛市市场监督管理局）', en: 'Handling unit head at the Qinhuangdao market regulation bureau' },
} as const;

/**
 * Qinhuangdao's 四级审核 for the city market bureau: the chain (through the review-chain service, so the domain's
 * ReviewChainSchema checks it), the positions of the people who sign it, and accounts for the two unit levels. The
 * bureau head's account is linked to an officer holding `agency_head`, who signs the leader's level of major cases.
 * Runs after the demo cases (submitted under the default chain, which they keep) and only once.
 */
export async function seedDemoReviewChains(services: Services, db: Db, opts: { now?: Date } = {}): Promise<{ skipped: boolean }> {
  const [agency] = await db.select().from(subjects).where(eq(subjects.name, '秦皇岛市市场监督管理局'));
  if (!agency) return { skipped: true };
  const [existing] = await db.select({ n: sql<number>`count(*)::int` }).from(reviewChains).where(eq(reviewChains.agencyId, agency.id));
  if ((existing?.n ?? 0) > 0) return { skipped: true };
  const [headRow] = await db.select().from(users).where(eq(users.id, DEMO_USER_IDS.head));
  if (!headRow) return { skipped: true };
  const head: Actor = actorFromUser(headRow);

  // Three people of the bureau who handle none of its cases (reviewers never investigate, SAMR Art.49 para 3).
  const taken = new Set((await db.select({ facts: cases.facts }).from(cases).where(eq(cases.agencyId, agency.id))).flatMap((c) => c.facts.officerIds));
  const linked = new Set((await db.select({ officerId: users.officerId }).from(users)).map((u) => u.officerId));
  const pool = (
    await db
      .select({ id: officers.id, name: officers.name })
      .from(officers)
      .where(and(eq(officers.agencyId, agency.id), eq(officers.isLegalReviewer, false), eq(officers.onDuty, true), sql`${officers.personnelType} <> 'auxiliary'`))
      .orderBy(asc(officers.name), asc(officers.id))
  ).filter((o) => !taken.has(o.id) && !linked.has(o.id));
  // Reviewers are preferably people without an active enforcement certificate (they sign, they do not investigate),
  // so the demo's handlers, picked among the certified, are never also its reviewers.
  const certified = new Set((await db.select({ id: certificates.officerId }).from(certificates).where(eq(certificates.status, 'active'))).map((c) => c.id));
  pool.sort((a, b) => Number(certified.has(a.id)) - Number(certified.has(b.id)));
  const [legalOfficer, unitHead, leader] = pool;
  if (!legalOfficer || !unitHead || !leader) return { skipped: true };

  await services.reviewChains.seedChain(head, agency.id, QINHUANGDAO_FOUR_LEVEL_CHAIN, '秦皇岛市行政执法三项制度试点：重大执法决定四级审核');
  await services.reviewChains.putPositions(head, legalOfficer.id, { positions: ['unit_legal_officer'], version: 0 }, {});
  await services.reviewChains.putPositions(head, unitHead.id, { positions: ['unit_head'], version: 0 }, {});
  await services.reviewChains.putPositions(head, leader.id, { positions: ['agency_head'], version: 0 }, {});

  const passwordHash = await services.identity.hashPassword(DEMO_PASSWORD);
  // The server's clock (CLOCK_START on a demo): a password is not changed in the clock's future.
  const now = opts.now ?? new Date();
  await db.transaction(async (tx) => {
    await tx.update(users).set({ officerId: leader.id }).where(eq(users.id, headRow.id));
    await services.audit.recordChange(tx, { actor: head, requestId: 'seed', entityType: 'user', entityId: headRow.id, action: 'link_officer', before: { officerId: headRow.officerId }, after: { officerId: leader.id }, regionPath: headRow.regionPath, agencyId: agency.id });
    for (const [username, u, o] of [['unit_legal', DEMO_REVIEW_USERS.unit_legal, legalOfficer], ['unit_head', DEMO_REVIEW_USERS.unit_head, unitHead]] as const) {
      const inserted = await tx
        .insert(users)
        .values({ id: u.id, username, displayName: o.name, passwordHash, role: 'officer', status: 'active', agencyId: agency.id, regionCode: headRow.regionCode, regionPath: headRow.regionPath, officerId: o.id, mustChangePassword: false, passwordChangedAt: now })
        .onConflictDoNothing()
        .returning({ id: users.id });
      if (inserted.length) {
        await services.audit.recordChange(tx, { actor: head, requestId: 'seed', entityType: 'user', entityId: u.id, action: 'create', after: { username, role: 'officer', officerId: o.id }, regionPath: headRow.regionPath, agencyId: agency.id });
      }
    }
  });
  return { skipped: false };
}
