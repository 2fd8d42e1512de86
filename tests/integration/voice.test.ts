/**
 * Voice messages over two nodes: recordings uploaded over HTTP (checked by content:
 * Opus in WebM or Ogg, at most 1 MB and 60 s), stored in the problem-report photo
 * storage, attached once to a chat message or a problem report, heard by whoever may
 * see what they are attached to, and moderated like text (report, hide: a hidden
 * message's recording is no longer served to residents).
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VOICE_LIMITS, type Ack, type Channel, type MyCommunity, type VoiceClip } from '@linli/shared';
import { PLATFORM_ADMIN_PHONE, call, must, next, snapshotCounts, startCluster, type ClientSocket, type Cluster, type Session } from '../support/cluster.js';
import { buildOggOpus, buildWebmOpus } from '../../server/src/voice/testing.js';
import { op } from '../../server/src/lib/db.js';

/** Recorded by Chromium's MediaRecorder (audio/webm;codecs=opus) from its fake microphone: 1.5 s. */
const chromium = readFileSync(path.join(import.meta.dirname, '../../server/src/voice/fixtures/chromium-fake-device.webm'));

let c: Cluster;
let dataDir: string;
let A: MyCommunity;
let B: MyCommunity;
let mod: Session; // platform admin, admin (staff) of A and B
let modSock: ClientSocket;
let alice: Session; // resident of A, node 0
let aliceSock: ClientSocket;
let bob: Session; // resident of A, node 1
let bobSock: ClientSocket;
let outsider: Session; // resident of B only
let careless: Session; // resident of A who sends the refused uploads (the rate limit counts per user)
let chat: Channel;

interface Upload {
  name: string;
  bytes: Buffer;
  type?: string;
  field?: string;
}

async function upload(session: Session | null, communityId: string, file: Upload, node = 0) {
  const form = new FormData();
  form.append(file.field ?? 'voice', new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'audio/webm' }), file.name);
  const res = await fetch(`${c.nodes[node]!.url}/api/voice?communityId=${communityId}`, { method: 'POST', body: form, headers: session ? { cookie: session.cookie } : {} });
  return { status: res.status, body: (await res.json()) as Ack<VoiceClip> };
}

