import { UserOutlined, WarningOutlined } from '@ant-design/icons';
import { Card, Descriptions, Space, Tag, Typography } from 'antd';
import type { Certificate, CertificateSummary, Officer } from '../api/types.ts';
import { useT } from '../i18n/index.tsx';
import { fmtDate } from '../lib/format.ts';
import { useLabels } from '../lib/labels.ts';
import { CertStatusTag } from './StatusTags.tsx';

export interface OfficerCardProps {
  officer: Pick<Officer, 'id' | 'name' | 'agencyName' | 'post' | 'personnelType'> & Partial<Pick<Officer, 'certificateSummary' | 'photoBlob'>>;
  /** The certificate to show; defaults to the officer's certificate summary. */
  certificate?: Certificate | CertificateSummary | null;
  /** Display name of the certificate's area (执法区域); the area code is shown otherwise. */
  areaName?: string | null;
}

const isFull = (c: Certificate | CertificateSummary): c is Certificate => 'issuedOn' in c;

function statusOf(c: Certificate | CertificateSummary): string {
  return isFull(c) && c.effectiveStatus ? c.effectiveStatus : c.status;
}

/**
 * 执法证 — the officer card: photo, name, unit, post, certificate number, enforcement categories, area, validity
 * and a coloured status tag. Auxiliary staff carry the warning that they may not enforce alone (辅助人员不得单独执法).
 */
export function OfficerCard({ officer, certificate, areaName }: OfficerCardProps) {
  const t = useT();
  const labels = useLabels();
  const cert = certificate === undefined ? (officer.certificateSummary ?? null) : certificate;
  const status = cert ? statusOf(cert) : null;
  const issuedOn = cert && isFull(cert) ? cert.issuedOn : null;
  const categories: string[] = cert?.categories ?? [];
  const auxiliary = officer.personnelType === 'auxiliary';
  return (
    <Card
      className="zf-officer-card"
      size="small"
      data-testid="officer-card"
      title={
        <Space wrap>
          <span>{t('officer.card.title')}</span>
          <CertStatusTag status={status} />
          {auxiliary ? (
            <Tag color="volcano" icon={<WarningOutlined />} data-testid="auxiliary-warning">
              {t('officer.auxiliaryWarning')}
            </Tag>
          ) : null}
        </Space>
      }
    >
      <div className="zf-officer-card-body">
        {officer.photoBlob ? (
          // The blob id changes with the content, so it doubles as a cache-buster after an upload.
          <img className="zf-officer-photo" src={`/api/v1/officers/${officer.id}/photo?v=${officer.photoBlob.slice(7, 15)}`} alt={`${t('officer.card.photo')}: ${officer.name}`} data-testid="officer-photo" style={{ objectFit: 'cover' }} />
        ) : (
          <div className="zf-officer-photo" aria-label={t('officer.card.photo')}>
            <UserOutlined style={{ fontSize: 36 }} />
            <span>{t('officer.card.photo')}</span>
          </div>
        )}
        <div className="zf-officer-fields">
          <Typography.Title level={5} style={{ marginTop: 0 }} data-testid="officer-card-name">
            {officer.name}
          </Typography.Title>
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'unit', label: t('officer.agency'), children: officer.agencyName ?? '—' },
              { key: 'post', label: t('officer.post'), children: officer.post || '—' },
              { key: 'type', label: t('officer.personnelType'), children: labels.personnelType(officer.personnelType) },
              {
                key: 'number',
                label: t('officer.card.number'),
                children: cert ? <span data-testid="officer-card-number">{cert.number}</span> : t('officer.noCertificate'),
              },
              {
                key: 'categories',
                label: t('officer.card.categories'),
                children: categories.length ? categories.map((c) => labels.sector(c)).join('、') : '—',
              },
              { key: 'area', label: t('officer.card.area'), children: areaName ?? cert?.areaCode ?? '—' },
              {
                key: 'validity',
                label: t('officer.card.validity'),
                children: cert ? (issuedOn ? `${fmtDate(issuedOn)} ~ ${fmtDate(cert.expiresOn)}` : t('officer.card.until', { date: fmtDate(cert.expiresOn) })) : '—',
              },
            ]}
          />
        </div>
      </div>
    </Card>
  );
}
