import { describe, expect, it } from 'vitest';
import { createCalendar } from '../calendar/index.ts';
import { DEFAULT_LEGAL_REVIEW_PARAMS, QINHUANGDAO_FOUR_LEVEL_CHAIN } from './legal-review.ts';
import { returnReview, startCaseReview } from './review-chain-progress.ts';
import {
  decideRoundDispute,
  raiseRoundDispute,
  requestRoundMaterials,
  reviewAwaitingMaterials,
  reviewDisputeNotOpen,
  reviewDisputeOpen,
  reviewExtendedOnce,
  reviewNotAwaitingMaterials,
  reviewReturnDisputable,
  reviewTrackOf,
  roundDeadline,
  supplyRoundMaterials,
} from './review-track.ts';

const cal = createCalendar([], [2026]);
const start = () => ({ ...startCaseReview(QINHUANGDAO_FOUR_LEVEL_CHAIN, 1, { isMajor: true, proposed: null, hearingHeld: false }, null), startedOn: '2026-06-01' });

describe('review round: supplement, extension, disagreement (domain-rules LR8, LR9)', () => {
  it('a supplement request blocks opinions until the materials arrive, and pauses the time limit', () => {
    const p0 = start();
    const due0 = roundDeadline(p0, DEFAULT_LEGAL_REVIEW_PARAMS, cal, '2026-06-01')!;
    const asked = requestRoundMaterials(p0, { requestedOn: '2026-06-02', requestedBy: '王审', materials: '当事人营业执照原件' });
    expect(reviewNotAwaitingMaterials({ reviewTrack: reviewTrackOf(asked) })?.citation).toContain('Art.31');
    expect(reviewAwaitingMaterials({ reviewTrack: reviewTrackOf(asked) })).toBeNull();
    // Waiting from 06-03 to 06-08 (Mon): the due date moves by the working days waited.
    const supplied = supplyRoundMaterials(asked, '2026-06-08', '已补充');
    expect(reviewNotAwaitingMaterials({ reviewTrack: reviewTrackOf(supplied) })).toBeNull();
    expect(reviewAwaitingMaterials({ reviewTrack: reviewTrackOf(supplied) })).not.toBeNull();
    const due1 = roundDeadline(supplied, DEFAULT_LEGAL_REVIEW_PARAMS, cal, '2026-06-08')!;
    expect(due1.due > due0.due).toBe(true);
    expect(due1.pausedDays).toBeGreaterThan(0);
  });

  it('the head extends a round once; the extension lengthens the limit', () => {
    const p0 = start();
    expect(reviewExtendedOnce({ reviewTrack: reviewTrackOf(p0) })).toBeNull();
    const ext = { ...p0, extension: { approvedOn: '2026-06-03', approverUserId: 'h', approverName: '局长', days: 10, reason: '案情复杂' } };
    expect(reviewExtendedOnce({ reviewTrack: reviewTrackOf(ext) })?.citation).toContain('Art.55');
    expect(roundDeadline(ext, DEFAULT_LEGAL_REVIEW_PARAMS, cal, '2026-06-03')!.due > roundDeadline(p0, DEFAULT_LEGAL_REVIEW_PARAMS, cal, '2026-06-03')!.due).toBe(true);
  });

  it('a disagreement with a return goes to the head; overruled, the round continues at the next level', () => {
    const p0 = start();
    expect(reviewReturnDisputable({ reviewTrack: reviewTrackOf(p0) })).not.toBeNull();
    const returned = returnReview(p0, { signerOfficerId: 'o', signerName: '科长', reason: '证据不足', on: '2026-06-03' });
    expect(reviewReturnDisputable({ reviewTrack: reviewTrackOf(returned) })).toBeNull();
    const disputed = raiseRoundDispute(returned, { raisedOn: '2026-06-04', raisedByName: '承办人', reason: '证据已足以认定' });
    expect(reviewReturnDisputable({ reviewTrack: reviewTrackOf(disputed) })).not.toBeNull();
    expect(reviewDisputeOpen({ reviewTrack: reviewTrackOf(disputed) })).toBeNull();
    expect(reviewDisputeNotOpen({ reviewTrack: reviewTrackOf(disputed) })?.citation).toContain('Art.32');
    const overruled = decideRoundDispute(disputed, { on: '2026-06-05', deciderUserId: 'h', deciderName: '局长', upheld: false, text: '证据充分，继续审核' });
    expect(overruled.isLast).toBe(false);
    expect(overruled.progress.currentIndex).toBe(1);
    expect(overruled.progress.levels[0]!.signoff?.opinion).toContain('负责人决定');
    expect(reviewDisputeOpen({ reviewTrack: reviewTrackOf(overruled.progress) })).not.toBeNull();
    const upheld = decideRoundDispute(disputed, { on: '2026-06-05', deciderUserId: 'h', deciderName: '局长', upheld: true, text: '维持审核意见' });
    expect(upheld.progress.currentIndex).toBeNull();
    expect(upheld.progress.returned).not.toBeNull();
  });
});
