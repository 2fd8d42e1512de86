import { describe, expect, it } from 'vitest';
import { clientEvents, type ClientEventName } from '@linli/shared';
import { capability, composeHandlers, type HandlerMap } from './capability.js';

const answer = async () => ({}) as never;
/** One handler per command of the shared contract, split over two capabilities. */
function everyCommand(): [Partial<HandlerMap>, Partial<HandlerMap>] {
  const names = Object.keys(clientEvents) as ClientEventName[];
  const half = Math.floor(names.length / 2);
  const part = (list: ClientEventName[]) => Object.fromEntries(list.map((name) => [name, answer])) as Partial<HandlerMap>;
  return [part(names.slice(0, half)), part(names.slice(half))];
}

describe('composeHandlers', () => {
  it('merges capabilities that together handle every command once', () => {
    const [a, b] = everyCommand();
    const map = composeHandlers([capability('a', a), capability('b', b)]);
    expect(Object.keys(map).sort()).toEqual(Object.keys(clientEvents).sort());
  });

  it('names a command no capability handles', () => {
    const [a] = everyCommand();
    expect(() => composeHandlers([capability('a', a)])).toThrow(/No capability handles/);
  });

  it('names a command two capabilities both handle', () => {
    const [a, b] = everyCommand();
    expect(() => composeHandlers([capability('a', a), capability('b', b), capability('c', { 'message:send': answer })])).toThrow(/message:send is handled by both [ab] and c/);
  });

  it('refuses a handler for a command no contract declares', () => {
    const [a, b] = everyCommand();
    const stray = { 'poll:vote': answer } as unknown as Partial<HandlerMap>;
    expect(() => composeHandlers([capability('a', a), capability('b', b), capability('polls', stray)])).toThrow(/polls handles poll:vote/);
  });
});
