import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Popconfirm, Result, Skeleton, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import type { AbsorbedPower, Entrustment, Item, Officer, Page, Subject } from '../../../api/types.ts';
import { Permission, useCan } from '../../../auth/auth.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { HistoryView } from '../../../components/HistoryView.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { WithdrawnNotice } from '../../../components/WithdrawnNotice.tsx';
import { ReasonModal } from '../../../components/ReasonModal.tsx';
import { CertStatusTag, EntrustmentStatusTag, PublishedTag, SubjectStatusTag } from '../../../components/StatusTags.tsx';
import { useT } from '../../../i18n/index.tsx';
import { useErrorText } from '../../../lib/errors.ts';
import { dash, fmtDate, fmtDateTime } from '../../../lib/format.ts';
import { useLabels } from '../../../lib/labels.ts';

function RelatedEntrustments({ subjectId }: { subjectId: string }) {
  const t = useT();
  const labels = useLabels();
  const q = useQuery({ queryKey: ['entrustments', 'list', { subjectId }], queryFn: ({ signal }) => api.get<Page<Entrustment>>('/entrustments', { subjectId, pageSize: 100 }, signal) });
  if (q.isError) return <ErrorAlert error={q.error} />;
  return (
    <Table<Entrustment>
      rowKey="id"
      size="small"
      loading={q.isPending}
      dataSource={q.data?.items ?? []}
      pagination={false}
      scroll={{ x: 760 }}
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
  const q = useQuery({ queryKey: ['officers', 'list', { agencyId }], queryFn: ({ signal }) => api.get<Page<Officer>>('/officers', { agencyId, pageSize: 100 }, signal) });
  if (q.isError) return <ErrorAlert error={q.error} />;
  return (
    <Table<Officer>
      rowKey="id"
      size="small"
      loading={q.isPending}
      dataSource={q.data?.items ?? []}
      pagination={false}
      scroll={{ x: 600 }}
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
  const q = useQuery({ queryKey: ['items', 'list', { subjectId }], queryFn: ({ signal }) => api.get<Page<Item>>('/items', { subjectId, pageSize: 100 }, signal) });
  if (q.isError) return <ErrorAlert error={q.error} />;
  return (
    <Table<Item>
      rowKey="id"
      size="small"
      loading={q.isPending}
      dataSource={q.data?.items ?? []}
      pagination={false}
      scroll={{ x: 600 }}
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
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [action, setAction] = useState<string | null>(null);
  const [withdrawing, setWithdrawing] = useState(false);
  const q = useQuery({ queryKey: ['subjects', 'detail', id], queryFn: ({ signal }) => api.get<Subject>(`/subjects/${id}`, undefined, signal) });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['subjects'] });
  const publish = useMutation({
    mutationFn: (s: Subject) => api.post<Subject>(`/subjects/${s.id}/publish`, { published: !s.published, version: s.version }),
    onSuccess: () => {
      void message.success(t('common.saved'));
      refresh();
    },
    onError: (e) => void message.error(errorText(e)),
  });

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
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/admin/subjects')} aria-label={t('common.back')} />
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
            {canWrite ? (
              <>
                <Popconfirm title={s.published ? t('common.unpublishConfirm') : t('common.publishConfirm')} onConfirm={() => publish.mutate(s)}>
                  <Button loading={publish.isPending} data-testid="subject-publish">
                    {s.published ? t('common.unpublish') : t('common.publish')}
                  </Button>
                </Popconfirm>
                <Button icon={<EditOutlined />} onClick={() => navigate(`/admin/subjects/${s.id}/edit`)} data-testid="subject-edit">
                  {t('common.edit')}
                </Button>
                <Button danger onClick={() => setWithdrawing(true)} data-testid="subject-withdraw">
                  {t('common.withdraw')}
                </Button>
              </>
            ) : null}
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
      <ReasonModal
        open={withdrawing}
        title={`${t('common.withdraw')} · ${s.name}`}
        danger
        onCancel={() => setWithdrawing(false)}
        onSubmit={async (v) => {
          await api.post<Subject>(`/subjects/${s.id}/withdraw`, { version: s.version, reason: v.reason });
          void message.success(t('common.saved'));
          setWithdrawing(false);
          refresh();
        }}
      />
    </div>
  );
}
