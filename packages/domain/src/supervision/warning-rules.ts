import type { HolidayCalendar } from '../calendar/index.ts';
import { caseDeadlines, caseDeadlineStates, type CaseDeadlineFacts, type PenaltyDeadlineKey } from '../cases/deadlines.ts';
import { fineWithinDiscretionTier, type PenaltyFacts } from '../cases/penalty-guards.ts';
import { RULE_KEYS } from '../rules/index.ts';

/**
 * Early-warning rules (监督预警) as data: domain-rules §10.1 S2 (supervision content: performance of duties, discretion,
 * the three systems, personnel), §12 and §13. Each rule names the subject it concerns and its configurable parameters;
 * the finders below turn gathered facts into findings, and the server gathers the facts in set-based SQL.
 */
export const WarningSeverity = { INFO: 'info', WARNING: 'warning', SERIOUS: 'serious' } as const;
export type WarningSeverity = (typeof WarningSeverity)[keyof typeof WarningSeverity];
export const WARNING_SEVERITY_LABELS: Record<WarningSeverity, { zh: string; en: string }> = {
  info: { zh: '提示', en: 'Info' },
  warning: { zh: '预警', en: 'Warning' },
  serious: { zh: '严重', en: 'Serious' },
};

export type WarningSubjectType = 'case' | 'agency' | 'officer' | 'publication_task' | 'transfer' | 'case_transfer' | 'police_transfer' | 'complaint' | 'supervision_document';

export interface WarningRule {
  key: string;
  zh: string;
  en: string;
  citation: string;
  severity: WarningSeverity;
  /** Whose duty it is: an agency's handling of one case, an agency as a whole, one officer. */
  scope: 'case' | 'agency' | 'officer' | 'other';
  subjectType: WarningSubjectType;
  /** Thresholds, overridable per scan (a rule profile value, where one exists, wins over the default here). */
  parameters: Record<string, number>;
  /** A rule whose facts live in another module: evaluated only once that module registers its finder. */
  isExternal?: boolean;
}

const rule = <K extends string>(key: K, r: Omit<WarningRule, 'key'>): WarningRule & { key: K } => ({ key, ...r });

