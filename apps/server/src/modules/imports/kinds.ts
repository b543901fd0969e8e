import {
  AV_STAGE_LABELS,
  CertificateInput,
  ITEM_CATEGORY_LABELS,
  ItemInput,
  OfficerInput,
  PENALTY_TYPE_LABELS,
  PERSONNEL_TYPE_LABELS,
  RegionInput,
  SECTORS,
  SUBJECT_FORM_LABELS,
  SUBJECT_KIND_LABELS,
} from '@zhifa/domain';
import type { Column, SheetSpec } from './excel.ts';

/** code → zh label maps for option columns. */
const zh = <K extends string>(m: Record<K, { zh: string }>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, (v as { zh: string }).zh])) as Record<K, string>;
export const SECTOR_OPTIONS = Object.fromEntries(SECTORS.map((s) => [s.code, s.zh]));
const TIER_LEVELS = { exempt: '不予处罚', light: '从轻', general: '一般', serious: '从重' };
const BOOL = { true: '是', false: '否' };
const LEVELS = { '1': '省', '2': '市', '3': '县', '4': '乡镇' };

/** Split a list cell: ; ； 、 or new lines. */
export function splitList(s: string): string[] {
  return s
    .split(/[;；\n]/)
    .map((x) => x.trim())
    .filter(Boolean);
}

/** Accept a code or its Chinese label; unknown text is passed through so the schema reports it on the right column. */
export function fromOption(options: Record<string, string>, s: string): string {
  if (!s) return s;
  if (s in options) return s;
  const hit = Object.entries(options).find(([, label]) => label === s);
  return hit ? hit[0] : s;
}

export function parseBool(s: string): boolean | string {
  const t = s.trim().toLowerCase();
  if (['是', 'y', 'yes', 'true', '1', '√'].includes(t)) return true;
  if (['否', 'n', 'no', 'false', '0', ''].includes(t)) return false;
  return s;
}

export function parseNumber(s: string): number | string | null {
  if (!s) return null;
  const n = Number(s.replace(/[,，\s]/g, ''));
  return Number.isFinite(n) ? n : s;
}

const col = (key: string, header: string, en: string, extra: Partial<Column> = {}): Column => ({ key, header, en, ...extra });

export const REGION_SHEET: SheetSpec = {
  name: '行政区划',
  columns: [
    col('code', '区划代码', 'code', { required: true, example: '130302' }),
    col('name', '名称', 'name', { required: true, example: '海港区' }),
    col('level', '层级', 'level', { required: true, options: LEVELS }),
    col('parentCode', '上级区划代码', 'parentCode', { example: '130300' }),
  ],
};

export const SUBJECT_SHEET: SheetSpec = {
  name: '执法主体',
  columns: [
    col('name', '主体名称', 'name', { required: true, width: 36 }),
    col('shortName', '简称', 'shortName'),
    col('uscc', '统一社会信用代码', 'uscc', { required: true, width: 24, note: 'GB 32100-2015, 18位, 含校验码' }),
    col('regionCode', '区划代码', 'regionCode', { required: true }),
    col('kind', '主体类别', 'kind', { required: true, options: zh(SUBJECT_KIND_LABELS) }),
    col('form', '机构形态', 'form', { required: true, options: zh(SUBJECT_FORM_LABELS) }),
    col('sector', '执法领域', 'sector', { required: true, options: SECTOR_OPTIONS }),
    col('legalBasis', '设立及职权依据', 'legalBasis', { required: true, width: 40 }),
    col('supervisingBureau', '监督机关统一社会信用代码', 'supervisingBureau', { width: 24 }),
    col('address', '办公地址', 'address', { width: 30 }),
    col('phone', '联系电话', 'phone'),
    col('officeHours', '办公时间', 'officeHours'),
    col('complaintPhone', '投诉电话', 'complaintPhone'),
  ],
};

export const OFFICER_SHEET: SheetSpec = {
  name: '执法人员',
  columns: [
    col('name', '姓名', 'name', { required: true }),
    col('idNumber', '身份证号', 'idNumber', { required: true, width: 22, note: 'GB 11643-1999, 18位, 含校验码' }),
    col('agency', '所属机关统一社会信用代码', 'agency', { required: true, width: 24 }),
    col('post', '职务', 'post', { required: true }),
    col('personnelType', '人员类别', 'personnelType', { required: true, options: zh(PERSONNEL_TYPE_LABELS) }),
    col('phone', '联系电话', 'phone'),
    col('education', '学历', 'education'),
    col('hasLegalQualification', '法律职业资格', 'hasLegalQualification', { options: BOOL }),
    col('legalQualificationNo', '法律职业资格证书编号', 'legalQualificationNo', { width: 22 }),
    col('isLegalReviewer', '法制审核人员', 'isLegalReviewer', { options: BOOL }),
    col('certNumber', '执法证号', 'certNumber', { width: 18 }),
    col('certCategories', '执法类别', 'certCategories', { options: SECTOR_OPTIONS, note: '多个用分号分隔' }),
    col('certArea', '执法区域代码', 'certArea'),
    col('certIssuedBy', '发证机关', 'certIssuedBy'),
    col('certIssuedOn', '发证日期', 'certIssuedOn', { example: '2024-03-01' }),
    col('certExpiresOn', '有效期至', 'certExpiresOn', { example: '2030-02-28' }),
  ],
};

