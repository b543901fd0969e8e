import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addPeriod, createCalendar, type CalendarEntry, type HolidayCalendar } from '../calendar/index.ts';
import { allowedActions } from '../registry/enums.ts';
import {
  availableLicensingActions,
  checkLicensingAction,
  isLicensingRefusalAnsweredByInput,
  licensingActionRefusals,
  DEFAULT_LICENSING_RULE_PARAMS,
  LICENSING_ACTION_GUARDS,
  LICENSING_ACTIONS,
  LICENSING_DEADLINE_RULES,
  LICENSING_GUARDS,
  LICENSING_STATUS_INFO,
  LICENSING_STATUSES,
  LICENSING_TRANSITIONS,
  licensingDeadlines,
  licensingDecisionDeadline,
  licensingIntakeState,
  missingLicensingMaterials,
  nextLicensingStatus,
  renewalState,
  type LicensingAction,
  type LicensingExclusion,
  type LicensingFacts,
  type LicensingGuardContext,
  type LicensingGuardName,
  type LicensingStatus,
} from './licensing.ts';
import { addDays, cal } from './test/fixtures.ts';

const MATERIALS = ['申请书', '营业执照', '场所证明'];

/** An application on which every guard passes on 2026-06-15 (received 06-10, intake window until 06-17). */
const makeApp = (over: Partial<LicensingFacts> = {}): LicensingFacts => ({
  status: 'received',
  itemId: 'item-1',
  receivedOn: '2026-06-10',
  requiredMaterials: MATERIALS,
  submittedMaterials: MATERIALS,
  supplementNotices: [],
  hasSealedDatedReceipt: true,
  acceptedOn: null,
  notAccepted: null,
  banRecords: [],
  quota: null,
  isJointHandling: false,
  reviewerIds: ['r1'],
  needsSubstantiveVerification: true,
  verifierIds: ['v1', 'v2'],
  extensions: [],
  pendingExtension: null,
  exclusions: [],
  isHearingRequired: false,
  involvesOthersMajorInterests: false,
  hearingRightsNotifiedOn: null,
  hearingRequestedOn: null,
  hearingNoticeSentOn: null,
  hearingDate: null,
  hearingPresiderId: null,
  hearingHeldOn: null,
  hasHearingTranscript: false,
  decision: null,
  certificateIssuedOn: null,
  ...over,
});
const makeCtx = (over: Partial<LicensingGuardContext> = {}): LicensingGuardContext => ({
  actor: { id: 'u1' },
  now: '2026-06-15',
  calendar: cal,
  params: { ...DEFAULT_LICENSING_RULE_PARAMS },
  ...over,
});
const ctx = makeCtx();
const at = (now: string) => makeCtx({ now });

// The legal flow written out independently of the implementation (domain-rules §7); anything absent is refused.
const EXPECTED: Record<LicensingStatus, Partial<Record<LicensingAction, LicensingStatus>>> = {
  received: { request_supplement: 'supplement_requested', accept: 'accepted', not_accept: 'not_accepted', withdraw: 'withdrawn' },
  supplement_requested: { receive_supplement: 'supplemented', not_accept: 'not_accepted', withdraw: 'withdrawn' },
  supplemented: { accept: 'accepted', not_accept: 'not_accepted', withdraw: 'withdrawn' },
  accepted: { start_review: 'under_review', extend_period: 'accepted', withdraw: 'withdrawn' },
  not_accepted: { close: 'closed' },
  under_review: { extend_period: 'under_review', notify_hearing_rights: 'hearing_rights_notified', schedule_hearing: 'hearing_scheduled', grant: 'granted', refuse: 'refused', withdraw: 'withdrawn' },
  hearing_rights_notified: { request_hearing: 'hearing_requested', extend_period: 'hearing_rights_notified', grant: 'granted', refuse: 'refused', withdraw: 'withdrawn' },
  hearing_requested: { schedule_hearing: 'hearing_scheduled', extend_period: 'hearing_requested', withdraw: 'withdrawn' },
  hearing_scheduled: { hold_hearing: 'hearing_held', extend_period: 'hearing_scheduled', withdraw: 'withdrawn' },
  hearing_held: { extend_period: 'hearing_held', grant: 'granted', refuse: 'refused', withdraw: 'withdrawn' },
  granted: { issue_certificate: 'certificate_issued' },
  refused: { close: 'closed' },
  certificate_issued: { close: 'closed' },
  closed: {},
  withdrawn: {},
};

