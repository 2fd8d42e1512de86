/**
 * A capability is one folder: its models, service, socket handlers and tests.
 * It hands the gateway the handlers of the commands its shared contract
 * declares; services.ts lists the capabilities and this module merges them into the
 * one complete handler map.
 */
import { clientEvents, type ClientEventName, type EventPayload, type EventResults } from '@linli/shared';
import type { Caller } from './context/caller.js';

export type Handler<Command extends ClientEventName> = (caller: Caller, payload: EventPayload<Command>) => Promise<EventResults[Command]>;
export type HandlerMap = { [Command in ClientEventName]: Handler<Command> };

export interface Capability {
  name: string;
  handlers: Partial<HandlerMap>;
}

/** Declares a capability; `handlers` may only name commands of the shared contract. */
export const capability = (name: string, handlers: Partial<HandlerMap>): Capability => ({ name, handlers });

/** Every command answered by exactly one capability, or an error naming what is wrong (checked at boot and in tests). */
export function composeHandlers(capabilities: readonly Capability[]): HandlerMap {
  const out: Partial<Record<string, unknown>> = {};
  const owner = new Map<string, string>();
  for (const cap of capabilities) {
    for (const [event, handler] of Object.entries(cap.handlers)) {
      if (!Object.hasOwn(clientEvents, event)) throw new Error(`${cap.name} handles ${event}, which no contract declares`);
      if (owner.has(event)) throw new Error(`${event} is handled by both ${owner.get(event)} and ${cap.name}`);
      owner.set(event, cap.name);
      out[event] = handler;
    }
  }
  const missing = Object.keys(clientEvents).filter((event) => !owner.has(event));
  if (missing.length > 0) throw new Error(`No capability handles ${missing.join(', ')}`);
  return out as HandlerMap;
}
