import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, memberRoles, type AuditEntry, type MemberRole, type WireError } from '@linli/shared';
import { useErrorText } from '../../lib/errors';
import { useFormatDate } from '../../lib/format';
import { request, useConnection } from '../../lib/socket';
import { useAction } from '../../lib/useAction';

/** Actions the server records; anything else is shown generically. */
const knownActions = new Set([
  'channel.create',
  'channel.update',
  'channel.archive',
  'channel.restore',
  'community.create',
  'community.update',
  'community.rotateInviteCode',
  'joinRequest.approve',
  'joinRequest.reject',
  'member.setRole',
  'member.ban',
  'member.unban',
  'member.mute',
  'member.unmute',
  'message.hide',
  'report.dismiss',
  'household.verify',
  'household.reject',
  'organisation.create',
  'organisation.update',
  'organisation.addStaff',
  'organisation.removeStaff',
  'organisation.remove',
]);

const isRole = (v: unknown): v is MemberRole => typeof v === 'string' && (memberRoles as readonly string[]).includes(v);

/** Staff actions, newest first: the trail supervisors follow up on. */
export function AuditLog({ communityId }: { communityId: string }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const errorText = useErrorText();
  const { epoch } = useConnection();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [error, setError] = useState<WireError | null>(null);
  const [refreshes, setRefreshes] = useState(0);
  const loadingMore = useAction();
  const pageSize = LIMITS.pageSize.default;

  useEffect(() => {
    if (epoch === 0) return;
    let cancelled = false;
    void request('audit:list', { communityId, limit: pageSize }).then((res) => {
      if (cancelled) return;
      if (res.ok) {
        setEntries(res.data);
        setHasMore(res.data.length >= pageSize);
      }
      setError(res.ok ? null : res.error);
    });
    return () => {
      cancelled = true;
    };
  }, [communityId, epoch, refreshes, pageSize]);

  async function loadMore(before: string) {
    const page = await loadingMore.run(() => request('audit:list', { communityId, before, limit: pageSize }));
    if (!page) return;
    setEntries((prev) => [...(prev ?? []), ...page]);
    setHasMore(page.length >= pageSize);
  }

  const describe = (entry: AuditEntry) => {
    const action = knownActions.has(entry.action) ? t(`audit.actions.${entry.action}`) : t('audit.actions.unknown');
    const { name, from, to, reason } = entry.details;
    const parts = [t('audit.line', { actor: entry.actorName, action })];
    if (typeof name === 'string' && name) parts.push(t('audit.target', { name }));
    if (isRole(from) && isRole(to)) parts.push(t('audit.roleChange', { from: t(`roles.${from}`), to: t(`roles.${to}`) }));
    if (typeof reason === 'string' && reason) parts.push(t('audit.reason', { reason }));
    return parts.join(' ');
  };

  return (
    <section className="panel" id="mod-audit" aria-labelledby="mod-audit-title">
      <div className="row between">
        <h2 id="mod-audit-title">{t('audit.title')}</h2>
        <button type="button" className="ghost" onClick={() => setRefreshes((n) => n + 1)}>
          {t('audit.refresh')}
        </button>
      </div>
      <p className="muted small">{t('audit.hint')}</p>
      {(error || loadingMore.error) && (
        <p className="error" role="alert">
          {error ? errorText(error) : loadingMore.error}
        </p>
      )}
      {entries?.length === 0 && <p className="muted">{t('audit.empty')}</p>}
      <ul className="list compact" data-testid="audit-list">
        {(entries ?? []).map((entry) => (
          <li key={entry.id} data-testid="audit-item" data-action={entry.action}>
            <div>{describe(entry)}</div>
            <div className="muted small">{formatDate(entry.at)}</div>
          </li>
        ))}
      </ul>
      {hasMore && entries && entries.length > 0 && (
        <button
          type="button"
          className="secondary"
          disabled={loadingMore.pending}
          onClick={() => {
            const oldest = entries[entries.length - 1];
            if (oldest) void loadMore(oldest.at);
          }}
        >
          {t('audit.more')}
        </button>
      )}
    </section>
  );
}
