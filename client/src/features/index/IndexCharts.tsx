/** The index's charts (ECharts through lib/charts.ts, loaded on demand with React.lazy, charts.ts). */
import { chartFonts as fonts, chartPalette as palette, useChart } from '../../lib/charts';

interface TrendProps {
  months: string[];
  series: { name: string; totals: (number | null)[] }[];
  label: string;
}

/** One line per community: its total month by month (a gap where there was not enough data). */
export function TrendLines({ months, series, label }: TrendProps) {
  const ref = useChart(() => {
    const { fontFamily, fontSize } = fonts();
    return {
      color: palette,
      textStyle: { fontFamily, fontSize },
      tooltip: { trigger: 'axis' },
      legend: { top: 0, textStyle: { fontSize } },
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: months, axisLabel: { fontSize } },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { fontSize } },
      series: series.map((row) => ({ type: 'line', name: row.name, data: row.totals, connectNulls: false, symbolSize: 8 })),
    };
  }, JSON.stringify([months, series]));
  return <div ref={ref} className="chart" role="img" aria-label={label} data-testid="index-trend-chart" style={{ height: '260px' }} />;
}

interface BarsProps {
  labels: string[];
  values: (number | null)[];
  label: string;
}

/** A community's components as horizontal bars (0-100). */
export function ComponentBars({ labels, values, label }: BarsProps) {
  const height = 40 + labels.length * 30;
  const ref = useChart(() => {
    const { fontFamily, fontSize } = fonts();
    return {
      textStyle: { fontFamily, fontSize },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', min: 0, max: 100, axisLabel: { fontSize } },
      yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { fontSize, width: 110, overflow: 'truncate' } },
      series: [{ type: 'bar', data: values.map((value) => value ?? 0), itemStyle: { color: '#1c5d7a' }, label: { show: true, position: 'right', fontSize } }],
    };
  }, JSON.stringify([labels, values]));
  return <div ref={ref} className="chart" role="img" aria-label={label} data-testid="index-component-chart" style={{ height: `${height}px` }} />;
}
