import { describe, expect, it } from 'vitest';
import { createCalendar } from '../calendar/index.ts';
import { RULE_KEYS } from '../rules/index.ts';
import type { CaseFileDoc } from './case-file.ts';
import { DEFAULT_PENALTY_RULE_PARAMS } from './penalty-guards.ts';
import { PRE_REVIEW_CHECKS, preReview, type PreReviewCheckKey, type PreReviewInput, type PreReviewStatus } from './pre-review.ts';
import { cal, makeCertificate, makeOfficer } from './test/fixtures.ts';

const docs = (...kinds: CaseFileDoc['kind'][]): CaseFileDoc[] => kinds.map((kind, i) => ({ id: `${kind}-${i}`, kind, date: '2026-05-01' }));
const receiptFor = (id: string): CaseFileDoc => ({ id: `receipt-${id}`, kind: 'service_receipt', date: '2026-05-25', servesDocumentId: id });
const NOTICE: CaseFileDoc = { id: 'pn', kind: 'penalty_notice', date: '2026-05-24' };

/**
 * A case about to be decided on which every check passes on 2026-06-15: certified officers, an independent reviewer,
 * the cited article in the item's basis, a 5,000-yuan fine inside its tier (below the hearing threshold).
 */
const makeInput = (over: Partial<PreReviewInput> = {}): PreReviewInput => ({
  step: 'decide',
  asOf: '2026-06-15',
  partyType: 'organisation',
  party: { name: '秦皇岛某食品有限公司', identifier: '91130300MA0000000X', address: '秦皇岛市海港区某路1号' },
  sector: 'market',
  placePath: '/130000/130300/130302/',
  findings: '当事人经营超过保质期的食品。',
  item: {
    code: 'market.food.124',
    legalBasis: [
      { law: '中华人民共和国食品安全法', article: '第三十四条', effectiveFrom: '2015-10-01', effectiveTo: null },
      { law: '中华人民共和国食品安全法', article: '第一百二十四条', effectiveFrom: '2015-10-01', effectiveTo: null },
    ],
  },
  // Written as the draft writes it: 《》 and spaces do not matter.
  citedBasis: [
    { law: '《中华人民共和国食品安全法》', article: '第三十四条' },
    { law: '中华人民共和国食品安全法', article: '第一百二十四条 ' },
  ],
  violation: { committedOn: '2025-10-01', endedOn: null, isContinuing: false },
  involvesLifeHealthOrFinancialSafety: false,
  hasHarmfulConsequences: false,
  dates: {
    discoveredOn: '2026-03-02',
    filedOn: '2026-03-05',
    investigationEndedOn: '2026-05-08',
    reviewSubmittedOn: '2026-05-11',
    reviewPassedOn: '2026-05-20',
    noticeServedOn: '2026-05-25',
    hearingRequestedOn: null,
    hearingHeldOn: null,
    decidedOn: null,
    decisionServedOn: null,
    paidOn: null,
    closedOn: null,
  },
  proposed: { types: ['fine'], fineAmount: 5000 },
  notified: { types: ['fine'], fineAmount: 5000 },
  noticeStatesHearingRight: false,
  discretion: { itemHasTiers: true, tier: { level: 'general', penaltyTypes: ['fine', 'warning'], fineMin: 1000, fineMax: 10_000 }, justification: null },
  officers: [makeOfficer('o1'), makeOfficer('o2')],
  acts: [
    { kind: 'inquiry', on: '2026-03-10', officerIds: ['o1', 'o2'], needsTwoOfficers: true },
    { kind: 'service', on: '2026-05-25', officerIds: ['o1'], needsTwoOfficers: false },
  ],
  reviewerId: 'r1',
  documents: [...docs('filing_approval', 'inquiry_record', 'investigation_end_report', 'draft_decision', 'legal_review_opinion'), NOTICE, receiptFor('pn')],
  isCollectiveDiscussionRequired: false,
  params: {
    ...DEFAULT_PENALTY_RULE_PARAMS,
    'hearing.largeFineIndividual': RULE_KEYS['hearing.largeFineIndividual'].default,
    'hearing.largeFineOrganisation': RULE_KEYS['hearing.largeFineOrganisation'].default,
  },
  ...over,
});
const withDates = (d: Partial<PreReviewInput['dates']>): Partial<PreReviewInput> => ({ dates: { ...makeInput().dates, ...d } });
const itemOf = (input: PreReviewInput, key: PreReviewCheckKey, calendar = cal) => preReview(input, calendar).items.find((i) => i.key === key)!;
/** Every item that does not pass, with its status. */
const problems = (input: PreReviewInput, calendar = cal): Partial<Record<PreReviewCheckKey, PreReviewStatus>> =>
  Object.fromEntries(preReview(input, calendar).items.filter((i) => i.status !== 'pass').map((i) => [i.key, i.status]));

