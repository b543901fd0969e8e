import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Form, Input, Modal, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import { useAuth } from '../../../auth/auth.tsx';
import { AgencyOfficerSelect } from '../../../components/cases/OfficerPickers.tsx';
import { PenaltyItemSelect } from '../../../components/cases/PenaltyItemSelect.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { AgencyPicker } from '../../../components/transfers/AgencyPicker.tsx';
import { TRANSFERS_KEY, useBi, type AgencyTransfer } from '../../../components/transfers/transfers-api.ts';
import { TransferFileList } from '../../../components/transfers/TransferFiles.tsx';
import { TransferTimeline } from './TransferTimeline.tsx';

/** One transfer between agencies: who owns the case now, the timer, the timeline, and accept / refuse / designate. */
export default function AgencyTransferPage() {
  const { id = '' } = useParams();
  const bi = useBi();
  const { l } = bi;
  const me = useAuth();
  const qc = useQueryClient();
  const [action, setAction] = useState<string | null>(null);
  const [form] = Form.useForm();
  const q = useQuery({ queryKey: [...TRANSFERS_KEY, 'agency', 'detail', id], queryFn: ({ signal }) => api.get<AgencyTransfer>(`/transfers/agency/${id}`, undefined, signal) });
  const run = useMutation({
    mutationFn: (v: { action: string; body: Record<string, unknown> }) => api.post<AgencyTransfer>(`/transfers/agency/${id}/${v.action}`, { ...v.body, version: q.data!.version }),
    onSuccess: (r) => {
      setAction(null);
      form.resetFields();
      qc.setQueryData([...TRANSFERS_KEY, 'agency', 'detail', id], r);
      void qc.invalidateQueries({ queryKey: TRANSFERS_KEY });
    },
  });
  if (q.error) return <ErrorAlert error={q.error} />;
  const t = q.data;
  if (!t) return null;
  return (
    <div data-testid="agency-transfer" data-status={t.status}>
      <PageHeader title={<Space>{l('案件移送', 'Case transfer')} <Tag color={t.status === 'accepted' ? 'green' : 'blue'} data-testid="transfer-status">{t.statusZh}</Tag></Space>} sub={`${t.caseNo ?? ''} ${t.partyName}`} />
      <Card size="small" title={l('操作', 'Actions')} style={{ marginBottom: 12 }}>
        <Space wrap>
          {t.availableActions.map((a) => (
            <Button key={a} type={a === 'refuse' ? 'default' : 'primary'} danger={a === 'refuse'} onClick={() => setAction(a)} data-testid={`transfer-action-${a}`}>
              {bi.agencyAction(a)}
            </Button>
          ))}
          {t.availableActions.length === 0 ? <span>{l('当前无可执行的操作', 'Nothing to do now')}</span> : null}
        </Space>
      </Card>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions
          bordered
          size="small"
          column={1}
          items={[
            { key: 'case', label: l('原案件', 'Case'), children: <Link to={`/admin/cases/${t.caseId}`}>{t.caseNo ?? l('案源线索（未立案）', 'Lead (not filed)')}</Link> },
            { key: 'from', label: l('移送机关', 'From'), children: t.fromAgencyName },
            { key: 'to', label: l('受移送机关', 'To'), children: t.toAgencyName },
            ...(t.designatedAgencyName ? [{ key: 'des', label: l('指定管辖机关', 'Designated'), children: `${t.designatedAgencyName}（${t.designationReason ?? ''}）` }] : []),
            { key: 'owner', label: l('当前管辖机关', 'Owner now'), children: <span data-testid="transfer-owner">{t.ownerAgencyName}</span> },
            { key: 'reason', label: l('移送理由', 'Reason'), children: t.reason },
            { key: 'materials', label: l('移送材料', 'Materials'), children: t.materials.join('、') },
            ...(t.refusalReason ? [{ key: 'refusal', label: l('拒收理由', 'Refusal'), children: t.refusalReason }] : []),
            ...(t.timer ? [{ key: 'timer', label: t.timer.key === 'designation' ? l('指定管辖期限', 'Designation due') : l('接收期限', 'Acceptance due'), children: <Tag color={t.timer.isOverdue ? 'red' : 'blue'}>{t.timer.dueOn}</Tag> }] : []),
            ...(t.receivingCaseId ? [{ key: 'recv', label: l('受理后案件', 'Receiving case'), children: <Link to={`/admin/cases/${t.receivingCaseId}`} data-testid="receiving-case">{t.receivingCaseNo ?? l('案源线索', 'Lead')}</Link> }] : []),
          ]}
        />
      </Card>
      <Card size="small" title={l('移送材料文件', 'Files handed over')} style={{ marginBottom: 12 }}>
        <TransferFileList kind="agency" transferId={t.id} files={t.attachments ?? []} />
      </Card>
      <TransferTimeline events={t.events ?? []} label={(a) => (a === 'create' ? l('移送', 'Transfer') : bi.agencyAction(a))} />
      <Modal open={!!action} title={action ? bi.agencyAction(action) : ''} onCancel={() => setAction(null)} onOk={() => form.submit()} confirmLoading={run.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'transfer-action-submit' } as Record<`data-${string}`, string>}>
        <ErrorAlert error={run.error} />
        <Form form={form} layout="vertical" onFinish={(v: Record<string, unknown>) => run.mutate({ action: action!, body: v })}>
          {action === 'accept' ? (
            <>
              <Form.Item name="itemId" label={l('本机关执法事项', 'Item')} rules={[{ required: true }]}>
                <PenaltyItemSelect testId="accept-item" />
              </Form.Item>
              <Form.Item name="officerIds" label={l('承办人员', 'Case officers')} rules={[{ required: true }]}>
                <AgencyOfficerSelect agencyId={me.user.agencyId} testId="accept-officers" />
              </Form.Item>
            </>
          ) : null}
          {action === 'designate' ? (
            <Form.Item name="agencyId" label={l('指定管辖机关', 'Designated agency')} rules={[{ required: true }]} extra={l('行政处罚法 第二十五条第二款：由共同的上一级行政机关指定管辖', 'Art.25 para 2')}>
              <AgencyPicker testId="designate-agency" />
            </Form.Item>
          ) : null}
          {action === 'refuse' || action === 'designate' ? (
            <Form.Item name="reason" label={action === 'refuse' ? l('不属本机关管辖的理由（报请共同上级指定管辖）', 'Why not ours (goes to designation)') : l('指定理由', 'Grounds')} rules={[{ required: true }]}>
              <Input.TextArea rows={3} data-testid="transfer-action-reason" />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </div>
  );
}
