import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Card, Empty, Skeleton, Space, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import type { CaseTodo } from '../../../api/types.ts';
import { Permission, useAuth, useCan } from '../../../auth/auth.tsx';
import { CaseStatusTag, DueText } from '../../../components/cases/CaseStatusTag.tsx';
import { useCaseLabels } from '../../../components/cases/useCaseLabels.ts';
import { CoercionTodoCard } from '../../../components/enforcement/CoercionTodoCard.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import type { LicensingTodo } from '../../../components/licensing/licensing-api.ts';
import { LicensingTodoCard } from '../../../components/licensing/LicensingTodoCard.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { AnnualReportTodoCard } from '../../../components/statistics/AnnualReportTodoCard.tsx';
import '../../../components/cases/cases.css';
import { useT } from '../../../i18n/index.tsx';

/** Overdue first, then the nearest due date; cases without a running limit last. */
export function sortTodos(items: readonly CaseTodo[]): CaseTodo[] {
  return [...items].sort((a, b) => {
    if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
    if (a.dueOn !== b.dueOn) return a.dueOn === null ? 1 : b.dueOn === null ? -1 : a.dueOn.localeCompare(b.dueOn);
    return (a.caseNo ?? '').localeCompare(b.caseNo ?? '');
  });
}

/** 我的待办: the steps waiting on me across my cases (handler or assigned reviewer), by urgency. */
export default function TodoPage() {
  const t = useT();
  const me = useAuth();
  const can = useCan();
  const labels = useCaseLabels();
  const navigate = useNavigate();
  const q = useQuery({ queryKey: ['cases', 'todo'], queryFn: ({ signal }) => api.get<{ items: CaseTodo[] }>('/cases/todo', undefined, signal), refetchInterval: 120_000 });
  // Licence applications of my agency waiting on a step (行政许可), listed under the cases.
  const licensing = useQuery({
    queryKey: ['licensing', 'todo'],
    queryFn: ({ signal }) => api.get<{ items: LicensingTodo[] }>('/licensing/todo', undefined, signal),
    enabled: can(Permission.CASE_HANDLE),
    refetchInterval: 120_000,
  });
  const items = sortTodos(q.data?.items ?? []);
  const overdue = items.filter((i) => i.overdue).length;
  return (
    <div data-testid="todo-page">
      <PageHeader
        title={t('nav.todo')}
        sub={t('todo.welcome', { name: me.user.displayName })}
        extra={
          <>
            {can(Permission.CASE_REVIEW) ? <Button onClick={() => navigate('/admin/review')}>{t('nav.review')}</Button> : null}
            {can(Permission.CASE_HANDLE) ? (
              <Button type="primary" onClick={() => navigate('/admin/cases/new')} data-testid="todo-open-case">
                {t('case.open')}
              </Button>
            ) : null}
          </>
        }
      />
      {q.isError ? <ErrorAlert error={q.error} /> : null}
      <Card
        size="small"
        title={
          <Space size={8} wrap>
            <span>{t('todo.count', { n: items.length })}</span>
            {overdue ? <Badge count={t('todo.overdueCount', { n: overdue })} style={{ backgroundColor: '#cf1322' }} data-testid="todo-overdue-count" /> : null}
          </Space>
        }
      >
        {q.isPending ? (
          <Skeleton active />
        ) : items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('todo.empty')} />
        ) : (
          <div className="zf-list">
            {items.map((i) => (
              <div key={i.caseId} className="zf-list-row" data-testid="todo-row" data-case-id={i.caseId} data-overdue={i.overdue ? 'true' : 'false'}>
                <div style={{ flex: '1 1 260px', minWidth: 0 }}>
                  <Space size={6} wrap>
                    <Link to={`/admin/cases/${i.caseId}`} data-testid="todo-link">
                      <Typography.Text strong>{i.caseNo ?? t('case.noNumber')}</Typography.Text>
                    </Link>
                    <CaseStatusTag status={i.status} />
                    {i.role === 'reviewer' ? <Tag color="purple">{t('todo.asReviewer')}</Tag> : null}
                  </Space>
                  <div style={{ overflowWrap: 'anywhere' }}>
                    {i.partyName} · <Typography.Text type="secondary">{i.itemName}</Typography.Text>
                  </div>
                  <Space size={4} wrap style={{ marginTop: 4 }}>
                    {i.nextActions.map((a) => (
                      <Tag key={a} color="blue">
                        {labels.action(a)}
                      </Tag>
                    ))}
                  </Space>
                </div>
                <div style={{ flex: '0 1 auto', textAlign: 'end', minWidth: 0 }}>
                  {i.deadlineKey ? <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>{labels.deadlineByKey(i.deadlineKey)}</div> : null}
                  <DueText dueOn={i.dueOn} daysLeft={i.daysLeft} overdue={i.overdue} testId="todo-due" />
                </div>
              </div>
            ))}
          </div>
        )}
      </Card>
      <LicensingTodoCard items={licensing.data?.items} />
      {/* After the case to-dos have loaded: the measures that must be released (行政强制法 Art.28) follow them. */}
      {!q.isPending ? <CoercionTodoCard /> : null}
      {!q.isPending ? <AnnualReportTodoCard /> : null}
    </div>
  );
}
