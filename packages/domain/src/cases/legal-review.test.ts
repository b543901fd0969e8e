import { describe, expect, it } from 'vitest';
import { RULE_KEYS } from '../rules/index.ts';
import {
  applicableLevels,
  availableReviewActions,
  checklistRefusal,
  checkReviewCommand,
  DEFAULT_LEGAL_REVIEW_PARAMS,
  DEFAULT_REVIEW_CHAIN,
  initialReviewState,
  nextReviewStatus,
  QINHUANGDAO_FOUR_LEVEL_CHAIN,
  reduceReview,
  replayReview,
  REVIEW_ACTIONS,
  REVIEW_CHECKLIST_KEYS,
  REVIEW_MATERIALS,
  REVIEW_STATUSES,
  REVIEW_TRANSITIONS,
  ReviewChainSchema,
  ReviewCommandSchema,
  reviewDeadline,
  type ChecklistEntry,
  type LegalReviewRuleParams,
  type ReviewAction,
  type ReviewActor,
  type ReviewCaseFacts,
  type ReviewChain,
  type ReviewCommand,
  type ReviewContext,
  type ReviewEvent,
  type ReviewSignerPosition,
  type ReviewState,
  type ReviewStatus,
} from './legal-review.ts';
import { cal } from './test/fixtures.ts';

const D = '2026-06-08';
const NOW = '2026-06-30';

const person = (id: string, positions: ReviewSignerPosition[], over: Partial<ReviewActor> = {}): ReviewActor => ({
  id,
  positions,
  hasLegalQualification: true,
  priorReviewCount: 5,
  ...over,
});
const ctxOf = (actor: ReviewActor, now = NOW): ReviewContext => ({ actor, now, params: { ...DEFAULT_LEGAL_REVIEW_PARAMS } });
const makeFacts = (over: Partial<ReviewCaseFacts> = {}): ReviewCaseFacts => ({
  investigatorIds: ['o1', 'o2'],
  isMajor: true,
  proposed: { types: ['fine'], fineAmount: 50_000 },
  hearingHeld: false,
  materials: REVIEW_MATERIALS.filter((m) => !m.onlyAfterHearing).map((m) => m.key),
  ...over,
});

const handler = person('o1', []);
const head = person('head', ['agency_head']);
const Q4_SIGNERS = [person('ulo', ['unit_legal_officer']), person('uh', ['unit_head']), person('lr', ['legal_reviewer']), person('dep', ['deputy_head'])];

const allPass = (): ChecklistEntry[] => REVIEW_CHECKLIST_KEYS.map((key) => ({ key, result: 'pass' }));
const withFail = (key: ChecklistEntry['key'] = 'discretion'): ChecklistEntry[] =>
  allPass().map((e) => (e.key === key ? { key, result: 'fail', comment: '罚款数额偏离裁量阶次' } : e));

const cmd = {
  submit: (): ReviewCommand => ({ action: 'submit', on: D }),
  resubmit: (): ReviewCommand => ({ action: 'resubmit', on: D }),
  agree: (): ReviewCommand => ({ action: 'agree', on: D, checklist: allPass(), opinion: '同意' }),
  correct: (): ReviewCommand => ({ action: 'correct', on: D, checklist: withFail(), opinion: '处罚偏重', correction: '建议罚款30000元' }),
  investigate_further: (): ReviewCommand => ({ action: 'investigate_further', on: D, checklist: withFail('facts_and_evidence'), opinion: '证据不足' }),
  dispute: (): ReviewCommand => ({ action: 'dispute', on: D, reason: '承办机构认为处罚适当' }),
  accept_opinion: (): ReviewCommand => ({ action: 'accept_opinion', on: D }),
  revise_to_agree: (): ReviewCommand => ({ action: 'revise_to_agree', on: D, checklist: allPass(), opinion: '经沟通，同意' }),
  escalate: (): ReviewCommand => ({ action: 'escalate', on: D, consultation: '协商未达成一致' }),
  uphold_opinion: (): ReviewCommand => ({ action: 'uphold_opinion', on: D, decision: '采纳审核意见' }),
  overrule_opinion: (): ReviewCommand => ({ action: 'overrule_opinion', on: D, decision: '维持承办机构意见' }),
};

