import { z } from 'zod';
import { validateIdNumber } from '../validation/id-number.ts';
import { validateRegionCode } from '../validation/region-code.ts';
import { validateUscc } from '../validation/uscc.ts';
import {
  AV_STAGES,
  CredentialType,
  EntrustmentKind,
  ITEM_CATEGORIES,
  PENALTY_TYPES,
  PersonnelType,
  SECTOR_CODES,
  SubjectForm,
  SubjectKind,
} from './enums.ts';

/**
 * Input schemas of the registries. One definition serves the API (Zod → OpenAPI), the Excel import (each row goes
 * through the same schema, so an imported row is exactly as valid as a typed one) and the web forms.
 * Check digits are refinements so their failure is a field error on the right field.
 */
const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max).nullish().transform((v) => (v ? v : null));

export const RegionCodeSchema = z.string().superRefine((v, ctx) => {
  const r = validateRegionCode(v);
  if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message, params: { messageZh: r.messageZh } });
});

/** GB 32100-2015 unified social credit code; the check character is verified (field error otherwise). */
export const UsccSchema = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((v, ctx) => {
    const r = validateUscc(v);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message, params: { messageZh: r.messageZh, reason: r.reason } });
  });

/** GB 11643-1999 citizen ID number; the check digit and birth date are verified. */
export const IdNumberSchema = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((v, ctx) => {
    const r = validateIdNumber(v);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message, params: { messageZh: r.messageZh, reason: r.reason } });
  });

const sector = z.enum(SECTOR_CODES as [string, ...string[]]);
const money = z.number().nonnegative().max(1e12);

export const RegionInput = z.object({
  code: RegionCodeSchema,
  name: text(64),
  level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  parentCode: z.string().nullish().transform((v) => v ?? null),
});
export type RegionInput = z.infer<typeof RegionInput>;
export const RegionPatch = z.object({ name: text(64).optional() });

export const AbsorbedPowerInput = z.object({
  fromSubjectId: z.uuid().nullish(),
  fromName: text(100),
  sector,
  scope: text(500),
});

export const SubjectInput = z.object({
  name: text(100),
  shortName: optText(50),
  uscc: UsccSchema,
  regionCode: RegionCodeSchema,
  kind: z.enum(Object.values(SubjectKind) as [SubjectKind, ...SubjectKind[]]),
  form: z.enum(Object.values(SubjectForm) as [SubjectForm, ...SubjectForm[]]),
  sector,
  legalBasis: text(2000),
  supervisingBureauId: z.uuid().nullish().transform((v) => v ?? null),
  address: optText(200),
  phone: optText(40),
  officeHours: optText(100),
  complaintPhone: optText(40),
  absorbedPowers: z.array(AbsorbedPowerInput).max(50).default([]),
});
export type SubjectInput = z.infer<typeof SubjectInput>;
export const SubjectPatch = SubjectInput.partial();

export const EntrustmentInput = z
  .object({
    kind: z.enum(Object.values(EntrustmentKind) as [EntrustmentKind, ...EntrustmentKind[]]),
    principalId: z.uuid(),
    agentId: z.uuid(),
    matters: z.array(z.object({ itemId: z.uuid().nullish(), description: text(500) })).min(1).max(500),
    powers: text(2000),
    agreementNo: text(100),
    agreementTitle: text(200),
    signedOn: isoDate,
    startsOn: isoDate,
    endsOn: isoDate.nullish().transform((v) => v ?? null),
  })
  .refine((e) => e.principalId !== e.agentId, { path: ['agentId'], message: 'principal and agent must differ' })
  .refine((e) => !e.endsOn || e.endsOn >= e.startsOn, { path: ['endsOn'], message: 'ends before it starts' });
export type EntrustmentInput = z.infer<typeof EntrustmentInput>;

export const OfficerInput = z.object({
  name: text(50),
  idNumber: IdNumberSchema,
  agencyId: z.uuid(),
  post: text(50),
  personnelType: z.enum(Object.values(PersonnelType) as [PersonnelType, ...PersonnelType[]]),
  phone: optText(20),
  education: optText(50),
  hasLegalQualification: z.boolean().default(false),
  legalQualificationNo: optText(50),
  isLegalReviewer: z.boolean().default(false),
  onDuty: z.boolean().default(true),
});
export type OfficerInput = z.infer<typeof OfficerInput>;
export const OfficerPatch = OfficerInput.partial();

export const CertificateInput = z
  .object({
    number: z.string().trim().regex(/^[0-9A-Za-z-]{6,32}$/, 'certificate number: 6–32 letters, digits or -'),
    credentialType: z.enum(Object.values(CredentialType) as [CredentialType, ...CredentialType[]]).default('enforcement'),
    categories: z.array(sector).min(1).max(20),
    areaCode: RegionCodeSchema,
    issuedBy: text(100),
    issuedOn: isoDate,
    expiresOn: isoDate,
    lastReviewedOn: isoDate.nullish().transform((v) => v ?? null),
  })
  .refine((c) => c.expiresOn > c.issuedOn, { path: ['expiresOn'], message: 'expiry must be after issue' });
