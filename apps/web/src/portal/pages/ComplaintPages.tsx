import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Radio, Rate, Select, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { fmtDateTime } from '../../lib/format.ts';
import { usePT } from '../messages.ts';
import { FiledReceipt } from './FiledReceipt.tsx';
import type { Listed } from './types.ts';

interface Filed {
  trackingNo: string;
  code: string;
  agencyName: string;
  acceptDueOn: string;
  status: string;
}
interface Status {
  trackingNo: string;
  status: string;
  statusName: string;
  agencyName: string;
  subject: string;
  receivedOn: string;
  acceptDueOn: string;
  answerDueOn: string | null;
  satisfaction: number | null;
  canRate: boolean;
  publicReply: string | null;
  history: { action: string; toStatus: string; note: string | null; occurredAt: string }[];
}

/** 投诉举报: no login; the answer is the tracking number and the code (shown once — the server keeps only a hash). */
export function ComplaintFormPage() {
  const t = usePT();
  const subjects = useQuery({ queryKey: ['public', 'subjects'], queryFn: ({ signal }) => api.get<Listed<{ id: string; name: string }>>('/public/subjects', undefined, signal) });
  const file = useMutation({ mutationFn: (body: Record<string, unknown>) => api.post<Filed>('/public/complaints', body) });
  if (file.data) {
    const f = file.data;
    return <FiledReceipt title={t('cp.done', { agency: f.agencyName })} testId="complaint-filed" numberLabel={t('cp.trackingNo')} number={f.trackingNo} numberTestId="complaint-tracking" code={f.code} codeTestId="complaint-code" notes={<div>{t('cp.acceptDue', { date: f.acceptDueOn })}</div>} statusHref={`/complaints/status?no=${f.trackingNo}`} />;
  }
  return (
    <div data-testid="complaint-form" style={{ maxWidth: 680 }}>
      <Typography.Title level={1} style={{ fontSize: 26 }}>
        {t('cp.title')}
      </Typography.Title>
      <Alert type="info" showIcon message={t('cp.intro')} style={{ marginBottom: 16 }} />
      <Form layout="vertical" initialValues={{ kind: 'complaint' }} onFinish={(v: Record<string, unknown>) => file.mutate(Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== '')))}>
        <Form.Item name="kind" label={t('cp.kind')}>
          <Radio.Group options={[{ value: 'complaint', label: t('cp.kind.complaint') }, { value: 'report', label: t('cp.kind.report') }, { value: 'enforcement', label: t('cp.kind.enforcement') }]} />
        </Form.Item>
        <Form.Item name="agencyId" label={t('cp.agency')} rules={[{ required: true }]}>
          <Select showSearch optionFilterProp="label" loading={subjects.isLoading} options={(subjects.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))} data-testid="complaint-agency" />
        </Form.Item>
        <Form.Item name="subject" label={t('cp.subject')} rules={[{ required: true, min: 2 }]}>
          <Input maxLength={200} data-testid="complaint-subject" />
        </Form.Item>
        <Form.Item name="content" label={t('cp.content')} rules={[{ required: true, min: 10 }]}>
          <Input.TextArea rows={5} maxLength={5000} data-testid="complaint-content" />
        </Form.Item>
        <Form.Item name="location" label={t('cp.location')}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="contactName" label={t('cp.contactName')}>
          <Input maxLength={50} autoComplete="name" />
        </Form.Item>
        <Form.Item name="contactPhone" label={t('cp.contactPhone')}>
          <Input maxLength={30} autoComplete="tel" inputMode="tel" />
        </Form.Item>
        {file.error ? <ErrorAlert error={file.error} /> : null}
        <Button type="primary" htmlType="submit" loading={file.isPending} size="large" data-testid="complaint-submit">
          {t('common.submit')}
        </Button>
      </Form>
    </div>
  );
}

/** 办理进度: number + code; a wrong code is answered like an unknown number. */
export function ComplaintStatusPage() {
  const t = usePT();
  const [params] = useSearchParams();
  const [no, setNo] = useState(params.get('no') ?? '');
  const [code, setCode] = useState('');
  const look = useMutation({ mutationFn: () => api.get<Status>(`/public/complaints/${encodeURIComponent(no.trim())}`, { code: code.trim() }) });
  const s = look.data;
  return (
    <div data-testid="complaint-status" style={{ maxWidth: 680 }}>
      <Typography.Title level={1} style={{ fontSize: 26 }}>
        {t('st.title')}
      </Typography.Title>
      <Form layout="vertical" onFinish={() => look.mutate()}>
        <Form.Item label={t('cp.trackingNo')} required>
          <Input value={no} onChange={(e) => setNo(e.target.value)} data-testid="status-no" />
        </Form.Item>
        <Form.Item label={t('cp.code')} required>
          <Input value={code} onChange={(e) => setCode(e.target.value)} inputMode="numeric" maxLength={6} data-testid="status-code" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={look.isPending} data-testid="status-submit">
          {t('search.button')}
        </Button>
      </Form>
      {look.error ? <Alert style={{ marginTop: 16 }} type="error" showIcon message={t('st.notFound')} /> : null}
      {s ? (
        <Card style={{ marginTop: 16 }} data-testid="status-result">
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('cp.trackingNo')}>{s.trackingNo}</Descriptions.Item>
            <Descriptions.Item label={t('cp.agency')}>{s.agencyName}</Descriptions.Item>
            <Descriptions.Item label={t('st.status')}>
              <span data-testid="status-name">{s.statusName}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('st.reply')}>{s.publicReply ?? '—'}</Descriptions.Item>
            {s.satisfaction ? (
              <Descriptions.Item label={t('st.satisfaction')}>
                <Rate disabled value={s.satisfaction} />
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          {s.canRate ? <RateBox trackingNo={s.trackingNo} code={code.trim()} onDone={() => look.mutate()} /> : null}
          <Typography.Title level={2} style={{ fontSize: 16 }}>
            {t('st.history')}
          </Typography.Title>
          <Timeline items={s.history.map((h) => ({ children: `${fmtDateTime(h.occurredAt)} ${h.action}${h.note ? `：${h.note}` : ''}` }))} />
        </Card>
      ) : null}
    </div>
  );
}

/** 满意度评价: once, after the answer, with the same number + code (CP: the complainant's satisfaction feeds supervision). */
function RateBox({ trackingNo, code, onDone }: { trackingNo: string; code: string; onDone: () => void }) {
  const t = usePT();
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const rate = useMutation({ mutationFn: () => api.post(`/public/complaints/${encodeURIComponent(trackingNo)}/satisfaction`, { code, score, ...(comment.trim() ? { comment: comment.trim() } : {}) }), onSuccess: onDone });
  return (
    <Card size="small" title={t('st.rateTitle')} style={{ marginBottom: 16 }} data-testid="status-rate">
      <Rate value={score} onChange={setScore} data-testid="status-rate-stars" />
      <Input.TextArea rows={2} maxLength={500} value={comment} onChange={(e) => setComment(e.target.value)} placeholder={t('st.rateComment')} style={{ margin: '8px 0' }} />
      {rate.error ? <ErrorAlert error={rate.error} /> : null}
      <Button type="primary" disabled={!score} loading={rate.isPending} onClick={() => rate.mutate()} data-testid="status-rate-submit">
        {t('common.submit')}
      </Button>
    </Card>
  );
}
