/**
 * The app's URLs, on top of React Router (path URLs, the server sends index.html for them):
 *   /                                     community picker (or login)
 *   /c/<community>                        community home: what needs me
 *   /c/<community>/chat                   the channels (desktop: the last one open beside them)
 *   /c/<community>/channels/<channel>     a channel open (?message=<id> brings one message into view,
 *                                         ?thread=<id> opens that message's thread)
 *   /c/<community>/about                  the community: description, organisations and staff, members, channels
 *   /c/<community>/me                     my profile in this community: household, name, preferences
 *   /c/<community>/more                   phones: every navigation entry the tab bar has no room for
 *   /c/<community>/manage                 moderation, for staff
 *   /c/<community>/issues                 problem reports (?tab=triage|assignments|overdue|figures|categories)
 *   /c/<community>/issues/<issue>         one problem report
 *   /c/<community>/deliberations[/<id>]   deliberation topics (议事), one topic
 *   /c/<community>/polls[/<id>]           polls (投票), one poll with its ballot or result
 *   /c/<community>/decisions[/<id>]       the decisions board (决议公示), one decision
 *   /c/<community>/surveys[/<id>]         surveys (问卷), one survey with its form or results
 *   /c/<community>/activities[/<id>]      online activities (活动): calls for ideas, quizzes, offline events
 *   /c/<community>/index[/<month>]        the community deliberation index (协商指数), one month (YYYY-MM)
 *   /c/<community>/insights               needs analysis (需求分析), for staff
 *   /oversight[/<region>]                 supervisors: the communities of a street / district ranked by the index
 * Screens talk in `Route` values; only this file knows how they are spelled.
 */
import { useCallback, useLayoutEffect, useRef } from 'react';
import { matchPath, useLocation, useNavigate } from 'react-router';

export type CommunityView = 'home' | 'chat' | 'about' | 'me' | 'more' | 'moderation' | 'issues' | ItemView;

/** The views that list items of one kind and open one of them by id (`itemId`). */
export const itemViews = ['deliberations', 'polls', 'decisions', 'surveys', 'activities', 'index', 'insights'] as const;
export type ItemView = (typeof itemViews)[number];

/** The boards of the problems tab: everyone's list, and the staff's views. */
export const issueTabs = ['list', 'triage', 'assignments', 'overdue', 'figures', 'categories'] as const;
export type IssueTab = (typeof issueTabs)[number];
const isIssueTab = (value: string | null): value is IssueTab => value !== null && (issueTabs as readonly string[]).includes(value);

export type Route =
  | { name: 'picker' }
  /** Street / district supervisors and platform admins: a region's communities (regionId null: the regions one oversees). */
  | { name: 'oversight'; regionId: string | null }
  | {
      name: 'community';
      communityId: string;
      view: CommunityView;
      channelId: string | null;
      /** A message to bring into view (from a notification). */
      messageId?: string | null;
      /** The open thread: its first message (views 'chat' / 'home' with a channel). */
      threadId?: string | null;
      /** The open problem report (view 'issues'). */
      issueId?: string | null;
      /** Which board of the problems tab (view 'issues', no issue open); 'list' when omitted. */
      issueTab?: IssueTab;
      /** The open deliberation, poll or decision (views 'deliberations', 'polls', 'decisions'). */
      itemId?: string | null;
    };

export const routePatterns = {
  picker: '/',
  oversight: '/oversight',
  region: '/oversight/:regionId',
  community: '/c/:communityId',
  chat: '/c/:communityId/chat',
  about: '/c/:communityId/about',
  me: '/c/:communityId/me',
  more: '/c/:communityId/more',
  channel: '/c/:communityId/channels/:channelId',
  moderation: '/c/:communityId/manage',
  issues: '/c/:communityId/issues',
  issue: '/c/:communityId/issues/:issueId',
  items: '/c/:communityId/:view',
  item: '/c/:communityId/:view/:itemId',
} as const;

const isItemView = (value: string | undefined): value is ItemView => value !== undefined && (itemViews as readonly string[]).includes(value);

