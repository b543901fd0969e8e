import {
  AssessmentInput,
  CertificateInput,
  EntrustmentInput,
  idNumberCheckDigit,
  ItemInput,
  OfficerInput,
  RegionInput,
  RuleProfileInput,
  SHIPPED_CALENDAR_ENTRIES,
  SECTORS,
  SHIPPED_CALENDAR_YEARS,
  SubjectInput,
  TrainingInput,
  usccCheckChar,
  type ItemCategory,
  type PenaltyType,
  type PersonnelType,
  type SectorCode,
  type SubjectForm,
  type SubjectKind,
} from '@zhifa/domain';
import { inArray, sql } from 'drizzle-orm';
import type { Services } from '../app.ts';
import type { Db } from '../db/client.ts';
import { chinaDate, type Clock } from '../lib/clock.ts';
import { users, type Actor } from '../modules/identity/index.ts';
import { createItemService, createOfficerService, createRegionService, createRuleService, createSubjectService, registryTables } from '../modules/registry/index.ts';
import {
  ABSORBED_SECTORS,
  CATALOGUE,
  CATEGORY_ABBR,
  CITY_JUSTICE_EXTRA,
  DEVOLVED,
  FLOWCHARTS,
  LAWS,
  TOWNSHIP_STATUTORY,
  type Cite,
  type PenaltyTpl,
  type PlainTpl,
} from './catalogue.ts';
import { DEMO_PASSWORD, DEMO_USER_IDS, DEMO_USERS, type DemoUsername } from './demo-users.ts';
import { landline, mobile, personName, STREETS } from './names.ts';
import { addDays, addYears, dateBetween, mulberry32, type Rng } from './prng.ts';

/**
 * The demo city: 秦皇岛市 (Qinhuangdao, the city of seed document 000) with three of its county-level units, a dozen
 * townships, ~40 enforcement subjects, ~400 officers with certificates and training records, 600+ enforcement items
 * across all eleven categories, two example rule profiles, the shipped holiday calendar and one account per role.
 *
 * Real: region codes and names (GB/T 2260 and the statistical division codes), laws and articles cited by items.
 * Fictional: every person, ID number, credit code, phone number, address number, certificate and document number.
 *
 * Deterministic: all content comes from fixed-seed PRNG streams (one per kind of data, so e.g. item codes do not move
 * when the date changes); only dates are relative to `now`, so certificate expiry and training years make sense on
 * the day the demo is installed. Database ids are random UUIDs (assigned by the services) except the users'.
 */

export interface SeedSummary {
  skipped: boolean;
  regions?: number;
  subjects?: number;
  officers?: number;
  certificates?: number;
  items?: number;
  itemsByCategory?: Record<string, number>;
  entrustments?: number;
  users?: string[];
}

const SEED = 20_180_306;
const TOTAL_OFFICERS = 400;
const META = { requestId: 'seed-demo-city' };

// ---- regions ---------------------------------------------------------------------------------------------------------

/**
 * GB/T 2260 codes for the province, city and county-level units. Township/street codes are the 9-digit statistical
 * division codes (统计用区划代码: county code + 3 digits, 001–099 streets, 100–199 towns, 200+ townships) as the author
 * recalls them from the National Bureau of Statistics releases; check them against the current NBS 统计用区划代码
 * release before relying on them.
 */
const REGIONS: { code: string; name: string; level: 1 | 2 | 3 | 4; parentCode: string | null }[] = [
  { code: '130000', name: '河北省', level: 1, parentCode: null },
  { code: '130300', name: '秦皇岛市', level: 2, parentCode: '130000' },
  { code: '130302', name: '海港区', level: 3, parentCode: '130300' },
  { code: '130304', name: '北戴河区', level: 3, parentCode: '130300' },
  { code: '130322', name: '昌黎县', level: 3, parentCode: '130300' },
  { code: '130302001', name: '文化路街道', level: 4, parentCode: '130302' },
  { code: '130302002', name: '海滨路街道', level: 4, parentCode: '130302' },
  { code: '130302003', name: '北环路街道', level: 4, parentCode: '130302' },
  { code: '130302004', name: '建设大街街道', level: 4, parentCode: '130302' },
  { code: '130304001', name: '西山街道', level: 4, parentCode: '130304' },
  { code: '130304002', name: '东山街道', level: 4, parentCode: '130304' },
  { code: '130304100', name: '海滨镇', level: 4, parentCode: '130304' },
  { code: '130304101', name: '戴河镇', level: 4, parentCode: '130304' },
  { code: '130322100', name: '昌黎镇', level: 4, parentCode: '130322' },
  { code: '130322101', name: '靖安镇', level: 4, parentCode: '130322' },
  { code: '130322102', name: '安山镇', level: 4, parentCode: '130322' },
  { code: '130322103', name: '龙家店镇', level: 4, parentCode: '130322' },
];

// ---- subjects --------------------------------------------------------------------------------------------------------

type SubjectRole = 'justice' | 'agency' | 'authorised' | 'team' | 'township' | 'entrusted';
interface SubjectSpec {
  key: string;
  name: string;
  shortName?: string;
  region: string;
  role: SubjectRole;
  sector: SectorCode;
  /** Relative headcount; scaled so the city has TOTAL_OFFICERS officers. */
  staff: number;
  /** This agency lists only its non-penalty items (its penalties went to the comprehensive team). */
  nonPenaltyOnly?: boolean;
  /** Not announced / not published: shows the confirmed-but-not-yet-announced state. */
  unannounced?: boolean;
}

const city = (key: string, dept: string, sector: SectorCode, staff: number, extra: Partial<SubjectSpec> = {}): SubjectSpec => ({
  key,
  name: `秦皇岛市${dept}`,
  region: '130300',
  role: 'agency',
  sector,
  staff,
  ...extra,
});
const county = (region: string, regionName: string, key: string, dept: string, sector: SectorCode, staff: number, extra: Partial<SubjectSpec> = {}): SubjectSpec => ({
  key,
  name: `${regionName}${dept}`,
  region,
  role: 'agency',
  sector,
  staff,
  ...extra,
});