describe('licensing transitions: every status × action against the explicit table', () => {
  for (const status of LICENSING_STATUSES) {
    for (const action of LICENSING_ACTIONS) {
      const to = EXPECTED[status][action];
      it(`${status} × ${action} → ${to ?? 'INVALID_TRANSITION'}`, () => {
        expect(nextLicensingStatus(status, action)).toBe(to);
        const r = checkLicensingAction(makeApp({ status }), action, ctx);
        if (to) {
          // On the table: either allowed, or refused by a named guard (never as an invalid transition).
          if (r.ok) expect(r.to).toBe(to);
          else expect(r.refusals.every((x) => x.code !== 'INVALID_TRANSITION' && typeof x.details?.guard === 'string')).toBe(true);
        } else {
          expect(r).toEqual({
            ok: false,
            refusals: [expect.objectContaining({ code: 'INVALID_TRANSITION', details: { allowedActions: Object.keys(EXPECTED[status]) } })],
          });
        }
      });
    }
  }
  it('every status is documented with a citation; only closed and withdrawn are terminal; every guarded action is on the table', () => {
    for (const s of LICENSING_STATUSES) expect(LICENSING_STATUS_INFO[s].citation).toMatch(/行政许可法/);
    expect(LICENSING_STATUSES.filter((s) => allowedActions(LICENSING_TRANSITIONS, s).length === 0)).toEqual(['closed', 'withdrawn']);
    for (const a of Object.keys(LICENSING_ACTION_GUARDS)) expect(LICENSING_STATUSES.some((s) => EXPECTED[s][a as LicensingAction])).toBe(true);
  });
  it('a second supplement notice is impossible by the table once the applicant has supplemented', () => {
    const r = checkLicensingAction(makeApp({ status: 'supplemented' }), 'request_supplement', ctx);
    expect(r).toMatchObject({ ok: false, refusals: [{ code: 'INVALID_TRANSITION' }] });
  });
});

type GuardCase = { pass: [Partial<LicensingFacts>, string?][]; refuse: [Partial<LicensingFacts>, string?][]; citation: string | RegExp };
const withHearing = { hearingNoticeSentOn: '2026-06-10', hearingDate: '2026-06-22', hearingPresiderId: 'p1' };
const extension = { approvedOn: '2026-06-15', approvedBy: 'agency_head' as const, reasons: '需现场核查', reasonsToldOn: '2026-06-15' };

/**
 * Every guard with facts that pass and facts that are refused (optionally at another date). Dates worked by hand on
 * the 2026 calendar: 端午 06-19, 劳动节 make-up Saturday 05-09, 国庆 10-01…07 with make-up Saturday 10-10.
 */
