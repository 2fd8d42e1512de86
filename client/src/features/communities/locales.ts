/**
 * Strings of the community picker: my communities, join by code, discover.
 * `en` is typed against `zh-CN`: no key may be missing or extra.
 */
import type { JoinRequestStatus } from '@linli/shared';

const zhCN = {
  picker: {
    title: '我的社区',
    empty: '您还没有加入任何社区。可以输入社区工作者给您的邀请码直接加入，或在下方搜索您所在的社区并申请加入。',
    memberCount: '{{count}} 位成员',
    myRole: '我的身份：{{role}}',
    place: '{{district}} · {{street}}',
    enter: '进入',
    revoked: {
      banned: '您已被移出「{{name}}」。',
      left: '您已退出「{{name}}」。',
    },
    joinByCode: {
      title: '用邀请码加入',
      hint: '邀请码由社区工作者提供，共 8 位字母或数字。',
      label: '邀请码',
      placeholder: '例如 AB12CD34',
      submit: '加入社区',
      joined: '已加入「{{name}}」，点击上方列表进入。',
    },
    discover: {
      title: '查找社区并申请加入',
      hint: '没有邀请码？搜索社区、街道或区的名称，向社区工作者提交申请。',
      label: '搜索社区',
      placeholder: '输入社区、街道或区的名称',
      empty: '没有找到匹配的社区。',
      isMember: '您已是成员',
      messageLabel: '申请说明（选填）',
      messagePlaceholder: '例如：我住在 3 栋 2 单元，刚搬来',
      request: '申请加入',
      requested: '已提交申请，社区工作者审核后会通知您。',
    },
  },
  joinStatus: {
    pending: '申请审核中',
    approved: '申请已通过',
    rejected: '申请未通过',
  } satisfies Record<JoinRequestStatus, string>,
};

const en: typeof zhCN = {
  picker: {
    title: 'My communities',
    empty: 'You have not joined a community yet. Enter the invite code a community worker gave you, or search for your community below and ask to join.',
    memberCount: '{{count}} members',
    myRole: 'My role: {{role}}',
    place: '{{district}} · {{street}}',
    enter: 'Open',
    revoked: {
      banned: 'You were removed from "{{name}}".',
      left: 'You left "{{name}}".',
    },
    joinByCode: {
      title: 'Join with an invite code',
      hint: 'Community workers hand out 8-character invite codes.',
      label: 'Invite code',
      placeholder: 'e.g. AB12CD34',
      submit: 'Join',
      joined: 'You joined "{{name}}". Open it from the list above.',
    },
    discover: {
      title: 'Find a community and ask to join',
      hint: 'No invite code? Search by community, street or district name and send a request.',
      label: 'Search communities',
      placeholder: 'Community, street or district',
      empty: 'No matching community.',
      isMember: 'You are a member',
      messageLabel: 'Message (optional)',
      messagePlaceholder: 'e.g. I just moved into Building 3, Unit 2',
      request: 'Ask to join',
      requested: 'Request sent. You will be notified once a community worker decides.',
    },
  },
  joinStatus: {
    pending: 'Request pending',
    approved: 'Request approved',
    rejected: 'Request declined',
  },
};

export const communitiesLocales = { 'zh-CN': zhCN, en };
