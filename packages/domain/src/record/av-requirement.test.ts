import { describe, expect, it } from 'vitest';
import { checkPenaltyAction, type PenaltyCaseFacts } from '../cases/penalty-procedure.ts';
import { AV_EXECUTION_PAYMENT_METHODS, AV_RECORD_CITATION, AV_SERVICE_METHODS, AV_STAGE_OF_ACTION, avRecordMissing, executionAvRecordMissing, requiredAvStages, serviceAvRecordMissing, type AvFacts } from './av-requirement.ts';

describe('REC3: steps requiring audio-video', () => {
  it('reads the required stages of an item in registry order, ignoring optional ones', () => {
    expect(requiredAvStages({ hearing: 'required', investigation: 'required', service: 'optional' })).toEqual(['investigation', 'hearing']);
    expect(requiredAvStages(null)).toEqual([]);
  });

  it('refuses a required stage without a recording, with the citation and what to attach', () => {
    const r = avRecordMissing('investigation', { required: ['investigation'], recorded: ['hearing'] });
    expect(r).toMatchObject({ code: 'RULE_VIOLATION', citation: expect.stringContaining('REC3'), details: { stage: 'investigation', attach: { stage: 'investigation', kinds: ['audio', 'video'] } } });
    expect(String(r?.details?.hint)).toContain('investigation');
    expect(avRecordMissing('investigation', { required: ['investigation'], recorded: ['investigation'] })).toBeNull();
    expect(avRecordMissing('investigation', { required: ['hearing'], recorded: [] })).toBeNull();
  });

  it('names an AV stage for each step that completes one', () => {
    expect(AV_STAGE_OF_ACTION.penalty.end_investigation).toBe('investigation');
    expect(AV_STAGE_OF_ACTION.inspection.record_result).toBe('inspection');
    expect(AV_STAGE_OF_ACTION.coercion.execute).toBe('seizure');
  });

  it('the penalty procedure refuses ending the investigation until the recording is attached', () => {
    // Only the AV guard differs between the two calls; the other facts pass their guards in the fixture used here.
    const base = { status: 'investigating', suspendedFrom: null, officers: [] } as unknown as PenaltyCaseFacts;
    const ctx = { actor: { id: 'u' }, now: '2026-06-15', calendar: null as never, params: null as never };
    const refused = checkPenaltyAction({ ...base, av: { required: ['investigation'], recorded: [] } }, 'end_investigation', ctx);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.refusals.map((r) => r.details?.guard)).toContain('investigationAvRecorded');
    const recorded = checkPenaltyAction({ ...base, av: { required: ['investigation'], recorded: ['investigation'] } }, 'end_investigation', ctx);
    expect(!recorded.ok && recorded.refusals.map((r) => r.details?.guard)).not.toContain('investigationAvRecorded');
  });

  it('the hearing is recorded before it is entered as held', () => {
    const base = { status: 'hearing_requested', suspendedFrom: null, officers: [] } as unknown as PenaltyCaseFacts;
    const ctx = { actor: { id: 'u' }, now: '2026-06-15', calendar: null as never, params: null as never };
    const refused = checkPenaltyAction({ ...base, av: { required: ['hearing'], recorded: ['investigation'] } }, 'record_hearing', ctx);
    expect(!refused.ok && refused.refusals.map((r) => r.details?.guard)).toEqual(['hearingAvRecorded']);
    expect(checkPenaltyAction({ ...base, av: { required: ['hearing'], recorded: ['hearing'] } }, 'record_hearing', ctx)).toEqual({ ok: true, to: 'hearing_held' });
  });
});

describe('REC3 for service and execution steps', () => {
  const ctx = { actor: { id: 'u' }, now: '2026-06-15', calendar: null as never, params: null as never };
  const guardsOf = (r: ReturnType<typeof checkPenaltyAction>) => (r.ok ? [] : r.refusals.map((x) => x.details?.guard));

  it('留置送达 and 公告送达 need the service recording when the item requires it; direct, postal and electronic service do not', () => {
    const needs = { required: ['service'], recorded: [] } as const;
    for (const method of AV_SERVICE_METHODS) {
      const r = serviceAvRecordMissing(method, { ...needs, recorded: [] });
      expect(r).toMatchObject({ code: 'RULE_VIOLATION', citation: AV_RECORD_CITATION, details: { stage: 'service', serviceMethod: method, attach: { stage: 'service' } } });
      expect(serviceAvRecordMissing(method, { required: ['service'], recorded: ['service'] })).toBeNull();
      expect(serviceAvRecordMissing(method, { required: ['investigation'], recorded: [] })).toBeNull();
    }
    for (const method of ['direct', 'post', 'electronic', undefined]) expect(serviceAvRecordMissing(method, { ...needs, recorded: [] })).toBeNull();
    // A recording of another stage does not count for the service.
    expect(serviceAvRecordMissing('left_at_address', { required: ['service'], recorded: ['investigation', 'hearing'] })).not.toBeNull();
  });

  it('the penalty procedure blocks serving the decision by 留置送达 until the service recording is attached', () => {
    const base = { status: 'decided', suspendedFrom: null, officers: [] } as unknown as PenaltyCaseFacts;
    const av = { required: ['service'], recorded: [] } as AvFacts;
    expect(guardsOf(checkPenaltyAction({ ...base, av, pendingService: { method: 'left_at_address' } }, 'serve_decision', ctx))).toEqual(['serviceAvRecorded']);
    expect(checkPenaltyAction({ ...base, av, pendingService: { method: 'direct' } }, 'serve_decision', ctx)).toEqual({ ok: true, to: 'executing' });
    expect(checkPenaltyAction({ ...base, av: { ...av, recorded: ['service'] }, pendingService: { method: 'public_notice' } }, 'serve_decision', ctx)).toEqual({ ok: true, to: 'executing' });
  });

  it('当场收缴 is on-site execution: blocked without the execution recording; a bank payment is not', () => {
    const r = executionAvRecordMissing(true, { required: ['execution'], recorded: [] });
    expect(r).toMatchObject({ citation: AV_RECORD_CITATION, details: { stage: 'execution' } });
    expect(executionAvRecordMissing(false, { required: ['execution'], recorded: [] })).toBeNull();
    expect(executionAvRecordMissing(true, { required: ['execution'], recorded: ['execution'] })).toBeNull();
    expect(AV_EXECUTION_PAYMENT_METHODS).toEqual(['on_site_cash']);
    expect(AV_STAGE_OF_ACTION.penalty.serve_decision).toBe('service');
    expect(AV_STAGE_OF_ACTION.penalty.record_payment).toBe('execution');
    expect(AV_STAGE_OF_ACTION.coercion.destroy).toBe('execution');
  });
});
