import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { RETURN_VISIT_METHOD_LABELS, SATISFACTION_LABELS, type ReturnVisitQuestion } from '@zhifa/domain';
import { App, Button, Card, Checkbox, Descriptions, Form, Input, Radio, Rate, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useServerToday } from '../../../lib/useServerToday.ts';
import { useZhEn } from './evaluation.ts';

interface TaskDetail {
  id: string;
  caseNo: string | null;
  caseKind: string;
  agencyName: string;
  partyName: string;
  partyPhoneMasked: string | null;
  assigneeName: string;
  status: string;
  isAssignedToMe: boolean;
  hasPhone: boolean;
  questions: ReturnVisitQuestion[];
  records: { id: number; method: string; contactMade: boolean; satisfaction: number | null; findings: string; isFlagged: boolean; visitedOn: string; answers: Record<string, boolean | string> }[];
}

/** 回访记录: the assigned visitor sees the full number on request (each reveal logged) and records the visit. */
export default function ReturnVisitTaskPage() {
  const { id } = useParams<{ id: string }>();
  const L = useZhEn();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const today = useServerToday();
  const t = useQuery({ queryKey: ['return-visits', 'task', id], queryFn: ({ signal }) => api.get<TaskDetail>(`/return-visits/tasks/${id}`, undefined, signal) });
  const [phone, setPhone] = useState<string | null>(null);
  const reveal = useMutation({ mutationFn: () => api.post<{ phone: string }>(`/return-visits/tasks/${id}/reveal-phone`, { reason: '执法回访联系当事人' }), onSuccess: (r) => setPhone(r.phone) });
  const record = useMutation({
    mutationFn: (v: { method: string; contactMade: boolean; satisfaction?: number; findings?: string; isFlagged?: boolean; answers?: Record<string, boolean | string | undefined> }) =>
      api.post(`/return-visits/tasks/${id}/record`, {
        method: v.method,
        contactMade: v.contactMade,
        satisfaction: v.contactMade ? (v.satisfaction ?? null) : null,
        findings: v.findings ?? '',
        isFlagged: !!v.isFlagged,
        answers: Object.fromEntries(Object.entries(v.answers ?? {}).filter(([, x]) => x !== undefined && x !== '')),
        visitedOn: today!.format('YYYY-MM-DD'),
      }),
    onSuccess: () => {
      message.success(L('回访记录已保存', 'Visit recorded'));
      void qc.invalidateQueries({ queryKey: ['return-visits'] });
    },
  });
  const [form] = Form.useForm();
  const contact = Form.useWatch('contactMade', form) as boolean | undefined;
  if (!t.data) return <ErrorAlert error={t.error} />;
  const d = t.data;
  return (
    <div data-testid="return-visit-task-page">
      <PageHeader title={`${L('回访任务', 'Visit task')}：${d.caseNo ?? d.partyName}`} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={L('单位', 'Agency')}>{d.agencyName}</Descriptions.Item>
          <Descriptions.Item label={L('当事人', 'Party')}>{d.partyName}</Descriptions.Item>
          <Descriptions.Item label={L('联系电话', 'Phone')}>
            <span data-testid="visit-phone">{phone ?? d.partyPhoneMasked ?? '—'}</span>{' '}
            {d.isAssignedToMe && d.hasPhone && !phone ? (
              <Button size="small" onClick={() => reveal.mutate()} loading={reveal.isPending} data-testid="reveal-phone">
                {L('查看完整号码（留痕）', 'Show full number (logged)')}
              </Button>
            ) : null}
          </Descriptions.Item>
          <Descriptions.Item label={L('回访人员', 'Visitor')}>{d.assigneeName}</Descriptions.Item>
          <Descriptions.Item label={L('状态', 'Status')}>{d.status === 'done' ? <Tag color="green">{L('已回访', 'Done')}</Tag> : <Tag color="blue">{L('待回访', 'To visit')}</Tag>}</Descriptions.Item>
        </Descriptions>
        <ErrorAlert error={reveal.error} />
      </Card>
      {d.records.map((r) => (
        <Card key={r.id} size="small" title={`${r.visitedOn} ${RETURN_VISIT_METHOD_LABELS[r.method as keyof typeof RETURN_VISIT_METHOD_LABELS] ?? r.method}`} style={{ marginBottom: 16 }}>
          <Typography.Paragraph>{r.contactMade ? `${L('满意度', 'Satisfaction')}：${r.satisfaction}（${(SATISFACTION_LABELS as Record<number, string>)[r.satisfaction ?? 0] ?? ''}）` : L('未联系上当事人', 'No contact')}</Typography.Paragraph>
          <Typography.Paragraph>{r.findings}</Typography.Paragraph>
          {r.isFlagged ? <Tag color="red">{L('已移交执法监督跟进', 'Flagged for supervision')}</Tag> : null}
        </Card>
      ))}
      {d.isAssignedToMe && d.status === 'assigned' ? (
        <Card size="small" title={L('登记回访', 'Record the visit')}>
          <ErrorAlert error={record.error} />
          <Form form={form} layout="vertical" initialValues={{ method: 'phone', contactMade: true }} onFinish={(v) => record.mutate(v)}>
            <Form.Item name="method" label={L('方式', 'Method')}>
              <Radio.Group options={Object.entries(RETURN_VISIT_METHOD_LABELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
            <Form.Item name="contactMade" valuePropName="checked">
              <Checkbox>{L('已联系上当事人', 'Contact made')}</Checkbox>
            </Form.Item>
            {contact !== false ? (
              <>
                {d.questions.map((q) => (
                  <Form.Item key={q.key} name={['answers', q.key]} label={q.zh}>
                    {q.kind === 'yes_no' ? <Select allowClear style={{ width: 120 }} options={[{ value: true, label: L('是', 'Yes') }, { value: false, label: L('否', 'No') }]} /> : <Input />}
                  </Form.Item>
                ))}
                <Form.Item name="satisfaction" label={L('满意度', 'Satisfaction')} rules={[{ required: true }]}>
                  <Rate tooltips={([1, 2, 3, 4, 5] as const).map((n) => SATISFACTION_LABELS[n])} data-testid="visit-satisfaction" />
                </Form.Item>
              </>
            ) : null}
            <Form.Item name="findings" label={L('回访发现', 'Findings')}>
              <Input.TextArea rows={3} data-testid="visit-findings" />
            </Form.Item>
            <Form.Item name="isFlagged" valuePropName="checked">
              <Checkbox>{L('移交执法监督跟进', 'Flag for supervision follow-up')}</Checkbox>
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={record.isPending} data-testid="visit-submit">
              {L('保存回访记录', 'Save')}
            </Button>
          </Form>
        </Card>
      ) : null}
    </div>
  );
}
