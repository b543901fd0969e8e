import { describe, expect, it } from 'vitest';
import { AccessDecisionInput, AccessRequestInput, decideAccessRequest, formatAccessTrackingNo, requesterIsParty } from './access-request.ts';

describe('party access requests (REC7)', () => {
  it('recognises the party by its own identifier only (type and value, X check digit in any case)', () => {
    const person = { type: 'individual', idNumber: '13030219870513419x' } as const;
    const claim = (identifier: string, partyType: 'individual' | 'organisation' = 'individual') => AccessRequestInput.parse({ caseNo: 'X-1', partyType, name: '刘某', identifier, kind: 'consult', purpose: '复议' });
    expect(requesterIsParty(person, claim('13030219870513419X'))).toBe(true);
    expect(requesterIsParty(person, claim('130302198705134190'))).toBe(false);
    expect(requesterIsParty(person, claim('13030219870513419X', 'organisation'))).toBe(false);
    expect(requesterIsParty({ type: 'organisation', uscc: '91130302MA0CW5GQ8E' }, claim('91130302ma0cw5gq8e', 'organisation'))).toBe(true);
  });

  const ids = ['a1b2c3d4-0000-4000-8000-000000000001', 'a1b2c3d4-0000-4000-8000-000000000002'];
  const decide = (d: Record<string, unknown>) => decideAccessRequest(AccessDecisionInput.parse({ reason: '依法办理', ...d }), ids);

  it('approves all, part (with a ground for the rest) or nothing (with a ground)', () => {
    expect(decide({ decision: 'approve', evidenceIds: ids })).toEqual({ status: 'approved', released: ids, withheld: [] });
    expect(decide({ decision: 'approve', evidenceIds: [ids[0]], withheldGround: 'trade_secret' })).toEqual({ status: 'partly_approved', released: [ids[0]], withheld: [ids[1]] });
    expect(decide({ decision: 'refuse', withheldGround: 'state_secret' })).toEqual({ status: 'refused', released: [], withheld: ids });
  });

  it('refuses to withhold without a ground, or to release a record of another case', () => {
    expect(decide({ decision: 'approve', evidenceIds: [ids[0]] })).toMatchObject({ refusal: { field: 'withheldGround' } });
    expect(decide({ decision: 'refuse' })).toMatchObject({ refusal: { field: 'withheldGround' } });
    expect(decide({ decision: 'approve', evidenceIds: ['a1b2c3d4-0000-4000-8000-000000000009'] })).toMatchObject({ refusal: { field: 'evidenceIds' } });
    expect(() => AccessDecisionInput.parse({ decision: 'approve', evidenceIds: [], reason: '准予' })).toThrow();
  });

  it('formats tracking numbers as CX + date + six digits', () => {
    expect(formatAccessTrackingNo('2026-12-03', 42)).toBe('CX20261203000042');
  });
});
