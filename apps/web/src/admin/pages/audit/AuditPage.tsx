import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Card, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../../api/client.ts';
import type { ChangeEvent, SecurityEvent } from '../../../api/types.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { ChangeDiff, ValueText } from '../../../components/HistoryView.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useT } from '../../../i18n/index.tsx';
import { fmtDateTime } from '../../../lib/format.ts';
import { useLabels } from '../../../lib/labels.ts';

const LIMIT = 50;
export const ENTITY_TYPES = ['region', 'subject', 'entrustment', 'officer', 'certificate', 'item', 'rule_profile', 'calendar_year', 'user', 'import'] as const;
export const SECURITY_KINDS = [
  'login',
  'login_failed',
  'account_locked',
  'login_refused_locked',
  'login_refused_inactive',
  'logout',
  'password_changed',
  'password_reset',
  'role_assigned',
  'account_unlocked',
  'security_settings_changed',
] as const;
const DANGER_KINDS = new Set(['login_failed', 'account_locked', 'login_refused_locked', 'login_refused_inactive']);

/** Keyset pagination: `before` = the last id seen, newest first. */
function useKeyset<T extends { id: number }>(path: string, filter: Record<string, string | undefined>) {
  return useInfiniteQuery({
    queryKey: ['audit', path, filter],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam, signal }) => api.get<T[]>(path, { ...filter, before: pageParam, limit: LIMIT }, signal),
    getNextPageParam: (last) => (last.length === LIMIT ? last[last.length - 1]?.id : undefined),
  });
}

function ChangesTab() {
  const t = useT();
  const labels = useLabels();
  const [entityType, setEntityType] = useState<string | undefined>();
  const q = useKeyset<ChangeEvent>('/audit/changes', { entityType });
  const rows = q.data?.pages.flat() ?? [];
  return (
    <div data-testid="audit-changes">
      <div className="zf-filters">
        <Select allowClear placeholder={t('audit.entityType')} value={entityType} onChange={setEntityType} options={labels.options.fromDictionary('entity', ENTITY_TYPES)} style={{ width: 200 }} data-testid="filter-entity-type" />
      </div>
      {q.isError ? <ErrorAlert error={q.error} /> : null}
      <Table<ChangeEvent>
        rowKey="id"
        size="small"
        loading={q.isFetching && !q.isFetchingNextPage}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 1100 }}
        onRow={() => ({ 'data-testid': 'audit-change-row' }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: '#', dataIndex: 'id', width: 80 },
          { title: t('history.when'), dataIndex: 'occurredAt', width: 170, render: fmtDateTime },
          {
            title: t('history.who'),
            key: 'who',
            width: 170,
            render: (_, e) => (
              <Space orientation="vertical" size={0}>
                <span>{e.actorName ?? t('history.system')}</span>
                {e.actorRole ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{labels.role(e.actorRole)}</Typography.Text> : null}
              </Space>
            ),
          },
          {
            title: t('audit.entity'),
            key: 'entity',
            width: 200,
            render: (_, e) => (
              <Space orientation="vertical" size={0}>
                <Tag>{labels.enumText('entity', e.entityType)}</Tag>
                <Typography.Text type="secondary" style={{ fontSize: 12 }} copyable={{ text: e.entityId }}>
                  {e.entityId.length > 12 ? `${e.entityId.slice(0, 8)}…` : e.entityId}
                </Typography.Text>
              </Space>
            ),
          },
          { title: t('history.action'), dataIndex: 'action', width: 110, render: (v: string) => <Tag color="blue">{labels.enumText('action', v)}</Tag> },
          { title: t('history.changes'), key: 'diff', render: (_, e) => <ChangeDiff before={e.before} after={e.after} /> },
          { title: t('common.reason'), dataIndex: 'reason', width: 140, render: (v: string | null) => v ?? '—' },
          {
            title: t('portal.verify'),
            dataIndex: 'leafHash',
            width: 110,
            // Opens the public check of this event's leaf in the tamper-evident log.
            render: (v: string | null) =>
              v ? (
                <a href={`/verify?hash=${v}`} target="_blank" rel="noreferrer" data-testid="audit-verify-link">
                  {v.slice(0, 8)}…
                </a>
              ) : (
                '—'
              ),
          },
        ]}
      />
      <LoadMore q={q} count={rows.length} />
    </div>
  );
}

function SecurityTab() {
  const t = useT();
  const labels = useLabels();
  const [kind, setKind] = useState<string | undefined>();
  const q = useKeyset<SecurityEvent>('/audit/security', { kind });
  const rows = q.data?.pages.flat() ?? [];
  return (
    <div data-testid="audit-security">
      <div className="zf-filters">
        <Select allowClear placeholder={t('audit.kind')} value={kind} onChange={setKind} options={labels.options.fromDictionary('securityKind', SECURITY_KINDS)} style={{ width: 220 }} data-testid="filter-kind" />
      </div>
      {q.isError ? <ErrorAlert error={q.error} /> : null}
      <Table<SecurityEvent>
        rowKey="id"
        size="small"
        loading={q.isFetching && !q.isFetchingNextPage}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 1000 }}
        onRow={() => ({ 'data-testid': 'audit-security-row' }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: '#', dataIndex: 'id', width: 80 },
          { title: t('history.when'), dataIndex: 'occurredAt', width: 170, render: fmtDateTime },
          { title: t('audit.kind'), dataIndex: 'kind', width: 170, render: (v: string) => <Tag color={DANGER_KINDS.has(v) ? 'red' : 'default'}>{labels.enumText('securityKind', v)}</Tag> },
          { title: t('auth.username'), dataIndex: 'username', width: 130, render: (v: string | null) => v ?? '—' },
          { title: t('audit.actorRole'), dataIndex: 'actorRole', width: 150, render: (v: string | null) => (v ? labels.role(v) : '—') },
          { title: 'IP', dataIndex: 'ip', width: 130, render: (v: string | null) => v ?? '—' },
          { title: t('audit.detail'), dataIndex: 'detail', render: (v: unknown) => <ValueText value={v} /> },
        ]}
      />
      <LoadMore q={q} count={rows.length} />
    </div>
  );
}

function LoadMore({ q, count }: { q: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown }; count: number }) {
  const t = useT();
  return (
    <div style={{ textAlign: 'center', marginTop: 12 }}>
      {q.hasNextPage ? (
        <Button onClick={() => void q.fetchNextPage()} loading={q.isFetchingNextPage} data-testid="audit-load-more">
          {t('audit.loadMore')}
        </Button>
      ) : (
        <Typography.Text type="secondary">{t('audit.end', { n: count })}</Typography.Text>
      )}
    </div>
  );
}

/** 审计日志 (audit administrator): every recorded change and the security log, read-only. */
export default function AuditPage() {
  const t = useT();
  return (
    <div data-testid="audit-page">
      <PageHeader title={t('nav.audit')} sub={t('audit.hint')} />
      <Card size="small">
        <Tabs
          items={[
            { key: 'changes', label: t('audit.changes'), children: <ChangesTab /> },
            { key: 'security', label: t('audit.security'), children: <SecurityTab /> },
          ]}
        />
      </Card>
    </div>
  );
}
