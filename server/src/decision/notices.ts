import type { Logger } from '../lib/logger.js';
import type { Models } from '../models.js';
import type { MessageService } from '../messages/message.service.js';
import { presentChannel } from '../channels/channel.service.js';
import type { ChannelDoc } from '../channels/channel.model.js';
import type { DecisionDoc } from './decision.model.js';

/** Room for the title and outcome in one notice line. */
const EXCERPT = 120;
const cut = (text: string) => (text.length > EXCERPT ? `${text.slice(0, EXCERPT - 1)}…` : text);

/**
 * Posts a notice in the community's 决议公示 channel (kind 'decisions') when a decision
 * is recorded and when it is carried out in full: the channel is the public record, the
 * board holds the detail. Once each (the clientId is derived from the decision), after
 * the decision is stored; a notice that cannot be posted is logged, never undoes the decision.
 */
export function createDecisionNotices(deps: { models: Models; messages: Pick<MessageService, 'postNotice'>; log: Pick<Logger, 'warn'> }) {
  async function decisionsChannel(communityId: string) {
    const found = (await deps.models.Channel.findOne({ communityId, kind: 'decisions', archived: false }).sort({ position: 1 }).lean()) as ChannelDoc | null;
    return found ? presentChannel(found) : null;
  }

  return async (decision: DecisionDoc, event: 'recorded' | 'done', by: { userId: string; name: string }): Promise<void> => {
    try {
      const channel = await decisionsChannel(decision.communityId.toString());
      if (!channel) return;
      const head = `决议 #${decision.number}「${decision.title}」`;
      const body =
        event === 'recorded'
          ? `${head}已记录${decision.outcome ? `：${cut(decision.outcome)}` : decision.rationale ? `：${cut(decision.rationale)}` : ''}。落实进展见决议公示板。`
          : `${head}已全部落实，请参与过的居民确认并评价。`;
      await deps.messages.postNotice(channel, by, `decision-${event}-${decision._id.toString()}`, body);
    } catch (err) {
      deps.log.warn({ err, decisionId: decision._id.toString() }, 'decision notice not posted');
    }
  };
}

export type DecisionNotices = ReturnType<typeof createDecisionNotices>;