/** Apply each step through the full check; every step must be allowed and land where `check` said. */
function run(chain: ReviewChain, steps: [ReviewActor, ReviewCommand][], facts = makeFacts(), start = initialReviewState()) {
  let state = start;
  const events: ReviewEvent[] = [];
  for (const [actor, c] of steps) {
    const r = checkReviewCommand(chain, state, c, facts, ctxOf(actor));
    if (!r.ok) throw new Error(`${c.action} by ${actor.id} refused: ${r.refusals.map((x) => x.message).join(' | ')}`);
    events.push(r.event);
    state = reduceReview(chain, state, r.event);
    expect(state.status).toBe(r.to);
  }
  return { state, events };
}
const refusalsOf = (chain: ReviewChain, state: ReviewState, c: ReviewCommand, actor: ReviewActor, facts = makeFacts(), now = NOW) => {
  const r = checkReviewCommand(chain, state, c, facts, ctxOf(actor, now));
  return r.ok ? [] : r.refusals;
};
/** Q4 on a major case, walked up to level `i` (0-based) with every earlier level agreeing. */
const atLevel = (i: number) => run(QINHUANGDAO_FOUR_LEVEL_CHAIN, [[handler, cmd.submit()], ...Q4_SIGNERS.slice(0, i).map((s) => [s, cmd.agree()] as [ReviewActor, ReviewCommand])]).state;

describe('review transitions: every status × action against the explicit table', () => {
  // Written out independently from LR9 / SAMR Art.54 / 内蒙古办法 Art.29–32; anything absent is refused.
  const EXPECTED: Record<ReviewStatus, Partial<Record<ReviewAction, ReviewStatus>>> = {
    not_submitted: { submit: 'in_review' },
    in_review: { agree: 'in_review', correct: 'returned', investigate_further: 'returned', request_supplement: 'awaiting_supplement', approve_extension: 'in_review', withdraw: 'withdrawn' },
    awaiting_supplement: { supply: 'in_review', approve_extension: 'awaiting_supplement', withdraw: 'withdrawn' },
    returned: { resubmit: 'in_review', dispute: 'consulting', withdraw: 'withdrawn' },
    consulting: { accept_opinion: 'returned', revise_to_agree: 'in_review', escalate: 'escalated', withdraw: 'withdrawn' },
    escalated: { uphold_opinion: 'returned', overrule_opinion: 'in_review', withdraw: 'withdrawn' },
    passed: {},
    withdrawn: {},
  };
  for (const status of REVIEW_STATUSES) {
    for (const action of REVIEW_ACTIONS) {
      const to = EXPECTED[status][action];
      it(`${status} × ${action} → ${to ?? 'refused'}`, () => {
        // Two levels, at the first: approvals move on rather than pass.
        expect(nextReviewStatus({ status, levels: ['a', 'b'], levelIndex: 0 }, action)).toBe(to);
      });
    }
  }
  it('approvals at the last level pass the review', () => {
    for (const action of ['agree', 'revise_to_agree', 'overrule_opinion'] as const) {
      const from = REVIEW_STATUSES.find((s) => (REVIEW_TRANSITIONS[s] as Partial<Record<ReviewAction, ReviewStatus>>)[action])!;
      expect(nextReviewStatus({ status: from, levels: ['a', 'b'], levelIndex: 1 }, action)).toBe('passed');
    }
  });
  it('the action list matches the command schema', () => {
    expect([...REVIEW_ACTIONS].sort()).toEqual(ReviewCommandSchema.options.map((o) => o.shape.action.value).sort());
  });
  it('an off-table command is refused with the allowed actions', () => {
    const [r] = refusalsOf(DEFAULT_REVIEW_CHAIN, initialReviewState(), cmd.agree(), Q4_SIGNERS[2]!);
    expect(r).toMatchObject({ code: 'INVALID_TRANSITION', details: { allowedActions: ['submit'] } });
  });
  it('replaying an off-table event throws', () => {
    expect(() => reduceReview(DEFAULT_REVIEW_CHAIN, initialReviewState(), { ...cmd.agree(), actorId: 'x' })).toThrow();
  });
});

