import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addPeriod, createCalendar, type CalendarEntry } from '../calendar/index.ts';
import { allowedActions } from '../registry/enums.ts';
import { AV_RECORD_CITATION } from '../record/av-requirement.ts';
import {
  availableInspectionActions,
  checkInspectionAction,
  DEFAULT_INSPECTION_RULE_PARAMS,
  INSPECTION_ACTION_GUARDS,
  INSPECTION_ACTIONS,
  INSPECTION_DEADLINE_RULES,
  INSPECTION_GUARDS,
  INSPECTION_STATUS_INFO,
  INSPECTION_STATUSES,
  INSPECTION_TRANSITIONS,
  inspectionDeadlines,
  makeInspectionResult,
  nextInspectionStatus,
  type InspectionAction,
  type InspectionFacts,
  type InspectionGuardContext,
  type InspectionGuardName,
  type InspectionStatus,
} from './inspection.ts';
import { addDays, cal, makeCertificate, makeOfficer } from './test/fixtures.ts';

/** An inspection on which every guard passes on 2026-06-15. */
const makeInspection = (over: Partial<InspectionFacts> = {}): InspectionFacts => ({
  status: 'planned',
  itemId: 'item-9',
  legalBasis: '《食品安全法》第一百一十条',
  inspectingBodyKind: 'statutory',
  sector: 'market',
  placePath: '/130000/130300/130322/',
  targetId: 't1',
  inspectionsThisYear: 0,
  approval: { approverId: 'h1', isAgencyHead: true, approvedOn: '2026-06-10' },
  isNoticeRequired: true,
  noticeSentOn: '2026-06-11',
  officers: [makeOfficer('o1'), makeOfficer('o2')],
  areCertificatesShown: true,
  conflictedOfficerIds: [],
  onSiteOn: null,
  onSiteRecord: { officersSigned: true, partySigned: true, partyRefusalOrAbsenceNoted: false, witnessSigned: false },
  result: makeInspectionResult('no_problem'),
  resultRecordedOn: null,
  rectification: null,
  linkedCaseId: null,
  cancelReason: '检查计划调整',
  ...over,
});
const makeCtx = (over: Partial<InspectionGuardContext> = {}): InspectionGuardContext => ({
  actor: { id: 'u1' },
  now: '2026-06-15',
  calendar: cal,
  params: { ...DEFAULT_INSPECTION_RULE_PARAMS },
  ...over,
});
const ctx = makeCtx();

// The flow written out independently (domain-rules §8, brief): anything absent is refused.
const EXPECTED: Record<InspectionStatus, Partial<Record<InspectionAction, InspectionStatus>>> = {
  planned: { approve: 'approved', cancel: 'cancelled' },
  approved: { send_notice: 'notified', start_on_site: 'on_site', cancel: 'cancelled' },
  notified: { start_on_site: 'on_site', cancel: 'cancelled' },
  on_site: { record_result: 'result_recorded' },
  result_recorded: { order_rectification: 'rectification_ordered', close: 'closed' },
  rectification_ordered: { record_rectification_check: 'result_recorded' },
  closed: {},
  cancelled: {},
};

describe('inspection transitions: every status × action against the explicit table', () => {
  for (const status of INSPECTION_STATUSES) {
    for (const action of INSPECTION_ACTIONS) {
      const to = EXPECTED[status][action];
      it(`${status} × ${action} → ${to ?? 'INVALID_TRANSITION'}`, () => {
        expect(nextInspectionStatus(status, action)).toBe(to);
        const r = checkInspectionAction(makeInspection({ status }), action, ctx);
        if (to) {
          if (r.ok) expect(r.to).toBe(to);
          else expect(r.refusals.every((x) => x.code !== 'INVALID_TRANSITION' && typeof x.details?.guard === 'string')).toBe(true);
        } else {
          expect(r).toEqual({ ok: false, refusals: [expect.objectContaining({ code: 'INVALID_TRANSITION', details: { allowedActions: Object.keys(EXPECTED[status]) } })] });
        }
      });
    }
  }
  it('every status is documented with a citation; closed and cancelled are terminal; guarded actions are on the table', () => {
    for (const s of INSPECTION_STATUSES) expect(INSPECTION_STATUS_INFO[s].citation.length).toBeGreaterThan(0);
    expect(INSPECTION_STATUSES.filter((s) => allowedActions(INSPECTION_TRANSITIONS, s).length === 0)).toEqual(['closed', 'cancelled']);
    for (const a of Object.keys(INSPECTION_ACTION_GUARDS)) expect(INSPECTION_STATUSES.some((s) => EXPECTED[s][a as InspectionAction])).toBe(true);
  });
});

