import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, MyCommunity } from '@linli/shared';
import { PLATFORM_ADMIN_PHONE, must, snapshotCounts, startCluster, type Cluster, type Session } from '../support/cluster.js';
import { op } from '../../server/src/lib/db.js';
import { createPhotoService, type PhotoSummary } from '../../server/src/issues/photos/photo.service.js';
import { localPhotoStorage, type PhotoStorage } from '../../server/src/issues/photos/storage.js';

// ---------- images made in the test ----------

/** A camera-like JPEG: EXIF with make, model, GPS position (IFD3) and "rotate 90° clockwise" (orientation 6). */
const phoneJpeg = (width = 640, height = 480) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 60, b: 40 } } })
    .jpeg({ quality: 95 })
    .withMetadata({
      orientation: 6,
      exif: {
        IFD0: { Make: 'TestPhone', Model: 'X1', Copyright: 'home of 陈阿姨' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '22/1 32/1 1234/100', GPSLongitudeRef: 'E', GPSLongitude: '114/1 3/1 5678/100' },
      },
    })
    .toBuffer();

const plain = (format: 'jpeg' | 'png' | 'webp', width = 300, height = 200) =>
  sharp({ create: { width, height, channels: 3, background: { r: 20, g: 140, b: 90 } } })
    .toFormat(format)
    .toBuffer();

/** A genuine PNG over 5 MB: random pixels do not compress. */
const hugePng = () => {
  const width = 1400;
  const height = 1300;
  return sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
    .png({ compressionLevel: 0 })
    .toBuffer();
};

/** The EXIF block of a JPEG holds the GPS IFD pointer (tag 0x8825, little endian). */
const hasGpsIfd = (exif: Buffer | undefined) => Boolean(exif?.includes(Buffer.from([0x25, 0x88])));

// ---------- cluster and helpers ----------

let c: Cluster;
let dataDir: string;
let A: MyCommunity;
let B: MyCommunity;
let resident: Session; // member of A
let neighbour: Session; // member of A
let elsewhere: Session; // member of B only
let stranger: Session; // member of nothing
let careless: Session; // member of A who sends the refused uploads (the rate limit counts per user)

async function member(phone: string, name: string, community: MyCommunity | null): Promise<Session> {
  const session = await c.login(phone, name);
  if (community) {
    const sock = await c.connect(session, 0);
    await must(sock, 'community:joinByCode', { inviteCode: community.inviteCode! });
    sock.disconnect();
  }
  return session;
}

interface File {
  name: string;
  bytes: Buffer;
  type?: string;
}

async function upload(cluster: Cluster, session: Session | null, communityId: string, files: File[], node = 0) {
  const form = new FormData();
  for (const file of files) form.append('photos', new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'image/jpeg' }), file.name);
  const res = await fetch(`${cluster.nodes[node]!.url}/api/issues/photos?communityId=${communityId}`, {
    method: 'POST',
    body: form,
    headers: { 'x-forwarded-for': '198.51.100.77', ...(session ? { cookie: session.cookie } : {}) },
  });
  return { status: res.status, body: (await res.json()) as Ack<PhotoSummary[]> };
}

