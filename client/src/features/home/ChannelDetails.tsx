import { useTranslation } from 'react-i18next';
import type { Channel, Organisation } from '@linli/shared';
import { useFormatDate } from '../../lib/format';
import { StaffBadge } from './StaffDirectory';
import { useVisibilityText } from './useVisibilityText';

interface Props {
  channel: Channel | null;
  organisations: Organisation[] | null;
  onClose: () => void;
}

/** The channel's charter: purpose, topic plan, owner and audience. */
export function ChannelDetails({ channel, organisations, onClose }: Props) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const visibilityText = useVisibilityText(organisations);

  if (!channel) {
    return (
      <section className="panel details-empty" aria-live="polite">
        <p className="muted">{t('home.selectChannel')}</p>
      </section>
    );
  }

  return (
    <section className="panel channel-details" data-testid="channel-details" aria-labelledby="channel-details-title">
      <div className="details-head">
        <p className="eyebrow">{t('home.details.heading')}</p>
        <h2 id="channel-details-title">{channel.name}</h2>
        <span className={`badge kind kind-${channel.kind}`}>{t(`channelKinds.${channel.kind}`)}</span>
        {channel.archived && <span className="badge muted-badge">{t('home.archived')}</span>}
      </div>
      <dl className="facts">
        <div>
          <dt>{t('home.details.purpose')}</dt>
          <dd>{t(`channelKindHints.${channel.kind}`)}</dd>
        </div>
        <div>
          <dt>{t('home.details.topicPlan')}</dt>
          <dd className="pre" data-testid="channel-details-topic">
            {channel.topicPlan}
          </dd>
        </div>
        <div>
          <dt>{t('home.details.owner')}</dt>
          <dd>
            <strong data-testid="channel-details-owner">{channel.ownerName}</strong>
            <StaffBadge userId={channel.ownerId} />
            <br />
            <span className="muted small">{t('home.details.ownerHint')}</span>
          </dd>
        </div>
        <div>
          <dt>{t('home.details.visibility')}</dt>
          <dd data-testid="channel-details-visibility">{visibilityText(channel.visibility)}</dd>
        </div>
        <div>
          <dt>{t('home.details.created')}</dt>
          <dd>{formatDate(channel.createdAt)}</dd>
        </div>
        <div>
          <dt>{t('home.details.updated')}</dt>
          <dd>{formatDate(channel.updatedAt)}</dd>
        </div>
      </dl>
      <button type="button" className="secondary" onClick={onClose}>
        {t('home.details.close')}
      </button>
    </section>
  );
}
