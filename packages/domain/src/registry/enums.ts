/** Registry vocabularies (清单). Labels are zh-CN first; GLOSSARY.md maps each to its legal term. */

export const RegionLevel = { PROVINCE: 1, CITY: 2, COUNTY: 3, TOWNSHIP: 4 } as const;
export type RegionLevel = (typeof RegionLevel)[keyof typeof RegionLevel];
export const REGION_LEVEL_LABELS: Record<RegionLevel, { zh: string; en: string }> = {
  1: { zh: '省', en: 'Province' },
  2: { zh: '市', en: 'City' },
  3: { zh: '县（区）', en: 'County' },
  4: { zh: '乡镇（街道）', en: 'Township / street' },
};

/** 执法主体类别 — 行政处罚法 Art.17–21: statutory agency, organisation authorised by law, entrusted organisation. */
export const SubjectKind = { STATUTORY: 'statutory', AUTHORISED: 'authorised', ENTRUSTED: 'entrusted' } as const;
export type SubjectKind = (typeof SubjectKind)[keyof typeof SubjectKind];
export const SUBJECT_KIND_LABELS: Record<SubjectKind, { zh: string; en: string }> = {
  statutory: { zh: '法定行政机关', en: 'Statutory agency' },
  authorised: { zh: '法律法规授权组织', en: 'Authorised organisation' },
  entrusted: { zh: '受委托组织', en: 'Entrusted organisation' },
};

/** Organisation form, orthogonal to the legal kind. */
export const SubjectForm = {
  AGENCY: 'agency',
  COMPREHENSIVE_TEAM: 'comprehensive_team',
  TOWNSHIP: 'township',
  JUSTICE_BUREAU: 'justice_bureau',
  OTHER: 'other',
} as const;
export type SubjectForm = (typeof SubjectForm)[keyof typeof SubjectForm];
export const SUBJECT_FORM_LABELS: Record<SubjectForm, { zh: string; en: string }> = {
  agency: { zh: '行政机关', en: 'Agency' },
  comprehensive_team: { zh: '综合行政执法队伍', en: 'Comprehensive enforcement team' },
  township: { zh: '乡镇（街道）', en: 'Township / street office' },
  justice_bureau: { zh: '司法行政机关', en: 'Justice bureau' },
  other: { zh: '其他', en: 'Other' },
};

/** Subject lifecycle: confirmed by government, announced to the public, revoked (纲要 §(十五); domain-rules LI1). */
export const SubjectStatus = { CONFIRMED: 'confirmed', ANNOUNCED: 'announced', REVOKED: 'revoked' } as const;
export type SubjectStatus = (typeof SubjectStatus)[keyof typeof SubjectStatus];
export const SubjectAction = { ANNOUNCE: 'announce', REVOKE: 'revoke' } as const;
export type SubjectAction = (typeof SubjectAction)[keyof typeof SubjectAction];
export const SUBJECT_TRANSITIONS = {
  confirmed: { announce: 'announced', revoke: 'revoked' },
  announced: { revoke: 'revoked' },
  revoked: {},
} as const satisfies Record<SubjectStatus, Partial<Record<SubjectAction, SubjectStatus>>>;

/** 执法事项类别 (issue: 许可, 处罚, 强制, 征收, 收费, 检查, 确认, 给付, 裁决, 奖励, 其他). */
export const ItemCategory = {
  LICENSING: 'licensing',
  PENALTY: 'penalty',
  COERCION: 'coercion',
  LEVY: 'levy',
  FEE: 'fee',
  INSPECTION: 'inspection',
  CONFIRMATION: 'confirmation',
  BENEFIT: 'benefit',
  ADJUDICATION: 'adjudication',
  REWARD: 'reward',
  OTHER: 'other',
} as const;
export type ItemCategory = (typeof ItemCategory)[keyof typeof ItemCategory];
export const ITEM_CATEGORIES = Object.values(ItemCategory) as ItemCategory[];
export const ITEM_CATEGORY_LABELS: Record<ItemCategory, { zh: string; en: string }> = {
  licensing: { zh: '行政许可', en: 'Licensing' },
  penalty: { zh: '行政处罚', en: 'Penalty' },
  coercion: { zh: '行政强制', en: 'Coercion' },
  levy: { zh: '行政征收', en: 'Levy' },
  fee: { zh: '行政收费', en: 'Fee' },
  inspection: { zh: '行政检查', en: 'Inspection' },
  confirmation: { zh: '行政确认', en: 'Confirmation' },
  benefit: { zh: '行政给付', en: 'Benefit' },
  adjudication: { zh: '行政裁决', en: 'Adjudication' },
  reward: { zh: '行政奖励', en: 'Reward' },
  other: { zh: '其他行政权力', en: 'Other' },
};

