/**
 * Every permission rule of Linli, merged from the capabilities' contracts:
 * the server enforces `can(actor, action, resource)`, the client asks the same
 * function which buttons to show.
 */
import type { Actor } from './actor.js';
import { applyRule, mergeParts, type AnyRule, type RulesOf } from './contract.js';
import { contracts, type AnyCapabilityContract } from './capabilities.js';

type Rules = RulesOf<AnyCapabilityContract>;

export const rules: Rules = mergeParts<Record<string, AnyRule>>(
  contracts.map((c) => c.rules),
  'Rule',
) as unknown as Rules;

export type Action = keyof Rules & string;
/** What the rule for an action reads besides the actor (void: nothing). */
export type ResourceOf<A extends Action> = Parameters<Rules[A]>[1];

type ResourceArgs<A extends Action> = [ResourceOf<A>] extends [void] ? [] : [resource: ResourceOf<A>];

export const actions = Object.keys(rules) as Action[];

/** Whether the actor may do the action (to the resource, for rules that read one). */
export function can<A extends Action>(actor: Actor, action: A, ...resource: ResourceArgs<A>): boolean {
  return applyRule(rules[action] as AnyRule, actor, resource[0]);
}
