import { describe, expect, it } from 'vitest';
import {
  availableSimplifiedActions,
  certifiedOfficerOnSpot,
  nextSimplifiedStatus,
  SIMPLIFIED_ACTIONS,
  SIMPLIFIED_STATUSES,
  simplifiedFilingDeadline,
  simplifiedPaymentSettled,
  type SimplifiedAction,
  type SimplifiedCaseFacts,
  type SimplifiedStatus,
} from './simplified-procedure.ts';
import { cal, makeCertificate, makeCtx, makeOfficer } from './test/fixtures.ts';

const ctx = makeCtx();
const ticket = (over: Partial<SimplifiedCaseFacts> = {}): SimplifiedCaseFacts => ({
  status: 'recorded',
  partyType: 'individual',
  penalty: { types: ['fine'], fineAmount: 100 },
  isFactConclusive: true,
  hasLegalBasis: true,
  sector: 'market',
  placePath: '/130000/130300/130322/',
  officer: makeOfficer('o1'),
  decidedOn: null,
  isPaymentSettled: false,
  ...over,
});

const EXPECTED: Record<SimplifiedStatus, Partial<Record<SimplifiedAction, SimplifiedStatus>>> = {
  recorded: { decide_on_spot: 'decided', convert_to_ordinary: 'converted' },
  decided: { serve: 'served' },
  served: { file_with_agency: 'filed' },
  filed: { close: 'closed' },
  closed: {},
  converted: {},
};

describe('simplified transitions: every status × action', () => {
  for (const status of SIMPLIFIED_STATUSES) {
    for (const action of SIMPLIFIED_ACTIONS) {
      it(`${status} × ${action} → ${EXPECTED[status][action] ?? 'refused'}`, () => {
        expect(nextSimplifiedStatus(status, action)).toBe(EXPECTED[status][action]);
      });
    }
  }
});

describe('simplified guards', () => {
  it('certifiedOfficerOnSpot passes a certified officer and refuses auxiliary staff or a wrong sector', () => {
    expect(certifiedOfficerOnSpot(ticket(), ctx)).toBeNull();
    expect(certifiedOfficerOnSpot(ticket({ officer: makeOfficer('a1', { personnelType: 'auxiliary' }) }), ctx)).toMatchObject({
      citation: '行政处罚法 Art.42, Art.52',
      details: { reason: 'auxiliary', officerId: 'a1' },
    });
    expect(certifiedOfficerOnSpot(ticket({ officer: makeOfficer('o2', { certificates: [makeCertificate({ categories: ['urban'] })] }) }), ctx)).not.toBeNull();
  });
  it('simplifiedPaymentSettled refuses closing an unpaid fine only', () => {
    expect(simplifiedPaymentSettled(ticket(), ctx)).not.toBeNull();
    expect(simplifiedPaymentSettled(ticket({ isPaymentSettled: true }), ctx)).toBeNull();
    expect(simplifiedPaymentSettled(ticket({ penalty: { types: ['warning'], fineAmount: null } }), ctx)).toBeNull();
  });
});

describe('availableSimplifiedActions', () => {
  it('an eligible ticket may be decided on the spot', () => {
    expect(availableSimplifiedActions(ticket(), ctx)).toEqual({ allowed: ['decide_on_spot', 'convert_to_ordinary'], refused: [] });
  });
  it('a fine over the cap must go to the ordinary procedure', () => {
    const r = availableSimplifiedActions(ticket({ penalty: { types: ['fine'], fineAmount: 500 } }), ctx);
    expect(r.allowed).toEqual(['convert_to_ordinary']);
    expect(r.refused[0]).toMatchObject({ action: 'decide_on_spot', refusals: [{ citation: '行政处罚法 Art.51', details: { guard: 'simplifiedWithinCaps' } }] });
  });
  it('closing waits for payment', () => {
    expect(availableSimplifiedActions(ticket({ status: 'filed' }), ctx).allowed).toEqual([]);
    expect(availableSimplifiedActions(ticket({ status: 'filed', isPaymentSettled: true }), ctx).allowed).toEqual(['close']);
  });
  it('filing with the agency is due 7 working days after the decision (Art.52)', () => {
    expect(simplifiedFilingDeadline(ticket(), cal)).toBeNull();
    // 2026-09-28 + 7 WD: 29, 30, 10-08, 09, 10 (调休), 12, 13.
    expect(simplifiedFilingDeadline(ticket({ decidedOn: '2026-09-28' }), cal)?.due).toBe('2026-10-13');
  });
});
