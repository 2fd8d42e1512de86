import type { ChannelKind } from '@linli/shared';

/**
 * The channel set every new community starts with: one space per step of
 * report -> deliberate -> vote -> decide -> implement, each with a topic plan.
 * Content is Chinese because it is community data, not interface text.
 */
export const defaultChannels: { name: string; kind: ChannelKind; topicPlan: string }[] = [
  {
    name: '社区公告',
    kind: 'announcements',
    topicPlan: '居委会、物业等发布的正式通知：停水停电、活动安排、政策解读。仅社区工作人员发布，居民可在闲聊频道提问。',
  },
  {
    name: '邻里闲聊',
    kind: 'chat',
    topicPlan: '日常交流、互帮互助、闲置转让、失物招领。请文明发言，不发广告。',
  },
  {
    name: '问题反映',
    kind: 'issues',
    topicPlan: '报告小区里发现的问题（设施损坏、环境卫生、安全隐患、噪音扰民等）。每条都会由社区工作者分派给责任单位跟进并回复。',
  },
  {
    name: '议事厅',
    kind: 'deliberation',
    topicPlan: '围绕公共事务提出议题并讨论：摆事实、讲道理，支持和反对的意见都欢迎，讨论成熟后转入投票。',
  },
  {
    name: '投票表决',
    kind: 'voting',
    topicPlan: '对议事厅形成的方案进行表决，按规则一户一票或一人一票，结果公开。',
  },
  {
    name: '决议公示',
    kind: 'decisions',
    topicPlan: '公布表决结果、责任单位和办理进度，居民可对落实情况进行评价和监督。',
  },
];
