/**
 * The chat store: one module-level source of truth for timelines, threads, the outbox of
 * unsent messages, read positions, presence and typing. It listens to the socket for the
 * whole session, so switching channels is instant and no live event is ever dropped.
 */
import { useSyncExternalStore } from 'react';
import {
  advanceCursor,
  LIMITS,
  type AppNotification,
  type ChannelReadState,
  type Message,
  type WireError,
} from '@linli/shared';
import { request, socket } from '../../lib/socket';

export interface Timeline {
  /** Main timeline (parentId null), ascending by seq. */
  messages: Message[];
  hasMore: boolean;
  loaded: boolean;
  loadingOlder: boolean;
  /** Highest seq held for the channel, thread replies included. */
  maxSeq: number;
  /**
   * The catch-up cursor: every seq up to it is held or will never hold a message.
   * Messages can arrive out of seq order (two server nodes write at once), so catching
   * up after maxSeq could skip one still in flight; catching up after this cannot.
   */
  settledSeq: number;
  /** Seqs held above settledSeq (waiting for the gap below them to close). */
  heldAbove: number[];
  /** Latest server updatedAt seen in the channel: the catch-up time. */
  lastUpdatedAt: string | null;
  /** Events may have been missed (reconnect without recovery, long absence). */
  stale: boolean;
  error: WireError | null;
}

export interface Thread {
  parent: Message;
  replies: Message[];
}

export type OutboxStatus = 'pending' | 'failed';

export interface OutboxEntry {
  clientId: string;
  channelId: string;
  parentId: string | null;
  body: string;
  status: OutboxStatus;
  error: WireError | null;
  createdAt: string;
}

export interface TypingEntry {
  userId: string;
  displayName: string;
  until: number;
}

export interface NotificationsState {
  items: AppNotification[];
  unread: number;
  loaded: boolean;
}

export interface ChatState {
  timelines: Record<string, Timeline>;
  threads: Record<string, Thread>;
  outbox: Record<string, OutboxEntry>;
  readStates: Record<string, ChannelReadState>;
  /** communityId -> userId -> displayName of who is online. */
  presence: Record<string, Record<string, string>>;
  typing: Record<string, TypingEntry[]>;
  /** Read position when the open channel was entered: where the "new messages" divider goes. */
  dividerSeq: Record<string, number | null>;
  notifications: NotificationsState;
}

const emptyState = (): ChatState => ({
  timelines: {},
  threads: {},
  outbox: {},
  readStates: {},
  presence: {},
  typing: {},
  dividerSeq: {},
  notifications: { items: [], unread: 0, loaded: false },
});

let state: ChatState = emptyState();

const listeners = new Set<() => void>();
let me: string | null = null;
let activeChannelId: string | null = null;
let activeCommunityId: string | null = null;
const markSent: Record<string, number> = {};

function set(next: Partial<ChatState>): void {
  state = { ...state, ...next };
  for (const l of listeners) l();
}

