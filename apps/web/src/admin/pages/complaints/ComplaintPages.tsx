import { UploadOutlined, DownloadOutlined } from '@ant-design/icons';
import { COMPLAINT_CHANNEL_LABELS, COMPLAINT_KIND_LABELS, COMPLAINT_STATUS_LABELS, type ComplaintChannel, type ComplaintKind, type ComplaintStatus } from '@zhifa/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Descriptions, Form, Input, Modal, Row, Select, Space, Switch, Table, Tabs, Tag, Timeline, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, downloadFile } from '../../../api/client.ts';
import { Permission, useCan } from '../../../auth/auth.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useLocale } from '../../../i18n/index.tsx';
import { fmtDateTime } from '../../../lib/format.ts';

export interface ComplaintItem {
  id: string;
  trackingNo: string;
  kind: ComplaintKind;
  channel: ComplaintChannel;
  externalNo: string | null;
  agencyId: string;
  agencyName: string;
  subject: string;
  content: string;
  location: string | null;
  contactName: string | null;
  contactPhone: string | null;
  status: ComplaintStatus;
  receivedOn: string;
  acceptDueOn: string;
  acceptedOn: string | null;
  answerDueOn: string | null;
  answeredOn: string | null;
  dueOn: string | null;
  isOverdue: boolean;
  handlerId: string | null;
  satisfaction: number | null;
  caseId: string | null;
  publicReply: string | null;
  version: number;
  allowedActions: string[];
}
interface Detail extends ComplaintItem {
  slaRules: Record<'accept' | 'answer', { days: number; dayType: string; citation: string; start: string }>;
  canReveal: boolean;
  revealCount: number;
  handlerName: string | null;
  handlers: { id: string; displayName: string }[];
  timeline: { action: string; toStatus: string; note: string | null; occurredAt: string }[];
  assignments: { fromAgencyName: string | null; toAgencyName: string; reason: string; occurredAt: string }[];
}
interface Page<T> {
  items: T[];
  total: number;
}

const KEY = ['complaints'];
function useL() {
  const { locale } = useLocale();
  return (zh: string, en: string) => (locale === 'en-US' ? en : zh);
}
const ACTION_LABELS: Record<string, [string, string]> = {
  submit: ['登记', 'Filed'],
  accept: ['受理', 'Accept'],
  reject: ['不予受理', 'Reject'],
  start: ['开始办理', 'Start'],
  close: ['答复办结', 'Answer and close'],
  assign: ['指定承办人', 'Assigned'],
  reroute: ['转交其他机关', 'Re-routed'],
  rate: ['满意度评价', 'Rated'],
  open_case: ['登记案件线索', 'Case lead opened'],
};

