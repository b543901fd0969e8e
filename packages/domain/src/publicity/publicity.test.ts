import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shippedCalendar } from '../calendar/cn-holidays.ts';
import { idNumberCheckDigit } from '../validation/id-number.ts';
import {
  ageOn,
  automaticExclusions,
  checkWithdrawal,
  COMPLAINT_TRACKING_RE,
  complaintTrackingNo,
  displayUntil,
  findPersonalNumbers,
  inspectionResultText,
  licenceResultText,
  isLuhnValid,
  maskPersonName,
  PRIVACY_PLACEHOLDER,
  publicationDueOn,
  publicationTitle,
  redactText,
  searchDocument,
  searchQuery,
  searchTokens,
  TRADE_SECRET_PLACEHOLDER,
  withdrawalDueOn,
} from './index.ts';

const luhnComplete = (body: string) => {
  for (let d = 0; d <= 9; d++) if (isLuhnValid(body + d)) return body + d;
  throw new Error('unreachable');
};

describe('redactText: numbers', () => {
  it.each([
    ['身份证号11010519491231002X，', '身份证号1101**********002X，'],
    ['旧证110105491231002。', '旧证1101*******1002。'],
    ['手机13812345678', '手机138****5678'],
    ['电话 0335-3061234', '电话 *******1234'],
    ['+86 13812345678联系', '138****5678联系'],
    ['卡号6222 0212 3456 7890', '卡号************7890'],
  ])('%j → %j', (input, out) => {
    expect(redactText(input).text).toBe(out);
  });

  it('hides a Luhn-valid 16-19 digit card and reports the span where the mask sits', () => {
    const card = luhnComplete('622202123456789');
    const r = redactText(`账户${card}。`);
    expect(r.text).toBe(`账户************${card.slice(-4)}。`);
    expect(r.spans).toEqual([{ kind: 'bank_card', start: 2, end: 2 + 16 }]);
  });

  it('masks again when kept digits and what follows form a new number', () => {
    const out = redactText('0010-0000000-0010-0000000').text;
    expect(findPersonalNumbers(out)).toEqual([]);
    expect(out.endsWith('0000')).toBe(true);
  });

  it('leaves dates, amounts, case numbers and credit codes alone', () => {
    const s = '2026年6月1日，冀秦市监罚〔2026〕12号，罚款5000元，统一社会信用代码92130302MA0DKLQX1B。';
    expect(redactText(s).text).toBe(s);
  });
});

describe('redactText: people and passages', () => {
  it('masks natural persons as surname + 某某, addresses and marked trade secrets', () => {
    const r = redactText('当事人张志强（住秦皇岛市海港区建国路21号）将配方A-17以每吨3000元出售，经营者欧阳娜娜在场。', {
      personNames: ['张志强', '欧阳娜娜'],
      addresses: ['秦皇岛市海港区建国路21号'],
      tradeSecrets: ['配方A-17以每吨3000元'],
    });
    expect(r.text).toBe(`当事人张某某（住【住址已隐去】）将${TRADE_SECRET_PLACEHOLDER}出售，经营者欧阳某某在场。`);
    expect(r.spans.map((s) => s.kind)).toEqual(['person_name', 'address', 'trade_secret', 'person_name']);
    for (const s of r.spans) expect(r.text.slice(s.start, s.end)).not.toMatch(/张志强|欧阳娜娜/);
  });

  it('maskPersonName keeps only the surname and never the length', () => {
    expect(maskPersonName('张三')).toBe('张某某');
    expect(maskPersonName('张三丰')).toBe('张某某');
    expect(maskPersonName('欧阳修')).toBe('欧阳某某');
    expect(maskPersonName('John Smith')).toBe('J.');
  });
});

