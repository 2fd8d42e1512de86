/** The chart module, loaded only when a chart is first shown. */
import { lazy } from 'react';

export const ScoreBars = lazy(() => import('./SurveyCharts').then((module) => ({ default: module.ScoreBars })));
export const DistributionBars = lazy(() => import('./SurveyCharts').then((module) => ({ default: module.DistributionBars })));
