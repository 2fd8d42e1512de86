import sharp from 'sharp';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../../lib/errors.js';

/**
 * Upload limits. The same numbers as ISSUE_LIMITS.photos / ISSUE_LIMITS.photoBytes
 * (shared/src/issues/contract.ts); switch to those once @linli/shared exports them.
 */
export const PHOTO_LIMITS = {
  /** Photos per upload (and per issue). */
  files: 6,
  /** Bytes of one uploaded file. */
  bytes: 5 * 1024 * 1024,
  /** Pixels sharp may decode from one file: a 5 MB PNG can expand to gigabytes. */
  inputPixels: 50_000_000,
  /** Long side of the stored image and of its thumbnail. */
  longSide: 2048,
  thumbLongSide: 320,
} as const;

/** What we accept, checked on the bytes (never the name or the declared type). */
export const ACCEPTED_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
const sharpFormats: Record<(typeof ACCEPTED_TYPES)[number], string> = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp' };

/** Stored format: JPEG, which every phone browser shows (older WeChat webviews on iOS show no WebP). */
export const STORED_TYPE = 'image/jpeg';

export interface ProcessedPhoto {
  image: Buffer;
  thumb: Buffer;
  width: number;
  height: number;
  contentType: typeof STORED_TYPE;
}

const refuse = (message: string) => new AppError('VALIDATION_FAILED', message);
const label = (name: string) => (name ? `"${name.slice(0, 80)}"` : 'A file');

/** The accepted type the bytes are, or null (file-type reads the content). */
export async function sniffImageType(bytes: Uint8Array): Promise<(typeof ACCEPTED_TYPES)[number] | null> {
  const found = await fileTypeFromBuffer(bytes);
  return (ACCEPTED_TYPES as readonly string[]).includes(found?.mime ?? '') ? (found!.mime as (typeof ACCEPTED_TYPES)[number]) : null;
}

/**
 * Checks one uploaded file and re-encodes it: turned upright by its EXIF orientation,
 * then written anew without any metadata (EXIF with GPS position, XMP, IPTC, ICC
 * profile are all dropped: sharp keeps none unless asked), the long side at most
 * PHOTO_LIMITS.longSide, plus a thumbnail. Throws VALIDATION_FAILED naming the file
 * for anything that is not a whole JPEG, PNG or WebP image.
 */
export async function processPhoto(bytes: Buffer, name = ''): Promise<ProcessedPhoto> {
  if (bytes.length === 0) throw refuse(`${label(name)} is empty`);
  if (bytes.length > PHOTO_LIMITS.bytes) throw refuse(`${label(name)} is larger than 5 MB`);
  const type = await sniffImageType(bytes);
  if (!type) throw refuse(`${label(name)} is not a JPEG, PNG or WebP image`);
  // failOn 'warning': a truncated or damaged file is refused, not stored half grey.
  const input = () => sharp(bytes, { failOn: 'warning', limitInputPixels: PHOTO_LIMITS.inputPixels, animated: false });
  try {
    const meta = await input().metadata();
    if (meta.format !== sharpFormats[type]) throw refuse(`${label(name)} is not a JPEG, PNG or WebP image`);
    const full = await input()
      .rotate() // by the EXIF orientation, before the metadata is dropped
      .resize({ width: PHOTO_LIMITS.longSide, height: PHOTO_LIMITS.longSide, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' }) // transparent PNG/WebP onto white, as JPEG has no alpha
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    const thumb = await sharp(full.data)
      .resize({ width: PHOTO_LIMITS.thumbLongSide, height: PHOTO_LIMITS.thumbLongSide, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 75, mozjpeg: true })
      .toBuffer();
    return { image: full.data, thumb, width: full.info.width, height: full.info.height, contentType: STORED_TYPE };
  } catch (err) {
    if (err instanceof AppError) throw err;
    const message = (err as Error).message ?? '';
    if (/pixel limit/i.test(message)) throw refuse(`${label(name)} has too many pixels (at most ${PHOTO_LIMITS.inputPixels / 1_000_000} million)`);
    throw refuse(`${label(name)} is damaged or incomplete and cannot be read as an image`);
  }
}

/**
 * Runs at most `size` tasks at once, the others in arrival order: one node decodes a
 * few photos at a time however many residents upload at once (a 50-megapixel decode
 * alone takes ~150 MB).
 */
export function createSlots(size: number) {
  let busy = 0;
  const waiting: (() => void)[] = [];
  return async function inSlot<T>(task: () => Promise<T>): Promise<T> {
    if (busy < size) busy++;
    else await new Promise<void>((resolve) => waiting.push(resolve)); // the finishing task hands its slot over
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else busy--;
    }
  };
}
