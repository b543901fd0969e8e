import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api, isApiError } from '../../api/client.ts';
import type { User } from '../../api/types.ts';
import { ME_KEY } from '../../auth/auth.tsx';
import { LocaleSwitch } from '../../components/LocaleSwitch.tsx';
import { useLocale, useT, type Translate } from '../../i18n/index.tsx';
import { DATETIME } from '../../lib/format.ts';

/** Only same-site back-office paths may be the post-login target (no open redirect). */
export function safeNext(next: string | null): string {
  if (!next) return '/admin';
  try {
    const decoded = decodeURIComponent(next);
    if (decoded.startsWith('/admin') && !decoded.startsWith('//') && !decoded.startsWith('/admin/login')) return decoded;
  } catch {
    /* malformed: ignore */
  }
  return '/admin';
}

/** The login error as the user should read it: lockout with its end, wrong password with the attempts left. */
export function loginErrorText(err: unknown, locale: string, t: Translate): string {
  if (!isApiError(err)) return t('error.unknown');
  const base = err.localized(locale);
  if (err.code === 'ACCOUNT_LOCKED') {
    const until = err.details?.lockedUntil;
    return typeof until === 'string' ? `${base} ${t('auth.lockedUntil', { time: dayjs(until).format(DATETIME) })}` : base;
  }
  if (err.code === 'INVALID_CREDENTIALS') {
    const left = err.details?.remainingAttempts;
    return typeof left === 'number' ? `${base} ${t('auth.remainingAttempts', { n: left })}` : base;
  }
  return base;
}

export default function LoginPage() {
  const t = useT();
  const { locale } = useLocale();
  const [sp] = useSearchParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const reason = sp.get('reason');

  const login = useMutation({
    mutationFn: (v: { username: string; password: string }) => api.post<{ user: User }>('/auth/login', v, { skipAuthRedirect: true }),
    onSuccess: ({ user }) => {
      qc.removeQueries({ queryKey: ME_KEY });
      navigate(user.mustChangePassword ? '/admin/change-password' : safeNext(sp.get('next')), { replace: true });
    },
  });

  const notice =
    reason === 'SESSION_EXPIRED' ? t('auth.sessionExpired') : reason === 'PASSWORD_CHANGED' ? t('auth.passwordChangedLogin') : reason === 'UNAUTHENTICATED' ? t('auth.pleaseLogin') : null;

  return (
    <div className="zf-login">
      <Card className="zf-login-card" data-testid="login-card">
        <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
          <Space>
            <span className="zf-logo-mark" aria-hidden>
              法
            </span>
            <Typography.Text strong>{t('app.shortName')}</Typography.Text>
          </Space>
          <LocaleSwitch />
        </Space>
        <Typography.Title level={3} style={{ marginTop: 16 }}>
          {t('auth.loginTitle')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('auth.loginSubtitle')}</Typography.Paragraph>
        {notice && !login.isError ? <Alert type="info" showIcon title={notice} style={{ marginBottom: 16 }} data-testid="login-notice" /> : null}
        {login.isError ? (
          <Alert
            type={isApiError(login.error) && login.error.code === 'ACCOUNT_LOCKED' ? 'warning' : 'error'}
            showIcon
            title={<span data-testid="login-error">{loginErrorText(login.error, locale, t)}</span>}
            style={{ marginBottom: 16 }}
          />
        ) : null}
        <Form layout="vertical" requiredMark={false} onFinish={(v: { username: string; password: string }) => login.mutate(v)} data-testid="login-form" autoComplete="on">
          <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, message: t('auth.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" size="large" />
          </Form.Item>
          <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={login.isPending} data-testid="login-submit">
            {t('auth.login')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, fontSize: 12, marginBottom: 0 }}>
          {t('auth.loginFootnote')}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
