/**
 * The community events group robots forward, built from what the services hold
 * (one function per kind of event). Each event's key names it once, so a retried
 * or repeated publish stores one message per robot.
 */
import type { Message, Poll } from '@linli/shared';
import type { IssueDoc, IssueEventDoc } from '../issues/issue.model.js';
import type { DecisionDoc } from '../decision/decision.model.js';
import type { CommunityEvent, HookPublisher } from './hook.service.js';

const cut = (text: string, max = 300) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const base = (communityId: string) => `/c/${encodeURIComponent(communityId)}`;

/** A new top-level message in an announcements channel. */
export function announcementEvent(message: Pick<Message, 'id' | 'communityId' | 'channelId' | 'authorName' | 'body'>, channelName: string): CommunityEvent {
  return {
    key: `announcement-${message.id}`,
    kind: 'announcement',
    title: `【${channelName}】${message.authorName} 发布了公告`,
    lines: [cut(message.body, 1000)],
    path: `${base(message.communityId)}/channels/${encodeURIComponent(message.channelId)}?message=${encodeURIComponent(message.id)}`,
    channelId: message.channelId,
  };
}

/** A problem report filed, and resolved (the events of one change of the issue). */
export function issueEvents(issue: IssueDoc, events: readonly IssueEventDoc[]): CommunityEvent[] {
  const communityId = issue.communityId.toString();
  const path = `${base(communityId)}/issues/${issue._id.toString()}`;
  const where = [issue.location?.building, issue.location?.unit, issue.location?.text].filter(Boolean).join(' ');
  const out: CommunityEvent[] = [];
  for (const event of events) {
    if (event.kind === 'filed') {
      out.push({
        key: `issue-${issue._id.toString()}-filed`,
        kind: 'issueFiled',
        title: `新问题 #${issue.number}：${issue.title}`,
        lines: [where ? `位置：${where}` : '', cut(issue.description ?? '')],
        path,
      });
    } else if (event.kind === 'transition' && event.to === 'resolved' && event.from !== 'resolved') {
      out.push({
        key: `issue-${event._id.toString()}-resolved`,
        kind: 'issueResolved',
        title: `问题 #${issue.number} 已办结：${issue.title}`,
        lines: [event.text ? `办理结果：${cut(event.text)}` : '', '请反映人确认是否解决。'],
        path,
      });
    }
  }
  return out;
}

export function pollOpenedEvent(poll: Pick<Poll, 'id' | 'communityId' | 'number' | 'title' | 'closesAt'>): CommunityEvent {
  const closes = new Date(poll.closesAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  return {
    key: `poll-${poll.id}-opened`,
    kind: 'pollOpened',
    title: `投票开始 #${poll.number}：${poll.title}`,
    lines: [`截止时间：${closes}`, '请在邻里中投票。'],
    path: `${base(poll.communityId)}/polls/${poll.id}`,
  };
}

export function pollClosedEvent(poll: { id: string; communityId: string; number: number; title: string; outcome: string | null }): CommunityEvent {
  return {
    key: `poll-${poll.id}-closed`,
    kind: 'pollClosed',
    title: `投票结果 #${poll.number}：${poll.title}`,
    lines: [poll.outcome ? `结果：${cut(poll.outcome)}` : '投票已结束。'],
    path: `${base(poll.communityId)}/polls/${poll.id}`,
  };
}

export function decisionEvent(decision: DecisionDoc, event: 'recorded' | 'done'): CommunityEvent {
  const communityId = decision.communityId.toString();
  return {
    key: `decision-${decision._id.toString()}-${event}`,
    kind: event === 'recorded' ? 'decisionRecorded' : 'decisionDone',
    title: event === 'recorded' ? `新决议 #${decision.number}：${decision.title}` : `决议 #${decision.number} 已全部落实：${decision.title}`,
    lines: event === 'recorded' ? [cut(decision.outcome || decision.rationale || '')] : ['请参与过的居民确认并评价。'],
    path: `${base(communityId)}/decisions/${decision._id.toString()}`,
  };
}

export function decisionProgressEvent(input: { communityId: string; decisionId: string; decisionNumber: number; itemTitle: string; entryId: string; percent: number; text: string; by: string }): CommunityEvent {
  return {
    key: `decision-progress-${input.entryId}`,
    kind: 'decisionProgress',
    title: `决议 #${input.decisionNumber} 进展：${input.itemTitle} ${input.percent}%`,
    lines: [cut(input.text), `—— ${input.by}`],
    path: `${base(input.communityId)}/decisions/${input.decisionId}`,
  };
}

/** The issues channel's notices, and the same changes forwarded to the robots (filed, resolved). */
export function forwardingIssueNotices(hooks: HookPublisher, notices: (issue: IssueDoc, events: readonly IssueEventDoc[]) => Promise<void>) {
  return async (issue: IssueDoc, events: readonly IssueEventDoc[]): Promise<void> => {
    for (const event of issueEvents(issue, events)) hooks.publish(issue.communityId.toString(), event);
    await notices(issue, events);
  };
}

/** The 决议公示 channel's notices, and the same news forwarded to the robots (recorded, carried out). */
export function forwardingDecisionNotices<By>(hooks: HookPublisher, notices: (decision: DecisionDoc, event: 'recorded' | 'done', by: By) => Promise<void>) {
  return async (decision: DecisionDoc, event: 'recorded' | 'done', by: By): Promise<void> => {
    hooks.publish(decision.communityId.toString(), decisionEvent(decision, event));
    await notices(decision, event, by);
  };
}
