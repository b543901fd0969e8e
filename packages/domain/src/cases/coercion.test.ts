import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCalendar, type CalendarEntry, type HolidayCalendar } from '../calendar/index.ts';
import { allowedActions } from '../registry/enums.ts';
import { AV_RECORD_CITATION } from '../record/av-requirement.ts';
import {
  availableCoercionActions,
  checkCoercionAction,
  COERCION_ACTION_GUARDS,
  COERCION_ACTIONS,
  COERCION_DEADLINE_RULES,
  COERCION_GUARDS,
  COERCION_STATUS_INFO,
  COERCION_STATUSES,
  COERCION_TRANSITIONS,
  coercionDeadlines,
  coercionExpiryState,
  coercionMeasureDeadline,
  DEFAULT_COERCION_RULE_PARAMS,
  emergencyApprovalState,
  isCoercionNightHour,
  nextCoercionStatus,
  type CoercionAction,
  type CoercionExecution,
  type CoercionExtension,
  type CoercionFacts,
  type CoercionGuardContext,
  type CoercionGuardName,
  type CoercionStatus,
} from './coercion.ts';
import { addDays, cal, makeOfficer } from './test/fixtures.ts';

const SEIZE_CONTENTS = ['party', 'reasons_and_basis', 'items', 'place', 'period', 'remedies', 'agency_and_date'] as const;
const FREEZE_CONTENTS = ['party', 'reasons_and_basis', 'account_and_amount', 'period', 'remedies', 'agency_and_date'] as const;

const makeExecution = (over: Partial<CoercionExecution> = {}): CoercionExecution => ({
  startedAt: '2026-06-15T10:00:00+08:00',
  areCertificatesShown: true,
  isPartyNotifiedToAttend: true,
  areReasonsAndRightsTold: true,
  areStatementsHeard: true,
  record: { officersSigned: true, partyPresent: true, partySigned: true, partyRefusalNoted: false, witnessSigned: false },
  decisionContents: SEIZE_CONTENTS,
  isDecisionAndInventoryHandedOver: true,
  isBankNoticeDelivered: false,
  ...over,
});

/** A seizure on which every guard passes on 2026-06-15 (executed that Monday at 10:00 China time). */
const makeMeasure = (over: Partial<CoercionFacts> = {}): CoercionFacts => ({
  status: 'proposed',
  kind: 'seize',
  agencyKind: 'statutory',
  sector: 'market',
  placePath: '/130000/130300/130322/',
  officers: [makeOfficer('o1'), makeOfficer('o2')],
  items: [{ description: '过期食品20箱', isRelatedToViolation: true, isLifeNecessity: false, isSealedElsewhere: false }],
  freezeAuthorisingLaw: null,
  freezeAmount: null,
  violationAmount: null,
  isAlreadyFrozen: false,
  headDecision: { deciderId: 'h1', isAgencyHead: true, decidedAt: '2026-06-15T09:00:00+08:00', isApproved: true, reason: null },
  urgencyReason: null,
  emergency: null,
  execution: makeExecution(),
  extensions: [],
  pendingExtension: null,
  testingPeriods: [],
  freezeDecisionDeliveredOn: null,
  disposition: null,
  ...over,
});
const freeze: Partial<CoercionFacts> = {
  kind: 'freeze',
  items: [],
  freezeAuthorisingLaw: '《中华人民共和国税收征收管理法》第三十八条',
  freezeAmount: 50_000,
  violationAmount: 80_000,
  execution: makeExecution({ decisionContents: FREEZE_CONTENTS, isDecisionAndInventoryHandedOver: false, isBankNoticeDelivered: true, isPartyNotifiedToAttend: false, record: { officersSigned: true, partyPresent: false, partySigned: false, partyRefusalNoted: false, witnessSigned: false } }),
};
const makeCtx = (over: Partial<CoercionGuardContext> = {}): CoercionGuardContext => ({
  actor: { id: 'u1' },
  now: '2026-06-15',
  calendar: cal,
  params: { ...DEFAULT_COERCION_RULE_PARAMS },
  ...over,
});
const ctx = makeCtx();
const executedAt = (startedAt: string) => makeExecution({ startedAt });