export const WARNING_RULES = {
  'case.decision_overdue': rule('case.decision_overdue', {
    zh: '超期未作出处理决定', en: 'Case decision overdue',
    citation: '行政处罚法 Art.60; 市场监督管理行政处罚程序规定 Art.64',
    severity: 'serious', scope: 'case', subjectType: 'case',
    parameters: { caseDecisionDays: RULE_KEYS['penalty.caseDecisionDays'].default },
  }),
  'case.service_overdue': rule('case.service_overdue', {
    zh: '处罚决定书超期未送达', en: 'Decision not served in time',
    citation: '行政处罚法 Art.61, Art.85', severity: 'warning', scope: 'case', subjectType: 'case', parameters: {},
  }),
  'case.publication_overdue': rule('case.publication_overdue', {
    zh: '处罚决定超期未公示', en: 'Decision not published in time',
    citation: '国办发〔2018〕118号 §二(六)', severity: 'warning', scope: 'case', subjectType: 'publication_task', parameters: {},
  }),
  'case.review_overdue': rule('case.review_overdue', {
    zh: '法制审核超时限', en: 'Legal review overdue',
    citation: '市场监督管理行政处罚程序规定 Art.55', severity: 'warning', scope: 'case', subjectType: 'case',
    parameters: { reviewWorkingDays: RULE_KEYS['legalReview.timeLimitWorkingDays'].default },
  }),
  'case.decided_without_review': rule('case.decided_without_review', {
    zh: '重大执法决定未经法制审核', en: 'Major decision without legal review',
    citation: '行政处罚法 Art.58', severity: 'serious', scope: 'case', subjectType: 'case', parameters: {},
  }),
  'case.av_missing': rule('case.av_missing', {
    zh: '应音像记录的环节缺少音像记录', en: 'Audio-video record missing on a required step',
    citation: '行政处罚法 Art.47; 国办发〔2018〕118号 §三(八)', severity: 'warning', scope: 'case', subjectType: 'case', parameters: {},
  }),
  'case.discretion_unjustified': rule('case.discretion_unjustified', {
    zh: '处罚超出裁量基准阶次且未说明理由', en: 'Penalty outside the discretion tier without justification',
    citation: '国办发〔2022〕27号 §五(十二); 行政处罚法 Art.34', severity: 'warning', scope: 'case', subjectType: 'case', parameters: {},
  }),
  'case.officer_unqualified': rule('case.officer_unqualified', {
    zh: '无证、证件失效或辅助人员执法', en: 'Uncertified, expired or auxiliary officer acted',
    citation: '行政处罚法 Art.42, Art.76(5); 国办发〔2024〕54号', severity: 'serious', scope: 'case', subjectType: 'case', parameters: {},
  }),
  'case.fewer_than_two_officers': rule('case.fewer_than_two_officers', {
    zh: '执法人员不足两人', en: 'Fewer than two officers',
    citation: '行政处罚法 Art.42, Art.55', severity: 'serious', scope: 'case', subjectType: 'case', parameters: {},
  }),
  'agency.zero_enforcement': rule('agency.zero_enforcement', {
    zh: '零执法', en: 'Zero enforcement in the period',
    citation: '中办、国办《关于加强行政执法协调监督工作体系建设的意见》(2024); domain-rules S2 (履行职责)',
    severity: 'info', scope: 'agency', subjectType: 'agency', parameters: { periodDays: 365 },
  }),
  'agency.outlier_average_fine': rule('agency.outlier_average_fine', {
    zh: '案均罚没金额异常（同类机关比对）', en: 'Average fine per case is an outlier among peers',
    citation: 'domain-rules S2 (裁量基准执行); Langfang 2022 plan (关联比对、平均数测算) [Seed]',
    severity: 'info', scope: 'agency', subjectType: 'agency', parameters: { zLimit: 2, minPeers: 5, periodDays: 365 },
  }),
  'agency.outlier_inspections_per_officer': rule('agency.outlier_inspections_per_officer', {
    zh: '人均检查次数异常（同类机关比对）', en: 'Inspections per officer is an outlier among peers',
    citation: 'domain-rules S2 (履行职责); Langfang 2022 plan (关联比对、平均数测算) [Seed]',
    severity: 'info', scope: 'agency', subjectType: 'agency', parameters: { zLimit: 2, minPeers: 5, periodDays: 365 },
  }),
  'agency.reviewers_below_ratio': rule('agency.reviewers_below_ratio', {
    zh: '法制审核人员不足执法人员5%', en: 'Legal reviewers below 5% of officers',
    citation: RULE_KEYS['legalReviewer.minRatioOfOfficers'].citation, severity: 'warning', scope: 'agency', subjectType: 'agency',
    parameters: { minRatio: RULE_KEYS['legalReviewer.minRatioOfOfficers'].default },
  }),
  'officer.training_shortfall': rule('officer.training_shortfall', {
    zh: '年度培训学时不足', en: 'Training hours below requirement',
    citation: `${RULE_KEYS['training.annualHours'].citation}; 法制审核人员: ${RULE_KEYS['training.legalReviewerAnnualHours'].citation}`,
    severity: 'info', scope: 'officer', subjectType: 'officer',
    parameters: { annualHours: RULE_KEYS['training.annualHours'].default, legalReviewerAnnualHours: RULE_KEYS['training.legalReviewerAnnualHours'].default },
  }),
  'supervision.response_overdue': rule('supervision.response_overdue', {
    zh: '监督文书逾期未答复', en: 'Supervision document not answered in time',
    citation: '市场监督管理执法监督暂行规定 Art.18–21', severity: 'serious', scope: 'agency', subjectType: 'supervision_document', parameters: {},
  }),
  // Contributed by other modules through registerFinder; listed here so the catalogue and the UI know them.
  'transfer.police_answer_overdue': rule('transfer.police_answer_overdue', {
    zh: '移送涉嫌犯罪案件公安机关逾期未答复', en: 'Police did not answer a crime transfer in time',
    citation: '国务院令第310号 Art.8–9', severity: 'serious', scope: 'case', subjectType: 'transfer', parameters: { acceptDays: 3 }, isExternal: true,
  }),
  'transfer.send_overdue': rule('transfer.send_overdue', {
    zh: '决定移送后逾期未移送公安机关', en: 'Crime transfer not sent within 24 hours of the decision',
    citation: '国务院令第310号 Art.5', severity: 'serious', scope: 'case', subjectType: 'police_transfer', parameters: {}, isExternal: true,
  }),
  'transfer.acceptance_overdue': rule('transfer.acceptance_overdue', {
    zh: '受移送机关逾期未接收或拒收', en: 'Receiving agency did not accept or refuse a transfer in time',
    citation: '市场监督管理行政处罚程序规定 Art.14, Art.16', severity: 'warning', scope: 'case', subjectType: 'case_transfer', parameters: {}, isExternal: true,
  }),
  'transfer.designation_overdue': rule('transfer.designation_overdue', {
    zh: '管辖争议逾期未指定管辖', en: 'Jurisdiction dispute not designated in time',
    citation: '市场监督管理行政处罚程序规定 Art.16', severity: 'serious', scope: 'case', subjectType: 'case_transfer', parameters: {}, isExternal: true,
  }),
  'case.duplicate_across_agencies': rule('case.duplicate_across_agencies', {
    zh: '疑似跨机关重复立案', en: 'Possible duplicate cases across agencies',
    citation: '行政处罚法 Art.25, Art.29', severity: 'info', scope: 'case', subjectType: 'case', parameters: {}, isExternal: true,
  }),
  'complaint.acceptance_overdue': rule('complaint.acceptance_overdue', {
    zh: '投诉举报逾期未决定是否受理', en: 'Complaint not accepted or rejected in time',
    citation: '市场监督管理投诉举报处理暂行办法 Art.14, Art.31', severity: 'warning', scope: 'agency', subjectType: 'complaint', parameters: {}, isExternal: true,
  }),
  'complaint.answer_overdue': rule('complaint.answer_overdue', {
    zh: '投诉举报逾期未答复', en: 'Complaint not answered in time',
    citation: 'domain-rules §10.4 (市场监督管理投诉举报处理暂行办法 Art.14–15)', severity: 'warning', scope: 'agency', subjectType: 'complaint', parameters: {}, isExternal: true,
  }),
  'statistics.annual_report_overdue': rule('statistics.annual_report_overdue', {
    zh: '逾期未公开上年度行政执法统计年报', en: 'Annual enforcement report not published by 31 January',
    citation: '国办发〔2018〕118号 §二(六); domain-rules ST1', severity: 'warning', scope: 'agency', subjectType: 'agency', parameters: {}, isExternal: true,
  }),
} as const satisfies Record<string, WarningRule>;
export type WarningRuleKey = keyof typeof WARNING_RULES;
export const WARNING_RULE_KEYS = Object.keys(WARNING_RULES) as WarningRuleKey[];
export const isWarningRuleKey = (k: string): k is WarningRuleKey => Object.hasOwn(WARNING_RULES, k);