/** Ordered: justice bureaus first (everyone else points at one as supervising bureau). */
const SUBJECTS: SubjectSpec[] = [
  city('cityJustice', '司法局', 'justice', 6, { role: 'justice', shortName: '市司法局' }),
  county('130302', '海港区', 'hgJustice', '司法局', 'justice', 3, { role: 'justice' }),
  county('130304', '北戴河区', 'bdhJustice', '司法局', 'justice', 3, { role: 'justice' }),
  county('130322', '昌黎县', 'clJustice', '司法局', 'justice', 4, { role: 'justice' }),

  city('cityMarket', '市场监督管理局', 'market', 42, { shortName: '市市场监管局' }),
  city('cityEnv', '生态环境局', 'environment', 22, { shortName: '市生态环境局' }),
  city('cityTransport', '交通运输局', 'transport', 14, { shortName: '市交通运输局' }),
  city('cityHighway', '公路事业发展中心', 'transport', 12, { role: 'authorised', shortName: '市公路中心' }),
  city('cityEmergency', '应急管理局', 'emergency', 16, { shortName: '市应急管理局' }),
  city('cityAgri', '农业农村局', 'agriculture', 14, { shortName: '市农业农村局' }),
  city('cityCulture', '文化广电和旅游局', 'culture_tourism', 10, { shortName: '市文广旅局' }),
  city('cityNR', '自然资源和规划局', 'natural_resources', 14, { shortName: '市自然资源和规划局' }),
  city('cityHousing', '住房和城乡建设局', 'housing', 12, { shortName: '市住建局' }),
  city('cityHealth', '卫生健康委员会', 'health', 12, { shortName: '市卫健委' }),
  city('cityUrban', '城市管理综合行政执法局', 'urban', 26, { shortName: '市城管执法局' }),
  city('cityWater', '水务局', 'water', 8, { shortName: '市水务局' }),
  city('cityHR', '人力资源和社会保障局', 'human_resources', 8, { shortName: '市人社局' }),

  county('130302', '海港区', 'hgMarket', '市场监督管理局', 'market', 18),
  county('130302', '海港区', 'hgEmergency', '应急管理局', 'emergency', 7),
  county('130302', '海港区', 'hgHealth', '卫生健康局', 'health', 6),
  county('130302', '海港区', 'hgUrban', '城市管理综合行政执法局', 'urban', 16),
  county('130302', '海港区', 'hgAgri', '农业农村局', 'agriculture', 6),

  county('130304', '北戴河区', 'bdhMarket', '市场监督管理局', 'market', 12),
  county('130304', '北戴河区', 'bdhCulture', '文化广电和旅游局', 'culture_tourism', 8),
  county('130304', '北戴河区', 'bdhEmergency', '应急管理局', 'emergency', 5),
  county('130304', '北戴河区', 'bdhHousing', '住房和城乡建设局', 'housing', 5),
  county('130304', '北戴河区', 'bdhHealth', '卫生健康局', 'health', 5),
  county('130304', '北戴河区', 'bdhUrban', '城市管理综合行政执法局', 'urban', 12),

  county('130322', '昌黎县', 'clMarket', '市场监督管理局', 'market', 16),
  county('130322', '昌黎县', 'clAgri', '农业农村局', 'agriculture', 9),
  county('130322', '昌黎县', 'clEmergency', '应急管理局', 'emergency', 7),
  county('130322', '昌黎县', 'clTransport', '交通运输局', 'transport', 7),
  county('130322', '昌黎县', 'clNR', '自然资源和规划局', 'natural_resources', 5, { nonPenaltyOnly: true }),
  county('130322', '昌黎县', 'clHealth', '卫生健康局', 'health', 6),
  county('130322', '昌黎县', 'clTeam', '综合行政执法局', 'comprehensive', 28, { role: 'team', shortName: '昌黎县综合执法局' }),

  { key: 'tsChangli', name: '昌黎县昌黎镇人民政府', region: '130322100', role: 'township', sector: 'comprehensive', staff: 6 },
  { key: 'tsJingan', name: '昌黎县靖安镇人民政府', region: '130322101', role: 'township', sector: 'comprehensive', staff: 3, unannounced: true },
  { key: 'tsDaihe', name: '北戴河区戴河镇人民政府', region: '130304101', role: 'township', sector: 'comprehensive', staff: 3 },
  { key: 'tsWenhualu', name: '海港区文化路街道办事处', region: '130302001', role: 'township', sector: 'comprehensive', staff: 3 },
  { key: 'tsXishan', name: '北戴河区西山街道办事处', region: '130304001', role: 'township', sector: 'comprehensive', staff: 3 },
  { key: 'anshanTeam', name: '昌黎县安山镇综合行政执法队', region: '130322102', role: 'entrusted', sector: 'comprehensive', staff: 5 },
];

const SECTOR_LAWS: Partial<Record<SectorCode, string>> = {
  market: '《中华人民共和国食品安全法》《中华人民共和国产品质量法》《中华人民共和国特种设备安全法》等法律法规',
  environment: '《中华人民共和国环境保护法》《中华人民共和国大气污染防治法》《中华人民共和国水污染防治法》等法律法规',
  transport: '《中华人民共和国公路法》等法律法规',
  emergency: '《中华人民共和国安全生产法》《危险化学品安全管理条例》等法律法规',
  agriculture: '《中华人民共和国渔业法》《中华人民共和国土地管理法》等法律法规',
  culture_tourism: '《中华人民共和国旅游法》等法律法规',
  natural_resources: '《中华人民共和国土地管理法》《中华人民共和国城乡规划法》等法律法规',
  housing: '《中华人民共和国建筑法》《建设工程质量管理条例》等法律法规',
  health: '《中华人民共和国基本医疗卫生与健康促进法》《中华人民共和国医师法》《公共场所卫生管理条例》等法律法规',
  urban: '《城市市容和环境卫生管理条例》《城市道路管理条例》《城市绿化条例》《城镇排水与污水处理条例》等法律法规',
  water: '《中华人民共和国水法》《中华人民共和国水土保持法》等法律法规',
  human_resources: '《劳动保障监察条例》《中华人民共和国社会保险法》等法律法规',
  justice: '《中华人民共和国律师法》；国办发〔2018〕118号',
};

const TEAM_ABSORBED: { sector: SectorCode; fromName: string; fromKey?: string; scope: string }[] = [
  { sector: 'urban', fromName: '昌黎县城市管理部门', scope: '城市管理领域法律、法规、规章规定的全部行政处罚权及相关的行政检查、行政强制权' },
  { sector: 'housing', fromName: '昌黎县住房和城乡建设局', scope: '住房和城乡建设领域建筑市场、工程质量方面的行政处罚权及相关的行政检查权' },
  { sector: 'natural_resources', fromName: '昌黎县自然资源和规划局', fromKey: 'clNR', scope: '国土资源、城乡规划领域违法用地、违法建设方面的行政处罚权及相关的行政检查权' },
  { sector: 'water', fromName: '昌黎县水务局', scope: '水利领域河道管理、取水管理方面的行政处罚权' },
  { sector: 'culture_tourism', fromName: '昌黎县文化广电和旅游局', scope: '旅游市场方面的行政处罚权' },
];

