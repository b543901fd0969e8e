import { PENALTY_ACTIONS, PENALTY_STATUSES, REVIEW_CHECKLIST, type PenaltyAction } from '@zhifa/domain';
import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { isMessageKey } from '../../i18n/keys.ts';
import { translate, type MessageKey } from '../../i18n/index.tsx';
import { ACTION_FORMS, FIELD_LABEL_KEYS, REVIEW_CHECKLIST_KEYS, REVIEW_STEP_ACTIONS, SERVICE_METHODS, toActionPayload, type PayloadField } from './action-forms.ts';

const labelled = (key: string) => {
  expect(isMessageKey(key), `${key} is in the dictionary`).toBe(true);
  const zh = translate('zh-CN', key as MessageKey);
  const en = translate('en-US', key as MessageKey);
  expect(zh).not.toBe(key);
  expect(en).not.toBe(key);
  expect(zh).not.toBe(en);
};

describe('ACTION_FORMS', () => {
  it.each(PENALTY_ACTIONS)('%s has a form config whose required fields it shows, all labelled zh and en', (a) => {
    const c = ACTION_FORMS[a];
    expect(c, `config of ${a}`).toBeDefined();
    for (const f of c.required) expect(c.fields).toContain(f);
    for (const f of c.fields) {
      expect(Object.keys(FIELD_LABEL_KEYS)).toContain(f);
      labelled(c.labels?.[f] ?? FIELD_LABEL_KEYS[f]);
    }
    labelled(`caseAction.${a}`);
  });

  it('has no config for an action the domain does not know', () => {
    expect(Object.keys(ACTION_FORMS).sort()).toEqual([...PENALTY_ACTIONS].sort());
  });

  // The brief of issue #3 §8: which step asks for what.
  const expected: [PenaltyAction[], PayloadField[], PayloadField[]][] = [
    [['end_investigation'], ['findings', 'evidenceSummary', 'legalBasis', 'proposed', 'discretionTierLevel', 'justification'], ['findings', 'evidenceSummary', 'legalBasis', 'proposed']],
    [['submit_review'], ['reviewerId'], ['reviewerId']],
    [['pass_review'], ['checklist', 'opinion'], ['checklist', 'opinion']],
    [['return_for_supplement'], ['checklist', 'opinion'], ['checklist', 'opinion']],
    [['serve_notice'], ['serviceMethod', 'servedOn', 'statementWaiverSigned'], ['serviceMethod', 'servedOn']],
    [['serve_decision'], ['serviceMethod', 'servedOn'], ['serviceMethod', 'servedOn']],
    [['decide'], ['decisionKind', 'penaltyBasis'], ['decisionKind']],
    [['record_payment', 'record_part_payment'], ['paymentAmount', 'paidOn', 'paymentMethod', 'onSiteGround', 'receiptNo', 'paymentReference'], ['paymentAmount', 'paidOn', 'paymentMethod']],
    [['approve_deferral'], ['schedule', 'reason'], ['schedule', 'reason']],
    [['apply_court_enforcement'], ['reason'], ['reason']],
    // The server refuses these without a reason (cases.service checkPayload).
    [['suspend', 'terminate', 'transfer', 'decline_filing'], ['reason'], ['reason']],
  ];
  it.each(expected)('%j asks for %j, requiring %j', (actions, fields, required) => {
    for (const a of actions) {
      expect([...ACTION_FORMS[a].fields].sort()).toEqual([...fields].sort());
      expect([...ACTION_FORMS[a].required].sort()).toEqual([...required].sort());
    }
  });

  it('marks the case-ending steps as dangerous', () => {
    for (const a of ['decline_filing', 'suspend', 'terminate', 'transfer'] as const) expect(ACTION_FORMS[a].danger).toBe(true);
    expect(ACTION_FORMS.file.danger).toBeFalsy();
  });

  it('leaves legal review to the reviewer: pass and return only', () => {
    expect([...REVIEW_STEP_ACTIONS].sort()).toEqual(['pass_review', 'request_review_materials', 'return_for_supplement']);
  });
});

describe('vocabularies', () => {
  it('the review checklist is the domain’s 11 points, the table the server checks against', () => {
    expect(REVIEW_CHECKLIST_KEYS).toEqual(REVIEW_CHECKLIST.map((i) => i.key));
    expect(REVIEW_CHECKLIST_KEYS).toHaveLength(11);
    expect(REVIEW_CHECKLIST.find((i) => i.key === 'crime_transfer')?.zh).toContain('涉嫌犯罪');
    for (const r of ['pass', 'fail', 'not_applicable']) labelled(`checklistResult.${r}`);
  });

  it('service methods, the lead event and every step have labels', () => {
    for (const m of SERVICE_METHODS) labelled(`serviceMethod.${m}`);
    labelled('caseAction.open');
    // Statuses are labelled by the domain table, not the dictionary.
    expect(PENALTY_STATUSES.length).toBeGreaterThan(0);
  });
});