// The flow written out independently (domain-rules §6, brief): anything absent is refused.
const EXPECTED: Record<CoercionStatus, Partial<Record<CoercionAction, CoercionStatus>>> = {
  proposed: { approve: 'approved', decline: 'declined', execute_emergency: 'emergency_executed' },
  declined: {},
  approved: { execute: 'in_force' },
  emergency_executed: { approve: 'in_force', disapprove: 'disapproved', release: 'released' },
  disapproved: { release: 'released' },
  in_force: { extend: 'in_force', release: 'released', confiscate: 'confiscated', destroy: 'destroyed' },
  released: {},
  confiscated: {},
  destroyed: {},
};

describe('coercion transitions: every status × action against the explicit table', () => {
  for (const status of COERCION_STATUSES) {
    for (const action of COERCION_ACTIONS) {
      const to = EXPECTED[status][action];
      it(`${status} × ${action} → ${to ?? 'INVALID_TRANSITION'}`, () => {
        expect(nextCoercionStatus(status, action)).toBe(to);
        const r = checkCoercionAction(makeMeasure({ status }), action, ctx);
        if (to) {
          if (r.ok) expect(r.to).toBe(to);
          else expect(r.refusals.every((x) => x.code !== 'INVALID_TRANSITION' && typeof x.details?.guard === 'string')).toBe(true);
        } else {
          expect(r).toEqual({ ok: false, refusals: [expect.objectContaining({ code: 'INVALID_TRANSITION', details: { allowedActions: Object.keys(EXPECTED[status]) } })] });
        }
      });
    }
  }
  it('every status cites 行政强制法; the end states are terminal; guarded actions are on the table', () => {
    for (const s of COERCION_STATUSES) expect(COERCION_STATUS_INFO[s].citation).toMatch(/行政强制法/);
    expect(COERCION_STATUSES.filter((s) => allowedActions(COERCION_TRANSITIONS, s).length === 0)).toEqual(['declined', 'released', 'confiscated', 'destroyed']);
    for (const a of Object.keys(COERCION_ACTION_GUARDS)) expect(COERCION_STATUSES.some((s) => EXPECTED[s][a as CoercionAction])).toBe(true);
  });
  it('a disapproved emergency measure can only be released (Art.19)', () => {
    expect(allowedActions(COERCION_TRANSITIONS, 'disapproved')).toEqual(['release']);
  });
});

type Case = [Partial<CoercionFacts>, Partial<CoercionGuardContext>?];
type GuardCase = { pass: Case[]; refuse: Case[]; citation: string | RegExp };
const ext: CoercionExtension = { approvedOn: '2026-06-15', isAgencyHead: true, reasons: '案情复杂，需进一步调查', days: 30, notifiedInWritingOn: '2026-06-15' };
const inForceSince = (startedAt: string, over: Partial<CoercionFacts> = {}): Partial<CoercionFacts> => ({ status: 'in_force', execution: executedAt(startedAt), ...over });
const withRecord = (record: Partial<NonNullable<CoercionExecution['record']>>) =>
  makeExecution({ record: { officersSigned: true, partyPresent: true, partySigned: true, partyRefusalNoted: false, witnessSigned: false, ...record } });