describe('the four-level chain: every outcome at every level', () => {
  const LEVELS = QINHUANGDAO_FOUR_LEVEL_CHAIN.levels.map((l) => l.key);
  for (const [i, levelKey] of LEVELS.entries()) {
    const signer = Q4_SIGNERS[i]!;
    it(`level ${i + 1} (${levelKey}) agrees → ${i === 3 ? 'passed' : `level ${i + 2}`}`, () => {
      const { state } = run(QINHUANGDAO_FOUR_LEVEL_CHAIN, [[signer, cmd.agree()]], makeFacts(), atLevel(i));
      if (i === 3) expect(state).toMatchObject({ status: 'passed', levelIndex: null, passedOn: D, isPassedByHeadDecision: false });
      else expect(state).toMatchObject({ status: 'in_review', levelIndex: i + 1 });
      expect(state.opinions.at(-1)).toMatchObject({ round: 1, levelKey, outcome: 'agree', reviewerId: signer.id });
      expect(state.opinions.map((o) => o.levelKey)).toEqual(LEVELS.slice(0, i + 1));
    });
    for (const outcome of ['correct', 'investigate_further'] as const) {
      it(`level ${i + 1} (${levelKey}) ${outcome} → returned to the handlers`, () => {
        const { state } = run(QINHUANGDAO_FOUR_LEVEL_CHAIN, [[signer, cmd[outcome]()]], makeFacts(), atLevel(i));
        expect(state).toMatchObject({ status: 'returned', levelIndex: i, passedOn: null });
        expect(state.opinions.at(-1)).toMatchObject({ levelKey, outcome, correction: outcome === 'correct' ? '建议罚款30000元' : null });
      });
    }
    it(`level ${i + 1}: resubmitting after a return starts a new round at level 1`, () => {
      const { state } = run(QINHUANGDAO_FOUR_LEVEL_CHAIN, [[signer, cmd.correct()], [handler, cmd.resubmit()]], makeFacts(), atLevel(i));
      expect(state).toMatchObject({ status: 'in_review', round: 2, levelIndex: 0, levels: LEVELS });
    });
  }

  describe('disagreement (LR9): consult, then the agency head decides', () => {
    for (const [i, levelKey] of LEVELS.entries()) {
      const signer = Q4_SIGNERS[i]!;
      const returned = () => run(QINHUANGDAO_FOUR_LEVEL_CHAIN, [[signer, cmd.correct()]], makeFacts(), atLevel(i)).state;
      const last = i === LEVELS.length - 1;
      it(`level ${i + 1}: the handlers accept after consulting → returned`, () => {
        const { state } = run(QINHUANGDAO_FOUR_LEVEL_CHAIN, [[handler, cmd.dispute()], [handler, cmd.accept_opinion()]], makeFacts(), returned());
        expect(state.status).toBe('returned');
        expect(state.disputes).toEqual([expect.objectContaining({ levelKey, settledBy: 'handlers_accepted', decision: null })]);
      });
      it(`level ${i + 1}: the reviewer revises to agree → ${last ? 'passed' : 'next level'}`, () => {
        const { state } = run(QINHUANGDAO_FOUR_LEVEL_CHAIN, [[handler, cmd.dispute()], [signer, cmd.revise_to_agree()]], makeFacts(), returned());
        expect(state).toMatchObject(last ? { status: 'passed' } : { status: 'in_review', levelIndex: i + 1 });
        expect(state.opinions.at(-1)).toMatchObject({ levelKey, outcome: 'agree', isRevised: true });
        expect(state.isPassedByHeadDecision).toBe(false);
      });
      it(`level ${i + 1}: escalated, the head upholds the opinion → returned`, () => {
        const { state } = run(QINHUANGDAO_FOUR_LEVEL_CHAIN, [[handler, cmd.dispute()], [handler, cmd.escalate()], [head, cmd.uphold_opinion()]], makeFacts(), returned());
        expect(state).toMatchObject({ status: 'returned', levelIndex: i });
        expect(state.disputes.at(-1)).toMatchObject({ levelKey, consultation: '协商未达成一致', settledBy: 'head_decision', decision: { deciderId: 'head', upheld: true } });
      });
      it(`level ${i + 1}: escalated, the head overrules → ${last ? 'passed by head decision' : 'the remaining levels still review'}`, () => {
        const { state } = run(QINHUANGDAO_FOUR_LEVEL_CHAIN, [[handler, cmd.dispute()], [handler, cmd.escalate()], [head, cmd.overrule_opinion()]], makeFacts(), returned());
        expect(state).toMatchObject(last ? { status: 'passed', isPassedByHeadDecision: true } : { status: 'in_review', levelIndex: i + 1, isPassedByHeadDecision: true });
        expect(state.disputes.at(-1)!.decision).toMatchObject({ upheld: false });
      });
      it(`level ${i + 1}: only the agency head decides`, () => {
        const escalated = run(QINHUANGDAO_FOUR_LEVEL_CHAIN, [[handler, cmd.dispute()], [handler, cmd.escalate()]], makeFacts(), returned()).state;
        for (const c of [cmd.uphold_opinion(), cmd.overrule_opinion()]) {
          expect(refusalsOf(QINHUANGDAO_FOUR_LEVEL_CHAIN, escalated, c, Q4_SIGNERS[2]!)).toEqual([
            expect.objectContaining({ code: 'RULE_VIOLATION', citation: '内蒙古办法 Art.32', details: expect.objectContaining({ guard: 'deciderIsHead' }) }),
          ]);
        }
      });
    }
    it('a head decision mark does not survive into a resubmitted round', () => {
      const escalated = run(QINHUANGDAO_FOUR_LEVEL_CHAIN, [[Q4_SIGNERS[0]!, cmd.correct()], [handler, cmd.dispute()], [handler, cmd.escalate()], [head, cmd.overrule_opinion()]], makeFacts(), atLevel(0)).state;
      const { state } = run(QINHUANGDAO_FOUR_LEVEL_CHAIN, [[Q4_SIGNERS[1]!, cmd.investigate_further()], [handler, cmd.resubmit()]], makeFacts(), escalated);
      expect(state).toMatchObject({ round: 2, isPassedByHeadDecision: false, levelIndex: 0 });
    });
  });
});

