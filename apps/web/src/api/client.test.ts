import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, buildQuery, setPasswordChangeHandler, setUnauthorizedHandler } from './client.ts';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

const fetchMock = vi.fn<typeof fetch>();

beforeEach(() => {
  fetchMock.mockReset();
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => {
  vi.unstubAllGlobals();
  setUnauthorizedHandler(null);
  setPasswordChangeHandler(null);
});

describe('api client', () => {
  it('sends cookies and JSON, and returns the parsed body', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { items: [], total: 0 }));
    const r = await api.get<{ total: number }>('/subjects', { q: '市场', page: 1, sector: undefined, status: '' });
    expect(r.total).toBe(0);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe(`/api/v1/subjects?q=${encodeURIComponent('市场')}&page=1`);
    expect(init?.credentials).toBe('include');
    expect(init?.method).toBe('GET');
  });

  it('posts a JSON body with a content type', async () => {
    fetchMock.mockResolvedValueOnce(new Response(null, { status: 204 }));
    await expect(api.post('/auth/logout', {})).resolves.toBeUndefined();
    const init = fetchMock.mock.calls[0]![1]!;
    expect(init.method).toBe('POST');
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    expect(init.body).toBe('{}');
  });

  it('turns the structured error body into an ApiError with code, both messages, details and request id', async () => {
    fetchMock.mockResolvedValueOnce(
      jsonResponse(409, {
        error: { code: 'VERSION_CONFLICT', message: 'The record was changed by someone else; reload and retry.', messageZh: '记录已被他人修改，请刷新后重试。', details: { expectedVersion: 3 }, requestId: 'req-1' },
      }),
    );
    const err = await api.patch('/subjects/x', { version: 3 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    const e = err as ApiError;
    expect(e.status).toBe(409);
    expect(e.code).toBe('VERSION_CONFLICT');
    expect(e.messageZh).toBe('记录已被他人修改，请刷新后重试。');
    expect(e.details).toEqual({ expectedVersion: 3 });
    expect(e.requestId).toBe('req-1');
    expect(e.localized('zh-CN')).toBe('记录已被他人修改，请刷新后重试。');
    expect(e.localized('en-US')).toMatch(/changed by someone else/);
  });

  it('exposes validation issues from details.issues', async () => {
    fetchMock.mockResolvedValueOnce(
      jsonResponse(400, {
        error: { code: 'VALIDATION_FAILED', message: 'The request is invalid.', messageZh: '请求内容不符合要求。', details: { issues: [{ path: ['body', 'uscc'], message: 'bad check character' }] }, requestId: 'r' },
      }),
    );
    const e = (await api.post('/subjects', {}).catch((x: unknown) => x)) as ApiError;
    expect(e.issues).toEqual([{ path: ['body', 'uscc'], message: 'bad check character' }]);
  });

  it('calls the unauthorized handler on 401, except when told not to (login)', async () => {
    const onUnauthorized = vi.fn();
    setUnauthorizedHandler(onUnauthorized);
    fetchMock.mockResolvedValueOnce(jsonResponse(401, { error: { code: 'SESSION_EXPIRED', message: 'expired', messageZh: '会话已超时', requestId: 'r' } }));
    await expect(api.get('/auth/me')).rejects.toMatchObject({ code: 'SESSION_EXPIRED', status: 401 });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(onUnauthorized.mock.calls[0]![0]).toBeInstanceOf(ApiError);

    fetchMock.mockResolvedValueOnce(jsonResponse(401, { error: { code: 'INVALID_CREDENTIALS', message: 'wrong', messageZh: '用户名或密码错误。', details: { remainingAttempts: 2 }, requestId: 'r' } }));
    await expect(api.post('/auth/login', { username: 'a', password: 'b' }, { skipAuthRedirect: true })).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS', details: { remainingAttempts: 2 } });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('hands PASSWORD_CHANGE_REQUIRED to the password-change handler', async () => {
    const onPw = vi.fn();
    setPasswordChangeHandler(onPw);
    fetchMock.mockResolvedValueOnce(jsonResponse(403, { error: { code: 'PASSWORD_CHANGE_REQUIRED', message: 'change', messageZh: '请先修改密码。', requestId: 'r' } }));
    await expect(api.get('/subjects')).rejects.toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });
    expect(onPw).toHaveBeenCalledTimes(1);
  });

  it('reports a non-JSON error (proxy, gateway) with its status', async () => {
    fetchMock.mockResolvedValueOnce(new Response('<html>Bad Gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    const e = (await api.get('/subjects').catch((x: unknown) => x)) as ApiError;
    expect(e.status).toBe(502);
    expect(e.code).toBe('INTERNAL');
    expect(e.messageZh).toContain('502');
  });

  it('reports an unreachable server as NETWORK', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await expect(api.get('/subjects')).rejects.toMatchObject({ code: 'NETWORK', status: 0 });
  });

  it('uploads multipart without forcing a JSON content type', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(202, { id: 'imp-1' }));
    const file = new File(['PK'], 'officers.xlsx');
    await expect(api.upload<{ id: string }>('/imports/officers', file)).resolves.toEqual({ id: 'imp-1' });
    const init = fetchMock.mock.calls[0]![1]!;
    expect(init.body).toBeInstanceOf(FormData);
    expect((init.body as FormData).get('file')).toBeInstanceOf(File);
    expect((init.headers as Record<string, string>)['Content-Type']).toBeUndefined();
  });
});

describe('buildQuery', () => {
  it('drops empty values', () => {
    expect(buildQuery({ a: 1, b: '', c: null, d: undefined, e: false })).toBe('?a=1&e=false');
    expect(buildQuery({})).toBe('');
  });
});
