import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MyCommunity } from '@linli/shared';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { ErrorLine } from '../../ui/ErrorLine';
import { useMyCommunities } from '../communities/useMyCommunities';

/** Shows the community's invite code and lets staff rotate it. */
export function InviteCode({ mine }: { mine: MyCommunity }) {
  const { t } = useTranslation();
  const { patch } = useMyCommunities();
  const rotating = useAction();
  const [copied, setCopied] = useState(false);
  const communityId = mine.community.id;

  async function rotate() {
    const data = await rotating.run(() => request('community:rotateInviteCode', { communityId }));
    if (data) {
      patch(communityId, (mine) => ({ ...mine, inviteCode: data.inviteCode }));
      setCopied(false);
    }
  }

  async function copy() {
    if (!mine.inviteCode) return;
    try {
      await navigator.clipboard.writeText(mine.inviteCode);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  return (
    <section className="panel" id="mod-invite" aria-labelledby="mod-invite-title">
      <h2 id="mod-invite-title">{t('mod.invite')}</h2>
      <p className="muted small">{t('mod.inviteHint')}</p>
      <div className="row">
        <code className="invite-code" data-testid="invite-code">
          {mine.inviteCode ?? t('mod.noInvite')}
        </code>
        {mine.inviteCode && typeof navigator.clipboard !== 'undefined' && (
          <button type="button" className="secondary" onClick={() => void copy()}>
            {copied ? t('common.copied') : t('common.copy')}
          </button>
        )}
        <ConfirmButton
          label={t('mod.rotate')}
          confirmLabel={t('mod.rotateConfirm')}
          testId="rotate-invite-code"
          disabled={rotating.pending}
          onConfirm={() => void rotate()}
        />
      </div>
      <ErrorLine error={rotating.error} />
    </section>
  );
}
