import type { Refusal } from '../errors/index.ts';
import type { CertificateStatus, PersonnelType } from './enums.ts';

export interface CertificateFacts {
  status: CertificateStatus | string;
  credentialType: string;
  categories: readonly string[];
  /** Region path of the certificate's area, e.g. '/130000/130300/'. */
  areaPath: string;
  issuedOn: string;
  expiresOn: string;
  suspendedUntil?: string | null;
}

/**
 * The status a certificate has on a given day. A stored `active` certificate past its expiry date is `expired`
 * (domain-rules PQ4/PQ6: VALID → EXPIRED on expiry or missed review) — derived, so no job has to flip it in time.
 */
export function effectiveCertificateStatus(c: Pick<CertificateFacts, 'status' | 'expiresOn' | 'issuedOn'>, today: string): CertificateStatus {
  if (c.status === 'active' && (c.expiresOn < today || c.issuedOn > today)) return 'expired';
  return c.status as CertificateStatus;
}

export interface OfficerFacts {
  personnelType: PersonnelType | string;
  onDuty: boolean;
  certificates: readonly CertificateFacts[];
}

/**
 * May this officer carry out an enforcement act of `sector` at a place under `placePath` on `date`?
 * 行政处罚法 Art.42 (penalties only by officers with enforcement qualification), 行政强制法 Art.17, and
 * 交通运输行政执法证件管理规定 Art.22 (act only within the certificate's category and area). Auxiliary staff never count
 * (domain-rules PQ2). Returns null when eligible, otherwise a Refusal saying why.
 */
export function officerEligibility(o: OfficerFacts, act: { sector: string; placePath: string; date: string }): Refusal | null {
  if (o.personnelType === 'auxiliary') {
    return {
      code: 'RULE_VIOLATION',
      message: 'Auxiliary staff may assist but never act as enforcement officers.',
      messageZh: '辅助人员不得独立从事行政执法活动。',
      citation: '行政处罚法 Art.42; 国办发〔2024〕54号',
      details: { reason: 'auxiliary' },
    };
  }
  if (!o.onDuty) {
    return { code: 'RULE_VIOLATION', message: 'The officer is not on duty.', messageZh: '该人员已不在岗。', details: { reason: 'off_duty' } };
  }
  const valid = o.certificates.filter((c) => c.credentialType === 'enforcement' && effectiveCertificateStatus(c, act.date) === 'active');
  if (valid.length === 0) {
    return {
      code: 'RULE_VIOLATION',
      message: 'The officer holds no valid enforcement certificate on that date.',
      messageZh: '该人员在该日期没有有效的行政执法证件。',
      citation: '行政处罚法 Art.42',
      details: { reason: 'no_valid_certificate' },
    };
  }
  const covering = valid.filter((c) => (c.categories.includes(act.sector) || c.categories.includes('comprehensive')) && act.placePath.startsWith(c.areaPath));
  if (covering.length === 0) {
    return {
      code: 'RULE_VIOLATION',
      message: "The officer's certificate does not cover this enforcement category or area.",
      messageZh: '该人员执法证件的执法类别或执法区域不涵盖本次执法。',
      citation: '交通运输行政执法证件管理规定 Art.22',
      details: { reason: 'scope_not_covered' },
    };
  }
  return null;
}
