import { DECISION_CATEGORY_LABELS, type DecisionCategory } from '@zhifa/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Descriptions, Form, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { Fragment, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../../api/client.ts';
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
  isOverdue: boolean;
}
type Fields = { facts: string; legalBasis: string; result: string; partyName: string; itemName: string };
interface Preview {
  task: { id: string; caseId: string; category: string; decisionNo: string | null; decidedOn: string; dueOn: string };
  state: 'pending' | 'published' | 'excluded';
  original: Fields;
  redacted: Fields & { title: string; partyCode: string | null };
  spans: { field: string; kind: string; start: number; end: number }[];
  marks: { id: string; kind: string; passage: string; reason: string; markedAt: string }[];
  reviews: { id: string; decision: string; note: string | null; reviewedAt: string }[];
  contentHash: string;
  canRelease: boolean;
}

const KIND_COLOR: Record<string, string> = { penalty: 'volcano', licence: 'geekblue', inspection: 'cyan' };

/** The redacted text with its masked spans highlighted (positions are in the redacted text). */
function Highlighted({ text, spans, label }: { text: string; spans: Preview['spans']; label: (kind: string) => string }) {
  const out: ReactNode[] = [];
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (s.start < at) continue;
    out.push(<Fragment key={`t${at}`}>{text.slice(at, s.start)}</Fragment>);
    out.push(
      <mark key={`m${s.start}`} title={label(s.kind)} data-testid="redaction-mark" style={{ background: '#ffe58f', padding: '0 2px' }}>
        {text.slice(s.start, s.end)}
      </mark>,
    );
    at = s.end;
  }
  out.push(<Fragment key="end">{text.slice(at)}</Fragment>);
  return <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{out}</Typography.Paragraph>;
}

/**
 * 公示审核 — the human review of the redacted copy before it reaches the portal (domain-rules §15 PR3 Sys). The list
 * shows the decisions waiting for review (penalty, licence, inspection); one decision opens side by side: the original
 * and the redacted copy with every mask highlighted. The reviewer may mark further passages as trade secret or privacy
 * (with the reason), then releases exactly the copy shown (its hash is sent; a changed copy is refused).
 */
