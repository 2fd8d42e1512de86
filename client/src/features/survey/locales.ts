/**
 * Strings of the survey feature. `en` is typed against `zh-CN`: no key may be missing or extra.
 */
const zhCN = {
  survey: {
    title: '问卷',
  },
};

const en: typeof zhCN = {
  survey: {
    title: 'Surveys',
  },
};

export const surveyLocales = { 'zh-CN': zhCN, en };
