import { lazy, Suspense, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { Link, Route, Routes } from 'react-router-dom';
import { usePT } from './messages.ts';
import { PortalLayout } from './PortalLayout.tsx';
import PortalHome from './pages/PortalHome.tsx';

/*
 * The public portal's first page (the layout and the home page) is plain React and CSS: a visitor downloads no UI
 * library (issue #4: first-load JavaScript under 300 KB gzipped). Every other page is its own lazy chunk and brings
 * Ant Design with it, wrapped in its providers, when it is first opened.
 */
const antdPage = (load: () => Promise<{ default: ComponentType }>): LazyExoticComponent<ComponentType> =>
  lazy(async () => {
    const [{ default: Page }, { AntdProvider }] = await Promise.all([load(), import('../AntdProvider.tsx')]);
    return {
      default: () => (
        <AntdProvider>
          <Page />
        </AntdProvider>
      ),
    };
  });

const VerifyPage = antdPage(() => import('./VerifyPage.tsx').then((m) => ({ default: m.VerifyPage })));
const RecordAccessPage = antdPage(() => import('./RecordAccessPage.tsx').then((m) => ({ default: m.RecordAccessPage })));
const ServicePage = antdPage(() => import('./ServicePage.tsx').then((m) => ({ default: m.ServicePage })));
const SpotCheckDrawsPage = antdPage(() => import('./SpotCheckDrawsPage.tsx').then((m) => ({ default: m.SpotCheckDrawsPage })));
const SpotCheckDrawPage = antdPage(() => import('./SpotCheckDrawsPage.tsx').then((m) => ({ default: m.SpotCheckDrawPage })));
const DecisionsPage = antdPage(() => import('./pages/DecisionsPage.tsx').then((m) => ({ default: m.DecisionsPage })));
const DecisionPageView = antdPage(() => import('./pages/DecisionsPage.tsx').then((m) => ({ default: m.DecisionPageView })));
const SubjectsPublicPage = antdPage(() => import('./pages/BeforePages.tsx').then((m) => ({ default: m.SubjectsPublicPage })));
const OfficersPublicPage = antdPage(() => import('./pages/BeforePages.tsx').then((m) => ({ default: m.OfficersPublicPage })));
const ItemsPublicPage = antdPage(() => import('./pages/BeforePages.tsx').then((m) => ({ default: m.ItemsPublicPage })));
const ComplaintFormPage = antdPage(() => import('./pages/ComplaintPages.tsx').then((m) => ({ default: m.ComplaintFormPage })));
const LicenceProgressPage = antdPage(() => import('./pages/LicenceProgressPage.tsx').then((m) => ({ default: m.LicenceProgressPage })));
const CityReportPage = antdPage(() => import('./pages/CityReportPages.tsx').then((m) => ({ default: m.CityReportPage })));
const CityReportStatusPage = antdPage(() => import('./pages/CityReportPages.tsx').then((m) => ({ default: m.CityReportStatusPage })));
const SurveyPage = antdPage(() => import('./pages/SurveyPage.tsx').then((m) => ({ default: m.SurveyPage })));
const AnnualReportsPortalPage = antdPage(() => import('./pages/AnnualReportsPage.tsx').then((m) => ({ default: m.AnnualReportsPortalPage })));
const ComplaintStatusPage = antdPage(() => import('./pages/ComplaintPages.tsx').then((m) => ({ default: m.ComplaintStatusPage })));

export function PortalSpinner() {
  return (
    <div className="zf-page-loading">
      <span className="zf-spinner" role="status" aria-label="加载中 / Loading" />
    </div>
  );
}

const page = (el: ReactNode) => <Suspense fallback={<PortalSpinner />}>{el}</Suspense>;

function PortalNotFound() {
  const t = usePT();
  return (
    <div className="zf-pub-notfound" data-testid="portal-not-found">
      <h1>404</h1>
      <p>{t('notFound')}</p>
      <Link className="zf-pub-button" to="/">
        {t('backHome')}
      </Link>
    </div>
  );
}

/** Public portal (行政执法公示平台): no login; it reads only /api/v1/public. */
export default function PortalApp() {
  return (
    <Routes>
      <Route path="verify" element={page(<VerifyPage />)} />
      <Route path="record-access" element={page(<RecordAccessPage />)} />
      <Route path="service/:token" element={page(<ServicePage />)} />
      <Route path="spot-checks" element={page(<SpotCheckDrawsPage />)} />
      <Route path="spot-checks/:id" element={page(<SpotCheckDrawPage />)} />
      <Route element={<PortalLayout />}>
        <Route index element={<PortalHome />} />
        <Route path="decisions" element={page(<DecisionsPage />)} />
        <Route path="decisions/:id" element={page(<DecisionPageView />)} />
        <Route path="subjects" element={page(<SubjectsPublicPage />)} />
        <Route path="officers" element={page(<OfficersPublicPage />)} />
        <Route path="items" element={page(<ItemsPublicPage />)} />
        <Route path="complaints/new" element={page(<ComplaintFormPage />)} />
        <Route path="complaints/status" element={page(<ComplaintStatusPage />)} />
        <Route path="licence-progress" element={page(<LicenceProgressPage />)} />
        <Route path="city-report" element={page(<CityReportPage />)} />
        <Route path="city-report/status" element={page(<CityReportStatusPage />)} />
        <Route path="survey/:id" element={page(<SurveyPage />)} />
        <Route path="annual-reports" element={page(<AnnualReportsPortalPage />)} />
        <Route path="*" element={<PortalNotFound />} />
      </Route>
    </Routes>
  );
}
