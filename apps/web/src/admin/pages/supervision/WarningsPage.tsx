import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Form, Input, Modal, Select, Space, Table, Tag, Timeline } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import { Permission as P, useCan } from '../../../auth/auth.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { SEVERITY_COLOR, STATUS_COLOR, SUPERVISION_KEY, useSupervisionText, type Rule, type SupervisionWarning } from './supervision-api.ts';

/** 监督预警: warnings in scope, filtered by rule, severity, status and agency; supervisors can run the scan now. */
/** Where a warning's subject is shown in the back office (subjects of other modules link to their pages). */
const subjectLink = (type: string, id: string): string | null =>
  ({ case: `/admin/cases/${id}`, case_transfer: `/admin/transfers/agency/${id}`, police_transfer: `/admin/transfers/police/${id}`, complaint: `/admin/complaints/${id}` })[type] ?? null;

export default function WarningsPage() {
  const x = useSupervisionText();
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [filters, setFilters] = useState<{ ruleKey?: string; severity?: string; status?: string }>({ status: 'active' });
  const rules = useQuery({ queryKey: [...SUPERVISION_KEY, 'rules'], queryFn: ({ signal }) => api.get<Rule[]>('/supervision/rules', undefined, signal), staleTime: 600_000 });
  const list = useQuery({
    queryKey: [...SUPERVISION_KEY, 'warnings', filters],
    queryFn: ({ signal }) => api.get<{ total: number; items: SupervisionWarning[] }>('/supervision/warnings', { ...filters, limit: 200 }, signal),
  });
  const scan = useMutation({
    mutationFn: () => api.post<{ raised: number; resolved: number }>('/supervision/scan', {}),
    onSuccess: (r) => {
      void message.success(x.zh ? `扫描完成：新增预警 ${r.raised} 条，自动消除 ${r.resolved} 条` : `Scan done: ${r.raised} raised, ${r.resolved} resolved`);
      void qc.invalidateQueries({ queryKey: SUPERVISION_KEY });
    },
  });
  return (
    <div data-testid="warnings-page">
      <PageHeader
        title={x.zh ? '监督预警' : 'Early warnings'}
        sub={x.zh ? '按规则对执法数据实时扫描；机关签收、整改，监督机构办结' : 'Rules run over live enforcement data; the agency acknowledges and rectifies, the supervisor closes'}
        extra={can(P.SUPERVISION_ISSUE) ? <Button onClick={() => scan.mutate()} loading={scan.isPending} data-testid="warnings-scan">{x.zh ? '立即扫描' : 'Scan now'}</Button> : null}
      />
      <ErrorAlert error={scan.error ?? list.error} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Select allowClear placeholder={x.zh ? '预警规则' : 'Rule'} style={{ width: 280 }} value={filters.ruleKey} onChange={(v) => setFilters((f) => ({ ...f, ruleKey: v }))} options={(rules.data ?? []).map((r) => ({ value: r.key, label: x.zh ? r.zh : r.en }))} data-testid="filter-rule" />
          <Select allowClear placeholder={x.zh ? '等级' : 'Severity'} style={{ width: 120 }} value={filters.severity} onChange={(v) => setFilters((f) => ({ ...f, severity: v }))} options={['info', 'warning', 'serious'].map((s) => ({ value: s, label: x.severity(s) }))} />
          <Select allowClear placeholder={x.zh ? '状态' : 'Status'} style={{ width: 160 }} value={filters.status} onChange={(v) => setFilters((f) => ({ ...f, status: v }))} options={[{ value: 'active', label: x.zh ? '未办结' : 'Not closed' }, ...['open', 'acknowledged', 'rectification_reported', 'closed', 'resolved'].map((s) => ({ value: s, label: x.status(s) }))]} data-testid="filter-status" />
        </Space>
      </Card>
      <Table<SupervisionWarning>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: x.zh ? '等级' : 'Severity', dataIndex: 'severity', width: 80, render: (s: string) => <Tag color={SEVERITY_COLOR[s]}>{x.severity(s)}</Tag> },
          { title: x.zh ? '预警规则' : 'Rule', dataIndex: 'ruleKey', render: (_: string, w) => <Link to={`/admin/supervision/warnings/${w.id}`} data-testid={`warning-link-${w.ruleKey}`}>{x.zh ? w.ruleZh : w.ruleEn}</Link> },
          { title: x.zh ? '对象' : 'Subject', dataIndex: 'subjectLabel' },
          { title: x.zh ? '执法机关' : 'Agency', dataIndex: 'agencyName' },
          { title: x.zh ? '期限' : 'Due', dataIndex: 'dueOn', width: 110, render: (d: string | null) => d ?? '—' },
          { title: x.zh ? '状态' : 'Status', dataIndex: 'status', width: 120, render: (s: string) => <Tag color={STATUS_COLOR[s]}>{x.status(s)}</Tag> },
          { title: x.zh ? '发出时间' : 'Raised', dataIndex: 'raisedAt', width: 150, render: (d: string) => dayjs(d).format('YYYY-MM-DD HH:mm') },
        ]}
      />
    </div>
  );
}

const NEEDS_TEXT: Record<string, 'text' | 'reason' | null> = { report_rectification: 'text', reopen: 'reason' };

