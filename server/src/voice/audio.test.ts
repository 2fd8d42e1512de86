import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { VOICE_LIMITS } from '@linli/shared';
import { AppError } from '../lib/errors.js';
import { checkVoice } from './audio.js';
import { opusPacketMs, readOpus } from './opus.js';
import { buildOggOpus, buildWebmOpus } from './testing.js';

/** Recorded by Chromium's MediaRecorder (audio/webm;codecs=opus) from its fake microphone: 1.5 s. */
const chromium = readFileSync(new URL('./fixtures/chromium-fake-device.webm', import.meta.url));

async function refusal(bytes: Buffer): Promise<string> {
  const err = await checkVoice(bytes).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('VALIDATION_FAILED');
  const issues = (err as AppError).extra.issues!;
  expect(issues[0]!.path).toBe('voice');
  return issues[0]!.message;
}

describe('checkVoice', () => {
  it('accepts a real Chromium recording (unknown-size Segment, no Duration) and measures it', async () => {
    expect(await checkVoice(chromium)).toEqual({ contentType: 'audio/webm', durationMs: 1500 });
  });

  it('accepts WebM and Ogg Opus up to exactly 60 s, and refuses one frame more', async () => {
    expect(await checkVoice(buildWebmOpus({ packets: 3000 }))).toEqual({ contentType: 'audio/webm', durationMs: 60_000 });
    expect(await checkVoice(buildOggOpus({ packets: 3000 }))).toEqual({ contentType: 'audio/ogg', durationMs: 60_000 });
    expect(await refusal(buildWebmOpus({ packets: 3001 }))).toBe('too_long');
    expect(await refusal(buildOggOpus({ packets: 3001 }))).toBe('too_long');
  });

  it('counts the frames, not what a header says', async () => {
    // 90 s of audio stating 10 s
    expect(await refusal(buildWebmOpus({ packets: 4500, statedDurationMs: 10_000 }))).toBe('too_long');
  });

  it('refuses by content: a PNG, text named .webm, a Matroska file, video, another codec', async () => {
    const png = await sharp({ create: { width: 10, height: 10, channels: 3, background: 'red' } }).png().toBuffer();
    expect(await refusal(png)).toBe('wrong_type');
    expect(await refusal(Buffer.from('this is not a recording, just text named voice.webm'))).toBe('wrong_type');
    expect(await refusal(buildWebmOpus({ packets: 100, docType: 'matroska' }))).toBe('wrong_type');
    expect(await refusal(buildWebmOpus({ packets: 100, withVideo: true }))).toBe('not_opus');
    expect(await refusal(buildWebmOpus({ packets: 100, codec: 'A_VORBIS' }))).toBe('not_opus');
  });

  it('refuses empty, oversize, cut off, corrupted and too short files', async () => {
    expect(await refusal(Buffer.alloc(0))).toBe('empty');
    expect(await refusal(Buffer.concat([chromium, Buffer.alloc(VOICE_LIMITS.bytes)]))).toBe('too_large');
    const ogg = buildOggOpus({ packets: 100 });
    expect(await refusal(ogg.subarray(0, ogg.length - 10))).toBe('damaged');
    const flipped = Buffer.from(ogg);
    flipped[flipped.length - 2]! ^= 0xff; // the last page's checksum no longer matches
    expect(await refusal(flipped)).toBe('damaged');
    expect(await refusal(buildWebmOpus({ packets: 5 }))).toBe('too_short');
  });
});

describe('opus', () => {
  it('reads packet durations from the TOC byte', () => {
    expect(opusPacketMs(Uint8Array.from([0xf8, 0xff, 0xfe]))).toBe(20); // CELT FB 20 ms, one frame
    expect(opusPacketMs(Uint8Array.from([0x08 | 1]))).toBe(40); // SILK 20 ms, two frames
    expect(opusPacketMs(Uint8Array.from([(17 << 3) | 3, 6]))).toBe(30); // CELT 5 ms x 6
    expect(() => opusPacketMs(Uint8Array.from([(3 << 3) | 3, 3]))).toThrow(/longer than 120/); // 3 x 60 ms
  });

  it('says why a file is not Opus', () => {
    expect(readOpus(buildOggOpus({ packets: 10, head: Buffer.from('OpusHeaX........ ...') }), 'ogg')).toMatchObject({ ok: false, problem: 'not_opus' });
    expect(readOpus(buildOggOpus({ packets: 10 }), 'ogg')).toMatchObject({ ok: true, durationMs: 200, packets: 10 });
  });
});
