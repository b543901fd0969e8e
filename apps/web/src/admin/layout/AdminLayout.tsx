import {
  AimOutlined,
  AlertOutlined,
  MobileOutlined,
  StopOutlined,
  AuditOutlined,
  ThunderboltOutlined,
  BankOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  ClusterOutlined,
  ContactsOutlined,
  DashboardOutlined,
  DownOutlined,
  ExperimentOutlined,
  FileProtectOutlined,
  FolderOpenOutlined,
  IdcardOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  NotificationOutlined,
  MenuUnfoldOutlined,
  OrderedListOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  SolutionOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { FileSearchOutlined, LockOutlined } from '@ant-design/icons';
import { PhoneOutlined, CopyOutlined, SwapOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Dropdown, Grid, Layout, Menu, Space, Tag, Typography, type MenuProps } from 'antd';
import { Suspense, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { api } from '../../api/client.ts';
import type { Region, Subject } from '../../api/types.ts';
import { FullSpin, Permission, useAuth, useCan, type PermissionName } from '../../auth/auth.tsx';
import { LocaleSwitch } from '../../components/LocaleSwitch.tsx';
import { useT, type MessageKey } from '../../i18n/index.tsx';
import { useErrorText } from '../../lib/errors.ts';
import { useLabels } from '../../lib/labels.ts';

interface NavEntry {
  key: string;
  path: string;
  label: MessageKey;
  icon: ReactNode;
  any: PermissionName[];
}
interface NavGroup {
  key: string;
  label: MessageKey;
  icon: ReactNode;
  children: NavEntry[];
}

const P = Permission;
const NAV: (NavEntry | NavGroup)[] = [
  { key: 'todo', path: '/admin/todo', label: 'nav.todo', icon: <CheckSquareOutlined />, any: [P.CASE_HANDLE, P.CASE_REVIEW] },
  { key: 'dashboard', path: '/admin/dashboard', label: 'nav.dashboard', icon: <DashboardOutlined />, any: [P.REGISTRY_READ] },
  {
    key: 'casesGroup',
    label: 'nav.group.cases',
    icon: <FolderOpenOutlined />,
    children: [
      { key: 'cases', path: '/admin/cases', label: 'nav.cases', icon: <FolderOpenOutlined />, any: [P.CASE_READ] },
      { key: 'simplified', path: '/admin/cases/simplified', label: 'nav.simplified', icon: <ThunderboltOutlined />, any: [P.CASE_READ] },
      { key: 'review', path: '/admin/review', label: 'nav.review', icon: <AuditOutlined />, any: [P.CASE_REVIEW] },
      { key: 'reviewChain', path: '/admin/review-chain', label: 'nav.reviewChain', icon: <AuditOutlined />, any: [P.REGISTRY_WRITE_AGENCY] },
      { key: 'parties', path: '/admin/parties', label: 'nav.parties', icon: <ContactsOutlined />, any: [P.CASE_READ] },
      { key: 'record-access', path: '/admin/record-access', label: 'nav.recordAccess', icon: <ContactsOutlined />, any: [P.CASE_READ] },
    ],
  },
  {
    key: 'licensingGroup',
    label: 'nav.group.licensing',
    icon: <SafetyCertificateOutlined />,
    children: [
      { key: 'licensing', path: '/admin/licensing', label: 'nav.licensing', icon: <SafetyCertificateOutlined />, any: [P.CASE_READ] },
      { key: 'licensingNew', path: '/admin/licensing/new', label: 'nav.licensingNew', icon: <SafetyCertificateOutlined />, any: [P.CASE_HANDLE] },
      { key: 'licensingBans', path: '/admin/licensing/bans', label: 'nav.licensingBans', icon: <StopOutlined />, any: [P.CASE_READ] },
      { key: 'inspections', path: '/admin/inspections', label: 'nav.inspections', icon: <FileSearchOutlined />, any: [P.CASE_READ] },
      { key: 'coercion', path: '/admin/coercive-measures', label: 'nav.coercion', icon: <LockOutlined />, any: [P.CASE_READ] },
      { key: 'publicity', path: '/admin/publicity', label: 'nav.publicity', icon: <NotificationOutlined />, any: [P.CASE_READ] },
      { key: 'publicityReview', path: '/admin/publicity/review', label: 'nav.publicityReview', icon: <NotificationOutlined />, any: [P.PUBLICITY_REVIEW] },
    ],
  },
  {
    key: 'spotChecks',
    label: 'nav.group.spotChecks',
    icon: <ExperimentOutlined />,
    children: [
      { key: 'spot-check-plans', path: '/admin/spot-checks/plans', label: 'nav.spotChecks.plans', icon: <ExperimentOutlined />, any: [P.SPOT_CHECK_READ] },
      { key: 'spot-check-tasks', path: '/admin/spot-checks/tasks', label: 'nav.spotChecks.tasks', icon: <CheckSquareOutlined />, any: [P.SPOT_CHECK_READ] },
      { key: 'spot-check-targets', path: '/admin/spot-checks/targets', label: 'nav.spotChecks.targets', icon: <BankOutlined />, any: [P.SPOT_CHECK_READ] },
      { key: 'spot-check-stats', path: '/admin/spot-checks/stats', label: 'nav.spotChecks.stats', icon: <DashboardOutlined />, any: [P.SPOT_CHECK_READ] },
    ],
  },
  {
    key: 'evaluationGroup',
    label: 'nav.group.evaluation',
    icon: <AuditOutlined />,
    children: [
      { key: 'evaluation-campaigns', path: '/admin/evaluation/campaigns', label: 'nav.evaluation.campaigns', icon: <AuditOutlined />, any: [P.EVALUATION_MANAGE, P.EVALUATION_RESPOND] },
      { key: 'evaluation-queue', path: '/admin/evaluation/queue', label: 'nav.evaluation.queue', icon: <CheckSquareOutlined />, any: [P.EVALUATION_SCORE] },
      { key: 'return-visits', path: '/admin/return-visits', label: 'nav.evaluation.visits', icon: <PhoneOutlined />, any: [P.EVALUATION_SCORE] },
      { key: 'return-visit-stats', path: '/admin/return-visits/stats', label: 'nav.evaluation.satisfaction', icon: <DashboardOutlined />, any: [P.EVALUATION_SCORE, P.EVALUATION_RESPOND] },
    ],
  },
  {
    key: 'commandGroup',
    label: 'nav.group.command',
    icon: <AimOutlined />,
    children: [
      { key: 'command', path: '/admin/command', label: 'nav.command', icon: <AimOutlined />, any: [P.COMMAND_DISPATCH, P.REGISTRY_SUPERVISE] },
      { key: 'commandField', path: '/admin/command/field', label: 'nav.commandField', icon: <MobileOutlined />, any: [P.COMMAND_FIELD] },
      { key: 'commandDevices', path: '/admin/command/devices', label: 'nav.commandDevices', icon: <AimOutlined />, any: [P.COMMAND_DISPATCH] },
    ],
  },
  {
    key: 'liaisonGroup',
    label: 'nav.group.liaison',
    icon: <TeamOutlined />,
    children: [
      { key: 'complaints', path: '/admin/complaints', label: 'nav.complaints', icon: <NotificationOutlined />, any: [P.COMPLAINT_READ] },
      { key: 'liaison-supervisors', path: '/admin/liaison/supervisors', label: 'nav.liaison.supervisors', icon: <IdcardOutlined />, any: [P.LIAISON_READ] },
      { key: 'liaison-experts', path: '/admin/liaison/experts', label: 'nav.liaison.experts', icon: <SolutionOutlined />, any: [P.LIAISON_READ] },
      { key: 'liaison-contact-points', path: '/admin/liaison/contact-points', label: 'nav.liaison.contactPoints', icon: <BankOutlined />, any: [P.LIAISON_READ] },
      { key: 'liaison-surveys', path: '/admin/liaison/surveys', label: 'nav.liaison.surveys', icon: <FileSearchOutlined />, any: [P.LIAISON_READ] },
      { key: 'liaison-evaluations', path: '/admin/liaison/evaluations', label: 'nav.liaison.evaluations', icon: <AuditOutlined />, any: [P.LIAISON_READ] },
    ],
  },
  {
    key: 'transfersGroup',
    label: 'nav.group.transfers',
    icon: <SwapOutlined />,
    children: [
      { key: 'transfers', path: '/admin/transfers', label: 'nav.transfers', icon: <SwapOutlined />, any: [P.TRANSFER_READ] },
      { key: 'transferDuplicates', path: '/admin/transfers/duplicates', label: 'nav.transferDuplicates', icon: <CopyOutlined />, any: [P.TRANSFER_DESIGNATE] },
    ],
  },
  {
    key: 'supervisionGroup',
    label: 'nav.group.supervision',
    icon: <AlertOutlined />,
    children: [
      { key: 'supervisionWarnings', path: '/admin/supervision/warnings', label: 'nav.supervisionWarnings', icon: <AlertOutlined />, any: [P.SUPERVISION_READ] },
      { key: 'supervisionDocuments', path: '/admin/supervision/documents', label: 'nav.supervisionDocuments', icon: <FileProtectOutlined />, any: [P.SUPERVISION_READ] },
    ],
  },
  {
    key: 'statisticsGroup',
    label: 'nav.group.statistics',
    icon: <DashboardOutlined />,
    children: [
      { key: 'statistics', path: '/admin/statistics', label: 'nav.statistics', icon: <DashboardOutlined />, any: [P.CASE_READ] },
      { key: 'annualReports', path: '/admin/statistics/annual-reports', label: 'nav.annualReports', icon: <FileProtectOutlined />, any: [P.CASE_READ] },
    ],
  },
  {
    key: 'registry',
    label: 'nav.group.registry',
    icon: <BankOutlined />,
    children: [
      { key: 'regions', path: '/admin/regions', label: 'nav.regions', icon: <ClusterOutlined />, any: [P.REGISTRY_READ] },
      { key: 'subjects', path: '/admin/subjects', label: 'nav.subjects', icon: <BankOutlined />, any: [P.REGISTRY_READ] },
      { key: 'entrustments', path: '/admin/entrustments', label: 'nav.entrustments', icon: <SolutionOutlined />, any: [P.REGISTRY_READ] },
      { key: 'officers', path: '/admin/officers', label: 'nav.officers', icon: <IdcardOutlined />, any: [P.REGISTRY_READ] },
    ],
  },
  {
    key: 'itemsGroup',
    label: 'nav.group.items',
    icon: <OrderedListOutlined />,
    children: [
      { key: 'items', path: '/admin/items', label: 'nav.items', icon: <OrderedListOutlined />, any: [P.REGISTRY_READ] },
      { key: 'items-random', path: '/admin/items/random', label: 'nav.items.random', icon: <OrderedListOutlined />, any: [P.REGISTRY_READ] },
      { key: 'items-av', path: '/admin/items/av', label: 'nav.items.av', icon: <OrderedListOutlined />, any: [P.REGISTRY_READ] },
      { key: 'items-major', path: '/admin/items/major', label: 'nav.items.major', icon: <OrderedListOutlined />, any: [P.REGISTRY_READ] },
      { key: 'items-discretion', path: '/admin/items/discretion', label: 'nav.items.discretion', icon: <OrderedListOutlined />, any: [P.REGISTRY_READ] },
    ],
  },
  {
    key: 'config',
    label: 'nav.group.config',
    icon: <SettingOutlined />,
    children: [
      { key: 'rules', path: '/admin/rules', label: 'nav.rules', icon: <FileProtectOutlined />, any: [P.REGISTRY_READ] },
      { key: 'calendar', path: '/admin/calendar', label: 'nav.calendar', icon: <CalendarOutlined />, any: [P.REGISTRY_READ] },
    ],
  },
  {
    key: 'admin',
    label: 'nav.group.admin',
    icon: <SafetyCertificateOutlined />,
    children: [
      { key: 'users', path: '/admin/users', label: 'nav.users', icon: <TeamOutlined />, any: [P.USER_MANAGE] },
      { key: 'security', path: '/admin/security', label: 'nav.security', icon: <SafetyCertificateOutlined />, any: [P.SECURITY_MANAGE] },
      { key: 'audit', path: '/admin/audit', label: 'nav.audit', icon: <AuditOutlined />, any: [P.AUDIT_READ] },
    ],
  },
];

const isGroup = (e: NavEntry | NavGroup): e is NavGroup => 'children' in e;

/**
 * The menu entry of a path: the longest matching entry path (so /admin/items/av beats /admin/items). /admin itself
 * shows the dashboard to those who do not land on 我的待办.
 */
export function selectedNavKey(pathname: string): string | undefined {
  const entries = NAV.flatMap((e) => (isGroup(e) ? e.children : [e]));
  const path = pathname === '/admin' || pathname === '/admin/' ? '/admin/dashboard' : pathname;
  let best: NavEntry | undefined;
  for (const e of entries) {
    const match = path === e.path || path.startsWith(`${e.path}/`);
    if (match && (!best || e.path.length > best.path.length)) best = e;
  }
  return best?.key;
}

function ScopeText() {
  const me = useAuth();
  const t = useT();
  const can = useCan();
  const region = useQuery({
    queryKey: ['regions', 'one', me.scope.regionCode],
    queryFn: ({ signal }) => api.get<Region>(`/regions/${me.scope.regionCode}`, undefined, signal),
    enabled: me.scope.kind === 'region' && !!me.scope.regionCode,
    staleTime: 600_000,
    retry: false,
  });
  const agency = useQuery({
    queryKey: ['subjects', 'detail', me.scope.agencyId],
    queryFn: ({ signal }) => api.get<Subject>(`/subjects/${me.scope.agencyId}`, undefined, signal),
    enabled: me.scope.kind === 'agency' && !!me.scope.agencyId && can(P.REGISTRY_READ),
    staleTime: 600_000,
    retry: false,
  });
  const text =
    me.scope.kind === 'agency'
      ? t('scope.agency', { name: agency.data?.name ?? me.scope.agencyId ?? '—' })
      : t('scope.region', { name: region.data ? `${region.data.name}（${region.data.code}）` : me.scope.regionCode });
  return (
    <span className="zf-header-scope" data-testid="header-scope" title={text}>
      {text}
    </span>
  );
}

export function AdminLayout() {
  const t = useT();
  const me = useAuth();
  const can = useCan();
  const labels = useLabels();
  const location = useLocation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false;
  const [collapsed, setCollapsed] = useState(narrow);
  useEffect(() => setCollapsed(narrow), [narrow]);

  const logout = useMutation({
    mutationFn: () => api.post<void>('/auth/logout', {}, { skipAuthRedirect: true }),
    onSettled: (_d, err) => {
      if (err) void message.warning(errorText(err));
      qc.clear();
      navigate('/admin/login', { replace: true });
    },
  });

  const items: MenuProps['items'] = useMemo(() => {
    const entry = (e: NavEntry) => ({
      key: e.key,
      icon: e.icon,
      label: (
        <Link to={e.path} data-testid={`menu-${e.key}`}>
          {t(e.label)}
        </Link>
      ),
    });
    const out: NonNullable<MenuProps['items']> = [];
    for (const e of NAV) {
      if (isGroup(e)) {
        const children = e.children.filter((c) => c.any.some((p) => can(p))).map(entry);
        if (children.length) out.push({ key: e.key, icon: e.icon, label: <span data-testid={`menu-group-${e.key}`}>{t(e.label)}</span>, children });
      } else if (e.any.some((p) => can(p))) out.push(entry(e));
    }
    return out;
  }, [can, t]);

  const selected = selectedNavKey(location.pathname);
  const openKeys = NAV.filter(isGroup).map((g) => g.key);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        breakpoint="md"
        collapsible
        collapsed={collapsed}
        onCollapse={(c) => setCollapsed(c)}
        collapsedWidth={narrow ? 0 : 64}
        width={256}
        trigger={null}
        style={narrow ? { position: 'fixed', height: '100vh', zIndex: 100, left: 0, top: 0 } : { position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
        data-testid="admin-sider"
      >
        <div className="zf-logo">
          <span className="zf-logo-mark" aria-hidden>
            法
          </span>
          {!collapsed ? <span>{t('app.shortName')}</span> : null}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={selected ? [selected] : []}
          defaultOpenKeys={openKeys}
          items={items}
          data-testid="admin-menu"
          onClick={() => {
            if (narrow) setCollapsed(true);
          }}
        />
      </Layout.Sider>
      {narrow && !collapsed ? (
        <div
          onClick={() => setCollapsed(true)}
          style={{ position: 'fixed', inset: 0, background: 'rgba(0,0,0,0.35)', zIndex: 99 }}
          aria-hidden
          data-testid="sider-mask"
        />
      ) : null}
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header className="zf-header" style={{ height: 56, lineHeight: '56px' }}>
          <Space size={8} style={{ minWidth: 0 }}>
            <Button
              type="text"
              aria-label={t('nav.toggleMenu')}
              icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              onClick={() => setCollapsed(!collapsed)}
              data-testid="sider-toggle"
            />
            {!narrow ? <Typography.Text strong>{t('app.name')}</Typography.Text> : null}
          </Space>
          <div className="zf-header-user">
            {!narrow ? <ScopeText /> : null}
            <LocaleSwitch />
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  ...(narrow ? [{ key: 'scope', disabled: true, label: <ScopeText /> }] : []),
                  { key: 'password', icon: <KeyOutlined />, label: <Link to="/admin/change-password">{t('auth.changePassword')}</Link> },
                  { type: 'divider' as const },
                  {
                    key: 'logout',
                    icon: <LogoutOutlined />,
                    danger: true,
                    label: <span data-testid="logout-menu-item">{t('auth.logout')}</span>,
                    onClick: () => logout.mutate(),
                  },
                ],
              }}
            >
              <Button type="text" data-testid="user-menu" style={{ paddingInline: 6 }}>
                <Space size={6}>
                  <UserOutlined />
                  <span data-testid="header-user-name">{me.user.displayName}</span>
                  {me.user.role && !narrow ? (
                    <Tag color="blue" data-testid="header-role" style={{ marginInlineEnd: 0 }}>
                      {labels.role(me.user.role)}
                    </Tag>
                  ) : null}
                  <DownOutlined style={{ fontSize: 10 }} />
                </Space>
              </Button>
            </Dropdown>
            <Button icon={<LogoutOutlined />} onClick={() => logout.mutate()} loading={logout.isPending} data-testid="logout-button" aria-label={t('auth.logout')}>
              {!narrow ? t('auth.logout') : null}
            </Button>
          </div>
        </Layout.Header>
        <Layout.Content className="zf-content">
          <Suspense fallback={<FullSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
        <Layout.Footer style={{ textAlign: 'center', padding: '12px 16px', fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>{t('app.footer')}</Layout.Footer>
      </Layout>
    </Layout>
  );
}
