import { DECISION_CATEGORY_LABELS, type DecisionCategory, EXCLUSION_REASON_INFO, WITHDRAWAL_REASON_LABELS, WITHDRAWAL_REASONS, COMPLAINT_STATUS_LABELS, type ComplaintStatus, type ExclusionReason, type WithdrawalReason } from '@zhifa/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Select, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import { useAuth } from '../../../auth/auth.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useLocale } from '../../../i18n/index.tsx';
import { fmtDateTime } from '../../../lib/format.ts';

interface Task {
  id: string;
  caseId: string;
  category: string;
  agencyName: string;
  decisionNo: string | null;
  decidedOn: string;
  dueOn: string;
  state: 'pending' | 'published' | 'excluded';
  publishedOn: string | null;
  isOverdue: boolean;
  wasLate: boolean;
}
interface Pub {
  id: string;
  caseId: string;
  seq: number;
  title: string;
  partyName: string;
  decidedOn: string;
  publishedOn: string;
  withdrawnAt: string | null;
  isSuperseded: boolean;
}
interface Complaint {
  id: string;
  trackingNo: string;
  kind: string;
  subject: string;
  content: string;
  contactName: string | null;
  contactPhone: string | null;
  status: string;
  receivedOn: string;
  acceptDueOn: string;
  isOverdue: boolean;
  version: number;
  allowedActions: string[];
}
type Page<T> = { items: T[]; total: number };

/**
 * 公示管理 — the agency's and the supervisor's view of publication: tasks with their due dates and overdue warnings
 * (118号 §二(六)), publications (the head withdraws with a public reason, 行政处罚法 Art.48, or republishes a
 * correction), exclusions with their reasons, withdrawals, correction requests and complaints.
 */
