import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idNumberCheckDigit, validateIdNumber } from './id-number.ts';

const NOW = new Date('2026-06-15T12:00:00+08:00');

describe('idNumberCheckDigit (ISO 7064 MOD 11-2)', () => {
  it.each([
    ['11010519491231002', 'X'], // GB 11643-1999 worked example
    ['44052418800101001', '4'], // GB 11643-1999 worked example
    ['11010119900307447', '7'],
  ])('%s → %s', (first17, digit) => {
    expect(idNumberCheckDigit(first17)).toBe(digit);
  });

  it('refuses input that is not 17 digits', () => {
    expect(() => idNumberCheckDigit('1101051949123100')).toThrow(RangeError);
    expect(() => idNumberCheckDigit('1101051949123100A')).toThrow(RangeError);
  });
});

describe('validateIdNumber', () => {
  it.each([
    ['11010519491231002X', { birthDate: '1949-12-31', gender: 'F', regionCode: '110105' }],
    ['11010519491231002x', { birthDate: '1949-12-31', gender: 'F', regionCode: '110105' }],
    ['110101199003074477', { birthDate: '1990-03-07', gender: 'M', regionCode: '110101' }],
  ])('accepts %s', (s, expected) => {
    expect(validateIdNumber(s, NOW)).toEqual({ ok: true, ...expected });
  });

  const withDigit = (first17: string) => first17 + idNumberCheckDigit(first17);
  it.each([
    ['', 'format'],
    ['11010519491231002', 'format'],
    ['11010519491231002XX', 'format'],
    ['1101051949123100X2', 'format'],
    ['11010519491231002Y', 'format'],
    [' 11010519491231002X', 'format'],
    ['110105194912310021', 'checksum'],
    ['110101199003074478', 'checksum'],
    ['440524188001010014', 'birthdate'], // valid check digit, but born 1880 (< 1900)
    [withDigit('11010519900230001'), 'birthdate'], // 30 February
    [withDigit('11010520230229001'), 'birthdate'], // 2023 is not a leap year
    [withDigit('11010519901301001'), 'birthdate'], // month 13
    [withDigit('11010520260616001'), 'birthdate'], // tomorrow relative to NOW
  ])('refuses %s (%s)', (s, reason) => {
    const r = validateIdNumber(s, NOW);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe(reason);
      expect(r.messageZh).toMatch(/身份证/);
    }
  });

  it('accepts a birth date of today and a leap day', () => {
    expect(validateIdNumber(withDigit('11010520260615001'), NOW).ok).toBe(true);
    expect(validateIdNumber(withDigit('11010520000229001'), NOW).ok).toBe(true);
  });

  it('uses the China date for "today" (UTC 2026-06-15T17:00 is already 06-16 in Beijing)', () => {
    expect(validateIdNumber(withDigit('11010520260616001'), new Date('2026-06-15T17:00:00Z')).ok).toBe(true);
  });
});

// A valid 17-digit prefix: any 6-digit address code, a real birth date in [1900-01-01, NOW], any sequence.
const prefix17 = fc
  .tuple(
    fc.stringMatching(/^\d{6}$/),
    fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2026-06-14T00:00:00Z'), noInvalidDate: true }),
    fc.stringMatching(/^\d{3}$/),
  )
  .map(([area, birth, seq]) => area + birth.toISOString().slice(0, 10).replaceAll('-', '') + seq);

describe('validateIdNumber properties', () => {
  it('a valid prefix plus its computed check digit validates', () => {
    fc.assert(
      fc.property(prefix17, (p) => {
        const r = validateIdNumber(p + idNumberCheckDigit(p), NOW);
        expect(r.ok).toBe(true);
      }),
    );
  });

  it('changing any single digit of the first 17 invalidates the number', () => {
    fc.assert(
      fc.property(prefix17, fc.nat(16), fc.integer({ min: 1, max: 9 }), (p, pos, delta) => {
        const id = p + idNumberCheckDigit(p);
        const changed = String((Number(id[pos]) + delta) % 10);
        const bad = id.slice(0, pos) + changed + id.slice(pos + 1);
        expect(validateIdNumber(bad, NOW).ok).toBe(false);
      }),
    );
  });
});
