import type { CaseDeadline, CaseRefusal } from '../../api/types.ts';

/** GET /licensing/applications/:id (apps/server licensing.routes.ts ApplicationOut). */
export interface LicenceApplication {
  id: string;
  applicationNo: string;
  itemId: string;
  itemName: string;
  itemCode: string;
  agencyId: string;
  agencyName: string;
  status: string;
  statusZh: string;
  partyId: string;
  applicant: { type: 'individual' | 'organisation'; name: string; idNumber?: string; uscc?: string; address?: string | null; phone?: string | null };
  facts: {
    receivedOn: string;
    requiredMaterials: string[];
    submittedMaterials: string[];
    supplementNotices: { servedOn: string; missingItems: string[] }[];
    acceptedOn: string | null;
    notAccepted: { decidedOn: string; reason: string; explanation: string; referralAgency: string | null } | null;
    isJointHandling: boolean;
    needsSubstantiveVerification: boolean;
    involvesOthersMajorInterests: boolean;
    isHearingRequired: boolean;
    extensions: { approvedOn: string; approvedBy: string | null; reasons: string; reasonsToldOn: string | null }[];
    exclusions: { kind: string; from: string; to: string | null; toldInWritingOn: string | null }[];
    hearingRightsNotifiedOn: string | null;
    hearingRequestedOn: string | null;
    hearingDate: string | null;
    hearingHeldOn: string | null;
    decision: { kind: 'grant' | 'refuse'; decidedOn: string; reasons: string; remediesStated: boolean } | null;
    certificateIssuedOn: string | null;
  };
  content: {
    licence?: { certificateNo: string; validFrom: string; expiresOn: string | null; issuedOn: string };
    renewal?: { appliedOn: string; decision: { decidedOn: string; isGranted: boolean; reasons: string } | null };
    withdrawal?: { on: string; reason: string };
    reasons?: { action: string; reason: string; on: string }[];
    grantConditions?: string;
  };
  missingMaterials: string[];
  intake: { state: string; dueOn: string; acceptedFrom: string | null; flags: string[] };
  reviewers: { id: string; name: string }[];
  verifiers: { id: string; name: string }[];
  presider: { id: string; name: string } | null;
  bans: { itemId: string; kind: string; decidedOn: string; isSafetyRelated: boolean }[];
  renewal: { state: string; applyBy: string; decideBy: string; citation: string; appliedOn: string | null; decision: Record<string, unknown> | null } | null;
  deadlines: CaseDeadline[];
  availableActions: string[];
  refusedActions: { action: string; refusals: CaseRefusal[] }[];
  notices: { kind?: string; message?: string; messageZh?: string; citation?: string }[];
  version: number;
  today: string;
  createdAt: string;
  updatedAt: string;
  verificationCode?: string;
}

export interface LicensingEvent {
  id: number;
  seq: number;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actorName: string | null;
  actorRole: string;
  payload: Record<string, unknown>;
  occurredAt: string;
}

export interface LicensingTodo {
  applicationId: string;
  applicationNo: string;
  applicantName: string;
  itemName: string;
  status: string;
  statusZh: string;
  nextActions: string[];
  dueOn: string | null;
  deadlineLabelZh: string | null;
  daysLeft: number | null;
  overdue: boolean;
}

export interface LicensingBan {
  id: string;
  partyName: string | null;
  itemName: string;
  kind: string;
  decidedOn: string;
  isSafetyRelated: boolean;
  reason: string;
  applicationId: string | null;
  createdAt: string;
}