export type CertificateInput = z.infer<typeof CertificateInput>;

export const TrainingInput = z.object({
  heldOn: isoDate,
  title: text(200),
  hours: z.number().positive().max(500),
  organiser: optText(100),
});
export type TrainingInput = z.infer<typeof TrainingInput>;
export const AssessmentInput = z.object({
  kind: z.enum(['exam', 'review', 'annual']),
  heldOn: isoDate,
  result: z.enum(['pass', 'fail', 'excellent', 'basic_pass']),
  score: z.number().min(0).max(100).nullish().transform((v) => v ?? null),
  note: optText(500),
});
export type AssessmentInput = z.infer<typeof AssessmentInput>;

export const LegalBasisInput = z
  .object({
    law: text(200),
    article: text(100),
    version: text(50),
    effectiveFrom: isoDate,
    effectiveTo: isoDate.nullish().transform((v) => v ?? null),
    text: z.string().max(4000).optional(),
  })
  .refine((b) => !b.effectiveTo || b.effectiveTo > b.effectiveFrom, { path: ['effectiveTo'], message: 'must be after effectiveFrom' });

const penaltyType = z.enum(PENALTY_TYPES as [string, ...string[]]);

export const DiscretionTierInput = z
  .object({
    level: z.enum(['exempt', 'light', 'general', 'serious']),
    circumstance: text(1000),
    penaltyTypes: z.array(penaltyType).min(1),
    fineMin: money.nullish().transform((v) => v ?? null),
    fineMax: money.nullish().transform((v) => v ?? null),
    description: z.string().max(2000).optional(),
  })
  .refine((t) => t.fineMin == null || t.fineMax == null || t.fineMin <= t.fineMax, { path: ['fineMax'], message: 'fineMax below fineMin' });

export const ItemInput = z.object({
  code: z.string().trim().regex(/^[0-9A-Za-z_.-]{3,40}$/, 'item code: 3–40 letters, digits, _ . -'),
  name: text(200),
  category: z.enum(ITEM_CATEGORIES as [string, ...string[]]),
  sector,
  subjectIds: z.array(z.uuid()).min(1).max(50),
  legalBasis: z.array(LegalBasisInput).min(1, 'an enforcement item needs a legal basis (纲要 §(十五))').max(50),
  avRequirements: z.partialRecord(z.enum(AV_STAGES as [string, ...string[]]), z.enum(['required', 'optional'])).default({}),
  randomInspection: z.boolean().default(false),
  majorCriteria: z
    .object({
      penaltyTypes: z.array(penaltyType).default([]),
      fineAtLeast: money.nullish(),
      confiscationAtLeast: money.nullish(),
      other: z.array(text(500)).default([]),
    })
    .nullish()
    .transform((v) => v ?? null),
  hearingThresholds: z
    .object({
      fineIndividualAtLeast: money.nullish(),
      fineOrganisationAtLeast: money.nullish(),
      confiscationAtLeast: money.nullish(),
      penaltyTypes: z.array(penaltyType).default([]),
    })
    .nullish()
    .transform((v) => v ?? null),
  serviceGuide: z
    .object({
      conditions: z.string().max(4000).default(''),
      materials: z.array(text(300)).default([]),
      timeLimitDays: z.number().int().positive().max(3650).nullish(),
      timeLimitDayType: z.enum(['WORKING', 'CALENDAR']).nullish(),
      fees: z.string().max(1000).default(''),
      office: z.string().max(300).optional(),
    })
    .nullish()
    .transform((v) => v ?? null),
  flowchart: z.array(z.object({ step: text(100), description: z.string().max(1000).optional() })).max(50).default([]),
  discretionTiers: z.array(DiscretionTierInput).max(50).default([]),
  exemptions: z
    .array(z.object({ kind: z.enum(['first_violation', 'minor']), circumstance: text(1000), conditions: text(1000) }))
    .max(50)
    .default([]),
});
export type ItemInput = z.infer<typeof ItemInput>;
export const ItemPatch = ItemInput.partial();

export const RuleProfileInput = z
  .object({
    code: z.string().trim().regex(/^[a-z0-9_.-]{2,60}$/),
    name: text(100),
    regionCode: z.string().nullish().transform((v) => v ?? null),
    sector: sector.nullish().transform((v) => v ?? null),
    effectiveFrom: isoDate,
    effectiveTo: isoDate.nullish().transform((v) => v ?? null),
    params: z.record(z.string(), z.unknown()),
    note: optText(1000),
  })
  .refine((p) => !p.effectiveTo || p.effectiveTo > p.effectiveFrom, { path: ['effectiveTo'], message: 'must be after effectiveFrom' });
export type RuleProfileInput = z.infer<typeof RuleProfileInput>;

export const CalendarYearInput = z.object({
  source: text(300),
  entries: z.array(z.object({ date: isoDate, kind: z.enum(['holiday', 'workday']), name: text(50) })).max(200),
});
