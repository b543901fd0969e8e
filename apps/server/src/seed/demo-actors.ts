import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { users } from '../modules/identity/index.ts';
import { actorFromUser, type Actor } from '../lib/actor.ts';
import { DEMO_USER_IDS, type DemoUsername } from './demo-users.ts';

/** A demo account as the actor the demo seeds act through (so the services' guards apply), with its officer id. */
export type DemoActor = Actor & { officerId: string | null };

/** The demo account, or null when it was not seeded (a seed that needs it then skips). */
export async function findDemoActor(db: Db, username: DemoUsername): Promise<DemoActor | null> {
  const [u] = await db.select().from(users).where(eq(users.id, DEMO_USER_IDS[username]));
  return u ? { ...actorFromUser(u), officerId: u.officerId } : null;
}

/** The demo account; throws when the users seed has not run (a programming error, not a data condition). */
export async function getDemoActor(db: Db, username: DemoUsername): Promise<DemoActor> {
  const a = await findDemoActor(db, username);
  if (!a) throw new Error(`demo user ${username} missing`);
  return a;
}
