import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Result, Skeleton, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import type { AbsorbedPower, Entrustment, Item, Officer, Page, Subject } from '../../../api/types.ts';
import { Permission, useCan } from '../../../auth/auth.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { HistoryView } from '../../../components/HistoryView.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { WithdrawnNotice } from '../../../components/WithdrawnNotice.tsx';
import { ReasonModal } from '../../../components/ReasonModal.tsx';
import { BackButton, RecordActions, WithdrawModal } from '../../../components/RecordActions.tsx';
import { CertStatusTag, EntrustmentStatusTag, PublishedTag, SubjectStatusTag } from '../../../components/StatusTags.tsx';
import { useT } from '../../../i18n/index.tsx';
import { dash, fmtDate, fmtDateTime } from '../../../lib/format.ts';
import { useLabels } from '../../../lib/labels.ts';
import { useRegistryRecord, type RegistryKind } from '../../../lib/registry.ts';
import { usePublishWithdraw } from '../../../lib/usePublishWithdraw.ts';

/** Records of another registry that refer to this subject (the first 100), as a plain table in a tab. */
function RelatedTable<T extends { id: string }>({ kind, filter, scrollX, columns }: { kind: RegistryKind; filter: Record<string, string>; scrollX: number; columns: ColumnsType<T> }) {
  const q = useQuery({ queryKey: [kind, 'list', filter], queryFn: ({ signal }) => api.get<Page<T>>(`/${kind}`, { ...filter, pageSize: 100 }, signal) });
  if (q.isError) return <ErrorAlert error={q.error} />;
  return <Table<T> rowKey="id" size="small" loading={q.isPending} dataSource={q.data?.items ?? []} pagination={false} scroll={{ x: scrollX }} columns={columns} />;
}

function RelatedEntrustments({ subjectId }: { subjectId: string }) {
  const t = useT();
  const labels = useLabels();
  return (
    <RelatedTable<Entrustment>
      kind="entrustments"
      filter={{ subjectId }}
      scrollX={760}
      columns={[
        { title: t('entrustment.kind'), dataIndex: 'kind', width: 90, render: (v: string) => labels.enumText('entrustmentKind', v) },
        { title: t('entrustment.agreementNo'), dataIndex: 'agreementNo', render: (v: string, r) => <Link to={`/admin/entrustments/${r.id}`}>{v}</Link> },
        { title: t('entrustment.principal'), dataIndex: 'principalName', render: (v: string | null, r) => v ?? r.principalId },
        { title: t('entrustment.agent'), dataIndex: 'agentName', render: (v: string | null, r) => v ?? r.agentId },
        { title: t('entrustment.period'), key: 'period', render: (_, r) => `${fmtDate(r.startsOn)} ~ ${r.endsOn ? fmtDate(r.endsOn) : t('entrustment.open')}` },
        { title: t('common.status'), dataIndex: 'status', width: 90, render: (v: string) => <EntrustmentStatusTag status={v} /> },
      ]}
    />
  );
}

function RelatedOfficers({ agencyId }: { agencyId: string }) {
  const t = useT();
  const labels = useLabels();
  return (
    <RelatedTable<Officer>
      kind="officers"
      filter={{ agencyId }}
      scrollX={600}
      columns={[
        { title: t('common.name'), dataIndex: 'name', render: (v: string, r) => <Link to={`/admin/officers/${r.id}`}>{v}</Link> },
        { title: t('officer.post'), dataIndex: 'post' },
        { title: t('officer.personnelType'), dataIndex: 'personnelType', render: (v: string) => labels.personnelType(v) },
        { title: t('officer.certificate'), key: 'cert', render: (_, r) => <CertStatusTag status={r.certificateSummary?.status} /> },
      ]}
    />
  );
}

function RelatedItems({ subjectId }: { subjectId: string }) {
  const t = useT();
  const labels = useLabels();
  return (
    <RelatedTable<Item>
      kind="items"
      filter={{ subjectId }}
      scrollX={600}
      columns={[
        { title: t('item.code'), dataIndex: 'code', width: 150 },
        { title: t('common.name'), dataIndex: 'name', render: (v: string, r) => <Link to={`/admin/items/${r.id}`}>{v}</Link> },
        { title: t('item.category'), dataIndex: 'category', width: 110, render: (v: string) => labels.category(v) },
      ]}
    />
  );
}

