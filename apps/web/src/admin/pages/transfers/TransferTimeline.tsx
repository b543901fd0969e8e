import { Card, Timeline } from 'antd';
import dayjs from 'dayjs';
import type { TransferEvent } from '../../../components/transfers/transfers-api.ts';

/** The transfer's append-only history (transfer_events). */
export function TransferTimeline({ events, label }: { events: TransferEvent[]; label: (action: string) => string }) {
  return (
    <Card size="small" title="时间线 Timeline" data-testid="transfer-timeline">
      <Timeline
        items={events.map((e) => ({
          key: e.seq,
          content: (
            <span>
              <b>{label(e.action)}</b> · {e.actorName ?? e.actorRole} · {dayjs(e.occurredAt).format('YYYY-MM-DD HH:mm')}
              {typeof e.payload['reason'] === 'string' ? ` · ${e.payload['reason']}` : ''}
              {typeof e.payload['note'] === 'string' ? ` · ${e.payload['note']}` : ''}
            </span>
          ),
        }))}
      />
    </Card>
  );
}
