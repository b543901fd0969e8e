import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CREDIT_CLASS_LABELS, RISK_LEVEL_LABELS, SPOT_CHECK_PLAN_STATUS_LABELS, type CreditClass, type RiskLevel, type SpotCheckPlanStatus } from '@zhifa/domain';
import { App, Button, Card, Descriptions, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import { Permission, useCan } from '../../../auth/auth.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ReasonModal } from '../../../components/ReasonModal.tsx';
import { fmtDateTime } from '../../../lib/format.ts';
import { useErrorText } from '../../../lib/errors.ts';
import { STATUS_COLORS, useZhEn, type Plan } from './spot-checks.ts';

type Action = 'commit' | 'draw' | 'reveal' | 'redraw' | 'withdraw';

/**
 * 抽取页面: the commitment (published before the draw), the draw, the reveal of the seed, and the link to the public
 * "reproduce this draw" recipe. A redraw or withdrawal asks for its reason (§8 I2).
 */
export default function SpotCheckPlanDetailPage() {
  const { id } = useParams<{ id: string }>();
  const L = useZhEn();
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [reasonFor, setReasonFor] = useState<Action | null>(null);
  const plan = useQuery({ queryKey: ['spot-checks', 'plan', id], queryFn: ({ signal }) => api.get<Plan>(`/spot-checks/plans/${id}`, undefined, signal) });
  const events = useQuery({ queryKey: ['spot-checks', 'plan', id, 'events'], queryFn: ({ signal }) => api.get<{ id: number; action: string; toStatus: string | null; actorRole: string; occurredAt: string; payload: Record<string, unknown> }[]>(`/spot-checks/plans/${id}/events`, undefined, signal) });
  const act = useMutation({
    mutationFn: ({ action, reason }: { action: Action; reason?: string }) => api.post<Plan>(`/spot-checks/plans/${id}/actions/${action}`, reason ? { reason } : {}),
    onSuccess: (p) => {
      qc.setQueryData(['spot-checks', 'plan', id], p);
      void qc.invalidateQueries({ queryKey: ['spot-checks'] });
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const p = plan.data;
  const d = p?.currentDraw;
  const LABEL: Record<Action, string> = {
    commit: L('公布承诺值并冻结名录', 'Publish commitment & freeze directories'),
    draw: L('抽取', 'Draw'),
    reveal: L('公开种子', 'Reveal seed'),
    redraw: L('重新抽取', 'Redraw'),
    withdraw: L('撤回计划', 'Withdraw plan'),
  };
  return (
    <div data-testid="spot-check-plan-page">
      <PageHeader
        title={p?.name ?? '…'}
        sub={p ? <Tag color={STATUS_COLORS[p.status]} data-testid="plan-status">{SPOT_CHECK_PLAN_STATUS_LABELS[p.status as SpotCheckPlanStatus] ?? p.status}</Tag> : null}
        extra={
          p && can(Permission.SPOT_CHECK_PLAN) ? (
            <Space wrap>
              {(p.availableActions as Action[]).map((a) => (
                <Button
                  key={a}
                  type={a === 'redraw' || a === 'withdraw' ? 'default' : 'primary'}
                  danger={a === 'redraw' || a === 'withdraw'}
                  loading={act.isPending && act.variables?.action === a}
                  data-testid={`plan-action-${a}`}
                  onClick={() => (a === 'redraw' || a === 'withdraw' ? setReasonFor(a) : act.mutate({ action: a }))}
                >
                  {LABEL[a]}
                </Button>
              ))}
            </Space>
          ) : null
        }
      />
      <ErrorAlert error={plan.error} />
      {p ? (
        <Descriptions bordered size="small" column={2} style={{ marginBottom: 16 }}>
          <Descriptions.Item label={L('年度', 'Year')}>{p.year}</Descriptions.Item>
          <Descriptions.Item label={L('实施部门', 'Agencies')}>{p.agencies.map((a) => a.name).join('、')}</Descriptions.Item>
          <Descriptions.Item label={L('分层', 'Strata')}>{p.settings.strata.map((s) => `${s.key}: ${s.count !== undefined ? `${s.count}` : `${(s.ratioBp ?? 0) / 100}%`}`).join('；')}</Descriptions.Item>
          <Descriptions.Item label={L('检查组', 'Teams')}>
            {p.settings.teamSize} {L('人', 'inspectors')} · {p.settings.teamMode === 'joint' ? L('跨部门联合', 'joint') : L('同一部门', 'same department')} · {L('排除期', 'exclusion')} {p.settings.exclusionDays} {L('天', 'd')} · {L('年度上限', 'cap')} {p.settings.yearlyCap || '—'}
          </Descriptions.Item>
        </Descriptions>
      ) : null}
      {d ? (
        <Card title={L(`第 ${d.round} 次抽取`, `Draw round ${d.round}`)} style={{ marginBottom: 16 }} data-testid="draw-card">
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={L('算法', 'Algorithm')}>{d.algorithm}</Descriptions.Item>
            <Descriptions.Item label={L('承诺值 SHA-256(种子)', 'Commitment SHA-256(seed)')}>
              <Typography.Text code copyable data-testid="draw-commitment">
                {d.commitment}
              </Typography.Text>
              <Typography.Text type="secondary"> {fmtDateTime(d.committedAt)}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={L('种子', 'Seed')}>
              {d.seed ? (
                <Typography.Text code copyable data-testid="draw-seed">
                  {d.seed}
                </Typography.Text>
              ) : (
                <Typography.Text type="secondary">{L('抽取后公开', 'revealed after the draw')}</Typography.Text>
              )}
            </Descriptions.Item>
            {(['targets', 'inspectors', 'recusals', 'params'] as const).map((k) => (
              <Descriptions.Item key={k} label={`${k} SHA-256`}>
                <Typography.Text code>{d.hashes[k]}</Typography.Text>
                {k !== 'params' ? <Typography.Text type="secondary"> （{d.counts[k]} {L('行', 'rows')}）</Typography.Text> : null}
              </Descriptions.Item>
            ))}
            <Descriptions.Item label={L('复现', 'Reproduce')}>
              <Link to={`/spot-checks/${d.id}`} target="_blank" data-testid="draw-public-link">
                {L('公开页面与复现方法', 'Public page and recipe')}
              </Link>
            </Descriptions.Item>
          </Descriptions>
          {d.result ? (
            <>
              <Typography.Paragraph style={{ marginTop: 12 }} data-testid="draw-summary">
                {L('抽中', 'Drawn')} {d.result.selections.length} {L('户', 'targets')}；{L('排除期内跳过', 'skipped (recent)')} {d.result.skipped.recent}，{L('达年度上限跳过', 'skipped (cap)')} {d.result.skipped.cap}；{L('回避', 'recusals applied')} {d.result.recusalsApplied.length}；{L('无法组队', 'unstaffed')} {d.result.selections.filter((s) => s.unstaffed).length}；{L('本次检查后达到年度上限（预警）', 'reach the yearly cap with this visit (warning)')} {d.result.selections.filter((s) => s.reachesCap).length}
              </Typography.Paragraph>
              <Table
                size="small"
                rowKey={(r) => `${r.stratum}|${r.risk}|${r.credit}`}
                dataSource={d.result.cells.filter((c) => c.eligible > 0)}
                pagination={false}
                columns={[
                  { title: L('分层', 'Stratum'), dataIndex: 'stratum' },
                  { title: L('风险', 'Risk'), dataIndex: 'risk', render: (v: RiskLevel | null) => (v ? RISK_LEVEL_LABELS[v] : '—') },
                  { title: L('信用', 'Credit'), dataIndex: 'credit', render: (v: CreditClass | null) => (v ? CREDIT_CLASS_LABELS[v] : '—') },
                  { title: L('可抽对象', 'Eligible'), dataIndex: 'eligible' },
                  { title: L('抽中', 'Drawn'), dataIndex: 'drawn' },
                ]}
              />
              <Space style={{ marginTop: 8 }}>
                <Link to={`/admin/spot-checks/tasks?planId=${p!.id}`}>{L('查看检查任务', 'Open the tasks')}</Link>
              </Space>
            </>
          ) : null}
        </Card>
      ) : null}
      <Card title={L('全程留痕', 'Full trace')} size="small">
        <Timeline
          items={(events.data ?? []).map((e) => ({
            children: (
              <span>
                {fmtDateTime(e.occurredAt)} · {e.action} {e.toStatus ? `→ ${SPOT_CHECK_PLAN_STATUS_LABELS[e.toStatus as SpotCheckPlanStatus] ?? e.toStatus}` : ''} {typeof e.payload.reason === 'string' ? `（${e.payload.reason}）` : ''}
              </span>
            ),
          }))}
        />
      </Card>
      <ReasonModal
        open={reasonFor !== null}
        title={reasonFor ? LABEL[reasonFor] : ''}
        danger
        onCancel={() => setReasonFor(null)}
        onSubmit={async (v) => {
          await act.mutateAsync({ action: reasonFor!, reason: v.reason });
          setReasonFor(null);
        }}
      />
    </div>
  );
}
