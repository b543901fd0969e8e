import { PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { Button, Checkbox, Input, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import type { Officer } from '../../../api/types.ts';
import { Permission, useCan } from '../../../auth/auth.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { ImportExportBar } from '../../../components/ImportExportBar.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { RegistryTable } from '../../../components/RegistryTable.tsx';
import { SubjectSelect } from '../../../components/RemoteSelects.tsx';
import { CertStatusTag, PublishedTag } from '../../../components/StatusTags.tsx';
import { useT } from '../../../i18n/index.tsx';
import { fmtDate } from '../../../lib/format.ts';
import { useLabels } from '../../../lib/labels.ts';
import { useRegistryList } from '../../../lib/registry.ts';
import { useListParams } from '../../../lib/useListParams.ts';

const FILTERS = ['q', 'agencyId', 'personnelType', 'certificateStatus', 'trainingShortfall'] as const;

/** 执法人员清单. ID numbers are masked by the server except for administrators. */
export default function OfficersPage() {
  const t = useT();
  const labels = useLabels();
  const can = useCan();
  const navigate = useNavigate();
  const canWrite = can(Permission.REGISTRY_WRITE_AGENCY);
  const lp = useListParams(FILTERS);
  const f = lp.filters;
  const list = useRegistryList<Officer>('officers', lp.query);
  return (
    <div data-testid="officers-page">
      <PageHeader
        title={t('nav.officers')}
        sub={t('officer.listHint')}
        extra={
          <>
            <ImportExportBar kind="officers" filters={lp.query} canImport={canWrite} />
            {canWrite ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/admin/officers/new')} data-testid="officer-create">
                {t('officer.create')}
              </Button>
            ) : null}
          </>
        }
      />
      <div className="zf-filters">
        <Input.Search allowClear placeholder={t('officer.searchPlaceholder')} defaultValue={f.q} onSearch={(v) => lp.setFilters({ q: v })} style={{ maxWidth: 240 }} data-testid="filter-q" />
        <SubjectSelect value={f.agencyId ?? null} onChange={(v) => lp.setFilters({ agencyId: v })} style={{ width: 240 }} placeholder={t('officer.agency')} testId="filter-agency" />
        <Select allowClear placeholder={t('officer.personnelType')} value={f.personnelType} onChange={(v) => lp.setFilters({ personnelType: v })} options={labels.options.personnelType} style={{ width: 180 }} data-testid="filter-personnel-type" />
        <Select
          allowClear
          placeholder={t('officer.certificateStatus')}
          value={f.certificateStatus}
          onChange={(v) => lp.setFilters({ certificateStatus: v })}
          options={[...labels.options.certStatus, { value: 'none', label: t('officer.noCertificate') }]}
          style={{ width: 150 }}
          data-testid="filter-cert-status"
        />
        <Checkbox checked={f.trainingShortfall === 'true'} onChange={(e) => lp.setFilters({ trainingShortfall: e.target.checked ? 'true' : undefined })} data-testid="filter-training-shortfall" style={{ alignSelf: 'center', minWidth: 0 }}>
          {t('officer.trainingShortfallOnly')}
        </Checkbox>
        <Button onClick={lp.reset}>{t('common.resetFilters')}</Button>
      </div>
      {list.isError ? <ErrorAlert error={list.error} /> : null}
      <RegistryTable<Officer>
        list={list}
        lp={lp}
        rowTestId="officer-row"
        scroll={{ x: 1200 }}
        columns={[
          {
            title: t('common.name'),
            dataIndex: 'name',
            fixed: 'left',
            width: 150,
            render: (v: string, r) => (
              <Space size={4} wrap>
                <Link to={`/admin/officers/${r.id}`} data-testid="officer-link">
                  {v}
                </Link>
                {r.isLegalReviewer ? <Tag color="purple">{t('officer.legalReviewer')}</Tag> : null}
              </Space>
            ),
          },
          { title: t('officer.idNumber'), key: 'id', width: 190, render: (_, r) => <Typography.Text copyable={!!r.idNumber}>{r.idNumber ?? r.idNumberMasked}</Typography.Text> },
          { title: t('officer.agency'), dataIndex: 'agencyName', width: 200, ellipsis: true, render: (v: string | null) => v ?? '—' },
          { title: t('officer.post'), dataIndex: 'post', width: 120 },
          {
            title: t('officer.personnelType'),
            dataIndex: 'personnelType',
            width: 170,
            render: (v: string) =>
              v === 'auxiliary' ? (
                <Tooltip title={t('officer.auxiliaryWarning')}>
                  <Tag color="volcano" icon={<WarningOutlined />}>
                    {labels.personnelType(v)}
                  </Tag>
                </Tooltip>
              ) : (
                labels.personnelType(v)
              ),
          },
          {
            title: t('officer.certificate'),
            key: 'cert',
            width: 220,
            render: (_, r) => (
              <Space size={4} wrap>
                <CertStatusTag status={r.certificateSummary ? r.certificateSummary.status : null} />
                {r.certificateSummary ? <Typography.Text type="secondary">{r.certificateSummary.number}</Typography.Text> : null}
              </Space>
            ),
          },
          { title: t('officer.expiresOn'), key: 'exp', width: 110, render: (_, r) => fmtDate(r.certificateSummary?.expiresOn) },
          {
            title: t('officer.trainingThisYear'),
            key: 'training',
            width: 120,
            render: (_, r) => (
              <Typography.Text type={r.trainingShortfall ? 'danger' : undefined} data-testid={r.trainingShortfall ? 'training-shortfall' : undefined}>
                {r.trainingHoursThisYear} / {r.requiredTrainingHours} h
              </Typography.Text>
            ),
          },
          { title: t('common.publishStatus'), key: 'pub', width: 100, render: (_, r) => <PublishedTag published={r.published} withdrawnAt={r.withdrawnAt} /> },
        ]}
      />
    </div>
  );
}
