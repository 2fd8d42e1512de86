/**
 * Strings of the activity feature. `en` is typed against `zh-CN`: no key may be missing or extra.
 */
const zhCN = {
  activity: {
    title: '活动',
  },
};

const en: typeof zhCN = {
  activity: {
    title: 'Activities',
  },
};

export const activityLocales = { 'zh-CN': zhCN, en };
