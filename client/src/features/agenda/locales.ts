/**
 * Strings of the agenda ("what needs me") feature. `en` is typed against `zh-CN`: no key may be missing or extra.
 */
const zhCN = {
  agenda: {
    title: '待我处理',
  },
};

const en: typeof zhCN = {
  agenda: {
    title: 'What needs me',
  },
};

export const agendaLocales = { 'zh-CN': zhCN, en };
