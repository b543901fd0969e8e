import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/index.ts';
import { BUILTIN_RULE_PROFILE_CODE, resolveRules, ruleValue, validateRuleParams, type RuleProfile } from './profiles.ts';
import { RULE_KEY_LIST, RULE_KEYS } from './rule-keys.ts';

let seq = 0;
function profile(overrides: Partial<RuleProfile>): RuleProfile {
  seq += 1;
  return { id: `p${seq}`, code: `p${seq}`, name: `profile ${seq}`, regionCode: null, sector: null, effectiveFrom: '2020-01-01', effectiveTo: null, params: {}, ...overrides };
}

// Hebei → Qinhuangdao → Haigang district.
const PATH = ['130000', '130300', '130302'];
const ctx = (over: Partial<{ regionPath: string[]; sector: string | null; date: string }> = {}) => ({ regionPath: PATH, sector: 'market', date: '2026-06-15', ...over });

describe('resolveRules: defaults', () => {
  it('with no profiles every key has its catalogue default and the builtin source', () => {
    const r = resolveRules([], ctx());
    for (const key of RULE_KEY_LIST) {
      expect(r.values[key]).toBe(RULE_KEYS[key].default);
      expect(r.sources[key]).toEqual({ profileId: null, profileCode: BUILTIN_RULE_PROFILE_CODE });
    }
    expect(ruleValue(r, 'training.annualHours')).toBe(60);
  });
});

describe('resolveRules: precedence (later wins)', () => {
  const national = profile({ code: 'national', params: { 'training.annualHours': 50 } });
  const nationalMarket = profile({ code: 'national-market', sector: 'market', params: { 'training.annualHours': 55 } });
  const province = profile({ code: 'hebei', regionCode: '130000', params: { 'training.annualHours': 45 } });
  const provinceMarket = profile({ code: 'hebei-market', regionCode: '130000', sector: 'market', params: { 'training.annualHours': 44 } });
  const city = profile({ code: 'qhd', regionCode: '130300', params: { 'training.annualHours': 40 } });
  const cityNewer = profile({ code: 'qhd-2025', regionCode: '130300', effectiveFrom: '2025-01-01', params: { 'training.annualHours': 42 } });
  const otherCity = profile({ code: 'langfang', regionCode: '131000', params: { 'training.annualHours': 30 } });
  const otherSector = profile({ code: 'hebei-transport', regionCode: '130000', sector: 'transport', params: { 'training.annualHours': 20 } });

  it.each([
    ['national only', [national], 50, 'national'],
    ['national sector beats national', [nationalMarket, national], 55, 'national-market'],
    ['province beats national sector', [province, nationalMarket, national], 45, 'hebei'],
    ['province sector beats province', [provinceMarket, province], 44, 'hebei-market'],
    ['city beats province sector', [city, provinceMarket, province, national], 40, 'qhd'],
    ['newer text at the same level wins', [cityNewer, city], 42, 'qhd-2025'],
    ['another city never applies', [otherCity, province], 45, 'hebei'],
    ['another sector never applies', [otherSector, national], 50, 'national'],
  ] as [string, RuleProfile[], number, string][])('%s', (_name, profiles, value, code) => {
    const r = resolveRules(profiles, ctx());
    expect(r.values['training.annualHours']).toBe(value);
    expect(r.sources['training.annualHours'].profileCode).toBe(code);
    // Input order must not matter.
    expect(resolveRules([...profiles].reverse(), ctx()).values['training.annualHours']).toBe(value);
  });

  it('overrides key by key: a deeper profile that does not set a key leaves the shallower value', () => {
    const r = resolveRules([profile({ code: 'hebei2', regionCode: '130000', params: { 'limitation.years': 3 } }), city], ctx());
    expect(r.values['limitation.years']).toBe(3);
    expect(r.sources['limitation.years'].profileCode).toBe('hebei2');
    expect(r.values['training.annualHours']).toBe(40);
    expect(r.values['penalty.caseDecisionDays']).toBe(90);
    expect(r.sources['penalty.caseDecisionDays'].profileId).toBeNull();
  });

  it('a sector-specific profile does not apply when no sector is given', () => {
    expect(resolveRules([nationalMarket, national], ctx({ sector: null })).values['training.annualHours']).toBe(50);
  });

  it('reports the profile id as the source', () => {
    expect(resolveRules([city], ctx()).sources['training.annualHours']).toEqual({ profileId: city.id, profileCode: 'qhd' });
  });

  it('ignores keys that are no longer in the catalogue', () => {
    expect(resolveRules([profile({ params: { 'retired.key': 1, 'limitation.years': 3 } })], ctx()).values['limitation.years']).toBe(3);
  });

  it('throws on a stored value of the wrong type instead of guessing', () => {
    expect(() => resolveRules([profile({ params: { 'limitation.years': 'three' } })], ctx())).toThrow(AppError);
  });
});

