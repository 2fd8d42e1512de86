import { useTranslation } from 'react-i18next';
import type { Open311Key } from '@linli/shared';
import { useFormatDate } from '../../lib/format';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { ErrorLine } from '../../ui/ErrorLine';

interface Props {
  communityId: string;
  item: Open311Key;
  onRevoked: (item: Open311Key) => void;
}

/** One API key: its label, when it was created and last used, and revoke (two steps) while it is valid. */
export function Open311KeyItem({ communityId, item, onRevoked }: Props) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const revoking = useAction();

  async function revoke() {
    const done = await revoking.run(() => request('open311:revokeKey', { communityId, keyId: item.id }));
    if (done) onRevoked(done);
  }

  return (
    <li data-testid="open311-key-item" data-key-id={item.id} data-revoked={item.revoked !== null} className={item.revoked ? 'is-archived' : undefined}>
      <div className="member-head">
        <strong>{item.label}</strong>
        <span className={item.revoked ? 'badge hh-rejected' : 'badge ok'} data-testid="open311-key-state">
          {item.revoked ? t('open311.keyRevoked') : t('open311.keyValid')}
        </span>
      </div>
      <dl className="key-dates small">
        <dt>{t('open311.keyCreated')}</dt>
        <dd>{formatDate(item.created)}</dd>
        <dt>{t('open311.keyLastUsed')}</dt>
        <dd>{item.lastUsed ? formatDate(item.lastUsed) : t('open311.keyNeverUsed')}</dd>
        {item.revoked && (
          <>
            <dt>{t('open311.keyRevokedAt')}</dt>
            <dd>{formatDate(item.revoked)}</dd>
          </>
        )}
      </dl>
      {!item.revoked && (
        <div className="row">
          <ConfirmButton
            label={t('open311.revoke')}
            confirmLabel={t('open311.revokeConfirm')}
            testId="open311-revoke"
            danger
            disabled={revoking.pending}
            onConfirm={() => void revoke()}
          />
        </div>
      )}
      <ErrorLine error={revoking.error} />
    </li>
  );
}
