/**
 * Citizen identity number (公民身份号码), GB 11643-1999: 6-digit address code (GB/T 2260), 8-digit birth date
 * YYYYMMDD, 3-digit sequence (odd = male, even = female), 1 check character per ISO 7064 MOD 11-2.
 */

export type IdNumberResult =
  | { ok: true; birthDate: string; gender: 'M' | 'F'; regionCode: string }
  | { ok: false; reason: 'format' | 'checksum' | 'birthdate'; message: string; messageZh: string };

// ISO 7064 MOD 11-2 weights are 2^(17-i) mod 11 for positions i = 0..16.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
// Check character for each value of (sum mod 11); 10 is written as 'X'.
const CHECK_CHARS = '10X98765432';

/** The check character (0-9 or 'X') for the first 17 digits. Throws RangeError if the input is not 17 digits. */
export function idNumberCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('idNumberCheckDigit needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Today's date in China (UTC+8, no DST), as YYYY-MM-DD: a birth date is "in the future" by China's calendar. */
function chinaToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

function isRealDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/**
 * Validate an 18-character citizen ID number. A lowercase 'x' is accepted and normalised. The address code is
 * returned but not checked against the region table: codes of abolished counties stay valid in issued numbers.
 */
export function validateIdNumber(s: string, now: Date = new Date()): IdNumberResult {
  const v = s.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(v)) {
    return { ok: false, reason: 'format', message: 'An ID number has 17 digits followed by a digit or X.', messageZh: '身份证号码应为17位数字加1位数字或X。' };
  }
  if (idNumberCheckDigit(v.slice(0, 17)) !== v[17]) {
    return { ok: false, reason: 'checksum', message: 'The ID number check digit is wrong.', messageZh: '身份证号码校验位错误。' };
  }
  const y = Number(v.slice(6, 10));
  const m = Number(v.slice(10, 12));
  const d = Number(v.slice(12, 14));
  const birthDate = `${v.slice(6, 10)}-${v.slice(10, 12)}-${v.slice(12, 14)}`;
  if (y < 1900 || !isRealDate(y, m, d) || birthDate > chinaToday(now)) {
    return { ok: false, reason: 'birthdate', message: 'The birth date in the ID number is not valid.', messageZh: '身份证号码中的出生日期无效。' };
  }
  return { ok: true, birthDate, gender: Number(v[16]) % 2 === 1 ? 'M' : 'F', regionCode: v.slice(0, 6) };
}
