import { PENALTY_TYPES, type PenaltyType } from '@zhifa/domain';
import type { registryTables } from '../registry/index.ts';
import type { StoredCaseFacts } from './cases.schema.ts';

type ItemRow = (typeof registryTables.items)['$inferSelect'];

/**
 * The facts of a new penalty lead (线索): what the opener states, and every later step's fact still empty. One place for
 * both ways a lead starts — opened by an officer (CaseService.open) and received by transfer (openReceivedCase).
 */
export function newLeadFacts(x: {
  partyType: StoredCaseFacts['partyType'];
  item: Pick<ItemRow, 'sector' | 'majorCriteria' | 'discretionTiers'>;
  placePath: string;
  officerIds: readonly string[];
  violation: StoredCaseFacts['violation'];
  involvesLifeHealthOrFinancialSafety: boolean;
  hasHarmfulConsequences: boolean;
  isSuspectedCrime: boolean;
  discoveredOn: string;
}): StoredCaseFacts {
  const mc = x.item.majorCriteria;
  return {
    partyType: x.partyType,
    sector: x.item.sector,
    placePath: x.placePath,
    officerIds: [...new Set(x.officerIds)],
    reviewerId: null,
    violation: x.violation,
    involvesLifeHealthOrFinancialSafety: x.involvesLifeHealthOrFinancialSafety,
    hasHarmfulConsequences: x.hasHarmfulConsequences,
    reviewPassedOn: null,
    isFlaggedMajor: false,
    majorCriteria: mc ? { penaltyTypes: mc.penaltyTypes.filter((t): t is PenaltyType => (PENALTY_TYPES as string[]).includes(t)), fineAtLeast: mc.fineAtLeast ?? null } : null,
    proposed: null,
    notified: null,
    statementWaiverSignedOn: null,
    hearingRequestedOn: null,
    hearingHeldOn: null,
    isCollectiveDiscussionRequired: false,
    collectiveDiscussionOn: null,
    isSuspectedCrime: x.isSuspectedCrime,
    crimeTransferDecision: null,
    discretion: { itemHasTiers: x.item.discretionTiers.length > 0, tier: null, justification: null },
    decisionKind: null,
    paymentCompletedOn: null,
    discoveredOn: x.discoveredOn,
    filedOn: null,
    decisionExtensionApproved: false,
    pauses: [],
    noticeServedOn: null,
    hearingNoticeSentOn: null,
    decidedOn: null,
    decisionServedOn: null,
    isPaymentDue: false,
    closingTriggerOn: null,
    suspendedFrom: null,
  };
}
