/** The needs analysis' charts (ECharts through lib/charts.ts, loaded on demand with React.lazy). */
import { chartFonts as fonts, useChart } from '../../lib/charts';

/** One stack of the bars: open, resolved, other (each its own colour, named in the legend). */
export interface StackSeries {
  name: string;
  values: number[];
  color: string;
}

interface Props {
  labels: string[];
  series: StackSeries[];
  label: string;
  testId: string;
}

/** Reports per week or month, stacked by state; columns (time reads left to right). */
export function TimeBars({ labels, series, label, testId }: Props) {
  const ref = useChart(
    () => {
      const { fontFamily, fontSize } = fonts();
      return {
        textStyle: { fontFamily, fontSize },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { bottom: 0, textStyle: { fontSize }, itemGap: 12 },
        grid: { left: 8, right: 8, top: 12, bottom: 56, containLabel: true },
        xAxis: { type: 'category', data: labels, axisLabel: { fontSize, hideOverlap: true } },
        yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize } },
        series: series.map((item) => ({ type: 'bar', name: item.name, stack: 'reports', data: item.values, itemStyle: { color: item.color } })),
      };
    },
    JSON.stringify([labels, series]),
  );
  return <div ref={ref} className="chart" role="img" aria-label={label} data-testid={testId} style={{ height: '260px' }} />;
}

/** One bar per category (names read better across than down on a phone), stacked by state. */
export function RowBars({ labels, series, label, testId }: Props) {
  const height = Math.max(160, 72 + labels.length * 34);
  const ref = useChart(
    () => {
      const { fontFamily, fontSize } = fonts();
      return {
        textStyle: { fontFamily, fontSize },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { bottom: 0, textStyle: { fontSize }, itemGap: 12 },
        grid: { left: 8, right: 16, top: 8, bottom: 56, containLabel: true },
        xAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize } },
        yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { fontSize, width: 110, overflow: 'truncate' } },
        series: series.map((item) => ({ type: 'bar', name: item.name, stack: 'reports', data: item.values, itemStyle: { color: item.color } })),
      };
    },
    JSON.stringify([labels, series]),
  );
  return <div ref={ref} className="chart" role="img" aria-label={label} data-testid={testId} style={{ height: `${height}px` }} />;
}
