import { PASSWORD_VIOLATION_LABELS, type PasswordViolation } from '@zhifa/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { api, isApiError } from '../../api/client.ts';
import { useAuth } from '../../auth/auth.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { LocaleSwitch } from '../../components/LocaleSwitch.tsx';
import { useLabel, useLocale, useT } from '../../i18n/index.tsx';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Change my password — forced on first login and after a reset (mustChangePassword), else voluntary. */
export default function ChangePasswordPage() {
  const t = useT();
  const L = useLabel();
  const { locale } = useLocale();
  const me = useAuth();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const change = useMutation({
    mutationFn: (v: Values) => api.post<void>('/auth/password', { currentPassword: v.currentPassword, newPassword: v.newPassword }),
    onSuccess: () => {
      // The server ends the session after a password change: log in again with the new password.
      qc.clear();
      navigate('/admin/login?reason=PASSWORD_CHANGED', { replace: true });
    },
  });
  const err = change.error;
  const violations = isApiError(err) && err.code === 'PASSWORD_POLICY' && Array.isArray(err.details?.violations) ? (err.details.violations as string[]) : [];
  const policy = isApiError(err) ? (err.details?.policy as { minLength?: number; minClasses?: number } | undefined) : undefined;

  return (
    <div className="zf-login">
      <Card className="zf-login-card" style={{ maxWidth: 460 }} data-testid="change-password-card">
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('auth.changePassword')}
          </Typography.Title>
          <LocaleSwitch />
        </Space>
        {me.mustChangePassword ? <Alert type="warning" showIcon style={{ margin: '16px 0' }} title={t('auth.mustChangePassword')} data-testid="must-change-password" /> : <div style={{ height: 16 }} />}
        {violations.length ? (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title={err && isApiError(err) ? err.localized(locale) : ''}
            data-testid="password-violations"
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {violations.map((v) => (
                  <li key={v}>
                    {v === 'reused' ? t('auth.violation.reused') : L(PASSWORD_VIOLATION_LABELS[v as PasswordViolation], v)}
                    {v === 'too_short' && policy?.minLength ? ` (≥ ${policy.minLength})` : ''}
                    {v === 'too_few_classes' && policy?.minClasses ? ` (≥ ${policy.minClasses})` : ''}
                  </li>
                ))}
              </ul>
            }
          />
        ) : err ? (
          <ErrorAlert error={err} />
        ) : null}
        <Form form={form} layout="vertical" onFinish={(v) => change.mutate(v)} requiredMark={false}>
          <Form.Item name="currentPassword" label={t('auth.currentPassword')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
            <Input.Password autoComplete="current-password" data-testid="current-password" />
          </Form.Item>
          <Form.Item name="newPassword" label={t('auth.newPassword')} rules={[{ required: true, message: t('auth.passwordRequired') }]} extra={t('auth.passwordHint')}>
            <Input.Password autoComplete="new-password" data-testid="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('auth.confirmPassword')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('auth.passwordRequired') },
              ({ getFieldValue }) => ({
                validator: (_, v) => (!v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('auth.passwordMismatch')))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="confirm-password" />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="change-password-submit">
              {t('common.submit')}
            </Button>
            {!me.mustChangePassword ? (
              <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
            ) : (
              <Button
                onClick={() => {
                  void api.post<void>('/auth/logout', {}, { skipAuthRedirect: true }).finally(() => {
                    qc.clear();
                    navigate('/admin/login', { replace: true });
                  });
                }}
                data-testid="logout-button"
              >
                {t('auth.logout')}
              </Button>
            )}
          </Space>
        </Form>
      </Card>
    </div>
  );
}