/** One condition found by a rule over live data. The scan keeps one open warning per (ruleKey, subjectId). */
export interface Finding {
  ruleKey: string;
  agencyId: string;
  regionPath: string;
  subjectType: WarningSubjectType;
  subjectId: string;
  subjectLabel: string;
  dueOn?: string | null;
  details: Record<string, unknown>;
}

// ---- case deadlines ------------------------------------------------------------------------------------------------

export interface CaseRef {
  caseId: string;
  agencyId: string;
  regionPath: string;
  label: string;
}

/**
 * Overdue case deadlines from the cases domain's own deadline maths (caseDeadlines/caseDeadlineStates): the 90-day
 * clock with its extension and 扣除期间 (G6), and the 7-WD service of the decision (Art.61, 85). Nothing re-derived.
 */
export function findOverdueCaseDeadlines(
  rows: readonly (CaseRef & { facts: CaseDeadlineFacts & { paymentCompletedOn?: string | null; hearingHeldOn?: string | null }; isClosed: boolean })[],
  key: Extract<PenaltyDeadlineKey, 'caseDecision' | 'decisionService'>,
  cal: HolidayCalendar,
  asOf: string,
  params: { caseDecisionDays?: number } = {},
): Finding[] {
  const ruleKey: WarningRuleKey = key === 'caseDecision' ? 'case.decision_overdue' : 'case.service_overdue';
  const out: Finding[] = [];
  for (const r of rows) {
    const ds = caseDeadlines(r.facts, cal, { asOf, ...(params.caseDecisionDays ? { caseDecisionDays: params.caseDecisionDays } : {}) });
    const d = caseDeadlineStates({ ...r.facts, decidedOn: r.facts.decidedOn, isClosed: r.isClosed }, ds, asOf).find((x) => x.key === key);
    if (d?.state !== 'overdue') continue;
    out.push({
      ruleKey, agencyId: r.agencyId, regionPath: r.regionPath, subjectType: 'case', subjectId: r.caseId, subjectLabel: r.label, dueOn: d.due,
      details: { start: d.start, due: d.due, pausedDays: d.pausedDays, citation: d.rule.citation, length: d.rule.length, dayType: d.rule.dayType },
    });
  }
  return out;
}

