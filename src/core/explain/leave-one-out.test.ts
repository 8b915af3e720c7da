import { describe, expect, it } from 'vitest';
import type { ScoreInput } from '../types';
import {
  attributionsOf,
  explainRequestCount,
  isMultiPart,
  maxAbsAttribution,
  planExplain,
} from './leave-one-out';

const single: ScoreInput = {
  conversation: { turns: [{ role: 'user', content: 'What is the capital of France?' }] },
  response: 'Paris. It is on the Seine. It has about two million people. It is old.',
};

const multi: ScoreInput = {
  conversation: {
    system: 'Be brief.',
    turns: [
      { role: 'user', content: 'Hi.' },
      { role: 'assistant', content: 'Hello.' },
      { role: 'user', content: 'I am going to Paris. What should I see first?' },
    ],
  },
  response: 'The Louvre.',
};

describe('leave-one-out plan', () => {
  it('has one variant per response unit, each the response without that unit', () => {
    const plan = planExplain(single);
    expect(plan.responseKind).toBe('sentence');
    expect(plan.units.map((u) => u.text)).toEqual([
      'Paris.',
      'It is on the Seine.',
      'It has about two million people.',
      'It is old.',
    ]);
    expect(plan.variants[1]).toEqual({
      conversation: single.conversation,
      response: 'Paris. It has about two million people. It is old.',
    });
    expect(explainRequestCount(plan)).toBe(5);
  });

  it('adds the prompt side on request: system prompt, earlier exchange, the question’s sentences', () => {
    expect(isMultiPart(multi.conversation)).toBe(true);
    expect(isMultiPart(single.conversation)).toBe(false);
    const plan = planExplain(multi, { promptSide: true });
    const prompt = plan.units.filter((u) => u.place.side !== 'response');
    expect(prompt.map((u) => u.label)).toEqual([
      'system prompt',
      'earlier exchange, turns 1–2',
      'question sentence 1',
      'question sentence 2',
    ]);
    const at = (label: string) => plan.variants[plan.units.findIndex((u) => u.label === label)]!;
    expect(at('system prompt').conversation).toEqual({ turns: multi.conversation.turns });
    expect(at('earlier exchange, turns 1–2').conversation.turns).toEqual([multi.conversation.turns[2]]);
    expect(at('question sentence 1').conversation.turns.at(-1)!.content).toBe('What should I see first?');
    expect(plan.variants.every((v) => v.conversation.turns.at(-1)!.role === 'user')).toBe(true);
    // Without the option, only the response.
    expect(planExplain(multi).units.every((u) => u.place.side === 'response')).toBe(true);
  });

  it('credits each unit with exactly full − without', () => {
    const plan = planExplain(single);
    const scores = [1.5, 0.25, 2, -1, 1.5];
    const e = attributionsOf(plan, scores);
    expect(e.full).toBe(1.5);
    e.attributions.forEach((a, i) => {
      expect(a.without).toBe(scores[i + 1]);
      expect(a.attribution).toBe(1.5 - scores[i + 1]!);
    });
    expect(maxAbsAttribution(e.attributions)).toBe(2.5);
    expect(() => attributionsOf(plan, [1])).toThrow('expected 5 scores, got 1');
  });
});
