import { z } from 'zod';
import { AppError } from '../errors/index.ts';

/**
 * Document numbers (文号) and case numbers (案号), domain-rules DOC4: `{机关代字}{业务字}〔{YYYY}〕{N}号`, e.g.
 * 冀秦市监罚〔2026〕12号. The year is written in full inside 六角括号 〔〕 (U+3014/U+3015, not [] or ()), the sequence has
 * no "第" and no leading zeros unless the agency configures a width (some localities pad), and it ends with 号
 * (GB/T 9704-2012 §7.2.5 as commonly cited [U]). Templates are data per agency × document type. Pure formatting and
 * validation only: the server allocates the sequence atomically and never reuses a number.
 */

export const NUMBER_PLACEHOLDERS = ['agencyCode', 'business', 'year', 'seq'] as const;
export type NumberPlaceholder = (typeof NUMBER_PLACEHOLDERS)[number];

export const DEFAULT_DOCUMENT_NUMBER_TEMPLATE = '{agencyCode}{business}〔{year}〕{seq}号';
/** 立案 numbers use the same pattern with the business character 立 (冀秦市监立〔2026〕5号). */
export const DEFAULT_CASE_NUMBER_TEMPLATE = DEFAULT_DOCUMENT_NUMBER_TEMPLATE;
export const CASE_NUMBER_KEY = 'case';

/**
 * Default 业务字 per numbered document kind: 罚 and 立 as in 冀秦市监罚〔2026〕12号 / 冀秦市监立〔2026〕5号 (many published
 * decisions use 处罚, e.g. 马市监处罚〔2026〕193号, DOC4 [S]); the notice codes are conventions [U]. Agencies override
 * them in their numbering settings.
 */
export const DEFAULT_NUMBER_BUSINESS: Readonly<Record<string, string>> = {
  [CASE_NUMBER_KEY]: '立',
  penalty_notice: '罚告',
  hearing_notice: '听告',
  penalty_decision: '罚',
  no_penalty_decision: '不罚',
};

export interface DocumentNumberParts {
  agencyCode?: string | undefined;
  business?: string | undefined;
  year: number;
  seq: number;
}

type Token = { kind: 'literal'; text: string } | { kind: 'placeholder'; name: NumberPlaceholder };

export interface NumberTemplateIssue {
  message: string;
  messageZh: string;
}

const WRONG_BRACKETS = /[[\]［］【】]/;
/** Characters a value may not contain: they delimit the number, so a value holding one could not be parsed back. */
const RESERVED = /[〔〕{}\d\s号]/;

function tokenize(pattern: string): { tokens: Token[]; issues: NumberTemplateIssue[] } {
  const tokens: Token[] = [];
  const issues: NumberTemplateIssue[] = [];
  let literal = '';
  for (let i = 0; i < pattern.length; ) {
    const ch = pattern[i]!;
    if (ch === '{') {
      const end = pattern.indexOf('}', i);
      const name = end < 0 ? '' : pattern.slice(i + 1, end);
      if (!(NUMBER_PLACEHOLDERS as readonly string[]).includes(name)) {
        issues.push({ message: `Unknown or unclosed placeholder at position ${i}: use {agencyCode}, {business}, {year}, {seq}.`, messageZh: `第${i + 1}个字符处的占位符无效，只能使用{agencyCode}、{business}、{year}、{seq}。` });
        literal += ch;
        i += 1;
        continue;
      }
      if (literal) tokens.push({ kind: 'literal', text: literal });
      literal = '';
      tokens.push({ kind: 'placeholder', name: name as NumberPlaceholder });
      i = end + 1;
      continue;
    }
    if (ch === '}') issues.push({ message: `Unmatched } at position ${i}.`, messageZh: `第${i + 1}个字符处的“}”没有对应的“{”。` });
    literal += ch;
    i += 1;
  }
  if (literal) tokens.push({ kind: 'literal', text: literal });
  return { tokens, issues };
}

