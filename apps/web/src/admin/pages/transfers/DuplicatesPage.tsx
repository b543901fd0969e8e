import { useQuery } from '@tanstack/react-query';
import { Card, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { TRANSFERS_KEY, useBi } from '../../../components/transfers/transfers-api.ts';

interface Pair {
  aCaseId: string;
  aCaseNo: string | null;
  aAgencyName: string;
  aViolationOn: string;
  bCaseId: string;
  bCaseNo: string | null;
  bAgencyName: string;
  bViolationOn: string;
  partyName: string;
  sameItem: boolean;
}

/** 疑似重复案件: the same party and act handled by two agencies (行政处罚法 Art.25 管辖, Art.29 一事不二罚). */
export default function DuplicatesPage() {
  const { l } = useBi();
  const q = useQuery({ queryKey: [...TRANSFERS_KEY, 'duplicates'], queryFn: ({ signal }) => api.get<Pair[]>('/transfers/duplicates', undefined, signal) });
  return (
    <div data-testid="duplicates-page">
      <PageHeader title={l('疑似重复案件', 'Possible duplicate cases')} sub={l('同一当事人、同一违法行为在不同机关立案：最先立案的机关管辖，有争议的报请指定管辖（行政处罚法 第二十五条）', 'Same party and act in two agencies (Art.25)')} />
      <Card size="small">
        <ErrorAlert error={q.error} />
        <Table<Pair>
          size="small"
          rowKey={(r) => `${r.aCaseId}-${r.bCaseId}`}
          loading={q.isPending}
          dataSource={q.data ?? []}
          columns={[
            { title: l('当事人', 'Party'), dataIndex: 'partyName' },
            { title: l('案件一', 'Case A'), render: (_, r) => <Link to={`/admin/cases/${r.aCaseId}`}>{`${r.aAgencyName} ${r.aCaseNo ?? l('线索', 'lead')} (${r.aViolationOn})`}</Link> },
            { title: l('案件二', 'Case B'), render: (_, r) => <Link to={`/admin/cases/${r.bCaseId}`}>{`${r.bAgencyName} ${r.bCaseNo ?? l('线索', 'lead')} (${r.bViolationOn})`}</Link> },
            { title: l('匹配', 'Match'), render: (_, r) => <Tag color={r.sameItem ? 'red' : 'orange'}>{r.sameItem ? l('同一执法事项', 'same item') : l('同一领域', 'same sector')}</Tag> },
          ]}
        />
      </Card>
    </div>
  );
}