const GUARD_CASES: Record<LicensingGuardName, GuardCase> = {
  supplementNoticeInTime: {
    // Received 06-10: 11, 12, 15, 16, 17 → last day 06-17. Received 09-30: 10-08, 09, 10 (调休), 12, 13.
    pass: [[{}, '2026-06-17'], [{ receivedOn: '2026-09-30' }, '2026-10-13']],
    refuse: [[{}, '2026-06-18'], [{ receivedOn: '2026-09-30' }, '2026-10-14']],
    citation: '行政许可法 Art.32 para 1(4), Art.82',
  },
  oneTimeSupplementNotice: {
    pass: [[{}]],
    refuse: [[{ supplementNotices: [{ servedOn: '2026-06-11', missingItems: ['场所证明'] }] }]],
    citation: '行政许可法 Art.32 para 1(4)',
  },
  supplementHasMissingItems: {
    pass: [[{ submittedMaterials: ['申请书'] }]],
    refuse: [[{}]],
    citation: '行政许可法 Art.32 para 1(4), (5)',
  },
  materialsCompleteOrDeemedAccepted: {
    pass: [[{}], [{ submittedMaterials: ['申请书'] }, '2026-06-18']],
    refuse: [[{ submittedMaterials: ['申请书'] }, '2026-06-17']],
    citation: '行政许可法 Art.32 para 1(4), (5)',
  },
  intakeReceiptSealed: { pass: [[{}]], refuse: [[{ hasSealedDatedReceipt: false }]], citation: '行政许可法 Art.32 para 2' },
  notAcceptedWithReasons: {
    pass: [[{ notAccepted: { decidedOn: '2026-06-15', reason: 'not_competent', explanation: '属卫生健康部门职权', referralAgency: '市卫生健康委员会' } }]],
    refuse: [
      [{ notAccepted: { decidedOn: '2026-06-15', reason: 'not_competent', explanation: '不属本机关职权', referralAgency: null } }],
      [{ notAccepted: { decidedOn: '2026-06-15', reason: 'other', explanation: ' ', referralAgency: null } }],
      [{}],
    ],
    citation: '行政许可法 Art.32 para 1(1), (2)',
  },
  notDeemedAccepted: {
    pass: [[{}, '2026-06-17'], [{ supplementNotices: [{ servedOn: '2026-06-12', missingItems: ['场所证明'] }] }, '2026-07-20']],
    refuse: [[{}, '2026-06-18']],
    citation: '行政许可法 Art.32 para 1(4)',
  },
  applicantNotBanned: {
    pass: [
      [{ receivedOn: '2026-06-11', banRecords: [{ itemId: 'item-1', kind: 'false_application', decidedOn: '2025-06-10', isSafetyRelated: true }] }],
      [{ banRecords: [{ itemId: 'item-1', kind: 'false_application', decidedOn: '2026-01-10', isSafetyRelated: false }] }],
      [{ banRecords: [{ itemId: 'item-2', kind: 'improper_means', decidedOn: '2026-01-10', isSafetyRelated: true }] }],
    ],
    refuse: [
      // "一年内" includes the anniversary (民法典 Art.1259).
      [{ receivedOn: '2026-06-10', banRecords: [{ itemId: 'item-1', kind: 'false_application', decidedOn: '2025-06-10', isSafetyRelated: true }] }],
    ],
    citation: '行政许可法 Art.78',
  },
  firstComeQuotaOrder: {
    pass: [
      [{}],
      [{ quota: { method: 'first_come', remaining: 2, earlierPending: [{ applicationId: 'a0', acceptedOn: '2026-06-01' }] } }],
      [{ quota: { method: 'tender_or_auction', remaining: 0, earlierPending: [] } }],
    ],
    refuse: [
      [{ quota: { method: 'first_come', remaining: 1, earlierPending: [{ applicationId: 'a0', acceptedOn: '2026-06-01' }] } }],
      [{ quota: { method: 'first_come', remaining: 0, earlierPending: [] } }],
    ],
    citation: '行政许可法 Art.57',
  },
  substantiveVerificationByTwo: {
    pass: [[{}], [{ needsSubstantiveVerification: false, verifierIds: [] }]],
    refuse: [[{ verifierIds: ['v1', 'v1'] }], [{ verifierIds: [] }]],
    citation: '行政许可法 Art.34 para 3',
  },
  licensingExtensionApproved: {
    // Accepted 05-06: 20 WD end 06-02 (05-09 is a make-up Saturday); accepted 06-01: the period runs past 06-15.
    pass: [[{ acceptedOn: '2026-06-01', pendingExtension: extension }]],
    refuse: [
      [{ acceptedOn: '2026-05-06', receivedOn: '2026-05-06', pendingExtension: extension }],
      [{ acceptedOn: '2026-06-01', pendingExtension: { ...extension, approvedBy: null } }],
      [{ acceptedOn: '2026-06-01', pendingExtension: { ...extension, reasonsToldOn: null } }],
      [{ acceptedOn: '2026-06-01', pendingExtension: extension, extensions: [extension] }],
    ],
    citation: '行政许可法 Art.42 para 1',
  },
  licensingHearingRequestInTime: {
    pass: [[{ hearingRightsNotifiedOn: '2026-06-10' }, '2026-06-17']],
    refuse: [[{ hearingRightsNotifiedOn: '2026-06-10' }, '2026-06-18'], [{}]],
    citation: '行政许可法 Art.47 para 1',
  },
  licensingHearingWithinPeriod: {
    // Requested 06-01: 20 WD, 端午 06-19 skipped → 06-30.
    pass: [[{ hearingRequestedOn: '2026-06-01', hearingDate: '2026-06-30' }], [{ hearingRequestedOn: '2026-06-01', hearingDate: '2026-07-10' }, '2026-07-01'], [{ hearingDate: '2026-08-01' }]],
    refuse: [[{ hearingRequestedOn: '2026-06-01', hearingDate: '2026-07-01' }], [{ hearingRequestedOn: '2026-06-01' }]],
    citation: '行政许可法 Art.47 para 1',
  },
  licensingHearingNoticeInTime: {
    // Notice 06-10: 11, 12, 15, 16, 17, 18, (19 端午) 22 → earliest 06-22.
    pass: [[withHearing]],
    refuse: [[{ ...withHearing, hearingDate: '2026-06-18' }], [{ ...withHearing, hearingNoticeSentOn: null }]],
    citation: '行政许可法 Art.48 para 1(1)',
  },
  hearingNotBeforeNotifiedDate: {
    pass: [[{ hearingDate: '2026-06-15' }], [{ hearingDate: '2026-06-12' }]],
    refuse: [[{ hearingDate: '2026-06-16' }], [{}]],
    citation: '行政许可法 Art.48 para 1(1)',
  },
  hearingPresiderNotReviewer: {
    pass: [[{ hearingPresiderId: 'p1' }]],
    refuse: [[{ hearingPresiderId: 'r1' }], [{ hearingPresiderId: 'v2' }], [{}]],
    citation: '行政许可法 Art.48 para 1(3)',
  },
  hearingRightsRespected: {
    pass: [
      [{}],
      [{ involvesOthersMajorInterests: true, hearingRightsNotifiedOn: '2026-06-10' }, '2026-06-18'],
      [{ isHearingRequired: true, hearingHeldOn: '2026-06-12' }],
    ],
    refuse: [
      [{ involvesOthersMajorInterests: true }],
      [{ involvesOthersMajorInterests: true, hearingRightsNotifiedOn: '2026-06-10' }, '2026-06-17'],
      [{ isHearingRequired: true }],
    ],
    citation: /行政许可法 Art\.4[67]/,
  },
  decisionOnHearingTranscript: {
    pass: [[{}], [{ hearingRequestedOn: '2026-06-01', hearingHeldOn: '2026-06-12', hasHearingTranscript: true }]],
    refuse: [[{ hearingRequestedOn: '2026-06-01' }], [{ hearingHeldOn: '2026-06-12' }]],
    citation: '行政许可法 Art.48 para 2',
  },
  refusalStatesReasonsAndRemedies: {
    pass: [[{ decision: { kind: 'refuse', decidedOn: '2026-06-15', reasons: '场所不符合卫生条件', remediesStated: true } }]],
    refuse: [[{ decision: { kind: 'refuse', decidedOn: '2026-06-15', reasons: '场所不符合卫生条件', remediesStated: false } }], [{}]],
    citation: '行政许可法 Art.38 para 2',
  },
};

