import { useTranslation } from 'react-i18next';
import { MUTE_CHOICES } from '../util';
import { TextField } from '../../../ui/TextField';

interface Props {
  authorName: string;
  /** The author is muted now: offer lifting it. */
  muted: boolean;
  reason: string;
  onReason: (reason: string) => void;
  /** Minutes to mute for; 0 lifts the mute. */
  onMute: (minutes: number) => void;
  onCancel: () => void;
  pending: boolean;
}

/** Staff pick how long to mute a message's author (or lift the mute). */
export function MutePanel({ authorName, muted, reason, onReason, onMute, onCancel, pending }: Props) {
  const { t } = useTranslation();
  return (
    <div className="popover inline-panel" role="group" aria-label={t('chat.muteTitle', { name: authorName })}>
      <p className="small">{t('chat.muteTitle', { name: authorName })}</p>
      <TextField label={t('chat.muteReason')} labelClassName="small" value={reason} maxLength={300} onChange={(e) => onReason(e.target.value)} />
      <span className="row tight">
        {muted && (
          <button type="button" className="secondary" data-testid="unmute-option" disabled={pending} onClick={() => onMute(0)}>
            {t('chat.unmute')}
          </button>
        )}
        {MUTE_CHOICES.map((minutes) => (
          <button
            key={minutes}
            type="button"
            className="secondary"
            data-testid="mute-option"
            data-minutes={minutes}
            disabled={pending}
            onClick={() => onMute(minutes)}
          >
            {t(`chat.muteMinutes.${minutes}`)}
          </button>
        ))}
        <button type="button" className="ghost" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </span>
    </div>
  );
}
