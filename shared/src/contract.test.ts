import { describe, expect, it } from 'vitest';
import { contracts } from './capabilities.js';
import { mergeParts } from './contract.js';
import { clientEvents } from './events.js';
import { actions } from './policy.js';

describe('capability contracts', () => {
  it('merge into one event map and one rule set, each name declared once', () => {
    const commands = contracts.flatMap((c) => Object.keys(c.commands));
    expect(new Set(commands).size).toBe(commands.length);
    expect(Object.keys(clientEvents).sort()).toEqual([...commands].sort());
    const rules = contracts.flatMap((c) => Object.keys(c.rules));
    expect(new Set(rules).size).toBe(rules.length);
    expect([...actions].sort()).toEqual([...rules].sort());
  });

  it('refuse a name two capabilities both claim', () => {
    expect(() => mergeParts([{ 'poll:vote': 1 }, { 'poll:vote': 2 }], 'Command')).toThrow(/Command poll:vote is declared by two capabilities/);
  });

  // A capability's name may carry digits after its first letter (open311).
  it('command names are capability:verb and rule names capability.verb', () => {
    for (const name of Object.keys(clientEvents)) expect(name).toMatch(/^[a-z][a-z0-9]*:[a-zA-Z]+$/);
    for (const name of actions) expect(name).toMatch(/^[a-z][a-zA-Z0-9]*\.[a-zA-Z]+$/);
  });
});
