import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { COERCION_STATUSES, COERCION_STATUS_INFO } from '@zhifa/domain';
import { Alert, Button, Input, Select, Table, Tag } from 'antd';
import type { HTMLAttributes } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import type { Page } from '../../../api/types.ts';
import { Permission, useCan } from '../../../auth/auth.tsx';
import { MEASURE_KIND_LABELS, ProcedureStatusTag, useZh } from '../../../components/enforcement/procedure.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useT } from '../../../i18n/index.tsx';
import { fmtDateTime } from '../../../lib/format.ts';
import { useListParams } from '../../../lib/useListParams.ts';
import type { Measure } from './types.ts';

const FILTERS = ['status', 'q'] as const;
type Todo = { items: { measureId: string; partyName: string; mustRelease: boolean; overdue: boolean; dueOn: string | null; deadlineLabelZh: string | null }[] };

/** 行政强制: measures in my scope; those that must be released (period over, or disapproved) are flagged on top. */
export default function CoercionListPage() {
  const zh = useZh();
  const t = useT();
  const can = useCan();
  const navigate = useNavigate();
  const lp = useListParams(FILTERS);
  const f = lp.filters;
  const query = { status: f.status, q: f.q, page: lp.page, pageSize: lp.pageSize };
  const list = useQuery({ queryKey: ['coercion', 'list', query], queryFn: ({ signal }) => api.get<Page<Measure>>('/coercive-measures', query, signal), placeholderData: (prev) => prev });
  const todo = useQuery({ queryKey: ['coercion', 'todo'], queryFn: ({ signal }) => api.get<Todo>('/coercive-measures/todo', undefined, signal) });
  const overdue = (todo.data?.items ?? []).filter((x) => x.overdue);
  return (
    <div data-testid="coercion-page">
      <PageHeader
        title={zh('行政强制措施', 'Coercive measures')}
        sub={zh('查封、扣押、冻结：批准、实施、期限（30日，经批准可延长30日）、解除或处理', 'Sealing, seizure, freezing: approval, execution, 30 (+30) days, release or disposal')}
        extra={
          can(Permission.CASE_HANDLE) ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/admin/coercive-measures/new')} data-testid="coercion-create">
              {zh('拟采取强制措施', 'Propose a measure')}
            </Button>
          ) : null
        }
      />
      {overdue.length ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="coercion-overdue"
          title={zh(`${overdue.length} 项强制措施已逾期或应当解除`, `${overdue.length} measure(s) overdue or to be released`)}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {overdue.map((x) => (
                <li key={x.measureId}>
                  <Link to={`/admin/coercive-measures/${x.measureId}`}>{x.partyName}</Link> · {x.mustRelease ? zh('应当解除（行政强制法 Art.28）', 'must be released (Art.28)') : `${x.deadlineLabelZh ?? ''} ${x.dueOn ?? ''}`}
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
      <div className="zf-filters">
        <Input.Search allowClear placeholder={zh('当事人名称', 'Party')} defaultValue={f.q} onSearch={(v) => lp.setFilters({ q: v.trim() })} style={{ maxWidth: 280 }} />
        <Select allowClear placeholder={t('common.status')} value={f.status} onChange={(v) => lp.setFilters({ status: v })} options={COERCION_STATUSES.map((s) => ({ value: s, label: zh(COERCION_STATUS_INFO[s].zh, COERCION_STATUS_INFO[s].en) }))} style={{ width: 220 }} />
        <Button onClick={lp.reset}>{t('common.resetFilters')}</Button>
      </div>
      {list.isError ? <ErrorAlert error={list.error} /> : null}
      <Table<Measure>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        onRow={(r) => ({ 'data-testid': 'coercion-row', 'data-id': r.id }) as HTMLAttributes<HTMLElement>}
        scroll={{ x: 960 }}
        pagination={{ current: lp.page, pageSize: lp.pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (n) => t('common.total', { n }), onChange: lp.setPage }}
        columns={[
          { title: zh('当事人', 'Party'), key: 'party', width: 200, render: (_, r) => <Link to={`/admin/coercive-measures/${r.id}`} data-testid="coercion-link">{r.party.name}</Link> },
          { title: zh('措施', 'Measure'), key: 'kind', width: 80, render: (_, r) => <Tag>{zh(MEASURE_KIND_LABELS[r.kind]!.zh, MEASURE_KIND_LABELS[r.kind]!.en)}</Tag> },
          { title: t('common.status'), key: 'status', width: 200, render: (_, r) => <ProcedureStatusTag kind="coercion" status={r.status} /> },
          {
            title: zh('期限', 'Period'),
            key: 'due',
            width: 170,
            render: (_, r) => {
              const d = r.deadlines.find((x) => x.key === 'measurePeriod');
              return d ? <Tag color={d.state === 'overdue' ? 'red' : d.state === 'paused' ? 'orange' : d.state === 'ended' ? 'default' : 'blue'}>{d.dueOn}</Tag> : '—';
            },
          },
          { title: zh('财物', 'Property'), key: 'inv', width: 200, ellipsis: true, render: (_, r) => r.inventory.map((x) => `${x.description}×${x.quantity}${x.unit}`).join('；') || '—' },
          { title: t('common.updatedAt'), dataIndex: 'updatedAt', width: 170, render: (v: string) => fmtDateTime(v) },
        ]}
      />
    </div>
  );
}
