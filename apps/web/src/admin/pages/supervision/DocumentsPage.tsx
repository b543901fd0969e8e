import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Form, Input, Modal, Select, Space, Table, Tag, Timeline } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api, downloadFile } from '../../../api/client.ts';
import { Permission as P, useCan } from '../../../auth/auth.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { SubjectSelect } from '../../../components/RemoteSelects.tsx';
import { STATUS_COLOR, SUPERVISION_KEY, useSupervisionText, type DocumentType, type SupervisionDocument, type SupervisionWarning } from './supervision-api.ts';

/** 监督文书: documents issued by the justice bureau (supervisor) or addressed to the caller's agency. */
export default function DocumentsPage() {
  const x = useSupervisionText();
  const can = useCan();
  const [status, setStatus] = useState<string | undefined>();
  const list = useQuery({
    queryKey: [...SUPERVISION_KEY, 'documents', status],
    queryFn: ({ signal }) => api.get<{ total: number; items: SupervisionDocument[] }>('/supervision/documents', { status, limit: 200 }, signal),
  });
  return (
    <div data-testid="supervision-documents-page">
      <PageHeader
        title={x.zh ? '监督文书' : 'Supervision documents'}
        sub={x.zh ? '执法监督通知书、决定书、意见书：答复期限、异议与复核' : 'Notices, decisions and opinions: answer deadlines, objection and review'}
        extra={can(P.SUPERVISION_ISSUE) ? <Link to="/admin/supervision/documents/new"><Button type="primary" data-testid="document-new">{x.zh ? '制发文书' : 'Issue'}</Button></Link> : null}
      />
      <ErrorAlert error={list.error} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Select allowClear placeholder={x.zh ? '状态' : 'Status'} style={{ width: 160 }} value={status} onChange={setStatus} options={['issued', 'answered', 'accepted', 'objected', 'revoked'].map((s) => ({ value: s, label: x.status(s) }))} />
      </Card>
      <Table<SupervisionDocument>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        columns={[
          { title: x.zh ? '文号' : 'Number', dataIndex: 'number', render: (n: string, d) => <Link to={`/admin/supervision/documents/${d.id}`}>{n}</Link> },
          { title: x.zh ? '类型' : 'Type', dataIndex: 'typeZh', render: (_: string, d) => (x.zh ? d.typeZh : d.typeEn) },
          { title: x.zh ? '标题' : 'Title', dataIndex: 'title' },
          { title: x.zh ? '收文机关' : 'Agency', dataIndex: 'agencyName' },
          { title: x.zh ? '答复期限' : 'Answer due', dataIndex: 'responseDueOn', width: 110 },
          { title: x.zh ? '状态' : 'Status', dataIndex: 'status', width: 120, render: (s: string) => <Tag color={STATUS_COLOR[s]}>{x.status(s)}</Tag> },
        ]}
      />
    </div>
  );
}

const DECISION_TYPES: Record<string, { zh: string; grounds: Record<string, string> }> = {
  order_perform: { zh: '责令履行', grounds: { failure_to_act: '不履行或者拖延履行法定职责' } },
  order_correct: { zh: '责令改正', grounds: { missing_reasons: '未说明理由且当事人无异议', wording_error: '文字表述错误', calculation_error: '计算错误', missing_date: '未载明决定日期' } },
  revoke: { zh: '撤销', grounds: { facts_unclear: '主要事实不清、证据不足', wrong_basis: '适用依据错误', procedure_violation: '违反法定程序', ultra_vires: '超越或者滥用职权', obviously_improper: '明显不当' } },
  confirm_illegal: { zh: '确认违法', grounds: { cannot_revoke: '不具有可撤销内容', public_interest: '撤销会给公共利益造成重大损害' } },
  confirm_void: { zh: '确认无效', grounds: { no_basis: '没有法定依据', no_valid_seal: '无有效印章', unenforceable: '内容客观上不可能实施' } },
};

