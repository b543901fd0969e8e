import { describe, expect, it } from 'vitest';
import { parentRegionCodeOf, regionLevelOf, validateRegionCode } from './region-code.ts';

describe('regionLevelOf', () => {
  it.each([
    ['130000', 1],
    ['110000', 1],
    ['820000', 1],
    ['130300', 2],
    ['110100', 2],
    ['429000', 2], // 省直辖县级行政区划 pseudo-city: shape says level 2
    ['130302', 3],
    ['110101', 3],
    ['429004', 3], // 仙桃市
    ['110101001', 4],
    ['130302100', 4],
  ] as const)('%s → %s', (code, level) => {
    expect(regionLevelOf(code)).toBe(level);
  });

  it.each([
    '',
    '13000',
    '1300000',
    '13030200',
    '1303021000',
    '000000', // province part 00
    '000101',
    '990000', // no such province
    '100000',
    '130001', // county part under a 00 city part
    '130302000', // township part 000
    '130300001', // township under a city code
    '130000001',
    '13a300',
    '１３００００', // full-width digits
    '130300\n',
  ])('%j is malformed', (code) => {
    expect(regionLevelOf(code)).toBeNull();
  });
});

describe('validateRegionCode', () => {
  it('returns the level', () => {
    expect(validateRegionCode('130302')).toEqual({ ok: true, level: 3 });
    expect(validateRegionCode('130302', 3)).toEqual({ ok: true, level: 3 });
  });

  it('refuses a malformed code or the wrong level, in both languages', () => {
    const bad = validateRegionCode('13030');
    expect(bad.ok).toBe(false);
    const wrong = validateRegionCode('130300', 3);
    expect(wrong).toMatchObject({ ok: false });
    if (!wrong.ok) {
      expect(wrong.message).toContain('level-2');
      expect(wrong.messageZh).toContain('市级');
    }
  });
});

describe('parentRegionCodeOf', () => {
  it.each([
    ['110101001', '110101'],
    ['130302', '130300'],
    ['429004', '429000'],
    ['130300', '130000'],
    ['130000', null],
    ['bogus', null],
  ])('%s → %s', (code, parent) => {
    expect(parentRegionCodeOf(code)).toBe(parent);
  });
});
