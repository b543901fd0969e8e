import { describe, expect, it } from 'vitest';
import { checkPassword, DEFAULT_PASSWORD_POLICY, PASSWORD_VIOLATION_LABELS, type PasswordViolation } from './password-policy.ts';

const P = DEFAULT_PASSWORD_POLICY;

describe('checkPassword (default policy: 10 chars, 3 classes)', () => {
  it.each([
    ['Zf#8k2Lm9q', []],
    ['correct-Horse-battery', []], // lower, upper, symbol
    ['ZHIFA-2026-执法', []], // non-ASCII counts as a symbol
    ['Short#1a', ['too_short']],
    ['alllowercaseletters', ['too_few_classes']],
    ['lowercase-and-symbols', ['too_few_classes']],
    ['UPPERlower12', []],
    ['zhangsan#2026X', ['contains_username']],
    ['ZhangSan#2026x', ['contains_username']], // case-insensitive
    ['Pass#1234word', ['sequence']],
    ['Pass#4321word', ['sequence']],
    ['Xy#9abcdZZq', ['sequence']],
    ['Xy#9DCBAqq7', ['sequence']],
    ['Xy#9qwerZ7p', ['sequence']],
    ['Xy#9REWQz7p', ['sequence']], // keyboard row backwards, upper case
    ['Xy#9asdfZ7p', ['sequence']],
    ['Xy#7890Zp!', ['sequence']], // 7890 along the number row
    ['Xy#9zxcvZ7p', ['sequence']],
    ['Xy#9abceZ7p', []], // three in a row is allowed
    ['Xy#9aaaaZ7p', ['repeated']],
    ['Xy#9!!!!Z7p', ['repeated']],
    ['Xy#9aaa7Z7p', []],
    ['abc', ['too_short', 'too_few_classes']],
    ['aaaa', ['too_short', 'too_few_classes', 'repeated']],
    ['zhangsan1234', ['too_few_classes', 'contains_username', 'sequence']],
  ] as [string, PasswordViolation[]][])('%j → %j', (pw, expected) => {
    expect(checkPassword(pw, P, { username: 'zhangsan' })).toEqual(expected);
  });

  it('ignores usernames shorter than 3 characters and a missing username', () => {
    expect(checkPassword('Climb#2026xyz', P, { username: 'li' })).toEqual([]);
    expect(checkPassword('Climb#2026xyz', P, {})).toEqual([]);
  });

  it('applies a configured policy', () => {
    const strict = { ...P, minLength: 16, minClasses: 4 };
    expect(checkPassword('Zf#8k2Lm9q', strict, {})).toEqual(['too_short']);
    expect(checkPassword('zf#8k2lm9q-zf#8k2', strict, {})).toEqual(['too_few_classes']);
    expect(checkPassword('ab', { ...P, minLength: 1, minClasses: 1 }, {})).toEqual([]);
  });

  it('counts length in characters, not UTF-16 units', () => {
    expect(checkPassword('𠮷𩸽𠀋𡈽Ab1#xy', P, {})).toEqual([]);
    expect(checkPassword('𠮷𩸽𠀋Ab1#xy', P, {})).toEqual(['too_short']); // 9 characters, 12 UTF-16 units
  });

  it('has a label in both languages for every violation', () => {
    for (const v of Object.values(PASSWORD_VIOLATION_LABELS)) {
      expect(v.zh.length).toBeGreaterThan(0);
      expect(v.en.length).toBeGreaterThan(0);
    }
    expect(Object.keys(PASSWORD_VIOLATION_LABELS).sort()).toEqual(['contains_username', 'repeated', 'sequence', 'too_few_classes', 'too_short']);
  });
});
