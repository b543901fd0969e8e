import { PlusOutlined } from '@ant-design/icons';
import { Button, Select } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import type { Entrustment } from '../../../api/types.ts';
import { Permission, useCan } from '../../../auth/auth.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { RegistryTable } from '../../../components/RegistryTable.tsx';
import { SubjectSelect } from '../../../components/RemoteSelects.tsx';
import { EntrustmentStatusTag } from '../../../components/StatusTags.tsx';
import { useT } from '../../../i18n/index.tsx';
import { fmtDate } from '../../../lib/format.ts';
import { useLabels } from '../../../lib/labels.ts';
import { useRegistryList } from '../../../lib/registry.ts';
import { useListParams } from '../../../lib/useListParams.ts';

const FILTERS = ['subjectId', 'kind', 'status'] as const;
export const ENTRUSTMENT_KINDS = ['entrustment', 'devolution'] as const;
export const ENTRUSTMENT_STATUSES = ['active', 'terminated'] as const;

/** 委托 (行政处罚法 Art.20) and 赋权 (Art.24) agreements. */
export default function EntrustmentsPage() {
  const t = useT();
  const labels = useLabels();
  const can = useCan();
  const navigate = useNavigate();
  const lp = useListParams(FILTERS);
  const f = lp.filters;
  const list = useRegistryList<Entrustment>('entrustments', lp.query);
  return (
    <div data-testid="entrustments-page">
      <PageHeader
        title={t('nav.entrustments')}
        sub={t('entrustment.listHint')}
        extra={
          can(Permission.REGISTRY_WRITE_SYSTEM) ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/admin/entrustments/new')} data-testid="entrustment-create">
              {t('entrustment.create')}
            </Button>
          ) : null
        }
      />
      <div className="zf-filters">
        <SubjectSelect value={f.subjectId ?? null} onChange={(v) => lp.setFilters({ subjectId: v })} style={{ width: 260 }} testId="filter-subject" />
        <Select allowClear placeholder={t('entrustment.kind')} value={f.kind} onChange={(v) => lp.setFilters({ kind: v })} options={labels.options.fromDictionary('entrustmentKind', ENTRUSTMENT_KINDS)} style={{ width: 140 }} data-testid="filter-kind" />
        <Select allowClear placeholder={t('common.status')} value={f.status} onChange={(v) => lp.setFilters({ status: v })} options={labels.options.fromDictionary('entrustmentStatus', ENTRUSTMENT_STATUSES)} style={{ width: 140 }} data-testid="filter-status" />
        <Button onClick={lp.reset}>{t('common.resetFilters')}</Button>
      </div>
      {list.isError ? <ErrorAlert error={list.error} /> : null}
      <RegistryTable<Entrustment>
        list={list}
        lp={lp}
        rowTestId="entrustment-row"
        scroll={{ x: 1000 }}
        columns={[
          { title: t('entrustment.agreementNo'), dataIndex: 'agreementNo', width: 170, render: (v: string, r) => <Link to={`/admin/entrustments/${r.id}`}>{v}</Link> },
          { title: t('entrustment.agreementTitle'), dataIndex: 'agreementTitle', ellipsis: true },
          { title: t('entrustment.kind'), dataIndex: 'kind', width: 90, render: (v: string) => labels.enumText('entrustmentKind', v) },
          { title: t('entrustment.principal'), dataIndex: 'principalName', width: 200, render: (v: string | null, r) => <Link to={`/admin/subjects/${r.principalId}`}>{v ?? r.principalId}</Link> },
          { title: t('entrustment.agent'), dataIndex: 'agentName', width: 200, render: (v: string | null, r) => <Link to={`/admin/subjects/${r.agentId}`}>{v ?? r.agentId}</Link> },
          { title: t('entrustment.period'), key: 'period', width: 210, render: (_, r) => `${fmtDate(r.startsOn)} ~ ${r.endsOn ? fmtDate(r.endsOn) : t('entrustment.open')}` },
          { title: t('common.status'), dataIndex: 'status', width: 90, render: (v: string) => <EntrustmentStatusTag status={v} /> },
        ]}
      />
    </div>
  );
}
