import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { mongo } from 'mongoose';
import type { Connection } from '../../lib/db.js';
import { openPhotoBucket } from './photo.model.js';

/** Stored bytes and what they are. */
export interface StoredPhoto {
  bytes: Buffer;
  contentType: string;
}

/**
 * Where photo bytes live: a local folder (one node) or GridFS (every node reads
 * what any node wrote). Keys are ours (photoKeys), never user input.
 */
export interface PhotoStorage {
  readonly kind: 'local' | 'gridfs';
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** null when nothing is stored under key. */
  get(key: string): Promise<StoredPhoto | null>;
  /** Removes the bytes; nothing stored under key is not an error. */
  delete(key: string): Promise<void>;
}

const KEY = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

function checkKey(key: string): string {
  if (!KEY.test(key)) throw new Error(`photo storage: invalid key ${JSON.stringify(key)}`);
  return key;
}

/** File extension per content type (voice clips, server/src/voice, share this storage); get() finds a key's file by trying them in this order. */
const extensions: Record<string, string> = { 'image/jpeg': '.jpg', 'image/webp': '.webp', 'image/png': '.png', 'audio/webm': '.webm', 'audio/ogg': '.ogg' };

const isMissing = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * A folder on this machine: `<root>/<2 hex of sha256(key)>/<key>.<ext>`. Writes go to a
 * temporary name first and are renamed into place, so a reader never sees half a file.
 */
export function localPhotoStorage(root: string): PhotoStorage {
  const dirOf = (key: string) => path.join(root, createHash('sha256').update(key).digest('hex').slice(0, 2));
  const fileOf = (key: string, ext: string) => path.join(dirOf(key), `${key}${ext}`);
  return {
    kind: 'local',
    async put(key, bytes, contentType) {
      const ext = extensions[contentType];
      if (!ext) throw new Error(`photo storage: unsupported content type ${contentType}`);
      await mkdir(dirOf(checkKey(key)), { recursive: true });
      const file = fileOf(key, ext);
      const tmp = `${file}.tmp-${randomBytes(6).toString('hex')}`;
      try {
        await writeFile(tmp, bytes, { mode: 0o600 });
        await rename(tmp, file);
      } catch (err) {
        await rm(tmp, { force: true });
        throw err;
      }
    },
    async get(key) {
      checkKey(key);
      for (const [contentType, ext] of Object.entries(extensions)) {
        try {
          return { bytes: await readFile(fileOf(key, ext)), contentType };
        } catch (err) {
          if (!isMissing(err)) throw err;
        }
      }
      return null;
    },
    async delete(key) {
      checkKey(key);
      await Promise.all(Object.values(extensions).map((ext) => rm(fileOf(key, ext), { force: true })));
    },
  };
}

/**
 * GridFS on the application's database: the file's _id is the key, its content type
 * in metadata. For several nodes (MongoDB). It also runs on the embedded FerretDB,
 * but there every chunk read (by files_id, not _id) scans the chunks collection.
 */
export function gridfsPhotoStorage(bucket: () => mongo.GridFSBucket): PhotoStorage {
  const filesOf = async (key: string) => bucket().find({ _id: checkKey(key) as never }, { limit: 1 }).toArray();
  return {
    kind: 'gridfs',
    async put(key, bytes, contentType) {
      checkKey(key);
      await new Promise<void>((resolve, reject) => {
        const upload = bucket().openUploadStreamWithId(key as never, key, { metadata: { contentType } });
        upload.once('error', reject);
        upload.once('finish', () => resolve());
        upload.end(bytes);
      });
    },
    async get(key) {
      const [file] = await filesOf(key);
      if (!file) return null;
      const chunks: Buffer[] = [];
      for await (const chunk of bucket().openDownloadStream(file._id)) chunks.push(chunk as Buffer);
      const contentType = (file.metadata as { contentType?: unknown } | undefined)?.contentType;
      return { bytes: Buffer.concat(chunks), contentType: typeof contentType === 'string' ? contentType : 'application/octet-stream' };
    },
    async delete(key) {
      checkKey(key);
      try {
        // Deletes the files document, then the chunks (also when the files document is already gone).
        await bucket().delete(key as never);
      } catch (err) {
        if (!/File not found/i.test((err as Error).message)) throw err;
      }
    },
  };
}

/** The storage PHOTO_STORAGE names: `<DATA_DIR>/photos`, or GridFS on the application's connection. */
export function createPhotoStorage(config: { PHOTO_STORAGE: 'local' | 'gridfs'; DATA_DIR: string }, conn: Connection): PhotoStorage {
  if (config.PHOTO_STORAGE === 'local') return localPhotoStorage(path.resolve(config.DATA_DIR, 'photos'));
  let bucket: mongo.GridFSBucket | null = null;
  // Opened on first use: the connection may still be opening when the app is built.
  return gridfsPhotoStorage(() => (bucket ??= openPhotoBucket(conn)));
}
