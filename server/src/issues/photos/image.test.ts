import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors.js';
import { PHOTO_LIMITS, createSlots, processPhoto, sniffImageType } from './image.js';

/** A camera-like JPEG: EXIF with make, model, GPS position and "rotate 90° clockwise" (orientation 6). */
async function phoneJpeg(width = 400, height = 200) {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 60, b: 40 } } })
    .jpeg()
    .withMetadata({
      orientation: 6,
      exif: {
        IFD0: { Make: 'TestPhone', Model: 'X1' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '22/1 32/1 1234/100', GPSLongitudeRef: 'E', GPSLongitude: '114/1 3/1 5678/100' },
      },
    })
    .toBuffer();
}

const solid = (format: 'png' | 'webp', width = 300, height = 300, alpha = false) =>
  sharp({ create: { width, height, channels: alpha ? 4 : 3, background: { r: 10, g: 120, b: 200, alpha: 0.5 } } })
    .toFormat(format)
    .toBuffer();

async function refusal(run: Promise<unknown>): Promise<string> {
  const err = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('VALIDATION_FAILED');
  return (err as AppError).message;
}

describe('processPhoto', () => {
  it('turns a photo upright by its EXIF orientation and drops every metadata block (GPS included)', async () => {
    const input = await phoneJpeg();
    const before = await sharp(input).metadata();
    expect(before.orientation).toBe(6);
    expect(before.exif?.includes(Buffer.from([0x25, 0x88]))).toBe(true); // the GPS IFD pointer tag 0x8825
    const out = await processPhoto(input, 'IMG_0001.jpg');
    // 400x200 shot on its side is 200x400 upright
    expect([out.width, out.height]).toEqual([200, 400]);
    const after = await sharp(out.image).metadata();
    expect(after.format).toBe('jpeg');
    expect([after.width, after.height]).toEqual([200, 400]);
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.iptc).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect(out.image.includes('Exif')).toBe(false);
    expect(out.image.includes('TestPhone')).toBe(false);
    expect((await sharp(out.thumb).metadata()).exif).toBeUndefined();
  });

  it('drops an embedded colour profile too (converted to sRGB first)', async () => {
    const input = await sharp({ create: { width: 100, height: 80, channels: 3, background: 'red' } }).jpeg().withIccProfile('p3').toBuffer();
    expect((await sharp(input).metadata()).icc).toBeDefined();
    const out = await processPhoto(input);
    expect((await sharp(out.image).metadata()).icc).toBeUndefined();
  });

  it('limits the long side and makes a smaller thumbnail', async () => {
    const out = await processPhoto(await solid('png', 3000, 1000), 'wide.png');
    expect([out.width, out.height]).toEqual([PHOTO_LIMITS.longSide, Math.round((1000 * PHOTO_LIMITS.longSide) / 3000)]);
    const thumb = await sharp(out.thumb).metadata();
    expect(Math.max(thumb.width!, thumb.height!)).toBe(PHOTO_LIMITS.thumbLongSide);
    expect(out.thumb.length).toBeLessThan(out.image.length);
  });

  it('keeps small photos at their size (no enlargement) and stores PNG and WebP as JPEG', async () => {
    for (const input of [await solid('png', 300, 200, true), await solid('webp', 300, 200)]) {
      const out = await processPhoto(input);
      expect([out.width, out.height]).toEqual([300, 200]);
      expect(out.contentType).toBe('image/jpeg');
      expect((await sharp(out.image).metadata()).format).toBe('jpeg');
    }
  });

  it('refuses by content: text named .jpg, a GIF, an empty file', async () => {
    expect(await refusal(processPhoto(Buffer.from('just some text, honestly a photo'), 'cat.jpg'))).toMatch(/"cat\.jpg" is not a JPEG, PNG or WebP/);
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: 'red' } }).gif().toBuffer();
    expect(await refusal(processPhoto(gif, 'a.png'))).toMatch(/not a JPEG, PNG or WebP/);
    expect(await refusal(processPhoto(Buffer.alloc(0), 'empty.jpg'))).toMatch(/empty/);
  });

  it('refuses truncated images of each accepted type', async () => {
    const cut = (b: Buffer) => b.subarray(0, b.length - 200);
    for (const input of [await phoneJpeg(), await solid('png', 400, 400, true), await solid('webp', 400, 400)]) {
      expect(await refusal(processPhoto(cut(input), 'cut'))).toMatch(/damaged or incomplete/);
    }
  });

  it('refuses a file over the byte limit and an image with too many pixels', async () => {
    const big = Buffer.concat([await phoneJpeg(), Buffer.alloc(PHOTO_LIMITS.bytes)]);
    expect(await refusal(processPhoto(big, 'big.jpg'))).toMatch(/larger than 5 MB/);
    // 8000 x 8000 = 64 million pixels of one colour: a few KB as PNG
    const bomb = await sharp({ create: { width: 8000, height: 8000, channels: 3, background: 'white' } }).png().toBuffer();
    expect(bomb.length).toBeLessThan(PHOTO_LIMITS.bytes);
    expect(await refusal(processPhoto(bomb, 'bomb.png'))).toMatch(/too many pixels/);
  });
});

describe('sniffImageType', () => {
  it('reads the type from the bytes', async () => {
    expect(await sniffImageType(await phoneJpeg())).toBe('image/jpeg');
    expect(await sniffImageType(await solid('png'))).toBe('image/png');
    expect(await sniffImageType(await solid('webp'))).toBe('image/webp');
    expect(await sniffImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>'))).toBeNull();
  });
});

describe('createSlots', () => {
  it('runs at most n tasks at once, the rest in arrival order, also when tasks fail', async () => {
    const inSlot = createSlots(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const task = (i: number) => async () => {
      started.push(i);
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      if (i === 1) throw new Error('boom');
      return i;
    };
    const results = await Promise.allSettled([0, 1, 2, 3, 4].map((i) => inSlot(task(i))));
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
    // every slot was given back
    expect(await Promise.all([inSlot(async () => 'a'), inSlot(async () => 'b'), inSlot(async () => 'c')])).toEqual(['a', 'b', 'c']);
  });
});
