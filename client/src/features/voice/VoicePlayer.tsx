import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VoiceRef } from '@linli/shared';
import { formatDuration, voiceUrl } from './voiceApi';
import './voice.css';

/**
 * A recording with its duration and one big play/pause button (60 px in elder mode,
 * like every control). The length shown is the server's measurement: a MediaRecorder
 * WebM states none, so the browser only learns it by playing to the end.
 */
export function VoicePlayer({ voice, testId = 'voice-player' }: { voice: VoiceRef; testId?: string }) {
  const { t } = useTranslation();
  const audio = useRef<HTMLAudioElement>(null);
  const [playing, setPlaying] = useState(false);
  const [position, setPosition] = useState(0);
  const [failed, setFailed] = useState(false);
  const total = voice.durationMs / 1000;
  const duration = formatDuration(voice.durationMs);

  useEffect(() => {
    const el = audio.current;
    return () => el?.pause();
  }, []);

  function toggle() {
    const el = audio.current;
    if (!el) return;
    if (el.paused) {
      setFailed(false);
      void el.play().catch(() => setFailed(true));
    } else el.pause();
  }

  const progress = total > 0 ? Math.min(100, (position / total) * 100) : 0;
  return (
    <div className={`voice-player${playing ? ' is-playing' : ''}`} data-testid={testId} data-voice-id={voice.id}>
      <button type="button" className="voice-play" data-testid="voice-play" aria-pressed={playing} aria-label={playing ? t('voice.pause') : t('voice.play', { duration })} onClick={toggle}>
        <span aria-hidden="true">{playing ? '❚❚' : '▶'}</span>
      </button>
      <span className="voice-track" aria-hidden="true">
        <span className="voice-progress" style={{ width: `${progress}%` }} />
      </span>
      <span className="voice-duration" data-testid="voice-duration">
        {playing || position > 0 ? `${formatDuration(position * 1000)} / ${duration}` : duration}
      </span>
      {failed && (
        <span className="error-text small" role="alert">
          {t('voice.cannotPlay')}
        </span>
      )}
      <audio
        ref={audio}
        src={voiceUrl(voice.id)}
        preload="none"
        onPlay={() => setPlaying(true)}
        onPause={() => setPlaying(false)}
        onEnded={() => {
          setPlaying(false);
          setPosition(0);
        }}
        onTimeUpdate={(event) => setPosition(event.currentTarget.currentTime)}
        onError={() => {
          setPlaying(false);
          setFailed(true);
        }}
      />
    </div>
  );
}