/** Issue form (supervisor): type per locality profile, addressee (or the warning's agency), text, and for a decision the S6 grounds. */
export function DocumentIssuePage() {
  const x = useSupervisionText();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const warningId = params.get('warningId');
  const [form] = Form.useForm();
  const profile = (Form.useWatch('profile', form) as string | undefined) ?? 'samr';
  const typeCode = Form.useWatch('typeCode', form) as string | undefined;
  const decisionType = Form.useWatch('decisionType', form) as string | undefined;
  const types = useQuery({ queryKey: [...SUPERVISION_KEY, 'types'], queryFn: ({ signal }) => api.get<DocumentType[]>('/supervision/document-types', undefined, signal), staleTime: 600_000 });
  const warning = useQuery({ queryKey: [...SUPERVISION_KEY, 'warning', warningId], queryFn: ({ signal }) => api.get<SupervisionWarning>(`/supervision/warnings/${warningId}`, undefined, signal), enabled: !!warningId });
  const issue = useMutation({
    mutationFn: (v: Record<string, unknown>) => api.post<SupervisionDocument>('/supervision/documents', { ...v, ...(warningId ? { warningId } : {}) }),
    onSuccess: (d) => navigate(`/admin/supervision/documents/${d.id}`),
  });
  const profiles = [...new Set((types.data ?? []).map((t) => t.profile))];
  const chosen = types.data?.find((t) => t.profile === profile && t.code === typeCode);
  return (
    <div data-testid="document-issue-page">
      <PageHeader title={x.zh ? '制发监督文书' : 'Issue a supervision document'} sub={warning.data ? `${x.zh ? '关于预警' : 'About warning'}：${warning.data.ruleZh} · ${warning.data.subjectLabel} · ${warning.data.agencyName ?? ''}` : undefined} />
      <ErrorAlert error={issue.error} />
      <Card size="small">
        <Form
          form={form}
          layout="vertical"
          style={{ maxWidth: 720 }}
          initialValues={{ profile: 'samr', typeCode: 'opinion', title: warning.data ? `关于${warning.data.ruleZh}的执法监督意见` : '' }}
          onFinish={(v: Record<string, unknown>) => issue.mutate(v)}
        >
          <Form.Item name="profile" label={x.zh ? '适用规定' : 'Profile'}>
            <Select options={profiles.map((p) => ({ value: p, label: p }))} data-testid="document-profile" />
          </Form.Item>
          <Form.Item name="typeCode" label={x.zh ? '文书类型' : 'Type'} rules={[{ required: true }]} extra={chosen ? `${x.zh ? '答复期限' : 'Answer within'} ${chosen.response.days} ${chosen.response.dayType === 'WORKING' ? (x.zh ? '个工作日' : 'working days') : x.zh ? '日' : 'days'}${chosen.objection ? `；${x.zh ? '异议期' : 'objection'} ${chosen.objection.days}` : ''} · ${chosen.citation}` : undefined}>
            <Select options={(types.data ?? []).filter((t) => t.profile === profile).map((t) => ({ value: t.code, label: x.zh ? t.zh : t.en }))} data-testid="document-type" />
          </Form.Item>
          {!warningId ? (
            <Form.Item name="agencyId" label={x.zh ? '收文机关' : 'Agency'} rules={[{ required: true }]}>
              <SubjectSelect testId="document-agency" />
            </Form.Item>
          ) : null}
          <Form.Item name="title" label={x.zh ? '标题' : 'Title'} rules={[{ required: true }]}>
            <Input maxLength={200} data-testid="document-title" />
          </Form.Item>
          <Form.Item name="body" label={x.zh ? '正文' : 'Text'} rules={[{ required: true }]}>
            <Input.TextArea rows={6} maxLength={20000} data-testid="document-body" />
          </Form.Item>
          {typeCode === 'decision' ? (
            <>
              <Form.Item name="decisionType" label={x.zh ? '决定类型' : 'Decision'} rules={[{ required: true }]}>
                <Select options={Object.entries(DECISION_TYPES).map(([k, v]) => ({ value: k, label: v.zh }))} />
              </Form.Item>
              <Form.Item name="grounds" label={x.zh ? '理由' : 'Grounds'} rules={[{ required: true }]}>
                <Select mode="multiple" options={Object.entries(DECISION_TYPES[decisionType ?? '']?.grounds ?? {}).map(([k, v]) => ({ value: k, label: v }))} />
              </Form.Item>
            </>
          ) : null}
          <Button type="primary" htmlType="submit" loading={issue.isPending} data-testid="document-submit">{x.zh ? '制发' : 'Issue'}</Button>
        </Form>
      </Card>
    </div>
  );
}

const NEEDS: Record<string, 'text' | 'reason' | 'optional' | null> = { answer: 'text', object: 'reason', return: 'reason', revoke: 'reason', uphold: 'optional', accept: 'optional' };

