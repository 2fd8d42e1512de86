import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { AppError } from '../../lib/errors.js';

export interface UploadedFile {
  /** The name the client gave (only for messages: the type is read from the bytes). */
  name: string;
  bytes: Buffer;
}

export interface UploadLimits {
  /** The form field that carries the files. */
  field: string;
  files: number;
  fileBytes: number;
}

const refuse = (message: string) => new AppError('VALIDATION_FAILED', message);
const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(1)} MB` : `${bytes} bytes`);

/** Whole request bodies above this are refused unread: the files at their limit, plus room for part headers. */
export const maxBodyBytes = (limits: UploadLimits) => limits.files * limits.fileBytes + 1024 * 1024;

/**
 * Reads a multipart/form-data body into memory: 1..limits.files files of the field
 * limits.field, each at most limits.fileBytes. On a refusal (too many files, one too
 * large, another field) the rest of the body is still read and dropped, so the client
 * receives the answer instead of a reset connection; a body beyond maxBodyBytes is not
 * read further (the caller closes the connection).
 * Throws VALIDATION_FAILED; stores nothing.
 */
export function readUpload(req: IncomingMessage, limits: UploadLimits): Promise<UploadedFile[]> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        // busboy reports the limit when a file reaches fileSize: one more byte lets a file of exactly fileBytes through.
        limits: { files: limits.files, fileSize: limits.fileBytes + 1, fields: 20, fieldSize: 1024, parts: limits.files + 20, headerPairs: 20 },
      });
    } catch {
      reject(refuse('Send the photos as multipart/form-data'));
      return;
    }
    const files: UploadedFile[] = [];
    let problem: string | null = null;
    let settled = false;
    const fail = (message: string) => {
      problem ??= message;
    };
    const finish = (err: AppError | null) => {
      if (settled) return;
      settled = true;
      if (err) reject(err);
      else resolve(files);
    };

    let received = 0;
    const tooLarge = maxBodyBytes(limits);
    const count = (chunk: Buffer) => {
      received += chunk.length;
      if (received > tooLarge) {
        req.unpipe(parser);
        req.off('data', count);
        finish(refuse(`The upload is larger than ${limits.files} photos of ${sizeText(limits.fileBytes)}`));
      }
    };
    req.on('data', count);

    parser.on('file', (field, stream, info) => {
      const name = info.filename ?? '';
      if (field !== limits.field) fail(`Send the photos in the field "${limits.field}"`);
      // A body cut off mid-file errors the file stream too; the parser's own 'error' answers it.
      stream.on('error', () => undefined);
      if (problem) {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        if (!problem) chunks.push(chunk);
      });
      stream.on('limit', () => fail(`${name ? `"${name.slice(0, 80)}"` : 'A file'} is larger than ${sizeText(limits.fileBytes)}`));
      stream.on('end', () => {
        if (!problem && !stream.truncated) files.push({ name, bytes: Buffer.concat(chunks) });
      });
    });
    parser.on('filesLimit', () => fail(`At most ${limits.files} photos at a time`));
    parser.on('partsLimit', () => fail('Too many parts in the upload'));
    parser.on('fieldsLimit', () => fail('Too many fields in the upload'));
    parser.on('error', () => finish(refuse('The upload is malformed or incomplete')));
    parser.on('close', () => {
      if (problem) finish(refuse(problem));
      else if (files.length === 0) finish(refuse('Attach at least one photo'));
      else finish(null);
    });
    req.on('error', () => finish(refuse('The upload was interrupted')));
    req.on('close', () => {
      if (!req.complete) finish(refuse('The upload was interrupted'));
    });
    req.pipe(parser);
  });
}
