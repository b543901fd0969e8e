/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: position 1 registration department (登记管理部门),
 * position 2 organisation category (机构类别), positions 3–8 registration authority's region code (GB/T 2260),
 * positions 9–17 the organisation code body, position 18 a MOD 31 check character.
 */

/** GB 32100-2015 character set: digits and capital letters without I, O, Z, S, V (easily confused). */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export type UsccResult =
  | { ok: true; regionCode: string }
  | { ok: false; reason: 'format' | 'charset' | 'checksum'; message: string; messageZh: string };

/** The check character for the first 17 characters. Throws RangeError on wrong length or characters. */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError('usccCheckChar needs exactly 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARSET.indexOf(first17[i]!);
    if (v < 0) throw new RangeError(`usccCheckChar: '${first17[i]}' is not in the GB 32100 character set`);
    sum += v * WEIGHTS[i]!;
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31]!;
}

/**
 * Validate an 18-character code (callers upper-case it first). Positions 1 and 2 are only checked against the
 * character set: the registration-department list has grown since 2015, and rejecting a real code is worse than
 * accepting an unusual department letter, which the check character still guards.
 */
export function validateUscc(s: string): UsccResult {
  if (s.length !== 18) {
    return { ok: false, reason: 'format', message: 'A unified social credit code has 18 characters.', messageZh: '统一社会信用代码应为18位。' };
  }
  for (const ch of s) {
    if (!USCC_CHARSET.includes(ch)) {
      return {
        ok: false,
        reason: 'charset',
        message: `'${ch}' is not allowed (digits and capital letters except I, O, Z, S, V).`,
        messageZh: `字符“${ch}”不允许（仅限数字和除I、O、Z、S、V以外的大写字母）。`,
      };
    }
  }
  if (!/^\d{6}$/.test(s.slice(2, 8))) {
    return { ok: false, reason: 'format', message: 'Positions 3–8 must be the 6-digit region code.', messageZh: '第3至8位应为6位行政区划代码。' };
  }
  if (usccCheckChar(s.slice(0, 17)) !== s[17]) {
    return { ok: false, reason: 'checksum', message: 'The check character is wrong.', messageZh: '统一社会信用代码校验位错误。' };
  }
  return { ok: true, regionCode: s.slice(2, 8) };
}
