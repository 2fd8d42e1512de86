/** The chart module, loaded only when a chart is first shown. */
import { lazy } from 'react';

export const OptionBars = lazy(() => import('./PollCharts').then((module) => ({ default: module.OptionBars })));
export const RoundsBars = lazy(() => import('./PollCharts').then((module) => ({ default: module.RoundsBars })));
