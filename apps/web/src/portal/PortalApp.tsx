import { Button, Result, Spin } from 'antd';
import { Suspense, type ReactNode } from 'react';
import { Route, Routes, useNavigate } from 'react-router-dom';
import { useT } from '../i18n/index.tsx';
import { PortalLayout } from './PortalLayout.tsx';
import { ItemsPublicPage, OfficersPublicPage, SubjectsPublicPage } from './pages/BeforePages.tsx';
import { ComplaintFormPage, ComplaintStatusPage } from './pages/ComplaintPages.tsx';
import { DecisionPageView, DecisionsPage } from './pages/DecisionsPage.tsx';
import PortalHome from './pages/PortalHome.tsx';
import { RecordAccessPage } from './RecordAccessPage.tsx';
import { VerifyPage } from './VerifyPage.tsx';
import { ServicePage } from './ServicePage.tsx';
import { SpotCheckDrawPage, SpotCheckDrawsPage } from './SpotCheckDrawsPage.tsx';
import { AnnualReportsPortalPage } from './pages/AnnualReportsPage.tsx';

// The public pages live in this one portal chunk (the back office is a separate lazy chunk, see main.tsx). Splitting
// them further made the bundler split antd per page into chunks that import each other in a cycle.
const page = (el: ReactNode) => <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>{el}</Suspense>;

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

/** Public portal (行政执法公示平台): no login; it reads only /api/v1/public. */
export default function PortalApp() {
  return (
    <Routes>
      <Route path="verify" element={<VerifyPage />} />
      <Route path="record-access" element={<RecordAccessPage />} />
      <Route path="service/:token" element={<ServicePage />} />
      <Route path="spot-checks" element={<SpotCheckDrawsPage />} />
      <Route path="spot-checks/:id" element={<SpotCheckDrawPage />} />
      <Route element={<PortalLayout />}>
        <Route index element={page(<PortalHome />)} />
        <Route path="decisions" element={page(<DecisionsPage />)} />
        <Route path="decisions/:id" element={page(<DecisionPageView />)} />
        <Route path="subjects" element={page(<SubjectsPublicPage />)} />
        <Route path="officers" element={page(<OfficersPublicPage />)} />
        <Route path="items" element={page(<ItemsPublicPage />)} />
        <Route path="complaints/new" element={page(<ComplaintFormPage />)} />
        <Route path="complaints/status" element={page(<ComplaintStatusPage />)} />
        <Route path="annual-reports" element={page(<AnnualReportsPortalPage />)} />
        <Route path="*" element={<PortalNotFound />} />
      </Route>
    </Routes>
  );
}
