import { BarChart as EBar } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactECharts from 'echarts-for-react/esm/core';
import { useMemo } from 'react';

// Only the parts of ECharts the dashboard uses (keeps the chart chunk small).
echarts.use([EBar, GridComponent, TooltipComponent, CanvasRenderer]);

export interface BarDatum {
  name: string;
  value: number;
}

/** A horizontal-label bar chart (ECharts). */
export function BarChart({ data, height = 320, color = '#1f4e9c', seriesName }: { data: BarDatum[]; height?: number; color?: string; seriesName: string }) {
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: data.map((d) => d.name), axisLabel: { interval: 0, rotate: data.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ name: seriesName, type: 'bar', data: data.map((d) => d.value), itemStyle: { color }, barMaxWidth: 36, label: { show: true, position: 'top' } }],
    }),
    [data, color, seriesName],
  );
  return (
    <div data-testid="bar-chart">
      <ReactECharts echarts={echarts} option={option} style={{ height }} notMerge lazyUpdate />
    </div>
  );
}
