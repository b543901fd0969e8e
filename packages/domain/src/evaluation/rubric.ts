import type { CaseFileCriterion, CaseFileGap } from '../cases/case-file.ts';

/**
 * 案卷评查 scoring rubric (评分细则) as data (domain-rules §10.3 CR4–CR6). No national rubric exists (§19 item 13), so the
 * default follows the Guangdong content list (广东省行政执法案卷评查办法 Art.14) with point deductions taken from the
 * local examples quoted in CR6 [S]; a region replaces it by publishing another version.
 */

export interface RubricDeduction {
  key: string;
  zh: string;
  en: string;
  /** Points taken off per instance. */
  points: number;
  /** How many instances may be counted (1 = a yes/no deduction). */
  maxInstances: number;
}

export interface RubricItem {
  key: string;
  zh: string;
  en: string;
  maxPoints: number;
  deductions: readonly RubricDeduction[];
  /** 一票否决 (CR6): when marked, the file fails whatever its points. */
  veto?: { zh: string; en: string; citation: string } | undefined;
  /** 基本要素问题 (CR6 [S]): any deduction here bars the grade 'excellent'. */
  barsExcellent?: boolean | undefined;
}

export interface RubricSection {
  key: CaseFileCriterion | 'subject' | 'format';
  zh: string;
  en: string;
  items: readonly RubricItem[];
}

export interface Rubric {
  version: string;
  zh: string;
  citation: string;
  sections: readonly RubricSection[];
}

const d = (key: string, zh: string, en: string, points: number, maxInstances = 1): RubricDeduction => ({ key, zh, en, points, maxInstances });
const GD = '广东省行政执法案卷评查办法 Art.17';

