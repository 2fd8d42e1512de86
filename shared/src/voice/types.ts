/**
 * Voice messages (语音): clips recorded in the browser (MediaRecorder, Opus in WebM or
 * Ogg), uploaded over HTTP (POST /api/voice), then attached to a chat message or to a
 * problem report as its spoken description. The server checks every clip by content.
 */
import { z } from 'zod';
import { id } from '../fields.js';

export const VOICE_LIMITS = {
  /** Longest clip, checked on the server by counting the Opus frames (the recorder stops here). */
  maxMs: 60_000,
  /** Shorter clips are refused (a tap on the talk button, not a message). */
  minMs: 300,
  /** Bytes of one uploaded clip: 60 s of Opus at 64 kbit/s is ~480 KB. */
  bytes: 1024 * 1024,
} as const;

/** Containers accepted (by content, never by name or declared type); both carry Opus only. */
export const voiceContentTypes = ['audio/webm', 'audio/ogg'] as const;
export type VoiceContentType = (typeof voiceContentTypes)[number];

/**
 * Why an upload was refused: the `issues[0].message` of the VALIDATION_FAILED answer
 * (path `voice`), for the client to word. `empty`, `too_large`: by size; `wrong_type`: not a
 * WebM or Ogg file at all (a PNG, a text file named .webm); `not_opus`: WebM/Ogg but not
 * one Opus audio track (video, Vorbis, several tracks); `damaged`: cut off or malformed;
 * `too_long` / `too_short`: the measured duration.
 */
export const voiceRefusals = ['empty', 'too_large', 'wrong_type', 'not_opus', 'damaged', 'too_long', 'too_short'] as const;
export type VoiceRefusal = (typeof voiceRefusals)[number];

/** A clip as messages and problem reports show it. */
export interface VoiceRef {
  id: string;
  /** Measured by the server from the clip's Opus frames. */
  durationMs: number;
}

/** An uploaded clip, as POST /api/voice answers it. */
export interface VoiceClip extends VoiceRef {
  contentType: VoiceContentType;
  bytes: number;
}

/**
 * A clip named in a command (message:send, issue:file): uploaded before by the caller
 * and not used yet. durationMs, when given, is ignored: the stored measurement is shown.
 */
export const voiceField = z.strictObject({
  id,
  durationMs: z.int().min(0).max(VOICE_LIMITS.maxMs * 2).optional(),
});
