import { Button, Skeleton, Space } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { useT } from '../i18n/index.tsx';
import type { RegistryForm } from '../lib/useRegistryForm.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { PageHeader } from './PageHeader.tsx';

/**
 * The frame of a registry create/edit page: a skeleton (or the load error) until the edited record is there, then the
 * header, an optional notice, the save error with the field issues no field shows, and the form (`children`).
 */
export function RegistryFormPage<V, R extends { id: string; version: number }>({
  reg,
  testId,
  title,
  sub,
  notice,
  children,
}: {
  reg: RegistryForm<V, R>;
  testId: string;
  title: ReactNode;
  sub?: ReactNode;
  /** Shown between the header and the save error. */
  notice?: ReactNode;
  children: ReactNode;
}) {
  if (reg.editing && reg.current.isPending) return <Skeleton active />;
  if (reg.editing && reg.current.isError) return <ErrorAlert error={reg.current.error} />;
  return (
    <div data-testid={testId}>
      <PageHeader title={title} sub={sub} />
      {notice}
      <ErrorAlert error={reg.save.error} issues={reg.issues} onReload={reg.reload} />
      {children}
    </div>
  );
}

/** Save (submits the enclosing form) and Cancel (back to where the user came from). */
export function FormActions({ saving, submitTestId }: { saving: boolean; submitTestId: string }) {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Space>
      <Button type="primary" htmlType="submit" loading={saving} data-testid={submitTestId}>
        {t('common.save')}
      </Button>
      <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
    </Space>
  );
}
