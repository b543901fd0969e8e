/**
 * Catalogue of configurable rule parameters. Each carries its national default, the source, and the evidence tag
 * of domain-rules.md §0: P = primary text read; S = secondary source; U = unverified (never trust the default
 * without a profile); Seed = from a founding local document (the default of that locality, kept configurable).
 * Values are overridden per region, sector and date by rule profiles (profiles.ts).
 */
export type RuleParamType = 'number' | 'boolean' | 'string';
export type EvidenceTag = 'P' | 'S' | 'U' | 'Seed';

export interface RuleKeySpec {
  type: RuleParamType;
  default: number | boolean | string;
  unit?: string;
  citation: string;
  tag: EvidenceTag;
  zh: string;
  en: string;
  /** Bounds for numbers (inclusive); every current number is a count, amount or ratio, so never negative. */
  min?: number;
  max?: number;
  integer?: boolean;
}

export const RULE_KEYS = {
  'training.annualHours': {
    type: 'number', default: 60, unit: 'hours', min: 0, max: 1000, citation: '法治政府建设实施纲要（2021—2025年）§(三十四)', tag: 'P',
    zh: '执法人员年度法律和业务知识培训学时', en: 'Annual training hours per enforcement officer',
  },
  'training.legalReviewerAnnualHours': {
    type: 'number', default: 30, unit: 'hours', min: 0, max: 1000, citation: 'Langfang 2022 enforcement-supervision plan (seed document) 二(二)3', tag: 'Seed',
    zh: '法制审核人员年度培训学时', en: 'Annual training hours per legal reviewer',
  },
  'certificate.reviewCycleYears': {
    type: 'number', default: 2, unit: 'years', min: 1, max: 10, integer: true, citation: '威政办发〔2016〕3号 §四(二)3', tag: 'Seed',
    zh: '执法证件审验周期（年）', en: 'Certificate review cycle (years)',
  },
  'certificate.knowledgeTestCycleYears': {
    type: 'number', default: 4, unit: 'years', min: 1, max: 10, integer: true, citation: '威政办发〔2016〕3号 §四(二)3', tag: 'Seed',
    zh: '法律知识更新考试周期（年）', en: 'Legal-knowledge test cycle (years)',
  },
  'simplified.maxFineIndividual': {
    type: 'number', default: 200, unit: 'yuan', min: 0, citation: '行政处罚法 Art.51', tag: 'P',
    zh: '简易程序对公民罚款上限（元）', en: 'Simplified procedure: maximum fine for a citizen (yuan)',
  },
  'simplified.maxFineOrganisation': {
    type: 'number', default: 3000, unit: 'yuan', min: 0, citation: '行政处罚法 Art.51', tag: 'P',
    zh: '简易程序对法人或其他组织罚款上限（元）', en: 'Simplified procedure: maximum fine for an organisation (yuan)',
  },
  // 行政处罚法 Art.63 leaves "较大数额" to localities and sectors (domain-rules H3). The defaults are the SAMR
  // figures recalled from 市场监督管理行政处罚听证办法, which were not verified: every deployment must set its own.
  'hearing.largeFineIndividual': {
    type: 'number', default: 10000, unit: 'yuan', min: 0, citation: '行政处罚法 Art.63; 市场监督管理行政处罚听证办法 (recalled)', tag: 'U',
    zh: '应告知听证的较大数额罚款：公民（元）', en: 'Hearing threshold: large fine for a citizen (yuan)',
  },
  'hearing.largeFineOrganisation': {
    type: 'number', default: 100000, unit: 'yuan', min: 0, citation: '行政处罚法 Art.63; 市场监督管理行政处罚听证办法 (recalled)', tag: 'U',
    zh: '应告知听证的较大数额罚款：法人或其他组织（元）', en: 'Hearing threshold: large fine for an organisation (yuan)',
  },
  // One figure for confiscation, defaulting to the lower (citizen) amount: offering a hearing that was not required
  // costs little, while omitting a required one makes the penalty procedurally unlawful (Art.63).
  'hearing.largeConfiscation': {
    type: 'number', default: 10000, unit: 'yuan', min: 0, citation: '行政处罚法 Art.63; 市场监督管理行政处罚听证办法 (recalled)', tag: 'U',
    zh: '应告知听证的没收较大数额违法所得、较大价值非法财物（元）', en: 'Hearing threshold: large confiscation of illegal gains or property (yuan)',
  },
  'legalReview.timeLimitWorkingDays': {
    type: 'number', default: 10, unit: 'working days', min: 1, max: 365, integer: true, citation: '市场监督管理行政处罚程序规定 Art.55', tag: 'P',
    zh: '法制审核时限（工作日）', en: 'Legal review time limit (working days)',
  },
  'publication.licencePenaltyWorkingDays': {
    type: 'number', default: 7, unit: 'working days', min: 1, max: 365, integer: true, citation: '国办发〔2018〕118号 §二(六)', tag: 'P',
    zh: '行政许可、行政处罚决定公示时限（工作日）', en: 'Publication of licensing and penalty decisions (working days)',
  },
  'publication.otherWorkingDays': {
    type: 'number', default: 20, unit: 'working days', min: 1, max: 365, integer: true, citation: '国办发〔2018〕118号 §二(六)', tag: 'P',
    zh: '其他执法决定公示时限（工作日）', en: 'Publication of other enforcement decisions (working days)',
  },
  'publication.withdrawWorkingDays': {
    type: 'number', default: 3, unit: 'working days', min: 0, max: 365, integer: true, citation: '行政处罚法 Art.48, Art.85; 市场监督管理行政处罚程序规定 Art.63', tag: 'P',
    zh: '已公开决定被变更、撤销等后撤下时限（工作日）', en: 'Withdrawal of a changed or revoked published decision (working days)',
  },
  'penalty.caseDecisionDays': {
    type: 'number', default: 90, unit: 'days', min: 1, max: 3650, integer: true, citation: '行政处罚法 Art.60', tag: 'P',
    zh: '立案至作出处罚决定期限（日）', en: 'Filing to penalty decision (calendar days)',
  },
  'legalReviewer.minRatioOfOfficers': {
    type: 'number', default: 0.05, unit: 'ratio', min: 0, max: 1, citation: '国办发〔2018〕118号 §四(十一)', tag: 'P',
    zh: '法制审核人员占执法人员的最低比例', en: 'Minimum ratio of legal reviewers to enforcement officers',
  },
  'limitation.years': {
    type: 'number', default: 2, unit: 'years', min: 1, max: 50, integer: true, citation: '行政处罚法 Art.36', tag: 'P',
    zh: '违法行为追责时效（年）', en: 'Limitation period for penalties (years)',
  },
  'limitation.yearsLifeHealthFinance': {
    type: 'number', default: 5, unit: 'years', min: 1, max: 50, integer: true, citation: '行政处罚法 Art.36', tag: 'P',
    zh: '涉及生命健康安全、金融安全且有危害后果的追责时效（年）', en: 'Limitation period where life, health or financial safety was harmed (years)',
  },
  // The review time limit (legalReview.timeLimitWorkingDays) is 10 WD for SAMR, 5 WD in Inner Mongolia and "5日" in
  // agriculture; the extension granted with the head's approval differs as much (domain-rules LR8). SAMR Art.55 allows
  // an extension without stating its length, so the national default only mirrors the medical-insurance 10 + 10 WD.
  'legalReview.extensionDays': {
    type: 'number', default: 10, unit: 'days', min: 0, max: 365, integer: true,
    citation: '市场监督管理行政处罚程序规定 Art.55 (length not stated); 医疗保障行政处罚程序暂行规定 Art.40; 内蒙古办法 Art.31; 农业行政处罚程序规定 Art.53', tag: 'U',
    zh: '法制审核经批准可延长的期限（日）', en: 'Legal review extension granted with head approval (days)',
  },
  // Whether both periods above count working days (SAMR, Inner Mongolia, medical insurance: "工作日") or calendar days.
  'legalReview.timeLimitInWorkingDays': {
    type: 'boolean', default: true, citation: '市场监督管理行政处罚程序规定 Art.55; 内蒙古办法 Art.31', tag: 'P',
    zh: '法制审核期限按工作日计算', en: 'Legal review periods count working days',
  },
  // Licensing, inspection and coercion procedures (cases/licensing.ts, inspection.ts, coercion.ts). The statutory
  // periods yield to other laws ("法律、法规另有规定的，依照其规定"), hence profile values.
  'licensing.decisionWorkingDays': {
    type: 'number', default: 20, unit: 'working days', min: 1, max: 365, integer: true, citation: '行政许可法 Art.42, Art.82', tag: 'P',
    zh: '受理至作出行政许可决定期限（工作日）', en: 'Licence acceptance to decision (working days)',
  },
  'licensing.renewalLeadDays': {
    type: 'number', default: 30, unit: 'days', min: 0, max: 3650, integer: true, citation: '行政许可法 Art.50', tag: 'P',
    zh: '延续行政许可应在有效期届满前提出申请的日数', en: 'Licence renewal: apply at least this many days before expiry',
  },
  'coercion.measureDays': {
    type: 'number', default: 30, unit: 'days', min: 1, max: 365, integer: true, citation: '行政强制法 Art.25, Art.32', tag: 'P',
    zh: '查封、扣押、冻结期限（日）', en: 'Sealing, seizure or freezing period (calendar days)',
  },
  // 行政强制法 Art.43 forbids enforcement "at night" without defining it (domain-rules C10, §19 item 11): a local value.
  'coercion.nightStartHour': {
    type: 'number', default: 22, unit: 'hour of day', min: 0, max: 23, integer: true, citation: '行政强制法 Art.43 (夜间 not defined)', tag: 'U',
    zh: '禁止实施行政强制的夜间时段起点（时）', en: 'Night window for coercion: starts at (hour, China time)',
  },
  'coercion.nightEndHour': {
    type: 'number', default: 6, unit: 'hour of day', min: 0, max: 23, integer: true, citation: '行政强制法 Art.43 (夜间 not defined)', tag: 'U',
    zh: '禁止实施行政强制的夜间时段终点（时）', en: 'Night window for coercion: ends at (hour, China time)',
  },
  // Whether ordinary weekends count as "法定节假日" in Art.43 is read both ways; the default follows the letter
  // (the statutory holidays of the calendar table; 调休 make-up days are working days).
  'coercion.restDaysCountAsHolidays': {
    type: 'boolean', default: false, citation: '行政强制法 Art.43 (scope of 法定节假日 not settled)', tag: 'U',
    zh: '周末休息日视同法定节假日不得实施行政强制', en: 'Weekends count as holidays for the coercion ban',
  },
  // 国办发〔2024〕54号 requires a published annual cap per enterprise but leaves the number to each place; 0 = none.
  'record.gapToleranceMinutes': {
    type: 'number', default: 2, unit: 'minutes', min: 0, max: 240, integer: true, citation: '内蒙古自治区行政执法全过程记录办法 Art.18–19 (local); domain-rules REC4', tag: 'U',
    zh: '同一环节音像记录中断超过该分钟数须说明原因', en: 'Minutes a recording of one step may pause before the gap needs a reason',
  },
  'inspection.annualCapPerEnterprise': {
    type: 'number', default: 0, unit: 'inspections per year', min: 0, max: 1000, integer: true, citation: '国办发〔2024〕54号', tag: 'S',
    zh: '同一企业年度行政检查次数上限（0为不设上限）', en: 'Annual cap on inspections of one enterprise (0 = none)',
  },
  // Seed 004 (Hengshui/Fucheng): city-management events handled "from report to feedback in 10 minutes"; the split
  // across stages is this project's default, configurable per region and sector.
  'command.slaDispatchMinutes': {
    type: 'number', default: 2, unit: 'minutes', min: 1, max: 10080, integer: true, citation: 'Hengshui/Fucheng comprehensive-enforcement reform (seed 004)', tag: 'Seed',
    zh: '指挥事件：上报至派遣时限（分钟）', en: 'Command event: report to dispatch (minutes)',
  },
  'command.slaArriveMinutes': {
    type: 'number', default: 4, unit: 'minutes', min: 1, max: 10080, integer: true, citation: 'Hengshui/Fucheng comprehensive-enforcement reform (seed 004)', tag: 'Seed',
    zh: '指挥事件：派遣至到场时限（分钟）', en: 'Command event: dispatch to arrival (minutes)',
  },
  'command.slaHandleMinutes': {
    type: 'number', default: 3, unit: 'minutes', min: 1, max: 10080, integer: true, citation: 'Hengshui/Fucheng comprehensive-enforcement reform (seed 004)', tag: 'Seed',
    zh: '指挥事件：到场至处置时限（分钟）', en: 'Command event: arrival to handled (minutes)',
  },
  'command.slaFeedbackMinutes': {
    type: 'number', default: 1, unit: 'minutes', min: 1, max: 10080, integer: true, citation: 'Hengshui/Fucheng comprehensive-enforcement reform (seed 004)', tag: 'Seed',
    zh: '指挥事件：处置至反馈时限（分钟）', en: 'Command event: handled to feedback (minutes)',
  },
  'command.duplicateRadiusMetres': {
    type: 'number', default: 50, unit: 'metres', min: 0, max: 5000, integer: true, citation: 'project default (no text found)', tag: 'U',
    zh: '同类事件合并距离（米）', en: 'Duplicate events: same kind within (metres)',
  },
  'command.duplicateWindowMinutes': {
    type: 'number', default: 30, unit: 'minutes', min: 0, max: 1440, integer: true, citation: 'project default (no text found)', tag: 'U',
    zh: '同类事件合并时间窗（分钟）', en: 'Duplicate events: same kind within (minutes)',
  },
  // ---- complaints (投诉举报, domain-rules §10.4 CP3): the answer period of complaints about enforcement per locality
  'complaint.enforcementAnswerDays': {
    type: 'number', default: 60, unit: 'days', min: 1, max: 365, integer: true, citation: '辽宁省行政执法监督规定 Art.19 (60 days); 重庆市行政执法责任制条例 Art.13 (15 WD)', tag: 'P',
    zh: '执法行为投诉答复期限（日）', en: 'Complaint about enforcement: answer within (days)',
  },
  'complaint.enforcementAnswerWorkingDays': {
    type: 'boolean', default: false, citation: '辽宁省行政执法监督规定 Art.19 (calendar days); 重庆市行政执法责任制条例 Art.13 (working days)', tag: 'P',
    zh: '执法行为投诉答复期限按工作日计算', en: 'Complaint about enforcement: the answer period counts working days',
  },
  // 案件移送 (domain-rules §9, Appendix A #30–34). 310号令 does not say whether "3日" are working days (T13, [U]).
  'transfer.acceptanceWorkingDays': {
    type: 'number', default: 7, unit: 'working days', min: 1, max: 60, integer: true, citation: 'no national period for accepting a transfer; SAMR 程序规定 Art.13 (7 WD to settle a dispute) used by analogy', tag: 'U',
    zh: '受移送机关接收或者拒收时限（工作日）', en: 'Receiving agency accepts or refuses within (working days)',
  },
  'transfer.designationWorkingDays': {
    type: 'number', default: 7, unit: 'working days', min: 1, max: 60, integer: true, citation: '市场监督管理行政处罚程序规定 Art.16', tag: 'P',
    zh: '共同上一级机关指定管辖时限（工作日）', en: 'Common superior designates within (working days)',
  },
  'supervision.objectionReviewByOther': {
    type: 'boolean', default: true,
    citation: 'an objection is reviewed by the superior (市场监督管理执法监督暂行规定 Art.21; 广东省行政执法监督条例 Art.32–34); that the issuing supervisor may not review their own document is the recusal principle (回避), no explicit national text found',
    tag: 'U',
    zh: '异议复核须由签发人以外的监督人员办理', en: 'An objection is reviewed by a supervisor other than the issuer',
  },
  'transfer.crimeDayTypeWorking': {
    type: 'boolean', default: false, citation: '国务院令第310号 (day type of "3日" not stated; domain-rules T13)', tag: 'U',
    zh: '两法衔接"3日"按工作日计算', en: 'Crime-transfer "3 days" count working days',
  },
  'transfer.crimeDecisionDays': {
    type: 'number', default: 3, unit: 'days', min: 1, max: 30, integer: true, citation: '国务院令第310号 Art.5', tag: 'P',
    zh: '负责人作出是否移送决定时限（日）', en: 'Head decides on crime transfer within (days)',
  },
  'transfer.crimeSendHours': {
    type: 'number', default: 24, unit: 'hours', min: 1, max: 240, integer: true, citation: '国务院令第310号 Art.5', tag: 'P',
    zh: '批准后移送公安机关时限（小时）', en: 'Send to the police within (hours of approval)',
  },
  'transfer.policeAnswerDays': {
    type: 'number', default: 3, unit: 'days', min: 1, max: 60, integer: true, citation: '国务院令第310号 Art.8', tag: 'P',
    zh: '公安机关审查答复时限（日）', en: 'Police review and answer within (days)',
  },
  'transfer.reconsiderationRequestDays': {
    type: 'number', default: 3, unit: 'days', min: 1, max: 30, integer: true, citation: '国务院令第310号 Art.9', tag: 'P',
    zh: '不予立案后提请复议时限（日）', en: 'Request reconsideration within (days of non-filing)',
  },
  'transfer.reconsiderationAnswerDays': {
    type: 'number', default: 3, unit: 'days', min: 1, max: 30, integer: true, citation: '国务院令第310号 Art.9', tag: 'P',
    zh: '公安机关复议决定时限（日）', en: 'Police decide the reconsideration within (days)',
  },
  'transfer.supervisionSuggestionDays': {
    type: 'number', default: 3, unit: 'days', min: 1, max: 30, integer: true, citation: '国务院令第310号 Art.9', tag: 'P',
    zh: '复议维持后建议检察院立案监督时限（日）', en: 'Suggest procuratorate supervision within (days)',
  },
  'transfer.handoverDays': {
    type: 'number', default: 3, unit: 'days', min: 1, max: 30, integer: true, citation: '国务院令第310号 Art.12', tag: 'P',
    zh: '公安立案后移交涉案物品时限（日）', en: 'Hand over items within (days of filing)',
  },
  'transfer.duplicateWindowDays': {
    type: 'number', default: 30, unit: 'days', min: 0, max: 730, integer: true, citation: 'project default (domain-rules AP1 names no window)', tag: 'U',
    zh: '疑似重复案件：违法行为日期相差天数', en: 'Possible duplicate cases: violation dates within (days)',
  },
} as const satisfies Record<string, RuleKeySpec>;

export type RuleKey = keyof typeof RULE_KEYS;
export const RULE_KEY_LIST = Object.keys(RULE_KEYS) as RuleKey[];

type ValueOfType<T extends RuleParamType> = T extends 'number' ? number : T extends 'boolean' ? boolean : string;
/** The value type of each key, derived from its declared `type` (so `default: 60` widens to number). */
export type RuleValues = { -readonly [K in RuleKey]: ValueOfType<(typeof RULE_KEYS)[K]['type']> };

export function isRuleKey(key: string): key is RuleKey {
  return Object.hasOwn(RULE_KEYS, key);
}