describe('licensing guards: each passes and is refused with its citation', () => {
  it('the case table covers every guard', () => {
    expect(Object.keys(GUARD_CASES).sort()).toEqual(Object.keys(LICENSING_GUARDS).sort());
  });
  for (const [name, c] of Object.entries(GUARD_CASES) as [LicensingGuardName, GuardCase][]) {
    const guard = LICENSING_GUARDS[name];
    it.each(c.pass.map(([f, now], i) => [i, f, now ?? ctx.now] as const))(`${name} passes (#%s)`, (_, f, now) => {
      expect(guard(makeApp(f), at(now))).toBeNull();
    });
    it.each(c.refuse.map(([f, now], i) => [i, f, now ?? ctx.now] as const))(`${name} refuses (#%s)`, (_, f, now) => {
      const r = guard(makeApp(f), at(now));
      expect(r?.code).toBe('RULE_VIOLATION');
      expect(r?.citation).toMatch(c.citation);
      expect(r?.message.length).toBeGreaterThan(0);
      expect(r?.messageZh.length).toBeGreaterThan(0);
    });
  }
  it('a 3-year ban for a licence obtained by fraud cites Art.79 and runs to the third anniversary', () => {
    const r = LICENSING_GUARDS.applicantNotBanned(makeApp({ banRecords: [{ itemId: 'item-1', kind: 'improper_means', decidedOn: '2023-06-10', isSafetyRelated: true }] }), ctx);
    expect(r).toMatchObject({ citation: '行政许可法 Art.79', details: { until: '2026-06-10' } });
  });
  it('joint handling needs the government head for an extension (Art.42 para 2)', () => {
    const r = LICENSING_GUARDS.licensingExtensionApproved(makeApp({ isJointHandling: true, acceptedOn: '2026-06-01', pendingExtension: extension }), ctx);
    expect(r).toMatchObject({ citation: '行政许可法 Art.42 para 2', details: { problems: ['approval'] } });
  });
  it('a year without calendar data refuses with CALENDAR_MISSING instead of throwing', () => {
    const r = LICENSING_GUARDS.supplementNoticeInTime(makeApp({ receivedOn: '2026-12-28' }), at('2027-01-05'));
    expect(r?.code).toBe('CALENDAR_MISSING');
  });
});

describe('availableLicensingActions', () => {
  it('a complete application may be accepted; a supplement notice is refused as there is nothing missing', () => {
    const r = availableLicensingActions(makeApp(), ctx);
    expect(r.allowed).toEqual(['accept', 'withdraw']);
    expect(r.refused.map((x) => [x.action, x.refusals.map((y) => y.details?.guard)])).toEqual([
      ['request_supplement', ['supplementHasMissingItems']],
      ['not_accept', ['notAcceptedWithReasons']],
    ]);
    expect(r.notices).toEqual([]);
  });
  it('an incomplete application left without notice past 5 WD is deemed accepted: only accept remains, with a notice', () => {
    const r = availableLicensingActions(makeApp({ submittedMaterials: ['申请书'] }), at('2026-06-18'));
    expect(r.allowed).toEqual(['accept', 'withdraw']);
    expect(r.refused.find((x) => x.action === 'request_supplement')?.refusals.map((y) => y.details?.guard)).toEqual(['supplementNoticeInTime']);
    expect(r.refused.find((x) => x.action === 'not_accept')?.refusals.map((y) => y.details?.guard)).toContain('notDeemedAccepted');
    expect(r.notices).toMatchObject([{ kind: 'deemed_accepted', details: { acceptedFrom: '2026-06-10' } }]);
  });
  it('flags an overdue decision and excluded periods not told in writing', () => {
    const facts = makeApp({ status: 'under_review', acceptedOn: '2026-05-06', exclusions: [{ kind: 'expert_review', from: '2026-05-20', to: '2026-05-25', toldInWritingOn: null }] });
    expect(availableLicensingActions(facts, ctx).notices.map((n) => n.kind)).toEqual(['exclusion_not_told', 'decision_overdue']);
  });
  it('flags a certificate not issued within 10 WD of the grant, and a requested hearing not held within 20 WD', () => {
    const granted = makeApp({ status: 'granted', acceptedOn: '2026-05-06', decision: { kind: 'grant', decidedOn: '2026-05-28', reasons: '', remediesStated: false } });
    expect(availableLicensingActions(granted, ctx).notices.map((n) => n.kind)).toEqual(['certificate_overdue']);
    const waiting = makeApp({ status: 'hearing_requested', acceptedOn: '2026-06-01', hearingRightsNotifiedOn: '2026-06-01', hearingRequestedOn: '2026-06-02' });
    expect(availableLicensingActions(waiting, at('2026-07-03')).notices.map((n) => n.kind)).toContain('hearing_late');
  });
  it('reports CALENDAR_MISSING as a notice, not an exception', () => {
    const r = availableLicensingActions(makeApp({ status: 'under_review', receivedOn: '2026-12-20', acceptedOn: '2026-12-21' }), at('2026-12-22'));
    expect(r.notices.map((n) => n.kind)).toEqual(['calendar_missing']);
  });
});

