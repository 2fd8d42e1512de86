import type { Message, Reaction } from '@linli/shared';
import type { MessageDoc } from './message.model.js';
import type { ReactionDoc } from '../reactions/reaction.model.js';

/** Groups reaction rows by emoji, in the order each emoji was first used. */
export function groupReactions(rows: ReactionDoc[]): Reaction[] {
  const byEmoji = new Map<string, string[]>();
  for (const r of [...rows].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    byEmoji.set(r.emoji, [...(byEmoji.get(r.emoji) ?? []), r.userId.toString()]);
  }
  return [...byEmoji].map(([emoji, userIds]) => ({ emoji, count: userIds.length, userIds }));
}

export function presentMessage(m: MessageDoc, reactions: Reaction[]): Message {
  const visible = m.state === 'visible';
  return {
    id: m._id.toString(),
    clientId: m.clientId,
    communityId: m.communityId.toString(),
    channelId: m.channelId.toString(),
    seq: m.seq,
    authorId: m.authorId.toString(),
    authorName: m.authorName,
    // Deleted and hidden messages keep their place in the timeline, not their text.
    body: visible ? m.body : '',
    mentions: visible ? m.mentions.map(String) : [],
    parentId: m.parentId?.toString() ?? null,
    replyCount: m.replyCount ?? 0,
    lastReplyAt: m.lastReplyAt?.toISOString() ?? null,
    reactions: visible ? reactions : [],
    state: m.state,
    editedAt: m.editedAt?.toISOString() ?? null,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}

/** `@name` tokens in a message body (names have no spaces or @). */
export function mentionedNames(body: string): string[] {
  const names = new Set<string>();
  for (const m of body.matchAll(/(?:^|[^\p{L}\p{N}_])@([^\s@,，。.!！?？:：;；]{1,40})/gu)) if (m[1]) names.add(m[1]);
  return [...names];
}
