/**
 * Display masks for personal data (domain-rules §15 PR3, 个人信息保护法 Art.28). No retrieved source fixes the
 * patterns (domain-rules §19 item 9: [U]), so they are centralised here, to change in one place when a local rule
 * sets them. Lengths are counted in characters (code points); the output has as many characters as the input.
 */

const MASK = '*';

/** Keep `head` leading and `tail` trailing characters; mask everything if that would leave nothing masked. */
function keepEnds(s: string, head: number, tail: number): string {
  const chars = [...s];
  if (chars.length <= head + tail) return MASK.repeat(chars.length);
  return chars.map((c, i) => (i < head || i >= chars.length - tail ? c : MASK)).join('');
}

/** ID numbers: first 4 and last 4 ('1101**********002X'). 8 characters or fewer → all '*', or nothing would be hidden. */
export function maskIdNumber(s: string): string {
  return keepEnds(s, 4, 4);
}

/**
 * Mainland mobile numbers (11 digits starting with 1): first 3 and last 4 ('138****5678'). Any other number
 * (landline, with area code or prefix): last 4 only; below 8 characters → all '*', since 4 would reveal most of it.
 */
export function maskPhone(s: string): string {
  if (/^1\d{10}$/.test(s)) return keepEnds(s, 3, 4);
  return [...s].length < 8 ? MASK.repeat([...s].length) : keepEnds(s, 0, 4);
}

/** Names: the first character only ('张*', '欧阳**'); a one-character value is returned as is. */
export function maskName(s: string): string {
  const chars = [...s];
  return chars.length <= 1 ? s : chars[0] + MASK.repeat(chars.length - 1);
}

/** Bank accounts: last 4 only; below 8 characters → all '*'. */
export function maskBankAccount(s: string): string {
  return [...s].length < 8 ? MASK.repeat([...s].length) : keepEnds(s, 0, 4);
}