describe('preReview', () => {
  it('the baseline passes every check, in catalogue order, each with labels and a citation', () => {
    const r = preReview(makeInput(), cal);
    expect(r.status).toBe('pass');
    expect(r.items.map((i) => i.key)).toEqual(Object.keys(PRE_REVIEW_CHECKS));
    for (const i of r.items) {
      expect(i).toMatchObject({ status: 'pass', zh: PRE_REVIEW_CHECKS[i.key].zh, en: PRE_REVIEW_CHECKS[i.key].en });
      expect(i.citation.length).toBeGreaterThan(0);
      expect(i.detail.length * i.detailZh.length).toBeGreaterThan(0);
    }
  });
  it('earlier and later steps pass with what they need', () => {
    const submit = makeInput({
      step: 'submit_review',
      ...withDates({ reviewPassedOn: null, noticeServedOn: null }),
      documents: docs('filing_approval', 'evidence', 'investigation_end_report', 'draft_decision'),
      acts: [{ kind: 'inquiry', on: '2026-03-10', officerIds: ['o1', 'o2'], needsTwoOfficers: true }],
      party: { name: '某公司', identifier: '91130300MA0000000X', address: null }, // the address matters from the decision on
    });
    expect(problems(submit)).toEqual({});
    const close = makeInput({
      step: 'close',
      asOf: '2026-07-10',
      ...withDates({ decidedOn: '2026-06-16', decisionServedOn: '2026-06-17', paidOn: '2026-06-30', closedOn: null }),
      documents: [...makeInput().documents, { id: 'pd', kind: 'penalty_decision', date: '2026-06-16' }, receiptFor('pd'), ...docs('payment_proof')],
    });
    expect(problems(close)).toEqual({});
  });
  it('the overall status is the worst item', () => {
    expect(preReview(makeInput({ reviewerId: null, step: 'submit_review', ...withDates({ reviewPassedOn: null, noticeServedOn: null }) }), cal).status).toBe('warn');
    expect(preReview(makeInput({ reviewerId: 'o1' }), cal).status).toBe('fail');
  });
});

