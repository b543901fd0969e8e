import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Col, DatePicker, Descriptions, Form, Input, Modal, Row, Select, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ReasonModal } from '../../../components/ReasonModal.tsx';
import { PickFile, TransferFileList, uploadTransferScan } from '../../../components/transfers/TransferFiles.tsx';
import { TRANSFERS_KEY, useBi, type PoliceTransfer, type TransferAttachment } from '../../../components/transfers/transfers-api.ts';
import { useAuth } from '../../../auth/auth.tsx';
import { useServerNow } from '../../../lib/useServerToday.ts';
import { TransferTimeline } from './TransferTimeline.tsx';

/** What each step asks for: the letter's date, a note (reasons given), the outcome, the procuratorate, the head's reasons. */
const NEEDS: Record<string, { on?: boolean; note?: boolean; filed?: boolean; procuratorate?: boolean; reason?: boolean }> = {
  decline: { reason: true },
  record_receipt: { on: true, note: true },
  record_filed: { on: true, note: true },
  record_not_filed: { on: true, note: true },
  request_reconsideration: { on: true, note: true },
  record_reconsideration_result: { on: true, note: true, filed: true },
  request_supervision: { on: true, note: true, procuratorate: true },
  record_supervision_result: { on: true, note: true, filed: true },
  record_handover: { on: true, note: true },
  record_reverse_transfer: { on: true, note: true },
  copy_procuratorate: { on: true, procuratorate: true },
};

const DATE_LABELS: Record<string, [string, string]> = {
  reportedOn: ['移送报告日期', 'Reported'],
  decidedAt: ['负责人决定时间', 'Head decided'],
  sentAt: ['移送时间', 'Sent'],
  receiptOn: ['公安回执日期', 'Receipt'],
  filedOn: ['立案日期', 'Filed'],
  notFiledOn: ['不予立案通知日期', 'Not filed'],
  reconsiderationRequestedOn: ['提请复议日期', 'Reconsideration requested'],
  reconsiderationAnsweredOn: ['复议决定日期', 'Reconsideration answered'],
  supervisionRequestedOn: ['提请立案监督日期', 'Supervision requested'],
  supervisionAnsweredOn: ['立案监督结果日期', 'Supervision answered'],
  handoverOn: ['移交涉案物品日期', 'Handover'],
  returnedOn: ['退回行政处理日期', 'Returned'],
};

