/**
 * Strings of the profile page's "notifications on this device" section (web push).
 * `en` is typed against `zh-CN`: no key may be missing or extra.
 */
const zhCN = {
  push: {
    title: '手机通知',
    hint: '不打开邻里时，也能在手机或电脑上收到通知。每台设备需要分别开启。',
    unsupported: '这个浏览器不支持推送通知。',
    unsupportedIos: '苹果手机（iOS 16.4 及以上）：先在 Safari 中点“分享 → 添加到主屏幕”，再从主屏幕上的邻里图标打开，即可开启通知。',
    unsupportedChina: '许多国产手机自带的浏览器和微信内置浏览器没有推送服务，请换用 Chrome、Edge 或 Firefox，或请社区工作人员为您开通短信通知。',
    denied: '您已在浏览器中拒绝了通知。请在浏览器的网站设置中允许邻里发送通知，再回到这里。',
    enable: '在这台设备上开启通知',
    enabling: '正在开启…',
    disable: '关闭这台设备的通知',
    on: '这台设备已开启通知',
    off: '这台设备未开启通知',
    devices: '共 {{count}} 台设备开启了通知',
    failed: '开启失败：{{reason}}',
    kindsTitle: '通知哪些事',
    kinds: {
      mention: '有人@我',
      reply: '有人回复我',
      issue: '我反映或关注的问题有进展',
      assignment: '交给我单位办理的问题',
      poll: '可以投票的新投票、即将截止的投票',
      decision: '与我有关的决议有进展',
      other: '议事、问卷、活动和其他',
    },
    quietTitle: '免打扰时段',
    quietOn: '在这段时间不推送（铃铛里仍会保留）',
    quietStart: '开始',
    quietEnd: '结束',
    timeZone: '时区',
    zones: {
      shanghai: '北京时间',
      device: '本设备时区（{{zone}}）',
    },
    save: '保存通知设置',
    saved: '已保存',
  },
};

const en: typeof zhCN = {
  push: {
    title: 'Notifications on your phone',
    hint: 'Get notified on your phone or computer when Linli is not open. Turn it on on each device.',
    unsupported: 'This browser cannot receive push notifications.',
    unsupportedIos: 'iPhone and iPad (iOS 16.4 or later): in Safari tap Share → Add to Home Screen, open Linli from its home screen icon, then turn notifications on.',
    unsupportedChina: 'Many browsers that come with phones sold in China, and WeChat’s built-in browser, have no push service: use Chrome, Edge or Firefox, or ask the community staff to send you text messages.',
    denied: 'Notifications are blocked for this site. Allow them in the browser’s site settings, then come back here.',
    enable: 'Turn on notifications on this device',
    enabling: 'Turning on…',
    disable: 'Turn off notifications on this device',
    on: 'Notifications are on for this device',
    off: 'Notifications are off for this device',
    devices: '{{count}} device(s) receive notifications',
    failed: 'Could not turn on: {{reason}}',
    kindsTitle: 'What to notify me about',
    kinds: {
      mention: 'Someone mentions me',
      reply: 'Someone replies to me',
      issue: 'A problem I reported or follow moves on',
      assignment: 'Problems assigned to my organisation',
      poll: 'New polls I may vote in, polls closing soon',
      decision: 'Decisions that concern me move on',
      other: 'Deliberations, surveys, activities and more',
    },
    quietTitle: 'Quiet hours',
    quietOn: 'No notifications during these hours (the bell keeps them)',
    quietStart: 'From',
    quietEnd: 'Until',
    timeZone: 'Time zone',
    zones: {
      shanghai: 'China Standard Time',
      device: 'This device’s time zone ({{zone}})',
    },
    save: 'Save notification settings',
    saved: 'Saved',
  },
};

export const pushLocales = { 'zh-CN': zhCN, en };
