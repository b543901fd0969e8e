import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Button, Card, Col, DatePicker, Empty, Row, Select, Space, Statistic, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api, downloadFile } from '../../../api/client.ts';
import { useAuth } from '../../../auth/auth.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { StatsChart } from '../../../components/statistics/StatsChart.tsx';
import { useServerToday } from '../../../lib/useServerToday.ts';
import { CATEGORY_LABELS, clean, KIND_LABELS, pct, useZhEn, yuan, type AgencyRow, type CategoryRow, type Filter, type Overview, type Panel, type RegionsOut, type SeriesOut } from './statistics.ts';

/**
 * 监督驾驶舱: the supervisor's dashboard over the statistics rollup — region drill-down, agency, category and period
 * filters, rates with "—" where there is nothing to divide by. Figures stop at the agency: there is no per-officer
 * view of fines (行政处罚法 Art.74; 国办发〔2022〕27号).
 */
export default function SupervisionDashboardPage() {
  const L = useZhEn();
  const me = useAuth();
  const today = useServerToday();
  const year = today?.year() ?? new Date().getFullYear();
  // A shared link may carry the period (?from=YYYY-MM-DD&to=YYYY-MM-DD); otherwise the server's current year.
  const [params] = useSearchParams();
  const linked = /^\d{4}-\d{2}-\d{2}$/.test(params.get('from') ?? '') && /^\d{4}-\d{2}-\d{2}$/.test(params.get('to') ?? '') ? ([params.get('from')!, params.get('to')!] as [string, string]) : null;
  const [range, setRange] = useState<[string, string] | null>(linked);
  const [trail, setTrail] = useState<{ path: string; name: string }[]>([]);
  const [agencyId, setAgencyId] = useState<string | undefined>();
  const [kind, setKind] = useState<string | undefined>();
  const [category, setCategory] = useState<string | undefined>();
  const [granularity, setGranularity] = useState<'day' | 'month' | 'quarter' | 'year'>('month');
  const isAgencyRole = me.scope.kind === 'agency';
  const from = range?.[0] ?? `${year}-01-01`;
  const to = range?.[1] ?? `${year}-12-31`;
  const regionPath = trail.at(-1)?.path;
  const filter: Filter = { from, to, ...(regionPath ? { regionPath } : {}), ...(agencyId ? { agencyId } : {}), ...(kind ? { kind } : {}), ...(category ? { category } : {}) };
  const q = clean(filter);
  const enabled = !!today;
  const overview = useQuery({ queryKey: ['stats', 'overview', q], enabled, queryFn: ({ signal }) => api.get<Overview>('/statistics/overview', q, signal) });
  const regions = useQuery({ queryKey: ['stats', 'regions', q], enabled: enabled && !isAgencyRole && !agencyId, queryFn: ({ signal }) => api.get<RegionsOut>('/statistics/regions', q, signal) });
  const agencies = useQuery({ queryKey: ['stats', 'agencies', q], enabled, queryFn: ({ signal }) => api.get<{ items: AgencyRow[] }>('/statistics/agencies', q, signal) });
  const series = useQuery({ queryKey: ['stats', 'series', q, granularity], enabled, queryFn: ({ signal }) => api.get<SeriesOut>('/statistics/series', { ...q, granularity }, signal) });
  const categories = useQuery({ queryKey: ['stats', 'categories', q], enabled, queryFn: ({ signal }) => api.get<{ items: CategoryRow[] }>('/statistics/categories', q, signal) });
  const panels = useQuery({ queryKey: ['stats', 'panels', q], enabled: enabled && (overview.data?.panels.length ?? 0) > 0, queryFn: ({ signal }) => api.get<{ items: Panel[] }>('/statistics/panels', q, signal) });

  const c = overview.data?.counters;
  const m = overview.data?.metrics;
  const label = (pair: [string, string] | undefined, fallback: string) => (pair ? L(pair[0], pair[1]) : fallback);

  const regionOption = useMemo(() => {
    const rows = regions.data?.children ?? [];
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: L('立案/受理', 'Opened'), type: 'bar', data: rows.map((r) => r.counters.opened), itemStyle: { color: '#1f4e9c' } },
        { name: L('决定/办结', 'Decided'), type: 'bar', data: rows.map((r) => r.counters.decided), itemStyle: { color: '#52a35c' } },
      ],
    };
  }, [regions.data, L]);
  const seriesOption = useMemo(() => {
    const pts = series.data?.points ?? [];
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: pts.map((p) => p.bucket) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: L('立案/受理', 'Opened'), type: 'line', smooth: true, data: pts.map((p) => p.counters.opened) },
        { name: L('决定/办结', 'Decided'), type: 'line', smooth: true, data: pts.map((p) => p.counters.decided) },
        { name: L('结案', 'Closed'), type: 'line', smooth: true, data: pts.map((p) => p.counters.closed) },
      ],
    };
  }, [series.data, L]);
  const kindOption = useMemo(() => {
    const byKind = new Map<string, number>();
    for (const r of categories.data?.items ?? []) byKind.set(r.kind, (byKind.get(r.kind) ?? 0) + r.counters.opened);
    return {
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [{ type: 'pie', radius: ['40%', '68%'], data: [...byKind.entries()].map(([k, v]) => ({ name: label(KIND_LABELS[k], k), value: v })) }],
    };
  }, [categories.data, L]);
  const pubOption = useMemo(
    () => ({
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['40%', '68%'],
          data: [
            { name: L('按期公示', 'On time'), value: c?.pubOnTime ?? 0, itemStyle: { color: '#52a35c' } },
            { name: L('逾期公示', 'Late'), value: c?.pubLate ?? 0, itemStyle: { color: '#e0a030' } },
            { name: L('逾期未公示', 'Overdue'), value: m?.publicationOverdue ?? 0, itemStyle: { color: '#c8322b' } },
            { name: L('依法不予公开', 'Excluded'), value: c?.pubExcluded ?? 0, itemStyle: { color: '#999' } },
          ],
        },
      ],
    }),
    [c, m, L],
  );

  const drillInto = (name: string) => {
    const child = regions.data?.children.find((r) => r.name === name);
    if (child) setTrail([...trail, { path: child.regionPath, name: child.name }]);
  };
  const rootName = isAgencyRole ? L('本机关', 'Own agency') : L('本辖区', 'My region');

  return (
    <div data-testid="supervision-dashboard">
      <PageHeader
        title={L('监督驾驶舱', 'Supervision dashboard')}
        extra={
          <Space wrap>
            <Link to="/admin/big-screen" data-testid="open-big-screen">
              <Button>{L('大屏展示', 'Big screen')}</Button>
            </Link>
            <Button data-testid="export-xlsx" onClick={() => void downloadFile('/statistics/export.xlsx', { year: Number(from.slice(0, 4)), ...(regionPath ? { regionPath } : {}) }, 'statistics.xlsx')}>
              {L('导出年度统计 Excel', 'Annual statistics (Excel)')}
            </Button>
            <Button onClick={() => void downloadFile('/statistics/export.pdf', { year: Number(from.slice(0, 4)), ...(regionPath ? { regionPath } : {}) }, 'statistics.pdf')}>PDF</Button>
          </Space>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Breadcrumb
            data-testid="region-trail"
            items={[{ title: <a onClick={() => setTrail([])}>{rootName}</a> }, ...trail.map((t, i) => ({ title: <a onClick={() => setTrail(trail.slice(0, i + 1))}>{t.name}</a> }))]}
          />
          <DatePicker.RangePicker
            aria-label={L('统计期间', 'Period')}
            value={[dayjs(from), dayjs(to)]}
            onChange={(v) => setRange(v && v[0] && v[1] ? [v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')] : null)}
            allowClear
          />
          {!isAgencyRole && (
            <Select
              data-testid="agency-filter"
              allowClear
              showSearch
              optionFilterProp="label"
              style={{ minWidth: 240 }}
              placeholder={L('执法机关', 'Agency')}
              value={agencyId}
              onChange={setAgencyId}
              options={(agencies.data?.items ?? []).map((a) => ({ value: a.agencyId, label: a.name }))}
            />
          )}
          <Select allowClear style={{ width: 140 }} placeholder={L('执法类别', 'Kind')} value={kind} onChange={setKind} options={Object.entries(KIND_LABELS).map(([k, v]) => ({ value: k, label: L(v[0], v[1]) }))} />
          <Select allowClear style={{ width: 140 }} placeholder={L('事项类别', 'Item category')} value={category} onChange={setCategory} options={Object.entries(CATEGORY_LABELS).map(([k, v]) => ({ value: k, label: L(v[0], v[1]) }))} />
        </Space>
      </Card>
      <ErrorAlert error={overview.error ?? regions.error ?? agencies.error} />
      <Row gutter={[12, 12]}>
        {[
          ['kpi-opened', L('立案/受理', 'Opened'), c?.opened],
          ['kpi-decided', L('决定/办结', 'Decided'), c?.decided],
          ['kpi-fines', L('罚款总额（元）', 'Fines (yuan)'), c ? yuan(c.fineTotal) : undefined],
          ['kpi-fine-avg', L('件均罚款（元）', 'Average fine'), m ? yuan(m.fineAverage) : undefined],
          ['kpi-review', L('重大决定法制审核率', 'Legal review of major decisions'), m ? pct(m.reviewCoverage) : undefined],
          ['kpi-av', L('音像记录覆盖率', 'AV coverage'), m ? pct(m.avCoverage) : undefined],
          ['kpi-pub', L('按期公示率', 'Published on time'), m ? pct(m.publicationOnTimeRate) : undefined],
          ['kpi-licence', L('许可按期办结率', 'Licences on time'), m ? pct(m.licenceOnTimeRate) : undefined],
          ['kpi-inspections', L('行政检查', 'Inspections'), c?.inspectionDone],
          ['kpi-problem', L('检查问题发现率', 'Inspection problem rate'), m ? pct(m.inspectionProblemRate) : undefined],
        ].map(([key, title, value]) => (
          <Col xs={12} md={8} lg={6} xl={4} key={key as string}>
            <Card size="small" data-testid={key as string}>
              <Statistic title={title as string} value={(value as string | number | undefined) ?? '—'} loading={overview.isPending} />
            </Card>
          </Col>
        ))}
        {(panels.data?.items ?? []).map((p) => (
          <Col xs={12} md={8} lg={6} xl={4} key={p.key}>
            <Card size="small" data-testid={`panel-${p.key}`}>
              <Statistic title={L(p.label.zh, p.label.en)} value={p.value ?? '—'} suffix={p.unit} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        {!isAgencyRole && !agencyId && (
          <Col xs={24} lg={14}>
            <Card size="small" title={L('按地区（点击下钻）', 'By region (click to drill down)')}>
              {(regions.data?.children.length ?? 0) > 0 ? <StatsChart option={regionOption} onClick={drillInto} testId="region-chart" /> : <Empty description={L('本级以下无数据', 'No sub-regions with data')} />}
              <Table
                size="small"
                rowKey="regionPath"
                pagination={false}
                data-testid="region-table"
                dataSource={regions.data?.children ?? []}
                onRow={(r) => ({ onClick: () => drillInto(r.name), style: { cursor: 'pointer' } })}
                columns={[
                  { title: L('地区', 'Region'), dataIndex: 'name' },
                  { title: L('立案/受理', 'Opened'), render: (_, r) => r.counters.opened },
                  { title: L('决定', 'Decided'), render: (_, r) => r.counters.decided },
                  { title: L('法制审核率', 'Review'), render: (_, r) => pct(r.metrics.reviewCoverage) },
                  { title: L('逾期未公示', 'Overdue'), render: (_, r) => r.metrics.publicationOverdue },
                ]}
              />
            </Card>
          </Col>
        )}
        <Col xs={24} lg={isAgencyRole || agencyId ? 12 : 10}>
          <Card size="small" title={L('执法行为构成', 'By kind')}>
            <StatsChart option={kindOption} height={260} testId="kind-chart" />
          </Card>
        </Col>
        <Col xs={24} lg={isAgencyRole || agencyId ? 12 : 10}>
          <Card size="small" title={L('公示及时性', 'Publication timeliness')}>
            <StatsChart option={pubOption} height={260} testId="publication-chart" />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card
            size="small"
            title={L('趋势', 'Trend')}
            extra={
              <Select size="small" value={granularity} onChange={setGranularity} style={{ width: 96 }} options={[{ value: 'day', label: L('按日', 'Day') }, { value: 'month', label: L('按月', 'Month') }, { value: 'quarter', label: L('按季', 'Quarter') }, { value: 'year', label: L('按年', 'Year') }]} />
            }
          >
            <StatsChart option={seriesOption} testId="series-chart" />
          </Card>
        </Col>
        <Col xs={24}>
          <Card size="small" title={L('按执法机关', 'By agency')}>
            <Table
              size="small"
              rowKey="agencyId"
              data-testid="agency-table"
              dataSource={agencies.data?.items ?? []}
              pagination={{ pageSize: 10 }}
              onRow={(r) => ({ onClick: () => !isAgencyRole && setAgencyId(r.agencyId), style: { cursor: isAgencyRole ? undefined : 'pointer' } })}
              columns={[
                { title: L('执法机关', 'Agency'), dataIndex: 'name' },
                { title: L('立案/受理', 'Opened'), render: (_, r) => r.counters.opened },
                { title: L('决定/办结', 'Decided'), render: (_, r) => r.counters.decided },
                { title: L('罚款决定', 'Fines imposed'), render: (_, r) => r.counters.fineCount },
                { title: L('罚款总额', 'Fines'), render: (_, r) => yuan(r.counters.fineTotal) },
                { title: L('法制审核率', 'Review'), render: (_, r) => pct(r.metrics.reviewCoverage) },
                { title: L('按期公示率', 'Published on time'), render: (_, r) => pct(r.metrics.publicationOnTimeRate) },
                { title: L('逾期未公示', 'Overdue'), render: (_, r) => (r.metrics.publicationOverdue > 0 ? <Tag color="red">{r.metrics.publicationOverdue}</Tag> : 0) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={L('案件状态（期间内立案）', 'Status of what was opened in the period')}>
            <Table size="small" rowKey={(r) => `${r.kind}:${r.status}`} pagination={false} dataSource={overview.data?.statuses ?? []} columns={[{ title: L('类别', 'Kind'), render: (_, r) => label(KIND_LABELS[r.kind], r.kind) }, { title: L('状态', 'Status'), dataIndex: 'status' }, { title: L('数量', 'Count'), dataIndex: 'count' }]} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={L('简易程序与普通程序', 'Simplified vs ordinary')}>
            <Table size="small" rowKey="procedure" pagination={false} dataSource={overview.data?.procedures ?? []} columns={[{ title: L('程序', 'Procedure'), render: (_, r) => (r.procedure === 'simplified' ? L('简易程序', 'Simplified') : L('普通程序', 'Ordinary')) }, { title: L('立案', 'Opened'), dataIndex: 'opened' }, { title: L('决定', 'Decided'), dataIndex: 'decided' }]} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
