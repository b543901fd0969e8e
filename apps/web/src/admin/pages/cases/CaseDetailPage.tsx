import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { PenaltyAction } from '@zhifa/domain';
import { Alert, App, Card, Col, Descriptions, Empty, Grid, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import type { CaseContent, CaseEvent, PenaltyCase } from '../../../api/types.ts';
import { ActionFormDrawer } from '../../../components/cases/ActionFormDrawer.tsx';
import { CaseActionBar } from '../../../components/cases/CaseActionBar.tsx';
import { CaseDocuments } from '../../../components/cases/CaseDocuments.tsx';
import { CaseStatusTag } from '../../../components/cases/CaseStatusTag.tsx';
import { CaseTimeline } from '../../../components/cases/CaseTimeline.tsx';
import { DeadlinesCard } from '../../../components/cases/DeadlinesCard.tsx';
import { CaseEnforcementCard } from '../../../components/enforcement/CaseEnforcementCard.tsx';
import { ExecutionCard } from '../../../components/cases/ExecutionCard.tsx';
import { ProcedureDocuments } from '../../../components/cases/ProcedureDocuments.tsx';
import { EServiceCard } from '../../../components/cases/EServiceCard.tsx';
import { PreReviewCard } from '../../../components/cases/PreReviewCard.tsx';
import { ReviewChainCard } from '../../../components/cases/ReviewChainCard.tsx';
import { EvidencePanel } from '../../../components/cases/EvidencePanel.tsx';
import { useCaseLabels } from '../../../components/cases/useCaseLabels.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { CommandSourceLink } from '../../../components/command/ConvertPanel.tsx';
import { BackButton } from '../../../components/RecordActions.tsx';
import { CaseTransfersCard } from '../../../components/transfers/CaseTransfersCard.tsx';
import { useLocale, useT } from '../../../i18n/index.tsx';
import { dash, fmtDateTime, fmtMoney } from '../../../lib/format.ts';
import { enumText } from '../../../lib/labels.ts';
import '../../../components/cases/cases.css';

export const caseKey = (id: string) => ['cases', 'detail', id] as const;

/** 案件材料: what the steps recorded (findings, evidence, legal basis, review, service, payment), as the documents print it. */
function ContentCard({ content, names }: { content: CaseContent | undefined; names: Map<string, string> }) {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const { locale } = useLocale();
  const labels = useCaseLabels();
  const c = content ?? {};
  const items = [
    c.origin ? { key: 'origin', label: t('case.origin'), children: <Link to={`/admin/inspections/${c.origin.id}`} data-testid="case-origin">{t('case.originInspection')}</Link> } : null,
    c.findings ? { key: 'findings', label: t('caseField.findings'), children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{c.findings}</Typography.Paragraph> } : null,
    c.evidenceSummary?.length
      ? {
          key: 'evidence',
          label: t('caseField.evidenceSummary'),
          children: (
            <ol style={{ margin: 0, paddingInlineStart: 18 }}>
              {c.evidenceSummary.map((e, i) => (
                <li key={i}>{e}</li>
              ))}
            </ol>
          ),
        }
      : null,
    c.legalBasis ? { key: 'legalBasis', label: t('caseField.legalBasis'), children: c.legalBasis } : null,
    c.penaltyBasis ? { key: 'penaltyBasis', label: t('caseField.penaltyBasis'), children: c.penaltyBasis } : null,
    c.review
      ? {
          key: 'review',
          label: t('case.reviewOpinion'),
          children: (
            <div data-testid="case-review-opinion">
              <div>
                <Tag color={c.review.outcome === 'agree' ? 'green' : 'volcano'}>{labels.reviewOutcome(c.review.outcome)}</Tag>
                {c.review.on} · {c.review.reviewerId ? (names.get(c.review.reviewerId) ?? '') : ''}
              </div>
              <div style={{ whiteSpace: 'pre-wrap' }}>{c.review.opinion}</div>
              {c.review.checklist.length ? (
                <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }}>
                  {c.review.checklist.map((r) => (
                    <li key={r.key}>
                      {labels.checklistItem(r.key)}
                      {labels.colon}
                      <Typography.Text type={r.result === 'fail' ? 'danger' : undefined}>{labels.checklistResult(r.result)}</Typography.Text>
                      {r.comment ? `（${r.comment}）` : ''}
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          ),
        }
      : null,
    c.services?.length
      ? {
          key: 'services',
          label: t('case.services'),
          children: (
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {c.services.map((s, i) => (
                <li key={i}>
                  {s.servedOn} · {labels.serviceMethod(s.method)}
                </li>
              ))}
            </ul>
          ),
        }
      : null,
    c.payments?.length
      ? {
          key: 'payments',
          label: t('case.payments'),
          children: (
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {c.payments.map((p, i) => (
                <li key={i}>
                  {p.paidOn} · {fmtMoney(p.amount, locale)} {t('common.yuan')}
                  {p.method ? ` · ${enumText(t, 'paymentMethod', p.method)}` : ''}
                  {p.reference ? ` · ${p.reference}` : ''}
                  {p.receiptNo ? ` · ${p.receiptNo}` : ''}
                </li>
              ))}
            </ul>
          ),
        }
      : null,
    c.reasons?.length
      ? {
          key: 'reasons',
          label: t('case.reasons'),
          children: (
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {c.reasons.map((r, i) => (
                <li key={i}>
                  {r.on} · {labels.action(r.action)}
                  {labels.colon}
                  {r.reason}
                </li>
              ))}
            </ul>
          ),
        }
      : null,
  ].filter((x): x is NonNullable<typeof x> => x !== null);
  return (
    <Card size="small" title={t('case.materials')} data-testid="case-materials">
      {items.length ? <Descriptions bordered size="small" column={1} layout={screens.sm === false ? 'vertical' : 'horizontal'} items={items} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('case.noMaterials')} />}
    </Card>
  );
}

/**
 * 案件详情: who, what and where the case stands; the steps it can take now (from the server's available/refused
 * actions), each with its form; its time limits, its history and its documents. Everything stacks on a phone.
 */
export default function CaseDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const { locale } = useLocale();
  const labels = useCaseLabels();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [action, setAction] = useState<PenaltyAction | null>(null);
  const q = useQuery({ queryKey: caseKey(id), queryFn: ({ signal }) => api.get<PenaltyCase>(`/cases/${id}`, undefined, signal) });
  const events = useQuery({ queryKey: ['cases', 'events', id], queryFn: ({ signal }) => api.get<CaseEvent[]>(`/cases/${id}/events`, undefined, signal) });
  const pc = q.data;
  // Officer ids in events and the review resolved to the names the case carries.
  const names = useMemo(() => new Map([...(pc?.officers ?? []), ...(pc?.reviewer ? [pc.reviewer] : [])].map((p) => [p.id, p.name])), [pc]);

  if (q.isPending) return <Skeleton active />;
  if (q.isError || !pc) return <ErrorAlert error={q.error} />;

  const f = pc.facts;
  const person = (p: { name: string; certificateNo: string | null }) => `${p.name}${p.certificateNo ? `（${p.certificateNo}）` : ''}`;
  const identifier = pc.party.type === 'individual' ? pc.party.idNumber : pc.party.uscc;
  const onDone = (updated: PenaltyCase, a: PenaltyAction) => {
    qc.setQueryData(caseKey(id), updated);
    void qc.invalidateQueries({ queryKey: ['cases'], predicate: (query) => query.queryKey[1] !== 'detail' });
    void qc.invalidateQueries({ queryKey: ['parties'] });
    void message.success(t('case.actionDone', { action: labels.action(a) }));
    setAction(null);
  };

  return (
    <div data-testid="case-detail" className="zf-case-page" data-status={pc.status} data-version={pc.version}>
      <PageHeader
        title={
          <Space wrap size={8}>
            <BackButton to="/admin/cases" />
            <span data-testid="case-no">{pc.caseNo ?? t('case.noNumber')}</span>
            <CaseStatusTag status={pc.status} />
            {pc.isMajor ? <Tag color="red">{t('case.major')}</Tag> : null}
            {pc.hearingEntitled ? <Tag color="gold">{t('case.hearingEntitled')}</Tag> : null}
            <CommandSourceLink targetId={pc.id} />
          </Space>
        }
        sub={`${pc.party.name} · ${pc.itemName || pc.itemCode || ''}`}
      />
      <Card size="small" title={t('case.actions')} style={{ marginBottom: 12 }}>
        <CaseActionBar pc={pc} onAction={setAction} />
      </Card>
      <CaseTransfersCard caseId={pc.id} canTransfer={pc.availableActions.includes('transfer')} />
      {pc.notices.length ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('case.notices')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {pc.notices.map((n, i) => (
                <li key={i}>
                  {String((locale === 'zh-CN' ? n.messageZh : n.message) ?? n.kind ?? '')}
                  {typeof n.citation === 'string' ? `（${n.citation}）` : ''}
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={16}>
          <Card size="small" title={t('common.basicInfo')} data-testid="case-info">
            <Descriptions
              bordered
              size="small"
              // On a phone the label sits above its value, so neither is squeezed into a narrow column.
              layout={screens.sm === false ? 'vertical' : 'horizontal'}
              column={{ xs: 1, sm: 1, md: 2 }}
              items={[
                { key: 'no', label: t('case.caseNo'), children: dash(pc.caseNo) },
                { key: 'status', label: t('common.status'), children: <CaseStatusTag status={pc.status} testId="case-info-status" /> },
                {
                  key: 'party',
                  label: t('case.party'),
                  children: (
                    <div data-testid="case-party">
                      {pc.partyId ? <Link to={`/admin/parties/${pc.partyId}`}>{pc.party.name}</Link> : pc.party.name}
                      <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>
                        {labels.partyType(pc.party.type)} · {identifier}
                      </div>
                    </div>
                  ),
                },
                {
                  key: 'item',
                  label: t('case.item'),
                  children: <Link to={`/admin/items/${pc.itemId}`}>{[pc.itemCode, pc.itemName].filter(Boolean).join(' ') || t('common.view')}</Link>,
                },
                { key: 'agency', label: t('case.agency'), children: pc.agencyName ? <Link to={`/admin/subjects/${pc.agencyId}`}>{pc.agencyName}</Link> : '—' },
                {
                  key: 'officers',
                  label: t('case.officers'),
                  children: <span data-testid="case-officers">{pc.officers?.length ? pc.officers.map(person).join('、') : t('case.officerCount', { n: f.officerIds?.length ?? 0 })}</span>,
                },
                { key: 'reviewer', label: t('case.reviewer'), children: <span data-testid="case-reviewer">{pc.reviewer ? person(pc.reviewer) : '—'}</span> },
                {
                  key: 'violation',
                  label: t('case.violationOn'),
                  children: f.violation ? `${f.violation.committedOn}${f.violation.isContinuing ? ` · ${t('case.continuing')}` : f.violation.endedOn ? ` ~ ${f.violation.endedOn}` : ''}` : '—',
                },
                { key: 'discovered', label: t('case.discoveredOn'), children: dash(f.discoveredOn) },
                { key: 'filed', label: t('case.filedOn'), children: dash(f.filedOn) },
                { key: 'proposed', label: t('caseField.proposed'), children: <span data-testid="case-proposed">{labels.penalty(f.proposed)}</span> },
                ...(f.decidedOn ? [{ key: 'decided', label: t('case.decision'), children: `${labels.decisionKind(f.decisionKind)} · ${f.decidedOn}` }] : []),
                ...(f.isSuspectedCrime || f.involvesLifeHealthOrFinancialSafety || f.hasHarmfulConsequences
                  ? [
                      {
                        key: 'flags',
                        label: t('case.flags'),
                        children: (
                          <Space size={4} wrap>
                            {f.involvesLifeHealthOrFinancialSafety ? <Tag>{t('case.flag.safety')}</Tag> : null}
                            {f.hasHarmfulConsequences ? <Tag>{t('case.flag.harm')}</Tag> : null}
                            {f.isSuspectedCrime ? <Tag color="red">{t('case.flag.crime')}</Tag> : null}
                          </Space>
                        ),
                      },
                    ]
                  : []),
                { key: 'version', label: t('common.version'), children: `v${pc.version} · ${fmtDateTime(pc.updatedAt)}` },
              ]}
            />
          </Card>
          <div style={{ marginTop: 12 }}>
            <ContentCard content={pc.content} names={names} />
          </div>
        </Col>
        <Col xs={24} lg={8}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            {pc.execution ? <ExecutionCard execution={pc.execution} /> : null}
            {pc.execution ? <ProcedureDocuments subject="penalty_case" id={pc.id} refreshKey={pc.version} /> : null}
            {pc.reviewChain ? <ReviewChainCard rc={pc.reviewChain} /> : null}
            <DeadlinesCard deadlines={pc.deadlines} />
            <PreReviewCard caseId={pc.id} status={pc.status} version={pc.version} />
            <CaseDocuments caseId={pc.id} caseNo={pc.caseNo} documents={pc.documents} />
            <CaseEnforcementCard caseId={pc.id} />
            {pc.documents?.some((d) => d.kind === 'penalty_decision' || d.kind === 'no_penalty_decision') ? <EServiceCard caseId={pc.id} today={pc.today} onChanged={() => void q.refetch()} /> : null}
          </Space>
        </Col>
        <Col xs={24}>
          <EvidencePanel caseId={pc.id} onChanged={() => void q.refetch()} />
        </Col>
        <Col xs={24}>
          <CaseTimeline events={events} names={names} />
        </Col>
      </Row>
      <ActionFormDrawer pc={pc} action={action} onClose={() => setAction(null)} onDone={onDone} onReload={() => void q.refetch()} />
    </div>
  );
}
