import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { usePT } from '../messages.ts';

interface PublicReport {
  id: string;
  agencyName: string;
  year: number;
  publishedAt: string | null;
  content: { items: { key: string; zh: string; en: string; unit: string; value: number | null; source: string | null }[]; note: string | null };
}

/** 行政执法统计年报: agencies' published annual reports with PDF and Excel downloads (118号 §二(六)). No login. */
export function AnnualReportsPortalPage() {
  const t = usePT();
  const res = useQuery({ queryKey: ['public', 'annual-reports'], queryFn: ({ signal }) => api.get<PublicReport[]>('/public/annual-reports', undefined, signal) });
  const [open, setOpen] = useState<string | null>(null);
  const fmt = (v: number | null, unit: string, source: string | null) => (source === null ? t('ar.noSource') : v === null ? '—' : unit === '%' ? `${(v * 100).toFixed(1)}%` : `${v.toLocaleString('zh-CN')} ${unit}`);
  return (
    <div data-testid="portal-annual-reports">
      <Typography.Title level={1} style={{ fontSize: 26 }}>
        {t('nav.annualReports')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('ar.intro')}</Typography.Paragraph>
      <ErrorAlert error={res.error} />
      <Card size="small">
        <Table
          size="small"
          rowKey="id"
          loading={res.isPending}
          dataSource={res.data ?? []}
          locale={{ emptyText: t('ar.none') }}
          pagination={{ pageSize: 20 }}
          expandable={{ expandedRowKeys: open ? [open] : [], onExpand: (e, r) => setOpen(e ? r.id : null), expandedRowRender: (r) => (
            <Descriptions size="small" column={1} bordered>
              {r.content.items.map((i) => (
                <Descriptions.Item key={i.key} label={i.zh}>
                  {fmt(i.value, i.unit, i.source)}
                </Descriptions.Item>
              ))}
            </Descriptions>
          ) }}
          columns={[
            { title: t('ar.year'), dataIndex: 'year', width: 80 },
            { title: t('dec.agency'), dataIndex: 'agencyName' },
            { title: t('ar.published'), render: (_, r) => r.publishedAt?.slice(0, 10) ?? '' },
            {
              title: t('ar.download'),
              render: (_, r) => (
                <Space>
                  <a href={`/api/v1/public/annual-reports/${r.id}/report.pdf`} data-testid="ar-pdf">PDF</a>
                  <a href={`/api/v1/public/annual-reports/${r.id}/report.xlsx`} data-testid="ar-xlsx">Excel</a>
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
