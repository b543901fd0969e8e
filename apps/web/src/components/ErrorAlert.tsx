import { Alert, Button } from 'antd';
import type { ApiIssue } from '../api/client.ts';
import { isApiError } from '../api/client.ts';
import { useLocale, useT } from '../i18n/index.tsx';
import { issueMessage, issuePath, useErrorText } from '../lib/errors.ts';

/**
 * A request's error as an alert: the localized message, the field issues no form field shows, the request id for
 * support, and a reload button for a version conflict (someone else saved first).
 */
export function ErrorAlert({ error, issues, onReload, testId = 'error-alert' }: { error: unknown; issues?: ApiIssue[]; onReload?: () => void; testId?: string }) {
  const t = useT();
  const { locale } = useLocale();
  const errorText = useErrorText();
  if (!error) return null;
  const requestId = isApiError(error) ? error.requestId : undefined;
  const conflict = isApiError(error) && error.code === 'VERSION_CONFLICT';
  const hint = isApiError(error) && typeof error.details?.hint === 'string' ? error.details.hint : undefined;
  const list = issues ?? [];
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid={testId}
      title={errorText(error)}
      description={
        list.length || requestId || hint ? (
          <div>
            {list.length ? (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {list.map((i, n) => (
                  <li key={n}>
                    <code>{issuePath(i).join('.')}</code>: {issueMessage(i, locale)}
                  </li>
                ))}
              </ul>
            ) : null}
            {hint ? <div>{hint}</div> : null}
            {requestId ? <div style={{ fontSize: 12, opacity: 0.65 }}>{t('error.requestId', { id: requestId })}</div> : null}
          </div>
        ) : undefined
      }
      action={
        conflict && onReload ? (
          <Button size="small" onClick={onReload} data-testid="reload-after-conflict">
            {t('common.reload')}
          </Button>
        ) : undefined
      }
    />
  );
}
