import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Table, Tag, Timeline, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { api, isApiError } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useLocale } from '../../i18n/index.tsx';
import { fmtDateTime } from '../../lib/format.ts';
import { usePT } from '../messages.ts';

interface Progress {
  applicationNo: string;
  status: string;
  statusZh: string;
  statusEn: string;
  itemName: string;
  agencyName: string;
  receivedOn: string;
  missingMaterials: string[];
  deadlines: { key: string; labelZh: string; labelEn: string; dueOn: string; dayType: 'working' | 'natural'; length: number; citation: string; state: string }[];
  steps: { at: string; status: string; statusZh: string; statusEn: string }[];
  updatedAt: string;
}

const STATE_COLOR: Record<string, string> = { running: 'blue', met: 'green', overdue: 'red', paused: 'orange', ended: 'default' };

/**
 * 办件进度查询 (事中公示, domain-rules §2.2): an applicant enters the application number and the verification code from the
 * acceptance receipt. The answer holds nothing personal; a wrong pair answers "not found" whatever was wrong.
 */
export function LicenceProgressPage() {
  const t = usePT();
  const { locale } = useLocale();
  const en = locale === 'en-US';
  const [params] = useSearchParams();
  const lookup = useMutation({ mutationFn: (body: { applicationNo: string; code: string }) => api.post<Progress>('/public/licensing/progress', body) });
  const p = lookup.data;
  return (
    <div data-testid="licence-progress">
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('lp.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('lp.intro')}</Typography.Paragraph>
      <Card style={{ maxWidth: 520 }}>
        <Form layout="vertical" initialValues={{ applicationNo: params.get('no') ?? '' }} onFinish={(v: { applicationNo: string; code: string }) => lookup.mutate({ applicationNo: v.applicationNo.trim(), code: v.code.trim().toUpperCase() })}>
          <Form.Item name="applicationNo" label={t('lp.no')} rules={[{ required: true, message: t('lp.no') }]}>
            <Input autoComplete="off" data-testid="lp-no" />
          </Form.Item>
          <Form.Item name="code" label={t('lp.code')} rules={[{ required: true, message: t('lp.code') }]}>
            <Input autoComplete="off" data-testid="lp-code" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={lookup.isPending} data-testid="lp-submit">
            {t('lp.submit')}
          </Button>
        </Form>
      </Card>
      {lookup.error ? (
        <div style={{ marginTop: 16, maxWidth: 520 }}>{isApiError(lookup.error) && lookup.error.status === 404 ? <Alert type="warning" showIcon message={t('lp.notFound')} data-testid="lp-not-found" /> : <ErrorAlert error={lookup.error} />}</div>
      ) : null}
      {p ? (
        <div style={{ marginTop: 24 }} data-testid="lp-result">
          <Descriptions bordered column={1} size="middle" styles={{ label: { width: 160 } }}>
            <Descriptions.Item label={t('lp.no')}>{p.applicationNo}</Descriptions.Item>
            <Descriptions.Item label={t('lp.item')}>{p.itemName}</Descriptions.Item>
            <Descriptions.Item label={t('dec.agency')}>{p.agencyName}</Descriptions.Item>
            <Descriptions.Item label={t('lp.received')}>{p.receivedOn}</Descriptions.Item>
            <Descriptions.Item label={t('lp.status')}>
              <Tag color="blue" data-testid="lp-status">
                {en ? p.statusEn : p.statusZh}
              </Tag>
            </Descriptions.Item>
          </Descriptions>
          {p.missingMaterials.length ? <Alert style={{ marginTop: 16 }} type="warning" showIcon message={t('lp.missing')} description={p.missingMaterials.join('、')} data-testid="lp-missing" /> : null}
          <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>
            {t('lp.deadlines')}
          </Typography.Title>
          <Table
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={p.deadlines}
            columns={[
              { title: t('lp.limit'), render: (_, d) => (en ? d.labelEn : d.labelZh) },
              { title: t('lp.due'), dataIndex: 'dueOn' },
              { title: t('lp.rule'), render: (_, d) => `${d.length} ${d.dayType === 'working' ? t('lp.wd') : t('lp.days')} · ${d.citation}` },
              { title: t('lp.state'), render: (_, d) => <Tag color={STATE_COLOR[d.state] ?? 'default'}>{t(`lp.state.${d.state}` as Parameters<typeof t>[0])}</Tag> },
            ]}
          />
          <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>
            {t('lp.steps')}
          </Typography.Title>
          <Timeline items={p.steps.map((s) => ({ children: `${fmtDateTime(s.at)} ${en ? s.statusEn : s.statusZh}` }))} />
        </div>
      ) : null}
    </div>
  );
}
