/**
 * Strings of the deliberation feature. `en` is typed against `zh-CN`: no key may be missing or extra.
 */
const zhCN = {
  deliberation: {
    title: '议事',
  },
};

const en: typeof zhCN = {
  deliberation: {
    title: 'Deliberation',
  },
};

export const deliberationLocales = { 'zh-CN': zhCN, en };
