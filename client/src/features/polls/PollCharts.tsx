/**
 * The polls' charts with Apache ECharts, importing only the parts used (bar, grid, tooltip,
 * legend, canvas), loaded on demand (React.lazy) so other screens never download it.
 * One chart instance lives as long as its element: a live tally only calls setOption.
 */
import { useEffect, useEffectEvent, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const palette = ['#1c5d7a', '#1d6637', '#7a5200', '#6b3d8f', '#a3261c', '#2f7f86', '#5a6b2f', '#8a4b2f'];

/** One chart per element; `option` is applied whenever its content changes (by value, not identity). */
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

interface BarsProps {
  labels: string[];
  values: number[];
  /** Bars to mark (winners). */
  marked?: boolean[];
  label: string;
  testId: string;
}

/** Horizontal bars, one per option (names read better across than down on a phone). */
export function OptionBars({ labels, values, marked, label, testId }: BarsProps) {
  const height = Math.max(140, 40 + labels.length * 36);
  const ref = useChart(
    () => {
      const { fontFamily, fontSize } = fonts();
      return {
        animationDurationUpdate: 250,
        textStyle: { fontFamily, fontSize },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
        xAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize } },
        yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { fontSize, width: 120, overflow: 'truncate' } },
        series: [
          {
            type: 'bar',
            data: values.map((value, i) => ({ value, itemStyle: { color: marked?.[i] ? '#1d6637' : '#1c5d7a' } })),
            label: { show: true, position: 'right', fontSize },
          },
        ],
      };
    },
    JSON.stringify([height, labels, values, marked]),
  );
  return <div ref={ref} className="chart" role="img" aria-label={label} data-testid={testId} style={{ height: `${height}px` }} />;
}

interface RoundsProps {
  /** Option labels, in option order. */
  labels: string[];
  /** Per round, votes per option in option order (null once eliminated). */
  rounds: (number | null)[][];
  exhausted: number[];
  exhaustedLabel: string;
  roundLabel: (n: number) => string;
  label: string;
  testId: string;
}

/** Instant run-off: one stacked bar per round (options and exhausted ballots), so transfers show. */
export function RoundsBars({ labels, rounds, exhausted, exhaustedLabel, roundLabel, label, testId }: RoundsProps) {
  // The legend wraps below the bars, about two names a line on a phone.
  const legendLines = Math.ceil((labels.length + 1) / 2);
  const height = Math.max(180, 40 + rounds.length * 44 + legendLines * 26);
  const ref = useChart(
    () => {
      const { fontFamily, fontSize } = fonts();
      const names = rounds.map((_, i) => roundLabel(i + 1));
      return {
        textStyle: { fontFamily, fontSize },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { bottom: 0, textStyle: { fontSize }, itemGap: 12 },
        grid: { left: 8, right: 16, top: 8, bottom: 16 + legendLines * 26, containLabel: true },
        xAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize } },
        yAxis: { type: 'category', data: names, inverse: true, axisLabel: { fontSize } },
        series: [
          ...labels.map((name, o) => ({
            type: 'bar',
            name,
            stack: 'votes',
            data: rounds.map((round) => round[o] ?? null),
            itemStyle: { color: palette[o % palette.length] },
          })),
          { type: 'bar', name: exhaustedLabel, stack: 'votes', data: exhausted, itemStyle: { color: '#b8c2c8' } },
        ],
      };
    },
    JSON.stringify([height, labels, rounds, exhausted, exhaustedLabel]),
  );
  return <div ref={ref} className="chart" role="img" aria-label={label} data-testid={testId} style={{ height: `${height}px` }} />;
}
