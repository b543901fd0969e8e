/**
 * Duplicate cases across agencies (domain-rules AP1: 同一当事人、同一违法行为; 行政处罚法 Art.25, Art.29 一事不二罚):
 * the same party with the same kind of act (same item, or same sector) committed within a window of days, filed by
 * different agencies. The first to file takes jurisdiction (Art.25 para 1); a dispute goes to designation.
 */
export interface CaseDuplicateCandidate {
  caseId: string;
  agencyId: string;
  partyId: string | null;
  itemId: string;
  sector: string;
  violationOn: string;
}

const dayNo = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

/** Whether two cases look like the same act of the same party in different agencies. */
export function isPossibleDuplicate(a: CaseDuplicateCandidate, b: CaseDuplicateCandidate, windowDays: number): boolean {
  if (a.caseId === b.caseId || a.agencyId === b.agencyId || !a.partyId || a.partyId !== b.partyId) return false;
  if (a.itemId !== b.itemId && a.sector !== b.sector) return false;
  return Math.abs(dayNo(a.violationOn) - dayNo(b.violationOn)) <= windowDays;
}
