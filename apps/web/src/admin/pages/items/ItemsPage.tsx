import { PlusOutlined } from '@ant-design/icons';
import { Button, Input, Select, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useNavigate } from 'react-router-dom';
import type { Item } from '../../../api/types.ts';
import { Permission, useCan } from '../../../auth/auth.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { ImportExportBar } from '../../../components/ImportExportBar.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { RegistryTable } from '../../../components/RegistryTable.tsx';
import { SubjectSelect } from '../../../components/RemoteSelects.tsx';
import { PublishedTag } from '../../../components/StatusTags.tsx';
import { useLocale, useT, type MessageKey } from '../../../i18n/index.tsx';
import { fmtMoney } from '../../../lib/format.ts';
import { useLabels } from '../../../lib/labels.ts';
import { useRegistryList } from '../../../lib/registry.ts';
import { useListParams } from '../../../lib/useListParams.ts';

export type ItemList = 'random' | 'av' | 'major' | 'discretion';
const FILTERS = ['q', 'category', 'sector', 'subjectId'] as const;

const TITLES: Record<ItemList | 'all', { title: MessageKey; hint: MessageKey }> = {
  all: { title: 'nav.items', hint: 'item.listHint' },
  random: { title: 'nav.items.random', hint: 'item.list.randomHint' },
  av: { title: 'nav.items.av', hint: 'item.list.avHint' },
  major: { title: 'nav.items.major', hint: 'item.list.majorHint' },
  discretion: { title: 'nav.items.discretion', hint: 'item.list.discretionHint' },
};

export const TIER_COLOR: Record<string, string> = { exempt: 'green', light: 'cyan', general: 'blue', serious: 'red' };

/** 执法事项清单 and its sub-lists (随机抽查 / 音像记录 / 重大执法决定法制审核 / 裁量基准). */
export default function ItemsPage({ list }: { list?: ItemList }) {
  const t = useT();
  const { locale } = useLocale();
  const labels = useLabels();
  const can = useCan();
  const navigate = useNavigate();
  const canWrite = can(Permission.REGISTRY_WRITE_AGENCY);
  const lp = useListParams(FILTERS);
  const f = lp.filters;
  const query = { ...lp.query, list };
  const q = useRegistryList<Item>('items', query);
  const meta = TITLES[list ?? 'all'];

  const extraColumns: ColumnsType<Item> =
    list === 'av'
      ? [
          {
            title: t('item.avRequirements'),
            key: 'av',
            render: (_, r) => (
              <Space size={[4, 4]} wrap>
                {Object.entries(r.avRequirements).map(([stage, req]) => (
                  <Tag key={stage} color={req === 'required' ? 'red' : 'default'}>
                    {labels.avStage(stage)} · {labels.enumText('avRequirement', req)}
                  </Tag>
                ))}
              </Space>
            ),
          },
        ]
      : list === 'major'
        ? [
            {
              title: t('item.majorCriteria'),
              key: 'major',
              render: (_, r) =>
                r.majorCriteria ? (
                  <Space size={[4, 4]} wrap>
                    {r.majorCriteria.penaltyTypes.map((p) => (
                      <Tag key={p}>{labels.penaltyType(p)}</Tag>
                    ))}
                    {r.majorCriteria.fineAtLeast != null ? <Tag color="orange">{t('item.fineAtLeast', { n: fmtMoney(r.majorCriteria.fineAtLeast, locale) })}</Tag> : null}
                    {r.majorCriteria.confiscationAtLeast != null ? <Tag color="orange">{t('item.confiscationAtLeast', { n: fmtMoney(r.majorCriteria.confiscationAtLeast, locale) })}</Tag> : null}
                    {r.majorCriteria.other.map((o) => (
                      <Typography.Text key={o} type="secondary">
                        {o}
                      </Typography.Text>
                    ))}
                  </Space>
                ) : (
                  '—'
                ),
            },
          ]
        : list === 'discretion'
          ? [
              {
                title: t('item.discretionTiers'),
                key: 'tiers',
                render: (_, r) => (
                  <Space size={[4, 4]} wrap>
                    {r.discretionTiers.map((tier, i) => (
                      <Tag key={i} color={TIER_COLOR[tier.level] ?? 'default'}>
                        {labels.enumText('tierLevel', tier.level)}
                        {tier.fineMin != null || tier.fineMax != null ? ` ${fmtMoney(tier.fineMin, locale)}–${fmtMoney(tier.fineMax, locale)}` : ''}
                      </Tag>
                    ))}
                  </Space>
                ),
              },
            ]
          : list === 'random'
            ? [{ title: t('item.randomInspection'), key: 'random', width: 120, render: () => <Tag color="blue">{t('common.yes')}</Tag> }]
            : [];

  return (
    <div data-testid={`items-page${list ? `-${list}` : ''}`}>
      <PageHeader
        title={t(meta.title)}
        sub={t(meta.hint)}
        extra={
          <>
            <ImportExportBar kind="items" filters={query} canImport={canWrite} />
            {canWrite ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/admin/items/new')} data-testid="item-create">
                {t('item.create')}
              </Button>
            ) : null}
          </>
        }
      />
      <div className="zf-filters">
        <Input.Search allowClear placeholder={t('item.searchPlaceholder')} defaultValue={f.q} onSearch={(v) => lp.setFilters({ q: v })} style={{ maxWidth: 260 }} data-testid="filter-q" />
        <Select allowClear placeholder={t('item.category')} value={f.category} onChange={(v) => lp.setFilters({ category: v })} options={labels.options.category} style={{ width: 150 }} data-testid="filter-category" />
        <Select allowClear placeholder={t('common.sector')} value={f.sector} onChange={(v) => lp.setFilters({ sector: v })} options={labels.options.sector} style={{ width: 170 }} showSearch={{ optionFilterProp: 'label' }} data-testid="filter-sector" />
        <SubjectSelect value={f.subjectId ?? null} onChange={(v) => lp.setFilters({ subjectId: v })} style={{ width: 240 }} testId="filter-subject" />
        <Button onClick={lp.reset}>{t('common.resetFilters')}</Button>
      </div>
      {q.isError ? <ErrorAlert error={q.error} /> : null}
      <RegistryTable<Item>
        list={q}
        lp={lp}
        rowTestId="item-row"
        scroll={{ x: 1100 }}
        columns={[
          { title: t('item.code'), dataIndex: 'code', width: 150, fixed: 'left' },
          {
            title: t('common.name'),
            dataIndex: 'name',
            width: 260,
            render: (v: string, r) => (
              <Link to={`/admin/items/${r.id}`} data-testid="item-link">
                {v}
              </Link>
            ),
          },
          { title: t('item.category'), dataIndex: 'category', width: 110, render: (v: string) => <Tag color="geekblue">{labels.category(v)}</Tag> },
          { title: t('common.sector'), dataIndex: 'sector', width: 120, render: (v: string) => labels.sector(v) },
          { title: t('item.subjects'), dataIndex: 'subjectNames', width: 220, ellipsis: true, render: (v: string[]) => v.join('、') || '—' },
          ...extraColumns,
          { title: t('common.status'), dataIndex: 'status', width: 90, render: (v: string) => <Tag color={v === 'active' ? 'green' : 'default'}>{labels.enumText('itemStatus', v)}</Tag> },
          { title: t('common.publishStatus'), key: 'pub', width: 100, render: (_, r) => <PublishedTag published={r.published} withdrawnAt={r.withdrawnAt} /> },
        ]}
      />
    </div>
  );
}
