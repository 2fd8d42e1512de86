/**
 * The polls' charts (ECharts through lib/charts.ts, loaded on demand with React.lazy).
 * A live tally only calls setOption on the chart its element keeps.
 */
import { chartFonts as fonts, chartPalette as palette, useChart } from '../../lib/charts';

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