describe('which levels apply', () => {
  it('Q4: the leader level only for major cases', () => {
    expect(applicableLevels(QINHUANGDAO_FOUR_LEVEL_CHAIN, makeFacts())).toHaveLength(4);
    expect(applicableLevels(QINHUANGDAO_FOUR_LEVEL_CHAIN, makeFacts({ isMajor: false }))).toEqual(['unit_legal_officer', 'unit_head', 'legal_division']);
    const { state } = run(QINHUANGDAO_FOUR_LEVEL_CHAIN, [[handler, cmd.submit()], [Q4_SIGNERS[0]!, cmd.agree()], [Q4_SIGNERS[1]!, cmd.agree()], [Q4_SIGNERS[2]!, cmd.agree()]], makeFacts({ isMajor: false }));
    expect(state.status).toBe('passed');
  });
  const chain: ReviewChain = {
    ...DEFAULT_REVIEW_CHAIN,
    levels: [
      ...DEFAULT_REVIEW_CHAIN.levels,
      { key: 'big_fine', zh: '大额罚款', en: 'Large fine', signers: ['agency_head'], isLegalReview: false, when: { fineAtLeast: 10_000 } },
      { key: 'licence', zh: '吊销', en: 'Licence', signers: ['agency_head'], isLegalReview: false, when: { penaltyTypes: ['revoke_licence'], hearingHeld: true } },
    ],
  };
  it.each([
    [{ types: ['fine'], fineAmount: 10_000 }, false, ['legal_division', 'big_fine']], // 以上 includes the number
    [{ types: ['fine'], fineAmount: 9_999 }, false, ['legal_division']],
    [{ types: ['warning', 'revoke_licence'], fineAmount: null }, false, ['legal_division', 'licence']],
    [{ types: ['warning'], fineAmount: null }, true, ['legal_division', 'licence']], // any criterion of the condition
    [null, false, ['legal_division']],
  ] as const)('proposed %j, hearing %s → %j', (proposed, hearingHeld, levels) => {
    expect(applicableLevels(chain, makeFacts({ isMajor: false, proposed: proposed as ReviewCaseFacts['proposed'], hearingHeld }))).toEqual(levels);
  });
  it('the levels are fixed when the round is submitted', () => {
    const { state } = run(QINHUANGDAO_FOUR_LEVEL_CHAIN, [[handler, cmd.submit()]], makeFacts({ isMajor: false }));
    const after = run(QINHUANGDAO_FOUR_LEVEL_CHAIN, [[Q4_SIGNERS[0]!, cmd.agree()]], makeFacts({ isMajor: true }), state).state;
    expect(after.levels).toHaveLength(3);
  });
});

