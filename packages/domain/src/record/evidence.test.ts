import { describe, expect, it } from 'vitest';
import { recordingGapRefusal } from './evidence.ts';

const span = (from: string, to: string) => ({ startedAt: new Date(from), endedAt: new Date(to) });
const meta = (capturedAt: string, over: { recordingEndedAt?: string | null; gapReason?: string | null } = {}) => ({ capturedAt, recordingEndedAt: null, gapReason: null, ...over });

describe('recording gaps (REC4)', () => {
  const earlier = [span('2026-05-31T09:00:00+08:00', '2026-05-31T09:20:00+08:00'), span('2026-05-31T08:00:00+08:00', '2026-05-31T08:30:00+08:00')];

  it('needs a reason when a recording of the step resumes after more than the tolerance', () => {
    expect(recordingGapRefusal(meta('2026-05-31T09:30:00+08:00'), 'video', earlier, 2)).toMatchObject({ field: 'gapReason' });
    expect(recordingGapRefusal(meta('2026-05-31T09:30:00+08:00', { gapReason: '电池耗尽' }), 'video', earlier, 2)).toBeNull();
  });

  it('measures from the latest earlier recording, within the tolerance inclusive', () => {
    expect(recordingGapRefusal(meta('2026-05-31T09:22:00+08:00'), 'audio', earlier, 2)).toBeNull();
    expect(recordingGapRefusal(meta('2026-05-31T09:22:01+08:00'), 'audio', earlier, 2)).not.toBeNull();
    expect(recordingGapRefusal(meta('2026-05-31T09:30:00+08:00'), 'video', earlier, 15)).toBeNull();
  });

  it('does not apply to photos and documents, nor to the first recording of a step', () => {
    expect(recordingGapRefusal(meta('2026-05-31T12:00:00+08:00'), 'photo', earlier, 2)).toBeNull();
    expect(recordingGapRefusal(meta('2026-05-31T12:00:00+08:00'), 'video', [], 2)).toBeNull();
    expect(recordingGapRefusal(meta('2026-05-31T07:00:00+08:00'), 'video', earlier, 2)).toBeNull();
  });

  it('refuses an end before the start', () => {
    expect(recordingGapRefusal(meta('2026-05-31T10:00:00+08:00', { recordingEndedAt: '2026-05-31T09:59:00+08:00' }), 'video', [], 2)).toMatchObject({ field: 'recordingEndedAt' });
  });
});
