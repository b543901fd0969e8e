import { Button, Result, Space, Tag, Typography } from 'antd';
import { Route, Routes, useNavigate } from 'react-router-dom';
import { LocaleSwitch } from '../components/LocaleSwitch.tsx';
import { useT } from '../i18n/index.tsx';
import { VerifyPage } from './VerifyPage.tsx';
import { SpotCheckDrawPage, SpotCheckDrawsPage } from './SpotCheckDrawsPage.tsx';

/** Public portal (公示平台) — a placeholder home until the publicity module lands. */
function PortalHome() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <div className="zf-portal" data-testid="portal-home">
      <div className="zf-portal-band" />
      <div className="zf-portal-hero">
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Space>
            <span className="zf-logo-mark" aria-hidden>
              法
            </span>
            <Typography.Text strong>{t('app.name')}</Typography.Text>
          </Space>
          <LocaleSwitch />
        </Space>
        <Typography.Title level={1} style={{ marginTop: 48 }}>
          {t('portal.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ fontSize: 16, maxWidth: 680 }}>
          {t('portal.intro')}
        </Typography.Paragraph>
        <Space size="middle" wrap style={{ marginTop: 24 }}>
          <Button size="large" disabled data-testid="portal-publicity-link">
            {t('portal.publicity')} <Tag style={{ marginInlineStart: 8 }}>{t('portal.building')}</Tag>
          </Button>
          <Button size="large" onClick={() => navigate('/spot-checks')} data-testid="portal-spot-checks-link">
            {t('portal.spotChecks')}
          </Button>
          <Button size="large" onClick={() => navigate('/verify')} data-testid="portal-verify-link">
            {t('portal.verify')}
          </Button>
          <Button type="primary" size="large" href="/admin" data-testid="portal-admin-link">
            {t('portal.adminLogin')} /admin
          </Button>
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 64, fontSize: 12 }}>
          {t('portal.footer')}
        </Typography.Paragraph>
      </div>
    </div>
  );
}

function PortalNotFound() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('common.notFound')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('portal.backHome')}
        </Button>
      }
    />
  );
}

export default function PortalApp() {
  return (
    <Routes>
      <Route index element={<PortalHome />} />
      <Route path="verify" element={<VerifyPage />} />
      <Route path="spot-checks" element={<SpotCheckDrawsPage />} />
      <Route path="spot-checks/:id" element={<SpotCheckDrawPage />} />
      <Route path="*" element={<PortalNotFound />} />
    </Routes>
  );
}
