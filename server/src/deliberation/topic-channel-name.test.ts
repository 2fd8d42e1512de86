import { describe, expect, it } from 'vitest';
import { LIMITS } from '@linli/shared';
import { topicChannelName } from './deliberation.service.js';

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
