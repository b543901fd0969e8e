import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  caseNumberOf,
  DEFAULT_DOCUMENT_NUMBER_TEMPLATE,
  DocumentNumberTemplateSchema,
  documentNumberOf,
  formatDocumentNumber,
  NumberingConfigSchema,
  parseDocumentNumber,
  validateNumberTemplate,
} from './numbering.ts';

const T = DEFAULT_DOCUMENT_NUMBER_TEMPLATE;

describe('formatDocumentNumber (DOC4)', () => {
  it.each([
    [T, { agencyCode: '冀秦市监', business: '罚', year: 2026, seq: 12 }, 0, '冀秦市监罚〔2026〕12号'],
    [T, { agencyCode: '冀秦市监', business: '立', year: 2026, seq: 5 }, 0, '冀秦市监立〔2026〕5号'],
    [T, { agencyCode: '马市监', business: '处罚', year: 2026, seq: 193 }, 0, '马市监处罚〔2026〕193号'],
    [T, { agencyCode: '(杭临)市监', business: '处罚', year: 2024, seq: 131 }, 0, '(杭临)市监处罚〔2024〕131号'],
    [T, { agencyCode: '冀秦市监', business: '罚', year: 2026, seq: 7 }, 3, '冀秦市监罚〔2026〕007号'], // a locality that pads
    [T, { agencyCode: '冀秦市监', business: '罚', year: 2026, seq: 1234 }, 3, '冀秦市监罚〔2026〕1234号'], // width is a minimum
    ['{agencyCode}〔{year}〕{business}{seq}号', { agencyCode: '秦公', business: '行罚决字', year: 2025, seq: 88 }, 0, '秦公〔2025〕行罚决字88号'],
    ['冀秦市监罚〔{year}〕{seq}号', { year: 2026, seq: 1 }, 0, '冀秦市监罚〔2026〕1号'],
  ])('%s %j pad %i → %s', (template, parts, padding, expected) => {
    expect(formatDocumentNumber(template, parts, { padding })).toBe(expected);
  });
  it('uses 六角括号 U+3014/U+3015 and no 第', () => {
    const n = formatDocumentNumber(T, { agencyCode: '冀秦市监', business: '罚', year: 2026, seq: 1 });
    expect([...n].map((c) => c.codePointAt(0)!.toString(16))).toContain('3014');
    expect([...n].map((c) => c.codePointAt(0)!.toString(16))).toContain('3015');
    expect(n).not.toMatch(/第|\[|〕0/);
  });
  it.each([
    ['an invalid template', '{agencyCode}[{year}]{seq}号', { agencyCode: 'A', business: '罚', year: 2026, seq: 1 }],
    ['a missing value', T, { agencyCode: '冀秦市监', year: 2026, seq: 1 }],
    ['sequence 0', T, { agencyCode: '冀秦市监', business: '罚', year: 2026, seq: 0 }],
    ['a two-digit year', T, { agencyCode: '冀秦市监', business: '罚', year: 26, seq: 1 }],
    ['a digit in the agency code', T, { agencyCode: '冀秦2监', business: '罚', year: 2026, seq: 1 }],
    ['〔 in the business code', T, { agencyCode: '冀秦市监', business: '罚〔', year: 2026, seq: 1 }],
  ])('refuses %s', (_what, template, parts) => {
    expect(() => formatDocumentNumber(template, parts)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});

describe('template validation', () => {
  it.each([
    [T],
    ['{agencyCode}〔{year}〕{business}{seq}号'],
    ['(杭临)市监处罚〔{year}〕{seq}号'],
    ['{agencyCode}{business}字〔{year}〕{seq}号'],
  ])('accepts %s', (t) => {
    expect(validateNumberTemplate(t)).toEqual({ ok: true });
    expect(DocumentNumberTemplateSchema.safeParse(t).success).toBe(true);
  });
  it.each([
    ['{agencyCode}{business}〔2026〕{seq}号', /\{year\} exactly once/],
    ['{agencyCode}{business}〔{year}〕1号', /\{seq\} exactly once/],
    ['{agencyCode}〔{year}〕{seq}号{seq}号', /\{seq\} exactly once/],
    ['{agencyCode}{business}[{year}]{seq}号', /六角括号/],
    ['{agencyCode}{business}【{year}】{seq}号', /六角括号/],
    ['{agencyCode}{business}({year}){seq}号', /〔\{year\}〕/],
    ['{agencyCode}{business}{year}{seq}号', /〔\{year\}〕/],
    ['{agencyCode}{business}〔{year}〕第{seq}号', /第/],
    ['{agencyCode}{business}〔{year}〕{seq}', /followed by text|ends with 号/],
    ['{agencyCode}{business}〔{year}〕{seq}号 ', /ends with 号/],
    ['{agency}{business}〔{year}〕{seq}号', /Unknown or unclosed/],
    ['{agencyCode{business}〔{year}〕{seq}号', /Unknown or unclosed/],
    ['{agencyCode}}{business}〔{year}〕{seq}号', /Unmatched \}/],
    ['{agencyCode}{agencyCode}〔{year}〕{seq}号', /at most once/],
    ['', /1–100/],
  ])('refuses %s', (t, message) => {
    const r = validateNumberTemplate(t);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues.map((i) => i.message).join(' ')).toMatch(message);
      expect(r.issues.every((i) => i.messageZh.length > 0)).toBe(true);
    }
    expect(DocumentNumberTemplateSchema.safeParse(t).success).toBe(false);
  });
});

describe('parseDocumentNumber', () => {
  it('reads a number back with the known agency code', () => {
    expect(parseDocumentNumber(T, '冀秦市监罚〔2026〕12号', { known: { agencyCode: '冀秦市监' } })).toEqual({
      ok: true,
      parts: { agencyCode: '冀秦市监', business: '罚', year: 2026, seq: 12 },
    });
  });
  it('refuses to split adjacent agency and business codes without a known value', () => {
    expect(parseDocumentNumber(T, '冀秦市监罚〔2026〕12号')).toMatchObject({ ok: false, reason: 'ambiguous' });
  });
  it('reads separated free parts on its own', () => {
    expect(parseDocumentNumber('{agencyCode}〔{year}〕{business}{seq}号', '秦公〔2025〕行罚决字88号')).toEqual({
      ok: true,
      parts: { agencyCode: '秦公', business: '行罚决字', year: 2025, seq: 88 },
    });
  });
  it('refuses a split that reads two ways', () => {
    // 机关代字 containing the template's own 字: 'A字B' + '字' + 'C' could also be 'A' + '字' + 'B字C'.
    expect(parseDocumentNumber('{agencyCode}字{business}〔{year}〕{seq}号', 'A字B字C〔2026〕1号')).toMatchObject({ ok: false, reason: 'ambiguous' });
    expect(parseDocumentNumber('{agencyCode}字{business}〔{year}〕{seq}号', 'A字B字C〔2026〕1号', { known: { agencyCode: 'A字B' } })).toMatchObject({
      ok: true,
      parts: { business: 'C' },
    });
  });
  it.each([
    ['冀秦市监罚[2026]12号', 'no_match'],
    ['冀秦市监罚〔2026〕第12号', 'no_match'],
    ['冀秦市监罚〔26〕12号', 'no_match'],
    ['冀秦市监罚〔2026〕12', 'no_match'],
    ['冀唐市监罚〔2026〕12号', 'no_match'], // another agency's number
    ['冀秦市监罚〔2026〕012号', 'not_canonical'], // no leading zeros by default
    ['冀秦市监罚〔2026〕0号', 'not_canonical'],
  ])('%s → %s', (text, reason) => {
    expect(parseDocumentNumber(T, text, { known: { agencyCode: '冀秦市监' } })).toMatchObject({ ok: false, reason });
  });
  it('with padding, only the padded form is canonical', () => {
    const known = { agencyCode: '冀秦市监' };
    expect(parseDocumentNumber(T, '冀秦市监罚〔2026〕007号', { padding: 3, known })).toMatchObject({ ok: true, parts: { seq: 7 } });
    expect(parseDocumentNumber(T, '冀秦市监罚〔2026〕7号', { padding: 3, known })).toMatchObject({ ok: false, reason: 'not_canonical' });
    expect(parseDocumentNumber(T, '冀秦市监罚〔2026〕0007号', { padding: 3, known })).toMatchObject({ ok: false, reason: 'not_canonical' });
  });
});

describe('properties', () => {
  // Values drawn from characters that also occur in the templates' literals (字, 罚), to provoke overlaps.
  const han = fc.constantFrom(...'冀秦市监罚立告听不处字行决公(杭临)唐'.split(''));
  const code = (min: number) => fc.array(han, { minLength: min, maxLength: 6 }).map((a) => a.join(''));
  const parts = fc.record({ agencyCode: code(1), business: code(0), year: fc.integer({ min: 1000, max: 9999 }), seq: fc.integer({ min: 1, max: 999_999_999 }) });
  const templates = fc.constantFrom(
    T,
    '{agencyCode}〔{year}〕{business}{seq}号',
    '{agencyCode}字{business}〔{year}〕{seq}号',
    '{business}{agencyCode}〔{year}〕{seq}号',
  );
  const padding = fc.integer({ min: 0, max: 10 });

  it('format → parse with the known agency code returns the parts', () => {
    fc.assert(
      fc.property(templates, parts, padding, (t, p, pad) => {
        const text = formatDocumentNumber(t, p, { padding: pad });
        expect(parseDocumentNumber(t, text, { padding: pad, known: { agencyCode: p.agencyCode } })).toEqual({ ok: true, parts: p });
      }),
    );
  });
  it('format → parse without known values returns the parts or refuses as ambiguous, never other parts', () => {
    fc.assert(
      fc.property(templates, parts, padding, (t, p, pad) => {
        const r = parseDocumentNumber(t, formatDocumentNumber(t, p, { padding: pad }), { padding: pad });
        if (r.ok) expect(r.parts).toEqual(p);
        else expect(r.reason).toBe('ambiguous');
      }),
    );
  });
  it('distinct sequences (or years) give distinct numbers', () => {
    fc.assert(
      fc.property(templates, parts, fc.integer({ min: 1, max: 999_999_999 }), fc.integer({ min: 1000, max: 9999 }), padding, (t, p, seq2, year2, pad) => {
        fc.pre(seq2 !== p.seq || year2 !== p.year);
        expect(formatDocumentNumber(t, p, { padding: pad })).not.toBe(formatDocumentNumber(t, { ...p, seq: seq2, year: year2 }, { padding: pad }));
      }),
    );
  });
});

describe('agency configuration', () => {
  const config = NumberingConfigSchema.parse({ agencyCode: '冀秦市监' });
  it('defaults: no padding, the DOC4 template, 罚 for decisions and 立 for cases', () => {
    expect(config).toEqual({ agencyCode: '冀秦市监', padding: 0, templates: {}, business: {} });
    expect(documentNumberOf(config, 'penalty_decision', 2026, 12)).toBe('冀秦市监罚〔2026〕12号');
    expect(caseNumberOf(config, 2026, 5)).toBe('冀秦市监立〔2026〕5号');
  });
  it('per-kind templates, business codes and padding override the defaults', () => {
    const c = NumberingConfigSchema.parse({
      agencyCode: '冀秦市监',
      padding: 2,
      templates: { case: '{agencyCode}〔{year}〕{business}{seq}号' },
      business: { penalty_decision: '处罚', case: '案' },
    });
    expect(documentNumberOf(c, 'penalty_decision', 2026, 3)).toBe('冀秦市监处罚〔2026〕03号');
    expect(caseNumberOf(c, 2026, 3)).toBe('冀秦市监〔2026〕案03号');
  });
  it('a kind without a business code is not numbered', () => {
    expect(() => documentNumberOf(config, 'inquiry_record', 2026, 1)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
  it('refuses invalid settings', () => {
    expect(NumberingConfigSchema.safeParse({ agencyCode: '冀秦市监', templates: { penalty_decision: '{agencyCode}[{year}]{seq}号' } }).success).toBe(false);
    expect(NumberingConfigSchema.safeParse({ agencyCode: '冀秦 市监' }).success).toBe(false);
    expect(NumberingConfigSchema.safeParse({ agencyCode: '冀秦市监', padding: 11 }).success).toBe(false);
  });
});
