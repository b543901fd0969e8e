import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppProviders } from '../../../AppProviders.tsx';
import type { CaseTodo, Me } from '../../../api/types.ts';
import { AuthProviderForTests } from '../../../auth/auth.tsx';
import TodoPage, { sortTodos } from './TodoPage.tsx';

const fetchMock = vi.fn<typeof fetch>();
beforeEach(() => {
  fetchMock.mockReset();
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => vi.unstubAllGlobals());

const todo = (over: Partial<CaseTodo>): CaseTodo => ({
  caseId: 'c',
  caseNo: null,
  partyName: '李四',
  itemName: '销售过期食品',
  status: 'investigating',
  nextActions: ['end_investigation'],
  dueOn: null,
  deadlineKey: null,
  daysLeft: null,
  overdue: false,
  ...over,
});

const me: Me = {
  user: { id: 'u1', username: 'officer', displayName: '张三', role: 'officer', status: 'active', agencyId: 'a', regionCode: '130302', officerId: 'o1', lockedUntil: null, failedLogins: 0, mustChangePassword: false, locale: 'zh-CN', version: 1, createdAt: '', updatedAt: '' },
  permissions: ['registry.read', 'case.read', 'case.handle'],
  scope: { kind: 'agency', agencyId: 'a', regionCode: '130302', regionPath: '/130000/130300/130302/' },
  mustChangePassword: false,
};

describe('sortTodos', () => {
  it('puts overdue first, then the nearest due date, undated last', () => {
    const out = sortTodos([
      todo({ caseId: 'none' }),
      todo({ caseId: 'late', dueOn: '2026-03-20', daysLeft: 2 }),
      todo({ caseId: 'soon', dueOn: '2026-03-19', daysLeft: 1 }),
      todo({ caseId: 'overdue', dueOn: '2026-03-25', daysLeft: -3, overdue: true }),
    ]);
    expect(out.map((t) => t.caseId)).toEqual(['overdue', 'soon', 'late', 'none']);
  });
});

describe('TodoPage', () => {
  it('lists the to-dos with links to the case, next steps in words and overdue days in red', async () => {
    fetchMock.mockResolvedValue(
      new Response(
        JSON.stringify({
          items: [
            todo({ caseId: 'c1', caseNo: '冀秦市监立〔2026〕1号', dueOn: '2026-03-20', daysLeft: 4, deadlineKey: 'caseDecision' }),
            todo({ caseId: 'c2', caseNo: '冀秦市监立〔2026〕2号', dueOn: '2026-03-10', daysLeft: -2, overdue: true, deadlineKey: 'filingDecision', nextActions: ['file'] }),
          ],
        }),
        { status: 200 },
      ),
    );
    render(
      <AppProviders initialLocale="zh-CN">
        <AuthProviderForTests me={me}>
          <MemoryRouter>
            <TodoPage />
          </MemoryRouter>
        </AuthProviderForTests>
      </AppProviders>,
    );
    const rows = await screen.findAllByTestId('todo-row');
    expect(rows.map((r) => r.getAttribute('data-case-id'))).toEqual(['c2', 'c1']);
    expect(within(rows[0]!).getByTestId('todo-link').getAttribute('href')).toBe('/admin/cases/c2');
    expect(rows[0]!.textContent).toContain('立案');
    const due = within(rows[0]!).getByTestId('todo-due');
    expect(due.getAttribute('data-overdue')).toBe('true');
    expect(due.className).toContain('danger');
    expect(due.textContent).toContain('已逾期 2 天');
    expect(within(rows[1]!).getByTestId('todo-due').textContent).toContain('剩余 4 天');
    expect(fetchMock.mock.calls[0]![0]).toBe('/api/v1/cases/todo');
  });
});