export const ITEM_SHEET: SheetSpec = {
  name: '执法事项',
  columns: [
    col('code', '事项编码', 'code', { required: true, width: 20 }),
    col('name', '事项名称', 'name', { required: true, width: 40 }),
    col('category', '事项类别', 'category', { required: true, options: zh(ITEM_CATEGORY_LABELS) }),
    col('sector', '执法领域', 'sector', { required: true, options: SECTOR_OPTIONS }),
    col('subjects', '实施主体统一社会信用代码', 'subjects', { required: true, width: 24, note: '多个用分号分隔' }),
    col('lawNames', '法律依据名称', 'lawNames', { required: true, width: 30, note: '多个依据用分号分隔，与条款、版本、施行日期一一对应' }),
    col('lawArticles', '条款', 'lawArticles', { required: true }),
    col('lawVersions', '版本', 'lawVersions', { required: true }),
    col('lawEffectiveFrom', '施行日期', 'lawEffectiveFrom', { required: true, example: '2021-07-15' }),
    col('avRequired', '须音像记录的环节', 'avRequired', { options: zh(AV_STAGE_LABELS), note: '多个用分号分隔' }),
    col('randomInspection', '纳入随机抽查', 'randomInspection', { options: BOOL }),
    col('majorPenaltyTypes', '重大决定-处罚种类', 'majorPenaltyTypes', { options: zh(PENALTY_TYPE_LABELS), note: '多个用分号分隔；填写即纳入法制审核目录' }),
    col('majorFineAtLeast', '重大决定-罚款金额下限(元)', 'majorFineAtLeast'),
    col('majorOther', '重大决定-其他情形', 'majorOther'),
    col('hearingFineIndividual', '听证-个人罚款下限(元)', 'hearingFineIndividual'),
    col('hearingFineOrganisation', '听证-单位罚款下限(元)', 'hearingFineOrganisation'),
    col('guideConditions', '办理条件', 'guideConditions', { width: 30 }),
    col('guideMaterials', '申请材料', 'guideMaterials', { width: 30, note: '多个用分号分隔' }),
    col('guideTimeLimit', '办理时限(工作日)', 'guideTimeLimit'),
    col('guideFees', '收费标准', 'guideFees'),
    col('flowchart', '办理流程', 'flowchart', { width: 40, note: '步骤用分号分隔' }),
    col('firstViolationExempt', '首违不罚情形', 'firstViolationExempt', { width: 30 }),
  ],
};

export const TIER_SHEET: SheetSpec = {
  name: '裁量基准',
  columns: [
    col('itemCode', '事项编码', 'itemCode', { required: true, width: 20 }),
    col('level', '裁量档次', 'level', { required: true, options: TIER_LEVELS }),
    col('circumstance', '违法情形', 'circumstance', { required: true, width: 40 }),
    col('penaltyTypes', '处罚种类', 'penaltyTypes', { required: true, options: zh(PENALTY_TYPE_LABELS), note: '多个用分号分隔' }),
    col('fineMin', '罚款下限(元)', 'fineMin'),
    col('fineMax', '罚款上限(元)', 'fineMax'),
    col('description', '说明', 'description', { width: 30 }),
  ],
};

export const ImportKinds = ['regions', 'subjects', 'officers', 'items'] as const;
export type ImportKind = (typeof ImportKinds)[number];

/** Input schemas the rows must satisfy — the very schemas the API uses. */
export const schemas = { RegionInput, OfficerInput, CertificateInput, ItemInput };
export const OPTIONS = {
  sector: SECTOR_OPTIONS,
  category: zh(ITEM_CATEGORY_LABELS),
  kind: zh(SUBJECT_KIND_LABELS),
  form: zh(SUBJECT_FORM_LABELS),
  personnelType: zh(PERSONNEL_TYPE_LABELS),
  av: zh(AV_STAGE_LABELS),
  penalty: zh(PENALTY_TYPE_LABELS),
  tier: TIER_LEVELS,
  level: LEVELS,
};