describe('guards', () => {
  const inReview = () => run(DEFAULT_REVIEW_CHAIN, [[handler, cmd.submit()]]).state;
  const guardNames = (rs: { details?: Record<string, unknown> }[]) => rs.map((r) => r.details?.guard ?? r.details);

  it('submission needs the LR7 materials, the hearing transcript after a hearing', () => {
    expect(refusalsOf(DEFAULT_REVIEW_CHAIN, initialReviewState(), cmd.submit(), handler, makeFacts({ materials: ['evidence'] }))).toEqual([
      expect.objectContaining({ citation: '内蒙古办法 Art.29; 市场监督管理行政处罚程序规定 Art.49', details: { missing: ['investigation_end_report', 'draft_decision', 'legal_basis'], guard: 'reviewMaterialsComplete' } }),
    ]);
    expect(refusalsOf(DEFAULT_REVIEW_CHAIN, initialReviewState(), cmd.submit(), handler, makeFacts({ hearingHeld: true }))[0]?.details).toMatchObject({ missing: ['hearing_record'] });
    expect(refusalsOf(DEFAULT_REVIEW_CHAIN, initialReviewState(), cmd.submit(), handler)).toEqual([]);
  });
  it('the signer must hold a position of the level', () => {
    expect(guardNames(refusalsOf(DEFAULT_REVIEW_CHAIN, inReview(), cmd.agree(), person('x', ['unit_head'])))).toEqual(['signerHoldsLevelPosition']);
    expect(refusalsOf(DEFAULT_REVIEW_CHAIN, inReview(), cmd.agree(), person('x', ['legal_division_head']))).toEqual([]);
  });
  it('an investigator may not sign any level (SAMR Art.49 para 3)', () => {
    const r = refusalsOf(DEFAULT_REVIEW_CHAIN, inReview(), cmd.agree(), person('o2', ['legal_reviewer']));
    expect(r).toEqual([expect.objectContaining({ citation: '市场监督管理行政处罚程序规定 Art.49 para 3', details: { actorId: 'o2', guard: 'signerNotInvestigator' } })]);
  });
  it('a first-time legal reviewer needs the qualification, only at the legal-review level (LR4)', () => {
    const novice = (positions: ReviewSignerPosition[]) => person('n', positions, { hasLegalQualification: false, priorReviewCount: 0 });
    expect(guardNames(refusalsOf(DEFAULT_REVIEW_CHAIN, inReview(), cmd.agree(), novice(['legal_reviewer'])))).toEqual(['legalReviewerQualified']);
    expect(refusalsOf(DEFAULT_REVIEW_CHAIN, inReview(), cmd.agree(), person('n', ['legal_reviewer'], { hasLegalQualification: false, priorReviewCount: 1 }))).toEqual([]);
    expect(refusalsOf(QINHUANGDAO_FOUR_LEVEL_CHAIN, atLevel(0), cmd.agree(), novice(['unit_legal_officer']))).toEqual([]);
  });
  it('one person signs one level per round, but may revise their own', () => {
    const both = person('both', ['unit_legal_officer', 'unit_head']);
    const at2 = run(QINHUANGDAO_FOUR_LEVEL_CHAIN, [[both, cmd.agree()]], makeFacts(), atLevel(0)).state;
    expect(guardNames(refusalsOf(QINHUANGDAO_FOUR_LEVEL_CHAIN, at2, cmd.agree(), both))).toEqual(['oneLevelPerSigner']);
    const disputed = run(QINHUANGDAO_FOUR_LEVEL_CHAIN, [[both, cmd.correct()], [handler, cmd.dispute()]], makeFacts(), atLevel(0)).state;
    expect(refusalsOf(QINHUANGDAO_FOUR_LEVEL_CHAIN, disputed, cmd.revise_to_agree(), both)).toEqual([]);
  });
  it('the extension needs a leader, once per round', () => {
    const ext: ReviewCommand = { action: 'approve_extension', on: D, reason: '案情复杂' };
    expect(guardNames(refusalsOf(DEFAULT_REVIEW_CHAIN, inReview(), ext, Q4_SIGNERS[2]!))).toEqual(['extensionByHeadOnce']);
    const extended = run(DEFAULT_REVIEW_CHAIN, [[head, ext]], makeFacts(), inReview()).state;
    expect(extended.extension).toMatchObject({ approverId: 'head', days: 10 });
    expect(refusalsOf(DEFAULT_REVIEW_CHAIN, extended, ext, head)[0]?.messageZh).toMatch(/已经延长/);
  });
  it('dates may not be in the future or before the previous step', () => {
    const s = run(DEFAULT_REVIEW_CHAIN, [[handler, cmd.submit()]]).state;
    expect(refusalsOf(DEFAULT_REVIEW_CHAIN, s, { ...cmd.agree(), on: '2026-07-01' } as ReviewCommand, Q4_SIGNERS[2]!)[0]).toMatchObject({ code: 'VALIDATION_FAILED', details: { on: '2026-07-01' } });
    expect(refusalsOf(DEFAULT_REVIEW_CHAIN, s, { ...cmd.agree(), on: '2026-06-07' } as ReviewCommand, Q4_SIGNERS[2]!)[0]).toMatchObject({ code: 'VALIDATION_FAILED', details: { lastEventOn: D } });
  });
  it('availableReviewActions lists what this person may do now', () => {
    expect(availableReviewActions(DEFAULT_REVIEW_CHAIN, inReview(), makeFacts(), ctxOf(Q4_SIGNERS[2]!))).toEqual({
      allowed: ['agree', 'correct', 'investigate_further', 'request_supplement', 'withdraw'],
      refused: [{ action: 'approve_extension', refusals: [expect.objectContaining({ details: { guard: 'extensionByHeadOnce' } })] }],
    });
    const forHead = availableReviewActions(DEFAULT_REVIEW_CHAIN, inReview(), makeFacts(), ctxOf(head));
    expect(forHead.allowed).toEqual(['approve_extension', 'withdraw']);
  });
});

