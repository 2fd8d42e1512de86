import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors.js';
import { readUpload, type UploadLimits } from './multipart.js';

const limits: UploadLimits = { field: 'photos', files: 3, fileBytes: 1000 };

/** A request carrying the form as a browser would encode it, in chunks of 100 bytes. */
async function requestOf(form: FormData | string, contentType?: string): Promise<IncomingMessage> {
  const encoded = typeof form === 'string' ? null : new Request('http://localhost/', { method: 'POST', body: form });
  const body = encoded ? Buffer.from(await encoded.arrayBuffer()) : Buffer.from(form as string);
  const chunks = Array.from({ length: Math.ceil(body.length / 100) }, (_, i) => body.subarray(i * 100, i * 100 + 100));
  const type = contentType ?? encoded?.headers.get('content-type') ?? 'text/plain';
  return Object.assign(Readable.from(chunks), { headers: { 'content-type': type, 'content-length': String(body.length) }, complete: true }) as unknown as IncomingMessage;
}

const file = (size: number, fill = 1) => new Blob([Buffer.alloc(size, fill)]);

async function refusal(run: Promise<unknown>): Promise<string> {
  const err = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('VALIDATION_FAILED');
  return (err as AppError).message;
}

describe('readUpload', () => {
  it('reads every file of the field, in order, with its name; other text fields are ignored', async () => {
    const form = new FormData();
    form.append('note', 'hello');
    form.append('photos', file(1000, 1), 'a.jpg');
    form.append('photos', file(10, 2), 'b.png');
    const files = await readUpload(await requestOf(form), limits);
    expect(files.map((f) => [f.name, f.bytes.length, f.bytes[0]])).toEqual([
      ['a.jpg', 1000, 1],
      ['b.png', 10, 2],
    ]);
  });

  it('refuses more files than the limit', async () => {
    const form = new FormData();
    for (let i = 0; i < 4; i++) form.append('photos', file(10), `${i}.jpg`);
    expect(await refusal(readUpload(await requestOf(form), limits))).toBe('At most 3 photos at a time');
  });

  it('refuses a file one byte over the limit, naming it', async () => {
    const form = new FormData();
    form.append('photos', file(10), 'ok.jpg');
    form.append('photos', file(1001), 'huge.jpg');
    expect(await refusal(readUpload(await requestOf(form), limits))).toMatch(/"huge\.jpg" is larger than/);
  });

  it('refuses no file, another field, and a body that is not multipart', async () => {
    const empty = new FormData();
    empty.append('note', 'no photo');
    expect(await refusal(readUpload(await requestOf(empty), limits))).toBe('Attach at least one photo');
    const other = new FormData();
    other.append('avatar', file(10), 'a.jpg');
    expect(await refusal(readUpload(await requestOf(other), limits))).toBe('Send the photos in the field "photos"');
    expect(await refusal(readUpload(await requestOf('{"photos":[]}', 'application/json'), limits))).toBe('Send the photos as multipart/form-data');
  });

  it('stops reading a body larger than the files at their limit could make it', async () => {
    const form = new FormData();
    form.append('photos', file(10), 'a.jpg');
    const req = await requestOf(form);
    const junk = Readable.from([Buffer.alloc(600 * 1024), Buffer.alloc(600 * 1024)]);
    const huge = Object.assign(junk, { headers: req.headers, complete: false }) as unknown as IncomingMessage;
    expect(await refusal(readUpload(huge, limits))).toBe('The upload is larger than 3 photos of 1000 bytes');
  });

  it('refuses a body cut off before its end', async () => {
    const form = new FormData();
    form.append('photos', file(500), 'a.jpg');
    const whole = await requestOf(form);
    const chunks: Buffer[] = [];
    for await (const chunk of whole) chunks.push(chunk as Buffer);
    const cut = Buffer.concat(chunks).subarray(0, 300);
    const req = Object.assign(Readable.from([cut]), { headers: whole.headers, complete: true }) as unknown as IncomingMessage;
    expect(await refusal(readUpload(req, limits))).toMatch(/malformed or incomplete/);
  });
});
