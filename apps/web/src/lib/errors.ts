import type { FormInstance } from 'antd';
import { useCallback } from 'react';
import { ApiError, isApiError, type ApiIssue } from '../api/client.ts';
import { useLocale, useT, type Locale, type Translate } from '../i18n/index.tsx';

/** Leading segments Fastify adds to schema-validation paths ('body', 'querystring', 'params'). */
const CONTEXT_SEGMENTS = new Set(['body', 'querystring', 'params', 'headers']);

/** Form name path of a server issue: context prefix stripped, numeric segments as list indexes. */
export function issuePath(issue: ApiIssue): (string | number)[] {
  const p = [...issue.path];
  if (p.length > 1 && typeof p[0] === 'string' && CONTEXT_SEGMENTS.has(p[0])) p.shift();
  return p.map((s) => (typeof s === 'string' && /^\d+$/.test(s) ? Number(s) : s));
}

export function issueMessage(issue: ApiIssue, locale: Locale): string {
  return locale === 'zh-CN' ? issue.messageZh || issue.message : issue.message;
}

/** The user-facing text of any error, in the user's language, with the details that help (citation, hint). */
export function errorText(err: unknown, locale: Locale, t: Translate): string {
  if (isApiError(err)) {
    let s = err.localized(locale);
    const citation = err.details?.citation;
    if (typeof citation === 'string' && citation) s += ` (${citation})`;
    const allowed = err.details?.allowedActions;
    if (err.code === 'INVALID_TRANSITION' && Array.isArray(allowed)) {
      s += ` ${t('error.allowedActions', { actions: allowed.length ? allowed.join(', ') : '—' })}`;
    }
    return s;
  }
  if (err instanceof Error && err.message) return err.message;
  return t('error.unknown');
}

/** Hook form of {@link errorText}. */
export function useErrorText(): (err: unknown) => string {
  const t = useT();
  const { locale } = useLocale();
  return useCallback((err: unknown) => errorText(err, locale, t), [locale, t]);
}

/**
 * Puts the server's field issues (400 VALIDATION_FAILED `details.issues`, or 422) on the form's fields. Returns the
 * issues whose field the form does not show, so the caller can list them in an alert instead of losing them.
 */
export function applyFieldErrors(form: FormInstance, err: unknown, locale: Locale): ApiIssue[] {
  if (!(err instanceof ApiError)) return [];
  const issues = err.issues;
  if (!issues.length) return [];
  const registered = new Set(Object.keys((form.getFieldsValue() as Record<string, unknown> | undefined) ?? {}));
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const unmatched: ApiIssue[] = [];
  for (const issue of issues) {
    const name = issuePath(issue);
    const root = name[0];
    if (root === undefined || !registered.has(String(root))) {
      unmatched.push(issue);
      continue;
    }
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(issueMessage(issue, locale));
    byField.set(key, entry);
  }
  form.setFields([...byField.values()].map((f) => ({ name: f.name, errors: f.errors })));
  const first = [...byField.values()][0];
  if (first) form.scrollToField(first.name, { block: 'center' });
  return unmatched;
}