describe('toActionPayload', () => {
  it('sends only the step’s fields, trimmed, without blanks', () => {
    expect(toActionPayload('suspend', { reason: '  等待检验结果  ', findings: 'ignored', opinion: '' })).toEqual({ reason: '等待检验结果' });
    expect(toActionPayload('start_investigation', { reason: '   ' })).toEqual({});
  });

  it('builds the investigation conclusion: evidence rows, proposal in table order with the fine only when fined', () => {
    const p = toActionPayload('end_investigation', {
      findings: '销售过期食品',
      evidenceSummary: ['现场检查笔录', ' ', undefined, '询问笔录'],
      legalBasis: '《食品安全法》第三十四条',
      proposed: { types: ['fine', 'warning'], fineAmount: 5000 },
      discretionTierLevel: 'B',
      justification: '',
    });
    expect(p).toEqual({
      findings: '销售过期食品',
      evidenceSummary: ['现场检查笔录', '询问笔录'],
      legalBasis: '《食品安全法》第三十四条',
      proposed: { types: ['warning', 'fine'], fineAmount: 5000 },
      discretionTierLevel: 'B',
    });
    expect(Object.keys(p.proposed as object)).toEqual(['types', 'fineAmount']);
    expect(toActionPayload('end_investigation', { proposed: { types: ['warning'], fineAmount: 300 } }).proposed).toEqual({ types: ['warning'], fineAmount: null });
  });

  it('sends the checklist rows that have a result, with comments', () => {
    const p = toActionPayload('pass_review', {
      checklist: [{ key: 'subject_and_officers', result: 'pass' }, { key: 'procedure', result: 'not_applicable', comment: ' 简易 ' }, { key: 'documents' }],
      opinion: '同意',
    });
    expect(p).toEqual({ checklist: [{ key: 'subject_and_officers', result: 'pass' }, { key: 'procedure', result: 'not_applicable', comment: '简易' }], opinion: '同意' });
  });

  it('formats the service date and always states the waiver on a notice', () => {
    expect(toActionPayload('serve_notice', { serviceMethod: 'post', servedOn: dayjs('2026-03-02') })).toEqual({ serviceMethod: 'post', servedOn: '2026-03-02', statementWaiverSigned: false });
    expect(toActionPayload('serve_decision', { serviceMethod: 'direct', servedOn: dayjs('2026-03-09'), statementWaiverSigned: true })).toEqual({ serviceMethod: 'direct', servedOn: '2026-03-09' });
  });

  it('drops the penalty basis of a no-penalty decision', () => {
    expect(toActionPayload('decide', { decisionKind: 'no_penalty', penaltyBasis: '第x条' })).toEqual({ decisionKind: 'no_penalty' });
    expect(toActionPayload('decide', { decisionKind: 'penalty', penaltyBasis: '第x条' })).toEqual({ decisionKind: 'penalty', penaltyBasis: '第x条' });
    expect(toActionPayload('record_payment', { paymentAmount: 5000, paymentReference: ' 2026-001 ' })).toEqual({ paymentAmount: 5000, paymentReference: '2026-001' });
  });
  it('sends the on-site ground and receipt only for cash, and a schedule with dates as YYYY-MM-DD', () => {
    expect(toActionPayload('record_part_payment', { paymentAmount: 50, paymentMethod: 'bank', onSiteGround: 'small_fine', receiptNo: 'R1' })).toEqual({ paymentAmount: 50, paymentMethod: 'bank' });
    expect(toActionPayload('record_payment', { paymentAmount: 50, paymentMethod: 'on_site_cash', onSiteGround: 'small_fine', receiptNo: ' R1 ' })).toEqual({ paymentAmount: 50, paymentMethod: 'on_site_cash', onSiteGround: 'small_fine', receiptNo: 'R1' });
    const schedule = { kind: 'instalments' as const, appliedOn: dayjs('2026-03-01'), entries: [{ dueOn: dayjs('2026-04-01'), amount: 500 }, { dueOn: null, amount: 1 }, { dueOn: dayjs('2026-05-01'), amount: 500 }] };
    expect(toActionPayload('approve_deferral', { schedule, reason: ' 困难 ' })).toEqual({ schedule: { kind: 'instalments', appliedOn: '2026-03-01', entries: [{ dueOn: '2026-04-01', amount: 500 }, { dueOn: '2026-05-01', amount: 500 }] }, reason: '困难' });
  });
});
