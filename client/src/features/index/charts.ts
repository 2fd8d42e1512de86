/** The chart module, loaded only when a chart is first shown. */
import { lazy } from 'react';

export const TrendLines = lazy(() => import('./IndexCharts').then((module) => ({ default: module.TrendLines })));
export const ComponentBars = lazy(() => import('./IndexCharts').then((module) => ({ default: module.ComponentBars })));