/** 投诉举报工作台: the queue ordered by the running deadline (overdue first), filters, and the 12345/信访 import. */
export function ComplaintsPage() {
  const L = useL();
  const can = useCan();
  const [filters, setFilters] = useState<{ status?: string; channel?: string; kind?: string; overdue?: boolean }>({});
  const list = useQuery({ queryKey: [...KEY, filters], queryFn: ({ signal }) => api.get<Page<ComplaintItem>>('/complaints', { pageSize: 200, ...filters }, signal) });
  const canAssign = can(Permission.COMPLAINT_ASSIGN);
  return (
    <div data-testid="complaints-page">
      <PageHeader title={L('投诉举报', 'Complaints and reports')} sub={L('按办理期限排序：逾期在前。受理、答复期限按投诉类别依法计算（工作日扣除节假日和调休）。', 'Nearest deadline first; deadlines per kind, counted with the holiday calendar.')} />
      <Tabs
        items={[
          {
            key: 'queue',
            label: L('办理队列', 'Queue'),
            children: (
              <>
                <Space wrap style={{ marginBottom: 12 }}>
                  <Select allowClear placeholder={L('状态', 'Status')} style={{ width: 140 }} onChange={(v) => setFilters((f) => ({ ...f, status: v }))} options={Object.entries(COMPLAINT_STATUS_LABELS).map(([k, v]) => ({ value: k, label: L(v.zh, v.en) }))} />
                  <Select allowClear placeholder={L('来源渠道', 'Channel')} style={{ width: 140 }} onChange={(v) => setFilters((f) => ({ ...f, channel: v }))} options={Object.entries(COMPLAINT_CHANNEL_LABELS).map(([k, v]) => ({ value: k, label: L(v.zh, v.en) }))} />
                  <Select allowClear placeholder={L('类别', 'Kind')} style={{ width: 160 }} onChange={(v) => setFilters((f) => ({ ...f, kind: v }))} options={Object.entries(COMPLAINT_KIND_LABELS).map(([k, v]) => ({ value: k, label: L(v.zh, v.en) }))} />
                  <span>
                    {L('仅逾期', 'Overdue only')} <Switch size="small" onChange={(v) => setFilters((f) => ({ ...f, overdue: v || undefined }))} />
                  </span>
                </Space>
                <ErrorAlert error={list.error} />
                <Table<ComplaintItem>
                  rowKey="id"
                  size="small"
                  loading={list.isLoading}
                  dataSource={list.data?.items ?? []}
                  pagination={{ pageSize: 50 }}
                  scroll={{ x: 1000 }}
                  columns={[
                    { title: L('受理编号', 'Tracking no.'), dataIndex: 'trackingNo', render: (v: string, c) => <Link to={`/admin/complaints/${c.id}`} data-testid={`complaint-row-${c.externalNo ?? c.trackingNo}`}>{v}</Link> },
                    { title: L('渠道', 'Channel'), dataIndex: 'channel', render: (v: ComplaintChannel, c) => <span>{L(COMPLAINT_CHANNEL_LABELS[v]?.zh ?? v, COMPLAINT_CHANNEL_LABELS[v]?.en ?? v)}{c.externalNo ? <Typography.Text type="secondary"> {c.externalNo}</Typography.Text> : null}</span> },
                    { title: L('类别', 'Kind'), dataIndex: 'kind', render: (v: ComplaintKind) => L(COMPLAINT_KIND_LABELS[v]?.zh ?? v, COMPLAINT_KIND_LABELS[v]?.en ?? v) },
                    { title: L('诉求', 'Subject'), dataIndex: 'subject', ellipsis: true },
                    { title: L('承办机关', 'Agency'), dataIndex: 'agencyName' },
                    { title: L('状态', 'Status'), dataIndex: 'status', render: (v: ComplaintStatus) => <Tag>{L(COMPLAINT_STATUS_LABELS[v]?.zh ?? v, COMPLAINT_STATUS_LABELS[v]?.en ?? v)}</Tag> },
                    { title: L('期限', 'Due'), dataIndex: 'dueOn', render: (v: string | null, c) => (v ? <Tag color={c.isOverdue ? 'red' : 'blue'}>{v}{c.isOverdue ? L(' 已逾期', ' overdue') : ''}</Tag> : '—') },
                    { title: L('满意度', 'Satisfaction'), dataIndex: 'satisfaction', render: (v: number | null) => (v ? `${v}/5` : '—') },
                  ]}
                />
              </>
            ),
          },
          ...(canAssign ? [{ key: 'import', label: L('导入热线/信访件', 'Import hotline / petition records'), children: <ImportPanel /> }] : []),
          ...(canAssign ? [{ key: 'sources', label: L('热线系统接入', 'Hotline webhook'), children: <SourcesPanel /> }] : []),
        ]}
      />
    </div>
  );
}

interface ImportResult {
  imported: number;
  duplicates: number;
  created: { row: number; trackingNo: string; code: string; externalNo: string }[];
}