describe('licensingIntakeState (Art.32 para 1(4): no notice within 5 WD = accepted from receipt)', () => {
  it.each([
    ['pending inside the window', {}, '2026-06-17', 'pending', null],
    ['deemed accepted the day after', {}, '2026-06-18', 'deemed_accepted', '2026-06-10'],
    ['a timely notice', { supplementNotices: [{ servedOn: '2026-06-17', missingItems: ['a'] }] }, '2026-07-01', 'supplement_requested', null],
    ['a late notice does not stop deemed acceptance', { supplementNotices: [{ servedOn: '2026-06-18', missingItems: ['a'] }] }, '2026-07-01', 'deemed_accepted', '2026-06-10'],
    ['accepted within the window', { acceptedOn: '2026-06-12' }, '2026-07-01', 'accepted', '2026-06-12'],
    ['accepted after a timely notice', { supplementNotices: [{ servedOn: '2026-06-11', missingItems: ['a'] }], acceptedOn: '2026-06-25' }, '2026-07-01', 'accepted', '2026-06-25'],
    ['a late formal acceptance still counts from receipt', { acceptedOn: '2026-06-25' }, '2026-07-01', 'deemed_accepted', '2026-06-10'],
    ['not accepted in time', { notAccepted: { decidedOn: '2026-06-10', reason: 'not_competent' as const, explanation: 'x', referralAgency: 'y' } }, '2026-07-01', 'not_accepted', null],
  ] as [string, Partial<LicensingFacts>, string, string, string | null][])('%s', (_, over, today, state, acceptedFrom) => {
    const s = licensingIntakeState(makeApp(over), today, cal);
    expect(s).toMatchObject({ state, acceptedFrom, deadline: { key: 'intake', due: '2026-06-17', rule: { dayType: 'WORKING', length: 5 } } });
  });
  it('flags a second notice and a non-acceptance after deemed acceptance', () => {
    const two = licensingIntakeState(makeApp({ supplementNotices: [{ servedOn: '2026-06-11', missingItems: ['a'] }, { servedOn: '2026-06-20', missingItems: ['b'] }] }), '2026-07-01', cal);
    expect(two.flags).toEqual(['second_supplement_notice']);
    const late = licensingIntakeState(makeApp({ notAccepted: { decidedOn: '2026-06-30', reason: 'other', explanation: 'x', referralAgency: null } }), '2026-07-01', cal);
    expect(late).toMatchObject({ state: 'deemed_accepted', flags: ['not_accepted_after_deemed_acceptance'] });
  });
  it('missingLicensingMaterials lists everything still missing', () => {
    expect(missingLicensingMaterials(makeApp({ submittedMaterials: ['营业执照'] }))).toEqual(['申请书', '场所证明']);
  });
});