export default function SubjectDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const labels = useLabels();
  const can = useCan();
  const { message } = App.useApp();
  const [action, setAction] = useState<string | null>(null);
  const q = useRegistryRecord<Subject>('subjects', id);
  const actions = usePublishWithdraw<Subject>('subjects');
  const refresh = actions.refresh;

  if (q.isPending) return <Skeleton active />;
  if (q.isError) return <ErrorAlert error={q.error} />;
  const s = q.data;
  if (!s) return <Result status="404" />;
  const canWrite = can(Permission.REGISTRY_WRITE_SYSTEM) && !s.withdrawnAt;
  const canSupervise = can(Permission.REGISTRY_SUPERVISE) && !s.withdrawnAt;

  return (
    <div data-testid="subject-detail">
      <PageHeader
        title={
          <Space wrap>
            <BackButton to="/admin/subjects" />
            <span data-testid="subject-name">{s.name}</span>
            <SubjectStatusTag status={s.status} />
            <PublishedTag published={s.published} withdrawnAt={s.withdrawnAt} />
          </Space>
        }
        extra={
          <>
            {canSupervise
              ? s.allowedActions.map((a) => (
                  <Button key={a} danger={a === 'revoke'} type={a === 'announce' ? 'primary' : 'default'} onClick={() => setAction(a)} data-testid={`subject-action-${a}`}>
                    {labels.enumText('subjectAction', a)}
                  </Button>
                ))
              : null}
            {canWrite ? <RecordActions actions={actions} record={s} testIdPrefix="subject" withdrawLabel={t('common.withdraw')} /> : null}
          </>
        }
      />
      <WithdrawnNotice withdrawnAt={s.withdrawnAt} reason={s.withdrawReason} />
      <Card size="small">
        <Tabs
          items={[
            {
              key: 'info',
              label: t('common.basicInfo'),
              children: (
                <Descriptions
                  bordered
                  size="small"
                  column={{ xs: 1, md: 2 }}
                  items={[
                    { key: 'name', label: t('common.name'), children: s.name },
                    { key: 'short', label: t('subject.shortName'), children: dash(s.shortName) },
                    { key: 'uscc', label: t('subject.uscc'), children: dash(s.uscc) },
                    { key: 'region', label: t('common.region'), children: `${s.regionName ?? ''}（${s.regionCode}）` },
                    { key: 'kind', label: t('subject.kind'), children: labels.subjectKind(s.kind) },
                    { key: 'form', label: t('subject.form'), children: labels.subjectForm(s.form) },
                    { key: 'sector', label: t('common.sector'), children: labels.sector(s.sector) },
                    { key: 'status', label: t('common.status'), children: <Space><SubjectStatusTag status={s.status} />{s.statusReason ? <Typography.Text type="secondary">{s.statusReason}</Typography.Text> : null}</Space> },
                    { key: 'legal', label: t('subject.legalBasis'), span: 'filled', children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{s.legalBasis}</Typography.Paragraph> },
                    {
                      key: 'bureau',
                      label: t('subject.supervisingBureau'),
                      children: s.supervisingBureauId ? <Link to={`/admin/subjects/${s.supervisingBureauId}`}>{t('common.view')}</Link> : '—',
                    },
                    { key: 'address', label: t('subject.address'), children: dash(s.address) },
                    { key: 'phone', label: t('subject.phone'), children: dash(s.phone) },
                    { key: 'hours', label: t('subject.officeHours'), children: dash(s.officeHours) },
                    { key: 'complaint', label: t('subject.complaintPhone'), children: dash(s.complaintPhone) },
                    { key: 'version', label: t('common.version'), children: `v${s.version} · ${fmtDateTime(s.updatedAt)}` },
                  ]}
                />
              ),
            },
            {
              key: 'powers',
              label: `${t('subject.absorbedPowers')} (${s.absorbedPowers.length})`,
              children: (
                <Table<AbsorbedPower & { key: number }>
                  rowKey="key"
                  size="small"
                  pagination={false}
                  dataSource={s.absorbedPowers.map((p, i) => ({ ...p, key: i }))}
                  columns={[
                    { title: t('subject.power.fromName'), dataIndex: 'fromName', width: 220 },
                    { title: t('common.sector'), dataIndex: 'sector', width: 140, render: (v: string) => <Tag>{labels.sector(v)}</Tag> },
                    { title: t('subject.power.scope'), dataIndex: 'scope' },
                  ]}
                />
              ),
            },
            { key: 'entrustments', label: t('nav.entrustments'), children: <RelatedEntrustments subjectId={s.id} /> },
            { key: 'officers', label: t('nav.officers'), children: <RelatedOfficers agencyId={s.id} /> },
            { key: 'items', label: t('nav.items'), children: <RelatedItems subjectId={s.id} /> },
            { key: 'history', label: t('common.history'), children: <HistoryView path={`/subjects/${s.id}/history`} /> },
          ]}
        />
      </Card>
      <ReasonModal
        open={!!action}
        title={action ? `${labels.enumText('subjectAction', action)} · ${s.name}` : ''}
        danger={action === 'revoke'}
        requireReason={action === 'revoke'}
        onCancel={() => setAction(null)}
        onSubmit={async (v) => {
          await api.post<Subject>(`/subjects/${s.id}/actions/${action}`, { version: s.version, ...(v.reason ? { reason: v.reason } : {}) });
          void message.success(t('common.saved'));
          setAction(null);
          refresh();
        }}
      />
      <WithdrawModal actions={actions} record={s} label={t('common.withdraw')} />
    </div>
  );
}
