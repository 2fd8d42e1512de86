/**
 * What the message service asks about a deliberation topic's channel: whether a
 * channel is a topic's, whether the topic takes posts now, and which stance a
 * message stores. Read on every post in a 'deliberation' channel, never cached, so a
 * close on one node holds on every node at once.
 */
import { can, type Actor, type ArgumentStance, type Channel, type DeliberationState } from '@linli/shared';
import { AppError, forbidden } from '../lib/errors.js';
import { derivedId } from '../lib/db.js';
import type { Models } from '../models.js';

/** The _id of a topic's channel: derived, so two nodes opening the topic at once create one channel. */
export const topicChannelId = (deliberationId: string) => derivedId('deliberation-channel', deliberationId);

const stanceRefused = (message: string) => new AppError('VALIDATION_FAILED', message, { issues: [{ path: 'stance', message }] });

export function createTopicChannels(models: Models) {
  async function topicOf(channel: Pick<Channel, 'id' | 'kind'>): Promise<{ id: string; state: DeliberationState } | null> {
    if (channel.kind !== 'deliberation') return null;
    const found = await models.Deliberation.findOne({ channelId: channel.id }, { state: 1 }).lean();
    return found ? { id: found._id.toString(), state: found.state } : null;
  }

  function requireArguable(actor: Actor, topic: { state: DeliberationState }): void {
    if (!can(actor, 'deliberation.argue', topic)) {
      throw forbidden(topic.state === 'closed' ? 'This topic is closed: its channel is read-only' : 'This topic does not take arguments now');
    }
  }

  return {
    topicOf,

    /**
     * Before a message is stored: in a topic's channel the topic must take posts from
     * the actor; a top-level message is an argument (no stance given: neutral), a reply
     * takes none. Anywhere else a stance is refused. Returns the stance to store.
     */
    async stanceForPost(channel: Pick<Channel, 'id' | 'kind'>, actor: Actor, post: { stance: ArgumentStance | undefined; reply: boolean }): Promise<ArgumentStance | null> {
      const topic = await topicOf(channel);
      if (!topic) {
        if (post.stance) throw stanceRefused('A stance is only taken in a deliberation topic’s channel');
        return null;
      }
      requireArguable(actor, topic);
      if (post.reply) {
        if (post.stance) throw stanceRefused('A reply takes no stance');
        return null;
      }
      return post.stance ?? 'neutral';
    },

    /** Before an edit in a topic's channel: the topic must still take posts from the actor. */
    async checkEdit(channel: Pick<Channel, 'id' | 'kind'>, actor: Actor): Promise<void> {
      const topic = await topicOf(channel);
      if (topic) requireArguable(actor, topic);
    },

    /**
     * Before a reaction (added or taken back) in a topic's channel: a 👍 is an endorsement,
     * so a closed topic's take no more from residents (rule deliberation.endorse).
     */
    async checkReaction(channel: Pick<Channel, 'id' | 'kind'>, actor: Actor): Promise<void> {
      const topic = await topicOf(channel);
      if (topic && !can(actor, 'deliberation.endorse', topic)) {
        throw forbidden(topic.state === 'closed' ? 'This topic is closed: its arguments take no more endorsements' : 'This topic does not take endorsements now');
      }
    },
  };
}

export type TopicChannels = ReturnType<typeof createTopicChannels>;
