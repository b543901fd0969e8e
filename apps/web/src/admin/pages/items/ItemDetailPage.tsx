import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { AV_STAGES } from '@zhifa/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Empty, Popconfirm, Skeleton, Space, Steps, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import type { DiscretionTier, Exemption, Item, LegalBasis } from '../../../api/types.ts';
import { Permission, useCan } from '../../../auth/auth.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { HistoryView } from '../../../components/HistoryView.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ReasonModal } from '../../../components/ReasonModal.tsx';
import { PublishedTag } from '../../../components/StatusTags.tsx';
import { WithdrawnNotice } from '../../../components/WithdrawnNotice.tsx';
import { useLocale, useT } from '../../../i18n/index.tsx';
import { useErrorText } from '../../../lib/errors.ts';
import { dash, fmtDate, fmtDateTime, fmtMoney } from '../../../lib/format.ts';
import { useLabels } from '../../../lib/labels.ts';
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
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [withdrawing, setWithdrawing] = useState(false);
  const q = useQuery({ queryKey: ['items', 'detail', id], queryFn: ({ signal }) => api.get<Item>(`/items/${id}`, undefined, signal) });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['items'] });
  const publish = useMutation({
    mutationFn: (x: Item) => api.post<Item>(`/items/${x.id}/publish`, { published: !x.published, version: x.version }),
    onSuccess: () => {
      void message.success(t('common.saved'));
      refresh();
    },
    onError: (e) => void message.error(errorText(e)),
  });
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
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('common.back')} />
            <Typography.Text type="secondary">{it.code}</Typography.Text>
            <span data-testid="item-name">{it.name}</span>
            <Tag color="geekblue">{labels.category(it.category)}</Tag>
            <PublishedTag published={it.published} withdrawnAt={it.withdrawnAt} />
          </Space>
        }
        extra={
          canWrite ? (
            <>
              <Popconfirm title={it.published ? t('common.unpublishConfirm') : t('common.publishConfirm')} onConfirm={() => publish.mutate(it)}>
                <Button loading={publish.isPending} data-testid="item-publish">
                  {it.published ? t('common.unpublish') : t('common.publish')}
                </Button>
              </Popconfirm>
              <Button icon={<EditOutlined />} onClick={() => navigate(`/admin/items/${it.id}/edit`)} data-testid="item-edit">
                {t('common.edit')}
              </Button>
              <Button danger onClick={() => setWithdrawing(true)} data-testid="item-withdraw">
                {t('item.abolish')}
              </Button>
            </>
          ) : null
        }
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
      <ReasonModal
        open={withdrawing}
        danger
        title={`${t('item.abolish')} · ${it.name}`}
        onCancel={() => setWithdrawing(false)}
        onSubmit={async (v) => {
          await api.post<void>(`/items/${it.id}/withdraw`, { reason: v.reason, version: it.version });
          void message.success(t('common.saved'));
          setWithdrawing(false);
          refresh();
        }}
      />
    </div>
  );
}
