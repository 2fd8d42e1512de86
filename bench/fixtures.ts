/**
 * Benchmark fixtures written straight through Linli's models: users, one
 * community per channel audience, active resident memberships, one open chat
 * channel per community, and a live session per user (the DB keeps
 * sha256(token), the client sends the token in the `linli.sid` cookie, exactly
 * like after a phone login). Fixtures only; every request the bench makes then
 * goes through the real handshake and handlers.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import type { Models } from '../server/src/models.js';

export interface ScenarioLayout {
  /** Database name inside the shared FerretDB data directory. */
  db: string;
  communities: number;
  membersPerCommunity: number;
}

export interface Fixture {
  db: string;
  channels: { channelId: string; communityId: string }[];
  /** users[i] belongs to channel users[i].channel. */
  users: { userId: string; token: string; channel: number }[];
}

export const LAYOUTS = {
  big: { db: 'bench_big', communities: 1, membersPerCommunity: 2000 },
  small: { db: 'bench_small', communities: 200, membersPerCommunity: 10 },
  memory: { db: 'bench_memory', communities: 100, membersPerCommunity: 100 },
} satisfies Record<string, ScenarioLayout>;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

async function insertInBatches(model: { insertMany(docs: object[], opts: object): Promise<unknown> }, docs: object[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 1000) await model.insertMany(docs.slice(i, i + 1000), { ordered: false, lean: true });
}

/** Seeds one scenario's database; phone numbers are unique across scenarios via phoneBase. */
export async function seedScenario(models: Models, layout: ScenarioLayout, phoneBase: number): Promise<Fixture> {
  const now = new Date();
  const expiresAt = new Date(now.getTime() + 30 * 86400_000);
  const users: object[] = [];
  const communities: object[] = [];
  const memberships: object[] = [];
  const channels: object[] = [];
  const sessions: object[] = [];
  const fixture: Fixture = { db: layout.db, channels: [], users: [] };

  for (let c = 0; c < layout.communities; c++) {
    const communityId = new Types.ObjectId();
    const channelId = new Types.ObjectId();
    let ownerId: Types.ObjectId | null = null;
    for (let m = 0; m < layout.membersPerCommunity; m++) {
      const n = c * layout.membersPerCommunity + m;
      const userId = new Types.ObjectId();
      ownerId ??= userId;
      const displayName = `居民${c}-${m}`;
      const token = randomBytes(32).toString('base64url');
      users.push({ _id: userId, phone: `+86139${String(phoneBase + n).padStart(8, '0')}`, displayName, isPlatformAdmin: false, bannedAt: null, createdAt: now, updatedAt: now });
      memberships.push({ communityId, userId, role: 'resident', status: 'active', household: null, displayName, joinedAt: now, banReason: '', mutedUntil: null, createdAt: now, updatedAt: now });
      sessions.push({ tokenHash: sha256(token), userId, createdAt: now, expiresAt, userAgent: 'linli-bench' });
      fixture.users.push({ userId: userId.toString(), token, channel: c });
    }
    communities.push({
      _id: communityId,
      name: `基准小区${c}`,
      street: '测试街道',
      district: '测试区',
      description: '',
      inviteCode: `B${String(phoneBase / 100_000 + c).padStart(7, '0')}`.slice(0, 8),
      memberCount: layout.membersPerCommunity,
      createdBy: ownerId!,
      createdAt: now,
      updatedAt: now,
    });
    channels.push({
      _id: channelId,
      communityId,
      name: '闲聊',
      kind: 'chat',
      topicPlan: '基准测试频道',
      ownerId: ownerId!,
      ownerName: `居民${c}-0`,
      visibility: { type: 'all' },
      archived: false,
      position: 0,
      createdAt: now,
      updatedAt: now,
    });
    fixture.channels.push({ channelId: channelId.toString(), communityId: communityId.toString() });
  }
  await insertInBatches(models.User, users);
  await insertInBatches(models.Community, communities);
  await insertInBatches(models.Membership, memberships);
  await insertInBatches(models.Channel, channels);
  await insertInBatches(models.Session, sessions);
  return fixture;
}
