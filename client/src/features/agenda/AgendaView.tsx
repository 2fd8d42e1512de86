/**
 * The community home's "what needs me" (待我处理): the member's agenda per hat, live. Every item is a
 * link to its page (a report, a poll, a decision, a message in its channel, the moderation queue, the
 * oversight screen); a section longer than shown links to its full board.
 */
import { useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { can, type AgendaItem, type AgendaSection, type AgendaTarget, type MyCommunity } from '@linli/shared';
import { useErrorText } from '../../lib/errors';
import { routePath, useNavigateTo, type Route } from '../../lib/route';
import { EmptyState } from '../../ui/EmptyState';
import { ListError } from '../../ui/InfiniteList';
import { useSession } from '../auth/session';
import { useCommunityActor } from '../communities/actor';
import { FileIssueDialog } from '../issues/FileIssueDialog';
import type { CommunityData } from '../home/useCommunityData';
import { useAgenda } from './agendaQueries';
import { useAgendaTime } from './agendaTime';
import './agenda.css';

interface Props {
  mine: MyCommunity;
  data: CommunityData;
}

const rolePriority: Record<AgendaSection['role'], number> = { worker: 0, organisation: 1, supervisor: 2, resident: 3 };

/** The page an item opens, as a route of the app. */
export function targetRoute(communityId: string, target: AgendaTarget): Route {
  const base = { name: 'community', communityId, channelId: null } as const;
  switch (target.page) {
    case 'issue':
      return { ...base, view: 'issues', issueId: target.issueId };
    case 'item':
      return { ...base, view: target.view, itemId: target.itemId };
    case 'message':
      return { name: 'community', communityId, view: 'chat', channelId: target.channelId, messageId: target.messageId };
    case 'moderation':
      return { ...base, view: 'moderation' };
    case 'oversight':
      return { name: 'oversight', regionId: target.regionId };
  }
}

/** Where "see all" of a section goes: the board that lists every item of it. */
function sectionRoute(communityId: string, key: AgendaSection['key']): Route {
  const base = { name: 'community', communityId, channelId: null } as const;
  switch (key) {
    case 'myReports':
      return { ...base, view: 'issues' };
    case 'triage':
    case 'overdue':
    case 'assignments':
      return { ...base, view: 'issues', issueTab: key };
    case 'pollsToVote':
      return { ...base, view: 'polls' };
    case 'myDecisions':
    case 'actionItems':
      return { ...base, view: 'decisions' };
    case 'myActivities':
      return { ...base, view: 'activities' };
    case 'surveysToAnswer':
      return { ...base, view: 'surveys' };
    case 'proposals':
      return { ...base, view: 'deliberations' };
    case 'index':
      return { ...base, view: 'index' };
    case 'mentions':
      return { ...base, view: 'chat' };
    case 'joinRequests':
    case 'reportedMessages':
      return { ...base, view: 'moderation' };
  }
}

/** A link that opens a route in the app (and still works as a link: new tab, copy). */
function RouteLink({ route, className, testId, children }: { route: Route; className?: string; testId?: string; children: React.ReactNode }) {
  const navigate = useNavigateTo();
  const open = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(route);
  };
  return (
    <a href={routePath(route)} className={className} data-testid={testId} onClick={open}>
      {children}
    </a>
  );
}

/** The line under an item's title: why it is here. */
function useWhy() {
  const { t } = useTranslation();
  return (item: AgendaItem): string => {
    const p = item.params;
    const state = typeof p.state === 'string' ? t(`issues.states.${p.state}` as 'issues.states.submitted', { defaultValue: p.state }) : '';
    switch (item.why) {
      case 'issueChanged':
        return t('agenda.why.issueChanged', { actor: p.actor ?? '', excerpt: p.excerpt ?? state });
      case 'issueState':
      case 'triage':
      case 'assignment':
        return t(`agenda.why.${item.why}`, { state, support: p.support ?? 0, organisation: p.organisation ?? '' });
      case 'overdueIssue':
        return p.organisation ? t('agenda.why.overdueIssue', { state, organisation: p.organisation }) : t('agenda.why.overdueIssueUnassigned', { state });
      case 'eventSignedUp':
        return p.checkedIn === 1 ? t('agenda.why.eventCheckedIn') : p.status === 'waiting' ? t('agenda.why.eventWaiting') : t('agenda.why.eventSignedUp');
      case 'joinRequest':
        return p.message ? t('agenda.why.joinRequestMessage', { message: p.message }) : t('agenda.why.joinRequest');
      case 'index': {
        if (p.total === null) return t('agenda.why.indexNone', { month: p.month });
        const line = p.rank !== null && Number(p.ranked) > 1 ? t('agenda.why.indexRank', { month: p.month, total: p.total, rank: p.rank, ranked: p.ranked }) : t('agenda.why.index', { month: p.month, total: p.total });
        const weakest = typeof p.weakest === 'string' ? t(`communityIndex.components.${p.weakest}` as 'communityIndex.components.response', { defaultValue: p.weakest }) : null;
        return weakest ? `${line} · ${t('agenda.why.indexWeakest', { weakest })}` : line;
      }
      case 'oversight':
        return t('agenda.why.oversight', { title: item.title });
      default:
        return t(`agenda.why.${item.why}`, { ...p, decision: p.decision ?? '', owner: p.owner ?? '' } as Record<string, string | number>);
    }
  };
}