type GuardCase = { pass: Partial<InspectionFacts>[]; refuse: Partial<InspectionFacts>[]; citation: string };
const problems = makeInspectionResult('problems_found', ['未公示食品经营许可证'], ['rectification']);
const caseNeeded = makeInspectionResult('problems_found', ['销售过期食品'], ['penalty_case']);

const GUARD_CASES: Record<InspectionGuardName, GuardCase> = {
  inspectionHasLegalBasis: { pass: [{}], refuse: [{ itemId: null }, { legalBasis: ' ' }], citation: '国办发〔2015〕58号 §二(一)' },
  inspectingBodyQualified: { pass: [{}, { inspectingBodyKind: 'entrusted' }], refuse: [{ inspectingBodyKind: 'other' }], citation: '国办发〔2024〕54号' },
  inspectionApprovedByHead: {
    pass: [{}],
    refuse: [{ approval: null }, { approval: { approverId: 'd1', isAgencyHead: false, approvedOn: '2026-06-10' } }],
    citation: '国办发〔2024〕54号',
  },
  inspectionNoticeSent: { pass: [{}, { isNoticeRequired: false, noticeSentOn: null }], refuse: [{ noticeSentOn: null }], citation: '国办发〔2024〕54号' },
  twoCertifiedInspectors: {
    pass: [{}],
    refuse: [
      { officers: [makeOfficer('o1')] },
      { officers: [makeOfficer('o1'), makeOfficer('a1', { personnelType: 'auxiliary' })] },
      { officers: [makeOfficer('o1'), makeOfficer('o2', { certificates: [makeCertificate({ expiresOn: '2026-06-14' })] })] },
      { officers: [makeOfficer('o1'), makeOfficer('o1')] },
    ],
    citation: '行政处罚法 Art.42, Art.55; 企业公示信息抽查暂行办法 Art.9',
  },
  inspectionCertificatesShown: { pass: [{}], refuse: [{ areCertificatesShown: false }], citation: '行政处罚法 Art.55 para 1; 国办发〔2018〕118号 §二(五)' },
  noConflictedInspector: { pass: [{}, { conflictedOfficerIds: ['o9'] }], refuse: [{ conflictedOfficerIds: ['o2'] }], citation: '行政处罚法 Art.43' },
  onSiteRecordSigned: {
    pass: [{}, { onSiteRecord: { officersSigned: true, partySigned: false, partyRefusalOrAbsenceNoted: true, witnessSigned: true } }],
    refuse: [
      { onSiteRecord: null },
      { onSiteRecord: { officersSigned: false, partySigned: true, partyRefusalOrAbsenceNoted: false, witnessSigned: false } },
      { onSiteRecord: { officersSigned: true, partySigned: false, partyRefusalOrAbsenceNoted: true, witnessSigned: false } },
      { onSiteRecord: { officersSigned: true, partySigned: false, partyRefusalOrAbsenceNoted: false, witnessSigned: true } },
    ],
    citation: '行政处罚法 Art.55 para 2; 企业公示信息抽查暂行办法 Art.9',
  },
  inspectionResultConsistent: {
    pass: [{}, { result: problems }, { result: caseNeeded }],
    refuse: [
      { result: null },
      { result: makeInspectionResult('problems_found', [], ['rectification']) },
      { result: makeInspectionResult('problems_found', ['x'], []) },
      { result: makeInspectionResult('no_problem', [], ['rectification']) },
      { result: { ...caseNeeded, linkedCaseRequired: false } },
    ],
    citation: '国办发〔2015〕58号 §二(四)',
  },
  rectificationOrderComplete: {
    pass: [{ rectification: { items: ['公示许可证'], dueOn: '2026-06-25', orderedOn: null, checkedOn: null, isRectified: null } }],
    refuse: [
      { rectification: null },
      { rectification: { items: [], dueOn: '2026-06-25', orderedOn: null, checkedOn: null, isRectified: null } },
      { rectification: { items: ['公示许可证'], dueOn: '2026-06-15', orderedOn: null, checkedOn: null, isRectified: null } },
    ],
    citation: '行政处罚法 Art.28 para 1',
  },
  inspectionFollowUpsDone: {
    pass: [
      {},
      { result: caseNeeded, linkedCaseId: 'case-1' },
      { result: problems, rectification: { items: ['a'], dueOn: '2026-06-10', orderedOn: '2026-06-01', checkedOn: '2026-06-12', isRectified: true } },
    ],
    refuse: [
      { result: caseNeeded },
      { result: problems, rectification: { items: ['a'], dueOn: '2026-06-20', orderedOn: '2026-06-01', checkedOn: null, isRectified: null } },
      { result: problems },
    ],
    citation: '行政处罚法 Art.28, Art.54; 市场监督管理行政处罚程序规定 Art.18',
  },
  inspectionCancelReasonStated: { pass: [{}], refuse: [{ cancelReason: null }, { cancelReason: '' }], citation: '国办发〔2015〕58号 §二(二)' },
  onSiteAvRecorded: {
    pass: [{}, { av: { required: [], recorded: [] } }, { av: { required: ['inspection'], recorded: ['inspection'] } }, { av: { required: ['seizure'], recorded: [] } }],
    refuse: [{ av: { required: ['inspection'], recorded: [] } }, { av: { required: ['inspection'], recorded: ['investigation'] } }],
    citation: AV_RECORD_CITATION,
  },
};

