import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppNotification } from '@linli/shared';
import { useFormatDate } from '../../lib/format';
import { useNavigateTo } from '../../lib/route';
import { useConnection } from '../../lib/socket';
import { loadNotifications, markNotificationsRead, useChat } from '../chat/store';

/** The bell in the header: unread count, and a panel of mentions, replies and moderation notices. */
export function NotificationsBell() {
  const navigate = useNavigateTo();
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const { epoch } = useConnection();
  const { items, unread, loaded } = useChat((s) => s.notifications);
  const [open, setOpen] = useState(false);
  const panelRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (epoch > 0 && !loaded) void loadNotifications();
  }, [epoch, loaded]);

  // Close on Escape or a click elsewhere.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    const onDown = (e: PointerEvent) => {
      const target = e.target as Node;
      if (panelRef.current && !panelRef.current.contains(target) && !(target as Element).closest?.('[data-testid="notifications-button"]')) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onDown);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onDown);
    };
  }, [open]);

  function go(n: AppNotification) {
    setOpen(false);
    if (!n.readAt) void markNotificationsRead([n.id]);
    if (n.kind === 'unban') {
      // No longer banned, not yet a member again: the picker is where one joins.
      navigate({ name: 'picker' });
    } else if (n.channelId) {
      navigate({ name: 'community', communityId: n.communityId, view: 'home', channelId: n.channelId, messageId: n.messageId });
    } else {
      navigate({ name: 'community', communityId: n.communityId, view: 'home', channelId: null });
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
          setOpen((v) => !v);
          if (!open) void loadNotifications();
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
                <button type="button" className="ghost" data-testid="notifications-mark-all" onClick={() => void markNotificationsRead()}>
                  {t('notifications.markAll')}
                </button>
              )}
              <button type="button" className="ghost" onClick={() => setOpen(false)}>
                {t('notifications.close')}
              </button>
            </span>
          </div>
          {items.length === 0 && <p className="muted">{t('notifications.empty')}</p>}
          <ul className="list notif-list">
            {items.map((n) => (
              <li key={n.id}>
                <button
                  type="button"
                  className={`card-button notification-item${n.readAt ? '' : ' unread'}`}
                  data-testid="notification-item"
                  data-kind={n.kind}
                  data-unread={!n.readAt}
                  onClick={() => go(n)}
                >
                  <span className="notif-title">
                    {!n.readAt && <span className="unread-dot" aria-hidden="true" />}
                    {t(`notifications.kinds.${n.kind}`, { actor: n.actorName })}
                  </span>
                  {n.excerpt && <span className="clamp small">{n.excerpt}</span>}
                  <span className="muted small">{formatDate(n.createdAt)}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