export function getChatState(): ChatState {
  return state;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Selects a slice of the chat store; the selector must return stored references. */
export function useChat<T>(selector: (s: ChatState) => T): T {
  return useSyncExternalStore(subscribe, () => selector(state));
}

// ---------- helpers ----------

const emptyTimeline = (): Timeline => ({
  messages: [],
  hasMore: false,
  loaded: false,
  loadingOlder: false,
  maxSeq: 0,
  settledSeq: 0,
  heldAbove: [],
  lastUpdatedAt: null,
  stale: false,
  error: null,
});

const later = (a: string | null, b: string | null): string | null => (!a ? b : !b ? a : a > b ? a : b);

/** Inserts or replaces by id, keeping ascending seq; never lets an older copy win. */
function upsertSorted(list: Message[], m: Message): Message[] {
  const index = list.findIndex((x) => x.id === m.id);
  if (index !== -1) {
    const old = list[index]!;
    if (old.updatedAt > m.updatedAt) return list;
    const next = list.slice();
    next[index] = m;
    return next;
  }
  const next = list.slice();
  let at = next.length;
  while (at > 0 && next[at - 1]!.seq > m.seq) at--;
  next.splice(at, 0, m);
  return next;
}

export function newClientId(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  // randomUUID needs a secure context; plain http on a LAN address still has getRandomValues.
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Records seqs as held and moves the catch-up cursor over every gap that closed. */
function settle(tl: Timeline, seqs: number[], through = 0): Pick<Timeline, 'settledSeq' | 'heldAbove'> {
  const c = advanceCursor({ settled: tl.settledSeq, heldAbove: tl.heldAbove }, seqs, through);
  return { settledSeq: c.settled, heldAbove: c.heldAbove };
}

/** Merges messages from any source (ack, push, history, sync, thread). */
function ingest(messages: Message[], opts: { insertOlder?: boolean } = {}): void {
  if (messages.length === 0) return;
  let { timelines, threads, outbox } = state;
  let outboxChanged = false;
  for (const m of messages) {
    if (m.authorId === me && outbox[m.clientId]) {
      if (!outboxChanged) outbox = { ...outbox };
      delete outbox[m.clientId];
      outboxChanged = true;
    }
    const tl = timelines[m.channelId];
    if (tl) {
      let msgs = tl.messages;
      if (m.parentId === null) {
        const first = msgs[0];
        const olderThanWindow = tl.loaded && tl.hasMore && first !== undefined && m.seq < first.seq;
        const known = msgs.some((x) => x.id === m.id);
        if (known || !olderThanWindow || opts.insertOlder) msgs = upsertSorted(msgs, m);
      }
      timelines = {
        ...timelines,
        [m.channelId]: {
          ...tl,
          messages: msgs,
          ...settle(tl, [m.seq]),
          maxSeq: Math.max(tl.maxSeq, m.seq),
          lastUpdatedAt: later(tl.lastUpdatedAt, m.updatedAt),
        },
      };
    }
    if (m.parentId && threads[m.parentId]) {
      const th = threads[m.parentId]!;
      threads = { ...threads, [m.parentId]: { ...th, replies: upsertSorted(th.replies, m) } };
    }
    if (threads[m.id]) {
      const th = threads[m.id]!;
      if (th.parent.updatedAt <= m.updatedAt) threads = { ...threads, [m.id]: { ...th, parent: m } };
    }
  }
  set({ timelines, threads, outbox });
  if (outboxChanged) persistOutbox();
}

function patchTimeline(channelId: string, change: (t: Timeline) => Timeline): void {
  const tl = state.timelines[channelId] ?? emptyTimeline();
  set({ timelines: { ...state.timelines, [channelId]: change(tl) } });
}

// ---------- timelines ----------

const loading = new Set<string>();

/** Opens a channel: newest page on first visit, catch-up when the cache may be stale. */
export async function openTimeline(channelId: string): Promise<void> {
  const tl = state.timelines[channelId];
  if (tl?.loaded && !tl.stale) return;
  if (tl?.loaded && tl.stale) return syncChannel(channelId);
  if (loading.has(channelId)) return;
  loading.add(channelId);
  if (!tl) patchTimeline(channelId, (t) => t);
  try {
    const res = await request('message:history', { channelId, limit: LIMITS.message.historyPage });
    if (!res.ok) {
      patchTimeline(channelId, (t) => ({ ...t, error: res.error }));
      return;
    }
    patchTimeline(channelId, (t) => {
      // Pushes that arrived while the page was loading are already in t.messages.
      let msgs = res.data.messages;
      for (const m of t.messages) msgs = upsertSorted(msgs, m);
      const maxSeq = msgs.reduce((n, m) => Math.max(n, m.seq), t.maxSeq);
      const lastUpdatedAt = msgs.reduce<string | null>((a, m) => later(a, m.updatedAt), t.lastUpdatedAt);
      const cursor = settle(t, msgs.map((m) => m.seq), res.data.through ?? 0);
      return { ...t, messages: msgs, hasMore: res.data.hasMore, loaded: true, stale: false, error: null, maxSeq, lastUpdatedAt, ...cursor };
    });
    ingest(res.data.messages); // clears outbox entries the server already stored
    maybeMarkRead();
  } finally {
    loading.delete(channelId);
  }
}

/** Loads the page before the oldest message held; resolves false when there is nothing more. */
export async function loadOlder(channelId: string): Promise<boolean> {
  const tl = state.timelines[channelId];
  const first = tl?.messages[0];
  if (!tl || !tl.loaded || !tl.hasMore || tl.loadingOlder || !first) return false;
  patchTimeline(channelId, (t) => ({ ...t, loadingOlder: true }));
  const res = await request('message:history', { channelId, beforeSeq: first.seq, limit: LIMITS.message.historyPage });
  if (!res.ok) {
    patchTimeline(channelId, (t) => ({ ...t, loadingOlder: false, error: res.error }));
    return false;
  }
  patchTimeline(channelId, (t) => {
    let msgs = t.messages;
    for (const m of res.data.messages) msgs = upsertSorted(msgs, m);
    return { ...t, messages: msgs, hasMore: res.data.hasMore, loadingOlder: false, error: null };
  });
  return true;
}

const syncing = new Set<string>();

/** Catch-up: everything after the settled cursor plus recent older messages changed since. */
export async function syncChannel(channelId: string): Promise<void> {
  const tl = state.timelines[channelId];
  if (!tl?.loaded || syncing.has(channelId)) return;
  syncing.add(channelId);
  try {
    // A small margin covers clock drift between server nodes.
    const since = tl.lastUpdatedAt ? new Date(new Date(tl.lastUpdatedAt).getTime() - 5000).toISOString() : undefined;
    const res = await request('message:sync', since ? { channelId, afterSeq: tl.settledSeq, updatedSince: since } : { channelId, afterSeq: tl.settledSeq });
    if (!res.ok) {
      patchTimeline(channelId, (t) => ({ ...t, error: res.error }));
      return;
    }
    if (res.data.hasMore) {
      // Too much missed: start again from the newest page.
      set({ timelines: { ...state.timelines, [channelId]: emptyTimeline() } });
      syncing.delete(channelId);
      await openTimeline(channelId);
      return;
    }
    const through = res.data.through;
    patchTimeline(channelId, (t) => ({ ...t, stale: false, error: null, ...settle(t, [], through) }));
    ingest(res.data.messages);
    maybeMarkRead();
  } finally {
    syncing.delete(channelId);
  }
}

// ---------- threads ----------

export async function openThread(messageId: string): Promise<{ parentId: string } | WireError> {
  const res = await request('message:thread', { messageId });
  if (!res.ok) return res.error;
  const { parent, replies } = res.data;
  const existing = state.threads[parent.id];
  let merged = replies;
  if (existing) for (const r of existing.replies) merged = upsertSorted(merged, r);
  set({ threads: { ...state.threads, [parent.id]: { parent, replies: merged } } });
  ingest([parent, ...replies]);
  return { parentId: parent.id };
}

// ---------- outbox ----------

let outboxKey: string | null = null;

function persistOutbox(): void {
  if (!outboxKey) return;
  try {
    const entries = Object.values(state.outbox);
    if (entries.length === 0) localStorage.removeItem(outboxKey);
    else localStorage.setItem(outboxKey, JSON.stringify(entries));
  } catch {
    // Storage full or private mode: the outbox lives in memory only.
  }
}

function restoreOutbox(): void {
  if (!outboxKey) return;
  try {
    const raw = localStorage.getItem(outboxKey);
    if (!raw) return;
    const entries = JSON.parse(raw) as OutboxEntry[];
    const outbox: Record<string, OutboxEntry> = {};
    // Whatever was in flight when the page went away shows as failed: Retry is safe (same clientId).
    for (const e of entries) outbox[e.clientId] = { ...e, status: 'failed', error: e.error };
    state = { ...state, outbox };
  } catch {
    // Unreadable: start clean.
  }
}

function patchOutbox(clientId: string, change: ((e: OutboxEntry) => OutboxEntry) | null): void {
  const outbox = { ...state.outbox };
  const entry = outbox[clientId];
  if (!entry) return;
  if (change) outbox[clientId] = change(entry);
  else delete outbox[clientId];
  set({ outbox });
  persistOutbox();
}

/** A failure that may pass by itself (timeout, server hiccup, database briefly away). */
const retriable = (e: WireError | null) => e?.code === 'INTERNAL' || e?.code === 'UNAVAILABLE';

/** Automatic resends of a transient failure before showing Retry. */
const AUTO_RETRIES = 2;

async function deliver(clientId: string, attempt = 0): Promise<void> {
  const entry = state.outbox[clientId];
  if (!entry) return;
  patchOutbox(clientId, (e) => ({ ...e, status: 'pending', error: null }));
  const payload = entry.parentId
    ? { channelId: entry.channelId, clientId, body: entry.body, parentId: entry.parentId }
    : { channelId: entry.channelId, clientId, body: entry.body };
  const res = await request('message:send', payload);
  if (res.ok) {
    ingest([res.data]);
    patchOutbox(clientId, null);
    maybeMarkRead();
  } else if (state.outbox[clientId]) {
    // Same clientId every time: the server stores the message at most once.
    if (retriable(res.error) && attempt < AUTO_RETRIES && socket.connected) {
      setTimeout(() => void deliver(clientId, attempt + 1), 1000 * 3 ** attempt);
      return;
    }
    patchOutbox(clientId, (e) => ({ ...e, status: 'failed', error: res.error }));
  }
}

/** Shows the message at once as pending and sends it; a failure leaves it with Retry. */
export function sendMessage(channelId: string, body: string, parentId: string | null = null): string {
  const clientId = newClientId();
  const entry: OutboxEntry = { clientId, channelId, parentId, body, status: 'pending', error: null, createdAt: new Date().toISOString() };
  set({ outbox: { ...state.outbox, [clientId]: entry } });
  persistOutbox();
  void deliver(clientId);
  return clientId;
}

/** Sends the same clientId again, so the server stores the message once. */
export function retryMessage(clientId: string): void {
  void deliver(clientId);
}

export function discardMessage(clientId: string): void {
  patchOutbox(clientId, null);
}

// ---------- read positions ----------

function windowActive(): boolean {
  return typeof document !== 'undefined' && document.visibilityState === 'visible' && document.hasFocus();
}

export async function loadReadStates(communityId: string): Promise<void> {
  const res = await request('channel:readStates', { communityId });
  if (!res.ok) return;
  const readStates = { ...state.readStates };
  for (const rs of res.data) readStates[rs.channelId] = rs;
  set({ readStates });
  captureDivider();
  maybeMarkRead();
}

function captureDivider(): void {
  const ch = activeChannelId;
  if (!ch || ch in state.dividerSeq) return;
  const rs = state.readStates[ch];
  if (!rs) return;
  set({ dividerSeq: { ...state.dividerSeq, [ch]: rs.unread > 0 ? rs.lastReadSeq : null } });
}

/** Marks the open channel read up to the newest message held, when the user can see it. */
function maybeMarkRead(): void {
  const ch = activeChannelId;
  if (!ch || !windowActive() || !socket.connected) return;
  const tl = state.timelines[ch];
  const rs = state.readStates[ch];
  if (!tl?.loaded || !rs) return;
  captureDivider();
  const seq = tl.maxSeq;
  if (seq <= rs.lastReadSeq && rs.unread === 0) return;
  if ((markSent[ch] ?? 0) >= seq) return;
  markSent[ch] = seq;
  void request('channel:markRead', { channelId: ch, seq }).then((res) => {
    if (res.ok) setReadState(res.data);
    else markSent[ch] = 0;
  });
}

function setReadState(rs: ChannelReadState): void {
  const old = state.readStates[rs.channelId];
  // Another tab may have read further; keep the furthest position.
  if (old && old.lastReadSeq > rs.lastReadSeq) return;
  set({ readStates: { ...state.readStates, [rs.channelId]: { ...rs, lastSeq: Math.max(rs.lastSeq, old?.lastSeq ?? 0) } } });
}

/** The channel the user has open (null when none); drives marking read and the divider. */
export function setActiveChannel(channelId: string | null): void {
  if (activeChannelId === channelId) return;
  activeChannelId = channelId;
  if (channelId) {
    const dividerSeq = { ...state.dividerSeq };
    delete dividerSeq[channelId];
    set({ dividerSeq });
    captureDivider();
    maybeMarkRead();
  }
}

export function setActiveCommunity(communityId: string | null): void {
  activeCommunityId = communityId;
}

// ---------- presence ----------

export async function loadPresence(communityId: string): Promise<void> {
  const res = await request('presence:list', { communityId });
  if (!res.ok) return;
  const online: Record<string, string> = {};
  for (const p of res.data) online[p.userId] = p.displayName;
  set({ presence: { ...state.presence, [communityId]: online } });
}

// ---------- typing ----------

let typingTimer: ReturnType<typeof setTimeout> | undefined;

function pruneTyping(): void {
  const now = Date.now();
  const typing: Record<string, TypingEntry[]> = {};
  let next = Infinity;
  let changed = false;
  for (const [ch, list] of Object.entries(state.typing)) {
    const alive = list.filter((e) => e.until > now);
    if (alive.length !== list.length) changed = true;
    if (alive.length > 0) typing[ch] = alive;
    for (const e of alive) next = Math.min(next, e.until);
  }
  if (changed) set({ typing });
  clearTimeout(typingTimer);
  if (next !== Infinity) typingTimer = setTimeout(pruneTyping, next - now + 50);
}

function dropTyping(channelId: string, userId: string): void {
  const list = state.typing[channelId];
  if (!list?.some((e) => e.userId === userId)) return;
  set({ typing: { ...state.typing, [channelId]: list.filter((e) => e.userId !== userId) } });
}

let lastTypingSent = 0;
let lastTypingChannel: string | null = null;

/** Tells others the user is typing, at most every 2 seconds per channel. */
export function notifyTyping(channelId: string): void {
  const now = Date.now();
  if (lastTypingChannel === channelId && now - lastTypingSent < 2000) return;
  lastTypingSent = now;
  lastTypingChannel = channelId;
  void request('typing:start', { channelId });
}

// ---------- notifications ----------

export async function loadNotifications(): Promise<void> {
  const res = await request('notification:list', { limit: 30 });
  if (!res.ok) return;
  set({ notifications: { items: res.data.items, unread: res.data.unread, loaded: true } });
}

export async function markNotificationsRead(ids?: string[]): Promise<void> {
  const res = await request('notification:markRead', ids ? { ids } : {});
  if (!res.ok) return;
  const now = new Date().toISOString();
  const items = state.notifications.items.map((n) => (!n.readAt && (!ids || ids.includes(n.id)) ? { ...n, readAt: now } : n));
  set({ notifications: { ...state.notifications, items, unread: res.data.unread } });
}

// ---------- session lifecycle ----------

let hiddenSince: number | null = null;

/** Starts the store for a signed-in user (outbox scoped to them). */
export function startChat(userId: string): void {
  if (me === userId) return;
  me = userId;
  outboxKey = `linli.outbox.${userId}`;
  state = emptyState();
  // Called while rendering, before any chat component subscribed: no listener to notify.
  restoreOutbox();
}

function markAllStale(): void {
  const timelines: Record<string, Timeline> = {};
  for (const [id, tl] of Object.entries(state.timelines)) timelines[id] = tl.loaded ? { ...tl, stale: true } : tl;
  set({ timelines });
}

/** After a gap we may have missed events: resync what is on screen and refresh counters. */
function resyncAfterGap(): void {
  markAllStale();
  if (activeChannelId) void syncChannel(activeChannelId);
  for (const th of Object.keys(state.threads)) void openThread(th);
  if (activeCommunityId) {
    void loadReadStates(activeCommunityId);
    void loadPresence(activeCommunityId);
  }
  void loadNotifications();
}

socket.on('connect', () => {
  if (!me) return;
  // Sends that failed for lack of a connection go out again by themselves.
  for (const e of Object.values(state.outbox)) {
    if (e.status === 'failed' && retriable(e.error)) void deliver(e.clientId);
  }
  // Every (re)connect catches up from the settled cursors: exact, whatever was missed.
  resyncAfterGap();
});

socket.on('message:created', (m) => {
  ingest([m]);
  dropTyping(m.channelId, m.authorId);
  if (m.parentId === null && m.authorId !== me) {
    const rs = state.readStates[m.channelId];
    if (rs && m.seq > rs.lastSeq) {
      const seen = m.channelId === activeChannelId && windowActive();
      set({
        readStates: {
          ...state.readStates,
          [m.channelId]: { ...rs, lastSeq: m.seq, unread: seen ? rs.unread : rs.unread + 1 },
        },
      });
    }
  } else {
    const rs = state.readStates[m.channelId];
    if (rs && m.seq > rs.lastSeq) set({ readStates: { ...state.readStates, [m.channelId]: { ...rs, lastSeq: m.seq } } });
  }
  if (m.channelId === activeChannelId) maybeMarkRead();
});

socket.on('message:updated', (m) => ingest([m]));
socket.on('read:updated', (rs) => setReadState(rs));

socket.on('typing:updated', (p) => {
  if (p.userId === me) return;
  const until = Date.now() + LIMITS.typingTtlSeconds * 1000;
  const list = (state.typing[p.channelId] ?? []).filter((e) => e.userId !== p.userId);
  set({ typing: { ...state.typing, [p.channelId]: [...list, { userId: p.userId, displayName: p.displayName, until }] } });
  pruneTyping();
});

socket.on('presence:changed', (p) => {
  const current = state.presence[p.communityId];
  if (!current) return;
  const next = { ...current };
  for (const c of p.changes) {
    if (c.online) next[c.userId] = c.displayName;
    else delete next[c.userId];
  }
  set({ presence: { ...state.presence, [p.communityId]: next } });
});

socket.on('notification:created', (n) => {
  const { unread, ...item } = n;
  const items = [item, ...state.notifications.items.filter((x) => x.id !== item.id)];
  set({ notifications: { ...state.notifications, items, unread } });
});

if (typeof document !== 'undefined') {
  const onActive = () => maybeMarkRead();
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') {
      hiddenSince = Date.now();
      return;
    }
    const away = hiddenSince === null ? 0 : Date.now() - hiddenSince;
    hiddenSince = null;
    if (away > 60_000 && me && socket.connected) resyncAfterGap();
    else onActive();
  });
  window.addEventListener('focus', onActive);
}

/** Current user's id, as the store knows it. */
export function chatUserId(): string | null {
  return me;
}

/** Applies messages returned by an ack (edit, delete, react, hide) right away. */
export function applyMessages(messages: Message[]): void {
  ingest(messages);
}