async function uploaded(cluster: Cluster, session: Session, communityId: string, files: File[], node = 0): Promise<PhotoSummary[]> {
  const res = await upload(cluster, session, communityId, files, node);
  if (!res.body.ok) throw new Error(`upload failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data;
}

async function fetchPhoto(cluster: Cluster, session: Session | null, id: string, variant: '' | '/thumb' = '', node = 0) {
  const res = await fetch(`${cluster.nodes[node]!.url}/api/issues/photos/${id}${variant}`, { headers: session ? { cookie: session.cookie } : {} });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, bytes, json: () => JSON.parse(bytes.toString()) as unknown };
}

const jpegFile = async (name = 'IMG_0001.jpg'): Promise<File> => ({ name, bytes: await phoneJpeg() });

const photosDir = () => path.join(dataDir, 'photos');
const storedFiles = (): string[] =>
  existsSync(photosDir())
    ? readdirSync(photosDir(), { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => entry.name)
    : [];

/** Rows of every collection and files on disk: what a refused upload must leave unchanged. */
const everything = async () => ({ rows: await snapshotCounts(c.models), files: storedFiles().sort() });

const refused = (message: RegExp) => ({ ok: false, error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(message) } });
const issueId = () => randomBytes(12).toString('hex');
const photoService = (cluster: Cluster) => cluster.nodes[0]!.app.services.photos;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'linli-photos-'));
  c = await startCluster({ nodes: 2, env: { DATA_DIR: dataDir, PHOTO_STORAGE: 'local', PHOTO_UPLOADS_PER_HOUR: '10' } });
  const admin = await c.login(PLATFORM_ADMIN_PHONE, '平台管理员');
  const adminSock = await c.connect(admin, 0);
  A = await must(adminSock, 'community:create', { name: '桃源社区', street: '桃源街道', district: '南山区' });
  B = await must(adminSock, 'community:create', { name: '西岭社区', street: '西岭街道', district: '宝安区' });
  adminSock.disconnect();
  resident = await member('13900007001', '陈阿姨', A);
  neighbour = await member('13900007002', '刘师傅', A);
  elsewhere = await member('13900007003', '西岭住户', B);
  stranger = await member('13900007004', '路人', null);
  careless = await member('13900007006', '马虎', A);
});
afterAll(async () => {
  await c?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

// ---------- upload ----------

describe('uploading problem-report photos (local storage)', () => {
  it('a phone JPEG with EXIF GPS is stored upright, re-encoded and without any metadata', async () => {
    const input = await phoneJpeg();
    const before = await sharp(input).metadata();
    expect(before.orientation).toBe(6);
    expect(hasGpsIfd(before.exif)).toBe(true);

    const [photo] = await uploaded(c, resident, A.community.id, [{ name: 'IMG_0001.jpg', bytes: input }]);
    expect(photo).toEqual({ id: expect.any(String), width: 480, height: 640 }); // 640x480 on its side -> upright

    const got = await fetchPhoto(c, resident, photo!.id);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/jpeg');
    expect(got.headers.get('cache-control')).toMatch(/^private\b/);
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    const stored = await sharp(got.bytes).metadata();
    expect(stored).toMatchObject({ format: 'jpeg', width: 480, height: 640 });
    expect(stored.exif).toBeUndefined();
    expect(stored.xmp).toBeUndefined();
    expect(stored.iptc).toBeUndefined();
    expect(stored.orientation).toBeUndefined();
    // not in any other segment either: no APP1 "Exif" header, none of the EXIF strings
    expect(got.bytes.includes('Exif')).toBe(false);
    expect(got.bytes.includes('TestPhone')).toBe(false);
    expect(got.bytes.equals(input)).toBe(false);

    const thumb = await fetchPhoto(c, resident, photo!.id, '/thumb');
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toBe('image/jpeg');
    expect(thumb.headers.get('cache-control')).toMatch(/^private\b/);
    const thumbMeta = await sharp(thumb.bytes).metadata();
    expect(thumbMeta).toMatchObject({ format: 'jpeg', width: 240, height: 320 });
    expect(thumbMeta.exif).toBeUndefined();
    expect(thumb.bytes.length).toBeLessThan(got.bytes.length);

    // the database row describes what was stored
    const row = await c.models.IssuePhoto.findOne({ _id: photo!.id }).lean();
    expect(row).toMatchObject({ width: 480, height: 640, bytes: got.bytes.length, contentType: 'image/jpeg', issueId: null });
    expect(row!.uploaderId.toString()).toBe(resident.user.id);
    expect(row!.communityId.toString()).toBe(A.community.id);
  });

  it('PNG and WebP are accepted (several in one request) and stored as JPEG (both test nodes share DATA_DIR)', async () => {
    const photos = await uploaded(c, resident, A.community.id, [
      { name: 'screenshot.png', bytes: await plain('png', 300, 200), type: 'image/png' },
      { name: 'shared.webp', bytes: await plain('webp', 200, 300), type: 'image/webp' },
    ]);
    expect(photos.map((p) => [p.width, p.height])).toEqual([
      [300, 200],
      [200, 300],
    ]);
    for (const photo of photos) {
      const got = await fetchPhoto(c, resident, photo.id, '', 1);
      expect(got.status).toBe(200);
      expect((await sharp(got.bytes).metadata()).format).toBe('jpeg');
    }
  });

  it.each([
    ['a text file named .jpg', async (): Promise<File[]> => [{ name: 'cat.jpg', bytes: Buffer.from('this is not a photo at all, only text') }], /"cat\.jpg" is not a JPEG, PNG or WebP image/],
    [
      'a good photo with a text file: the good one is not kept either',
      async (): Promise<File[]> => [await jpegFile('good.jpg'), { name: 'notes.png', bytes: Buffer.from('plain text'), type: 'image/png' }],
      /"notes\.png" is not a JPEG, PNG or WebP image/,
    ],
    ['a GIF', async (): Promise<File[]> => [{ name: 'a.gif', bytes: await sharp({ create: { width: 9, height: 9, channels: 3, background: 'red' } }).gif().toBuffer() }], /not a JPEG, PNG or WebP/],
    ['a truncated JPEG', async (): Promise<File[]> => [{ name: 'cut.jpg', bytes: (await phoneJpeg()).subarray(0, 2000) }], /"cut\.jpg" is damaged or incomplete/],
    ['a photo over 5 MB', async (): Promise<File[]> => [{ name: 'huge.png', bytes: await hugePng(), type: 'image/png' }], /"huge\.png" is larger than 5 MB/],
    ['7 photos', async (): Promise<File[]> => Promise.all(Array.from({ length: 7 }, (_, i) => jpegFile(`p${i}.jpg`))), /At most 6 photos/],
  ])('%s is refused with VALIDATION_FAILED and leaves no row and no file', async (_name, files, message) => {
    const input = await files();
    if (input[0]?.name === 'huge.png') expect(input[0].bytes.length).toBeGreaterThan(5 * 1024 * 1024);
    const before = await everything();
    const res = await upload(c, careless, A.community.id, input);
    expect(res.status).toBe(400);
    expect(res.body).toEqual(refused(message));
    expect(await everything()).toEqual(before);
  });

  it('a request without a photo, or not multipart, is refused', async () => {
    const before = await everything();
    const none = await upload(c, careless, A.community.id, []);
    expect(none).toMatchObject({ status: 400, body: refused(/at least one photo/) });
    const json = await fetch(`${c.nodes[0]!.url}/api/issues/photos?communityId=${A.community.id}`, {
      method: 'POST',
      headers: { cookie: careless.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ photos: [] }),
    });
    expect(json.status).toBe(400);
    expect(await json.json()).toEqual(refused(/multipart\/form-data/));
    expect(await everything()).toEqual(before);
  });

  it('a body declared larger than 6 photos of 5 MB is answered before it is sent', async () => {
    const before = await everything();
    const answer = await new Promise<{ status: number; body: unknown }>((resolve, reject) => {
      const req = httpRequest(`${c.nodes[0]!.url}/api/issues/photos?communityId=${A.community.id}`, {
        method: 'POST',
        headers: { cookie: careless.cookie, 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(40 * 1024 * 1024) },
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          resolve({ status: res.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString()) });
          req.destroy();
        });
      });
      req.on('error', reject);
      req.write('--x\r\n'); // and never the rest
    });
    expect(answer).toEqual({ status: 400, body: refused(/larger than 6 photos of 5 MB/) });
    expect(await everything()).toEqual(before);
  });

  it('when storing the bytes fails halfway, the rows and the bytes already stored are removed', async () => {
    const disk = localPhotoStorage(photosDir());
    let puts = 0;
    const failing: PhotoStorage = {
      ...disk,
      async put(key, bytes, type) {
        if (++puts === 3) throw new Error('disk full');
        await disk.put(key, bytes, type);
      },
    };
    // a member, as far as this service is concerned
    const service = createPhotoService({ models: c.models, memberships: { get: async () => ({}) as never }, storage: failing });
    const before = await everything();
    const files = [await jpegFile('1.jpg'), await jpegFile('2.jpg'), await jpegFile('3.jpg')];
    await expect(service.upload(careless.user.id, A.community.id, files.map((f) => ({ name: f.name, bytes: f.bytes })))).rejects.toThrow('disk full');
    expect(puts).toBeGreaterThanOrEqual(3);
    expect(await everything()).toEqual(before);
  });

  it('outsiders cannot upload: NOT_FOUND, as for a community that does not exist; signed out: UNAUTHENTICATED', async () => {
    const before = await everything();
    const outsider = await upload(c, elsewhere, A.community.id, [await jpegFile()]);
    expect(outsider).toMatchObject({ status: 404, body: { ok: false, error: { code: 'NOT_FOUND', message: 'Not found' } } });
    const noCommunity = await upload(c, resident, issueId(), [await jpegFile()]);
    expect(noCommunity.body).toEqual(outsider.body);
    expect((await upload(c, resident, 'not-an-id', [await jpegFile()])).body).toEqual(outsider.body);
    expect(await upload(c, stranger, A.community.id, [await jpegFile()])).toMatchObject({ status: 404 });
    expect(await upload(c, null, A.community.id, [await jpegFile()])).toMatchObject({ status: 401, body: { ok: false, error: { code: 'UNAUTHENTICATED' } } });
    expect(await everything()).toEqual(before);
  });

  it('a credentialed upload from a foreign origin is refused', async () => {
    const form = new FormData();
    form.append('photos', new Blob([new Uint8Array(await phoneJpeg())], { type: 'image/jpeg' }), 'a.jpg');
    const res = await fetch(`${c.nodes[0]!.url}/api/issues/photos?communityId=${A.community.id}`, {
      method: 'POST',
      body: form,
      headers: { cookie: resident.cookie, origin: 'https://evil.example' },
    });
    expect(res.status).toBe(403);
  });

  it('uploads are rate limited per user (RATE_LIMITED, nothing stored)', async () => {
    const hasty = await member('13900007005', '急性子', A);
    const small = { name: 's.png', bytes: await plain('png', 20, 20), type: 'image/png' };
    for (let i = 0; i < 10; i++) await uploaded(c, hasty, A.community.id, [small], i % 2);
    const before = await everything();
    const res = await upload(c, hasty, A.community.id, [small], 1);
    expect(res).toMatchObject({ status: 429, body: { ok: false, error: { code: 'RATE_LIMITED' } } });
    expect(await everything()).toEqual(before);
    // someone else is not held up by it
    expect((await upload(c, neighbour, A.community.id, [small])).status).toBe(200);
  });
});

// ---------- who may see a photo ----------

describe('reading photos', () => {
  it('an unattached photo is its uploader’s only; once attached, every member of its community sees it; outsiders get 404', async () => {
    const [photo] = await uploaded(c, resident, A.community.id, [await jpegFile()]);
    const id = photo!.id;
    const missing = await fetchPhoto(c, resident, issueId());
    expect(missing.status).toBe(404);
    expect(missing.json()).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'Not found' } });

    // before filing: a draft of the uploader's
    expect((await fetchPhoto(c, resident, id)).status).toBe(200);
    for (const other of [neighbour, elsewhere, stranger]) {
      for (const variant of ['', '/thumb'] as const) {
        const got = await fetchPhoto(c, other, id, variant);
        expect(got.status).toBe(404);
        expect(got.json()).toEqual(missing.json());
      }
    }

    await photoService(c).attach([id], { id: issueId(), communityId: A.community.id }, resident.user.id);
    expect((await fetchPhoto(c, neighbour, id)).status).toBe(200);
    expect((await fetchPhoto(c, neighbour, id, '/thumb', 1)).status).toBe(200);
    // a member of another community, or of none, is told nothing
    for (const other of [elsewhere, stranger]) {
      const got = await fetchPhoto(c, other, id, '', 1);
      expect(got.status).toBe(404);
      expect(got.json()).toEqual(missing.json());
    }
    const signedOut = await fetchPhoto(c, null, id);
    expect(signedOut.status).toBe(401);
    expect((await fetchPhoto(c, resident, 'not-an-id')).status).toBe(404);
  });
});

// ---------- attaching ----------

describe('attaching photos to an issue', () => {
  const rowsOf = async (ids: string[]) =>
    Object.fromEntries((await c.models.IssuePhoto.find({ _id: op({ $in: ids }) }).lean()).map((row) => [row._id.toString(), row.issueId?.toString() ?? null]));

  it('attaches the uploader’s own unattached photos of that community, all or none', async () => {
    const photos = photoService(c);
    const mine = await uploaded(c, resident, A.community.id, [await jpegFile('1.jpg'), { name: '2.png', bytes: await plain('png'), type: 'image/png' }]);
    const [theirs] = await uploaded(c, neighbour, A.community.id, [await jpegFile('3.jpg')]);
    const ids = mine.map((p) => p.id);
    const issue = { id: issueId(), communityId: A.community.id };
    const refusedAttach = { code: 'VALIDATION_FAILED' };

    // someone else's photo among mine: none attached
    await expect(photos.attach([ids[0]!, theirs!.id], issue, resident.user.id)).rejects.toMatchObject({
      ...refusedAttach,
      extra: { issues: [{ path: 'photoIds.1', message: expect.any(String) }] },
    });
    // the issue of another community
    await expect(photos.attach(ids, { id: issue.id, communityId: B.community.id }, resident.user.id)).rejects.toMatchObject(refusedAttach);
    // an id that does not exist, a malformed one, one listed twice
    await expect(photos.attach([ids[0]!, issueId()], issue, resident.user.id)).rejects.toMatchObject(refusedAttach);
    await expect(photos.attach([ids[0]!, 'nope'], issue, resident.user.id)).rejects.toMatchObject(refusedAttach);
    await expect(photos.attach([ids[0]!, ids[0]!], issue, resident.user.id)).rejects.toMatchObject(refusedAttach);
    expect(await rowsOf([...ids, theirs!.id])).toEqual({ [ids[0]!]: null, [ids[1]!]: null, [theirs!.id]: null });

    expect(await photos.attach([ids[1]!, ids[0]!], issue, resident.user.id)).toEqual([mine[1], mine[0]]);
    expect(await rowsOf(ids)).toEqual({ [ids[0]!]: issue.id, [ids[1]!]: issue.id });
    expect((await photos.photosOf(issue.id)).map((p) => p.id)).toEqual(ids);

    // already attached (to this issue or another): refused, and nothing moves
    const [fresh] = await uploaded(c, resident, A.community.id, [await jpegFile('4.jpg')]);
    const other = { id: issueId(), communityId: A.community.id };
    await expect(photos.attach([fresh!.id, ids[0]!], other, resident.user.id)).rejects.toMatchObject(refusedAttach);
    await expect(photos.attach([ids[0]!], issue, resident.user.id)).rejects.toMatchObject(refusedAttach);
    expect(await rowsOf([...ids, fresh!.id])).toEqual({ [ids[0]!]: issue.id, [ids[1]!]: issue.id, [fresh!.id]: null });
    expect(await photos.photosOf(other.id)).toEqual([]);
    expect(await photos.attach([], other, resident.user.id)).toEqual([]);

    // the issues service's undo when the issue itself could not be stored
    await photos.detachAll(issue.id);
    expect(await rowsOf(ids)).toEqual({ [ids[0]!]: null, [ids[1]!]: null });
    expect(await photos.photosOf(issue.id)).toEqual([]);
  });

  it('two issues racing for the same photos: exactly one gets them all, the other none', async () => {
    const photos = photoService(c);
    const mine = await uploaded(c, neighbour, A.community.id, [await jpegFile('a.jpg'), await jpegFile('b.jpg'), await jpegFile('c.jpg')]);
    const ids = mine.map((p) => p.id);
    const issues = Array.from({ length: 4 }, () => ({ id: issueId(), communityId: A.community.id }));
    // each issue claims the photos in a different order, on either node's service
    const results = await Promise.allSettled(
      issues.map((issue, i) => c.nodes[i % 2]!.app.services.photos.attach(i % 2 ? [...ids].reverse() : ids, issue, neighbour.user.id)),
    );
    const winners = results.flatMap((r, i) => (r.status === 'fulfilled' ? [issues[i]!.id] : []));
    expect(winners).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(new Set(Object.values(await rowsOf(ids)))).toEqual(new Set(winners));
    expect((await photos.photosOf(winners[0]!)).map((p) => p.id).sort()).toEqual([...ids].sort());
  });
});

// ---------- the sweep (last: it removes every unattached photo) ----------

describe('sweeping unattached photos', () => {
  it('deletes unattached photos older than the cut-off, rows and bytes; attached ones stay', async () => {
    const photos = photoService(c);
    const [kept] = await uploaded(c, neighbour, A.community.id, [await jpegFile('kept.jpg')]);
    await photos.attach([kept!.id], { id: issueId(), communityId: A.community.id }, neighbour.user.id);
    const [young] = await uploaded(c, neighbour, A.community.id, [await jpegFile('young.jpg')]);
    const cutOff = new Date();
    await new Promise((r) => setTimeout(r, 20));
    const [newer] = await uploaded(c, neighbour, A.community.id, [await jpegFile('newer.jpg')]);
    expect(storedFiles()).toContain(`${young!.id}.jpg`);

    const unattachedBefore = await c.models.IssuePhoto.countDocuments({ issueId: null });
    const { removed } = await photos.sweepUnattached(cutOff);
    expect(removed).toBe(unattachedBefore - 1); // all but `newer`
    expect((await c.models.IssuePhoto.findOne({ issueId: null }).lean())!._id.toString()).toBe(newer!.id);
    expect(storedFiles()).not.toContain(`${young!.id}.jpg`);
    expect(storedFiles()).not.toContain(`${young!.id}-thumb.jpg`);
    expect((await fetchPhoto(c, neighbour, young!.id)).status).toBe(404);
    // every stored file belongs to a row that is still there
    const rows = new Set((await c.models.IssuePhoto.find({}).distinct('_id')).map(String));
    for (const file of storedFiles()) expect(rows.has(file.replace(/(-thumb)?\.jpg$/, ''))).toBe(true);
    expect((await fetchPhoto(c, neighbour, kept!.id)).status).toBe(200);
    // a second sweep (another node) finds nothing more
    expect(await c.nodes[1]!.app.services.photos.sweepUnattached(cutOff)).toEqual({ removed: 0 });
  });
});

// ---------- GridFS on the embedded FerretDB ----------

describe('GridFS storage (PHOTO_STORAGE=gridfs) on the embedded database', () => {
  let g: Cluster;
  let member: Session;
  let community: MyCommunity;
  const counts = async () => {
    const db = g.nodes[0]!.conn.db!;
    return {
      rows: await g.models.IssuePhoto.countDocuments({}),
      files: await db.collection('issuePhotos.files').countDocuments({}),
      chunks: await db.collection('issuePhotos.chunks').countDocuments({}),
    };
  };

  beforeAll(async () => {
    g = await startCluster({ nodes: 2, env: { PHOTO_STORAGE: 'gridfs', DATA_DIR: path.join(dataDir, 'gridfs-node') } });
    const admin = await g.login(PLATFORM_ADMIN_PHONE, '平台管理员');
    const sock = await g.connect(admin, 0);
    community = await must(sock, 'community:create', { name: '东湖社区', street: '东湖街道', district: '罗湖区' });
    member = await g.login('13900008001', '东湖住户');
    const mine = await g.connect(member, 1);
    await must(mine, 'community:joinByCode', { inviteCode: community.inviteCode! });
    sock.disconnect();
    mine.disconnect();
  });
  afterAll(async () => {
    await g?.stop();
  });

  it('stores in GridFS on one node and serves from the other, without EXIF; nothing on disk', async () => {
    const [photo] = await uploaded(g, member, community.community.id, [await jpegFile()], 0);
    expect(await counts()).toMatchObject({ rows: 1, files: 2 });
    const got = await fetchPhoto(g, member, photo!.id, '', 1);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/jpeg');
    const meta = await sharp(got.bytes).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 480, height: 640 });
    expect(meta.exif).toBeUndefined();
    expect(got.bytes.includes('Exif')).toBe(false);
    const thumb = await fetchPhoto(g, member, photo!.id, '/thumb', 1);
    expect(thumb.status).toBe(200);
    expect(thumb.bytes.length).toBeLessThan(got.bytes.length);
    expect(existsSync(path.join(dataDir, 'gridfs-node', 'photos'))).toBe(false);
  });

  it('a refused upload leaves no row, no GridFS file and no chunk', async () => {
    const before = await counts();
    const res = await upload(g, member, community.community.id, [await jpegFile('ok.jpg'), { name: 'bad.jpg', bytes: Buffer.from('text') }]);
    expect(res.body).toEqual(refused(/"bad\.jpg" is not a JPEG/));
    expect(await counts()).toEqual(before);
  });

  it('the sweep deletes the GridFS files and chunks with the rows', async () => {
    await uploaded(g, member, community.community.id, [{ name: 'big.png', bytes: await plain('png', 2400, 1800), type: 'image/png' }]);
    expect((await counts()).chunks).toBeGreaterThan(0);
    expect(await photoService(g).sweepUnattached(new Date(Date.now() + 1000))).toEqual({ removed: 2 });
    expect(await counts()).toEqual({ rows: 0, files: 0, chunks: 0 });
  });
});
