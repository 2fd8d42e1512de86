import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { countPoll, PollDefinitionError, type PollInput } from './counting.js';

const times = <T>(n: number, ballot: T): T[] => Array.from({ length: n }, () => ballot);

/** A seeded Fisher-Yates shuffle (mulberry32), so a failure can be replayed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('yesno', () => {
  const poll = (threshold: 'majority' | 'two-thirds', yes: number, no: number, abstain: number, extra: unknown[] = []): PollInput => ({
    kind: 'yesno',
    threshold,
    ballots: [...times(yes, 'yes'), ...times(no, 'no'), ...times(abstain, 'abstain'), ...extra],
  });

  it('majority: more yes than no passes, abstentions do not count for the threshold', () => {
    const r = countPoll(poll('majority', 4, 3, 10));
    expect(r).toMatchObject({ passed: true, winners: ['yes'], counts: { yes: 4, no: 3, abstain: 10 }, valid: true, invalid: 0 });
  });

  it('majority: an exact tie fails', () => {
    const r = countPoll(poll('majority', 3, 3, 5));
    expect(r).toMatchObject({ passed: false, winners: ['no'], counts: { yes: 3, no: 3, abstain: 5 } });
  });

  it('two-thirds: exactly two thirds passes, just under fails', () => {
    expect(countPoll(poll('two-thirds', 4, 2, 1)).passed).toBe(true);
    expect(countPoll(poll('two-thirds', 20, 10, 0)).passed).toBe(true);
    expect(countPoll(poll('two-thirds', 3, 2, 0)).passed).toBe(false); // 60 %
    expect(countPoll(poll('two-thirds', 5, 3, 0)).passed).toBe(false); // 62.5 %
    expect(countPoll(poll('two-thirds', 7, 3, 0)).passed).toBe(true); // 70 %
  });

  it('majority is the default threshold', () => {
    expect(countPoll({ kind: 'yesno', ballots: ['yes', 'no'] })).toMatchObject({ passed: false, threshold: 'majority' });
  });

  it('only abstentions (or nothing) fails at either threshold', () => {
    expect(countPoll(poll('majority', 0, 0, 3)).passed).toBe(false);
    expect(countPoll(poll('two-thirds', 0, 0, 3)).passed).toBe(false);
    expect(countPoll(poll('two-thirds', 0, 0, 0)).passed).toBe(false);
  });

  it('bad ballots are invalid and do not stop the count', () => {
    const r = countPoll(poll('majority', 2, 1, 0, ['YES', 1, null, ['yes'], { yes: true }]));
    expect(r).toMatchObject({ passed: true, counts: { yes: 2, no: 1, abstain: 0 }, invalid: 5, ballots: 8, invalidReasons: { 'wrong shape': 5 } });
  });
});

describe('single (plurality)', () => {
  it('the option with the most votes wins', () => {
    const r = countPoll({ kind: 'single', options: ['A', 'B', 'C'], ballots: ['A', 'B', 'A', 'C', 'A'] });
    expect(r).toMatchObject({ winners: ['A'], tied: false, counts: { A: 3, B: 1, C: 1 } });
  });

  it('a tie for first lists every tied option, in option order, with tied: true', () => {
    const r = countPoll({ kind: 'single', options: ['C', 'B', 'A'], ballots: ['A', 'B', 'A', 'B', 'C'] });
    expect(r).toMatchObject({ winners: ['B', 'A'], tied: true, counts: { C: 1, B: 2, A: 2 } });
  });

  it('invalid ballots of every kind are counted and set aside', () => {
    const r = countPoll({ kind: 'single', options: ['A', 'B'], ballots: ['B', 'Z', ['A'], 3, null, '', 'A', 'B'] });
    expect(r).toMatchObject({
      winners: ['B'],
      counts: { A: 1, B: 2 },
      invalid: 5,
      invalidReasons: { 'unknown option': 2, 'wrong shape': 3 },
    });
  });

  it('no valid ballot: no winner', () => {
    expect(countPoll({ kind: 'single', options: ['A', 'B'], ballots: ['Z'] })).toMatchObject({ winners: [], tied: false, invalid: 1 });
  });
});

describe('multiple (approval)', () => {
  const base = { kind: 'multiple' as const, options: ['A', 'B', 'C', 'D'], min: 1, max: 2 };

  it('each pick counts one; a tie for most approvals is reported as a tie', () => {
    const r = countPoll({ ...base, ballots: [['A', 'B'], ['A'], ['B', 'C']] });
    expect(r).toMatchObject({ winners: ['A', 'B'], tied: true, counts: { A: 2, B: 2, C: 1, D: 0 }, invalid: 0 });
  });

  it('min and max picks: too few and too many are invalid, along with duplicates, unknown ids and bad shapes', () => {
    const r = countPoll({
      ...base,
      ballots: [['A', 'B'], ['A', 'B', 'C'], [], ['A', 'A'], ['A', 'Z'], 'A', [1], ['C'], { A: true }],
    });
    expect(r).toMatchObject({
      winners: ['A', 'B', 'C'],
      tied: true,
      counts: { A: 1, B: 1, C: 1, D: 0 },
      invalid: 7,
      invalidReasons: { 'too many picks': 1, 'too few picks': 1, 'duplicate option': 1, 'unknown option': 1, 'wrong shape': 3 },
    });
  });

  it('min 0 allows a blank ballot; max defaults to every option', () => {
    const r = countPoll({ kind: 'multiple', options: ['A', 'B', 'C'], min: 0, ballots: [[], ['A', 'B', 'C'], ['C']] });
    expect(r).toMatchObject({ winners: ['C'], counts: { A: 1, B: 1, C: 2 }, invalid: 0 });
  });

  it('a definition with min > max or max > options throws', () => {
    expect(() => countPoll({ ...base, min: 3, max: 2, ballots: [] })).toThrow(/min \(3\) is more than max \(2\)/);
    expect(() => countPoll({ ...base, max: 5, ballots: [] })).toThrow(/max \(5\) is more than the 4 options/);
  });
});

describe('ranked (instant run-off)', () => {
  // Round 1: A4 B3 C2 D3 of 12, nobody above 6: C (fewest) out; its ballots [C] are exhausted.
  // Round 2: A4 B3 D3 of 10, exhausted 2: B and D tie for fewest with 3, tied in
  //   round 1 too, so the option listed later (D) is eliminated.
  // Round 3: [D,B] goes to B, [D] is exhausted: A4 B5 of 9, exhausted 3: B (5 > 4.5) wins.
  const election: PollInput = {
    kind: 'ranked',
    options: ['A', 'B', 'C', 'D'],
    ballots: [...times(4, ['A']), ...times(3, ['B', 'C']), ...times(2, ['C']), ...times(2, ['D', 'B']), ['D']],
  };

  it('several rounds, partial rankings, exhausted ballots per round, an elimination tie decided by option order', () => {
    const r = countPoll(election);
    expect(r).toMatchObject({
      valid: true,
      winners: ['B'],
      counts: { A: 4, B: 3, C: 2, D: 3 },
      rounds: [
        { A: 4, B: 3, C: 2, D: 3 },
        { A: 4, B: 3, D: 3 },
        { A: 4, B: 5 },
      ],
      exhaustedPerRound: [0, 2, 3],
      eliminated: ['C', 'D', null],
      tieBreaks: [null, { tied: ['B', 'D'], decidedBy: 'option order' }, null],
      exhausted: 3,
      invalid: 0,
    });
  });

  it('an elimination tie is decided first by fewer first preferences', () => {
    // Round 1: A5 B2 C3 D1 of 11: D out, its [D,B] goes to B.
    // Round 2: A5 B3 C3: B and C tie; B had fewer first preferences (2 < 3), so B is
    //   out (option order alone would have eliminated C).
    // Round 3: B's ballots are exhausted (3): A5 C3 of 8: A wins.
    const r = countPoll({
      kind: 'ranked',
      options: ['A', 'B', 'C', 'D'],
      ballots: [...times(5, ['A']), ...times(2, ['B']), ...times(3, ['C']), ['D', 'B']],
    });
    expect(r).toMatchObject({
      winners: ['A'],
      rounds: [{ A: 5, B: 2, C: 3, D: 1 }, { A: 5, B: 3, C: 3 }, { A: 5, C: 3 }],
      exhaustedPerRound: [0, 0, 3],
      eliminated: ['D', 'B', null],
      tieBreaks: [null, { tied: ['B', 'C'], decidedBy: 'first preferences' }, null],
      exhausted: 3,
    });
  });

  it('then by fewer votes in the earliest round where they differ', () => {
    // Round 1: A5 X3 Y3 E1 F2 of 14: E out, [E,Y] goes to Y.
    // Round 2: A5 X3 Y4 F2: F out, [F,X] goes to X, [F] is exhausted.
    // Round 3: A5 X4 Y4 of 13 (exhausted 1): X and Y tie, equal in round 1 (3 = 3);
    //   in round 2 X had 3 < 4, so X is out (option order would have eliminated Y).
    // Round 4: [X,A] x3 go to A, [F,X] is exhausted: A8 Y4 of 12: A wins.
    const r = countPoll({
      kind: 'ranked',
      options: ['A', 'X', 'Y', 'E', 'F'],
      ballots: [...times(5, ['A']), ...times(3, ['X', 'A']), ...times(3, ['Y']), ['E', 'Y'], ['F', 'X'], ['F']],
    });
    expect(r).toMatchObject({
      winners: ['A'],
      rounds: [
        { A: 5, X: 3, Y: 3, E: 1, F: 2 },
        { A: 5, X: 3, Y: 4, F: 2 },
        { A: 5, X: 4, Y: 4 },
        { A: 8, Y: 4 },
      ],
      exhaustedPerRound: [0, 0, 1, 2],
      eliminated: ['E', 'F', 'X', null],
      tieBreaks: [null, null, { tied: ['X', 'Y'], decidedBy: 'earliest differing round' }, null],
      exhausted: 2,
    });
  });

  it('a first-round majority wins at once', () => {
    const r = countPoll({ kind: 'ranked', options: ['A', 'B', 'C'], ballots: [['A', 'B'], ['A'], ['B', 'A']] });
    expect(r).toMatchObject({ winners: ['A'], rounds: [{ A: 2, B: 1, C: 0 }], eliminated: [null], exhausted: 0 });
  });

  it('invalid rankings are counted and set aside', () => {
    const r = countPoll({
      ...election,
      ballots: [...(election.ballots as unknown[]), [], ['A', 'A'], ['A', 'Z'], 'A', { 1: 'A' }, ['A', 2]],
    });
    expect(r).toMatchObject({
      winners: ['B'],
      exhausted: 3,
      invalid: 6,
      invalidReasons: { 'too few picks': 1, 'duplicate option': 1, 'unknown option': 1, 'wrong shape': 3 },
    });
  });

  it('every ballot exhausted: no winner', () => {
    expect(countPoll({ kind: 'ranked', options: ['A', 'B'], ballots: [] })).toMatchObject({
      winners: [],
      rounds: [{ A: 0, B: 0 }],
      exhausted: 0,
    });
  });
});

describe('score', () => {
  it('ranked by mean over the scores given, unscored options ranked last with no mean', () => {
    // A: 5, 3, 4 -> 4 (3 scores); B: 3, 5, 4 -> 4 (3 scores); C: 5 -> 5 (1 score); D: unscored.
    const r = countPoll({
      kind: 'score',
      options: ['D', 'B', 'A', 'C'],
      ballots: [{ A: 5, B: 3 }, { A: 3, B: 5 }, { A: 4 }, { B: 4, C: 5 }],
    });
    expect(r).toMatchObject({
      winners: ['C'],
      tied: false,
      counts: { D: 0, B: 3, A: 3, C: 1 },
      sums: { D: 0, B: 12, A: 12, C: 5 },
      means: { D: null, B: 4, A: 4, C: 5 },
      ranking: ['C', 'B', 'A', 'D'],
    });
  });

  it('equal means: more scores first, then option order (reported as tied)', () => {
    const more = countPoll({ kind: 'score', options: ['B', 'A'], ballots: [{ A: 4 }, { A: 4 }, { B: 4 }] });
    expect(more).toMatchObject({ winners: ['A'], tied: false, ranking: ['A', 'B'], means: { A: 4, B: 4 }, counts: { A: 2, B: 1 } });
    const order = countPoll({ kind: 'score', options: ['B', 'A'], ballots: [{ A: 3, B: 3 }] });
    expect(order).toMatchObject({ winners: ['B'], tied: true, ranking: ['B', 'A'] });
  });

  it('means are compared exactly (2/3 against 0.6666...)', () => {
    // A: 1, 1, 0 -> 2/3; B: 2, 0, 0 -> 2/3: equal, then option order.
    const r = countPoll({ kind: 'score', options: ['B', 'A'], ballots: [{ A: 1, B: 2 }, { A: 1, B: 0 }, { A: 0, B: 0 }] });
    expect(r).toMatchObject({ winners: ['B'], tied: true });
  });

  it('scores out of range, unknown options and bad shapes are invalid', () => {
    const r = countPoll({
      kind: 'score',
      options: ['A', 'B'],
      ballots: [{ A: 2 }, { A: 6 }, { A: -1 }, { A: 2.5 }, { Z: 1 }, { A: '5' }, {}, 'A', [3], null],
    });
    expect(r).toMatchObject({
      winners: ['A'],
      means: { A: 2, B: null },
      invalid: 9,
      invalidReasons: { 'score out of range': 3, 'unknown option': 1, 'wrong shape': 4, 'too few picks': 1 },
    });
  });
});

describe('budget (greedy participatory budgeting)', () => {
  // Budget 100. Votes: library 6 (40), park 5 (70), bench 4 (20), lights 4 (30), mural 0 (10).
  // Order: library, park, bench (4 votes, cheaper), lights, mural.
  // library won (60 left); park does not fit (70 > 60); bench won (40 left); lights won (10 left);
  // mural had no votes.
  const election: PollInput = {
    kind: 'budget',
    options: [
      { id: 'park', cost: 70 },
      { id: 'library', cost: 40 },
      { id: 'lights', cost: 30 },
      { id: 'bench', cost: 20 },
      { id: 'mural', cost: 10 },
    ],
    budget: 100,
    ballots: [
      ...times(4, ['park', 'bench']),
      ['park'],
      ...times(4, ['library', 'lights']),
      ...times(2, ['library']),
      ['park', 'library'], // 110: over budget
      [],
      ['park', 'park'],
      ['nowhere'],
      'park',
    ],
  };

  it('a popular but expensive option loses to cheaper ones, with the reason for each option', () => {
    const r = countPoll(election);
    expect(r).toMatchObject({
      winners: ['library', 'bench', 'lights'],
      counts: { park: 5, library: 6, lights: 4, bench: 4, mural: 0 },
      order: ['library', 'park', 'bench', 'lights', 'mural'],
      budgetReasons: {
        park: 'lost: did not fit (cost 70 > remaining budget 60)',
        library: 'won',
        lights: 'won',
        bench: 'won',
        mural: 'lost: no votes',
      },
      spent: 90,
      remaining: 10,
      invalid: 5,
      invalidReasons: { 'over budget': 1, 'too few picks': 1, 'duplicate option': 1, 'unknown option': 1, 'wrong shape': 1 },
    });
  });

  it('equal votes and cost: option order', () => {
    const r = countPoll({
      kind: 'budget',
      options: [{ id: 'x', cost: 60 }, { id: 'y', cost: 60 }],
      budget: 100,
      ballots: [['y'], ['x']],
    });
    expect(r).toMatchObject({ winners: ['x'], budgetReasons: { x: 'won', y: 'lost: did not fit (cost 60 > remaining budget 40)' } });
  });
});

describe('quorum and turnout', () => {
  const poll = (ballots: unknown[]): PollInput => ({ kind: 'single', options: ['A', 'B'], quorum: 0.3, eligible: 10, ballots });

  it('below quorum the poll is not valid and has no winner, counts still shown', () => {
    const r = countPoll(poll(['A', 'A']));
    expect(r).toMatchObject({ valid: false, winners: [], counts: { A: 2, B: 0 }, turnout: 0.2, quorumBallots: 3 });
  });

  it('exactly at quorum is valid; invalid ballots count for turnout', () => {
    const r = countPoll(poll(['A', 'A', 'Z']));
    expect(r).toMatchObject({ valid: true, winners: ['A'], turnout: 0.3, invalid: 1, quorumBallots: 3 });
  });

  it('a yes/no poll below quorum does not pass; a budget poll funds nothing', () => {
    expect(countPoll({ kind: 'yesno', quorum: 0.5, eligible: 4, ballots: ['yes'] })).toMatchObject({ valid: false, passed: false, winners: [] });
    const b = countPoll({ kind: 'budget', options: [{ id: 'x', cost: 1 }, { id: 'y', cost: 1 }], budget: 5, quorum: 1, eligible: 2, ballots: [['x']] });
    expect(b).toMatchObject({ valid: false, winners: [], budgetReasons: { x: 'lost: below quorum', y: 'lost: below quorum' } });
  });

  it('no eligible count: turnout null, always valid', () => {
    expect(countPoll({ kind: 'single', options: ['A', 'B'], ballots: ['A'] })).toMatchObject({ valid: true, turnout: null, quorumBallots: null });
  });
});

describe('definition errors', () => {
  it.each([
    ['an unknown kind', { kind: 'lottery', options: ['A', 'B'], ballots: [] }],
    ['duplicate options', { kind: 'single', options: ['A', 'A'], ballots: [] }],
    ['a single option', { kind: 'single', options: ['A'], ballots: [] }],
    ['a quorum without eligible', { kind: 'yesno', quorum: 0.5, ballots: [] }],
    ['a quorum above 1', { kind: 'yesno', quorum: 1.5, eligible: 10, ballots: [] }],
    ['a budget poll without a budget', { kind: 'budget', options: [{ id: 'a', cost: 1 }, { id: 'b', cost: 1 }], ballots: [] }],
    ['a negative cost', { kind: 'budget', options: [{ id: 'a', cost: -1 }, { id: 'b', cost: 1 }], budget: 5, ballots: [] }],
    ['an unknown threshold', { kind: 'yesno', threshold: 'unanimous', ballots: [] }],
    ['ballots missing', { kind: 'single', options: ['A', 'B'] }],
    ['not an object', 'yes'],
  ])('%s throws a clear PollDefinitionError', (_, input) => {
    expect(() => countPoll(input)).toThrow(PollDefinitionError);
    expect(() => countPoll(input)).toThrow(/^invalid poll definition:\n/);
  });
});

describe('determinism', () => {
  const elections: PollInput[] = [
    {
      kind: 'ranked',
      options: ['A', 'X', 'Y', 'E', 'F'],
      ballots: [...times(5, ['A']), ...times(3, ['X', 'A']), ...times(3, ['Y']), ['E', 'Y'], ['F', 'X'], ['F'], ['Z'], []],
    },
    {
      kind: 'budget',
      options: [{ id: 'p', cost: 70 }, { id: 'l', cost: 40 }, { id: 'b', cost: 20 }],
      budget: 100,
      ballots: [...times(3, ['p']), ...times(3, ['l', 'b']), ['p', 'l'], 'x'],
    },
    { kind: 'score', options: ['A', 'B', 'C'], ballots: [{ A: 1, B: 2 }, { A: 1, B: 0 }, { A: 0, B: 0, C: 9 }, { C: 1 }, { A: 'x' }] },
    { kind: 'multiple', options: ['A', 'B', 'C'], max: 2, ballots: [['A', 'B'], ['C'], ['B', 'C'], ['A', 'B', 'C'], ['A', 'A']] },
  ];

  it.each(elections.map((e) => [e.kind, e] as const))('%s: shuffled ballots give the same result', (_, election) => {
    const expected = JSON.stringify(countPoll(election));
    for (let seed = 1; seed <= 20; seed++) {
      const again = countPoll({ ...election, ballots: shuffled(election.ballots as unknown[], seed) });
      expect(JSON.stringify(again)).toBe(expected);
    }
  });
});

describe('CLI (scripts/poll.ts)', () => {
  const root = resolve(fileURLToPath(import.meta.url), '../../../..');
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/poll.ts', ...args], { cwd: root, encoding: 'utf8' });

  it('counts a poll file and prints the result as JSON; a bad file exits 2 with a message', () => {
    const dir = mkdtempSync(join(tmpdir(), 'linli-poll-'));
    try {
      const file = join(dir, 'election.json');
      writeFileSync(file, JSON.stringify({ kind: 'yesno', threshold: 'two-thirds', quorum: 0.5, eligible: 10, ballots: ['yes', 'yes', 'no', 'abstain', 'maybe'] }));
      const ok = run('count', '--file', file);
      expect(ok.status, ok.stderr).toBe(0);
      expect(JSON.parse(ok.stdout)).toMatchObject({
        kind: 'yesno',
        valid: true,
        passed: true,
        winners: ['yes'],
        counts: { yes: 2, no: 1, abstain: 1 },
        turnout: 0.5,
        invalid: 1,
      });

      const badDefinition = join(dir, 'bad.json');
      writeFileSync(badDefinition, JSON.stringify({ kind: 'single', options: ['A', 'A'], ballots: [] }));
      const bad = run('count', '--file', badDefinition);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toMatch(/invalid poll definition/);
      expect(bad.stderr).toMatch(/option ids must be unique/);

      const notJson = join(dir, 'garbage.json');
      writeFileSync(notJson, '{ nope');
      expect(run('count', '--file', notJson)).toMatchObject({ status: 2, stderr: expect.stringMatching(/is not valid JSON/) });
      expect(run('count', '--file', join(dir, 'missing.json'))).toMatchObject({ status: 2, stderr: expect.stringMatching(/cannot read/) });
      expect(run('count')).toMatchObject({ status: 2, stderr: expect.stringMatching(/missing --file/) });
      expect(run()).toMatchObject({ status: 2, stderr: expect.stringMatching(/usage/) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
