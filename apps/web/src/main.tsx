import { Spin } from 'antd';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { AppProviders } from './AppProviders.tsx';
import './styles.css';

// Two route trees, each its own lazily loaded chunk: the public portal never downloads the back office.
const PortalApp = lazy(() => import('./portal/PortalApp.tsx'));
const AdminApp = lazy(() => import('./admin/AdminApp.tsx'));

function PageLoading() {
  return (
    <div className="zf-page-loading" data-testid="page-loading">
      <Spin size="large" />
    </div>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');

createRoot(root).render(
  <StrictMode>
    <AppProviders>
      <BrowserRouter>
        <Suspense fallback={<PageLoading />}>
          <Routes>
            <Route path="/admin/*" element={<AdminApp />} />
            <Route path="/*" element={<PortalApp />} />
          </Routes>
        </Suspense>
      </BrowserRouter>
    </AppProviders>
  </StrictMode>,
);