const GUARD_CASES: Record<CoercionGuardName, GuardCase> = {
  coercionApprovedByHead: {
    pass: [[{}]],
    refuse: [[{ headDecision: null }], [{ headDecision: { deciderId: 'd1', isAgencyHead: false, decidedAt: '2026-06-15T09:00:00+08:00', isApproved: true, reason: null } }]],
    citation: '行政强制法 Art.18(1)',
  },
  coercionRejectedByHead: {
    pass: [[{ headDecision: { deciderId: 'h1', isAgencyHead: true, decidedAt: '2026-06-15T09:00:00+08:00', isApproved: false, reason: '不属于应当扣押的情形' } }]],
    refuse: [[{}], [{ headDecision: { deciderId: 'h1', isAgencyHead: true, decidedAt: '2026-06-15T09:00:00+08:00', isApproved: false, reason: null } }]],
    citation: '行政强制法 Art.18(1), Art.19',
  },
  notDelegatedSubject: { pass: [[{}], [{ agencyKind: 'authorised' }]], refuse: [[{ agencyKind: 'entrusted' }]], citation: '行政强制法 Art.17 para 1, Art.70' },
  coercionTwoCertifiedOfficers: {
    pass: [[{}]],
    refuse: [[{ officers: [makeOfficer('o1')] }], [{ officers: [makeOfficer('o1'), makeOfficer('a1', { personnelType: 'auxiliary' })] }]],
    citation: '行政强制法 Art.17 para 3, Art.18(2)',
  },
  coercionOnSiteProcedure: {
    pass: [
      [{}],
      [{ execution: withRecord({ partyPresent: false, partySigned: false, witnessSigned: true }) }],
      [{ execution: withRecord({ partySigned: false, partyRefusalNoted: true }) }],
      [freeze],
    ],
    refuse: [
      [{ execution: null }],
      [{ execution: makeExecution({ areCertificatesShown: false }) }],
      [{ execution: makeExecution({ areStatementsHeard: false }) }],
      [{ execution: withRecord({ partyPresent: false, partySigned: false, witnessSigned: false }) }],
      [{ execution: withRecord({ partySigned: false }) }],
      [{ execution: makeExecution({ record: null }) }],
      [{ ...freeze, execution: makeExecution({ ...freeze.execution!, isBankNoticeDelivered: false }) }],
    ],
    citation: /行政强制法 Art\.(18|30)/,
  },
  coercionDecisionAndInventory: {
    pass: [[{}], [freeze]],
    refuse: [
      [{ execution: makeExecution({ decisionContents: SEIZE_CONTENTS.filter((c) => c !== 'period') }) }],
      [{ execution: makeExecution({ isDecisionAndInventoryHandedOver: false }) }],
      [{ ...freeze, execution: makeExecution({ ...freeze.execution!, decisionContents: ['party', 'period'] }) }],
    ],
    citation: /行政强制法 Art\.(24|31)/,
  },
  coercionItemsPermitted: {
    pass: [[{}], [freeze]],
    refuse: [
      [{ items: [] }],
      [{ items: [{ description: '个人手机', isRelatedToViolation: false, isLifeNecessity: false, isSealedElsewhere: false }] }],
      [{ items: [{ description: '口粮', isRelatedToViolation: true, isLifeNecessity: true, isSealedElsewhere: false }] }],
      [{ items: [{ description: '仓库', isRelatedToViolation: true, isLifeNecessity: false, isSealedElsewhere: true }] }],
    ],
    citation: '行政强制法 Art.23',
  },
  freezeLawfulAndProportionate: {
    pass: [[freeze], [{}], [{ ...freeze, freezeAmount: 80_000 }]],
    refuse: [[{ ...freeze, freezeAuthorisingLaw: null }], [{ ...freeze, agencyKind: 'entrusted' }], [{ ...freeze, freezeAmount: 80_001 }], [{ ...freeze, isAlreadyFrozen: true }]],
    citation: '行政强制法 Art.29',
  },
  emergencyJustified: {
    pass: [[{ urgencyReason: '当事人正在转移涉案物品' }]],
    refuse: [[{}], [{ ...freeze, urgencyReason: '资金即将转移' }]],
    citation: /行政强制法 Art\.19/,
  },
  emergencyReported: {
    pass: [[{}], [{ status: 'emergency_executed', emergency: { reportedAt: '2026-06-15T12:00:00+08:00' } }]],
    refuse: [[{ status: 'emergency_executed', emergency: { reportedAt: null } }]],
    citation: '行政强制法 Art.19',
  },
  emergencyReportedInTime: {
    pass: [
      [{}],
      [{ status: 'emergency_executed', emergency: { reportedAt: '2026-06-16T10:00:00+08:00' } }], // exactly 24 hours
      [{ status: 'emergency_executed', emergency: { reportedAt: null } }], // not reported yet: emergencyReported's turn
    ],
    refuse: [[{ status: 'emergency_executed', emergency: { reportedAt: '2026-06-16T10:01:00+08:00' } }]],
    citation: '行政强制法 Art.19',
  },
  noNightOrHolidayExecution: {
    pass: [
      [{}],
      [{ execution: executedAt('2026-06-15T06:00:00+08:00') }], // the night window ends at 06:00 (exclusive)
      [{ execution: executedAt('2026-10-10T10:00:00+08:00') }], // a 调休 make-up Saturday is a working day
      [{ execution: executedAt('2026-06-13T10:00:00+08:00') }], // an ordinary Saturday, by default
      [{ execution: executedAt('2026-06-15T23:30:00+08:00'), urgencyReason: '有毒食品正在销售' }],
      [{ execution: executedAt('2026-06-15T20:00:00+08:00') }, { params: { ...DEFAULT_COERCION_RULE_PARAMS, 'coercion.nightStartHour': 21 } }],
    ],
    refuse: [
      [{ execution: executedAt('2026-06-15T22:00:00+08:00') }],
      [{ execution: executedAt('2026-06-16T05:59:00+08:00') }],
      [{ execution: executedAt('2026-06-15T14:30:00Z') }], // 22:30 China time
      [{ execution: executedAt('2026-10-02T10:00:00+08:00') }], // 国庆
      [{ execution: executedAt('2026-06-19T10:00:00+08:00') }], // 端午
      [{ execution: executedAt('2026-06-13T10:00:00+08:00') }, { params: { ...DEFAULT_COERCION_RULE_PARAMS, 'coercion.restDaysCountAsHolidays': true } }],
      [{ execution: null }],
    ],
    citation: '行政强制法 Art.43',
  },
  coercionExtensionApproved: {
    // Executed 06-01: 30 days end 07-01. Executed 05-01: 05-31 is a Sunday, so the period ends 06-01.
    pass: [[inForceSince('2026-06-01T10:00:00+08:00', { pendingExtension: ext })], [inForceSince('2026-05-01T10:00:00+08:00', { pendingExtension: { ...ext, approvedOn: '2026-06-01' } })]],
    refuse: [
      [inForceSince('2026-05-01T10:00:00+08:00', { pendingExtension: { ...ext, approvedOn: '2026-06-02' } })],
      [inForceSince('2026-06-01T10:00:00+08:00', { pendingExtension: ext, extensions: [ext] })],
      [inForceSince('2026-06-01T10:00:00+08:00', { pendingExtension: { ...ext, days: 31 } })],
      [inForceSince('2026-06-01T10:00:00+08:00', { pendingExtension: { ...ext, notifiedInWritingOn: null } })],
      [inForceSince('2026-06-01T10:00:00+08:00', { pendingExtension: { ...ext, isAgencyHead: false } })],
      [inForceSince('2026-06-01T10:00:00+08:00')],
    ],
    citation: /行政强制法 Art\.(25|32)/,
  },
  withinMeasurePeriod: {
    pass: [
      [inForceSince('2026-06-01T10:00:00+08:00')],
      [inForceSince('2026-05-01T10:00:00+08:00'), { now: '2026-06-01' }],
      // 21 told days of testing push the end from 06-01 to 06-21 (Sunday) → 06-22.
      [inForceSince('2026-05-01T10:00:00+08:00', { testingPeriods: [{ kind: 'testing', from: '2026-05-10', to: '2026-05-30', toldInWritingOn: '2026-05-10' }] })],
    ],
    refuse: [
      [inForceSince('2026-05-01T10:00:00+08:00'), { now: '2026-06-02' }],
      [inForceSince('2026-05-01T10:00:00+08:00', { testingPeriods: [{ kind: 'testing', from: '2026-05-10', to: '2026-05-30', toldInWritingOn: null }] })],
    ],
    citation: '行政强制法 Art.27, Art.28 para 1(4)',
  },
  dispositionHasBasis: {
    pass: [
      [{ disposition: { kind: 'confiscate', decidedOn: '2026-06-15', releaseReason: null, penaltyDecisionRef: '冀秦市监罚〔2026〕12号', legalBasis: null } }],
      [{ disposition: { kind: 'destroy', decidedOn: '2026-06-15', releaseReason: null, penaltyDecisionRef: null, legalBasis: '《食品安全法》第一百二十四条' } }],
    ],
    refuse: [
      [{ disposition: { kind: 'confiscate', decidedOn: '2026-06-15', releaseReason: null, penaltyDecisionRef: null, legalBasis: null } }],
      [{ ...freeze, disposition: { kind: 'destroy', decidedOn: '2026-06-15', releaseReason: null, penaltyDecisionRef: null, legalBasis: 'x' } }],
      [{}],
    ],
    citation: '行政强制法 Art.27',
  },
  releaseReasonStated: {
    pass: [[{ disposition: { kind: 'release', decidedOn: '2026-06-15', releaseReason: 'period_expired', penaltyDecisionRef: null, legalBasis: null } }]],
    refuse: [[{}], [{ disposition: { kind: 'release', decidedOn: '2026-06-15', releaseReason: null, penaltyDecisionRef: null, legalBasis: null } }]],
    citation: '行政强制法 Art.28, Art.33',
  },
  seizureAvRecorded: {
    pass: [[{}], [{ av: { required: ['seizure'], recorded: ['seizure'] } }], [{ av: { required: ['investigation'], recorded: [] } }], [{ kind: 'freeze', av: { required: ['seizure'], recorded: [] } }]],
    refuse: [[{ av: { required: ['seizure'], recorded: [] } }], [{ kind: 'seal', av: { required: ['seizure'], recorded: ['inspection'] } }]],
    citation: AV_RECORD_CITATION,
  },
  destructionAvRecorded: {
    pass: [[{}], [{ av: { required: ['execution'], recorded: ['execution'] } }], [{ av: { required: ['seizure'], recorded: [] } }], [{ kind: 'freeze', av: { required: ['execution'], recorded: [] } }]],
    refuse: [[{ av: { required: ['execution'], recorded: [] } }], [{ kind: 'seize', av: { required: ['seizure', 'execution'], recorded: ['seizure'] } }]],
    citation: AV_RECORD_CITATION,
  },
};

