import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Skeleton, Space, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import type { Entrustment } from '../../../api/types.ts';
import { Permission, useCan } from '../../../auth/auth.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { HistoryView } from '../../../components/HistoryView.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ReasonModal } from '../../../components/ReasonModal.tsx';
import { BackButton } from '../../../components/RecordActions.tsx';
import { EntrustmentStatusTag } from '../../../components/StatusTags.tsx';
import { WithdrawnNotice } from '../../../components/WithdrawnNotice.tsx';
import { useT } from '../../../i18n/index.tsx';
import { dash, fmtDate, fmtDateTime } from '../../../lib/format.ts';
import { useLabels } from '../../../lib/labels.ts';
import { useRegistryRecord } from '../../../lib/registry.ts';

export default function EntrustmentDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const labels = useLabels();
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [terminating, setTerminating] = useState(false);
  const q = useRegistryRecord<Entrustment>('entrustments', id);
  if (q.isPending) return <Skeleton active />;
  if (q.isError) return <ErrorAlert error={q.error} />;
  const e = q.data;
  const canTerminate = can(Permission.REGISTRY_WRITE_SYSTEM) && e.allowedActions.includes('terminate') && !e.withdrawnAt;
  return (
    <div data-testid="entrustment-detail">
      <PageHeader
        title={
          <Space wrap>
            <BackButton to="/admin/entrustments" />
            <span>{e.agreementTitle}</span>
            <EntrustmentStatusTag status={e.status} />
          </Space>
        }
        extra={
          canTerminate ? (
            <Button danger onClick={() => setTerminating(true)} data-testid="entrustment-action-terminate">
              {t('entrustment.terminate')}
            </Button>
          ) : null
        }
      />
      <WithdrawnNotice withdrawnAt={e.withdrawnAt} reason={e.withdrawReason} />
      <Card size="small">
        <Tabs
          items={[
            {
              key: 'info',
              label: t('common.basicInfo'),
              children: (
                <Space orientation="vertical" style={{ width: '100%' }} size="middle">
                  <Descriptions
                    bordered
                    size="small"
                    column={{ xs: 1, md: 2 }}
                    items={[
                      { key: 'kind', label: t('entrustment.kind'), children: labels.enumText('entrustmentKind', e.kind) },
                      { key: 'no', label: t('entrustment.agreementNo'), children: e.agreementNo },
                      { key: 'principal', label: t('entrustment.principal'), children: <Link to={`/admin/subjects/${e.principalId}`}>{e.principalName ?? e.principalId}</Link> },
                      { key: 'agent', label: t('entrustment.agent'), children: <Link to={`/admin/subjects/${e.agentId}`}>{e.agentName ?? e.agentId}</Link> },
                      { key: 'signed', label: t('entrustment.signedOn'), children: fmtDate(e.signedOn) },
                      { key: 'period', label: t('entrustment.period'), children: `${fmtDate(e.startsOn)} ~ ${e.endsOn ? fmtDate(e.endsOn) : t('entrustment.open')}` },
                      { key: 'status', label: t('common.status'), children: <Space><EntrustmentStatusTag status={e.status} />{e.statusReason ? <Typography.Text type="secondary">{e.statusReason}</Typography.Text> : null}</Space> },
                      { key: 'version', label: t('common.version'), children: `v${e.version} · ${fmtDateTime(e.updatedAt)}` },
                      { key: 'powers', label: t('entrustment.powers'), span: 'filled', children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{dash(e.powers)}</Typography.Paragraph> },
                    ]}
                  />
                  <Table
                    rowKey="key"
                    size="small"
                    title={() => t('entrustment.matters')}
                    pagination={false}
                    dataSource={e.matters.map((m, i) => ({ ...m, key: i }))}
                    columns={[
                      { title: '#', key: 'n', width: 50, render: (_: unknown, __: unknown, i: number) => i + 1 },
                      { title: t('entrustment.matter.description'), dataIndex: 'description' },
                      { title: t('entrustment.matter.item'), dataIndex: 'itemId', width: 120, render: (v: string | null | undefined) => (v ? <Link to={`/admin/items/${v}`}>{t('common.view')}</Link> : '—') },
                    ]}
                  />
                </Space>
              ),
            },
            { key: 'history', label: t('common.history'), children: <HistoryView path={`/entrustments/${e.id}/history`} /> },
          ]}
        />
      </Card>
      <ReasonModal
        open={terminating}
        danger
        title={`${t('entrustment.terminate')} · ${e.agreementNo}`}
        onCancel={() => setTerminating(false)}
        onSubmit={async (v) => {
          await api.post<Entrustment>(`/entrustments/${e.id}/actions/terminate`, { reason: v.reason, version: e.version });
          void message.success(t('common.saved'));
          setTerminating(false);
          void qc.invalidateQueries({ queryKey: ['entrustments'] });
        }}
      />
    </div>
  );
}
