import { describe, expect, it } from 'vitest';
import { checkPenaltyAction, type PenaltyCaseFacts } from '../cases/penalty-procedure.ts';
import { AV_STAGE_OF_ACTION, avRecordMissing, requiredAvStages } from './av-requirement.ts';

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
