import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { EVALUATION_STATUS_LABELS, GRADE_LABELS, type EvaluationStatus, type Grade } from '@zhifa/domain';
import { App, Button, Card, Descriptions, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, downloadFile } from '../../../api/client.ts';
import { BarChart } from '../../../components/BarChart.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ReasonModal } from '../../../components/ReasonModal.tsx';
import { CAMPAIGN_STATUS_COLORS, GRADE_COLORS, useZhEn, type Campaign, type EvalFile, type Report } from './evaluation.ts';

const ACTION_LABELS: Record<string, [string, string]> = {
  sample: ['随机抽取案卷', 'Draw the sample'],
  start_scoring: ['开始评分', 'Open scoring'],
  draft_report: ['形成评查报告', 'Draft the report'],
  issue_report: ['送达评查报告', 'Issue the report'],
  close: ['结束评查', 'Close'],
  withdraw: ['撤回', 'Withdraw'],
};

interface Objection {
  id: string;
  fileId: string;
  agencyId: string;
  reason: string;
  filedOn: string;
  recheckDueOn: string;
  status: string;
  answer: string | null;
}
interface Rectification {
  id: string;
  agencyId: string;
  fileId: string | null;
  content: string;
  issuedOn: string;
  dueOn: string;
  status: string;
  report: string | null;
}

const gradeTag = (g: string | null) => (g ? <Tag color={GRADE_COLORS[g]}>{GRADE_LABELS[g as Grade]?.zh ?? g}</Tag> : '—');

