import { Typography } from 'antd';
import { NavLink, Outlet } from 'react-router-dom';
import { LocaleSwitch } from '../components/LocaleSwitch.tsx';
import { usePT, type PortalKey } from './messages.ts';

const NAV: [string, PortalKey][] = [
  ['/', 'nav.home'],
  ['/decisions', 'nav.decisions'],
  ['/subjects', 'nav.subjects'],
  ['/officers', 'nav.officers'],
  ['/items', 'nav.items'],
  ['/complaints/new', 'nav.complaint'],
  ['/complaints/status', 'nav.status'],
  ['/spot-checks', 'nav.spotChecks'],
  ['/annual-reports', 'nav.annualReports'],
  ['/verify', 'nav.verify'],
  ['/record-access', 'nav.recordAccess'],
];

/** The public site's frame: a skip link, a plain-link navigation that wraps on phones, and the privacy notice. */
export function PortalLayout() {
  const t = usePT();
  return (
    <div className="zf-portal zf-pub" data-testid="portal-layout">
      <a className="zf-skip" href="#main">
        跳到正文 / Skip to content
      </a>
      <div className="zf-portal-band" />
      <header className="zf-pub-header">
        <NavLink to="/" className="zf-pub-brand">
          <span className="zf-logo-mark" aria-hidden>
            法
          </span>
          <span>{t('site.title')}</span>
        </NavLink>
        <LocaleSwitch />
      </header>
      <nav className="zf-pub-nav" aria-label={t('nav.home')}>
        {NAV.map(([to, key]) => (
          <NavLink key={to} to={to} end={to === '/'} data-testid={`pub-nav-${key}`}>
            {t(key)}
          </NavLink>
        ))}
        <a href="/admin">{t('nav.admin')}</a>
      </nav>
      <main id="main" className="zf-pub-main">
        <Outlet />
      </main>
      <footer className="zf-pub-footer">
        <Typography.Text type="secondary">{t('site.footer')}</Typography.Text>
      </footer>
    </div>
  );
}
