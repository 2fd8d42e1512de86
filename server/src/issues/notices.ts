import type { IssueState } from '@linli/shared';
import type { Logger } from '../lib/logger.js';
import type { Models } from '../models.js';
import type { MessageService } from '../messages/message.service.js';
import { presentChannel } from '../channels/channel.service.js';
import type { ChannelDoc } from '../channels/channel.model.js';
import type { IssueDoc, IssueEventDoc } from './issue.model.js';

/** The Chinese fallback text of a notice; clients word it from its issueLink in the reader's language. */
const stateText: Record<IssueState, string> = {
  submitted: '已提交',
  acknowledged: '已受理',
  assigned: '已派单',
  in_progress: '办理中',
  resolved: '已办结，待居民确认',
  confirmed: '已确认解决',
  reopened: '重新办理',
  rejected: '不予受理',
  merged: '已合并',
};

/**
 * Posts a short notice in the community's issues channel ("问题反映") when a
 * problem report is filed or changes state, linking the issue: the channel's
 * promise that every report is handled, kept in view. Changes the sweeper
 * makes alone (automatic confirmation) show on the issue page only.
 */
export function createIssueNotices(deps: { models: Models; messages: MessageService; log: Pick<Logger, 'warn'> }) {
  async function issuesChannel(communityId: string) {
    const found = (await deps.models.Channel.findOne({ communityId, kind: 'issues', archived: false }).sort({ position: 1 }).lean()) as ChannelDoc | null;
    return found ? presentChannel(found) : null;
  }

  return async (issue: IssueDoc, events: readonly IssueEventDoc[]): Promise<void> => {
    const worth = events.filter((event) => (event.kind === 'filed' || (event.kind === 'transition' && event.from !== event.to)) && event.actorId);
    if (worth.length === 0) return;
    const channel = await issuesChannel(issue.communityId.toString());
    if (!channel) return;
    for (const event of worth) {
      const state = event.to ?? issue.state;
      await deps.messages
        .postNotice(channel, { userId: event.actorId!.toString(), name: event.actorName }, `issue-${event._id.toString()}`, `问题 #${issue.number}「${issue.title}」${stateText[state]}`, {
          issueId: issue._id.toString(),
          number: issue.number,
          title: issue.title,
          action: event.kind === 'filed' ? 'file' : (event.action ?? ''),
          state,
        })
        .catch((err: unknown) => deps.log.warn({ err, issueId: issue._id.toString() }, 'issue notice not posted'));
    }
  };
}

export type IssueNotices = ReturnType<typeof createIssueNotices>;