describe('coercion guards: each passes and is refused with its citation', () => {
  it('the case table covers every guard', () => {
    expect(Object.keys(GUARD_CASES).sort()).toEqual(Object.keys(COERCION_GUARDS).sort());
  });
  for (const [name, c] of Object.entries(GUARD_CASES) as [CoercionGuardName, GuardCase][]) {
    const guard = COERCION_GUARDS[name];
    it.each(c.pass.map(([f, x], i) => [i, f, x ?? {}] as const))(`${name} passes (#%s)`, (_, f, x) => {
      expect(guard(makeMeasure(f), makeCtx(x))).toBeNull();
    });
    it.each(c.refuse.map(([f, x], i) => [i, f, x ?? {}] as const))(`${name} refuses (#%s)`, (_, f, x) => {
      const r = guard(makeMeasure(f), makeCtx(x));
      expect(r?.code).toBe('RULE_VIOLATION');
      expect(r?.citation).toMatch(c.citation);
      expect(r?.messageZh.length).toBeGreaterThan(0);
    });
  }
  it('a malformed or zone-less time is refused as VALIDATION_FAILED, a missing holiday year as CALENDAR_MISSING', () => {
    expect(COERCION_GUARDS.noNightOrHolidayExecution(makeMeasure({ execution: executedAt('2026-06-15 10:00') }), ctx)?.code).toBe('VALIDATION_FAILED');
    expect(COERCION_GUARDS.noNightOrHolidayExecution(makeMeasure({ execution: executedAt('2027-03-01T10:00:00+08:00') }), ctx)?.code).toBe('CALENDAR_MISSING');
  });
});

