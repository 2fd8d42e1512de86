import { useTranslation } from 'react-i18next';
import type { VoiceRef } from '@linli/shared';
import { VoicePlayer } from './VoicePlayer';
import { VoiceRecorder } from './VoiceRecorder';
import { formatDuration } from './voiceApi';

/** A form's optional recording (a problem report's spoken description): record it, hear it back, remove it. */
export function VoiceAttach({ communityId, value, onChange }: { communityId: string; value: VoiceRef | null; onChange: (voice: VoiceRef | null) => void }) {
  const { t } = useTranslation();
  if (!value) {
    return (
      <div className="voice-attach row" data-testid="voice-attach">
        <VoiceRecorder communityId={communityId} purpose="attach" testId="issue-voice-record" onClip={(clip) => onChange({ id: clip.id, durationMs: clip.durationMs })} />
      </div>
    );
  }
  return (
    <div className="voice-attach row" data-testid="voice-attach">
      <span className="visually-hidden">{t('voice.attached', { duration: formatDuration(value.durationMs) })}</span>
      <VoicePlayer voice={value} testId="issue-voice-draft" />
      <button type="button" className="ghost" data-testid="issue-voice-remove" onClick={() => onChange(null)}>
        {t('voice.remove')}
      </button>
    </div>
  );
}
