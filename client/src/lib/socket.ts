/** The one typed socket of the app, the request helper and the connection-state store. */
import { useEffect, useEffectEvent, useSyncExternalStore } from 'react';
import { io, type Socket } from 'socket.io-client';
import type {
  Ack,
  ClientEventName,
  ClientToServerEvents,
  EventInput,
  EventResults,
  ServerEventName,
  ServerToClientEvents,
} from '@linli/shared';

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Payload of a server notification (every notification carries exactly one). */
export type ServerPayload<E extends ServerEventName> = Parameters<ServerToClientEvents[E]>[0];

const REQUEST_TIMEOUT_MS = 10_000;

// Not connected until a session exists: the handshake authenticates with the session cookie.
export const socket: AppSocket = io({
  autoConnect: false,
  withCredentials: true,
  transports: ['websocket', 'polling'],
});

/** Sends a client command and resolves with its ack; a timeout becomes an INTERNAL error. */
export async function request<E extends ClientEventName>(
  event: E,
  payload: EventInput<E>,
): Promise<Ack<EventResults[E]>> {
  // socket.io cannot narrow its variadic emit signature through a generic event name.
  const emitter = socket.timeout(REQUEST_TIMEOUT_MS) as unknown as {
    emitWithAck(event: E, payload: EventInput<E>): Promise<Ack<EventResults[E]>>;
  };
  try {
    return await emitter.emitWithAck(event, payload);
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: 'timeout' } };
  }
}

export type ConnectionState = 'connected' | 'reconnecting' | 'offline';

interface ConnectionSnapshot {
  state: ConnectionState;
  /** Increments on every successful connect, so data hooks can refetch after a reconnect. */
  epoch: number;
}

let snapshot: ConnectionSnapshot = { state: 'offline', epoch: 0 };
/** True while a session exists and the socket should stay up. */
let wanted = false;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<() => void>();

function currentState(): ConnectionState {
  if (socket.connected) return 'connected';
  if (typeof navigator !== 'undefined' && !navigator.onLine) return 'offline';
  return socket.active || wanted ? 'reconnecting' : 'offline';
}

function publish(epoch = snapshot.epoch): void {
  const state = currentState();
  if (state === snapshot.state && epoch === snapshot.epoch) return;
  snapshot = { state, epoch };
  for (const listener of listeners) listener();
}

socket.on('connect', () => publish(snapshot.epoch + 1));
socket.on('disconnect', (reason) => {
  // A server restart closes sockets the same way a kick does; socket.io then does not retry.
  // A real session end arrives first as 'session:ended' and clears `wanted`.
  if (reason === 'io server disconnect' && wanted) scheduleReconnect();
  publish();
});
socket.on('connect_error', () => publish());
socket.io.on('reconnect_attempt', () => publish());
socket.io.on('reconnect_failed', () => publish());
if (typeof window !== 'undefined') {
  window.addEventListener('online', () => publish());
  window.addEventListener('offline', () => publish());
}

function scheduleReconnect(): void {
  clearTimeout(retryTimer);
  const delay = 1000 + Math.random() * 2000; // spread a restart's reconnect burst
  retryTimer = setTimeout(() => {
    if (wanted && !socket.active) socket.connect();
  }, delay);
}

/** Opens the socket once a session cookie exists. */
export function connectSocket(): void {
  wanted = true;
  if (!socket.active) socket.connect();
  publish();
}

/** Closes the socket (logout, session ended); it will not reconnect by itself. */
export function disconnectSocket(): void {
  wanted = false;
  clearTimeout(retryTimer);
  socket.disconnect();
  publish();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Live connection state plus a reconnect counter. */
export function useConnection(): ConnectionSnapshot {
  return useSyncExternalStore(subscribe, () => snapshot);
}

interface NotificationTarget<E extends ServerEventName> {
  on(event: E, listener: (payload: ServerPayload<E>) => void): void;
  off(event: E, listener: (payload: ServerPayload<E>) => void): void;
}

/** Subscribes to one server notification for the lifetime of the component. */
export function useServerEvent<E extends ServerEventName>(
  event: E,
  handler: (payload: ServerPayload<E>) => void,
): void {
  const onEvent = useEffectEvent(handler);
  useEffect(() => {
    const listener = (payload: ServerPayload<E>) => onEvent(payload);
    // socket.io's listener type cannot be resolved for a generic event name; the map above fixes the payload.
    const target = socket as unknown as NotificationTarget<E>;
    target.on(event, listener);
    return () => {
      target.off(event, listener);
    };
  }, [event]);
}
