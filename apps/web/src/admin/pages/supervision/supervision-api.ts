import { useLocale } from '../../../i18n/index.tsx';

export const SUPERVISION_KEY = ['supervision'] as const;

export interface WarningEvent {
  seq: number;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actorRole: string;
  payload: Record<string, unknown>;
  occurredAt: string;
}
export interface SupervisionWarning {
  id: string;
  ruleKey: string;
  ruleZh: string;
  ruleEn: string;
  citation: string | null;
  severity: 'info' | 'warning' | 'serious';
  agencyId: string;
  agencyName: string | null;
  subjectType: string;
  subjectId: string;
  subjectLabel: string;
  dueOn: string | null;
  details: Record<string, unknown>;
  status: string;
  rectification: { text: string; documentRef: string | null; reportedOn: string } | null;
  raisedAt: string;
  version: number;
  availableActions: string[];
  events?: WarningEvent[];
  documents?: SupervisionDocument[];
}
export interface SupervisionDocument {
  id: string;
  number: string;
  issuerName: string;
  profile: string;
  typeCode: string;
  typeZh: string;
  typeEn: string;
  citation: string | null;
  agencyId: string;
  agencyName?: string | null;
  warningId: string | null;
  caseId: string | null;
  title: string;
  body: string;
  decisionType: string | null;
  grounds: string[];
  status: string;
  issuedOn: string;
  responseDueOn: string;
  objectionDueOn: string | null;
  answer: { text: string; documentRef: string | null; answeredOn: string } | null;
  objection: { reason: string; objectedOn: string; reviewDueOn: string | null; outcome?: string; opinion?: string } | null;
  version: number;
  availableActions: string[];
  events?: WarningEvent[];
  measures?: { id: string; kind: string; sanction: string | null; officerId: string | null; suspendedUntil: string | null; referredTo: string | null; reason: string; decidedAt: string }[];
}
export interface DocumentType {
  profile: string;
  code: string;
  zh: string;
  en: string;
  response: { days: number; dayType: string };
  objection: { days: number; dayType: string } | null;
  citation: string;
}
export interface Rule {
  key: string;
  zh: string;
  en: string;
  severity: string;
  citation: string;
  isEvaluated: boolean;
}

export const SEVERITY_COLOR: Record<string, string> = { info: 'blue', warning: 'orange', serious: 'red' };
export const STATUS_COLOR: Record<string, string> = { open: 'red', acknowledged: 'orange', rectification_reported: 'gold', closed: 'green', resolved: 'default', issued: 'orange', answered: 'gold', accepted: 'green', objected: 'purple', revoked: 'default' };

/** Labels (zh-CN first, English second) for statuses, actions, severities. */
export function useSupervisionText() {
  const { locale } = useLocale();
  const zh = locale === 'zh-CN';
  const pick = (m: Record<string, [string, string]>, k: string) => (m[k] ? m[k]![zh ? 0 : 1] : k);
  const STATUS: Record<string, [string, string]> = {
    open: ['待签收', 'Raised'], acknowledged: ['已签收', 'Acknowledged'], rectification_reported: ['已报告整改', 'Rectification reported'], closed: ['已办结', 'Closed'], resolved: ['已自动消除', 'Resolved'],
    issued: ['待答复', 'Awaiting answer'], answered: ['已答复', 'Answered'], accepted: ['已采纳办结', 'Accepted'], objected: ['异议复核中', 'Objection under review'], revoked: ['复核撤销', 'Revoked'],
  };
  const ACTION: Record<string, [string, string]> = {
    raise: ['发出预警', 'Raised'], acknowledge: ['签收', 'Acknowledge'], report_rectification: ['报告整改', 'Report rectification'], close: ['办结', 'Close'], reopen: ['退回重新整改', 'Reopen'], auto_resolve: ['条件消除', 'Condition cleared'],
    issue: ['制发', 'Issued'], answer: ['书面答复', 'Answer'], object: ['提出异议', 'Object'], accept: ['采纳答复', 'Accept answer'], return: ['退回答复', 'Return answer'], uphold: ['复核维持', 'Uphold'], revoke: ['复核撤销', 'Revoke'],
  };
  const SEVERITY: Record<string, [string, string]> = { info: ['提示', 'Info'], warning: ['预警', 'Warning'], serious: ['严重', 'Serious'] };
  return { zh, status: (k: string) => pick(STATUS, k), action: (k: string) => pick(ACTION, k), severity: (k: string) => pick(SEVERITY, k), statuses: Object.keys(STATUS) };
}
