import { useTranslation } from 'react-i18next';
import { infiniteQueryOptions, useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { auditActions, LIMITS, memberRoles, type AuditAction, type AuditEntry, type MemberRole } from '@linli/shared';
import { useErrorText } from '../../lib/errors';
import { useFormatDate } from '../../lib/format';
import { queryKeys, requestData, useConnectedOnce } from '../../lib/query';
import { EmptyState } from '../../ui/EmptyState';
import { ListError, LoadMore } from '../../ui/InfiniteList';

const PAGE_SIZE = LIMITS.pageSize.default;

const isRole = (value: unknown): value is MemberRole => typeof value === 'string' && (memberRoles as readonly string[]).includes(value);

/** Actions this client has a label for; an older or newer server may record others. */
const isKnownAction = (action: string): action is AuditAction => (auditActions as readonly string[]).includes(action);

/**
 * Pages of the log, newest first; the next page starts after the oldest entry held, by
 * time and then id, so entries of the same moment are neither skipped nor repeated.
 * A refetch (after a reconnect) reloads every page held, each after the fresh one before it.
 */
const auditQuery = (communityId: string) =>
  infiniteQueryOptions({
    queryKey: queryKeys.audit(communityId),
    queryFn: ({ pageParam }) =>
      requestData('audit:list', pageParam ? { communityId, before: pageParam.at, beforeId: pageParam.id, limit: PAGE_SIZE } : { communityId, limit: PAGE_SIZE }),
    initialPageParam: null as { at: string; id: string } | null,
    getNextPageParam: (page) => {
      const last = page.at(-1);
      return page.length >= PAGE_SIZE && last ? { at: last.at, id: last.id } : null;
    },
  });

/** Staff actions, newest first: the trail supervisors follow up on. */
export function AuditLog({ communityId }: { communityId: string }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const connected = useConnectedOnce();
  const query = useInfiniteQuery({ ...auditQuery(communityId), enabled: connected });
  const entries = query.data?.pages.flat() ?? null;

  /** Back to the newest page only, as when the log was first opened. */
  function refresh() {
    const key = auditQuery(communityId).queryKey;
    queryClient.setQueryData(key, (data) => data && { pages: data.pages.slice(0, 1), pageParams: data.pageParams.slice(0, 1) });
    void queryClient.refetchQueries({ queryKey: key });
  }

  const describe = (entry: AuditEntry) => {
    const action = isKnownAction(entry.action) ? t(`audit.actions.${entry.action}`) : t('audit.unknownAction');
    const { name, from, to, reason } = entry.details;
    const parts = [t('audit.line', { actor: entry.actorName, action })];
    if (typeof name === 'string' && name) parts.push(t('audit.target', { name }));
    if (isRole(from) && isRole(to)) parts.push(t('audit.roleChange', { from: t(`roles.${from}`), to: t(`roles.${to}`) }));
    if (entry.action === 'open311.setJurisdiction' && typeof to === 'string') {
      parts.push(typeof from === 'string' ? t('audit.roleChange', { from, to }) : t('audit.target', { name: to }));
    }
    if (typeof reason === 'string' && reason) parts.push(t('audit.reason', { reason }));
    return parts.join(' ');
  };

  return (
    <section className="panel" id="mod-audit" aria-labelledby="mod-audit-title">
      <div className="row between">
        <h2 id="mod-audit-title">{t('audit.title')}</h2>
        <button type="button" className="ghost" onClick={refresh}>
          {t('audit.refresh')}
        </button>
      </div>
      <p className="muted small">{t('audit.hint')}</p>
      {query.error && <ListError error={errorText(query.error)} onRetry={() => void query.refetch()} />}
      {entries?.length === 0 && <EmptyState testId="audit-empty" title={t('audit.empty')} next={t('audit.emptyNext')} />}
      <ul className="list compact" data-testid="audit-list">
        {(entries ?? []).map((entry) => (
          <li key={entry.id} data-testid="audit-item" data-action={entry.action}>
            <div>{describe(entry)}</div>
            <div className="muted small">{formatDate(entry.at)}</div>
          </li>
        ))}
      </ul>
      {entries && entries.length > 0 && (
        <LoadMore
          hasMore={query.hasNextPage}
          loading={query.isFetchingNextPage}
          error={query.isFetchNextPageError && query.error ? errorText(query.error) : null}
          onMore={() => void query.fetchNextPage()}
          testId="audit-more"
        />
      )}
    </section>
  );
}
