import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { LICENSING_STATUSES } from '@zhifa/domain';
import { Button, Card, Input, Select, Table, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import type { Page } from '../../../api/types.ts';
import { Permission, useCan } from '../../../auth/auth.tsx';
import { DueText } from '../../../components/cases/CaseStatusTag.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import type { LicenceApplication, LicensingTodo } from '../../../components/licensing/licensing-api.ts';
import { licensingStatusColor, useLicensingText } from '../../../components/licensing/useLicensingText.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useListParams } from '../../../lib/useListParams.ts';

const FILTERS = ['status', 'q'] as const;

/** 许可申请: my agency's to-do first (overdue first), then every application in scope with filters. */
export default function LicenceListPage() {
  const x = useLicensingText();
  const can = useCan();
  const navigate = useNavigate();
  const lp = useListParams(FILTERS);
  const f = lp.filters;
  const list = useQuery({
    queryKey: ['licensing', 'list', f.status, f.q, lp.page, lp.pageSize],
    queryFn: ({ signal }) => api.get<Page<LicenceApplication>>('/licensing/applications', { status: f.status, q: f.q, page: lp.page, pageSize: lp.pageSize }, signal),
  });
  const todo = useQuery({ queryKey: ['licensing', 'todo'], queryFn: ({ signal }) => api.get<{ items: LicensingTodo[] }>('/licensing/todo', undefined, signal) });
  return (
    <div data-testid="licensing-page">
      <PageHeader
        title={x.t('list')}
        sub={x.zh ? '行政许可申请的受理、审查、决定与送达（《行政许可法》第二十九条至第五十条）' : 'Intake, review, decision and certificate (行政许可法 Art.29–50)'}
        extra={
          can(Permission.CASE_HANDLE) ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/admin/licensing/new')} data-testid="licensing-create">
              {x.t('new')}
            </Button>
          ) : null
        }
      />
      {todo.data?.items.length ? (
        <Card size="small" title={x.t('todo')} style={{ marginBottom: 12 }} data-testid="licensing-todo">
          <Table<LicensingTodo>
            size="small"
            rowKey="applicationId"
            pagination={false}
            dataSource={todo.data.items}
            columns={[
              { title: x.t('applicationNo'), dataIndex: 'applicationNo', render: (v: string, r) => <Link to={`/admin/licensing/${r.applicationId}`}>{v}</Link> },
              { title: x.t('applicant'), dataIndex: 'applicantName' },
              { title: x.t('item'), dataIndex: 'itemName' },
              { title: x.t('status'), dataIndex: 'status', render: (s: string) => <Tag color={licensingStatusColor(s)}>{x.status(s)}</Tag> },
              { title: x.t('actions'), dataIndex: 'nextActions', render: (a: string[]) => a.map(x.action).join(x.sep) || '—' },
              {
                title: x.t('nextDue'),
                key: 'due',
                render: (_, r) => (
                  <span>
                    {r.deadlineLabelZh ? <Typography.Text type="secondary">{r.deadlineLabelZh} · </Typography.Text> : null}
                    <DueText dueOn={r.dueOn} daysLeft={r.daysLeft} overdue={r.overdue} />
                  </span>
                ),
              },
            ]}
          />
        </Card>
      ) : null}
      <div className="zf-filters">
        <Input.Search allowClear placeholder={x.t('search')} defaultValue={f.q} onSearch={(v) => lp.setFilters({ q: v.trim() })} style={{ maxWidth: 280 }} data-testid="filter-q" />
        <Select allowClear placeholder={x.t('status')} value={f.status} onChange={(v) => lp.setFilters({ status: v })} options={LICENSING_STATUSES.map((s) => ({ value: s, label: x.status(s) }))} style={{ width: 200 }} data-testid="filter-status" />
        <Button onClick={lp.reset}>{x.zh ? '重置' : 'Reset'}</Button>
      </div>
      {list.isError ? <ErrorAlert error={list.error} /> : null}
      <Table<LicenceApplication>
        size="small"
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        data-testid="licensing-table"
        scroll={{ x: true }}
        pagination={{ current: lp.page, pageSize: lp.pageSize, total: list.data?.total ?? 0, onChange: (page, pageSize) => lp.setPage(page, pageSize) }}
        columns={[
          { title: x.t('applicationNo'), dataIndex: 'applicationNo', render: (v: string, r) => <Link to={`/admin/licensing/${r.id}`}>{v}</Link> },
          { title: x.t('applicant'), key: 'applicant', render: (_, r) => r.applicant.name },
          { title: x.t('item'), dataIndex: 'itemName' },
          { title: x.t('receivedOn'), key: 'receivedOn', render: (_, r) => r.facts.receivedOn },
          { title: x.t('status'), dataIndex: 'status', render: (s: string) => <Tag color={licensingStatusColor(s)}>{x.status(s)}</Tag> },
          {
            title: x.t('nextDue'),
            key: 'due',
            render: (_, r) => {
              const open = r.deadlines.filter((d) => d.state === 'running' || d.state === 'overdue').sort((a, b) => a.dueOn.localeCompare(b.dueOn));
              const next = open.find((d) => d.state === 'overdue') ?? open[0];
              return next ? <DueText dueOn={next.dueOn} daysLeft={next.daysLeft} overdue={next.state === 'overdue'} /> : '—';
            },
          },
        ]}
      />
    </div>
  );
}
