/**
 * Strings of the login screen.
 * `en` is typed against `zh-CN`: no key may be missing or extra.
 */
const zhCN = {
  auth: {
    title: '手机号登录',
    intro: '无需密码，用手机验证码登录。新用户验证后即自动注册。',
    phone: '手机号',
    phonePlaceholder: '请输入 11 位手机号',
    requestCode: '获取验证码',
    requesting: '正在发送…',
    resendIn: '{{seconds}} 秒后可重新发送',
    resend: '重新发送验证码',
    code: '验证码',
    codePlaceholder: '6 位数字',
    codeSent: '验证码已发送至 {{phone}}，{{minutes}} 分钟内有效。',
    displayName: '您的称呼（新用户填写）',
    displayNamePlaceholder: '例如：3栋王阿姨',
    displayNameHint: '首次登录的新用户请填写，邻居会看到这个称呼；老用户可留空。',
    displayNameRequired: '这是新账号，请先填写您的称呼，再点登录。',
    verify: '登录',
    verifying: '正在登录…',
    changePhone: '更换手机号',
    ended: {
      logout: '您已退出登录。',
      banned: '您的账号已被停用，如有疑问请联系社区工作者。',
      expired: '登录已过期，请重新登录。',
    },
  },
};

const en: typeof zhCN = {
  auth: {
    title: 'Log in with your phone',
    intro: 'No password needed: we text you a code. New users are registered when they verify.',
    phone: 'Phone number',
    phonePlaceholder: '11-digit mobile number',
    requestCode: 'Send code',
    requesting: 'Sending…',
    resendIn: 'Resend in {{seconds}} s',
    resend: 'Resend code',
    code: 'Code',
    codePlaceholder: '6 digits',
    codeSent: 'Code sent to {{phone}}; valid for {{minutes}} minutes.',
    displayName: 'Your name (new accounts)',
    displayNamePlaceholder: 'e.g. Auntie Wang, Building 3',
    displayNameHint: 'New users: neighbours will see this name. Returning users can leave it empty.',
    displayNameRequired: 'This is a new account: please enter your name, then log in.',
    verify: 'Log in',
    verifying: 'Logging in…',
    changePhone: 'Use another number',
    ended: {
      logout: 'You have logged out.',
      banned: 'Your account has been suspended. Please contact your community workers.',
      expired: 'Your session expired. Please log in again.',
    },
  },
};

export const authLocales = { 'zh-CN': zhCN, en };
