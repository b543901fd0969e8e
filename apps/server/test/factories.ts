import { idNumberCheckDigit, SHIPPED_CALENDAR_ENTRIES, usccCheckChar, type ItemInput, type Role, type SubjectInput } from '@zhifa/domain';
import { users } from '../src/modules/identity/index.ts';
import { rootActor, rootSupervisor, type TestApp } from './helpers.ts';

let seq = 0;
const next = () => ++seq;

/** A valid unified social credit code for a region (GB 32100: '11' = government agency). */
// One random base per test process, then a counter: codes never repeat within a process (a random part per call
// collided about once in 150 runs of a 120-row import), and still differ between runs.
const usccBase = Math.floor(Math.random() * 9e8);
export function makeUscc(regionCode = '130300'): string {
  const n = String((usccBase + next()) % 1e9).padStart(9, '0');
  const first17 = `11${regionCode.slice(0, 6)}${n}`;
  return first17 + usccCheckChar(first17);
}

/** A valid citizen ID number (GB 11643). */
export function makeIdNumber(regionCode = '130302'): string {
  // ~15,000 birth dates × 1,000 sequence numbers: collisions across a test file are practically impossible.
  const birth = new Date(Date.UTC(1960, 0, 1) + Math.floor(Math.random() * 15000) * 86400_000).toISOString().slice(0, 10).replaceAll('-', '');
  const s = String(Math.floor(Math.random() * 1000)).padStart(3, '0');
  const first17 = `${regionCode.slice(0, 6)}${birth}${s}`;
  return first17 + idNumberCheckDigit(first17);
}

export const TEST_PASSWORD = 'Test#Pass2468x';

/**
 * A small world: Hebei → Qinhuangdao (海港区, 昌黎县) and Shijiazhuang (长安区) as the out-of-scope city,
 * with a market-regulation bureau in each place, justice bureaus, and one user per role.
 */
export async function makeWorld(t: TestApp) {
  const { regions, subjects, identity } = t.services;
  const meta = { requestId: 'test' };
  const R = async (code: string, name: string, level: 1 | 2 | 3 | 4, parentCode: string | null) => regions.create(rootActor, { code, name, level, parentCode }, meta);
  await R('130000', '河北省', 1, null);
  await R('130300', '秦皇岛市', 2, '130000');
  await R('130302', '海港区', 3, '130300');
  await R('130322', '昌黎县', 3, '130300');
  await R('130322100', '昌黎镇', 4, '130322');
  await R('130100', '石家庄市', 2, '130000');
  await R('130102', '长安区', 3, '130100');

  const S = (over: Partial<SubjectInput> & { name: string; regionCode: string }) =>
    subjects.create(
      rootActor,
      {
        shortName: null,
        uscc: makeUscc(over.regionCode),
        kind: 'statutory',
        form: 'agency',
        sector: 'market',
        legalBasis: '三定方案',
        supervisingBureauId: null,
        address: null,
        phone: null,
        officeHours: null,
        complaintPhone: null,
        absorbedPowers: [],
        ...over,
      },
      meta,
    );
  const cityJustice = await S({ name: '秦皇岛市司法局', regionCode: '130300', form: 'justice_bureau', sector: 'justice' });
  const cityMarket = await S({ name: '秦皇岛市市场监督管理局', regionCode: '130300', supervisingBureauId: cityJustice.id });
  const countyMarket = await S({ name: '昌黎县市场监督管理局', regionCode: '130322' });
  const otherMarket = await S({ name: '石家庄市市场监督管理局', regionCode: '130100' });
  const township = await S({ name: '昌黎县昌黎镇人民政府', regionCode: '130322100', form: 'township', sector: 'comprehensive' });

  const hash = await identity.hashPassword(TEST_PASSWORD);
  const pathOf = async (code: string) => (await regions.pathOf(code))!;
  const U = async (username: string, role: Role, regionCode: string, agencyId: string | null) => {
    const id = crypto.randomUUID();
    await t.db.insert(users).values({ id, username, displayName: username, passwordHash: hash, role, status: 'active', agencyId, regionCode, regionPath: await pathOf(regionCode), mustChangePassword: false });
    return id;
  };
  const userIds = {
    sysadmin: await U('sysadmin', 'system_admin', '130300', null),
    secadmin: await U('secadmin', 'security_admin', '130300', null),
    auditor: await U('auditor', 'audit_admin', '130300', null),
    supervisor: await U('supervisor', 'supervisor', '130300', cityJustice.id),
    countySupervisor: await U('county_supervisor', 'supervisor', '130322', null),
    head: await U('head', 'agency_head', '130300', cityMarket.id),
    officer: await U('officer', 'officer', '130300', cityMarket.id),
    countyHead: await U('county_head', 'agency_head', '130322', countyMarket.id),
    otherHead: await U('other_head', 'agency_head', '130100', otherMarket.id),
  };
  return { cityJustice, cityMarket, countyMarket, otherMarket, township, userIds, rootActor, rootSupervisor };
}
export type World = Awaited<ReturnType<typeof makeWorld>>;

