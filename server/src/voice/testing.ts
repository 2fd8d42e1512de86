/**
 * Builders of small, valid Opus files for tests (no encoder needed): WebM laid out as
 * Chromium's MediaRecorder writes it (unknown-size Segment and Clusters, SimpleBlocks)
 * and Ogg as Firefox's does (OpusHead, OpusTags, audio pages, CRCs). Every packet is
 * the 20 ms CELT silence frame (0xF8 0xFF 0xFE), which every Opus decoder plays.
 */
import { oggCrc } from './opus.js';

/** 20 ms of silence, one CELT fullband frame. */
export const SILENCE_20MS = Uint8Array.from([0xf8, 0xff, 0xfe]);

function vintSize(size: number | null): number[] {
  if (size === null) return [0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
  const bytes = [0x01];
  for (let i = 6; i >= 0; i--) bytes.push(Math.floor(size / 256 ** i) % 256);
  return bytes;
}

function idBytes(id: number): number[] {
  const out: number[] = [];
  for (let v = id; v > 0; v = Math.floor(v / 256)) out.unshift(v % 256);
  return out;
}

const el = (id: number, data: Uint8Array | number[], unknownSize = false): Buffer =>
  Buffer.concat([Buffer.from(idBytes(id)), Buffer.from(vintSize(unknownSize ? null : data.length)), Buffer.from(data)]);
const uintEl = (id: number, value: number) => {
  const bytes: number[] = [];
  for (let v = value; v > 0 || bytes.length === 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  return el(id, bytes);
};
const strEl = (id: number, value: string) => el(id, Buffer.from(value, 'ascii'));
const floatEl = (id: number, value: number) => {
  const b = Buffer.alloc(8);
  b.writeDoubleBE(value);
  return el(id, b);
};

/** The OpusHead packet (RFC 7845 §5.1): mono, 312 samples pre-skip, 48 kHz. */
export function opusHead(channels = 1): Buffer {
  const b = Buffer.alloc(19);
  b.write('OpusHead', 0, 'ascii');
  b[8] = 1;
  b[9] = channels;
  b.writeUInt16LE(312, 10);
  b.writeUInt32LE(48000, 12);
  return b;
}

export interface WebmOptions {
  /** Number of 20 ms packets. */
  packets: number;
  /** Codec of the one track (default A_OPUS). */
  codec?: string;
  /** Adds a VP8 video track beside the audio. */
  withVideo?: boolean;
  /** Writes a Duration into Info (Chromium writes none). */
  statedDurationMs?: number;
  docType?: string;
}

/** A WebM file of `packets` × 20 ms Opus silence, in clusters of 5 s. */
export function buildWebmOpus(opts: WebmOptions): Buffer {
  const header = el(0x1a45dfa3, Buffer.concat([uintEl(0x4286, 1), uintEl(0x42f7, 1), uintEl(0x42f2, 4), uintEl(0x42f3, 8), strEl(0x4282, opts.docType ?? 'webm'), uintEl(0x4287, 4), uintEl(0x4285, 2)]));
  const info = el(
    0x1549a966,
    Buffer.concat([uintEl(0x2ad7b1, 1_000_000), strEl(0x4d80, 'linli-test'), strEl(0x5741, 'linli-test'), ...(opts.statedDurationMs !== undefined ? [floatEl(0x4489, opts.statedDurationMs)] : [])]),
  );
  const audio = el(
    0xae,
    Buffer.concat([uintEl(0xd7, 1), uintEl(0x73c5, 1), uintEl(0x83, 2), strEl(0x86, opts.codec ?? 'A_OPUS'), el(0x63a2, opusHead()), el(0xe1, Buffer.concat([floatEl(0xb5, 48000), uintEl(0x9f, 1)]))]),
  );
  const video = opts.withVideo ? [el(0xae, Buffer.concat([uintEl(0xd7, 2), uintEl(0x73c5, 2), uintEl(0x83, 1), strEl(0x86, 'V_VP8'), el(0xe0, Buffer.concat([uintEl(0xb0, 16), uintEl(0xba, 16)]))]))] : [];
  const tracks = el(0x1654ae6b, Buffer.concat([audio, ...video]));
  const clusters: Buffer[] = [];
  const perCluster = 250; // 5 s
  for (let first = 0; first < opts.packets; first += perCluster) {
    const blocks: Buffer[] = [uintEl(0xe7, first * 20)];
    for (let i = first; i < Math.min(opts.packets, first + perCluster); i++) {
      const relative = (i - first) * 20;
      blocks.push(el(0xa3, Buffer.concat([Buffer.from([0x81, relative >> 8, relative & 0xff, 0x80]), Buffer.from(SILENCE_20MS)])));
    }
    clusters.push(el(0x1f43b675, Buffer.concat(blocks), true));
  }
  // The Segment's size is unknown, as MediaRecorder writes it (it streams).
  return Buffer.concat([header, el(0x18538067, Buffer.concat([info, tracks, ...clusters]), true)]);
}

function oggPage(packets: Uint8Array[], opts: { granule: bigint; serial: number; sequence: number; bos?: boolean; eos?: boolean }): Buffer {
  const lacing: number[] = [];
  for (const packet of packets) {
    let left = packet.length;
    while (left >= 255) {
      lacing.push(255);
      left -= 255;
    }
    lacing.push(left);
  }
  const header = Buffer.alloc(27 + lacing.length);
  header.write('OggS', 0, 'ascii');
  header[4] = 0;
  header[5] = (opts.bos ? 0x02 : 0) | (opts.eos ? 0x04 : 0);
  header.writeBigInt64LE(opts.granule, 6);
  header.writeUInt32LE(opts.serial, 14);
  header.writeUInt32LE(opts.sequence, 18);
  header[26] = lacing.length;
  lacing.forEach((value, i) => (header[27 + i] = value));
  const page = Buffer.concat([header, ...packets.map((packet) => Buffer.from(packet))]);
  page.writeUInt32LE(oggCrc(page), 22);
  return page;
}

/** An Ogg Opus file of `packets` × 20 ms silence (50 packets a page). */
export function buildOggOpus(opts: { packets: number; serial?: number; head?: Buffer }): Buffer {
  const serial = opts.serial ?? 0x1234;
  const pages = [oggPage([opts.head ?? opusHead()], { granule: 0n, serial, sequence: 0, bos: true })];
  const tags = Buffer.alloc(16);
  tags.write('OpusTags', 0, 'ascii');
  tags.writeUInt32LE(0, 8); // vendor length
  tags.writeUInt32LE(0, 12); // no comments
  pages.push(oggPage([tags], { granule: 0n, serial, sequence: 1 }));
  let sequence = 2;
  for (let first = 0; first < opts.packets; first += 50) {
    const count = Math.min(50, opts.packets - first);
    const granule = BigInt(312 + (first + count) * 960);
    pages.push(oggPage(Array.from({ length: count }, () => SILENCE_20MS), { granule, serial, sequence: sequence++, eos: first + count >= opts.packets }));
  }
  return Buffer.concat(pages);
}
