import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flattenPromptSide, planPairTruncation, truncateDecoderIds } from './flatten';

describe('planPairTruncation', () => {
  it('never exceeds the budget, never goes negative, keeps what fits', () => {
    fc.assert(
      fc.property(fc.nat(2000), fc.nat(2000), fc.integer({ min: 0, max: 600 }), (p, r, budget) => {
        const plan = planPairTruncation(p, r, budget);
        expect(plan.keepPrompt).toBeGreaterThanOrEqual(0);
        expect(plan.keepResponse).toBeGreaterThanOrEqual(0);
        expect(plan.keepPrompt).toBeLessThanOrEqual(p);
        expect(plan.keepResponse).toBeLessThanOrEqual(r);
        if (p + r <= budget) expect([plan.keepPrompt, plan.keepResponse]).toEqual([p, r]);
        else expect(plan.keepPrompt + plan.keepResponse).toBeLessThanOrEqual(budget);
        expect(plan.truncated).toBe(p + r > budget);
      }),
    );
  });

  it('keeps up to 64 prompt tokens against a long response', () => {
    expect(planPairTruncation(100, 1000, 253)).toEqual({
      keepPrompt: 64,
      keepResponse: 189,
      truncated: true,
    });
    expect(planPairTruncation(1000, 20, 253)).toEqual({ keepPrompt: 233, keepResponse: 20, truncated: true });
  });

  it('a budget under 64 still holds (found in review: the response count went negative)', () => {
    expect(planPairTruncation(100, 100, 40)).toEqual({ keepPrompt: 40, keepResponse: 0, truncated: true });
  });
});

describe('truncateDecoderIds', () => {
  it('keeps the BOS and the last tokens', () => {
    expect(truncateDecoderIds([1, 5, 6, 7, 8], 3, 1)).toEqual({ ids: [1, 7, 8], truncated: true });
    expect(truncateDecoderIds([5, 6, 7, 8], 3, 1)).toEqual({ ids: [6, 7, 8], truncated: true });
    expect(truncateDecoderIds([1, 5], 3, 1)).toEqual({ ids: [1, 5], truncated: false });
  });
});

describe('flattenPromptSide', () => {
  it('uses the bare text for one user turn and role lines otherwise', () => {
    expect(flattenPromptSide({ turns: [{ role: 'user', content: 'Hi' }] })).toBe('Hi');
    expect(
      flattenPromptSide({
        system: 'Be brief.',
        turns: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello' },
          { role: 'user', content: 'Bye' },
        ],
      }),
    ).toBe('System: Be brief.\nUser: Hi\nAssistant: Hello\nUser: Bye');
  });
});