/** A due date that passed without the step being done (publication task, legal review): overdue when asOf > dueOn. */
export function findPastDue(ruleKey: WarningRuleKey, rows: readonly (CaseRef & { dueOn: string; isDone: boolean; subjectType?: WarningSubjectType; subjectId?: string; details?: Record<string, unknown> })[], asOf: string): Finding[] {
  return rows
    .filter((r) => !r.isDone && asOf > r.dueOn)
    .map((r) => ({
      ruleKey, agencyId: r.agencyId, regionPath: r.regionPath, subjectType: r.subjectType ?? 'case', subjectId: r.subjectId ?? r.caseId, subjectLabel: r.label, dueOn: r.dueOn,
      details: { ...(r.details ?? {}), dueOn: r.dueOn },
    }));
}

// ---- case content --------------------------------------------------------------------------------------------------

/** 行政处罚法 Art.58: a major decision (flagged, or meeting the major criteria) needs a passed legal review first. */
export function findDecidedWithoutReview(rows: readonly (CaseRef & { decidedOn: string | null; isMajor: boolean; reviewPassedOn: string | null })[]): Finding[] {
  return rows
    .filter((r) => r.decidedOn && r.isMajor && !r.reviewPassedOn)
    .map((r) => ({ ruleKey: 'case.decided_without_review', agencyId: r.agencyId, regionPath: r.regionPath, subjectType: 'case', subjectId: r.caseId, subjectLabel: r.label, dueOn: null, details: { decidedOn: r.decidedOn } }));
}

/** Required AV stages (the item's 音像记录事项清单) reached by the case but without an audio or video record. */
export function findMissingAv(rows: readonly (CaseRef & { requiredStages: readonly string[]; reachedStages: readonly string[]; recordedStages: readonly string[] })[]): Finding[] {
  const out: Finding[] = [];
  for (const r of rows) {
    const missing = r.requiredStages.filter((s) => r.reachedStages.includes(s) && !r.recordedStages.includes(s)).sort();
    if (missing.length) out.push({ ruleKey: 'case.av_missing', agencyId: r.agencyId, regionPath: r.regionPath, subjectType: 'case', subjectId: r.caseId, subjectLabel: r.label, dueOn: null, details: { missingStages: missing } });
  }
  return out;
}