/** The route a path (and query string) names, or null for a path that is none of ours. */
export function parseRoute(pathname: string, search = ''): Route | null {
  if (matchPath(routePatterns.picker, pathname)) return { name: 'picker' };
  if (matchPath(routePatterns.oversight, pathname)) return { name: 'oversight', regionId: null };
  const region = matchPath(routePatterns.region, pathname);
  if (region?.params.regionId) return { name: 'oversight', regionId: region.params.regionId };
  for (const page of ['chat', 'about', 'me', 'more'] as const) {
    const match = matchPath(routePatterns[page], pathname);
    if (match?.params.communityId) return { name: 'community', communityId: match.params.communityId, view: page, channelId: null };
  }
  const moderation = matchPath(routePatterns.moderation, pathname);
  if (moderation?.params.communityId) {
    return { name: 'community', communityId: moderation.params.communityId, view: 'moderation', channelId: null };
  }
  const issue = matchPath(routePatterns.issue, pathname);
  if (issue?.params.communityId && issue.params.issueId) {
    return { name: 'community', communityId: issue.params.communityId, view: 'issues', channelId: null, issueId: issue.params.issueId };
  }
  const issues = matchPath(routePatterns.issues, pathname);
  if (issues?.params.communityId) {
    const tab = new URLSearchParams(search).get('tab');
    return { name: 'community', communityId: issues.params.communityId, view: 'issues', channelId: null, issueTab: isIssueTab(tab) ? tab : 'list' };
  }
  const item = matchPath(routePatterns.item, pathname);
  if (item?.params.communityId && isItemView(item.params.view) && item.params.itemId) {
    return { name: 'community', communityId: item.params.communityId, view: item.params.view, channelId: null, itemId: item.params.itemId };
  }
  const items = matchPath(routePatterns.items, pathname);
  if (items?.params.communityId && isItemView(items.params.view)) {
    return { name: 'community', communityId: items.params.communityId, view: items.params.view, channelId: null };
  }
  const channel = matchPath(routePatterns.channel, pathname);
  if (channel?.params.communityId && channel.params.channelId) {
    const query = new URLSearchParams(search);
    const messageId = query.get('message') || null;
    const threadId = query.get('thread') || null;
    return { name: 'community', communityId: channel.params.communityId, view: 'chat', channelId: channel.params.channelId, messageId, threadId };
  }
  const community = matchPath(routePatterns.community, pathname);
  if (community?.params.communityId) {
    return { name: 'community', communityId: community.params.communityId, view: 'home', channelId: null };
  }
  return null;
}

/** The URL (path plus query string) of a route. */
export function routePath(route: Route): string {
  if (route.name === 'picker') return '/';
  if (route.name === 'oversight') return route.regionId ? `/oversight/${encodeURIComponent(route.regionId)}` : '/oversight';
  const base = `/c/${encodeURIComponent(route.communityId)}`;
  if (route.view === 'moderation') return `${base}/manage`;
  if (route.view === 'issues') {
    if (route.issueId) return `${base}/issues/${encodeURIComponent(route.issueId)}`;
    const tab = route.issueTab ?? 'list';
    return tab === 'list' ? `${base}/issues` : `${base}/issues?tab=${tab}`;
  }
  if (isItemView(route.view)) return route.itemId ? `${base}/${route.view}/${encodeURIComponent(route.itemId)}` : `${base}/${route.view}`;
  if (route.view === 'about' || route.view === 'me' || route.view === 'more') return `${base}/${route.view}`;
  // A channel opens in the chat, whichever of 'home' / 'chat' a caller names.
  if (!route.channelId) return route.view === 'chat' ? `${base}/chat` : base;
  const channel = `${base}/channels/${encodeURIComponent(route.channelId)}`;
  const query = new URLSearchParams();
  if (route.threadId) query.set('thread', route.threadId);
  if (route.messageId) query.set('message', route.messageId);
  const search = query.toString();
  return search ? `${channel}?${search}` : channel;
}

/**
 * The path form of an old hash URL (`#/c/<id>/home/<channel>/m/<message>`), so links
 * shared before path URLs still open their page. Null when the hash is not one.
 */
export function pathFromLegacyHash(hash: string): string | null {
  if (!hash.startsWith('#/')) return null;
  const parts = hash.slice(2).split('/').filter(Boolean);
  if (parts[0] !== 'c' || !parts[1]) return '/';
  if (parts[2] === 'moderation') return routePath({ name: 'community', communityId: parts[1], view: 'moderation', channelId: null });
  const channelId = parts[3] ?? null;
  const messageId = channelId && parts[4] === 'm' && parts[5] ? parts[5] : null;
  return routePath({ name: 'community', communityId: parts[1], view: channelId ? 'chat' : 'home', channelId, messageId });
}

/** The current route; unknown paths read as the picker (the layout redirects them to `/`). */
export function useRoute(): Route & { known: boolean } {
  const { pathname, search } = useLocation();
  const route = parseRoute(pathname, search);
  return route ? { ...route, known: true } : { name: 'picker', known: false };
}

export interface NavigateOptions {
  /** Replace the current history entry instead of adding one (the back button skips it). */
  replace?: boolean;
}

/** Go to a route: a new history entry, so the back button returns here. No-op when already there. */
export function useNavigateTo(): (route: Route, options?: NavigateOptions) => void {
  // React Router's navigate changes with every location; callers get one stable function.
  const navigate = useNavigate();
  const latest = useRef(navigate);
  useLayoutEffect(() => {
    latest.current = navigate;
  }, [navigate]);
  return useCallback((route: Route, options?: NavigateOptions) => {
    const to = routePath(route);
    if (`${window.location.pathname}${window.location.search}` === to) return;
    void latest.current(to, { replace: options?.replace ?? false });
  }, []);
}
