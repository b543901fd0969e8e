export interface DecisionItem {
  id: string;
  title: string;
  agencyId: string;
  agencyName: string;
  regionName: string | null;
  category: string;
  decisionNo: string | null;
  partyName: string;
  itemName: string;
  result: string;
  decidedOn: string;
  publishedOn: string;
}
export interface DecisionPage {
  items: DecisionItem[];
  total: number;
  totalIsCapped: boolean;
  page: number;
  pageSize: number;
}
export interface DecisionDetail extends DecisionItem {
  partyType: string;
  partyCode: string | null;
  facts: string;
  legalBasis: string;
  penaltyTypes: string[];
  fineAmount: number | null;
  displayUntil: string;
  displayEnded: boolean;
  contentHash: string;
  supersedes: string | null;
  supersededBy: string | null;
  withdrawal: { reasonCode: string; publicReason: string; withdrawnAt: string } | null;
}
export interface Listed<T> {
  items: T[];
  lastUpdated: string | null;
  total?: number;
  page?: number;
  pageSize?: number;
}