// ---- property tests: nothing that looks like an ID, mobile, landline or card survives --------------------------------
const digitsN = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`));
const idNumber = digitsN(17).map((s) => s + idNumberCheckDigit(s));
const oldId = digitsN(15);
const mobile = fc.tuple(fc.constantFrom('13', '15', '17', '18', '19'), digitsN(9)).map(([a, b]) => a + b);
const landline = fc.tuple(fc.constantFrom('010', '0335', '021', '0571'), digitsN(7)).map(([a, b]) => `${a}-${b}`);
const card = fc.integer({ min: 15, max: 18 }).chain((n) => digitsN(n)).map(luhnComplete);
const han = fc.constantFrom(...'经查当事人于年月日在经营场所销售过期食品罚款没收违法所得电话号码身份证账户住址元整，。：、（）');
const filler = fc.array(fc.oneof(han, fc.constantFrom(' ', '-', 'A', 'x')), { minLength: 1, maxLength: 6 }).map((a) => a.join(''));
const shortDigits = fc.stringMatching(/^\d{1,6}$/);
const piece = fc.oneof(idNumber, oldId, mobile, landline, card, shortDigits, filler);
const text = fc.array(fc.tuple(piece, filler), { maxLength: 12 }).map((ps) => ps.map(([p, f]) => p + f).join(''));

describe('redaction properties', () => {
  it('no ID, phone or card pattern survives', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(findPersonalNumbers(redactText(s).text)).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });

  it('an embedded personal number never appears verbatim in the output', () => {
    fc.assert(
      fc.property(fc.oneof(idNumber, oldId, mobile, card), filler, filler, (n, a, b) => {
        const out = redactText(`${a}${n}${b}`).text;
        expect(out.includes(n)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('a listed name never appears in the output', () => {
    const name = fc.tuple(fc.constantFrom('张', '李', '王', '欧阳'), fc.constantFrom(...'志强桂芳伟娜丰')).map(([a, b]) => a + b + b);
    fc.assert(
      fc.property(name, text, text, (n, a, b) => {
        expect(redactText(a + n + b, { personNames: [n] }).text.includes(n)).toBe(false);
      }),
    );
  });

  it('text without personal data comes out unchanged', () => {
    fc.assert(fc.property(fc.array(fc.oneof(han, shortDigits.filter((d) => d.length < 7)), { maxLength: 30 }).map((a) => a.join('')), (s) => {
      fc.pre(!/\d{7,}/.test(s));
      expect(redactText(s).text).toBe(s);
    }));
  });
});

describe('search tokens', () => {
  it('splits Han runs into overlapping bigrams and keeps other words whole', () => {
    expect(searchTokens('行政处罚决定')).toEqual(['行政', '政处', '处罚', '罚决', '决定']);
    expect(searchTokens('罚款5000元, SAMR 食')).toEqual(['罚款', '5000', '元', 'samr', '食']);
    expect(searchDocument('扬尘 污染')).toBe('扬尘 污染');
  });

  it('turns a query into phrases of the same bigrams, all required', () => {
    expect(searchQuery('罚款')).toBe("'罚款'");
    expect(searchQuery('违法所得')).toBe("('违法' <-> '法所' <-> '所得')");
    expect(searchQuery('食品  罚款')).toBe("'食品' & '罚款'");
    expect(searchQuery('罚')).toBe("'罚':*");
    expect(searchQuery(" ' ; -- ")).toBeNull();
  });

  it('every query lexeme of a substring of a document is among the document tokens (so the phrase can match)', () => {
    fc.assert(
      fc.property(fc.array(han, { minLength: 2, maxLength: 20 }).map((a) => a.join('')), fc.nat(), fc.nat(), (doc, i, j) => {
        const chars = [...doc];
        const a = i % chars.length;
        const b = a + 2 + (j % Math.max(1, chars.length - a - 1));
        const sub = chars.slice(a, Math.min(b, chars.length)).join('');
        const q = searchQuery(sub);
        fc.pre(q !== null && !/[，。：、（）]/.test(sub) && [...sub].length >= 2);
        const lexemes = [...q!.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
        const tokens = new Set(searchTokens(doc));
        for (const l of lexemes) expect(tokens.has(l)).toBe(true);
      }),
    );
  });
});

describe('deadlines, exclusions, withdrawal', () => {
  const cal = shippedCalendar();
  const params = { 'publication.licencePenaltyWorkingDays': 7, 'publication.otherWorkingDays': 20, 'publication.withdrawWorkingDays': 3 };

  it('penalty decisions are due in 7 working days, others in 20, skipping the National Day holiday (118号 §二(六))', () => {
    expect(publicationDueOn('2026-06-01', 'penalty', params, cal)).toBe('2026-06-10');
    expect(publicationDueOn('2026-09-29', 'penalty', params, cal)).toBe('2026-10-14') // 10-10 (Sat) is a 调休 working day;
    expect(publicationDueOn('2026-06-01', 'inspection', params, cal)).toBe('2026-06-30'); // 06-19 is the Dragon Boat holiday
    expect(withdrawalDueOn('2026-06-05', params, cal)).toBe('2026-06-10');
  });

  it('excludes minors at the violation date, crime transfers and warning-only decisions (PR2, P12)', () => {
    const base = { partyType: 'individual' as const, partyBirthDate: '2008-06-02', violationOn: '2026-06-01', isSuspectedCrime: false, crimeTransferred: false, penaltyTypes: ['fine'] };
    expect(ageOn('2008-06-02', '2026-06-01')).toBe(17);
    expect(automaticExclusions(base)).toEqual(['minor']);
    expect(automaticExclusions({ ...base, partyBirthDate: '2008-06-01' })).toEqual([]);
    expect(automaticExclusions({ ...base, partyBirthDate: null, crimeTransferred: true })).toEqual(['crime_transfer']);
    expect(automaticExclusions({ ...base, partyType: 'organisation', penaltyTypes: ['warning'] })).toEqual(['warning_only']);
  });

  it('a withdrawal needs a public reason and happens once (行政处罚法 Art.48)', () => {
    expect(checkWithdrawal({ publicReason: '撤销', alreadyWithdrawn: false })?.code).toBe('RULE_VIOLATION');
    expect(checkWithdrawal({ publicReason: '该决定已被复议机关撤销。', alreadyWithdrawn: true })?.code).toBe('INVALID_TRANSITION');
    expect(checkWithdrawal({ publicReason: '该决定已被复议机关撤销。', alreadyWithdrawn: false })).toBeNull();
  });

  it('display periods: 3 months for a low fine or criticism, 3 years otherwise (SAMR 公示规定 Art.13)', () => {
    expect(displayUntil('2026-11-30', { types: ['fine'], fineAmount: 1000 }, 5000)).toBe('2027-02-28');
    expect(displayUntil('2026-06-01', { types: ['fine'], fineAmount: 10000 }, 5000)).toBe('2029-06-01');
    expect(displayUntil('2026-06-01', { types: ['fine', 'revoke_licence'], fineAmount: 100 }, 5000)).toBe('2029-06-01');
  });

  it('tracking numbers have a fixed shape and no personal data', () => {
    const n = complaintTrackingNo('2026-06-01', new Uint8Array([0, 1, 2, 3, 31, 200]));
    expect(n).toMatch(COMPLAINT_TRACKING_RE);
    expect(n.startsWith('TS20260601')).toBe(true);
  });
});

describe('licence and inspection publications (P8, P9) and privacy marks (PR3)', () => {
  it('states the licensing conclusion, with the reasons of a refusal', () => {
    expect(licenceResultText({ kind: 'grant', reasons: '材料齐全' })).toBe('准予行政许可');
    expect(licenceResultText({ kind: 'refuse', reasons: '经营场所不符合要求。' })).toBe('不予行政许可。理由：经营场所不符合要求。');
  });
  it('states an inspection result and its follow-ups', () => {
    expect(inspectionResultText({ outcome: 'no_problem', findings: [], followUps: [] })).toBe('未发现问题');
    expect(inspectionResultText({ outcome: 'problems_found', findings: ['台账不全', '标签不符'], followUps: ['rectification', 'penalty_case'] })).toBe('发现问题：台账不全；标签不符。处理：责令改正、立案查处');
  });
  it('titles by kind', () => {
    expect(publicationTitle('licence', '某局', 'JY1', 'refuse')).toBe('某局不予行政许可决定书（JY1）');
    expect(publicationTitle('inspection', '某局', null)).toBe('某局行政检查结果');
    expect(publicationTitle('penalty', '某局', '罚〔2026〕1号')).toBe('某局行政处罚决定书（罚〔2026〕1号）');
  });
  it('hides a passage marked as privacy with its own placeholder and span kind', () => {
    const r = redactText('当事人称其母亲患病住院，故未按时整改。', { privacyPassages: ['母亲患病住院'] });
    expect(r.text).toBe(`当事人称其${PRIVACY_PLACEHOLDER}，故未按时整改。`);
    expect(r.spans).toEqual([{ kind: 'privacy', start: 5, end: 5 + PRIVACY_PLACEHOLDER.length }]);
  });
});
