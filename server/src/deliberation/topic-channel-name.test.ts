import { describe, expect, it } from 'vitest';
import { LIMITS } from '@linli/shared';
import { closeNoticeBody, topicChannelName } from './deliberation.service.js';

describe('topicChannelName', () => {
  it('names the channel after the topic’s number and title', () => {
    expect(topicChannelName(3, '停车位如何分配')).toBe('议事 #3 停车位如何分配');
  });

  it('cuts a long title to the channel name limit, keeping the number', () => {
    const name = topicChannelName(12, '关于小区北门外侧人行道的拓宽改造以及非机动车停放区域重新规划的讨论议题');
    expect(name.length).toBe(LIMITS.channelName.max);
    expect(name.startsWith('议事 #12 ')).toBe(true);
    expect(name.endsWith('…')).toBe(true);
  });
});

describe('closeNoticeBody', () => {
  const topic = { number: 4, title: '消防通道划线' };

  it('names the topic and gives each side’s summary and the conclusion', () => {
    const body = closeNoticeBody(topic, { summaryFor: '安全第一', summaryAgainst: '车位减少', conclusion: '划线，进入投票' });
    expect(body.split('\n')).toEqual(['议事 #4「消防通道划线」讨论已结束，总结如下：', '支持方观点：安全第一', '反对方观点：车位减少', '结论：划线，进入投票']);
  });

  it('cuts long summaries so the message stays within the limit, keeping every part', () => {
    const long = (char: string) => char.repeat(2000);
    const body = closeNoticeBody(topic, { summaryFor: long('甲'), summaryAgainst: long('乙'), conclusion: long('丙') });
    expect(body.length).toBeLessThanOrEqual(LIMITS.message.maxLength);
    for (const label of ['支持方观点：甲', '反对方观点：乙', '结论：丙']) expect(body).toContain(label);
    expect(body.endsWith('…')).toBe(true);
  });
});
