import { describe, expect, it } from 'vitest';
import { idNumberCheckDigit, usccCheckChar } from '../validation/index.ts';
import { PartyInput } from './party-input.ts';

describe('PartyInput (case party, licence applicant, inspected target)', () => {
  const id17 = '13030219870513419';
  const uscc17 = '91130302MA0CW5GQ8';
  it('takes a person with a valid ID number (upper-cased X) and an organisation with a valid credit code', () => {
    expect(PartyInput.parse({ type: 'individual', name: '刘某', idNumber: ` ${id17}${idNumberCheckDigit(id17).toLowerCase()} ` })).toMatchObject({ idNumber: id17 + idNumberCheckDigit(id17) });
    expect(PartyInput.parse({ type: 'organisation', name: '某公司', uscc: (uscc17 + usccCheckChar(uscc17)).toLowerCase() })).toMatchObject({ uscc: uscc17 + usccCheckChar(uscc17) });
  });
  it('refuses a wrong check character with a Chinese message, on the identifier field', () => {
    const wrongId = id17 + (idNumberCheckDigit(id17) === '0' ? '1' : '0');
    const r = PartyInput.safeParse({ type: 'individual', name: '刘某', idNumber: wrongId });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({ path: ['idNumber'], params: { messageZh: expect.any(String) } });
    const wrongUscc = uscc17 + (usccCheckChar(uscc17) === '0' ? '1' : '0');
    expect(PartyInput.safeParse({ type: 'organisation', name: '某公司', uscc: wrongUscc }).success).toBe(false);
  });
});