/** A document: text, deadlines, answer, objection and review, sanctions; the caller's next steps and the PDF. */
export function DocumentDetailPage() {
  const { id = '' } = useParams();
  const x = useSupervisionText();
  const qc = useQueryClient();
  const [action, setAction] = useState<string | null>(null);
  const [form] = Form.useForm();
  const q = useQuery({ queryKey: [...SUPERVISION_KEY, 'document', id], queryFn: ({ signal }) => api.get<SupervisionDocument>(`/supervision/documents/${id}`, undefined, signal) });
  const run = useMutation({
    mutationFn: (v: { action: string; body: Record<string, unknown> }) => api.post<SupervisionDocument>(`/supervision/documents/${id}/${v.action}`, { ...v.body, version: q.data?.version }),
    onSuccess: () => {
      setAction(null);
      form.resetFields();
      void qc.invalidateQueries({ queryKey: SUPERVISION_KEY });
    },
  });
  const d = q.data;
  if (!d) return <ErrorAlert error={q.error} />;
  const need = action ? NEEDS[action] : null;
  return (
    <div data-testid="document-detail">
      <PageHeader
        title={
          <Space>
            {d.number}
            <Tag color={STATUS_COLOR[d.status]} data-testid="document-status">{x.status(d.status)}</Tag>
          </Space>
        }
        sub={`${x.zh ? d.typeZh : d.typeEn} · ${d.citation ?? ''}`}
        extra={
          <Space wrap>
            {d.availableActions.map((a) => (
              <Button key={a} type={a === 'accept' || a === 'answer' ? 'primary' : 'default'} onClick={() => setAction(a)} data-testid={`document-action-${a}`}>
                {x.action(a)}
              </Button>
            ))}
            <Button onClick={() => void downloadFile(`/supervision/documents/${d.id}/pdf`, { download: true }, `${d.number}.pdf`)} data-testid="document-pdf">PDF</Button>
          </Space>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={x.zh ? '制发机关' : 'Issuer'}>{d.issuerName}</Descriptions.Item>
          <Descriptions.Item label={x.zh ? '收文机关' : 'Agency'}>{d.agencyName}</Descriptions.Item>
          <Descriptions.Item label={x.zh ? '制发日期' : 'Issued'}>{d.issuedOn}</Descriptions.Item>
          <Descriptions.Item label={x.zh ? '答复期限' : 'Answer due'}>{d.responseDueOn}</Descriptions.Item>
          <Descriptions.Item label={x.zh ? '异议期限' : 'Objection until'}>{d.objectionDueOn ?? (x.zh ? '不适用' : 'n/a')}</Descriptions.Item>
          {d.warningId ? <Descriptions.Item label={x.zh ? '关联预警' : 'Warning'}><Link to={`/admin/supervision/warnings/${d.warningId}`}>{x.zh ? '查看预警' : 'Open'}</Link></Descriptions.Item> : null}
          <Descriptions.Item label={x.zh ? '标题' : 'Title'} span={2}>{d.title}</Descriptions.Item>
          <Descriptions.Item label={x.zh ? '正文' : 'Text'} span={2}><span style={{ whiteSpace: 'pre-wrap' }}>{d.body}</span></Descriptions.Item>
          {d.answer ? <Descriptions.Item label={x.zh ? '答复' : 'Answer'} span={2}>{d.answer.text} · {d.answer.answeredOn}</Descriptions.Item> : null}
          {d.objection ? <Descriptions.Item label={x.zh ? '异议' : 'Objection'} span={2}>{d.objection.reason} · {d.objection.objectedOn}{d.objection.reviewDueOn ? `（${x.zh ? '复核期限' : 'review due'} ${d.objection.reviewDueOn}）` : ''}{d.objection.outcome ? ` → ${x.action(d.objection.outcome === 'upheld' ? 'uphold' : 'revoke')}` : ''}</Descriptions.Item> : null}
        </Descriptions>
      </Card>
      {d.measures?.length ? (
        <Card size="small" title={x.zh ? '处理措施与责任追究' : 'Sanctions and referrals'} style={{ marginBottom: 12 }}>
          <Table rowKey="id" size="small" pagination={false} dataSource={d.measures} columns={[{ title: x.zh ? '类别' : 'Kind', dataIndex: 'kind' }, { title: x.zh ? '措施' : 'Sanction', dataIndex: 'sanction' }, { title: x.zh ? '移送' : 'Referred to', dataIndex: 'referredTo' }, { title: x.zh ? '理由' : 'Reason', dataIndex: 'reason' }]} />
        </Card>
      ) : null}
      <Card size="small" title={x.zh ? '处理记录' : 'History'}>
        <Timeline items={(d.events ?? []).map((e) => ({ children: `${dayjs(e.occurredAt).format('YYYY-MM-DD HH:mm')} · ${x.action(e.action)} · ${x.status(e.toStatus)} · ${e.actorRole}` }))} />
      </Card>
      <Modal open={!!action} title={action ? x.action(action) : ''} onCancel={() => setAction(null)} onOk={() => form.submit()} confirmLoading={run.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'document-action-submit' } as Record<`data-${string}`, string>}>
        <ErrorAlert error={run.error} />
        <Form form={form} layout="vertical" onFinish={(v: Record<string, unknown>) => run.mutate({ action: action!, body: v })}>
          {need === 'text' ? (
            <>
              <Form.Item name="text" label={x.zh ? '答复内容' : 'Answer'} rules={[{ required: true }]}>
                <Input.TextArea rows={4} maxLength={4000} data-testid="document-text" />
              </Form.Item>
              <Form.Item name="documentRef" label={x.zh ? '附件或文书文号（可选）' : 'Attachment / document ref (optional)'}>
                <Input maxLength={200} />
              </Form.Item>
            </>
          ) : null}
          {need === 'reason' || need === 'optional' ? (
            <Form.Item name="reason" label={x.zh ? '理由或意见' : 'Reason / opinion'} rules={need === 'reason' ? [{ required: true }] : []}>
              <Input.TextArea rows={3} maxLength={2000} data-testid="document-reason" />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </div>
  );
}