/** Default rubric: ten sections of CR4, 100 points, five veto items of CR6. */
export const DEFAULT_RUBRIC: Rubric = {
  version: 'gd-2016/v1',
  zh: '行政执法案卷评查评分细则（默认，参照广东办法）',
  citation: '广东省行政执法案卷评查办法 Art.14, Art.16, Art.17',
  sections: [
    {
      key: 'facts_evidence',
      zh: '事实与证据',
      en: 'Facts and evidence',
      items: [
        {
          key: 'facts_clear',
          zh: '违法事实清楚，证据确凿充分',
          en: 'Facts clear, evidence sufficient',
          maxPoints: 20,
          deductions: [d('evidence_missing', '主要证据缺失（每项）', 'Main evidence missing (each)', 4, 5), d('evidence_form', '证据形式不合法（每项）', 'Unlawful form of evidence (each)', 2, 5)],
          veto: { zh: '主要事实不清、证据不足', en: 'Main facts unclear or evidence insufficient', citation: GD },
        },
      ],
    },
    {
      key: 'legal_basis',
      zh: '适用法律依据',
      en: 'Legal basis',
      items: [
        {
          key: 'basis_correct',
          zh: '适用法律、法规、规章正确，引用条款准确',
          en: 'Correct law, precise articles',
          maxPoints: 15,
          deductions: [d('article_imprecise', '引用条款不具体（款、项）', 'Article not precise (para/item)', 3, 2), d('basis_missing', '未引用定性或处罚依据', 'Qualification or penalty basis not cited', 5, 1)],
          veto: { zh: '适用依据错误', en: 'Wrong legal basis', citation: GD },
          barsExcellent: true,
        },
      ],
    },
    {
      key: 'procedure',
      zh: '执法程序',
      en: 'Procedure',
      items: [
        {
          key: 'procedure_lawful',
          zh: '程序合法（立案、调查、告知、听证、决定、期限）',
          en: 'Lawful procedure',
          maxPoints: 15,
          deductions: [
            d('no_filing_form', '无立案审批表', 'No filing approval form', 2, 1),
            d('no_end_report', '无调查终结报告', 'No investigation-end report', 3, 1),
            d('overdue', '超过法定办案期限', 'Statutory time limit exceeded', 3, 1),
            d('order_reversed', '程序倒置', 'Procedure order reversed', 3, 1),
          ],
          veto: { zh: '违反法定程序', en: 'Statutory procedure violated', citation: GD },
          barsExcellent: true,
        },
      ],
    },
    {
      key: 'subject',
      zh: '执法主体与执法人员资格、职权',
      en: 'Subject, officer qualification and powers',
      items: [
        {
          key: 'subject_lawful',
          zh: '主体合法，执法人员具备执法资格',
          en: 'Lawful subject, qualified officers',
          maxPoints: 10,
          deductions: [d('fewer_than_two', '执法人员少于两人', 'Fewer than two officers', 5, 1), d('no_certificate_shown', '未出示执法证件', 'Certificate not shown', 2, 1)],
          veto: { zh: '主体不合法或执法人员不具备资格', en: 'Unlawful subject or unqualified officer', citation: GD },
          barsExcellent: true,
        },
        {
          key: 'within_powers',
          zh: '未超越职权、未滥用职权',
          en: 'Within powers',
          maxPoints: 0,
          deductions: [],
          veto: { zh: '超越职权或滥用职权', en: 'Powers exceeded or abused', citation: GD },
        },
      ],
    },
    {
      key: 'three_systems',
      zh: '三项制度（公示、全过程记录、法制审核）',
      en: 'Three systems',
      items: [
        {
          key: 'three_systems_done',
          zh: '按规定公示、记录、法制审核',
          en: 'Publication, recording, legal review done',
          maxPoints: 10,
          deductions: [d('no_legal_review', '重大案件未经法制审核', 'Major case without legal review', 6, 1), d('no_av_record', '应记录未记录', 'Required record missing', 2, 2)],
        },
      ],
    },
    {
      key: 'discretion',
      zh: '自由裁量',
      en: 'Discretion',
      items: [
        {
          key: 'discretion_proper',
          zh: '适用裁量基准，理由充分',
          en: 'Benchmark applied, reasons given',
          maxPoints: 10,
          deductions: [d('no_reason', '偏离裁量基准未说明理由', 'Deviation without reasons', 4, 1), d('beyond_range', '处罚超出法定幅度', 'Penalty beyond the statutory range', 10, 1)],
          barsExcellent: true,
        },
      ],
    },
    {
      key: 'format',
      zh: '文书制作',
      en: 'Document format',
      items: [
        {
          key: 'documents_standard',
          zh: '使用统一文书格式，要素齐全，无错漏',
          en: 'Unified forms, complete elements',
          maxPoints: 8,
          deductions: [d('non_standard_form', '未使用统一文书格式', 'Not the unified forms', 1, 4), d('missing_seal', '主要外部文书缺少印章', 'Main external document lacks seal', 4, 1)],
        },
      ],
    },
    {
      key: 'service',
      zh: '送达',
      en: 'Service',
      items: [
        {
          key: 'service_lawful',
          zh: '送达方式合法，送达回证齐全',
          en: 'Lawful service, proofs present',
          maxPoints: 5,
          deductions: [d('no_service_record', '无送达回证（每份）', 'No proof of service (each)', 2, 3)],
        },
      ],
    },
    {
      key: 'execution',
      zh: '执行',
      en: 'Execution',
      items: [
        {
          key: 'execution_done',
          zh: '决定执行到位，罚没款缴纳凭证齐全',
          en: 'Decision executed, payment proofs present',
          maxPoints: 4,
          deductions: [d('not_executed', '未执行或未申请强制执行', 'Not executed and no court application', 4, 1), d('no_payment_proof', '缺少缴款凭证', 'No payment proof', 2, 1)],
        },
      ],
    },
    {
      key: 'archiving',
      zh: '立卷归档',
      en: 'Archiving',
      items: [
        {
          key: 'archive_orderly',
          zh: '一案一卷，材料齐全，排列有序',
          en: 'One file per case, complete, in order',
          maxPoints: 3,
          deductions: [d('materials_missing', '卷内材料不全（每项）', 'Materials missing (each)', 1, 3), d('disorder', '排列无序', 'Disordered', 1, 1)],
        },
      ],
    },
  ],
};

export const RUBRICS: Record<string, Rubric> = { [DEFAULT_RUBRIC.version]: DEFAULT_RUBRIC };

export interface RubricProblem {
  path: string;
  message: string;
}

/** A rubric is usable only if its points add up to 100 (CR5: 100-point scale) and its keys are unique. */
export function checkRubric(r: Rubric): RubricProblem[] {
  const out: RubricProblem[] = [];
  const items = r.sections.flatMap((s) => s.items);
  const total = items.reduce((a, i) => a + i.maxPoints, 0);
  if (total !== 100) out.push({ path: 'sections', message: `max points add up to ${total}, not 100` });
  const keys = items.map((i) => i.key);
  if (new Set(keys).size !== keys.length) out.push({ path: 'items', message: 'duplicate item keys' });
  for (const i of items) {
    const dk = i.deductions.map((x) => x.key);
    if (new Set(dk).size !== dk.length) out.push({ path: `items.${i.key}`, message: 'duplicate deduction keys' });
    for (const x of i.deductions) if (!(x.points > 0) || !Number.isInteger(x.maxInstances) || x.maxInstances < 1) out.push({ path: `items.${i.key}.${x.key}`, message: 'points must be > 0, instances ≥ 1' });
  }
  return out;
}

// ---- one reviewer's sheet -------------------------------------------------------------------------------------------

