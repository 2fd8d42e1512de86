import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';
import { op } from '../lib/db.js';
import type { Invalidation, InvalidationEntry, InvalidationStore } from './sync.js';

/**
 * The durable side of cache invalidation: one small document per change, kept
 * an hour. Every node reads the recent ones each second; FerretDB scans the
 * whole collection for that query, so it must stay small (it is pruned).
 */
const invalidationSchema = new Schema(
  {
    _id: { type: String, required: true },
    /** Node that made the change (it skips its own). */
    origin: { type: String, required: true },
    kind: { type: String, required: true },
    /** The record's ids, joined by ':' in the order of the kind's fields. */
    key: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
invalidationSchema.index({ at: 1 });

type InvalidationDoc = InferSchemaType<typeof invalidationSchema>;

const keyOf = (msg: Invalidation): string => {
  switch (msg.kind) {
    case 'session':
      return msg.sessionId;
    case 'membership':
      return `${msg.communityId}:${msg.userId}`;
    case 'channel':
      return msg.channelId;
    case 'staffing':
      return msg.communityId;
    default:
      return msg.userId;
  }
};

function parse(kind: string, key: string): Invalidation | null {
  switch (kind) {
    case 'session':
      return { kind, sessionId: key };
    case 'membership': {
      const [communityId, userId] = key.split(':');
      return communityId && userId ? { kind, communityId, userId } : null;
    }
    case 'channel':
      return { kind, channelId: key };
    case 'staffing':
      return { kind, communityId: key };
    case 'user':
    case 'userSessions':
    case 'userMemberships':
      return { kind, userId: key };
    default:
      return null;
  }
}

/** The invalidation log on the application's own database connection. */
export function invalidationStore(conn: Connection): InvalidationStore & { ensureIndexes(): Promise<void> } {
  const Invalidation = (conn.models.Invalidation ?? conn.model('Invalidation', invalidationSchema, 'invalidations')) as Model<InvalidationDoc>;
  return {
    async ensureIndexes() {
      await Invalidation.createIndexes();
    },
    async append(entry) {
      await Invalidation.create({ _id: entry.id, origin: entry.origin, kind: entry.msg.kind, key: keyOf(entry.msg), at: entry.at });
    },
    async since(after) {
      const docs = await Invalidation.find({ at: op({ $gt: after }) }).sort({ at: 1 }).lean<InvalidationDoc[]>();
      return docs.flatMap((doc): InvalidationEntry[] => {
        const msg = parse(doc.kind, doc.key);
        return msg ? [{ id: doc._id, origin: doc.origin, at: doc.at, msg }] : [];
      });
    },
    async prune(before) {
      await Invalidation.deleteMany({ at: op({ $lt: before }) });
    },
  };
}
