import { describe, expect, it } from 'vitest';
import type { ScoreTexts } from './hack-search';
import { attributionsOf, planExplain } from './leave-one-out';
import { bestSwaps, candidateEdits, freeFlips, separate } from './separate';

const conversation = { turns: [{ role: 'user' as const, content: 'q' }] };
/** A transparent rule: each "good" scores 1, each "bad" −1. */
const rule = (t: string) => (t.match(/good/g)?.length ?? 0) - (t.match(/bad/g)?.length ?? 0);
const explained = (response: string) => {
  const plan = planExplain({ conversation, response }, { wordsUpToSentences: 0 });
  return attributionsOf(
    plan,
    [plan.input, ...plan.variants].map((i) => rule(i.response)),
  );
};
const scoreBy =
  (log: string[]): ScoreTexts =>
  async (texts) => {
    log.push(...texts);
    return texts.map(rule);
  };

describe('what separates #1 and #2', () => {
  const first = explained('This is good. This is good too. Filler here.');
  const second = explained('This is bad. Filler there.');

  it('swaps each answer’s best unit in for the other’s weakest', () => {
    const swaps = bestSwaps(first, second);
    expect(swaps.map((s) => [s.side, s.text])).toEqual([
      ['first', 'This is good. This is good too. Filler there.'],
      ['second', 'This is good. Filler there.'],
    ]);
  });

  it('finds flips among left-out units without scoring anything', () => {
    // Leaving a unit out of #1 (score 2) never drops it under #2 (−1); leaving "bad" out of #2 gives 0: no flip.
    expect(freeFlips(first, second)).toEqual([]);
    const close = explained('This is good. Filler.');
    const worse = explained('This is bad. This is good. Nothing.');
    // #1 = 1, #2 = 0: #2 without "This is bad." scores 1 — not above; #1 without "This is good." scores 0 — not under.
    expect(freeFlips(close, worse)).toEqual([]);
  });

  it('returns the smallest flipping edit it found, nothing smaller flips, and keeps to the budget', async () => {
    const a = explained('This is good. Filler here.');
    const b = explained('This is bad. This is good too.');
    const log: string[] = [];
    const r = await separate(a, b, scoreBy(log), { budget: 64 });
    expect(r.requests).toBe(log.length);
    // #2 with its "bad" sentence replaced by #1's "good" one: 2 > 1.
    expect(r.flip).toMatchObject({
      side: 'second',
      flips: true,
      score: 2,
      text: 'This is good. This is good too.',
    });
    for (const e of candidateEdits(a, b).filter((e) => e.size < r.flip!.size)) {
      const v = rule(e.text);
      expect(e.side === 'first' ? v < b.full : v > a.full).toBe(false);
    }
    const tight = await separate(a, b, scoreBy([]), { budget: 3 });
    expect(tight.requests).toBeLessThanOrEqual(3);
  });

  it('reports no flip when no single edit flips the ranking', async () => {
    const r = await separate(first, second, scoreBy([]), { budget: 200 });
    expect(r.flip).toBeNull();
    expect(r.swaps.map((s) => s.flips)).toEqual([false, false]);
  });
});
