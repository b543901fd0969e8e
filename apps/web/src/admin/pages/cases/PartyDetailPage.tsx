import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Skeleton, Space, Table } from 'antd';
import type { HTMLAttributes } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import type { PartyCase, PartyDetail } from '../../../api/types.ts';
import { CaseStatusTag } from '../../../components/cases/CaseStatusTag.tsx';
import { useCaseLabels } from '../../../components/cases/useCaseLabels.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { BackButton } from '../../../components/RecordActions.tsx';
import { useT } from '../../../i18n/index.tsx';
import { dash, fmtDateTime } from '../../../lib/format.ts';

/** A party and its history across the cases in my scope (repeat violations weigh in discretion, 行政处罚法 Art.32–34). */
export default function PartyDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const labels = useCaseLabels();
  const q = useQuery({ queryKey: ['parties', 'detail', id], queryFn: ({ signal }) => api.get<PartyDetail>(`/parties/${id}`, undefined, signal) });
  if (q.isPending) return <Skeleton active />;
  if (q.isError || !q.data) return <ErrorAlert error={q.error} />;
  const { party: p, cases } = q.data;
  return (
    <div data-testid="party-detail">
      <PageHeader
        title={
          <Space wrap>
            <BackButton to="/admin/parties" />
            <span data-testid="party-name">{p.name}</span>
          </Space>
        }
        sub={t('party.historyCount', { n: cases.length })}
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'type', label: t('case.partyType'), children: labels.partyType(p.type) },
            { key: 'id', label: t('party.identifier'), children: p.identifier },
            ...(p.type === 'organisation' ? [{ key: 'rep', label: t('case.legalRepresentative'), children: dash(p.legalRepresentative) }] : []),
            { key: 'address', label: t('case.address'), children: dash(p.address) },
            { key: 'phone', label: t('case.phone'), children: dash(p.phone) },
            { key: 'updated', label: t('common.updatedAt'), children: fmtDateTime(p.updatedAt) },
          ]}
        />
      </Card>
      <Card size="small" title={t('party.history')}>
        <Table<PartyCase>
          rowKey="id"
          size="small"
          dataSource={cases}
          pagination={false}
          scroll={{ x: 820 }}
          onRow={() => ({ 'data-testid': 'party-case-row' }) as HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: t('case.caseNo'),
              key: 'no',
              width: 180,
              render: (_, c) => <Link to={`/admin/cases/${c.id}`}>{c.caseNo ?? t('case.noNumber')}</Link>,
            },
            { title: t('common.status'), dataIndex: 'status', width: 150, render: (v: string) => <CaseStatusTag status={v} /> },
            { title: t('case.item'), key: 'item', width: 180, ellipsis: true, render: (_, c) => c.itemName ?? '—' },
            { title: t('case.agency'), key: 'agency', width: 180, ellipsis: true, render: (_, c) => c.agencyName ?? '—' },
            { title: t('case.decision'), key: 'decision', width: 200, render: (_, c) => (c.decidedOn ? `${labels.decisionKind(c.decisionKind)} · ${c.decidedOn}` : '—') },
            { title: t('caseField.proposed'), key: 'penalty', width: 200, render: (_, c) => labels.penalty(c.proposed) },
            { title: t('case.openedAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => fmtDateTime(v) },
          ]}
        />
      </Card>
    </div>
  );
}
