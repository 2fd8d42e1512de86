import { describe, expect, it } from 'vitest';
import { countPoll } from '@linli/shared';
import { choiceKey, definitionOf, eligibleAmong, householdKey, outcomeOf, sortedChoices } from './presenters.js';
import type { MembershipDoc } from '../members/member.model.js';
import type { PollDoc } from './poll.model.js';

type Def = Pick<PollDoc, 'kind' | 'options' | 'min' | 'max' | 'budget' | 'threshold' | 'quorum'>;
const poll = (over: Partial<Def>): Def => ({ kind: 'single', options: [], min: null, max: null, budget: null, threshold: null, quorum: null, ...over });
const options = (...labels: string[]) => labels.map((label, i) => ({ id: `o${i + 1}`, label, cost: null }));

describe('poll presenters', () => {
  it('the counting input: quorum only with eligible voters, budget costs, multiple limits', () => {
    expect(definitionOf(poll({ kind: 'yesno', quorum: 0.5 }), 0, ['yes'])).toEqual({ kind: 'yesno', threshold: 'majority', ballots: ['yes'] });
    expect(definitionOf(poll({ kind: 'yesno', quorum: 0.5, threshold: 'two-thirds' }), 10, [])).toEqual({ kind: 'yesno', threshold: 'two-thirds', ballots: [], eligible: 10, quorum: 0.5 });
    expect(definitionOf(poll({ kind: 'multiple', options: options('a', 'b', 'c'), min: 2 }), 3, [])).toEqual({ kind: 'multiple', options: ['o1', 'o2', 'o3'], min: 2, ballots: [], eligible: 3 });
    expect(definitionOf(poll({ kind: 'budget', options: [{ id: 'o1', label: 'a', cost: 5 }, { id: 'o2', label: 'b', cost: 7 }], budget: 10 }), 0, [])).toEqual({
      kind: 'budget',
      options: [{ id: 'o1', cost: 5 }, { id: 'o2', cost: 7 }],
      budget: 10,
      ballots: [],
    });
  });

  it('outcome lines: thresholds, ties, quorum, IRV rounds, score means, budgets', () => {
    const yesno = poll({ kind: 'yesno', threshold: 'two-thirds' });
    expect(outcomeOf(yesno, countPoll({ ...definitionOf(yesno, 0, ['yes', 'yes', 'no']) }))).toBe('通过（赞成 67%）');
    expect(outcomeOf(yesno, countPoll({ ...definitionOf(yesno, 0, ['yes', 'no', 'abstain']) }))).toBe('未通过（赞成 50%）');
    expect(outcomeOf(yesno, countPoll({ ...definitionOf(yesno, 0, ['abstain']) }))).toBe('未通过（无赞成或反对票）');
    const quorate = poll({ kind: 'yesno', quorum: 0.5 });
    expect(outcomeOf(quorate, countPoll(definitionOf(quorate, 10, ['yes'])))).toBe('无效（未达最低投票率：1 票，需 5 票）');
    const single = poll({ options: options('东门', '西门') });
    expect(outcomeOf(single, countPoll(definitionOf(single, 0, ['o1', 'o2'])))).toBe('并列第一：东门、西门');
    const ranked = poll({ kind: 'ranked', options: options('A', 'B', 'C') });
    expect(outcomeOf(ranked, countPoll(definitionOf(ranked, 0, [['o1'], ['o2'], ['o3', 'o2']])))).toBe('胜出：B（第 2 轮）');
    const score = poll({ kind: 'score', options: options('义诊', '电影') });
    expect(outcomeOf(score, countPoll(definitionOf(score, 0, [{ o1: 5 }, { o1: 4, o2: 2 }])))).toBe('胜出：义诊（平均 4.5 分）');
    const budget = poll({ kind: 'budget', options: [{ id: 'o1', label: '屋顶', cost: 80 }, { id: 'o2', label: '扶手', cost: 30 }, { id: 'o3', label: '路灯', cost: 40 }], budget: 100 });
    expect(outcomeOf(budget, countPoll(definitionOf(budget, 0, [['o1'], ['o1'], ['o2', 'o3'], ['o2', 'o3']])))).toBe('入选：扶手、路灯（70 / 100）');
  });

  it('ballots sort by their canonical text, whatever their key order or storage order', () => {
    expect(choiceKey({ b: 1, a: 2 })).toBe(choiceKey({ a: 2, b: 1 }));
    expect(sortedChoices([['o2'], 'yes', { o2: 1, o1: 3 }, ['o1']])).toEqual(sortedChoices([{ o1: 3, o2: 1 }, ['o1'], 'yes', ['o2']]));
  });

  it('eligible voters: members, verified, verified households (one per building | unit | room, spacing and case folded)', () => {
    const m = (status: 'verified' | 'unverified' | null, room = '1201', building = '3栋'): MembershipDoc =>
      ({ household: status ? { building, unit: '2单元', room, status } : null }) as unknown as MembershipDoc;
    const all = [m('verified'), m('verified', ' 1201 ', ' 3栋'), m('verified', '302'), m('unverified', '501'), m(null)];
    expect(eligibleAmong(all, 'members')).toBe(5);
    expect(eligibleAmong(all, 'verified')).toBe(3);
    expect(eligibleAmong(all, 'household')).toBe(2);
    expect(householdKey({ building: '3 栋', unit: '2单元', room: 'A1201' })).toBe(householdKey({ building: '3栋', unit: '2单元 ', room: 'a1201' }));
  });
});
