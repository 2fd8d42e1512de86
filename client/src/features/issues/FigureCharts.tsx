/**
 * The figures' bar charts with Apache ECharts, importing only the parts used (core, bar,
 * grid, tooltip, legend, canvas), loaded on demand so other screens never download it.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface BarSeries {
  name: string;
  values: number[];
  color: string;
}

interface Props {
  labels: string[];
  series: BarSeries[];
  label: string;
  testId: string;
}

/** Horizontal bars (category names read better across than down on a phone). */
export default function BarFigure({ labels, series, label, testId }: Props) {
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const node = ref.current;
    if (!node) return;
    const chart = echarts.init(node, undefined, { renderer: 'canvas' });
    const fontFamily = getComputedStyle(document.body).fontFamily;
    const fontSize = parseFloat(getComputedStyle(document.body).fontSize) * 0.8;
    chart.setOption({
      textStyle: { fontFamily, fontSize },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: series.length > 1 ? { top: 0, textStyle: { fontSize } } : undefined,
      grid: { left: 8, right: 24, top: series.length > 1 ? 32 : 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize } },
      yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { fontSize, width: 110, overflow: 'truncate' } },
      series: series.map((item) => ({ type: 'bar', name: item.name, data: item.values, itemStyle: { color: item.color }, label: { show: true, position: 'right', fontSize } })),
    });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(node);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [labels, series]);

  const rows = Math.max(labels.length, 1) * series.length;
  return <div ref={ref} className="chart" role="img" aria-label={label} data-testid={testId} style={{ height: `${Math.max(160, 48 + rows * 30)}px` }} />;
}
