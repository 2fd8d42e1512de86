import { randomUUID } from 'node:crypto';
import { HOOK_LIMITS, type EventPayload, type Hook, type HookDelivery, type HookEventKind } from '@linli/shared';
import { AppError, conflict, isDuplicateKey, notFound } from '../lib/errors.js';
import { derivedId, op } from '../lib/db.js';
import type { Logger } from '../lib/logger.js';
import type { Caller } from '../context/caller.js';
import { requireAccess, type AccessDeps } from '../context/access.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Notifier } from '../realtime/notifier.js';
import type { Clock } from '../issues/issue-store.js';
import type { HookDeliveryDoc, HookDoc } from './hook.model.js';
import type { Sealer } from './seal.js';
import { buildRequest, readAnswer, secretHint, urlHint, urlProblem, type Outcome } from './providers.js';

/** Something that happened in a community that its group robots may forward. */
export interface CommunityEvent {
  /** Names the event once (`issue-<id>-filed`): publishing it again stores nothing new. */
  key: string;
  kind: Exclude<HookEventKind, 'test'>;
  title: string;
  lines?: readonly string[];
  /** The page it is about, from the site's root: `/c/<community>/issues/<id>`. */
  path: string;
  /** Where it was posted: hooks scoped to a channel forward only what happens in it. */
  channelId?: string | null;
}

/** What other services call: never throws, never waits for a provider. */
export interface HookPublisher {
  publish(communityId: string, event: CommunityEvent): void;
}

export interface HookSettings {
  /** Absolute origin links are built on. */
  publicUrl: string;
  allowHosts: readonly string[];
  maxAttempts: number;
  /** The first retry waits this long, each next one twice as long (at most an hour). */
  retryBaseMs?: number;
  /** How long a request may take. */
  timeoutMs?: number;
}

const MINUTE = 60_000;
/** A claimed attempt that never finished (its node died) is due again after this long. */
const LEASE_MS = 2 * MINUTE;
const MAX_BACKOFF_MS = 60 * MINUTE;
/** Rows one sweep attempts; the rest wait for the next. */
const SWEEP_BATCH = 50;
const SYSTEM: Caller = { userId: '000000000000000000000000', sessionId: '', displayName: '系统', isPlatformAdmin: false };

export const backoffMs = (attempts: number, baseMs: number): number => Math.min(baseMs * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);

const presentDelivery = (doc: HookDeliveryDoc): HookDelivery => ({
  id: doc._id.toString(),
  hookId: doc.hookId.toString(),
  kind: doc.kind as HookEventKind,
  title: doc.title,
  state: doc.state,
  attempts: doc.attempts,
  nextAttemptAt: doc.state === 'pending' ? doc.nextAttemptAt.toISOString() : null,
  lastError: doc.lastError ?? null,
  createdAt: doc.createdAt.toISOString(),
  sentAt: doc.sentAt?.toISOString() ?? null,
});

/**
 * Group robots (企业微信 / 钉钉 / 飞书): admins add, test and remove them; `publish`
 * puts one outbox row per (hook, event) and tries it at once, without the caller
 * waiting; every node's `sweep` retries what is due with exponential backoff (longer
 * when the provider says it is rate limited), claiming each attempt with a
 * conditional update so no two nodes send the same row. After maxAttempts, or at
 * once when the provider refuses the robot's settings, a row is failed: shown in
 * hook:deliveries, pushed to the staff live and written to the audit log.
 * Webhook addresses and secrets are sealed at rest and never logged or returned.
 */
