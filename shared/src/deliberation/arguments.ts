/** Grouping a deliberation topic's messages into the two sides (and neutral), strongest first. */
import type { Message } from '../messages/types.js';
import { ENDORSEMENT_EMOJI, type ArgumentEntry, type ArgumentSides } from './types.js';

/** Endorsements of an argument: 👍 reactions from anyone but its author (endorsing oneself does not make a point stronger). */
export function endorsementsOf(message: Pick<Message, 'authorId' | 'reactions'>): number {
  const thumbs = message.reactions.find((reaction) => reaction.emoji === ENDORSEMENT_EMOJI);
  return thumbs ? thumbs.userIds.filter((userId) => userId !== message.authorId).length : 0;
}

/**
 * Strongest first: more endorsements, then more replies (the argument people engage with),
 * then the earlier one (a later copy of a point does not overtake it). Deterministic.
 */
export function compareArguments(left: ArgumentEntry, right: ArgumentEntry): number {
  return right.endorsements - left.endorsements || right.message.replyCount - left.message.replyCount || left.message.seq - right.message.seq;
}

/**
 * The arguments of a topic's channel by side: visible top-level messages with a stance
 * (thread replies, deleted and hidden messages and messages without a stance are left out),
 * each side strongest first. The same messages given twice (a list merged from two
 * sources) count once: the later `updatedAt` wins.
 */
export function groupArguments(messages: readonly Message[]): ArgumentSides {
  const latest = new Map<string, Message>();
  for (const message of messages) {
    const held = latest.get(message.id);
    if (!held || held.updatedAt <= message.updatedAt) latest.set(message.id, message);
  }
  const sides: ArgumentSides = { for: [], against: [], neutral: [], counts: { for: 0, against: 0, neutral: 0 } };
  for (const message of latest.values()) {
    const stance = message.stance ?? null;
    if (stance === null || message.parentId !== null || message.state !== 'visible') continue;
    sides[stance].push({ message, endorsements: endorsementsOf(message) });
  }
  for (const stance of ['for', 'against', 'neutral'] as const) {
    sides[stance].sort(compareArguments);
    sides.counts[stance] = sides[stance].length;
  }
  return sides;
}
