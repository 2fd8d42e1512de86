/** The survey results' charts (ECharts through lib/charts.ts, loaded on demand with React.lazy). */
import { chartFonts as fonts, useChart } from '../../lib/charts';

/** Strongly disagree .. strongly agree: red to green. */
const scaleColours = ['#a3261c', '#d9822b', '#b8c2c8', '#5b9c6f', '#1d6637'];

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
