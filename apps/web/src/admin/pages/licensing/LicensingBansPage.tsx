import { useQuery } from '@tanstack/react-query';
import { Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import type { LicensingBan } from '../../../components/licensing/licensing-api.ts';
import { useLicensingText } from '../../../components/licensing/useLicensingText.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';

/** 禁止申请登记 (行政许可法 Art.78–79): who may not apply for which licence, from which decision. */
export default function LicensingBansPage() {
  const x = useLicensingText();
  const q = useQuery({ queryKey: ['licensing', 'bans'], queryFn: ({ signal }) => api.get<LicensingBan[]>('/licensing/bans', undefined, signal) });
  return (
    <div data-testid="licensing-bans-page">
      <PageHeader title={x.t('bans')} sub={x.zh ? '隐瞒情况或提供虚假材料：一年内不得再次申请；以欺骗、贿赂等不正当手段取得：三年内不得再次申请（仅限涉及公共安全、人身健康、生命财产安全的事项）' : 'False application: 1 year; fraud or bribery: 3 years (safety-related items only)'} />
      {q.isError ? <ErrorAlert error={q.error} /> : null}
      <Table<LicensingBan>
        size="small"
        rowKey="id"
        loading={q.isFetching}
        dataSource={q.data ?? []}
        scroll={{ x: true }}
        columns={[
          { title: x.t('applicant'), dataIndex: 'partyName' },
          { title: x.t('item'), dataIndex: 'itemName' },
          { title: x.t('kind'), dataIndex: 'kind', render: (k: string) => x.banKind(k) },
          { title: x.t('decidedOn'), dataIndex: 'decidedOn' },
          { title: x.t('safety'), dataIndex: 'isSafetyRelated', render: (v: boolean) => (v ? <Tag color="red">✓</Tag> : '—') },
          { title: x.t('reason'), dataIndex: 'reason' },
          { title: x.t('applicationNo'), dataIndex: 'applicationId', render: (v: string | null) => (v ? <Link to={`/admin/licensing/${v}`}>{x.t('open')}</Link> : '—') },
        ]}
      />
    </div>
  );
}
