import { render, screen, within } from '@testing-library/react';
import { CERTIFICATE_STATUS_LABELS } from '@zhifa/domain';
import { describe, expect, it } from 'vitest';
import { AppProviders } from '../AppProviders.tsx';
import type { Certificate, Officer } from '../api/types.ts';
import { OfficerCard } from './OfficerCard.tsx';

const officer: Pick<Officer, 'id' | 'name' | 'agencyName' | 'post' | 'personnelType' | 'certificateSummary'> = {
  id: 'o1',
  name: '张三',
  agencyName: '某市市场监督管理局',
  post: '科员',
  personnelType: 'civil_servant',
  certificateSummary: { id: 'c1', number: 'HB-0301-000123', status: 'active', expiresOn: '2028-06-30', categories: ['market', 'health'], areaCode: '130300' },
};

function cert(status: string, effectiveStatus = status): Certificate {
  return {
    id: 'c1',
    officerId: 'o1',
    number: 'HB-0301-000123',
    credentialType: 'enforcement',
    categories: ['market'],
    areaCode: '130300',
    issuedBy: '河北省人民政府',
    issuedOn: '2024-07-01',
    expiresOn: '2028-06-30',
    lastReviewedOn: null,
    status,
    effectiveStatus,
    statusReason: null,
    suspendedUntil: null,
    allowedActions: [],
    published: false,
    withdrawnAt: null,
    withdrawReason: null,
    version: 1,
    createdAt: '2024-07-01T00:00:00Z',
    updatedAt: '2024-07-01T00:00:00Z',
  };
}

const renderCard = (props: Parameters<typeof OfficerCard>[0], locale: 'zh-CN' | 'en-US' = 'zh-CN') =>
  render(
    <AppProviders initialLocale={locale}>
      <OfficerCard {...props} />
    </AppProviders>,
  );

describe('OfficerCard', () => {
  it('shows name, unit, post, number, categories (SECTORS labels), area and validity', () => {
    renderCard({ officer, areaName: '秦皇岛市' });
    const card = screen.getByTestId('officer-card');
    expect(within(card).getByTestId('officer-card-name').textContent).toBe('张三');
    expect(card.textContent).toContain('某市市场监督管理局');
    expect(card.textContent).toContain('科员');
    expect(within(card).getByTestId('officer-card-number').textContent).toBe('HB-0301-000123');
    expect(card.textContent).toContain('市场监管、卫生健康');
    expect(card.textContent).toContain('秦皇岛市');
    expect(card.textContent).toContain('2028-06-30');
  });

  it.each([
    ['active', 'ant-tag-green'],
    ['suspended', 'ant-tag-orange'],
    ['revoked', 'ant-tag-red'],
    ['cancelled', 'ant-tag-red'],
  ] as const)('colours a %s certificate with %s', (status, cls) => {
    renderCard({ officer, certificate: cert(status) });
    const tag = screen.getByTestId('cert-status-tag');
    expect(tag.className).toContain(cls);
    expect(tag.textContent).toBe(CERTIFICATE_STATUS_LABELS[status].zh);
  });

  it('shows an expired certificate in grey, using the effective status (active but past expiry)', () => {
    renderCard({ officer, certificate: cert('active', 'expired') });
    const tag = screen.getByTestId('cert-status-tag');
    expect(tag.getAttribute('data-status')).toBe('expired');
    expect(tag.className).not.toMatch(/ant-tag-(green|orange|red)/);
    expect(tag.textContent).toBe(CERTIFICATE_STATUS_LABELS.expired.zh);
  });

  it('uses the English labels when the locale is en-US', () => {
    renderCard({ officer, certificate: cert('suspended') }, 'en-US');
    expect(screen.getByTestId('cert-status-tag').textContent).toBe('Suspended');
  });

  it('warns that auxiliary staff may not enforce alone', () => {
    renderCard({ officer: { ...officer, personnelType: 'auxiliary' } });
    expect(screen.getByTestId('auxiliary-warning').textContent).toContain('辅助人员不得单独执法');
  });

  it('has no auxiliary warning for civil servants, and says so when there is no certificate', () => {
    renderCard({ officer: { ...officer, certificateSummary: null } });
    expect(screen.queryByTestId('auxiliary-warning')).toBeNull();
    expect(screen.getByTestId('cert-status-tag').textContent).toBe('无证');
  });
});
