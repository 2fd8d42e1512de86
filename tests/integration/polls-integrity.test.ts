/**
 * Poll integrity under races, over two nodes on the embedded database: 100 parallel
 * ballots by one voter store one; ballots racing the close are counted or refused,
 * never both; two nodes sweeping close a poll once (and finish a close a dead node
 * left); sealed polls leak no count before close; secret polls store nothing that
 * links a voter to a choice.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Types } from 'mongoose';
import { receiptOfSecret, type Ack, type CastResult, type EventInput, type MyCommunity } from '@linli/shared';
import { call, collect, eventually, must, startCluster, type ClientSocket, type Cluster, type Session } from '../support/cluster.js';
import { createTestCommunity } from '../support/community.js';

const DAY = 24 * 3_600_000;
const secret = () => randomBytes(16).toString('base64url');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('poll integrity', () => {
  let c: Cluster;
  let now = Date.parse('2026-12-01T09:00:00Z');
  const clock = () => new Date(now);
  let mine: MyCommunity;
  let communityId: string;
  let moderator: ClientSocket;
  const users: Session[] = [];
  /** Two sockets per resident: one on each node. */
  const residents: [ClientSocket, ClientSocket][] = [];

  const create = (payload: Omit<EventInput<'poll:create'>, 'communityId' | 'closesAt'> & { closesAt?: string }) =>
    must(moderator, 'poll:create', { communityId, closesAt: new Date(now + 7 * DAY).toISOString(), ...payload } as EventInput<'poll:create'>);
  const sweepBoth = () => Promise.all(c.nodes.map((node) => node.app.services.polls.sweep()));

  beforeAll(async () => {
    c = await startCluster({ nodes: 2, clock });
    const sessions: Record<string, Session> = {};
    const community = await createTestCommunity(c, '投票完整性社区', sessions);
    ({ mine, communityId } = community);
    const modSocket = await community.join('moderator', '13900500000', '赵社工', 0);
    await community.setRole('moderator', 'moderator');
    modSocket.disconnect();
    moderator = await c.connect(sessions.moderator!, 1);
    for (let i = 0; i < 12; i++) {
      const session = await c.login(`139005001${String(i).padStart(2, '0')}`, `居民${i}`, i % 2);
      const a = await c.connect(session, 0);
      await must(a, 'community:joinByCode', { inviteCode: mine.inviteCode! });
      residents.push([a, await c.connect(session, 1)]);
      users.push(session);
    }
  });

  afterAll(async () => {
    await c?.stop();
  });

  it('100 simultaneous ballots by one voter across two nodes store one; every answer is that receipt or a clear refusal', async () => {
    for (const ballot of ['public', 'secret'] as const) {
      const poll = await create({ kind: 'yesno', title: `百次并发（${ballot}）`, ballot, allowChange: false });
      const [a, b] = residents[0]!;
      // Secret polls: most attempts carry one ballot secret, every tenth another (a second device); whichever binds the voter first wins.
      const s = secret();
      const secrets = Array.from({ length: 100 }, (_, i) => (i % 10 === 9 ? secret() : s));
      const answers: Ack<CastResult>[] = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          call(i % 2 ? a : b, 'poll:cast', { pollId: poll.id, choice: i % 4 < 2 ? 'yes' : 'no', ballotSecret: ballot === 'secret' ? secrets[i] : undefined }),
        ),
      );
      const oks = answers.flatMap((answer) => (answer.ok ? [answer.data] : []));
      const errors = answers.flatMap((answer) => (answer.ok ? [] : [answer.error]));
      expect(oks.length).toBeGreaterThan(0);
      expect(new Set(oks.map((ok) => ok.receipt)).size).toBe(1);
      expect(errors.every((error) => error.code === 'CONFLICT' || error.code === 'UNAVAILABLE'), JSON.stringify(errors.filter((e) => e.code !== 'CONFLICT'))).toBe(true);
      if (ballot === 'public') {
        expect(await c.models.PollBallot.countDocuments({ pollId: poll.id })).toBe(1);
      } else {
        expect(await c.models.PollVoter.countDocuments({ pollId: poll.id })).toBe(1);
        expect(await c.models.PollSlot.countDocuments({ pollId: poll.id, filled: true })).toBe(1);
        const receiptsOfSecrets = await Promise.all([...new Set(secrets)].map((one) => receiptOfSecret(poll.id, one)));
        expect(receiptsOfSecrets).toContain(oks[0]!.receipt);
      }
      // The one stored choice is the one every ok answered for.
      const view = await must(a, 'poll:get', { pollId: poll.id });
      expect(view.poll.turnout.ballots).toBe(1);
      expect(view.tally!.ballots).toBe(1);
    }
  });

  it('ballots racing the close are either in the stored result or refused (and not stored), never both', async () => {
    const totals = { counted: 0, refused: 0 };
    for (const [round, ballot] of (['public', 'secret', 'public', 'secret'] as const).entries()) {
      const closesAt = now + DAY;
      const poll = await create({ kind: 'single', title: `截止竞争 ${round}`, options: [{ label: '甲' }, { label: '乙' }], ballot, closesAt: new Date(closesAt).toISOString() });
      const secrets = residents.map(() => secret());
      // Ballots go out 8 ms apart; the deadline passes (and both nodes sweep) in the middle of them, once some are stored.
      const casting = residents.map(async ([a, b], i) => {
        await new Promise((resolve) => setTimeout(resolve, i * 8));
        return call(i % 2 ? a : b, 'poll:cast', { pollId: poll.id, choice: poll.options[i % 2]!.id, ballotSecret: ballot === 'secret' ? secrets[i] : undefined });
      });
      const storedNow = () => (ballot === 'public' ? c.models.PollBallot.countDocuments({ pollId: poll.id }) : c.models.PollSlot.countDocuments({ pollId: poll.id, filled: true }));
      const end = Date.now() + 2000;
      while ((await storedNow()) < 1 + (round % 2) && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 2));
      now = closesAt;
      const [answers] = await Promise.all([Promise.all(casting), sweepBoth(), sweepBoth()]);
      await eventually(async () => (await c.models.Poll.findOne({ _id: poll.id }).lean())?.state === 'closed', 5000, 'closed');
      const view = await must(moderator, 'poll:result', { pollId: poll.id });
      const listed = new Set(view.receipts.map((r) => r.receipt));
      let counted = 0;
      for (const answer of answers) {
        if (answer.ok) {
          expect(listed.has(answer.data.receipt)).toBe(true);
          counted++;
        } else {
          expect(answer.error.code).toBe('CONFLICT');
        }
      }
      totals.counted += counted;
      totals.refused += answers.length - counted;
      // Nothing refused stays stored: the stored ballots are exactly the counted ones.
      expect(view.result.ballots).toBe(counted);
      expect(listed.size).toBe(counted);
      const stored = ballot === 'public' ? await c.models.PollBallot.countDocuments({ pollId: poll.id }) : await c.models.PollSlot.countDocuments({ pollId: poll.id, filled: true });
      expect(stored).toBe(counted);
      // After the close nothing is accepted.
      expect(await call(residents[0]![0], 'poll:cast', { pollId: poll.id, choice: poll.options[0]!.id, ballotSecret: ballot === 'secret' ? secret() : undefined })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    }
    // Both sides of the race happened (otherwise the test proved nothing).
    expect(totals.counted).toBeGreaterThan(0);
    expect(totals.refused).toBeGreaterThan(0);
  });

  it('two nodes sweeping at once close a poll exactly once; a close left half done by a dead node is finished', async () => {
    const poll = await create({ kind: 'yesno', title: '只关一次', closesAt: new Date(now + DAY).toISOString() });
    await must(residents[1]![0], 'poll:cast', { pollId: poll.id, choice: 'yes' });
    await must(residents[2]![1], 'poll:cast', { pollId: poll.id, choice: 'no' });
    const closedEvents = collect(residents[3]![0], 'poll:closed');
    const notices = collect(residents[1]![1], 'notification:created');
    now += DAY;
    await Promise.all([sweepBoth(), sweepBoth(), sweepBoth()]);
    await eventually(() => closedEvents.some((e) => e.poll.id === poll.id) && notices.some((n) => n.subjectId === poll.id), 5000, 'the close announced');
    // Anything a second close would send has had time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(closedEvents.filter((e) => e.poll.id === poll.id)).toHaveLength(1);
    expect(notices.filter((n) => n.subjectId === poll.id)).toHaveLength(1);
    expect(await c.models.PollResult.countDocuments({ _id: poll.id })).toBe(1);
    const stored = await c.models.Poll.findOne({ _id: poll.id }).lean();
    expect(stored).toMatchObject({ state: 'closed', outcome: '未通过（赞成 50%）' });

    // A node died after claiming the close: the poll sits in 'closing' with no result.
    const orphan = await create({ kind: 'yesno', title: '半途而废', closesAt: new Date(now + DAY).toISOString() });
    await must(residents[4]![0], 'poll:cast', { pollId: orphan.id, choice: 'yes' });
    await c.models.Poll.updateOne({ _id: orphan.id }, { $set: { state: 'closing' } });
    expect(await call(residents[5]![0], 'poll:cast', { pollId: orphan.id, choice: 'yes' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await sweepBoth();
    expect(await c.models.Poll.findOne({ _id: orphan.id }).lean()).toMatchObject({ state: 'closed', outcome: '通过（赞成 100%）' });
  });

  it('sealed: no event, answer or export shows a count before close; turnout is live; the result after', async () => {
    const poll = await create({ kind: 'single', title: '密封投票', options: [{ label: '甲' }, { label: '乙' }], visibility: 'sealed' });
    const [watcher] = residents[6]!;
    const seen: unknown[] = [];
    watcher.onAny((event: string, payload: unknown) => {
      if (event.startsWith('poll:')) seen.push({ event, payload });
    });
    seen.push(await must(watcher, 'poll:watch', { pollId: poll.id }));
    for (let i = 7; i < 10; i++) seen.push(await must(residents[i]![i % 2]!, 'poll:cast', { pollId: poll.id, choice: poll.options[i % 2]!.id }));
    await eventually(() => seen.some((s) => (s as { event?: string; payload?: { turnout?: { ballots: number } } }).payload?.turnout?.ballots === 3), 3000, 'live turnout');
    seen.push(await must(watcher, 'poll:get', { pollId: poll.id }));
    seen.push(await must(moderator, 'poll:get', { pollId: poll.id }));
    seen.push(await must(watcher, 'poll:list', { communityId }));
    seen.push(await call(watcher, 'poll:result', { pollId: poll.id }));
    const exported = await fetch(`${c.nodes[1]!.url}/api/polls/${poll.id}/export`, { headers: { cookie: users[6]!.cookie } });
    expect(exported.status).toBe(403);
    seen.push(await exported.text());
    const text = JSON.stringify(seen);
    for (const leak of ['"counts"', '"winners"', '"ballots":[', '"rounds"', '"tally":{']) expect(text, leak).not.toContain(leak);
    expect(text).toContain('"turnout":{"ballots":3');
    const closedEvent = collect(watcher, 'poll:closed');
    await must(moderator, 'poll:close', { pollId: poll.id, reason: '结束' });
    await eventually(() => closedEvent.length === 1, 3000, 'the close');
    expect(closedEvent[0]!.result.counts).toEqual({ [poll.options[0]!.id]: 1, [poll.options[1]!.id]: 2 });
    watcher.offAny();
  });

  it('secret: the stored documents hold no voter-choice link; each voter finds their receipt after close', async () => {
    const poll = await create({ kind: 'ranked', title: '秘密投票', options: [{ label: 'A' }, { label: 'B' }, { label: 'C' }], ballot: 'secret' });
    const slotIdsBefore = ((await c.models.PollSlot.find({ pollId: poll.id }, { _id: 1 }).lean()) as { _id: string }[]).map((s) => s._id).sort();
    expect(slotIdsBefore.length).toBeGreaterThanOrEqual(64);
    const ids = poll.options.map((o) => o.id);
    const secrets = residents.slice(0, 8).map(() => secret());
    const receipts: string[] = [];
    for (let i = 0; i < 8; i++) {
      const cast = await must(residents[i]![i % 2]!, 'poll:cast', { pollId: poll.id, choice: [ids[i % 3]!, ids[(i + 1) % 3]!], ballotSecret: secrets[i] });
      receipts.push(cast.receipt);
      expect(cast.receipt).toBe(await receiptOfSecret(poll.id, secrets[i]!));
    }
    // A retry with the same secret: the same receipt, still one ballot; a change with it replaces the choice in place.
    expect(await must(residents[0]![1], 'poll:cast', { pollId: poll.id, choice: [ids[0]!, ids[1]!], ballotSecret: secrets[0] })).toMatchObject({ receipt: receipts[0], changed: false });
    expect(await must(residents[0]![1], 'poll:cast', { pollId: poll.id, choice: [ids[2]!], ballotSecret: secrets[0] })).toMatchObject({ receipt: receipts[0], changed: true });
    expect(await c.models.PollSlot.countDocuments({ pollId: poll.id, filled: true })).toBe(8);
    // Another secret from the same voter (another device) cannot cast a second ballot.
    expect(await call(residents[0]![0], 'poll:cast', { pollId: poll.id, choice: [ids[1]!], ballotSecret: secret() })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const voters = (await c.models.PollVoter.find({ pollId: poll.id }).lean()) as Record<string, unknown>[];
    const slots = (await c.models.PollSlot.find({ pollId: poll.id }).lean()) as Record<string, unknown>[];
    expect(voters).toHaveLength(8);
    // Voter rows: who took part, no choice, no time; their id derived (not an ObjectId of their creation time).
    for (const voter of voters) {
      expect(Object.keys(voter).sort()).toEqual(['_id', 'assistedById', 'commit', 'pollId', 'state', 'userId', 'voterKey']);
      const idTime = (voter._id as Types.ObjectId).getTimestamp().getTime();
      expect(Math.abs(idTime - Date.now())).toBeGreaterThan(DAY);
    }
    // Slots: no voter, no time; random string ids; every slot existed before the first ballot (storage order says nothing of vote order).
    for (const slot of slots) {
      expect(Object.keys(slot).sort()).toEqual(['_id', 'choice', 'filled', 'key', 'pollId', 'receipt', 'token']);
      expect(typeof slot._id).toBe('string');
    }
    expect(slots.map((s) => s._id as string).sort()).toEqual(slotIdsBefore);
    const filled = slots.filter((s) => s.filled);
    // No stored value links the two: a slot's key is not any hash of a voter row's fields, and a voter's commit is not the slot key.
    const voterValues = voters.flatMap((v) => [String(v.userId), String(v.voterKey), String(v.commit), `${poll.id}:${String(v.userId)}`, `${String(v.voterKey)}`]);
    const derivable = new Set(voterValues.flatMap((value) => [value, sha256(value), sha256(`ballot:${value}`), sha256(`linli-poll-ballot:${poll.id}:${value}`)]));
    for (const slot of filled) {
      for (const field of ['key', 'receipt', 'token', '_id'] as const) expect(derivable.has(String(slot[field]))).toBe(false);
    }
    // Nothing else of the poll's names a voter next to a choice: the audit log and the notifications hold no receipt or ballot key.
    const audits = JSON.stringify(await c.models.Audit.find({ targetId: poll.id }).lean());
    const notes = JSON.stringify(await c.models.Notification.find({ subjectId: poll.id }).lean());
    for (const slot of filled) {
      expect(audits).not.toContain(String(slot.key));
      expect(notes).not.toContain(String(slot.receipt));
    }

    await must(moderator, 'poll:close', { pollId: poll.id, reason: '结束' });
    const view = await must(residents[3]![0], 'poll:result', { pollId: poll.id });
    expect(view.receipts.map((r) => r.receipt).sort()).toEqual([...receipts].sort());
    expect(view.receipts.every((r) => Object.keys(r).join() === 'receipt')).toBe(true);
    // The published list is sorted, never in vote order.
    expect(view.receipts.map((r) => r.receipt)).toEqual([...view.receipts.map((r) => r.receipt)].sort());
    expect(view.result.ballots).toBe(8);
    const stored = (await c.models.PollResult.findOne({ _id: poll.id }).lean())!;
    expect(stored.ballots).toEqual([...stored.ballots].sort());
    expect(Object.keys(stored.receipts[0] as object)).toEqual(['receipt']);
  });
});
