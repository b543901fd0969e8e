import { useQuery } from '@tanstack/react-query';
import { Card, Tag, Typography } from 'antd';
import { api } from '../../api/client.ts';
import { useLocale, useT } from '../../i18n/index.tsx';
import { ErrorAlert } from '../ErrorAlert.tsx';
import './cases.css';

interface PreReviewItem {
  key: string;
  zh: string;
  en: string;
  status: 'pass' | 'warn' | 'fail';
  detail: string;
  detailZh: string;
  citation: string;
}
interface PreReview {
  step: string;
  status: 'pass' | 'warn' | 'fail';
  items: PreReviewItem[];
}

const COLOR = { pass: 'green', warn: 'orange', fail: 'red' } as const;
const ORDER = { fail: 0, warn: 1, pass: 2 } as const;
const STATUS_KEY = { pass: 'case.preReviewPass', warn: 'case.preReviewWarn', fail: 'case.preReviewFail' } as const;

/** Statuses on the way to a step the pre-review knows (the server picks the step from the status). */
const SHOWN_IN = new Set(['investigating', 'investigation_ended', 'review_returned', 'under_review', 'reviewed', 'discussed', 'notice_served', 'hearing_held', 'decided', 'executing', 'executed']);

/**
 * 智能预审: the machine-checkable points for the case's next step (GET /cases/:id/pre-review), failures first, each with
 * its citation — for the handler before submitting and for the reviewer before reviewing. Advisory: the guards decide.
 */
export function PreReviewCard({ caseId, status, version }: { caseId: string; status: string; version: number }) {
  const t = useT();
  const { locale } = useLocale();
  const q = useQuery({
    queryKey: ['cases', 'pre-review', caseId, version],
    queryFn: ({ signal }) => api.get<PreReview>(`/cases/${caseId}/pre-review`, undefined, signal),
    enabled: SHOWN_IN.has(status),
  });
  if (!SHOWN_IN.has(status)) return null;
  const items = [...(q.data?.items ?? [])].sort((a, b) => ORDER[a.status] - ORDER[b.status]);
  return (
    <Card
      size="small"
      data-testid="case-pre-review"
      title={t('case.preReview')}
      extra={q.data ? <Tag color={COLOR[q.data.status]} data-testid="pre-review-status">{t(STATUS_KEY[q.data.status])}</Tag> : null}
    >
      {q.error ? <ErrorAlert error={q.error} /> : null}
      <div className="zf-list">
        {items.map((i) => (
          <div key={i.key} className="zf-list-row" style={{ display: 'block' }} data-testid={`pre-review-${i.key}`} data-status={i.status}>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 4 }}>
              <Typography.Text strong>{locale === 'en-US' ? i.en : i.zh}</Typography.Text>
              <Tag color={COLOR[i.status]} style={{ marginInlineEnd: 0 }}>
                {t(STATUS_KEY[i.status])}
              </Tag>
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {locale === 'en-US' ? i.detail : i.detailZh}
              <br />
              {t('case.citationLine', { citation: i.citation })}
            </Typography.Text>
          </div>
        ))}
      </div>
    </Card>
  );
}
