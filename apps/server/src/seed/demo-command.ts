import { and, eq, sql } from 'drizzle-orm';
import type { Services } from '../app.ts';
import type { Db } from '../db/client.ts';
import { commandEvents, commandGrids } from '../modules/command/index.ts';
import { users } from '../modules/identity/index.ts';
import { registryTables } from '../modules/registry/index.ts';
import { DEMO_PASSWORD, DEMO_USER_IDS } from './demo-users.ts';
import { actorFromUser } from '../lib/actor.ts';

const { subjects, officers, regions } = registryTables;

/** The demo field officer of the Changli comprehensive team (phone page 移动执法); password DEMO_PASSWORD. */
export const DEMO_GRID_OFFICER = { username: 'grid_officer', id: '5eed0000-0000-4000-8000-0000000000c1' } as const;

// 昌黎镇 around the county seat, split 3 × 2 (about 1.7 km × 2.2 km each). Demo geometry, not survey data.
const WEST = 119.13;
const SOUTH = 39.69;
const DX = 0.02;
const DY = 0.02;
const NAMES = ['西北网格', '中北网格', '东北网格', '西南网格', '中南网格', '东南网格'];

const actorOf = actorFromUser;

/**
 * The command centre of 昌黎县综合行政执法局 (seed 004): 昌黎镇 split into six grids, four officers per grid where the
 * team has them, a field officer account, and events at different stages — all through the command service. Runs once.
 */
export async function seedDemoCommand(services: Services, db: Db, opts: { now?: Date } = {}): Promise<{ grids: number; events: number; skipped: boolean }> {
  const [team] = await db.select().from(subjects).where(and(eq(subjects.form, 'comprehensive_team'), eq(subjects.regionCode, '130322')));
  const [du] = await db.select().from(users).where(eq(users.id, DEMO_USER_IDS.dispatcher));
  if (!team || !du || du.agencyId !== team.id) return { grids: 0, events: 0, skipped: true };
  const [existing] = await db.select({ n: sql<number>`count(*)::int` }).from(commandGrids).where(eq(commandGrids.agencyId, team.id));
  if ((existing?.n ?? 0) > 0) return { grids: 0, events: 0, skipped: true };
  const dispatcher = actorOf(du);
  const staff = await db.select({ id: officers.id }).from(officers).where(and(eq(officers.agencyId, team.id), eq(officers.onDuty, true), eq(officers.isLegalReviewer, false))).orderBy(officers.id);
  if (staff.length === 0) return { grids: 0, events: 0, skipped: true };

  const features = NAMES.map((name, i) => {
    const x = WEST + (i % 3) * DX;
    const y = SOUTH + (i < 3 ? DY : 0);
    return {
      type: 'Feature' as const,
      geometry: { type: 'Polygon' as const, coordinates: [[[x, y], [x + DX, y], [x + DX, y + DY], [x, y + DY], [x, y]] as [number, number][]] },
      properties: { code: `CL-${String(i + 1).padStart(2, '0')}`, name: `昌黎镇${name}`, officerIds: staff.slice(i * 4, i * 4 + 4).map((s) => s.id) },
    };
  });
  await services.command.importGrids(dispatcher, features, { requestId: 'seed-demo-command' });

  // The field officer: the first responsible officer of the first grid.
  const fieldOfficerId = staff[0]!.id;
  const [officerRow] = await db.select({ name: officers.name }).from(officers).where(eq(officers.id, fieldOfficerId));
  const [region] = await db.select({ path: regions.path }).from(regions).where(eq(regions.code, '130322'));
  await db
    .insert(users)
    .values({
      id: DEMO_GRID_OFFICER.id,
      username: DEMO_GRID_OFFICER.username,
      displayName: officerRow?.name ?? '网格执法队员',
      passwordHash: await services.identity.hashPassword(DEMO_PASSWORD),
      role: 'officer',
      status: 'active',
      agencyId: team.id,
      regionCode: '130322',
      regionPath: region?.path ?? du.regionPath,
      officerId: fieldOfficerId,
      mustChangePassword: false,
      // The server's clock (CLOCK_START on a demo): a password is not changed in the clock's future.
      passwordChangedAt: opts.now ?? new Date(),
    })
    .onConflictDoNothing();
  const [fu] = await db.select().from(users).where(eq(users.id, DEMO_GRID_OFFICER.id));
  const field = actorOf(fu!);

  const meta = { requestId: 'seed-demo-command' };
  const at = (i: number) => [WEST + 0.005 + (i % 3) * DX, SOUTH + DY + 0.006] as const;
  const report = (i: number, kind: string, description: string, address: string) =>
    services.command.report(dispatcher, { kind, description, lng: at(i)[0] + i * 0.001, lat: at(i)[1], address, reporter: { name: '市民', phone: '13900000000' } }, meta);
  const a = await report(0, 'street_vending', '人民路与碣石大街交叉口占道经营，影响通行', '昌黎镇人民路碣石大街口');
  await services.command.report(field, { kind: 'street_vending', description: '同一处占道摊点', lng: a.lng + 0.0001, lat: a.lat, address: '昌黎镇人民路碣石大街口' }, meta);
  const b = await report(1, 'illegal_parking', '商场门前机动车违停占用消防通道', '昌黎镇民生路商场门前');
  await services.command.act(dispatcher, b.id, 'dispatch', { officerId: fieldOfficerId }, meta);
  const c = await report(2, 'littering', '路边倾倒建筑垃圾', '昌黎镇新华街东段');
  await services.command.act(dispatcher, c.id, 'dispatch', { officerId: fieldOfficerId }, meta);
  await services.command.act(field, c.id, 'acknowledge', {}, meta);
  await services.command.act(field, c.id, 'arrive', {}, meta);
  const d = await report(0, 'advertising', '沿街门店违规悬挂条幅', '昌黎镇五峰路');
  await services.command.act(dispatcher, d.id, 'dispatch', { officerId: fieldOfficerId }, meta);
  await services.command.act(field, d.id, 'acknowledge', {}, meta);
  await services.command.act(field, d.id, 'arrive', {}, meta);
  await services.command.act(field, d.id, 'handle', { note: '责令当事人当场拆除条幅，已恢复' }, meta);
  await services.command.act(dispatcher, d.id, 'give_feedback', { feedback: '已处理：条幅已拆除。感谢您的反映。' }, meta);
  await services.command.act(dispatcher, d.id, 'close', {}, meta);
  const [n] = await db.select({ n: sql<number>`count(*)::int` }).from(commandEvents).where(eq(commandEvents.agencyId, team.id));
  return { grids: features.length, events: n?.n ?? 0, skipped: false };
}
