import { describe, expect, it } from 'vitest';
import type { Message } from '../messages/types.js';
import { endorsementsOf, groupArguments } from './arguments.js';

let next = 1;
const msg = (over: Partial<Message> & { thumbs?: string[] } = {}): Message => {
  const seq = over.seq ?? next++;
  const { thumbs = [], ...rest } = over;
  return {
    id: `m${seq}`,
    clientId: `client-${seq}`,
    communityId: 'c',
    channelId: 'ch',
    seq,
    authorId: 'author',
    authorName: '作者',
    body: `argument ${seq}`,
    mentions: [],
    parentId: null,
    replyCount: 0,
    lastReplyAt: null,
    reactions: thumbs.length > 0 ? [{ emoji: '👍', count: thumbs.length, userIds: thumbs }] : [],
    state: 'visible',
    editedAt: null,
    issueLink: null,
    stance: 'for',
    createdAt: '2026-11-30T10:00:00.000Z',
    updatedAt: '2026-11-30T10:00:00.000Z',
    ...rest,
  };
};

describe('endorsementsOf', () => {
  it('counts 👍 from others, not the author’s own nor other emoji', () => {
    const message = msg({ reactions: [{ emoji: '👍', count: 3, userIds: ['author', 'a', 'b'] }, { emoji: '❤️', count: 2, userIds: ['c', 'd'] }] });
    expect(endorsementsOf(message)).toBe(2);
    expect(endorsementsOf(msg())).toBe(0);
  });
});

describe('groupArguments', () => {
  it('splits by stance, strongest first, with counts per side', () => {
    const weakFor = msg({ seq: 1, stance: 'for', thumbs: ['a'] });
    const strongFor = msg({ seq: 2, stance: 'for', thumbs: ['a', 'b', 'c'] });
    const against = msg({ seq: 3, stance: 'against', thumbs: ['a', 'b'] });
    const against2 = msg({ seq: 4, stance: 'against' });
    const neutral = msg({ seq: 5, stance: 'neutral' });
    const sides = groupArguments([weakFor, against2, strongFor, neutral, against]);
    expect(sides.for.map((entry) => entry.message.id)).toEqual(['m2', 'm1']);
    expect(sides.for.map((entry) => entry.endorsements)).toEqual([3, 1]);
    expect(sides.against.map((entry) => entry.message.id)).toEqual(['m3', 'm4']);
    expect(sides.neutral.map((entry) => entry.message.id)).toEqual(['m5']);
    expect(sides.counts).toEqual({ for: 2, against: 2, neutral: 1 });
  });

  it('breaks ties by replies, then the earlier argument', () => {
    const first = msg({ seq: 10, thumbs: ['a'] });
    const second = msg({ seq: 11, thumbs: ['b'] });
    const discussed = msg({ seq: 12, thumbs: ['c'], replyCount: 4 });
    expect(groupArguments([second, discussed, first]).for.map((entry) => entry.message.seq)).toEqual([12, 10, 11]);
  });

  it('self-endorsement does not make an argument stronger', () => {
    const self = msg({ seq: 20, thumbs: ['author'] });
    const other = msg({ seq: 21, thumbs: ['x'] });
    expect(groupArguments([self, other]).for.map((entry) => entry.message.seq)).toEqual([21, 20]);
  });

  it('leaves out replies, removed messages and messages without a stance', () => {
    const sides = groupArguments([
      msg({ seq: 30, parentId: 'm1' }),
      msg({ seq: 31, state: 'deleted' }),
      msg({ seq: 32, state: 'hidden' }),
      msg({ seq: 33, stance: null }),
      msg({ seq: 34, stance: 'against' }),
    ]);
    expect(sides.counts).toEqual({ for: 0, against: 1, neutral: 0 });
  });

  it('a message given twice counts once, in its latest version', () => {
    const before = msg({ seq: 40, stance: 'for' });
    const after = { ...before, updatedAt: '2026-11-30T11:00:00.000Z', reactions: [{ emoji: '👍', count: 2, userIds: ['a', 'b'] }] };
    const sides = groupArguments([after, before]);
    expect(sides.counts.for).toBe(1);
    expect(sides.for[0]!.endorsements).toBe(2);
    const deletedLater = { ...before, state: 'deleted' as const, updatedAt: '2026-11-30T12:00:00.000Z' };
    expect(groupArguments([before, deletedLater]).counts.for).toBe(0);
  });
});
