import { useQuery } from '@tanstack/react-query';
import { Card, Table } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import { Permission, useCan } from '../../../auth/auth.tsx';
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
  const can = useCan();
  const s = useQuery({ queryKey: ['return-visits', 'stats'], queryFn: ({ signal }) => api.get<Row[]>('/return-visits/stats', undefined, signal) });
  const flagged = useQuery({
    queryKey: ['return-visits', 'flagged'],
    queryFn: ({ signal }) => api.get<{ recordId: number; task: { id: string; caseNo: string | null; agencyName: string }; findings: string; satisfaction: number | null; visitedOn: string }[]>('/return-visits/flagged', undefined, signal),
    enabled: can(Permission.EVALUATION_MANAGE),
  });
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
      {flagged.data ? (
        <Card size="small" title={L('移交执法监督跟进的回访发现', 'Findings flagged for supervision')} style={{ marginTop: 16 }}>
          <Table
            rowKey="recordId"
            size="small"
            pagination={false}
            dataSource={flagged.data}
            columns={[
              { title: L('回访日期', 'Visited'), dataIndex: 'visitedOn', width: 110 },
              { title: L('单位', 'Agency'), render: (_: unknown, r) => r.task.agencyName },
              { title: L('案号', 'Case no.'), render: (_: unknown, r) => <Link to={`/admin/return-visits/${r.task.id}`}>{r.task.caseNo ?? L('查看', 'Open')}</Link> },
              { title: L('发现', 'Findings'), dataIndex: 'findings' },
              { title: L('满意度', 'Satisfaction'), dataIndex: 'satisfaction', width: 90, render: (v: number | null) => v ?? '—' },
            ]}
          />
        </Card>
      ) : null}
    </div>
  );
}
