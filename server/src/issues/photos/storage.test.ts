import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { localPhotoStorage } from './storage.js';

const root = mkdtempSync(path.join(tmpdir(), 'linli-photos-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name);

describe('localPhotoStorage', () => {
  const storage = localPhotoStorage(path.join(root, 'photos'));

  it('stores, reads back with the content type, and deletes', async () => {
    await storage.put('65a000000000000000000001', Buffer.from('jpeg bytes'), 'image/jpeg');
    await storage.put('65a000000000000000000001-thumb', Buffer.from('webp'), 'image/webp');
    expect(await storage.get('65a000000000000000000001')).toEqual({ bytes: Buffer.from('jpeg bytes'), contentType: 'image/jpeg' });
    expect(await storage.get('65a000000000000000000001-thumb')).toEqual({ bytes: Buffer.from('webp'), contentType: 'image/webp' });
    expect(filesUnder(root).sort()).toEqual(['65a000000000000000000001-thumb.webp', '65a000000000000000000001.jpg']);
    await storage.delete('65a000000000000000000001');
    await storage.delete('65a000000000000000000001-thumb');
    expect(await storage.get('65a000000000000000000001')).toBeNull();
    expect(filesUnder(root)).toEqual([]);
  });

  it('a missing key reads as null and deletes without error', async () => {
    expect(await storage.get('nothing-here')).toBeNull();
    await expect(storage.delete('nothing-here')).resolves.toBeUndefined();
  });

  it('refuses keys that could leave the folder, and unknown content types', async () => {
    for (const key of ['../escape', 'a/b', '', '.hidden', 'x'.repeat(101)]) {
      await expect(storage.put(key, Buffer.from('x'), 'image/jpeg')).rejects.toThrow(/invalid key/);
      await expect(storage.get(key)).rejects.toThrow(/invalid key/);
    }
    await expect(storage.put('ok', Buffer.from('<svg/>'), 'image/svg+xml')).rejects.toThrow(/unsupported content type/);
  });
});
