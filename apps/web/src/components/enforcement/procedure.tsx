import { LockOutlined } from '@ant-design/icons';
import type { UseQueryResult } from '@tanstack/react-query';
import { COERCION_STATUS_INFO, INSPECTION_STATUS_INFO } from '@zhifa/domain';
import { Alert, Button, Card, Empty, Popover, Skeleton, Tag, Timeline, Typography } from 'antd';
import { useCallback, useEffect, useRef } from 'react';
import { isApiError } from '../../api/client.ts';
import type { CaseDeadline, CaseRefusal } from '../../api/types.ts';
import { useLocale, useT } from '../../i18n/index.tsx';
import { fmtDateTime } from '../../lib/format.ts';
import { RefusalList } from '../cases/CaseActionBar.tsx';
import { ErrorAlert } from '../ErrorAlert.tsx';

/** Chinese first, English where the user chose it: the labels of these two procedures live with their pages. */
export function useZh() {
  const { locale } = useLocale();
  return useCallback((zh: string, en: string) => (locale === 'zh-CN' ? zh : en), [locale]);
}

export type Bi = { zh: string; en: string };

export const INSPECTION_ACTION_LABELS: Record<string, Bi> = {
  approve: { zh: '负责人审批', en: 'Approve (head)' },
  cancel: { zh: '取消检查', en: 'Cancel' },
  send_notice: { zh: '通知被检查对象', en: 'Notify the target' },
  start_on_site: { zh: '开始现场检查', en: 'Start on site' },
  record_result: { zh: '记录检查结果', en: 'Record the result' },
  order_rectification: { zh: '责令改正', en: 'Order rectification' },
  record_rectification_check: { zh: '复查', en: 'Re-check' },
  close: { zh: '办结', en: 'Close' },
  create: { zh: '拟定检查', en: 'Planned' },
  link_case: { zh: '立案并关联案件', en: 'Penalty case opened and linked' },
};

export const COERCION_ACTION_LABELS: Record<string, Bi> = {
  approve: { zh: '负责人批准', en: 'Approve (head)' },
  decline: { zh: '不予批准', en: 'Decline (head)' },
  execute: { zh: '实施', en: 'Carry out' },
  execute_emergency: { zh: '情况紧急当场实施', en: 'Carry out in an emergency' },
  disapprove: { zh: '不予追认', en: 'Disapprove (head)' },
  extend: { zh: '延长期限', en: 'Extend the period' },
  release: { zh: '解除', en: 'Release' },
  confiscate: { zh: '依法没收', en: 'Confiscate' },
  destroy: { zh: '依法销毁', en: 'Destroy' },
  propose: { zh: '拟采取强制措施', en: 'Proposed' },
  record_testing_period: { zh: '登记检测期间', en: 'Testing period recorded' },
};

export const MEASURE_KIND_LABELS: Record<string, Bi> = { seal: { zh: '查封', en: 'Sealing' }, seize: { zh: '扣押', en: 'Seizure' }, freeze: { zh: '冻结', en: 'Freezing' } };

const STATUS_COLOR: Record<string, string> = {
  planned: 'default',
  approved: 'blue',
  notified: 'blue',
  on_site: 'processing',
  result_recorded: 'cyan',
  rectification_ordered: 'orange',
  closed: 'green',
  cancelled: 'default',
  proposed: 'default',
  declined: 'default',
  emergency_executed: 'volcano',
  disapproved: 'red',
  in_force: 'processing',
  released: 'green',
  confiscated: 'purple',
  destroyed: 'purple',
};

export function ProcedureStatusTag({ kind, status }: { kind: 'inspection' | 'coercion'; status: string }) {
  const zh = useZh();
  const info = (kind === 'inspection' ? (INSPECTION_STATUS_INFO as Record<string, Bi>) : (COERCION_STATUS_INFO as Record<string, Bi>))[status];
  return (
    <Tag color={STATUS_COLOR[status] ?? 'default'} data-testid="procedure-status" data-status={status}>
      {info ? zh(info.zh, info.en) : status}
    </Tag>
  );
}

export interface ProcedureView {
  status: string;
  availableActions: string[];
  refusedActions: { action: string; refusals: CaseRefusal[] }[];
}

/**
 * The steps open now (enabled) and the steps the table allows but a guard refuses (disabled, the reasons with their
 * citations on hover or tap), as the server computed them from the domain's table.
 */