/** A decided penalty outside its tier with no written justification (the guard's own check, fineWithinDiscretionTier). */
export function findDiscretionUnjustified(rows: readonly (CaseRef & Pick<PenaltyFacts, 'proposed' | 'discretion'>)[]): Finding[] {
  const out: Finding[] = [];
  for (const r of rows) {
    const c = fineWithinDiscretionTier(r);
    if (c.level === 'ok' || r.discretion.justification?.trim()) continue;
    out.push({ ruleKey: 'case.discretion_unjustified', agencyId: r.agencyId, regionPath: r.regionPath, subjectType: 'case', subjectId: r.caseId, subjectLabel: r.label, dueOn: null, details: { kind: c.kind, ...((c.level === 'refusal' ? c.refusal.details : c.details) ?? {}) } });
  }
  return out;
}

/** An officer on a case as of the day the case acted (filed / decided). */
export interface ActingOfficer {
  officerId: string;
  name: string;
  personnelType: string;
  /** Certificate statuses effective on the act date ('active' only when valid that day). */
  hasValidCertificate: boolean;
}

/** Personnel types that may act as case officers (domain-rules PQ2: auxiliary staff only assist). */
export const ENFORCING_PERSONNEL_TYPES: readonly string[] = ['civil_servant', 'enforcement_staff'];

/** 行政处罚法 Art.42: penalties by qualified officers only; auxiliary staff never as handlers (PQ2). */
export function findUnqualifiedOfficers(rows: readonly (CaseRef & { actedOn: string; officers: readonly ActingOfficer[] })[]): Finding[] {
  const out: Finding[] = [];
  for (const r of rows) {
    const bad = r.officers
      .filter((o) => !o.hasValidCertificate || !ENFORCING_PERSONNEL_TYPES.includes(o.personnelType))
      .map((o) => ({ officerId: o.officerId, name: o.name, reason: !ENFORCING_PERSONNEL_TYPES.includes(o.personnelType) ? 'auxiliary' : 'no_valid_certificate' }))
      .sort((a, b) => a.officerId.localeCompare(b.officerId));
    if (bad.length) out.push({ ruleKey: 'case.officer_unqualified', agencyId: r.agencyId, regionPath: r.regionPath, subjectType: 'case', subjectId: r.caseId, subjectLabel: r.label, dueOn: null, details: { actedOn: r.actedOn, officers: bad } });
  }
  return out;
}

/** 行政处罚法 Art.42, 55: at least two enforcement officers on a filed case. */
export function findFewerThanTwoOfficers(rows: readonly (CaseRef & { officerCount: number })[]): Finding[] {
  return rows
    .filter((r) => r.officerCount < 2)
    .map((r) => ({ ruleKey: 'case.fewer_than_two_officers', agencyId: r.agencyId, regionPath: r.regionPath, subjectType: 'case', subjectId: r.caseId, subjectLabel: r.label, dueOn: null, details: { officerCount: r.officerCount } }));
}

// ---- agencies and officers -----------------------------------------------------------------------------------------

export interface AgencyRef {
  agencyId: string;
  regionPath: string;
  name: string;
  sector: string;
}

/** 零执法: an agency with enforcement powers that opened no case and made no inspection in the period. */
export function findZeroEnforcement(rows: readonly (AgencyRef & { caseCount: number; inspectionCount: number })[], period: { from: string; to: string }): Finding[] {
  return rows
    .filter((r) => r.caseCount === 0 && r.inspectionCount === 0)
    .map((r) => ({ ruleKey: 'agency.zero_enforcement', agencyId: r.agencyId, regionPath: r.regionPath, subjectType: 'agency', subjectId: r.agencyId, subjectLabel: r.name, dueOn: null, details: { ...period, caseCount: 0, inspectionCount: 0 } }));
}

