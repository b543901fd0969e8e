import type { Rubric, ScoreMarks, SuggestedDeduction } from '@zhifa/domain';
export { useZhEn } from '../spot-checks/spot-checks.ts';

export interface Campaign {
  id: string;
  name: string;
  year: number;
  regionPath: string;
  agencyIds: string[];
  settings: { quota: { count?: number; rateBp?: number }; reviewerUserIds: string[]; externalReviewers: string[]; closedFrom: string; closedTo: string; rubricVersion: string; reviewersPerFile: number; spreadMargin: number; bands: { excellent: number; good: number; pass: number } };
  status: string;
  availableActions: string[];
  seedHex: string | null;
  sampledAt: string | null;
  reportIssuedOn: string | null;
  version: number;
  createdAt: string;
  view?: 'manager' | 'reviewer' | 'agency';
  objectionDueOn?: string | null;
}

export interface EvalFile {
  id: string;
  position: number;
  caseId: string;
  caseNo: string | null;
  title: string;
  agencyId: string;
  agencyName: string;
  status: string;
  score: number | null;
  grade: string | null;
  isSpreadFlagged: boolean;
  isVetoDisputed: boolean;
  reviewers: { assignmentId: string; name: string; reviewerUserId: string | null; status: string }[];
}

export interface AgencyResult {
  agencyId: string;
  agencyName: string;
  files: number;
  scored: number;
  averageScore: number | null;
  failCount: number;
  grades: Record<string, number>;
  mainProblems: { problem: string; count: number }[];
  rank: number;
}

export interface Report {
  campaign: Campaign;
  agencyCount: number;
  agencies: AgencyResult[];
  files: { id: string; position: number; caseNo: string | null; title: string; agencyId: string; agencyName: string; score: number | null; grade: string | null; status: string }[];
  flaggedOfficers: { officerId: string; name: string; failed: number }[];
  objectionDueOn: string | null;
}

export interface Sheet {
  id: number;
  kind: string;
  reviewerName: string;
  marks: ScoreMarks;
  comment: string;
  points: number;
  isVetoed: boolean;
  grade: string;
  sheetHash: string;
  submittedAt: string;
}

export interface ScoringView {
  assignment: { id: string; status: string; externalName: string | null };
  campaign: { id: string; name: string; status: string; bands: { excellent: number; good: number; pass: number } };
  file: { id: string; caseId: string; caseNo: string | null; title: string; suggestions: SuggestedDeduction[] };
  rubric: Rubric;
  case: { id: string; caseNo: string | null; status: string; agencyName: string; itemName: string; partyName: string; officers: string[]; documents: { id: string; kind: string; titleZh: string; number: string | null; issuedAt: string }[] };
  mySheet: Sheet | null;
}

export const CAMPAIGN_STATUS_COLORS: Record<string, string> = { planned: 'default', sampling: 'gold', scoring: 'blue', report: 'purple', objection: 'orange', closed: 'green', withdrawn: 'red' };
export const GRADE_COLORS: Record<string, string> = { excellent: 'green', good: 'blue', pass: 'gold', fail: 'red' };
