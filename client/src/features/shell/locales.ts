/**
 * Strings of the header: language, elder mode, logout.
 * `en` is typed against `zh-CN`: no key may be missing or extra.
 */
const zhCN = {
  header: {
    back: '社区列表',
    backAria: '返回社区列表',
    switchLanguage: 'English',
    switchLanguageAria: 'Switch to English',
    elder: '长辈模式',
    elderOn: '长辈模式：开',
    elderOff: '长辈模式：关',
    logout: '退出登录',
    signedInAs: '当前用户：{{name}}',
  },
};

const en: typeof zhCN = {
  header: {
    back: 'Communities',
    backAria: 'Back to my communities',
    switchLanguage: '中文',
    switchLanguageAria: '切换到中文',
    elder: 'Large text',
    elderOn: 'Large text: on',
    elderOff: 'Large text: off',
    logout: 'Log out',
    signedInAs: 'Signed in as {{name}}',
  },
};

export const shellLocales = { 'zh-CN': zhCN, en };
