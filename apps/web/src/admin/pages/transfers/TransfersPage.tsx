import { useQuery } from '@tanstack/react-query';
import { Card, Segmented, Table, Tabs, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import { useCan, Permission } from '../../../auth/auth.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { TRANSFERS_KEY, useBi, type AgencyTransfer, type PoliceTransfer } from '../../../components/transfers/transfers-api.ts';

function TimerTag({ dueOn, overdue }: { dueOn: string | null | undefined; overdue: boolean | undefined }) {
  const { l } = useBi();
  if (!dueOn) return <>—</>;
  return <Tag color={overdue ? 'red' : 'blue'}>{overdue ? l(`已超期（${dueOn}）`, `Overdue (${dueOn})`) : l(`${dueOn} 前`, `by ${dueOn}`)}</Tag>;
}

/** 案件移送: transfers between agencies (outgoing / incoming) and to the police (两法衔接), with their timers. */
export default function TransfersPage() {
  const { l } = useBi();
  const can = useCan();
  const isAgency = can(Permission.TRANSFER_HANDLE);
  const [direction, setDirection] = useState<'outgoing' | 'incoming' | 'all'>(isAgency ? 'incoming' : 'all');
  const agency = useQuery({ queryKey: [...TRANSFERS_KEY, 'agency', direction], queryFn: ({ signal }) => api.get<AgencyTransfer[]>('/transfers/agency', direction === 'all' ? undefined : { direction }, signal) });
  const police = useQuery({ queryKey: [...TRANSFERS_KEY, 'police'], queryFn: ({ signal }) => api.get<PoliceTransfer[]>('/transfers/police', undefined, signal) });
  return (
    <div data-testid="transfers-page">
      <PageHeader title={l('案件移送', 'Case transfers')} sub={l('行政处罚法 第二十五条、第二十七条；国务院令第310号', 'Administrative Penalty Law Art.25, 27; State Council Order 310')} />
      <Tabs
        items={[
          {
            key: 'agency',
            label: l('移送其他机关', 'Between agencies'),
            children: (
              <Card size="small">
                {isAgency ? (
                  <Segmented
                    style={{ marginBottom: 12 }}
                    value={direction}
                    onChange={(v) => setDirection(v as typeof direction)}
                    options={[
                      { value: 'incoming', label: <span data-testid="transfers-incoming">{l('收到的移送', 'Incoming')}</span> },
                      { value: 'outgoing', label: <span data-testid="transfers-outgoing">{l('移出的案件', 'Outgoing')}</span> },
                      { value: 'all', label: l('全部', 'All') },
                    ]}
                  />
                ) : null}
                <ErrorAlert error={agency.error} />
                <Table<AgencyTransfer>
                  size="small"
                  rowKey="id"
                  loading={agency.isPending}
                  dataSource={agency.data ?? []}
                  pagination={{ pageSize: 20 }}
                  data-testid="agency-transfers"
                  columns={[
                    { title: l('案件', 'Case'), render: (_, r) => <Link to={`/admin/transfers/agency/${r.id}`} data-testid="agency-transfer-row">{`${r.caseNo ?? l('（未立案）', '(lead)')} ${r.partyName}`}</Link> },
                    { title: l('移送机关', 'From'), dataIndex: 'fromAgencyName' },
                    { title: l('接收机关', 'To'), render: (_, r) => r.designatedAgencyName ? `${r.designatedAgencyName}（${l('指定', 'designated')}）` : r.toAgencyName },
                    { title: l('状态', 'Status'), render: (_, r) => <Tag data-testid="agency-transfer-status">{r.statusZh}</Tag> },
                    { title: l('当前管辖', 'Owner'), dataIndex: 'ownerAgencyName' },
                    { title: l('期限', 'Due'), render: (_, r) => <TimerTag dueOn={r.timer?.dueOn} overdue={r.timer?.isOverdue} /> },
                    { title: l('移送日期', 'Sent'), dataIndex: 'sentOn' },
                  ]}
                />
              </Card>
            ),
          },
          {
            key: 'police',
            label: l('移送公安（两法衔接）', 'To the police'),
            children: (
              <Card size="small">
                <ErrorAlert error={police.error} />
                <Table<PoliceTransfer>
                  size="small"
                  rowKey="id"
                  loading={police.isPending}
                  dataSource={police.data ?? []}
                  pagination={{ pageSize: 20 }}
                  data-testid="police-transfers"
                  columns={[
                    { title: l('案件', 'Case'), render: (_, r) => <Link to={`/admin/transfers/police/${r.id}`} data-testid="police-transfer-row">{`${r.caseNo ?? l('（未立案）', '(lead)')} ${r.partyName}`}</Link> },
                    { title: l('移送机关', 'Agency'), dataIndex: 'agencyName' },
                    { title: l('公安机关', 'Police'), dataIndex: 'policeOrgan' },
                    { title: l('状态', 'Status'), render: (_, r) => <Tag>{r.statusZh}</Tag> },
                    { title: l('期限', 'Due'), render: (_, r) => (r.timer ? <span>{r.timer.labelZh} <TimerTag dueOn={r.timer.dueAt ? dayjs(r.timer.dueAt).format('YYYY-MM-DD HH:mm') : r.timer.dueOn} overdue={r.timer.isOverdue} /></span> : '—') },
                  ]}
                />
              </Card>
            ),
          },
        ]}
      />
    </div>
  );
}
