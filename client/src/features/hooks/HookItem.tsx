import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel, Hook, HookDelivery } from '@linli/shared';
import { useFormatDate } from '../../lib/format';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { ErrorLine } from '../../ui/ErrorLine';

interface Props {
  communityId: string;
  hook: Hook;
  channels: readonly Channel[];
  onChanged: () => void;
}

/** One robot: where it posts (hints only), its health, 测试 and 移除. */
export function HookItem({ communityId, hook, channels, onChanged }: Props) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const testing = useAction();
  const removing = useAction();
  const [tested, setTested] = useState<HookDelivery | null>(null);
  const channel = hook.channelId ? channels.find((item) => item.id === hook.channelId) : null;

  async function test() {
    setTested(null);
    const done = await testing.run(() => request('hook:test', { communityId, hookId: hook.id }));
    if (done) setTested(done);
    onChanged();
  }

  async function remove() {
    if (await removing.run(() => request('hook:remove', { communityId, hookId: hook.id }))) onChanged();
  }

  const testResult = tested
    ? tested.state === 'sent'
      ? { tone: 'success', text: t('hooks.testSent') }
      : tested.state === 'failed'
        ? { tone: 'error', text: t('hooks.testFailed', { error: tested.lastError ?? '' }) }
        : { tone: 'muted', text: t('hooks.testRetrying', { error: tested.lastError ?? '' }) }
    : null;

  return (
    <li data-testid="hook-item" data-hook-id={hook.id}>
      <div className="member-head">
        <strong>{hook.name}</strong>
        <span className="badge">{t(`hooks.providers.${hook.provider}`)}</span>
        {hook.failed > 0 && (
          <span className="badge hh-rejected" data-testid="hook-failed">
            {t('hooks.failed', { count: hook.failed })}
          </span>
        )}
        {hook.pending > 0 && <span className="badge">{t('hooks.pending', { count: hook.pending })}</span>}
      </div>
      <p className="muted small">
        <code>{hook.urlHint}</code> · {hook.secretHint ? t('hooks.secretSet', { hint: hook.secretHint }) : t('hooks.noSecret')}
      </p>
      <p className="muted small">
        {channel ? t('hooks.channelScope', { name: channel.name }) : t('hooks.wholeCommunity')} ·{' '}
        {hook.lastSentAt ? t('hooks.lastSent', { time: formatDate(hook.lastSentAt) }) : t('hooks.neverSent')}
      </p>
      <div className="row">
        <button type="button" className="secondary" data-testid="hook-test" disabled={testing.pending} onClick={() => void test()}>
          {t('hooks.test')}
        </button>
        <ConfirmButton label={t('hooks.remove')} confirmLabel={t('hooks.removeConfirm')} testId="hook-remove" danger disabled={removing.pending} onConfirm={() => void remove()} />
      </div>
      {testResult && (
        <p className={`${testResult.tone} small`} role="status" data-testid="hook-test-result">
          {testResult.text}
        </p>
      )}
      <ErrorLine error={testing.error ?? removing.error} small />
    </li>
  );
}
