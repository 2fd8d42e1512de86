/**
 * Polls (网络票选): staff create and edit them (audited; settings frozen by the first
 * ballot), members cast one ballot each or one per household (ballots.ts), staff
 * cast for a verified member (assisted voting), the close happens once (closing.ts,
 * driven by the sweeper), tallies go live to watchers (throttled, never while sealed).
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  POLL_LIMITS,
  countPoll,
  eligibleFor,
  type BallotChange,
  type BallotChoice,
  type CastResult,
  type CountedReceipt,
  type EventPayload,
  type FieldIssue,
  type MyBallot,
  type Poll,
  type PollCountFile,
  type PollKind,
  type PollLive,
  type PollResult,
  type PollResultView,
  type PollView,
} from '@linli/shared';
import { AppError, conflict, isDuplicateKey, notFound } from '../lib/errors.js';
import { derivedId, op } from '../lib/db.js';
import type { Logger } from '../lib/logger.js';
import type { Caller } from '../context/caller.js';
import { authorize, loadAccess, requireAccess, type Access, type AccessDeps } from '../context/access.js';
import type { LinliServer, Notifier } from '../realtime/notifier.js';
import { rooms } from '../realtime/rooms.js';
import type { NotificationService } from '../notifications/notification.service.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Clock } from '../issues/issue-store.js';
import type { DeliberationRef } from '../deliberation/deliberation.service.js';
import type { MembershipDoc } from '../members/member.model.js';
import type { PollBallotChangeDoc, PollBallotDoc, PollDoc, PollLiveChoicesDoc, PollOptionRow, PollResultDoc, PollSlotDoc, PollVoterDoc } from './poll.model.js';
import { createBallotStore, type Helper, type Voter, type Written } from './ballots.js';
import { choiceKey, definitionOf, eligibleAmong, householdKey, labelsOf, outcomeOf, presentPoll, sortedChoices, tallyOf } from './presenters.js';
import type { HookPublisher } from '../hooks/hook.service.js';
import { pollClosedEvent } from '../hooks/events.js';

/** What the decision capability reads of a poll (interfaces.md). */
export interface PollRef {
  id: string;
  communityId: string;
  title: string;
  kind: PollKind;
  state: string;
  deliberationId: string | null;
  issueIds: string[];
  closedAt: Date | null;
  result: PollResult | null;
  outcome: string;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Live tallies: at most one push per poll per node in this window (5 a second; see scheduleTally). */
const TALLY_EVERY_MS = 200;
/** How long one computation of a poll's live numbers serves everyone who asks (see sharedLive). */
const SHARED_LIVE_MS = 100;
/** How often a public poll's live choices are merged with the stored ballots (see publicChoices). */
const LIVE_MERGE_MS = 60_000;
/** A ballot racing the close waits at most this long for the frozen result before finishing the close itself. */
const CLOSE_WAIT_MS = 3000;

export const pollRoom = (pollId: string) => `p:${pollId}`;

/** A counted receipt as the frozen result stores it (choice as canonical JSON: no arrays in arrays). */
interface StoredReceipt {
  receipt: string;
  choice?: string;
  voterName?: string;
  assisted?: boolean;
}

const invalid = (issues: FieldIssue[]) => new AppError('VALIDATION_FAILED', 'Invalid input', { issues });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every setting of a poll as checked and stored. */
interface Settings {
  kind: PollKind;
  title: string;
  description: string;
  options: PollOptionRow[];
  nextOption: number;
  min: number | null;
  max: number | null;
  budget: number | null;
  threshold: 'majority' | 'two-thirds' | null;
  quorum: number | null;
  eligibility: PollDoc['eligibility'];
  visibility: PollDoc['visibility'];
  ballot: PollDoc['ballot'];
  allowChange: boolean;
  opensAt: Date;
  closesAt: Date;
  deliberationId: string | null;
  minDeliberationHours: number;
  issueIds: string[];
}

export interface PollServiceDeps extends AccessDeps {
  notify: Notifier;
  io: LinliServer;
  notifications: NotificationService;
  audit: AuditService;
  clock: Clock;
  log: Logger;
  /** The deliberation service's lookup (interfaces.md): the minimum deliberation period. */
  deliberations: { lookup(communityId: string, deliberationId: string): Promise<DeliberationRef | null> };
  /** Group robots (server/src/hooks): a poll's result is forwarded when it closes, never awaited. */
  hooks?: HookPublisher;
}

export function createPollService(deps: PollServiceDeps) {
  const { models, notify, audit } = deps;
  const ballots = createBallotStore({ models, clock: deps.clock });
  /** Channels outside the app told when a poll opens (SMS notices to who may vote); not awaited, never throw. */
  const openedListeners: ((poll: Poll) => unknown)[] = [];
  const announceOpened = (poll: Poll) => {
    for (const listener of openedListeners) {
      void Promise.resolve()
        .then(() => listener(poll))
        .catch((err: unknown) => deps.log.warn({ err, pollId: poll.id }, 'poll opened listener failed'));
    }
  };

  // ------------------------------------------------------------------ reads

  async function find(pollId: string): Promise<PollDoc | null> {
    return (await models.Poll.findOne({ _id: pollId }).lean()) as PollDoc | null;
  }

  /** The poll and the caller's access to its community (NOT_FOUND for outsiders, like a missing id). */
  async function load(caller: Caller, pollId: string): Promise<{ doc: PollDoc; access: Access }> {
    const doc = await find(pollId);
    if (!doc) throw notFound('Poll');
    const access = await loadAccess(deps, caller, doc.communityId.toString());
    authorize(access, 'poll.view');
    return { doc, access };
  }

  const isSecret = (doc: PollDoc) => doc.ballot === 'secret';

  /** Ballots cast now: rows (public) or filled slots (secret). */
  async function countBallots(doc: PollDoc): Promise<number> {
    return isSecret(doc) ? models.PollSlot.countDocuments({ pollId: doc._id, filled: true }) : models.PollBallot.countDocuments({ pollId: doc._id });
  }

  /** Eligible voters now (the membership cache) or, once closed, as frozen at close. */
  function eligibleNow(doc: PollDoc): number {
    if (doc.state === 'closed' && doc.eligibleAtClose != null) return doc.eligibleAtClose;
    return eligibleAmong(deps.memberships.ofCommunity(doc.communityId.toString()), doc.eligibility);
  }

  async function eligibleFromDb(doc: PollDoc): Promise<number> {
    const rows = (await models.Membership.find({ communityId: doc.communityId, status: 'active' }).lean()) as MembershipDoc[];
    return eligibleAmong(rows, doc.eligibility);
  }

  const present = (doc: PollDoc, ballotsCast = doc.ballotCount ?? 0): Poll => presentPoll(doc, { ballots: ballotsCast, eligible: eligibleNow(doc) });
  const presentFresh = async (doc: PollDoc): Promise<Poll> => present(doc, await countBallots(doc));

  /** The current choices (secret: the filled slots, in no meaningful order). */
  async function currentChoices(doc: PollDoc): Promise<BallotChoice[]> {
    if (isSecret(doc)) return ((await models.PollSlot.find({ pollId: doc._id, filled: true }, { choice: 1 }).lean()) as PollSlotDoc[]).map((s) => s.choice as BallotChoice);
    return ((await models.PollBallot.find({ pollId: doc._id }, { choice: 1 }).lean()) as PollBallotDoc[]).map((b) => b.choice as BallotChoice);
  }

  async function storedResult(doc: PollDoc): Promise<PollResultDoc | null> {
    return (await models.PollResult.findOne({ _id: doc._id }).lean()) as PollResultDoc | null;
  }

  /** A voter's key in the live choices document (a field name: hex only). */
  const liveKey = (voterKey: string) => createHash('sha256').update(voterKey).digest('hex').slice(0, 24);

  /** This ballot now stands: the live tally's document holds it (public polls). */
  async function holdLive(doc: PollDoc, voterKey: string, choice: BallotChoice): Promise<void> {
    await models.PollLiveChoices.updateOne({ _id: doc._id }, { $set: { [`c.${liveKey(voterKey)}`]: choice } }, { upsert: true });
  }

  /**
   * A public poll's current choices for the live tally: one document read by _id. At
   * first use and every LIVE_MERGE_MS the stored ballots are merged in (one full read),
   * so a ballot whose live write was lost (the node died in between) shows again.
   */
  async function publicChoices(doc: PollDoc): Promise<BallotChoice[]> {
    const held = (await models.PollLiveChoices.findOne({ _id: doc._id }).lean()) as PollLiveChoicesDoc | null;
    const heldChoices = (held?.c ?? {}) as Record<string, BallotChoice>;
    if (held?.mergedAt && Date.now() - held.mergedAt.getTime() < LIVE_MERGE_MS) return Object.values(heldChoices);
    const rows = (await models.PollBallot.find({ pollId: doc._id }, { voterKey: 1, choice: 1 }).lean()) as PollBallotDoc[];
    const stored = Object.fromEntries(rows.map((row) => [liveKey(row.voterKey), row.choice as BallotChoice]));
    const set = Object.fromEntries(Object.entries(stored).map(([key, choice]) => [`c.${key}`, choice]));
    await models.PollLiveChoices.updateOne({ _id: doc._id }, { $set: { ...set, mergedAt: new Date() } }, { upsert: true });
    return Object.values({ ...heldChoices, ...stored });
  }

  /** Live numbers: turnout always; counts only when results are live (or the poll closed). */
  async function liveOf(doc: PollDoc): Promise<PollLive> {
    const base = { pollId: doc._id.toString(), communityId: doc.communityId.toString(), state: doc.state };
    if (doc.state === 'closed') {
      const stored = await storedResult(doc);
      return { ...base, turnout: { ballots: stored?.result ? (stored.result as PollResult).ballots : 0, eligible: stored?.eligible ?? 0 }, tally: (stored?.result as PollResult | undefined) ?? null };
    }
    const eligible = eligibleNow(doc);
    if (doc.visibility === 'sealed' || doc.state === 'closing') return { ...base, turnout: { ballots: await countBallots(doc), eligible }, tally: null };
    const choices = isSecret(doc) ? await currentChoices(doc) : await publicChoices(doc);
    return { ...base, turnout: { ballots: choices.length, eligible }, tally: tallyOf(doc, eligible, choices) };
  }

  // ------------------------------------------------------------- live tally

  /**
   * The live numbers shared by everyone asking at about the same time (a thousand
   * watchers opening the page, the throttled push): on the embedded database every count
   * reads the whole ballots collection, so one computation serves all askers until this
   * node stores another ballot of the poll or SHARED_LIVE_MS pass.
   */
  const sharedLives = new Map<string, { at: number; writes: number; live: Promise<PollLive> }>();
  const writesOf = new Map<string, number>();
  function sharedLive(doc: PollDoc): Promise<PollLive> {
    const pollId = doc._id.toString();
    const writes = writesOf.get(pollId) ?? 0;
    const held = sharedLives.get(pollId);
    if (held && held.writes === writes && Date.now() - held.at < SHARED_LIVE_MS) return held.live;
    const live = liveOf(doc);
    sharedLives.set(pollId, { at: Date.now(), writes, live });
    live.catch(() => sharedLives.delete(pollId));
    if (sharedLives.size > 1000) for (const [id, entry] of sharedLives) if (Date.now() - entry.at > SHARED_LIVE_MS) sharedLives.delete(id);
    return live;
  }
  /** A ballot of the poll was stored here: live numbers computed before it are stale. */
  function wrote(pollId: string): void {
    writesOf.set(pollId, (writesOf.get(pollId) ?? 0) + 1);
    if (writesOf.size > 1000) writesOf.clear();
  }

  const scheduled = new Map<string, ReturnType<typeof setTimeout>>();
  /** When this node last pushed each poll's numbers. */
  const lastPush = new Map<string, number>();
  /**
   * Pushes the poll's live numbers to its watchers, at most once per TALLY_EVERY_MS per poll
   * on this node: at once when the last push is that old (a quiet poll shows a ballot
   * without waiting), else at the end of the interval (one push carries every ballot of it).
   */
  function scheduleTally(pollId: string): void {
    if (scheduled.has(pollId)) return;
    const wait = Math.max(0, (lastPush.get(pollId) ?? 0) + TALLY_EVERY_MS - Date.now());
    const timer = setTimeout(() => {
      lastPush.set(pollId, Date.now());
      scheduled.delete(pollId);
      void (async () => {
        const doc = await find(pollId);
        if (!doc) return;
        const live = await sharedLive(doc);
        deps.io.to(pollRoom(pollId)).emit('poll:tally', live);
        if (doc.state !== 'closed') await models.Poll.updateOne({ _id: doc._id }, { $set: { ballotCount: live.turnout.ballots } }, { timestamps: false });
      })().catch((err: unknown) => deps.log.warn({ err, pollId }, 'poll tally push failed'));
    }, wait);
    timer.unref?.();
    scheduled.set(pollId, timer);
    // Forget quiet polls (the map would otherwise keep every poll ever pushed).
    if (lastPush.size > 1000) for (const [id, at] of lastPush) if (Date.now() - at > TALLY_EVERY_MS) lastPush.delete(id);
  }

  // ---------------------------------------------------------------- closing

  /** Claims the close (open or scheduled -> closing): exactly one caller wins. */
  async function claimClose(doc: PollDoc, early: { caller: Caller; reason: string } | null): Promise<boolean> {
    const set: Record<string, unknown> = { state: 'closing' };
    if (early) Object.assign(set, { closedEarlyById: early.caller.userId, closedEarlyByName: early.caller.displayName, closeReason: early.reason });
    const claimed = await models.Poll.updateOne({ _id: doc._id, state: op({ $in: ['scheduled', 'open'] }) }, { $set: set, $inc: { version: 1 } }, { timestamps: false });
    return claimed.modifiedCount === 1;
  }

  /**
   * Counts a closing poll and freezes its result: the result row is inserted once
   * (_id = the poll's), so several finishers (two nodes, a ballot racing the close,
   * recovery after a node died mid-close) store one; the closing -> closed update
   * is won once, and only its winner announces.
   */
  async function finish(pollId: string): Promise<PollDoc | null> {
    const doc = await find(pollId);
    if (!doc || doc.state !== 'closing') return null;
    const now = deps.clock();
    const eligible = await eligibleFromDb(doc);
    let counted: string[];
    let receipts: StoredReceipt[];
    let choices: BallotChoice[];
    if (isSecret(doc)) {
      const slots = (await models.PollSlot.find({ pollId: doc._id, filled: true }).lean()) as PollSlotDoc[];
      counted = slots.map((s) => s.token).sort();
      receipts = slots.map((s) => ({ receipt: s.receipt ?? '' })).sort((a, b) => (a.receipt < b.receipt ? -1 : 1));
      choices = slots.map((s) => s.choice as BallotChoice);
    } else {
      const rows = (await models.PollBallot.find({ pollId: doc._id }).lean()) as PollBallotDoc[];
      counted = rows.map((b) => b.token).sort();
      receipts = rows
        .map((b) => ({ receipt: b.receipt, choice: choiceKey(b.choice), voterName: b.voterName, assisted: b.assistedById != null }))
        .sort((a, b) => (a.receipt < b.receipt ? -1 : 1));
      choices = rows.map((b) => b.choice as BallotChoice);
    }
    const sorted = sortedChoices(choices);
    const result = tallyOf(doc, eligible, sorted);
    try {
      await models.PollResult.create({ _id: doc._id, result, eligible: Math.max(eligible, sorted.length), counted, receipts, ballots: sorted.map(choiceKey), closedAt: now });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    const stored = await storedResult(doc);
    if (!stored) return null;
    const frozen = stored.result as PollResult;
    const closed = (await models.Poll.findOneAndUpdate(
      { _id: doc._id, state: 'closing' },
      { $set: { state: 'closed', closedAt: stored.closedAt, outcome: outcomeOf(doc, frozen), eligibleAtClose: stored.eligible, ballotCount: frozen.ballots }, $inc: { version: 1 } },
      { new: true, timestamps: false },
    ).lean()) as PollDoc | null;
    if (closed) await announceClosed(closed, frozen);
    return closed;
  }

  async function announceClosed(doc: PollDoc, result: PollResult): Promise<void> {
    const poll = present(doc, result.ballots);
    notify.toCommunity(poll.communityId, 'poll:saved', poll);
    notify.toCommunity(poll.communityId, 'poll:closed', { poll, result });
    deps.hooks?.publish(poll.communityId, pollClosedEvent({ ...poll, outcome: doc.outcome ?? null }));
    scheduleTally(poll.id);
    for (const userId of await participants(doc)) {
      if (!(await deps.memberships.get(poll.communityId, userId))) continue;
      await deps.notifications
        .create({ userId, communityId: poll.communityId, kind: 'poll', subjectId: poll.id, actorName: '系统', excerpt: `#${doc.number} ${doc.title} · 已结束：${doc.outcome ?? ''}` })
        .catch((err: unknown) => deps.log.warn({ err, pollId: poll.id }, 'poll close notification failed'));
    }
  }

  /** Users who cast (or were helped to cast) a ballot; never choices. */
  async function participants(doc: PollDoc): Promise<string[]> {
    const rows = isSecret(doc)
      ? ((await models.PollVoter.find({ pollId: doc._id }, { userId: 1 }).lean()) as PollVoterDoc[]).map((v) => v.userId.toString())
      : ((await models.PollBallot.find({ pollId: doc._id }, { voterId: 1 }).lean()) as PollBallotDoc[]).map((b) => b.voterId.toString());
    return [...new Set(rows)].sort();
  }

  /**
   * One sweep: opens scheduled polls whose time came, closes polls past closesAt
   * (a claim only one node wins), and finishes any close left half done.
   */
  async function sweep(): Promise<{ opened: number; closed: number }> {
    const now = deps.clock();
    const docs = (await models.Poll.find({ state: op({ $in: ['scheduled', 'open', 'closing'] }) }).lean()) as PollDoc[];
    let opened = 0;
    let closed = 0;
    for (const doc of docs) {
      if (doc.state !== 'closing' && doc.closesAt <= now) {
        await claimClose(doc, null);
      } else if (doc.state === 'scheduled' && doc.opensAt <= now) {
        const won = (await models.Poll.findOneAndUpdate({ _id: doc._id, state: 'scheduled' }, { $set: { state: 'open' }, $inc: { version: 1 } }, { new: true, timestamps: false }).lean()) as PollDoc | null;
        if (won) {
          opened++;
          const poll = await presentFresh(won);
          notify.toCommunity(won.communityId.toString(), 'poll:saved', poll);
          announceOpened(poll);
        }
        continue;
      } else if (doc.state !== 'closing') continue;
      if (await finish(doc._id.toString())) closed++;
    }
    return { opened, closed };
  }

  // ------------------------------------------------------------- settings

  async function nextNumber(communityId: string): Promise<number> {
    const counter = await models.PollCounter.findOneAndUpdate({ _id: communityId }, { $inc: { seq: 1 } }, { upsert: true, new: true }).lean();
    return counter!.seq;
  }

  type OptionInput = { id?: string | undefined; label: string; cost?: number | undefined };

  /** Options with ids: an existing id kept, a new option "o<n>". */
  function withIds(input: readonly OptionInput[], current: PollDoc['options'], next: number): { options: PollDoc['options']; nextOption: number } {
    const known = new Set(current.map((o) => o.id));
    let n = next;
    const options = input.map((o) => ({ id: o.id && known.has(o.id) ? o.id : `o${n++}`, label: o.label, cost: o.cost ?? null }));
    return { options, nextOption: n };
  }

  /** Checks a complete set of settings; normalises what does not apply to the kind. */
  async function checkSettings(communityId: string, s: Settings, now: Date, opening: boolean): Promise<Settings> {
    const issues: FieldIssue[] = [];
    const out: Settings = { ...s };
    if (s.kind === 'yesno') {
      if (s.options.length > 0) issues.push({ path: 'options', message: 'a yes/no poll has no options (its choices are yes, no, abstain)' });
      out.threshold = s.threshold ?? 'majority';
    } else {
      out.threshold = null;
      if (s.options.length < POLL_LIMITS.options.min) issues.push({ path: 'options', message: `needs at least ${POLL_LIMITS.options.min} options` });
      const labels = s.options.map((o) => o.label.trim().toLowerCase());
      if (new Set(labels).size !== labels.length) issues.push({ path: 'options', message: 'two options have the same label' });
    }
    if (s.kind === 'budget') {
      if (s.budget == null) issues.push({ path: 'budget', message: 'a budget poll needs its budget' });
      if (s.options.some((o) => o.cost == null)) issues.push({ path: 'options', message: 'every option of a budget poll needs its cost' });
    } else {
      out.budget = null;
      out.options = s.options.map((o) => ({ ...o, cost: null }));
    }
    if (s.kind === 'multiple') {
      const min = s.min ?? 1;
      const max = s.max ?? s.options.length;
      if (max > s.options.length) issues.push({ path: 'max', message: `max (${max}) is more than the ${s.options.length} options` });
      if (min > max) issues.push({ path: 'min', message: `min (${min}) is more than max (${max})` });
    } else {
      out.min = null;
      out.max = null;
    }
    if (s.closesAt <= s.opensAt) issues.push({ path: 'closesAt', message: 'must be after opensAt' });
    if (s.closesAt <= now) issues.push({ path: 'closesAt', message: 'must be in the future' });
    if (s.closesAt.getTime() - s.opensAt.getTime() > POLL_LIMITS.maxOpenDays * DAY) issues.push({ path: 'closesAt', message: `a poll stays open at most ${POLL_LIMITS.maxOpenDays} days` });
    if (s.deliberationId) {
      const ref = await deps.deliberations.lookup(communityId, s.deliberationId.toString());
      if (!ref) issues.push({ path: 'deliberationId', message: 'must be a deliberation of this community' });
      else if ((ref.state !== 'open' && ref.state !== 'closed') || !ref.openedAt) issues.push({ path: 'deliberationId', message: 'the deliberation has not opened yet' });
      else if (opening) {
        const earliest = new Date(ref.openedAt.getTime() + (s.minDeliberationHours ?? 0) * HOUR);
        if (s.opensAt < earliest) {
          issues.push({ path: 'opensAt', message: `the deliberation must run ${s.minDeliberationHours} hours first: the poll may open at ${earliest.toISOString()} at the earliest` });
        }
      }
    } else {
      out.minDeliberationHours = 0;
    }
    const issueIds = [...new Set(s.issueIds.map(String))];
    if (issueIds.length > 0) {
      const found = await models.Issue.countDocuments({ _id: op({ $in: issueIds }), communityId });
      if (found !== issueIds.length) issues.push({ path: 'issueIds', message: 'must be problem reports of this community' });
    }
    if (issues.length > 0) throw invalid(issues);
    return out;
  }

  function pushSaved(doc: PollDoc, ballotsCast?: number): Poll {
    const poll = present(doc, ballotsCast);
    notify.toCommunity(poll.communityId, 'poll:saved', poll);
    return poll;
  }

  // --------------------------------------------------------------- voting

  /** The caller's voter identity in this poll, or why they have none. */
  function voterOf(doc: PollDoc, membership: MembershipDoc | null, userId: string, name: string): { voter: Voter } | { blocked: MyBallot['blocked'] } {
    if (!membership) return { blocked: 'notMember' };
    const verified = membership.household?.status === 'verified';
    if (doc.eligibility === 'members') return { voter: { key: `u:${userId}`, userId, name } };
    if (!verified) return { blocked: doc.eligibility === 'household' && !membership.household ? 'noHousehold' : 'notVerified' };
    if (doc.eligibility === 'verified') return { voter: { key: `u:${userId}`, userId, name } };
    return { voter: { key: `h:${householdKey(membership.household!)}`, userId, name } };
  }

  const acceptsBallots = (doc: PollDoc, now: Date) => (doc.state === 'open' || doc.state === 'scheduled') && doc.opensAt <= now && now < doc.closesAt;

  /** Checks a ballot against the poll's rules with the counting code itself (no eligible: nothing about quorum). */
  function checkChoice(doc: PollDoc, choice: BallotChoice): void {
    const counted = countPoll(definitionOf(doc, 0, [choice]));
    if (counted.invalid > 0) {
      const reason = Object.keys(counted.invalidReasons)[0] ?? 'invalid';
      throw invalid([{ path: 'choice', message: `this ballot would not count: ${reason}` }]);
    }
  }

  /**
   * The deadline race: a ballot written while the poll was open counts when the close
   * read it. If the poll is closing or closed by now, the frozen result decides: the
   * write's token is in it (counted, answer ok) or the write is undone and refused.
   */
  async function settleAgainstClose(pollId: string, written: Written): Promise<void> {
    if (!written.token) return;
    let doc = await find(pollId);
    if (!doc || doc.state === 'open' || doc.state === 'scheduled') return;
    let stored = await models.PollResult.findOne({ _id: pollId }).lean();
    const until = Date.now() + CLOSE_WAIT_MS;
    while (!stored && Date.now() < until) {
      await sleep(50);
      stored = await models.PollResult.findOne({ _id: pollId }).lean();
    }
    if (!stored) {
      // The closing node is gone or slow: finish the close here (idempotent).
      await finish(pollId);
      stored = await models.PollResult.findOne({ _id: pollId }).lean();
    }
    doc = await find(pollId);
    if (stored && (stored.counted ?? []).includes(written.token)) return;
    await written.undo();
    throw conflict(written.changed ? 'The poll closed before your change was stored: your earlier ballot is the one counted' : 'The poll closed before your ballot was stored: it was not counted');
  }

  async function castAs(doc: PollDoc, voter: Voter, choice: BallotChoice, secret: string | undefined, helper: Helper | null): Promise<CastResult> {
    const now = deps.clock();
    if (!acceptsBallots(doc, now)) throw conflict(doc.state === 'closed' || doc.state === 'closing' || doc.closesAt <= now ? 'The poll is closed' : 'The poll is not open yet');
    if (isSecret(doc) && !secret) throw invalid([{ path: 'ballotSecret', message: 'a secret poll needs the ballot secret' }]);
    checkChoice(doc, choice);
    // The first ballot freezes the settings: an edit racing it loses (its filter asks frozen: false).
    if (!doc.frozen) {
      const froze = await models.Poll.updateOne({ _id: doc._id, frozen: false }, { $set: { frozen: true } }, { timestamps: false });
      const fresh = await find(doc._id.toString());
      if (!fresh) throw notFound('Poll');
      if (fresh.version !== doc.version) checkChoice(fresh, choice);
      doc = fresh;
      if (froze.modifiedCount === 1) pushSaved(doc);
    }
    let written: Written;
    try {
      written = isSecret(doc) ? await ballots.writeSecret(doc, voter, secret!, choice, helper) : await ballots.writePublic(doc, voter, choice, helper);
    } catch (err) {
      if (err instanceof AppError || !isSecret(doc)) throw err;
      // A secret ballot's database error may quote the ballot: it is not logged with the voter.
      deps.log.warn({ pollId: doc._id.toString(), error: (err as { name?: string }).name ?? 'Error' }, 'secret ballot write failed');
      throw new AppError('UNAVAILABLE', 'Your ballot could not be stored: send it again (the same ballot secret keeps it one ballot)');
    }
    await settleAgainstClose(doc._id.toString(), written);
    await written.confirm();
    if (isSecret(doc)) await ballots.markCast(doc, voter.key, secret!);
    // The ballot is stored: a failed live write must not fail the cast (the retry would
    // find the same ballot); it is repeated on every retry and merged in within a minute.
    else await holdLive(doc, voter.key, choice).catch((err: unknown) => deps.log.warn({ err, pollId: doc._id.toString() }, 'live tally write failed'));
    wrote(doc._id.toString());
    scheduleTally(doc._id.toString());
    const after = (await find(doc._id.toString())) ?? doc;
    // Turnout as last counted plus this ballot, without counting again (on the embedded
    // database a count reads every stored ballot); the tally pushed within
    // TALLY_EVERY_MS is exact.
    const fresh = written.token !== null && !written.changed ? 1 : 0;
    return { poll: present(after, (after.ballotCount ?? 0) + fresh), receipt: written.receipt, changed: written.changed };
  }

  async function myBallot(doc: PollDoc, access: Access, caller: Caller, now: Date): Promise<MyBallot> {
    const who = voterOf(doc, access.membership, caller.userId, caller.displayName);
    const open = acceptsBallots(doc, now);
    const none: MyBallot = {
      eligible: 'voter' in who && eligibleFor(access.actor, doc.eligibility),
      blocked: 'blocked' in who ? who.blocked : open ? null : 'notOpen',
      status: 'none',
      receipt: null,
      choice: null,
      castAt: null,
      assisted: false,
      assistedByName: null,
      castByOther: false,
      castByName: null,
    };
    if (!('voter' in who)) return none;
    const _id = derivedId(doc._id.toString(), who.voter.key);
    if (isSecret(doc)) {
      const row = (await models.PollVoter.findOne({ _id }).lean()) as PollVoterDoc | null;
      if (!row) return none;
      const other = row.userId.toString() !== caller.userId;
      return {
        ...none,
        status: other ? 'cast' : row.state,
        assisted: row.assistedById != null,
        castByOther: other,
        blocked: !open ? 'notOpen' : other ? 'householdVoted' : row.state === 'cast' && !doc.allowChange ? 'alreadyVoted' : null,
      };
    }
    const row = (await models.PollBallot.findOne({ _id }).lean()) as PollBallotDoc | null;
    if (!row) return none;
    const other = row.voterId.toString() !== caller.userId;
    return {
      ...none,
      status: 'cast',
      receipt: other ? null : row.receipt,
      choice: other ? null : (row.choice as BallotChoice),
      castAt: other ? null : row.castAt.toISOString(),
      assisted: row.assistedById != null,
      assistedByName: row.assistedByName ?? null,
      castByOther: other,
      castByName: other ? row.voterName : null,
      blocked: !open ? 'notOpen' : other ? 'householdVoted' : !doc.allowChange ? 'alreadyVoted' : null,
    };
  }

  // --------------------------------------------------------------- commands

  return {
    sweep,
    finish,
    /** Called once for each poll that opens (created open, edited open, or opened by the sweeper's claim). */
    onOpened(listener: (poll: Poll) => unknown): () => void {
      openedListeners.push(listener);
      return () => {
        const at = openedListeners.indexOf(listener);
        if (at >= 0) openedListeners.splice(at, 1);
      };
    },

    async list(caller: Caller, input: EventPayload<'poll:list'>): Promise<{ items: Poll[]; voted: string[] }> {
      const access = await requireAccess(deps, caller, input.communityId, 'poll.view');
      const filter: Record<string, unknown> = { communityId: input.communityId };
      if (input.state === 'active') filter.state = op({ $in: ['scheduled', 'open', 'closing'] });
      else if (input.state !== 'all') filter.state = input.state;
      if (input.deliberationId) filter.deliberationId = input.deliberationId;
      if (input.issueId) filter.issueIds = input.issueId;
      if (input.beforeNumber !== undefined) filter.number = op({ $lt: input.beforeNumber });
      const docs = (await models.Poll.find(filter).sort({ number: -1 }).limit(input.limit).lean()) as PollDoc[];
      const voted: string[] = [];
      for (const doc of docs) {
        const who = voterOf(doc, access.membership, caller.userId, caller.displayName);
        if (!('voter' in who)) continue;
        const _id = derivedId(doc._id.toString(), who.voter.key);
        if (await (isSecret(doc) ? models.PollVoter.exists({ _id }) : models.PollBallot.exists({ _id }))) voted.push(doc._id.toString());
      }
      return { items: docs.map((doc) => present(doc)), voted };
    },

    async get(caller: Caller, input: EventPayload<'poll:get'>): Promise<PollView> {
      const { doc, access } = await load(caller, input.pollId);
      const now = deps.clock();
      const live = await liveOf(doc);
      return { poll: present(doc, live.turnout.ballots), my: await myBallot(doc, access, caller, now), tally: live.tally };
    },

    async create(caller: Caller, input: EventPayload<'poll:create'>): Promise<Poll> {
      await requireAccess(deps, caller, input.communityId, 'poll.manage');
      const _id = input.clientId ? derivedId('poll', input.communityId, input.clientId) : undefined;
      if (_id) {
        const existing = await find(_id.toString());
        if (existing) return presentFresh(existing);
      }
      const now = deps.clock();
      const opensAt = input.opensAt ? new Date(input.opensAt) : now;
      const { options, nextOption } = withIds(input.options, [], 1);
      const settings = await checkSettings(
        input.communityId,
        {
          kind: input.kind,
          title: input.title,
          description: input.description,
          options,
          nextOption,
          min: input.min,
          max: input.max,
          budget: input.budget,
          threshold: input.threshold,
          quorum: input.quorum,
          eligibility: input.eligibility,
          visibility: input.visibility,
          ballot: input.ballot,
          allowChange: input.allowChange,
          opensAt,
          closesAt: new Date(input.closesAt),
          deliberationId: input.deliberationId ?? null,
          minDeliberationHours: input.minDeliberationHours,
          issueIds: input.issueIds,
        },
        now,
        true,
      );
      let created: PollDoc;
      try {
        const doc = await models.Poll.create({
          ...(_id ? { _id } : {}),
          ...settings,
          communityId: input.communityId,
          number: await nextNumber(input.communityId),
          state: opensAt <= now ? 'open' : 'scheduled',
          createdById: caller.userId,
          createdByName: caller.displayName,
          version: 0,
        });
        created = doc.toObject() as PollDoc;
      } catch (err) {
        if (_id && isDuplicateKey(err)) {
          const existing = await find(_id.toString());
          if (existing) return presentFresh(existing);
        }
        throw err;
      }
      if (created.ballot === 'secret') await ballots.prepareSlots(created._id, eligibleNow(created));
      await audit.record(input.communityId, caller, 'poll.create', { type: 'poll', id: created._id.toString() }, {
        number: created.number,
        title: created.title,
        kind: created.kind,
        eligibility: created.eligibility,
        visibility: created.visibility,
        ballot: created.ballot,
        opensAt: created.opensAt.toISOString(),
        closesAt: created.closesAt.toISOString(),
      });
      const poll = pushSaved(created, 0);
      if (created.state === 'open') announceOpened(poll);
      return poll;
    },

    async update(caller: Caller, input: EventPayload<'poll:update'>): Promise<Poll> {
      const doc = await find(input.pollId);
      if (!doc) throw notFound('Poll');
      const communityId = doc.communityId.toString();
      await requireAccess(deps, caller, communityId, 'poll.manage');
      const current = await presentFresh(doc);
      if (doc.version !== input.version) throw new AppError('CONFLICT', 'The poll changed since you loaded it', { current });
      if (doc.state === 'closing' || doc.state === 'closed') throw conflict('The poll is closed: it cannot change any more');
      const now = deps.clock();
      const { pollId: _p, version: _v, ...given } = input;
      const next = given.options ? withIds(given.options, doc.options, doc.nextOption ?? doc.options.length + 1) : { options: doc.options, nextOption: doc.nextOption };
      const merged: Settings = {
        kind: doc.kind,
        title: given.title ?? doc.title,
        description: given.description ?? doc.description ?? '',
        options: next.options,
        nextOption: next.nextOption,
        min: given.min !== undefined ? given.min : (doc.min ?? null),
        max: given.max !== undefined ? given.max : (doc.max ?? null),
        budget: given.budget !== undefined ? given.budget : (doc.budget ?? null),
        threshold: given.threshold !== undefined ? given.threshold : (doc.threshold ?? null),
        quorum: given.quorum !== undefined ? given.quorum : (doc.quorum ?? null),
        eligibility: given.eligibility ?? doc.eligibility,
        visibility: given.visibility ?? doc.visibility,
        ballot: given.ballot ?? doc.ballot,
        allowChange: given.allowChange ?? doc.allowChange,
        opensAt: given.opensAt ? new Date(given.opensAt) : doc.opensAt,
        closesAt: given.closesAt ? new Date(given.closesAt) : doc.closesAt,
        deliberationId: given.deliberationId !== undefined ? given.deliberationId : (doc.deliberationId?.toString() ?? null),
        minDeliberationHours: given.minDeliberationHours ?? doc.minDeliberationHours ?? 0,
        issueIds: given.issueIds ?? doc.issueIds.map(String),
      };
      // What changes, field by field (compared as the wire shows them).
      const wire = (s: Settings) => ({
        title: s.title,
        description: s.description,
        options: JSON.stringify(s.options.map((o) => ({ id: o.id, label: o.label, cost: o.cost ?? null }))),
        min: s.min ?? null,
        max: s.max ?? null,
        budget: s.budget ?? null,
        threshold: s.threshold ?? null,
        quorum: s.quorum ?? null,
        eligibility: s.eligibility,
        visibility: s.visibility,
        ballot: s.ballot,
        allowChange: s.allowChange,
        opensAt: s.opensAt.toISOString(),
        closesAt: s.closesAt.toISOString(),
        deliberationId: s.deliberationId ? String(s.deliberationId) : null,
        minDeliberationHours: s.minDeliberationHours ?? 0,
        issueIds: JSON.stringify(s.issueIds.map(String)),
      });
      const opened = doc.state === 'open' || doc.opensAt <= now;
      const checked = await checkSettings(communityId, merged, now, !opened || merged.opensAt.getTime() !== doc.opensAt.getTime() || String(merged.deliberationId ?? '') !== String(doc.deliberationId ?? '') || merged.minDeliberationHours !== doc.minDeliberationHours);
      const old = wire({ ...merged, ...{ options: doc.options, title: doc.title, description: doc.description ?? '', min: doc.min ?? null, max: doc.max ?? null, budget: doc.budget ?? null, threshold: doc.threshold ?? null, quorum: doc.quorum ?? null, eligibility: doc.eligibility, visibility: doc.visibility, ballot: doc.ballot, allowChange: doc.allowChange, opensAt: doc.opensAt, closesAt: doc.closesAt, deliberationId: doc.deliberationId?.toString() ?? null, minDeliberationHours: doc.minDeliberationHours ?? 0, issueIds: doc.issueIds.map(String) } });
      const neu = wire(checked);
      const changed = (Object.keys(neu) as (keyof typeof neu)[]).filter((k) => neu[k] !== old[k]);
      if (changed.length === 0) return current;
      if (doc.frozen) {
        const locked = changed.filter((k) => k !== 'description' && k !== 'closesAt');
        if (locked.length > 0) throw conflict(`Ballots have been cast: only the description and a later closing time may change (not ${locked.join(', ')})`);
        if (checked.closesAt < doc.closesAt) throw conflict('Ballots have been cast: the closing time may only be extended');
      }
      if (opened && changed.includes('opensAt')) throw conflict('The poll has opened: its opening time cannot change');
      if (opened && doc.ballot !== checked.ballot) throw conflict('The poll has opened: public or secret cannot change');
      const set: Record<string, unknown> = { ...checked };
      delete set.kind;
      if (!opened) set.state = checked.opensAt <= now ? 'open' : 'scheduled';
      // The filter repeats what was checked: a first ballot (frozen) or another edit (version) in between makes this match nothing.
      const filter: Record<string, unknown> = { _id: doc._id, version: doc.version, state: doc.state };
      if (!doc.frozen) filter.frozen = false;
      const saved = (await models.Poll.findOneAndUpdate(filter, { $set: set, $inc: { version: 1 } }, { new: true }).lean()) as PollDoc | null;
      if (!saved) {
        const latest = await find(input.pollId);
        throw new AppError('CONFLICT', latest?.frozen && !doc.frozen ? 'The first ballot was cast meanwhile: the options are frozen' : 'The poll changed since you loaded it', { current: latest ? await presentFresh(latest) : current });
      }
      if (saved.ballot === 'secret' && doc.ballot !== 'secret') await ballots.prepareSlots(saved._id, eligibleNow(saved));
      const details: Record<string, string | number | boolean | null> = { number: saved.number, title: saved.title, fields: changed.join(',') };
      for (const k of changed) {
        details[`${k}From`] = String(old[k]).slice(0, 300);
        details[`${k}To`] = String(neu[k]).slice(0, 300);
      }
      await audit.record(communityId, caller, 'poll.update', { type: 'poll', id: saved._id.toString() }, details);
      const poll = pushSaved(saved, await countBallots(saved));
      if (doc.state === 'scheduled' && saved.state === 'open') announceOpened(poll);
      return poll;
    },

    async cast(caller: Caller, input: EventPayload<'poll:cast'>): Promise<CastResult> {
      const { doc, access } = await load(caller, input.pollId);
      const who = voterOf(doc, access.membership, caller.userId, caller.displayName);
      if (!('voter' in who) || !eligibleFor(access.actor, doc.eligibility)) {
        throw new AppError('FORBIDDEN', 'blocked' in who && who.blocked === 'noHousehold' ? 'Record your household and have it verified to vote' : 'Only verified residents may vote in this poll');
      }
      return castAs(doc, who.voter, input.choice, input.ballotSecret, null);
    },

    async castFor(caller: Caller, input: EventPayload<'poll:castFor'>): Promise<CastResult> {
      const { doc, access } = await load(caller, input.pollId);
      authorize(access, 'poll.castFor');
      const communityId = doc.communityId.toString();
      if (input.userId === caller.userId) throw invalid([{ path: 'userId', message: 'cast your own ballot with poll:cast' }]);
      const member = await deps.memberships.get(communityId, input.userId);
      if (!member) throw notFound('Member');
      if (member.household?.status !== 'verified') throw conflict('Assisted voting is for verified residents: verify their household first');
      const who = voterOf(doc, member, input.userId, member.displayName);
      if (!('voter' in who)) throw conflict('This member may not vote in this poll');
      // The helper never needs the member's secret later: one is made here when none is given.
      const secret = isSecret(doc) ? (input.ballotSecret ?? randomBytes(16).toString('base64url')) : undefined;
      const result = await castAs(doc, who.voter, input.choice, secret, { userId: caller.userId, name: caller.displayName });
      const details: Record<string, string | number | boolean | null> = { number: doc.number, title: doc.title, memberId: input.userId, memberName: member.displayName, ballot: doc.ballot };
      if (!isSecret(doc)) {
        details.choice = choiceKey(input.choice);
        details.receipt = result.receipt;
      }
      await audit.record(communityId, caller, 'poll.castFor', { type: 'poll', id: doc._id.toString() }, details);
      await deps.notifications.create({
        userId: input.userId,
        communityId,
        kind: 'poll',
        subjectId: doc._id.toString(),
        actorName: caller.displayName,
        // A secret poll's receipt is not written next to the member's name: the helper hands it over.
        excerpt: `#${doc.number} ${doc.title} · ${caller.displayName} 协助您完成了投票${isSecret(doc) ? '' : `，回执 ${result.receipt}`}`,
      });
      return result;
    },

    async close(caller: Caller, input: EventPayload<'poll:close'>): Promise<Poll> {
      const doc = await find(input.pollId);
      if (!doc) throw notFound('Poll');
      const communityId = doc.communityId.toString();
      await requireAccess(deps, caller, communityId, 'poll.manage');
      if (doc.state === 'closing' || doc.state === 'closed') throw conflict('The poll is already closed');
      if (!(await claimClose(doc, { caller, reason: input.reason }))) throw conflict('The poll is already closed');
      await audit.record(communityId, caller, 'poll.close', { type: 'poll', id: doc._id.toString() }, { number: doc.number, title: doc.title, reason: input.reason });
      await finish(doc._id.toString());
      const closed = await find(doc._id.toString());
      return present(closed ?? doc);
    },

    async watch(caller: Caller, input: EventPayload<'poll:watch'>): Promise<PollLive> {
      const { doc } = await load(caller, input.pollId);
      deps.io.in(rooms.session(caller.sessionId)).socketsJoin(pollRoom(input.pollId));
      return sharedLive(doc);
    },

    async unwatch(caller: Caller, input: EventPayload<'poll:unwatch'>): Promise<{ pollId: string }> {
      deps.io.in(rooms.session(caller.sessionId)).socketsLeave(pollRoom(input.pollId));
      return { pollId: input.pollId };
    },

    async result(caller: Caller, input: EventPayload<'poll:result'>): Promise<PollResultView> {
      const { doc, access } = await load(caller, input.pollId);
      if (doc.state !== 'closed') throw conflict('The result is published when the poll closes');
      const stored = await storedResult(doc);
      if (!stored) throw conflict('The result is being counted: ask again in a moment');
      const seeVoters = !isSecret(doc) && access.actor.role !== null;
      const receipts: CountedReceipt[] = (stored.receipts as StoredReceipt[]).map((r) =>
        seeVoters && r.choice !== undefined ? { receipt: r.receipt, choice: JSON.parse(r.choice) as BallotChoice, voterName: r.voterName ?? '', assisted: !!r.assisted } : { receipt: r.receipt },
      );
      const history: BallotChange[] = seeVoters
        ? ((await models.PollBallotChange.find({ pollId: doc._id }).sort({ replacedAt: 1 }).lean()) as PollBallotChangeDoc[]).map((h) => ({
            voterName: h.voterName,
            receipt: h.receipt,
            choice: h.choice as BallotChoice,
            castAt: h.castAt.toISOString(),
            replacedAt: h.replacedAt.toISOString(),
          }))
        : [];
      return { poll: present(doc), result: stored.result as PollResult, receipts, history, labels: labelsOf(doc), exportPath: `/api/polls/${doc._id.toString()}/export` };
    },

    /** The recount file (GET /api/polls/:pollId/export): refused for a sealed poll before close. */
    async exportFile(caller: Caller, pollId: string): Promise<PollCountFile> {
      const { doc } = await load(caller, pollId);
      if (doc.state !== 'closed' && doc.visibility === 'sealed') throw new AppError('FORBIDDEN', 'A sealed poll is exported once it closes');
      const stored = doc.state === 'closed' ? await storedResult(doc) : null;
      const choices = stored ? stored.ballots.map((b) => JSON.parse(b) as BallotChoice) : sortedChoices(await currentChoices(doc));
      const eligible = stored ? stored.eligible : Math.max(eligibleNow(doc), choices.length);
      const definition = definitionOf(doc, eligible, choices);
      return {
        ...(definition as Omit<PollCountFile, 'pollId' | 'title' | 'labels' | 'state' | 'closedAt' | 'result'>),
        ballots: choices,
        pollId: doc._id.toString(),
        title: doc.title,
        labels: labelsOf(doc),
        state: doc.state,
        closedAt: doc.closedAt?.toISOString() ?? null,
        result: stored ? (stored.result as PollResult) : null,
      };
    },

    // ------------------------------------------------------ for other capabilities

    async lookup(communityId: string, pollId: string): Promise<PollRef | null> {
      const doc = (await models.Poll.findOne({ _id: pollId, communityId }).lean()) as PollDoc | null;
      if (!doc) return null;
      const stored = doc.state === 'closed' ? await storedResult(doc) : null;
      return {
        id: doc._id.toString(),
        communityId: doc.communityId.toString(),
        title: doc.title,
        kind: doc.kind,
        state: doc.state,
        deliberationId: doc.deliberationId?.toString() ?? null,
        issueIds: doc.issueIds.map(String),
        closedAt: doc.closedAt ?? null,
        result: (stored?.result as PollResult | undefined) ?? null,
        outcome: doc.outcome ?? '',
      };
    },

    async participantIds(communityId: string, pollId: string): Promise<string[]> {
      const doc = (await models.Poll.findOne({ _id: pollId, communityId }).lean()) as PollDoc | null;
      return doc ? participants(doc) : [];
    },
  };
}

export type PollService = ReturnType<typeof createPollService>;