export const ItemStatus = { ACTIVE: 'active', ABOLISHED: 'abolished' } as const;
export type ItemStatus = (typeof ItemStatus)[keyof typeof ItemStatus];

/** 行政处罚种类 — 行政处罚法 Art.9. Used by major-decision criteria and discretion tiers. */
export const PenaltyType = {
  WARNING: 'warning',
  CRITICISM: 'criticism',
  FINE: 'fine',
  CONFISCATE_GAINS: 'confiscate_gains',
  CONFISCATE_PROPERTY: 'confiscate_property',
  SUSPEND_LICENCE: 'suspend_licence',
  REDUCE_QUALIFICATION: 'reduce_qualification',
  REVOKE_LICENCE: 'revoke_licence',
  RESTRICT_ACTIVITY: 'restrict_activity',
  ORDER_SUSPEND_BUSINESS: 'order_suspend_business',
  ORDER_CLOSE: 'order_close',
  RESTRICT_EMPLOYMENT: 'restrict_employment',
  DETENTION: 'detention',
  OTHER: 'other',
} as const;
export type PenaltyType = (typeof PenaltyType)[keyof typeof PenaltyType];
export const PENALTY_TYPES = Object.values(PenaltyType) as PenaltyType[];
export const PENALTY_TYPE_LABELS: Record<PenaltyType, { zh: string; en: string }> = {
  warning: { zh: '警告', en: 'Warning' },
  criticism: { zh: '通报批评', en: 'Public criticism' },
  fine: { zh: '罚款', en: 'Fine' },
  confiscate_gains: { zh: '没收违法所得', en: 'Confiscation of illegal gains' },
  confiscate_property: { zh: '没收非法财物', en: 'Confiscation of illegal property' },
  suspend_licence: { zh: '暂扣许可证件', en: 'Licence suspension' },
  reduce_qualification: { zh: '降低资质等级', en: 'Qualification downgrade' },
  revoke_licence: { zh: '吊销许可证件', en: 'Licence revocation' },
  restrict_activity: { zh: '限制开展生产经营活动', en: 'Restriction of business activity' },
  order_suspend_business: { zh: '责令停产停业', en: 'Order to suspend business' },
  order_close: { zh: '责令关闭', en: 'Order to close' },
  restrict_employment: { zh: '限制从业', en: 'Employment restriction' },
  detention: { zh: '行政拘留', en: 'Administrative detention' },
  other: { zh: '其他', en: 'Other' },
};

/** Stages where audio-video recording may be required (音像记录事项清单, domain-rules §3). */
export const AvStage = {
  INSPECTION: 'inspection',
  INVESTIGATION: 'investigation',
  EVIDENCE: 'evidence',
  SEIZURE: 'seizure',
  HEARING: 'hearing',
  SERVICE: 'service',
  EXECUTION: 'execution',
} as const;
export type AvStage = (typeof AvStage)[keyof typeof AvStage];
export const AV_STAGES = Object.values(AvStage) as AvStage[];
export const AV_STAGE_LABELS: Record<AvStage, { zh: string; en: string }> = {
  inspection: { zh: '现场检查', en: 'On-site inspection' },
  investigation: { zh: '调查取证', en: 'Investigation' },
  evidence: { zh: '证据保全', en: 'Evidence preservation' },
  seizure: { zh: '查封扣押', en: 'Seal / seizure' },
  hearing: { zh: '听证', en: 'Hearing' },
  service: { zh: '文书送达', en: 'Service of documents' },
  execution: { zh: '强制执行', en: 'Enforcement' },
};
export const AvRequirement = { REQUIRED: 'required', OPTIONAL: 'optional', NONE: 'none' } as const;
export type AvRequirement = (typeof AvRequirement)[keyof typeof AvRequirement];

/** 执法人员类别 — only enforcement staff with a valid certificate act; auxiliary staff (辅助人员) never alone (domain-rules PQ2). */
export const PersonnelType = {
  CIVIL_SERVANT: 'civil_servant',
  ENFORCEMENT_STAFF: 'enforcement_staff',
  AUXILIARY: 'auxiliary',
} as const;
export type PersonnelType = (typeof PersonnelType)[keyof typeof PersonnelType];
export const PERSONNEL_TYPE_LABELS: Record<PersonnelType, { zh: string; en: string }> = {
  civil_servant: { zh: '公务员', en: 'Civil servant' },
  enforcement_staff: { zh: '参公/事业执法人员', en: 'Enforcement staff' },
  auxiliary: { zh: '辅助人员', en: 'Auxiliary staff' },
};

