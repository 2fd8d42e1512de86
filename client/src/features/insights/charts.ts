/** The chart module, loaded only when a chart is first shown. */
import { lazy } from 'react';

export const TimeBars = lazy(() => import('./InsightsCharts').then((module) => ({ default: module.TimeBars })));
export const RowBars = lazy(() => import('./InsightsCharts').then((module) => ({ default: module.RowBars })));
