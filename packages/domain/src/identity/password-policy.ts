/**
 * Password policy. GB/T 22239-2019 (等保2.0) 8.1.4.1 a) requires identity authentication with complexity
 * requirements and periodic replacement; it sets no figures, so these defaults are configurable by the security
 * administrator (三员分立).
 */
export interface PasswordPolicy {
  minLength: number;
  /** How many of the four classes (lower case, upper case, digit, symbol) must appear. */
  minClasses: number;
  maxAgeDays: number;
  /** How many previous passwords may not be reused (checked by the server against stored hashes). */
  historyCount: number;
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = { minLength: 10, minClasses: 3, maxAgeDays: 90, historyCount: 5 };

export type PasswordViolation = 'too_short' | 'too_few_classes' | 'contains_username' | 'sequence' | 'repeated';

export const PASSWORD_VIOLATION_LABELS: Record<PasswordViolation, { zh: string; en: string }> = {
  too_short: { zh: '密码长度不足', en: 'The password is too short.' },
  too_few_classes: { zh: '密码须包含更多种类的字符（小写字母、大写字母、数字、符号）', en: 'Use more kinds of characters (lower case, upper case, digits, symbols).' },
  contains_username: { zh: '密码不得包含用户名', en: 'The password must not contain the username.' },
  sequence: { zh: '密码不得包含连续字符（如1234、abcd、qwer）', en: 'The password must not contain a run such as 1234, abcd or qwer.' },
  repeated: { zh: '密码不得包含连续重复的字符（如aaaa）', en: 'The password must not repeat a character four or more times in a row.' },
};

// Runs shorter than this are too common in ordinary passwords to refuse.
const RUN = 4;
// Ascending runs are substrings of these; descending runs are substrings of their reverses. Keyboard rows (the US
// layout, which Chinese keyboards share) are as guessable as 1234 or abcd.
const RUN_SOURCES = ['0123456789', 'abcdefghijklmnopqrstuvwxyz', '1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
// Usernames this short would forbid too many passwords by accident (e.g. 'li' inside 'climb').
const MIN_USERNAME_CHECK = 3;

function hasSequence(pw: string): boolean {
  const chars = [...pw.toLowerCase()];
  for (let i = 0; i + RUN <= chars.length; i++) {
    const run = chars.slice(i, i + RUN);
    const forward = run.join('');
    const backward = run.reverse().join('');
    if (RUN_SOURCES.some((src) => src.includes(forward) || src.includes(backward))) return true;
  }
  return false;
}

/** The rules a password breaks, in a fixed order; empty when it is acceptable. Reuse is checked by the server. */
export function checkPassword(pw: string, policy: PasswordPolicy, ctx: { username?: string }): PasswordViolation[] {
  const out: PasswordViolation[] = [];
  if ([...pw].length < policy.minLength) out.push('too_short');
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(pw)).length;
  if (classes < policy.minClasses) out.push('too_few_classes');
  const username = ctx.username?.trim().toLowerCase() ?? '';
  if (username.length >= MIN_USERNAME_CHECK && pw.toLowerCase().includes(username)) out.push('contains_username');
  if (hasSequence(pw)) out.push('sequence');
  if (/(.)\1{3}/su.test(pw)) out.push('repeated');
  return out;
}