describe('each check fails on its own problem', () => {
  const tier200k = { itemHasTiers: true, tier: { level: 'serious', penaltyTypes: ['fine' as const], fineMin: 50_000, fineMax: 200_000 }, justification: null };
  const expired = makeOfficer('o2', { certificates: [makeCertificate({ expiresOn: '2026-03-08' })] });
  it.each<[string, Partial<PreReviewInput>, Partial<Record<PreReviewCheckKey, PreReviewStatus>>, Record<string, unknown>?]>([
    // required_fields
    ['no party address before the decision (Art.59(1))', { party: { ...makeInput().party, address: ' ' } }, { required_fields: 'fail' }, { missing: ['party.address'] }],
    ['no findings', { findings: null }, { required_fields: 'fail' }, { missing: ['findings'] }],
    // required_documents
    ['no draft decision (LR7)', { documents: makeInput().documents.filter((d) => d.kind !== 'draft_decision') }, { required_documents: 'fail' }, { missing: ['draft_decision'] }],
    ['the notice not proved served', { documents: makeInput().documents.filter((d) => d.kind !== 'service_receipt') }, { required_documents: 'fail' }, { missing: ['notice_service'] }],
    ['no transcript after a hearing', { ...withDates({ hearingRequestedOn: '2026-05-26', hearingHeldOn: '2026-06-05' }) }, { required_documents: 'fail' }, { missing: ['hearing_record'] }],
    ['no minutes when collective discussion is required', { isCollectiveDiscussionRequired: true }, { required_documents: 'fail' }, { missing: ['collective_discussion_record'] }],
    // dates_in_order
    ['discovered after filing', withDates({ discoveredOn: '2026-03-06' }), { dates_in_order: 'fail' }, { reversed: [{ before: 'dates.discoveredOn', after: 'dates.filedOn' }], future: [] }],
    ['a notice before the filing', withDates({ noticeServedOn: '2026-03-01' }), { dates_in_order: 'fail' }],
    ['a date in the future', withDates({ reviewPassedOn: '2026-06-16' }), { dates_in_order: 'fail' }, { reversed: [], future: ['dates.reviewPassedOn'] }],
    // legal_basis
    ['no item selected', { item: null }, { required_fields: 'fail', legal_basis: 'fail' }],
    ['nothing cited (Art.38)', { citedBasis: [] }, { legal_basis: 'fail' }],
    ['an article outside the item', { citedBasis: [{ law: '中华人民共和国食品安全法', article: '第一百二十五条' }] }, { legal_basis: 'fail' }, { unmatched: [{ law: '中华人民共和国食品安全法', article: '第一百二十五条' }] }],
    [
      'a version not in force at the time of the act (Art.37)',
      { item: { code: 'x', legalBasis: makeInput().item!.legalBasis.map((b) => ({ ...b, effectiveFrom: '2026-01-01' })) } },
      { legal_basis: 'warn' },
      { actOn: '2025-10-01' },
    ],
    // discretion_tier
    ['a fine above the tier without reasons', { proposed: { types: ['fine'], fineAmount: 20_000 } }, { discretion_tier: 'fail' }],
    ['a fine above the tier with reasons', { proposed: { types: ['fine'], fineAmount: 20_000 }, discretion: { ...makeInput().discretion, justification: '多次违法' } }, { discretion_tier: 'warn' }],
    // officers_certified
    ['a certificate expired before the inquiry', { officers: [makeOfficer('o1'), expired] }, { officers_certified: 'fail' }],
    ['an act by someone not assigned', { acts: [{ kind: 'inquiry', on: '2026-03-10', officerIds: ['o1', 'o2', 'x9'], needsTwoOfficers: true }] }, { officers_certified: 'fail' }],
    ['an inquiry by one officer (Art.42)', { acts: [{ kind: 'inquiry', on: '2026-03-10', officerIds: ['o1'], needsTwoOfficers: true }] }, { officers_certified: 'fail' }],
    ['a certificate for another sector', { sector: 'transport' }, { officers_certified: 'fail' }],
    // limitation_period
    ['discovered after two years (Art.36)', { violation: { committedOn: '2023-10-01', endedOn: null, isContinuing: false } }, { limitation_period: 'fail' }],
    ['no violation date', { violation: { committedOn: null, endedOn: null, isContinuing: false } }, { required_fields: 'fail', limitation_period: 'fail' }],
    // reviewer_independent
    ['the reviewer investigated (SAMR Art.49)', { reviewerId: 'o2' }, { reviewer_independent: 'fail' }, { reviewerId: 'o2' }],
    ['the reviewer took part in an act', { reviewerId: 'h1', acts: [...makeInput().acts, { kind: 'inspection', on: '2026-03-11', officerIds: ['o1', 'o2', 'h1'], needsTwoOfficers: true }] }, { reviewer_independent: 'fail', officers_certified: 'fail' }],
    ['no reviewer recorded at the decision', { reviewerId: null }, { reviewer_independent: 'fail' }],
    // hearing_right
    [
      'a fine at the organisation threshold without the hearing right (Art.63)',
      { proposed: { types: ['fine'], fineAmount: 100_000 }, notified: { types: ['fine'], fineAmount: 100_000 }, discretion: tier200k },
      { hearing_right: 'fail' },
      { entitled: true },
    ],
    ['a licence revocation without the hearing right', { proposed: { types: ['revoke_licence'], fineAmount: null }, notified: { types: ['revoke_licence'], fineAmount: null }, discretion: { itemHasTiers: false, tier: null, justification: null } }, { hearing_right: 'fail' }],
    [
      'a requested hearing not yet held',
      { proposed: { types: ['fine'], fineAmount: 100_000 }, notified: { types: ['fine'], fineAmount: 100_000 }, discretion: tier200k, noticeStatesHearingRight: true, ...withDates({ hearingRequestedOn: '2026-05-26' }) },
      { hearing_right: 'fail' },
    ],
  ])('%s', (_what, over, expected, data) => {
    const input = makeInput(over);
    expect(problems(input)).toEqual(expected);
    const [key] = Object.keys(expected).filter((k) => k !== 'required_fields' || Object.keys(expected).length === 1) as PreReviewCheckKey[];
    const it = itemOf(input, key!);
    expect(it.citation.length).toBeGreaterThan(0);
    expect(it.detailZh.length).toBeGreaterThan(0);
    if (data) expect(it.data).toMatchObject(data);
  });

  it('the same facts pass where the step does not need them yet', () => {
    const early = { step: 'submit_review' as const, ...withDates({ reviewPassedOn: null, noticeServedOn: null }) };
    expect(itemOf(makeInput({ ...early, party: { ...makeInput().party, address: null } }), 'required_fields').status).toBe('pass');
    expect(itemOf(makeInput({ ...early, documents: makeInput().documents.filter((d) => d.kind !== 'service_receipt') }), 'required_documents').status).toBe('pass');
    expect(itemOf(makeInput({ ...early, reviewerId: null }), 'reviewer_independent').status).toBe('warn');
    const entitled = makeInput({ ...early, proposed: { types: ['fine'], fineAmount: 100_000 }, notified: null, discretion: tier200k });
    expect(itemOf(entitled, 'hearing_right')).toMatchObject({ status: 'pass', data: { entitled: true } });
    expect(itemOf({ ...entitled, step: 'serve_notice', dates: { ...entitled.dates, reviewPassedOn: '2026-05-20' } }, 'hearing_right').status).toBe('fail');
  });
  it('the hearing right stated → pass', () => {
    const r = itemOf(makeInput({ proposed: { types: ['fine'], fineAmount: 100_000 }, notified: { types: ['fine'], fineAmount: 100_000 }, discretion: tier200k, noticeStatesHearingRight: true }), 'hearing_right');
    expect(r).toMatchObject({ status: 'pass', data: { entitled: true } });
  });
  it('a limitation that needs a year without calendar data is flagged, not decided (G5)', () => {
    const only2026 = createCalendar([], [2026]);
    const input = makeInput({ violation: { committedOn: '2023-06-01', endedOn: null, isContinuing: false }, ...withDates({ discoveredOn: '2025-06-02', filedOn: '2026-03-05' }) });
    expect(itemOf(input, 'limitation_period', only2026)).toMatchObject({ status: 'warn', data: { year: 2025 } });
    // With the table: the two years end on 2025-06-01, inside 端午 (05-31…06-02), and roll to Tuesday 06-03.
    expect(itemOf(input, 'limitation_period')).toMatchObject({ status: 'pass' });
    expect(itemOf({ ...input, dates: { ...input.dates, discoveredOn: '2025-06-04' } }, 'limitation_period')).toMatchObject({ status: 'fail' });
  });
  it('a continuing act that has not ended is within the period', () => {
    expect(itemOf(makeInput({ violation: { committedOn: '2020-01-01', endedOn: null, isContinuing: true } }), 'limitation_period').status).toBe('pass');
  });
});
