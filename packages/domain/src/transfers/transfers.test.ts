import { describe, expect, it } from 'vitest';
import { shippedCalendar } from '../calendar/index.ts';
import {
  AGENCY_TRANSFER_ACTIONS,
  AGENCY_TRANSFER_STATUSES,
  availableAgencyTransferActions,
  checkAgencyTransferAction,
  commonRegionPath,
  nextAgencyTransferStatus,
  ownerOf,
  retransferRefusal,
  agencyTransferInputRefusal,
  type AgencyTransferAction,
  type AgencyTransferFacts,
  type AgencyTransferStatus,
} from './agency-transfer.ts';
import { isPossibleDuplicate } from './duplicates.ts';
import {
  availablePoliceTransferActions,
  checkPoliceTransferAction,
  missingPoliceMaterials,
  nextPoliceTransferStatus,
  policeTimerDue,
  POLICE_TRANSFER_ACTIONS,
  POLICE_TRANSFER_STATUSES,
  runningPoliceTimer,
  type PoliceTransferAction,
  type PoliceTransferParams,
  type PoliceTransferStatus,
} from './police-transfer.ts';

const A = 'agency-a';
const B = 'agency-b';
const C = 'agency-c';

describe('agency transfer table', () => {
  // The whole expected table, written out: anything not listed must be refused with INVALID_TRANSITION.
  const expected: Record<AgencyTransferStatus, Partial<Record<AgencyTransferAction, AgencyTransferStatus>>> = {
    pending: { accept: 'accepted', refuse: 'awaiting_designation' },
    awaiting_designation: { designate: 'designated' },
    designated: { accept: 'accepted' },
    accepted: {},
  };
  for (const s of AGENCY_TRANSFER_STATUSES) {
    for (const a of AGENCY_TRANSFER_ACTIONS) {
      it(`${s} × ${a} → ${expected[s][a] ?? 'refused'}`, () => {
        expect(nextAgencyTransferStatus(s, a)).toBe(expected[s][a] ?? null);
        const t: AgencyTransferFacts = { status: s, fromAgencyId: A, toAgencyId: B, designatedAgencyId: s === 'designated' ? C : null, commonRegionPath: '/130000/130300/' };
        const actor = { agencyId: s === 'designated' ? C : B, regionPath: '/130000/', canHandle: a !== 'designate', canDesignate: a === 'designate' };
        const r = checkAgencyTransferAction(t, a, actor);
        if (expected[s][a]) expect(r).toBeNull();
        else expect(r?.code).toBe('INVALID_TRANSITION');
      });
    }
  }
});

describe('who may act on an agency transfer', () => {
  const pending: AgencyTransferFacts = { status: 'pending', fromAgencyId: A, toAgencyId: B, designatedAgencyId: null, commonRegionPath: '/130000/130300/' };
  const handler = (agencyId: string) => ({ agencyId, regionPath: '/130000/130300/', canHandle: true, canDesignate: false });
  it('only the receiver accepts or refuses; the sender and a third agency are refused', () => {
    expect(checkAgencyTransferAction(pending, 'accept', handler(B))).toBeNull();
    expect(checkAgencyTransferAction(pending, 'refuse', handler(A))?.code).toBe('FORBIDDEN');
    expect(checkAgencyTransferAction(pending, 'accept', handler(C))?.code).toBe('FORBIDDEN');
    expect(availableAgencyTransferActions(pending, handler(B))).toEqual(['accept', 'refuse']);
    expect(availableAgencyTransferActions(pending, handler(A))).toEqual([]);
  });
  it('a designated agency accepts and cannot refuse (the designation binds); the original receiver cannot accept', () => {
    const d: AgencyTransferFacts = { ...pending, status: 'designated', designatedAgencyId: C };
    expect(availableAgencyTransferActions(d, handler(C))).toEqual(['accept']);
    expect(checkAgencyTransferAction(d, 'refuse', handler(C))?.code).toBe('INVALID_TRANSITION');
    expect(checkAgencyTransferAction(d, 'accept', handler(B))?.code).toBe('FORBIDDEN');
  });
  it('designation: a supervisor at the common superior or above, never below it, never an agency', () => {
    const e: AgencyTransferFacts = { ...pending, status: 'awaiting_designation' };
    const sup = (regionPath: string) => ({ agencyId: null, regionPath, canHandle: false, canDesignate: true });
    expect(checkAgencyTransferAction(e, 'designate', sup('/130000/130300/'))).toBeNull();
    expect(checkAgencyTransferAction(e, 'designate', sup('/130000/'))).toBeNull();
    const below = checkAgencyTransferAction(e, 'designate', sup('/130000/130300/130322/'));
    expect(below?.code).toBe('RULE_VIOLATION');
    expect(below?.citation).toContain('Art.25');
    expect(checkAgencyTransferAction(e, 'designate', handler(A))?.code).toBe('FORBIDDEN');
  });
  it('ownership: the sender until someone accepts, then exactly that agency', () => {
    expect(ownerOf({ status: 'pending', fromAgencyId: A, toAgencyId: B, designatedAgencyId: null })).toBe(A);
    expect(ownerOf({ status: 'awaiting_designation', fromAgencyId: A, toAgencyId: B, designatedAgencyId: null })).toBe(A);
    expect(ownerOf({ status: 'designated', fromAgencyId: A, toAgencyId: B, designatedAgencyId: C })).toBe(A);
    expect(ownerOf({ status: 'accepted', fromAgencyId: A, toAgencyId: B, designatedAgencyId: null })).toBe(B);
    expect(ownerOf({ status: 'accepted', fromAgencyId: A, toAgencyId: B, designatedAgencyId: C })).toBe(C);
  });
});

