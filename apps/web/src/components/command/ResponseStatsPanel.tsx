import { useQuery } from '@tanstack/react-query';
import { Card, DatePicker, Radio, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useServerToday } from '../../lib/useServerToday.ts';
import { ErrorAlert } from '../ErrorAlert.tsx';
import { COMMAND_KEY, useCommandText } from './command-api.ts';

type StageKey = 'dispatch' | 'arrive' | 'handle' | 'feedback' | 'total';
interface Stage {
  done: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
  slaHitRate: number | null;
  late: number;
}
interface Group {
  key: string | null;
  name: string | null;
  events: number;
  stages: Record<StageKey, Stage>;
}
interface Stats {
  from: string;
  to: string;
  by: string;
  total: { events: number; stages: Record<StageKey, Stage> };
  groups: Group[];
}

const STAGES: StageKey[] = ['dispatch', 'arrive', 'handle', 'feedback', 'total'];
const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 100)}%`);
const mins = (m: number | null) => (m === null ? '—' : m.toFixed(1));

/**
 * 响应时间统计: per grid, team or officer over a period — for each stage (dispatch → arrival → handled → feedback, and
 * end to end) the median / 90th percentile in minutes and the share done within the SLA.
 */
export function ResponseStatsPanel() {
  const x = useCommandText();
  const today = useServerToday();
  const [by, setBy] = useState<'grid' | 'team' | 'officer'>('grid');
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const period = range ?? (today ? ([today.subtract(29, 'day'), today] as [Dayjs, Dayjs]) : null);
  const from = period?.[0].format('YYYY-MM-DD');
  const to = period?.[1].format('YYYY-MM-DD');
  const q = useQuery({
    queryKey: [...COMMAND_KEY, 'response-stats', by, from, to],
    queryFn: ({ signal }) => api.get<Stats>('/command/response-stats', { from: from!, to: to!, by }, signal),
    enabled: !!from && !!to,
  });
  const rows: Group[] = q.data ? [...q.data.groups, { key: '__total', name: x.zh ? '合计' : 'Total', ...q.data.total }] : [];
  const noneName = by === 'grid' ? (x.zh ? '网格外' : 'Outside grids') : x.zh ? '未指定' : 'Unassigned';
  return (
    <Card
      size="small"
      title={x.zh ? '响应时间统计（中位数 / P90 分钟，时限达标率）' : 'Response times (median / p90 minutes, SLA hit rate)'}
      style={{ marginTop: 12 }}
      data-testid="response-stats"
      extra={
        <Space wrap>
          <Radio.Group
            size="small"
            value={by}
            onChange={(e) => setBy(e.target.value as typeof by)}
            options={[
              { value: 'grid', label: x.zh ? '按网格' : 'By grid' },
              { value: 'team', label: x.zh ? '按队组' : 'By team' },
              { value: 'officer', label: x.zh ? '按队员' : 'By officer' },
            ]}
            data-testid="response-stats-by"
          />
          <DatePicker.RangePicker size="small" value={period} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
        </Space>
      }
    >
      <ErrorAlert error={q.error} />
      <Table<Group>
        size="small"
        rowKey={(r) => r.key ?? '__none'}
        pagination={false}
        loading={q.isFetching}
        dataSource={rows}
        scroll={{ x: 900 }}
        columns={[
          { title: by === 'grid' ? (x.zh ? '网格' : 'Grid') : by === 'team' ? (x.zh ? '队组' : 'Team') : x.zh ? '队员' : 'Officer', dataIndex: 'name', fixed: 'left', render: (n: string | null, r) => (r.key === '__total' ? <strong>{n}</strong> : (n ?? noneName)) },
          { title: x.zh ? '事件' : 'Events', dataIndex: 'events' },
          ...STAGES.map((k) => ({
            title: x.stage(k),
            key: k,
            render: (_: unknown, r: Group) => {
              const s = r.stages[k];
              return (
                <span data-testid={`rs-${r.key ?? 'none'}-${k}`}>
                  {mins(s.medianMinutes)} / {mins(s.p90Minutes)}{' '}
                  <Tag color={s.slaHitRate === null ? 'default' : s.slaHitRate >= 0.9 ? 'green' : s.slaHitRate >= 0.6 ? 'orange' : 'red'}>{pct(s.slaHitRate)}</Tag>
                </span>
              );
            },
          })),
        ]}
      />
    </Card>
  );
}