/** One campaign: workflow, sample, scores, report with ranking, objections and rectification. */
export default function EvaluationCampaignPage() {
  const { id } = useParams<{ id: string }>();
  const L = useZhEn();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const c = useQuery({ queryKey: ['evaluation', 'campaign', id], queryFn: ({ signal }) => api.get<Campaign>(`/evaluation/campaigns/${id}`, undefined, signal) });
  const view = c.data?.view;
  const files = useQuery({ queryKey: ['evaluation', 'campaign', id, 'files'], queryFn: ({ signal }) => api.get<EvalFile[]>(`/evaluation/campaigns/${id}/files`, undefined, signal), enabled: !!c.data });
  const showReport = !!c.data && view !== 'reviewer' && ['report', 'objection', 'closed'].includes(c.data.status);
  const report = useQuery({ queryKey: ['evaluation', 'campaign', id, 'report'], queryFn: ({ signal }) => api.get<Report>(`/evaluation/campaigns/${id}/report`, undefined, signal), enabled: showReport });
  const objections = useQuery({ queryKey: ['evaluation', 'campaign', id, 'objections'], queryFn: ({ signal }) => api.get<Objection[]>(`/evaluation/campaigns/${id}/objections`, undefined, signal), enabled: showReport });
  const rects = useQuery({ queryKey: ['evaluation', 'campaign', id, 'rects'], queryFn: ({ signal }) => api.get<Rectification[]>(`/evaluation/campaigns/${id}/rectifications`, undefined, signal), enabled: showReport });
  const refresh = () => qc.invalidateQueries({ queryKey: ['evaluation'] });
  const act = useMutation({
    mutationFn: (action: string) => (action === 'sample' ? api.post(`/evaluation/campaigns/${id}/sample`, { version: c.data!.version }) : api.post(`/evaluation/campaigns/${id}/actions/${action}`, { version: c.data!.version })),
    onSuccess: () => {
      message.success(L('已完成', 'Done'));
      void refresh();
    },
  });
  const [withdrawing, setWithdrawing] = useState(false);
  const [objFile, setObjFile] = useState<string>();
  const [objReason, setObjReason] = useState('');
  const object = useMutation({
    mutationFn: () => api.post(`/evaluation/campaigns/${id}/objections`, { fileId: objFile, reason: objReason }),
    onSuccess: () => {
      setObjReason('');
      message.success(L('异议已提交', 'Objection filed'));
      void refresh();
    },
  });
  const answer = useMutation({
    mutationFn: (o: { id: string; answer: string }) => api.post(`/evaluation/objections/${o.id}/answer`, { outcome: 'rejected', answer: o.answer }),
    onSuccess: () => void refresh(),
  });
  const [rectText, setRectText] = useState('');
  const [rectAgency, setRectAgency] = useState<string>();
  const rectify = useMutation({
    mutationFn: () => api.post(`/evaluation/campaigns/${id}/rectifications`, { agencyId: rectAgency, content: rectText }),
    onSuccess: () => {
      setRectText('');
      void refresh();
    },
  });
  const [rectReport, setRectReport] = useState('');
  const reportRect = useMutation({ mutationFn: (rid: string) => api.post(`/evaluation/rectifications/${rid}/report`, { report: rectReport }), onSuccess: () => void refresh() });

  if (!c.data) return <ErrorAlert error={c.error} />;
  const camp = c.data;
  const isManager = view === 'manager';
  return (
    <div data-testid="evaluation-campaign-page">
      <PageHeader
        title={camp.name}
        sub={<Tag color={CAMPAIGN_STATUS_COLORS[camp.status]} data-testid="campaign-status">{EVALUATION_STATUS_LABELS[camp.status as EvaluationStatus] ?? camp.status}</Tag>}
        extra={
          isManager ? (
            <Space wrap>
              {camp.availableActions.map((a) => (
                <Button key={a} type={a === 'withdraw' ? 'default' : 'primary'} danger={a === 'withdraw'} loading={act.isPending && act.variables === a} onClick={() => (a === 'withdraw' ? setWithdrawing(true) : act.mutate(a))} data-testid={`campaign-action-${a}`}>
                  {L(...(ACTION_LABELS[a] ?? [a, a]))}
                </Button>
              ))}
            </Space>
          ) : null
        }
      />
      <ReasonModal
        open={withdrawing}
        danger
        title={L('撤回评查方案（记录理由）', 'Withdraw the campaign (reason recorded)')}
        onCancel={() => setWithdrawing(false)}
        onSubmit={async (v) => {
          await api.post(`/evaluation/campaigns/${id}/actions/withdraw`, { version: camp.version, reason: v.reason });
          setWithdrawing(false);
          await refresh();
        }}
      />
      <ErrorAlert error={act.error ?? files.error ?? report.error} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={L('年度', 'Year')}>{camp.year}</Descriptions.Item>
          <Descriptions.Item label={L('结案期间', 'Closed between')}>{`${camp.settings.closedFrom} — ${camp.settings.closedTo}`}</Descriptions.Item>
          <Descriptions.Item label={L('每单位抽取', 'Per agency')}>{camp.settings.quota.count ?? `${(camp.settings.quota.rateBp ?? 0) / 100}%`}</Descriptions.Item>
          <Descriptions.Item label={L('评分细则', 'Rubric')}>{camp.settings.rubricVersion}</Descriptions.Item>
          <Descriptions.Item label={L('报告送达日', 'Report issued')}>{camp.reportIssuedOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={L('异议期限', 'Objection until')}>{camp.objectionDueOn ?? '—'}</Descriptions.Item>
          {isManager && camp.seedHex ? (
            <Descriptions.Item label={L('抽取种子（可复核）', 'Sample seed')} span={3}>
              <Typography.Text code copyable data-testid="campaign-seed">
                {camp.seedHex}
              </Typography.Text>
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>

      <Card size="small" title={L('抽取的案卷', 'Sampled files')} style={{ marginBottom: 16 }}>
        <Table<EvalFile>
          rowKey="id"
          size="small"
          loading={files.isPending}
          dataSource={files.data ?? []}
          pagination={false}
          data-testid="files-table"
          columns={[
            { title: '#', dataIndex: 'position', width: 50 },
            { title: L('案号', 'Case no.'), dataIndex: 'caseNo', render: (v: string | null) => v ?? '—' },
            { title: L('案件', 'Case'), dataIndex: 'title' },
            { title: L('单位', 'Agency'), dataIndex: 'agencyName' },
            ...(isManager ? [{ title: L('评查人员', 'Reviewers'), render: (_: unknown, r: EvalFile) => r.reviewers.map((x) => (
                      <Tag key={x.assignmentId} color={x.status === 'submitted' ? 'green' : 'default'}>
                        {/* An external expert's paper sheet is entered by the managing supervisor (CR2). */}
                        {!x.reviewerUserId && x.status !== 'submitted' && camp.status === 'scoring' ? <Link to={`/admin/evaluation/score/${x.assignmentId}`}>{x.name}</Link> : x.name}
                      </Tag>
                    )) }] : []),
            { title: L('得分', 'Score'), dataIndex: 'score', width: 80, render: (v: number | null) => (v === null ? '—' : v.toFixed(1)) },
            { title: L('等次', 'Grade'), dataIndex: 'grade', width: 90, render: (v: string | null, r: EvalFile) => <span data-testid={`file-grade-${r.position}`}>{gradeTag(v)}</span> },
            ...(isManager ? [{ title: L('提示', 'Flags'), render: (_: unknown, r: EvalFile) => <>{r.isSpreadFlagged ? <Tag color="orange">{L('评分分歧大', 'Reviewers disagree')}</Tag> : null}{r.isVetoDisputed ? <Tag color="red">{L('否决有争议', 'Veto disputed')}</Tag> : null}</> }] : []),
          ]}
        />
      </Card>

      {showReport && report.data ? (
        <Card
          size="small"
          title={L('评查报告：各单位得分与排名', 'Report: scores and ranking')}
          style={{ marginBottom: 16 }}
          data-testid="campaign-report"
          extra={
            <Space>
              <Button onClick={() => void downloadFile(`/evaluation/campaigns/${id}/report.pdf`, view === 'agency' && report.data?.agencies[0] ? { agencyId: report.data.agencies[0].agencyId } : undefined, 'report.pdf')} data-testid="report-pdf">
                {L('下载评查报告（PDF）', 'Report (PDF)')}
              </Button>
              <Button onClick={() => void downloadFile(`/evaluation/campaigns/${id}/scores.xlsx`, undefined, 'scores.xlsx')}>{L('导出得分（Excel）', 'Scores (Excel)')}</Button>
            </Space>
          }
        >
          {report.data.agencies.length > 1 ? <BarChart seriesName={L('平均分', 'Average')} data={report.data.agencies.map((a) => ({ name: a.agencyName, value: a.averageScore ?? 0 }))} height={260} /> : null}
          <Table
            rowKey="agencyId"
            size="small"
            pagination={false}
            dataSource={report.data.agencies}
            data-testid="ranking-table"
            columns={[
              { title: L('名次', 'Rank'), dataIndex: 'rank', width: 60, render: (v: number) => `${v} / ${report.data!.agencyCount}` },
              { title: L('单位', 'Agency'), dataIndex: 'agencyName' },
              { title: L('案卷数', 'Files'), dataIndex: 'files', width: 70 },
              { title: L('平均分', 'Average'), dataIndex: 'averageScore', width: 80, render: (v: number | null) => <span data-testid="agency-average">{v === null ? '—' : v.toFixed(1)}</span> },
              { title: L('不合格', 'Failed'), dataIndex: 'failCount', width: 70 },
              { title: L('主要问题', 'Main problems'), render: (_: unknown, r) => r.mainProblems.map((p: { problem: string; count: number }) => `${p.problem}（${p.count}）`).join('；') || '—' },
            ]}
          />
          {isManager && report.data.flaggedOfficers.length ? (
            <Typography.Paragraph type="danger" style={{ marginTop: 12 }}>
              {L('多件案卷不合格的执法人员（建议批评教育或调离执法岗位，CR7）：', 'Officers with several failed files (CR7): ')}
              {report.data.flaggedOfficers.map((o) => `${o.name}（${o.failed}件）`).join('、')}
            </Typography.Paragraph>
          ) : null}
        </Card>
      ) : null}

      {showReport ? (
        <Card size="small" title={L('异议与复查（收到报告之日起10个工作日内）', 'Objections (within 10 working days)')} style={{ marginBottom: 16 }}>
          <ErrorAlert error={object.error ?? answer.error} />
          {view === 'agency' && camp.status === 'objection' ? (
            <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
              <Select style={{ width: 260 }} placeholder={L('选择案卷', 'File')} value={objFile} onChange={setObjFile} options={(files.data ?? []).map((f) => ({ value: f.id, label: `${f.position}. ${f.caseNo ?? f.title}` }))} data-testid="objection-file" />
              <Input value={objReason} onChange={(e) => setObjReason(e.target.value)} placeholder={L('书面异议理由', 'Reasons')} data-testid="objection-reason" />
              <Button type="primary" disabled={!objFile || objReason.trim().length < 4} loading={object.isPending} onClick={() => object.mutate()} data-testid="objection-submit">
                {L('提出异议', 'Object')}
              </Button>
            </Space.Compact>
          ) : null}
          <Table<Objection>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={objections.data ?? []}
            columns={[
              { title: L('案卷', 'File'), dataIndex: 'fileId', render: (v: string) => files.data?.find((f) => f.id === v)?.caseNo ?? files.data?.find((f) => f.id === v)?.title ?? v },
              { title: L('理由', 'Reasons'), dataIndex: 'reason' },
              { title: L('提出日', 'Filed'), dataIndex: 'filedOn', width: 110 },
              { title: L('复查期限', 'Re-check by'), dataIndex: 'recheckDueOn', width: 110 },
              { title: L('结果', 'Outcome'), dataIndex: 'status', width: 90, render: (v: string) => ({ filed: L('待复查', 'Pending'), upheld: L('异议成立', 'Upheld'), rejected: L('维持原结论', 'Rejected') })[v] ?? v },
              { title: L('答复', 'Answer'), render: (_: unknown, o) => (o.answer ? o.answer : isManager ? <Button size="small" onClick={() => answer.mutate({ id: o.id, answer: '经复查，维持原评查结论。' })}>{L('维持原结论', 'Reject')}</Button> : '—') },
            ]}
          />
        </Card>
      ) : null}

      {showReport && (camp.status === 'objection' || camp.status === 'closed') ? (
        <Card size="small" title={L('整改通知（30日内报送整改情况）', 'Rectification notices (30 days)')}>
          <ErrorAlert error={rectify.error ?? reportRect.error} />
          {isManager ? (
            <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
              <Select style={{ width: 260 }} placeholder={L('被评查单位', 'Agency')} value={rectAgency} onChange={setRectAgency} options={(report.data?.agencies ?? []).map((a) => ({ value: a.agencyId, label: a.agencyName }))} />
              <Input value={rectText} onChange={(e) => setRectText(e.target.value)} placeholder={L('整改要求', 'What to rectify')} />
              <Button type="primary" disabled={!rectAgency || rectText.trim().length < 2} onClick={() => rectify.mutate()}>
                {L('发出整改通知', 'Issue')}
              </Button>
            </Space.Compact>
          ) : null}
          <Table<Rectification>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={rects.data ?? []}
            columns={[
              { title: L('整改要求', 'Requirement'), dataIndex: 'content' },
              { title: L('发出日', 'Issued'), dataIndex: 'issuedOn', width: 110 },
              { title: L('期限', 'Due'), dataIndex: 'dueOn', width: 110 },
              {
                title: L('整改情况', 'Report'),
                render: (_: unknown, r) =>
                  r.report ??
                  (view === 'agency' ? (
                    <Space.Compact>
                      <Input size="small" value={rectReport} onChange={(e) => setRectReport(e.target.value)} />
                      <Button size="small" onClick={() => reportRect.mutate(r.id)}>
                        {L('报送', 'Report')}
                      </Button>
                    </Space.Compact>
                  ) : (
                    L('待报送', 'Pending')
                  )),
              },
            ]}
          />
        </Card>
      ) : null}
    </div>
  );
}
