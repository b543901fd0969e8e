import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Popconfirm } from 'antd';
import { useEffect, useState } from 'react';
import { api, type ApiIssue } from '../../../api/client.ts';
import type { User } from '../../../api/types.ts';
import { useAuth } from '../../../auth/auth.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { RegionSelect, SubjectSelect } from '../../../components/RemoteSelects.tsx';
import { useLocale, useT } from '../../../i18n/index.tsx';
import { applyFieldErrors, useErrorText } from '../../../lib/errors.ts';
import { UsersTable } from './UsersTable.tsx';

interface Values {
  username: string;
  displayName: string;
  initialPassword: string;
  regionCode: string;
  agencyId?: string | null;
  status?: 'active' | 'disabled';
}

function UserModal({ open, editing, onClose }: { open: boolean; editing: User | null; onClose: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setIssues([]);
    if (editing) form.setFieldsValue({ username: editing.username, displayName: editing.displayName, regionCode: editing.regionCode, agencyId: editing.agencyId });
  }, [open, editing, form]);
  const save = useMutation({
    mutationFn: (v: Values) =>
      editing
        ? api.patch<User>(`/users/${editing.id}`, { version: editing.version, displayName: v.displayName, agencyId: v.agencyId || null })
        : api.post<User>('/users', { username: v.username.trim(), displayName: v.displayName, initialPassword: v.initialPassword, regionCode: v.regionCode, agencyId: v.agencyId || null }),
    onSuccess: () => {
      void message.success(editing ? t('common.saved') : t('user.created'));
      void qc.invalidateQueries({ queryKey: ['users'] });
      onClose();
    },
    onError: (e) => setIssues(applyFieldErrors(form, e, locale)),
  });
  return (
    <Modal
      open={open}
      title={editing ? t('user.edit') : t('user.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'user-form-submit' }}
      destroyOnHidden
    >
      {!editing ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('user.pendingRoleHint')} /> : null}
      <ErrorAlert error={save.error} issues={issues} onReload={() => void qc.invalidateQueries({ queryKey: ['users'] }).then(onClose)} />
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="user-form">
        <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, pattern: /^[a-z0-9_.-]{3,32}$/, message: t('validation.username') }]}>
          <Input disabled={!!editing} maxLength={32} autoComplete="off" data-testid="user-username" />
        </Form.Item>
        <Form.Item name="displayName" label={t('user.displayName')} rules={[{ required: true, whitespace: true, max: 64 }]}>
          <Input maxLength={64} data-testid="user-display-name" />
        </Form.Item>
        {!editing ? (
          <Form.Item name="initialPassword" label={t('user.initialPassword')} rules={[{ required: true }]} extra={t('user.initialPasswordHint')}>
            <Input.Password autoComplete="new-password" data-testid="user-initial-password" />
          </Form.Item>
        ) : null}
        <Form.Item name="regionCode" label={t('common.region')} rules={[{ required: true }]}>
          <RegionSelect disabled={!!editing} testId="user-region" />
        </Form.Item>
        <Form.Item name="agencyId" label={t('user.agency')} extra={t('user.agencyHint')}>
          <SubjectSelect testId="user-agency" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 用户管理 (system administrator): accounts and their profile; roles are the security administrator's (三员分立). */
export default function UsersPage() {
  const t = useT();
  const me = useAuth();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [modal, setModal] = useState<{ open: boolean; editing: User | null }>({ open: false, editing: null });
  const toggle = useMutation({
    mutationFn: (u: User) => api.patch<User>(`/users/${u.id}`, { version: u.version, status: u.status === 'disabled' ? 'active' : 'disabled' }),
    onSuccess: () => {
      void message.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: ['users'] });
    },
    onError: (e) => void message.error(errorText(e)),
  });
  return (
    <div data-testid="users-page">
      <PageHeader
        title={t('nav.users')}
        sub={t('user.hint')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal({ open: true, editing: null })} data-testid="user-create">
            {t('user.create')}
          </Button>
        }
      />
      <UsersTable
        testId="users-table"
        actions={(u) => (
          <>
            <Button size="small" type="link" onClick={() => setModal({ open: true, editing: u })} data-testid="user-edit">
              {t('common.edit')}
            </Button>
            {u.id !== me.user.id && u.status !== 'pending' ? (
              <Popconfirm title={u.status === 'disabled' ? t('user.enableConfirm') : t('user.disableConfirm')} onConfirm={() => toggle.mutate(u)}>
                <Button size="small" type="link" danger={u.status !== 'disabled'}>
                  {u.status === 'disabled' ? t('user.enable') : t('user.disable')}
                </Button>
              </Popconfirm>
            ) : null}
          </>
        )}
      />
      <UserModal open={modal.open} editing={modal.editing} onClose={() => setModal({ open: false, editing: null })} />
    </div>
  );
}