describe('re-transfer and input', () => {
  it('a case received by transfer may not be transferred on (SAMR Art.17)', () => {
    const r = retransferRefusal({ receivedByTransferId: 't1' });
    expect(r?.code).toBe('RULE_VIOLATION');
    expect(r?.citation).toContain('Art.17');
    expect(retransferRefusal({ receivedByTransferId: null })).toBeNull();
  });
  it('refuses a transfer to oneself, or without reason or materials', () => {
    expect(agencyTransferInputRefusal({ fromAgencyId: A, toAgencyId: A, reason: 'x', materials: ['a'] })?.details?.guard).toBe('otherAgency');
    expect(agencyTransferInputRefusal({ fromAgencyId: A, toAgencyId: B, reason: ' ', materials: ['a'] })?.details?.guard).toBe('reasonAndMaterials');
    expect(agencyTransferInputRefusal({ fromAgencyId: A, toAgencyId: B, reason: 'x', materials: [' '] })?.details?.guard).toBe('reasonAndMaterials');
    expect(agencyTransferInputRefusal({ fromAgencyId: A, toAgencyId: B, reason: 'x', materials: ['卷宗'] })).toBeNull();
  });
});

describe('common superior', () => {
  it.each([
    ['/130000/130300/130322/', '/130000/130300/', '/130000/130300/'],
    ['/130000/130300/130322/', '/130000/130300/130302/', '/130000/130300/'],
    ['/130000/130300/130322/130322100/', '/130000/130300/130322/', '/130000/130300/130322/'],
    ['/130000/130300/', '/130000/130100/', '/130000/'],
    ['/130000/', '/110000/', '/'],
    ['/130000/130300/', '/130000/130300/', '/130000/130300/'],
  ])('%s and %s → %s', (a, b, c) => {
    expect(commonRegionPath(a, b)).toBe(c);
    expect(commonRegionPath(b, a)).toBe(c);
  });
});

