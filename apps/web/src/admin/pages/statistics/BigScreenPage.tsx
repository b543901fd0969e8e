import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import { StatsChart } from '../../../components/statistics/StatsChart.tsx';
import { useServerNow, useServerToday } from '../../../lib/useServerToday.ts';
import { KIND_LABELS, pct, useZhEn, yuan, type AgencyRow, type CategoryRow, type Overview, type RegionsOut, type SeriesOut } from './statistics.ts';

const REFRESH_MS = 30_000;
const AXIS = { axisLine: { lineStyle: { color: '#4a6a9a' } }, axisLabel: { color: '#cfe3ff' }, splitLine: { lineStyle: { color: '#1d3358' } } };

/**
 * 大屏: the same statistics API in a full-screen dark layout for a wall display — no menu, refreshed every 30 seconds,
 * the current year of the caller's scope. Agency-level figures only (行政处罚法 Art.74).
 */
export default function BigScreenPage() {
  const L = useZhEn();
  const today = useServerToday();
  const year = today?.year() ?? new Date().getFullYear();
  const q = { from: `${year}-01-01`, to: today?.format('YYYY-MM-DD') ?? `${year}-12-31` };
  const opts = { enabled: !!today, refetchInterval: REFRESH_MS, refetchIntervalInBackground: true };
  const overview = useQuery({ queryKey: ['bigscreen', 'overview', q], ...opts, queryFn: ({ signal }) => api.get<Overview>('/statistics/overview', q, signal) });
  const regions = useQuery({ queryKey: ['bigscreen', 'regions', q], ...opts, retry: false, queryFn: ({ signal }) => api.get<RegionsOut>('/statistics/regions', q, signal) });
  const agencies = useQuery({ queryKey: ['bigscreen', 'agencies', q], ...opts, queryFn: ({ signal }) => api.get<{ items: AgencyRow[] }>('/statistics/agencies', q, signal) });
  const series = useQuery({ queryKey: ['bigscreen', 'series', q], ...opts, queryFn: ({ signal }) => api.get<SeriesOut>('/statistics/series', { ...q, granularity: 'month' }, signal) });
  const categories = useQuery({ queryKey: ['bigscreen', 'categories', q], ...opts, queryFn: ({ signal }) => api.get<{ items: CategoryRow[] }>('/statistics/categories', q, signal) });
  // The wall clock shows the server's time (the figures are as of its clock), ticking on from its last answer.
  const serverNow = useServerNow();
  const serverMs = serverNow?.valueOf() ?? null;
  const offsetMs = useMemo(() => (serverMs === null ? null : serverMs - Date.now()), [serverMs]);
  const [clock, setClock] = useState<Date | null>(null);
  useEffect(() => {
    if (offsetMs === null) return;
    setClock(new Date(Date.now() + offsetMs));
    const t = setInterval(() => setClock(new Date(Date.now() + offsetMs)), 1000);
    return () => clearInterval(t);
  }, [offsetMs]);
  const c = overview.data?.counters;
  const m = overview.data?.metrics;
  const regionOption = useMemo(() => {
    const rows = regions.data?.children ?? [];
    return { tooltip: { trigger: 'axis' }, grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true }, xAxis: { type: 'category', data: rows.map((r) => r.name), ...AXIS }, yAxis: { type: 'value', minInterval: 1, ...AXIS }, series: [{ type: 'bar', data: rows.map((r) => r.counters.opened), itemStyle: { color: '#39a0ff' }, label: { show: true, position: 'top', color: '#cfe3ff' } }] };
  }, [regions.data]);
  const seriesOption = useMemo(() => {
    const pts = series.data?.points ?? [];
    return { tooltip: { trigger: 'axis' }, legend: { top: 0, textStyle: { color: '#cfe3ff' } }, grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true }, xAxis: { type: 'category', data: pts.map((p) => p.bucket), ...AXIS }, yAxis: { type: 'value', minInterval: 1, ...AXIS }, series: [{ name: L('立案/受理', 'Opened'), type: 'line', smooth: true, areaStyle: { opacity: 0.15 }, data: pts.map((p) => p.counters.opened) }, { name: L('决定/办结', 'Decided'), type: 'line', smooth: true, data: pts.map((p) => p.counters.decided) }] };
  }, [series.data, L]);
  const kindOption = useMemo(() => {
    const byKind = new Map<string, number>();
    for (const r of categories.data?.items ?? []) byKind.set(r.kind, (byKind.get(r.kind) ?? 0) + r.counters.opened);
    return { tooltip: { trigger: 'item' }, legend: { bottom: 0, textStyle: { color: '#cfe3ff' } }, series: [{ type: 'pie', radius: ['45%', '70%'], label: { color: '#cfe3ff' }, data: [...byKind.entries()].map(([k, v]) => ({ name: KIND_LABELS[k] ? L(KIND_LABELS[k][0], KIND_LABELS[k][1]) : k, value: v })) }] };
  }, [categories.data, L]);
  const kpis: [string, string | number][] = [
    [L('立案/受理', 'Opened'), c?.opened ?? '—'],
    [L('决定/办结', 'Decided'), c?.decided ?? '—'],
    [L('罚款总额（元）', 'Fines (yuan)'), c ? yuan(c.fineTotal) : '—'],
    [L('法制审核率', 'Legal review'), m ? pct(m.reviewCoverage) : '—'],
    [L('按期公示率', 'Published on time'), m ? pct(m.publicationOnTimeRate) : '—'],
    [L('逾期未公示', 'Overdue publications'), m?.publicationOverdue ?? '—'],
  ];
  return (
    <div className="zf-bigscreen" data-testid="big-screen" style={{ position: 'fixed', inset: 0, overflow: 'auto', background: 'radial-gradient(ellipse at top, #0d2348 0%, #050b18 70%)', color: '#e6f0ff', padding: '16px 24px', fontFamily: 'system-ui, "Noto Sans CJK SC", sans-serif' }}>
      <header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', borderBottom: '1px solid #1d3a66', paddingBottom: 8 }}>
        <Link to="/admin/statistics" style={{ color: '#6f8fbf', fontSize: 13 }}>
          ← {L('返回驾驶舱', 'Back')}
        </Link>
        <h1 style={{ margin: 0, fontSize: 30, letterSpacing: 4, color: '#e6f0ff' }}>{L(`${year}年行政执法监督大屏`, `Enforcement supervision ${year}`)}</h1>
        <span style={{ fontVariantNumeric: 'tabular-nums', color: '#9fc3ff' }}>{clock?.toLocaleString('zh-CN', { hour12: false }) ?? ''}</span>
      </header>
      <section style={{ display: 'grid', gridTemplateColumns: 'repeat(6, 1fr)', gap: 12, margin: '16px 0' }}>
        {kpis.map(([k, v]) => (
          <div key={k} style={{ border: '1px solid #1d3a66', borderRadius: 6, padding: '12px 16px', background: 'rgba(20,50,100,0.35)' }}>
            <div style={{ color: '#9fc3ff', fontSize: 14 }}>{k}</div>
            <div style={{ fontSize: 32, fontWeight: 700, color: '#5ee0ff', fontVariantNumeric: 'tabular-nums' }} data-testid="big-kpi">
              {v}
            </div>
          </div>
        ))}
      </section>
      <section style={{ display: 'grid', gridTemplateColumns: '1.3fr 1fr 1fr', gap: 12 }}>
        <Panel title={L('各地区立案/受理', 'Opened by region')}>{(regions.data?.children.length ?? 0) > 0 ? <StatsChart dark option={regionOption} height={300} /> : <div style={{ padding: 24, color: '#6f8fbf' }}>{L('本机关视图', 'Agency view')}</div>}</Panel>
        <Panel title={L('执法行为构成', 'By kind')}>
          <StatsChart dark option={kindOption} height={300} />
        </Panel>
        <Panel title={L('执法机关（前十）', 'Agencies (top 10 by cases)')}>
          <table style={{ width: '100%', fontSize: 14, borderCollapse: 'collapse' }}>
            <tbody>
              {(agencies.data?.items ?? []).slice(0, 10).map((a) => (
                <tr key={a.agencyId} data-testid="big-agency" style={{ borderBottom: '1px solid #142a4d' }}>
                  <td style={{ padding: '4px 0' }}>{a.name}</td>
                  <td style={{ textAlign: 'right', color: '#5ee0ff' }}>{a.counters.opened}</td>
                  <td style={{ textAlign: 'right', color: '#9fc3ff', width: 70 }}>{pct(a.metrics.publicationOnTimeRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Panel>
        <div style={{ gridColumn: '1 / -1' }}>
          <Panel title={L('月度趋势', 'Monthly trend')}>
            <StatsChart dark option={seriesOption} height={260} />
          </Panel>
        </div>
      </section>
      <footer style={{ color: '#4f6d99', fontSize: 12, marginTop: 8 }}>{L('每30秒自动刷新；统计至执法机关，不按执法人员排名罚没款（行政处罚法第七十四条）。', 'Refreshes every 30 s; agency-level figures only (行政处罚法 Art.74).')}</footer>
    </div>
  );
}

function Panel({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div style={{ border: '1px solid #1d3a66', borderRadius: 6, padding: 12, background: 'rgba(10,30,70,0.45)' }}>
      <div style={{ color: '#9fc3ff', fontSize: 16, marginBottom: 8, borderLeft: '3px solid #39a0ff', paddingLeft: 8 }}>{title}</div>
      {children}
    </div>
  );
}
