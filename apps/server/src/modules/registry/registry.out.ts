import { z } from 'zod';

/** Response schemas (→ OpenAPI). Kept beside the routes; inputs come from @zhifa/domain. */
const common = {
  published: z.boolean(),
  withdrawnAt: z.string().nullable(),
  withdrawReason: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
};

export const RegionOut = z.object({ code: z.string(), name: z.string(), level: z.number().int(), parentCode: z.string().nullable(), path: z.string(), ...common });

export const SubjectOut = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  uscc: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  kind: z.string(),
  form: z.string(),
  sector: z.string(),
  legalBasis: z.string(),
  supervisingBureauId: z.string().nullable(),
  status: z.string(),
  statusReason: z.string().nullable(),
  allowedActions: z.array(z.string()),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  officeHours: z.string().nullable(),
  complaintPhone: z.string().nullable(),
  absorbedPowers: z.array(z.object({ fromSubjectId: z.string().nullish(), fromName: z.string(), sector: z.string(), scope: z.string() })),
  ...common,
});

export const EntrustmentOut = z.object({
  id: z.string(),
  kind: z.string(),
  principalId: z.string(),
  principalName: z.string().nullable(),
  agentId: z.string(),
  agentName: z.string().nullable(),
  matters: z.array(z.object({ itemId: z.string().nullish(), description: z.string() })),
  powers: z.string(),
  agreementNo: z.string(),
  agreementTitle: z.string(),
  signedOn: z.string(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  status: z.string(),
  statusReason: z.string().nullable(),
  allowedActions: z.array(z.string()),
  ...common,
});

export const CertificateOut = z.object({
  id: z.string(),
  officerId: z.string(),
  number: z.string(),
  credentialType: z.string(),
  categories: z.array(z.string()),
  areaCode: z.string(),
  issuedBy: z.string(),
  issuedOn: z.string(),
  expiresOn: z.string(),
  lastReviewedOn: z.string().nullable(),
  status: z.string(),
  effectiveStatus: z.string().describe('status on today\'s date: an active certificate past expiry is "expired"'),
  statusReason: z.string().nullable(),
  suspendedUntil: z.string().nullable(),
  allowedActions: z.array(z.string()),
  ...common,
});

export const OfficerOut = z.object({
  id: z.string(),
  name: z.string(),
  idNumberMasked: z.string(),
  idNumber: z.string().optional().describe('full ID number: system administrators only'),
  gender: z.string(),
  birthDate: z.string(),
  agencyId: z.string(),
  agencyName: z.string().nullable(),
  post: z.string(),
  personnelType: z.string(),
  phone: z.string().nullable(),
  education: z.string().nullable(),
  hasLegalQualification: z.boolean(),
  legalQualificationNo: z.string().nullable(),
  isLegalReviewer: z.boolean(),
  onDuty: z.boolean(),
  photoBlob: z.string().nullable(),
  certificateSummary: z
    .object({
      id: z.string(),
      number: z.string(),
      status: z.string(),
      expiresOn: z.string(),
      categories: z.array(z.string()),
      areaCode: z.string(),
      reviewDueOn: z.string().describe('next certificate review (审验) date from the rule profile\'s review cycle'),
      reviewOverdue: z.boolean(),
    })
    .nullable(),
  trainingYear: z.number().int(),
  trainingHoursThisYear: z.number(),
  requiredTrainingHours: z.number(),
  trainingShortfall: z.boolean(),
  ...common,
});

export const OfficerDetailOut = OfficerOut.extend({
  certificates: z.array(CertificateOut),
  trainings: z.array(z.object({ id: z.string(), year: z.number(), heldOn: z.string(), title: z.string(), hours: z.number(), organiser: z.string().nullable(), createdAt: z.string() })),
  trainingByYear: z.array(z.object({ year: z.number(), hours: z.number(), required: z.number(), shortfall: z.boolean() })),
  assessments: z.array(z.object({ id: z.string(), kind: z.string(), heldOn: z.string(), result: z.string(), score: z.number().nullable(), note: z.string().nullable(), createdAt: z.string() })),
});

const money = z.number().nullish();
export const ItemOut = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  category: z.string(),
  sector: z.string(),
  subjectIds: z.array(z.string()),
  subjectNames: z.array(z.string()),
  legalBasis: z.array(z.object({ law: z.string(), article: z.string(), version: z.string(), effectiveFrom: z.string(), effectiveTo: z.string().nullish(), text: z.string().optional() })),
  avRequirements: z.record(z.string(), z.string()),
  randomInspection: z.boolean(),
  majorCriteria: z.object({ penaltyTypes: z.array(z.string()), fineAtLeast: money, confiscationAtLeast: money, other: z.array(z.string()) }).nullable(),
  hearingThresholds: z.object({ fineIndividualAtLeast: money, fineOrganisationAtLeast: money, confiscationAtLeast: money, penaltyTypes: z.array(z.string()) }).nullable(),
  serviceGuide: z
    .object({ conditions: z.string(), materials: z.array(z.string()), timeLimitDays: z.number().nullish(), timeLimitDayType: z.string().nullish(), fees: z.string(), office: z.string().optional() })
    .nullable(),
  flowchart: z.array(z.object({ step: z.string(), description: z.string().optional() })),
  discretionTiers: z.array(
    z.object({ level: z.string(), circumstance: z.string(), penaltyTypes: z.array(z.string()), fineMin: money, fineMax: money, description: z.string().optional() }),
  ),
  exemptions: z.array(z.object({ kind: z.string(), circumstance: z.string(), conditions: z.string() })),
  status: z.string(),
  ...common,
});

export const RuleProfileOut = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  regionCode: z.string().nullable(),
  sector: z.string().nullable(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  params: z.record(z.string(), z.unknown()),
  note: z.string().nullable(),
  ...common,
});

export const HistoryOut = z.array(
  z.object({
    id: z.number(),
    occurredAt: z.date().or(z.string()),
    actorId: z.string().nullable(),
    actorRole: z.string().nullable(),
    actorName: z.string().nullable(),
    entityType: z.string(),
    entityId: z.string(),
    action: z.string(),
    before: z.unknown(),
    after: z.unknown(),
    reason: z.string().nullable(),
  }),
);