describe('the checklist guard (SAMR Art.53–54)', () => {
  it('agree is impossible while any item fails, naming the failing items', () => {
    for (const key of REVIEW_CHECKLIST_KEYS) {
      expect(checklistRefusal(withFail(key), 'agree')).toMatchObject({ code: 'RULE_VIOLATION', citation: '市场监督管理行政处罚程序规定 Art.54(1)', details: { failed: [key] } });
    }
    expect(checklistRefusal(allPass(), 'agree')).toBeNull();
    expect(checklistRefusal(allPass().map((e) => (e.key === 'crime_transfer' ? { ...e, result: 'not_applicable', comment: '不涉嫌犯罪' } : e)), 'agree')).toBeNull();
  });
  it('the guard applies through checkReviewCommand for agree and revise_to_agree', () => {
    const s = run(DEFAULT_REVIEW_CHAIN, [[handler, cmd.submit()]]).state;
    const r = refusalsOf(DEFAULT_REVIEW_CHAIN, s, { action: 'agree', on: D, checklist: withFail('procedure'), opinion: '同意' }, Q4_SIGNERS[2]!);
    expect(r).toEqual([expect.objectContaining({ citation: '市场监督管理行政处罚程序规定 Art.54(1)' })]);
    const disputed = run(DEFAULT_REVIEW_CHAIN, [[Q4_SIGNERS[2]!, cmd.correct()], [handler, cmd.dispute()]], makeFacts(), s).state;
    expect(refusalsOf(DEFAULT_REVIEW_CHAIN, disputed, { action: 'revise_to_agree', on: D, checklist: withFail(), opinion: 'x' }, Q4_SIGNERS[2]!)).toHaveLength(1);
  });
  it('every item gets exactly one result', () => {
    expect(checklistRefusal(allPass().slice(1), 'agree')?.details).toEqual({ missing: ['subject_and_officers'], duplicated: [] });
    expect(checklistRefusal([...allPass(), { key: 'jurisdiction', result: 'pass' }], 'agree')?.details).toEqual({ missing: [], duplicated: ['jurisdiction'] });
  });
  it('failed and not-applicable items carry a comment', () => {
    const bare = allPass().map((e) => (e.key === 'documents' ? { key: e.key, result: 'fail' as const } : e));
    expect(checklistRefusal(bare, 'correct')?.details).toEqual({ uncommented: ['documents'] });
    const na = allPass().map((e) => (e.key === 'jurisdiction' ? { key: e.key, result: 'not_applicable' as const, comment: ' ' } : e));
    expect(checklistRefusal(na, 'agree')?.details).toEqual({ uncommented: ['jurisdiction'] });
  });
  it('a correction or further investigation names at least one failing item', () => {
    expect(checklistRefusal(allPass(), 'correct')?.citation).toBe('市场监督管理行政处罚程序规定 Art.54(2)');
    expect(checklistRefusal(allPass(), 'investigate_further')?.citation).toBe('市场监督管理行政处罚程序规定 Art.54(3)');
    expect(checklistRefusal(withFail(), 'correct')).toBeNull();
  });
  it('a correction carries the corrected content (schema)', () => {
    expect(ReviewCommandSchema.safeParse({ action: 'correct', on: D, checklist: withFail(), opinion: 'x' }).success).toBe(false);
    expect(ReviewCommandSchema.safeParse({ action: 'correct', on: D, checklist: withFail(), opinion: 'x', correction: '罚款3万元' }).success).toBe(true);
    expect(ReviewCommandSchema.safeParse({ action: 'agree', on: D, checklist: [{ key: 'nonsense', result: 'pass' }], opinion: 'x' }).success).toBe(false);
  });
});

