/**
 * 回访 (return visits to parties) — domain-rules §10.1 S3 (SAMR 执法监督暂行规定 Art.13(5)). No national procedure, rate
 * or question set exists [U], so all three are configuration; the defaults below are the project's.
 */

export const RETURN_VISIT_CASE_KINDS = ['penalty', 'licensing', 'inspection'] as const;
export type ReturnVisitCaseKind = (typeof RETURN_VISIT_CASE_KINDS)[number];
export const RETURN_VISIT_CASE_KIND_LABELS: Record<ReturnVisitCaseKind, string> = { penalty: '行政处罚', licensing: '行政许可', inspection: '行政检查' };

export const RETURN_VISIT_METHODS = ['phone', 'on_site', 'online'] as const;
export type ReturnVisitMethod = (typeof RETURN_VISIT_METHODS)[number];
export const RETURN_VISIT_METHOD_LABELS: Record<ReturnVisitMethod, string> = { phone: '电话回访', on_site: '上门回访', online: '网上回访' };

export interface ReturnVisitQuestion {
  key: string;
  zh: string;
  en: string;
  kind: 'yes_no' | 'text';
}

/** Default question set (configurable per campaign of visits). */
export const DEFAULT_RETURN_VISIT_QUESTIONS: readonly ReturnVisitQuestion[] = [
  { key: 'showed_certificate', zh: '执法人员是否出示执法证件？', en: 'Did the officers show their certificates?', kind: 'yes_no' },
  { key: 'told_rights', zh: '是否告知陈述、申辩（听证）权利？', en: 'Were you told of your right to state and defend?', kind: 'yes_no' },
  { key: 'civil_conduct', zh: '执法人员是否文明规范执法？', en: 'Did the officers act civilly?', kind: 'yes_no' },
  { key: 'no_improper_demands', zh: '是否存在吃拿卡要等情况？（否为正常）', en: 'Any improper demands? (no = fine)', kind: 'yes_no' },
  { key: 'suggestions', zh: '意见和建议', en: 'Suggestions', kind: 'text' },
];



export interface VisitAnswers {
  [questionKey: string]: boolean | string;
}

export function checkVisitAnswers(qs: readonly ReturnVisitQuestion[], a: VisitAnswers): { path: string; message: string; messageZh: string }[] {
  const out: { path: string; message: string; messageZh: string }[] = [];
  const known = new Map(qs.map((q) => [q.key, q]));
  for (const [k, v] of Object.entries(a)) {
    const q = known.get(k);
    if (!q) out.push({ path: `answers.${k}`, message: 'unknown question', messageZh: '问卷中无此问题' });
    else if (q.kind === 'yes_no' && typeof v !== 'boolean') out.push({ path: `answers.${k}`, message: 'answer yes or no', messageZh: '请回答是或否' });
    else if (q.kind === 'text' && typeof v !== 'string') out.push({ path: `answers.${k}`, message: 'answer in text', messageZh: '请填写文字' });
  }
  return out;
}

export interface SatisfactionRow {
  agencyId: string;
  visits: number;
  contacted: number;
  rated: number;
  mean: number | null;
  /** Share of ratings 4–5, in percent, one decimal. */
  satisfiedPct: number | null;
  distribution: [number, number, number, number, number];
  flagged: number;
}

/** Satisfaction per agency; a visit without contact counts as a visit but not as a rating. */
export function satisfactionByAgency(visits: readonly { agencyId: string; contactMade: boolean; satisfaction: number | null; isFlagged: boolean }[]): SatisfactionRow[] {
  const m = new Map<string, SatisfactionRow>();
  for (const v of visits) {
    const r = m.get(v.agencyId) ?? { agencyId: v.agencyId, visits: 0, contacted: 0, rated: 0, mean: null, satisfiedPct: null, distribution: [0, 0, 0, 0, 0], flagged: 0 };
    r.visits++;
    if (v.contactMade) r.contacted++;
    if (v.isFlagged) r.flagged++;
    if (v.contactMade && v.satisfaction !== null && v.satisfaction >= 1 && v.satisfaction <= 5) {
      r.rated++;
      r.distribution[v.satisfaction - 1]!++;
    }
    m.set(v.agencyId, r);
  }
  for (const r of m.values()) {
    if (r.rated === 0) continue;
    const sum = r.distribution.reduce((a, n, i) => a + n * (i + 1), 0);
    r.mean = Math.round((sum / r.rated) * 100) / 100;
    r.satisfiedPct = Math.round(((r.distribution[3] + r.distribution[4]) / r.rated) * 1000) / 10;
  }
  return [...m.values()].sort((a, b) => (a.agencyId < b.agencyId ? -1 : a.agencyId > b.agencyId ? 1 : 0));
}
