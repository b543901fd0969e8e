import type { CaseDeadline, CaseRefusal } from '../../../api/types.ts';

type Party = { type: 'individual' | 'organisation'; name: string; idNumber?: string; uscc?: string; address?: string | null };
type Person = { id: string; name: string; certificateNo: string | null };
type Notice = { kind: string; message: string; messageZh: string; citation: string; details?: Record<string, unknown> };

/** GET /inspections/:id (inspections.routes.ts). */
export interface Inspection {
  id: string;
  itemId: string;
  itemName: string;
  itemCode: string;
  agencyId: string;
  agencyName: string;
  placeRegionCode: string;
  status: string;
  target: Party;
  facts: {
    legalBasis: string | null;
    isNoticeRequired: boolean;
    noticeSentOn: string | null;
    onSiteOn: string | null;
    officerIds: string[];
    inspectionsThisYear: number;
    approval: { approverId: string; isAgencyHead: boolean; approvedOn: string } | null;
    result: { outcome: string; findings: string[]; followUps: string[]; linkedCaseRequired: boolean } | null;
    resultRecordedOn: string | null;
    rectification: { items: string[]; dueOn: string; orderedOn: string | null; checkedOn: string | null; isRectified: boolean | null } | null;
    cancelReason: string | null;
  };
  content: { purpose?: string; plannedOn?: string; noticeMethod?: string; onSite?: { startedAt: string; place: string | null; notes: string | null }; resultNotes?: string };
  officers: Person[];
  linkedCase: { id: string; caseNo: string | null; status: string } | null;
  availableActions: string[];
  refusedActions: { action: string; refusals: CaseRefusal[] }[];
  notices: Notice[];
  deadlines: CaseDeadline[];
  version: number;
  today: string;
  updatedAt: string;
}

export interface InventoryLine {
  description: string;
  quantity: number;
  unit: string;
  note?: string | null;
  isRelatedToViolation: boolean;
  isLifeNecessity: boolean;
  isSealedElsewhere: boolean;
}

/** GET /coercive-measures/:id (coercion.routes.ts). */
export interface Measure {
  id: string;
  kind: 'seal' | 'seize' | 'freeze';
  itemId: string;
  itemName: string;
  itemCode: string;
  agencyName: string;
  status: string;
  party: Party;
  facts: {
    urgencyReason: string | null;
    emergency: { reportedAt: string | null } | null;
    execution: { startedAt: string } | null;
    headDecision: { decidedAt: string; isApproved: boolean; reason: string | null } | null;
    extensions: { approvedOn: string; days: number; reasons: string }[];
    testingPeriods: { kind: string; from: string; to: string | null; toldInWritingOn: string | null }[];
    disposition: { kind: string; decidedOn: string; releaseReason: string | null; penaltyDecisionRef: string | null; legalBasis: string | null } | null;
    freezeAmount: number | null;
  };
  inventory: InventoryLine[];
  content: { reasons?: string; legalBasis?: string; place?: string | null; account?: string | null };
  officers: Person[];
  caseId: string | null;
  linkedCase: { id: string; caseNo: string | null; status: string } | null;
  inspectionId: string | null;
  expiry: string;
  availableActions: string[];
  refusedActions: { action: string; refusals: CaseRefusal[] }[];
  notices: Notice[];
  deadlines: CaseDeadline[];
  version: number;
  today: string;
  now: string;
  updatedAt: string;
}
