import { computeDeadline, type Deadline, type DeadlineRule, type HolidayCalendar, type PeriodPause } from '../calendar/index.ts';
import type { Refusal } from '../errors/index.ts';
import type { LegalReviewRuleParams } from './legal-review.ts';
import type { CaseReviewProgress, ReviewRoundDispute, ReviewRoundSupplement } from './review-chain-progress.ts';

/**
 * Inside a review round of a penalty case (domain-rules §4): a reviewer asks for supplementary materials without
 * returning the case, and the time limit pauses until the handlers supply them (内蒙古办法 Art.29 para 2, Art.31); the
 * agency head extends the time limit once (SAMR Art.55; 内蒙古办法 Art.31); when a level returns the case and the
 * handlers disagree with its opinion, the agency head decides (LR9: 内蒙古办法 Art.32; 国办发〔2018〕118号 §四(十四)).
 * The penalty procedure keeps its statuses (`under_review`, `review_returned`); these facts say where the round stands.
 */
export interface ReviewTrackFacts {
  awaitingMaterials: boolean;
  extended: boolean;
  /** The round was returned by a review level (not merely sent back before review). */
  returnedByReview: boolean;
  dispute: 'none' | 'open' | 'decided';
}

export function reviewTrackOf(p: CaseReviewProgress | null | undefined): ReviewTrackFacts | null {
  if (!p) return null;
  return {
    awaitingMaterials: (p.supplements ?? []).some((s) => s.suppliedOn === null),
    extended: !!p.extension,
    returnedByReview: !!p.returned,
    dispute: !p.dispute ? 'none' : p.dispute.decision ? 'decided' : 'open',
  };
}

const SUPPLEMENT_CITATION = '内蒙古自治区重大行政执法决定法制审核办法 Art.29 para 2, Art.31; domain-rules LR8';
const EXTENSION_CITATION = '市场监督管理行政处罚程序规定 Art.55; 内蒙古办法 Art.31';
const DISPUTE_CITATION = '内蒙古办法 Art.32; 国办发〔2018〕118号 §四(十四); domain-rules LR9';

function refuse(citation: string, message: string, messageZh: string, details?: Record<string, unknown>): Refusal {
  return { code: 'RULE_VIOLATION', message, messageZh, citation, ...(details ? { details } : {}) };
}

type TrackGuard = (f: { reviewTrack?: ReviewTrackFacts | null }) => Refusal | null;

/** No opinion (and no second request) while the reviewers wait for the materials they asked for. */
export const reviewNotAwaitingMaterials: TrackGuard = (f) =>
  f.reviewTrack?.awaitingMaterials
    ? refuse(SUPPLEMENT_CITATION, 'The reviewers are waiting for the supplementary materials they asked for; the handlers supply them first.', '审核机构要求补充的材料尚未提交，须承办人员补充后再审核。')
    : null;

export const reviewAwaitingMaterials: TrackGuard = (f) =>
  f.reviewTrack?.awaitingMaterials ? null : refuse(SUPPLEMENT_CITATION, 'No supplementary materials are awaited in this review round.', '本轮审核未要求补充材料。');

export const reviewExtendedOnce: TrackGuard = (f) =>
  f.reviewTrack?.extended ? refuse(EXTENSION_CITATION, 'The review time limit of this round was already extended.', '本轮审核期限已经延长过。') : null;

/** The handlers may disagree with a return made by a review level, once per round. */
export const reviewReturnDisputable: TrackGuard = (f) => {
  if (!f.reviewTrack?.returnedByReview) return refuse(DISPUTE_CITATION, 'No review opinion returned this case in the current round.', '本轮审核未作出退回意见，无可提出异议的审核意见。');
  if (f.reviewTrack.dispute !== 'none') return refuse(DISPUTE_CITATION, "The disagreement about this round's opinion is already recorded.", '对本轮审核意见的异议已经提出。', { dispute: f.reviewTrack.dispute });
  return null;
};

export const reviewDisputeOpen: TrackGuard = (f) =>
  f.reviewTrack?.dispute === 'open' ? null : refuse(DISPUTE_CITATION, 'No disagreement about the review opinion awaits the head’s decision.', '没有待负责人决定的审核意见分歧。');

/** While the head has not decided a disagreement, the handlers do not resubmit as if they had accepted the opinion. */
export const reviewDisputeNotOpen: TrackGuard = (f) =>
  f.reviewTrack?.dispute === 'open'
    ? refuse(DISPUTE_CITATION, 'The disagreement about the review opinion awaits the agency head’s decision.', '对审核意见的分歧尚待行政执法部门负责人决定。')
    : null;

