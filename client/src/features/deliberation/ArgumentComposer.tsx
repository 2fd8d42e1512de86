import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { argumentStances, type ArgumentStance, type Member } from '@linli/shared';
import { Composer } from '../chat/Composer';

interface Props {
  channelId: string;
  members: Member[] | null;
  me: string;
}

/** The chat composer with a stance picker: what is sent is an argument on that side. */
export function ArgumentComposer({ channelId, members, me }: Props) {
  const { t } = useTranslation();
  const [stance, setStance] = useState<ArgumentStance>('for');
  return (
    <div className="delib-composer" data-testid="delib-composer">
      <fieldset className="delib-stance row tight" data-testid="delib-stance">
        <legend className="small">{t('deliberation.stance.label')}</legend>
        {argumentStances.map((option) => (
          <label key={option} className={`chip delib-stance-${option}${option === stance ? ' selected' : ''}`}>
            <input type="radio" name={`stance-${channelId}`} className="visually-hidden" data-testid={`delib-stance-${option}`} value={option} checked={option === stance} onChange={() => setStance(option)} />
            {t(`deliberation.stance.${option}`)}
          </label>
        ))}
      </fieldset>
      <Composer
        channelId={channelId}
        members={members}
        me={me}
        stance={stance}
        placeholder={t(`deliberation.composerPlaceholder.${stance}`)}
        inputTestId="delib-composer-input"
        sendTestId="delib-send"
      />
    </div>
  );
}
