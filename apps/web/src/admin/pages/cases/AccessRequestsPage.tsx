import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ACCESS_REQUEST_STATUS_INFO, WITHHOLD_GROUNDS, type AccessRequestStatus, type WithholdGround } from '@zhifa/domain';
import { Alert, Button, Checkbox, Descriptions, Drawer, Form, Grid, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { api } from '../../../api/client.ts';
import { Permission, useCan } from '../../../auth/auth.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useLocale, useT } from '../../../i18n/index.tsx';
import { fmtDateTime } from '../../../lib/format.ts';

interface AccessRequest {
  id: string;
  trackingNo: string;
  caseNo: string;
  caseId: string | null;
  partyType: string;
  requesterName: string;
  identifierMasked: string;
  phone: string | null;
  kind: 'consult' | 'copy';
  purpose: string;
  status: AccessRequestStatus;
  releasedEvidenceIds: string[];
  withheldGround: WithholdGround | null;
  decisionReason: string | null;
  decidedAt: string | null;
  validUntil: string | null;
  createdAt: string;
}
interface AccessRequestDetail extends AccessRequest {
  records: { id: string; fileName: string; kind: string; capturedAt: string; proves: string; stage: string | null }[];
}

const STATUS_COLOR: Record<AccessRequestStatus, string> = { submitted: 'blue', approved: 'green', partly_approved: 'gold', refused: 'red', unmatched: 'default' };

/**
 * 当事人查阅申请 (REC7): requests from parties to consult or copy the records of their case, filed on the public portal.
 * The agency releases records for a window and states a ground for each one it withholds; decided once.
 */
export default function AccessRequestsPage() {
  const t = useT();
  const { locale } = useLocale();
  const lang = locale === 'en-US' ? 'en' : 'zh';
  const [status, setStatus] = useState<string | undefined>('submitted');
  const [open, setOpen] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['record-access', status],
    queryFn: ({ signal }) => api.get<AccessRequest[]>('/record-access-requests', { status, limit: 200 }, signal),
  });
  return (
    <div data-testid="access-requests-page">
      <PageHeader title={t('nav.recordAccess')} sub={t('access.hint')} />
      <div className="zf-filters">
        <Select
          allowClear
          value={status}
          onChange={setStatus}
          placeholder={t('access.status')}
          style={{ width: 200 }}
          options={(Object.keys(ACCESS_REQUEST_STATUS_INFO) as AccessRequestStatus[]).map((s) => ({ value: s, label: ACCESS_REQUEST_STATUS_INFO[s][lang] }))}
        />
      </div>
      {list.isError ? <ErrorAlert error={list.error} /> : null}
      <Table<AccessRequest>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data ?? []}
        scroll={{ x: 900 }}
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' }, 'data-testid': 'access-row' }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('access.trackingNo'), dataIndex: 'trackingNo', width: 170 },
          { title: t('access.caseNo'), dataIndex: 'caseNo', width: 200 },
          { title: t('access.requester'), key: 'who', width: 200, render: (_, r) => `${r.requesterName}（${r.identifierMasked}）` },
          { title: t('access.kind'), dataIndex: 'kind', width: 80, render: (v: string) => t(v === 'copy' ? 'access.copy' : 'access.consult') },
          { title: t('access.purpose'), dataIndex: 'purpose', ellipsis: true },
          { title: t('access.status'), dataIndex: 'status', width: 130, render: (v: AccessRequestStatus) => <Tag color={STATUS_COLOR[v]}>{ACCESS_REQUEST_STATUS_INFO[v]?.[lang] ?? v}</Tag> },
          { title: t('access.createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => fmtDateTime(v) },
        ]}
      />
      <DecisionDrawer id={open} onClose={() => setOpen(null)} />
    </div>
  );
}

interface DecisionValues {
  evidenceIds: string[];
  withheldGround?: WithholdGround;
  reason: string;
  validDays: number;
}

function DecisionDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const lang = locale === 'en-US' ? 'en' : 'zh';
  const can = useCan();
  const qc = useQueryClient();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<DecisionValues>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const q = useQuery({ queryKey: ['record-access', 'one', id], queryFn: ({ signal }) => api.get<AccessRequestDetail>(`/record-access-requests/${id}`, undefined, signal), enabled: !!id });
  const r = q.data;
  const chosen = Form.useWatch('evidenceIds', form) ?? [];
  const withholding = !!r && chosen.length < r.records.length;

  async function decide(decision: 'approve' | 'refuse') {
    setError(null);
    const v = await form.validateFields();
    setBusy(true);
    try {
      await api.post(`/record-access-requests/${id}/decision`, { decision, evidenceIds: decision === 'refuse' ? [] : v.evidenceIds, withheldGround: v.withheldGround ?? null, reason: v.reason, validDays: v.validDays });
      await qc.invalidateQueries({ queryKey: ['record-access'] });
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Drawer open={!!id} onClose={onClose} size={screens.md ? 640 : '100%'} destroyOnHidden title={r ? `${t('nav.recordAccess')} ${r.trackingNo}` : ''}>
      {q.isError ? <ErrorAlert error={q.error} /> : null}
      {r ? (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('access.caseNo')}>{r.caseNo}</Descriptions.Item>
            <Descriptions.Item label={t('access.requester')}>{`${r.requesterName}（${r.identifierMasked}）${r.phone ? ` · ${r.phone}` : ''}`}</Descriptions.Item>
            <Descriptions.Item label={t('access.kind')}>{t(r.kind === 'copy' ? 'access.copy' : 'access.consult')}</Descriptions.Item>
            <Descriptions.Item label={t('access.purpose')}>{r.purpose}</Descriptions.Item>
            <Descriptions.Item label={t('access.status')}>{ACCESS_REQUEST_STATUS_INFO[r.status]?.[lang]}</Descriptions.Item>
            {r.decisionReason ? <Descriptions.Item label={t('access.reason')}>{`${r.decisionReason}${r.withheldGround ? `（${WITHHOLD_GROUNDS[r.withheldGround][lang]}）` : ''}`}</Descriptions.Item> : null}
            {r.validUntil ? <Descriptions.Item label={t('access.validUntil')}>{fmtDateTime(r.validUntil)}</Descriptions.Item> : null}
          </Descriptions>
          {r.status === 'submitted' && can(Permission.CASE_HANDLE) ? (
            <Form<DecisionValues> form={form} layout="vertical" initialValues={{ evidenceIds: r.records.map((e) => e.id), validDays: 15 }} data-testid="access-decision-form">
              {error ? <ErrorAlert error={error} /> : null}
              <Form.Item name="evidenceIds" label={t('access.records')}>
                <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
                  {r.records.map((e) => (
                    <Checkbox key={e.id} value={e.id}>
                      <Typography.Text>{`${e.fileName} · ${fmtDateTime(e.capturedAt)} · ${e.proves}`}</Typography.Text>
                    </Checkbox>
                  ))}
                </Checkbox.Group>
              </Form.Item>
              {r.records.length === 0 ? <Alert type="info" showIcon title={t('access.noRecords')} style={{ marginBottom: 12 }} /> : null}
              <Form.Item name="withheldGround" label={t('access.withheldGround')} rules={[{ required: withholding, message: t('access.groundRequired') }]} extra={t('access.groundHint')}>
                <Select allowClear options={(Object.keys(WITHHOLD_GROUNDS) as WithholdGround[]).map((g) => ({ value: g, label: WITHHOLD_GROUNDS[g][lang] }))} />
              </Form.Item>
              <Form.Item name="reason" label={t('access.reason')} rules={[{ required: true, min: 2 }]}>
                <Input.TextArea rows={2} />
              </Form.Item>
              <Form.Item name="validDays" label={t('access.validDays')}>
                <InputNumber min={1} max={90} />
              </Form.Item>
              <Space>
                <Button type="primary" loading={busy} disabled={chosen.length === 0} onClick={() => void decide('approve')} data-testid="access-approve">
                  {t('access.approve')}
                </Button>
                <Button danger loading={busy} onClick={() => void decide('refuse')} data-testid="access-refuse">
                  {t('access.refuse')}
                </Button>
              </Space>
            </Form>
          ) : null}
        </Space>
      ) : null}
    </Drawer>
  );
}
