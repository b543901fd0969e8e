import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { SPOT_CHECK_PLAN_STATUS_LABELS, type SpotCheckPlanStatus } from '@zhifa/domain';
import { Button, Table, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import { Permission, useCan } from '../../../auth/auth.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { STATUS_COLORS, useZhEn, type Plan } from './spot-checks.ts';

/** 抽查计划: the plans of my agency (or region), each with its draw's state. */
export default function SpotCheckPlansPage() {
  const L = useZhEn();
  const can = useCan();
  const navigate = useNavigate();
  const plans = useQuery({ queryKey: ['spot-checks', 'plans'], queryFn: ({ signal }) => api.get<Plan[]>('/spot-checks/plans', undefined, signal) });
  return (
    <div data-testid="spot-check-plans-page">
      <PageHeader
        title={L('双随机抽查计划', 'Random inspection plans')}
        sub={L('随机抽取检查对象与执法检查人员，抽取过程可公开验证（国办发〔2015〕58号）', 'Targets and inspectors drawn at random; every draw can be checked by anyone')}
        extra={
          can(Permission.SPOT_CHECK_PLAN) ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/admin/spot-checks/plans/new')} data-testid="plan-create">
              {L('新建抽查计划', 'New plan')}
            </Button>
          ) : null
        }
      />
      <ErrorAlert error={plans.error} />
      <Table<Plan>
        rowKey="id"
        loading={plans.isPending}
        dataSource={plans.data ?? []}
        pagination={false}
        data-testid="plans-table"
        columns={[
          { title: L('计划名称', 'Plan'), dataIndex: 'name', render: (v: string, r) => <Link to={`/admin/spot-checks/plans/${r.id}`}>{v}</Link> },
          { title: L('年度', 'Year'), dataIndex: 'year', width: 80 },
          { title: L('类型', 'Kind'), dataIndex: 'kind', width: 100, render: (v: string) => (v === 'annual' ? L('年度计划', 'Annual') : L('专项/临时', 'Ad hoc')) },
          { title: L('实施部门', 'Agencies'), render: (_: unknown, r) => r.agencies.map((a) => a.name).join('、') },
          { title: L('状态', 'Status'), dataIndex: 'status', width: 130, render: (v: string) => <Tag color={STATUS_COLORS[v]}>{SPOT_CHECK_PLAN_STATUS_LABELS[v as SpotCheckPlanStatus] ?? v}</Tag> },
          {
            title: L('承诺值（种子哈希）', 'Commitment'),
            render: (_: unknown, r) => (r.currentDraw ? <Typography.Text code>{r.currentDraw.commitment.slice(0, 16)}…</Typography.Text> : '—'),
          },
        ]}
      />
    </div>
  );
}
