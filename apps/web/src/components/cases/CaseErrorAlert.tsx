import { Alert, Button } from 'antd';
import { isApiError, type ApiIssue } from '../../api/client.ts';
import type { CaseRefusal } from '../../api/types.ts';
import { useLocale, useT } from '../../i18n/index.tsx';
import { issueMessage, issuePath, useErrorText } from '../../lib/errors.ts';
import { useCaseLabels } from './useCaseLabels.ts';

const refusalsOf = (details: Record<string, unknown> | undefined): CaseRefusal[] => {
  const raw = details?.refusals;
  return Array.isArray(raw) ? raw.filter((r): r is CaseRefusal => typeof r === 'object' && r !== null && typeof (r as CaseRefusal).messageZh === 'string') : [];
};

/**
 * A refused step, as the server explained it: the message in the user's language with its legal citation (422
 * RULE_VIOLATION), every other refusal of the same step, or the steps the status allows (409 INVALID_TRANSITION,
 * named in words). A version conflict offers to reload the case.
 */
export function CaseErrorAlert({ error, issues = [], onReload }: { error: unknown; issues?: ApiIssue[]; onReload?: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const labels = useCaseLabels();
  const errorText = useErrorText();
  if (!error) return null;
  if (!isApiError(error)) return <Alert type="error" showIcon title={errorText(error)} data-testid="action-error" style={{ marginBottom: 12 }} />;
  const zh = locale === 'zh-CN';
  const citation = typeof error.details?.citation === 'string' ? error.details.citation : undefined;
  const allowed = error.code === 'INVALID_TRANSITION' && Array.isArray(error.details?.allowedActions) ? (error.details.allowedActions as string[]) : null;
  const more = refusalsOf(error.details).slice(1);
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="action-error"
      data-code={error.code}
      title={<span data-testid="action-error-message">{error.localized(locale)}</span>}
      description={
        <div style={{ overflowWrap: 'anywhere' }}>
          {citation ? (
            <div data-testid="action-error-citation">
              {t('case.citationLine', { citation })}
            </div>
          ) : null}
          {allowed ? <div>{t('case.allowedNow', { actions: allowed.length ? allowed.map(labels.action).join(zh ? '、' : ', ') : '—' })}</div> : null}
          {more.length ? (
            <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }}>
              {more.map((r, i) => (
                <li key={i}>
                  {zh ? r.messageZh : r.message}
                  {r.citation ? `（${r.citation}）` : ''}
                </li>
              ))}
            </ul>
          ) : null}
          {issues.length ? (
            <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }}>
              {issues.map((i, n) => (
                <li key={n}>
                  <code>{issuePath(i).join('.')}</code>: {issueMessage(i, locale)}
                </li>
              ))}
            </ul>
          ) : null}
          {error.requestId ? <div style={{ fontSize: 12, opacity: 0.65 }}>{t('error.requestId', { id: error.requestId })}</div> : null}
        </div>
      }
      action={
        error.code === 'VERSION_CONFLICT' && onReload ? (
          <Button size="small" onClick={onReload} data-testid="reload-after-conflict">
            {t('common.reload')}
          </Button>
        ) : undefined
      }
    />
  );
}