/** Check a template against DOC4; every problem is reported. */
export function validateNumberTemplate(pattern: string): { ok: true } | { ok: false; issues: NumberTemplateIssue[] } {
  const { tokens, issues } = tokenize(pattern);
  if (pattern.length === 0 || pattern.length > 100) issues.push({ message: 'A template has 1–100 characters.', messageZh: '文号模板长度应为1至100个字符。' });
  const count = (n: NumberPlaceholder) => tokens.filter((t) => t.kind === 'placeholder' && t.name === n).length;
  for (const n of ['year', 'seq'] as const) {
    if (count(n) !== 1) issues.push({ message: `The template must contain {${n}} exactly once.`, messageZh: `文号模板须且只能包含一个{${n}}。` });
  }
  for (const n of ['agencyCode', 'business'] as const) {
    if (count(n) > 1) issues.push({ message: `{${n}} may appear at most once.`, messageZh: `{${n}}最多出现一次。` });
  }
  if (WRONG_BRACKETS.test(pattern)) {
    issues.push({ message: 'Write the year in 六角括号 〔〕 (U+3014/U+3015), not [] or 【】.', messageZh: '年份应使用六角括号“〔〕”，不得使用“[]”“【】”等。' });
  }
  const yearAt = tokens.findIndex((t) => t.kind === 'placeholder' && t.name === 'year');
  if (yearAt >= 0) {
    const before = tokens[yearAt - 1];
    const after = tokens[yearAt + 1];
    const enclosed = before?.kind === 'literal' && before.text.endsWith('〔') && after?.kind === 'literal' && after.text.startsWith('〕');
    if (!enclosed) issues.push({ message: 'The year must be enclosed as 〔{year}〕.', messageZh: '年份须写作“〔{year}〕”。' });
  }
  const seqAt = tokens.findIndex((t) => t.kind === 'placeholder' && t.name === 'seq');
  if (seqAt >= 0) {
    const before = tokens[seqAt - 1];
    const after = tokens[seqAt + 1];
    if (before?.kind === 'literal' && /[第\d]$/.test(before.text)) {
      issues.push({ message: 'No "第" (and no digit) directly before the sequence number.', messageZh: '序号前不加“第”，也不得紧接数字。' });
    }
    // A literal right after the digits marks where they end; without it the number cannot be read back.
    if (after?.kind !== 'literal' || /^\d/.test(after.text)) {
      issues.push({ message: 'The sequence number must be followed by text such as 号.', messageZh: '序号之后须紧接“号”等文字。' });
    }
  }
  if (!pattern.endsWith('号')) issues.push({ message: 'A document number ends with 号.', messageZh: '文号应以“号”结尾。' });
  return issues.length ? { ok: false, issues } : { ok: true };
}

const zhIssue = (ctx: z.RefinementCtx, i: NumberTemplateIssue) => ctx.addIssue({ code: 'custom', message: i.message, params: { messageZh: i.messageZh } });

/** A number template as configured by an administrator (DOC4 rules above). */
export const DocumentNumberTemplateSchema = z.string().superRefine((v, ctx) => {
  const r = validateNumberTemplate(v);
  if (!r.ok) for (const i of r.issues) zhIssue(ctx, i);
});

/** 机关代字 (e.g. 冀秦市监, (杭临)市监) and 业务字 (罚, 处罚, 立): no digits, spaces, 〔〕, braces or 号. */
export const AgencyCodeSchema = z.string().min(1).max(20).refine((v) => !RESERVED.test(v), {
  message: 'An agency code may not contain digits, spaces, 〔〕, braces or 号.',
  params: { messageZh: '机关代字不得包含数字、空格、“〔〕”、花括号或“号”。' },
});
export const BusinessCodeSchema = z.string().max(10).refine((v) => !RESERVED.test(v), {
  message: 'A business code may not contain digits, spaces, 〔〕, braces or 号.',
  params: { messageZh: '业务字不得包含数字、空格、“〔〕”、花括号或“号”。' },
});
export const NumberPaddingSchema = z.int().min(0).max(10);

export const DocumentNumberPartsSchema = z.object({
  agencyCode: AgencyCodeSchema.optional(),
  business: BusinessCodeSchema.optional(),
  year: z.int().min(1000).max(9999),
  seq: z.int().min(1).max(999_999_999),
});

/** An agency's numbering settings: its code, optional per-kind templates and 业务字, the case-number template, padding. */
export const NumberingConfigSchema = z.object({
  agencyCode: AgencyCodeSchema,
  padding: NumberPaddingSchema.default(0),
  templates: z.record(z.string().regex(/^[a-z][a-z0-9_]{1,59}$/), DocumentNumberTemplateSchema).default({}),
  business: z.record(z.string().regex(/^[a-z][a-z0-9_]{1,59}$/), BusinessCodeSchema).default({}),
});
export type NumberingConfig = z.infer<typeof NumberingConfigSchema>;

function invalid(path: string, issues: readonly NumberTemplateIssue[]): AppError {
  return new AppError('VALIDATION_FAILED', {
    message: issues.map((i) => i.message).join(' '),
    messageZh: issues.map((i) => i.messageZh).join(''),
    details: { issues: issues.map((i) => ({ path: [path], message: i.message, messageZh: i.messageZh })) },
  });
}

const tokensOf = (template: string): Token[] => {
  const r = validateNumberTemplate(template);
  if (!r.ok) throw invalid('template', r.issues);
  return tokenize(template).tokens;
};

/**
 * Fill in a template. `padding` is the minimum width of the sequence (0 = none, the default). Throws
 * VALIDATION_FAILED for a template or part that breaks DOC4, or a placeholder without its value.
 */
export function formatDocumentNumber(template: string, parts: DocumentNumberParts, opts: { padding?: number } = {}): string {
  const tokens = tokensOf(template);
  const p = DocumentNumberPartsSchema.safeParse(parts);
  if (!p.success) throw invalid('parts', p.error.issues.map((i) => ({ message: `${i.path.join('.')}: ${i.message}`, messageZh: `${i.path.join('.')}：${(i as { params?: { messageZh?: string } }).params?.messageZh ?? i.message}` })));
  const padding = NumberPaddingSchema.parse(opts.padding ?? 0);
  return tokens
    .map((t) => {
      if (t.kind === 'literal') return t.text;
      if (t.name === 'year') return String(parts.year);
      if (t.name === 'seq') return String(parts.seq).padStart(padding, '0');
      const v = parts[t.name];
      if (v === undefined) throw invalid(t.name, [{ message: `The template needs {${t.name}}.`, messageZh: `文号模板需要{${t.name}}的值。` }]);
      return v;
    })
    .join('');
}

