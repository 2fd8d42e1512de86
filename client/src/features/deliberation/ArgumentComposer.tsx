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
      <div className="delib-stance row tight" role="radiogroup" aria-labelledby={`stance-label-${channelId}`} data-testid="delib-stance" data-stance={stance}>
        <span className="small" id={`stance-label-${channelId}`}>
          {t('deliberation.stance.label')}
        </span>
        {argumentStances.map((option) => (
          <button
            key={option}
            type="button"
            role="radio"
            aria-checked={option === stance}
            className={`chip delib-stance-${option}${option === stance ? ' selected' : ''}`}
            data-testid={`delib-stance-${option}`}
            onClick={() => setStance(option)}
          >
            {t(`deliberation.stance.${option}`)}
          </button>
        ))}
      </div>
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