/** One warning: what was found, the legal basis, its history, the documents about it and the caller's next steps. */
export function WarningDetailPage() {
  const { id = '' } = useParams();
  const x = useSupervisionText();
  const can = useCan();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [action, setAction] = useState<string | null>(null);
  const [form] = Form.useForm();
  const q = useQuery({ queryKey: [...SUPERVISION_KEY, 'warning', id], queryFn: ({ signal }) => api.get<SupervisionWarning>(`/supervision/warnings/${id}`, undefined, signal) });
  const run = useMutation({
    mutationFn: (v: { action: string; body: Record<string, unknown> }) => api.post<SupervisionWarning>(`/supervision/warnings/${id}/${v.action}`, { ...v.body, version: q.data?.version }),
    onSuccess: () => {
      setAction(null);
      form.resetFields();
      void qc.invalidateQueries({ queryKey: SUPERVISION_KEY });
    },
  });
  const w = q.data;
  if (!w) return <ErrorAlert error={q.error} />;
  const need = action ? NEEDS_TEXT[action] : null;
  return (
    <div data-testid="warning-detail">
      <PageHeader
        title={
          <Space>
            {x.zh ? w.ruleZh : w.ruleEn}
            <Tag color={SEVERITY_COLOR[w.severity]}>{x.severity(w.severity)}</Tag>
            <Tag color={STATUS_COLOR[w.status]} data-testid="warning-status">{x.status(w.status)}</Tag>
          </Space>
        }
        sub={w.citation ?? undefined}
        extra={
          <Space wrap>
            {w.availableActions.map((a) => (
              <Button key={a} type={a === 'close' || a === 'acknowledge' ? 'primary' : 'default'} onClick={() => (NEEDS_TEXT[a] ? setAction(a) : run.mutate({ action: a, body: {} }))} loading={run.isPending && !need} data-testid={`warning-action-${a}`}>
                {x.action(a)}
              </Button>
            ))}
            {can(P.SUPERVISION_ISSUE) && ['open', 'acknowledged', 'rectification_reported'].includes(w.status) ? (
              <Button onClick={() => navigate(`/admin/supervision/documents/new?warningId=${w.id}`)} data-testid="warning-issue-document">{x.zh ? '制发监督文书' : 'Issue a supervision document'}</Button>
            ) : null}
          </Space>
        }
      />
      {!action ? <ErrorAlert error={run.error} /> : null}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={x.zh ? '执法机关' : 'Agency'}>{w.agencyName}</Descriptions.Item>
          <Descriptions.Item label={x.zh ? '对象' : 'Subject'}>
            {subjectLink(w.subjectType, w.subjectId) ? <Link to={subjectLink(w.subjectType, w.subjectId)!}>{w.subjectLabel}</Link> : w.subjectLabel}
          </Descriptions.Item>
          <Descriptions.Item label={x.zh ? '期限' : 'Due'}>{w.dueOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={x.zh ? '发出时间' : 'Raised'}>{dayjs(w.raisedAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
          <Descriptions.Item label={x.zh ? '详情' : 'Details'} span={2}>
            <code style={{ whiteSpace: 'pre-wrap' }}>{JSON.stringify(w.details)}</code>
          </Descriptions.Item>
          {w.rectification ? (
            <Descriptions.Item label={x.zh ? '整改情况' : 'Rectification'} span={2}>
              {w.rectification.text}
              {w.rectification.documentRef ? `（${w.rectification.documentRef}）` : ''} · {w.rectification.reportedOn}
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      {w.documents?.length ? (
        <Card size="small" title={x.zh ? '监督文书' : 'Supervision documents'} style={{ marginBottom: 12 }}>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={w.documents}
            columns={[
              { title: x.zh ? '文号' : 'Number', dataIndex: 'number', render: (n: string, d: { id: string }) => <Link to={`/admin/supervision/documents/${d.id}`}>{n}</Link> },
              { title: x.zh ? '类型' : 'Type', dataIndex: x.zh ? 'typeZh' : 'typeEn' },
              { title: x.zh ? '状态' : 'Status', dataIndex: 'status', render: (s: string) => <Tag color={STATUS_COLOR[s]}>{x.status(s)}</Tag> },
              { title: x.zh ? '答复期限' : 'Answer due', dataIndex: 'responseDueOn' },
            ]}
          />
        </Card>
      ) : null}
      <Card size="small" title={x.zh ? '处理记录' : 'History'}>
        <Timeline
          items={(w.events ?? []).map((e) => ({
            children: (
              <span data-testid={`warning-event-${e.action}`}>
                {dayjs(e.occurredAt).format('YYYY-MM-DD HH:mm')} · {x.action(e.action)} · {x.status(e.toStatus)} · {e.actorRole}
                {typeof e.payload.text === 'string' ? ` · ${e.payload.text}` : ''}
                {typeof e.payload.reason === 'string' ? ` · ${e.payload.reason}` : ''}
              </span>
            ),
          }))}
        />
      </Card>
      <Modal open={!!action} title={action ? x.action(action) : ''} onCancel={() => setAction(null)} onOk={() => form.submit()} confirmLoading={run.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'warning-action-submit' } as Record<`data-${string}`, string>}>
        <ErrorAlert error={run.error} />
        <Form form={form} layout="vertical" onFinish={(v: Record<string, unknown>) => run.mutate({ action: action!, body: v })}>
          {need === 'text' ? (
            <>
              <Form.Item name="text" label={x.zh ? '整改情况' : 'What was done'} rules={[{ required: true }]}>
                <Input.TextArea rows={4} maxLength={4000} data-testid="warning-text" />
              </Form.Item>
              <Form.Item name="documentRef" label={x.zh ? '相关文书文号（可选）' : 'Document reference (optional)'}>
                <Input maxLength={200} />
              </Form.Item>
            </>
          ) : null}
          {need === 'reason' ? (
            <Form.Item name="reason" label={x.zh ? '理由' : 'Reason'} rules={[{ required: true }]}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </div>
  );
}
