import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { BaseProviders } from './BaseProviders.tsx';
import './styles.css';

// Two route trees, each its own lazily loaded chunk: the public portal never downloads the back office.
const PortalApp = lazy(() => import('./portal/PortalApp.tsx'));
const AdminApp = lazy(() => import('./admin/AdminRoot.tsx'));

function PageLoading() {
  return (
    <div className="zf-page-loading" data-testid="page-loading">
      <span className="zf-spinner" role="status" aria-label="加载中 / Loading" />
    </div>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');

createRoot(root).render(
  <StrictMode>
    <BaseProviders>
      <BrowserRouter>
        <Suspense fallback={<PageLoading />}>
          <Routes>
            <Route path="/admin/*" element={<AdminApp />} />
            <Route path="/*" element={<PortalApp />} />
          </Routes>
        </Suspense>
      </BrowserRouter>
    </BaseProviders>
  </StrictMode>,
);
