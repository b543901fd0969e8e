import { PlusOutlined } from '@ant-design/icons';
import { Button, Input, Select, Tag } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import type { Subject } from '../../../api/types.ts';
import { Permission, useCan } from '../../../auth/auth.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { ImportExportBar } from '../../../components/ImportExportBar.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { RegistryTable } from '../../../components/RegistryTable.tsx';
import { RegionSelect } from '../../../components/RemoteSelects.tsx';
import { PublishedTag, SubjectStatusTag } from '../../../components/StatusTags.tsx';
import { useT } from '../../../i18n/index.tsx';
import { useLabels } from '../../../lib/labels.ts';
import { useRegistryList } from '../../../lib/registry.ts';
import { useListParams } from '../../../lib/useListParams.ts';

const FILTERS = ['q', 'regionCode', 'sector', 'kind', 'form', 'status'] as const;
export const SUBJECT_STATUSES = ['confirmed', 'announced', 'revoked'] as const;

/** 执法主体清单. */
export default function SubjectsPage() {
  const t = useT();
  const labels = useLabels();
  const can = useCan();
  const navigate = useNavigate();
  const canWrite = can(Permission.REGISTRY_WRITE_SYSTEM);
  const lp = useListParams(FILTERS);
  const f = lp.filters;
  const list = useRegistryList<Subject>('subjects', lp.query);
  return (
    <div data-testid="subjects-page">
      <PageHeader
        title={t('nav.subjects')}
        sub={t('subject.listHint')}
        extra={
          <>
            <ImportExportBar kind="subjects" filters={lp.query} canImport={canWrite} />
            {canWrite ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/admin/subjects/new')} data-testid="subject-create">
                {t('subject.create')}
              </Button>
            ) : null}
          </>
        }
      />
      <div className="zf-filters">
        <Input.Search allowClear placeholder={t('subject.searchPlaceholder')} defaultValue={f.q} onSearch={(v) => lp.setFilters({ q: v })} style={{ maxWidth: 260 }} data-testid="filter-q" />
        <RegionSelect value={f.regionCode ?? null} onChange={(v) => lp.setFilters({ regionCode: v })} style={{ width: 200 }} testId="filter-region" />
        <Select allowClear placeholder={t('common.sector')} value={f.sector} onChange={(v) => lp.setFilters({ sector: v })} options={labels.options.sector} style={{ width: 170 }} showSearch={{ optionFilterProp: 'label' }} data-testid="filter-sector" />
        <Select allowClear placeholder={t('subject.kind')} value={f.kind} onChange={(v) => lp.setFilters({ kind: v })} options={labels.options.subjectKind} style={{ width: 180 }} data-testid="filter-kind" />
        <Select allowClear placeholder={t('subject.form')} value={f.form} onChange={(v) => lp.setFilters({ form: v })} options={labels.options.subjectForm} style={{ width: 190 }} data-testid="filter-form" />
        <Select allowClear placeholder={t('common.status')} value={f.status} onChange={(v) => lp.setFilters({ status: v })} options={labels.options.fromDictionary('subjectStatus', SUBJECT_STATUSES)} style={{ width: 130 }} data-testid="filter-status" />
        <Button onClick={lp.reset}>{t('common.resetFilters')}</Button>
      </div>
      {list.isError ? <ErrorAlert error={list.error} /> : null}
      <RegistryTable<Subject>
        list={list}
        lp={lp}
        rowTestId="subject-row"
        scroll={{ x: 1000 }}
        columns={[
          {
            title: t('common.name'),
            dataIndex: 'name',
            fixed: 'left',
            width: 240,
            render: (v: string, r) => (
              <Link to={`/admin/subjects/${r.id}`} data-testid="subject-link">
                {v}
              </Link>
            ),
          },
          { title: t('subject.uscc'), dataIndex: 'uscc', width: 190, render: (v: string | null) => v ?? '—' },
          { title: t('common.region'), dataIndex: 'regionName', width: 140, render: (v: string | null, r) => v ?? r.regionCode },
          { title: t('subject.kind'), dataIndex: 'kind', width: 150, render: (v: string) => labels.subjectKind(v) },
          { title: t('common.sector'), dataIndex: 'sector', width: 130, render: (v: string) => <Tag>{labels.sector(v)}</Tag> },
          { title: t('common.status'), dataIndex: 'status', width: 100, render: (v: string) => <SubjectStatusTag status={v} /> },
          { title: t('common.publishStatus'), key: 'pub', width: 100, render: (_, r) => <PublishedTag published={r.published} withdrawnAt={r.withdrawnAt} /> },
        ]}
      />
    </div>
  );
}
