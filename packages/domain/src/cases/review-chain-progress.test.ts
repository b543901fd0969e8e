import { describe, expect, it } from 'vitest';
import { QINHUANGDAO_FOUR_LEVEL_CHAIN } from './legal-review.ts';
import { currentChainLevel, legacyCaseReview, returnReview, reviewSignerRefusal, signReviewLevel, startCaseReview } from './review-chain-progress.ts';

const notMajor = { isMajor: false, proposed: { types: ['fine' as const], fineAmount: 500 }, hearingHeld: false };
const signoff = (n: string) => ({ signerOfficerId: n, signerUserId: `u-${n}`, signerName: n, opinion: '同意', on: '2026-06-01', at: '2026-06-01T01:00:00Z' });

describe('a case walking a review chain', () => {
  it('fixes the applicable levels at submission: the leader only for major cases', () => {
    expect(startCaseReview(QINHUANGDAO_FOUR_LEVEL_CHAIN, 1, notMajor, null).levels.map((l) => l.key)).toEqual(['unit_legal_officer', 'unit_head', 'legal_division']);
    expect(startCaseReview(QINHUANGDAO_FOUR_LEVEL_CHAIN, 1, { ...notMajor, isMajor: true }, null).levels.map((l) => l.key)).toEqual(['unit_legal_officer', 'unit_head', 'legal_division', 'leader']);
    expect(legacyCaseReview().levels.map((l) => l.key)).toEqual(['legal_division']);
  });

  it('signs level by level; the last sign-off passes; a return ends the round and the next round counts up', () => {
    let p = startCaseReview(QINHUANGDAO_FOUR_LEVEL_CHAIN, 1, notMajor, null);
    const a = signReviewLevel(p, signoff('a'));
    expect(a.isLast).toBe(false);
    expect(currentChainLevel(a.progress)!.key).toBe('unit_head');
    const b = signReviewLevel(a.progress, signoff('b'));
    const c = signReviewLevel(b.progress, signoff('c'));
    expect(c.isLast).toBe(true);
    expect(c.progress.currentIndex).toBeNull();
    expect(c.progress.passedOn).toBe('2026-06-01');
    p = returnReview(b.progress, { signerOfficerId: 'c', signerName: 'c', reason: '补充', on: '2026-06-01' });
    expect(p.returned!.levelKey).toBe('legal_division');
    expect(currentChainLevel(p)).toBeNull();
    expect(startCaseReview(QINHUANGDAO_FOUR_LEVEL_CHAIN, 1, notMajor, p).round).toBe(2);
  });

  it('refuses investigators (SAMR Art.49 para 3) and people without the level’s position (the chain’s citation)', () => {
    const p = startCaseReview(QINHUANGDAO_FOUR_LEVEL_CHAIN, 1, notMajor, null);
    expect(reviewSignerRefusal(p, { officerId: 'x', positions: ['unit_legal_officer'] }, ['x'])!.citation).toBe('市场监督管理行政处罚程序规定 Art.49 para 3');
    const wrong = reviewSignerRefusal(p, { officerId: 'y', positions: ['unit_head'] }, ['x'])!;
    expect(wrong.citation).toBe(QINHUANGDAO_FOUR_LEVEL_CHAIN.citation);
    expect(wrong.details).toMatchObject({ guard: 'signerHoldsPosition' });
    expect(reviewSignerRefusal(p, { officerId: null, positions: ['unit_legal_officer'] }, [])).not.toBeNull();
    expect(reviewSignerRefusal(p, { officerId: 'y', positions: ['unit_legal_officer'] }, ['x'])).toBeNull();
  });
});