/** Certificate state machine (domain-rules PQ4, PQ6). EXPIRED is derived from the expiry date and missed review. */
export const CertificateStatus = {
  ACTIVE: 'active',
  SUSPENDED: 'suspended',
  REVOKED: 'revoked',
  CANCELLED: 'cancelled',
  EXPIRED: 'expired',
} as const;
export type CertificateStatus = (typeof CertificateStatus)[keyof typeof CertificateStatus];
export const CertificateAction = {
  SUSPEND: 'suspend',
  REINSTATE: 'reinstate',
  REVOKE: 'revoke',
  CANCEL: 'cancel',
} as const;
export type CertificateAction = (typeof CertificateAction)[keyof typeof CertificateAction];
export const CERTIFICATE_TRANSITIONS = {
  active: { suspend: 'suspended', revoke: 'revoked', cancel: 'cancelled' },
  suspended: { reinstate: 'active', revoke: 'revoked', cancel: 'cancelled' },
  revoked: {},
  cancelled: {},
  expired: { cancel: 'cancelled' },
} as const satisfies Record<CertificateStatus, Partial<Record<CertificateAction, CertificateStatus>>>;
export const CERTIFICATE_STATUS_LABELS: Record<CertificateStatus, { zh: string; en: string }> = {
  active: { zh: '有效', en: 'Active' },
  suspended: { zh: '暂扣', en: 'Suspended' },
  revoked: { zh: '吊销', en: 'Revoked' },
  cancelled: { zh: '注销', en: 'Cancelled' },
  expired: { zh: '过期', en: 'Expired' },
};

/** Credential kinds (domain-rules PQ7). */
export const CredentialType = {
  ENFORCEMENT: 'enforcement',
  SUPERVISION: 'supervision',
  HEARING_PRESIDER: 'hearing_presider',
} as const;
export type CredentialType = (typeof CredentialType)[keyof typeof CredentialType];

/** Enforcement sectors (执法领域/系统) — the key for sector rule profiles. */
export const SECTORS = [
  { code: 'market', zh: '市场监管', en: 'Market regulation' },
  { code: 'environment', zh: '生态环境', en: 'Ecology & environment' },
  { code: 'culture_tourism', zh: '文化市场', en: 'Culture & tourism' },
  { code: 'transport', zh: '交通运输', en: 'Transport' },
  { code: 'agriculture', zh: '农业农村', en: 'Agriculture' },
  { code: 'emergency', zh: '应急管理', en: 'Work safety' },
  { code: 'urban', zh: '城市管理', en: 'Urban management' },
  { code: 'housing', zh: '住房城乡建设', en: 'Housing & construction' },
  { code: 'natural_resources', zh: '自然资源', en: 'Natural resources' },
  { code: 'health', zh: '卫生健康', en: 'Health' },
  { code: 'water', zh: '水利', en: 'Water' },
  { code: 'forestry', zh: '林业', en: 'Forestry' },
  { code: 'education', zh: '教育', en: 'Education' },
  { code: 'human_resources', zh: '人力资源社会保障', en: 'Labour' },
  { code: 'public_security', zh: '公安', en: 'Public security' },
  { code: 'justice', zh: '司法行政', en: 'Justice' },
  { code: 'comprehensive', zh: '综合行政执法', en: 'Comprehensive enforcement' },
] as const;
export type SectorCode = (typeof SECTORS)[number]['code'];
export const SECTOR_CODES = SECTORS.map((s) => s.code) as SectorCode[];

export const EntrustmentKind = {
  /** 委托 — 行政处罚法 Art.20: written entrustment, in the entrusting agency's name, no sub-entrustment. */
  ENTRUSTMENT: 'entrustment',
  /** 赋权 — 行政处罚法 Art.24: county-level powers devolved to townships/streets by provincial decision. */
  DEVOLUTION: 'devolution',
} as const;
export type EntrustmentKind = (typeof EntrustmentKind)[keyof typeof EntrustmentKind];
export const EntrustmentStatus = { ACTIVE: 'active', TERMINATED: 'terminated' } as const;
export type EntrustmentStatus = (typeof EntrustmentStatus)[keyof typeof EntrustmentStatus];

/** Allowed actions from a transition table — the one function the API and the UI buttons share. */
export function allowedActions<S extends string, A extends string>(
  table: Record<S, Partial<Record<A, S>>>,
  status: S,
): A[] {
  return Object.keys(table[status] ?? {}) as A[];
}
export function nextStatus<S extends string, A extends string>(
  table: Record<S, Partial<Record<A, S>>>,
  status: S,
  action: A,
): S | undefined {
  return table[status]?.[action];
}