describe('ReviewChainSchema', () => {
  it('accepts the shipped chains, and a parsed chain is a ReviewChain', () => {
    expect(ReviewChainSchema.safeParse(DEFAULT_REVIEW_CHAIN).success).toBe(true);
    const parsed: ReviewChain = ReviewChainSchema.parse(QINHUANGDAO_FOUR_LEVEL_CHAIN);
    expect(parsed).toEqual(QINHUANGDAO_FOUR_LEVEL_CHAIN);
  });
  const issuePaths = (chain: unknown) => {
    const r = ReviewChainSchema.safeParse(chain);
    return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
  };
  it.each([
    ['duplicate level keys', { ...QINHUANGDAO_FOUR_LEVEL_CHAIN, levels: [...QINHUANGDAO_FOUR_LEVEL_CHAIN.levels, QINHUANGDAO_FOUR_LEVEL_CHAIN.levels[0]] }, 'levels.4.key'],
    ['no unconditional legal-review level', { ...DEFAULT_REVIEW_CHAIN, levels: [{ ...DEFAULT_REVIEW_CHAIN.levels[0]!, when: { isMajor: true } }] }, 'levels'],
    ['only non-legal levels', { ...QINHUANGDAO_FOUR_LEVEL_CHAIN, levels: QINHUANGDAO_FOUR_LEVEL_CHAIN.levels.filter((l) => !l.isLegalReview) }, 'levels'],
    ['an empty condition', { ...QINHUANGDAO_FOUR_LEVEL_CHAIN, levels: [...QINHUANGDAO_FOUR_LEVEL_CHAIN.levels.slice(0, 3), { ...QINHUANGDAO_FOUR_LEVEL_CHAIN.levels[3]!, when: {} }] }, 'levels.3.when'],
    ['a final decider who is not a leader', { ...DEFAULT_REVIEW_CHAIN, finalDeciders: ['legal_division_head'] }, 'finalDeciders.0'],
    ['an extension approver who is not a leader', { ...DEFAULT_REVIEW_CHAIN, extensionApprovers: ['agency_head', 'unit_head'] }, 'extensionApprovers.1'],
    ['a level nobody may sign', { ...DEFAULT_REVIEW_CHAIN, levels: [{ ...DEFAULT_REVIEW_CHAIN.levels[0]!, signers: [] }] }, 'levels.0.signers'],
    ['an unknown position', { ...DEFAULT_REVIEW_CHAIN, finalDeciders: ['mayor'] }, 'finalDeciders.0'],
  ])('refuses %s', (_what, chain, path) => {
    expect(issuePaths(chain)).toContain(path);
  });
});

describe('replay', () => {
  it('replaying the recorded events rebuilds the same state', () => {
    const ext: ReviewCommand = { action: 'approve_extension', on: D, reason: '复杂' };
    const { state, events } = run(QINHUANGDAO_FOUR_LEVEL_CHAIN, [
      [handler, cmd.submit()],
      [Q4_SIGNERS[0]!, cmd.agree()],
      [Q4_SIGNERS[1]!, { action: 'request_supplement', on: D, materials: ['现场照片'] }],
      [handler, { action: 'supply', on: '2026-06-10' }],
      [head, { ...ext, on: '2026-06-10' }],
      [Q4_SIGNERS[1]!, { ...cmd.correct(), on: '2026-06-11' }],
      [handler, { ...cmd.dispute(), on: '2026-06-11' }],
      [handler, { ...cmd.escalate(), on: '2026-06-12' }],
      [head, { ...cmd.overrule_opinion(), on: '2026-06-12' }],
      [Q4_SIGNERS[2]!, { ...cmd.agree(), on: '2026-06-15' }],
      [Q4_SIGNERS[3]!, { ...cmd.agree(), on: '2026-06-15' }],
    ]);
    expect(state).toMatchObject({ status: 'passed', passedOn: '2026-06-15', isPassedByHeadDecision: true, round: 1 });
    expect(replayReview(QINHUANGDAO_FOUR_LEVEL_CHAIN, events)).toEqual(state);
    expect(events[0]!.levels).toEqual(['unit_legal_officer', 'unit_head', 'legal_division', 'leader']);
  });
  it('an extension event without its length is corrupt', () => {
    const s = run(DEFAULT_REVIEW_CHAIN, [[handler, cmd.submit()]]).state;
    expect(() => reduceReview(DEFAULT_REVIEW_CHAIN, s, { action: 'approve_extension', on: D, reason: 'r', actorId: 'head' })).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
  });
  it('a submission event without its levels is corrupt', () => {
    expect(() => reduceReview(DEFAULT_REVIEW_CHAIN, initialReviewState(), { action: 'submit', on: D, actorId: 'o1' })).toThrow(
      expect.objectContaining({ code: 'INTERNAL', details: { problem: 'review submission event without levels' } }),
    );
  });
});