/** 两法衔接 detail: the Art.6 checklist, the police's answers as recorded by officers, reconsideration, procuratorate. */
export default function PoliceTransferPage() {
  const { id = '' } = useParams();
  const bi = useBi();
  const { l } = bi;
  const qc = useQueryClient();
  const [action, setAction] = useState<string | null>(null);
  const [form] = Form.useForm();
  const key = [...TRANSFERS_KEY, 'police', 'detail', id];
  const q = useQuery({ queryKey: key, queryFn: ({ signal }) => api.get<PoliceTransfer>(`/transfers/police/${id}`, undefined, signal) });
  const done = (r: PoliceTransfer) => {
    setAction(null);
    form.resetFields();
    qc.setQueryData(key, r);
    void qc.invalidateQueries({ queryKey: TRANSFERS_KEY });
  };
  const run = useMutation({
    mutationFn: (v: { action: string; body: Record<string, unknown> }) => api.post<PoliceTransfer>(`/transfers/police/${id}/${v.action}`, { ...v.body, version: q.data!.version }),
    onSuccess: done,
  });
  const [refs, setRefs] = useState<Record<string, string[]> | null>(null);
  const saveMaterials = useMutation({ mutationFn: () => api.put<PoliceTransfer>(`/transfers/police/${id}/materials`, { version: q.data!.version, materials: refs ?? q.data!.materials }), onSuccess: (r) => { setRefs(null); done(r); } });
  const me = useAuth();
  const serverNow = useServerNow();
  const [withdrawing, setWithdrawing] = useState<TransferAttachment | null>(null);
  // 310号令 Art.6: each material is handed over as a file — uploaded as evidence of the case, then attached to the item.
  const attach = useMutation({
    mutationFn: async (v: { material: string; file: File }) => {
      const evidenceId = await uploadTransferScan(v.file, { caseId: q.data!.caseId, maker: me.user.displayName, material: v.material, capturedAt: (serverNow ?? dayjs()).toISOString() });
      return api.post<PoliceTransfer>(`/transfers/police/${id}/attachments`, { version: q.data!.version, action: 'attach', material: v.material, evidenceId });
    },
    onSuccess: done,
  });
  if (q.error) return <ErrorAlert error={q.error} />;
  const t = q.data;
  if (!t) return null;
  const editable = t.status === 'reported' || t.status === 'approved';
  const need = action ? (NEEDS[action] ?? {}) : {};
  return (
    <div data-testid="police-transfer" data-status={t.status}>
      <PageHeader title={<Space>{l('移送公安机关（两法衔接）', 'Transfer to the police')} <Tag color="purple" data-testid="police-status">{t.statusZh}</Tag></Space>} sub={`${t.caseNo ?? ''} ${t.partyName} → ${t.policeOrgan}`} />
      {t.timer ? (
        <Alert style={{ marginBottom: 12 }} type={t.timer.isOverdue ? 'error' : 'info'} showIcon data-testid="police-timer" title={`${t.timer.labelZh}：${t.timer.dueAt ? dayjs(t.timer.dueAt).format('YYYY-MM-DD HH:mm') : t.timer.dueOn}${t.timer.isOverdue ? l('（已超期）', ' (overdue)') : ''}`} description={t.timer.citation} />
      ) : null}
      <Card size="small" title={l('操作', 'Actions')} style={{ marginBottom: 12 }}>
        <ErrorAlert error={!action ? run.error : null} />
        <Space wrap>
          {t.availableActions.map((a) => (
            <Button key={a} type={['approve', 'send'].includes(a) ? 'primary' : 'default'} onClick={() => (NEEDS[a] ? setAction(a) : run.mutate({ action: a, body: {} }))} data-testid={`police-action-${a}`}>
              {bi.policeAction(a)}
            </Button>
          ))}
        </Space>
        {t.sendRefusal ? <Alert style={{ marginTop: 8 }} type="warning" title={bi.zh ? t.sendRefusal.messageZh : t.sendRefusal.message} description={t.sendRefusal.citation} /> : null}
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={l('移送材料（国务院令第310号 第六条）', 'Materials (Order 310 Art.6)')} data-testid="police-checklist">
            <Table
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={t.checklist}
              columns={[
                { title: l('材料', 'Material'), render: (_, m) => <span>{bi.zh ? m.zh : m.en}{m.required ? <Tag color="red" style={{ marginLeft: 4 }}>{l('必备', 'required')}</Tag> : null}</span> },
                {
                  title: l('文件', 'Files'),
                  render: (_, m) => (
                    <Space orientation="vertical" size={2}>
                      {m.files.length ? m.files.map((f) => <span key={f.evidenceId}>{f.fileName}</span>) : <Tag color={m.required ? 'red' : 'default'}>{l('未上传', 'missing')}</Tag>}
                      {editable ? <PickFile testId={`material-upload-${m.key}`} label={l('上传', 'Upload')} onFile={(file) => attach.mutate({ material: m.key, file })} /> : null}
                    </Space>
                  ),
                },
                {
                  title: l('文书/证据编号', 'References'),
                  render: (_, m) =>
                    editable ? (
                      <Select mode="tags" style={{ minWidth: 180 }} value={(refs ?? t.materials)[m.key] ?? []} onChange={(v: string[]) => setRefs({ ...(refs ?? t.materials), [m.key]: v })} data-testid={`material-${m.key}`} />
                    ) : (
                      (m.refs.join('、') || '—')
                    ),
                },
              ]}
            />
            {editable ? (
              <Button style={{ marginTop: 8 }} disabled={!refs} loading={saveMaterials.isPending} onClick={() => saveMaterials.mutate()} data-testid="materials-save">
                {l('保存材料清单', 'Save checklist')}
              </Button>
            ) : null}
            <ErrorAlert error={saveMaterials.error ?? attach.error} />
            <div style={{ marginTop: 12 }}>
              <TransferFileList kind="police" transferId={t.id} files={t.attachments} onWithdraw={editable ? setWithdrawing : undefined} />
            </div>
          </Card>
          <ReasonModal
            open={!!withdrawing}
            danger
            title={l('撤回已上传的移送材料', 'Withdraw an attached file')}
            onCancel={() => setWithdrawing(null)}
            onSubmit={async ({ reason }) => {
              const f = withdrawing!;
              done(await api.post<PoliceTransfer>(`/transfers/police/${id}/attachments`, { version: t.version, action: 'withdraw', material: f.material, evidenceId: f.evidenceId, reason }));
              setWithdrawing(null);
            }}
          />
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={l('基本情况', 'Details')}>
            <Descriptions
              bordered
              size="small"
              column={1}
              items={[
                { key: 'case', label: l('案件', 'Case'), children: <Link to={`/admin/cases/${t.caseId}`}>{t.caseNo ?? l('案源线索（未立案）', 'Lead (not filed)')}</Link> },
                { key: 'police', label: l('公安机关', 'Police'), children: t.policeOrgan },
                ...(t.procuratorate ? [{ key: 'proc', label: l('人民检察院', 'Procuratorate'), children: t.procuratorate }] : []),
                { key: 'summary', label: l('移送报告', 'Report'), children: t.summary },
                ...Object.entries(t.dates).map(([k, v]) => ({ key: k, label: DATE_LABELS[k] ? l(...DATE_LABELS[k]) : k, children: v.length > 10 ? dayjs(v).format('YYYY-MM-DD HH:mm') : v })),
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={l('公安机关、检察院来文登记', 'Letters recorded')} style={{ margin: '12px 0' }} data-testid="police-records">
        <Table size="small" rowKey={(r) => `${r.action}-${r.on}-${r.organ}`} pagination={false} dataSource={t.records} columns={[{ title: l('事项', 'Step'), render: (_, r) => bi.policeAction(r.action) }, { title: l('日期', 'Date'), dataIndex: 'on' }, { title: l('机关', 'Organ'), dataIndex: 'organ' }, { title: l('内容', 'Note'), dataIndex: 'note' }]} />
      </Card>
      <TransferTimeline events={t.events ?? []} label={bi.policeAction} />
      <Modal open={!!action} title={action ? bi.policeAction(action) : ''} onCancel={() => setAction(null)} onOk={() => form.submit()} confirmLoading={run.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'police-action-submit' } as Record<`data-${string}`, string>}>
        <ErrorAlert error={run.error} />
        <Form form={form} layout="vertical" onFinish={(v: { on?: Dayjs; [k: string]: unknown }) => run.mutate({ action: action!, body: { ...v, on: v.on ? v.on.format('YYYY-MM-DD') : undefined } })}>
          {need.on ? (
            <Form.Item name="on" label={l('来文/事项日期', 'Date')}>
              <DatePicker data-testid="police-action-on" />
            </Form.Item>
          ) : null}
          {need.filed ? (
            <Form.Item name="filed" valuePropName="checked" initialValue={false}>
              <Checkbox data-testid="police-action-filed">{l('公安机关已立案', 'The police filed the case')}</Checkbox>
            </Form.Item>
          ) : null}
          {need.procuratorate ? (
            <Form.Item name="procuratorate" label={l('人民检察院', 'Procuratorate')} rules={[{ required: true }]}>
              <Input data-testid="police-action-procuratorate" />
            </Form.Item>
          ) : null}
          {need.note ? (
            <Form.Item name="note" label={l('内容（如不予立案理由）', 'Note')}>
              <Input.TextArea rows={3} data-testid="police-action-note" />
            </Form.Item>
          ) : null}
          {need.reason ? (
            <Form.Item name="reason" label={l('不予批准的理由（记录在案）', 'Reasons (on file)')} rules={[{ required: true }]}>
              <Input.TextArea rows={3} data-testid="police-action-reason" />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </div>
  );
}