function ImportPanel() {
  const L = useL();
  const qc = useQueryClient();
  const run = useMutation({
    mutationFn: (file: File) => api.upload<ImportResult>('/complaints/import', file, file.name),
    onSuccess: () => void qc.invalidateQueries({ queryKey: KEY }),
  });
  const issues = (run.error as { details?: { errors?: { row: number; column: string; messageZh: string }[] } } | null)?.details?.errors ?? [];
  return (
    <Card data-testid="complaint-import">
      <Typography.Paragraph>
        {L(
          '导入12345热线工单或信访件：整个文件先全部校验，任何一行有错都不会导入，并列出出错的行和列；工单编号在同一渠道内唯一，已导入的工单自动跳过。',
          'The whole file is checked first; any error imports nothing and lists each row and column. Record numbers already imported are skipped.',
        )}
      </Typography.Paragraph>
      <Space>
        <Button icon={<DownloadOutlined />} onClick={() => void downloadFile('/complaints/import/template', undefined, 'zhifa-complaints-template.xlsx')}>
          {L('下载模板', 'Template')}
        </Button>
        <Upload
          accept=".xlsx"
          showUploadList={false}
          beforeUpload={(f) => {
            run.mutate(f);
            return false;
          }}
        >
          <Button type="primary" icon={<UploadOutlined />} loading={run.isPending} data-testid="complaint-import-upload">
            {L('上传Excel', 'Upload .xlsx')}
          </Button>
        </Upload>
      </Space>
      <div style={{ marginTop: 12 }}>
        <ErrorAlert error={run.error} />
        {issues.length ? <Table size="small" rowKey={(r) => `${r.row}-${r.column}-${r.messageZh}`} dataSource={issues} pagination={false} columns={[{ title: L('行', 'Row'), dataIndex: 'row' }, { title: L('列', 'Column'), dataIndex: 'column' }, { title: L('问题', 'Problem'), dataIndex: 'messageZh' }]} /> : null}
        {run.data ? (
          <div data-testid="complaint-import-result">
            <Typography.Paragraph strong>
              {L(`已导入 ${run.data.imported} 件，跳过重复 ${run.data.duplicates} 件。请将受理编号和查询码反馈热线，由热线告知群众。`, `Imported ${run.data.imported}, skipped ${run.data.duplicates} duplicates. Give the numbers and codes back to the hotline for the citizens.`)}
            </Typography.Paragraph>
            <Table size="small" rowKey="trackingNo" dataSource={run.data.created} pagination={false} columns={[{ title: L('工单编号', 'Record no.'), dataIndex: 'externalNo' }, { title: L('受理编号', 'Tracking no.'), dataIndex: 'trackingNo', render: (v: string) => <span data-testid="imported-tracking">{v}</span> }, { title: L('查询码', 'Code'), dataIndex: 'code', render: (v: string) => <span data-testid="imported-code">{v}</span> }]} />
          </div>
        ) : null}
      </div>
    </Card>
  );
}

function SourcesPanel() {
  const L = useL();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: [...KEY, 'sources'], queryFn: ({ signal }) => api.get<{ id: string; name: string; channel: string; status: string; createdAt: string }[]>('/complaints/intake-sources', undefined, signal) });
  const [token, setToken] = useState<{ id: string; token: string } | null>(null);
  const add = useMutation({
    mutationFn: (v: { name: string; channel: string }) => api.post<{ id: string; token: string }>('/complaints/intake-sources', v),
    onSuccess: (r) => {
      setToken(r);
      void qc.invalidateQueries({ queryKey: [...KEY, 'sources'] });
    },
  });
  return (
    <Card>
      <Typography.Paragraph type="secondary">
        {L('热线系统以 POST /api/v1/complaints/webhook 推送工单，请求头 X-Source-Id 和 Authorization: Bearer <令牌>；令牌只显示一次。', 'The hotline posts to /api/v1/complaints/webhook with X-Source-Id and a bearer token (shown once).')}
      </Typography.Paragraph>
      <Form layout="inline" onFinish={(v: { name: string; channel: string }) => add.mutate(v)} initialValues={{ channel: 'hotline_12345' }}>
        <Form.Item name="name" rules={[{ required: true, min: 2 }]}>
          <Input placeholder={L('系统名称', 'System name')} />
        </Form.Item>
        <Form.Item name="channel">
          <Select style={{ width: 140 }} options={[{ value: 'hotline_12345', label: L('12345热线', '12345 hotline') }, { value: 'petition', label: L('信访', 'Petition') }]} />
        </Form.Item>
        <Button htmlType="submit" loading={add.isPending}>
          {L('登记', 'Register')}
        </Button>
      </Form>
      <ErrorAlert error={add.error} />
      {token ? <Typography.Paragraph copyable={{ text: token.token }} style={{ marginTop: 12 }}>{L('令牌（仅此一次）：', 'Token (shown once): ')}<code>{token.token}</code></Typography.Paragraph> : null}
      <Table size="small" rowKey="id" style={{ marginTop: 12 }} dataSource={list.data ?? []} pagination={false} columns={[{ title: 'ID', dataIndex: 'id' }, { title: L('名称', 'Name'), dataIndex: 'name' }, { title: L('渠道', 'Channel'), dataIndex: 'channel' }, { title: L('状态', 'Status'), dataIndex: 'status' }]} />
    </Card>
  );
}

