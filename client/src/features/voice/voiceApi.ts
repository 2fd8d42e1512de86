/** Voice recordings over HTTP (session cookie, same origin): upload before sending, then play. */
import type { Ack, VoiceClip } from '@linli/shared';

const base = '/api/voice';

export const voiceUrl = (clipId: string) => `${base}/${encodeURIComponent(clipId)}`;

/** Uploads one recording; answers it with the duration the server measured. */
export async function uploadVoice(communityId: string, blob: Blob): Promise<Ack<VoiceClip>> {
  const body = new FormData();
  body.append('voice', blob, blob.type.includes('ogg') ? 'voice.ogg' : 'voice.webm');
  try {
    const res = await fetch(`${base}?communityId=${encodeURIComponent(communityId)}`, { method: 'POST', credentials: 'same-origin', body, headers: { Accept: 'application/json' } });
    const json = (await res.json().catch(() => null)) as Ack<VoiceClip> | null;
    if (json && typeof json === 'object' && 'ok' in json) return json;
    return { ok: false, error: { code: res.status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL', message: `HTTP ${res.status}` } };
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: 'network' } };
  }
}

/** The recording format this browser offers: Opus in WebM (Chrome, Edge, Android) or Ogg (Firefox); null elsewhere (older Safari: MP4/AAC only). */
export function recordingType(): string | null {
  if (typeof MediaRecorder === 'undefined' || !navigator.mediaDevices?.getUserMedia) return null;
  for (const type of ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus']) if (MediaRecorder.isTypeSupported(type)) return type;
  return null;
}

/** "0:07", "1:00". */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
