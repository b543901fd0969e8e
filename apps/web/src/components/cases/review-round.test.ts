import { describe, expect, it } from 'vitest';
import type { CaseReviewChain } from '../../api/types.ts';
import { reviewRoundSummary } from './ReviewChainCard.tsx';

const base: CaseReviewChain = {
  chainCode: 'qhd',
  chainZh: '四级审核',
  chainVersion: 1,
  citation: null,
  round: 1,
  levels: [{ key: 'unit_legal_officer', zh: '单位法制员', en: 'Unit legal officer', signers: ['unit_legal_officer'], isLegalReview: false, signoff: null }],
  currentIndex: 0,
  returned: null,
  passedOn: null,
  canSign: true,
  signRefusal: null,
};

describe('reviewer workspace: the round at a glance', () => {
  it('no deadline on a round without a recorded start', () => {
    expect(reviewRoundSummary(base)).toEqual({ dueOn: null, state: null, awaitingMaterials: false, extended: false, disputePending: false });
    expect(reviewRoundSummary(null).dueOn).toBeNull();
  });
  it('shows a paused clock while materials are awaited, the extension, and a dispute awaiting the head', () => {
    const rc: CaseReviewChain = {
      ...base,
      supplements: [{ levelKey: 'unit_legal_officer', requestedOn: '2026-06-02', requestedBy: '孙', materials: '营业执照', suppliedOn: null, suppliedNote: null }],
      extension: { approvedOn: '2026-06-03', approverName: '局长', days: 10, reason: '复杂' },
      dispute: { levelKey: 'unit_legal_officer', raisedOn: '2026-06-04', raisedByName: '承办人', reason: '不同意', decision: null },
      deadline: { start: '2026-06-01', dueOn: '2026-06-26', length: 20, dayType: 'working', citation: 'SAMR Art.55', pausedDays: 3, isExtended: true, isAwaitingMaterials: true, state: 'paused', calendarProvisional: false },
    };
    expect(reviewRoundSummary(rc)).toEqual({ dueOn: '2026-06-26', state: 'paused', awaitingMaterials: true, extended: true, disputePending: true });
    const decided = { ...rc, supplements: [{ ...rc.supplements![0]!, suppliedOn: '2026-06-05' }], dispute: { ...rc.dispute!, decision: { on: '2026-06-05', deciderName: '局长', upheld: false, text: '继续' } } };
    expect(reviewRoundSummary(decided)).toMatchObject({ awaitingMaterials: false, disputePending: false });
  });
});
