import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { can, groupArguments, type Deliberation, type EventResults, type Message, type MyCommunity } from '@linli/shared';
import { useErrorText } from '../../lib/errors';
import { routePath, useNavigateTo, type Route } from '../../lib/route';
import { useConnection } from '../../lib/socket';
import { useCommunityActor } from '../communities/actor';
import type { CommunityData } from '../home/useCommunityData';
import type { MessageContext } from '../chat/message/MessageContext';
import { useChat, useChatStore } from '../chat/store';
import { ThreadPanel } from '../chat/ThreadPanel';
import { TypingIndicator } from '../chat/TypingIndicator';
import { ArgumentColumns } from './ArgumentColumns';
import { ArgumentComposer } from './ArgumentComposer';
import { CloseForm } from './CloseForm';
import { deliberationKeys, useDeliberation } from './deliberationQueries';
import { ReviewPanel } from './ReviewPanel';
import { StateBadge } from './StateBadge';
import { SummaryCard } from './SummaryCard';
import { SupportButton } from './SupportButton';
import { PollLinks } from '../polls/PollLinks';
import { DecisionLinks } from '../decisions/DecisionLinks';

interface Props {
  mine: MyCommunity;
  data: CommunityData;
  deliberationId: string;
}

/** An in-app link (a real href, so it can be opened in a new tab or copied). */
function RouteLink({ route, testId, children }: { route: Route; testId?: string; children: React.ReactNode }) {
  const navigate = useNavigateTo();
  return (
    <a
      href={routePath(route)}
      data-testid={testId}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey) return;
        e.preventDefault();
        navigate(route);
      }}
    >
      {children}
    </a>
  );
}

/**
 * One topic: its question and the reports it comes from, the summary once closed, the
 * support or review of a proposal, and the arguments side by side, live (the chat store
 * follows the topic's channel: new arguments, endorsements and replies arrive as messages).
 */