describe('licensingDeadlines', () => {
  const dueOf = (f: LicensingFacts, asOf: string, params = DEFAULT_LICENSING_RULE_PARAMS) =>
    Object.fromEntries(licensingDeadlines(f, cal, { asOf, params }).map((d) => [d.key, d.due]));
  it('the rules are working days (Art.82) with citations', () => {
    for (const r of Object.values(LICENSING_DEADLINE_RULES)) {
      expect(r.dayType).toBe('WORKING');
      expect(r.citation).toMatch(/行政许可法/);
    }
  });
  it('around National Day 2026: intake, decision, hearing, certificate and publication', () => {
    const f = makeApp({
      receivedOn: '2026-09-28',
      acceptedOn: '2026-09-29',
      hearingRightsNotifiedOn: '2026-09-29',
      hearingRequestedOn: '2026-09-30',
      hearingNoticeSentOn: '2026-09-30',
      decision: { kind: 'grant', decidedOn: '2026-09-30', reasons: '', remediesStated: false },
    });
    expect(dueOf(f, '2026-10-20')).toEqual({
      intake: '2026-10-10', // 09-29, 09-30, 10-08, 10-09, 10-10 (make-up Saturday)
      decision: '2026-11-02', // 20 WD from 09-29
      hearingRequest: '2026-10-12', // 09-30, 10-08, 09, 10, 12
      hearingOrganise: '2026-11-03', // 20 WD from 09-30: 10-08, 09, 10 (调休) … 11-03
      hearingNotice: '2026-10-15', // 10-08, 09, 10, 12, 13, 14, 15
      certificate: '2026-10-20', // 10-08, 09, 10 (调休), 12, 13, 14, 15, 16, 19, 20
      publication: '2026-10-15', // 7 WD from 09-30
    });
  });
  it('decision: +10 WD with a counted extension, told exclusions pause it, untold ones do not, the length is a parameter', () => {
    const base = makeApp({ acceptedOn: '2026-06-01' });
    expect(dueOf(base, '2026-06-15').decision).toBe('2026-06-30');
    expect(dueOf(makeApp({ acceptedOn: '2026-06-01', extensions: [extension] }), '2026-06-15').decision).toBe('2026-07-14');
    // An extension whose reasons were never told does not count (Art.42).
    expect(dueOf(makeApp({ acceptedOn: '2026-06-01', extensions: [{ ...extension, reasonsToldOn: null }] }), '2026-06-15').decision).toBe('2026-06-30');
    const testing: LicensingExclusion = { kind: 'testing', from: '2026-06-08', to: '2026-06-12', toldInWritingOn: '2026-06-05' };
    expect(licensingDeadlines(makeApp({ acceptedOn: '2026-06-01', exclusions: [testing] }), cal, { asOf: '2026-06-15' })[1]).toMatchObject({
      key: 'decision',
      due: '2026-07-07',
      pausedDays: 5,
      isProvisional: false,
    });
    expect(dueOf(makeApp({ acceptedOn: '2026-06-01', exclusions: [{ ...testing, toldInWritingOn: null }] }), '2026-06-15').decision).toBe('2026-06-30');
    const running = licensingDeadlines(makeApp({ acceptedOn: '2026-06-01', exclusions: [{ ...testing, to: null }] }), cal, { asOf: '2026-06-10' })[1];
    expect(running).toMatchObject({ due: '2026-07-03', isProvisional: true });
    expect(dueOf(base, '2026-06-15', { ...DEFAULT_LICENSING_RULE_PARAMS, 'licensing.decisionWorkingDays': 10 }).decision).toBe('2026-06-15');
  });
  it('joint handling: 45 WD, +15 with the government head (Art.42 para 2)', () => {
    const joint = makeApp({ acceptedOn: '2026-06-01', isJointHandling: true });
    expect(dueOf(joint, '2026-06-15')).toMatchObject({ jointDecision: addPeriod('2026-06-01', 45, 'day', 'WORKING', cal) });
    const extended = makeApp({ acceptedOn: '2026-06-01', isJointHandling: true, extensions: [{ ...extension, approvedBy: 'government_head' }] });
    expect(dueOf(extended, '2026-06-15')).toMatchObject({ jointDecision: addPeriod('2026-06-01', 60, 'day', 'WORKING', cal) });
  });
  it('a deemed acceptance starts the decision period at receipt', () => {
    expect(dueOf(makeApp({ receivedOn: '2026-06-01' }), '2026-06-15').decision).toBe('2026-06-30');
    expect(dueOf(makeApp({ receivedOn: '2026-06-10' }), '2026-06-15')).not.toHaveProperty('decision');
  });
});

