import { useQuery } from '@tanstack/react-query';
import { Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useZhEn } from './evaluation.ts';

interface QueueRow {
  assignmentId: string;
  status: string;
  campaignId: string;
  campaignName: string;
  campaignStatus: string;
  fileId: string;
  caseNo: string | null;
  title: string;
  agencyName: string;
}

/** 我的评查任务: the files assigned to me; each is scored alone and signed once (CR2). */
export default function EvaluationQueuePage() {
  const L = useZhEn();
  const q = useQuery({ queryKey: ['evaluation', 'queue'], queryFn: ({ signal }) => api.get<QueueRow[]>('/evaluation/my-queue', undefined, signal) });
  return (
    <div data-testid="evaluation-queue-page">
      <PageHeader title={L('我的评查任务', 'My scoring queue')} sub={L('独立评分：提交并签名本人评分表后，才能查看其他评查人员的评分', 'Blind: other reviewers’ scores are shown only after you sign yours')} />
      <ErrorAlert error={q.error} />
      <Table<QueueRow>
        rowKey="assignmentId"
        loading={q.isPending}
        dataSource={q.data ?? []}
        pagination={false}
        data-testid="queue-table"
        columns={[
          { title: L('评查', 'Campaign'), dataIndex: 'campaignName' },
          { title: L('案号', 'Case no.'), dataIndex: 'caseNo', render: (v: string | null) => v ?? '—' },
          { title: L('案件', 'Case'), dataIndex: 'title', render: (v: string, r) => <Link to={`/admin/evaluation/score/${r.assignmentId}`} data-testid="queue-open">{v}</Link> },
          { title: L('单位', 'Agency'), dataIndex: 'agencyName' },
          { title: L('状态', 'Status'), dataIndex: 'status', width: 110, render: (v: string) => (v === 'submitted' ? <Tag color="green">{L('已签名提交', 'Signed')}</Tag> : <Tag color="blue">{L('待评分', 'To score')}</Tag>) },
        ]}
      />
    </div>
  );
}