export function ProcedureActions({ view, labels, order, canAct, onAction, danger = [] }: { view: ProcedureView; labels: Record<string, Bi>; order: readonly string[]; canAct: boolean; onAction: (a: string) => void; danger?: readonly string[] }) {
  const zh = useZh();
  const t = useT();
  if (!canAct) return <Typography.Text type="secondary">{zh('只读：无办理权限', 'Read only')}</Typography.Text>;
  const buttons = [...view.availableActions.map((a) => ({ action: a, refusals: [] as CaseRefusal[] })), ...view.refusedActions].sort((a, b) => order.indexOf(a.action) - order.indexOf(b.action));
  if (buttons.length === 0) return <Typography.Text type="secondary" data-testid="no-actions">{zh('当前状态无可办理的步骤', 'No steps open in this status')}</Typography.Text>;
  const label = (a: string) => (labels[a] ? zh(labels[a]!.zh, labels[a]!.en) : a);
  const primary = buttons.find((b) => b.refusals.length === 0 && !danger.includes(b.action))?.action;
  return (
    <div className="zf-case-actions" data-testid="procedure-actions">
      {buttons.map((b) => {
        const refused = b.refusals.length > 0;
        const button = (
          <Button
            key={b.action}
            type={b.action === primary ? 'primary' : 'default'}
            danger={danger.includes(b.action)}
            icon={refused ? <LockOutlined /> : undefined}
            onClick={() => onAction(b.action)}
            data-testid={`action-${b.action}`}
            data-refused={refused ? 'true' : 'false'}
          >
            {label(b.action)}
          </Button>
        );
        if (!refused) return button;
        // A refused step still opens its form: what the form carries (officers, signatures, the head's approval) may
        // answer the refusal; the server checks again.
        return (
          <Popover key={b.action} title={t('case.refusedTitle', { action: label(b.action) })} content={<RefusalList refusals={b.refusals} />} trigger={['hover']}>
            <span style={{ display: 'inline-block' }} data-testid={`action-refused-${b.action}`}>
              {button}
            </span>
          </Popover>
        );
      })}
    </div>
  );
}

/** A refused step as the server explained it: the message, its citation, the other refusals, or the steps allowed now. */
export function ProcedureErrorAlert({ error, labels }: { error: unknown; labels: Record<string, Bi> }) {
  const zh = useZh();
  const { locale } = useLocale();
  const ref = useRef<HTMLDivElement>(null);
  // The refusal sits above a long form (the submit button is at its foot): bring it into view.
  useEffect(() => {
    if (error) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [error]);
  if (!error) return null;
  if (!isApiError(error) || !['RULE_VIOLATION', 'INVALID_TRANSITION', 'CALENDAR_MISSING'].includes(error.code)) return <ErrorAlert error={error} />;
  const citation = typeof error.details?.citation === 'string' ? error.details.citation : undefined;
  const allowed = Array.isArray(error.details?.allowedActions) ? (error.details.allowedActions as string[]) : null;
  const refusals = (Array.isArray(error.details?.refusals) ? (error.details.refusals as CaseRefusal[]) : []).slice(1);
  return (
    <div ref={ref}>
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="action-error"
      data-code={error.code}
      title={<span data-testid="action-error-message">{error.localized(locale)}</span>}
      description={
        <div style={{ overflowWrap: 'anywhere' }}>
          {citation ? <div data-testid="action-error-citation">{zh(`依据：${citation}`, `Basis: ${citation}`)}</div> : null}
          {allowed ? <div>{zh('当前可办理：', 'Allowed now: ') + (allowed.map((a) => (labels[a] ? zh(labels[a]!.zh, labels[a]!.en) : a)).join('、') || '—')}</div> : null}
          {refusals.length ? (
            <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }}>
              {refusals.map((r, i) => (
                <li key={i}>
                  {zh(r.messageZh, r.message)}
                  {r.citation ? `（${r.citation}）` : ''}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      }
    />
    </div>
  );
}

export interface ProcedureEvent {
  id: number;
  seq: number;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actorName: string | null;
  actorRole: string;
  payload: Record<string, unknown>;
  occurredAt: string;
}

/** The append-only history: each step, who took it and when, with the reason it carried. */
export function ProcedureTimeline({ events, labels, kind }: { events: UseQueryResult<ProcedureEvent[]>; labels: Record<string, Bi>; kind: 'inspection' | 'coercion' }) {
  const zh = useZh();
  return (
    <Card size="small" title={zh('办理记录', 'History')} data-testid="procedure-timeline">
      {events.isPending ? (
        <Skeleton active />
      ) : events.isError ? (
        <ErrorAlert error={events.error} />
      ) : events.data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Timeline
          items={events.data.map((e) => {
            const p = e.payload;
            const note = [p.reason, p.urgencyReason, p.notes, p.releaseReason, p.penaltyDecisionRef, p.extensionReasons].filter((x): x is string => typeof x === 'string' && x.length > 0).join(' · ');
            return {
              key: e.id,
              content: (
                <div data-testid="timeline-event" data-action={e.action}>
                  <Typography.Text strong>{labels[e.action] ? zh(labels[e.action]!.zh, labels[e.action]!.en) : e.action}</Typography.Text>{' '}
                  <ProcedureStatusTag kind={kind} status={e.toStatus} />
                  <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>
                    {fmtDateTime(e.occurredAt)} · {e.actorName ?? e.actorRole}
                  </div>
                  {note ? <div style={{ overflowWrap: 'anywhere' }}>{note}</div> : null}
                </div>
              ),
            };
          })}
        />
      )}
    </Card>
  );
}

/** The server's notices (must release, report overdue, annual cap…) with their citations. */
export function NoticesAlert({ notices }: { notices: { kind: string; message: string; messageZh: string; citation: string }[] }) {
  const zh = useZh();
  if (notices.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="procedure-notices"
      title={zh('提示', 'Notices')}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {notices.map((n, i) => (
            <li key={i} data-notice={n.kind}>
              {zh(n.messageZh, n.message)}（{n.citation}）
            </li>
          ))}
        </ul>
      }
    />
  );
}

export type ProcedureDeadline = CaseDeadline;
