import { useQuery } from '@tanstack/react-query';
import { Button, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { api } from '../../../api/client.ts';
import type { Page, Subject, User } from '../../../api/types.ts';
import { Permission, useCan } from '../../../auth/auth.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useT } from '../../../i18n/index.tsx';
import { fmtDateTime } from '../../../lib/format.ts';
import { useLabels } from '../../../lib/labels.ts';
import { useListParams } from '../../../lib/useListParams.ts';
import { useServerNow } from '../../../lib/useServerToday.ts';

export const USER_STATUSES = ['pending', 'active', 'disabled'] as const;
const USER_STATUS_COLOR: Record<string, string> = { pending: 'gold', active: 'green', disabled: 'default' };

export function UserStatusTag({ status }: { status: string }) {
  const labels = useLabels();
  return <Tag color={USER_STATUS_COLOR[status] ?? 'default'}>{labels.enumText('userStatus', status)}</Tag>;
}

/** Locked at the server's `now` (its clock set lockedUntil and decides when the lock ends). */
export const isLocked = (u: User, now: Dayjs | null) => !!u.lockedUntil && dayjs(u.lockedUntil).isAfter(now ?? dayjs());

/** Agency name when the viewer may read the registry (security and audit admins may not: 三员分立). */
export function AgencyName({ id }: { id: string | null }) {
  const can = useCan();
  const q = useQuery({
    queryKey: ['subjects', 'detail', id],
    queryFn: ({ signal }) => api.get<Subject>(`/subjects/${id}`, undefined, signal),
    enabled: !!id && can(Permission.REGISTRY_READ),
    staleTime: 300_000,
    retry: false,
  });
  if (!id) return <>—</>;
  return <Tooltip title={id}>{q.data?.name ?? <Typography.Text code>{id.slice(0, 8)}</Typography.Text>}</Tooltip>;
}

const FILTERS = ['q', 'role', 'status'] as const;

/** The account list shared by 用户管理 and 安全管理; each page adds its own actions. */
export function UsersTable({ actions, testId }: { actions: (u: User) => ReactNode; testId: string }) {
  const t = useT();
  const labels = useLabels();
  const lp = useListParams(FILTERS);
  const f = lp.filters;
  const now = useServerNow();
  const q = useQuery({
    queryKey: ['users', 'list', lp.query],
    queryFn: ({ signal }) => api.get<Page<User>>('/users', lp.query, signal),
    placeholderData: (prev) => prev,
  });
  return (
    <div data-testid={testId}>
      <div className="zf-filters">
        <Input.Search allowClear placeholder={t('user.searchPlaceholder')} defaultValue={f.q} onSearch={(v) => lp.setFilters({ q: v })} style={{ maxWidth: 240 }} data-testid="filter-q" />
        <Select allowClear placeholder={t('user.role')} value={f.role} onChange={(v) => lp.setFilters({ role: v })} options={labels.options.role} style={{ width: 200 }} data-testid="filter-role" />
        <Select allowClear placeholder={t('common.status')} value={f.status} onChange={(v) => lp.setFilters({ status: v })} options={labels.options.fromDictionary('userStatus', USER_STATUSES)} style={{ width: 130 }} data-testid="filter-status" />
        <Button onClick={lp.reset}>{t('common.resetFilters')}</Button>
      </div>
      {q.isError ? <ErrorAlert error={q.error} /> : null}
      <Table<User>
        rowKey="id"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        scroll={{ x: 1100 }}
        onRow={() => ({ 'data-testid': 'user-row' }) as React.HTMLAttributes<HTMLElement>}
        pagination={{ current: lp.page, pageSize: lp.pageSize, total: q.data?.total ?? 0, showSizeChanger: true, showTotal: (n) => t('common.total', { n }), onChange: lp.setPage }}
        columns={[
          { title: t('auth.username'), dataIndex: 'username', width: 140, fixed: 'left' },
          { title: t('user.displayName'), dataIndex: 'displayName', width: 130 },
          { title: t('user.role'), dataIndex: 'role', width: 170, render: (v: string | null) => (v ? <Tag color="blue">{labels.role(v)}</Tag> : <Tag color="gold">{t('user.noRole')}</Tag>) },
          {
            title: t('common.status'),
            key: 'status',
            width: 170,
            render: (_, u) => (
              <Space size={4} wrap>
                <UserStatusTag status={u.status} />
                {isLocked(u, now) ? (
                  <Tooltip title={t('auth.lockedUntil', { time: fmtDateTime(u.lockedUntil) })}>
                    <Tag color="red" data-testid="user-locked">
                      {t('user.locked')}
                    </Tag>
                  </Tooltip>
                ) : null}
                {u.mustChangePassword ? <Tag>{t('user.mustChange')}</Tag> : null}
              </Space>
            ),
          },
          { title: t('common.region'), dataIndex: 'regionCode', width: 100 },
          { title: t('user.agency'), dataIndex: 'agencyId', width: 180, render: (v: string | null, u: User) => (u.agencyName ? <Tooltip title={v}>{u.agencyName}</Tooltip> : <AgencyName id={v} />) },
          { title: t('user.failedLogins'), dataIndex: 'failedLogins', width: 90 },
          { title: t('common.updatedAt'), dataIndex: 'updatedAt', width: 170, render: fmtDateTime },
          { title: t('common.actions'), key: 'actions', width: 260, fixed: 'right', render: (_, u) => <Space size={4} wrap>{actions(u)}</Space> },
        ]}
      />
    </div>
  );
}
