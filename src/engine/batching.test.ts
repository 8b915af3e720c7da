import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { padRight, planBatches } from './batching';

describe('planBatches', () => {
  it('covers every index exactly once and respects the budget', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 300 }), { maxLength: 80 }),
        fc.integer({ min: 300, max: 5000 }),
        fc.integer({ min: 1, max: 16 }),
        (lengths, tokenBudget, maxBatchSize) => {
          const batches = planBatches(lengths, { tokenBudget, maxBatchSize });
          const seen = batches.flat().sort((a, b) => a - b);
          expect(seen).toEqual(lengths.map((_, i) => i));
          for (const b of batches) {
            expect(b.length).toBeLessThanOrEqual(maxBatchSize);
            const longest = Math.max(...b.map((i) => lengths[i] ?? 0));
            if (b.length > 1) expect(b.length * longest).toBeLessThanOrEqual(tokenBudget);
          }
        },
      ),
    );
  });

  it('sorts by length so similar lengths share a batch', () => {
    expect(planBatches([100, 5, 90, 6], { tokenBudget: 200, maxBatchSize: 8 })).toEqual([
      [1, 3],
      [2, 0],
    ]);
  });

  it('starts a new batch rather than carry heavy padding', () => {
    // 10 and 400 together would pad 390 of 800 tokens: two runs are cheaper.
    expect(planBatches([400, 10, 12])).toEqual([[1, 2], [0]]);
    // Small absolute padding is always fine.
    expect(planBatches([20, 60])).toEqual([[0, 1]]);
  });
});

describe('padRight', () => {
  it('pads with the pad id and masks the padding', () => {
    const { ids, mask, width } = padRight([[7, 8, 9], [5]], 0);
    expect(width).toBe(3);
    expect([...ids]).toEqual([7n, 8n, 9n, 5n, 0n, 0n]);
    expect([...mask]).toEqual([1n, 1n, 1n, 1n, 0n, 0n]);
  });
});