describe('deadlines and clocks', () => {
  it('the rules: 24 hours, 30 calendar days, 3 working days (Art.19, 25, 31, 69)', () => {
    const R = COERCION_DEADLINE_RULES;
    expect([R.emergencyReport.unit, R.measurePeriod.dayType, R.freezeDecisionDelivery.dayType]).toEqual(['hour', 'CALENDAR', 'WORKING']);
  });
  it('30 days from execution, rolled past National Day; +30 with a counted extension; told testing excluded', () => {
    const due = (over: Partial<CoercionFacts>) => coercionMeasureDeadline(makeMeasure({ execution: executedAt('2026-09-01T10:00:00+08:00'), ...over }), cal)!;
    expect(due({})).toMatchObject({ key: 'measurePeriod', start: '2026-09-01', due: '2026-10-08', pausedDays: 0, rule: { length: 30, dayType: 'CALENDAR' } });
    expect(due({ extensions: [ext] }).due).toBe('2026-11-02'); // 10-31 is a Saturday
    expect(due({ extensions: [{ ...ext, notifiedInWritingOn: null }] }).due).toBe('2026-10-08');
    const testing = { kind: 'testing' as const, from: '2026-09-10', to: '2026-09-19', toldInWritingOn: '2026-09-09' };
    expect(due({ testingPeriods: [testing] })).toMatchObject({ due: '2026-10-12', pausedDays: 10 }); // 10-11 is a Sunday
    expect(due({ testingPeriods: [{ ...testing, toldInWritingOn: null }] }).due).toBe('2026-10-08');
    expect(due({ testingPeriods: [{ ...testing, to: null }] }).due).toBe('2026-10-08');
    // Freezing has no testing exclusion (Art.32).
    expect(due({ ...freeze, execution: executedAt('2026-09-01T10:00:00+08:00'), testingPeriods: [testing] }).due).toBe('2026-10-08');
    // The period counts from the China date: 23:30 UTC on 09-01 is 07:30 on 09-02 in Beijing.
    expect(due({ execution: executedAt('2026-09-01T23:30:00Z') }).start).toBe('2026-09-02');
    expect(coercionMeasureDeadline(makeMeasure(), cal, { 'coercion.measureDays': 15 })!.due).toBe('2026-06-30');
  });
  it('coercionDeadlines: the emergency report in hours and the freeze decision in working days', () => {
    const emergency = makeMeasure({ status: 'emergency_executed', emergency: { reportedAt: null }, execution: executedAt('2026-10-01T21:15:00+08:00') });
    expect(coercionDeadlines(emergency, cal).map((d) => [d.key, d.due])).toEqual([
      ['emergencyReport', '2026-10-02T21:15:00+08:00'],
      ['measurePeriod', '2026-11-02'], // 10-31 is a Saturday
    ]);
    const frozen = makeMeasure({ ...freeze, status: 'in_force', execution: { ...freeze.execution!, startedAt: '2026-09-30T10:00:00+08:00' } });
    expect(coercionDeadlines(frozen, cal).map((d) => [d.key, d.due])).toEqual([
      ['measurePeriod', '2026-10-30'],
      ['freezeDecisionDelivery', '2026-10-10'], // 10-08, 10-09, 10-10 (调休)
    ]);
    expect(coercionDeadlines(makeMeasure({ execution: null }), cal)).toEqual([]);
  });
  it.each([
    ['not executed yet', { execution: null }, '2026-06-20', 'not_in_force'],
    ['running', { status: 'in_force' }, '2026-07-15', 'running'],
    ['last day still running', { status: 'in_force' }, '2026-07-15', 'running'],
    ['must release the day after the end', { status: 'in_force' }, '2026-07-16', 'must_release'],
    ['paused during told testing', { status: 'in_force', testingPeriods: [{ kind: 'appraisal', from: '2026-06-20', to: '2026-06-25', toldInWritingOn: '2026-06-19' }] }, '2026-06-22', 'paused'],
    ['ended once released', { status: 'released' }, '2026-08-01', 'ended'],
  ] as [string, Partial<CoercionFacts>, string, string][])('coercionExpiryState: %s', (_, over, today, state) => {
    // Executed 06-15: 30 days end 07-15 (Wednesday).
    expect(coercionExpiryState(makeMeasure(over), today, cal).state).toBe(state);
  });
  it('a freeze past its period is lifted by the bank itself (Art.32 para 2)', () => {
    expect(coercionExpiryState(makeMeasure({ ...freeze, status: 'in_force' }), '2026-07-16', cal)).toMatchObject({ state: 'must_release', isReleasedByBankOnExpiry: true });
  });
  it.each([
    ['not an emergency', { emergency: null }, '2026-06-15T12:00:00+08:00', 'not_emergency', false],
    ['report due', { status: 'emergency_executed', emergency: { reportedAt: null }, headDecision: null }, '2026-06-16T09:59:00+08:00', 'report_due', false],
    ['report overdue', { status: 'emergency_executed', emergency: { reportedAt: null }, headDecision: null }, '2026-06-16T02:01:00Z', 'report_overdue', true],
    ['awaiting the decision', { status: 'emergency_executed', emergency: { reportedAt: '2026-06-15T18:00:00+08:00' }, headDecision: null }, '2026-06-17T09:00:00+08:00', 'awaiting_decision', false],
    ['approved after a late report', { status: 'in_force', emergency: { reportedAt: '2026-06-16T11:00:00+08:00' } }, '2026-06-17T09:00:00+08:00', 'approved', true],
    [
      'disapproved: release at once',
      { status: 'disapproved', emergency: { reportedAt: '2026-06-15T18:00:00+08:00' }, headDecision: { deciderId: 'h1', isAgencyHead: true, decidedAt: '2026-06-16T09:00:00+08:00', isApproved: false, reason: 'x' } },
      '2026-06-16T10:00:00+08:00',
      'disapproved_must_release',
      false,
    ],
    ['released', { status: 'released', emergency: { reportedAt: '2026-06-15T18:00:00+08:00' } }, '2026-06-16T10:00:00+08:00', 'released', false],
  ] as [string, Partial<CoercionFacts>, string, string, boolean][])('emergencyApprovalState: %s', (_, over, now, state, isReportLate) => {
    const s = emergencyApprovalState(makeMeasure(over), now, cal);
    expect(s).toMatchObject({ state, isReportLate });
    if (state !== 'not_emergency') expect(s.reportDueAt).toBe('2026-06-16T10:00:00+08:00');
  });
});

