import { fileTypeFromBuffer } from 'file-type';
import { parseBuffer } from 'music-metadata';
import { VOICE_LIMITS, type VoiceContentType, type VoiceRefusal } from '@linli/shared';
import { AppError } from '../lib/errors.js';
import { readOpus, type OpusContainer } from './opus.js';

/** A clip that passed every check, with what we store of it. */
export interface CheckedVoice {
  contentType: VoiceContentType;
  durationMs: number;
}

const messages: Record<VoiceRefusal, string> = {
  empty: 'The recording is empty',
  too_large: `The recording is larger than ${VOICE_LIMITS.bytes / 1024 / 1024} MB`,
  wrong_type: 'The recording is not Opus audio in WebM or Ogg',
  not_opus: 'The recording is not one Opus audio track in WebM or Ogg',
  damaged: 'The recording is damaged or incomplete',
  too_long: `The recording is longer than ${VOICE_LIMITS.maxMs / 1000} seconds`,
  too_short: 'The recording is too short',
};

/** VALIDATION_FAILED with the reason as `issues[0]` (path `voice`), for the client to word. */
export const refuseVoice = (reason: VoiceRefusal, detail?: string) =>
  new AppError('VALIDATION_FAILED', detail ? `${messages[reason]}: ${detail}` : messages[reason], { issues: [{ path: 'voice', message: reason }] });

/** Containers file-type names (it calls every WebM video/webm, and Ogg Opus audio/ogg or audio/opus). */
const containerOf: Record<string, OpusContainer> = {
  'video/webm': 'webm',
  'audio/webm': 'webm',
  'audio/ogg': 'ogg',
  'audio/opus': 'ogg',
  'audio/ogg; codecs=opus': 'ogg',
};

/**
 * Checks an uploaded clip by its content, never its name or declared type:
 * 1. size (empty, over VOICE_LIMITS.bytes);
 * 2. file-type reads the magic: WebM or Ogg, else `wrong_type` (a PNG, text named .webm);
 * 3. the container is walked (opus.ts): exactly one Opus audio track, every packet whole,
 *    else `not_opus` / `damaged`; the duration is the sum of the Opus packets' durations
 *    (or the last timestamp, whichever is longer);
 * 4. music-metadata parses it too: a codec it names must be Opus, and a duration it
 *    finds counts when longer (it cannot read Chromium's unknown-size WebM; then step 3 alone);
 * 5. VOICE_LIMITS.minMs <= duration <= VOICE_LIMITS.maxMs.
 */
export async function checkVoice(bytes: Buffer): Promise<CheckedVoice> {
  if (bytes.length === 0) throw refuseVoice('empty');
  if (bytes.length > VOICE_LIMITS.bytes) throw refuseVoice('too_large');
  const found = await fileTypeFromBuffer(bytes);
  const container = found ? containerOf[found.mime] : undefined;
  if (!container) throw refuseVoice('wrong_type', found ? `it is ${found.mime}` : 'its type is unknown');
  const reading = readOpus(bytes, container);
  if (!reading.ok) throw refuseVoice(reading.problem, reading.detail);
  let durationMs = reading.durationMs;
  try {
    const meta = await parseBuffer(bytes, { mimeType: container === 'webm' ? 'audio/webm' : 'audio/ogg', size: bytes.length }, { duration: true, skipCovers: true });
    const codec = meta.format.codec ?? '';
    if (codec && !/opus/i.test(codec)) throw refuseVoice('not_opus', `music-metadata reads ${codec}`);
    if (meta.format.hasVideo) throw refuseVoice('not_opus', 'it has video');
    if (typeof meta.format.duration === 'number' && Number.isFinite(meta.format.duration)) durationMs = Math.max(durationMs, Math.round(meta.format.duration * 1000));
  } catch (err) {
    if (err instanceof AppError) throw err;
    // music-metadata 11 throws on unknown-size Segments (every Chromium recording); the walk above stands.
  }
  if (durationMs > VOICE_LIMITS.maxMs) throw refuseVoice('too_long', `${(durationMs / 1000).toFixed(1)} s`);
  if (durationMs < VOICE_LIMITS.minMs) throw refuseVoice('too_short');
  return { contentType: container === 'webm' ? 'audio/webm' : 'audio/ogg', durationMs };
}
