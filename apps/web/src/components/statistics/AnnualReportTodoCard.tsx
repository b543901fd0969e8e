import { useQuery } from '@tanstack/react-query';
import { Card, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { DueText } from '../cases/CaseStatusTag.tsx';

interface AnnualReportTodo {
  kind: 'annual_report_publish';
  titleZh: string;
  title: string;
  year: number;
  dueOn: string;
  overdue: boolean;
  daysLeft: number;
  reportId: string | null;
  reportStatus: string | null;
  citation: string;
}

/**
 * 年报待办 on 我的待办: the agency head publishes last year's enforcement data report by 31 January (118号 §二(六));
 * the item shows from 1 January until published (GET /statistics/annual-reports/todo; empty for other roles).
 */
export function AnnualReportTodoCard() {
  const q = useQuery({ queryKey: ['statistics', 'annual-reports', 'todo'], queryFn: ({ signal }) => api.get<{ items: AnnualReportTodo[] }>('/statistics/annual-reports/todo', undefined, signal), refetchInterval: 300_000 });
  const items = q.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card size="small" title="统计年报 Annual report" style={{ marginTop: 12 }} data-testid="annual-report-todo-card">
      <div className="zf-list">
        {items.map((i) => (
          <div key={i.year} className="zf-list-row" data-testid="annual-report-todo-row" data-overdue={i.overdue ? 'true' : 'false'}>
            <div style={{ flex: '1 1 260px', minWidth: 0 }}>
              <Space size={6} wrap>
                <Link to={`/admin/statistics/annual-reports?year=${i.year}`}>
                  <Typography.Text strong>{i.titleZh}</Typography.Text>
                </Link>
                {i.reportStatus ? <Tag>{i.reportStatus}</Tag> : <Tag color="orange">未生成 not generated</Tag>}
              </Space>
              <div>
                <Typography.Text type="secondary">{i.citation}</Typography.Text>
              </div>
            </div>
            <div style={{ flex: '0 1 auto', textAlign: 'end', minWidth: 0 }}>
              <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>每年1月31日前公开 · due 31 Jan</div>
              <DueText dueOn={i.dueOn} daysLeft={i.daysLeft} overdue={i.overdue} />
            </div>
          </div>
        ))}
      </div>
    </Card>
  );
}
