/**
 * The index's charts with Apache ECharts, importing only the parts used (line, bar,
 * grid, tooltip, legend, canvas), loaded on demand (React.lazy, charts.ts) so other
 * screens never download it.
 */
import { useEffect, useEffectEvent, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const palette = ['#1c5d7a', '#1d6637', '#7a5200', '#6b3d8f', '#a3261c', '#2f7f86', '#5a6b2f', '#8a4b2f'];

function useChart(option: () => echarts.EChartsCoreOption, key: string) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const apply = useEffectEvent(() => {
    chart.current?.setOption(option(), { notMerge: true });
    chart.current?.resize();
  });
  useEffect(() => {
    const node = ref.current;
    if (!node) return;
    const instance = echarts.init(node, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(node);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => apply(), [key]);
  return ref;
}

function fonts() {
  const style = getComputedStyle(document.body);
  return { fontFamily: style.fontFamily, fontSize: parseFloat(style.fontSize) * 0.8 };
}

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