export function DeliberationPage({ mine, data, deliberationId }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const client = useQueryClient();
  const actor = useCommunityActor();
  const chat = useChatStore();
  const { epoch } = useConnection();
  const communityId = mine.community.id;
  const query = useDeliberation(communityId, deliberationId);
  const [closing, setClosing] = useState(false);
  const [threadId, setThreadId] = useState<string | null>(null);

  const topic = query.data?.deliberation ?? null;
  const channel = query.data?.channel ?? null;
  const channelId = channel?.id ?? null;
  const timeline = useChat((state) => (channelId ? state.timelines[channelId] : undefined));
  const outbox = useChat((state) => state.outbox);

  // Follow the topic's channel through the chat store: live messages, reactions, catch-up.
  useEffect(() => {
    if (!channelId) return;
    chat.setActiveChannel(channelId);
    return () => chat.setActiveChannel(null);
  }, [chat, channelId]);
  useEffect(() => {
    if (channelId && epoch > 0) void chat.openTimeline(channelId);
  }, [chat, channelId, epoch]);

  const saved = (next: Deliberation) => {
    const key = deliberationKeys.detail(communityId, deliberationId);
    const held = client.getQueryData<EventResults['deliberation:get']>(key);
    if (held) client.setQueryData(key, { ...held, deliberation: next });
    // A topic that opened has a channel now; every list may have moved it.
    void client.invalidateQueries({ queryKey: deliberationKeys.all(communityId) });
  };

  const sides = useMemo(() => {
    const loaded: Message[] = query.data ? [...query.data.sides.for, ...query.data.sides.against, ...query.data.sides.neutral].map((entry) => entry.message) : [];
    return groupArguments([...loaded, ...(timeline?.messages ?? [])]);
  }, [query.data, timeline]);

  const pending = useMemo(() => {
    if (!channelId) return [];
    const held = new Set((timeline?.messages ?? []).map((message) => message.clientId));
    return Object.values(outbox)
      .filter((entry) => entry.channelId === channelId && entry.parentId === null && !held.has(entry.clientId))
      .sort((first, second) => first.createdAt.localeCompare(second.createdAt));
  }, [outbox, channelId, timeline]);

  const members = data.members;
  const memberNames = useMemo(() => new Set((members ?? []).map((member) => member.displayName)), [members]);
  const mutedUntil = useMemo(() => new Map((members ?? []).flatMap((member) => (member.mutedUntil ? [[member.userId, member.mutedUntil] as const] : []))), [members]);
  const roles = useMemo(() => new Map((members ?? []).map((member) => [member.userId, member.role] as const)), [members]);
  const openThread = useCallback((id: string) => setThreadId(id), []);
  // Endorsing (and every reaction in the channel): while open, or staff once closed (the server's rule).
  const canReact = topic !== null && can(actor, 'deliberation.endorse', { state: topic.state });
  const ctx = useMemo<MessageContext | null>(
    () => (channel ? { me: actor.userId, communityId, actor, channel, roles, memberNames, mutedUntil, onOpenThread: openThread, canReact } : null),
    [actor, communityId, channel, roles, memberNames, mutedUntil, openThread, canReact],
  );

  if (query.error) {
    return (
      <section className="delib-view stack" data-testid="deliberation-view" data-item={deliberationId}>
        <RouteLink route={{ name: 'community', communityId, view: 'deliberations', channelId: null }}>{t('deliberation.back')}</RouteLink>
        <p className="error" role="alert">
          {errorText(query.error)}
        </p>
      </section>
    );
  }
  if (!topic) return <p className="muted">{t('deliberation.loading')}</p>;

  const canPost = channel !== null && can(actor, 'message.send', channel) && can(actor, 'deliberation.argue', { state: topic.state });
  const canClose = topic.state === 'open' && can(actor, 'deliberation.close');

  return (
    <section className="delib-view delib-page stack" data-testid="deliberation-view" data-item={deliberationId} data-state={topic.state}>
      <RouteLink route={{ name: 'community', communityId, view: 'deliberations', channelId: null }} testId="delib-back">
        {t('deliberation.back')}
      </RouteLink>
      <header className="stack delib-head">
        <h2 data-testid="delib-page-title">
          <span className="muted">{t('deliberation.number', { number: topic.number })}</span> {topic.title}
        </h2>
        <div className="badges">
          <StateBadge state={topic.state} />
          {topic.openedById !== topic.proposerId && <span className="muted small">{t('deliberation.proposedBy', { name: topic.proposerName })}</span>}
          {topic.state !== 'proposed' && topic.state !== 'rejected' && (
            <span className="muted small">{topic.openedByName ? t('deliberation.openedBy', { name: topic.openedByName }) : t('deliberation.openedBySupporters')}</span>
          )}
        </div>
        {topic.description && <p className="pre">{topic.description}</p>}
        {topic.issues.length > 0 && (
          <div className="delib-issues" data-testid="delib-issues">
            <h3 className="small">{t('deliberation.linkedIssues')}</h3>
            <ul className="list plain">
              {topic.issues.map((issue) => (
                <li key={issue.issueId}>
                  <RouteLink route={{ name: 'community', communityId, view: 'issues', channelId: null, issueId: issue.issueId }} testId="delib-issue-link">
                    #{issue.number} {issue.title}
                  </RouteLink>
                </li>
              ))}
            </ul>
          </div>
        )}
        <PollLinks communityId={communityId} deliberationId={deliberationId} />
        <DecisionLinks communityId={communityId} deliberationId={deliberationId} />
        {channel && (
          <RouteLink route={{ name: 'community', communityId, view: 'chat', channelId: channel.id }} testId="delib-open-chat">
            {t('deliberation.openChat')} ›
          </RouteLink>
        )}
      </header>

      {topic.state === 'rejected' && <p className="panel" data-testid="delib-rejected">{t('deliberation.review.rejected', { reason: topic.rejectReason ?? '' })}</p>}
      <SummaryCard topic={topic} />
      {topic.state === 'proposed' && (
        <div className="panel stack">
          <SupportButton topic={topic} supported={query.data?.supported ?? false} />
          <ReviewPanel topic={topic} onDone={saved} />
        </div>
      )}
      {canClose && !closing && (
        <div className="row">
          <button type="button" className="secondary" data-testid="delib-close" onClick={() => setClosing(true)}>
            {t('deliberation.close.button')}
          </button>
        </div>
      )}
      {canClose && closing && (
        <CloseForm
          topic={topic}
          onCancel={() => setClosing(false)}
          onDone={(closed) => {
            setClosing(false);
            saved(closed);
          }}
        />
      )}

      {ctx && channel && (
        <>
          <p className="muted small" data-testid="delib-counts">
            {t('deliberation.counts', sides.counts)}
          </p>
          {canPost ? (
            <ArgumentComposer channelId={channel.id} members={members} me={actor.userId} />
          ) : (
            <p className="muted small" data-testid="delib-read-only">
              {topic.state === 'closed' ? t('deliberation.readOnly') : t('deliberation.notOpen')}
            </p>
          )}
          <TypingIndicator channelId={channel.id} />
          <ArgumentColumns sides={sides} pending={pending} ctx={ctx} canEndorse={canReact} />
          {threadId && (
            <div className="delib-thread">
              <ThreadPanel key={threadId} parentId={threadId} channelId={channel.id} ctx={ctx} members={members} canPost={canPost} highlightId={null} onClose={() => setThreadId(null)} />
            </div>
          )}
        </>
      )}
      {topic.state === 'proposed' && <p className="muted small">{t('deliberation.notOpen')}</p>}
    </section>
  );
}
