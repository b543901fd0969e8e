import { useQuery } from '@tanstack/react-query';
import { Card, Table } from 'antd';
import { api } from '../../../api/client.ts';
import { BarChart } from '../../../components/BarChart.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useZhEn } from './evaluation.ts';

interface Row {
  agencyId: string;
  agencyName: string;
  visits: number;
  contacted: number;
  rated: number;
  mean: number | null;
  satisfiedPct: number | null;
  flagged: number;
}

/** 满意度统计: satisfaction per agency from the return visits in scope. */
export default function ReturnVisitStatsPage() {
  const L = useZhEn();
  const s = useQuery({ queryKey: ['return-visits', 'stats'], queryFn: ({ signal }) => api.get<Row[]>('/return-visits/stats', undefined, signal) });
  return (
    <div data-testid="return-visit-stats-page">
      <PageHeader title={L('回访满意度统计', 'Satisfaction')} sub={L('联系上当事人的回访计入满意度；4—5分为满意', 'Visits with contact count; 4–5 = satisfied')} />
      <ErrorAlert error={s.error} />
      {s.data && s.data.length ? (
        <Card size="small" style={{ marginBottom: 16 }}>
          <BarChart seriesName={L('满意率%', 'Satisfied %')} data={s.data.map((r) => ({ name: r.agencyName, value: r.satisfiedPct ?? 0 }))} height={260} color="#2e7d32" />
        </Card>
      ) : null}
      <Table<Row>
        rowKey="agencyId"
        loading={s.isPending}
        dataSource={s.data ?? []}
        pagination={false}
        columns={[
          { title: L('单位', 'Agency'), dataIndex: 'agencyName' },
          { title: L('回访数', 'Visits'), dataIndex: 'visits', width: 90 },
          { title: L('联系上', 'Contacted'), dataIndex: 'contacted', width: 90 },
          { title: L('平均满意度', 'Mean (1–5)'), dataIndex: 'mean', width: 110, render: (v: number | null) => v ?? '—' },
          { title: L('满意率', 'Satisfied'), dataIndex: 'satisfiedPct', width: 100, render: (v: number | null) => (v === null ? '—' : `${v}%`) },
          { title: L('移交监督', 'Flagged'), dataIndex: 'flagged', width: 90 },
        ]}
      />
    </div>
  );
}
