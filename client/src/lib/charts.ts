/**
 * Apache ECharts for every chart of the app, importing only the parts used (bar, line,
 * grid, tooltip, legend, canvas). Only the chart modules import this file, and they are
 * loaded on demand (React.lazy), so screens without a chart never download ECharts.
 * One chart instance lives as long as its element: a live update only calls setOption.
 */
import { useEffect, useEffectEvent, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/** Series colours with enough contrast on white, in order. */
export const chartPalette = ['#1c5d7a', '#1d6637', '#7a5200', '#6b3d8f', '#a3261c', '#2f7f86', '#5a6b2f', '#8a4b2f'];

/** One chart per element; `option` is applied whenever `key` (its content, by value) changes. */
export function useChart(option: () => ChartOption, key: string) {
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

/** The page's font (elder mode makes it larger), a little smaller for axis labels. */
export function chartFonts() {
  const style = getComputedStyle(document.body);
  return { fontFamily: style.fontFamily, fontSize: parseFloat(style.fontSize) * 0.8 };
}
