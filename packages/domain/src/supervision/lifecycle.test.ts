import { describe, expect, it } from 'vitest';
import { shippedCalendar } from '../calendar/index.ts';
import {
  availableSupervisionDocumentActions,
  availableWarningActions,
  objectionReviewerRefusal,
  decisionGroundsRefusal,
  nextWarningStatus,
  supervisionObjectionRefusal,
  SUPERVISION_DOCUMENT_TYPES,
  supervisionDocumentDeadlines,
  supervisionDocumentType,
  WARNING_STATUSES,
  WARNING_TRANSITIONS,
  type WarningAction,
} from './lifecycle.ts';

const cal = shippedCalendar();

describe('warning transitions', () => {
  const expected: Record<string, Partial<Record<WarningAction, string>>> = {
    open: { acknowledge: 'acknowledged', report_rectification: 'rectification_reported', close: 'closed', auto_resolve: 'resolved' },
    acknowledged: { report_rectification: 'rectification_reported', close: 'closed', auto_resolve: 'resolved' },
    rectification_reported: { close: 'closed', reopen: 'acknowledged', auto_resolve: 'resolved' },
    closed: { reopen: 'acknowledged' },
    resolved: {},
  };
  const actions: WarningAction[] = ['acknowledge', 'report_rectification', 'close', 'reopen', 'auto_resolve'];
  for (const s of WARNING_STATUSES) for (const a of actions) it(`${s} × ${a}`, () => expect(nextWarningStatus(s, a)).toBe(expected[s]![a]));
  it('is the table', () => expect(WARNING_TRANSITIONS).toEqual(expected));

  it.each([
    ['open', 'agency_head', ['acknowledge', 'report_rectification']],
    ['open', 'supervisor', ['close']],
    ['open', 'officer', []],
    ['rectification_reported', 'supervisor', ['close', 'reopen']],
    ['rectification_reported', 'agency_head', []],
  ] as const)('%s: %s may %j', (s, role, allowed) => expect(availableWarningActions(s, role)).toEqual(allowed));
});

describe('supervision documents', () => {
  it('has the national SAMR default rows of §10.2', () => {
    expect(supervisionDocumentType('samr', 'notice')).toMatchObject({ zh: '执法监督通知书', response: { days: 10, dayType: 'WORKING' }, objection: null });
    expect(supervisionDocumentType('samr', 'decision')).toMatchObject({ objection: { days: 5, dayType: 'WORKING' }, review: { days: 10, dayType: 'WORKING' } });
    expect(new Set(SUPERVISION_DOCUMENT_TYPES.map((t) => t.profile))).toEqual(new Set(['samr', 'shandong', 'shanghai', 'guangdong']));
  });

  it('counts working days across the National Day holiday (G1, G5)', () => {
    // Served Tue 2026-09-29: 9-30 is a working day, 10-01..10-07 holiday (and the 10-10 make-up Saturday counts).
    const t = supervisionDocumentType('samr', 'opinion')!;
    const d = supervisionDocumentDeadlines(t, '2026-09-29', cal);
    expect(d.objectionDueOn! > '2026-10-07').toBe(true);
    expect(d.responseDueOn > d.objectionDueOn!).toBe(true);
    // Calendar-day types are not moved by weekends except at the end (G4).
    const g = supervisionDocumentDeadlines(supervisionDocumentType('guangdong', 'suggestion')!, '2026-03-02', cal);
    expect(g.responseDueOn).toBe('2026-04-01');
  });

  it.each([
    ['2026-03-09', null],
    ['2026-03-10', 'objection_window_closed'],
  ])('objection on %s', (today, reason) => {
    const t = supervisionDocumentType('samr', 'decision')!;
    const r = supervisionObjectionRefusal(t, '2026-03-09', today);
    expect(r?.details?.reason ?? null).toBe(reason);
    if (r) expect(r.citation).toContain('Art.19–21');
  });
  it('a notice admits no objection', () => expect(supervisionObjectionRefusal(supervisionDocumentType('samr', 'notice')!, null, '2026-01-01')?.details?.reason).toBe('no_objection_procedure'));

  it.each([
    [null, null, false],
    ['revoke', ['facts_unclear'], false],
    ['revoke', [], true],
    ['revoke', ['no_valid_seal'], true],
    ['unknown', ['x'], true],
  ])('decision %s with grounds %j refused: %s', (type, grounds, refused) => expect(decisionGroundsRefusal(type, grounds) !== null).toBe(refused));

  it.each([
    ['issued', 'agency_head', ['answer', 'object']],
    ['answered', 'supervisor', ['accept', 'return']],
    ['answered', 'agency_head', []],
    ['objected', 'supervisor', ['uphold', 'revoke']],
  ] as const)('%s: %s may %j', (s, role, allowed) => expect(availableSupervisionDocumentActions(s, role)).toEqual(allowed));
});

describe('objection review independence (recusal)', () => {
  const doc = { issuedBy: 'u-issuer' };
  it('refuses the issuer as reviewer, with the citation and the configurable rule named', () => {
    const r = objectionReviewerRefusal(doc, 'u-issuer', { reviewByOther: true });
    expect(r).toMatchObject({ code: 'RULE_VIOLATION', details: { guard: 'objectionReviewIndependent' } });
    expect(r!.citation).toContain('Art.21');
    expect(r!.citation).toContain('supervision.objectionReviewByOther');
  });
  it('allows another supervisor, and the issuer where a locality switches the rule off', () => {
    expect(objectionReviewerRefusal(doc, 'u-other', { reviewByOther: true })).toBeNull();
    expect(objectionReviewerRefusal(doc, 'u-issuer', { reviewByOther: false })).toBeNull();
  });
});
