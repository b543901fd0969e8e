import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { INSPECTION_STATUSES, INSPECTION_STATUS_INFO } from '@zhifa/domain';
import { Button, Input, Select, Table } from 'antd';
import type { HTMLAttributes } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import type { Page } from '../../../api/types.ts';
import { Permission, useCan } from '../../../auth/auth.tsx';
import { ProcedureStatusTag, useZh } from '../../../components/enforcement/procedure.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useT } from '../../../i18n/index.tsx';
import { fmtDateTime } from '../../../lib/format.ts';
import { useListParams } from '../../../lib/useListParams.ts';
import type { Inspection } from './types.ts';

const FILTERS = ['status', 'q'] as const;

/** 行政检查: the inspections in my scope, by status or inspected party. */
export default function InspectionListPage() {
  const zh = useZh();
  const t = useT();
  const can = useCan();
  const navigate = useNavigate();
  const lp = useListParams(FILTERS);
  const f = lp.filters;
  const query = { status: f.status, q: f.q, page: lp.page, pageSize: lp.pageSize };
  const list = useQuery({ queryKey: ['inspections', 'list', query], queryFn: ({ signal }) => api.get<Page<Inspection>>('/inspections', query, signal), placeholderData: (prev) => prev });
  return (
    <div data-testid="inspections-page">
      <PageHeader
        title={zh('行政检查', 'Inspections')}
        sub={zh('审批、通知、现场检查、结果；发现问题依法立案查处', 'Approval, notice, on-site inspection, result; problems found lead to a penalty case')}
        extra={
          can(Permission.CASE_HANDLE) ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/admin/inspections/new')} data-testid="inspection-create">
              {zh('新建检查', 'New inspection')}
            </Button>
          ) : null
        }
      />
      <div className="zf-filters">
        <Input.Search allowClear placeholder={zh('被检查对象名称', 'Inspected party')} defaultValue={f.q} onSearch={(v) => lp.setFilters({ q: v.trim() })} style={{ maxWidth: 280 }} />
        <Select
          allowClear
          placeholder={t('common.status')}
          value={f.status}
          onChange={(v) => lp.setFilters({ status: v })}
          options={INSPECTION_STATUSES.map((s) => ({ value: s, label: zh(INSPECTION_STATUS_INFO[s].zh, INSPECTION_STATUS_INFO[s].en) }))}
          style={{ width: 200 }}
        />
        <Button onClick={lp.reset}>{t('common.resetFilters')}</Button>
      </div>
      {list.isError ? <ErrorAlert error={list.error} /> : null}
      <Table<Inspection>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        onRow={(r) => ({ 'data-testid': 'inspection-row', 'data-id': r.id }) as HTMLAttributes<HTMLElement>}
        scroll={{ x: 900 }}
        pagination={{ current: lp.page, pageSize: lp.pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (n) => t('common.total', { n }), onChange: lp.setPage }}
        columns={[
          { title: zh('被检查对象', 'Inspected party'), key: 'target', width: 220, render: (_, r) => <Link to={`/admin/inspections/${r.id}`} data-testid="inspection-link">{r.target.name}</Link> },
          { title: zh('检查事项', 'Item'), key: 'item', width: 220, ellipsis: true, render: (_, r) => r.itemName || r.itemCode },
          { title: t('common.status'), key: 'status', width: 170, render: (_, r) => <ProcedureStatusTag kind="inspection" status={r.status} /> },
          { title: zh('关联案件', 'Linked case'), key: 'case', width: 170, render: (_, r) => (r.linkedCase ? <Link to={`/admin/cases/${r.linkedCase.id}`}>{r.linkedCase.caseNo ?? zh('案源（未立案）', 'Lead')}</Link> : '—') },
          { title: zh('检查人员', 'Officers'), key: 'officers', width: 160, ellipsis: true, render: (_, r) => r.officers.map((o) => o.name).join('、') || '—' },
          { title: t('common.updatedAt'), dataIndex: 'updatedAt', width: 170, render: (v: string) => fmtDateTime(v) },
        ]}
      />
    </div>
  );
}