export type ParsedDocumentNumber =
  | { ok: true; parts: DocumentNumberParts }
  | { ok: false; reason: 'no_match' | 'ambiguous' | 'not_canonical'; message: string; messageZh: string };

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Read a number back into its parts. Agency code and business code are free text; when they stand next to each
 * other (as in the default template) only a known value separates them, so pass it in `known` (the server knows its
 * agency code). A sequence written other than the template would write it (leading zeros beyond the padding) is
 * `not_canonical`: numbers are compared as text, so 012 and 12 must not both exist.
 */
export function parseDocumentNumber(
  template: string,
  text: string,
  opts: { padding?: number; known?: { agencyCode?: string; business?: string } } = {},
): ParsedDocumentNumber {
  const tokens = tokensOf(template);
  const known = opts.known ?? {};
  const groups: NumberPlaceholder[] = [];
  const build = (lazy: boolean) => {
    let re = '^';
    for (const t of tokens) {
      if (t.kind === 'literal') re += escapeRe(t.text);
      else if (t.name === 'year') re += '(\\d{4})';
      else if (t.name === 'seq') re += '(\\d+)';
      else if (known[t.name] !== undefined) re += escapeRe(known[t.name]!);
      else re += `([^\\d〔〕{}\\s号]${t.name === 'business' ? '*' : '+'}${lazy ? '?' : ''})`;
    }
    return new RegExp(`${re}$`, 'u');
  };
  let previousFree = false;
  for (const t of tokens) {
    const isFree = t.kind === 'placeholder' && (t.name === 'agencyCode' || t.name === 'business') && known[t.name] === undefined;
    if (t.kind === 'placeholder' && (isFree || t.name === 'year' || t.name === 'seq')) groups.push(t.name);
    if (isFree && previousFree) return ambiguous();
    previousFree = isFree;
  }
  const lazy = build(true).exec(text);
  if (!lazy) return { ok: false, reason: 'no_match', message: `"${text}" does not follow the template ${template}.`, messageZh: `“${text}”不符合文号模板${template}。` };
  // Free text split by a literal that also occurs in a value (机关代字 containing the literal) reads two ways: the
  // shortest and the longest first value differ. Refuse rather than guess.
  const greedy = build(false).exec(text);
  if (!greedy || greedy.some((g, i) => g !== lazy[i])) return ambiguous();
  const parts: DocumentNumberParts = {
    year: 0,
    seq: 0,
    ...(known.agencyCode !== undefined ? { agencyCode: known.agencyCode } : {}),
    ...(known.business !== undefined ? { business: known.business } : {}),
  };
  groups.forEach((g, i) => {
    const v = lazy[i + 1]!;
    if (g === 'year' || g === 'seq') parts[g] = Number(v);
    else parts[g] = v;
  });
  const seqText = lazy[groups.indexOf('seq') + 1]!;
  if (parts.seq < 1 || String(parts.seq).padStart(opts.padding ?? 0, '0') !== seqText) {
    return {
      ok: false,
      reason: 'not_canonical',
      message: `The sequence "${seqText}" is not written as this agency writes it.`,
      messageZh: `序号“${seqText}”的写法不符合本机关的编号规则（不加“第”、不补零或按设定位数补零）。`,
    };
  }
  return { ok: true, parts };
}

function ambiguous(): ParsedDocumentNumber {
  return {
    ok: false,
    reason: 'ambiguous',
    message: 'The agency code and business code cannot be told apart in this number: pass the known agency code.',
    messageZh: '无法区分该文号中的机关代字与业务字，请提供已知的机关代字。',
  };
}

/** The number of a document kind for an agency: its template (default DOC4 pattern) and 业务字. */
export function documentNumberOf(config: NumberingConfig, kind: string, year: number, seq: number): string {
  const template = config.templates[kind] ?? DEFAULT_DOCUMENT_NUMBER_TEMPLATE;
  const business = config.business[kind] ?? DEFAULT_NUMBER_BUSINESS[kind];
  if (business === undefined && template.includes('{business}')) {
    throw invalid('kind', [{ message: `No business code is configured for ${kind}.`, messageZh: `未配置${kind}的业务字。` }]);
  }
  return formatDocumentNumber(template, { agencyCode: config.agencyCode, business, year, seq }, { padding: config.padding });
}

/** The case number (案号), e.g. 冀秦市监立〔2026〕5号; an agency may configure the `case` template and 业务字. */
export function caseNumberOf(config: NumberingConfig, year: number, seq: number): string {
  return documentNumberOf(config, CASE_NUMBER_KEY, year, seq);
}
