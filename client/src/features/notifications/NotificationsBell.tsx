import { useEffect, useRef, useState } from 'react';
import { EmptyState } from '../../ui/EmptyState';
import { LoadMore } from '../../ui/InfiniteList';
import { useTranslation } from 'react-i18next';
import type { AppNotification } from '@linli/shared';
import { useFormatDate } from '../../lib/format';
import { useNavigateTo, type ItemView } from '../../lib/route';
import { useNotifications } from './useNotifications';

/** The bell in the header: unread count, and a panel of mentions, replies and moderation notices. */
/** The page a notification about one item opens (its subjectId is the item's id). */
const subjectViews: Partial<Record<AppNotification['kind'], ItemView>> = {
  deliberation: 'deliberations',
  poll: 'polls',
  decision: 'decisions',
  survey: 'surveys',
  activity: 'activities',
};

export function NotificationsBell() {
  const navigate = useNavigateTo();
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const { items, unread, reload, markRead, more } = useNotifications();
  const [open, setOpen] = useState(false);
  const panelRef = useRef<HTMLDivElement>(null);

  // Close on Escape or a click elsewhere.
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    const onDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (panelRef.current && !panelRef.current.contains(target) && !(target as Element).closest?.('[data-testid="notifications-button"]')) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onDown);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onDown);
    };
  }, [open]);

  function go(notification: AppNotification) {
    setOpen(false);
    if (!notification.readAt) void markRead([notification.id]);
    const { communityId, channelId, messageId, issueId } = notification;
    const view = subjectViews[notification.kind];
    if (notification.kind === 'unban') {
      // No longer banned, not yet a member again: the picker is where one joins.
      navigate({ name: 'picker' });
    } else if (notification.kind === 'issue' && issueId) {
      navigate({ name: 'community', communityId, view: 'issues', channelId: null, issueId });
    } else if (view && notification.subjectId) {
      navigate({ name: 'community', communityId, view, channelId: null, itemId: notification.subjectId });
    } else if (channelId) {
      navigate({ name: 'community', communityId, view: 'chat', channelId, messageId });
    } else {
      navigate({ name: 'community', communityId, view: 'home', channelId: null });
    }
  }

  return (
    <div className="notif">
      <button
        type="button"
        className="ghost bell"
        data-testid="notifications-button"
        aria-label={t('notifications.buttonAria', { count: unread })}
        aria-expanded={open}
        onClick={() => {
          setOpen((wasOpen) => !wasOpen);
          if (!open) reload();
        }}
      >
        <span aria-hidden="true">🔔</span>
        <span className="bell-label">{t('notifications.button')}</span>
        <span className={`count${unread === 0 ? ' zero' : ''}`} data-testid="notifications-count">
          {unread}
        </span>
      </button>
      {open && (
        <div className="notif-panel" ref={panelRef} role="dialog" aria-label={t('notifications.title')} data-testid="notifications-panel">
          <div className="row between">
            <h2>{t('notifications.title')}</h2>
            <span className="row tight">
              {unread > 0 && (
                <button type="button" className="ghost" data-testid="notifications-mark-all" onClick={() => void markRead()}>
                  {t('notifications.markAll')}
                </button>
              )}
              <button type="button" className="ghost" onClick={() => setOpen(false)}>
                {t('notifications.close')}
              </button>
            </span>
          </div>
          {items.length === 0 && <EmptyState testId="notifications-empty" title={t('notifications.empty')} next={t('notifications.emptyNext')} />}
          <ul className="list notif-list">
            {items.map((notification) => (
              <li key={notification.id}>
                <button
                  type="button"
                  className={`card-button notification-item${notification.readAt ? '' : ' unread'}`}
                  data-testid="notification-item"
                  data-kind={notification.kind}
                  data-unread={!notification.readAt}
                  onClick={() => go(notification)}
                >
                  <span className="notif-title">
                    {!notification.readAt && <span className="unread-dot" aria-hidden="true" />}
                    {t(`notifications.kinds.${notification.kind}`, { actor: notification.actorName })}
                  </span>
                  {notification.excerpt && <span className="clamp small">{notification.excerpt}</span>}
                  <span className="muted small">{formatDate(notification.createdAt)}</span>
                </button>
              </li>
            ))}
          </ul>
          {items.length > 0 && <LoadMore hasMore={more.hasMore} loading={more.loadingMore} error={more.moreError} onMore={more.loadMore} quietEnd testId="notifications-more" />}
        </div>
      )}
    </div>
  );
}
