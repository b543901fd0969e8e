import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { GRADE_LABELS, gradeOf, scoreSheet, type Grade, type ScoreMarks } from '@zhifa/domain';
import { App, Alert, Button, Card, Checkbox, Descriptions, Input, InputNumber, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useParams } from 'react-router-dom';
import { api, downloadFile } from '../../../api/client.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { GRADE_COLORS, useZhEn, type ScoringView, type Sheet } from './evaluation.ts';

type Counts = Record<string, number>;
type Vetoes = Record<string, string | null>;

/**
 * The score sheet (评分表): the rubric with its deductions and veto items, the machine's pre-scoring from the case-file
 * completeness check to accept or reject, the live total, and the signed submission (CR2).
 */
export default function EvaluationScorePage() {
  const { id } = useParams<{ id: string }>();
  const L = useZhEn();
  const qc = useQueryClient();
  const { modal } = App.useApp();
  const v = useQuery({ queryKey: ['evaluation', 'assignment', id], queryFn: ({ signal }) => api.get<ScoringView>(`/evaluation/assignments/${id}`, undefined, signal) });
  const [counts, setCounts] = useState<Counts>({});
  const [vetoes, setVetoes] = useState<Vetoes>({});
  const [decided, setDecided] = useState<Record<string, 'accepted' | 'rejected'>>({});
  const [comment, setComment] = useState('');
  const submitted = v.data?.assignment.status === 'submitted';
  const others = useQuery({ queryKey: ['evaluation', 'sheets', v.data?.file.id], queryFn: ({ signal }) => api.get<{ sheets: Sheet[]; score: number | null; grade: string | null }>(`/evaluation/files/${v.data!.file.id}/sheets`, undefined, signal), enabled: submitted });
  const marks: ScoreMarks = useMemo(
    () => ({
      deductions: Object.entries(counts)
        .filter(([, n]) => n > 0)
        .map(([k, n]) => {
          const [itemKey, deductionKey] = k.split('|') as [string, string];
          return { itemKey, deductionKey, instances: n };
        }),
      vetoes: Object.entries(vetoes)
        .filter(([, r]) => r !== null)
        .map(([itemKey, reason]) => ({ itemKey, reason: reason ?? '' })),
    }),
    [counts, vetoes],
  );
  const live = useMemo(() => (v.data ? scoreSheet(v.data.rubric, marks) : null), [v.data, marks]);
  const liveGrade = live && v.data ? gradeOf(live.points, v.data.campaign.bands, live) : null;
  const submit = useMutation({
    mutationFn: () => api.post<Sheet>(`/evaluation/assignments/${id}/submit`, { marks, comment }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['evaluation'] }),
  });
  if (!v.data) return <ErrorAlert error={v.error} />;
  const d = v.data;
  const sheet = d.mySheet;
  const accept = (s: ScoringView['file']['suggestions'][number]) => {
    setCounts((c) => ({ ...c, [`${s.itemKey}|${s.deductionKey}`]: s.instances }));
    setDecided((x) => ({ ...x, [`${s.itemKey}|${s.deductionKey}`]: 'accepted' }));
  };
  return (
    <div data-testid="evaluation-score-page">
      <PageHeader title={`${L('评分表', 'Score sheet')}：${d.file.caseNo ?? d.file.title}`} sub={`${d.campaign.name}${d.assignment.externalName ? ` — ${L('代外聘专家录入', 'entered for the expert')} ${d.assignment.externalName}` : ''}`} />
      <Card size="small" title={L('案卷（只读）', 'Case file (read-only)')} style={{ marginBottom: 16 }} extra={<Button onClick={() => void downloadFile(`/evaluation/assignments/${id}/case-file.pdf`, undefined, 'case-file.pdf')}>{L('查看案卷PDF', 'Case file PDF')}</Button>}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={L('案件', 'Case')}>{d.file.title}</Descriptions.Item>
          <Descriptions.Item label={L('单位', 'Agency')}>{d.case.agencyName}</Descriptions.Item>
          <Descriptions.Item label={L('事项', 'Item')}>{d.case.itemName}</Descriptions.Item>
          <Descriptions.Item label={L('承办人员', 'Officers')}>{d.case.officers.join('、')}</Descriptions.Item>
          <Descriptions.Item label={L('卷内文书', 'Documents')} span={2}>
            {d.case.documents.map((x) => x.titleZh).join('、') || '—'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {sheet ? (
        <Card size="small" title={L('本人已签名的评分表', 'My signed sheet')} style={{ marginBottom: 16 }} data-testid="my-sheet">
          <Space size="large">
            <Statistic title={L('得分', 'Points')} value={sheet.points} precision={1} />
            <span>{sheet.isVetoed ? <Tag color="red">{L('一票否决', 'Veto')}</Tag> : null}<Tag color={GRADE_COLORS[sheet.grade]}>{GRADE_LABELS[sheet.grade as Grade]?.zh}</Tag></span>
            <Typography.Text type="secondary">{`${sheet.reviewerName} · ${new Date(sheet.submittedAt).toLocaleString('zh-CN')}`}</Typography.Text>
          </Space>
          <div>
            <Typography.Text code>SHA-256 {sheet.sheetHash}</Typography.Text>
          </div>
          {others.data ? (
            <Table
              style={{ marginTop: 12 }}
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={others.data.sheets}
              data-testid="all-sheets"
              columns={[
                { title: L('评查人员', 'Reviewer'), dataIndex: 'reviewerName' },
                { title: L('得分', 'Points'), dataIndex: 'points', width: 80 },
                { title: L('等次', 'Grade'), dataIndex: 'grade', width: 90, render: (g: string) => GRADE_LABELS[g as Grade]?.zh ?? g },
                { title: L('意见', 'Comment'), dataIndex: 'comment' },
              ]}
            />
          ) : null}
          {others.data?.score != null ? <Typography.Paragraph style={{ marginTop: 8 }}>{L('案卷得分（平均）', 'File score (mean)')}：{others.data.score.toFixed(1)} {others.data.grade ? <Tag color={GRADE_COLORS[others.data.grade]}>{GRADE_LABELS[others.data.grade as Grade]?.zh}</Tag> : null}</Typography.Paragraph> : null}
        </Card>
      ) : (
        <>
          {d.file.suggestions.length ? (
            <Card size="small" title={L('机器预评（依据案卷完整性检查，请逐项确认）', 'Machine pre-scoring (confirm each)')} style={{ marginBottom: 16 }}>
              {d.file.suggestions.map((s) => {
                const key = `${s.itemKey}|${s.deductionKey}`;
                const item = d.rubric.sections.flatMap((x) => x.items).find((i) => i.key === s.itemKey);
                const ded = item?.deductions.find((x) => x.key === s.deductionKey);
                return (
                  <div key={key} style={{ marginBottom: 6 }}>
                    <Tag color={s.suggestsVeto ? 'red' : 'orange'}>{L('建议扣分', 'Suggested')}</Tag>
                    {ded?.zh} × {s.instances}（{s.citations.join('；')}）{' '}
                    {decided[key] ? (
                      <Tag>{decided[key] === 'accepted' ? L('已采纳', 'Accepted') : L('未采纳', 'Rejected')}</Tag>
                    ) : (
                      <Space>
                        <Button size="small" onClick={() => accept(s)}>{L('采纳', 'Accept')}</Button>
                        <Button size="small" onClick={() => setDecided((x) => ({ ...x, [key]: 'rejected' }))}>{L('不采纳', 'Reject')}</Button>
                      </Space>
                    )}
                  </div>
                );
              })}
            </Card>
          ) : null}
          <Card size="small" title={L('评分细则', 'Rubric') + ` ${d.rubric.version}`} data-testid="rubric-form">
            {d.rubric.sections.map((s) => (
              <div key={s.key} style={{ marginBottom: 12 }}>
                <Typography.Title level={5} style={{ marginBottom: 4 }}>
                  {s.zh}
                </Typography.Title>
                {s.items.map((i) => (
                  <div key={i.key} style={{ paddingLeft: 12, marginBottom: 8 }}>
                    <Typography.Text strong>
                      {i.zh}（{i.maxPoints}
                      {L('分', ' pts')}）
                    </Typography.Text>
                    {i.barsExcellent ? <Tag style={{ marginLeft: 8 }}>{L('基本要素：扣分则不得评为优秀', 'Bars excellent')}</Tag> : null}
                    {i.deductions.map((x) => {
                      const key = `${i.key}|${x.key}`;
                      return (
                        <div key={x.key} style={{ paddingLeft: 12 }}>
                          <InputNumber size="small" min={0} max={x.maxInstances} value={counts[key] ?? 0} onChange={(n) => setCounts((c) => ({ ...c, [key]: Number(n ?? 0) }))} data-testid={`ded-${i.key}-${x.key}`} style={{ width: 64, marginRight: 8 }} />
                          {x.zh}（−{x.points}
                          {x.maxInstances > 1 ? L('/次', '/each') : ''}）
                        </div>
                      );
                    })}
                    {i.veto ? (
                      <div style={{ paddingLeft: 12 }}>
                        <Checkbox checked={vetoes[i.key] != null} onChange={(e) => setVetoes((x) => ({ ...x, [i.key]: e.target.checked ? '' : null }))} data-testid={`veto-${i.key}`}>
                          <Typography.Text type="danger">
                            {L('一票否决', 'Veto')}：{i.veto.zh}
                          </Typography.Text>
                        </Checkbox>
                        {vetoes[i.key] != null ? <Input size="small" placeholder={L('否决理由（必填）', 'Reason (required)')} value={vetoes[i.key] ?? ''} onChange={(e) => setVetoes((x) => ({ ...x, [i.key]: e.target.value }))} data-testid={`veto-reason-${i.key}`} /> : null}
                      </div>
                    ) : null}
                  </div>
                ))}
              </div>
            ))}
            <Input.TextArea rows={3} placeholder={L('评查意见（扣分理由）', 'Comments (reasons)')} value={comment} onChange={(e) => setComment(e.target.value)} data-testid="score-comment" />
            <Space style={{ marginTop: 12 }} size="large" align="center">
              <Statistic title={L('当前得分', 'Points')} value={live?.points ?? 100} precision={1} />
              {live?.isVetoed ? <Alert type="error" showIcon message={L('一票否决：评为不合格', 'Veto: fail')} /> : null}
              {liveGrade ? <Tag color={GRADE_COLORS[liveGrade]} data-testid="live-grade">{GRADE_LABELS[liveGrade].zh}</Tag> : null}
              <Button
                type="primary"
                disabled={d.campaign.status !== 'scoring'}
                loading={submit.isPending}
                data-testid="score-submit"
                onClick={() =>
                  modal.confirm({
                    title: L('签名提交评分表', 'Sign and submit'),
                    content: L('提交后不可修改，系统记录签名人、时间和评分表哈希值。', 'Final: your name, the time and the sheet hash are recorded.'),
                    okButtonProps: { 'data-testid': 'score-confirm' } as never,
                    onOk: () => submit.mutateAsync(),
                  })
                }
              >
                {L('签名提交', 'Sign and submit')}
              </Button>
            </Space>
            <ErrorAlert error={submit.error} />
          </Card>
        </>
      )}
    </div>
  );
}