async function uploaded(session: Session, communityId: string, bytes: Buffer = chromium, node = 0): Promise<VoiceClip> {
  const res = await upload(session, communityId, { name: 'voice.webm', bytes }, node);
  if (!res.body.ok) throw new Error(`upload failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data;
}

async function hear(session: Session | null, id: string, node = 0) {
  const res = await fetch(`${c.nodes[node]!.url}/api/voice/${id}`, { headers: session ? { cookie: session.cookie } : {} });
  return { status: res.status, type: res.headers.get('content-type'), cache: res.headers.get('cache-control'), bytes: Buffer.from(await res.arrayBuffer()) };
}

const storedFiles = (): string[] => {
  const dir = path.join(dataDir, 'photos');
  return existsSync(dir)
    ? readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => entry.name)
        .sort()
    : [];
};
const everything = async () => ({ rows: await snapshotCounts(c.models), files: storedFiles() });

async function member(phone: string, name: string, community: MyCommunity, node: number): Promise<[Session, ClientSocket]> {
  const session = await c.login(phone, name);
  const first = await c.connect(session, node);
  await must(first, 'community:joinByCode', { inviteCode: community.inviteCode! });
  first.disconnect();
  return [session, await c.connect(session, node)];
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'linli-voice-'));
  c = await startCluster({ nodes: 2, env: { DATA_DIR: dataDir, PHOTO_STORAGE: 'local', VOICE_UPLOADS_PER_HOUR: '20' } });
  mod = await c.login(PLATFORM_ADMIN_PHONE, '李社工');
  modSock = await c.connect(mod, 0);
  A = await must(modSock, 'community:create', { name: '桃源社区', street: '桃源街道', district: '南山区' });
  B = await must(modSock, 'community:create', { name: '西岭社区', street: '西岭街道', district: '宝安区' });
  modSock.disconnect();
  modSock = await c.connect(mod, 0);
  [alice, aliceSock] = await member('13900008001', '陈阿姨', A, 0);
  [bob, bobSock] = await member('13900008002', '刘师傅', A, 1);
  [outsider] = await member('13900008003', '西岭住户', B, 1);
  [careless] = await member('13900008005', '马虎', A, 0);
  chat = (await must(modSock, 'channel:list', { communityId: A.community.id })).find((ch) => ch.kind === 'chat')!;
});
afterAll(async () => {
  await c?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('uploading a recording', () => {
  it('accepts a real Chromium recording, measures it, stores it in the photo storage; only its uploader hears it while unused', async () => {
    const clip = await uploaded(alice, A.community.id);
    expect(clip).toEqual({ id: expect.any(String), durationMs: 1500, contentType: 'audio/webm', bytes: chromium.length });
    const row = await c.models.VoiceClip.findOne({ _id: clip.id }).lean();
    expect(row).toMatchObject({ durationMs: 1500, contentType: 'audio/webm', bytes: chromium.length, messageId: null, issueId: null });
    expect(storedFiles()).toContain(`voice-${clip.id}.webm`);

    // Read back on the other node (one storage for both), as the type it is, never cached shared.
    const mine = await hear(alice, clip.id, 1);
    expect(mine).toMatchObject({ status: 200, type: 'audio/webm', cache: 'private, no-cache' });
    expect(mine.bytes.equals(chromium)).toBe(true);
    // Unused: nobody else hears it; no session: UNAUTHENTICATED.
    expect((await hear(bob, clip.id)).status).toBe(404);
    expect((await hear(outsider, clip.id)).status).toBe(404);
    expect((await hear(null, clip.id)).status).toBe(401);
  });

  it('accepts Ogg Opus of exactly 60 s (Firefox records Ogg)', async () => {
    const clip = await uploaded(bob, A.community.id, buildOggOpus({ packets: 3000 }), 1);
    expect(clip).toMatchObject({ durationMs: 60_000, contentType: 'audio/ogg' });
    expect(storedFiles()).toContain(`voice-${clip.id}.ogg`);
  });

  it('refuses by content, size and length, with a reason code, storing nothing', async () => {
    const png = await sharp({ create: { width: 20, height: 20, channels: 3, background: 'blue' } }).png().toBuffer();
    const cases: [Upload, string][] = [
      [{ name: 'voice.png', bytes: png, type: 'image/png' }, 'wrong_type'],
      [{ name: 'voice.webm', bytes: png, type: 'audio/webm' }, 'wrong_type'], // a PNG named and declared as WebM
      [{ name: 'voice.webm', bytes: Buffer.from('hello, this is text renamed to voice.webm') }, 'wrong_type'],
      [{ name: 'long.webm', bytes: buildWebmOpus({ packets: 3050 }) }, 'too_long'], // 61 s
      [{ name: 'long.ogg', bytes: buildOggOpus({ packets: 3001 }), type: 'audio/ogg' }, 'too_long'], // 60.02 s
      [{ name: 'video.webm', bytes: buildWebmOpus({ packets: 100, withVideo: true }) }, 'not_opus'],
      [{ name: 'big.webm', bytes: Buffer.concat([chromium, Buffer.alloc(VOICE_LIMITS.bytes)]) }, 'too_large'],
      [{ name: 'cut.webm', bytes: chromium.subarray(0, chromium.length - 7) }, 'damaged'],
      [{ name: 'empty.webm', bytes: Buffer.alloc(0) }, 'empty'],
    ];
    const before = await everything();
    for (const [file, reason] of cases) {
      const res = await upload(careless, A.community.id, file);
      expect(res.status, file.name).toBe(400);
      expect(res.body, file.name).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', issues: [{ path: 'voice', message: reason }] } });
    }
    expect(await everything()).toEqual(before);
  });

  it('refuses outsiders, the signed out and another form field', async () => {
    const before = await everything();
    expect((await upload(outsider, A.community.id, { name: 'v.webm', bytes: chromium })).status).toBe(404);
    expect((await upload(null, A.community.id, { name: 'v.webm', bytes: chromium })).status).toBe(401);
    const other = await upload(careless, A.community.id, { name: 'v.webm', bytes: chromium, field: 'photos' });
    expect(other.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await everything()).toEqual(before);
  });

  it('limits uploads per user per hour (VOICE_UPLOADS_PER_HOUR), across nodes', async () => {
    const [spammer] = await member('13900008009', '录音机', A, 0);
    for (let i = 0; i < 20; i++) expect((await upload(spammer, A.community.id, { name: 'x.webm', bytes: Buffer.from('x') }, i % 2)).status).toBe(400);
    const limited = await upload(spammer, A.community.id, { name: 'v.webm', bytes: chromium }, 1);
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
  });
});

describe('a voice message', () => {
  let messageId = '';
  let clipId = '';

  it('is sent with an empty body, delivered live to the other node and heard there', async () => {
    const clip = await uploaded(alice, A.community.id);
    clipId = clip.id;
    const seen = next(bobSock, 'message:created');
    const sent = await must(aliceSock, 'message:send', { channelId: chat.id, clientId: randomUUID(), body: '', voice: { id: clip.id, durationMs: 99_999 } });
    messageId = sent.id;
    // The stored measurement, not what the client said.
    expect(sent).toMatchObject({ body: '', state: 'visible', voice: { id: clip.id, durationMs: 1500 } });
    expect(await seen).toEqual(sent);
    const row = await c.models.VoiceClip.findOne({ _id: clip.id }).lean();
    expect(row!.messageId!.toString()).toBe(sent.id);
    const heard = await hear(bob, clip.id, 1);
    expect(heard.status).toBe(200);
    expect(heard.bytes.equals(chromium)).toBe(true);
    expect((await hear(outsider, clip.id)).status).toBe(404);
    const page = await must(bobSock, 'message:history', { channelId: chat.id });
    expect(page.messages.find((m) => m.id === sent.id)?.voice).toEqual({ id: clip.id, durationMs: 1500 });
  });

  it('a retried send claims the same recording again; a recording is used once, by its uploader, in its community', async () => {
    const clip = await uploaded(alice, A.community.id);
    const clientId = randomUUID();
    const first = await must(aliceSock, 'message:send', { channelId: chat.id, clientId, body: '听听这个', voice: { id: clip.id } });
    const again = await must(aliceSock, 'message:send', { channelId: chat.id, clientId, body: '听听这个', voice: { id: clip.id } });
    expect(again.id).toBe(first.id);

    const before = await everything();
    const refusedBecause = async (sock: ClientSocket, payload: Parameters<typeof call<'message:send'>>[2]) => {
      const res = await call(sock, 'message:send', payload);
      expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      return res.ok ? [] : (res.error.issues ?? []).map((issue) => issue.path);
    };
    // used already (in a new message)
    expect(await refusedBecause(aliceSock, { channelId: chat.id, clientId: randomUUID(), body: '', voice: { id: clip.id } })).toEqual(['voice.id']);
    // someone else's
    const alices = await uploaded(alice, A.community.id);
    expect(await refusedBecause(bobSock, { channelId: chat.id, clientId: randomUUID(), body: '', voice: { id: alices.id } })).toEqual(['voice.id']);
    // of another community
    const [both] = await member('13900008004', '两边住', A, 0);
    const bothSock = await c.connect(both, 0);
    await must(bothSock, 'community:joinByCode', { inviteCode: B.inviteCode! });
    const inB = await uploaded(both, B.community.id);
    expect(await refusedBecause(bothSock, { channelId: chat.id, clientId: randomUUID(), body: '', voice: { id: inB.id } })).toEqual(['voice.id']);
    // no body and no recording
    expect(await refusedBecause(aliceSock, { channelId: chat.id, clientId: randomUUID(), body: '   ' })).toEqual(['body']);
    bothSock.disconnect();
    // nothing but the two uploads above was stored, and they are still unused
    const after = await everything();
    expect(after.rows.Message).toBe(before.rows.Message);
    expect(after.rows.VoiceClip).toBe(before.rows.VoiceClip! + 2);
    expect(await c.models.VoiceClip.countDocuments({ _id: op({ $in: [alices.id, inB.id] }), messageId: null })).toBe(2);
  });

  it('is reported like text and hidden: gone for residents (also its recording), kept for moderators', async () => {
    const reported = next(modSock, 'report:created');
    const report = await must(bobSock, 'message:report', { messageId, reason: '广告骚扰' });
    expect(report.messageExcerpt).toBe('[语音 2″]');
    expect(report.voice).toEqual({ id: clipId, durationMs: 1500 });
    expect((await reported).id).toBe(report.id);
    expect((await must(modSock, 'report:list', { communityId: A.community.id })).find((r) => r.id === report.id)?.voice).toEqual({ id: clipId, durationMs: 1500 });

    const hiddenLive = next(bobSock, 'message:updated');
    await must(modSock, 'report:resolve', { reportId: report.id, action: 'hide' });
    const hidden = await hiddenLive;
    expect(hidden).toMatchObject({ id: messageId, state: 'hidden', body: '', voice: null });
    const page = await must(bobSock, 'message:history', { channelId: chat.id });
    expect(page.messages.find((m) => m.id === messageId)).toMatchObject({ state: 'hidden', voice: null });

    expect((await hear(bob, clipId, 1)).status).toBe(404);
    expect((await hear(alice, clipId, 0)).status).toBe(404); // its author is a resident too
    expect((await hear(mod, clipId, 1)).status).toBe(200); // the moderator can still review it
    const audit = await must(modSock, 'audit:list', { communityId: A.community.id });
    expect(JSON.stringify(audit)).toContain('[语音 2″]');
  });

  it('deleted by its author: nobody hears it', async () => {
    const clip = await uploaded(alice, A.community.id);
    const sent = await must(aliceSock, 'message:send', { channelId: chat.id, clientId: randomUUID(), body: '', voice: { id: clip.id } });
    expect((await hear(bob, clip.id)).status).toBe(200);
    const deleted = await must(aliceSock, 'message:delete', { messageId: sent.id });
    expect(deleted.voice).toBeNull();
    for (const who of [alice, bob, mod]) expect((await hear(who, clip.id)).status).toBe(404);
  });
});

describe('a spoken problem report', () => {
  it('is filed with a recording as its description, heard by members of the community only', async () => {
    const [category] = await must(aliceSock, 'issue:categories', { communityId: A.community.id });
    const clip = await uploaded(alice, A.community.id);
    const issue = await must(aliceSock, 'issue:file', { communityId: A.community.id, title: '楼道灯坏了', description: '', categoryId: category!.id, voice: { id: clip.id } });
    expect(issue.voice).toEqual({ id: clip.id, durationMs: 1500 });
    const got = await must(bobSock, 'issue:get', { issueId: issue.id });
    expect(got.issue.voice).toEqual({ id: clip.id, durationMs: 1500 });
    expect((await hear(bob, clip.id, 1)).status).toBe(200);
    expect((await hear(outsider, clip.id)).status).toBe(404);
    // used: it cannot go into a message too
    const res = await call(aliceSock, 'message:send', { channelId: chat.id, clientId: randomUUID(), body: '', voice: { id: clip.id } });
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('a recording that cannot be used files nothing', async () => {
    const [category] = await must(aliceSock, 'issue:categories', { communityId: A.community.id });
    const bobs = await uploaded(bob, A.community.id, chromium, 1);
    const before = await everything();
    const res = await call(aliceSock, 'issue:file', { communityId: A.community.id, title: '别人的录音', categoryId: category!.id, voice: { id: bobs.id } });
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', issues: [{ path: 'voice.id' }] } });
    const after = await everything();
    expect(after.rows.Issue).toBe(before.rows.Issue);
    expect(after.rows.IssueEvent).toBe(before.rows.IssueEvent);
    expect(after.files).toEqual(before.files);
  });
});

describe('the sweep of unused recordings', () => {
  it('removes unused recordings (rows and bytes) and keeps the ones in use', async () => {
    const unused = await uploaded(bob, A.community.id, chromium, 1);
    const used = await c.models.VoiceClip.findOne({ messageId: op({ $ne: null }) }).lean();
    const { removed } = await c.nodes[0]!.app.services.voice.sweepUnattached(new Date(Date.now() + 60_000));
    expect(removed).toBeGreaterThanOrEqual(1);
    expect(await c.models.VoiceClip.exists({ _id: unused.id })).toBeNull();
    expect(storedFiles()).not.toContain(`voice-${unused.id}.webm`);
    expect(await c.models.VoiceClip.exists({ _id: used!._id })).not.toBeNull();
    expect(storedFiles()).toContain(`voice-${used!._id.toString()}.webm`);
  });
});
