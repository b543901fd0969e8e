import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { AppProviders } from '../../AppProviders.tsx';
import { ApiError } from '../../api/client.ts';
import { translate } from '../../i18n/index.tsx';
import LoginPage, { loginErrorText, safeNext } from './LoginPage.tsx';

const fetchMock = vi.fn<typeof fetch>();
beforeEach(() => {
  fetchMock.mockReset();
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => vi.unstubAllGlobals());

const zh = (k: Parameters<typeof translate>[1], v?: Parameters<typeof translate>[2]) => translate('zh-CN', k, v);
const en = (k: Parameters<typeof translate>[1], v?: Parameters<typeof translate>[2]) => translate('en-US', k, v);

function renderLogin(locale: 'zh-CN' | 'en-US' = 'zh-CN') {
  return render(
    <AppProviders initialLocale={locale}>
      <MemoryRouter initialEntries={['/admin/login?next=%2Fadmin%2Fofficers']}>
        <Routes>
          <Route path="/admin/login" element={<LoginPage />} />
          <Route path="/admin/officers" element={<div data-testid="landed">officers</div>} />
          <Route path="/admin/change-password" element={<div data-testid="change-password">change</div>} />
        </Routes>
      </MemoryRouter>
    </AppProviders>,
  );
}

function submit(username: string, password: string) {
  fireEvent.change(screen.getByTestId('login-username'), { target: { value: username } });
  fireEvent.change(screen.getByTestId('login-password'), { target: { value: password } });
  fireEvent.click(screen.getByTestId('login-submit'));
}

describe('login error messages', () => {
  it('adds the remaining attempts to INVALID_CREDENTIALS, in the user’s language', () => {
    const e = new ApiError(401, { code: 'INVALID_CREDENTIALS', message: 'Wrong username or password.', messageZh: '用户名或密码错误。', details: { remainingAttempts: 2 } });
    expect(loginErrorText(e, 'zh-CN', zh)).toBe('用户名或密码错误。 还可尝试 2 次。');
    expect(loginErrorText(e, 'en-US', en)).toBe('Wrong username or password. 2 attempt(s) left.');
  });

  it('adds the lock end to ACCOUNT_LOCKED', () => {
    const e = new ApiError(423, { code: 'ACCOUNT_LOCKED', message: 'Locked.', messageZh: '账号因多次登录失败已被锁定。', details: { lockedUntil: '2026-06-01T02:15:00.000Z' } });
    expect(loginErrorText(e, 'zh-CN', zh)).toMatch(/^账号因多次登录失败已被锁定。 锁定至 2026-06-01 \d\d:15:00。$/);
  });

  it('only accepts back-office paths as the post-login target', () => {
    expect(safeNext('%2Fadmin%2Fofficers')).toBe('/admin/officers');
    expect(safeNext('https%3A%2F%2Fevil.example')).toBe('/admin');
    expect(safeNext('//evil.example')).toBe('/admin');
    expect(safeNext(null)).toBe('/admin');
  });
});

describe('LoginPage', () => {
  it('shows the server error on a failed login', async () => {
    fetchMock.mockResolvedValueOnce(
      new Response(JSON.stringify({ error: { code: 'INVALID_CREDENTIALS', message: 'Wrong username or password.', messageZh: '用户名或密码错误。', details: { remainingAttempts: 4 }, requestId: 'r1' } }), {
        status: 401,
        headers: { 'content-type': 'application/json' },
      }),
    );
    renderLogin();
    submit('zhangsan', 'wrong');
    const err = await screen.findByTestId('login-error');
    expect(err.textContent).toBe('用户名或密码错误。 还可尝试 4 次。');
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/v1/auth/login');
    expect(JSON.parse(String(init?.body))).toEqual({ username: 'zhangsan', password: 'wrong' });
  });

  it('goes to the requested page after login', async () => {
    fetchMock.mockResolvedValueOnce(new Response(JSON.stringify({ user: { id: 'u', mustChangePassword: false } }), { status: 200, headers: { 'content-type': 'application/json' } }));
    renderLogin();
    submit('zhangsan', 'right-password');
    await waitFor(() => expect(screen.getByTestId('landed')).toBeTruthy());
  });

  it('goes to the change-password page when the password must be changed', async () => {
    fetchMock.mockResolvedValueOnce(new Response(JSON.stringify({ user: { id: 'u', mustChangePassword: true } }), { status: 200, headers: { 'content-type': 'application/json' } }));
    renderLogin('en-US');
    submit('zhangsan', 'initial');
    await waitFor(() => expect(screen.getByTestId('change-password')).toBeTruthy());
  });
});
