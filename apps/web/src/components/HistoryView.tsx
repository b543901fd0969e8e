import { useQuery } from '@tanstack/react-query';
import { Empty, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
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

/** Bookkeeping fields that say nothing to a reader of the history. */
const NOISE_FIELDS = new Set(['id', 'version', 'createdAt', 'updatedAt', 'regionPath', 'passwordHash']);

/** A stored value as the reader knows it: enum codes through the domain labels, the rest as is. */
function useFieldValue() {
  const labels = useLabels();
  return (field: string, value: unknown): unknown => {
    if (typeof value === 'number' && field === 'level') return labels.regionLevel(value);
    if (typeof value !== 'string') {
      if (Array.isArray(value) && field === 'categories') return value.map((v) => labels.sector(String(v))).join('、');
      return value;
    }
    switch (field) {
      case 'sector':
        return labels.sector(value);
      case 'form':
        return labels.subjectForm(value);
      case 'category':
        return labels.category(value);
      case 'personnelType':
        return labels.personnelType(value);
      case 'role':
        return labels.role(value);
      case 'gender':
        return labels.enumText('gender', value);
      case 'kind': {
        const k = labels.subjectKind(value);
        if (k !== value) return k;
        const e = labels.enumText('entrustmentKind', value);
        return e !== value ? e : labels.enumText('import.kind', value);
      }
      case 'status': {
        for (const prefix of ['subjectStatus', 'entrustmentStatus', 'itemStatus', 'userStatus']) {
          const v = labels.enumText(prefix, value);
          if (v !== value) return v;
        }
        return labels.certStatus(value);
      }
      default:
        return value;
    }
  };
}

/** One change as field: old → new rows (the server stores only the fields that changed). */
export function ChangeDiff({ before, after }: { before: unknown; after: unknown }) {
  const t = useT();
  const labels = useLabels();
  const fieldValue = useFieldValue();
  const [expanded, setExpanded] = useState(false);
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !NOISE_FIELDS.has(k));
  if (!keys.length) {
    if ((before === undefined || before === null) && (after === undefined || after === null)) return <Typography.Text type="secondary">—</Typography.Text>;
    if (isRecord(before) || isRecord(after)) return <Typography.Text type="secondary">—</Typography.Text>;
    return (
      <span>
        <ValueText value={before} /> → <ValueText value={after} />
      </span>
    );
  }
  // A creation lists every field: keep it folded so the changes that follow stay readable.
  const isCreation = !isRecord(before) && keys.length > 4;
  const shown = isCreation && !expanded ? [] : keys;
  return (
    <div data-testid="history-diff">
      {isCreation ? (
        <Typography.Link onClick={() => setExpanded(!expanded)}>
          {expanded ? t('history.hideFields') : t('history.showFields', { n: keys.length })}
        </Typography.Link>
      ) : null}
      {shown.map((k) => (
        <div key={k} style={{ display: 'flex', gap: 6, flexWrap: 'wrap', alignItems: 'baseline' }}>
          <Typography.Text strong>{labels.enumText('field', k)}</Typography.Text>
          <span>:</span>
          {k in b ? (
            <>
              <del style={{ color: '#b71c1c' }}>
                <ValueText value={fieldValue(k, b[k])} />
              </del>
              <span>→</span>
            </>
          ) : null}
          <span style={{ color: '#237804' }}>
            <ValueText value={fieldValue(k, a[k])} />
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
