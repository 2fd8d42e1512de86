/**
 * Reads an Opus clip's container (WebM or Ogg) far enough to know what it holds and how
 * long it plays: the Opus packets are walked and each packet's duration is read from
 * its TOC byte (RFC 6716 §3.1). The duration is never taken from a header a sender
 * writes: Chromium's MediaRecorder writes no Duration at all (and an unknown-size
 * Segment, which music-metadata 11 cannot read), and a crafted file could state any.
 */

export type OpusContainer = 'webm' | 'ogg';

/** What the walk found. `problem` says why the file is not one Opus track we can play. */
export type OpusReading =
  | { ok: true; container: OpusContainer; durationMs: number; packets: number }
  | { ok: false; problem: 'not_opus' | 'damaged'; detail: string };

class Bad extends Error {
  constructor(
    readonly problem: 'not_opus' | 'damaged',
    detail: string,
  ) {
    super(detail);
  }
}

const damaged = (detail: string) => new Bad('damaged', detail);
const notOpus = (detail: string) => new Bad('not_opus', detail);

/** Longest Opus packet (RFC 6716 §3.2.5). */
const MAX_PACKET_MS = 120;

/** Play time of one Opus packet from its TOC byte and frame count. */
export function opusPacketMs(packet: Uint8Array): number {
  if (packet.length === 0) return 0; // an empty packet (DTX gap) plays nothing
  const toc = packet[0]!;
  const config = toc >> 3;
  const frameMs = config < 12 ? [10, 20, 40, 60][config & 3]! : config < 16 ? [10, 20][config & 1]! : [2.5, 5, 10, 20][config & 3]!;
  const code = toc & 3;
  let frames: number;
  if (code === 0) frames = 1;
  else if (code === 1 || code === 2) frames = 2;
  else {
    if (packet.length < 2) throw damaged('an Opus packet is cut off');
    frames = packet[1]! & 0x3f;
    if (frames === 0) throw damaged('an Opus packet has no frames');
  }
  const ms = frames * frameMs;
  if (ms > MAX_PACKET_MS) throw damaged('an Opus packet is longer than 120 ms');
  return ms;
}

// --- WebM (Matroska) ---

const ID = {
  EBML: 0x1a45dfa3,
  DocType: 0x4282,
  Segment: 0x18538067,
  Info: 0x1549a966,
  TimecodeScale: 0x2ad7b1,
  Tracks: 0x1654ae6b,
  TrackEntry: 0xae,
  TrackNumber: 0xd7,
  TrackType: 0x83,
  CodecID: 0x86,
  Cluster: 0x1f43b675,
  Timecode: 0xe7,
  SimpleBlock: 0xa3,
  BlockGroup: 0xa0,
  Block: 0xa1,
} as const;

/** Children of a Segment: an unknown-size Cluster ends where one of these begins. */
const SEGMENT_LEVEL = new Set([0x114d9b74, ID.Info, ID.Tracks, ID.Cluster, 0x1c53bb6b, 0x1254c367, 0x1043a770, 0x1941a469]);

interface Element {
  id: number;
  /** null: unknown size (runs to the end of its parent). */
  size: number | null;
  start: number;
  dataStart: number;
}

function readElement(buf: Uint8Array, pos: number): Element {
  const first = buf[pos];
  if (first === undefined) throw damaged('the file ends inside an element');
  const idLength = first >= 0x80 ? 1 : first >= 0x40 ? 2 : first >= 0x20 ? 3 : first >= 0x10 ? 4 : 0;
  if (idLength === 0 || pos + idLength > buf.length) throw damaged('an element id is malformed');
  let id = 0;
  for (let i = 0; i < idLength; i++) id = id * 256 + buf[pos + i]!;
  const at = pos + idLength;
  const lead = buf[at];
  if (lead === undefined || lead === 0) throw damaged('an element size is malformed');
  let sizeLength = 1;
  while (!(lead & (0x80 >> (sizeLength - 1)))) sizeLength++;
  if (at + sizeLength > buf.length) throw damaged('the file ends inside an element size');
  let value = lead & (0xff >> sizeLength);
  let allOnes = value === 0xff >> sizeLength;
  for (let i = 1; i < sizeLength; i++) {
    const byte = buf[at + i]!;
    allOnes &&= byte === 0xff;
    value = value * 256 + byte;
  }
  if (!allOnes && !Number.isSafeInteger(value)) throw damaged('an element size is too large');
  return { id, size: allOnes ? null : value, start: pos, dataStart: at + sizeLength };
}

function endOf(el: Element, parentEnd: number): number {
  if (el.size === null) return parentEnd;
  const end = el.dataStart + el.size;
  if (end > parentEnd) throw damaged('an element runs past the end of the file');
  return end;
}

