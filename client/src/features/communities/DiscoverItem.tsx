import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, type CommunityCard } from '@linli/shared';
import { useNavigateTo } from '../../lib/route';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { ErrorLine } from '../../ui/ErrorLine';
import { TextAreaField } from '../../ui/TextAreaField';
import { CommunityFacts } from './CommunityFacts';

interface Props {
  card: CommunityCard;
  onRequested: () => void;
}

export function DiscoverItem({ card, onRequested }: Props) {
  const navigate = useNavigateTo();
  const { t } = useTranslation();
  const [message, setMessage] = useState('');
  const sending = useAction();
  const [justSent, setJustSent] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const req = await sending.run(() =>
      request('community:requestJoin', { communityId: card.id, message: message.trim() }),
    );
    if (req) {
      setJustSent(true);
      onRequested();
    }
  }

  const canRequest = !card.isMember && card.myRequestStatus !== 'pending';

  return (
    <li className="discover-item" data-testid="discover-item" data-community-id={card.id}>
      <div className="card-title">{card.name}</div>
      <div className="muted small">
        <CommunityFacts district={card.district} street={card.street} memberCount={card.memberCount} />
      </div>
      {card.isMember ? (
        <div className="row">
          <span className="badge ok">{t('picker.discover.isMember')}</span>
          <button
            type="button"
            className="secondary"
            onClick={() => navigate({ name: 'community', communityId: card.id, view: 'home', channelId: null })}
          >
            {t('picker.enter')}
          </button>
        </div>
      ) : (
        card.myRequestStatus && (
          <span className={`badge join-${card.myRequestStatus}`} data-testid="join-request-status" data-status={card.myRequestStatus}>
            {t(`joinStatus.${card.myRequestStatus}`)}
          </span>
        )
      )}
      {justSent && card.myRequestStatus === 'pending' && (
        <p className="success small" role="status">
          {t('picker.discover.requested')}
        </p>
      )}
      {canRequest && (
        <form className="stack" onSubmit={(e) => void submit(e)}>
          <TextAreaField
            label={t('picker.discover.messageLabel')}
            labelClassName="small"
            data-testid="join-message-input"
            rows={2}
            maxLength={LIMITS.joinMessage.max}
            placeholder={t('picker.discover.messagePlaceholder')}
            value={message}
            onChange={(e) => setMessage(e.target.value)}
          />
          <button type="submit" className="primary" data-testid="request-join-button" disabled={sending.pending}>
            {sending.pending ? t('common.saving') : t('picker.discover.request')}
          </button>
        </form>
      )}
      <ErrorLine error={sending.error} />
    </li>
  );
}