export function createHookService(
  deps: AccessDeps & { notify: Notifier; audit: Pick<AuditService, 'record'>; clock: Clock; log: Logger; sealer: Sealer; settings: HookSettings; fetch?: typeof fetch },
) {
  const { models, settings, sealer, log } = deps;
  const doFetch = deps.fetch ?? fetch;
  const retryBaseMs = settings.retryBaseMs ?? 30_000;
  const linkOf = (path: string) => `${settings.publicUrl.replace(/\/+$/, '')}${path}`;

  async function presentHook(doc: HookDoc): Promise<Hook> {
    const [failed, pending, last] = await Promise.all([
      models.HookDelivery.countDocuments({ hookId: doc._id, state: 'failed' }),
      models.HookDelivery.countDocuments({ hookId: doc._id, state: 'pending' }),
      models.HookDelivery.findOne({ hookId: doc._id, state: 'sent' }, { sentAt: 1 }).sort({ sentAt: -1 }).lean(),
    ]);
    return {
      id: doc._id.toString(),
      communityId: doc.communityId.toString(),
      provider: doc.provider,
      name: doc.name,
      urlHint: doc.urlHint,
      secretHint: doc.secretHint ?? null,
      channelId: doc.channelId?.toString() ?? null,
      createdByName: doc.createdByName,
      createdAt: doc.createdAt.toISOString(),
      failed,
      pending,
      lastSentAt: last?.sentAt?.toISOString() ?? null,
    };
  }

  async function activeHook(communityId: string, hookId: string): Promise<HookDoc> {
    const doc = (await models.Hook.findOne({ _id: hookId, communityId, removedAt: null }).lean()) as HookDoc | null;
    if (!doc) throw notFound('Hook');
    return doc;
  }

  /** Stores one row; null when this (hook, event) is stored already. */
  async function enqueue(hook: HookDoc, key: string, message: { kind: HookEventKind; title: string; lines: readonly string[]; link: string }): Promise<HookDeliveryDoc | null> {
    const now = deps.clock();
    try {
      const created = await models.HookDelivery.create({
        _id: derivedId('hook-delivery', hook._id.toString(), key),
        hookId: hook._id,
        communityId: hook.communityId,
        kind: message.kind,
        title: message.title.slice(0, 200),
        lines: message.lines.map((line) => line.slice(0, 500)).slice(0, 6),
        link: message.link,
        state: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        createdAt: now,
      });
      return created.toObject() as HookDeliveryDoc;
    } catch (err) {
      if (isDuplicateKey(err)) return null;
      throw err;
    }
  }

  /** The webhook address and secret, unsealed, scrubbed from anything shown or logged. */
  const scrub = (text: string, ...secrets: string[]) => secrets.filter((s) => s.length >= 4).reduce((out, s) => out.split(s).join('[redacted]'), text);

  async function send(hook: HookDoc, row: HookDeliveryDoc): Promise<Outcome> {
    const url = sealer.open(hook.url);
    const secret = sealer.open(hook.secret ?? '');
    const token = new URL(url).searchParams.get('key') ?? new URL(url).searchParams.get('access_token') ?? new URL(url).pathname.split('/').pop() ?? '';
    const request = buildRequest(hook.provider, url, secret, { kind: row.kind as HookEventKind, title: row.title, lines: row.lines, link: row.link }, Date.now());
    try {
      const res = await doFetch(request.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(request.body),
        signal: AbortSignal.timeout(settings.timeoutMs ?? 10_000),
        redirect: 'error',
      });
      const text = await res.text();
      const outcome = readAnswer(hook.provider, res.status, text.slice(0, 4000), res.headers.get('retry-after'));
      return outcome.kind === 'sent' ? outcome : { ...outcome, error: scrub(outcome.error, url, secret, token) };
    } catch (err) {
      const reason = err instanceof Error ? `${err.name}: ${err.message}${err.cause instanceof Error ? ` (${err.cause.message})` : ''}` : 'request failed';
      return { kind: 'retry', error: scrub(reason, url, secret, token).slice(0, 300), waitMs: null };
    }
  }

  const tellStaff = (row: HookDeliveryDoc) => deps.notify.toStaff(row.communityId.toString(), 'hook:delivery', { ...presentDelivery(row), communityId: row.communityId.toString() });

  /**
   * One attempt at one row, if this call wins its claim (the row still pending with the
   * attempts it was read with): the claim counts the attempt and moves nextAttemptAt a
   * lease ahead, so a node that dies mid-send leaves a row that is due again later.
   */
  async function attempt(row: HookDeliveryDoc): Promise<HookDeliveryDoc | null> {
    const now = deps.clock();
    const claimed = (await models.HookDelivery.findOneAndUpdate(
      { _id: row._id, state: 'pending', attempts: row.attempts },
      { $set: { nextAttemptAt: new Date(now.getTime() + LEASE_MS) }, $inc: { attempts: 1 } },
      { new: true },
    ).lean()) as HookDeliveryDoc | null;
    if (!claimed) return null;
    const hook = (await models.Hook.findOne({ _id: claimed.hookId }).lean()) as HookDoc | null;
    const outcome: Outcome = !hook || hook.removedAt ? { kind: 'refused', error: 'the hook was removed' } : await send(hook, claimed);
    const after = deps.clock();
    let set: Record<string, unknown>;
    if (outcome.kind === 'sent') {
      set = { state: 'sent', sentAt: after, lastError: null };
    } else if (outcome.kind === 'refused' || claimed.attempts >= settings.maxAttempts) {
      set = { state: 'failed', lastError: outcome.error };
    } else {
      const wait = Math.max(backoffMs(claimed.attempts, retryBaseMs), outcome.waitMs ?? 0);
      set = { nextAttemptAt: new Date(after.getTime() + wait), lastError: outcome.error };
    }
    const done = (await models.HookDelivery.findOneAndUpdate({ _id: claimed._id, state: 'pending', attempts: claimed.attempts }, { $set: set }, { new: true }).lean()) as HookDeliveryDoc | null;
    if (!done) return null;
    if (hook && outcome.kind === 'retry' && outcome.waitMs) {
      // Rate limited: the robot's other waiting messages wait as long (their attempts are not spent).
      await models.HookDelivery.updateMany(
        { hookId: hook._id, state: 'pending', _id: op({ $ne: done._id }), nextAttemptAt: op({ $lt: done.nextAttemptAt }) },
        { $set: { nextAttemptAt: done.nextAttemptAt } },
      );
    }
    tellStaff(done);
    if (done.state === 'failed') {
      log.warn({ hookId: done.hookId.toString(), deliveryId: done._id.toString(), provider: hook?.provider, attempts: done.attempts, error: done.lastError }, 'group robot message given up');
      await deps.audit
        .record(done.communityId.toString(), SYSTEM, 'hook.deliveryFailed', { type: 'hook', id: done.hookId.toString() }, { name: hook?.name ?? '', title: done.title, attempts: done.attempts, error: done.lastError ?? '' })
        .catch((err: unknown) => log.warn({ err }, 'hook failure not audited'));
    } else if (done.state === 'pending') {
      log.info({ hookId: done.hookId.toString(), deliveryId: done._id.toString(), provider: hook?.provider, attempts: done.attempts, error: done.lastError }, 'group robot message will be retried');
    }
    return done;
  }

  const attemptLogged = (row: HookDeliveryDoc) => attempt(row).catch((err: unknown) => log.warn({ err, deliveryId: row._id.toString() }, 'group robot attempt failed'));

  async function publishNow(communityId: string, event: CommunityEvent): Promise<void> {
    const hooks = (await models.Hook.find({ communityId, removedAt: null }).lean()) as HookDoc[];
    const chosen = hooks.filter((hook) => !hook.channelId || (event.channelId != null && hook.channelId.toString() === event.channelId));
    for (const hook of chosen) {
      const row = await enqueue(hook, event.key, { kind: event.kind, title: event.title, lines: event.lines ?? [], link: linkOf(event.path) });
      if (row) void attemptLogged(row);
    }
  }

  return {
    /** Forwards an event to the community's robots; returns at once, never throws. */
    publish(communityId: string, event: CommunityEvent): void {
      void publishNow(communityId, event).catch((err: unknown) => log.warn({ err, communityId, event: event.kind }, 'group robot event not queued'));
    },

    /** Attempts every due row (each node, every few seconds); a row another node claimed is skipped. */
    async sweep(): Promise<{ sent: number; retried: number; failed: number }> {
      const now = deps.clock();
      const due = (await models.HookDelivery.find({ state: 'pending', nextAttemptAt: op({ $lte: now }) })
        .sort({ nextAttemptAt: 1 })
        .limit(SWEEP_BATCH)
        .lean()) as HookDeliveryDoc[];
      const counts = { sent: 0, retried: 0, failed: 0 };
      for (const row of due) {
        const done = await attemptLogged(row);
        if (!done) continue;
        if (done.state === 'sent') counts.sent++;
        else if (done.state === 'failed') counts.failed++;
        else counts.retried++;
      }
      return counts;
    },

    async list(caller: Caller, input: EventPayload<'hook:list'>): Promise<Hook[]> {
      await requireAccess(deps, caller, input.communityId, 'hook.manage');
      const docs = (await models.Hook.find({ communityId: input.communityId, removedAt: null }).sort({ createdAt: -1 }).lean()) as HookDoc[];
      return Promise.all(docs.map(presentHook));
    },

    async create(caller: Caller, input: EventPayload<'hook:create'>): Promise<Hook> {
      await requireAccess(deps, caller, input.communityId, 'hook.manage');
      const problems: { path: string; message: string }[] = [];
      const urlIssue = urlProblem(input.provider, input.url, settings.allowHosts);
      if (urlIssue) problems.push({ path: 'url', message: urlIssue });
      if (input.provider === 'wecom' && input.secret !== '') problems.push({ path: 'secret', message: 'WeCom group robots are not signed: leave it empty' });
      if (input.channelId) {
        const channel = await models.Channel.findOne({ _id: input.channelId, communityId: input.communityId, archived: false }, { kind: 1 }).lean();
        if (!channel) problems.push({ path: 'channelId', message: 'no such channel in this community' });
        else if (channel.kind !== 'announcements') problems.push({ path: 'channelId', message: 'only an announcements channel can be forwarded on its own' });
      }
      if (problems.length > 0) throw new AppError('VALIDATION_FAILED', problems.map((p) => `${p.path}: ${p.message}`).join('; '), { issues: problems });
      if ((await models.Hook.countDocuments({ communityId: input.communityId, removedAt: null })) >= HOOK_LIMITS.hooks) {
        throw conflict(`A community holds at most ${HOOK_LIMITS.hooks} group robots`);
      }
      const created = await models.Hook.create({
        communityId: input.communityId,
        provider: input.provider,
        name: input.name,
        url: sealer.seal(input.url),
        urlHint: urlHint(input.provider, input.url),
        secret: sealer.seal(input.secret),
        secretHint: secretHint(input.secret),
        channelId: input.channelId,
        createdBy: caller.userId,
        createdByName: caller.displayName,
        createdAt: deps.clock(),
      });
      const doc = created.toObject() as HookDoc;
      await deps.audit.record(input.communityId, caller, 'hook.create', { type: 'hook', id: doc._id.toString() }, { name: doc.name, provider: doc.provider });
      return presentHook(doc);
    },

    /** Sends a test message now (awaited, unlike events) and answers with its delivery. */
    async test(caller: Caller, input: EventPayload<'hook:test'>): Promise<HookDelivery> {
      await requireAccess(deps, caller, input.communityId, 'hook.manage');
      const hook = await activeHook(input.communityId, input.hookId);
      const community = await models.Community.findOne({ _id: input.communityId }, { name: 1 }).lean();
      const row = await enqueue(hook, `test-${randomUUID()}`, {
        kind: 'test',
        title: `邻里测试消息：${community?.name ?? ''}`,
        lines: [`${caller.displayName} 测试了群机器人「${hook.name}」。收到这条消息，说明设置正确。`],
        link: linkOf(`/c/${input.communityId}/manage`),
      });
      if (!row) throw conflict('Try again');
      const done = await attempt(row);
      const now = (await models.HookDelivery.findOne({ _id: row._id }).lean()) as HookDeliveryDoc | null;
      return presentDelivery(done ?? now ?? row);
    },

    async remove(caller: Caller, input: EventPayload<'hook:remove'>): Promise<{ hookId: string }> {
      await requireAccess(deps, caller, input.communityId, 'hook.manage');
      const removed = (await models.Hook.findOneAndUpdate({ _id: input.hookId, communityId: input.communityId, removedAt: null }, { $set: { removedAt: deps.clock() } }, { new: true }).lean()) as HookDoc | null;
      if (!removed) throw notFound('Hook');
      // What was still waiting will not be sent: shown as failed, not lost silently.
      await models.HookDelivery.updateMany({ hookId: removed._id, state: 'pending' }, { $set: { state: 'failed', lastError: 'the hook was removed' } });
      await deps.audit.record(input.communityId, caller, 'hook.remove', { type: 'hook', id: input.hookId }, { name: removed.name, provider: removed.provider });
      return { hookId: input.hookId };
    },

    async deliveries(caller: Caller, input: EventPayload<'hook:deliveries'>): Promise<HookDelivery[]> {
      await requireAccess(deps, caller, input.communityId, 'hook.manage');
      const filter: Record<string, unknown> = { communityId: input.communityId };
      if (input.hookId) filter.hookId = input.hookId;
      if (input.state) filter.state = input.state;
      const rows = (await models.HookDelivery.find(filter).sort({ createdAt: -1, _id: -1 }).limit(input.limit).lean()) as HookDeliveryDoc[];
      return rows.map(presentDelivery);
    },
  };
}

export type HookService = ReturnType<typeof createHookService>;
