/**
 * The community's navigation: on a desktop a narrow column on the left (every entry, staff work in
 * its own group); on a phone a bottom tab bar of five (home, chat, problems, the deliberation-poll-
 * decision hub, more) plus the "more" page that lists the rest. Entries are links to their URL,
 * carry a count of what is new or waiting, and the one open is aria-current="page".
 * Each entry keeps the data-testid the old tab row had (home-tab, issues-tab, mod-tab, …).
 */
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '@linli/shared';
import { socketQueryFn, useSocketQuery } from '../../lib/query';
import { routePath, useNavigateTo, type CommunityView, type IssueTab, type Route } from '../../lib/route';
import { useCommunityActor } from '../communities/actor';
import { indexKeys } from '../index/indexQueries';
import type { NavCounts } from '../agenda/navEntries';
import { useElderMode } from '../../lib/prefs';
import { NavIcon, type NavIconName } from './NavIcon';

/** Where the user is, as the navigation reads it. */
export interface NavPlace {
  communityId: string;
  view: CommunityView;
  issueTab: IssueTab;
  issueId: string | null;
}

export interface NavItem {
  id: NavIconName;
  testId: string;
  label: string;
  route: Route;
  active: boolean;
  count: number;
}

interface Groups {
  main: NavItem[];
  work: NavItem[];
  mine: NavItem[];
}

const workTabs: readonly IssueTab[] = ['triage', 'overdue', 'figures', 'assignments'];

/** The entries this user has in this community, grouped. */
export function useNavItems(place: NavPlace, isStaff: boolean, counts: NavCounts): Groups {
  const { t } = useTranslation();
  const actor = useCommunityActor();
  const regions = useSocketQuery({ queryKey: indexKeys.mine(), queryFn: socketQueryFn('region:mine', {}) });
  const oversees = !!regions.data && (regions.data.regions.length > 0 || regions.data.manage);
  const { communityId, view, issueTab, issueId } = place;
  const community = (next: CommunityView): Route => ({ name: 'community', communityId, view: next, channelId: null });
  const issues = (tab: IssueTab): Route => ({ name: 'community', communityId, view: 'issues', channelId: null, issueTab: tab });
  const onIssueTab = (tab: IssueTab) => view === 'issues' && !issueId && issueTab === tab;
  const item = (id: NavIconName, testId: string, route: Route, active: boolean, count = 0): NavItem => ({
    id,
    testId,
    label: t(`nav.${id}` as 'nav.home'),
    route,
    active,
    count,
  });

  const main = [
    item('home', 'home-tab', community('home'), view === 'home', counts.home),
    item('chat', 'chat-tab', { ...community('chat') }, view === 'chat', counts.chat),
    item('issues', 'issues-tab', issues('list'), view === 'issues' && (!!issueId || !workTabs.includes(issueTab)), counts.issues),
    item('deliberations', 'deliberations-tab', community('deliberations'), view === 'deliberations', counts.deliberations),
    item('polls', 'polls-tab', community('polls'), view === 'polls', counts.polls),
    item('decisions', 'decisions-tab', community('decisions'), view === 'decisions', counts.decisions),
    item('activities', 'activities-tab', community('activities'), view === 'activities', counts.activities),
    item('surveys', 'surveys-tab', community('surveys'), view === 'surveys', counts.surveys),
    item('index', 'index-tab', community('index'), view === 'index', counts.index),
  ];
  const work: NavItem[] = [];
  if (actor.organisationIds.length > 0) work.push(item('assignments', 'assignments-tab', issues('assignments'), onIssueTab('assignments'), counts.assignments));
  if (isStaff) {
    work.push(item('triage', 'triage-tab', issues('triage'), onIssueTab('triage'), counts.triage));
    work.push(item('overdue', 'overdue-tab', issues('overdue'), onIssueTab('overdue'), counts.overdue));
  }
  if (can(actor, 'issue.figures')) work.push(item('figures', 'figures-tab', issues('figures'), onIssueTab('figures')));
  if (isStaff) {
    work.push(item('insights', 'insights-tab', community('insights'), view === 'insights', counts.insights));
    work.push(item('moderation', 'mod-tab', community('moderation'), view === 'moderation', counts.moderation));
  }
  if (oversees) work.push(item('oversight', 'oversight-tab', { name: 'oversight', regionId: null }, false));
  const mine = [item('about', 'about-tab', community('about'), view === 'about'), item('me', 'me-tab', community('me'), view === 'me')];
  return { main, work, mine };
}

