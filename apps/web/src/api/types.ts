/** Response shapes of the /api/v1 routes (server: modules/<name>/<name>.routes.ts and registry.out.ts). */
import type { Role } from '@zhifa/domain';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Common {
  published: boolean;
  withdrawnAt: string | null;
  withdrawReason: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role | null;
  status: string;
  agencyId: string | null;
  /** Present in account lists (the server resolves it, as the security administrator cannot read registries). */
  agencyName?: string | null;
  regionCode: string;
  officerId: string | null;
  lockedUntil: string | null;
  failedLogins: number;
  mustChangePassword: boolean;
  locale: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Scope {
  kind: 'agency' | 'region';
  agencyId: string | null;
  regionCode: string;
  regionPath: string;
}

export interface Me {
  user: User;
  permissions: string[];
  scope: Scope;
  mustChangePassword: boolean;
}

export interface Region extends Common {
  code: string;
  name: string;
  level: number;
  parentCode: string | null;
  path: string;
}

export interface AbsorbedPower {
  fromSubjectId?: string | null;
  fromName: string;
  sector: string;
  scope: string;
}

export interface Subject extends Common {
  id: string;
  name: string;
  shortName: string | null;
  uscc: string | null;
  regionCode: string;
  regionName: string | null;
  kind: string;
  form: string;
  sector: string;
  legalBasis: string;
  supervisingBureauId: string | null;
  status: string;
  statusReason: string | null;
  allowedActions: string[];
  address: string | null;
  phone: string | null;
  officeHours: string | null;
  complaintPhone: string | null;
  absorbedPowers: AbsorbedPower[];
}

export interface Entrustment extends Common {
  id: string;
  kind: string;
  principalId: string;
  principalName: string | null;
  agentId: string;
  agentName: string | null;
  matters: { itemId?: string | null; description: string }[];
  powers: string;
  agreementNo: string;
  agreementTitle: string;
  signedOn: string;
  startsOn: string;
  endsOn: string | null;
  status: string;
  statusReason: string | null;
  allowedActions: string[];
}

export interface Certificate extends Common {
  id: string;
  officerId: string;
  number: string;
  credentialType: string;
  categories: string[];
  areaCode: string;
  issuedBy: string;
  issuedOn: string;
  expiresOn: string;
  lastReviewedOn: string | null;
  status: string;
  /** Status on today's date: an active certificate past expiry is "expired". */
  effectiveStatus: string;
  statusReason: string | null;
  suspendedUntil: string | null;
  allowedActions: string[];
}

export interface CertificateSummary {
  id?: string;
  number: string;
  status: string;
  expiresOn: string;
  categories?: string[];
  areaCode?: string;
}

export interface Officer extends Common {
  id: string;
  name: string;
  idNumberMasked: string;
  /** Full ID number: only present for administrators. */
  idNumber?: string;
  gender: string;
  birthDate: string;
  agencyId: string;
  agencyName: string | null;
  post: string;
  personnelType: string;
  phone: string | null;
  education?: string | null;
  hasLegalQualification: boolean;
  legalQualificationNo: string | null;
  isLegalReviewer: boolean;
  onDuty: boolean;
  photoBlob?: string | null;
  certificateSummary: CertificateSummary | null;
  trainingYear?: number;
  trainingHoursThisYear: number;
  requiredTrainingHours: number;
  trainingShortfall: boolean;
}

export interface Training {
  id: string;
  year: number;
  heldOn: string;
  title: string;
  hours: number;
  organiser: string | null;
  createdAt: string;
}
export interface Assessment {
  id: string;
  kind: string;
  heldOn: string;
  result: string;
  score: number | null;
  note: string | null;
  createdAt: string;
}

export interface OfficerDetail extends Officer {
  certificates: Certificate[];
  trainings: Training[];
  trainingByYear: { year: number; hours: number; required: number; shortfall: boolean }[];
  assessments: Assessment[];
}

export interface LegalBasis {
  law: string;
  article: string;
  version: string;
  effectiveFrom: string;
  effectiveTo?: string | null;
  text?: string;
}
export interface MajorCriteria {
  penaltyTypes: string[];
  fineAtLeast?: number | null;
  confiscationAtLeast?: number | null;
  other: string[];
}
export interface HearingThresholds {
  fineIndividualAtLeast?: number | null;
  fineOrganisationAtLeast?: number | null;
  confiscationAtLeast?: number | null;
  penaltyTypes: string[];
}
export interface ServiceGuide {
  conditions: string;
  materials: string[];
  timeLimitDays?: number | null;
  timeLimitDayType?: string | null;
  fees: string;
  office?: string;
}
export interface DiscretionTier {
  level: string;
  circumstance: string;
  penaltyTypes: string[];
  fineMin?: number | null;
  fineMax?: number | null;
  description?: string;
}
export interface Exemption {
  kind: string;
  circumstance: string;
  conditions: string;
}

export interface Item extends Common {
  id: string;
  code: string;
  name: string;
  category: string;
  sector: string;
  subjectIds: string[];
  subjectNames: string[];
  legalBasis: LegalBasis[];
  avRequirements: Record<string, string>;
  randomInspection: boolean;
  majorCriteria: MajorCriteria | null;
  hearingThresholds: HearingThresholds | null;
  serviceGuide: ServiceGuide | null;
  flowchart: { step: string; description?: string }[];
  discretionTiers: DiscretionTier[];
  exemptions: Exemption[];
  status: string;
}

export interface RuleProfile extends Common {
  id: string;
  code: string;
  name: string;
  regionCode: string | null;
  sector: string | null;
  effectiveFrom: string;
  effectiveTo: string | null;
  params: Record<string, unknown>;
  note: string | null;
}

export interface RuleKey {
  key: string;
  type: string;
  default: unknown;
  unit?: string;
  citation: string;
  tag: string;
  zh: string;
  en: string;
}

export interface ResolvedRules {
  values: Record<string, unknown>;
  sources: Record<string, { profileId: string | null; profileCode: string }>;
}

export interface CalendarYearSummary {
  year: number;
  source: string;
  version?: number;
  entries: number;
}
export interface CalendarEntry {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
}
export interface CalendarYear {
  year: number;
  source: string;
  version: number;
  entries: CalendarEntry[];
}

export interface ChangeEvent {
  id: number;
  occurredAt: string;
  actorId: string | null;
  actorRole: string | null;
  actorName: string | null;
  requestId?: string | null;
  entityType: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
  reason: string | null;
  /** The event's leaf in the tamper-evident log (audit administrator's list). */
  leafHash?: string | null;
}

export interface SecurityEvent {
  id: number;
  occurredAt: string;
  kind: string;
  userId: string | null;
  username: string | null;
  actorId: string | null;
  actorRole: string | null;
  ip: string | null;
  detail: unknown;
}

export type ImportKind = 'regions' | 'subjects' | 'officers' | 'items';
export type ImportStatus = 'queued' | 'validating' | 'writing' | 'succeeded' | 'failed';
export interface ImportRowError {
  sheet?: string;
  row: number;
  column: string;
  message: string;
  messageZh: string;
}
export interface ImportJob {
  id: string;
  kind: string;
  fileName?: string;
  status: ImportStatus;
  totalRows: number | null;
  processedRows: number;
  phase: string | null;
  errors: ImportRowError[] | null;
  summary: Record<string, unknown> | null;
  createdAt?: string;
  finishedAt?: string | null;
}

export interface RegistryStats {
  subjects: number;
  officers: number;
  officersByCertificateStatus: Record<string, number>;
  items: number;
  itemsByCategory: Record<string, number>;
  trainingShortfall: number;
}

export interface SecuritySettings {
  passwordPolicy: { minLength: number; minClasses: number; maxAgeDays: number; historyCount: number };
  lockoutThreshold: number;
  lockoutMinutes: number;
  idleTimeoutMinutes: number;
  version: number;
}

// ---- cases (modules/cases/cases.routes.ts) ----------------------------------------------------------------------------
// Some fields arrive with the second server slice (names, deadlines, documents); they are optional here so a page
// degrades to ids and dashes instead of breaking when one is absent.

/** A guard's refusal as the server returns it (domain `Refusal`). */
export interface CaseRefusal {
  code: string;
  message: string;
  messageZh: string;
  citation?: string;
  details?: Record<string, unknown>;
}

export type CaseParty =
  | { type: 'individual'; name: string; idNumber: string; address?: string | null; phone?: string | null }
  | { type: 'organisation'; name: string; uscc: string; legalRepresentative?: string | null; address?: string | null; phone?: string | null };

export interface CasePersonRef {
  id: string;
  name: string;
  certificateNo: string | null;
}

export interface CaseDeadline {
  key: string;
  labelZh: string;
  labelEn: string;
  start?: string;
  dueOn: string;
  dayType: 'working' | 'natural';
  length?: number;
  citation: string;
  pausedDays?: number;
  state: 'running' | 'met' | 'overdue' | 'paused' | 'ended';
  /** The due date lies in a year whose holiday notice is not entered yet: an estimate over weekends only. */
  calendarProvisional?: boolean;
  daysLeft: number;
}

export interface CaseDocument {
  id: string;
  kind: string;
  titleZh: string;
  titleEn: string;
  number: string | null;
  createdAt: string;
  issuedAt?: string;
  sha256?: string;
}

export interface PenaltyContentOut {
  types: string[];
  fineAmount: number | null;
}

/** The guard facts the server keeps (StoredCaseFacts); only what the pages read is typed. */
export interface CaseFacts {
  partyType?: 'individual' | 'organisation';
  officerIds?: string[];
  reviewerId?: string | null;
  violation?: { committedOn: string; endedOn: string | null; isContinuing: boolean };
  discoveredOn?: string | null;
  filedOn?: string | null;
  proposed?: PenaltyContentOut | null;
  notified?: PenaltyContentOut | null;
  discretion?: { itemHasTiers: boolean; tier: { level: string; fineMin: number | null; fineMax: number | null } | null; justification: string | null };
  decisionKind?: 'penalty' | 'no_penalty' | null;
  reviewPassedOn?: string | null;
  noticeServedOn?: string | null;
  decidedOn?: string | null;
  decisionServedOn?: string | null;
  paymentCompletedOn?: string | null;
  isSuspectedCrime?: boolean;
  involvesLifeHealthOrFinancialSafety?: boolean;
  hasHarmfulConsequences?: boolean;
  suspendedFrom?: string | null;
  [key: string]: unknown;
}

export interface ReviewChecklistEntry {
  key: string;
  result: 'pass' | 'fail' | 'not_applicable';
  comment?: string;
}

/** The narrative the steps add (事实认定, 证据, 依据, 审核意见, 送达, 缴款). */
export interface CaseContent {
  findings?: string;
  evidenceSummary?: string[];
  legalBasis?: string;
  penaltyBasis?: string;
  review?: { outcome: string; opinion: string; checklist: ReviewChecklistEntry[]; reviewerId: string | null; on: string };
  services?: { documentId: string; kind: string; method: string; servedOn: string }[];
  payments?: { amount: number; reference: string | null; paidOn: string; method?: string; receiptNo?: string; isFinal?: boolean }[];
  reasons?: { action: string; reason: string; on: string }[];
  /** The inspection whose result opened the case (行政处罚法 Art.54). */
  origin?: { kind: 'inspection'; id: string };
}

/** 执行: the account as of the server's today (行政处罚法 Art.66–72; 行政强制法 Art.53–54). */
export interface CaseExecution {
  principal: number;
  dueOn: string;
  finalDueOn: string;
  overduePrincipal: number;
  surcharge: number;
  surchargeCapped: boolean;
  lateDays: number;
  paid: number;
  balance: number;
  isSettled: boolean;
  asOf: string;
  payments: { amount: number; paidOn: string; method: string; reference: string | null; onSiteGround?: string | null; receiptNo?: string | null }[];
  schedules: { kind: string; appliedOn: string; approvedOn: string; entries: { dueOn: string; amount: number }[] }[];
  surchargePauses: { reason: string; from: string; to: string | null }[];
  reminderServedOn: string | null;
  courtApplicationOn: string | null;
  courtWindow: { remedyWindowEndsOn: string; opensAfter: string; closesOn: string; reminderWaitEndsOn: string | null };
  calendarProvisional: boolean;
}

export interface CaseReviewSignoff {
  signerOfficerId: string;
  signerUserId: string;
  signerName: string;
  opinion: string;
  on: string;
  at: string;
}
export interface CaseReviewChain {
  chainCode: string;
  chainZh: string;
  chainVersion: number | null;
  citation: string | null;
  round: number;
  levels: { key: string; zh: string; en: string; signers: string[]; isLegalReview: boolean; signoff: CaseReviewSignoff | null }[];
  currentIndex: number | null;
  returned: { levelKey: string; signerOfficerId: string; signerName: string; reason: string; on: string } | null;
  passedOn: string | null;
  canSign: boolean;
  signRefusal: CaseRefusal | null;
  /** Inside the round: materials asked for (clock paused), the head's extension, a disagreement and its decision. */
  startedOn?: string | null;
  supplements?: { levelKey: string; requestedOn: string; requestedBy: string; materials: string; suppliedOn: string | null; suppliedNote: string | null }[];
  extension?: { approvedOn: string; approverName: string; days: number; reason: string } | null;
  dispute?: { levelKey: string; raisedOn: string; raisedByName: string; reason: string; decision: { on: string; deciderName: string; upheld: boolean; text: string } | null } | null;
  deadline?: { start: string; dueOn: string; length: number; dayType: 'working' | 'natural'; citation: string; pausedDays: number; isExtended: boolean; isAwaitingMaterials: boolean; state: 'running' | 'paused' | 'overdue'; calendarProvisional: boolean } | null;
}
/** An agency's review chain as the API returns it (GET /agencies/:id/review-chain). */
export interface AgencyReviewChain {
  agencyId: string;
  agencyName: string;
  chain: { code: string; zh: string; en: string; levels: { key: string; zh: string; en: string; signers: string[]; isLegalReview: boolean; when?: { isMajor?: boolean; fineAtLeast?: number; penaltyTypes?: string[]; hearingHeld?: boolean } | null }[]; citation?: string };
  version: number | null;
  isDefault: boolean;
  latestVersion: number | null;
  history: { version: number; code: string; zh: string; effectiveFrom: string; reason: string | null; createdBy: string; createdAt: string }[];
}

export interface PenaltyCase {
  id: string;
  /** The server's date in China (YYYY-MM-DD). */
  today?: string;
  caseNo: string | null;
  procedure: string;
  itemId: string;
  itemName?: string;
  itemCode?: string;
  agencyId: string;
  agencyName?: string;
  regionPath: string;
  sector: string;
  placePath: string;
  status: string;
  partyId?: string | null;
  party: CaseParty;
  facts: CaseFacts;
  content?: CaseContent;
  officers?: CasePersonRef[];
  reviewer?: CasePersonRef | null;
  /** The review chain round: levels, sign-offs, the level reviewing now, and whether I sign it. */
  reviewChain?: CaseReviewChain | null;
  isMajor?: boolean;
  hearingEntitled?: boolean;
  availableActions: string[];
  refusedActions: { action: string; refusals: CaseRefusal[] }[];
  notices: Record<string, unknown>[];
  deadlines?: CaseDeadline[];
  execution?: CaseExecution | null;
  documents?: CaseDocument[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface CaseEvent {
  id: number;
  caseId: string;
  seq: number;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actorId: string;
  actorName?: string | null;
  actorRole: string;
  payload: Record<string, unknown>;
  idempotencyKey: string | null;
  occurredAt: string;
}

export interface CaseTodo {
  caseId: string;
  caseNo: string | null;
  partyName: string;
  itemName: string;
  status: string;
  /** Why it is mine: I handle the case, or it was submitted to me for legal review. */
  role?: 'handler' | 'reviewer';
  nextActions: string[];
  dueOn: string | null;
  deadlineKey: string | null;
  deadlineLabelZh?: string | null;
  daysLeft: number | null;
  overdue: boolean;
}

export interface Party {
  id: string;
  type: 'individual' | 'organisation';
  name: string;
  /** ID number (masked) or unified social credit code. */
  identifier: string;
  address: string | null;
  legalRepresentative: string | null;
  phone: string | null;
  caseCount?: number;
  createdAt: string;
  updatedAt: string;
}

export interface PartyCase {
  id: string;
  caseNo: string | null;
  status: string;
  agencyId: string;
  agencyName?: string;
  itemId: string;
  itemName?: string;
  procedure: string;
  createdAt: string;
  decidedOn: string | null;
  decisionKind: 'penalty' | 'no_penalty' | null;
  proposed: PenaltyContentOut | null;
}

export interface PartyDetail {
  party: Party;
  cases: PartyCase[];
}
