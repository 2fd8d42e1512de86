/**
 * The outbox: messages shown at once as pending, sent with a clientId the server stores
 * at most once, resent automatically after a transient failure, kept across reloads.
 */
import type { ArgumentStance, Message, VoiceRef, WireError } from '@linli/shared';
import { request, socket } from '../../../lib/socket';
import type { StoreCore } from './core';
import { newClientId } from './messages';
import type { OutboxEntry } from './types';

/** The outbox saved in localStorage, one key per user. */
export interface OutboxStorage {
  save(outbox: Record<string, OutboxEntry>): void;
  restore(): Record<string, OutboxEntry>;
}

export function outboxStorage(userId: string): OutboxStorage {
  const key = `linli.outbox.${userId}`;
  return {
    save(outbox) {
      try {
        const entries = Object.values(outbox);
        if (entries.length === 0) localStorage.removeItem(key);
        else localStorage.setItem(key, JSON.stringify(entries));
      } catch {
        // Storage full or private mode: the outbox lives in memory only.
      }
    },
    restore() {
      const outbox: Record<string, OutboxEntry> = {};
      try {
        const raw = localStorage.getItem(key);
        if (!raw) return outbox;
        const entries = JSON.parse(raw) as OutboxEntry[];
        // Whatever was in flight when the page went away shows as failed: Retry is safe (same clientId).
        for (const entry of entries) outbox[entry.clientId] = { ...entry, status: 'failed', error: entry.error };
      } catch {
        // Unreadable: start clean.
      }
      return outbox;
    },
  };
}

export interface OutboxDeps {
  storage: OutboxStorage;
  ingest: (messages: Message[]) => void;
  markRead: () => void;
  /** False once the session ended: no resend may go out for a user who left. */
  isLive: () => boolean;
}

export interface Outbox {
  /** Shows the message at once as pending and sends it; a failure leaves it with Retry. Returns its clientId. */
  send(channelId: string, body: string, parentId?: string | null, stance?: ArgumentStance | null, voice?: VoiceRef | null): string;
  /** Sends the same clientId again, so the server stores the message once. */
  retry(clientId: string): void;
  discard(clientId: string): void;
  /** Sends that failed for lack of a connection go out again by themselves (on connect). */
  resendFailed(): void;
}

/** A failure that may pass by itself (timeout, server hiccup, database briefly away). */
const retriable = (error: WireError | null) => error?.code === 'INTERNAL' || error?.code === 'UNAVAILABLE';

/** Automatic resends of a transient failure before showing Retry. */
const AUTO_RETRIES = 2;

export function createOutbox(core: StoreCore, deps: OutboxDeps): Outbox {
  function patch(clientId: string, change: ((entry: OutboxEntry) => OutboxEntry) | null): void {
    const outbox = { ...core.get().outbox };
    const entry = outbox[clientId];
    if (!entry) return;
    if (change) outbox[clientId] = change(entry);
    else delete outbox[clientId];
    core.set({ outbox });
    deps.storage.save(outbox);
  }

  async function deliver(clientId: string, attempt = 0): Promise<void> {
    const entry = core.get().outbox[clientId];
    if (!entry || !deps.isLive()) return;
    patch(clientId, (current) => ({ ...current, status: 'pending', error: null }));
    const voice = entry.voice ? { voice: { id: entry.voice.id } } : {};
    const payload = entry.parentId
      ? { channelId: entry.channelId, clientId, body: entry.body, parentId: entry.parentId, ...voice }
      : { channelId: entry.channelId, clientId, body: entry.body, ...(entry.stance ? { stance: entry.stance } : {}), ...voice };
    const res = await request('message:send', payload);
    if (res.ok) {
      deps.ingest([res.data]);
      patch(clientId, null);
      deps.markRead();
    } else if (core.get().outbox[clientId]) {
      // Same clientId every time: the server stores the message at most once.
      if (retriable(res.error) && attempt < AUTO_RETRIES && socket.connected) {
        setTimeout(() => void deliver(clientId, attempt + 1), 1000 * 3 ** attempt);
        return;
      }
      patch(clientId, (current) => ({ ...current, status: 'failed', error: res.error }));
    }
  }

  return {
    send(channelId, body, parentId = null, stance = null, voice = null) {
      const clientId = newClientId();
      const entry: OutboxEntry = { clientId, channelId, parentId, body, ...(stance ? { stance } : {}), ...(voice ? { voice } : {}), status: 'pending', error: null, createdAt: new Date().toISOString() };
      const outbox = { ...core.get().outbox, [clientId]: entry };
      core.set({ outbox });
      deps.storage.save(outbox);
      void deliver(clientId);
      return clientId;
    },
    retry(clientId) {
      void deliver(clientId);
    },
    discard(clientId) {
      patch(clientId, null);
    },
    resendFailed() {
      for (const entry of Object.values(core.get().outbox)) {
        if (entry.status === 'failed' && retriable(entry.error)) void deliver(entry.clientId);
      }
    },
  };
}
