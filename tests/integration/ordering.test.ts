import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceCursor, type Channel, type CatchUpCursor, type Message, type MyCommunity } from '@linli/shared';
import { startFerretDB, type EmbeddedFerretDB } from '../../server/src/lib/ferretdb.js';
import { PLATFORM_ADMIN_PHONE, call, collect, eventually, must, startCluster, type ClientSocket, type Cluster, type Session } from '../support/cluster.js';
import { freePort } from '../support/services.js';

const cid = () => randomUUID();

/** A community with one chat channel and members on the given nodes. */
async function setUp(c: Cluster, names: { phone: string; name: string; node: number }[]) {
  const admin = await c.login(PLATFORM_ADMIN_PHONE, '李社工');
  const adminSock = await c.connect(admin, 0);
  const community: MyCommunity = await must(adminSock, 'community:create', { name: `社区${randomUUID().slice(0, 6)}`, street: '甲街道', district: '甲区' });
  const members: { session: Session; sock: ClientSocket; node: number }[] = [];
  for (const n of names) {
    const session = await c.login(n.phone, n.name, n.node);
    const first = await c.connect(session, n.node);
    await must(first, 'community:joinByCode', { inviteCode: community.inviteCode! });
    first.disconnect();
    members.push({ session, sock: await c.connect(session, n.node), node: n.node });
  }
  const chat = (await must(adminSock, 'channel:list', { communityId: community.community.id })).find((ch) => ch.kind === 'chat')!;
  return { members, chat };
}

describe('two nodes writing one channel', () => {
  let c: Cluster;
  let chat: Channel;
  let alice: ClientSocket; // node 0
  let bob: ClientSocket; // node 1
  let carol: Session; // observer on node 1
  let carolSock: ClientSocket;

  beforeAll(async () => {
    c = await startCluster({ nodes: 2 });
    const s = await setUp(c, [
      { phone: '13900300001', name: '陈阿姨', node: 0 },
      { phone: '13900300002', name: '刘师傅', node: 1 },
      { phone: '13900300003', name: '王老师', node: 1 },
    ]);
    chat = s.chat;
    [alice, bob, carolSock] = s.members.map((m) => m.sock) as [ClientSocket, ClientSocket, ClientSocket];
    carol = s.members[2]!.session;
  });
  afterAll(async () => {
    await c?.stop();
  });

  it('hands out distinct consecutive seqs to concurrent senders on both nodes, with no timeouts', async () => {
    const sends = Array.from({ length: 60 }, (_, i) => call(i % 2 ? bob : alice, 'message:send', { channelId: chat.id, clientId: cid(), body: `并发 ${i}` }));
    const acks = await Promise.all(sends);
    expect(acks.every((a) => a.ok)).toBe(true);
    const seqs = acks.map((a) => (a.ok ? a.data.seq : 0)).sort((x, y) => x - y);
    expect(new Set(seqs).size).toBe(60);
    expect(seqs[59]! - seqs[0]!).toBe(59);
  });

  it('a member who saw a later message before an earlier one, then dropped, catches up without a hole', async () => {
    const history = await must(carolSock, 'message:history', { channelId: chat.id });
    let cursor: CatchUpCursor = advanceCursor({ settled: 0, heldAbove: [] }, history.messages.map((m) => m.seq), history.through ?? 0);
    const seen = collect(carolSock, 'message:created');

    // Node 0's insert waits at a gate after its seq was handed out.
    const messages = c.nodes[0]!.conn.models.Message!.collection;
    const insertMany = messages.insertMany.bind(messages);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let entered = false;
    messages.insertMany = (async (...args: Parameters<typeof insertMany>) => {
      entered = true;
      await gate;
      return insertMany(...args);
    }) as typeof messages.insertMany;

    try {
      const slow = call(alice, 'message:send', { channelId: chat.id, clientId: cid(), body: '先发的' });
      await eventually(() => entered, 5000, 'node 0 insert started');
      const fast = await must(bob, 'message:send', { channelId: chat.id, clientId: cid(), body: '后发的' });
      await eventually(() => seen.some((m) => m.id === fast.id), 5000, 'later message seen');
      cursor = advanceCursor(cursor, seen.map((m) => m.seq));

      // While the earlier write is in flight, catch-up must not declare its seq settled.
      const early = await must(carolSock, 'message:sync', { channelId: chat.id, afterSeq: cursor.settled });
      expect(early.through).toBeLessThan(fast.seq - 1);
      expect(cursor.settled).toBeLessThan(fast.seq);

      carolSock.disconnect();
      release();
      const earlier = await slow;
      expect(earlier.ok).toBe(true);
      const earlierMsg = (earlier as { ok: true; data: Message }).data;
      expect(earlierMsg.seq).toBeLessThan(fast.seq);

      // Back online: catching up after the highest seq held would miss the earlier message...
      carolSock = await c.connect(carol, 1);
      const naive = await must(carolSock, 'message:sync', { channelId: chat.id, afterSeq: Math.max(...seen.map((m) => m.seq)) });
      expect(naive.messages.some((m) => m.id === earlierMsg.id)).toBe(false);
      // ...catching up from the settled cursor returns it, and the cursor closes the gap.
      const sync = await must(carolSock, 'message:sync', { channelId: chat.id, afterSeq: cursor.settled });
      expect(sync.messages.map((m) => m.id)).toContain(earlierMsg.id);
      cursor = advanceCursor(cursor, sync.messages.map((m) => m.seq), sync.through);
      expect(cursor.settled).toBeGreaterThanOrEqual(fast.seq);
      expect(cursor.heldAbove).toEqual([]);
    } finally {
      release();
      messages.insertMany = insertMany as typeof messages.insertMany;
    }
  });

  it('a seq used up by a retried send is a settled gap, not a hole to wait for', async () => {
    const clientId = cid();
    const first = await must(alice, 'message:send', { channelId: chat.id, clientId, body: '重试' });
    const again = await must(alice, 'message:send', { channelId: chat.id, clientId, body: '重试' });
    expect(again.id).toBe(first.id);
    const after = await must(bob, 'message:send', { channelId: chat.id, clientId: cid(), body: '之后' });
    expect(after.seq).toBe(first.seq + 2); // the retry's seq was handed out and voided
    const sync = await must(bob, 'message:sync', { channelId: chat.id, afterSeq: first.seq - 1 });
    expect(sync.messages.map((m) => m.seq)).toEqual([first.seq, after.seq]);
    expect(sync.through).toBe(after.seq);
  });

  it('history, catch-up and unread counts come from the pages and agree with the stored messages', async () => {
    const stored = await c.models.Message.find({ channelId: chat.id, parentId: null }).sort({ seq: -1 }).limit(50).lean();
    const page = await must(carolSock, 'message:history', { channelId: chat.id, limit: 50 });
    expect(page.messages.map((m) => m.seq)).toEqual(stored.map((m) => m.seq).reverse());
    const states = await must(carolSock, 'channel:readStates', { communityId: chat.communityId });
    const state = states.find((s) => s.channelId === chat.id)!;
    expect(state.lastSeq).toBeGreaterThanOrEqual(stored[0]!.seq);
    expect(state.unread).toBe(Math.min(100, await c.models.Message.countDocuments({ channelId: chat.id, parentId: null, state: 'visible' })));
  });

  it('an edit racing a hide never brings the hidden message back in the pages', async () => {
    const admin = await c.login(PLATFORM_ADMIN_PHONE, '李社工', 1);
    const modSock = await c.connect(admin, 1);
    for (let i = 0; i < 5; i++) {
      const m = await must(alice, 'message:send', { channelId: chat.id, clientId: cid(), body: `要隐藏 ${i}` });
      await Promise.all([
        call(alice, 'message:react', { messageId: m.id, emoji: '👍' }),
        call(modSock, 'message:hide', { messageId: m.id, reason: '测试' }),
        call(alice, 'message:edit', { messageId: m.id, body: `改过 ${i}` }),
      ]);
      const sync = await must(bob, 'message:sync', { channelId: chat.id, afterSeq: m.seq - 1 });
      expect(sync.messages.find((x) => x.id === m.id)?.state).toBe('hidden');
      expect((await c.models.Message.findById(m.id).lean())?.state).toBe('hidden');
    }
    modSock.disconnect();
  });
});