describe('inspection guards: each passes and is refused with its citation', () => {
  it('the case table covers every guard', () => {
    expect(Object.keys(GUARD_CASES).sort()).toEqual(Object.keys(INSPECTION_GUARDS).sort());
  });
  for (const [name, c] of Object.entries(GUARD_CASES) as [InspectionGuardName, GuardCase][]) {
    const guard = INSPECTION_GUARDS[name];
    it.each(c.pass.map((f, i) => [i, f] as const))(`${name} passes (#%s)`, (_, f) => {
      expect(guard(makeInspection(f), ctx)).toBeNull();
    });
    it.each(c.refuse.map((f, i) => [i, f] as const))(`${name} refuses (#%s)`, (_, f) => {
      const r = guard(makeInspection(f), ctx);
      expect(r).toMatchObject({ code: 'RULE_VIOLATION', citation: c.citation });
      expect(r?.messageZh.length).toBeGreaterThan(0);
    });
  }
  it('makeInspectionResult derives linkedCaseRequired from the follow-ups', () => {
    expect(makeInspectionResult('problems_found', ['x'], ['rectification', 'penalty_case']).linkedCaseRequired).toBe(true);
    expect(makeInspectionResult('problems_found', ['x'], ['rectification']).linkedCaseRequired).toBe(false);
    expect(makeInspectionResult('no_problem').linkedCaseRequired).toBe(false);
  });
});

describe('availableInspectionActions', () => {
  it('an approved inspection with notice required but not sent may only send the notice or cancel', () => {
    const r = availableInspectionActions(makeInspection({ status: 'approved', noticeSentOn: null }), ctx);
    expect(r.allowed).toEqual(['send_notice', 'cancel']);
    expect(r.refused).toMatchObject([{ action: 'start_on_site', refusals: [{ details: { guard: 'inspectionNoticeSent' } }] }]);
  });
  it('problems calling for a penalty case block closing until the case is linked', () => {
    const r = availableInspectionActions(makeInspection({ status: 'result_recorded', result: caseNeeded }), ctx);
    // The order itself is refused until its content (items, deadline) is filled in.
    expect(r.allowed).toEqual([]);
    expect(r.refused).toMatchObject([
      { action: 'order_rectification', refusals: [{ details: { guard: 'rectificationOrderComplete' } }] },
      { action: 'close', refusals: [{ details: { guard: 'inspectionFollowUpsDone', problems: ['linked_case'] } }] },
    ]);
    expect(availableInspectionActions(makeInspection({ status: 'result_recorded', result: caseNeeded, linkedCaseId: 'c1' }), ctx).allowed).toContain('close');
  });
  it('warns (without blocking) when the annual cap per enterprise is reached, and when a rectification is overdue', () => {
    const capped = makeCtx({ params: { ...DEFAULT_INSPECTION_RULE_PARAMS, 'inspection.annualCapPerEnterprise': 2 } });
    const r = availableInspectionActions(makeInspection({ inspectionsThisYear: 2 }), capped);
    expect(r.allowed).toEqual(['approve', 'cancel']);
    expect(r.notices).toMatchObject([{ kind: 'annual_cap_reached', details: { cap: 2 } }]);
    expect(availableInspectionActions(makeInspection({ inspectionsThisYear: 5 }), ctx).notices).toEqual([]);
    const overdue = makeInspection({ status: 'rectification_ordered', rectification: { items: ['a'], dueOn: '2026-06-10', orderedOn: '2026-06-01', checkedOn: null, isRectified: null } });
    expect(availableInspectionActions(overdue, ctx).notices.map((n) => n.kind)).toEqual(['rectification_overdue']);
  });
});

