import { shippedCalendar } from '../../calendar/index.ts';
import type { CertificateFacts } from '../../registry/officer-eligibility.ts';
import { DEFAULT_PENALTY_RULE_PARAMS, type CaseOfficer, type GuardContext } from '../penalty-guards.ts';
import type { PenaltyCaseFacts } from '../penalty-procedure.ts';

/** Test factories: each call builds fresh objects, so tests share no state. */
export const cal = shippedCalendar();

export const makeCertificate = (over: Partial<CertificateFacts> = {}): CertificateFacts => ({
  status: 'active',
  credentialType: 'enforcement',
  categories: ['market'],
  areaPath: '/130000/130300/',
  issuedOn: '2022-01-01',
  expiresOn: '2028-01-01',
  ...over,
});

export const makeOfficer = (id: string, over: Partial<CaseOfficer> = {}): CaseOfficer => ({
  id,
  personnelType: 'civil_servant',
  onDuty: true,
  certificates: [makeCertificate()],
  ...over,
});

export const makeCtx = (over: Partial<GuardContext> = {}): GuardContext => ({
  actor: { id: 'o1' },
  now: '2026-06-15',
  calendar: cal,
  params: { ...DEFAULT_PENALTY_RULE_PARAMS },
  ...over,
});

/**
 * A case on which every guard passes on 2026-06-15: two certified officers, discovered within 2 years, an independent
 * qualified reviewer, a 5,000-yuan fine notified on 2026-05-25 (window ended 2026-06-01) inside the selected tier.
 */
export const makeCase = (over: Partial<PenaltyCaseFacts> = {}): PenaltyCaseFacts => ({
  status: 'reviewed',
  suspendedFrom: null,
  partyType: 'organisation',
  sector: 'market',
  placePath: '/130000/130300/130322/',
  officers: [makeOfficer('o1'), makeOfficer('o2')],
  violation: { committedOn: '2025-10-01', endedOn: null, isContinuing: false },
  discoveredOn: '2026-03-02',
  involvesLifeHealthOrFinancialSafety: false,
  hasHarmfulConsequences: false,
  filedOn: '2026-03-05',
  decisionExtensionApproved: false,
  pauses: [],
  reviewer: { id: 'r1', hasLegalQualification: true, priorReviewCount: 3 },
  reviewPassedOn: '2026-05-20',
  isFlaggedMajor: false,
  majorCriteria: { penaltyTypes: ['revoke_licence'], fineAtLeast: 50_000 },
  proposed: { types: ['fine'], fineAmount: 5000 },
  notified: { types: ['fine'], fineAmount: 5000 },
  noticeServedOn: '2026-05-25',
  statementWaiverSignedOn: null,
  hearingRequestedOn: null,
  hearingNoticeSentOn: null,
  hearingHeldOn: null,
  isCollectiveDiscussionRequired: false,
  collectiveDiscussionOn: null,
  isSuspectedCrime: false,
  crimeTransferDecision: null,
  discretion: { itemHasTiers: true, tier: { level: 'general', penaltyTypes: ['fine', 'warning'], fineMin: 1000, fineMax: 10_000 }, justification: null },
  decisionKind: 'penalty',
  decidedOn: null,
  decisionServedOn: null,
  isPaymentDue: true,
  paymentCompletedOn: null,
  closingTriggerOn: null,
  ...over,
});

/** Day arithmetic for tests only (UTC day numbers; never through the local zone). */
export const addDays = (date: string, n: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
