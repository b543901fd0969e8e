/**
 * Redaction of a decision before publication (domain-rules §15 PR3; 政府信息公开条例 Art.15; 个人信息保护法 Art.25, 28).
 * It runs on the published copy only; the case and its served decision stay as they are. Patterns are deliberately
 * greedy: a number that merely looks like an ID, phone or bank card is hidden, because publishing a real one cannot be
 * undone while hiding a harmless one costs nothing. The masks reuse the display masks in ../masking, so a number looks
 * the same on the portal and in the back office.
 */
import { maskBankAccount, maskIdNumber, maskPhone } from '../masking/masking.ts';

export type RedactionKind = 'id_number' | 'mobile' | 'landline' | 'bank_card' | 'person_name' | 'address' | 'trade_secret' | 'privacy';

export interface RedactionSpan {
  kind: RedactionKind;
  /** Offsets in the input text (UTF-16 code units), end exclusive. */
  start: number;
  end: number;
}

export interface RedactionContext {
  /** Natural persons whose names must not appear (the party if an individual, legal representatives, witnesses…). */
  personNames?: readonly string[];
  /** Natural persons' addresses (住址), hidden wherever they occur (内蒙古办法 Art.10; 浙江 Art.7). */
  addresses?: readonly string[];
  /** Passages the officer marked as trade secrets (商业秘密, 政府信息公开条例 Art.15). */
  tradeSecrets?: readonly string[];
  /** Passages a reviewer marked as personal privacy (个人隐私, 政府信息公开条例 Art.15; 个人信息保护法 Art.25). */
  privacyPassages?: readonly string[];
}

export interface Redacted {
  text: string;
  spans: RedactionSpan[];
}

export const TRADE_SECRET_PLACEHOLDER = '【涉及商业秘密，已隐去】';
export const ADDRESS_PLACEHOLDER = '【住址已隐去】';
export const PRIVACY_PLACEHOLDER = '【涉及个人隐私，已隐去】';

/**
 * Natural person → surname + 某某 ('张某某'). Two-character compound surnames (欧阳, 司马…) keep both characters; a
 * non-Chinese name keeps its initial. The length is not kept on purpose: '张某某' must not tell '张三' from '张三丰'.
 */
const COMPOUND_SURNAMES = new Set(['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐', '司徒', '夏侯', '长孙', '宇文', '轩辕', '端木', '独孤', '南宫', '西门', '万俟', '闻人', '澹台', '公冶', '宗政', '濮阳', '太叔', '申屠', '钟离']);
export function maskPersonName(name: string): string {
  const s = name.trim();
  const chars = [...s];
  if (chars.length === 0) return '';
  if (!/\p{Script=Han}/u.test(chars[0]!)) return `${chars[0]}.`;
  const surname = chars.length >= 3 && COMPOUND_SURNAMES.has(chars.slice(0, 2).join('')) ? chars.slice(0, 2).join('') : chars[0]!;
  return `${surname}某某`;
}

/** Luhn (ISO/IEC 7812-1) check over a digit string: how bank card numbers (GB/T 19584 / UnionPay) end. */
export function isLuhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/*
 * Number patterns. Each is anchored so that it does not start or end inside a longer run of digits: a run is
 * classified as a whole. Separators inside phone and card numbers (space, hyphen) are allowed as people write them.
 *   - ID (GB 11643): 17 digits + digit/X (18), or the first-generation 15 digits. The check digit is NOT required —
 *     a mistyped ID number is still personal data.
 *   - mobile: 1[3-9] + 9 digits, optionally +86/86 and written 3-4-4.
 *   - landline: 0 + 2-3 digit area code, separator, 7-8 digits; or (0xx) form; or a bare 7-8 digit number after 电话/
 *     联系方式 (handled by the labelled pattern).
 *   - bank card: 16-19 digits (spaces/hyphens between groups allowed); hidden when Luhn-valid, and any run of 16+
 *     digits is hidden anyway as an account number (organisations' and persons' bank accounts, PR3).
 */
const D = '(?<![0-9])';
const E = '(?![0-9])';
const PATTERNS: { kind: RedactionKind; re: RegExp }[] = [
  { kind: 'bank_card', re: new RegExp(`${D}\\d{4}(?:[ -]\\d{4}){3}(?:[ -]?\\d{1,3})?${E}`, 'g') },
  { kind: 'id_number', re: new RegExp(`${D}(?:\\d{17}[0-9Xx]|\\d{15})(?![0-9A-Za-z])`, 'g') },
  { kind: 'bank_card', re: new RegExp(`${D}\\d{16,30}${E}`, 'g') },
  { kind: 'mobile', re: new RegExp(`${D}(?:\\+?86[ -]?)?1[3-9]\\d(?:[ -]?\\d{4}){2}${E}`, 'g') },
  { kind: 'landline', re: new RegExp(`${D}(?:\\(0\\d{2,3}\\)|0\\d{2,3}[ -]|0\\d{2,3})\\d{7,8}(?:[-转]\\d{1,5})?${E}`, 'g') },
  { kind: 'landline', re: /(?<=(?:电话|联系方式|手机|联系电话|Tel|TEL)[:：\s]*)\d{7,8}(?![0-9])/g },
  // Other long digit runs (account, property-certificate numbers, 12+ digits) are hidden too (PR3).
  { kind: 'bank_card', re: new RegExp(`${D}\\d{12,}${E}`, 'g') },
];

