/**
 * The one HTTP client of the web app. Every call sends the session cookie, speaks JSON, and turns the server's
 * structured error body `{ error: { code, message, messageZh, details, requestId } }` into an {@link ApiError}.
 * A 401 (no session, session expired) hands over to the registered unauthorized handler, which sends the user to
 * /admin/login; a 403 PASSWORD_CHANGE_REQUIRED hands over to the password-change handler.
 */

export const API_BASE = '/api/v1';

export interface ApiErrorBody {
  code: string;
  message: string;
  messageZh?: string;
  details?: Record<string, unknown>;
  requestId?: string;
}

/** A field-level problem, as the server reports it in `details.issues` (path may start with 'body'). */
export interface ApiIssue {
  path: (string | number)[];
  message: string;
  messageZh?: string;
}

export class ApiError extends Error {
  readonly code: string;
  readonly messageZh: string;
  readonly details: Record<string, unknown> | undefined;
  readonly requestId: string | undefined;
  readonly status: number;

  constructor(status: number, body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.messageZh = body.messageZh ?? body.message;
    this.details = body.details;
    this.requestId = body.requestId;
  }

  /** The message in the user's language. */
  localized(locale: string): string {
    return locale.startsWith('zh') ? this.messageZh || this.message : this.message || this.messageZh;
  }

  /** Field issues from a 400 VALIDATION_FAILED / 422 (empty when there are none). */
  get issues(): ApiIssue[] {
    const raw = this.details?.issues;
    if (!Array.isArray(raw)) return [];
    return raw.filter((i): i is ApiIssue => typeof i === 'object' && i !== null && Array.isArray((i as ApiIssue).path));
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

type Handler = (err: ApiError) => void;

function defaultUnauthorized(): void {
  if (typeof window === 'undefined') return;
  const { pathname, search } = window.location;
  if (pathname.startsWith('/admin/login')) return;
  const next = encodeURIComponent(pathname + search);
  window.location.assign(`/admin/login?next=${next}`);
}

let unauthorizedHandler: Handler = defaultUnauthorized;
let passwordChangeHandler: Handler | null = null;

/** The back office registers a router-aware handler (no full page reload); returns an unregister function. */
export function setUnauthorizedHandler(fn: Handler | null): () => void {
  unauthorizedHandler = fn ?? defaultUnauthorized;
  return () => {
    unauthorizedHandler = defaultUnauthorized;
  };
}
export function setPasswordChangeHandler(fn: Handler | null): () => void {
  passwordChangeHandler = fn;
  return () => {
    passwordChangeHandler = null;
  };
}

export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue>;

/** `?a=1&b=x`, leaving out undefined, null and empty strings. */
export function buildQuery(params?: QueryParams): string {
  if (!params) return '';
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: QueryParams;
  /** JSON body. */
  body?: unknown;
  /** Multipart body (file uploads); takes precedence over `body`. */
  form?: FormData;
  signal?: AbortSignal;
  /** Do not redirect on 401 (the login call itself, where 401 means wrong credentials). */
  skipAuthRedirect?: boolean;
  /** Extra request headers (e.g. a public access code, kept out of the URL). */
  headers?: Record<string, string>;
}

async function parseError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  const text = await res.text().catch(() => '');
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  const e = (body as { error?: Partial<ApiErrorBody> } | null)?.error;
  if (e && typeof e.code === 'string') {
    return new ApiError(res.status, {
      code: e.code,
      message: e.message ?? res.statusText,
      messageZh: e.messageZh ?? e.message ?? res.statusText,
      ...(e.details ? { details: e.details } : {}),
      ...(e.requestId ? { requestId: e.requestId } : {}),
    });
  }
  // Not our error shape (proxy, gateway, server down): keep the status, say so plainly.
  return new ApiError(res.status, {
    code: res.status >= 500 ? 'INTERNAL' : `HTTP_${res.status}`,
    message: `The server answered ${res.status} ${res.statusText}`.trim(),
    messageZh: `服务器返回错误（${res.status}）`,
  });
}

function dispatch(err: ApiError, opts: RequestOptions): void {
  if (err.status === 401 && !opts.skipAuthRedirect) unauthorizedHandler(err);
  else if (err.status === 403 && err.code === 'PASSWORD_CHANGE_REQUIRED' && passwordChangeHandler) passwordChangeHandler(err);
}

/** Low-level request returning the raw Response (after error handling). */
export async function rawRequest(path: string, opts: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
  let body: BodyInit | undefined;
  if (opts.form) body = opts.form;
  else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  const url = `${path.startsWith('/api/') ? '' : API_BASE}${path}${buildQuery(opts.query)}`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: opts.method ?? (body !== undefined ? 'POST' : 'GET'),
      credentials: 'include',
      headers,
      ...(body !== undefined ? { body } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
  } catch (cause) {
    if ((cause as { name?: string })?.name === 'AbortError') throw cause;
    throw new ApiError(0, { code: 'NETWORK', message: 'Cannot reach the server. Check your network connection.', messageZh: '无法连接服务器，请检查网络。' });
  }
  if (!res.ok) {
    const err = await parseError(res);
    dispatch(err, opts);
    throw err;
  }
  return res;
}

/** JSON request; 204 resolves to `undefined`. */
export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await rawRequest(path, opts);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) => request<T>(path, { method: 'GET', ...(query ? { query } : {}), ...(signal ? { signal } : {}) }),
  post: <T>(path: string, body?: unknown, opts: Omit<RequestOptions, 'body' | 'method'> = {}) => request<T>(path, { ...opts, method: 'POST', body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>(path, { method: 'PATCH', body }),
  put: <T>(path: string, body: unknown) => request<T>(path, { method: 'PUT', body }),
  upload: <T>(path: string, file: File | Blob, fileName?: string) => {
    const form = new FormData();
    form.append('file', file, fileName ?? (file instanceof File ? file.name : 'upload.xlsx'));
    return request<T>(path, { method: 'POST', form });
  },
};

/** Download a file (template, export) through fetch so errors and 401 are handled like any call. */
export async function downloadFile(path: string, query: QueryParams | undefined, fallbackName: string): Promise<void> {
  const res = await rawRequest(path, { method: 'GET', ...(query ? { query } : {}) });
  const blob = await res.blob();
  const cd = res.headers.get('content-disposition') ?? '';
  const m = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(cd);
  const name = m?.[1] ? decodeURIComponent(m[1]) : fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
