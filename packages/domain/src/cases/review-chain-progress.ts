import type { Refusal } from '../errors/index.ts';
import { applicableLevels, DEFAULT_REVIEW_CHAIN, REVIEW_SIGNER_POSITION_LABELS, type ReviewCaseFacts, type ReviewChain, type ReviewSignerPosition } from './legal-review.ts';

/**
 * A penalty case's walk through its agency's review chain (domain-rules §4 LR1–LR4; Qinhuangdao 四级审核). The case
 * procedure keeps one `under_review` status; this record says which level reviews now and who signed each level.
 * The levels are fixed when the case is submitted (from the chain in force and the case's facts then), so a later
 * change of the agency's chain or of the case's facts does not reshape a running review (SAMR Art.49–55).
 */
export interface ReviewSignoff {
  signerOfficerId: string;
  signerUserId: string;
  signerName: string;
  opinion: string;
  on: string;
  at: string;
}

export interface ReviewLevelProgress {
  key: string;
  zh: string;
  en: string;
  signers: ReviewSignerPosition[];
  isLegalReview: boolean;
  signoff: ReviewSignoff | null;
}

export interface CaseReviewProgress {
  chainCode: string;
  chainZh: string;
  /** The agency's chain version the round was submitted under (null: the national default, never configured). */
  chainVersion: number | null;
  citation: string | null;
  /** 1 for the first submission, +1 on every resubmission after a return (a fix may change what earlier levels saw). */
  round: number;
  levels: ReviewLevelProgress[];
  /** The level reviewing now; null once passed or returned. */
  currentIndex: number | null;
  returned: { levelKey: string; signerOfficerId: string; signerName: string; reason: string; on: string } | null;
  passedOn: string | null;
  /** The day the round's materials reached the reviewers (the review time limit runs from it; LR8). Absent on older rounds. */
  startedOn?: string | null;
  /** Supplementary materials asked for inside the round; the time limit pauses while one is open (内蒙古办法 Art.29, 31). */
  supplements?: ReviewRoundSupplement[];
  /** The head's extension of this round's time limit, once per round (SAMR Art.55; 内蒙古办法 Art.31). */
  extension?: { approvedOn: string; approverUserId: string; approverName: string; days: number; reason: string } | null;
  /** The handlers' disagreement with the return, and the agency head's decision (LR9; 内蒙古办法 Art.32). */
  dispute?: ReviewRoundDispute | null;
}

export interface ReviewRoundSupplement {
  levelKey: string;
  requestedOn: string;
  requestedBy: string;
  materials: string;
  suppliedOn: string | null;
  suppliedNote: string | null;
}

export interface ReviewRoundDispute {
  levelKey: string;
  raisedOn: string;
  raisedByName: string;
  reason: string;
  decision: { on: string; deciderUserId: string; deciderName: string; upheld: boolean; text: string } | null;
}

/** Open a review round: the chain's levels that apply to this case (isMajor / proposed penalty / hearing), in order. */
export function startCaseReview(
  chain: ReviewChain,
  chainVersion: number | null,
  facts: Pick<ReviewCaseFacts, 'isMajor' | 'proposed' | 'hearingHeld'>,
  previous: CaseReviewProgress | null | undefined,
): CaseReviewProgress {
  const keys = applicableLevels(chain, facts);
  return {
    chainCode: chain.code,
    chainZh: chain.zh,
    chainVersion,
    citation: chain.citation ?? null,
    round: (previous?.round ?? 0) + 1,
    levels: chain.levels.filter((l) => keys.includes(l.key)).map((l) => ({ key: l.key, zh: l.zh, en: l.en, signers: [...l.signers], isLegalReview: l.isLegalReview, signoff: null })),
    currentIndex: 0,
    returned: null,
    passedOn: null,
    supplements: [],
    extension: null,
    dispute: null,
  };
}

/** A case submitted before chains existed: the national single legal-review level. */
export function legacyCaseReview(): CaseReviewProgress {
  return startCaseReview(DEFAULT_REVIEW_CHAIN, null, { isMajor: false, proposed: null, hearingHeld: false }, null);
}

export function currentChainLevel(p: CaseReviewProgress): ReviewLevelProgress | null {
  return p.currentIndex === null ? null : (p.levels[p.currentIndex] ?? null);
}

export interface ReviewSigner {
  officerId: string | null;
  positions: readonly ReviewSignerPosition[];
}

function refuse(citation: string, message: string, messageZh: string, details: Record<string, unknown>): Refusal {
  return { code: 'RULE_VIOLATION', message, messageZh, citation, details };
}

/**
 * Who may sign the current level: never an investigator of the case (SAMR Art.49 para 3: 审核人员不得为本案调查人员),
 * and only a holder of one of the level's positions (the chain's own citation; SAMR Art.49–55). The legal-review
 * level keeps the assignment rule (行政处罚法 Art.58): the server checks that the signer is the assigned reviewer.
 */
export function reviewSignerRefusal(p: CaseReviewProgress, signer: ReviewSigner, investigatorIds: readonly string[]): Refusal | null {
  const level = currentChainLevel(p);
  if (!level) return refuse('市场监督管理行政处罚程序规定 Art.49', 'No review level is open on this case.', '本案当前没有待审核的层级。', { guard: 'reviewLevelOpen' });
  if (signer.officerId && investigatorIds.includes(signer.officerId)) {
    return refuse(
      '市场监督管理行政处罚程序规定 Art.49 para 3',
      'An investigator of this case cannot sign its review.',
      '本案调查人员不得参与本案审核。',
      { guard: 'signerNotInvestigator', levelKey: level.key },
    );
  }
  if (!signer.officerId || !level.signers.some((s) => signer.positions.includes(s))) {
    const names = level.signers.map((s) => REVIEW_SIGNER_POSITION_LABELS[s].zh).join('、');
    return refuse(
      p.citation ?? '市场监督管理行政处罚程序规定 Art.49–55',
      `Level "${level.en}" is signed by: ${level.signers.join(', ')}; you hold none of these positions.`,
      `「${level.zh}」须由${names}审核，您不具有该审核职务。`,
      { guard: 'signerHoldsPosition', levelKey: level.key, signers: level.signers, positions: [...signer.positions] },
    );
  }
  return null;
}

/** Record the current level's sign-off; `isLast` = the review passes with it (the case moves on to `reviewed`). */
export function signReviewLevel(p: CaseReviewProgress, s: ReviewSignoff): { progress: CaseReviewProgress; isLast: boolean } {
  const i = p.currentIndex;
  if (i === null) throw new Error('no review level is open');
  const levels = p.levels.map((l, j) => (j === i ? { ...l, signoff: s } : l));
  const isLast = i === p.levels.length - 1;
  return { progress: { ...p, levels, currentIndex: isLast ? null : i + 1, passedOn: isLast ? s.on : null }, isLast };
}

/** A return at any level ends the round; the handlers resubmit and the next round starts from the first level. */
export function returnReview(p: CaseReviewProgress, r: { signerOfficerId: string; signerName: string; reason: string; on: string }): CaseReviewProgress {
  const level = currentChainLevel(p);
  return { ...p, currentIndex: null, returned: { levelKey: level?.key ?? '', ...r } };
}