describe('review time limit (LR8)', () => {
  const SAMR: LegalReviewRuleParams = { ...DEFAULT_LEGAL_REVIEW_PARAMS };
  const INNER_MONGOLIA: LegalReviewRuleParams = { 'legalReview.timeLimitWorkingDays': 5, 'legalReview.extensionDays': 5, 'legalReview.timeLimitInWorkingDays': true };
  const AGRICULTURE: LegalReviewRuleParams = { 'legalReview.timeLimitWorkingDays': 5, 'legalReview.extensionDays': 15, 'legalReview.timeLimitInWorkingDays': false };
  const submitted = (on = D) => run(DEFAULT_REVIEW_CHAIN, [[handler, { action: 'submit', on }]]).state;
  const extend = (s: ReviewState, days: number, on = D): ReviewState => reduceReview(DEFAULT_REVIEW_CHAIN, s, { action: 'approve_extension', on, reason: 'r', actorId: 'head', extensionDays: days });
  const supplement = (s: ReviewState, requestedOn: string, suppliedOn: string | null): ReviewState => {
    let x = reduceReview(DEFAULT_REVIEW_CHAIN, s, { action: 'request_supplement', on: requestedOn, materials: ['m'], actorId: 'lr' });
    if (suppliedOn) x = reduceReview(DEFAULT_REVIEW_CHAIN, x, { action: 'supply', on: suppliedOn, actorId: 'o1' });
    return x;
  };

  it('the new rule keys and their defaults', () => {
    expect(RULE_KEYS['legalReview.extensionDays']).toMatchObject({ default: 10, tag: 'U', type: 'number' });
    expect(RULE_KEYS['legalReview.timeLimitInWorkingDays']).toMatchObject({ default: true, tag: 'P', type: 'boolean' });
    expect(DEFAULT_LEGAL_REVIEW_PARAMS['legalReview.timeLimitWorkingDays']).toBe(10);
  });
  it('SAMR: 10 working days, 端午 2026-06-19 skipped; +10 WD when extended (Art.55)', () => {
    // 06-09 … 06-18 are 8 working days, 06-19 is a holiday, then 06-22 and 06-23.
    expect(reviewDeadline(submitted(), SAMR, cal)).toMatchObject({ start: D, due: '2026-06-23', isExtended: false, isProvisional: false, pausedDays: 0 });
    expect(reviewDeadline(extend(submitted(), 10), SAMR, cal)).toMatchObject({ due: '2026-07-07', isExtended: true });
  });
  it('Inner Mongolia: 5 + 5 working days, time waiting for supplements excluded (Art.31)', () => {
    // Asked 06-10, supplied 06-15: 06-11 … 06-15 do not count; counted days 06-09, 06-10, 06-16, 06-17, 06-18.
    const s = supplement(submitted(), '2026-06-10', '2026-06-15');
    expect(reviewDeadline(s, INNER_MONGOLIA, cal)).toMatchObject({ due: '2026-06-18', pausedDays: 5 });
    expect(reviewDeadline(submitted(), INNER_MONGOLIA, cal)?.due).toBe('2026-06-15');
    // +5 WD: 06-19 holiday, then 06-22 … 06-26.
    expect(reviewDeadline(extend(s, 5, '2026-06-15'), INNER_MONGOLIA, cal)?.due).toBe('2026-06-26');
  });
  it('agriculture: 5 calendar days + 15, a last day on a weekend rolls to Monday', () => {
    expect(reviewDeadline(submitted(), AGRICULTURE, cal)?.due).toBe('2026-06-15'); // 06-13 is a Saturday
    expect(reviewDeadline(extend(submitted(), 15), AGRICULTURE, cal)?.due).toBe('2026-06-29'); // 06-28 is a Sunday
  });
  it('a pending supplement makes the due date provisional and needs asOf', () => {
    const s = supplement(submitted(), '2026-06-10', null);
    expect(s.status).toBe('awaiting_supplement');
    expect(() => reviewDeadline(s, SAMR, cal)).toThrow(/asOf/);
    expect(reviewDeadline(s, SAMR, cal, { asOf: '2026-06-12' })).toMatchObject({ due: '2026-06-25', isProvisional: true, pausedDays: 2 });
  });
  it('materials supplied the day they were asked for pause nothing', () => {
    expect(reviewDeadline(supplement(submitted(), '2026-06-10', '2026-06-10'), SAMR, cal)).toMatchObject({ due: '2026-06-23', pausedDays: 0 });
  });
  it('no time limit runs while the case is with the handlers or after the review', () => {
    const returned = run(DEFAULT_REVIEW_CHAIN, [[Q4_SIGNERS[2]!, cmd.correct()]], makeFacts(), submitted()).state;
    expect(reviewDeadline(returned, SAMR, cal)).toBeNull();
    expect(reviewDeadline(initialReviewState(), SAMR, cal)).toBeNull();
    const resubmitted = run(DEFAULT_REVIEW_CHAIN, [[handler, { action: 'resubmit', on: '2026-06-22' }]], makeFacts(), returned).state;
    expect(reviewDeadline(resubmitted, SAMR, cal)).toMatchObject({ start: '2026-06-22', isExtended: false });
  });
});