const uint = (buf: Uint8Array, from: number, to: number) => {
  let value = 0;
  for (let i = from; i < to; i++) value = value * 256 + buf[i]!;
  return value;
};
const ascii = (buf: Uint8Array, from: number, to: number) => String.fromCharCode(...buf.subarray(from, to)).replace(/\0+$/, '');

/** Each child of [from, to): the element and where its data ends. */
function* children(buf: Uint8Array, from: number, to: number): Generator<[Element, number]> {
  let pos = from;
  while (pos < to) {
    const el = readElement(buf, pos);
    const end = endOf(el, to);
    yield [el, end];
    pos = end;
  }
}

function readWebm(buf: Uint8Array): { durationMs: number; packets: number } {
  const header = readElement(buf, 0);
  if (header.id !== ID.EBML) throw damaged('no EBML header');
  const headerEnd = endOf(header, buf.length);
  let docType = '';
  for (const [el, end] of children(buf, header.dataStart, headerEnd)) if (el.id === ID.DocType) docType = ascii(buf, el.dataStart, end);
  if (docType !== 'webm') throw notOpus(`a ${docType || 'Matroska'} file, not WebM`);

  const segment = readElement(buf, headerEnd);
  if (segment.id !== ID.Segment) throw damaged('no Segment after the EBML header');
  const segmentEnd = endOf(segment, buf.length);

  let timecodeScale = 1_000_000; // ns per timecode unit
  const tracks: { number: number; type: number; codec: string }[] = [];
  let summedMs = 0;
  let timelineEndMs = 0;
  let packets = 0;
  let sawTracks = false;

  const onBlock = (data: number, end: number, clusterTimecode: number) => {
    // The track number: a VINT (length marker stripped), then int16 relative timecode, then flags.
    const lead = buf[data];
    if (lead === undefined || lead === 0) throw damaged('a block is malformed');
    let length = 1;
    while (!(lead & (0x80 >> (length - 1)))) length++;
    const trackNumber = uint(buf, data, data + length) - (0x80 >> (length - 1)) * 256 ** (length - 1);
    const at = data + length;
    if (at + 3 > end) throw damaged('a block is cut off');
    const relative = ((buf[at]! << 8) | buf[at + 1]!) << 16 >> 16; // signed 16-bit
    const flags = buf[at + 2]!;
    const audio = tracks[0];
    if (!sawTracks || !audio) throw damaged('a block before the track list');
    if (trackNumber !== audio.number) throw notOpus('a block of a track other than the Opus one');
    if ((flags >> 1) & 3) throw damaged('laced blocks are not accepted');
    const ms = opusPacketMs(buf.subarray(at + 3, end));
    summedMs += ms;
    packets++;
    const startMs = ((clusterTimecode + relative) * timecodeScale) / 1_000_000;
    timelineEndMs = Math.max(timelineEndMs, startMs + ms);
  };

  let pos = segment.dataStart;
  while (pos < segmentEnd) {
    const el = readElement(buf, pos);
    if (el.size === null && el.id !== ID.Cluster) throw damaged('an element of unknown size');
    if (el.id === ID.Cluster) {
      const limit = el.size === null ? segmentEnd : endOf(el, segmentEnd);
      let clusterTimecode = 0;
      let inner = el.dataStart;
      while (inner < limit) {
        const child = readElement(buf, inner);
        if (el.size === null && SEGMENT_LEVEL.has(child.id)) break; // the next cluster (or cues) begins
        const childEnd = endOf(child, limit);
        if (child.id === ID.Timecode) clusterTimecode = uint(buf, child.dataStart, childEnd);
        else if (child.id === ID.SimpleBlock) onBlock(child.dataStart, childEnd, clusterTimecode);
        else if (child.id === ID.BlockGroup) {
          for (const [grand, grandEnd] of children(buf, child.dataStart, childEnd)) if (grand.id === ID.Block) onBlock(grand.dataStart, grandEnd, clusterTimecode);
        }
        inner = childEnd;
      }
      pos = inner;
      continue;
    }
    const end = endOf(el, segmentEnd);
    if (el.id === ID.Info) {
      for (const [child, childEnd] of children(buf, el.dataStart, end)) if (child.id === ID.TimecodeScale) timecodeScale = uint(buf, child.dataStart, childEnd) || 1_000_000;
    } else if (el.id === ID.Tracks) {
      sawTracks = true;
      for (const [entry, entryEnd] of children(buf, el.dataStart, end)) {
        if (entry.id !== ID.TrackEntry) continue;
        const track = { number: 0, type: 0, codec: '' };
        for (const [field, fieldEnd] of children(buf, entry.dataStart, entryEnd)) {
          if (field.id === ID.TrackNumber) track.number = uint(buf, field.dataStart, fieldEnd);
          else if (field.id === ID.TrackType) track.type = uint(buf, field.dataStart, fieldEnd);
          else if (field.id === ID.CodecID) track.codec = ascii(buf, field.dataStart, fieldEnd);
        }
        tracks.push(track);
      }
    }
    pos = end;
  }
  if (tracks.length !== 1) throw notOpus(`${tracks.length} tracks, not one Opus audio track`);
  const [track] = tracks;
  if (track!.type !== 2 || track!.codec !== 'A_OPUS') throw notOpus(`a ${track!.codec || 'unnamed'} track, not Opus audio`);
  if (packets === 0) throw damaged('no audio in the file');
  return { durationMs: Math.max(summedMs, timelineEndMs), packets };
}