describe('renewalState (Art.50)', () => {
  const r = (over: Partial<Parameters<typeof renewalState>[0]>, today: string) =>
    renewalState({ expiresOn: '2026-06-30', renewalAppliedOn: null, renewalDecision: null, ...over }, today);
  it.each([
    ['open before the last day to apply', {}, '2026-05-31', 'open'],
    ['application overdue after it', {}, '2026-06-01', 'application_overdue'],
    ['expired without application', {}, '2026-07-01', 'expired'],
    ['pending after a timely application', { renewalAppliedOn: '2026-05-31' }, '2026-06-30', 'pending'],
    ['deemed granted when undecided at expiry', { renewalAppliedOn: '2026-05-31' }, '2026-07-01', 'deemed_granted'],
    ['granted in time', { renewalAppliedOn: '2026-05-20', renewalDecision: { decidedOn: '2026-06-30', isGranted: true } }, '2026-07-05', 'granted'],
    ['refused in time', { renewalAppliedOn: '2026-05-20', renewalDecision: { decidedOn: '2026-06-20', isGranted: false } }, '2026-07-05', 'refused'],
    ['a refusal after expiry cannot undo the deemed grant', { renewalAppliedOn: '2026-05-20', renewalDecision: { decidedOn: '2026-07-02', isGranted: false } }, '2026-07-05', 'deemed_granted'],
    ['a late application is not protected', { renewalAppliedOn: '2026-06-10' }, '2026-06-20', 'late_application'],
    ['a late application undecided at expiry lapses', { renewalAppliedOn: '2026-06-10' }, '2026-07-01', 'expired'],
    ['a late application may still be granted', { renewalAppliedOn: '2026-06-10', renewalDecision: { decidedOn: '2026-06-25', isGranted: true } }, '2026-07-01', 'granted'],
  ] as [string, Partial<Parameters<typeof renewalState>[0]>, string, string][])('%s', (_, over, today, state) => {
    expect(r(over, today)).toMatchObject({ state, applyBy: '2026-05-31', decideBy: '2026-06-30', citation: '行政许可法 Art.50' });
  });
  it('the lead time is a rule parameter', () => {
    expect(renewalState({ expiresOn: '2026-06-30', renewalAppliedOn: null, renewalDecision: null }, '2026-06-01', { 'licensing.renewalLeadDays': 60 }).applyBy).toBe('2026-05-01');
  });
});

// ---- properties -----------------------------------------------------------------------------------------------------

const YEARS = [2024, 2025, 2026];
const dayIn = (min: number, max: number) => fc.integer({ min, max }).map((n) => addDays('2024-01-01', n));
/** A random calendar over the shipped years: random statutory holidays and random make-up working weekends (调休). */
const randomCalendar: fc.Arbitrary<HolidayCalendar> = fc
  .record({ holidays: fc.uniqueArray(dayIn(0, 1095), { maxLength: 120 }), workdays: fc.uniqueArray(dayIn(0, 1095), { maxLength: 40 }) })
  .map(({ holidays, workdays }) => {
    const entries: CalendarEntry[] = holidays.map((date) => ({ date, kind: 'holiday', name: '节日' }));
    const taken = new Set(holidays);
    for (const date of workdays) {
      const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
      if (!taken.has(date) && (wd === 0 || wd === 6)) entries.push({ date, kind: 'workday', name: '调休上班' });
    }
    return createCalendar(entries, YEARS);
  });
const anyCalendar = fc.oneof(fc.constant(cal), randomCalendar);
const exclusionArb = fc.record({
  offset: fc.integer({ min: -5, max: 40 }),
  length: fc.integer({ min: 0, max: 15 }),
  isTold: fc.boolean(),
});