function NavLink({ entry, className }: { entry: NavItem; className: string }) {
  const { t } = useTranslation();
  const navigate = useNavigateTo();
  const open = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(entry.route);
  };
  return (
    <a
      href={routePath(entry.route)}
      className={className}
      data-testid={entry.testId}
      data-entry={entry.id}
      aria-current={entry.active ? 'page' : undefined}
      onClick={open}
    >
      <NavIcon name={entry.id} />
      <span className="nav-label">{entry.label}</span>
      {entry.count > 0 && (
        <span className="count nav-count" data-testid="nav-count" aria-label={t('nav.count', { count: entry.count })}>
          {entry.count > 99 ? '99+' : entry.count}
        </span>
      )}
    </a>
  );
}

function EntryList({ entries, className = 'nav-list' }: { entries: NavItem[]; className?: string }) {
  return (
    <ul className={className}>
      {entries.map((entry) => (
        <li key={entry.testId}>
          <NavLink entry={entry} className="nav-entry" />
        </li>
      ))}
    </ul>
  );
}

/** Desktop: the narrow left column with every entry. */
export function SideNav({ groups, communityName }: { groups: Groups; communityName: string }) {
  const { t } = useTranslation();
  return (
    <nav className="side-nav" aria-label={t('nav.aria', { name: communityName })} data-testid="side-nav">
      <EntryList entries={groups.main} />
      {groups.work.length > 0 && (
        <>
          <h2 className="nav-group" id="nav-work">
            {t('nav.work')}
          </h2>
          <EntryList entries={groups.work} />
        </>
      )}
      <h2 className="nav-group">{t('nav.community')}</h2>
      <EntryList entries={groups.mine} />
    </nav>
  );
}

const sum = (entries: NavItem[]) => entries.reduce((total, entry) => total + entry.count, 0);

/** Phones: the bottom tab bar of five. */
export function TabBar({ groups, place }: { groups: Groups; place: NavPlace }) {
  const { t } = useTranslation();
  // Elder mode: five entries of 72 px at 18 px text hold two characters and a badge, not four.
  const elder = useElderMode();
  const [home, chat, issues, deliberations, polls, decisions, ...rest] = groups.main;
  const hubViews: CommunityView[] = ['deliberations', 'polls', 'decisions'];
  const inHub = hubViews.includes(place.view);
  const hub: NavItem = {
    id: 'polls',
    testId: 'hub-tab',
    label: elder ? t('nav.hubShort') : t('nav.hub'),
    route: polls!.route,
    active: inHub,
    count: sum([deliberations!, polls!, decisions!]),
  };
  const others = [...rest, ...groups.work, ...groups.mine];
  const more: NavItem = {
    id: 'more',
    testId: 'more-tab',
    label: t('nav.more'),
    route: { name: 'community', communityId: place.communityId, view: 'more', channelId: null },
    active: place.view === 'more' || others.some((entry) => entry.active),
    count: sum(others),
  };
  return (
    <nav className="tab-bar" aria-label={t('nav.barAria')} data-testid="tab-bar">
      <ul>
        {[home!, chat!, issues!, hub, more].map((entry) => (
          <li key={entry.testId}>
            <NavLink entry={entry} className="tab-bar-entry" />
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Phones, on the deliberation, poll and decision pages: a switch between the three. */
export function HubSwitch({ groups }: { groups: Groups }) {
  const { t } = useTranslation();
  const hub = groups.main.filter((entry) => entry.id === 'deliberations' || entry.id === 'polls' || entry.id === 'decisions');
  return (
    <nav className="hub-switch" aria-label={t('nav.hubAria')}>
      <ul>
        {hub.map((entry) => (
          <li key={entry.testId}>
            <NavLink entry={entry} className="hub-entry" />
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Phones: /c/:id/more, every entry the tab bar has no room for. */
export function MorePage({ groups }: { groups: Groups }) {
  const { t } = useTranslation();
  const [, , , ...rest] = groups.main;
  return (
    <nav className="more-page" aria-labelledby="more-title" data-testid="more-page">
      <h1 id="more-title">{t('nav.moreTitle')}</h1>
      <p className="muted small">{t('nav.moreHint')}</p>
      <EntryList entries={rest} className="nav-list more-list" />
      {groups.work.length > 0 && (
        <>
          <h2 className="nav-group">{t('nav.work')}</h2>
          <EntryList entries={groups.work} className="nav-list more-list" />
        </>
      )}
      <h2 className="nav-group">{t('nav.community')}</h2>
      <EntryList entries={groups.mine} className="nav-list more-list" />
    </nav>
  );
}
