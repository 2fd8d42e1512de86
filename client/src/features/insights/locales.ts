/**
 * Strings of the insights feature. `en` is typed against `zh-CN`: no key may be missing or extra.
 */
const zhCN = {
  insights: {
    title: '需求分析',
  },
};

const en: typeof zhCN = {
  insights: {
    title: 'Needs analysis',
  },
};

export const insightsLocales = { 'zh-CN': zhCN, en };
