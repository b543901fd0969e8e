import { Card, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { DueText } from '../cases/CaseStatusTag.tsx';
import type { LicensingTodo } from './licensing-api.ts';
import { licensingStatusColor, useLicensingText } from './useLicensingText.ts';

/** 许可待办 on 我的待办: open licence applications of my agency, overdue first (GET /licensing/todo). */
export function LicensingTodoCard({ items }: { items: LicensingTodo[] | undefined }) {
  const x = useLicensingText();
  const rows = (items ?? []).filter((i) => typeof i.applicationId === 'string');
  if (rows.length === 0) return null;
  return (
    <Card size="small" title={`${x.t('todo')}（${rows.length}）`} style={{ marginTop: 12 }} data-testid="licensing-todo-card">
      <div className="zf-list">
        {rows.map((i) => (
          <div key={i.applicationId} className="zf-list-row" data-testid="licensing-todo-row" data-overdue={i.overdue ? 'true' : 'false'}>
            <div style={{ flex: '1 1 260px', minWidth: 0 }}>
              <Space size={6} wrap>
                <Link to={`/admin/licensing/${i.applicationId}`}>
                  <Typography.Text strong>{i.applicationNo}</Typography.Text>
                </Link>
                <Tag color={licensingStatusColor(i.status)}>{x.status(i.status)}</Tag>
              </Space>
              <div style={{ overflowWrap: 'anywhere' }}>
                {i.applicantName} · <Typography.Text type="secondary">{i.itemName}</Typography.Text>
              </div>
              <Space size={4} wrap style={{ marginTop: 4 }}>
                {i.nextActions.map((a) => (
                  <Tag key={a} color="blue">
                    {x.action(a)}
                  </Tag>
                ))}
              </Space>
            </div>
            <div style={{ flex: '0 1 auto', textAlign: 'end', minWidth: 0 }}>
              {i.deadlineLabelZh ? <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>{i.deadlineLabelZh}</div> : null}
              <DueText dueOn={i.dueOn} daysLeft={i.daysLeft} overdue={i.overdue} />
            </div>
          </div>
        ))}
      </div>
    </Card>
  );
}