function subjectLegalBasis(s: SubjectSpec, entrustmentNo: string): string {
  switch (s.role) {
    case 'justice':
      return `《${s.name}职能配置、内设机构和人员编制规定》（三定方案）；${SECTOR_LAWS.justice}`;
    case 'authorised':
      return '《中华人民共和国公路法》第八条第四款（县级以上地方人民政府交通主管部门可以决定由公路管理机构依照本法规定行使公路行政管理职责）；《秦皇岛市公路事业发展中心机构职能编制规定》';
    case 'team':
      return '《中华人民共和国行政处罚法》第十八条（综合行政执法制度、相对集中行政处罚权）；省人民政府关于同意昌黎县相对集中行政处罚权的批复（演示数据）；《昌黎县综合行政执法局职能配置、内设机构和人员编制规定》（三定方案）';
    case 'township':
      return s.name.endsWith('街道办事处')
        ? '《中华人民共和国行政处罚法》第二十四条；《中华人民共和国城乡规划法》'
        : '《中华人民共和国行政处罚法》第二十四条；《中华人民共和国城乡规划法》第六十五条';
    case 'entrusted':
      return `《中华人民共和国行政处罚法》第二十条、第二十一条；昌黎县应急管理局行政处罚委托书（${entrustmentNo}，演示数据）`;
    default:
      return `《${s.name}职能配置、内设机构和人员编制规定》（三定方案）；${SECTOR_LAWS[s.sector] ?? ''}`;
  }
}

// ---- codes -----------------------------------------------------------------------------------------------------------

/** GB 11714 organisation code check character over an 8-character body of digits. */
function orgCodeCheck(body8: string): string {
  const w = [3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body8].reduce((s, c, i) => s + Number(c) * w[i]!, 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/**
 * A valid unified social credit code (GB 32100-2015): '11' government agency / '12' public institution, the region,
 * a 9-character organisation code (8 digits + its GB 11714 check character) and the MOD 31 check character.
 */
function makeUscc(rng: Rng, prefix: '11' | '12', region6: string, seen: Set<string>): string {
  for (;;) {
    const body = `${rng.int(0, 1) === 0 ? '0' : String(rng.int(1, 7))}${rng.digits(7)}`;
    const first17 = `${prefix}${region6}${body}${orgCodeCheck(body)}`;
    const code = first17 + usccCheckChar(first17);
    if (!seen.has(code)) {
      seen.add(code);
      return code;
    }
  }
}

/** Where officers were born: mostly the agency's own county, some elsewhere in Qinhuangdao or Hebei. */
const BIRTHPLACES_CITY: readonly (readonly [string, number])[] = [
  ['130302', 40], ['130303', 10], ['130304', 8], ['130306', 6], ['130321', 8], ['130322', 8], ['130324', 8],
  ['130203', 4], ['130104', 4], ['130602', 4],
];
function birthplace(rng: Rng, county6: string): string {
  if (county6 === '130300' || rng.chance(0.25)) return rng.weighted(BIRTHPLACES_CITY);
  return county6;
}

/** A valid 18-digit citizen ID number (GB 11643): region, birth date, sequence with the gender parity, check digit. */
function makeIdNumber(rng: Rng, region6: string, gender: 'M' | 'F', seen: Set<string>): string {
  for (;;) {
    const birth = dateBetween(rng, '1965-01-01', '2000-12-31').replaceAll('-', '');
    const genderDigit = gender === 'M' ? rng.pick([1, 3, 5, 7, 9]) : rng.pick([0, 2, 4, 6, 8]);
    const first17 = `${region6}${birth}${rng.digits(2)}${genderDigit}`;
    const id = first17 + idNumberCheckDigit(first17);
    if (!seen.has(id)) {
      seen.add(id);
      return id;
    }
  }
}

// ---- items -----------------------------------------------------------------------------------------------------------

const HEARING_TYPES: readonly PenaltyType[] = ['reduce_qualification', 'revoke_licence', 'order_suspend_business', 'order_close', 'restrict_employment', 'restrict_activity'];
const MAJOR_OTHER = ['涉及重大公共利益的', '直接关系当事人或者第三人重大权益，经过听证程序的', '案件情况疑难复杂、涉及多个法律关系的'];

const cite = ([key, article]: Cite) => ({ ...LAWS[key], article, effectiveTo: null });

/** Round a yuan amount to a figure a discretion table would print. */
function nice(x: number): number {
  const step = x >= 100_000 ? 10_000 : x >= 10_000 ? 1_000 : x >= 1_000 ? 100 : 10;
  return Math.round(x / step) * step;
}

function discretionTiers(rng: Rng, t: PenaltyTpl) {
  const heavy = t.heavy ?? [];
  const base = t.types.filter((p) => !heavy.includes(p));
  const ordinary = base.length ? base : [...t.types];
  const tiers: ItemInput['discretionTiers'] = [];
  if (rng.chance(0.3)) {
    tiers.push({
      level: 'exempt',
      circumstance: '初次违法且危害后果轻微并及时改正的',
      penaltyTypes: ['other'],
      fineMin: null,
      fineMax: null,
      description: '可以不予行政处罚，依法对当事人进行教育（《中华人民共和国行政处罚法》第三十三条第一款）',
    });
  }
  const L = '违法行为持续时间短、涉案数额较小，或者主动消除、减轻违法行为危害后果的';
  const G = '不具有从轻、减轻或者从重情节的一般违法行为';
  const S = '违法行为持续时间长、涉案数额较大、造成较大社会影响，或者经责令改正拒不改正的';
  if (t.fine) {
    const [min, max] = t.fine;
    const d = max - min;
    const a = nice(min + d * 0.3);
    const b = nice(min + d * 0.7);
    tiers.push({ level: 'light', circumstance: L, penaltyTypes: [...ordinary], fineMin: min === 0 ? null : min, fineMax: a });
    tiers.push({ level: 'general', circumstance: G, penaltyTypes: [...ordinary], fineMin: a, fineMax: b });
    tiers.push({
      level: 'serious',
      circumstance: S,
      penaltyTypes: [...ordinary, ...heavy],
      fineMin: b,
      fineMax: max,
      ...(t.mult ? { description: `涉案数额较大的，依照“${t.mult}”确定罚款数额` } : {}),
    });
  } else if (t.mult) {
    tiers.push({ level: 'light', circumstance: L, penaltyTypes: [...ordinary], fineMin: null, fineMax: null, description: `在法定幅度（${t.mult}）的下段确定罚款数额` });
    tiers.push({ level: 'general', circumstance: G, penaltyTypes: [...ordinary], fineMin: null, fineMax: null, description: `在法定幅度（${t.mult}）的中段确定罚款数额` });
    tiers.push({ level: 'serious', circumstance: S, penaltyTypes: [...ordinary, ...heavy], fineMin: null, fineMax: null, description: `在法定幅度（${t.mult}）的上段确定罚款数额` });
  } else {
    tiers.push({ level: 'light', circumstance: L, penaltyTypes: ordinary.includes('warning') ? ['warning'] : [...ordinary], fineMin: null, fineMax: null });
    tiers.push({ level: 'general', circumstance: G, penaltyTypes: [...ordinary], fineMin: null, fineMax: null });
    tiers.push({ level: 'serious', circumstance: S, penaltyTypes: [...ordinary, ...heavy], fineMin: null, fineMax: null });
  }
  return tiers;
}

function penaltyItem(rng: Rng, t: PenaltyTpl, sector: SectorCode, subjectIds: string[], code: string): ItemInput {
  const heavy = t.heavy ?? [];
  const major = rng.chance(heavy.length ? 0.4 : 0.12);
  const withFine = t.types.some((p) => p === 'fine' || p.startsWith('confiscate')) || heavy.length > 0;
  const strictAv = major || heavy.length > 0 || rng.chance(0.5);
  const exemptions: ItemInput['exemptions'] = [];
  if (rng.chance(0.3)) {
    exemptions.push({ kind: 'first_violation', circumstance: '初次违法且危害后果轻微并及时改正的', conditions: '当事人首次实施该违法行为，危害后果轻微，在责令改正期限内改正（《中华人民共和国行政处罚法》第三十三条第一款）' });
  }
  if (rng.chance(0.1)) {
    exemptions.push({ kind: 'minor', circumstance: '违法行为轻微并及时改正，没有造成危害后果的', conditions: '不予行政处罚，对当事人进行教育（《中华人民共和国行政处罚法》第三十三条第一款）' });
  }
  return ItemInput.parse({
    code,
    name: `对${t.v}的行政处罚`,
    category: 'penalty',
    sector,
    subjectIds,
    legalBasis: t.basis.map(cite),
    avRequirements: strictAv
      ? { investigation: 'required', evidence: 'required', hearing: 'required', service: 'optional', ...(heavy.length ? { execution: 'optional' } : {}) }
      : { investigation: 'optional', hearing: 'required' },
    randomInspection: rng.chance(0.1),
    majorCriteria: major
      ? {
          penaltyTypes: [...heavy],
          fineAtLeast: t.fine && t.fine[1] < 50_000 ? 10_000 : 50_000,
          confiscationAtLeast: t.types.some((p) => p.startsWith('confiscate')) ? 50_000 : null,
          other: rng.shuffle(MAJOR_OTHER).slice(0, rng.int(1, 2)),
        }
      : null,
    hearingThresholds: withFine
      ? { fineIndividualAtLeast: 10_000, fineOrganisationAtLeast: 100_000, confiscationAtLeast: 10_000, penaltyTypes: heavy.filter((p) => HEARING_TYPES.includes(p)) }
      : null,
    serviceGuide: null,
    flowchart: FLOWCHARTS.penalty.map((step) =>
      step === '法制审核' && major ? { step, description: '重大执法决定，作出决定前须经法制审核（《中华人民共和国行政处罚法》第五十八条）' } : { step },
    ),
    discretionTiers: rng.chance(0.4) ? discretionTiers(rng, t) : [],
    exemptions,
  });
}

function plainItem(rng: Rng, t: PlainTpl, sector: SectorCode, subjectIds: string[], code: string, office: string): ItemInput {
  const av: Record<string, string> =
    t.category === 'coercion'
      ? { seizure: 'required', service: 'optional', ...(rng.chance(0.5) ? { execution: 'required' } : {}) }
      : t.category === 'inspection'
        ? { inspection: rng.chance(0.6) ? 'required' : 'optional' }
        : {};
  return ItemInput.parse({
    code,
    name: t.name,
    category: t.category,
    sector,
    subjectIds,
    legalBasis: t.basis.map(cite),
    avRequirements: av,
    randomInspection: t.category === 'inspection' ? (t.random ?? false) && rng.chance(0.9) : false,
    majorCriteria: null,
    hearingThresholds: null,
    serviceGuide:
      t.category === 'licensing'
        ? {
            conditions: t.conditions ?? '',
            materials: [...(t.materials ?? [])],
            timeLimitDays: 20,
            timeLimitDayType: 'WORKING',
            fees: '不收费（《中华人民共和国行政许可法》第五十八条）',
            office,
          }
        : null,
    flowchart: FLOWCHARTS[t.category].map((step) => ({ step })),
    discretionTiers: [],
    exemptions: [],
  });
}

// ---- officers --------------------------------------------------------------------------------------------------------

/** Largest-remainder scaling of headcount weights to exactly `total`. */
function apportion(weights: number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (w * total) / sum);
  const out = raw.map(Math.floor);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; out.reduce((a, b) => a + b, 0) < total; k++) out[order[k % order.length]![1]]! += 1;
  return out;
}

