/**
 * Storing ballots: one per voter (or household) by unique indexes, never by a
 * read-then-write check, and no database transactions.
 *
 * Public polls: one row per (poll, voterKey) with a derived _id; a change replaces
 * the choice under a version check and keeps the replaced one in PollBallotChange.
 *
 * Secret polls (README "Secret ballots"): a voter row (poll, voterKey) holding only
 * commit = H(voter-tag, s), and anonymous slots (random ids, no time) of which a
 * ballot fills one at random with key = H(ballot-tag, s), unique per poll. Every
 * step can fail and be retried with the same s: the voter row binds the voter to s,
 * the key binds s to at most one slot.
 *
 * Each write answers an undo (used when it raced the close and was not counted).
 */
import { randomBytes, randomInt } from 'node:crypto';
import { ballotKey, formatReceipt, receiptOfSecret, voterCommit, type BallotChoice } from '@linli/shared';
import { AppError, conflict, isDuplicateKey } from '../lib/errors.js';
import { derivedId } from '../lib/db.js';
import type { Models } from '../models.js';
import type { PollBallotDoc, PollDoc, PollSlotDoc, PollVoterDoc } from './poll.model.js';
import { choiceKey } from './presenters.js';

/** Empty slots made at once: at least this many, or 1.5 x the eligible voters. */
const SLOT_BATCH = 64;
/** Fewer free slots than this: a new batch is made. */
const SLOT_LOW = 16;

export const randomToken = (): string => randomBytes(16).toString('hex');
/** A random slot id: 24 hex digits that are NOT an ObjectId's time + counter. */
const randomSlotId = (): string => randomBytes(12).toString('hex');
export const randomReceipt = (): string => formatReceipt(randomBytes(8));

export interface Voter {
  /** "u:<userId>" or "h:<household>". */
  key: string;
  userId: string;
  name: string;
}

export interface Helper {
  userId: string;
  name: string;
}

/** A stored ballot: its receipt, and how to take it back if it turns out to have raced the close. */
export interface Written {
  receipt: string;
  changed: boolean;
  /** The token the frozen result lists if it counted this write; null: nothing was written (same ballot again). */
  token: string | null;
  undo(): Promise<void>;
  /** After the write is known to count (public vote change: the replaced ballot goes to the history). */
  confirm(): Promise<void>;
}

const nothing = async () => {};
const same = (a: unknown, b: unknown) => choiceKey(a) === choiceKey(b);

