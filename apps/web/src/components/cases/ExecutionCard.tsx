import { Card, Descriptions, Tag, Typography } from 'antd';
import type { CaseExecution } from '../../api/types.ts';
import { useLocale, useT } from '../../i18n/index.tsx';
import { fmtMoney } from '../../lib/format.ts';
import { useLabels } from '../../lib/labels.ts';
import './cases.css';

/**
 * 执行情况: the account as the server computed it today — the fine, the 3%/day surcharge capped at the fine (行政处罚法
 * Art.72), what was paid and what is owed, any approved deferral or instalments (Art.66), the reminder and the window
 * to apply to the court (行政强制法 Art.53–54). Nothing is computed here.
 */
export function ExecutionCard({ execution: e }: { execution: CaseExecution }) {
  const t = useT();
  const { locale } = useLocale();
  const labels = useLabels();
  const money = (n: number) => `${fmtMoney(n, locale)} ${t('common.yuan')}`;
  const schedule = e.schedules.at(-1);
  return (
    <Card size="small" title={t('execution.title')} data-testid="case-execution" data-settled={e.isSettled ? 'true' : 'false'}>
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'principal', label: t('execution.principal'), children: money(e.principal) },
          { key: 'due', label: t('execution.dueOn'), children: <span data-testid="execution-due">{e.dueOn}</span> },
          ...(schedule
            ? [
                {
                  key: 'schedule',
                  label: t('execution.schedules'),
                  children: (
                    <div data-testid="execution-schedule">
                      {labels.enumText('scheduleKind', schedule.kind)} · {schedule.approvedOn}
                      <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                        {schedule.entries.map((x, i) => (
                          <li key={i}>
                            {x.dueOn} · {money(x.amount)}
                          </li>
                        ))}
                      </ul>
                    </div>
                  ),
                },
              ]
            : []),
          {
            key: 'surcharge',
            label: t('execution.surcharge'),
            children: (
              <div data-testid="execution-surcharge">
                {money(e.surcharge)} {e.surchargeCapped ? <Tag color="red">{t('execution.capped')}</Tag> : null}
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {t('execution.surchargeHint', { date: e.asOf, days: e.lateDays })}
                </Typography.Text>
              </div>
            ),
          },
          ...(e.surchargePauses.length
            ? [
                {
                  key: 'challenges',
                  label: t('execution.challenges'),
                  children: (
                    <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="execution-challenges">
                      {e.surchargePauses.map((p, i) => (
                        <li key={i}>
                          {labels.enumText('challengeKind', p.reason)} · {p.from} ~ {p.to ?? t('execution.pending')}
                        </li>
                      ))}
                    </ul>
                  ),
                },
              ]
            : []),
          { key: 'paid', label: t('execution.paid'), children: money(e.paid) },
          {
            key: 'balance',
            label: t('execution.balance'),
            children: e.isSettled ? <Tag color="green">{t('execution.settled')}</Tag> : <Typography.Text strong type={e.overduePrincipal > 0 ? 'danger' : undefined} data-testid="execution-balance">{money(e.balance)}</Typography.Text>,
          },
          ...(e.reminderServedOn
            ? [{ key: 'reminder', label: t('execution.reminder'), children: <span data-testid="execution-reminder">{e.reminderServedOn}{e.courtWindow.reminderWaitEndsOn ? ` · ${t('execution.reminderWait', { date: e.courtWindow.reminderWaitEndsOn })}` : ''}</span> }]
            : []),
          {
            key: 'court',
            label: t('execution.courtWindow'),
            children: e.courtApplicationOn ? t('execution.courtApplied', { date: e.courtApplicationOn }) : t('execution.courtWindowText', { opens: e.courtWindow.opensAfter, closes: e.courtWindow.closesOn }),
          },
        ]}
      />
      {e.calendarProvisional ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('case.provisional')}：{t('case.provisionalHint')}
        </Typography.Text>
      ) : null}
    </Card>
  );
}