const POSTS = {
  civil: ['科员', '一级科员', '四级主任科员', '三级主任科员', '副科长', '科长', '二级主任科员'],
  staff: ['执法队员', '执法队员', '执法队员', '副中队长', '中队长', '副大队长', '大队长'],
  township: ['综合执法队员', '综合执法队员', '综合执法队副队长', '综合执法队队长'],
  justice: ['科员', '四级主任科员', '行政执法协调监督科副科长', '行政执法协调监督科科长'],
  auxiliary: ['执法辅助人员', '协管员'],
  reviewer: ['法制审核员', '法规科副科长', '法规科科长'],
} as const;

const SECTOR_ZH = new Map<string, string>(SECTORS.map((x) => [x.code, x.zh]));

const TRAINING_TITLES = [
  '《中华人民共和国行政处罚法》专题培训',
  '行政执法“三项制度”实务培训',
  '行政执法人员年度轮训',
  '执法文书制作与案卷评查培训',
  '行政复议和行政诉讼典型案例研讨',
  '执法全过程记录与执法记录仪使用培训',
  '行政裁量权基准适用培训',
];

function splitHours(rng: Rng, total: number, parts: number): number[] {
  if (parts <= 1) return [total];
  const cuts = new Set<number>();
  while (cuts.size < parts - 1) cuts.add(rng.int(1, total - 1));
  const sorted = [0, ...[...cuts].sort((a, b) => a - b), total];
  return sorted.slice(1).map((c, i) => c - sorted[i]!);
}

// ---- the seed --------------------------------------------------------------------------------------------------------

/** The bootstrap actor: the demo system administrator's id, scoped to everything ('/'). */
const SYSTEM_ACTOR: Actor = {
  userId: DEMO_USER_IDS.sysadmin,
  role: 'system_admin',
  regionPath: '/',
  regionCode: '130000',
  agencyId: null,
  username: 'system',
  displayName: '系统初始化',
};
/** Announcing subjects is the justice bureau's (registry.supervise); the seed does it in that role. */
const SUPERVISE_ACTOR: Actor = { ...SYSTEM_ACTOR, role: 'supervisor', displayName: '系统初始化（司法行政机关确认公告）' };

/**
 * Registry services bound to the seed's transaction. The seed is handed the raw database handle, whose transactions
 * do not set the app's ambient transaction (db/client.ts withAmbientTransactions), so the app's services would read
 * outside it — blocking forever on PGlite's single connection, or missing the uncommitted rows on PostgreSQL.
 * Services built over `tx` keep every business rule and nest their own transactions as savepoints.
 */
