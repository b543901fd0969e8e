import { Tag, Tooltip, Typography } from 'antd';
import { useT } from '../../i18n/index.tsx';
import { useCaseLabels } from './useCaseLabels.ts';

/** Colours by stage: filing grey, investigation blue, review purple, notice/hearing gold, decision and execution green, ended red. */
export const CASE_STATUS_COLOR: Record<string, string> = {
  lead: 'default',
  not_filed: 'default',
  filed: 'blue',
  investigating: 'blue',
  suspended: 'orange',
  investigation_ended: 'cyan',
  under_review: 'purple',
  review_returned: 'volcano',
  reviewed: 'geekblue',
  collective_discussion: 'purple',
  discussed: 'geekblue',
  notice_served: 'gold',
  hearing_requested: 'gold',
  hearing_held: 'gold',
  decided: 'magenta',
  executing: 'lime',
  executed: 'green',
  closed: 'green',
  archived: 'default',
  terminated: 'red',
  transferred: 'red',
};

/** A case status with its zh/en label from PENALTY_STATUS_INFO (the server's table) and the legal basis on hover. */
export function CaseStatusTag({ status, testId = 'case-status-tag' }: { status: string; testId?: string }) {
  const labels = useCaseLabels();
  return (
    <Tooltip title={labels.statusCitation(status)}>
      <Tag color={CASE_STATUS_COLOR[status] ?? 'default'} data-testid={testId} data-status={status} style={{ marginInlineEnd: 0 }}>
        {labels.status(status)}
      </Tag>
    </Tooltip>
  );
}

/**
 * A due date with the days left: red once overdue, orange on the day itself. `daysLeft` is the server's count
 * (Beijing dates), so the page agrees with the to-do list and the reminders.
 */
export function DueText({ dueOn, daysLeft, overdue, testId }: { dueOn: string | null | undefined; daysLeft: number | null | undefined; overdue?: boolean; testId?: string }) {
  const t = useT();
  if (!dueOn) return <Typography.Text type="secondary">—</Typography.Text>;
  const late = overdue ?? (daysLeft !== null && daysLeft !== undefined && daysLeft < 0);
  const left =
    daysLeft === null || daysLeft === undefined
      ? ''
      : late
        ? t('due.overdue', { n: Math.abs(daysLeft) })
        : daysLeft === 0
          ? t('due.today')
          : t('due.left', { n: daysLeft });
  return (
    <Typography.Text type={late ? 'danger' : daysLeft === 0 ? 'warning' : undefined} strong={late} data-testid={testId} data-overdue={late ? 'true' : 'false'} style={{ whiteSpace: 'nowrap' }}>
      {dueOn}
      {left ? ` · ${left}` : ''}
    </Typography.Text>
  );
}
