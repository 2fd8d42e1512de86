/**
 * The surveys' charts with Apache ECharts (bar, grid, tooltip, legend, canvas only), loaded on
 * demand (React.lazy, charts.ts) so other screens never download it. One chart instance lives as
 * long as its element: new results only call setOption.
 */
import { useEffect, useEffectEvent, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Strongly disagree .. strongly agree: red to green. */
const scaleColours = ['#a3261c', '#d9822b', '#b8c2c8', '#5b9c6f', '#1d6637'];

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

interface ScoreProps {
  labels: string[];
  values: (number | null)[];
  /** An earlier wave's scores, drawn beside (optional). */
  before?: (number | null)[] | null;
  beforeLabel?: string;
  afterLabel?: string;
  label: string;
  testId: string;
  /** Written on the element so tests can see the chart follow the data. */
  respondents: number;
}

/** Scores 0-100 as horizontal bars, one per section (and the earlier wave beside when comparing). */
export function ScoreBars({ labels, values, before, beforeLabel, afterLabel, label, testId, respondents }: ScoreProps) {
  const height = Math.max(160, 40 + labels.length * (before ? 52 : 36));
  const ref = useChart(
    () => {
      const { fontFamily, fontSize } = fonts();
      const series = [
        ...(before ? [{ type: 'bar', name: beforeLabel, data: before, itemStyle: { color: '#b8c2c8' }, label: { show: true, position: 'right', fontSize } }] : []),
        { type: 'bar', name: afterLabel, data: values, itemStyle: { color: '#1c5d7a' }, label: { show: true, position: 'right', fontSize } },
      ];
      return {
        animationDurationUpdate: 250,
        textStyle: { fontFamily, fontSize },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        ...(before ? { legend: { bottom: 0, textStyle: { fontSize } } } : {}),
        grid: { left: 8, right: 40, top: 8, bottom: before ? 32 : 8, containLabel: true },
        xAxis: { type: 'value', min: 0, max: 100, axisLabel: { fontSize } },
        yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { fontSize, width: 110, overflow: 'truncate' } },
        series,
      };
    },
    JSON.stringify([height, labels, values, before, beforeLabel, afterLabel]),
  );
  return <div ref={ref} className="chart" role="img" aria-label={label} data-testid={testId} data-respondents={respondents} style={{ height: `${height}px` }} />;
}

interface DistributionProps {
  /** Item labels (short: q1, q2 ...). */
  labels: string[];
  /** Scale labels, value 1 first. */
  scale: string[];
  /** Per item, answers per scale value (value 1 first). */
  counts: number[][];
  label: string;
  testId: string;
  respondents: number;
}

/** Each item's answers as one stacked bar, strongly disagree to strongly agree. */
export function DistributionBars({ labels, scale, counts, label, testId, respondents }: DistributionProps) {
  const legendLines = Math.ceil(scale.length / 2);
  const height = Math.max(200, 30 + labels.length * 26 + legendLines * 26);
  const ref = useChart(
    () => {
      const { fontFamily, fontSize } = fonts();
      return {
        animationDurationUpdate: 250,
        textStyle: { fontFamily, fontSize },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { bottom: 0, textStyle: { fontSize }, itemGap: 10 },
        grid: { left: 8, right: 16, top: 8, bottom: 16 + legendLines * 26, containLabel: true },
        xAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize } },
        yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { fontSize } },
        series: scale.map((name, v) => ({ type: 'bar', name, stack: 'answers', data: counts.map((c) => c[v] ?? 0), itemStyle: { color: scaleColours[v % scaleColours.length] } })),
      };
    },
    JSON.stringify([height, labels, scale, counts]),
  );
  return <div ref={ref} className="chart" role="img" aria-label={label} data-testid={testId} data-respondents={respondents} style={{ height: `${height}px` }} />;
}
