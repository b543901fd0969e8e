import { describe, expect, it } from 'vitest';
import { createCalendar, SHIPPED_CALENDAR_ENTRIES } from '../calendar/index.ts';
import { DEFAULT_PENALTY_RULE_PARAMS, type GuardContext } from './penalty-guards.ts';
import type { ExecutionFacts } from './penalty-execution.ts';
import { PROCEDURE_DOCUMENT_KIND_CODES, PROCEDURE_DOCUMENT_KINDS, procedureDocumentKindsOf, procedureDocumentRefusal, type ProcedureDocumentFacts } from './procedure-documents.ts';

const cal = createCalendar(SHIPPED_CALENDAR_ENTRIES.filter((e) => e.date.startsWith('2026-')), [2026]);
const ctx = (now: string): GuardContext => ({ actor: { id: 'u' }, now, calendar: cal, params: DEFAULT_PENALTY_RULE_PARAMS });
const execution = (over: Partial<ExecutionFacts> = {}): ExecutionFacts => ({ principal: 1000, payments: [], schedules: [], surchargePauses: [], reminderServedOn: null, courtApplicationOn: null, ...over });
const penaltyCase = (e: ExecutionFacts): ProcedureDocumentFacts => ({ subject: 'penalty_case', status: 'executing', facts: { decisionServedOn: '2026-01-05', isPaymentDue: true, execution: e } });

describe('procedure documents: when the law lets each exist', () => {
  it('every kind belongs to one record type and cites its article', () => {
    for (const k of PROCEDURE_DOCUMENT_KIND_CODES) expect(PROCEDURE_DOCUMENT_KINDS[k].citation).toMatch(/Art\.|国办发/);
    expect(procedureDocumentKindsOf('penalty_case')).toEqual(['payment_schedule_approval', 'payment_reminder', 'enforcement_application']);
  });

  it('催告书 only after the payment is overdue (行政强制法 Art.54), 强制执行申请书 only when the court window is open', () => {
    // served 2026-01-05: due 2026-01-20; the reminder can come from 2026-01-21.
    expect(procedureDocumentRefusal('payment_reminder', penaltyCase(execution()), ctx('2026-01-20'))?.citation).toBe('行政强制法 Art.54');
    expect(procedureDocumentRefusal('payment_reminder', penaltyCase(execution()), ctx('2026-01-21'))).toBeNull();
    expect(procedureDocumentRefusal('payment_reminder', penaltyCase(execution({ payments: [{ amount: 1000, paidOn: '2026-01-10', method: 'bank', reference: 'x' }] })), ctx('2026-02-01'))).not.toBeNull();
    const noReminder = procedureDocumentRefusal('enforcement_application', penaltyCase(execution()), ctx('2026-08-01'));
    expect(noReminder?.citation).toBe('行政强制法 Art.54');
    const windowOpen = execution({ reminderServedOn: '2026-02-02' });
    expect(procedureDocumentRefusal('enforcement_application', penaltyCase(windowOpen), ctx('2026-07-01'))?.citation).toBe('行政强制法 Art.53');
    expect(procedureDocumentRefusal('enforcement_application', penaltyCase(windowOpen), ctx('2026-07-10'))).toBeNull();
    // Once applied, the application can always be printed.
    expect(procedureDocumentRefusal('enforcement_application', penaltyCase(execution({ reminderServedOn: '2026-02-02', courtApplicationOn: '2026-07-10' })), ctx('2026-12-31'))).toBeNull();
    expect(procedureDocumentRefusal('payment_schedule_approval', penaltyCase(execution()), ctx('2026-01-10'))?.citation).toBe('行政处罚法 Art.66 para 2');
  });

  it('licence decisions follow the recorded decision; a kind of another record type is refused', () => {
    const lic = (decision: { kind: 'grant' | 'refuse' } | null): ProcedureDocumentFacts => ({
      subject: 'licence_application',
      status: decision ? (decision.kind === 'grant' ? 'granted' : 'refused') : 'under_review',
      facts: { supplementNotices: [], acceptedOn: '2026-03-02', notAccepted: null, extensions: [], decision: decision ? { ...decision, decidedOn: '2026-03-20', reasons: 'x', remediesStated: true } : null },
    });
    expect(procedureDocumentRefusal('licence_grant_decision', lic(null), ctx('2026-03-20'))?.citation).toBe('行政许可法 Art.38 para 1, Art.39');
    expect(procedureDocumentRefusal('licence_grant_decision', lic({ kind: 'refuse' }), ctx('2026-03-20'))).not.toBeNull();
    expect(procedureDocumentRefusal('licence_refusal_decision', lic({ kind: 'refuse' }), ctx('2026-03-20'))).toBeNull();
    expect(procedureDocumentRefusal('licence_acceptance_notice', lic(null), ctx('2026-03-20'))).toBeNull();
    expect(procedureDocumentRefusal('coercion_decision', lic(null), ctx('2026-03-20'))?.details).toMatchObject({ subject: 'licence_application' });
  });
});
