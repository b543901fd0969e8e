import { Button, Result, Spin } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import { Route, Routes, useNavigate } from 'react-router-dom';
import { useT } from '../i18n/index.tsx';
import { PortalLayout } from './PortalLayout.tsx';
import { VerifyPage } from './VerifyPage.tsx';

// Each public page is its own small chunk: a visitor landing on one decision does not download the lists.
const PortalHome = lazy(() => import('./pages/PortalHome.tsx'));
const DecisionsPage = lazy(() => import('./pages/DecisionsPage.tsx').then((m) => ({ default: m.DecisionsPage })));
const DecisionPageView = lazy(() => import('./pages/DecisionsPage.tsx').then((m) => ({ default: m.DecisionPageView })));
const SubjectsPublicPage = lazy(() => import('./pages/BeforePages.tsx').then((m) => ({ default: m.SubjectsPublicPage })));
const OfficersPublicPage = lazy(() => import('./pages/BeforePages.tsx').then((m) => ({ default: m.OfficersPublicPage })));
const ItemsPublicPage = lazy(() => import('./pages/BeforePages.tsx').then((m) => ({ default: m.ItemsPublicPage })));
const ComplaintFormPage = lazy(() => import('./pages/ComplaintPages.tsx').then((m) => ({ default: m.ComplaintFormPage })));
const ComplaintStatusPage = lazy(() => import('./pages/ComplaintPages.tsx').then((m) => ({ default: m.ComplaintStatusPage })));

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
      <Route element={<PortalLayout />}>
        <Route index element={page(<PortalHome />)} />
        <Route path="decisions" element={page(<DecisionsPage />)} />
        <Route path="decisions/:id" element={page(<DecisionPageView />)} />
        <Route path="subjects" element={page(<SubjectsPublicPage />)} />
        <Route path="officers" element={page(<OfficersPublicPage />)} />
        <Route path="items" element={page(<ItemsPublicPage />)} />
        <Route path="complaints/new" element={page(<ComplaintFormPage />)} />
        <Route path="complaints/status" element={page(<ComplaintStatusPage />)} />
        <Route path="*" element={<PortalNotFound />} />
      </Route>
    </Routes>
  );
}
