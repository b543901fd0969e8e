import { AppError } from '../errors/index.ts';
import { isRuleKey, RULE_KEY_LIST, RULE_KEYS, type RuleKey, type RuleKeySpec, type RuleValues } from './rule-keys.ts';

/** A set of rule values for a region (null = national), a sector (null = all sectors) and a validity window. */
export interface RuleProfile {
  id: string;
  code: string;
  name: string;
  regionCode: string | null;
  sector: string | null;
  effectiveFrom: string;
  /** Exclusive; null = open-ended. */
  effectiveTo: string | null;
  params: Record<string, unknown>;
}

export interface RuleSource {
  profileId: string | null;
  profileCode: string;
}

export interface ResolvedRules {
  values: RuleValues;
  sources: Record<RuleKey, RuleSource>;
}

/** Source code reported for values that no profile overrides (the catalogue default in RULE_KEYS). */
export const BUILTIN_RULE_PROFILE_CODE = 'builtin';

export type RuleParamIssue = { key: string; message: string; messageZh: string };

function checkValue(key: string, spec: RuleKeySpec, v: unknown): RuleParamIssue | null {
  if (spec.type === 'number') {
    if (typeof v !== 'number' || !Number.isFinite(v)) return { key, message: `${key} must be a number.`, messageZh: `${key}须为数字。` };
    if (spec.integer && !Number.isInteger(v)) return { key, message: `${key} must be a whole number.`, messageZh: `${key}须为整数。` };
    if ((spec.min !== undefined && v < spec.min) || (spec.max !== undefined && v > spec.max)) {
      const range = `${spec.min ?? '-∞'}…${spec.max ?? '∞'}`;
      return { key, message: `${key} must be within ${range}.`, messageZh: `${key}须在${range}范围内。` };
    }
    return null;
  }
  if (typeof v !== spec.type) return { key, message: `${key} must be a ${spec.type}.`, messageZh: `${key}类型错误，应为${spec.type === 'boolean' ? '布尔值' : '文本'}。` };
  return null;
}

/** Refuse unknown keys and values of the wrong type or out of range, so a typo cannot silently not apply. */
export function validateRuleParams(params: Record<string, unknown>): { ok: true } | { ok: false; issues: RuleParamIssue[] } {
  const issues: RuleParamIssue[] = [];
  for (const [key, v] of Object.entries(params)) {
    if (!isRuleKey(key)) {
      issues.push({ key, message: `Unknown rule parameter ${key}.`, messageZh: `未知的规则参数${key}。` });
      continue;
    }
    const issue = checkValue(key, RULE_KEYS[key], v);
    if (issue) issues.push(issue);
  }
  return issues.length ? { ok: false, issues } : { ok: true };
}

/**
 * The rule values in force for a place, sector and date, with the profile each value came from.
 *
 * Nearly every national figure yields to "法律、法规、规章另有规定的，从其规定", so local and sector texts override
 * the national default (domain-rules §0). Precedence, later wins:
 *   catalogue default < profiles ordered by region depth (national 0, province 1, city 2, …), then sector-neutral
 *   before sector-specific, then effectiveFrom (a newer text replaces an older one at the same level), then code
 *   (only to make ties deterministic).
 * A profile applies when its region is null or on `regionPath`, its sector is null or equals `sector`, and
 * effectiveFrom ≤ date < effectiveTo.
 * Keys no longer in the catalogue are ignored (old profiles outlive renamed keys); a value of the wrong type is data
 * corruption (profiles are validated on write) and throws rather than being guessed around.
 */
export function resolveRules(
  profiles: RuleProfile[],
  ctx: { regionPath: string[]; sector: string | null; date: string },
): ResolvedRules {
  const depthOf = (regionCode: string | null) => (regionCode === null ? 0 : ctx.regionPath.indexOf(regionCode) + 1);
  const applicable = profiles
    .filter(
      (p) =>
        (p.regionCode === null || ctx.regionPath.includes(p.regionCode)) &&
        (p.sector === null || p.sector === ctx.sector) &&
        p.effectiveFrom <= ctx.date &&
        (p.effectiveTo === null || ctx.date < p.effectiveTo),
    )
    .sort(
      (a, b) =>
        depthOf(a.regionCode) - depthOf(b.regionCode) ||
        Number(a.sector !== null) - Number(b.sector !== null) ||
        a.effectiveFrom.localeCompare(b.effectiveFrom) ||
        a.code.localeCompare(b.code),
    );

  const values = {} as Record<RuleKey, unknown>;
  const sources = {} as Record<RuleKey, RuleSource>;
  for (const key of RULE_KEY_LIST) {
    values[key] = RULE_KEYS[key].default;
    sources[key] = { profileId: null, profileCode: BUILTIN_RULE_PROFILE_CODE };
  }
  for (const p of applicable) {
    for (const [key, v] of Object.entries(p.params)) {
      if (!isRuleKey(key)) continue;
      const issue = checkValue(key, RULE_KEYS[key], v);
      if (issue) throw new AppError('INTERNAL', { details: { profileCode: p.code, key, problem: issue.message } });
      values[key] = v;
      sources[key] = { profileId: p.id, profileCode: p.code };
    }
  }
  return { values: values as RuleValues, sources };
}

/** Typed access to one resolved value. */
export function ruleValue<K extends RuleKey>(resolved: ResolvedRules, key: K): RuleValues[K] {
  return resolved.values[key];
}
