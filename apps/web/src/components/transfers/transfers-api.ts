import { AGENCY_TRANSFER_ACTION_LABELS, POLICE_TRANSFER_ACTION_LABELS, type AgencyTransferAction, type PoliceTransferAction } from '@zhifa/domain';
import { useLocale } from '../../i18n/index.tsx';

export const TRANSFERS_KEY = ['transfers'] as const;

/** A file handed over with a transfer: an evidence record of the case, content-addressed (sha256 of the bytes). */
export interface TransferAttachment {
  material: string;
  evidenceId: string;
  sha256: string;
  fileName: string;
  attachedAt: string;
}

export interface TransferEvent {
  seq: number;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actorName: string | null;
  actorRole: string;
  payload: Record<string, unknown>;
  occurredAt: string;
}
export interface AgencyTransfer {
  id: string;
  kind: 'case_transfer';
  status: string;
  statusZh: string;
  caseId: string;
  caseNo: string | null;
  partyName: string;
  fromAgencyId: string;
  fromAgencyName: string;
  toAgencyId: string;
  toAgencyName: string;
  designatedAgencyId: string | null;
  designatedAgencyName: string | null;
  ownerAgencyId: string;
  ownerAgencyName: string;
  commonRegionPath: string;
  reason: string;
  materials: string[];
  attachments: TransferAttachment[];
  refusalReason: string | null;
  designationReason: string | null;
  receivingCaseId: string | null;
  receivingCaseNo: string | null;
  sentOn: string;
  timer: { key: string; dueOn?: string; isOverdue?: boolean; daysLeft?: number } | null;
  direction: 'outgoing' | 'incoming' | 'supervised';
  availableActions: AgencyTransferAction[];
  version: number;
  events?: TransferEvent[];
}
export interface PoliceTransfer {
  id: string;
  kind: 'police_transfer';
  status: string;
  statusZh: string;
  caseId: string;
  caseNo: string | null;
  partyName: string;
  agencyName: string;
  policeOrgan: string;
  procuratorate: string | null;
  summary: string;
  hasTesting: boolean;
  materials: Record<string, string[]>;
  checklist: { key: string; zh: string; en: string; required: boolean; refs: string[]; files: TransferAttachment[] }[];
  attachments: TransferAttachment[];
  sendRefusal: { messageZh: string; message: string; citation?: string } | null;
  dates: Record<string, string>;
  records: { action: string; on: string; organ: string; note: string | null; evidenceIds: string[] }[];
  timer: { key: string; labelZh: string; citation: string; dueOn: string | null; dueAt: string | null; isOverdue: boolean } | null;
  availableActions: PoliceTransferAction[];
  version: number;
  events?: TransferEvent[];
}

/** zh-CN first; English when the user switched. */
export function useBi() {
  const { locale } = useLocale();
  const zh = locale === 'zh-CN';
  return {
    zh,
    l: (zhText: string, en: string) => (zh ? zhText : en),
    agencyAction: (a: string) => {
      const x = AGENCY_TRANSFER_ACTION_LABELS[a as AgencyTransferAction];
      return x ? (zh ? x.zh : x.en) : a;
    },
    policeAction: (a: string) => {
      const x = POLICE_TRANSFER_ACTION_LABELS[a as PoliceTransferAction];
      return x ? (zh ? x.zh : x.en) : a === 'create' ? (zh ? '移送' : 'Transfer') : a === 'report' ? (zh ? '提交移送报告' : 'Report') : a === 'set_materials' ? (zh ? '登记移送材料' : 'Materials') : a;
    },
  };
}
