import { useQuery } from '@tanstack/react-query';
import { Empty, Space, Table, Tag, Typography } from 'antd';
import { api } from '../api/client.ts';
import type { ChangeEvent } from '../api/types.ts';
import { useT } from '../i18n/index.tsx';
import { fmtDateTime } from '../lib/format.ts';
import { useLabels } from '../lib/labels.ts';
import { ErrorAlert } from './ErrorAlert.tsx';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function ValueText({ value }: { value: unknown }) {
  if (value === null || value === undefined || value === '') return <Typography.Text type="secondary">∅</Typography.Text>;
  if (typeof value === 'boolean') return <span>{value ? '✓' : '✗'}</span>;
  if (typeof value === 'string' || typeof value === 'number') return <span>{String(value)}</span>;
  const s = JSON.stringify(value);
  return (
    <Typography.Text code ellipsis={{ tooltip: <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{JSON.stringify(value, null, 2)}</pre> }} style={{ maxWidth: 360 }}>
      {s}
    </Typography.Text>
  );
}

/** One change as field: old → new rows (only the changed fields are stored by the server). */
export function ChangeDiff({ before, after }: { before: unknown; after: unknown }) {
  const labels = useLabels();
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  if (!keys.length) {
    if (before === undefined && after === undefined) return null;
    return (
      <span>
        <ValueText value={before} /> → <ValueText value={after} />
      </span>
    );
  }
  return (
    <div data-testid="history-diff">
      {keys.map((k) => (
        <div key={k} style={{ display: 'flex', gap: 6, flexWrap: 'wrap', alignItems: 'baseline' }}>
          <Typography.Text strong>{labels.enumText('field', k)}</Typography.Text>
          <span>:</span>
          {k in b ? (
            <>
              <del style={{ color: '#b71c1c' }}>
                <ValueText value={b[k]} />
              </del>
              <span>→</span>
            </>
          ) : null}
          <span style={{ color: '#237804' }}>
            <ValueText value={a[k]} />
          </span>
        </div>
      ))}
    </div>
  );
}

/** The 历史 tab: who changed what and when, with old → new values. `path` is e.g. `/subjects/:id/history`. */
export function HistoryView({ path }: { path: string }) {
  const t = useT();
  const labels = useLabels();
  const q = useQuery({ queryKey: ['history', path], queryFn: ({ signal }) => api.get<ChangeEvent[]>(path, undefined, signal) });
  if (q.isError) return <ErrorAlert error={q.error} />;
  return (
    <div data-testid="history-view">
      <Table<ChangeEvent>
        rowKey="id"
        size="small"
        loading={q.isPending}
        dataSource={q.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={t('history.empty')} /> }}
        scroll={{ x: 720 }}
        onRow={() => ({ 'data-testid': 'history-row' }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('history.when'), dataIndex: 'occurredAt', width: 170, render: (v: string) => fmtDateTime(v) },
          {
            title: t('history.who'),
            key: 'who',
            width: 180,
            render: (_, e) => (
              <Space orientation="vertical" size={0}>
                <span>{e.actorName ?? t('history.system')}</span>
                {e.actorRole ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{labels.role(e.actorRole)}</Typography.Text> : null}
              </Space>
            ),
          },
          { title: t('history.action'), dataIndex: 'action', width: 110, render: (v: string) => <Tag>{labels.enumText('action', v)}</Tag> },
          { title: t('history.changes'), key: 'diff', render: (_, e) => <ChangeDiff before={e.before} after={e.after} /> },
          { title: t('common.reason'), dataIndex: 'reason', width: 160, render: (v: string | null) => v ?? '—' },
        ]}
      />
    </div>
  );
}
