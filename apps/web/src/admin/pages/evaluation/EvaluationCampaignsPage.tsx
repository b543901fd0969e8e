import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { EVALUATION_STATUS_LABELS, type EvaluationStatus } from '@zhifa/domain';
import { Button, Table, Tag } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import { Permission, useCan } from '../../../auth/auth.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { CAMPAIGN_STATUS_COLORS, useZhEn, type Campaign } from './evaluation.ts';

/** 案卷评查: campaigns I manage or review; for an agency head, the issued reports on my agency. */
export default function EvaluationCampaignsPage() {
  const L = useZhEn();
  const can = useCan();
  const navigate = useNavigate();
  const list = useQuery({ queryKey: ['evaluation', 'campaigns'], queryFn: ({ signal }) => api.get<Campaign[]>('/evaluation/campaigns', undefined, signal) });
  return (
    <div data-testid="evaluation-campaigns-page">
      <PageHeader
        title={L('行政执法案卷评查', 'Case-file evaluation')}
        sub={L('随机抽取已结案卷，评查人员独立盲评、签名，按百分制评定等次（广东省行政执法案卷评查办法）', 'Closed files sampled at random, scored blind and signed by independent reviewers, graded on a 100-point scale')}
        extra={
          can(Permission.EVALUATION_MANAGE) ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/admin/evaluation/campaigns/new')} data-testid="campaign-create">
              {L('制定评查方案', 'New campaign')}
            </Button>
          ) : null
        }
      />
      <ErrorAlert error={list.error} />
      <Table<Campaign>
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data ?? []}
        pagination={false}
        data-testid="campaigns-table"
        columns={[
          { title: L('评查名称', 'Campaign'), dataIndex: 'name', render: (v: string, r) => <Link to={`/admin/evaluation/campaigns/${r.id}`}>{v}</Link> },
          { title: L('年度', 'Year'), dataIndex: 'year', width: 80 },
          { title: L('案卷结案期间', 'Closed between'), width: 220, render: (_: unknown, r) => `${r.settings.closedFrom} — ${r.settings.closedTo}` },
          { title: L('状态', 'Status'), dataIndex: 'status', width: 160, render: (v: string) => <Tag color={CAMPAIGN_STATUS_COLORS[v]}>{EVALUATION_STATUS_LABELS[v as EvaluationStatus] ?? v}</Tag> },
          { title: L('报告送达日', 'Report issued'), dataIndex: 'reportIssuedOn', width: 130, render: (v: string | null) => v ?? '—' },
        ]}
      />
    </div>
  );
}