// --- Ogg ---

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let r = i << 24;
    for (let j = 0; j < 8; j++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
    table[i] = r >>> 0;
  }
  return table;
})();

/** The Ogg page checksum (CRC-32, polynomial 0x04c11db7, no reflection), with the checksum field as zeros. */
export function oggCrc(page: Uint8Array): number {
  let crc = 0;
  for (let i = 0; i < page.length; i++) {
    const byte = i >= 22 && i < 26 ? 0 : page[i]!;
    crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ byte) & 0xff]!) >>> 0;
  }
  return crc;
}

function readOgg(buf: Uint8Array): { durationMs: number; packets: number } {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const packets: Uint8Array[] = [];
  let partial: Uint8Array[] = [];
  let serial: number | null = null;
  let lastGranule = 0;
  let pos = 0;
  let pageCount = 0;
  while (pos < buf.length) {
    if (pos + 27 > buf.length) throw damaged('the file ends inside a page header');
    if (ascii(buf, pos, pos + 4) !== 'OggS' || buf[pos + 4] !== 0) throw damaged('not an Ogg page where one should begin');
    const type = buf[pos + 5]!;
    const granule = view.getBigInt64(pos + 6, true);
    const pageSerial = view.getUint32(pos + 14, true);
    const crc = view.getUint32(pos + 22, true);
    const segments = buf[pos + 26]!;
    const tableEnd = pos + 27 + segments;
    if (tableEnd > buf.length) throw damaged('the file ends inside a page header');
    let bodyLength = 0;
    for (let i = 0; i < segments; i++) bodyLength += buf[pos + 27 + i]!;
    const end = tableEnd + bodyLength;
    if (end > buf.length) throw damaged('the file ends inside a page');
    if (oggCrc(buf.subarray(pos, end)) !== crc) throw damaged('a page checksum does not match');
    if (serial === null) {
      if (!(type & 0x02)) throw damaged('the first page does not begin a stream');
      serial = pageSerial;
    } else if (pageSerial !== serial) throw notOpus('more than one stream in the file');
    if (pageCount > 0 && type & 0x02) throw damaged('a stream begins twice');
    if (!(type & 0x01) && partial.length > 0) throw damaged('a packet is cut off between pages');
    let at = tableEnd;
    for (let i = 0; i < segments; i++) {
      const lace = buf[pos + 27 + i]!;
      partial.push(buf.subarray(at, at + lace));
      at += lace;
      if (lace < 255) {
        packets.push(concat(partial));
        partial = [];
      }
    }
    if (granule >= 0n) lastGranule = Number(granule);
    pageCount++;
    pos = end;
  }
  if (partial.length > 0) throw damaged('the last packet is cut off');
  const [head, tags, ...audio] = packets;
  if (!head || ascii(head, 0, 8) !== 'OpusHead') throw notOpus('the stream is not Opus');
  if (head.length < 19 || head[8]! >> 4 !== 0) throw damaged('the Opus header is malformed');
  if (!tags || ascii(tags, 0, 8) !== 'OpusTags') throw damaged('no Opus tags packet');
  if (audio.length === 0) throw damaged('no audio in the file');
  const preSkip = head[10]! | (head[11]! << 8);
  let summedMs = 0;
  for (const packet of audio) summedMs += opusPacketMs(packet);
  const granuleMs = Math.max(0, lastGranule - preSkip) / 48;
  return { durationMs: Math.max(summedMs - preSkip / 48, granuleMs), packets: audio.length };
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Walks a WebM or Ogg file's Opus packets. Never throws. */
export function readOpus(buf: Uint8Array, container: OpusContainer): OpusReading {
  try {
    const read = container === 'webm' ? readWebm(buf) : readOgg(buf);
    return { ok: true, container, durationMs: Math.round(read.durationMs), packets: read.packets };
  } catch (err) {
    if (err instanceof Bad) return { ok: false, problem: err.problem, detail: err.message };
    return { ok: false, problem: 'damaged', detail: (err as Error).message };
  }
}