/** A reviewer's marks: instances per deduction, veto items marked, a comment per item (CR2: reasons recorded). */
export interface ScoreMarks {
  deductions: { itemKey: string; deductionKey: string; instances: number; note?: string | undefined }[];
  vetoes: { itemKey: string; reason: string }[];
}

export interface ScoredSheet {
  total: number;
  /** Points before the veto is applied (shown, but the grade is 'fail'). */
  points: number;
  isVetoed: boolean;
  vetoItems: string[];
  barsExcellent: boolean;
  items: { key: string; maxPoints: number; deducted: number; score: number }[];
}

export interface MarksProblem {
  path: string;
  message: string;
  messageZh: string;
}

export function checkMarks(r: Rubric, m: ScoreMarks): MarksProblem[] {
  const out: MarksProblem[] = [];
  const items = new Map(r.sections.flatMap((s) => s.items).map((i) => [i.key, i]));
  m.deductions.forEach((x, n) => {
    const item = items.get(x.itemKey);
    const ded = item?.deductions.find((y) => y.key === x.deductionKey);
    if (!ded) out.push({ path: `deductions.${n}`, message: 'unknown rubric item or deduction', messageZh: '评分细则中无此扣分项' });
    else if (!Number.isInteger(x.instances) || x.instances < 0 || x.instances > ded.maxInstances) out.push({ path: `deductions.${n}.instances`, message: `instances must be 0–${ded.maxInstances}`, messageZh: `扣分次数须为0至${ded.maxInstances}` });
  });
  m.vetoes.forEach((v, n) => {
    if (!items.get(v.itemKey)?.veto) out.push({ path: `vetoes.${n}`, message: 'not a veto item', messageZh: '该项不是一票否决项' });
    // CR2: every deduction reason is recorded; a veto without a reason cannot be checked on objection.
    else if (v.reason.trim().length < 2) out.push({ path: `vetoes.${n}.reason`, message: 'a veto needs a reason', messageZh: '一票否决须写明理由' });
  });
  return out;
}

/**
 * Veto items are evaluated before the points are summed (CR6): a vetoed file scores its points for information but is
 * graded 'fail'. An item never goes below zero.
 */
