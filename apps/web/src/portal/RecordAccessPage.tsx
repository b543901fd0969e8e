import { ACCESS_REQUEST_STATUS_INFO, WITHHOLD_GROUNDS, type AccessRequestStatus, type WithholdGround } from '@zhifa/domain';
import { Alert, Button, Card, Descriptions, Form, Input, Radio, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, rawRequest } from '../api/client.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { LocaleSwitch } from '../components/LocaleSwitch.tsx';
import { useLocale, useT } from '../i18n/index.tsx';
import { fmtDateTime } from '../lib/format.ts';

interface PublicStatus {
  trackingNo: string;
  caseNo: string;
  kind: string;
  status: AccessRequestStatus;
  withheldGround: WithholdGround | null;
  decisionReason: string | null;
  decidedAt: string | null;
  validUntil: string | null;
  available: boolean;
  records: { id: string; fileName: string; mediaType: string; kind: string; size: number; capturedAt: string; proves: string; sha256: string }[];
}
interface RequestValues {
  caseNo: string;
  partyType: 'individual' | 'organisation';
  name: string;
  identifier: string;
  phone?: string;
  kind: 'consult' | 'copy';
  purpose: string;
}

/**
 * 执法记录查阅申请 — a party (or its agent) asks to consult or copy the enforcement records of its own case (REC7), then
 * follows the request and downloads what the agency released with the tracking number and the code shown once.
 */
export function RecordAccessPage() {
  const t = useT();
  const [filed, setFiled] = useState<{ trackingNo: string; code: string; status: string } | null>(null);
  return (
    <div className="zf-portal" data-testid="record-access-page">
      <div className="zf-portal-band" />
      <div className="zf-portal-hero" style={{ maxWidth: 860 }}>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Link to="/">{t('portal.backHome')}</Link>
          <LocaleSwitch />
        </Space>
        <Typography.Title level={2} style={{ marginTop: 24 }}>
          {t('access.portalTitle')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('access.portalIntro')}</Typography.Paragraph>
        <Tabs
          items={[
            { key: 'new', label: t('access.newRequest'), children: filed ? <Filed filed={filed} onAgain={() => setFiled(null)} /> : <RequestForm onFiled={setFiled} /> },
            { key: 'status', label: t('access.followRequest'), children: <StatusLookup initial={filed} /> },
          ]}
        />
      </div>
    </div>
  );
}