describe('properties', () => {
  it('deemed acceptance iff neither a notice nor an intake decision came within 5 WD of receipt (and that day has passed)', () => {
    fc.assert(
      fc.property(
        anyCalendar,
        dayIn(0, 1000),
        fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
        fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
        fc.integer({ min: 0, max: 30 }),
        (calendar, receivedOn, noticeAfter, acceptAfter, todayAfter) => {
          const facts = makeApp({
            receivedOn,
            supplementNotices: noticeAfter === null ? [] : [{ servedOn: addDays(receivedOn, noticeAfter), missingItems: ['a'] }],
            acceptedOn: acceptAfter === null ? null : addDays(receivedOn, acceptAfter),
          });
          const today = addDays(receivedOn, todayAfter);
          const s = licensingIntakeState(facts, today, calendar);
          const due = addPeriod(receivedOn, 5, 'day', 'WORKING', calendar);
          const answered = [facts.supplementNotices[0]?.servedOn, facts.acceptedOn].some((d) => d && d <= due && d <= today);
          expect(s.deadline.due).toBe(due);
          expect(s.state === 'deemed_accepted').toBe(!answered && today > due);
          if (s.state === 'deemed_accepted') expect(s.acceptedFrom).toBe(receivedOn);
          // The decision period never starts later than a recorded acceptance.
          if (s.acceptedFrom && facts.acceptedOn && facts.acceptedOn <= today) expect(s.acceptedFrom <= facts.acceptedOn).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('excluded periods never shorten the decision period, and an extension never makes it earlier', () => {
    fc.assert(
      fc.property(anyCalendar, dayIn(0, 950), fc.array(exclusionArb, { maxLength: 3 }), fc.boolean(), fc.boolean(), (calendar, acceptedOn, ex, isJoint, isExtended) => {
        const exclusions: LicensingExclusion[] = ex.map((e) => ({
          kind: 'testing',
          from: addDays(acceptedOn, e.offset),
          to: addDays(acceptedOn, e.offset + e.length),
          toldInWritingOn: e.isTold ? acceptedOn : null,
        }));
        const ext = { ...extension, approvedBy: isJoint ? ('government_head' as const) : ('agency_head' as const) };
        const opts = { asOf: addDays(acceptedOn, 100) };
        const plain = licensingDecisionDeadline(makeApp({ isJointHandling: isJoint }), acceptedOn, calendar, opts);
        const paused = licensingDecisionDeadline(makeApp({ isJointHandling: isJoint, exclusions }), acceptedOn, calendar, opts);
        const extended = licensingDecisionDeadline(makeApp({ isJointHandling: isJoint, exclusions, extensions: isExtended ? [ext] : [] }), acceptedOn, calendar, opts);
        expect(paused.due >= plain.due).toBe(true);
        expect(extended.due >= paused.due).toBe(true);
        if (isExtended) expect(extended.due > paused.due).toBe(true);
        // Untold exclusions change nothing (Art.45: they count only when told in writing).
        if (ex.every((e) => !e.isTold)) expect(paused.due).toBe(plain.due);
        // The last day of a working-day period is a working day outside every pause.
        expect(calendar.isWorkingDay(paused.due)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('a renewal is deemed granted iff applied in time, undecided by expiry, and expiry has passed', () => {
    fc.assert(
      fc.property(
        dayIn(100, 1000),
        fc.option(fc.integer({ min: -60, max: 5 }), { nil: null }),
        fc.option(fc.integer({ min: -40, max: 20 }), { nil: null }),
        fc.integer({ min: -60, max: 40 }),
        (expiresOn, applied, decided, todayOffset) => {
          const facts = {
            expiresOn,
            renewalAppliedOn: applied === null ? null : addDays(expiresOn, applied),
            renewalDecision: decided === null ? null : { decidedOn: addDays(expiresOn, decided), isGranted: false },
          };
          const today = addDays(expiresOn, todayOffset);
          const s = renewalState(facts, today);
          const isTimely = facts.renewalAppliedOn !== null && facts.renewalAppliedOn <= today && facts.renewalAppliedOn <= addDays(expiresOn, -30);
          const decidedInTime = facts.renewalDecision !== null && facts.renewalDecision.decidedOn <= expiresOn && facts.renewalDecision.decidedOn <= today;
          expect(s.state === 'deemed_granted').toBe(isTimely && !decidedInTime && today > expiresOn);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('availableLicensingActions never offers a move the table does not allow, and accounts for every table move', () => {
    const maybeDay = fc.option(dayIn(880, 960), { nil: null });
    fc.assert(
      fc.property(
        fc.record({
          status: fc.constantFrom(...LICENSING_STATUSES),
          receivedOn: dayIn(880, 900),
          submittedMaterials: fc.subarray(MATERIALS),
          acceptedOn: maybeDay,
          hearingRightsNotifiedOn: maybeDay,
          hearingRequestedOn: maybeDay,
          hearingHeldOn: maybeDay,
          involvesOthersMajorInterests: fc.boolean(),
          isHearingRequired: fc.boolean(),
          verifierIds: fc.subarray(['v1', 'v2']),
        }),
        dayIn(880, 990),
        (over, now) => {
          const r = availableLicensingActions(makeApp(over), at(now));
          const table = allowedActions(LICENSING_TRANSITIONS, over.status);
          expect([...r.allowed, ...r.refused.map((x) => x.action)].sort()).toEqual([...table].sort());
          for (const x of r.refused) {
            expect(x.refusals.length).toBeGreaterThan(0);
            for (const y of x.refusals) expect(y.citation).toBeTruthy();
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('steps whose refusal the action’s own input answers', () => {
  it('accept on complete materials is refused only for the receipt, which the step carries', () => {
    const r = availableLicensingActions(makeApp({ status: 'received', hasSealedDatedReceipt: false }), ctx);
    const accept = r.refused.find((x) => x.action === 'accept')!;
    expect(accept.refusals.map((x) => x.details?.['guard'])).toEqual(['intakeReceiptSealed']);
    expect(isLicensingRefusalAnsweredByInput('accept', accept.refusals)).toBe(true);
  });
  it('incomplete materials or a ban are not answered by the input; a used extension is not either', () => {
    const r = availableLicensingActions(makeApp({ status: 'received', hasSealedDatedReceipt: false, submittedMaterials: [] }), ctx);
    expect(isLicensingRefusalAnsweredByInput('accept', r.refused.find((x) => x.action === 'accept')!.refusals)).toBe(false);
    const used = licensingActionRefusals(makeApp({ status: 'under_review', extensions: [{ approvedOn: '2026-06-02', approvedBy: 'agency_head', reasons: 'x', reasonsToldOn: '2026-06-02' }] }), 'extend_period', ctx);
    expect(isLicensingRefusalAnsweredByInput('extend_period', used)).toBe(false);
    const missing = licensingActionRefusals(makeApp({ status: 'under_review' }), 'extend_period', ctx);
    expect(isLicensingRefusalAnsweredByInput('extend_period', missing)).toBe(true);
    expect(isLicensingRefusalAnsweredByInput('grant', [])).toBe(false);
  });
});