export function scoreSheet(r: Rubric, m: ScoreMarks): ScoredSheet {
  const vetoItems = [...new Set(m.vetoes.map((v) => v.itemKey))].sort();
  const isVetoed = vetoItems.length > 0;
  let barsExcellent = false;
  const items = r.sections.flatMap((s) => s.items).map((i) => {
    const raw = m.deductions.filter((x) => x.itemKey === i.key).reduce((a, x) => a + (i.deductions.find((y) => y.key === x.deductionKey)?.points ?? 0) * x.instances, 0);
    if (raw > 0 && i.barsExcellent) barsExcellent = true;
    const deducted = Math.min(i.maxPoints, raw);
    return { key: i.key, maxPoints: i.maxPoints, deducted: round1(deducted), score: round1(i.maxPoints - deducted) };
  });
  const points = round1(items.reduce((a, i) => a + i.score, 0));
  return { total: points, points, isVetoed, vetoItems, barsExcellent, items };
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

// ---- grades -----------------------------------------------------------------------------------------------------------

export const GRADES = ['excellent', 'good', 'pass', 'fail'] as const;
export type Grade = (typeof GRADES)[number];
export const GRADE_LABELS: Record<Grade, { zh: string; en: string }> = {
  excellent: { zh: '优秀', en: 'Excellent' },
  good: { zh: '良好', en: 'Good' },
  pass: { zh: '合格', en: 'Pass' },
  fail: { zh: '不合格', en: 'Fail' },
};

/** Lower bounds (inclusive) of each grade; below `pass` is fail. */
export interface GradeBands {
  excellent: number;
  good: number;
  pass: number;
}

/** CR5 (广东 Art.16): <60 不合格, 60–<75 合格, 75–<90 良好, ≥90 优秀. */
export const DEFAULT_GRADE_BANDS: GradeBands = { excellent: 90, good: 75, pass: 60 };

export function checkGradeBands(b: GradeBands): string | null {
  return 0 < b.pass && b.pass < b.good && b.good < b.excellent && b.excellent <= 100 ? null : 'bands must rise: 0 < pass < good < excellent ≤ 100';
}

export function gradeOf(score: number, bands: GradeBands = DEFAULT_GRADE_BANDS, flags: { isVetoed?: boolean; barsExcellent?: boolean } = {}): Grade {
  if (flags.isVetoed) return 'fail';
  if (score >= bands.excellent) return flags.barsExcellent ? 'good' : 'excellent';
  if (score >= bands.good) return 'good';
  if (score >= bands.pass) return 'pass';
  return 'fail';
}

// ---- several reviewers ------------------------------------------------------------------------------------------------

export interface AggregateScore {
  mean: number;
  min: number;
  max: number;
  spread: number;
  /** The reviewers disagree by more than the margin: the panel discusses the file before the report (CR3(3)). */
  isSpreadFlagged: boolean;
  /** Vetoed if a majority of reviewers vetoed it; a minority veto is flagged for discussion instead. */
  isVetoed: boolean;
  isVetoDisputed: boolean;
  barsExcellent: boolean;
  grade: Grade;
}

/** CR2: each reviewer scores independently; the file's score is the mean, rounded to one decimal. */
export function aggregateScores(sheets: readonly Pick<ScoredSheet, 'points' | 'isVetoed' | 'barsExcellent'>[], opts: { margin: number; bands?: GradeBands }): AggregateScore {
  if (sheets.length === 0) throw new RangeError('no score sheets');
  const pts = sheets.map((s) => s.points);
  const mean = round1(pts.reduce((a, x) => a + x, 0) / pts.length);
  const min = Math.min(...pts);
  const max = Math.max(...pts);
  const vetoes = sheets.filter((s) => s.isVetoed).length;
  const isVetoed = vetoes * 2 > sheets.length;
  const barsExcellent = sheets.some((s) => s.barsExcellent);
  return {
    mean,
    min,
    max,
    spread: round1(max - min),
    isSpreadFlagged: max - min > opts.margin,
    isVetoed,
    isVetoDisputed: vetoes > 0 && !isVetoed,
    barsExcellent,
    grade: gradeOf(mean, opts.bands ?? DEFAULT_GRADE_BANDS, { isVetoed, barsExcellent }),
  };
}

// ---- machine pre-scoring ----------------------------------------------------------------------------------------------

/** Which rubric item a completeness gap of the case file falls under (criterion → item, first match). */
const GAP_TARGET: Record<CaseFileCriterion, { itemKey: string; deductionKey: string }> = {
  facts_evidence: { itemKey: 'facts_clear', deductionKey: 'evidence_missing' },
  legal_basis: { itemKey: 'basis_correct', deductionKey: 'basis_missing' },
  procedure: { itemKey: 'procedure_lawful', deductionKey: 'order_reversed' },
  qualification: { itemKey: 'subject_lawful', deductionKey: 'no_certificate_shown' },
  three_systems: { itemKey: 'three_systems_done', deductionKey: 'no_legal_review' },
  discretion: { itemKey: 'discretion_proper', deductionKey: 'no_reason' },
  service: { itemKey: 'service_lawful', deductionKey: 'no_service_record' },
  execution: { itemKey: 'execution_done', deductionKey: 'no_payment_proof' },
  archiving: { itemKey: 'archive_orderly', deductionKey: 'materials_missing' },
};
const GAP_SPECIFIC: Record<string, { itemKey: string; deductionKey: string }> = {
  filing_approval: { itemKey: 'procedure_lawful', deductionKey: 'no_filing_form' },
  investigation_end_report: { itemKey: 'procedure_lawful', deductionKey: 'no_end_report' },
};

export interface SuggestedDeduction {
  itemKey: string;
  deductionKey: string;
  instances: number;
  /** The veto the gap points to — a suggestion only; the reviewer confirms it with a reason. */
  suggestsVeto: boolean;
  gapKeys: string[];
  citations: string[];
}

/**
 * Suggestions from the case-file completeness check (case-file.ts): each missing document becomes a suggested
 * deduction on the item of its criterion. A human reviewer confirms or rejects every one (CR2: the reviewer scores).
 */
export function suggestDeductions(r: Rubric, gaps: readonly CaseFileGap[]): SuggestedDeduction[] {
  const items = new Map(r.sections.flatMap((s) => s.items).map((i) => [i.key, i]));
  const out = new Map<string, SuggestedDeduction>();
  for (const g of gaps) {
    const t = GAP_SPECIFIC[g.key] ?? GAP_TARGET[g.criterion];
    const ded = items.get(t.itemKey)?.deductions.find((x) => x.key === t.deductionKey);
    if (!ded) continue;
    const k = `${t.itemKey}|${t.deductionKey}`;
    const s = out.get(k) ?? { itemKey: t.itemKey, deductionKey: t.deductionKey, instances: 0, suggestsVeto: false, gapKeys: [], citations: [] };
    s.instances = Math.min(ded.maxInstances, s.instances + 1);
    s.suggestsVeto ||= g.isVeto && !!items.get(t.itemKey)?.veto;
    s.gapKeys.push(g.key);
    if (!s.citations.includes(g.citation)) s.citations.push(g.citation);
    out.set(k, s);
  }
  return [...out.values()];
}
