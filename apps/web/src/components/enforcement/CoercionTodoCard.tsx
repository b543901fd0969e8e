import { useQuery } from '@tanstack/react-query';
import { Card, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { DueText } from '../cases/CaseStatusTag.tsx';
import { COERCION_ACTION_LABELS, MEASURE_KIND_LABELS, ProcedureStatusTag, useZh } from './procedure.tsx';

interface CoercionTodo {
  measureId: string;
  kind: string;
  partyName: string;
  status: string;
  nextActions: string[];
  mustRelease: boolean;
  dueOn: string | null;
  deadlineLabelZh: string | null;
  daysLeft: number | null;
  overdue: boolean;
}

/**
 * 强制措施待办, beside the case to-dos: measures still running or awaiting a decision; those that must be released
 * (period over, 行政强制法 Art.28(4); disapproved, Art.19) or whose 24-hour report is late come first. Hidden when empty.
 */
export function CoercionTodoCard() {
  const zh = useZh();
  const q = useQuery({ queryKey: ['coercion', 'todo'], queryFn: ({ signal }) => api.get<{ items: CoercionTodo[] }>('/coercive-measures/todo', undefined, signal), refetchInterval: 120_000 });
  const items = q.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card size="small" style={{ marginTop: 12 }} title={zh(`行政强制措施（${items.length}）`, `Coercive measures (${items.length})`)} data-testid="coercion-todo">
      <div className="zf-list">
        {items.map((i) => (
          <div key={i.measureId} className="zf-list-row" data-testid="coercion-todo-row" data-overdue={i.overdue ? 'true' : 'false'}>
            <div style={{ flex: '1 1 260px', minWidth: 0 }}>
              <Space size={6} wrap>
                <Link to={`/admin/coercive-measures/${i.measureId}`}>
                  <Typography.Text strong>{i.partyName}</Typography.Text>
                </Link>
                <Tag>{MEASURE_KIND_LABELS[i.kind] ? zh(MEASURE_KIND_LABELS[i.kind]!.zh, MEASURE_KIND_LABELS[i.kind]!.en) : i.kind}</Tag>
                <ProcedureStatusTag kind="coercion" status={i.status} />
                {i.mustRelease ? <Tag color="red">{zh('应当解除', 'Must be released')}</Tag> : null}
              </Space>
              <Space size={4} wrap style={{ marginTop: 4 }}>
                {i.nextActions.map((a) => (
                  <Tag key={a} color="blue">
                    {COERCION_ACTION_LABELS[a] ? zh(COERCION_ACTION_LABELS[a]!.zh, COERCION_ACTION_LABELS[a]!.en) : a}
                  </Tag>
                ))}
              </Space>
            </div>
            <div style={{ flex: '0 1 auto', textAlign: 'end', minWidth: 0 }}>
              {i.deadlineLabelZh ? <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>{i.deadlineLabelZh}</div> : null}
              <DueText dueOn={i.dueOn?.slice(0, 10) ?? null} daysLeft={i.daysLeft} overdue={i.overdue} />
            </div>
          </div>
        ))}
      </div>
    </Card>
  );
}