export const REVIEW_TRACK_CITATIONS = { supplement: SUPPLEMENT_CITATION, extension: EXTENSION_CITATION, dispute: DISPUTE_CITATION } as const;

/** Ask for materials at the current level (the round goes on; its clock pauses from the next day). */
export function requestRoundMaterials(p: CaseReviewProgress, r: Omit<ReviewRoundSupplement, 'suppliedOn' | 'suppliedNote' | 'levelKey'>): CaseReviewProgress {
  const levelKey = p.currentIndex === null ? '' : (p.levels[p.currentIndex]?.key ?? '');
  return { ...p, supplements: [...(p.supplements ?? []), { levelKey, ...r, suppliedOn: null, suppliedNote: null }] };
}

export function supplyRoundMaterials(p: CaseReviewProgress, on: string, note: string | null): CaseReviewProgress {
  const list = p.supplements ?? [];
  const i = list.findIndex((s) => s.suppliedOn === null);
  return { ...p, supplements: list.map((s, j) => (j === i ? { ...s, suppliedOn: on, suppliedNote: note } : s)) };
}

export function raiseRoundDispute(p: CaseReviewProgress, d: Omit<ReviewRoundDispute, 'decision' | 'levelKey'>): CaseReviewProgress {
  return { ...p, dispute: { levelKey: p.returned?.levelKey ?? '', ...d, decision: null } };
}

/**
 * The head's decision on a disagreement. Upheld: the return stands, the handlers supplement and resubmit. Overruled:
 * the decision takes the place of the returning level's opinion and the round goes on at the next level (a dispute
 * at a lower level never skips the legal review, LR1); `isLast` = no level is left, the review has passed.
 */
export function decideRoundDispute(
  p: CaseReviewProgress,
  d: NonNullable<ReviewRoundDispute['decision']>,
): { progress: CaseReviewProgress; isLast: boolean } {
  const dispute = p.dispute ? { ...p.dispute, decision: d } : null;
  if (d.upheld) return { progress: { ...p, dispute }, isLast: false };
  const i = p.levels.findIndex((l) => l.key === (p.returned?.levelKey ?? dispute?.levelKey));
  const levels = p.levels.map((l, j) =>
    j === i ? { ...l, signoff: { signerOfficerId: '', signerUserId: d.deciderUserId, signerName: d.deciderName, opinion: `负责人决定：${d.text}`, on: d.on, at: d.on } } : l,
  );
  const isLast = i >= p.levels.length - 1;
  return { progress: { ...p, levels, dispute, returned: null, currentIndex: isLast ? null : i + 1, passedOn: isLast ? d.on : null }, isLast };
}

export interface RoundDeadline extends Deadline {
  start: string;
  isExtended: boolean;
  isAwaitingMaterials: boolean;
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/**
 * The round's review time limit (LR8): `legalReview.timeLimitWorkingDays` (+ the approved extension) from the day the
 * materials were received, in working or calendar days per the profile; each wait for supplementary materials runs
 * from the day after the request to the day they arrive (or `asOf` while still awaited) and does not count.
 * Null when the round has no recorded start or is no longer with the reviewers.
 */
export function roundDeadline(p: CaseReviewProgress, params: LegalReviewRuleParams, cal: HolidayCalendar, asOf: string): RoundDeadline | null {
  if (!p.startedOn || p.currentIndex === null) return null;
  const pauses: PeriodPause[] = [];
  for (const s of p.supplements ?? []) {
    const from = nextDay(s.requestedOn);
    const to = s.suppliedOn ?? asOf;
    if (to >= from) pauses.push({ from, to });
  }
  const rule: DeadlineRule = {
    ruleId: 'legalReview.timeLimit',
    citation: '市场监督管理行政处罚程序规定 Art.55; 内蒙古办法 Art.31',
    length: params['legalReview.timeLimitWorkingDays'] + (p.extension?.days ?? 0),
    unit: 'day',
    dayType: params['legalReview.timeLimitInWorkingDays'] ? 'WORKING' : 'CALENDAR',
  };
  return { start: p.startedOn, isExtended: !!p.extension, isAwaitingMaterials: (p.supplements ?? []).some((s) => s.suppliedOn === null), ...computeDeadline(rule, p.startedOn, cal, pauses) };
}
