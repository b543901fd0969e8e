import { Alert } from 'antd';
import { useT } from '../i18n/index.tsx';
import { fmtDateTime } from '../lib/format.ts';

/** A withdrawn record stays readable (history is never deleted) but can no longer be edited. */
export function WithdrawnNotice({ withdrawnAt, reason }: { withdrawnAt: string | null; reason: string | null }) {
  const t = useT();
  if (!withdrawnAt) return null;
  return <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="withdrawn-notice" title={t('common.withdrawnNotice', { when: fmtDateTime(withdrawnAt), reason: reason ?? '—' })} />;
}
