import { NavLink, Outlet } from 'react-router-dom';
import { useLocale } from '../i18n/index.tsx';
import { usePT, type PortalKey } from './messages.ts';

const NAV: [string, PortalKey][] = [
  ['/', 'nav.home'],
  ['/decisions', 'nav.decisions'],
  ['/subjects', 'nav.subjects'],
  ['/officers', 'nav.officers'],
  ['/items', 'nav.items'],
  ['/complaints/new', 'nav.complaint'],
  ['/complaints/status', 'nav.status'],
  ['/licence-progress', 'nav.licenceProgress'],
  ['/city-report', 'nav.cityReport'],
  ['/city-report/status', 'nav.cityStatus'],
  ['/spot-checks', 'nav.spotChecks'],
  ['/annual-reports', 'nav.annualReports'],
  ['/verify', 'nav.verify'],
  ['/record-access', 'nav.recordAccess'],
];

/** 中文 / English as two plain toggle buttons (the back office's switch is an Ant Design component). */
function PortalLocaleSwitch() {
  const t = usePT();
  const { locale, setLocale } = useLocale();
  return (
    <span className="zf-pub-locale" role="group" aria-label={t('locale.label')} data-testid="locale-switch">
      {(
        [
          ['zh-CN', '中文'],
          ['en-US', 'EN'],
        ] as const
      ).map(([l, label]) => (
        <button key={l} type="button" aria-pressed={locale === l} onClick={() => setLocale(l)}>
          {label}
        </button>
      ))}
    </span>
  );
}

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
        <PortalLocaleSwitch />
      </header>
      <nav className="zf-pub-nav" aria-label={t('nav.home')}>
        {NAV.map(([to, key]) => (
          <NavLink key={to} to={to} end={to === '/' || to === '/city-report'} data-testid={`pub-nav-${key}`}>
            {t(key)}
          </NavLink>
        ))}
        <a href="/admin">{t('nav.admin')}</a>
      </nav>
      <main id="main" className="zf-pub-main">
        <Outlet />
      </main>
      <footer className="zf-pub-footer">
        <p className="zf-pub-muted">{t('site.footer')}</p>
      </footer>
    </div>
  );
}