function RequestForm({ onFiled }: { onFiled: (f: { trackingNo: string; code: string; status: string }) => void }) {
  const t = useT();
  const [form] = Form.useForm<RequestValues>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const type = Form.useWatch('partyType', form);
  return (
    <Form<RequestValues>
      form={form}
      layout="vertical"
      initialValues={{ partyType: 'individual', kind: 'consult' }}
      data-testid="access-request-form"
      onFinish={async (v) => {
        setBusy(true);
        setError(null);
        try {
          onFiled(await api.post('/public/record-access-requests', { ...v, phone: v.phone || null }));
        } catch (e) {
          setError(e);
        } finally {
          setBusy(false);
        }
      }}
    >
      {error ? <ErrorAlert error={error} /> : null}
      <Form.Item name="caseNo" label={t('access.caseNo')} extra={t('access.caseNoHint')} rules={[{ required: true, min: 3 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="partyType" label={t('access.partyType')}>
        <Radio.Group options={[{ value: 'individual', label: t('access.individual') }, { value: 'organisation', label: t('access.organisation') }]} />
      </Form.Item>
      <Form.Item name="name" label={t('access.name')} rules={[{ required: true }]}>
        <Input autoComplete="name" />
      </Form.Item>
      <Form.Item name="identifier" label={type === 'organisation' ? t('access.uscc') : t('access.idNumber')} rules={[{ required: true, min: 15, max: 18 }]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="phone" label={t('access.phone')}>
        <Input autoComplete="tel" inputMode="tel" />
      </Form.Item>
      <Form.Item name="kind" label={t('access.kind')}>
        <Radio.Group options={[{ value: 'consult', label: t('access.consult') }, { value: 'copy', label: t('access.copy') }]} />
      </Form.Item>
      <Form.Item name="purpose" label={t('access.purpose')} rules={[{ required: true, min: 2 }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="access-submit">
        {t('access.submit')}
      </Button>
    </Form>
  );
}

function Filed({ filed, onAgain }: { filed: { trackingNo: string; code: string; status: string }; onAgain: () => void }) {
  const t = useT();
  return (
    <Card data-testid="access-filed">
      <Alert type={filed.status === 'unmatched' ? 'warning' : 'success'} showIcon title={t(filed.status === 'unmatched' ? 'access.unmatched' : 'access.filed')} />
      <Descriptions column={1} size="small" style={{ marginTop: 12 }}>
        <Descriptions.Item label={t('access.trackingNo')}>
          <Typography.Text copyable data-testid="access-tracking-no">{filed.trackingNo}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('access.code')}>
          <Typography.Text copyable strong data-testid="access-code">{filed.code}</Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary">{t('access.keepCode')}</Typography.Paragraph>
      <Button onClick={onAgain}>{t('access.another')}</Button>
    </Card>
  );
}

function StatusLookup({ initial }: { initial: { trackingNo: string; code: string } | null }) {
  const t = useT();
  const { locale } = useLocale();
  const lang = locale === 'en-US' ? 'en' : 'zh';
  const [tracking, setTracking] = useState(initial?.trackingNo ?? '');
  const [code, setCode] = useState(initial?.code ?? '');
  const [status, setStatus] = useState<PublicStatus | null>(null);
  const [error, setError] = useState<unknown>(null);
  const headers = { 'x-access-code': code.trim() };
  const lookup = async () => {
    setError(null);
    try {
      const res = await rawRequest(`/public/record-access-requests/${encodeURIComponent(tracking.trim())}`, { headers });
      setStatus((await res.json()) as PublicStatus);
    } catch (e) {
      setStatus(null);
      setError(e);
    }
  };
  const download = async (r: PublicStatus['records'][number]) => {
    const res = await rawRequest(`/public/record-access-requests/${encodeURIComponent(tracking.trim())}/records/${r.id}`, { headers });
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = r.fileName;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <Input aria-label={t('access.trackingNo')} placeholder={t('access.trackingNo')} value={tracking} onChange={(e) => setTracking(e.target.value)} style={{ width: 220 }} data-testid="access-lookup-no" />
        <Input.Password aria-label={t('access.code')} placeholder={t('access.code')} value={code} onChange={(e) => setCode(e.target.value)} style={{ width: 180 }} data-testid="access-lookup-code" />
        <Button type="primary" onClick={() => void lookup()} disabled={!tracking.trim() || !code.trim()} data-testid="access-lookup">
          {t('access.lookup')}
        </Button>
      </Space>
      {error ? <ErrorAlert error={error} /> : null}
      {status ? (
        <Card data-testid="access-status" data-status={status.status}>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('access.status')}>{ACCESS_REQUEST_STATUS_INFO[status.status]?.[lang] ?? status.status}</Descriptions.Item>
            {status.decisionReason ? <Descriptions.Item label={t('access.reason')}>{status.decisionReason}</Descriptions.Item> : null}
            {status.withheldGround ? <Descriptions.Item label={t('access.withheldGround')}>{WITHHOLD_GROUNDS[status.withheldGround][lang]}</Descriptions.Item> : null}
            {status.validUntil ? <Descriptions.Item label={t('access.validUntil')}>{fmtDateTime(status.validUntil)}</Descriptions.Item> : null}
          </Descriptions>
          {status.available ? (
            <div style={{ marginTop: 12 }}>
              <Typography.Text strong>{t('access.records')}</Typography.Text>
              {status.records.map((r) => (
                <div key={r.id} data-file-name={r.fileName} style={{ display: 'flex', justifyContent: 'space-between', gap: 8, padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
                  <div style={{ minWidth: 0 }}>
                    <div>{r.fileName}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{`${fmtDateTime(r.capturedAt)} · ${r.proves} · SHA-256 ${r.sha256.slice(0, 16)}…`}</Typography.Text>
                  </div>
                  <Button size="small" onClick={() => void download(r)} data-testid="access-download">
                    {t('evidence.download')}
                  </Button>
                </div>
              ))}
            </div>
          ) : null}
        </Card>
      ) : null}
    </Space>
  );
}
