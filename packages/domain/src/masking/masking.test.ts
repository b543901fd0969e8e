import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskBankAccount, maskIdNumber, maskName, maskPhone } from './masking.ts';

describe('maskIdNumber', () => {
  it.each([
    ['11010519491231002X', '1101**********002X'],
    ['110105491231002', '1101*******1002'], // 15-digit first-generation number
    ['123456789', '1234*6789'],
    ['12345678', '********'], // keeping 4 + 4 would hide nothing
    ['1234', '****'],
    ['', ''],
  ])('%j → %j', (s, masked) => {
    expect(maskIdNumber(s)).toBe(masked);
  });
});

describe('maskPhone', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['19912345678', '199****5678'],
    ['0571-87654321', '*********4321'],
    ['87654321', '****4321'],
    ['+8613812345678', '**********5678'], // not the bare 11-digit form: landline rule, which hides more
    ['8765432', '*******'],
    ['110', '***'],
    ['', ''],
  ])('%j → %j', (s, masked) => {
    expect(maskPhone(s)).toBe(masked);
  });
});

describe('maskName', () => {
  it.each([
    ['张三', '张*'],
    ['张三丰', '张**'],
    ['欧阳修', '欧**'],
    ['欧阳娜娜', '欧***'],
    ['𠮷田', '𠮷*'], // a supplementary-plane character stays whole
    ['John Smith', 'J*********'],
    ['张', '张'],
    ['', ''],
  ])('%j → %j', (s, masked) => {
    expect(maskName(s)).toBe(masked);
  });
});

describe('maskBankAccount', () => {
  it.each([
    ['6222021234567890123', '***************0123'],
    ['6222 0212 3456 7890', '***************7890'],
    ['12345678', '****5678'],
    ['1234567', '*******'],
    ['', ''],
  ])('%j → %j', (s, masked) => {
    expect(maskBankAccount(s)).toBe(masked);
  });
});

const chars = (s: string) => [...s].length;
const anyText = fc.string({ unit: 'binary', maxLength: 40 });
const digits = fc.stringMatching(/^\d{0,30}$/);
const maskers = [
  ['maskIdNumber', maskIdNumber],
  ['maskPhone', maskPhone],
  ['maskName', maskName],
  ['maskBankAccount', maskBankAccount],
] as const;

describe.each(maskers)('%s properties', (_name, mask) => {
  it('keeps the number of characters', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, digits), (s) => {
        expect(chars(mask(s))).toBe(chars(s));
      }),
    );
  });

  it('never returns the whole input when it has 8 or more characters', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, digits), (s) => {
        // An input already made of '*' where the mask goes would trivially reappear.
        fc.pre(chars(s) >= 8 && !s.includes('*'));
        expect(mask(s).includes(s)).toBe(false);
      }),
    );
  });

  it('only replaces characters by "*", never moves or invents them', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, digits), (s) => {
        const out = [...mask(s)];
        [...s].forEach((c, i) => expect(out[i] === c || out[i] === '*').toBe(true));
      }),
    );
  });
});
