/**
 * Strings of the index feature. `en` is typed against `zh-CN`: no key may be missing or extra.
 */
const zhCN = {
  communityIndex: {
    title: '协商指数',
  },
};

const en: typeof zhCN = {
  communityIndex: {
    title: 'Deliberation index',
  },
};

export const indexLocales = { 'zh-CN': zhCN, en };
