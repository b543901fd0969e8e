import type { UseQueryResult } from '@tanstack/react-query';
import { PENALTY_ACTIONS, type PenaltyAction } from '@zhifa/domain';
import { Card, Empty, Skeleton, Timeline, Typography } from 'antd';
import type { CaseEvent, PenaltyContentOut } from '../../api/types.ts';
import { useLocale, useT } from '../../i18n/index.tsx';
import { fmtDateTime, fmtMoney } from '../../lib/format.ts';
import { ErrorAlert } from '../ErrorAlert.tsx';
import { ACTION_FORMS, FIELD_LABEL_KEYS } from './action-forms.ts';
import { enumText } from '../../lib/labels.ts';
import { useCaseLabels } from './useCaseLabels.ts';

const clip = (s: string, n = 140) => (s.length > n ? `${s.slice(0, n)}…` : s);

/** The payload fields worth reading in a timeline, as label → text (ids resolved to names where the case knows them). */
export function useEventSummary(names: Map<string, string>) {
  const t = useT();
  const { locale } = useLocale();
  const labels = useCaseLabels();
  return (e: CaseEvent): { key: string; label: string; value: string }[] => {
    const p = e.payload ?? {};
    const out: { key: string; label: string; value: string }[] = [];
    const overrides = (PENALTY_ACTIONS as string[]).includes(e.action) ? ACTION_FORMS[e.action as PenaltyAction].labels : undefined;
    const push = (key: keyof typeof FIELD_LABEL_KEYS | 'officerIds', value: string | null | undefined) => {
      if (!value) return;
      const labelKey = key === 'officerIds' ? 'case.officers' : (overrides?.[key] ?? FIELD_LABEL_KEYS[key]);
      out.push({ key, label: t(labelKey), value });
    };
    const str = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : undefined);
    if (Array.isArray(p.officerIds)) push('officerIds', (p.officerIds as string[]).map((id) => names.get(id) ?? id.slice(0, 8)).join('、'));
    if (str('reviewerId')) push('reviewerId', names.get(str('reviewerId')!) ?? str('reviewerId')!.slice(0, 8));
    if (str('findings')) push('findings', clip(str('findings')!));
    if (Array.isArray(p.evidenceSummary)) push('evidenceSummary', t('case.evidenceCount', { n: (p.evidenceSummary as unknown[]).length }));
    if (str('legalBasis')) push('legalBasis', clip(str('legalBasis')!));
    if (p.proposed && typeof p.proposed === 'object') push('proposed', labels.penalty(p.proposed as PenaltyContentOut));
    if (str('discretionTierLevel')) push('discretionTierLevel', enumText(t, 'tierLevel', str('discretionTierLevel')));
    if (str('justification')) push('justification', clip(str('justification')!));
    if (Array.isArray(p.checklist) && p.checklist.length > 0) {
      const rows = p.checklist as { result?: string }[];
      const n = (r: string) => rows.filter((x) => x.result === r).length;
      push('checklist', t('case.checklistSummary', { pass: n('pass'), fail: n('fail'), na: n('not_applicable') }));
    }
    if (str('opinion')) push('opinion', clip(str('opinion')!));
    if (str('serviceMethod')) push('serviceMethod', labels.serviceMethod(str('serviceMethod')));
    if (str('servedOn')) push('servedOn', str('servedOn'));
    if (p.statementWaiverSigned === true) push('statementWaiverSigned', t('common.yes'));
    if (str('decisionKind')) push('decisionKind', labels.decisionKind(str('decisionKind')));
    if (str('penaltyBasis')) push('penaltyBasis', clip(str('penaltyBasis')!));
    if (typeof p.paymentAmount === 'number') push('paymentAmount', `${fmtMoney(p.paymentAmount, locale)} ${t('common.yuan')}`);
    if (str('paymentReference')) push('paymentReference', str('paymentReference'));
    if (str('reason')) push('reason', clip(str('reason')!));
    return out;
  };
}

/** 办案过程: every accepted step from the append-only case events, oldest first, with who did it and what it recorded. */
export function CaseTimeline({ events, names }: { events: UseQueryResult<CaseEvent[]>; names: Map<string, string> }) {
  const t = useT();
  const labels = useCaseLabels();
  const summary = useEventSummary(names);
  return (
    <Card size="small" title={t('case.timeline')} data-testid="case-timeline">
      {events.isPending ? (
        <Skeleton active />
      ) : events.isError ? (
        <ErrorAlert error={events.error} />
      ) : events.data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Timeline
          items={[...events.data]
            .sort((a, b) => a.seq - b.seq)
            .map((e) => ({
              key: e.id,
              color: e.toStatus === 'terminated' || e.toStatus === 'transferred' || e.action === 'return_for_supplement' ? 'red' : e.toStatus === 'closed' || e.toStatus === 'archived' ? 'green' : 'blue',
              content: (
                <div data-testid="timeline-event" data-action={e.action} style={{ overflowWrap: 'anywhere' }}>
                  <Typography.Text strong>{labels.action(e.action)}</Typography.Text>
                  <Typography.Text type="secondary">
                    {' '}
                    {e.fromStatus ? `${labels.status(e.fromStatus)} → ` : ''}
                    {labels.status(e.toStatus)}
                  </Typography.Text>
                  <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>
                    {fmtDateTime(e.occurredAt)} · {e.actorName ? `${e.actorName}（${labels.role(e.actorRole)}）` : labels.role(e.actorRole)}
                  </div>
                  {summary(e).map((s) => (
                    <div key={s.key} style={{ fontSize: 13 }}>
                      <Typography.Text type="secondary">
                        {s.label}
                        {labels.colon}
                      </Typography.Text>
                      {s.value}
                    </div>
                  ))}
                </div>
              ),
            }))}
        />
      )}
    </Card>
  );
}