describe('availableCoercionActions', () => {
  it('an expired measure: only release is lawful, with a must_release notice', () => {
    const r = availableCoercionActions(makeMeasure({ status: 'in_force' }), makeCtx({ now: '2026-07-16' }));
    expect(r.notices).toMatchObject([{ kind: 'must_release', citation: '行政强制法 Art.28 para 1(4), Art.32 para 2', details: { due: '2026-07-15' } }]);
    for (const a of ['confiscate', 'destroy'] as const) {
      expect(r.refused.find((x) => x.action === a)?.refusals.map((y) => y.details?.guard)).toContain('withinMeasurePeriod');
    }
    const release = makeMeasure({ status: 'in_force', disposition: { kind: 'release', decidedOn: '2026-07-16', releaseReason: 'period_expired', penaltyDecisionRef: null, legalBasis: null } });
    expect(availableCoercionActions(release, makeCtx({ now: '2026-07-16' })).allowed).toEqual(['release']);
  });
  it('an emergency measure not reported within 24 hours is flagged, and cannot be approved until reported', () => {
    const f = makeMeasure({ status: 'emergency_executed', emergency: { reportedAt: null }, urgencyReason: '正在转移', headDecision: null });
    const r = availableCoercionActions(f, makeCtx({ now: '2026-06-17' }));
    expect(r.notices.map((n) => n.kind)).toEqual(['emergency_report_overdue']);
    expect(r.refused.find((x) => x.action === 'approve')?.refusals.map((y) => y.details?.guard)).toEqual(['coercionApprovedByHead', 'emergencyReported']);
  });
  it('a disapproved measure is flagged for immediate release', () => {
    expect(availableCoercionActions(makeMeasure({ status: 'disapproved', emergency: { reportedAt: '2026-06-15T12:00:00+08:00' } }), ctx).notices).toMatchObject([
      { kind: 'must_release', citation: '行政强制法 Art.19' },
    ]);
  });
  it('a freeze decision not delivered within 3 working days is flagged', () => {
    const f = makeMeasure({ ...freeze, status: 'in_force' });
    expect(availableCoercionActions(f, makeCtx({ now: '2026-06-19' })).notices.map((n) => n.kind)).toEqual(['freeze_decision_overdue']);
    expect(availableCoercionActions({ ...f, freezeDecisionDeliveredOn: '2026-06-17' }, makeCtx({ now: '2026-06-19' })).notices).toEqual([]);
  });
  it('execution at night without urgency is refused with every reason, tagged by guard', () => {
    const r = availableCoercionActions(makeMeasure({ status: 'approved', execution: executedAt('2026-06-15T23:00:00+08:00'), agencyKind: 'entrusted' }), ctx);
    expect(r.allowed).toEqual([]);
    expect(r.refused[0]?.refusals.map((y) => y.details?.guard)).toEqual(['notDelegatedSubject', 'noNightOrHolidayExecution']);
  });
});