function bindServices(tx: Db, services: Services, clock: Clock) {
  // Other dependencies (audit, blobs, …) are the app's own: they are stateless or take the transaction explicitly.
  const base = { ...services, db: tx, clock };
  const regions = createRegionService({ ...base });
  const subjects = createSubjectService({ ...base, regions });
  const rules = createRuleService({ ...base, regions });
  const officers = createOfficerService({ ...base, regions, subjects, rules });
  const items = createItemService({ ...base, subjects });
  return { regions, subjects, rules, officers, items };
}

export async function seedDemoCity(services: Services, db: Db, opts: { now?: Date } = {}): Promise<SeedSummary> {
  const [existing] = await db.select({ n: sql<number>`count(*)::int` }).from(registryTables.regions);
  if ((existing?.n ?? 0) > 0) return { skipped: true };

  const now = opts.now ?? new Date();
  const clock: Clock = { now: () => new Date(now) };
  const today = chinaDate(now);
  const year = Number(today.slice(0, 4));
  // Hash once (argon2 is deliberately slow) and outside the transaction.
  const passwordHash = await services.identity.hashPassword(DEMO_PASSWORD);

  const summary = await db.transaction(async (tx) => {
    const svc = bindServices(tx, services, clock);
    const streams = { subjects: mulberry32(SEED + 1), items: mulberry32(SEED + 2), people: mulberry32(SEED + 3), certs: mulberry32(SEED + 4), training: mulberry32(SEED + 5) };

    // -- regions (published: names and codes are public data) ----------------------------------------------------------
    const regionPath = new Map<string, string>();
    const regionName = new Map<string, string>();
    for (const r of REGIONS) {
      const row = await svc.regions.create(SYSTEM_ACTOR, RegionInput.parse(r), META, tx);
      regionPath.set(r.code, row.path);
      regionName.set(r.code, r.name);
      await svc.regions.setPublished(SYSTEM_ACTOR, r.code, { published: true, version: row.version }, META);
    }

    // -- rule profiles: the national profile is the RULE_KEYS defaults; two example overrides ---------------------------
    await svc.rules.createProfile(
      SYSTEM_ACTOR,
      RuleProfileInput.parse({
        code: 'demo-hebei',
        name: '河北省执法规则配置（演示）',
        regionCode: '130000',
        effectiveFrom: '2024-01-01',
        params: { 'legalReview.timeLimitWorkingDays': 7, 'certificate.knowledgeTestCycleYears': 3 },
        note: '演示数据：展示省级配置如何覆盖全国默认值（法制审核时限、法律知识更新考试周期）。数值并非河北省现行规定，正式使用前须依本省地方性法规、规章和规范性文件核实。',
      }),
      META,
    );
    await svc.rules.createProfile(
      SYSTEM_ACTOR,
      RuleProfileInput.parse({
        code: 'demo-market',
        name: '市场监管系统执法规则配置（演示）',
        sector: 'market',
        effectiveFrom: '2024-01-01',
        params: { 'publication.licencePenaltyWorkingDays': 20 },
        note: '演示数据：展示行业配置如何覆盖全国默认值。市场监管部门行政处罚信息的公示期限应以《市场监督管理行政处罚信息公示规定》为准（此处取二十个工作日，系凭记忆设定，未经核实）。',
      }),
      META,
    );

    // -- holiday calendar --------------------------------------------------------------------------------------------------
    for (const y of SHIPPED_CALENDAR_YEARS) {
      const entries = SHIPPED_CALENDAR_ENTRIES.filter((e) => e.date.startsWith(`${y}-`));
      await svc.rules.putYear(SYSTEM_ACTOR, y, { source: `国务院办公厅关于${y}年部分节假日安排的通知`, entries }, META, tx);
    }

    // -- subjects ----------------------------------------------------------------------------------------------------------
    const rs = streams.subjects;
    const usccSeen = new Set<string>();
    const subjectId = new Map<string, string>();
    const subjectPath = new Map<string, string>();
    const county6 = (region: string) => region.slice(0, 6);
    const justiceOf = (region: string) =>
      ({ '130302': 'hgJustice', '130304': 'bdhJustice', '130322': 'clJustice' } as Record<string, string>)[county6(region)] ?? 'cityJustice';
    const entrustSignedOn = addDays(today, -400);
    const entrustmentNo = `昌应急委〔${entrustSignedOn.slice(0, 4)}〕1号`;
    for (const s of SUBJECTS) {
      const kind: SubjectKind = s.role === 'authorised' ? 'authorised' : s.role === 'entrusted' ? 'entrusted' : 'statutory';
      const form: SubjectForm =
        s.role === 'justice' ? 'justice_bureau' : s.role === 'team' ? 'comprehensive_team' : s.role === 'township' ? 'township' : s.role === 'agency' ? 'agency' : 'other';
      const bureauKey = s.role === 'justice' ? (s.key === 'cityJustice' ? null : 'cityJustice') : justiceOf(s.region);
      const streetsKey = s.region === '130300' ? '130300' : county6(s.region);
      const row = await svc.subjects.create(
        SYSTEM_ACTOR,
        SubjectInput.parse({
          name: s.name,
          shortName: s.shortName ?? null,
          uscc: makeUscc(rs, s.role === 'authorised' || s.role === 'entrusted' ? '12' : '11', county6(s.region), usccSeen),
          regionCode: s.region,
          kind,
          form,
          sector: s.sector,
          legalBasis: subjectLegalBasis(s, entrustmentNo),
          supervisingBureauId: bureauKey ? subjectId.get(bureauKey)! : null,
          address: `河北省秦皇岛市${rs.pick(STREETS[streetsKey] ?? STREETS['130300']!)}${rs.int(1, 399)}号`,
          phone: landline(rs),
          officeHours: '周一至周五 8:30—12:00，14:30—17:30（法定节假日除外）',
          complaintPhone: s.sector === 'market' ? '12315' : '12345',
          absorbedPowers:
            s.role === 'team'
              ? TEAM_ABSORBED.map((a) => ({ fromSubjectId: a.fromKey ? subjectId.get(a.fromKey)! : null, fromName: a.fromName, sector: a.sector, scope: a.scope }))
              : [],
        }),
        META,
        tx,
      );
      subjectId.set(s.key, row.id);
      subjectPath.set(row.id, regionPath.get(s.region)!);
      if (!s.unannounced) {
        const announced = await svc.subjects.act(SUPERVISE_ACTOR, row.id, 'announce', { version: row.version }, META);
        await svc.subjects.setPublished(SYSTEM_ACTOR, row.id, { published: true, version: announced.version }, META);
      }
    }
    const sid = (key: string) => subjectId.get(key)!;

    // -- items ---------------------------------------------------------------------------------------------------------------
    const ri = streams.items;
    const counters = new Map<string, number>();
    const nextCode = (abbr: string, cat: ItemCategory) => {
      const k = `${abbr}-${CATEGORY_ABBR[cat]}`;
      const n = (counters.get(k) ?? 0) + 1;
      counters.set(k, n);
      return `HB-${k}-${String(n).padStart(4, '0')}`;
    };
    const inputs: ItemInput[] = [];
    /** (owner key, label) → index in `inputs`, to link entrustment matters to items. */
    const itemIndex = new Map<string, number[]>();
    const add = (owner: string, input: ItemInput) => {
      itemIndex.set(owner, [...(itemIndex.get(owner) ?? []), inputs.length]);
      inputs.push(input);
    };
    const officeOf = (s: SubjectSpec) => `${regionName.get(county6(s.region) === '130300' ? '130300' : county6(s.region))}政务服务中心${s.shortName ?? s.name.replace(/^(秦皇岛市|海港区|北戴河区|昌黎县)/, '')}窗口`;
    const penaltiesOf = (sector: SectorCode) => CATALOGUE[sector]?.penalties ?? [];
    const othersOf = (sector: SectorCode) => CATALOGUE[sector]?.others ?? [];
    const abbrOf = (sector: SectorCode) => CATALOGUE[sector]?.abbr ?? 'ZHZF';

    for (const s of SUBJECTS) {
      const me = sid(s.key);
      if (s.role === 'agency' || s.role === 'justice') {
        // The city transport bureau's items are shared with the highway centre it authorised (公路法 Art.8).
        const owners = s.key === 'cityTransport' ? [me, sid('cityHighway')] : [me];
        if (!s.nonPenaltyOnly) for (const t of penaltiesOf(s.sector)) add(s.key, penaltyItem(ri, t, s.sector, owners, nextCode(abbrOf(s.sector), 'penalty')));
        const others = [...othersOf(s.sector), ...(s.key === 'cityJustice' ? CITY_JUSTICE_EXTRA : [])].filter((t) => !(s.nonPenaltyOnly && t.category === 'inspection'));
        for (const t of others) add(s.key, plainItem(ri, t, s.sector, owners, nextCode(abbrOf(s.sector), t.category), officeOf(s)));
      } else if (s.role === 'team') {
        for (const sector of ABSORBED_SECTORS) {
          for (const t of penaltiesOf(sector)) add(s.key, penaltyItem(ri, t, sector, [me], nextCode(abbrOf(sector), 'penalty')));
          for (const t of othersOf(sector).filter((o) => o.category === 'inspection')) add(s.key, plainItem(ri, t, sector, [me], nextCode(abbrOf(sector), 'inspection'), officeOf(s)));
        }
      } else if (s.role === 'township') {
        add(s.key, penaltyItem(ri, TOWNSHIP_STATUTORY, 'natural_resources', [me], nextCode('ZRZY', 'penalty')));
        if (s.key === 'tsChangli') {
          for (const d of DEVOLVED) {
            const t = penaltiesOf(d.sector)[d.index]!;
            add('devolved', penaltyItem(ri, t, d.sector, [me], nextCode(abbrOf(d.sector), 'penalty')));
          }
        }
      }
    }
    const itemIds = await svc.items.insertMany(tx, SYSTEM_ACTOR, inputs, META);
    // Publish most items (a few stay as drafts, to show the unpublished state). Done in bulk — the same update and
    // change events as items.setPublished, which costs ~5 ms an item on PGlite when called 600 times.
    const toPublish = itemIds.map((id, i) => ({ id, i })).filter(() => !ri.chance(0.04));
    const itemsTable = registryTables.items;
    for (let k = 0; k < toPublish.length; k += 500) {
      const chunk = toPublish.slice(k, k + 500);
      await tx
        .update(itemsTable)
        .set({ published: true, version: sql`${itemsTable.version} + 1`, updatedAt: new Date() })
        .where(inArray(itemsTable.id, chunk.map((c) => c.id)));
    }
    await services.audit.recordChanges(
      tx,
      toPublish.map(({ id, i }) => {
        const first = inputs[i]!.subjectIds[0]!;
        return { actor: SYSTEM_ACTOR, requestId: META.requestId, entityType: 'item', entityId: id, action: 'publish', regionPath: subjectPath.get(first) ?? null, agencyId: first };
      }),
    );

    // -- devolution (赋权, Art.24) and entrustment (委托, Art.20) ---------------------------------------------------------
    const devolvedIdx = itemIndex.get('devolved') ?? [];
    const devolutionSigned = addDays(today, -700);
    await svc.subjects.createEntrustment(
      SYSTEM_ACTOR,
      EntrustmentInput.parse({
        kind: 'devolution',
        principalId: sid('clTeam'),
        agentId: sid('tsChangli'),
        matters: devolvedIdx.map((i) => ({ itemId: itemIds[i]!, description: inputs[i]!.name })),
        powers: '在昌黎镇行政区域内，以昌黎镇人民政府名义行使下列县级行政处罚权及相关的行政检查、行政强制措施权，县综合行政执法局不再行使（《中华人民共和国行政处罚法》第二十四条）',
        agreementNo: `昌政〔${devolutionSigned.slice(0, 4)}〕8号`,
        agreementTitle: '昌黎县人民政府关于向昌黎镇下放部分县级行政执法职权的决定（演示数据）',
        signedOn: devolutionSigned,
        startsOn: addDays(devolutionSigned, 10),
        endsOn: null,
      }),
      META,
      tx,
    );
    const emergencyIdx = (itemIndex.get('clEmergency') ?? []).filter((i) => inputs[i]!.category === 'penalty').slice(6, 12);
    await svc.subjects.createEntrustment(
      SYSTEM_ACTOR,
      EntrustmentInput.parse({
        kind: 'entrustment',
        principalId: sid('clEmergency'),
        agentId: sid('anshanTeam'),
        matters: emergencyIdx.map((i) => ({ itemId: itemIds[i]!, description: `${inputs[i]!.name}（限安山镇辖区内小微企业和“九小场所”）` })),
        powers: '以昌黎县应急管理局名义，在安山镇辖区内对小微企业和“九小场所”实施警告、五千元以下罚款的行政处罚；不得再委托其他组织或者个人（《中华人民共和国行政处罚法》第二十条）',
        agreementNo: entrustmentNo,
        agreementTitle: '昌黎县应急管理局行政处罚委托书（安山镇综合行政执法队）',
        signedOn: entrustSignedOn,
        startsOn: addDays(entrustSignedOn, 5),
        endsOn: addDays(addYears(addDays(entrustSignedOn, 5), 3), -1),
      }),
      META,
      tx,
    );

    // -- officers, certificates, trainings --------------------------------------------------------------------------------
    const rp = streams.people;
    const rc = streams.certs;
    const rt = streams.training;
    const idSeen = new Set<string>();
    const counts = apportion(SUBJECTS.map((s) => s.staff), TOTAL_OFFICERS);
    interface Made {
      id: string;
      key: string;
      name: string;
      personnelType: PersonnelType;
      isLegalReviewer: boolean;
      certId: string | null;
      certExpired: boolean;
      certIssuedOn: string | null;
      protectedUser: boolean;
    }
    const made: Made[] = [];
    let certSerial = 0;
    let certificates = 0;
    const categoriesOf = (s: SubjectSpec): SectorCode[] =>
      s.role === 'team' ? ['comprehensive', ...ABSORBED_SECTORS] : s.role === 'entrusted' ? ['emergency'] : s.key === 'tsChangli' ? ['comprehensive', 'urban'] : [s.sector];

    for (const [si, s] of SUBJECTS.entries()) {
      const n = counts[si]!;
      const reviewers = n >= 6 ? Math.max(1, Math.round(n * 0.08)) : 0;
      for (let k = 0; k < n; k++) {
        const gender: 'M' | 'F' = rp.chance(0.68) ? 'M' : 'F';
        // The demo accounts 'reviewer' and 'officer' are the first two officers of the city market bureau.
        const protectedUser = s.key === 'cityMarket' && k < 2;
        const isLegalReviewer = s.key === 'cityMarket' ? k === 0 || (k >= 2 && k <= reviewers) : k < reviewers;
        const frontline = s.role === 'team' || s.role === 'township' || s.role === 'entrusted' || s.role === 'authorised';
        let personnelType: PersonnelType =
          s.role === 'justice' ? 'civil_servant' : rp.weighted<PersonnelType>(frontline ? [['civil_servant', 20], ['enforcement_staff', 65], ['auxiliary', 15]] : [['civil_servant', 68], ['enforcement_staff', 17], ['auxiliary', 15]]);
        if (isLegalReviewer || protectedUser) personnelType = 'civil_servant';
        const post = isLegalReviewer
          ? rp.pick(POSTS.reviewer)
          : protectedUser
            ? '执法稽查科科长'
            : personnelType === 'auxiliary'
              ? rp.pick(POSTS.auxiliary)
              : s.role === 'justice'
                ? rp.pick(POSTS.justice)
                : s.role === 'township'
                  ? rp.pick(POSTS.township)
                  : personnelType === 'enforcement_staff'
                    ? rp.pick(POSTS.staff)
                    : rp.pick(POSTS.civil);
        const hasLegalQualification = personnelType !== 'auxiliary' && (isLegalReviewer ? protectedUser || rp.chance(0.75) : rp.chance(0.05));
        const idNumber = makeIdNumber(rp, birthplace(rp, county6(s.region)), gender, idSeen);
        const education = personnelType === 'auxiliary' ? rp.pick(['高中', '大学专科', '大学专科', '大学本科']) : rp.weighted([['大学本科', 60], ['硕士研究生', 12], ['大学专科', 25], ['中专', 3]] as const);
        const officer = await svc.officers.create(
          SYSTEM_ACTOR,
          OfficerInput.parse({
            name: personName(rp, gender),
            idNumber,
            agencyId: sid(s.key),
            post,
            personnelType,
            phone: mobile(rp),
            education,
            hasLegalQualification,
            legalQualificationNo: hasLegalQualification ? `A${rp.int(2008, 2022)}${county6(s.region)}${rp.digits(6)}` : null,
            isLegalReviewer,
            onDuty: protectedUser || !rp.chance(0.02),
          }),
          META,
          tx,
        );

        // Enforcement certificate for every non-auxiliary officer; ~5 % past expiry.
        let certId: string | null = null;
        let certExpired = false;
        let certIssuedOn: string | null = null;
        if (personnelType !== 'auxiliary') {
          certExpired = !protectedUser && rc.chance(0.05);
          const issuedOn = certExpired ? addDays(addYears(today, -6), -rc.int(10, 400)) : protectedUser ? addDays(addYears(today, -2), -rc.int(10, 60)) : addDays(today, -rc.int(365, 6 * 365 - 20));
          let reviewed: string | null = null;
          for (let r = addYears(issuedOn, 2); r <= today; r = addYears(r, 2)) reviewed = r;
          certSerial += rc.int(1, 9);
          const cert = await svc.officers.addCertificate(
            SYSTEM_ACTOR,
            officer.id,
            CertificateInput.parse({
              number: `1303${county6(s.region).slice(4, 6)}${String(certSerial).padStart(6, '0')}`,
              credentialType: 'enforcement',
              categories: categoriesOf(s),
              areaCode: s.region,
              issuedBy: '河北省人民政府',
              issuedOn,
              expiresOn: addYears(issuedOn, 6),
              lastReviewedOn: certExpired ? null : reviewed,
            }),
            META,
            tx,
          );
          certificates++;
          certId = cert.id;
          certIssuedOn = issuedOn;
          // Justice-bureau staff of the city also hold a supervision credential (domain-rules PQ7).
          if (s.key === 'cityJustice' && k < 3) {
            certSerial += 1;
            const supervisionIssued = addDays(today, -rc.int(200, 900));
            await svc.officers.addCertificate(
              SYSTEM_ACTOR,
              officer.id,
              CertificateInput.parse({
                number: `JD1303${String(certSerial).padStart(6, '0')}`,
                credentialType: 'supervision',
                categories: ['justice'],
                areaCode: '130300',
                issuedBy: '河北省人民政府',
                issuedOn: supervisionIssued,
                expiresOn: addYears(supervisionIssued, 6),
              }),
              META,
              tx,
            );
            certificates++;
          }
        }

        // Training: this year and last year; ~20 % (this year) fall short of the required hours.
        for (const y of [year - 1, year]) {
          const required = isLegalReviewer ? 30 : 60;
          const short = !protectedUser && rt.chance(y === year ? 0.2 : 0.12);
          const total = short ? Math.max(4, Math.round(required * (0.3 + rt.next() * 0.6))) : required + rt.int(0, Math.round(required * 0.4));
          const parts = splitHours(rt, total, Math.min(total >= 24 ? rt.int(1, 3) : 1, 3));
          const last = y === year ? today : `${y}-12-20`;
          const dates = parts.map(() => dateBetween(rt, `${y}-01-05`, last < `${y}-01-05` ? `${y}-01-05` : last)).sort();
          for (const [p, hours] of parts.entries()) {
            await svc.officers.addTraining(
              SYSTEM_ACTOR,
              officer.id,
              TrainingInput.parse({
                heldOn: dates[p]! > today ? today : dates[p]!,
                title: p === 0 && rt.chance(0.5) ? `${SECTOR_ZH.get(s.sector) ?? ''}领域法律法规专题培训` : rt.pick(TRAINING_TITLES),
                hours,
                organiser: rt.pick(['秦皇岛市司法局', '河北省司法厅', s.name, s.name]),
              }),
              META,
              tx,
            );
          }
        }
        made.push({ id: officer.id, key: s.key, name: officer.name, personnelType, isLegalReviewer, certId, certExpired, certIssuedOn, protectedUser });
      }
    }

    // -- certificate sanctions (~3 % suspended, ~1 % revoked) and assessments ---------------------------------------------
    const certified = made.filter((m) => m.certId && !m.certExpired && !m.protectedUser);
    const sanctioned = rc.shuffle(certified);
    const nSuspend = Math.max(1, Math.round(certificates * 0.03));
    const nRevoke = Math.max(1, Math.round(certificates * 0.01));
    const prev = `${year - 1}-12-${String(rc.int(15, 28)).padStart(2, '0')}`;
    for (const [k, m] of sanctioned.slice(0, nSuspend + nRevoke).entries()) {
      const revoke = k >= nSuspend;
      await svc.officers.addAssessment(SYSTEM_ACTOR, m.id, AssessmentInput.parse({ kind: 'annual', heldOn: prev, result: 'fail', score: rc.int(38, 58), note: '年度考核不合格' }), META);
      if (revoke) {
        await svc.officers.addAssessment(SYSTEM_ACTOR, m.id, AssessmentInput.parse({ kind: 'annual', heldOn: `${year - 2}-12-${String(rc.int(15, 28)).padStart(2, '0')}`, result: 'fail', score: rc.int(38, 58), note: '年度考核不合格' }), META);
        await svc.officers.actOnCertificate(SYSTEM_ACTOR, m.certId!, 'revoke', { reason: '连续两年年度考核不合格，吊销行政执法证件', version: 1 }, META);
      } else {
        await svc.officers.actOnCertificate(SYSTEM_ACTOR, m.certId!, 'suspend', { reason: '年度考核不合格，暂扣行政执法证件，离岗培训考试合格后恢复', until: addDays(today, rc.int(60, 180)), version: 1 }, META);
      }
    }
    // Annual assessments and recent qualification exams for a sample of the others.
    for (const m of sanctioned.slice(nSuspend + nRevoke)) {
      if (rc.chance(0.12)) {
        const result = rc.weighted([['excellent', 20], ['pass', 72], ['basic_pass', 8]] as const);
        const score = result === 'excellent' ? rc.int(90, 99) : result === 'pass' ? rc.int(70, 89) : rc.int(60, 69);
        await svc.officers.addAssessment(SYSTEM_ACTOR, m.id, AssessmentInput.parse({ kind: 'annual', heldOn: prev, result, score, note: null }), META);
      }
      if (m.certIssuedOn && m.certIssuedOn >= addDays(today, -540) && rc.chance(0.5)) {
        await svc.officers.addAssessment(SYSTEM_ACTOR, m.id, AssessmentInput.parse({ kind: 'exam', heldOn: addDays(m.certIssuedOn, -rc.int(20, 45)), result: 'pass', score: rc.int(68, 97), note: '行政执法资格考试' }), META);
      }
    }
    // Publish the enforcement officers (auxiliary staff are not listed publicly) — in bulk, like the items: the same
    // update and change events as officers.setPublished.
    const publishOfficers = made.filter((m) => m.personnelType !== 'auxiliary' && m.certId);
    const officersTable = registryTables.officers;
    for (let k = 0; k < publishOfficers.length; k += 500) {
      const chunk = publishOfficers.slice(k, k + 500);
      await tx
        .update(officersTable)
        .set({ published: true, version: sql`${officersTable.version} + 1`, updatedAt: new Date() })
        .where(inArray(officersTable.id, chunk.map((m) => m.id)));
    }
    await services.audit.recordChanges(
      tx,
      publishOfficers.map((m) => ({ actor: SYSTEM_ACTOR, requestId: META.requestId, entityType: 'officer', entityId: m.id, action: 'publish', regionPath: subjectPath.get(sid(m.key)) ?? null, agencyId: sid(m.key) })),
    );

    // -- users ----------------------------------------------------------------------------------------------------------
    const marketOfficers = made.filter((m) => m.key === 'cityMarket' && m.protectedUser);
    const reviewer = marketOfficers.find((m) => m.isLegalReviewer)!;
    const officer = marketOfficers.find((m) => !m.isLegalReviewer)!;
    const userRows: { username: DemoUsername; displayName: string; agencyKey: string | null; officerId?: string }[] = [
      { username: 'sysadmin', displayName: '系统管理员', agencyKey: null },
      { username: 'secadmin', displayName: '安全管理员', agencyKey: null },
      { username: 'auditor', displayName: '审计管理员', agencyKey: null },
      { username: 'supervisor', displayName: '市司法局执法监督员', agencyKey: 'cityJustice' },
      { username: 'county_supervisor', displayName: '昌黎县司法局执法监督员', agencyKey: 'clJustice' },
      { username: 'supervisor2', displayName: '市司法局执法监督员（二）', agencyKey: 'cityJustice' },
      { username: 'officer', displayName: officer.name, agencyKey: 'cityMarket', officerId: officer.id },
      { username: 'reviewer', displayName: reviewer.name, agencyKey: 'cityMarket', officerId: reviewer.id },
      { username: 'head', displayName: '市市场监管局负责人', agencyKey: 'cityMarket' },
      { username: 'county_head', displayName: '昌黎县市场监管局负责人', agencyKey: 'clMarket' },
      { username: 'dispatcher', displayName: '昌黎县综合执法指挥中心调度员', agencyKey: 'clTeam' },
    ];
    // An account that already exists (same username or id) is left alone rather than failing the whole seed.
    const inserted = await tx.insert(users).values(
      userRows.map((u) => {
        const d = DEMO_USERS[u.username];
        return {
          id: DEMO_USER_IDS[u.username],
          username: u.username,
          displayName: u.displayName,
          passwordHash,
          role: d.role,
          status: 'active',
          agencyId: u.agencyKey ? sid(u.agencyKey) : null,
          regionCode: d.regionCode,
          regionPath: regionPath.get(d.regionCode)!,
          officerId: u.officerId ?? null,
          mustChangePassword: false,
          passwordChangedAt: now,
        };
      }),
    ).onConflictDoNothing().returning({ username: users.username });
    const created = new Set(inserted.map((r) => r.username));
    for (const u of userRows.filter((x) => created.has(x.username))) {
      await services.audit.recordChange(tx, {
        actor: SYSTEM_ACTOR,
        requestId: META.requestId,
        entityType: 'user',
        entityId: DEMO_USER_IDS[u.username],
        action: 'create',
        after: { username: u.username, role: DEMO_USERS[u.username].role, regionCode: DEMO_USERS[u.username].regionCode, agencyId: u.agencyKey ? sid(u.agencyKey) : null },
        regionPath: regionPath.get(DEMO_USERS[u.username].regionCode)!,
      });
    }

    const itemsByCategory: Record<string, number> = {};
    for (const i of inputs) itemsByCategory[i.category] = (itemsByCategory[i.category] ?? 0) + 1;
    return {
      skipped: false,
      regions: REGIONS.length,
      subjects: SUBJECTS.length,
      officers: made.length,
      certificates,
      items: inputs.length,
      itemsByCategory,
      entrustments: 2,
      users: userRows.map((u) => u.username).filter((u) => created.has(u)),
    } satisfies SeedSummary;
  });

  // The app's rule service caches profiles and the calendar; the seed wrote both behind its back.
  services.rules.invalidate();
  return summary;
}
