/**
 * Strings of the notifications bell.
 * `en` is typed against `zh-CN`: no key may be missing or extra.
 */
const zhCN = {
  notifications: {
    button: '通知',
    buttonAria: '通知，{{count}} 条未读',
    title: '通知',
    empty: '暂无通知。',
    emptyNext: '有人@你、回复你，或你反映的问题、参与的议事和投票有进展时，会在这里告诉你。',
    markAll: '全部标为已读',
    close: '关闭',
    kinds: {
      mention: '{{actor}} 在消息中提到了您',
      reply: '{{actor}} 回复了您的消息',
      moderation: '{{actor}} 处理了您的消息',
      unban: '{{actor}} 解除了对您的封禁，您可以重新加入社区',
      issue: '{{actor}} 更新了您关注的问题',
      deliberation: '{{actor}} 更新了您参与的议事',
      poll: '{{actor}} 更新了您参与的投票',
      decision: '{{actor}} 更新了与您有关的决议',
      survey: '{{actor}} 发布了一份问卷，邀您填写',
      activity: '{{actor}} 更新了您参加的活动',
    },
  },
};

const en: typeof zhCN = {
  notifications: {
    button: 'Notifications',
    buttonAria: 'Notifications, {{count}} unread',
    title: 'Notifications',
    empty: 'No notifications.',
    emptyNext: 'When someone mentions or replies to you, or a problem, deliberation or poll you follow moves on, you will hear it here.',
    markAll: 'Mark all read',
    close: 'Close',
    kinds: {
      mention: '{{actor}} mentioned you',
      reply: '{{actor}} replied to your message',
      moderation: '{{actor}} moderated your message',
      unban: '{{actor}} lifted your ban: you may join the community again',
      issue: '{{actor}} updated a problem report you follow',
      deliberation: '{{actor}} updated a deliberation you take part in',
      poll: '{{actor}} updated a poll you take part in',
      decision: '{{actor}} updated a decision that concerns you',
      survey: '{{actor}} published a survey for you to answer',
      activity: '{{actor}} updated an activity you joined',
    },
  },
};

export const notificationsLocales = { 'zh-CN': zhCN, en };