export function makeItemInput(subjectIds: string[], over: Partial<ItemInput> = {}): ItemInput {
  const n = next();
  return {
    code: `T-CF-${String(n).padStart(5, '0')}-${Math.random().toString(36).slice(2, 6)}`,
    name: `对未取得食品经营许可从事食品经营活动的行政处罚 ${n}`,
    category: 'penalty',
    sector: 'market',
    subjectIds,
    legalBasis: [{ law: '中华人民共和国食品安全法', article: '第一百二十二条', version: '2021年修正', effectiveFrom: '2021-04-29', effectiveTo: null }],
    avRequirements: { investigation: 'required' },
    randomInspection: false,
    majorCriteria: null,
    hearingThresholds: null,
    serviceGuide: null,
    flowchart: [{ step: '立案' }, { step: '调查取证' }, { step: '决定' }],
    discretionTiers: [],
    exemptions: [],
    ...over,
  };
}

/**
 * The penalty-case staff of the city market bureau most case tests need: the 2026 holiday calendar, two officers with
 * market certificates, a legal reviewer with the qualification and a `reviewer` account, and `addUser` for more accounts.
 */
export async function makePenaltyStaff(t: TestApp, w: World, o: { prefix: string; names: [string, string]; legalQualificationNo: string }) {
  await t.services.rules.putYear(rootActor, 2026, { source: '国办发明电〔2025〕7号', entries: SHIPPED_CALENDAR_ENTRIES.filter((e) => e.date.startsWith('2026-')) }, {});
  const hash = await t.services.identity.hashPassword(TEST_PASSWORD);
  const addUser = async (username: string, role: Role, regionCode: string, agencyId: string, officerId: string | null = null) => {
    const regionPath = (await t.services.regions.pathOf(regionCode))!;
    await t.db.insert(users).values({ id: crypto.randomUUID(), username, displayName: username, passwordHash: hash, role, status: 'active', agencyId, regionCode, regionPath, officerId, mustChangePassword: false });
  };
  const officer = (name: string, over: Record<string, unknown> = {}) =>
    t.services.officers.create(
      rootActor,
      { name, idNumber: makeIdNumber(), agencyId: w.cityMarket.id, post: '科员', personnelType: 'civil_servant', phone: null, education: null, hasLegalQualification: false, legalQualificationNo: null, isLegalReviewer: false, onDuty: true, ...over },
      {},
    );
  const certified: string[] = [];
  for (const [i, name] of o.names.entries()) {
    const off = await officer(name);
    await t.services.officers.addCertificate(
      rootActor,
      off.id,
      { number: `${o.prefix}-${i}-${Math.random().toString(36).slice(2, 8)}`, credentialType: 'enforcement', categories: ['market'], areaCode: '130300', issuedBy: '秦皇岛市人民政府', issuedOn: '2024-01-01', expiresOn: '2029-01-01', lastReviewedOn: null },
      {},
    );
    certified.push(off.id);
  }
  const reviewerOfficer = (await officer('审核', { isLegalReviewer: true, hasLegalQualification: true, legalQualificationNo: o.legalQualificationNo })).id;
  await addUser('reviewer', 'legal_reviewer', '130300', w.cityMarket.id, reviewerOfficer);
  return { certified, reviewerOfficer, addUser };
}
