import type { RegionLevel } from '../registry/enums.ts';

/**
 * Administrative division codes. GB/T 2260: 6 digits, province XX0000, city XXXX00, county XXXXXX. Townships and
 * streets use the 9-digit statistical division code (统计用区划代码): the county code plus 3 digits.
 */

/** GB/T 2260 province-level codes (first two digits). Stable since Chongqing (50) was created in 1997. */
const PROVINCE_PREFIXES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45',
  '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82',
]);

/**
 * The level a code's shape implies, or null when it is malformed (not digits, wrong length, unknown province part,
 * a county part under a 00 city part, or a township part 000).
 */
export function regionLevelOf(code: string): RegionLevel | null {
  if (!/^(\d{6}|\d{9})$/.test(code)) return null;
  if (!PROVINCE_PREFIXES.has(code.slice(0, 2))) return null;
  const city = code.slice(2, 4);
  const county = code.slice(4, 6);
  if (city === '00' && county !== '00') return null;
  if (code.length === 9) {
    if (county === '00' || code.slice(6) === '000') return null;
    return 4;
  }
  if (city === '00') return 1;
  if (county === '00') return 2;
  return 3;
}

const LEVEL_ZH: Record<RegionLevel, string> = { 1: '省级', 2: '市级', 3: '县级', 4: '乡镇（街道）级' };

export function validateRegionCode(
  code: string,
  expectedLevel?: RegionLevel,
): { ok: true; level: RegionLevel } | { ok: false; message: string; messageZh: string } {
  const level = regionLevelOf(code);
  if (level === null) {
    return {
      ok: false,
      message: 'A region code has 6 digits (GB/T 2260) or 9 digits for a township or street.',
      messageZh: '区划代码应为6位（GB/T 2260）或乡镇（街道）9位数字代码。',
    };
  }
  if (expectedLevel !== undefined && level !== expectedLevel) {
    return {
      ok: false,
      message: `Code ${code} is a level-${level} code, not level ${expectedLevel}.`,
      messageZh: `区划代码${code}为${LEVEL_ZH[level]}代码，不是${LEVEL_ZH[expectedLevel]}。`,
    };
  }
  return { ok: true, level };
}

/**
 * The parent code by the prefix rule (township → county, county → XXXX00, city → XX0000, province → null).
 * Caveat: this is only the natural parent. Province-administered county-level units (省直辖县级行政单位, e.g.
 * 仙桃市 429004) sit under a pseudo-city code (429000) that is not a real city, and 市辖区/直辖市 arrangements vary,
 * so the registry stores each region's parent as data and uses this only as a default.
 */
export function parentRegionCodeOf(code: string): string | null {
  const level = regionLevelOf(code);
  switch (level) {
    case 4:
      return code.slice(0, 6);
    case 3:
      return `${code.slice(0, 4)}00`;
    case 2:
      return `${code.slice(0, 2)}0000`;
    default:
      return null;
  }
}
