import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Result, Spin } from 'antd';
import { createContext, useCallback, useContext, type ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { api, isApiError } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { useT } from '../i18n/index.tsx';
import { useErrorText } from '../lib/errors.ts';

export const ME_KEY = ['auth', 'me'] as const;

export const Permission = {
  REGISTRY_READ: 'registry.read',
  REGISTRY_WRITE_AGENCY: 'registry.write.agency',
  REGISTRY_WRITE_SYSTEM: 'registry.write.system',
  REGISTRY_SUPERVISE: 'registry.supervise',
  USER_MANAGE: 'user.manage',
  SECURITY_MANAGE: 'security.manage',
  AUDIT_READ: 'audit.read',
  CASE_READ: 'case.read',
  CASE_HANDLE: 'case.handle',
  CASE_REVIEW: 'case.review',
  SPOT_CHECK_READ: 'spotcheck.read',
  SPOT_CHECK_PLAN: 'spotcheck.plan',
  SPOT_CHECK_WORK: 'spotcheck.work',
  COMMAND_READ: 'command.read',
  COMMAND_DISPATCH: 'command.dispatch',
  COMMAND_FIELD: 'command.field',
  // complaints and liaison (issue #6 items 5–6)
  COMPLAINT_READ: 'complaint.read',
  COMPLAINT_HANDLE: 'complaint.handle',
  COMPLAINT_ASSIGN: 'complaint.assign',
  LIAISON_READ: 'liaison.read',
  LIAISON_MANAGE: 'liaison.manage',
  EVALUATION_MANAGE: 'evaluation.manage',
  EVALUATION_SCORE: 'evaluation.score',
  EVALUATION_RESPOND: 'evaluation.respond',
  TRANSFER_READ: 'transfer.read',
  TRANSFER_HANDLE: 'transfer.handle',
  TRANSFER_DESIGNATE: 'transfer.designate',
  SUPERVISION_READ: 'supervision.read',
  SUPERVISION_ISSUE: 'supervision.issue',
  SUPERVISION_RESPOND: 'supervision.respond',
  PUBLICITY_REVIEW: 'publicity.review',
} as const;
export type PermissionName = (typeof Permission)[keyof typeof Permission];

export function useMeQuery() {
  return useQuery({ queryKey: ME_KEY, queryFn: ({ signal }) => api.get<Me>('/auth/me', undefined, signal), staleTime: 60_000, retry: false });
}

const AuthContext = createContext<Me | null>(null);

/** The logged-in user (only inside {@link RequireAuth}). */
export function useAuth(): Me {
  const me = useContext(AuthContext);
  if (!me) throw new Error('useAuth outside <RequireAuth>');
  return me;
}

/** `can('registry.write.system')` — hides what the role may not do (the server enforces anyway). */
export function useCan(): (p: PermissionName) => boolean {
  const me = useContext(AuthContext);
  return useCallback((p: PermissionName) => !!me?.permissions.includes(p), [me]);
}

export function AuthProviderForTests({ me, children }: { me: Me; children: ReactNode }) {
  return <AuthContext.Provider value={me}>{children}</AuthContext.Provider>;
}

export function FullSpin() {
  return (
    <div className="zf-page-loading">
      <Spin size="large" />
    </div>
  );
}

/** Loads /auth/me; anonymous → login page, pending password change → the change-password page. */
export function RequireAuth() {
  const t = useT();
  const errorText = useErrorText();
  const location = useLocation();
  const me = useMeQuery();
  const qc = useQueryClient();
  if (me.isPending) return <FullSpin />;
  if (me.isError) {
    if (isApiError(me.error) && me.error.status === 401) {
      const next = encodeURIComponent(location.pathname + location.search);
      return <Navigate to={`/admin/login?next=${next}&reason=${me.error.code}`} replace />;
    }
    return (
      <Result
        status="error"
        title={t('error.loadFailed')}
        subTitle={errorText(me.error)}
        extra={<Button onClick={() => void qc.invalidateQueries({ queryKey: ME_KEY })}>{t('common.retry')}</Button>}
      />
    );
  }
  const onChangePage = location.pathname.startsWith('/admin/change-password');
  if (me.data.mustChangePassword && !onChangePage) return <Navigate to="/admin/change-password" replace />;
  return (
    <AuthContext.Provider value={me.data}>
      <Outlet />
    </AuthContext.Provider>
  );
}

/** Guards a page by permission: a 403 page instead of a broken screen. */
export function RequirePermission({ any, children }: { any: PermissionName[]; children: ReactNode }) {
  const can = useCan();
  const t = useT();
  if (!any.some((p) => can(p)))
    return (
      <div data-testid="forbidden">
        <Result status="403" title="403" subTitle={t('error.forbiddenPage')} />
      </div>
    );
  return <>{children}</>;
}
