import { useQuery } from '@tanstack/react-query';
import { Card, InputNumber, Space, Table } from 'antd';
import { useState } from 'react';
import { api } from '../../../api/client.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useServerToday } from '../../../lib/useServerToday.ts';
import { useZhEn } from './spot-checks.ts';

interface StatRow {
  key: string;
  label: string;
  tasks: number;
  done: number;
  problems: number;
  cases: number;
  targetsInspected: number;
  directorySize: number | null;
  coverage: number | null;
  problemRate: number | null;
}
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** 抽查统计: coverage and problem rate by industry, region and agency (issue #5, domain-rules §12). */
export default function SpotCheckStatsPage() {
  const L = useZhEn();
  // The server's (Beijing) year unless another is chosen.
  const today = useServerToday();
  const [chosenYear, setYear] = useState<number | null>(null);
  const year = chosenYear ?? today?.year() ?? null;
  const stats = useQuery({ queryKey: ['spot-checks', 'stats', year], queryFn: ({ signal }) => api.get<{ byIndustry: StatRow[]; byRegion: StatRow[]; byAgency: StatRow[] }>('/spot-checks/stats', { year: year! }, signal), enabled: year !== null });
  const cols = (first: string) => [
    { title: first, dataIndex: 'label' },
    { title: L('任务', 'Tasks'), dataIndex: 'tasks' },
    { title: L('已检查', 'Done'), dataIndex: 'done' },
    { title: L('发现问题', 'Problems'), dataIndex: 'problems' },
    { title: L('立案', 'Cases'), dataIndex: 'cases' },
    { title: L('名录户数', 'Directory'), dataIndex: 'directorySize', render: (v: number | null) => v ?? '—' },
    { title: L('覆盖率', 'Coverage'), dataIndex: 'coverage', render: pct },
    { title: L('问题发现率', 'Problem rate'), dataIndex: 'problemRate', render: pct },
  ];
  return (
    <div data-testid="spot-check-stats-page">
      <PageHeader title={L('双随机抽查统计', 'Random inspection statistics')} extra={<Space>{L('年度', 'Year')}<InputNumber value={year} min={2000} max={2100} onChange={(v) => v && setYear(v)} /></Space>} />
      <ErrorAlert error={stats.error} />
      <Card title={L('按行业', 'By industry')} size="small" style={{ marginBottom: 12 }}>
        <Table size="small" rowKey="key" pagination={false} loading={stats.isPending} dataSource={stats.data?.byIndustry ?? []} columns={cols(L('行业', 'Industry'))} />
      </Card>
      <Card title={L('按区域', 'By region')} size="small" style={{ marginBottom: 12 }}>
        <Table size="small" rowKey="key" pagination={false} loading={stats.isPending} dataSource={stats.data?.byRegion ?? []} columns={cols(L('区划', 'Region'))} />
      </Card>
      <Card title={L('按部门', 'By agency')} size="small">
        <Table size="small" rowKey="key" pagination={false} loading={stats.isPending} dataSource={stats.data?.byAgency ?? []} columns={cols(L('部门', 'Agency'))} />
      </Card>
    </div>
  );
}