/**
 * 关联比对/平均数测算: an agency whose metric is more than zLimit standard deviations from the mean of its sector
 * peers. Peers are the other agencies of the same sector (the agency itself excluded, so one extreme value cannot
 * hide itself); a sector with fewer than minPeers peers, or with no spread, yields nothing — too few to compare.
 */
export function findPeerOutliers(
  ruleKey: 'agency.outlier_average_fine' | 'agency.outlier_inspections_per_officer',
  rows: readonly (AgencyRef & { value: number | null })[],
  params: { zLimit: number; minPeers: number },
): Finding[] {
  const out: Finding[] = [];
  const bySector = new Map<string, (AgencyRef & { value: number })[]>();
  for (const r of rows) if (r.value !== null && Number.isFinite(r.value)) bySector.set(r.sector, [...(bySector.get(r.sector) ?? []), { ...r, value: r.value }]);
  for (const [, group] of [...bySector].sort(([a], [b]) => a.localeCompare(b))) {
    for (const r of group) {
      const peers = group.filter((g) => g.agencyId !== r.agencyId).map((g) => g.value);
      if (peers.length < params.minPeers) continue;
      const mean = peers.reduce((a, b) => a + b, 0) / peers.length;
      const sd = Math.sqrt(peers.reduce((a, b) => a + (b - mean) ** 2, 0) / peers.length);
      if (sd === 0) continue;
      const z = (r.value - mean) / sd;
      if (Math.abs(z) <= params.zLimit) continue;
      out.push({
        ruleKey, agencyId: r.agencyId, regionPath: r.regionPath, subjectType: 'agency', subjectId: r.agencyId, subjectLabel: r.name, dueOn: null,
        details: { value: round(r.value), peerMean: round(mean), peerSd: round(sd), z: round(z), peers: peers.length, zLimit: params.zLimit, direction: z > 0 ? 'high' : 'low' },
      });
    }
  }
  return out;
}

/** 国办发〔2018〕118号 §四(十一): legal reviewers at least 5% (configurable) of the agency's enforcement officers. */
export function findReviewerShortfall(rows: readonly (AgencyRef & { officerCount: number; reviewerCount: number })[], params: { minRatio: number }): Finding[] {
  return rows
    .filter((r) => r.officerCount > 0 && r.reviewerCount < Math.ceil(r.officerCount * params.minRatio - 1e-9))
    .map((r) => ({
      ruleKey: 'agency.reviewers_below_ratio', agencyId: r.agencyId, regionPath: r.regionPath, subjectType: 'agency', subjectId: r.agencyId, subjectLabel: r.name, dueOn: null,
      details: { officerCount: r.officerCount, reviewerCount: r.reviewerCount, required: Math.ceil(r.officerCount * params.minRatio - 1e-9), minRatio: params.minRatio },
    }));
}

/**
 * 纲要 §(三十四): annual training hours below the requirement, for a completed year (the scan passes the previous
 * year: a shortfall in June is not yet a failure).
 */
export function findTrainingShortfall(
  rows: readonly { officerId: string; name: string; agencyId: string; regionPath: string; isLegalReviewer: boolean; hours: number }[],
  params: { annualHours: number; legalReviewerAnnualHours: number; year: number },
): Finding[] {
  return rows
    .filter((r) => r.hours < (r.isLegalReviewer ? params.legalReviewerAnnualHours : params.annualHours))
    .map((r) => ({
      ruleKey: 'officer.training_shortfall', agencyId: r.agencyId, regionPath: r.regionPath, subjectType: 'officer', subjectId: r.officerId, subjectLabel: r.name, dueOn: `${params.year}-12-31`,
      details: { year: params.year, hours: r.hours, required: r.isLegalReviewer ? params.legalReviewerAnnualHours : params.annualHours, isLegalReviewer: r.isLegalReviewer },
    }));
}

const round = (n: number) => Math.round(n * 100) / 100;
