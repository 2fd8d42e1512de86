import { useRef, useState, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { VoiceClip } from '@linli/shared';
import { useVoiceRecorder } from './useVoiceRecorder';
import './voice.css';

interface Props {
  communityId: string;
  /** The uploaded clip (measured by the server). */
  onClip: (clip: VoiceClip) => void;
  /** 'send': the chat's button (stop = send); 'attach': a form's (stop = keep the recording). */
  purpose?: 'send' | 'attach';
  disabled?: boolean;
  testId?: string;
}

/** Sliding this far up (or this far off the button) arms the cancel. */
const CANCEL_PX = 60;

/**
 * The talk button. On a touch screen: hold to talk, release to send, slide up (or off the
 * button) to cancel. With a mouse or the keyboard: click to start, click again to stop.
 * A countdown shows the seconds left; the recorder stops by itself before 60 s.
 */
export function VoiceRecorder({ communityId, onClip, purpose = 'send', disabled, testId = 'voice-record' }: Props) {
  const { t } = useTranslation();
  const recorder = useVoiceRecorder(communityId, onClip);
  const hold = useRef<{ x: number; y: number } | null>(null);
  /** The click that follows a touch hold is not a second toggle. */
  const touchUsed = useRef(false);
  const [armed, setArmed] = useState(false);
  /** A finger is holding the button (touch): the hint and labels follow it. */
  const [holding, setHolding] = useState(false);
  /** The last press was a touch: the button reads 按住说话. */
  const [touchMode, setTouchMode] = useState(false);
  const { phase } = recorder;
  const active = phase === 'recording' || phase === 'starting';

  function onPointerDown(event: PointerEvent<HTMLButtonElement>) {
    if (event.pointerType === 'mouse' || disabled) return;
    event.preventDefault();
    touchUsed.current = true;
    hold.current = { x: event.clientX, y: event.clientY };
    setHolding(true);
    setTouchMode(true);
    setArmed(false);
    try {
      event.currentTarget.setPointerCapture(event.pointerId);
    } catch {
      // A synthetic pointer cannot be captured; moves still reach the button while over it.
    }
    void recorder.start();
  }

  function onPointerMove(event: PointerEvent<HTMLButtonElement>) {
    const start = hold.current;
    if (!start) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const off = event.clientX < rect.left - CANCEL_PX || event.clientX > rect.right + CANCEL_PX || event.clientY > rect.bottom + CANCEL_PX;
    setArmed(start.y - event.clientY > CANCEL_PX || off);
  }

  function onPointerUp() {
    if (!hold.current) return;
    hold.current = null;
    setHolding(false);
    recorder.stop(!armed);
    setArmed(false);
  }

  function onPointerCancel() {
    if (!hold.current) return;
    hold.current = null;
    setHolding(false);
    recorder.stop(false);
    setArmed(false);
  }

  function onClick() {
    if (touchUsed.current) {
      touchUsed.current = false;
      return;
    }
    if (phase === 'idle') void recorder.start();
    else if (phase === 'recording') recorder.stop(true);
  }

  const label = active ? (purpose === 'send' ? t('voice.stop') : t('voice.stopForm')) : touchMode ? t('voice.record') : t('voice.recordDesktop');

  return (
    <div className={`voice-recorder${active ? ' is-recording' : ''}${armed ? ' is-armed' : ''}`}>
      <button
        type="button"
        className={`voice-record-button ${active ? 'danger solid' : 'secondary'}`}
        data-testid={testId}
        data-phase={phase}
        aria-pressed={active}
        aria-label={active ? label : `${t('voice.recordDesktop')}（${t('voice.record')}）`}
        title={t('voice.record')}
        disabled={disabled || phase === 'uploading' || !recorder.supported}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerCancel}
        onContextMenu={(event) => event.preventDefault()}
        onClick={onClick}
      >
        <span aria-hidden="true">{active ? '■' : '🎤'}</span>
        {purpose === 'attach' && <span className="voice-record-label">{active ? label : t('voice.describe')}</span>}
      </button>
      {active && (
        <div className="voice-recording" role="status" data-testid="voice-recording">
          <span className="voice-dot" aria-hidden="true" />
          <span>{armed ? t('voice.releaseToCancel') : t('voice.recording')}</span>
          <span className="voice-countdown" data-testid="voice-countdown" data-seconds={recorder.secondsLeft}>
            {t('voice.left', { seconds: recorder.secondsLeft })}
          </span>
          <span className="muted small">{holding ? t('voice.holdHint') : t('voice.clickHint')}</span>
          {!holding && (
            <button type="button" className="ghost voice-cancel" data-testid="voice-cancel" onClick={() => recorder.stop(false)}>
              {t('voice.cancel')}
            </button>
          )}
        </div>
      )}
      {phase === 'uploading' && (
        <p className="muted small voice-note" role="status">
          {t('voice.uploading')}
        </p>
      )}
      {!recorder.supported && (
        <p className="muted small voice-note" data-testid="voice-unsupported">
          {t('voice.unsupported')}
        </p>
      )}
      {recorder.message && recorder.supported && (
        <p className={`small voice-note ${recorder.message.error ? 'error-text' : 'muted'}`} role={recorder.message.error ? 'alert' : 'status'} data-testid="voice-message">
          {recorder.message.text}
        </p>
      )}
    </div>
  );
}