export default function PublicityReviewPage() {
  const { locale } = useLocale();
  const L = (zh: string, en: string) => (locale === 'en-US' ? en : zh);
  const { id } = useParams<{ id?: string }>();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const kindLabel = (c: string) => (locale === 'en-US' ? DECISION_CATEGORY_LABELS[c as DecisionCategory]?.en : DECISION_CATEGORY_LABELS[c as DecisionCategory]?.zh) ?? c;
  const maskLabel = (k: string) =>
    ({ id_number: L('身份证号', 'ID number'), mobile: L('手机号', 'Mobile'), landline: L('电话', 'Phone'), bank_card: L('银行账号', 'Bank account'), person_name: L('自然人姓名', 'Natural person'), address: L('住址', 'Address'), trade_secret: L('商业秘密', 'Trade secret'), privacy: L('个人隐私', 'Privacy') })[k] ?? k;

  const tasks = useQuery({ queryKey: ['publicity', 'review', 'tasks'], queryFn: ({ signal }) => api.get<{ items: Task[]; total: number }>('/publicity/tasks', { state: 'pending', pageSize: 200 }, signal) });
  const preview = useQuery({ queryKey: ['publicity', 'review', 'preview', id], enabled: !!id, queryFn: ({ signal }) => api.get<Preview>(`/publicity/tasks/${id}/preview`, undefined, signal) });
  const refresh = () => qc.invalidateQueries({ queryKey: ['publicity'] });
  const [form] = Form.useForm<{ kind: 'trade_secret' | 'privacy'; passage: string; reason: string }>();
  const mark = useMutation({
    mutationFn: (v: { kind: 'trade_secret' | 'privacy'; passage: string; reason: string }) => api.post(`/publicity/tasks/${id}/marks`, v),
    onSuccess: () => (form.resetFields(), refresh()),
  });
  const approve = useMutation({
    mutationFn: () => api.post<{ publicationId: string; isLate: boolean }>(`/publicity/tasks/${id}/approval`, { contentHash: preview.data!.contentHash }),
    onSuccess: (r) => (message.success(L('已审核通过并公开', 'Released to the portal') + (r.isLate ? L('（已逾期）', ' (late)') : '')), refresh(), navigate('/admin/publicity/review')),
  });
  const p = preview.data;
  const field = (k: keyof Fields, zh: string, en: string) => (p ? [{ k, label: L(zh, en) }] : []);
  const rows = p ? [...field('facts', '事实', 'Facts'), ...field('legalBasis', '依据', 'Legal basis'), ...field('result', '结果', 'Result')] : [];

  return (
    <div data-testid="publicity-review-page">
      <PageHeader
        title={L('公示审核', 'Publication review')}
        sub={L('自动脱敏后，由审核人逐项核对原文与公开稿，可补充标注商业秘密或个人隐私（须说明理由），审核通过后方可在公示平台公开。', 'After automatic redaction a reviewer compares the original with the public copy, may mark further trade secrets or private passages (with a reason), and releases it; only released copies reach the portal.')}
        extra={<Link to="/admin/publicity">{L('公示管理', 'Publicity')}</Link>}
      />
      {[tasks.error, preview.error, mark.error, approve.error].filter(Boolean).map((e, i) => (
        <ErrorAlert key={i} error={e} />
      ))}
      {!id ? (
        <Table
          rowKey="id"
          size="small"
          loading={tasks.isLoading}
          dataSource={tasks.data?.items ?? []}
          pagination={false}
          scroll={{ x: true }}
          data-testid="review-queue"
          columns={[
            { title: L('类别', 'Kind'), dataIndex: 'category', render: (c: string) => <Tag color={KIND_COLOR[c]}>{kindLabel(c)}</Tag> },
            { title: L('决定书文号', 'Decision no.'), dataIndex: 'decisionNo', render: (v: string | null, t: Task) => v ?? t.caseId.slice(0, 8) },
            { title: L('执法机关', 'Agency'), dataIndex: 'agencyName' },
            { title: L('决定日期', 'Decided'), dataIndex: 'decidedOn' },
            { title: L('应公开日期', 'Due'), dataIndex: 'dueOn', render: (v: string, t: Task) => (t.isOverdue ? <Tag color="red">{v}</Tag> : v) },
            { title: '', render: (_: unknown, t: Task) => <Link to={`/admin/publicity/review/${t.id}`} data-testid="review-open">{L('审核', 'Review')}</Link> },
          ]}
        />
      ) : p ? (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Descriptions size="small" bordered column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={L('类别', 'Kind')}>
              <Tag color={KIND_COLOR[p.task.category]}>{kindLabel(p.task.category)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={L('决定日期', 'Decided')}>{p.task.decidedOn}</Descriptions.Item>
            <Descriptions.Item label={L('应公开日期', 'Due')}>{p.task.dueOn}</Descriptions.Item>
            <Descriptions.Item label={L('公开标题', 'Public title')} span={3}>
              {p.redacted.title}
            </Descriptions.Item>
          </Descriptions>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Card size="small" title={L('原文（不公开）', 'Original (not public)')} data-testid="review-original">
                <Descriptions size="small" column={1}>
                  <Descriptions.Item label={L('当事人', 'Party')}>{p.original.partyName}</Descriptions.Item>
                  {rows.map((r) => (
                    <Descriptions.Item key={r.k} label={r.label}>
                      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{p.original[r.k]}</Typography.Paragraph>
                    </Descriptions.Item>
                  ))}
                </Descriptions>
              </Card>
            </Col>
            <Col xs={24} md={12}>
              <Card size="small" title={L('公开稿（已脱敏，黄色为隐去内容）', 'Public copy (masked parts highlighted)')} data-testid="review-redacted">
                <Descriptions size="small" column={1}>
                  <Descriptions.Item label={L('当事人', 'Party')}>
                    {p.redacted.partyName}
                    {p.redacted.partyCode ? ` (${p.redacted.partyCode})` : ''}
                  </Descriptions.Item>
                  {rows.map((r) => (
                    <Descriptions.Item key={r.k} label={r.label}>
                      <Highlighted text={p.redacted[r.k]} spans={p.spans.filter((s) => s.field === r.k)} label={maskLabel} />
                    </Descriptions.Item>
                  ))}
                </Descriptions>
              </Card>
            </Col>
          </Row>
          {p.marks.length ? (
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={p.marks}
              columns={[
                { title: L('标注', 'Mark'), dataIndex: 'kind', render: (k: string) => <Tag>{maskLabel(k)}</Tag> },
                { title: L('隐去内容', 'Passage'), dataIndex: 'passage' },
                { title: L('理由', 'Reason'), dataIndex: 'reason' },
                { title: L('时间', 'At'), dataIndex: 'markedAt', render: (v: string) => fmtDateTime(v) },
              ]}
            />
          ) : null}
          {p.state === 'pending' && p.canRelease ? (
            <Card size="small" title={L('补充标注', 'Mark a further passage')}>
              <Form form={form} layout="inline" onFinish={(v) => mark.mutate(v)} initialValues={{ kind: 'privacy' }}>
                <Form.Item name="kind" label={L('类型', 'Kind')}>
                  <Select style={{ width: 140 }} options={[{ value: 'privacy', label: maskLabel('privacy') }, { value: 'trade_secret', label: maskLabel('trade_secret') }]} />
                </Form.Item>
                <Form.Item name="passage" label={L('原文片段', 'Passage')} rules={[{ required: true, min: 2 }]}>
                  <Input style={{ width: 260 }} placeholder={L('从左侧原文复制', 'Copy from the original')} data-testid="mark-passage" />
                </Form.Item>
                <Form.Item name="reason" label={L('理由', 'Reason')} rules={[{ required: true, min: 4 }]}>
                  <Input style={{ width: 260 }} data-testid="mark-reason" />
                </Form.Item>
                <Button htmlType="submit" loading={mark.isPending} data-testid="mark-submit">
                  {L('标注并重新脱敏', 'Mark and redact again')}
                </Button>
              </Form>
            </Card>
          ) : null}
          <Space>
            <Button onClick={() => navigate('/admin/publicity/review')}>{L('返回列表', 'Back')}</Button>
            {p.state === 'pending' && p.canRelease ? (
              <Button type="primary" onClick={() => approve.mutate()} loading={approve.isPending} data-testid="review-approve">
                {L('审核通过并公开', 'Approve and publish')}
              </Button>
            ) : (
              <Typography.Text type="secondary">{p.state !== 'pending' ? L('该决定已处理。', 'Already handled.') : L('只有公示审核人（机关负责人、法制审核人员）可以审核通过。', 'Only a reviewer (agency head, legal reviewer) can release.')}</Typography.Text>
            )}
          </Space>
        </Space>
      ) : null}
    </div>
  );
}
