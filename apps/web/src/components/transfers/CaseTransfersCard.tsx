import { useQuery } from '@tanstack/react-query';
import { Card, Space, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { useCan, Permission } from '../../auth/auth.tsx';
import { TRANSFERS_KEY, useBi, type AgencyTransfer, type PoliceTransfer } from './transfers-api.ts';

/** On the case page: this case's transfers (either side) and the way to start one (案件移送 / 两法衔接). */
export function CaseTransfersCard({ caseId, canTransfer }: { caseId: string; canTransfer: boolean }) {
  const can = useCan();
  const { l } = useBi();
  const q = useQuery({ queryKey: [...TRANSFERS_KEY, 'by-case', caseId], queryFn: ({ signal }) => api.get<{ agency: AgencyTransfer[]; police: PoliceTransfer[] }>(`/transfers/by-case/${caseId}`, undefined, signal), enabled: can(Permission.TRANSFER_READ) });
  if (!can(Permission.TRANSFER_READ)) return null;
  const rows = [...(q.data?.agency ?? []), ...(q.data?.police ?? [])];
  if (!rows.length && !(canTransfer && can(Permission.TRANSFER_HANDLE))) return null;
  return (
    <Card size="small" title={l('案件移送', 'Transfers')} style={{ marginBottom: 12 }} data-testid="case-transfers">
      <Space wrap>
        {(q.data?.agency ?? []).map((t) => (
          <Link key={t.id} to={`/admin/transfers/agency/${t.id}`} data-testid="case-transfer-link">
            <Tag color={t.status === 'accepted' ? 'green' : 'blue'}>
              {t.caseId === caseId ? l(`移送至${t.designatedAgencyName ?? t.toAgencyName}`, `To ${t.designatedAgencyName ?? t.toAgencyName}`) : l(`由${t.fromAgencyName}移送`, `From ${t.fromAgencyName}`)} · {t.statusZh}
            </Tag>
          </Link>
        ))}
        {(q.data?.police ?? []).map((t) => (
          <Link key={t.id} to={`/admin/transfers/police/${t.id}`} data-testid="case-police-transfer-link">
            <Tag color="purple">{l(`移送${t.policeOrgan}`, `To ${t.policeOrgan}`)} · {t.statusZh}</Tag>
          </Link>
        ))}
        {canTransfer && can(Permission.TRANSFER_HANDLE) ? (
          <Link to={`/admin/transfers/new?caseId=${caseId}`} data-testid="case-transfer-new">
            {l('发起移送…', 'Transfer…')}
          </Link>
        ) : null}
      </Space>
    </Card>
  );
}
