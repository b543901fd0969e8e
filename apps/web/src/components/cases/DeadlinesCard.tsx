import { Card, Empty, Tag, Typography } from 'antd';
import type { CaseDeadline } from '../../api/types.ts';
import { useT } from '../../i18n/index.tsx';
import { DueText } from './CaseStatusTag.tsx';
import { useCaseLabels } from './useCaseLabels.ts';
import './cases.css';

const STATE_COLOR: Record<string, string> = { running: 'blue', met: 'green', overdue: 'red', paused: 'orange', ended: 'default' };

/**
 * The case's time limits as the server computed them over the holiday calendar (working vs natural days, pauses not
 * counted): what is due, by when, and under which article. Running and overdue limits come first.
 */
export function DeadlinesCard({ deadlines }: { deadlines: CaseDeadline[] | undefined }) {
  const t = useT();
  const labels = useCaseLabels();
  const order = (d: CaseDeadline) => (d.state === 'overdue' ? 0 : d.state === 'running' ? 1 : d.state === 'paused' ? 2 : 3);
  const rows = [...(deadlines ?? [])].sort((a, b) => order(a) - order(b) || a.dueOn.localeCompare(b.dueOn));
  return (
    <Card size="small" title={t('case.deadlines')} data-testid="case-deadlines">
      {deadlines === undefined ? (
        <Typography.Text type="secondary">{t('case.deadlinesUnavailable')}</Typography.Text>
      ) : rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('case.noDeadlines')} />
      ) : (
        <div className="zf-list">
          {rows.map((d) => (
            <div key={d.key} className="zf-list-row" style={{ display: 'block' }} data-testid={`deadline-${d.key}`} data-state={d.state}>
              <div style={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', gap: 4 }}>
                <Typography.Text strong>{labels.deadline(d)}</Typography.Text>
                <span>
                  {d.calendarProvisional ? (
                    <Tag color="orange" title={t('case.provisionalHint')}>
                      {t('case.provisional')}
                    </Tag>
                  ) : null}
                  <Tag color={STATE_COLOR[d.state] ?? 'default'} style={{ marginInlineEnd: 0 }}>
                    {labels.deadlineState(d.state)}
                  </Tag>
                </span>
              </div>
              <div>
                {d.state === 'running' || d.state === 'overdue' ? <DueText dueOn={d.dueOn} daysLeft={d.daysLeft} overdue={d.state === 'overdue'} /> : <Typography.Text>{d.dueOn}</Typography.Text>}
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12, overflowWrap: 'anywhere' }}>
                {d.length ? t('case.period', { n: d.length, unit: labels.dayType(d.dayType) }) : labels.dayType(d.dayType)}
                {d.pausedDays ? ` · ${t('case.pausedDays', { n: d.pausedDays })}` : ''} · {d.citation}
              </Typography.Text>
            </div>
          ))}
        </div>
      )}
    </Card>
  );
}
