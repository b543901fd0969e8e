import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { Permission, useCan } from '../../auth/auth.tsx';
import { useT } from '../../i18n/index.tsx';
import { ErrorAlert } from '../ErrorAlert.tsx';

interface EServiceState {
  consent: { consentedOn: string; confirmationRef: string } | null;
  links: { id: string; issuedAt: string; expiresAt: string; openedOn: string | null; failedAttempts: number; isLocked: boolean }[];
}
interface Issued {
  path: string;
  code: string;
  expiresAt: string;
  documents: { titleZh: string; number: string | null }[];
}

/**
 * 电子送达 (行政处罚法 Art.61 para 2): record the party's signed consent, then issue a party-page link and code for the
 * decision. The code is shown once (the server keeps only its hash); the party's first opening is the service date.
 */
export function EServiceCard({ caseId, today, onChanged }: { caseId: string; today: string | undefined; onChanged: () => void }) {
  const t = useT();
  const can = useCan();
  const qc = useQueryClient();
  const key = ['cases', 'e-service', caseId];
  const q = useQuery({ queryKey: key, queryFn: ({ signal }) => api.get<EServiceState>(`/cases/${caseId}/e-service`, undefined, signal) });
  const [issued, setIssued] = useState<Issued | null>(null);
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: key });
    onChanged();
  };
  const consent = useMutation({
    mutationFn: (v: { consentedOn: Dayjs; confirmationRef: string }) => api.post(`/cases/${caseId}/e-service/consent`, { consentedOn: v.consentedOn.format('YYYY-MM-DD'), confirmationRef: v.confirmationRef.trim() }),
    onSuccess: refresh,
  });
  const issue = useMutation({
    mutationFn: () => api.post<Issued>(`/cases/${caseId}/e-service`, {}),
    onSuccess: (r) => {
      setIssued(r);
      refresh();
    },
  });
  const handle = can(Permission.CASE_HANDLE);
  const s = q.data;
  return (
    <Card size="small" title={t('eService.card')} data-testid="case-e-service">
      <ErrorAlert error={q.error ?? consent.error ?? issue.error} />
      {s?.consent ? (
        <Typography.Paragraph data-testid="e-service-consent">
          {t('eService.consent')}：{s.consent.confirmationRef} · {s.consent.consentedOn}
        </Typography.Paragraph>
      ) : (
        <>
          <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t('eService.noConsent')} />
          {handle ? (
            <Form layout="vertical" size="small" onFinish={(v: { consentedOn: Dayjs; confirmationRef: string }) => consent.mutate(v)} initialValues={{ consentedOn: today ? dayjs(today) : dayjs() }}>
              <Form.Item name="confirmationRef" label={t('eService.confirmationRef')} rules={[{ required: true, whitespace: true }]}>
                <Input maxLength={100} data-testid="e-service-ref" />
              </Form.Item>
              <Form.Item name="consentedOn" label={t('eService.consentedOn')} rules={[{ required: true }]}>
                <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(today ? dayjs(today) : dayjs(), 'day')} />
              </Form.Item>
              <Button htmlType="submit" loading={consent.isPending} data-testid="e-service-consent-submit">
                {t('eService.recordConsent')}
              </Button>
            </Form>
          ) : null}
        </>
      )}
      {s?.links.length ? (
        <ul style={{ margin: '0 0 8px', paddingInlineStart: 18 }} data-testid="e-service-links">
          {s.links.map((l) => (
            <li key={l.id}>
              {l.issuedAt.slice(0, 10)} · {l.openedOn ? <Tag color="green">{t('eService.opened', { date: l.openedOn })}</Tag> : l.isLocked ? <Tag color="red">{t('eService.locked')}</Tag> : <Tag>{t('eService.notOpened')}</Tag>}
            </li>
          ))}
        </ul>
      ) : null}
      {handle && s?.consent ? (
        <Button onClick={() => issue.mutate()} loading={issue.isPending} data-testid="e-service-issue">
          {t('eService.issue')}
        </Button>
      ) : null}
      <Modal open={!!issued} onCancel={() => setIssued(null)} onOk={() => setIssued(null)} title={t('eService.issuedTitle')} cancelButtonProps={{ style: { display: 'none' } }}>
        {issued ? (
          <Space orientation="vertical" style={{ width: '100%' }} data-testid="e-service-issued">
            <Typography.Text>{issued.documents.map((d) => `${d.titleZh}${d.number ? ` ${d.number}` : ''}`).join('、')}</Typography.Text>
            <Typography.Text>
              {t('eService.link')}：<Typography.Text copyable data-testid="e-service-link">{`${window.location.origin}${issued.path}`}</Typography.Text>
            </Typography.Text>
            <Typography.Text>
              {t('eService.code')}：<Typography.Text copyable strong data-testid="e-service-code">{issued.code}</Typography.Text>
            </Typography.Text>
            <Alert type="warning" showIcon title={t('eService.issuedHint')} />
          </Space>
        ) : null}
      </Modal>
    </Card>
  );
}
