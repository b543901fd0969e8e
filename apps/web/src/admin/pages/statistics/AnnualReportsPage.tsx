import { useSearchParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, InputNumber, Modal, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, downloadFile } from '../../../api/client.ts';
import { useAuth } from '../../../auth/auth.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useServerToday } from '../../../lib/useServerToday.ts';
import { useZhEn } from './statistics.ts';

interface ReportItem {
  key: string;
  zh: string;
  en: string;
  unit: string;
  value: number | null;
  source: string | null;
}
interface Report {
  id: string;
  agencyId: string;
  agencyName: string;
  year: number;
  status: 'draft' | 'approved' | 'published' | 'withdrawn';
  version: number;
  allowedActions: string[];
  dueOn: string;
  publishedAt: string | null;
  content: { items: ReportItem[]; note: string | null; generatedAt: string };
}
interface Pending {
  agencyId: string;
  agencyName: string;
  dueOn: string;
  reportStatus: string | null;
  state: 'due' | 'overdue';
}

const STATUS: Record<Report['status'], [string, string, string]> = {
  draft: ['草稿', 'Draft', 'default'],
  approved: ['负责人已审核', 'Approved', 'blue'],
  published: ['已公开', 'Published', 'green'],
  withdrawn: ['已撤回', 'Withdrawn', 'orange'],
};

/**
 * 统计年报: each agency's annual enforcement data report on the previous year — generated from the data, reviewed by the
 * agency head, published on the portal by 31 January (国办发〔2018〕118号 §二(六)); supervisors see who is late.
 */
