/**
 * Strings of the decisions feature. `en` is typed against `zh-CN`: no key may be missing or extra.
 */
const zhCN = {
  decision: {
    title: '决议公示',
  },
};

const en: typeof zhCN = {
  decision: {
    title: 'Decisions',
  },
};

export const decisionLocales = { 'zh-CN': zhCN, en };
