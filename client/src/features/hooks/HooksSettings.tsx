import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel, HookDeliveryState } from '@linli/shared';
import { useErrorText } from '../../lib/errors';
import { useFormatDate } from '../../lib/format';
import { HookForm } from './HookForm';
import { HookItem } from './HookItem';
import { useHooks } from './useHooks';

const stateBadge: Record<HookDeliveryState, string> = { pending: 'badge', sent: 'badge ok', failed: 'badge hh-rejected' };

/**
 * Admins: the community's group robots (企业微信 / 钉钉 / 飞书) — add, test, remove — and
 * what was sent to them lately, failures with the provider's answer.
 */
export function HooksSettings({ communityId, channels }: { communityId: string; channels: readonly Channel[] | null }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const formatDate = useFormatDate();
  const [failedOnly, setFailedOnly] = useState(false);
  const { hooks, deliveries, error, refresh } = useHooks(communityId, failedOnly ? 'failed' : null);
  const announcements = (channels ?? []).filter((channel) => channel.kind === 'announcements' && !channel.archived);
  const nameOf = (hookId: string) => hooks?.find((hook) => hook.id === hookId)?.name ?? '—';

  return (
    <section className="panel" id="mod-hooks" aria-labelledby="mod-hooks-title" data-testid="hooks-settings">
      <h2 id="mod-hooks-title">{t('hooks.title')}</h2>
      <p className="muted small">{t('hooks.hint')}</p>
      {error && (
        <p className="error small" role="alert">
          {errorText(error)}
        </p>
      )}
      <div className="manager-grid">
        <HookForm communityId={communityId} channels={announcements} onAdded={refresh} />
        <ul className="list compact" data-testid="hook-list">
          {hooks === null && !error && <li className="muted">{t('app.loading')}</li>}
          {hooks?.length === 0 && <li className="empty muted">{t('hooks.none')}</li>}
          {hooks?.map((hook) => (
            <HookItem key={hook.id} communityId={communityId} hook={hook} channels={announcements} onChanged={refresh} />
          ))}
        </ul>
      </div>
      <div className="stack">
        <h3>{t('hooks.deliveries')}</h3>
        <label className="check">
          <input type="checkbox" checked={failedOnly} data-testid="hook-failed-only" onChange={(e) => setFailedOnly(e.target.checked)} />
          <span>{t('hooks.showFailedOnly')}</span>
        </label>
        <ul className="list compact" data-testid="hook-deliveries">
          {deliveries?.length === 0 && <li className="empty muted">{t('hooks.noDeliveries')}</li>}
          {deliveries?.map((delivery) => (
            <li key={delivery.id} data-testid="hook-delivery" data-state={delivery.state}>
              <div className="member-head">
                <span className={stateBadge[delivery.state]}>{t(`hooks.states.${delivery.state}`)}</span>
                <strong>{delivery.title}</strong>
              </div>
              <p className="muted small">
                {nameOf(delivery.hookId)} · {t(`hooks.kinds.${delivery.kind}`)} · {formatDate(delivery.sentAt ?? delivery.createdAt)} · {t('hooks.attempts', { count: delivery.attempts })}
                {delivery.nextAttemptAt && <> · {t('hooks.nextAttempt', { time: formatDate(delivery.nextAttemptAt) })}</>}
              </p>
              {delivery.lastError && delivery.state !== 'sent' && <p className="error small">{delivery.lastError}</p>}
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