export function createBallotStore(deps: { models: Models; clock: () => Date }) {
  const { models } = deps;

  // ----------------------------------------------------------------- public

  async function writePublic(poll: PollDoc, voter: Voter, choice: BallotChoice, helper: Helper | null): Promise<Written> {
    const _id = derivedId(poll._id.toString(), voter.key);
    for (let attempt = 0; attempt < 8; attempt++) {
      const token = randomToken();
      const receipt = randomReceipt();
      try {
        // Cast and validated by the schema, then one driver insert (as the message writer does):
        // a ballot is the hot path of a busy poll, and Model.create's save machinery costs
        // about as much node time as the database's insert (bench/polls.ts).
        const ballot = new models.PollBallot({
          _id,
          pollId: poll._id,
          voterKey: voter.key,
          voterId: voter.userId,
          voterName: voter.name,
          choice,
          receipt,
          token,
          assistedById: helper?.userId ?? null,
          assistedByName: helper?.name ?? null,
          castAt: deps.clock(),
          version: 0,
        });
        const invalid = ballot.validateSync();
        if (invalid) throw invalid;
        await models.PollBallot.collection.insertOne(ballot.toObject({ depopulate: true }) as never);
        return { receipt, changed: false, token, undo: async () => void (await models.PollBallot.deleteOne({ _id, token })), confirm: nothing };
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      const existing = (await models.PollBallot.findOne({ _id }).lean()) as PollBallotDoc | null;
      if (!existing) continue; // taken back by a write that raced the close: try again
      if (existing.voterId.toString() !== voter.userId) {
        throw conflict(voter.key.startsWith('h:') ? `Your household has already voted (${existing.voterName})` : 'This member has already voted');
      }
      if (same(existing.choice, choice)) return { receipt: existing.receipt, changed: false, token: null, undo: nothing, confirm: nothing };
      if (helper) throw conflict('This member has already voted: only they may change their ballot');
      if (!poll.allowChange) throw conflict('You have already voted, and this poll does not allow changing a ballot');
      const replaced = (await models.PollBallot.findOneAndUpdate(
        { _id, version: existing.version, token: existing.token },
        { $set: { choice, token, castAt: deps.clock(), version: existing.version + 1, assistedById: null, assistedByName: null } },
        { new: false },
      ).lean()) as PollBallotDoc | null;
      if (!replaced) continue; // a concurrent change won: look again
      return {
        receipt: existing.receipt,
        changed: true,
        token,
        undo: async () =>
          void (await models.PollBallot.updateOne(
            { _id, token },
            { $set: { choice: replaced.choice, token: replaced.token, castAt: replaced.castAt, version: replaced.version + 2, assistedById: replaced.assistedById, assistedByName: replaced.assistedByName } },
          )),
        confirm: async () => {
          try {
            await models.PollBallotChange.create({
              pollId: poll._id,
              ballotId: _id,
              version: replaced.version,
              voterName: replaced.voterName,
              receipt: replaced.receipt,
              choice: replaced.choice,
              castAt: replaced.castAt,
              replacedAt: deps.clock(),
            });
          } catch (err) {
            if (!isDuplicateKey(err)) throw err;
          }
        },
      };
    }
    throw new AppError('UNAVAILABLE', 'Too many ballots at once: send it again');
  }

  // ----------------------------------------------------------------- secret

  /** Makes a shuffled batch of empty slots: random ids, random placeholder keys, no time. */
  async function addSlots(pollId: PollDoc['_id'], count: number): Promise<void> {
    const docs = Array.from({ length: count }, () => ({ _id: randomSlotId(), pollId, filled: false, key: `free:${randomToken()}`, choice: null, receipt: null, token: randomToken() }));
    // Random ids already; shuffled again so even the insert order says nothing.
    for (let i = docs.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [docs[i], docs[j]] = [docs[j]!, docs[i]!];
    }
    await models.PollSlot.insertMany(docs, { ordered: false });
  }

  async function freeSlotIds(pollId: PollDoc['_id']): Promise<string[]> {
    return ((await models.PollSlot.find({ pollId, filled: false }, { _id: 1 }).lean()) as { _id: string }[]).map((s) => s._id);
  }

  /** Slots for a new secret poll: enough for every eligible voter, so later batches (which reveal a rough time) are rarely needed. */
  async function prepareSlots(pollId: PollDoc['_id'], eligible: number): Promise<void> {
    await addSlots(pollId, Math.max(SLOT_BATCH, Math.ceil(eligible * 1.5)));
  }

  async function writeSecret(poll: PollDoc, voter: Voter, secret: string, choice: BallotChoice, helper: Helper | null): Promise<Written> {
    const pollId = poll._id.toString();
    const [commit, key, receipt] = await Promise.all([voterCommit(pollId, secret), ballotKey(pollId, secret), receiptOfSecret(pollId, secret)]);
    const voterId = derivedId(pollId, voter.key);

    // 1. The voter row: binds this voter (or household) to s, once.
    let createdVoter = false;
    try {
      await models.PollVoter.create({ _id: voterId, pollId: poll._id, voterKey: voter.key, userId: voter.userId, commit, state: 'pending', assistedById: helper?.userId ?? null });
      createdVoter = true;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const existing = (await models.PollVoter.findOne({ _id: voterId }).lean()) as PollVoterDoc | null;
      if (existing && existing.commit !== commit) {
        if (existing.userId.toString() !== voter.userId) throw conflict('Your household has already voted');
        if (helper) throw conflict('This member has already voted');
        throw conflict('You already voted with another ballot secret (another device, or cleared browser data): that ballot stands and cannot be changed from here');
      }
      if (!existing) throw new AppError('UNAVAILABLE', 'Your ballot is being stored: send it again');
    }
    const voterUndo = async () => {
      // Only a voter row this call made, and only while no slot holds its key.
      if (createdVoter && !(await models.PollSlot.exists({ pollId: poll._id, key }))) await models.PollVoter.deleteOne({ _id: voterId, commit });
    };

    // 2. The slot: the one holding H(s) (a retry or a change), else a random free one.
    for (let attempt = 0; attempt < 20; attempt++) {
      const mine = (await models.PollSlot.findOne({ pollId: poll._id, key }).lean()) as PollSlotDoc | null;
      if (mine) {
        if (same(mine.choice, choice)) return { receipt, changed: false, token: null, undo: nothing, confirm: nothing };
        if (helper) throw conflict('This member has already voted');
        if (!poll.allowChange) throw conflict('You have already voted, and this poll does not allow changing a ballot');
        const token = randomToken();
        const changed = await models.PollSlot.updateOne({ _id: mine._id, key, token: mine.token }, { $set: { choice, token } });
        if (changed.modifiedCount !== 1) continue;
        return {
          receipt,
          changed: true,
          token,
          undo: async () => void (await models.PollSlot.updateOne({ _id: mine._id, key, token }, { $set: { choice: mine.choice, token: mine.token } })),
          confirm: nothing,
        };
      }
      let free = await freeSlotIds(poll._id);
      if (free.length < SLOT_LOW) {
        await addSlots(poll._id, SLOT_BATCH);
        free = await freeSlotIds(poll._id);
      }
      const pick = free[randomInt(free.length)];
      if (pick === undefined) continue;
      const token = randomToken();
      try {
        const filled = await models.PollSlot.updateOne({ _id: pick, filled: false }, { $set: { filled: true, key, choice, receipt, token } });
        if (filled.modifiedCount !== 1) continue; // someone else filled it first: another one
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        continue; // the same s filled another slot at the same moment: read it above
      }
      return {
        receipt,
        changed: false,
        token,
        undo: async () => {
          await models.PollSlot.updateOne({ _id: pick, token }, { $set: { filled: false, key: `free:${randomToken()}`, choice: null, receipt: null, token: randomToken() } });
          await voterUndo();
        },
        confirm: nothing,
      };
    }
    throw new AppError('UNAVAILABLE', 'Too many ballots at once: send it again');
  }

  /** Marks a secret voter's ballot as confirmed (poll:get says "cast"). */
  async function markCast(poll: PollDoc, voterKey: string, secret: string): Promise<void> {
    const commit = await voterCommit(poll._id.toString(), secret);
    await models.PollVoter.updateOne({ _id: derivedId(poll._id.toString(), voterKey), commit }, { $set: { state: 'cast' } });
  }

  return { writePublic, writeSecret, prepareSlots, markCast };
}

export type BallotStore = ReturnType<typeof createBallotStore>;
