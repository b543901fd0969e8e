/**
 * Chinese number and date wording for documents: the uppercase amount (大写金额) printed next to every fine, numerals
 * in legal wording (“六十日”, “六个月”) and document dates.
 */

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const SMALL_UNITS = ['', '拾', '佰', '仟'];
const GROUP_UNITS = ['', '万', '亿'];
/** 9999 亿 9999 万 9999 元 9 角 9 分: beyond any fine; larger values are refused rather than misprinted. */
const MAX_FEN = 999_999_999_999_99;

/** One group of up to four digits (1–9999): inner zeros collapse to one 零, trailing zeros are dropped. */
function groupToUpper(n: number): string {
  let out = '';
  let pendingZero = false;
  for (let pos = 3; pos >= 0; pos--) {
    const d = Math.floor(n / 10 ** pos) % 10;
    if (d === 0) {
      if (out) pendingZero = true;
      continue;
    }
    if (pendingZero) out += '零';
    pendingZero = false;
    out += DIGITS[d]! + SMALL_UNITS[pos]!;
  }
  return out;
}

function integerToUpper(n: number): string {
  if (n === 0) return '';
  const groups: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 10_000)) groups.push(v % 10_000);
  let out = '';
  let skipped = false;
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i]!;
    if (g === 0) {
      if (out) skipped = true;
      continue;
    }
    // A gap of a whole group (壹亿零壹万) or a group below a thousand (壹万零伍佰) is read with one 零.
    if (out && (skipped || g < 1000)) out += '零';
    skipped = false;
    out += groupToUpper(g) + GROUP_UNITS[i]!;
  }
  return out;
}

/**
 * The amount in Chinese uppercase as written on financial and enforcement documents (中文大写金额, 《支付结算办法》
 * 附件一 《正确填写票据和结算凭证的基本规定》): 2000 → 贰仟元整, 1234.5 → 壹仟贰佰叁拾肆元伍角, 325.04 → 叁佰贰拾伍元零肆分,
 * 100010 → 壹拾万零壹拾元整, 0 → 零元整. "整" follows 元 only; a 零 is written after 元 when the 角 is zero but the 分
 * is not (both as the rules require); the amount is rounded to the 分.
 */
export function amountInChineseUppercase(yuan: number): string {
  if (typeof yuan !== 'number' || !Number.isFinite(yuan) || yuan < 0) throw new RangeError(`Not a non-negative amount: ${yuan}`);
  const fen = Math.round(yuan * 100);
  if (fen > MAX_FEN) throw new RangeError(`Amount too large for uppercase wording: ${yuan}`);
  const integer = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const fenDigit = fen % 10;
  if (fen === 0) return '零元整';
  let out = integer > 0 ? `${integerToUpper(integer)}元` : '';
  if (jiao === 0 && fenDigit === 0) return `${out}整`;
  if (jiao > 0) out += `${DIGITS[jiao]}角`;
  else if (integer > 0) out += '零';
  if (fenDigit > 0) out += `${DIGITS[fenDigit]}分`;
  return out;
}

/** ¥2,000.00 */
export function formatYuan(yuan: number): string {
  return `¥${yuan.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** “罚款人民币贰仟元整（¥2,000.00）”: the wording used for every amount in a document. */
export function amountPhrase(yuan: number): string {
  return `人民币${amountInChineseUppercase(yuan)}（${formatYuan(yuan)}）`;
}

const NUMERALS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** Small integers in ordinary Chinese numerals for legal wording: 5 → 五, 15 → 十五, 60 → 六十, 105 → 一百零五. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) throw new RangeError(`chineseNumeral supports 0–9999, got ${n}`);
  if (n < 10) return NUMERALS[n]!;
  if (n < 20) return `十${n % 10 ? NUMERALS[n % 10] : ''}`;
  const units = ['', '十', '百', '千'];
  let out = '';
  let pendingZero = false;
  for (let pos = 3; pos >= 0; pos--) {
    const d = Math.floor(n / 10 ** pos) % 10;
    if (d === 0) {
      if (out) pendingZero = true;
      continue;
    }
    if (pendingZero) out += '零';
    pendingZero = false;
    out += NUMERALS[d]! + units[pos]!;
  }
  return out;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/**
 * A document date as GB/T 9704-2012 §7.3.5 writes the 成文日期: Arabic numerals, year, month and day in full, no
 * leading zeros (2026年3月5日). Accepts `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm` (then with 时/分, for records).
 */
export function chineseDate(s: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(s);
  if (!m) throw new RangeError(`Not a date: ${s}`);
  const date = `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
  return m[4] === undefined ? date : `${date}${Number(m[4])}时${m[5]}分`;
}

/** The blank date line of a signature box (“年 月 日” with ideographic spaces), printed when an approver has not signed yet. */
export const BLANK_DATE = '\u3000\u3000年\u3000\u3000月\u3000\u3000日';
