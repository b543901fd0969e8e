import { DownloadOutlined, FileProtectOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, rawRequest } from '../api/client.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { LocaleSwitch } from '../components/LocaleSwitch.tsx';
import { useLocale, useT } from '../i18n/index.tsx';

interface Opened {
  agencyName: string;
  servedOn: string;
  documents: { id: string; titleZh: string; titleEn?: string; number: string | null }[];
}

/**
 * 电子送达 — the party page (行政处罚法 Art.61 para 2). No login: the link the agency gave and the code. Nothing is shown
 * before the right code; the first opening is the date of service, and the page says so. Downloads go through POST
 * with the code, so the code never appears in an address or a log.
 */
export function ServicePage() {
  const t = useT();
  const { locale } = useLocale();
  const { token = '' } = useParams();
  const [code, setCode] = useState('');
  const open = useMutation({ mutationFn: (c: string) => api.post<Opened>(`/public/e-service/${token}/open`, { code: c }, { skipAuthRedirect: true }) });
  const download = useMutation({
    mutationFn: async (d: Opened['documents'][number]) => {
      const res = await rawRequest(`/public/e-service/${token}/documents/${d.id}/pdf`, { method: 'POST', body: { code }, skipAuthRedirect: true });
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = `${d.number ?? d.titleZh}.pdf`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    },
  });
  const data = open.data;
  return (
    <div className="zf-portal" data-testid="service-page">
      <div className="zf-portal-band" />
      <div className="zf-portal-hero" style={{ maxWidth: 720 }}>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Link to="/">
            <Space>
              <span className="zf-logo-mark" aria-hidden>
                法
              </span>
              <Typography.Text strong>{t('app.name')}</Typography.Text>
            </Space>
          </Link>
          <LocaleSwitch />
        </Space>
        <Typography.Title level={2} style={{ marginTop: 32 }}>
          <FileProtectOutlined /> {t('eService.title')}
        </Typography.Title>
        {!data ? (
          <Card>
            <Typography.Paragraph type="secondary">{t('eService.intro')}</Typography.Paragraph>
            <ErrorAlert error={open.error} testId="service-error" />
            <Space.Compact style={{ width: '100%', maxWidth: 420 }}>
              <Input
                size="large"
                value={code}
                onChange={(e) => setCode(e.target.value)}
                onPressEnter={() => code.trim() && open.mutate(code.trim())}
                placeholder={t('eService.code')}
                maxLength={16}
                autoComplete="one-time-code"
                data-testid="service-code"
              />
              <Button size="large" type="primary" loading={open.isPending} disabled={!code.trim()} onClick={() => open.mutate(code.trim())} data-testid="service-open">
                {t('eService.open')}
              </Button>
            </Space.Compact>
          </Card>
        ) : (
          <Card data-testid="service-documents">
            <Alert type="success" showIcon style={{ marginBottom: 16 }} title={t('eService.served', { agency: data.agencyName, date: data.servedOn })} description={t('eService.servedHint')} />
            <ErrorAlert error={download.error} />
            {data.documents.map((d) => (
              <div key={d.id} style={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', alignItems: 'center', gap: 8, padding: '8px 0', borderTop: '1px solid #f0f0f0' }}>
                <div>
                  <Typography.Text strong>{locale === 'zh-CN' ? d.titleZh : (d.titleEn ?? d.titleZh)}</Typography.Text>
                  <Typography.Text type="secondary" style={{ display: 'block' }}>
                    {d.number ?? ''}
                  </Typography.Text>
                </div>
                <Button icon={<DownloadOutlined />} loading={download.isPending && download.variables?.id === d.id} onClick={() => download.mutate(d)} data-testid={`service-download-${d.id}`}>
                  {t('case.downloadPdf')}
                </Button>
              </div>
            ))}
          </Card>
        )}
      </div>
    </div>
  );
}