export default function PublicityPage() {
  const { locale } = useLocale();
  const L = (zh: string, en: string) => (locale === 'en-US' ? en : zh);
  const me = useAuth();
  const isHead = me.user.role === 'agency_head';
  const canHandle = me.permissions.includes('case.handle');
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [overdueOnly, setOverdueOnly] = useState(false);
  const tasks = useQuery({ queryKey: ['publicity', 'tasks', overdueOnly], queryFn: ({ signal }) => api.get<Page<Task>>('/publicity/tasks', { pageSize: 200, overdueOnly: overdueOnly || undefined }, signal) });
  const pubs = useQuery({ queryKey: ['publicity', 'publications'], queryFn: ({ signal }) => api.get<Page<Pub>>('/publicity/publications', { pageSize: 200 }, signal) });
  const exclusions = useQuery({ queryKey: ['publicity', 'exclusions'], queryFn: ({ signal }) => api.get<{ id: string; caseId: string; reasonCode: string; reason: string; isAutomatic: boolean; excludedAt: string }[]>('/publicity/exclusions', undefined, signal) });
  const withdrawals = useQuery({ queryKey: ['publicity', 'withdrawals'], queryFn: ({ signal }) => api.get<{ id: string; title: string; reasonCode: string; publicReason: string; changedOn: string; dueOn: string; withdrawnAt: string; isLate: boolean }[]>('/publicity/withdrawals', undefined, signal) });
  const corrections = useQuery({ queryKey: ['publicity', 'corrections'], queryFn: ({ signal }) => api.get<{ id: string; title: string; text: string; createdAt: string }[]>('/publicity/corrections', undefined, signal) });
  const complaints = useQuery({ queryKey: ['publicity', 'complaints'], queryFn: ({ signal }) => api.get<Page<Complaint>>('/complaints', { pageSize: 200 }, signal) });
  const refresh = () => qc.invalidateQueries({ queryKey: ['publicity'] });

  const scan = useMutation({ mutationFn: () => api.post<{ tasks: number; awaitingReview: number; excluded: number }>('/publicity/scan'), onSuccess: (r) => (message.success(L(`新任务 ${r.tasks}，待审核 ${r.awaitingReview}，不予公开 ${r.excluded}`, `${r.tasks} new tasks, ${r.awaitingReview} awaiting review, ${r.excluded} excluded`)), refresh()) });
  const [withdrawing, setWithdrawing] = useState<Pub | null>(null);
  const [form] = Form.useForm<{ reasonCode: WithdrawalReason; publicReason: string; changedOn: string }>();
  const withdraw = useMutation({
    mutationFn: (v: { reasonCode: WithdrawalReason; publicReason: string; changedOn: string }) => api.post(`/publicity/publications/${withdrawing!.id}/withdrawal`, v),
    onSuccess: () => (setWithdrawing(null), form.resetFields(), refresh()),
  });
  const correct = useMutation({ mutationFn: (id: string) => api.post(`/publicity/publications/${id}/correction`), onSuccess: refresh });
  const [acting, setActing] = useState<{ c: Complaint; action: string } | null>(null);
  const [note, setNote] = useState('');
  const act = useMutation({
    mutationFn: () => api.post(`/complaints/${acting!.c.id}/actions/${acting!.action}`, { version: acting!.c.version, ...(note.trim() ? { note: note.trim() } : {}) }),
    onSuccess: () => (setActing(null), setNote(''), refresh()),
  });
  const stateTag = (t: Task) =>
    t.state === 'published' ? <Tag color={t.wasLate ? 'orange' : 'green'}>{L('已公开', 'Published')}{t.wasLate ? L('（逾期）', ' (late)') : ''}</Tag> : t.state === 'excluded' ? <Tag>{L('不予公开', 'Excluded')}</Tag> : t.isOverdue ? <Tag color="red" data-testid="task-overdue">{L('逾期未公开', 'Overdue')}</Tag> : <Tag color="blue">{L('待公开', 'Pending')}</Tag>;
  const overdue = tasks.data?.items.filter((t) => t.isOverdue).length ?? 0;

  return (
    <div data-testid="publicity-page">
      <PageHeader
        title={L('公示管理', 'Publicity')}
        sub={L('行政处罚、行政许可决定7个工作日内公开，其他决定20个工作日内公开（按规则配置）；被变更、撤销的决定3个工作日内撤下并说明理由。', 'Penalty and licence decisions are published within 7 working days, others within 20 (per rule profile); changed or revoked decisions are withdrawn within 3 working days with a public reason.')}
        extra={
          <Space>
            <Link to="/decisions" target="_blank">
              {L('查看公示平台', 'Open the portal')}
            </Link>
            <Button onClick={() => scan.mutate()} loading={scan.isPending} data-testid="publicity-scan">
              {L('立即检查待公开决定', 'Scan now')}
            </Button>
          </Space>
        }
      />
      {overdue > 0 ? <Typography.Paragraph type="danger" data-testid="publicity-overdue-warning">{L(`${overdue} 项决定逾期未公开`, `${overdue} decisions are overdue for publication`)}</Typography.Paragraph> : null}
      {[tasks.error, pubs.error, complaints.error, withdraw.error, correct.error, act.error].filter(Boolean).map((e, i) => (
        <ErrorAlert key={i} error={e} />
      ))}
      <Tabs
        items={[
          {
            key: 'tasks',
            label: `${L('公示任务', 'Tasks')} (${tasks.data?.total ?? 0})`,
            children: (
              <>
                <Space style={{ marginBottom: 12 }}>
                  <Switch checked={overdueOnly} onChange={setOverdueOnly} aria-label={L('只看逾期', 'Overdue only')} /> {L('只看逾期', 'Overdue only')}
                </Space>
                <Table
                  rowKey="id"
                  size="small"
                  loading={tasks.isLoading}
                  dataSource={tasks.data?.items ?? []}
                  pagination={false}
                  scroll={{ x: true }}
                  columns={[
                    { title: L('类别', 'Kind'), dataIndex: 'category', render: (c: string) => <Tag>{(locale === 'en-US' ? DECISION_CATEGORY_LABELS[c as DecisionCategory]?.en : DECISION_CATEGORY_LABELS[c as DecisionCategory]?.zh) ?? c}</Tag> },
                    { title: L('决定书文号', 'Decision no.'), dataIndex: 'decisionNo', render: (v: string | null, t: Task) => <Link to={t.category === 'licence' ? `/admin/licensing/${t.caseId}` : t.category === 'inspection' ? `/admin/inspections/${t.caseId}` : `/admin/cases/${t.caseId}`}>{v ?? t.caseId.slice(0, 8)}</Link> },
                    { title: L('执法机关', 'Agency'), dataIndex: 'agencyName' },
                    { title: L('决定日期', 'Decided'), dataIndex: 'decidedOn' },
                    { title: L('应公开日期', 'Due'), dataIndex: 'dueOn' },
                    { title: L('状态', 'State'), render: (_: unknown, t: Task) => stateTag(t) },
                    { title: L('公开日期', 'Published'), dataIndex: 'publishedOn' },
                    { title: '', render: (_: unknown, t: Task) => (t.state === 'pending' ? <Link to={`/admin/publicity/review/${t.id}`} data-testid="task-review">{L('审核脱敏稿', 'Review copy')}</Link> : null) },
                  ]}
                />
              </>
            ),
          },
          {
            key: 'publications',
            label: `${L('已公开决定', 'Publications')} (${pubs.data?.total ?? 0})`,
            children: (
              <Table
                rowKey="id"
                size="small"
                loading={pubs.isLoading}
                dataSource={pubs.data?.items ?? []}
                pagination={false}
                scroll={{ x: true }}
                columns={[
                  { title: L('标题', 'Title'), dataIndex: 'title', render: (v: string, p: Pub) => <Link to={`/decisions/${p.id}`} target="_blank">{v}</Link> },
                  { title: L('当事人', 'Party'), dataIndex: 'partyName' },
                  { title: L('公开日期', 'Published'), dataIndex: 'publishedOn' },
                  {
                    title: L('状态', 'State'),
                    render: (_: unknown, p: Pub) => (p.withdrawnAt ? <Tag>{L('已撤下', 'Withdrawn')}</Tag> : p.isSuperseded ? <Tag>{L('已更正', 'Superseded')}</Tag> : <Tag color="green">{L('公示中', 'Public')}</Tag>),
                  },
                  {
                    title: '',
                    render: (_: unknown, p: Pub) =>
                      isHead && !p.withdrawnAt && !p.isSuperseded ? (
                        <Space>
                          <Button size="small" danger onClick={() => setWithdrawing(p)} data-testid="publication-withdraw">
                            {L('撤下', 'Withdraw')}
                          </Button>
                          <Button size="small" onClick={() => correct.mutate(p.id)}>
                            {L('重新生成（更正）', 'Republish (correct)')}
                          </Button>
                        </Space>
                      ) : null,
                  },
                ]}
              />
            ),
          },
          {
            key: 'exclusions',
            label: `${L('不予公开', 'Exclusions')} (${exclusions.data?.length ?? 0})`,
            children: (
              <Table
                rowKey="id"
                size="small"
                dataSource={exclusions.data ?? []}
                pagination={false}
                columns={[
                  { title: L('案件', 'Case'), dataIndex: 'caseId', render: (v: string) => <Link to={`/admin/cases/${v}`}>{v.slice(0, 8)}</Link> },
                  { title: L('理由', 'Reason'), dataIndex: 'reasonCode', render: (v: string) => EXCLUSION_REASON_INFO[v as ExclusionReason]?.[locale === 'en-US' ? 'en' : 'zh'] ?? v },
                  { title: L('说明', 'Note'), dataIndex: 'reason' },
                  { title: L('方式', 'How'), dataIndex: 'isAutomatic', render: (v: boolean) => (v ? L('系统自动', 'Automatic') : L('人工', 'Manual')) },
                  { title: L('时间', 'When'), dataIndex: 'excludedAt', render: (v: string) => fmtDateTime(v) },
                ]}
              />
            ),
          },
          {
            key: 'withdrawals',
            label: `${L('撤下记录', 'Withdrawals')} (${withdrawals.data?.length ?? 0})`,
            children: (
              <Table
                rowKey="id"
                size="small"
                dataSource={withdrawals.data ?? []}
                pagination={false}
                columns={[
                  { title: L('标题', 'Title'), dataIndex: 'title' },
                  { title: L('原因', 'Reason'), dataIndex: 'reasonCode', render: (v: string) => WITHDRAWAL_REASON_LABELS[v as WithdrawalReason]?.[locale === 'en-US' ? 'en' : 'zh'] ?? v },
                  { title: L('公开说明', 'Public reason'), dataIndex: 'publicReason' },
                  { title: L('应撤下日期', 'Due'), dataIndex: 'dueOn', render: (v: string, w: { isLate: boolean }) => <span>{v} {w.isLate ? <Tag color="red">{L('逾期', 'late')}</Tag> : null}</span> },
                  { title: L('撤下时间', 'Withdrawn'), dataIndex: 'withdrawnAt', render: (v: string) => fmtDateTime(v) },
                ]}
              />
            ),
          },
          {
            key: 'corrections',
            label: `${L('更正申请', 'Correction requests')} (${corrections.data?.length ?? 0})`,
            children: (
              <Table
                rowKey="id"
                size="small"
                dataSource={corrections.data ?? []}
                pagination={false}
                columns={[
                  { title: L('决定', 'Decision'), dataIndex: 'title' },
                  { title: L('内容', 'Request'), dataIndex: 'text' },
                  { title: L('时间', 'When'), dataIndex: 'createdAt', render: (v: string) => fmtDateTime(v) },
                ]}
              />
            ),
          },
          {
            key: 'complaints',
            label: `${L('投诉举报', 'Complaints')} (${complaints.data?.total ?? 0})`,
            children: (
              <Table
                rowKey="id"
                size="small"
                dataSource={complaints.data?.items ?? []}
                pagination={false}
                scroll={{ x: true }}
                columns={[
                  { title: L('受理编号', 'Tracking no.'), dataIndex: 'trackingNo' },
                  { title: L('对象', 'About'), dataIndex: 'subject' },
                  { title: L('内容', 'Content'), dataIndex: 'content', ellipsis: true },
                  { title: L('投诉人', 'Complainant'), render: (_: unknown, c: Complaint) => [c.contactName, c.contactPhone].filter(Boolean).join(' ') || '—' },
                  { title: L('受理期限', 'Accept by'), dataIndex: 'acceptDueOn', render: (v: string, c: Complaint) => <span>{v} {c.isOverdue ? <Tag color="red">{L('逾期', 'overdue')}</Tag> : null}</span> },
                  { title: L('状态', 'Status'), dataIndex: 'status', render: (v: string) => COMPLAINT_STATUS_LABELS[v as ComplaintStatus]?.[locale === 'en-US' ? 'en' : 'zh'] ?? v },
                  {
                    title: '',
                    render: (_: unknown, c: Complaint) =>
                      canHandle ? (
                        <Space wrap>
                          {c.allowedActions.map((a) => (
                            <Button key={a} size="small" onClick={() => setActing({ c, action: a })} data-testid={`complaint-${a}`}>
                              {{ accept: L('受理', 'Accept'), reject: L('不予受理', 'Reject'), start: L('开始办理', 'Start'), close: L('办结', 'Close') }[a] ?? a}
                            </Button>
                          ))}
                        </Space>
                      ) : null,
                  },
                ]}
              />
            ),
          },
        ]}
      />
      <Modal open={!!withdrawing} title={L('撤下公示', 'Withdraw the publication')} onCancel={() => setWithdrawing(null)} onOk={() => form.submit()} confirmLoading={withdraw.isPending} okButtonProps={{ danger: true }}>
        <Typography.Paragraph type="secondary">{withdrawing?.title}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(v) => withdraw.mutate(v)} initialValues={{ reasonCode: 'revoked' }}>
          <Form.Item name="reasonCode" label={L('原因', 'Reason')} rules={[{ required: true }]}>
            <Select options={WITHDRAWAL_REASONS.map((r) => ({ value: r, label: WITHDRAWAL_REASON_LABELS[r][locale === 'en-US' ? 'en' : 'zh'] }))} />
          </Form.Item>
          <Form.Item name="publicReason" label={L('公开说明的理由（将在公示平台显示）', 'Public reason (shown on the portal)')} rules={[{ required: true, min: 6 }]}>
            <Input.TextArea rows={3} maxLength={500} data-testid="withdraw-reason" />
          </Form.Item>
          <Form.Item name="changedOn" label={L('决定被变更、撤销的日期', 'Day the decision was changed or revoked')} rules={[{ required: true }]}>
            <Input type="date" data-testid="withdraw-changed-on" />
          </Form.Item>
        </Form>
        {withdraw.error ? <ErrorAlert error={withdraw.error} /> : null}
      </Modal>
      <Modal open={!!acting} title={L('办理投诉举报', 'Handle the complaint')} onCancel={() => setActing(null)} onOk={() => act.mutate()} confirmLoading={act.isPending}>
        <Typography.Paragraph>{acting?.c.subject}</Typography.Paragraph>
        <Input.TextArea rows={3} value={note} onChange={(e) => setNote(e.target.value)} placeholder={L('答复投诉人（不予受理、办结时必填）', 'Reply to the complainant (required to reject or close)')} data-testid="complaint-note" />
        {act.error ? <ErrorAlert error={act.error} /> : null}
      </Modal>
    </div>
  );
}
