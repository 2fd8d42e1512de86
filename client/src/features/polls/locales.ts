/**
 * Strings of the polls feature. `en` is typed against `zh-CN`: no key may be missing or extra.
 */
const zhCN = {
  poll: {
    title: '投票',
  },
};

const en: typeof zhCN = {
  poll: {
    title: 'Polls',
  },
};

export const pollLocales = { 'zh-CN': zhCN, en };
