import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  CERTIFICATE_TRANSITIONS,
  CertificateAction,
  CertificateStatus,
  nextStatus,
  SUBJECT_TRANSITIONS,
  SubjectAction,
  SubjectStatus,
} from './enums.ts';
import { effectiveCertificateStatus, officerEligibility, type CertificateFacts } from './officer-eligibility.ts';

describe('subject transitions: every status × action against an explicit table', () => {
  const expected: Record<SubjectStatus, Record<SubjectAction, SubjectStatus | undefined>> = {
    confirmed: { announce: 'announced', revoke: 'revoked' },
    announced: { announce: undefined, revoke: 'revoked' },
    revoked: { announce: undefined, revoke: undefined },
  };
  for (const status of Object.values(SubjectStatus)) {
    for (const action of Object.values(SubjectAction)) {
      it(`${status} × ${action} → ${expected[status][action] ?? 'refused'}`, () => {
        expect(nextStatus(SUBJECT_TRANSITIONS, status, action)).toBe(expected[status][action]);
      });
    }
  }
  it('allowedActions lists exactly the defined moves', () => {
    expect(allowedActions(SUBJECT_TRANSITIONS, 'confirmed')).toEqual(['announce', 'revoke']);
    expect(allowedActions(SUBJECT_TRANSITIONS, 'revoked')).toEqual([]);
  });
});

describe('certificate transitions (domain-rules PQ6)', () => {
  const expected: Record<CertificateStatus, Partial<Record<CertificateAction, CertificateStatus>>> = {
    active: { suspend: 'suspended', revoke: 'revoked', cancel: 'cancelled' },
    suspended: { reinstate: 'active', revoke: 'revoked', cancel: 'cancelled' },
    revoked: {},
    cancelled: {},
    expired: { cancel: 'cancelled' },
  };
  for (const status of Object.values(CertificateStatus)) {
    for (const action of Object.values(CertificateAction)) {
      it(`${status} × ${action} → ${expected[status][action] ?? 'refused'}`, () => {
        expect(nextStatus(CERTIFICATE_TRANSITIONS, status, action)).toBe(expected[status][action]);
      });
    }
  }
});

const cert = (over: Partial<CertificateFacts> = {}): CertificateFacts => ({
  status: 'active',
  credentialType: 'enforcement',
  categories: ['market'],
  areaPath: '/130000/130300/',
  issuedOn: '2022-01-01',
  expiresOn: '2028-01-01',
  ...over,
});
const act = { sector: 'market', placePath: '/130000/130300/130322/', date: '2026-06-01' };

describe('effective certificate status', () => {
  it('an active certificate past its expiry date is expired', () => {
    expect(effectiveCertificateStatus(cert({ expiresOn: '2026-05-31' }), '2026-06-01')).toBe('expired');
    expect(effectiveCertificateStatus(cert({ expiresOn: '2026-06-01' }), '2026-06-01')).toBe('active');
  });
  it('a suspended certificate stays suspended', () => {
    expect(effectiveCertificateStatus(cert({ status: 'suspended' }), '2026-06-01')).toBe('suspended');
  });
});

describe('officer eligibility (行政处罚法 Art.42; 交通运输行政执法证件管理规定 Art.22)', () => {
  const officer = (over = {}) => ({ personnelType: 'civil_servant', onDuty: true, certificates: [cert()], ...over });
  it('a certified officer in category and area is eligible', () => {
    expect(officerEligibility(officer(), act)).toBeNull();
  });
  it.each([
    ['auxiliary staff', officer({ personnelType: 'auxiliary' }), 'auxiliary'],
    ['off duty', officer({ onDuty: false }), 'off_duty'],
    ['no certificate', officer({ certificates: [] }), 'no_valid_certificate'],
    ['expired certificate', officer({ certificates: [cert({ expiresOn: '2026-01-01' })] }), 'no_valid_certificate'],
    ['suspended certificate', officer({ certificates: [cert({ status: 'suspended' })] }), 'no_valid_certificate'],
    ['wrong category', officer({ certificates: [cert({ categories: ['transport'] })] }), 'scope_not_covered'],
    ['wrong area', officer({ certificates: [cert({ areaPath: '/130000/130100/' })] }), 'scope_not_covered'],
    ['supervision credential only', officer({ certificates: [cert({ credentialType: 'supervision' })] }), 'no_valid_certificate'],
  ])('%s is refused', (_label, o, reason) => {
    const r = officerEligibility(o, act);
    expect(r?.code).toBe('RULE_VIOLATION');
    expect(r?.details?.reason).toBe(reason);
    expect(r?.messageZh).toBeTruthy();
  });
  it('a comprehensive-enforcement certificate covers any sector in its area', () => {
    expect(officerEligibility(officer({ certificates: [cert({ categories: ['comprehensive'] })] }), act)).toBeNull();
  });
});