function AgendaEntry({ communityId, item }: { communityId: string; item: AgendaItem }) {
  const { t } = useTranslation();
  const why = useWhy();
  const time = useAgendaTime();
  const fresh = item.why === 'issueChanged' || item.why === 'issueToConfirm' || item.params.unseen === 1;
  const { i18n } = useTranslation();
  const english = i18n.language === 'en' && typeof item.params.titleEn === 'string' && item.params.titleEn !== '' ? item.params.titleEn : null;
  const title = item.kind === 'index' ? t('agenda.sections.index') : item.kind === 'oversight' ? t('nav.oversight') : (english ?? item.title);
  return (
    <li className={`agenda-item${item.overdueLevel > 0 ? ' overdue' : ''}`} data-testid="agenda-item" data-kind={item.kind} data-item-id={item.id}>
      <RouteLink route={targetRoute(communityId, item.target)} className="agenda-link">
        <span className="agenda-title">
          {fresh && <span className="badge agenda-new">{t('agenda.newMark')}</span>}
          {item.overdueLevel > 0 && <span className="badge agenda-overdue">{item.overdueLevel >= 2 ? t('agenda.escalated') : t('agenda.overdueMark')}</span>}
          <span className="agenda-title-text">{title}</span>
        </span>
        <span className="agenda-why">{why(item)}</span>
        {item.at && item.atKind && <span className="agenda-time small">{time(item)}</span>}
      </RouteLink>
    </li>
  );
}

function Section({ communityId, section }: { communityId: string; section: AgendaSection }) {
  const { t } = useTranslation();
  const headingId = `agenda-${section.key}`;
  return (
    <section className={`panel agenda-section agenda-for-${section.role}`} aria-labelledby={headingId} data-testid="agenda-section" data-section={section.key}>
      <h2 id={headingId} className="agenda-section-title">
        {t(`agenda.sections.${section.key}`)}
        {section.key !== 'index' && (
          <span className="count agenda-section-count" aria-hidden="true">
            {section.total}
          </span>
        )}
      </h2>
      <ul className="agenda-list">
        {section.items.map((item) => (
          <AgendaEntry key={`${item.kind}:${item.id}`} communityId={communityId} item={item} />
        ))}
      </ul>
      {section.total > section.items.length && (
        <RouteLink route={sectionRoute(communityId, section.key)} className="agenda-all" testId="agenda-all">
          {t('agenda.all', { count: section.total })}
        </RouteLink>
      )}
    </section>
  );
}

export function AgendaView({ mine }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigateTo();
  const errorText = useErrorText();
  const actor = useCommunityActor();
  const { user } = useSession();
  const communityId = mine.community.id;
  const agenda = useAgenda(communityId);
  const [filing, setFiling] = useState(false);
  const canFile = can(actor, 'issue.file');
  // A member's work comes first (the worker's queues, the organisation's assignments, the supervisor's view), their own things after.
  const sections = [...(agenda.data?.sections ?? [])].sort((a, b) => rolePriority[a.role] - rolePriority[b.role]);
  const roles = agenda.data?.roles ?? [];

  return (
    <div className="agenda-view" data-testid="agenda-view" data-community={communityId} data-ready={agenda.data ? 'true' : 'false'}>
      <header className="panel agenda-head">
        <h1 className="agenda-heading">{t('agenda.title')}</h1>
        <p className="muted small">
          {t('agenda.hello', { name: user.displayName })} · {roles.length > 0 && t('agenda.rolesLine', { roles: roles.map((role) => t(`agenda.roles.${role}`)).join('、') })}
        </p>
        <nav className="button-row agenda-quick" aria-label={t('agenda.quick.aria')}>
          {canFile && (
            <button type="button" className="primary" data-testid="agenda-report" onClick={() => setFiling(true)}>
              {t('agenda.quick.report')}
            </button>
          )}
          <RouteLink route={{ name: 'community', communityId, view: 'chat', channelId: null }} className="button secondary" testId="agenda-chat">
            {t('agenda.quick.chat')}
          </RouteLink>
          {roles.includes('worker') && (
            <RouteLink route={{ name: 'community', communityId, view: 'issues', channelId: null, issueTab: 'triage' }} className="button secondary">
              {t('agenda.quick.triage')}
            </RouteLink>
          )}
        </nav>
      </header>

      {agenda.error && <ListError error={errorText(agenda.error)} onRetry={() => void agenda.refetch()} testId="agenda-error" />}
      {!agenda.data && !agenda.error && (
        <p className="muted" role="status">
          {t('agenda.loading')}
        </p>
      )}
      {agenda.data && sections.length === 0 && (
        <div className="panel">
          <EmptyState
            title={t('agenda.empty.title')}
            next={t('agenda.empty.next')}
            testId="agenda-empty"
            action={canFile ? { label: t('agenda.quick.report'), onClick: () => setFiling(true) } : { label: t('agenda.quick.polls'), onClick: () => navigate({ name: 'community', communityId, view: 'polls', channelId: null }) }}
          />
        </div>
      )}
      {sections.map((section) => (
        <Section key={section.key} communityId={communityId} section={section} />
      ))}
      {filing && <FileIssueDialog communityId={communityId} me={user.id} onClose={() => setFiling(false)} />}
    </div>
  );
}