describe('the database stops under load', () => {
  let db: EmbeddedFerretDB;
  let dir: string;
  let port: number;
  let c: Cluster;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'linli-dbkill-'));
    port = await freePort();
    db = await startFerretDB({ dataDir: dir, port });
    c = await startCluster({ nodes: 2, mongoUrl: db.uri });
  });
  afterAll(async () => {
    await c?.stop();
    await db?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('every acknowledged message is stored exactly once', async () => {
    const s = await setUp(c, [
      { phone: '13900400001', name: '甲', node: 0 },
      { phone: '13900400002', name: '乙', node: 1 },
      { phone: '13900400003', name: '丙', node: 0 },
    ]);
    const acked = new Map<string, Message>();
    const unacked = new Set<string>();
    let stop = false;

    // Each sender sends one message after another and, like the web client, sends a
    // failed or unanswered message again with the same client id.
    const sender = async (sock: ClientSocket, who: number) => {
      for (let i = 0; i < 200 && !stop; i++) {
        const clientId = cid();
        unacked.add(clientId);
        for (let attempt = 0; attempt < 40; attempt++) {
          const res = await call(sock, 'message:send', { channelId: s.chat.id, clientId, body: `${who}-${i}` }).catch(() => null);
          if (res?.ok) {
            acked.set(clientId, res.data);
            unacked.delete(clientId);
            break;
          }
          await new Promise((r) => setTimeout(r, 250));
        }
        await new Promise((r) => setTimeout(r, 150));
      }
    };
    const running = s.members.map((m, i) => sender(m.sock, i));

    await new Promise((r) => setTimeout(r, 1500));
    await db.stop(); // the database goes away mid-traffic
    await new Promise((r) => setTimeout(r, 3000));
    db = await startFerretDB({ dataDir: dir, port });
    await new Promise((r) => setTimeout(r, 4000));
    stop = true;
    await Promise.all(running);

    expect(acked.size).toBeGreaterThan(20);
    const stored = await c.models.Message.find({ channelId: s.chat.id }).lean();
    const byClient = new Map<string, number>();
    for (const m of stored) byClient.set(m.clientId, (byClient.get(m.clientId) ?? 0) + 1);
    const lost = [...acked.keys()].filter((k) => !byClient.has(k));
    const duplicated = [...byClient.values()].filter((n) => n > 1).length;
    expect({ lost, duplicated }).toEqual({ lost: [], duplicated: 0 });
    for (const [clientId, m] of acked) expect(stored.find((x) => x.clientId === clientId)?.seq).toBe(m.seq);
    expect(new Set(stored.map((m) => m.seq)).size).toBe(stored.length);

    // And catch-up from the start returns every acknowledged message.
    const sync = await must(s.members[1]!.sock, 'message:sync', { channelId: s.chat.id, afterSeq: 0 });
    const synced = new Set(sync.messages.map((m) => m.clientId));
    expect([...acked.keys()].filter((k) => !synced.has(k))).toEqual([]);
  }, 90_000);
});
