/**
 * How a capability declares its part of the wire contract: the commands it
 * accepts (name -> payload schema), what each answers (type only), the
 * notifications it sends (type only) and its permission rules. capabilities.ts
 * lists every capability's contract; events.ts merges their commands and
 * notifications into the one event map both sides use, policy.ts their rules.
 */
import type { ZodType } from 'zod';
import type { Actor } from './actor.js';

/** A permission rule: a pure function of who asks and what about. */
export type Rule<R = void> = (actor: Actor, resource: R) => boolean;

/** Any rule, whatever resource it reads (a rule of R is a rule of never: parameters are contravariant). */
export type AnyRule = Rule<never>;

/** Calls a rule whose resource type the caller has checked (the action's own). */
export const applyRule = (rule: AnyRule, actor: Actor, resource: unknown): boolean => (rule as Rule<unknown>)(actor, resource);

export interface Contract<Commands extends Record<string, ZodType>, Results, Notifications, Rules extends Record<string, AnyRule>> {
  readonly commands: Commands;
  readonly rules: Rules;
  /** Type carriers only; never set at run time. */
  readonly types?: { results: Results; notifications: Notifications };
}

/**
 * defineContract<Results, Notifications>()({ commands, rules }): the results
 * interface names exactly the commands (a missing or extra schema is a compile error).
 */
export function defineContract<Results extends object, Notifications extends object = object>() {
  return <Commands extends { [K in keyof Results]: ZodType }, Rules extends Record<string, AnyRule> = Record<never, AnyRule>>(parts: {
    commands: Commands & Record<Exclude<keyof Commands, keyof Results>, never>;
    rules?: Rules;
  }): Contract<Commands, Results, Notifications, Rules> => ({ commands: parts.commands, rules: (parts.rules ?? {}) as Rules });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyContract = Contract<any, any, any, any>;
export type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
export type CommandsOf<C extends AnyContract> = UnionToIntersection<C extends Contract<infer X, unknown, unknown, Record<string, AnyRule>> ? X : never>;
export type ResultsOf<C extends AnyContract> = UnionToIntersection<C extends Contract<Record<string, ZodType>, infer X, unknown, Record<string, AnyRule>> ? X : never>;
export type NotificationsOf<C extends AnyContract> = UnionToIntersection<C extends Contract<Record<string, ZodType>, unknown, infer X, Record<string, AnyRule>> ? X : never>;
export type RulesOf<C extends AnyContract> = UnionToIntersection<C extends Contract<Record<string, ZodType>, unknown, unknown, infer X> ? X : never>;

/** Merges one field of every contract, refusing a name two capabilities both claim. */
export function mergeParts<T extends object>(parts: readonly T[], what: string): T {
  const out: Record<string, unknown> = {};
  for (const part of parts) {
    for (const [name, value] of Object.entries(part)) {
      if (Object.hasOwn(out, name)) throw new Error(`${what} ${name} is declared by two capabilities`);
      out[name] = value;
    }
  }
  return out as T;
}