// ---- properties -----------------------------------------------------------------------------------------------------

const dayIn = (min: number, max: number) => fc.integer({ min, max }).map((n) => addDays('2024-01-01', n));
const randomCalendar: fc.Arbitrary<HolidayCalendar> = fc.uniqueArray(dayIn(0, 1095), { maxLength: 150 }).map((days) =>
  createCalendar(
    days.map((date): CalendarEntry => {
      const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
      return wd === 0 || wd === 6 ? { date, kind: 'workday', name: '调休上班' } : { date, kind: 'holiday', name: '节日' };
    }),
    [2024, 2025, 2026],
  ),
);
const anyCalendar = fc.oneof(fc.constant(cal), randomCalendar);
const testingArb = fc.record({ offset: fc.integer({ min: -5, max: 40 }), length: fc.integer({ min: 0, max: 20 }), isTold: fc.boolean(), isFixed: fc.boolean() });

describe('properties', () => {
  it('testing periods never shorten the measure period, an extension never makes it earlier, and expiry means must_release', () => {
    fc.assert(
      fc.property(
        anyCalendar,
        dayIn(0, 900),
        fc.array(testingArb, { maxLength: 3 }),
        fc.integer({ min: 1, max: 30 }),
        fc.constantFrom('seal', 'seize', 'freeze'),
        fc.integer({ min: 0, max: 120 }),
        (calendar, day, ts, days, kind, todayOffset) => {
          const execution = executedAt(`${day}T10:00:00+08:00`);
          const testingPeriods = ts.map((t) => ({
            kind: 'testing' as const,
            from: addDays(day, t.offset),
            to: t.isFixed ? addDays(day, t.offset + t.length) : null,
            toldInWritingOn: t.isTold ? day : null,
          }));
          const plain = coercionMeasureDeadline(makeMeasure({ kind, execution }), calendar)!;
          const paused = coercionMeasureDeadline(makeMeasure({ kind, execution, testingPeriods }), calendar)!;
          const extended = coercionMeasureDeadline(makeMeasure({ kind, execution, testingPeriods, extensions: [{ ...ext, days }] }), calendar)!;
          expect(paused.due >= plain.due).toBe(true);
          // Never earlier; not always later, as both ends may roll to the same working day.
          expect(extended.due >= paused.due).toBe(true);
          expect(extended.due >= addDays(day, 30 + days)).toBe(true);
          expect(plain.due >= addDays(day, 30)).toBe(true);
          expect(calendar.isWorkingDay(plain.due)).toBe(true);
          if (kind === 'freeze') expect(paused.due).toBe(plain.due);
          const today = addDays(day, todayOffset);
          const s = coercionExpiryState(makeMeasure({ status: 'in_force', kind, execution, testingPeriods }), today, calendar);
          expect(s.state === 'must_release').toBe(today > paused.due);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('Art.43: refused iff (night hour or statutory holiday) and no recorded urgency, for any window and time zone', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2024, 0, 2), max: Date.UTC(2026, 11, 30) }),
        fc.integer({ min: -12, max: 14 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 23 }),
        fc.boolean(),
        fc.boolean(),
        (ms, offsetHours, start, end, isUrgent, weekends) => {
          const sign = offsetHours < 0 ? '-' : '+';
          const local = new Date(ms + offsetHours * 3_600_000).toISOString().slice(0, 19);
          const startedAt = `${local}${sign}${String(Math.abs(offsetHours)).padStart(2, '0')}:00`;
          const params = { ...DEFAULT_COERCION_RULE_PARAMS, 'coercion.nightStartHour': start, 'coercion.nightEndHour': end, 'coercion.restDaysCountAsHolidays': weekends };
          const china = new Date(Math.floor(ms / 1000) * 1000 + 8 * 3_600_000);
          const date = china.toISOString().slice(0, 10);
          const hour = china.getUTCHours();
          const isNight = start === end ? false : start < end ? hour >= start && hour < end : hour >= start || hour < end;
          const isHoliday = cal.entry(date)?.kind === 'holiday' || (weekends && !cal.isWorkingDay(date));
          const r = COERCION_GUARDS.noNightOrHolidayExecution(makeMeasure({ execution: executedAt(startedAt), urgencyReason: isUrgent ? '紧急' : null }), makeCtx({ params }));
          expect(isCoercionNightHour(hour, params)).toBe(isNight);
          expect(r !== null).toBe((isNight || isHoliday) && !isUrgent);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('the emergency report is due exactly 24 hours after execution', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2026, 11, 1) }), (ms) => {
        const startedAt = new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
        const s = emergencyApprovalState(makeMeasure({ status: 'emergency_executed', emergency: { reportedAt: null }, headDecision: null, execution: executedAt(startedAt) }), startedAt, cal);
        expect(Date.parse(s.reportDueAt!) - Date.parse(startedAt)).toBe(86_400_000);
        expect(s.state).toBe('report_due');
      }),
      { numRuns: 200 },
    );
  });

  it('availableCoercionActions accounts for exactly the table moves', () => {
    fc.assert(
      fc.property(
        fc.record({
          status: fc.constantFrom(...COERCION_STATUSES),
          kind: fc.constantFrom('seal', 'seize', 'freeze'),
          agencyKind: fc.constantFrom('statutory', 'authorised', 'entrusted'),
          officerCount: fc.integer({ min: 0, max: 3 }),
          hour: fc.integer({ min: 0, max: 23 }),
          reported: fc.boolean(),
        }),
        dayIn(880, 990),
        ({ status, kind, agencyKind, officerCount, hour, reported }, now) => {
          const f = makeMeasure({
            status,
            kind,
            agencyKind,
            officers: Array.from({ length: officerCount }, (_, i) => makeOfficer(`o${i}`)),
            execution: executedAt(`2026-06-15T${String(hour).padStart(2, '0')}:00:00+08:00`),
            emergency: { reportedAt: reported ? '2026-06-15T23:00:00+08:00' : null },
          });
          const r = availableCoercionActions(f, makeCtx({ now }));
          expect([...r.allowed, ...r.refused.map((x) => x.action)].sort()).toEqual([...allowedActions(COERCION_TRANSITIONS, status)].sort());
          for (const x of r.refused) for (const y of x.refusals) expect(y.citation).toBeTruthy();
        },
      ),
      { numRuns: 300 },
    );
  });
});
