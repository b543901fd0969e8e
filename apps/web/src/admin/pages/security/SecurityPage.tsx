import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Modal, Popconfirm, Row, Select, Skeleton, Tabs } from 'antd';
import { useEffect, useState } from 'react';
import { api, type ApiIssue } from '../../../api/client.ts';
import type { SecuritySettings, User } from '../../../api/types.ts';
import { useAuth } from '../../../auth/auth.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useLocale, useT } from '../../../i18n/index.tsx';
import { applyFieldErrors, useErrorText } from '../../../lib/errors.ts';
import { useLabels } from '../../../lib/labels.ts';
import { useServerNow } from '../../../lib/useServerToday.ts';
import { isLocked, UsersTable } from '../users/UsersTable.tsx';

function RoleModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const t = useT();
  const labels = useLabels();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [role, setRole] = useState<string | undefined>(undefined);
  useEffect(() => setRole(user?.role ?? undefined), [user]);
  const save = useMutation({
    mutationFn: () => api.post<User>(`/users/${user?.id}/role`, { role, version: user?.version }),
    onSuccess: () => {
      void message.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: ['users'] });
      onClose();
    },
  });
  return (
    <Modal
      open={!!user}
      title={t('security.assignRole', { name: user?.displayName ?? '' })}
      onCancel={onClose}
      onOk={() => save.mutate()}
      okButtonProps={{ disabled: !role, loading: save.isPending, 'data-testid': 'role-submit' }}
      destroyOnHidden
    >
      <ErrorAlert error={save.error} onReload={() => void qc.invalidateQueries({ queryKey: ['users'] }).then(onClose)} />
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('security.roleHint')} />
      <Select value={role} onChange={(v: string) => setRole(v)} options={labels.options.role} style={{ width: '100%' }} data-testid="role-select" />
    </Modal>
  );
}

function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ newPassword: string }>();
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  useEffect(() => {
    if (user) {
      form.resetFields();
      setIssues([]);
    }
  }, [user, form]);
  const save = useMutation({
    mutationFn: (v: { newPassword: string }) => api.post<User>(`/users/${user?.id}/reset-password`, v),
    onSuccess: () => {
      void message.success(t('security.passwordReset'));
      void qc.invalidateQueries({ queryKey: ['users'] });
      onClose();
    },
    onError: (e) => setIssues(applyFieldErrors(form, e, locale)),
  });
  return (
    <Modal
      open={!!user}
      title={t('security.resetPassword', { name: user?.displayName ?? '' })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'reset-password-submit' }}
      destroyOnHidden
    >
      <ErrorAlert error={save.error} issues={issues} />
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="newPassword" label={t('auth.newPassword')} rules={[{ required: true }]} extra={t('security.resetHint')}>
          <Input.Password autoComplete="new-password" data-testid="reset-password-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function SettingsForm() {
  const t = useT();
  const { locale } = useLocale();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<SecuritySettings>();
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  const q = useQuery({ queryKey: ['security', 'settings'], queryFn: ({ signal }) => api.get<SecuritySettings>('/security/settings', undefined, signal) });
  useEffect(() => {
    if (q.data) form.setFieldsValue(q.data);
  }, [q.data, form]);
  const save = useMutation({
    mutationFn: (v: SecuritySettings) => api.put<SecuritySettings>('/security/settings', { ...v, version: q.data?.version ?? v.version }),
    onSuccess: (s) => {
      void message.success(t('common.saved'));
      qc.setQueryData(['security', 'settings'], s);
    },
    onError: (e) => setIssues(applyFieldErrors(form, e, locale)),
  });
  if (q.isPending) return <Skeleton active />;
  if (q.isError) return <ErrorAlert error={q.error} />;
  const n = (name: (string | number)[], label: string, min: number, max: number, extra?: string) => (
    <Col xs={24} md={12} lg={8}>
      <Form.Item name={name} label={label} rules={[{ required: true, type: 'number', min, max }]} extra={extra ?? `${min} – ${max}`}>
        <InputNumber min={min} max={max} style={{ width: '100%' }} />
      </Form.Item>
    </Col>
  );
  return (
    <div data-testid="security-settings">
      <ErrorAlert error={save.error} issues={issues} onReload={() => void q.refetch()} />
      <Form<SecuritySettings> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Card type="inner" size="small" title={t('security.passwordPolicy')} style={{ marginBottom: 12 }}>
          <Row gutter={16}>
            {n(['passwordPolicy', 'minLength'], t('security.minLength'), 8, 64)}
            {n(['passwordPolicy', 'minClasses'], t('security.minClasses'), 1, 4, t('security.minClassesHint'))}
            {n(['passwordPolicy', 'maxAgeDays'], t('security.maxAgeDays'), 1, 3650)}
            {n(['passwordPolicy', 'historyCount'], t('security.historyCount'), 0, 10)}
          </Row>
        </Card>
        <Card type="inner" size="small" title={t('security.sessionPolicy')} style={{ marginBottom: 12 }}>
          <Row gutter={16}>
            {n(['lockoutThreshold'], t('security.lockoutThreshold'), 3, 20)}
            {n(['lockoutMinutes'], t('security.lockoutMinutes'), 1, 1440)}
            {n(['idleTimeoutMinutes'], t('security.idleTimeoutMinutes'), 5, 240)}
          </Row>
        </Card>
        <Form.Item name="version" hidden>
          <InputNumber />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="security-settings-submit">
          {t('common.save')}
        </Button>
      </Form>
    </div>
  );
}

/** 安全管理 (security administrator): role assignment, unlock, password reset, password/lockout/idle policy. */
export default function SecurityPage() {
  const t = useT();
  const me = useAuth();
  const now = useServerNow();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [roleFor, setRoleFor] = useState<User | null>(null);
  const [resetFor, setResetFor] = useState<User | null>(null);
  const unlock = useMutation({
    mutationFn: (u: User) => api.post<User>(`/users/${u.id}/unlock`, {}),
    onSuccess: () => {
      void message.success(t('security.unlocked'));
      void qc.invalidateQueries({ queryKey: ['users'] });
    },
    onError: (e) => void message.error(errorText(e)),
  });
  return (
    <div data-testid="security-page">
      <PageHeader title={t('nav.security')} sub={t('security.hint')} />
      <Card size="small">
        <Tabs
          items={[
            {
              key: 'accounts',
              label: t('security.accounts'),
              children: (
                <UsersTable
                  testId="security-users-table"
                  actions={(u) =>
                    u.id === me.user.id ? null : (
                      <>
                        <Button size="small" type="link" onClick={() => setRoleFor(u)} data-testid="user-assign-role">
                          {t('security.assignRoleShort')}
                        </Button>
                        {isLocked(u, now) || u.failedLogins > 0 ? (
                          <Popconfirm title={t('security.unlockConfirm')} onConfirm={() => unlock.mutate(u)}>
                            <Button size="small" type="link" data-testid="user-unlock">
                              {t('security.unlock')}
                            </Button>
                          </Popconfirm>
                        ) : null}
                        <Button size="small" type="link" danger onClick={() => setResetFor(u)} data-testid="user-reset-password">
                          {t('security.resetPasswordShort')}
                        </Button>
                      </>
                    )
                  }
                />
              ),
            },
            { key: 'settings', label: t('security.settings'), children: <SettingsForm /> },
          ]}
        />
      </Card>
      <RoleModal user={roleFor} onClose={() => setRoleFor(null)} />
      <ResetPasswordModal user={resetFor} onClose={() => setResetFor(null)} />
    </div>
  );
}
