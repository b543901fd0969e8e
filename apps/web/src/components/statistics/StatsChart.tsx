import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactECharts from 'echarts-for-react/esm/core';

// The parts of ECharts the supervision dashboards use (bar, line, pie), as BarChart.tsx does for the registry dashboard.
echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** An ECharts chart from an option object; `onClick` gets the clicked item's name (drill-down). */
export function StatsChart({ option, height = 300, onClick, testId, dark }: { option: Record<string, unknown>; height?: number; onClick?: (name: string) => void; testId?: string; dark?: boolean }) {
  return (
    <div data-testid={testId ?? 'stats-chart'}>
      <ReactECharts
        echarts={echarts}
        option={{ backgroundColor: 'transparent', textStyle: dark ? { color: '#cfe3ff' } : undefined, ...option }}
        style={{ height }}
        notMerge
        lazyUpdate
        onEvents={onClick ? { click: (p: { name?: string }) => p.name && onClick(p.name) } : undefined}
      />
    </div>
  );
}
