import type { IssueState, Message, Reaction } from '@linli/shared';
import { iso } from '../lib/dates.js';
import type { MessageDoc } from './message.model.js';
import type { ReactionDoc } from '../reactions/reaction.model.js';

/** Groups reaction rows by emoji, in the order each emoji was first used. */
export function groupReactions(rows: ReactionDoc[]): Reaction[] {
  const byEmoji = new Map<string, string[]>();
  for (const row of [...rows].sort((left, right) => left.at.getTime() - right.at.getTime())) {
    byEmoji.set(row.emoji, [...(byEmoji.get(row.emoji) ?? []), row.userId.toString()]);
  }
  return [...byEmoji].map(([emoji, userIds]) => ({ emoji, count: userIds.length, userIds }));
}

export function presentMessage(message: MessageDoc, reactions: Reaction[]): Message {
  const visible = message.state === 'visible';
  return {
    id: message._id.toString(),
    clientId: message.clientId,
    communityId: message.communityId.toString(),
    channelId: message.channelId.toString(),
    seq: message.seq,
    authorId: message.authorId.toString(),
    authorName: message.authorName,
    // Deleted and hidden messages keep their place in the timeline, not their text.
    body: visible ? message.body : '',
    mentions: visible ? message.mentions.map(String) : [],
    parentId: message.parentId?.toString() ?? null,
    replyCount: message.replyCount ?? 0,
    lastReplyAt: iso(message.lastReplyAt),
    reactions: visible ? reactions : [],
    state: message.state,
    editedAt: iso(message.editedAt),
    issueLink: message.issueLink
      ? { issueId: message.issueLink.issueId.toString(), number: message.issueLink.number ?? 0, title: message.issueLink.title ?? '', action: message.issueLink.action ?? '', state: (message.issueLink.state ?? 'submitted') as IssueState }
      : null,
    stance: message.stance ?? null,
    // A hidden or deleted message's recording is not offered (and GET /api/voice/:id refuses it to residents).
    voice: visible && message.voice ? { id: message.voice.clipId.toString(), durationMs: message.voice.durationMs } : null,
    createdAt: message.createdAt.toISOString(),
    updatedAt: message.updatedAt.toISOString(),
  };
}

/** `@name` tokens in a message body (names have no spaces or @). */
export function mentionedNames(body: string): string[] {
  const names = new Set<string>();
  for (const match of body.matchAll(/(?:^|[^\p{L}\p{N}_])@([^\s@,，。.!！?？:：;；]{1,40})/gu)) if (match[1]) names.add(match[1]);
  return [...names];
}
