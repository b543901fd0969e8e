import { AV_STAGES } from '@zhifa/domain';
import { Card, Descriptions, Empty, Skeleton, Space, Steps, Table, Tabs, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import type { DiscretionTier, Exemption, Item, LegalBasis } from '../../../api/types.ts';
import { Permission, useCan } from '../../../auth/auth.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { HistoryView } from '../../../components/HistoryView.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { BackButton, RecordActions, WithdrawModal } from '../../../components/RecordActions.tsx';
import { PublishedTag } from '../../../components/StatusTags.tsx';
import { WithdrawnNotice } from '../../../components/WithdrawnNotice.tsx';
import { useLocale, useT } from '../../../i18n/index.tsx';
import { dash, fmtDate, fmtDateTime, fmtMoney } from '../../../lib/format.ts';
import { useLabels } from '../../../lib/labels.ts';
import { useRegistryRecord } from '../../../lib/registry.ts';
import { usePublishWithdraw } from '../../../lib/usePublishWithdraw.ts';
import { TIER_COLOR } from './ItemsPage.tsx';

/** The item's procedure as a vertical Steps (流程图). */
export function Flowchart({ steps }: { steps: Item['flowchart'] }) {
  const t = useT();
  if (!steps.length) return <Empty description={t('item.noFlowchart')} />;
  return (
    <div data-testid="item-flowchart">
      <Steps orientation="vertical" current={-1} items={steps.map((s, i) => ({ title: s.step, content: s.description, status: 'process' as const, key: i }))} />
    </div>
  );
}

export default function ItemDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const { locale } = useLocale();
  const labels = useLabels();
  const can = useCan();
  const q = useRegistryRecord<Item>('items', id);
  const actions = usePublishWithdraw<Item>('items');
  if (q.isPending) return <Skeleton active />;
  if (q.isError) return <ErrorAlert error={q.error} />;
  const it = q.data;
  const canWrite = can(Permission.REGISTRY_WRITE_AGENCY) && !it.withdrawnAt;
  const money = (v: number | null | undefined) => (v == null ? '—' : `${fmtMoney(v, locale)} ${t('common.yuan')}`);
  const sg = it.serviceGuide;

  return (
    <div data-testid="item-detail">
      <PageHeader
        title={
          <Space wrap>
            <BackButton to={-1} />
            <Typography.Text type="secondary">{it.code}</Typography.Text>
            <span data-testid="item-name">{it.name}</span>
            <Tag color="geekblue">{labels.category(it.category)}</Tag>
            <PublishedTag published={it.published} withdrawnAt={it.withdrawnAt} />
          </Space>
        }
        extra={canWrite ? <RecordActions actions={actions} record={it} testIdPrefix="item" withdrawLabel={t('item.abolish')} /> : null}
      />
      <WithdrawnNotice withdrawnAt={it.withdrawnAt} reason={it.withdrawReason} />
      <Card size="small">
        <Tabs
          items={[
            {
              key: 'info',
              label: t('common.basicInfo'),
              children: (
                <Descriptions
                  bordered
                  size="small"
                  column={{ xs: 1, md: 2 }}
                  items={[
                    { key: 'code', label: t('item.code'), children: it.code },
                    { key: 'name', label: t('common.name'), children: it.name },
                    { key: 'category', label: t('item.category'), children: labels.category(it.category) },
                    { key: 'sector', label: t('common.sector'), children: labels.sector(it.sector) },
                    {
                      key: 'subjects',
                      label: t('item.subjects'),
                      span: 'filled',
                      children: (
                        <Space wrap>
                          {it.subjectIds.map((sid, i) => (
                            <Link key={sid} to={`/admin/subjects/${sid}`}>
                              {it.subjectNames[i] ?? sid}
                            </Link>
                          ))}
                        </Space>
                      ),
                    },
                    { key: 'random', label: t('item.randomInspection'), children: it.randomInspection ? <Tag color="blue">{t('common.yes')}</Tag> : t('common.no') },
                    { key: 'status', label: t('common.status'), children: labels.enumText('itemStatus', it.status) },
                    { key: 'version', label: t('common.version'), children: `v${it.version} · ${fmtDateTime(it.updatedAt)}` },
                  ]}
                />
              ),
            },
            {
              key: 'legal',
              label: `${t('item.legalBasis')} (${it.legalBasis.length})`,
              children: (
                <Table<LegalBasis & { key: number }>
                  rowKey="key"
                  size="small"
                  pagination={false}
                  scroll={{ x: 800 }}
                  dataSource={it.legalBasis.map((b, i) => ({ ...b, key: i }))}
                  expandable={{ expandedRowRender: (b) => <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{b.text || '—'}</Typography.Paragraph>, rowExpandable: (b) => !!b.text }}
                  columns={[
                    { title: t('item.law'), dataIndex: 'law' },
                    { title: t('item.article'), dataIndex: 'article', width: 120 },
                    { title: t('item.lawVersion'), dataIndex: 'version', width: 110 },
                    { title: t('item.effective'), key: 'eff', width: 220, render: (_, b) => `${fmtDate(b.effectiveFrom)} ~ ${b.effectiveTo ? fmtDate(b.effectiveTo) : t('item.inForce')}` },
                  ]}
                />
              ),
            },
            { key: 'flow', label: t('item.flowchart'), children: <Flowchart steps={it.flowchart} /> },
            {
              key: 'guide',
              label: t('item.serviceGuide'),
              children: sg ? (
                <Descriptions
                  bordered
                  size="small"
                  column={1}
                  items={[
                    { key: 'cond', label: t('item.guide.conditions'), children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{dash(sg.conditions)}</Typography.Paragraph> },
                    {
                      key: 'materials',
                      label: t('item.guide.materials'),
                      children: sg.materials.length ? (
                        <ol style={{ margin: 0, paddingInlineStart: 18 }}>
                          {sg.materials.map((m) => (
                            <li key={m}>{m}</li>
                          ))}
                        </ol>
                      ) : (
                        '—'
                      ),
                    },
                    {
                      key: 'limit',
                      label: t('item.guide.timeLimit'),
                      children: sg.timeLimitDays ? t('item.guide.days', { n: sg.timeLimitDays, type: labels.enumText('dayType', sg.timeLimitDayType ?? 'WORKING') }) : '—',
                    },
                    { key: 'fees', label: t('item.guide.fees'), children: dash(sg.fees) },
                    { key: 'office', label: t('item.guide.office'), children: dash(sg.office) },
                  ]}
                />
              ) : (
                <Empty />
              ),
            },
            {
              key: 'discretion',
              label: `${t('item.discretionTiers')} (${it.discretionTiers.length})`,
              children: (
                <Space orientation="vertical" style={{ width: '100%' }}>
                  <Table<DiscretionTier & { key: number }>
                    rowKey="key"
                    size="small"
                    pagination={false}
                    scroll={{ x: 800 }}
                    dataSource={it.discretionTiers.map((x, i) => ({ ...x, key: i }))}
                    columns={[
                      { title: t('item.tier.level'), dataIndex: 'level', width: 100, render: (v: string) => <Tag color={TIER_COLOR[v] ?? 'default'}>{labels.enumText('tierLevel', v)}</Tag> },
                      { title: t('item.tier.circumstance'), dataIndex: 'circumstance' },
                      { title: t('item.tier.penaltyTypes'), dataIndex: 'penaltyTypes', width: 200, render: (v: string[]) => v.map((p) => labels.penaltyType(p)).join('、') },
                      { title: t('item.tier.fineRange'), key: 'range', width: 180, render: (_, x) => (x.fineMin == null && x.fineMax == null ? '—' : `${money(x.fineMin)} ~ ${money(x.fineMax)}`) },
                      { title: t('common.description'), dataIndex: 'description', render: dash },
                    ]}
                  />
                  <Typography.Title level={5}>{t('item.exemptions')}</Typography.Title>
                  <Table<Exemption & { key: number }>
                    rowKey="key"
                    size="small"
                    pagination={false}
                    dataSource={it.exemptions.map((x, i) => ({ ...x, key: i }))}
                    columns={[
                      { title: t('item.exemption.kind'), dataIndex: 'kind', width: 140, render: (v: string) => labels.enumText('exemptionKind', v) },
                      { title: t('item.tier.circumstance'), dataIndex: 'circumstance' },
                      { title: t('item.exemption.conditions'), dataIndex: 'conditions' },
                    ]}
                  />
                </Space>
              ),
            },
            {
              key: 'av',
              label: t('item.avRequirements'),
              children: (
                <Table
                  rowKey="stage"
                  size="small"
                  pagination={false}
                  dataSource={AV_STAGES.map((stage) => ({ stage, req: it.avRequirements[stage] ?? 'none' }))}
                  columns={[
                    { title: t('item.av.stage'), dataIndex: 'stage', render: (v: string) => labels.avStage(v) },
                    {
                      title: t('item.av.requirement'),
                      dataIndex: 'req',
                      render: (v: string) => <Tag color={v === 'required' ? 'red' : v === 'optional' ? 'blue' : 'default'}>{labels.enumText('avRequirement', v)}</Tag>,
                    },
                  ]}
                />
              ),
            },
            {
              key: 'major',
              label: t('item.majorAndHearing'),
              children: (
                <Descriptions
                  bordered
                  size="small"
                  column={1}
                  items={[
                    {
                      key: 'major',
                      label: t('item.majorCriteria'),
                      children: it.majorCriteria ? (
                        <Space orientation="vertical" size={2}>
                          <span>{it.majorCriteria.penaltyTypes.map((p) => labels.penaltyType(p)).join('、') || '—'}</span>
                          {it.majorCriteria.fineAtLeast != null ? <span>{t('item.fineAtLeast', { n: money(it.majorCriteria.fineAtLeast) })}</span> : null}
                          {it.majorCriteria.confiscationAtLeast != null ? <span>{t('item.confiscationAtLeast', { n: money(it.majorCriteria.confiscationAtLeast) })}</span> : null}
                          {it.majorCriteria.other.map((o) => (
                            <span key={o}>{o}</span>
                          ))}
                        </Space>
                      ) : (
                        t('item.notMajor')
                      ),
                    },
                    {
                      key: 'hearing',
                      label: t('item.hearingThresholds'),
                      children: it.hearingThresholds ? (
                        <Space orientation="vertical" size={2}>
                          <span>{t('item.hearing.individual', { n: money(it.hearingThresholds.fineIndividualAtLeast) })}</span>
                          <span>{t('item.hearing.organisation', { n: money(it.hearingThresholds.fineOrganisationAtLeast) })}</span>
                          <span>{t('item.confiscationAtLeast', { n: money(it.hearingThresholds.confiscationAtLeast) })}</span>
                          <span>{it.hearingThresholds.penaltyTypes.map((p) => labels.penaltyType(p)).join('、')}</span>
                        </Space>
                      ) : (
                        t('item.hearing.default')
                      ),
                    },
                  ]}
                />
              ),
            },
            { key: 'history', label: t('common.history'), children: <HistoryView path={`/items/${it.id}/history`} /> },
          ]}
        />
      </Card>
      <WithdrawModal actions={actions} record={it} label={t('item.abolish')} />
    </div>
  );
}
