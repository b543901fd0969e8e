import { usccCheckChar, USCC_CHARSET } from '@zhifa/domain';
import { and, eq, sql } from 'drizzle-orm';
import type { Services } from '../app.ts';
import type { Db } from '../db/client.ts';
import { users, type Actor } from '../modules/identity/index.ts';
import { registryTables } from '../modules/registry/index.ts';
import { spotCheckTargets, type TargetInput } from '../modules/spot-checks/index.ts';
import { DEMO_USER_IDS } from './demo-users.ts';
import { mulberry32 } from './prng.ts';
import { actorFromUser } from '../lib/actor.ts';

const { subjects, items, itemSubjects } = registryTables;

const REGIONS = ['130302', '130302', '130302', '130304', '130322', '130322'] as const;
const STREET = { '130302': '海港区', '130304': '北戴河区', '130322': '昌黎县' } as const;
/** GB/T 4754 sections weighted like a coastal city's register (retail and catering dominate). */
const INDUSTRIES = [
  ['F', 30, ['商贸', '百货', '副食', '建材', '五金']],
  ['H', 22, ['餐饮', '饭店', '酒楼', '小吃']],
  ['C', 12, ['食品', '机械', '制品', '包装']],
  ['I', 6, ['网络科技', '信息技术']],
  ['K', 5, ['物业服务', '房地产经纪']],
  ['M', 5, ['检测技术', '工程技术']],
  ['O', 10, ['美容美发', '洗浴', '家政']],
  ['R', 5, ['文化传媒', '健身']],
  ['G', 5, ['物流', '运输']],
] as const;
const WORDS = ['鑫盛', '港湾', '海韵', '渤海', '燕山', '长城', '碣石', '滨海', '祥和', '恒通', '宏达', '金港', '瑞丰', '秦皇', '海阳', '东山', '德润', '嘉禾', '福源', '汇通'];

/**
 * The demo city's 检查对象名录 (a few thousand generated enterprises and sole traders with valid GB 32100 codes) and one
 * completed draw of the city market bureau: committed, drawn, revealed, with some results recorded — all through the
 * spot-check service, so its guards apply. Runs once (skipped when the directory has rows).
 */
export async function seedDemoSpotChecks(services: Services, db: Db, opts: { today: string; targets?: number }): Promise<{ targets: number; drawn: number; skipped: boolean }> {
  const [agency] = await db.select().from(subjects).where(eq(subjects.name, '秦皇岛市市场监督管理局'));
  const [existing] = await db.select({ n: sql<number>`count(*)::int` }).from(spotCheckTargets);
  if (!agency || Number(existing?.n ?? 0) > 0) return { targets: 0, drawn: 0, skipped: true };
  const randomItems = await db
    .select({ id: items.id })
    .from(items)
    .innerJoin(itemSubjects, eq(itemSubjects.itemId, items.id))
    .where(and(eq(itemSubjects.subjectId, agency.id), eq(items.randomInspection, true), eq(items.status, 'active')))
    .orderBy(items.code)
    .limit(3);
  const [u] = await db.select().from(users).where(eq(users.id, DEMO_USER_IDS.head));
  if (randomItems.length === 0 || !u) return { targets: 0, drawn: 0, skipped: true };
  const head: Actor = actorFromUser(u);

  const rng = mulberry32(20_261_203);
  const n = opts.targets ?? 3000;
  const rows: TargetInput[] = [];
  const seen = new Set<string>();
  const total = INDUSTRIES.reduce((s, x) => s + x[1], 0);
  while (rows.length < n) {
    const region = rng.pick(REGIONS);
    const sole = rng.chance(0.3);
    let body = '';
    for (let k = 0; k < 9; k++) body += USCC_CHARSET[rng.int(0, 30)]!;
    const first17 = (sole ? '92' : '91') + region + body;
    const code = first17 + usccCheckChar(first17);
    if (seen.has(code)) continue;
    seen.add(code);
    let w = rng.int(1, total);
    const ind = INDUSTRIES.find((x) => (w -= x[1]) <= 0) ?? INDUSTRIES[0];
    const name = sole ? `${STREET[region]}${rng.pick(WORDS)}${rng.pick(ind[2])}店` : `秦皇岛${rng.pick(WORDS)}${rng.pick(ind[2])}有限公司`;
    rows.push({
      uscc: code,
      name: seen.size % 7 === 0 ? `${name}（${rows.length}）` : name,
      kind: sole ? 'sole_trader' : 'enterprise',
      regionCode: region,
      industry: ind[0],
      risk: rng.weighted([['high', 1], ['medium', 3], ['low', 6]] as const),
      credit: rng.weighted([['A', 5], ['B', 3], ['C', 1.5], ['D', 0.5]] as const),
      abnormal: rng.chance(0.03),
      address: `秦皇岛市${STREET[region]}${rng.pick(WORDS)}路${rng.int(1, 300)}号`,
    });
  }
  const meta = { requestId: 'demo-seed' };
  await services.spotChecks.importTargets(head, rows, meta);
  const plan = await services.spotChecks.createPlan(
    head,
    {
      name: `${opts.today.slice(0, 4)}年度市场监管领域双随机抽查（第一批）`,
      kind: 'annual',
      year: Number(opts.today.slice(0, 4)),
      jointAgencyIds: [],
      itemIds: randomItems.map((i) => i.id),
      settings: {
        strata: [
          { key: '餐饮服务', match: { industries: ['H'] }, ratioBp: 300 },
          { key: '其他市场主体', match: {}, ratioBp: 200 },
        ],
        riskPct: { high: 300, medium: 100, low: 50 },
        creditPct: { A: 50, B: 100, C: 200, D: 300 },
        exclusionDays: 180,
        yearlyCap: 2,
        teamSize: 2,
        teamMode: 'same-department',
        maxTasksPerInspector: 8,
        regionCodes: [],
      },
    },
    meta,
  );
  await services.spotChecks.commit(head, plan.id, meta);
  const drawn = await services.spotChecks.draw(head, plan.id, meta);
  await services.spotChecks.reveal(head, plan.id, meta);
  // A few results so the task list and the statistics are not empty.
  const tasks = await services.spotChecks.listTasks(head, { planId: plan.id });
  const outcomes = ['no_problem', 'no_problem', 'rectification', 'no_problem', 'rectification', 'no_problem'] as const;
  for (const [i, t] of tasks.slice(0, outcomes.length).entries()) {
    await services.spotChecks.recordResult(head, t.id, { outcome: outcomes[i]!, inspectedOn: opts.today, note: outcomes[i] === 'rectification' ? '经营场所卫生不符合要求，已责令限期整改' : '未发现问题', version: t.version }, meta);
  }
  return { targets: rows.length, drawn: drawn.currentDraw?.result?.selections.length ?? 0, skipped: false };
}