function maskNumber(kind: RedactionKind, s: string): string {
  const compact = s.replace(/[ -]/g, '');
  switch (kind) {
    case 'id_number':
      return maskIdNumber(compact);
    case 'mobile':
    case 'landline':
      return maskPhone(compact.replace(/^\+?86(?=1)/, ''));
    default:
      return maskBankAccount(compact);
  }
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Hit {
  kind: RedactionKind;
  start: number;
  end: number;
  replacement: string;
}

/** Apply non-overlapping hits; the spans returned are where each replacement sits in the output. */
function applyHits(input: string, hits: Hit[]): Redacted {
  hits.sort((a, b) => a.start - b.start);
  let text = '';
  let at = 0;
  const spans: RedactionSpan[] = [];
  for (const h of hits) {
    text += input.slice(at, h.start);
    spans.push({ kind: h.kind, start: text.length, end: text.length + h.replacement.length });
    text += h.replacement;
    at = h.end;
  }
  return { text: text + input.slice(at), spans };
}

/**
 * Redact one text in two passes. First the literal passages (trade secrets, whole; then addresses; then names — longer
 * first, so a secret that contains a name is hidden whole). Then the number patterns run over that result, so a
 * number cut by a hidden passage is still classified by what is left of it. Spans are positions in the output.
 */
export function redactText(input: string, ctx: RedactionContext = {}): Redacted {
  const literal: Hit[] = [];
  const overlaps = (hits: Hit[], s: number, e: number) => hits.some((h) => s < h.end && e > h.start);
  const addLiteral = (kind: RedactionKind, needle: string, replacement: string) => {
    const n = needle.trim();
    if (!n) return;
    for (const m of input.matchAll(new RegExp(escapeRe(n), 'g'))) {
      const start = m.index;
      const end = start + m[0].length;
      if (!overlaps(literal, start, end)) literal.push({ kind, start, end, replacement });
    }
  };
  const byLength = (xs: readonly string[] | undefined) => [...(xs ?? [])].sort((a, b) => b.length - a.length);
  for (const s of byLength(ctx.tradeSecrets)) addLiteral('trade_secret', s, TRADE_SECRET_PLACEHOLDER);
  for (const s of byLength(ctx.privacyPassages)) addLiteral('privacy', s, PRIVACY_PLACEHOLDER);
  for (const a of byLength(ctx.addresses)) addLiteral('address', a, ADDRESS_PLACEHOLDER);
  for (const n of byLength(ctx.personNames)) {
    // A one-character "name" would hide every occurrence of that character: such a name is not matched in free text.
    if ([...n.trim()].length >= 2) addLiteral('person_name', n, maskPersonName(n));
  }
  let current = applyHits(input, literal);

  // The masks keep a few digits visible; next to what follows they could form a new number ('…0010' + '-0000000').
  // Repeat the number pass until nothing matches (each pass only removes digits, so this ends).
  for (let pass = 0; pass < 5; pass++) {
    const numbers: Hit[] = [];
    for (const { kind, re } of PATTERNS) {
      for (const m of current.text.matchAll(re)) {
        const start = m.index;
        const end = start + m[0].length;
        const replacement = maskNumber(kind, m[0]);
        if (replacement !== m[0] && !overlaps(numbers, start, end)) numbers.push({ kind, start, end, replacement });
      }
    }
    if (numbers.length === 0) break;
    const next = applyHits(current.text, numbers);
    // Move earlier spans through this pass (numbers never overlap placeholders: those hold no digits).
    const shifted = current.spans
      .filter((s) => !numbers.some((h) => s.start < h.end && s.end > h.start))
      .map((s) => {
        let delta = 0;
        for (const h of numbers) if (h.end <= s.start) delta += h.replacement.length - (h.end - h.start);
        return { ...s, start: s.start + delta, end: s.end + delta };
      });
    current = { text: next.text, spans: [...shifted, ...next.spans].sort((a, b) => a.start - b.start) };
  }
  return current;
}

/**
 * Detectors used by tests and by the public-endpoint sweep: does any personal number still appear? They match the
 * patterns a reader would recognise (a Luhn-valid card, a mobile number, an 18/15-digit ID), regardless of masking.
 */
export function findPersonalNumbers(text: string): { kind: RedactionKind; value: string }[] {
  const found: { kind: RedactionKind; value: string }[] = [];
  for (const m of text.matchAll(/(?<![0-9])(\d{17}[0-9Xx]|\d{15})(?![0-9])/g)) found.push({ kind: 'id_number', value: m[0] });
  for (const m of text.matchAll(/(?<![0-9])1[3-9]\d{9}(?![0-9])/g)) found.push({ kind: 'mobile', value: m[0] });
  for (const m of text.matchAll(/(?<![0-9])0\d{2,3}-\d{7,8}(?![0-9])/g)) found.push({ kind: 'landline', value: m[0] });
  for (const m of text.matchAll(/(?<![0-9])\d{16,19}(?![0-9])/g)) if (isLuhnValid(m[0])) found.push({ kind: 'bank_card', value: m[0] });
  return found;
}