describe('police transfer table', () => {
  const expected: Record<PoliceTransferStatus, Partial<Record<PoliceTransferAction, PoliceTransferStatus>>> = {
    reported: { approve: 'approved', decline: 'not_approved' },
    not_approved: {},
    approved: { send: 'sent' },
    sent: { record_receipt: 'received', copy_procuratorate: 'sent' },
    received: { record_filed: 'filed', record_not_filed: 'not_filed', copy_procuratorate: 'received' },
    not_filed: { request_reconsideration: 'reconsideration_requested', request_supervision: 'procuratorate_supervision', resume_administrative: 'returned', copy_procuratorate: 'not_filed' },
    reconsideration_requested: { record_reconsideration_result: 'reconsideration_upheld' },
    reconsideration_upheld: { request_supervision: 'procuratorate_supervision', resume_administrative: 'returned' },
    procuratorate_supervision: { record_supervision_result: 'returned' },
    filed: { record_handover: 'handed_over', record_reverse_transfer: 'returned', copy_procuratorate: 'filed' },
    handed_over: { record_reverse_transfer: 'returned' },
    returned: {},
  };
  const full = { transfer_letter: ['d1'], investigation_report: ['d2'], items_list: ['d3'] };
  for (const s of POLICE_TRANSFER_STATUSES) {
    for (const a of POLICE_TRANSFER_ACTIONS) {
      it(`${s} × ${a} → ${expected[s][a] ?? 'refused'}`, () => {
        expect(nextPoliceTransferStatus(s, a)).toBe(expected[s][a] ?? null);
        const r = checkPoliceTransferAction({ status: s, materials: full, hasTesting: false }, a, { isHead: true, canHandle: true });
        if (expected[s][a]) expect(r).toBeNull();
        else expect(r?.code).toBe('INVALID_TRANSITION');
      });
    }
  }
  it('a reconsideration or supervision that ends in filing leads to filed', () => {
    expect(nextPoliceTransferStatus('reconsideration_requested', 'record_reconsideration_result', { filed: true })).toBe('filed');
    expect(nextPoliceTransferStatus('procuratorate_supervision', 'record_supervision_result', { filed: true })).toBe('filed');
    expect(nextPoliceTransferStatus('procuratorate_supervision', 'record_supervision_result', { filed: false })).toBe('returned');
  });
  it('only the head decides (310号令 Art.5)', () => {
    const r = checkPoliceTransferAction({ status: 'reported', materials: {}, hasTesting: false }, 'approve', { isHead: false, canHandle: true });
    expect(r?.code).toBe('FORBIDDEN');
    expect(r?.citation).toContain('Art.5');
    expect(availablePoliceTransferActions({ status: 'reported', materials: {}, hasTesting: false }, { isHead: false, canHandle: true })).toEqual([]);
  });
  it('sending needs the Art.6 materials; testing conclusions when items were tested', () => {
    expect(missingPoliceMaterials({}, { hasTesting: false })).toEqual(['transfer_letter', 'investigation_report', 'items_list']);
    expect(missingPoliceMaterials(full, { hasTesting: false })).toEqual([]);
    expect(missingPoliceMaterials(full, { hasTesting: true })).toEqual(['inspection_conclusions']);
    const r = checkPoliceTransferAction({ status: 'approved', materials: { transfer_letter: ['x'] }, hasTesting: false }, 'send', { isHead: false, canHandle: true });
    expect(r?.code).toBe('RULE_VIOLATION');
    expect(r?.details?.missing).toEqual(['investigation_report', 'items_list']);
    expect(r?.citation).toContain('Art.6');
  });
  it('names the running timer per status', () => {
    expect(runningPoliceTimer('reported')).toBe('decision');
    expect(runningPoliceTimer('approved')).toBe('send');
    expect(runningPoliceTimer('received')).toBe('answer');
    expect(runningPoliceTimer('not_filed')).toBe('reconsideration_request');
    expect(runningPoliceTimer('returned')).toBeNull();
  });
});

describe('police timers across the National Day holiday (2026)', () => {
  const cal = shippedCalendar();
  const p: PoliceTransferParams = { decisionDays: 3, sendHours: 24, answerDays: 3, reconsiderationRequestDays: 3, reconsiderationAnswerDays: 3, supervisionSuggestionDays: 3, handoverDays: 3, dayType: 'CALENDAR' };
  it('calendar days ending in the holiday roll to the first working day after it', () => {
    expect(policeTimerDue('answer', '2026-09-30', p, cal)).toBe('2026-10-08');
  });
  it('working days skip the holiday and count the 调休 Saturday (10-10)', () => {
    expect(policeTimerDue('answer', '2026-09-30', { ...p, dayType: 'WORKING' }, cal)).toBe('2026-10-10');
  });
  it('24 hours run in clock time through the holiday', () => {
    expect(policeTimerDue('send', '2026-09-30T10:00:00+08:00', p, cal)).toBe('2026-10-01T10:00:00+08:00');
  });
});

describe('duplicates across agencies', () => {
  const base = { caseId: '1', agencyId: A, partyId: 'p', itemId: 'i', sector: 'market', violationOn: '2026-05-01' };
  it('same party, same item, dates within the window, different agencies', () => {
    expect(isPossibleDuplicate(base, { ...base, caseId: '2', agencyId: B, violationOn: '2026-05-20' }, 30)).toBe(true);
    expect(isPossibleDuplicate(base, { ...base, caseId: '2', agencyId: B, itemId: 'j', violationOn: '2026-05-20' }, 30)).toBe(true);
  });
  it('not: same agency, other party, other sector and item, or outside the window', () => {
    expect(isPossibleDuplicate(base, { ...base, caseId: '2' }, 30)).toBe(false);
    expect(isPossibleDuplicate(base, { ...base, caseId: '2', agencyId: B, partyId: 'q' }, 30)).toBe(false);
    expect(isPossibleDuplicate(base, { ...base, caseId: '2', agencyId: B, itemId: 'j', sector: 'housing' }, 30)).toBe(false);
    expect(isPossibleDuplicate(base, { ...base, caseId: '2', agencyId: B, violationOn: '2026-06-05' }, 30)).toBe(false);
  });
});
