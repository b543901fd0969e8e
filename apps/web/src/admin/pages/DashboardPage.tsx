import { BankOutlined, IdcardOutlined, OrderedListOutlined, WarningOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { ITEM_CATEGORIES, type CertificateStatus } from '@zhifa/domain';
import { Card, Col, Empty, Row, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/client.ts';
import type { RegistryStats } from '../../api/types.ts';
import { useAuth } from '../../auth/auth.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { CERT_STATUS_COLOR } from '../../components/StatusTags.tsx';
import { useT } from '../../i18n/index.tsx';
import { useLabels } from '../../lib/labels.ts';

// ECharts is heavy: load it only with the chart.
const BarChart = lazy(() => import('../../components/BarChart.tsx').then((m) => ({ default: m.BarChart })));

const CERT_ORDER: CertificateStatus[] = ['active', 'suspended', 'expired', 'revoked', 'cancelled'];

export default function DashboardPage() {
  const t = useT();
  const labels = useLabels();
  const me = useAuth();
  const q = useQuery({ queryKey: ['registry', 'stats'], queryFn: ({ signal }) => api.get<RegistryStats>('/registry/stats', undefined, signal) });
  const s = q.data;
  const chartData = ITEM_CATEGORIES.map((c) => ({ name: labels.category(c), value: s?.itemsByCategory[c] ?? 0 }));
  const cards = [
    { key: 'subjects', title: t('dashboard.subjects'), value: s?.subjects, icon: <BankOutlined />, to: '/admin/subjects' },
    { key: 'officers', title: t('dashboard.officers'), value: s?.officers, icon: <IdcardOutlined />, to: '/admin/officers' },
    { key: 'items', title: t('dashboard.items'), value: s?.items, icon: <OrderedListOutlined />, to: '/admin/items' },
    { key: 'shortfall', title: t('dashboard.trainingShortfall'), value: s?.trainingShortfall, icon: <WarningOutlined />, to: '/admin/officers?trainingShortfall=true' },
  ];
  return (
    <div data-testid="dashboard">
      <PageHeader title={t('dashboard.title')} sub={t('dashboard.welcome', { name: me.user.displayName })} />
      {q.isError ? <ErrorAlert error={q.error} /> : null}
      <Row gutter={[12, 12]}>
        {cards.map((c) => (
          <Col xs={12} md={6} key={c.key}>
            <Link to={c.to}>
              <Card hoverable size="small" data-testid={`stat-${c.key}`}>
                <Statistic title={c.title} value={c.value ?? '—'} prefix={c.icon} loading={q.isPending} />
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} lg={16}>
          <Card title={t('dashboard.itemsByCategory')} size="small" data-testid="items-by-category">
            {q.isPending ? (
              <Skeleton active />
            ) : s && s.items > 0 ? (
              <Suspense fallback={<Skeleton active />}>
                <BarChart data={chartData} seriesName={t('dashboard.items')} />
              </Suspense>
            ) : (
              <Empty />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title={t('dashboard.certificates')} size="small" data-testid="certificates-by-status">
            {q.isPending ? (
              <Skeleton active />
            ) : (
              <Space orientation="vertical" style={{ width: '100%' }}>
                {CERT_ORDER.map((st) => (
                  <Link key={st} to={`/admin/officers?certificateStatus=${st}`} style={{ display: 'flex', justifyContent: 'space-between' }}>
                    <Tag color={CERT_STATUS_COLOR[st]}>{labels.certStatus(st)}</Tag>
                    <Typography.Text strong>{s?.officersByCertificateStatus[st] ?? 0}</Typography.Text>
                  </Link>
                ))}
              </Space>
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