/** One complaint: facts, deadlines with their basis, routing history, timeline; the handling agency's actions. */
export function ComplaintDetailPage() {
  const { id } = useParams();
  const L = useL();
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const d = useQuery({ queryKey: [...KEY, id], queryFn: ({ signal }) => api.get<Detail>(`/complaints/${id}`, undefined, signal) });
  const [acting, setActing] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [assignOpen, setAssignOpen] = useState(false);
  const [revealed, setRevealed] = useState<{ contactName: string | null; contactPhone: string | null } | null>(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: KEY });
  const act = useMutation({
    mutationFn: () => api.post(`/complaints/${id}/actions/${acting}`, { version: d.data!.version, ...(note.trim() ? { note: note.trim() } : {}) }),
    onSuccess: () => {
      setActing(null);
      setNote('');
      refresh();
      void message.success(L('已保存', 'Saved'));
    },
  });
  const agencies = useQuery({ queryKey: ['subjects', 'all-for-routing'], enabled: assignOpen, queryFn: ({ signal }) => api.get<{ items: { id: string; name: string }[] }>('/subjects', { pageSize: 500 }, signal) });
  const assign = useMutation({
    mutationFn: (v: { toAgencyId?: string; handlerId?: string; reason: string }) => api.post(`/complaints/${id}/assign`, { ...v, version: d.data!.version }),
    onSuccess: () => {
      setAssignOpen(false);
      refresh();
    },
  });
  const reveal = useMutation({ mutationFn: () => api.post<{ contactName: string | null; contactPhone: string | null }>(`/complaints/${id}/reveal`, { reason: '答复举报人' }), onSuccess: (r) => setRevealed(r) });
  const c = d.data;
  if (!c) return <ErrorAlert error={d.error} />;
  const handle = can(Permission.COMPLAINT_HANDLE);
  return (
    <div data-testid="complaint-detail">
      <PageHeader
        title={`${c.trackingNo} ${c.subject}`}
        sub={`${L(COMPLAINT_KIND_LABELS[c.kind].zh, COMPLAINT_KIND_LABELS[c.kind].en)} · ${L(COMPLAINT_CHANNEL_LABELS[c.channel].zh, COMPLAINT_CHANNEL_LABELS[c.channel].en)}${c.externalNo ? ` ${c.externalNo}` : ''}`}
        extra={
          <>
            {can(Permission.COMPLAINT_ASSIGN) && c.status !== 'closed' && c.status !== 'rejected' ? (
              <Button onClick={() => setAssignOpen(true)} data-testid="complaint-assign">
                {L('指定承办人 / 转交', 'Assign / re-route')}
              </Button>
            ) : null}
            {handle
              ? c.allowedActions.map((a) => (
                  <Button key={a} type={a === 'close' || a === 'accept' ? 'primary' : 'default'} danger={a === 'reject'} onClick={() => setActing(a)} data-testid={`complaint-action-${a}`}>
                    {L(ACTION_LABELS[a]?.[0] ?? a, ACTION_LABELS[a]?.[1] ?? a)}
                  </Button>
                ))
              : null}
          </>
        }
      />
      <ErrorAlert error={act.error ?? assign.error ?? reveal.error} />
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card size="small" title={L('诉求', 'Complaint')}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={L('承办机关', 'Agency')}>{c.agencyName}</Descriptions.Item>
              <Descriptions.Item label={L('承办人', 'Handler')}>{c.handlerName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={L('状态', 'Status')}>
                <Tag data-testid="complaint-status">{L(COMPLAINT_STATUS_LABELS[c.status].zh, COMPLAINT_STATUS_LABELS[c.status].en)}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label={L('内容', 'Content')}>{c.content}</Descriptions.Item>
              <Descriptions.Item label={L('地点', 'Place')}>{c.location ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={L('投诉举报人', 'Complainant')}>
                <Space>
                  <span data-testid="complaint-contact">{revealed ? `${revealed.contactName ?? ''} ${revealed.contactPhone ?? ''}` : `${c.contactName ?? L('匿名', 'anonymous')} ${c.contactPhone ?? ''}`}</span>
                  {c.canReveal && !revealed ? (
                    <Button size="small" onClick={() => reveal.mutate()} data-testid="complaint-reveal">
                      {L('查看完整信息（留痕）', 'Reveal (logged)')}
                    </Button>
                  ) : null}
                  <Typography.Text type="secondary">{L(`已查看 ${c.revealCount} 次`, `revealed ${c.revealCount}×`)}</Typography.Text>
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={L('答复', 'Reply')}>{c.publicReply ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={L('满意度', 'Satisfaction')}>
                <span data-testid="complaint-satisfaction">{c.satisfaction ? `${c.satisfaction}/5` : '—'}</span>
              </Descriptions.Item>
              {c.caseId ? (
                <Descriptions.Item label={L('案件', 'Case')}>
                  <Link to={`/admin/cases/${c.caseId}`}>{L('查看案件线索', 'Open the case')}</Link>
                </Descriptions.Item>
              ) : null}
            </Descriptions>
          </Card>
          <Card size="small" title={L('办理记录', 'Timeline')} style={{ marginTop: 16 }}>
            <Timeline items={c.timeline.map((h) => ({ children: `${fmtDateTime(h.occurredAt)} ${L(ACTION_LABELS[h.action]?.[0] ?? h.action, ACTION_LABELS[h.action]?.[1] ?? h.action)}${h.note ? `：${h.note}` : ''}` }))} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={L('办理期限', 'Deadlines')}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={L('收到日期', 'Received')}>{c.receivedOn}</Descriptions.Item>
              <Descriptions.Item label={L('受理期限', 'Accept by')}>
                {c.acceptDueOn}（{c.slaRules.accept.days}
                {c.slaRules.accept.dayType === 'WORKING' ? L('个工作日', ' working days') : L('日', ' days')}，{c.slaRules.accept.citation}）
              </Descriptions.Item>
              <Descriptions.Item label={L('答复期限', 'Answer by')}>
                <span data-testid="complaint-answer-due">{c.answerDueOn ?? '—'}</span>（{c.slaRules.answer.citation}）
              </Descriptions.Item>
              <Descriptions.Item label={L('办结日期', 'Answered')}>{c.answeredOn ?? '—'}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title={L('分送与转交记录', 'Routing history')} style={{ marginTop: 16 }} data-testid="complaint-routing">
            <Timeline items={c.assignments.map((a) => ({ children: `${fmtDateTime(a.occurredAt)} ${a.fromAgencyName ? `${a.fromAgencyName} → ` : ''}${a.toAgencyName}：${a.reason}` }))} />
          </Card>
        </Col>
      </Row>
      <Modal open={!!acting} title={acting ? L(ACTION_LABELS[acting]?.[0] ?? acting, ACTION_LABELS[acting]?.[1] ?? acting) : ''} onCancel={() => setActing(null)} onOk={() => act.mutate()} confirmLoading={act.isPending} okButtonProps={{ 'data-testid': 'complaint-action-submit' } as Record<`data-${string}`, string>}>
        <Typography.Paragraph type="secondary">{L('此处填写的内容将作为答复告知投诉举报人（不予受理和办结必须说明理由或结果）。', 'This text is the reply the complainant sees (required for a rejection or an answer).')}</Typography.Paragraph>
        <Input.TextArea rows={4} value={note} onChange={(e) => setNote(e.target.value)} data-testid="complaint-action-note" />
      </Modal>
      <Modal open={assignOpen} title={L('指定承办人 / 转交其他机关', 'Assign a handler / re-route')} onCancel={() => setAssignOpen(false)} footer={null} destroyOnHidden>
        <Form layout="vertical" onFinish={(v: { toAgencyId?: string; handlerId?: string; reason: string }) => assign.mutate(Object.fromEntries(Object.entries(v).filter(([, x]) => x)) as { reason: string })}>
          {c.handlers.length ? (
            <Form.Item name="handlerId" label={L('承办人（本机关）', 'Handler (this agency)')}>
              <Select allowClear options={c.handlers.map((h) => ({ value: h.id, label: h.displayName }))} data-testid="complaint-handler" />
            </Form.Item>
          ) : null}
          <Form.Item name="toAgencyId" label={L('转交机关（不属本机关管辖时）', 'Re-route to (if not ours)')}>
            <Select allowClear showSearch optionFilterProp="label" loading={agencies.isLoading} options={(agencies.data?.items ?? []).filter((a) => a.id !== c.agencyId).map((a) => ({ value: a.id, label: a.name }))} />
          </Form.Item>
          <Form.Item name="reason" label={L('理由', 'Reason')} rules={[{ required: true, min: 2 }]}>
            <Input.TextArea rows={2} data-testid="complaint-assign-reason" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={assign.isPending} data-testid="complaint-assign-submit">
            {L('确定', 'OK')}
          </Button>
        </Form>
      </Modal>
    </div>
  );
}
