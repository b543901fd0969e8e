import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { RETURN_VISIT_CASE_KIND_LABELS, type ReturnVisitCaseKind } from '@zhifa/domain';
import { App, Button, Card, Form, Input, InputNumber, Select, Space, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import { Permission, useCan } from '../../../auth/auth.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { SubjectSelect } from '../../../components/RemoteSelects.tsx';
import { useServerToday } from '../../../lib/useServerToday.ts';
import { useZhEn } from './evaluation.ts';

interface TaskRow {
  id: string;
  caseKind: string;
  caseNo: string | null;
  agencyName: string;
  partyName: string;
  partyPhoneMasked: string | null;
  assigneeName: string;
  status: string;
}

/** 回访任务: sampled closed cases to visit; party phone numbers masked in this list. */
export default function ReturnVisitsPage() {
  const L = useZhEn();
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const today = useServerToday();
  const manage = can(Permission.EVALUATION_MANAGE);
  const tasks = useQuery({ queryKey: ['return-visits', 'tasks'], queryFn: ({ signal }) => api.get<TaskRow[]>('/return-visits/tasks', undefined, signal) });
  const visitors = useQuery({ queryKey: ['evaluation', 'reviewers'], queryFn: ({ signal }) => api.get<{ id: string; displayName: string }[]>('/evaluation/reviewer-candidates', undefined, signal), enabled: manage });
  const create = useMutation({
    mutationFn: (v: { name: string; agencyIds?: string[]; kinds: string[]; ratePct: number; closedFrom: string; closedTo: string; assigneeUserIds: string[] }) =>
      api.post<{ tasks: number }>('/return-visits/batches', { name: v.name, agencyIds: v.agencyIds ?? [], kinds: v.kinds, rateBp: Math.round(v.ratePct * 100), closedFrom: v.closedFrom, closedTo: v.closedTo, assigneeUserIds: v.assigneeUserIds }),
    onSuccess: (r) => {
      message.success(L(`已生成回访任务 ${r.tasks} 件`, `${r.tasks} visit tasks created`));
      void qc.invalidateQueries({ queryKey: ['return-visits'] });
    },
  });
  return (
    <div data-testid="return-visits-page">
      <PageHeader title={L('执法回访', 'Return visits')} sub={L('按比例随机抽取已办结案件回访当事人（市场监督管理执法监督暂行规定第十三条）', 'Closed cases sampled at a rate; parties visited (SAMR Art.13)')} />
      {manage && today ? (
        <Card size="small" title={L('抽取回访案件', 'Sample cases to visit')} style={{ marginBottom: 16 }}>
          <ErrorAlert error={create.error} />
          <Form layout="inline" initialValues={{ name: `${today.format('YYYY年M月')}执法回访`, kinds: ['penalty', 'licensing', 'inspection'], ratePct: 20, closedFrom: `${today.year()}-01-01`, closedTo: today.format('YYYY-MM-DD') }} onFinish={(v) => create.mutate(v)}>
            <Form.Item name="name" rules={[{ required: true }]}>
              <Input style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="kinds" rules={[{ required: true }]}>
              <Select mode="multiple" style={{ width: 260 }} options={Object.entries(RETURN_VISIT_CASE_KIND_LABELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
            <Form.Item name="ratePct" label={L('比例%', 'Rate %')} rules={[{ required: true }]}>
              <InputNumber min={0.01} max={100} />
            </Form.Item>
            <Form.Item name="closedFrom">
              <Input type="date" />
            </Form.Item>
            <Form.Item name="closedTo">
              <Input type="date" />
            </Form.Item>
            <Form.Item name="agencyIds">
              <SubjectSelect multiple placeholder={L('单位（不选为全部）', 'Agencies (all)')} style={{ width: 260 }} />
            </Form.Item>
            <Form.Item name="assigneeUserIds" rules={[{ required: true }]}>
              <Select mode="multiple" placeholder={L('回访人员', 'Visitors')} style={{ width: 220 }} options={(visitors.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={create.isPending}>
              {L('抽取并分配', 'Sample and assign')}
            </Button>
          </Form>
        </Card>
      ) : null}
      <ErrorAlert error={tasks.error} />
      <Table<TaskRow>
        rowKey="id"
        loading={tasks.isPending}
        dataSource={tasks.data ?? []}
        pagination={{ pageSize: 20 }}
        data-testid="visit-tasks-table"
        columns={[
          { title: L('类别', 'Kind'), dataIndex: 'caseKind', width: 100, render: (v: string) => RETURN_VISIT_CASE_KIND_LABELS[v as ReturnVisitCaseKind] ?? v },
          { title: L('案号', 'Case no.'), dataIndex: 'caseNo', render: (v: string | null, r) => <Link to={`/admin/return-visits/${r.id}`}>{v ?? L('查看', 'Open')}</Link> },
          { title: L('单位', 'Agency'), dataIndex: 'agencyName' },
          { title: L('当事人', 'Party'), dataIndex: 'partyName' },
          { title: L('联系电话', 'Phone'), dataIndex: 'partyPhoneMasked', render: (v: string | null) => v ?? '—' },
          { title: L('回访人员', 'Visitor'), dataIndex: 'assigneeName' },
          { title: L('状态', 'Status'), dataIndex: 'status', width: 100, render: (v: string) => (v === 'done' ? <Tag color="green">{L('已回访', 'Done')}</Tag> : <Tag color="blue">{L('待回访', 'To visit')}</Tag>) },
        ]}
      />
      <Space />
    </div>
  );
}