describe('inspectionDeadlines', () => {
  it('result publication 20 WD (profile value) and, when a case is needed, the 15-WD filing decision', () => {
    const f = makeInspection({ resultRecordedOn: '2026-09-28', result: caseNeeded });
    expect(inspectionDeadlines(f, cal).map((d) => [d.key, d.due, d.rule.dayType])).toEqual([
      ['resultPublication', '2026-10-30', 'WORKING'], // 09-29, 09-30, 10-08, 09, 10 (调休), 12 … 10-30
      ['caseFiling', '2026-10-23', 'WORKING'],
    ]);
    expect(inspectionDeadlines(makeInspection({ resultRecordedOn: '2026-09-28' }), cal, { 'publication.otherWorkingDays': 7 }).map((d) => d.due)).toEqual(['2026-10-13']);
    expect(inspectionDeadlines(makeInspection(), cal)).toEqual([]);
    expect(INSPECTION_DEADLINE_RULES.caseFiling.citation).toBe('市场监督管理行政处罚程序规定 Art.18');
  });
});

describe('properties', () => {
  const dayIn = (min: number, max: number) => fc.integer({ min, max }).map((n) => addDays('2024-01-01', n));
  const randomCalendar = fc.uniqueArray(dayIn(0, 1095), { maxLength: 120 }).map((hs) =>
    createCalendar(
      hs.map((date): CalendarEntry => {
        const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
        return wd === 0 || wd === 6 ? { date, kind: 'workday', name: '调休上班' } : { date, kind: 'holiday', name: '节日' };
      }),
      [2024, 2025, 2026],
    ),
  );
  it('the publication deadline is a working day, at least as many calendar days away, and grows with the period', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constant(cal), randomCalendar), dayIn(0, 1000), fc.integer({ min: 1, max: 30 }), (calendar, start, n) => {
        const f = makeInspection({ resultRecordedOn: start });
        const [d] = inspectionDeadlines(f, calendar, { 'publication.otherWorkingDays': n });
        const [longer] = inspectionDeadlines(f, calendar, { 'publication.otherWorkingDays': n + 1 });
        expect(d!.due).toBe(addPeriod(start, n, 'day', 'WORKING', calendar));
        expect(calendar.isWorkingDay(d!.due)).toBe(true);
        expect(d!.due >= addDays(start, n)).toBe(true);
        expect(longer!.due > d!.due).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
  it('availableInspectionActions accounts for exactly the table moves', () => {
    fc.assert(
      fc.property(
        fc.record({
          status: fc.constantFrom(...INSPECTION_STATUSES),
          officerCount: fc.integer({ min: 0, max: 3 }),
          isNoticeRequired: fc.boolean(),
          noticeSentOn: fc.option(dayIn(880, 900), { nil: null }),
          linkedCaseId: fc.option(fc.constant('c1'), { nil: null }),
          followUps: fc.subarray(['rectification', 'penalty_case'] as const),
        }),
        ({ status, officerCount, followUps, ...rest }) => {
          const f = makeInspection({
            ...rest,
            status,
            officers: Array.from({ length: officerCount }, (_, i) => makeOfficer(`o${i}`)),
            result: makeInspectionResult(followUps.length ? 'problems_found' : 'no_problem', followUps.length ? ['x'] : [], followUps),
          });
          const r = availableInspectionActions(f, ctx);
          expect([...r.allowed, ...r.refused.map((x) => x.action)].sort()).toEqual([...allowedActions(INSPECTION_TRANSITIONS, status)].sort());
          for (const x of r.refused) for (const y of x.refusals) expect(y.citation).toBeTruthy();
        },
      ),
      { numRuns: 300 },
    );
  });
});
