import { useTranslation } from 'react-i18next';
import type { ArgumentStance } from '@linli/shared';
import './stance.css';

/** An argument's side in a deliberation topic's channel: a word (支持 / 反对 / 中立) on a colour, never the colour alone. */
export function StanceBadge({ stance }: { stance: ArgumentStance }) {
  const { t } = useTranslation();
  const word = t(`chat.stance.${stance}`);
  return (
    <span className={`badge stance-badge stance-${stance}`} data-testid="message-stance" data-stance={stance} title={`${t('chat.stance.prefix')}${word}`}>
      <span className="visually-hidden">{t('chat.stance.prefix')}</span>
      {word}
    </span>
  );
}
