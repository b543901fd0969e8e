import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { USCC_CHARSET, usccCheckChar, validateUscc } from './uscc.ts';

describe('usccCheckChar (GB 32100-2015 MOD 31)', () => {
  // Expected characters were recomputed independently from the GB 32100 weights before being written here.
  it.each([
    ['91350100M000100Y4', '3'],
    ['91440300708461136', 'T'],
    ['91110000100018267', 'J'],
    ['91110000100007753', 'J'], // so '911100001000077536' (a commonly quoted string) is NOT a valid code
  ])('%s → %s', (first17, ch) => {
    expect(usccCheckChar(first17)).toBe(ch);
  });

  it('refuses wrong length or characters outside the charset', () => {
    expect(() => usccCheckChar('91350100M000100Y')).toThrow(RangeError);
    expect(() => usccCheckChar('91350100M000100I4')).toThrow(RangeError);
  });
});

describe('validateUscc', () => {
  it.each([
    ['91350100M000100Y43', '350100'],
    ['91440300708461136T', '440300'],
    ['91110000100018267J', '110000'],
  ])('accepts %s', (s, regionCode) => {
    expect(validateUscc(s)).toEqual({ ok: true, regionCode });
  });

  it.each([
    ['', 'format'],
    ['91350100M000100Y4', 'format'],
    ['91350100M000100Y433', 'format'],
    ['91350100M000100I43', 'charset'], // I is excluded
    ['91350100M000100O43', 'charset'], // O is excluded
    ['91350100m000100Y43', 'charset'], // callers upper-case first
    ['91S50100M000100Y43', 'charset'],
    ['913A0100M000100Y43', 'format'], // positions 3–8 must be digits
    ['911100001000077536', 'checksum'],
    ['91350100M000100Y44', 'checksum'],
  ])('refuses %s (%s)', (s, reason) => {
    const r = validateUscc(s);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe(reason);
      expect(r.messageZh.length).toBeGreaterThan(0);
    }
  });

  it('the charset has 31 characters and none of I, O, Z, S, V', () => {
    expect(USCC_CHARSET).toHaveLength(31);
    expect(USCC_CHARSET).not.toMatch(/[IOZSV]/);
  });
});

const ch = fc.constantFrom(...USCC_CHARSET);
const prefix17 = fc
  .tuple(ch, ch, fc.stringMatching(/^\d{6}$/), fc.array(ch, { minLength: 9, maxLength: 9 }))
  .map(([a, b, region, body]) => a + b + region + body.join(''));

describe('validateUscc properties', () => {
  it('a valid prefix plus its computed check character validates', () => {
    fc.assert(
      fc.property(prefix17, (p) => {
        expect(validateUscc(p + usccCheckChar(p)).ok).toBe(true);
      }),
    );
  });

  it('changing any single character to another charset character makes it fail', () => {
    fc.assert(
      fc.property(prefix17, fc.nat(17), fc.integer({ min: 1, max: 30 }), (p, pos, shift) => {
        const code = p + usccCheckChar(p);
        const replaced = USCC_CHARSET[(USCC_CHARSET.indexOf(code[pos]!) + shift) % 31]!;
        const bad = code.slice(0, pos) + replaced + code.slice(pos + 1);
        expect(validateUscc(bad).ok).toBe(false);
      }),
    );
  });
});