describe('resolveRules: effective dates [effectiveFrom, effectiveTo)', () => {
  const p2024 = profile({ code: 'v2024', regionCode: '130000', effectiveFrom: '2024-01-01', effectiveTo: '2025-01-01', params: { 'training.annualHours': 40 } });
  const p2025 = profile({ code: 'v2025', regionCode: '130000', effectiveFrom: '2025-01-01', effectiveTo: null, params: { 'training.annualHours': 48 } });

  it.each([
    ['2023-12-31', 60, BUILTIN_RULE_PROFILE_CODE],
    ['2024-01-01', 40, 'v2024'], // from is inclusive
    ['2024-12-31', 40, 'v2024'],
    ['2025-01-01', 48, 'v2025'], // to is exclusive
    ['2099-01-01', 48, 'v2025'], // null = open-ended
  ])('on %s → %i (%s)', (date, value, code) => {
    const r = resolveRules([p2024, p2025], ctx({ date }));
    expect(r.values['training.annualHours']).toBe(value);
    expect(r.sources['training.annualHours'].profileCode).toBe(code);
  });
});

describe('validateRuleParams', () => {
  it.each([
    [{}],
    [{ 'training.annualHours': 40 }],
    [{ 'training.annualHours': 40.5, 'legalReviewer.minRatioOfOfficers': 0.1 }],
    [{ 'hearing.largeFineOrganisation': 50000 }],
  ])('accepts %j', (params) => {
    expect(validateRuleParams(params)).toEqual({ ok: true });
  });

  it.each([
    [{ 'training.annualHour': 40 }, 'training.annualHour', /Unknown/],
    [{ 'training.annualHours': '40' }, 'training.annualHours', /number/],
    [{ 'training.annualHours': Number.NaN }, 'training.annualHours', /number/],
    [{ 'training.annualHours': null }, 'training.annualHours', /number/],
    [{ 'limitation.years': 2.5 }, 'limitation.years', /whole/],
    [{ 'simplified.maxFineIndividual': -1 }, 'simplified.maxFineIndividual', /within/],
    [{ 'legalReviewer.minRatioOfOfficers': 5 }, 'legalReviewer.minRatioOfOfficers', /within/],
    [{ constructor: 1 }, 'constructor', /Unknown/], // prototype names are not keys
  ])('refuses %j', (params, key, message) => {
    const r = validateRuleParams(params);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues).toHaveLength(1);
      expect(r.issues[0]!.key).toBe(key);
      expect(r.issues[0]!.message).toMatch(message);
      expect(r.issues[0]!.messageZh.length).toBeGreaterThan(0);
    }
  });

  it('lists every issue', () => {
    const r = validateRuleParams({ a: 1, b: 2, 'limitation.years': 'x' });
    expect(r.ok ? [] : r.issues.map((i) => i.key)).toEqual(['a', 'b', 'limitation.years']);
  });
});
