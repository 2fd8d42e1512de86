/**
 * The event map: every client command with its payload schema and result type,
 * and every server notification, merged from the capabilities' contracts.
 * Both sides derive their socket types from it.
 */
import type { z } from 'zod';
import type { Ack } from './errors.js';
import { mergeParts, type CommandsOf, type NotificationsOf, type ResultsOf } from './contract.js';
import { contracts, type AnyCapabilityContract } from './capabilities.js';

/** Client-to-server event names mapped to the schema of their payload. */
export const clientEvents: CommandsOf<AnyCapabilityContract> = mergeParts(
  contracts.map((c) => c.commands),
  'Command',
) as CommandsOf<AnyCapabilityContract>;

export type ClientEventName = keyof typeof clientEvents & string;

/** Parsed (server-side) payload of a client event. */
export type EventPayload<E extends ClientEventName> = z.output<(typeof clientEvents)[E]>;
/** Payload as the client sends it (defaults may be omitted). */
export type EventInput<E extends ClientEventName> = z.input<(typeof clientEvents)[E]>;

/** What each client command answers with inside `{ ok: true, data }`. */
export type EventResults = ResultsOf<AnyCapabilityContract>;

/** socket.io typing for client-to-server events. */
export type ClientToServerEvents = {
  [E in ClientEventName]: (payload: EventInput<E>, ack: (res: Ack<EventResults[E]>) => void) => void;
};

/** Server-to-client notifications (past tense). */
export type ServerToClientEvents = NotificationsOf<AnyCapabilityContract>;

export type ServerEventName = keyof ServerToClientEvents;

// Every command has a result type and every result a command (checked by the compiler).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const commandsMatchResults: Same<ClientEventName, keyof EventResults & string> = true;
void commandsMatchResults;