export default function AnnualReportsPage() {
  const L = useZhEn();
  const me = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const today = useServerToday();
  // ?year=YYYY opens another year's reports (a link from a reminder); otherwise the previous year.
  const [params] = useSearchParams();
  const linkedYear = /^\d{4}$/.test(params.get('year') ?? '') ? Number(params.get('year')) : null;
  const [year, setYear] = useState<number | null>(linkedYear);
  const y = year ?? (today ? today.year() - 1 : null);
  const reports = useQuery({ queryKey: ['annual-reports', y], enabled: !!y, queryFn: ({ signal }) => api.get<Report[]>('/statistics/annual-reports', { year: y! }, signal) });
  const pending = useQuery({ queryKey: ['annual-reports', 'deadlines', y], enabled: !!y, queryFn: ({ signal }) => api.get<Pending[]>('/statistics/annual-reports/deadlines', { year: y! }, signal) });
  const [open, setOpen] = useState<Report | null>(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: ['annual-reports'] });
  const act = useMutation({
    mutationFn: ({ r, action }: { r: Report; action: string }) => (action === 'generate' ? api.post<Report>('/statistics/annual-reports', { agencyId: r.agencyId, year: r.year }) : api.post<Report>(`/statistics/annual-reports/${r.id}/${action}`, { version: r.version })),
    onSuccess: (r) => {
      message.success(L('已保存', 'Saved'));
      setOpen(r);
      refresh();
    },
  });
  const generateOwn = useMutation({
    mutationFn: () => api.post<Report>('/statistics/annual-reports', { agencyId: me.user.agencyId, year: y }),
    onSuccess: (r) => {
      setOpen(r);
      refresh();
    },
  });
  const isHead = me.user.role === 'agency_head';
  const ACTION_LABEL: Record<string, string> = { generate: L('按最新数据重新生成', 'Regenerate'), approve: L('负责人审核通过', 'Approve'), publish: L('公开', 'Publish') };
  return (
    <div data-testid="annual-reports-page">
      <PageHeader
        title={L('行政执法统计年报', 'Annual enforcement data reports')}
        extra={
          <Space>
            {L('年度', 'Year')}
            <InputNumber value={y} min={2000} max={2100} onChange={(v) => v && setYear(v)} />
            {isHead && !(reports.data ?? []).some((r) => r.agencyId === me.user.agencyId) && (
              <Button type="primary" loading={generateOwn.isPending} onClick={() => generateOwn.mutate()}>
                {L('生成本机关年报', 'Generate our report')}
              </Button>
            )}
          </Space>
        }
      />
      <ErrorAlert error={reports.error ?? act.error ?? generateOwn.error} />
      <Card size="small" title={L('年报', 'Reports')} style={{ marginBottom: 12 }}>
        <Table
          size="small"
          rowKey="id"
          loading={reports.isPending}
          dataSource={reports.data ?? []}
          pagination={{ pageSize: 15 }}
          columns={[
            { title: L('执法机关', 'Agency'), dataIndex: 'agencyName' },
            { title: L('年度', 'Year'), dataIndex: 'year' },
            { title: L('状态', 'Status'), render: (_, r) => <Tag color={STATUS[r.status][2]}>{L(STATUS[r.status][0], STATUS[r.status][1])}</Tag> },
            { title: L('公开期限', 'Due'), dataIndex: 'dueOn' },
            {
              title: '',
              render: (_, r) => (
                <Space>
                  <Button size="small" onClick={() => setOpen(r)} data-testid={`report-open-${r.agencyId}`}>
                    {L('查看', 'Open')}
                  </Button>
                  <Button size="small" onClick={() => void downloadFile(`/statistics/annual-reports/${r.id}/report.pdf`, undefined, 'report.pdf')}>PDF</Button>
                  <Button size="small" onClick={() => void downloadFile(`/statistics/annual-reports/${r.id}/report.xlsx`, undefined, 'report.xlsx')}>Excel</Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={L('未按期公开（1月31日前）', 'Not yet published (due 31 January)')}>
        <Table
          size="small"
          rowKey="agencyId"
          dataSource={pending.data ?? []}
          pagination={{ pageSize: 10 }}
          columns={[
            { title: L('执法机关', 'Agency'), dataIndex: 'agencyName' },
            { title: L('期限', 'Due'), dataIndex: 'dueOn' },
            { title: L('年报状态', 'Report'), render: (_, p) => (p.reportStatus ? L(STATUS[p.reportStatus as Report['status']]?.[0] ?? p.reportStatus, p.reportStatus) : L('未生成', 'Not generated')) },
            { title: '', render: (_, p) => (p.state === 'overdue' ? <Tag color="red">{L('已逾期', 'Overdue')}</Tag> : <Tag color="gold">{L('待公开', 'Due')}</Tag>) },
          ]}
        />
      </Card>
      <Modal open={!!open} onCancel={() => setOpen(null)} footer={null} width={760} title={open ? `${open.agencyName} ${open.year}` : ''}>
        {open && (
          <div data-testid="report-detail">
            <Descriptions size="small" column={1} bordered>
              {open.content.items.map((i) => (
                <Descriptions.Item key={i.key} label={L(i.zh, i.en)}>
                  {i.source === null ? <Tag>{L('暂无数据来源', 'No data source yet')}</Tag> : i.value === null ? '—' : i.unit === '%' ? `${(i.value * 100).toFixed(1)}%` : `${i.value.toLocaleString('zh-CN')} ${i.unit}`}
                </Descriptions.Item>
              ))}
            </Descriptions>
            {open.content.note && <p style={{ marginTop: 8, color: '#666' }}>{open.content.note}</p>}
            {isHead && open.agencyId === me.user.agencyId && (
              <Space style={{ marginTop: 12 }}>
                {open.allowedActions.filter((a) => a !== 'withdraw').map((a) => (
                  <Button key={a} type={a === 'generate' ? 'default' : 'primary'} loading={act.isPending} data-testid={`report-${a}`} onClick={() => act.mutate({ r: open, action: a })}>
                    {ACTION_LABEL[a] ?? a}
                  </Button>
                ))}
              </Space>
            )}
          </div>
        )}
      </Modal>
    </div>
  );
}
