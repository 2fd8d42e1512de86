import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { VOICE_LIMITS, voiceRefusals, type VoiceClip, type VoiceRefusal, type WireError } from '@linli/shared';
import { recordingType, uploadVoice } from './voiceApi';

export type RecorderPhase = 'idle' | 'starting' | 'recording' | 'uploading';

/** The recorder stops by itself this long before the server's limit (the last Opus frame may run a little over). */
export const RECORD_MS = VOICE_LIMITS.maxMs - 500;

interface Session {
  recorder: MediaRecorder;
  stream: MediaStream;
  chunks: Blob[];
  startedAt: number;
}

/**
 * Records one clip with MediaRecorder (Opus in WebM or Ogg), stops by itself before 60 s,
 * uploads it and hands the stored clip to onClip. stop(false) cancels (nothing uploaded).
 */
export function useVoiceRecorder(communityId: string, onClip: (clip: VoiceClip) => void) {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<RecorderPhase>('idle');
  const [elapsed, setElapsed] = useState(0);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const session = useRef<Session | null>(null);
  /** A stop asked for while the microphone was still being opened. */
  const stopEarly = useRef<boolean | null>(null);
  const onClipRef = useRef(onClip);
  useEffect(() => {
    onClipRef.current = onClip;
  }, [onClip]);
  const supported = recordingType() !== null;

  const refusalText = useCallback(
    (error: WireError) => {
      const reason = error.issues?.find((issue) => issue.path === 'voice')?.message;
      return reason && (voiceRefusals as readonly string[]).includes(reason) ? t(`voice.refusals.${reason as VoiceRefusal}`) : t('voice.failed');
    },
    [t],
  );

  const finish = useCallback(
    async (current: Session, send: boolean) => {
      current.stream.getTracks().forEach((track) => track.stop());
      const duration = Date.now() - current.startedAt;
      if (!send) {
        setPhase('idle');
        setMessage({ text: t('voice.cancelled'), error: false });
        return;
      }
      if (duration < VOICE_LIMITS.minMs) {
        setPhase('idle');
        setMessage({ text: t('voice.tooShort'), error: true });
        return;
      }
      setPhase('uploading');
      const blob = new Blob(current.chunks, { type: current.recorder.mimeType || 'audio/webm' });
      const res = await uploadVoice(communityId, blob);
      setPhase('idle');
      if (res.ok) {
        setMessage(null);
        onClipRef.current(res.data);
      } else setMessage({ text: refusalText(res.error), error: true });
    },
    [communityId, refusalText, t],
  );

  const stop = useCallback(
    (send: boolean) => {
      const current = session.current;
      if (!current) {
        if (phase === 'starting') stopEarly.current = send;
        return;
      }
      session.current = null;
      current.recorder.addEventListener('stop', () => void finish(current, send), { once: true });
      if (current.recorder.state !== 'inactive') current.recorder.stop();
      else void finish(current, send);
    },
    [finish, phase],
  );

  const start = useCallback(async () => {
    if (session.current || phase !== 'idle') return;
    const mimeType = recordingType();
    if (!mimeType) {
      setMessage({ text: t('voice.unsupported'), error: true });
      return;
    }
    setMessage(null);
    setPhase('starting');
    stopEarly.current = null;
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch {
      setPhase('idle');
      setMessage({ text: t('voice.noMicrophone'), error: true });
      return;
    }
    const recorder = new MediaRecorder(stream, { mimeType, audioBitsPerSecond: 32_000 });
    const current: Session = { recorder, stream, chunks: [], startedAt: Date.now() };
    recorder.ondataavailable = (event) => {
      if (event.data.size > 0) current.chunks.push(event.data);
    };
    session.current = current;
    recorder.start(250);
    setElapsed(0);
    setPhase('recording');
    if (stopEarly.current !== null) {
      const send = stopEarly.current;
      stopEarly.current = null;
      session.current = null;
      recorder.addEventListener('stop', () => void finish(current, send), { once: true });
      recorder.stop();
    }
  }, [finish, phase, t]);

  // The countdown, and the stop at RECORD_MS.
  useEffect(() => {
    if (phase !== 'recording') return;
    const timer = setInterval(() => {
      const current = session.current;
      if (!current) return;
      const ms = Date.now() - current.startedAt;
      setElapsed(ms);
      if (ms >= RECORD_MS) stop(true);
    }, 200);
    return () => clearInterval(timer);
  }, [phase, stop]);

  // Leaving the page mid-recording releases the microphone and sends nothing.
  useEffect(
    () => () => {
      const current = session.current;
      session.current = null;
      if (current) {
        current.recorder.ondataavailable = null;
        if (current.recorder.state !== 'inactive') current.recorder.stop();
        current.stream.getTracks().forEach((track) => track.stop());
      }
    },
    [],
  );

  const secondsLeft = Math.max(0, Math.ceil((RECORD_MS - elapsed) / 1000));
  return { phase, supported, start, stop, elapsed, secondsLeft, message, clearMessage: () => setMessage(null) };
}
