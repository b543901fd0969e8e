import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { PENALTY_ACTIONS, PENALTY_STATUS_INFO, type PenaltyAction } from '@zhifa/domain';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppProviders } from '../../AppProviders.tsx';
import type { Me, PenaltyCase } from '../../api/types.ts';
import { AuthProviderForTests } from '../../auth/auth.tsx';
import { translate } from '../../i18n/index.tsx';
import { ActionForm } from './ActionFormDrawer.tsx';
import { CaseActionBar, caseActionButtons } from './CaseActionBar.tsx';
import { CaseStatusTag } from './CaseStatusTag.tsx';

const fetchMock = vi.fn<typeof fetch>();
beforeEach(() => {
  fetchMock.mockReset();
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => vi.unstubAllGlobals());

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function me(role: 'officer' | 'legal_reviewer' | 'supervisor', officerId: string | null = 'off-1'): Me {
  const permissions = { officer: ['registry.read', 'case.read', 'case.handle'], legal_reviewer: ['registry.read', 'case.read', 'case.review'], supervisor: ['registry.read', 'case.read'] }[role];
  return {
    user: {
      id: 'u1',
      username: role,
      displayName: '张三',
      role,
      status: 'active',
      agencyId: 'agency-1',
      regionCode: '130302',
      officerId,
      lockedUntil: null,
      failedLogins: 0,
      mustChangePassword: false,
      locale: 'zh-CN',
      version: 1,
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
    },
    permissions,
    scope: { kind: 'agency', agencyId: 'agency-1', regionCode: '130302', regionPath: '/130000/130300/130302/' },
    mustChangePassword: false,
  };
}

const twoOfficers = { code: 'RULE_VIOLATION', message: 'At least two certified officers are required.', messageZh: '须由两名以上持有效执法证件的执法人员实施。', citation: '行政处罚法 Art.42' };

function makeCase(over: Partial<PenaltyCase> = {}): PenaltyCase {
  return {
    id: 'case-1',
    caseNo: null,
    procedure: 'ordinary',
    itemId: 'item-1',
    itemName: '销售过期食品',
    agencyId: 'agency-1',
    agencyName: '某区市场监督管理局',
    regionPath: '/130000/130300/130302/',
    sector: 'market',
    placePath: '/130000/130300/130302/',
    status: 'lead',
    party: { type: 'individual', name: '李四', idNumber: '130302********1234' },
    facts: { reviewerId: null, proposed: null },
    availableActions: ['decline_filing', 'transfer'],
    refusedActions: [{ action: 'file', refusals: [twoOfficers] }],
    notices: [],
    version: 3,
    createdAt: '2026-03-01T00:00:00Z',
    updatedAt: '2026-03-01T00:00:00Z',
    ...over,
  };
}

function renderWith(node: React.ReactNode, who: Me, locale: 'zh-CN' | 'en-US' = 'zh-CN') {
  return render(
    <AppProviders initialLocale={locale}>
      <AuthProviderForTests me={who}>{node}</AuthProviderForTests>
    </AppProviders>,
  );
}

const notAssigned = { code: 'FORBIDDEN', message: 'x', messageZh: 'x' };

describe('caseActionButtons', () => {
  it('orders the steps as the transition table lists them, refused ones included; 移送 is left to the transfer card', () => {
    const b = caseActionButtons(makeCase(), { canHandle: true, canReview: false, officerId: 'off-1' }, notAssigned);
    expect(b.map((x) => x.action)).toEqual(['file', 'decline_filing']);
    expect(b[0]!.refusals).toEqual([twoOfficers]);
    expect(b[1]!.refusals).toEqual([]);
  });

  it('gives the review steps to the reviewer only, and refuses them to a reviewer the case was not submitted to', () => {
    const pc = makeCase({ status: 'under_review', facts: { reviewerId: 'off-9' }, availableActions: ['pass_review', 'return_for_supplement', 'suspend', 'transfer'], refusedActions: [] });
    expect(caseActionButtons(pc, { canHandle: true, canReview: false, officerId: 'off-1' }, notAssigned).map((x) => x.action)).toEqual(['suspend']);
    const mine = caseActionButtons(pc, { canHandle: false, canReview: true, officerId: 'off-9' }, notAssigned);
    expect(mine.map((x) => [x.action, x.refusals.length])).toEqual([
      ['pass_review', 0],
      ['return_for_supplement', 0],
    ]);
    const other = caseActionButtons(pc, { canHandle: false, canReview: true, officerId: 'off-2' }, notAssigned);
    expect(other.every((x) => x.refusals[0] === notAssigned)).toBe(true);
  });

  it('in a review chain, the current level’s position holder gets the review buttons whatever the login role; others see the server’s refusal', () => {
    const level = (key: string, isLegalReview = false) => ({ key, zh: key, en: key, signers: [key], isLegalReview, signoff: null });
    const chain = { chainCode: 'qinhuangdao-4', chainZh: '四级审核', chainVersion: 1, citation: null, round: 1, levels: [level('unit_head'), level('legal_division', true)], currentIndex: 0, returned: null, passedOn: null };
    const wrongPosition = { code: 'RULE_VIOLATION', message: 'not your level', messageZh: '不是您的层级', citation: 'chain', details: { guard: 'signerHoldsPosition' } };
    const signer = makeCase({ status: 'under_review', facts: { reviewerId: 'off-9' }, availableActions: ['pass_review', 'return_for_supplement', 'suspend'], refusedActions: [], reviewChain: { ...chain, canSign: true, signRefusal: null } });
    // A unit head logs in as an officer (no case.review): the buttons are theirs, enabled, without the assigned-reviewer check.
    expect(caseActionButtons(signer, { canHandle: true, canReview: false, officerId: 'off-3' }, notAssigned).map((x) => [x.action, x.refusals.length])).toEqual([
      ['pass_review', 0],
      ['return_for_supplement', 0],
      ['suspend', 0],
    ]);
    const reviewerView = makeCase({ status: 'under_review', facts: { reviewerId: 'off-9' }, availableActions: ['suspend'], refusedActions: [{ action: 'pass_review', refusals: [wrongPosition] }], reviewChain: { ...chain, canSign: false, signRefusal: wrongPosition } });
    const b = caseActionButtons(reviewerView, { canHandle: false, canReview: true, officerId: 'off-9' }, notAssigned);
    expect(b.map((x) => [x.action, x.refusals])).toEqual([['pass_review', [wrongPosition]]]);
    // A handler without the position does not see review buttons at all.
    expect(caseActionButtons(reviewerView, { canHandle: true, canReview: false, officerId: 'off-1' }, notAssigned).map((x) => x.action)).toEqual(['suspend']);
  });

  it('keeps a step enabled when its own form answers the refusal (no reviewer chosen before submit_review)', () => {
    const noReviewer = { code: 'RULE_VIOLATION', message: 'Assign a legal reviewer first.', messageZh: '请先指定法制审核人员。', citation: '行政处罚法 Art.58', details: { guard: 'reviewerNotInvestigator' } };
    const pc = makeCase({ status: 'investigation_ended', availableActions: ['start_investigation'], refusedActions: [{ action: 'submit_review', refusals: [noReviewer] }] });
    const who = { canHandle: true, canReview: false, officerId: 'off-1' };
    expect(caseActionButtons(pc, who, notAssigned).find((b) => b.action === 'submit_review')?.refusals).toEqual([]);
    const blocked = makeCase({ status: 'investigation_ended', availableActions: [], refusedActions: [{ action: 'submit_review', refusals: [noReviewer, { ...twoOfficers, details: { guard: 'twoCertifiedOfficers' } }] }] });
    expect(caseActionButtons(blocked, who, notAssigned).find((b) => b.action === 'submit_review')?.refusals).toHaveLength(2);
  });

  it('shows nothing to a read-only role', () => {
    expect(caseActionButtons(makeCase(), { canHandle: false, canReview: false, officerId: null }, notAssigned)).toEqual([]);
  });

  it('ignores names the domain does not know', () => {
    expect(caseActionButtons(makeCase({ availableActions: ['fly'], refusedActions: [] }), { canHandle: true, canReview: true, officerId: null }, notAssigned)).toEqual([]);
  });
});

describe('CaseActionBar', () => {
  it('renders allowed steps enabled and refused ones disabled, with the reason and the citation', async () => {
    const onAction = vi.fn();
    renderWith(<CaseActionBar pc={makeCase()} onAction={onAction} />, me('officer'));
    const file = screen.getByTestId('action-file') as HTMLButtonElement;
    expect(file.disabled).toBe(true);
    expect(file.getAttribute('data-refused')).toBe('true');
    expect(file.textContent).toContain('立案');
    const decline = screen.getByTestId('action-decline_filing') as HTMLButtonElement;
    expect(decline.disabled).toBe(false);
    fireEvent.click(decline);
    expect(onAction).toHaveBeenCalledWith('decline_filing');

    fireEvent.click(screen.getByTestId('action-refused-file'));
    const reason = await screen.findByText(twoOfficers.messageZh);
    expect(reason).toBeTruthy();
    expect((await screen.findByTestId('refusal-citation')).textContent).toContain('行政处罚法 Art.42');
  });

  it('speaks English in the English locale', async () => {
    renderWith(<CaseActionBar pc={makeCase()} onAction={() => undefined} />, me('officer'), 'en-US');
    expect(screen.getByTestId('action-file').textContent).toContain('File the case');
    fireEvent.click(screen.getByTestId('action-refused-file'));
    expect(await screen.findByText(twoOfficers.message)).toBeTruthy();
  });

  it('tells a supervisor the case is read-only', () => {
    renderWith(<CaseActionBar pc={makeCase()} onAction={() => undefined} />, me('supervisor', null));
    expect(screen.queryByTestId('action-decline_filing')).toBeNull();
    expect(screen.getByTestId('no-actions').textContent).toBe(translate('zh-CN', 'case.readOnly'));
  });

  it('labels every status with the domain table', () => {
    renderWith(<CaseStatusTag status="under_review" />, me('officer'));
    expect(screen.getByTestId('case-status-tag').textContent).toBe(PENALTY_STATUS_INFO.under_review.zh);
  });
});

// Full antd forms in jsdom on a busy CI core: more than the default 5 s of headroom.
describe('ActionForm', { timeout: 20_000 }, () => {
  const renderForm = (action: PenaltyAction, pc = makeCase({ status: 'investigating', availableActions: ['suspend'] }), onDone = vi.fn()) => {
    renderWith(<ActionForm pc={pc} action={action} onCancel={() => undefined} onDone={onDone} onReload={() => undefined} />, me('officer'));
    return onDone;
  };

  it.each(PENALTY_ACTIONS)('renders a form with a submit button for %s', (a) => {
    // Pickers and the item's tiers load in the background: an empty answer will do.
    fetchMock.mockImplementation(async () => json(200, { items: [], total: 0, page: 1, pageSize: 200, discretionTiers: [], legalBasis: [] }));
    renderForm(a);
    expect(screen.getByTestId(`action-form-${a}`)).toBeTruthy();
    expect(screen.getByTestId('action-submit')).toBeTruthy();
  });

  it('sends the version, the payload and an idempotency key, and hands back the updated case', async () => {
    const updated = makeCase({ status: 'suspended', version: 4 });
    fetchMock.mockResolvedValueOnce(json(200, updated));
    const onDone = renderForm('suspend');
    fireEvent.change(screen.getByTestId('field-reason'), { target: { value: '等待检验结果' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('action-submit'));
    });
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(updated, 'suspend'));
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/v1/cases/case-1/actions/suspend');
    const body = JSON.parse(String(init!.body)) as { payload: unknown; version: number; idempotencyKey: string };
    expect(body.payload).toEqual({ reason: '等待检验结果' });
    expect(body.version).toBe(3);
    expect(body.idempotencyKey).toMatch(/^ui-[0-9a-f]{32}$/);
  });

  it('keeps the form open on a 422 and shows the server’s Chinese message and citation', async () => {
    fetchMock.mockResolvedValueOnce(
      json(422, { error: { code: 'RULE_VIOLATION', message: twoOfficers.message, messageZh: twoOfficers.messageZh, details: { citation: twoOfficers.citation, refusals: [twoOfficers] }, requestId: 'r-1' } }),
    );
    const onDone = renderForm('suspend');
    fireEvent.change(screen.getByTestId('field-reason'), { target: { value: '等待检验结果' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('action-submit'));
    });
    expect((await screen.findByTestId('action-error-message')).textContent).toBe(twoOfficers.messageZh);
    expect(screen.getByTestId('action-error-citation').textContent).toContain('行政处罚法 Art.42');
    expect(onDone).not.toHaveBeenCalled();
    expect((screen.getByTestId('field-reason') as HTMLTextAreaElement).value).toBe('等待检验结果');
  });

  it('names the allowed steps of a 409 INVALID_TRANSITION in words', async () => {
    fetchMock.mockResolvedValueOnce(json(409, { error: { code: 'INVALID_TRANSITION', message: 'no', messageZh: '当前状态（中止调查）下不允许该操作。', details: { allowedActions: ['resume', 'terminate'] } } }));
    renderForm('suspend');
    fireEvent.change(screen.getByTestId('field-reason'), { target: { value: '等待检验结果' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('action-submit'));
    });
    const alert = await screen.findByTestId('action-error');
    expect(alert.textContent).toContain('恢复调查');
    expect(alert.textContent).toContain('终止调查');
  });

  it('puts a payload field issue on its field', async () => {
    fetchMock.mockResolvedValueOnce(json(400, { error: { code: 'VALIDATION_FAILED', message: 'bad', messageZh: '请求内容不符合要求。', details: { issues: [{ path: ['payload', 'reason'], message: 'a reason is required', messageZh: '须填写理由' }] } } }));
    renderForm('suspend');
    fireEvent.change(screen.getByTestId('field-reason'), { target: { value: '理由理由' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('action-submit'));
    });
    const form = await screen.findByTestId('action-form-suspend');
    await waitFor(() => expect(within(form).getByText('须填写理由')).toBeTruthy());
  });

  it('says what the form must supply when the server would refuse the step as it stands', () => {
    fetchMock.mockImplementation(async () => json(200, { items: [], total: 0, page: 1, pageSize: 200 }));
    const noReviewer = { code: 'RULE_VIOLATION', message: 'Assign a legal reviewer first.', messageZh: '请先指定法制审核人员。', citation: '行政处罚法 Art.58', details: { guard: 'reviewerNotInvestigator' } };
    renderForm('submit_review', makeCase({ status: 'investigation_ended', refusedActions: [{ action: 'submit_review', refusals: [noReviewer] }] }));
    expect(screen.getByTestId('action-pending').textContent).toContain('请先指定法制审核人员。');
  });

  it('asks why a checklist point fails before sending a return', async () => {
    fetchMock.mockResolvedValue(json(200, makeCase()));
    const onDone = renderForm('return_for_supplement', makeCase({ status: 'under_review', facts: { reviewerId: 'off-1' } }));
    fireEvent.click(screen.getByTestId('checklist-facts_and_evidence').querySelectorAll('input[type=radio]')[1]!);
    fireEvent.click(screen.getByTestId('checklist-all-pass'));
    fireEvent.change(screen.getByTestId('field-opinion'), { target: { value: '补充询问笔录' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('action-submit'));
    });
    expect(await screen.findByText(translate('zh-CN', 'case.checklistCommentRequired'))).toBeTruthy();
    expect(onDone).not.toHaveBeenCalled();
    fireEvent.change(screen.getByTestId('checklist-comment-facts_and_evidence'), { target: { value: '缺少询问笔录' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('action-submit'));
    });
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    const body = JSON.parse(String(fetchMock.mock.calls.at(-1)![1]!.body)) as { payload: { checklist: { key: string; result: string; comment?: string }[] } };
    expect(body.payload.checklist.find((r) => r.key === 'facts_and_evidence')).toEqual({ key: 'facts_and_evidence', result: 'fail', comment: '缺少询问笔录' });
  });

  it('asks for the 11-item checklist on a passed review, with a one-click pass', async () => {
    fetchMock.mockResolvedValue(json(200, makeCase()));
    const onDone = renderForm('pass_review', makeCase({ status: 'under_review', facts: { reviewerId: 'off-1' } }));
    expect(screen.getByTestId('review-checklist').querySelectorAll('.zf-checklist-row')).toHaveLength(11);
    fireEvent.click(screen.getByTestId('checklist-all-pass'));
    fireEvent.change(screen.getByTestId('field-opinion'), { target: { value: '同意' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('action-submit'));
    });
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    const body = JSON.parse(String(fetchMock.mock.calls.at(-1)![1]!.body)) as { payload: { checklist: { result: string }[]; opinion: string } };
    expect(body.payload.checklist).toHaveLength(11);
    expect(body.payload.checklist.every((r) => r.result === 'pass')).toBe(true);
    expect(body.payload.opinion).toBe('同意');
  });
});
